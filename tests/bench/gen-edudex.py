#!/usr/bin/env python3
"""gen-edudex: a deterministic EDU-DEX feed for the import benchmark.

usage: gen-edudex.py N OUTDIR [FORM]

FORM json (default): OUTDIR/programs-NNN.json, Data API v1 program lists
of 1000 programs each. FORM xml: OUTDIR/directory.xml naming one program
XML file per program (OUTDIR/p/NNNNNNN.xml). Each program has Dutch and
English names, summaries and descriptions, search words, one or two EDU-DEX
themes, a level, a duration and one to three runs (one in three canceled)
with a place, a geoCode and a cost, about 2 KB of JSON. The same arguments
always give the same bytes.
"""
import json
import os
import random
import sys
from xml.sax.saxutils import escape

n = int(sys.argv[1])
out = sys.argv[2]
form = sys.argv[3] if len(sys.argv) > 3 else "json"
os.makedirs(out, exist_ok=True)

NL = ("lassen koken rekenen taal computer solliciteren zorg tuin fiets geld "
      "gezondheid muziek lezen schrijven samen leren werken bouwen naaien "
      "timmeren schilderen digitaal veilig buurt heftruck magazijn").split()
EN = ("welding cooking arithmetic language computer applying care garden "
      "bicycle money health music reading writing together learning working "
      "building sewing carpentry painting digital safe neighbourhood forklift "
      "warehouse").split()
THEMES = ["automation and it", "care and personal care", "languages",
          "procurement and logistics", "manufacturing engineering and construction",
          "health and safety", "personal development", "internet and media"]
LEVELS = ["mbo niveau 1", "mbo niveau 2", "mbo niveau 3", "mbo niveau 4", "none", "hbo"]
CITIES = [("Zwolle", "52.51,6.09"), ("Delft", "52.01,4.36"), ("Utrecht", "52.09,5.12"),
          ("Groningen", "53.22,6.57"), ("Tilburg", "51.56,5.09"), ("Arnhem", "51.98,5.91")]


def words(r, vocab, k):
    return " ".join(r.choice(vocab) for _ in range(k))


def program(i):
    r = random.Random(i)
    runs = []
    for k in range(r.randint(1, 3)):
        city, geo = r.choice(CITIES)
        runs.append({
            "id": "run-%d-%d" % (i, k),
            "status": "canceled" if r.randint(0, 2) == 0 else "application opened",
            "startDate": {"date": "2027-%02d-%02d" % (r.randint(1, 12), r.randint(1, 28)), "isFinal": True},
            "endDate": {"date": "2028-%02d-%02d" % (r.randint(1, 12), r.randint(1, 28)), "isFinal": True},
            "location": {"address": "Straat %d" % r.randint(1, 200), "zipcode": "1234 AB",
                         "city": city, "geoCode": geo},
            "cost": [{"amount": "%d.00" % r.randint(0, 2000), "costType": "tuition fee",
                      "currency": "EUR", "isRequiredCost": True}],
        })
    return {
        "programClassification": {
            "orgUnitId": "bench-org", "programId": "P%07d" % i,
            "programLevel": r.choice(LEVELS), "programType": "training",
            "programForm": ["part-time"], "programDuration": {"weeks": r.randint(1, 52)},
            "theme": r.sample(THEMES, r.randint(1, 2))},
        "programDescriptions": {
            "programName": {"nl": words(r, NL, r.randint(2, 5)), "en": words(r, EN, r.randint(2, 5))},
            "programSummaryText": {"nl": words(r, NL, 20), "en": words(r, EN, 20)},
            "programDescriptionText": {"nl": words(r, NL, 80), "en": words(r, EN, 80)},
            "searchword": {"nl": [words(r, NL, 1) for _ in range(3)]},
            "webLink": {"nl": "https://bench.example/p/%d" % i}},
        "programContacts": {"contactData": [{"contactName": "Balie", "role": "info",
                                             "telephone": "010-1234567"}]},
        "programSchedule": {"programRun": runs},
    }


def xml_value(name, v, ind=""):
    """The XML form of one member (see docs/edudex-import.md)."""
    if isinstance(v, dict) and v and all(len(k) == 2 for k in v):   # localized set
        parts = []
        for lang, t in v.items():
            for one in (t if isinstance(t, list) else [t]):
                parts.append('<%s xml:lang="%s">%s</%s>' % (name, lang, escape(one), name))
        return "".join(parts)
    if isinstance(v, list):
        return "".join(xml_value(name, x) for x in v)
    if isinstance(v, dict):
        return "<%s>%s</%s>" % (name, "".join(xml_value(k, x) for k, x in v.items()), name)
    if isinstance(v, bool):
        v = "true" if v else "false"
    return "<%s>%s</%s>" % (name, escape(str(v)), name)


if form == "json":
    for f in range(0, n, 1000):
        with open(os.path.join(out, "programs-%03d.json" % (f // 1000)), "w") as fh:
            json.dump([program(i) for i in range(f + 1, min(n, f + 1000) + 1)], fh,
                      ensure_ascii=False)
else:
    os.makedirs(os.path.join(out, "p"), exist_ok=True)
    with open(os.path.join(out, "directory.xml"), "w") as d:
        d.write('<?xml version="1.0" encoding="UTF-8"?>\n<edudexDirectory xmlns="'
                'http://studieData.nl/schema/edudex/directory"><editor>bench</editor>'
                '<generator>gen-edudex.py</generator><version>1</version>'
                '<orgUnitId>bench-org</orgUnitId>\n')
        for i in range(1, n + 1):
            name = "p/%07d.xml" % i
            with open(os.path.join(out, name), "w") as fh:
                fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<program xmlns="'
                         'http://studieData.nl/schema/edudex/program">')
                for k, v in program(i).items():
                    fh.write(xml_value(k, v))
                fh.write("</program>\n")
            d.write("<programResource><programId>P%07d</programId><resourceUrl>%s"
                    "</resourceUrl></programResource>\n" % (i, name))
        d.write("</edudexDirectory>\n")
