#!/usr/bin/env python3
"""harvest-feeds.py ROOT STEP: write the providers' feeds that
tests/integration/harvest-nginx.test serves, as they are at STEP.

  ooapi/courses-N.json  an OOAPI v5 collection, 3 pages of 2 courses
  xcri/catalog.xml      an XCRI-CAP 1.2 catalogue of 2 courses (3 from
                        step "xcri-added" on)
  private/act.csv       a Leerpunt CSV file of 3 activities (2 from step
                        "csv-removed" on)
  edudex/directory.xml  an EDU-DEX directory with the institute, 2
                        programs and a sub-directory with a third

Steps are cumulative in this order: base, page2-changed, program-changed,
page1-changed, xcri-added, csv-removed, page3-changed. Files are only rewritten when
their content changes, so unchanged files keep their ETag.
"""
import json
import os
import sys

STEPS = ["base", "page2-changed", "program-changed", "page1-changed",
         "xcri-added", "csv-removed", "page3-changed"]
root, step = sys.argv[1], sys.argv[2]
at = STEPS.index(step)


def write(rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    old = None
    if os.path.exists(path):
        if open(path, encoding="utf-8").read() == text:
            return
        old = int(os.stat(path).st_mtime)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".tmp", path)
    # nginx's ETag and Last-Modified are the whole second and the size:
    # a change of the same size within the second of the last write
    # would be answered 304. A changed file gets a later second.
    if old is not None and int(os.stat(path).st_mtime) <= old:
        os.utime(path, (old + 1, old + 1))


def course(cid, title):
    return {"courseId": cid, "organization": "org-roc",
            "name": [{"language": "nl-NL", "value": title}],
            "description": [{"language": "nl-NL",
                             "value": "Een cursus van het ROC: " + title}]}


titles = {"c1": "Lassen voor beginners", "c2": "Metselen",
          "c3": "Heftruck rijden", "c4": "Nederlands op het werk",
          "c5": "Computer basis", "c6": "Zorg en welzijn"}
if at >= 1:
    titles["c3"] = "Heftruck rijden met certificaat"
if at >= 3:
    titles["c1"] = "Lassen voor beginners en gevorderden"
if at >= 6:
    titles["c6"] = "Zorg en welzijn in de wijk"
ids = sorted(titles)
for n in (1, 2, 3):
    items = [course(i, titles[i]) for i in ids[2 * (n - 1):2 * n]]
    page = {"pageSize": 2, "pageNumber": n, "hasPreviousPage": n > 1,
            "hasNextPage": n < 3, "totalPages": 3, "items": items}
    write("ooapi/courses-%d.json" % n, json.dumps(page, indent=1) + "\n")

xcourses = [("x1", "Fietsenmaker"), ("x2", "Kapper")]
if at >= 4:
    xcourses.append(("x3", "Bakker"))
body = "".join(
    "<course><dc:identifier>%s</dc:identifier>"
    "<dc:title xml:lang='nl'>%s</dc:title></course>\n" % c for c in xcourses)
write("xcri/catalog.xml",
      "<?xml version='1.0' encoding='UTF-8'?>\n"
      "<catalog xmlns='http://xcri.org/profiles/1.2/catalog' "
      "xmlns:dc='http://purl.org/dc/elements/1.1/' "
      "xmlns:mlo='http://purl.org/net/mlo'>\n"
      "<provider><dc:identifier>https://www.vakschool.example/"
      "</dc:identifier><dc:title>Vakschool</dc:title>\n" + body +
      "</provider></catalog>\n")

rows = [("taalcafe", "Taalcafé"), ("digicafe", "Digicafé"),
        ("repaircafe", "Repair Café")]
if at >= 5:
    rows = rows[:2]
write("private/act.csv",
      "id,kind,provider,themes,title_nl\n" +
      "".join("%s,community,Bibliotheek,language,%s\n" % r for r in rows))

NS = "http://studieData.nl/schema/edudex"
programs = {"p1": ("2026-11-01T10:00:00", "Excel voor het werk"),
            "p2": ("2026-11-02T10:00:00", "Klantcontact"),
            "p3": ("2026-11-03T10:00:00", "Veilig werken VCA")}
if at >= 2:
    programs["p2"] = ("2026-11-20T09:30:00", "Klantcontact aan de telefoon")


def resource(pid):
    return ("<programResource><lastEdited>%s</lastEdited>"
            "<programId>%s</programId><resourceUrl>programs/%s.xml"
            "</resourceUrl></programResource>\n" % (programs[pid][0], pid, pid))


def directory(pids, subs, institute=""):
    return ("<?xml version='1.0' encoding='UTF-8'?>\n"
            "<edudexDirectory xmlns='%s/directory'>\n"
            "<editor>Opleider Zuid</editor><generator>test</generator>"
            "<version>1</version>%s<orgUnitId>opleider-zuid</orgUnitId>\n"
            % (NS, institute)
            + "".join("<subDirectory>%s</subDirectory>\n" % s for s in subs)
            + "".join(resource(p) for p in pids) + "</edudexDirectory>\n")


write("edudex/directory.xml", directory(
    ["p1", "p2"], ["more/directory.xml"],
    "<instituteDataResource>institute.xml</instituteDataResource>"))
write("edudex/institute.xml",
      "<?xml version='1.0' encoding='UTF-8'?>\n"
      "<instituteData xmlns='%s/institute'>"
      "<instituteName xml:lang='nl'>Opleider Zuid</instituteName>"
      "</instituteData>\n" % NS)
write("edudex/more/directory.xml", directory(["p3"], []))
for pid, (edited, name) in programs.items():
    sub = "more/" if pid == "p3" else ""
    write("edudex/%sprograms/%s.xml" % (sub, pid),
          "<?xml version='1.0' encoding='UTF-8'?>\n"
          "<program xmlns='%s/program'>\n<editor>Opleider Zuid</editor>"
          "<format>1</format><generator>test</generator>"
          "<lastEdited>%s</lastEdited>\n<programClassification>"
          "<programId>%s</programId></programClassification>\n"
          "<programDescriptions><programName xml:lang='nl'>%s</programName>"
          "</programDescriptions>\n</program>\n" % (NS, edited, pid, name))
