#!/usr/bin/env python3
"""gen-search.py: a deterministic synthetic Leerpunt catalogue for benchmarks.

usage: gen-search.py N OUTDIR [SEED]

Writes OUTDIR/themes.csv and OUTDIR/entries-NNNN.csv (20000 entries a
file, since the importer takes files up to 64 MiB) in the Leerpunt CSV
format (docs/csv-format.md) with N entries in all. The same N and SEED always give the
same bytes. Texts are in seven languages (nl en ar uk tr pl fa): every
entry has Dutch, most have English, about a quarter have one or two of
the others. Words are drawn from a Zipf distribution over a per-language
vocabulary: a few hundred stop words and real course words at the head
(so the benchmark queries hit realistic result-set sizes) and tens of
thousands of synthetic words in the language's script in the tail.
Lengths: titles 2-7 words, summaries 8-25, descriptions 30-120.
Prints the number of bytes of text (titles, summaries, descriptions and
other text fields) to stdout, for the database size ratio.
"""
import bisect
import os
import random
import sys

LANGS = ["nl", "en", "ar", "uk", "tr", "pl", "fa"]

STOP = {
    "nl": "de het een en van in voor met op je te is aan bij om dat die je we ook naar of als".split(),
    "en": "the a and of to in for with on you is at by from that this we also or as".split(),
    "ar": "في من على إلى و مع عن هذا هذه التي الذي أو ثم كل بعد".split(),
    "uk": "і в на з до для що це як або та у від по за".split(),
    "tr": "ve bir bu ile için de da olan gibi veya her çok daha".split(),
    "pl": "i w na z do dla się jest to że od po jak lub oraz".split(),
    "fa": "و در به از که با این برای را یک تا یا هر".split(),
}

REAL = {
    "nl": "lassen cursus beginners verpleging zorg techniek metaal opleiding werk leren "
          "heftruck magazijn logistiek taal nederlands computer digitaal bouw isoleren "
          "zonnepanelen warmtepomp veiligheid installatie elektro monteur kok horeca "
          "schoonmaak kinderopvang administratie boekhouden rijbewijs praktijk diploma "
          "certificaat stage begeleiding coach sollicitatie loopbaan gemeente bibliotheek "
          "verpleegkundige helpende welzijn ouderen jongeren vrijwilliger gratis online "
          "avond weekend groep".split(),
    "en": "welding course beginners nursing care technical metal training work learn "
          "forklift warehouse logistics language dutch computer digital construction "
          "insulation solar heat pump safety installation electrical fitter cook "
          "hospitality cleaning childcare administration bookkeeping driving practice "
          "diploma certificate internship coaching career library nurse assistant "
          "welfare elderly youth volunteer free online evening weekend group".split(),
    "ar": "دورة لحام تمريض رعاية تدريب عمل تعلم مستودع لغة هولندية حاسوب رقمي بناء "
          "طاقة شمسية سلامة كهرباء طبخ تنظيف أطفال إدارة محاسبة قيادة شهادة دبلوم "
          "مجاني مساء مجموعة مبتدئين مهنة مكتبة متطوع".split(),
    "uk": "курси зварювання навчання догляд медсестра робота техніка метал склад "
          "логістика мова нідерландська комп'ютер цифрові будівництво енергія безпека "
          "електрика кухар прибирання діти адміністрація бухгалтерія водіння сертифікат "
          "диплом безкоштовно вечір група початківців кар'єра бібліотека волонтер".split(),
    "tr": "kaynak kursu hemşirelik bakım eğitim iş öğrenmek depo lojistik dil hollandaca "
          "bilgisayar dijital inşaat enerji güvenlik elektrik aşçı temizlik çocuk "
          "yönetim muhasebe ehliyet sertifika diploma ücretsiz akşam grup başlangıç "
          "kariyer kütüphane gönüllü".split(),
    "pl": "spawanie kurs pielęgniarstwo opieka szkolenie praca nauka magazyn logistyka "
          "język niderlandzki komputer cyfrowe budownictwo energia bezpieczeństwo "
          "elektryka kucharz sprzątanie dzieci administracja księgowość prawo jazdy "
          "certyfikat dyplom bezpłatny wieczór grupa początkujący kariera biblioteka".split(),
    "fa": "دوره جوشکاری پرستاری مراقبت آموزش کار یادگیری انبار زبان هلندی کامپیوتر "
          "دیجیتال ساختمان انرژی ایمنی برق آشپز نظافت کودکان مدیریت حسابداری رانندگی "
          "گواهینامه دیپلم رایگان عصر گروه مبتدی شغل کتابخانه داوطلب".split(),
}

SCRIPT = {
    "nl": ("b d f g h k l m n p r s t v w z j", "a e i o u aa ee oo ij ui ou ie"),
    "en": ("b c d f g h k l m n p r s t v w y", "a e i o u ea ee oo ou ai"),
    "tr": ("b c ç d f g ğ h k l m n p r s ş t v y z", "a e ı i o ö u ü"),
    "pl": ("b c ć d f g h k l ł m n ń p r s ś t w z ż ź", "a ą e ę i o ó u y"),
    "ar": ("ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه", "ا و ي"),
    "fa": ("ب پ ت ج چ ح خ د ر ز ژ س ش ف ق ک گ ل م ن ه", "ا و ی"),
    "uk": ("б в г ґ д ж з к л м н п р с т ф х ц ч ш щ", "а е є и і ї о у ю я"),
}

THEMES = ["technical", "energy", "care", "logistics", "language", "digital",
          "construction", "media", "safety", "career"]
PLACES = [("Amsterdam", "Noord-Holland", 52.37, 4.90),
          ("Rotterdam", "Zuid-Holland", 51.92, 4.48),
          ("Den Haag", "Zuid-Holland", 52.08, 4.30),
          ("Utrecht", "Utrecht", 52.09, 5.12),
          ("Eindhoven", "Noord-Brabant", 51.44, 5.47),
          ("Groningen", "Groningen", 53.22, 6.57),
          ("Tilburg", "Noord-Brabant", 51.56, 5.09),
          ("Almere", "Flevoland", 52.37, 5.21),
          ("Breda", "Noord-Brabant", 51.59, 4.78),
          ("Nijmegen", "Gelderland", 51.84, 5.86),
          ("Arnhem", "Gelderland", 51.98, 5.91),
          ("Zwolle", "Overijssel", 52.52, 6.08),
          ("Enschede", "Overijssel", 52.22, 6.89),
          ("Maastricht", "Limburg", 50.85, 5.69),
          ("Leeuwarden", "Friesland", 53.20, 5.80),
          ("Assen", "Drenthe", 52.99, 6.56),
          ("Middelburg", "Zeeland", 51.50, 3.61),
          ("Dordrecht", "Zuid-Holland", 51.81, 4.67)]
KINDS = ["course"] * 6 + ["community", "fieldlab", "mentor", "learning-house"]
LEVELS = ["", "", "none", "mbo1", "mbo2", "mbo3", "mbo4", "hbo", "wo"]
MODES = ["onsite", "onsite", "online", "blended"]

TAIL = 30000  # synthetic words per language
PER_FILE = 20000


def vocabulary(rng, lang):
    cons, vows = (s.split() for s in SCRIPT[lang])
    seen = set(STOP[lang]) | set(REAL[lang])
    words = list(STOP[lang])
    # Real words spread over ranks ~25..600 of the head.
    real = list(REAL[lang])
    synth = []
    while len(synth) < TAIL:
        n = rng.choice((2, 2, 3, 3, 3, 4, 4, 5))
        w = "".join(rng.choice(cons) + rng.choice(vows) for _ in range(n))
        if rng.random() < 0.4:
            w += rng.choice(cons)
        if w not in seen:
            seen.add(w)
            synth.append(w)
    step = max(1, 600 // len(real))
    out = words
    si = 0
    for w in real:
        out.extend(synth[si:si + step])
        si += step
        out.append(w)
    out.extend(synth[si:])
    weights = [1.0 / (r + 1) ** 1.05 for r in range(len(out))]
    cum = []
    t = 0.0
    for x in weights:
        t += x
        cum.append(t)
    return out, cum


def text(rng, voc, lo, hi, cap=False):
    words, cum = voc
    n = rng.randint(lo, hi)
    total = cum[-1]
    ws = [words[bisect.bisect(cum, rng.random() * total)] for _ in range(n)]
    s = " ".join(ws)
    return s[:1].upper() + s[1:] + ("" if cap else ".")


def q(s):
    if any(c in s for c in ',"\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rng = random.Random(seed)
    vocs = {l: vocabulary(rng, l) for l in LANGS}
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "themes.csv"), "w", encoding="utf-8") as f:
        f.write("theme,position,label_nl,label_en\n")
        for i, t in enumerate(THEMES):
            f.write(f"{t},{i + 1},{t.capitalize()},{t.capitalize()}\n")
    cols = ["id", "kind", "provider", "themes", "level", "city", "province",
            "lat", "lon", "link"]
    for fld in ("title", "summary", "description"):
        cols += [f"{fld}_{l}" for l in LANGS]
    cols += ["start", "duration", "hours_per_week", "mode", "cost",
             "instruction_lang"]
    nbytes = 0
    f = None
    for i in range(n):
        if i % PER_FILE == 0:
            if f is not None:
                f.close()
            f = open(os.path.join(out, "entries-%04d.csv" % (i // PER_FILE)),
                     "w", encoding="utf-8", newline="\n")
            f.write(",".join(cols) + "\n")
        if True:
            city, prov, lat, lon = rng.choice(PLACES)
            langs = ["nl"]
            if rng.random() < 0.8:
                langs.append("en")
            if rng.random() < 0.25:
                langs += rng.sample(LANGS[2:], rng.choice((1, 1, 2)))
            row = {"id": f"e{i}", "kind": rng.choice(KINDS),
                   "provider": "Provider " + str(rng.randint(1, 2000)),
                   "themes": ";".join(sorted(set(rng.choice(THEMES)
                                                 for _ in range(rng.choice((1, 1, 2)))))),
                   "level": rng.choice(LEVELS), "city": city,
                   "province": prov,
                   "lat": f"{lat + rng.uniform(-0.15, 0.15):.4f}",
                   "lon": f"{lon + rng.uniform(-0.2, 0.2):.4f}",
                   "link": f"https://example.org/e{i}"}
            for l in langs:
                v = vocs[l]
                row[f"title_{l}"] = text(rng, v, 2, 7, cap=True)
                row[f"summary_{l}"] = text(rng, v, 8, 25)
                if rng.random() < 0.7:
                    row[f"description_{l}"] = text(rng, v, 30, 120)
            for k, val in row.items():
                if k.startswith(("title_", "summary_", "description_")):
                    nbytes += len(val.encode())
            noff = rng.choice((0, 1, 1, 1, 2, 3))
            offs = []
            for _ in range(noff):
                y = rng.choice((2026, 2027, 2027, 2028))
                m = rng.randint(1, 12)
                d = rng.randint(1, 28)
                offs.append({"start": f"{y}-{m:02d}-{d:02d}",
                             "duration": f"P{rng.randint(2, 40)}W",
                             "hours_per_week": str(rng.randint(2, 32)),
                             "mode": rng.choice(MODES),
                             "cost": rng.choice(("0", "0", "150", "450",
                                                 "1250.50")),
                             "instruction_lang": rng.choice(
                                 ("nl", "nl", "nl", "en", "ar", "uk"))})
            if offs:
                row.update(offs[0])
            f.write(",".join(q(row.get(c, "")) for c in cols) + "\n")
            for o in offs[1:]:
                o = dict(o, id=row["id"])
                f.write(",".join(q(o.get(c, "")) for c in cols) + "\n")
    if f is not None:
        f.close()
    print(nbytes)


if __name__ == "__main__":
    main()
