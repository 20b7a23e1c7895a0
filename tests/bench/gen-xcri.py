#!/usr/bin/env python3
"""gen-xcri: write a deterministic XCRI-CAP 1.2 feed for the import benchmark.

usage: gen-xcri.py [COURSES [PROVIDERS [short]]] > feed.xml

Same output for the same COURSES (a fixed-seed generator, no clock):
COURSES courses (default 320) from PROVIDERS providers (default 8; 1 for
the one-provider benchmark of issue 17; "short" writes each course with a
Dutch title, a subject, an abstract and one presentation only, so 100,000
fit the importer's 64 MiB file limit), with 2 or 3 presentations
each (about 2.3 per course, so 320 courses give 747 presentations), Dutch
and English titles, XHTML descriptions, venues, costs and attendance modes.
"""
import random
import sys
from xml.sax.saxutils import escape

WORDS = ("lassen metselen zorg energie warmtepomp zonnepanelen logistiek "
         "heftruck taal digitaal veiligheid loopbaan media installatie "
         "elektro onderhoud techniek planning klant service").split()
EN = ("welding bricklaying care energy heat pump solar logistics forklift "
      "language digital safety career media installation electrical "
      "maintenance technology planning customer service").split()
TOWNS = ("Rotterdam Utrecht Zwolle Groningen Eindhoven Tilburg Almere "
         "Arnhem Leiden Delft").split()
MODES = ("CM", "DA", "DS", "MM", "ON", "WB")
COSTS = ("free", "\u20ac 450", "1.250,50 euro", "EUR 99", "GBP 300",
         "\u20ac 2.400")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 320
    rnd = random.Random(20261127)
    out = sys.stdout
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<catalog xmlns="http://xcri.org/profiles/1.2/catalog"'
              ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
              ' xmlns:mlo="http://purl.org/net/mlo"'
              ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
              ' xmlns:geo="http://www.w3.org/2003/01/geo/wgs84_pos"'
              ' xmlns:xhtml="http://www.w3.org/1999/xhtml"'
              ' generated="2026-11-27T00:00:00Z">\n')
    providers = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    short = len(sys.argv) > 3 and sys.argv[3] == "short"
    course = 0
    for p in range(providers):
        town = TOWNS[p % len(TOWNS)]
        out.write('<provider><dc:identifier>https://roc%d.example/'
                  '</dc:identifier><dc:title>ROC %s</dc:title>'
                  '<mlo:url>https://roc%d.example/</mlo:url>\n'
                  % (p, town, p))
        count = n // providers + (1 if p < n % providers else 0)
        for _ in range(count):
            course += 1
            k = rnd.randrange(len(WORDS))
            j = rnd.randrange(len(WORDS))
            out.write('<course><dc:identifier>https://roc%d.example/'
                      'opleiding?id=%d</dc:identifier>' % (p, course))
            if short:
                out.write('<dc:title xml:lang="nl">%s en %s %d</dc:title>'
                          '<dc:subject xsi:type="isced" identifier="0713">x'
                          '</dc:subject><abstract xml:lang="nl">Je leert %s.'
                          '</abstract><presentation><dc:identifier>p%d'
                          '</dc:identifier><mlo:start dtf="2027-%02d-01">s'
                          '</mlo:start><mlo:cost>EUR %d</mlo:cost>'
                          '</presentation></course>\n'
                          % (WORDS[k].capitalize(), WORDS[j], course,
                             WORDS[j], course, rnd.randrange(1, 13),
                             rnd.randrange(0, 999)))
                continue
            out.write('<dc:title xml:lang="nl">%s en %s %d</dc:title>'
                      % (WORDS[k].capitalize(), WORDS[j], course))
            out.write('<dc:title xml:lang="en">%s and %s %d</dc:title>'
                      % (EN[k].capitalize(), EN[j], course))
            out.write('<dc:subject xsi:type="isced" identifier="%s">x'
                      '</dc:subject>' % rnd.choice(
                          ("0713", "0715", "0732", "0913", "1041",
                           "0613", "0231", "1032")))
            out.write('<abstract xml:lang="nl">Je leert %s in %d weken.'
                      '</abstract>' % (WORDS[k], rnd.randrange(4, 40)))
            out.write('<dc:description xml:lang="nl"><xhtml:div>')
            for _ in range(3):
                out.write('<xhtml:p>%s</xhtml:p>' % escape(" ".join(
                    rnd.choice(WORDS) for _ in range(30))))
            out.write('<xhtml:ul><xhtml:li>%s</xhtml:li><xhtml:li>%s'
                      '</xhtml:li></xhtml:ul></xhtml:div></dc:description>'
                      % (rnd.choice(WORDS), rnd.choice(WORDS)))
            out.write('<mlo:url>https://roc%d.example/opleiding?id=%d'
                      '</mlo:url>' % (p, course))
            for s in range(3 if course % 3 == 1 else 2):
                y = 2027 + s
                m = rnd.randrange(1, 13)
                out.write('<presentation><dc:identifier>p%d-%d'
                          '</dc:identifier>' % (course, s))
                out.write('<mlo:start dtf="%d-%02d-01">%d</mlo:start>'
                          '<end dtf="%d-%02d-28">end</end>'
                          % (y, m, y, y + 1, m))
                out.write('<mlo:duration interval="P%dW">w</mlo:duration>'
                          % rnd.randrange(4, 52))
                out.write('<attendanceMode identifier="%s">m'
                          '</attendanceMode>' % rnd.choice(MODES))
                out.write('<mlo:languageOfInstruction>%s'
                          '</mlo:languageOfInstruction>'
                          % rnd.choice(("nl", "en", "nld")))
                out.write('<mlo:cost>%s</mlo:cost>'
                          % escape(rnd.choice(COSTS)))
                out.write('<venue><provider><dc:title>Locatie %s %d'
                          '</dc:title><mlo:location><mlo:address>Straat %d'
                          '</mlo:address><mlo:town>%s</mlo:town>'
                          '<geo:lat>52.%d</geo:lat><geo:long>4.%d</geo:long>'
                          '</mlo:location></provider></venue>'
                          '</presentation>\n'
                          % (town, s, rnd.randrange(1, 200),
                             rnd.choice(TOWNS), rnd.randrange(10, 99),
                             rnd.randrange(10, 99)))
            out.write('</course>\n')
        out.write('</provider>\n')
    out.write('</catalog>\n')


if __name__ == "__main__":
    main()
