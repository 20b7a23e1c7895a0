#!/usr/bin/env python3
"""gen-catalog: a deterministic catalogue CSV for the sync benchmark.

usage: gen-catalog.py N [ROUND]

Writes N entries (courses and communities over the demo themes, Dutch and
English titles, a summary and a description) to standard output in the
CSV format of docs/csv-format.md. With ROUND > 0, one entry in every 100
(1 %, which ones depends on ROUND) gets a new title, summary and cost, as
a provider's weekly update would. The same arguments always give the same
bytes.
"""
import random
import sys

n = int(sys.argv[1])
rnd = int(sys.argv[2]) if len(sys.argv) > 2 else 0

THEMES = ["technical", "energy", "care", "logistics", "language", "digital",
          "construction", "media", "safety", "career"]
CITIES = ["Zwolle", "Assen", "Delft", "Leiden", "Gouda", "Utrecht",
          "Groningen", "Tilburg", "Breda", "Arnhem", "Enschede", "Almere"]
WORDS = ["lassen", "koken", "rekenen", "taal", "computer", "solliciteren",
         "zorg", "tuin", "fiets", "geld", "gezondheid", "muziek", "lezen",
         "schrijven", "samen", "leren", "werken", "bouwen", "naaien",
         "timmeren", "schilderen", "digitaal", "veilig", "buurt"]
EN = {"lassen": "welding", "koken": "cooking", "rekenen": "arithmetic",
      "taal": "language", "computer": "computer", "solliciteren": "applying",
      "zorg": "care", "tuin": "garden", "fiets": "bicycle", "geld": "money",
      "gezondheid": "health", "muziek": "music", "lezen": "reading",
      "schrijven": "writing", "samen": "together", "leren": "learning",
      "werken": "working", "bouwen": "building", "naaien": "sewing",
      "timmeren": "carpentry", "schilderen": "painting",
      "digitaal": "digital", "veilig": "safe", "buurt": "neighbourhood"}

print("id,kind,provider,themes,city,title_nl,title_en,summary_nl,"
      "description_nl,start,cost")
for i in range(1, n + 1):
    r = random.Random(i)
    changed = rnd > 0 and (i + rnd * 37) % 100 == 0
    if changed:
        r = random.Random(i * 1000003 + rnd)
    a, b = r.sample(WORDS, 2)
    kind = "course" if i % 5 else "community"
    title = "%s en %s %d" % (a.capitalize(), b, i)
    title_en = "%s and %s %d" % (EN[a].capitalize(), EN[b], i)
    summary = "Leer %s en %s in %s." % (a, b, CITIES[i % len(CITIES)])
    desc = " ".join(r.choice(WORDS) for _ in range(18)) + "."
    month = 1 + r.randrange(12)
    cost = r.randrange(0, 500) if kind == "course" else 0
    print("bench-%d,%s,Aanbieder %d,%s,%s,%s,%s,%s,%s,2031-%02d-01,%d" % (
        i, kind, i % 400, THEMES[i % len(THEMES)], CITIES[i % len(CITIES)],
        title, title_en, summary, desc, month, cost))
