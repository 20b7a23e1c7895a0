#!/usr/bin/env python3
"""gen-ooapi: a deterministic OOAPI v5 course catalogue for the import
benchmark.

usage: gen-ooapi.py N OUTDIR [PAGES]

Writes N courses in four languages (nl, en, de, fr: name, description,
admissionRequirements, learningOutcomes) as PAGES paged collections
(OUTDIR/page-NNN.json, {"pageNumber", "hasNextPage", "items"}; default
100), about 2.4 KB of JSON a course, and one organization
(OUTDIR/organization.json) that
the courses name by an id that is not an object of the import (so each
course's provider is "the only organization of the import", the path
that was O(n^2)). The same arguments always give the same bytes.
"""
import json
import os
import random
import sys

n = int(sys.argv[1])
out = sys.argv[2]
pages = int(sys.argv[3]) if len(sys.argv) > 3 else 100
os.makedirs(out, exist_ok=True)

WORDS = {
    "nl": "lassen koken rekenen taal computer solliciteren zorg tuin fiets geld "
          "gezondheid muziek lezen schrijven samen leren werken bouwen naaien "
          "timmeren schilderen digitaal veilig buurt heftruck magazijn".split(),
    "en": "welding cooking arithmetic language computer applying care garden "
          "bicycle money health music reading writing together learning working "
          "building sewing carpentry painting digital safe neighbourhood forklift".split(),
    "de": "schweissen kochen rechnen sprache computer bewerben pflege garten "
          "fahrrad geld gesundheit musik lesen schreiben zusammen lernen arbeiten "
          "bauen naehen tischlern malen digital sicher nachbarschaft stapler".split(),
    "fr": "soudage cuisine calcul langue ordinateur candidature soins jardin velo "
          "argent sante musique lecture ecriture ensemble apprendre travailler "
          "construire couture menuiserie peinture numerique securite quartier".split(),
}
FIELDS = ["0713", "0913", "1013", "0231", "0611", "0732", "1041", "0413"]


def lts(r, lang, words):
    return {"language": lang, "value": " ".join(r.choice(WORDS[lang]) for _ in range(words))}


with open(os.path.join(out, "organization.json"), "w") as f:
    json.dump({"organizationId": "org-bench", "type": "institution",
               "name": [{"language": "nl", "value": "Opleidingscentrum Benchmark"}]}, f)
per = (n + pages - 1) // pages
i = 0
for p in range(1, pages + 1):
    items = []
    for _ in range(per):
        if i >= n:
            break
        i += 1
        r = random.Random(i)
        langs = ["nl", "en", "de", "fr"]
        items.append({
            "courseId": "course-%07d" % i,
            "name": [lts(r, l, r.randint(2, 5)) for l in langs],
            "abbreviation": "C%d" % i,
            "description": [lts(r, l, r.randint(25, 45)) for l in langs],
            "admissionRequirements": [lts(r, l, 8) for l in langs],
            "learningOutcomes": [[lts(r, l, 6) for l in langs]],
            "teachingLanguage": "nld",
            "level": "secondary vocational education %d" % r.randint(1, 4),
            "fieldsOfStudy": r.choice(FIELDS),
            "link": "https://bench.example/course/%d" % i,
            "organization": "00000000-0000-0000-0000-%012d" % i,
        })
    with open(os.path.join(out, "page-%03d.json" % p), "w") as f:
        json.dump({"pageNumber": p, "hasNextPage": p < pages, "items": items},
                  f, ensure_ascii=False)
