#!/usr/bin/env python3
"""stats-report.py: helpers for stats-report.test (standard library only).

  gen KIOSK_INDEX STATE.db EXPECT.json   fill a state database with two
      weeks of counts (and words) and add what the report must show to
      EXPECT.json (made or extended)
  check REPORT_DIR EXPECT.json DOM.html SHOT.png
      check the CSVs against EXPECT.json, the DOM's SVG bars against the
      CSVs, and that the screenshot is not blank; prints "PASS what" or
      "FAIL what: why" lines
"""
import csv
import html.parser
import json
import os
import sqlite3
import struct
import sys
import zlib

DAYS = ["2026-11-%02d" % d for d in range(16, 30)]     # ISO weeks 47, 48
LANGS = ["en", "nl", "ar", "uk"]
THEMES = ["technical", "care", "energy"]
COURSES = ["Welding for job seekers", "Dutch at work",
           "<script>alert(1)</script> & \"care\""]


def gen(k, path, expect_path):
    expect = {}
    if os.path.exists(expect_path):
        with open(expect_path) as f:
            expect = json.load(f)
    db = sqlite3.connect(path)
    tot = expect.setdefault("totals", {})
    per = expect.setdefault("sessions", {})

    def add(day, what, key, n):
        if n <= 0:
            return
        db.execute("INSERT INTO stats_count(day, what, key, n) "
                   "VALUES (?, ?, ?, ?)", (day, what, key, n))
        t = tot.setdefault(what, {})
        t[key] = t.get(key, 0) + n

    for i, day in enumerate(DAYS):
        s = (k * 7 + i * 3) % 11 + 1
        per["%d/%s" % (k, day)] = s
        add(day, "session", "", s)
        add(day, "end", "finished", s // 2)
        add(day, "end", "idle", s - s // 2 - (1 if s > 3 else 0))
        add(day, "end", "staff", 1 if s > 3 else 0)
        for j, lang in enumerate(LANGS):
            add(day, "language", lang, (s + j + k) % 4)
        for j, theme in enumerate(THEMES):
            add(day, "theme", theme, (s * (j + 1) + k) % 5)
        add(day, "entry", "", s * 2)
        add(day, "qr", "", s)
        add(day, "search_found", "", s + 1)
        add(day, "search_none", "", s // 3)
        add(day, "question", "where", s // 2)
        if (i + k) % 3 == 0:
            add(day, "enrolment", COURSES[(i // 3 + k) % len(COURSES)], 1)
    # Search words in the current ISO week of the file's last day: week 48.
    # (Week 47 is sealed with its words gone already in real use; here both
    # weeks get words, by their own week.)
    words = expect.setdefault("words", {})
    for week, rows in (("2026-W47", [("heftruck", 5 + k), ("lasser", 4)]),
                       ("2026-W48", [("zorgcursus", 6), ("vier", 4)])):
        for word, n in rows:
            db.execute("INSERT INTO stats_word(week, word, sessions) "
                       "VALUES (?, ?, ?)", (week, word, n))
            if n >= 5:
                words[word] = words.get(word, 0) + n
    db.commit()
    db.close()
    with open(expect_path, "w") as f:
        json.dump(expect, f, indent=1, sort_keys=True)


class Dom(html.parser.HTMLParser):
    """Bars of each SVG chart: (svg id, attributes of each g.bar)."""

    def __init__(self):
        super().__init__()
        self.svg = None
        self.bars = {}
        self.svgs = []
        self.scripts = 0
        self.links = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.svg = a.get("id")
            self.svgs.append(self.svg)
            self.bars.setdefault(self.svg, [])
        elif tag == "g" and a.get("class") == "bar" and self.svg:
            self.bars[self.svg].append(a)
        elif tag == "script":
            self.scripts += 1
        elif tag in ("link", "img", "iframe") or (
                tag == "a" and a.get("href", "").startswith("http")):
            self.links += 1

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg = None


def png_colours(path):
    """Distinct RGB(A) colours of an 8-bit RGB or RGBA PNG (no palette)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                raise ValueError("PNG type %d/%d" % (depth, ctype))
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    colours = set()
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        if y % 4 == 0:
            for i in range(0, stride, bpp * 2):
                colours.add(bytes(line[i:i + 3]))
        prev = line
    return w, h, colours


def check(report, expect_path, dom_path, shot):
    fails = 0

    def res(ok, what, why=""):
        nonlocal fails
        if ok:
            print("PASS %s" % what)
        else:
            fails += 1
            print("FAIL %s: %s" % (what, why))

    with open(expect_path) as f:
        expect = json.load(f)
    tot = expect["totals"]

    def rows(name):
        with open(os.path.join(report, name), newline="") as f:
            return list(csv.DictReader(f))

    daily = rows("daily.csv")
    col = {"session": "sessions", "entry": "entries_opened",
           "qr": "qr_shown", "search_found": "searches_found",
           "search_none": "searches_none"}
    for what, c in col.items():
        got = sum(int(r[c]) for r in daily)
        want = sum(tot.get(what, {}).values())
        res(got == want, "daily.csv %s add up to %d" % (c, want), got)
    ends = {e: sum(int(r["ended_" + e]) for r in daily)
            for e in ("idle", "finished", "staff")}
    res(ends == {e: tot["end"].get(e, 0) for e in ends},
        "daily.csv: the endings add up", ends)
    per = {}
    for r in daily:
        per[(r["kiosk_name"], r["day"])] = int(r["sessions"])
    res(len(daily) == len(expect["sessions"]),
        "daily.csv has a row per kiosk and day (%d)" % len(expect["sessions"]),
        len(daily))
    keyed = {"languages.csv": ("language", "language"),
             "themes.csv": ("theme", "theme"),
             "enrolments.csv": ("enrolment", "course")}
    csv_tot = {}
    for name, (what, column) in keyed.items():
        t = {}
        for r in rows(name):
            key = r[column]
            if key.startswith("'"):
                key = key[1:]
            t[key] = t.get(key, 0) + int(r["count"])
        csv_tot[what] = t
        res(t == tot[what], "%s adds up per %s" % (name, column),
            "%s != %s" % (t, tot[what]))
    wt = {}
    for r in rows("words.csv"):
        wt[r["word"]] = wt.get(r["word"], 0) + int(r["sessions"])
        if int(r["sessions"]) < 5:
            res(False, "words.csv only words of 5 sessions", r)
    res(wt == expect["words"], "words.csv: the words of 5 or more sessions",
        "%s != %s" % (wt, expect["words"]))

    p = Dom()
    with open(dom_path, encoding="utf-8") as f:
        p.feed(f.read())
    for svg in ("chart-sessions", "chart-languages", "chart-themes",
                "chart-words", "chart-enrolments"):
        res(svg in p.svgs and len(p.bars.get(svg, [])) > 0,
            "the DOM has the SVG chart %s with bars" % svg, p.svgs)
    res(p.scripts == 0, "no script element (course titles are escaped)",
        p.scripts)
    res(p.links == 0, "no outside resource (works without a network)",
        p.links)
    # The sessions chart: a bar per kiosk and day, the daily.csv number.
    kiosk_of = {}
    for r in daily:
        kiosk_of[r["kiosk"]] = r["kiosk_name"]
    drawn = {}
    for a in p.bars.get("chart-sessions", []):
        drawn[(kiosk_of.get(a["data-kiosk"]), a["data-day"])] = \
            int(a["data-value"])
    res(drawn == per, "chart-sessions: every kiosk's day drawn with its "
        "daily.csv number (%d bars)" % len(per),
        "%s" % sorted(set(drawn.items()) ^ set(per.items()))[:6])
    for svg, what in (("chart-languages", "language"),
                      ("chart-themes", "theme"),
                      ("chart-enrolments", "enrolment")):
        bars = {a["data-label"]: int(a["data-value"])
                for a in p.bars.get(svg, [])}
        res(bars == csv_tot[what], "%s shows the CSV totals" % svg,
            "%s != %s" % (bars, csv_tot[what]))
    bars = {a["data-label"]: int(a["data-value"])
            for a in p.bars.get("chart-words", [])}
    res(bars == wt, "chart-words shows the words.csv totals",
        "%s != %s" % (bars, wt))

    try:
        w, h, colours = png_colours(shot)
        res(w >= 800 and h >= 600 and len(colours) >= 6,
            "the screenshot is %dx%d with %d colours (not blank)" %
            (w, h, len(colours)), len(colours))
    except (OSError, ValueError, zlib.error) as e:
        res(False, "the screenshot can be read", e)
    return 1 if fails else 0


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    else:
        sys.exit(check(*sys.argv[2:6]))
