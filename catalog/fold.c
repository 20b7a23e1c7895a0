/*
 * fold: text normalisation for search (see fold.h).
 *
 * Per call the UTF-8 input is decoded once into UTF-16 with a table of
 * byte offsets (invalid sequences become U+FFFD), ICU's word break
 * iterator finds the words, and each word is folded: NFD, drop
 * non-spacing marks and the Arabic tatweel, NFKC case fold, and map the
 * Turkish dotless i to i (people type "i" on keyboards without it) and
 * the Persian keheh and yeh, and the alef maksura, to the Arabic kaf and
 * yeh (a Farsi keyboard types ک and ی where Arabic text has ك and ي, and
 * the same word is written with either), and the Arabic-Indic (٠-٩) and
 * Persian (۰-۹) digits to 0-9, which NFKC leaves alone (the kiosk's
 * keyboard types ٢ on Arabic screens; "A٢" must find "A2"). A word
 * in plain ASCII skips all that: it only needs lower case. The buffers and
 * the iterator live in the folder and are reused. Text between ASCII
 * spaces that is plain ASCII (without '@') does not go through ICU at
 * all: catalog_fold_ascii() applies the same word rules to it, and
 * test_fold checks that both split generated and real text identically,
 * so the index is the same whichever path ran (ICU's break iterator was
 * a seventh of an import).
 *
 * What folding does is what the full-text index holds: a change here
 * needs a migration that builds the indexes again (db.c, as migration 3
 * does), or old catalogues keep their words folded the old way.
 *
 * Transliteration (for the index only) works on the original word, not
 * the folded one, because folding has already dropped marks that carry
 * sound (Ukrainian й, ї). A Cyrillic word gets the Ukrainian national
 * transliteration first, a Ge'ez word the Tigrinya one below (both as
 * ICU rules), then ICU's Any-Latin; Ge'ez text itself needs no folding
 * beyond NFKC (it has no case and no marks). The ICU transliterators are opened on first use
 * and a small direct-mapped cache remembers recent words, since catalogue
 * text repeats its words a lot and Any-Latin is slow.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "catalog/fold.h"
#include "catalog/xmalloc.h"

#define FOLD_MAX_WORD 256	/* UTF-16 units; longer words are cut */
#define FOLD_MAX_ALT 2		/* transliterations per word */
#define FOLD_ALT_WORD 32	/* longer words are not transliterated */
#define FOLD_CACHE 16384	/* cached transliterations (power of 2) */

/*
 * Ukrainian national transliteration (Cabinet of Ministers resolution 55,
 * 2010), as ICU rules; the rest of any Cyrillic word goes through ICU's
 * Any-Latin. Initial є ї й ю я are written ye yi y yu ya.
 */
static const char fold_uk_rules[] =
    ":: Any-Lower; :: NFC;"
    "зг > zgh; ^є > ye; ^ї > yi; ^й > y; ^ю > yu; ^я > ya;"
    "а > a; б > b; в > v; г > h; ґ > g; д > d; е > e; є > ie; ж > zh;"
    "з > z; и > y; і > i; ї > i; й > i; к > k; л > l; м > m; н > n;"
    "о > o; п > p; р > r; с > s; т > t; у > u; ф > f; х > kh; ц > ts;"
    "ч > ch; ш > sh; щ > shch; ь > ; ю > iu; я > ia; ’ > ; \\' > ;"
    ":: Any-Latin; :: Latin-ASCII;";

/*
 * Tigrinya (Ge'ez) as people write it in Latin letters: ICU's Any-Latin
 * with the sixth order's vowel (ǝ) left out and the first order's (ICU's
 * plain a) written e, so ኮምፒተር gives kompiter, ፎርክሊፍት forklift and ሰላም
 * selam; the fourth order's ā stays a.
 */
static const char fold_ti_rules[] =
    ":: Any-Latin; :: NFC; ǝ > ; a > e; :: Latin-ASCII;";

struct fold_cache_slot {
	uint64_t	 hash;
	uint16_t	 wlen;		/* 0: empty */
	UChar		 word[FOLD_ALT_WORD];
	uint8_t		 nalt;
	uint8_t		 len[FOLD_MAX_ALT];
	char		 alt[FOLD_MAX_ALT][FOLD_ALT_WORD * 3];
};

struct catalog_fold {
	UBreakIterator	*brk;
	const UNormalizer2 *nfd;
	const UNormalizer2 *nfkc_cf;
	UChar		*text;		/* decoded input */
	size_t		*offs;		/* byte offset of each UTF-16 unit */
	size_t		 cap;
	UChar		 a[FOLD_MAX_WORD * 4], b[FOLD_MAX_WORD * 4];
	char		 out[FOLD_MAX_WORD * 12];
	UTransliterator	*any_latin, *uk_latin, *ti_latin;
	int		 trans_failed;
	int		 icu_only;	/* catalog_fold_set_icu_only() */
	struct fold_cache_slot *cache;
};

struct catalog_fold *
catalog_fold_new(void)
{
	struct catalog_fold *f = xcalloc(1, sizeof *f);
	UErrorCode ec = U_ZERO_ERROR;

	f->brk = ubrk_open(UBRK_WORD, "", NULL, 0, &ec);
	f->nfd = unorm2_getNFDInstance(&ec);
	f->nfkc_cf = unorm2_getNFKCCasefoldInstance(&ec);
	if (U_FAILURE(ec)) {
		/* ICU data missing: nothing can be searched. */
		fprintf(stderr, "leerpunt: ICU is not usable: %s\n",
		    u_errorName(ec));
		abort();
	}
	return f;
}

void
catalog_fold_free(struct catalog_fold *f)
{
	if (f == NULL)
		return;
	ubrk_close(f->brk);
	if (f->any_latin != NULL)
		utrans_close(f->any_latin);
	if (f->uk_latin != NULL)
		utrans_close(f->uk_latin);
	if (f->ti_latin != NULL)
		utrans_close(f->ti_latin);
	free(f->cache);
	free(f->text);
	free(f->offs);
	free(f);
}

/* Decode n bytes of UTF-8 into f->text; returns the UTF-16 length. */
static int32_t
catalog_fold_decode(struct catalog_fold *f, const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t need = n + 1, i = 0, k = 0;
	UChar32 c;

	if (n > INT32_MAX / 2)
		n = INT32_MAX / 2;
	if (need > f->cap) {
		f->text = xreallocarray(f->text, need, sizeof *f->text);
		f->offs = xreallocarray(f->offs, need + 1, sizeof *f->offs);
		f->cap = need;
	}
	while (i < n) {
		size_t start = i;
		int32_t ii = (int32_t)i;

		U8_NEXT(u, ii, (int32_t)n, c);
		i = (size_t)ii;
		if (c < 0)
			c = 0xfffd;
		if (U16_LENGTH(c) == 2) {
			f->offs[k] = start;
			f->text[k++] = U16_LEAD(c);
			f->offs[k] = start;
			f->text[k++] = U16_TRAIL(c);
		} else {
			f->offs[k] = start;
			f->text[k++] = (UChar)c;
		}
	}
	f->offs[k] = n;
	return (int32_t)k;
}

/* Fold one word (UTF-16) into f->out; returns its byte length or -1. */
static int32_t
catalog_fold_word(struct catalog_fold *f, const UChar *w, int32_t wlen)
{
	UErrorCode ec = U_ZERO_ERROR;
	int32_t n, m = 0, i, outlen = 0;

	if (wlen > FOLD_MAX_WORD)
		wlen = FOLD_MAX_WORD;
	/* ASCII (most Dutch and English words) folds to lower case. */
	for (i = 0; i < wlen && w[i] < 0x80; i++)
		f->out[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 :
		    w[i]);
	if (i == wlen)
		return wlen;
	n = unorm2_normalize(f->nfd, w, wlen, f->a, (int32_t)(sizeof f->a /
	    sizeof f->a[0]), &ec);
	if (U_FAILURE(ec))
		return -1;
	for (i = 0; i < n; ) {
		UChar32 c;
		int32_t j = i;

		U16_NEXT(f->a, i, n, c);
		if (u_charType(c) == U_NON_SPACING_MARK || c == 0x0640)
			continue;
		while (j < i)
			f->b[m++] = f->a[j++];
	}
	n = unorm2_normalize(f->nfkc_cf, f->b, m, f->a, (int32_t)(sizeof f->a /
	    sizeof f->a[0]), &ec);
	if (U_FAILURE(ec))
		return -1;
	for (i = 0; i < n; i++) {
		/* Arabic-Indic and Persian digits (NFKC keeps them). */
		if (f->a[i] >= 0x0660 && f->a[i] <= 0x0669) {
			f->a[i] = (UChar)('0' + (f->a[i] - 0x0660));
			continue;
		}
		if (f->a[i] >= 0x06f0 && f->a[i] <= 0x06f9) {
			f->a[i] = (UChar)('0' + (f->a[i] - 0x06f0));
			continue;
		}
		switch (f->a[i]) {
		case 0x0131:	/* dotless i */
			f->a[i] = 'i';
			break;
		case 0x06a9:	/* keheh */
			f->a[i] = 0x0643;	/* kaf */
			break;
		case 0x06cc:	/* Farsi yeh */
		case 0x0649:	/* alef maksura */
			f->a[i] = 0x064a;	/* yeh */
			break;
		}
	}
	u_strToUTF8(f->out, (int32_t)sizeof f->out, &outlen, f->a, n, &ec);
	if (U_FAILURE(ec) || ec == U_STRING_NOT_TERMINATED_WARNING)
		return -1;
	return outlen;
}

/* 1 for a character of a script other than Latin (Common: digits and
 * signs; Inherited: marks). */
static int
catalog_fold_foreign(UChar32 c)
{
	UErrorCode ec = U_ZERO_ERROR;

	if (c < 0x80)
		return 0;
	switch (uscript_getScript(c, &ec)) {
	case USCRIPT_LATIN:
	case USCRIPT_COMMON:
	case USCRIPT_INHERITED:
		return 0;
	default:
		return 1;
	}
}

/* catalog_fold_non_latin() for a word in UTF-16. */
static int
catalog_fold_non_latin16(const UChar *w, int32_t n)
{
	int32_t i;
	UChar32 c;

	for (i = 0; i < n; ) {
		U16_NEXT(w, i, n, c);
		if (catalog_fold_foreign(c))
			return 1;
	}
	return 0;
}

int
catalog_fold_non_latin(const char *utf8, size_t len)
{
	int32_t i = 0, n = len > INT32_MAX ? INT32_MAX : (int32_t)len;
	UChar32 c;

	while (i < n) {
		U8_NEXT(utf8, i, n, c);
		if (c >= 0 && catalog_fold_foreign(c))
			return 1;
	}
	return 0;
}

static int
catalog_fold_open_trans(struct catalog_fold *f)
{
	UErrorCode ec = U_ZERO_ERROR;
	UParseError pe;
	UChar rules[sizeof fold_uk_rules];
	int32_t n;

	if (f->any_latin != NULL)
		return 0;
	if (f->trans_failed)
		return -1;
	f->any_latin = utrans_openU(u"Any-Latin; Latin-ASCII", -1,
	    UTRANS_FORWARD, NULL, 0, &pe, &ec);
	u_strFromUTF8(rules, (int32_t)(sizeof rules / sizeof rules[0]), &n,
	    fold_uk_rules, -1, &ec);
	if (U_SUCCESS(ec))
		f->uk_latin = utrans_openU(u"uk-Latn-kmu2010", -1,
		    UTRANS_FORWARD, rules, n, &pe, &ec);
	u_strFromUTF8(rules, (int32_t)(sizeof rules / sizeof rules[0]), &n,
	    fold_ti_rules, -1, &ec);
	if (U_SUCCESS(ec))
		f->ti_latin = utrans_openU(u"ti-Latn-leerpunt", -1,
		    UTRANS_FORWARD, rules, n, &pe, &ec);
	if (U_FAILURE(ec)) {
		/* Without ICU transform data: index the originals only. */
		if (f->any_latin != NULL)
			utrans_close(f->any_latin);
		if (f->uk_latin != NULL)
			utrans_close(f->uk_latin);
		if (f->ti_latin != NULL)
			utrans_close(f->ti_latin);
		f->any_latin = f->uk_latin = f->ti_latin = NULL;
		f->trans_failed = 1;
		return -1;
	}
	f->cache = xcalloc(FOLD_CACHE, sizeof *f->cache);
	return 0;
}

/* Transliterate w with t and fold the result into alt; its length or 0. */
static size_t
catalog_fold_trans_one(struct catalog_fold *f, UTransliterator *t,
    const UChar *w, int32_t n, char *alt, size_t cap)
{
	UChar buf[FOLD_ALT_WORD * 4];
	UErrorCode ec = U_ZERO_ERROR;
	int32_t len = n, limit = n, olen;

	u_memcpy(buf, w, n);
	utrans_transUChars(t, buf, &len, (int32_t)(sizeof buf / sizeof buf[0]),
	    0, &limit, &ec);
	if (U_FAILURE(ec) || len <= 0)
		return 0;
	olen = catalog_fold_word(f, buf, len);
	if (olen <= 0 || (size_t)olen >= cap)
		return 0;
	memcpy(alt, f->out, (size_t)olen);
	return (size_t)olen;
}

/*
 * The transliterations of word w (UTF-16, n units) that differ from its
 * folded form (folded, flen bytes): a cache slot holding them, or NULL.
 */
static const struct fold_cache_slot *
catalog_fold_trans(struct catalog_fold *f, const UChar *w, int32_t n,
    const char *folded, size_t flen)
{
	struct fold_cache_slot *s;
	uint64_t h = 1469598103934665603ULL;
	int32_t i;
	size_t k, len, j;
	UTransliterator *ts[2];
	int nt = 0, cyr = 0, ethi = 0;

	if (n > FOLD_ALT_WORD || catalog_fold_open_trans(f) != 0)
		return NULL;
	for (i = 0; i < n; i++)
		h = (h ^ w[i]) * 1099511628211ULL;
	s = &f->cache[h & (FOLD_CACHE - 1)];
	if (s->wlen == n && s->hash == h &&
	    memcmp(s->word, w, (size_t)n * sizeof *w) == 0)
		return s;
	s->hash = h;
	s->wlen = (uint16_t)n;
	u_memcpy(s->word, w, n);
	s->nalt = 0;
	for (i = 0; i < n; ) {
		UErrorCode ec = U_ZERO_ERROR;
		UChar32 c;

		U16_NEXT(w, i, n, c);
		switch (uscript_getScript(c, &ec)) {
		case USCRIPT_CYRILLIC:
			cyr = 1;
			break;
		case USCRIPT_ETHIOPIC:
			ethi = 1;
			break;
		default:
			break;
		}
	}
	if (cyr)
		ts[nt++] = f->uk_latin;
	else if (ethi)
		ts[nt++] = f->ti_latin;
	ts[nt++] = f->any_latin;
	for (k = 0; k < (size_t)nt && s->nalt < FOLD_MAX_ALT; k++) {
		char *alt = s->alt[s->nalt];

		len = catalog_fold_trans_one(f, ts[k], w, n, alt,
		    sizeof s->alt[0]);
		if (len == 0 || (len == flen && memcmp(alt, folded, len) == 0))
			continue;
		for (j = 0; j < s->nalt; j++)
			if (s->len[j] == len && memcmp(s->alt[j], alt, len) == 0)
				break;
		if (j < s->nalt)
			continue;
		s->len[s->nalt++] = (uint8_t)len;
	}
	return s;
}

/*
 * The words of utf8[0..n) through ICU's word break iterator; byte offsets
 * handed to the callbacks are base + the offset in utf8.
 */
static int
catalog_fold_icu(struct catalog_fold *f, const char *utf8, size_t n,
    size_t base, catalog_fold_cb cb, catalog_fold_alt_cb alt_cb, void *arg)
{
	UErrorCode ec = U_ZERO_ERROR;
	int32_t len, start, end, olen;
	const struct fold_cache_slot *s;
	char word[FOLD_ALT_WORD * 3];
	size_t i;
	int rc;

	if (n == 0)
		return 0;
	len = catalog_fold_decode(f, utf8, n);
	ubrk_setText(f->brk, f->text, len, &ec);
	if (U_FAILURE(ec))
		return 0;
	start = ubrk_first(f->brk);
	for (end = ubrk_next(f->brk); end != UBRK_DONE;
	    start = end, end = ubrk_next(f->brk)) {
		if (ubrk_getRuleStatus(f->brk) < UBRK_WORD_NONE_LIMIT)
			continue;
		olen = catalog_fold_word(f, f->text + start, end - start);
		if (olen <= 0)
			continue;
		if (alt_cb == NULL) {
			rc = cb(arg, f->out, (size_t)olen, base + f->offs[start],
			    base + f->offs[end]);
			if (rc != 0)
				return rc;
			continue;
		}
		rc = alt_cb(arg, f->out, (size_t)olen, base + f->offs[start],
		    base + f->offs[end], 0);
		if (rc != 0)
			return rc;
		if ((size_t)olen >= sizeof word ||
		    !catalog_fold_non_latin16(f->text + start, end - start))
			continue;
		memcpy(word, f->out, (size_t)olen);
		s = catalog_fold_trans(f, f->text + start, end - start, word,
		    (size_t)olen);
		for (i = 0; s != NULL && i < s->nalt; i++) {
			rc = alt_cb(arg, s->alt[i], s->len[i],
			    base + f->offs[start], base + f->offs[end], 1);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}


/*
 * Word Break classes (UAX #29) of the ASCII characters, as ICU's word
 * rules (word.txt) have them: ICU leaves ':' out of MidLetter, so in
 * ASCII MidLetter is empty; '.' is MidNumLet, '\'' Single_Quote (which
 * joins as MidNumLet does), ',' and ';' MidNum, '_' ExtendNumLet. All
 * else (spaces, controls, other signs) never joins a word.
 */
enum {
	FOLD_A_OTHER, FOLD_A_LETTER, FOLD_A_DIGIT, FOLD_A_MIDNUMLET,
	FOLD_A_MIDNUM, FOLD_A_EXTNUM
};

static int
catalog_fold_ascii_class(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return FOLD_A_LETTER;
	if (c >= '0' && c <= '9')
		return FOLD_A_DIGIT;
	switch (c) {
	case '.':
	case '\'':
		return FOLD_A_MIDNUMLET;
	case ',':
	case ';':
		return FOLD_A_MIDNUM;
	case '_':
		return FOLD_A_EXTNUM;
	}
	return FOLD_A_OTHER;
}

/*
 * The words of ASCII text s[0..n) exactly as ICU's word break iterator
 * finds them (rules WB5-WB13b; no ASCII character is Extend or Format,
 * so WB4 never applies), folded to lower case as catalog_fold_word()
 * folds ASCII. test_fold checks this against ICU on generated text.
 */
static int
catalog_fold_ascii(struct catalog_fold *f, const char *s, size_t n,
    size_t base, catalog_fold_cb cb, catalog_fold_alt_cb alt_cb, void *arg)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start, k, len;
	int c, nc, rc;

	while (i < n) {
		c = catalog_fold_ascii_class(u[i]);
		if (c == FOLD_A_OTHER || c == FOLD_A_MIDNUMLET ||
		    c == FOLD_A_MIDNUM) {
			i++;
			continue;
		}
		start = i;
		for (;;) {
			if (i + 1 >= n)
				break;
			nc = catalog_fold_ascii_class(u[i + 1]);
			if (nc == FOLD_A_LETTER || nc == FOLD_A_DIGIT ||
			    nc == FOLD_A_EXTNUM) {
				/* WB5, WB8-WB10, WB13a, WB13b */
				c = nc;
				i++;
				continue;
			}
			if (i + 2 < n && ((c == FOLD_A_LETTER &&
			    nc == FOLD_A_MIDNUMLET) || (c == FOLD_A_DIGIT &&
			    (nc == FOLD_A_MIDNUMLET || nc == FOLD_A_MIDNUM))) &&
			    catalog_fold_ascii_class(u[i + 2]) == c) {
				/* WB6-WB7 (letters), WB11-WB12 (digits) */
				i += 2;
				continue;
			}
			break;
		}
		i++;
		/* A lone '_' is no word to ICU; "__" is ($ExtendNumLet x2). */
		if (i - start == 1 && u[start] == '_')
			continue;
		len = i - start;
		if (len > FOLD_MAX_WORD)
			len = FOLD_MAX_WORD;
		for (k = 0; k < len; k++)
			f->out[k] = (char)(u[start + k] >= 'A' &&
			    u[start + k] <= 'Z' ? u[start + k] + 32 :
			    u[start + k]);
		rc = alt_cb != NULL ?
		    alt_cb(arg, f->out, len, base + start, base + i, 0) :
		    cb(arg, f->out, len, base + start, base + i);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/*
 * Shared by catalog_fold_words and catalog_fold_words_latin. The text is
 * cut into pieces at ASCII spaces, where a word boundary is certain: a
 * space joins nothing but a following space (WB3d) or Extend, Format or
 * ZWJ character (WB4), and a word never spans one. A piece in plain
 * ASCII (most Dutch and English text) is split by catalog_fold_ascii();
 * runs of other pieces, with the spaces before them, go to ICU, and so
 * do pieces with an '@' (ICU 72 keeps e-mail addresses in one word and
 * makes a lone '@' a word, beyond UAX #29). Both give
 * the same words, so the index does not depend on which path ran.
 */
static int
catalog_fold_run(struct catalog_fold *f, const char *utf8, size_t n,
    catalog_fold_cb cb, catalog_fold_alt_cb alt_cb, void *arg)
{
	size_t i = 0, ps, sp, icu = SIZE_MAX, icu_end = 0;
	int ascii, rc;

	if (n == 0)
		return 0;
	if (f->icu_only)
		return catalog_fold_icu(f, utf8, n, 0, cb, alt_cb, arg);
	while (i < n) {
		sp = i;
		while (i < n && utf8[i] == ' ')
			i++;
		ps = i;
		ascii = 1;
		while (i < n && utf8[i] != ' ') {
			if ((unsigned char)utf8[i] >= 0x80 || utf8[i] == '@')
				ascii = 0;
			i++;
		}
		if (ps == i)
			break;
		if (!ascii) {
			if (icu == SIZE_MAX)
				icu = sp;
			icu_end = i;
			continue;
		}
		if (icu != SIZE_MAX) {
			rc = catalog_fold_icu(f, utf8 + icu, icu_end - icu, icu,
			    cb, alt_cb, arg);
			icu = SIZE_MAX;
			if (rc != 0)
				return rc;
		}
		rc = catalog_fold_ascii(f, utf8 + ps, i - ps, ps, cb, alt_cb,
		    arg);
		if (rc != 0)
			return rc;
	}
	if (icu != SIZE_MAX)
		return catalog_fold_icu(f, utf8 + icu, icu_end - icu, icu, cb,
		    alt_cb, arg);
	return 0;
}

void
catalog_fold_set_icu_only(struct catalog_fold *f, int on)
{
	f->icu_only = on;
}

int
catalog_fold_words(struct catalog_fold *f, const char *utf8, size_t n,
    catalog_fold_cb cb, void *arg)
{
	return catalog_fold_run(f, utf8, n, cb, NULL, arg);
}

int
catalog_fold_words_latin(struct catalog_fold *f, const char *utf8, size_t n,
    catalog_fold_alt_cb cb, void *arg)
{
	return catalog_fold_run(f, utf8, n, NULL, cb, arg);
}

size_t
catalog_fold_letters(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

struct catalog_fold_join {
	char	*s;
	size_t	 len, cap;
};

static int
catalog_fold_join_cb(void *arg, const char *word, size_t len, size_t start,
    size_t end)
{
	struct catalog_fold_join *j = arg;

	(void)start;
	(void)end;
	if (j->len + len + 2 > j->cap) {
		j->cap = (j->len + len + 2) * 2;
		j->s = xreallocarray(j->s, j->cap, 1);
	}
	if (j->len > 0)
		j->s[j->len++] = ' ';
	memcpy(j->s + j->len, word, len);
	j->len += len;
	j->s[j->len] = '\0';
	return 0;
}

char *
catalog_fold_string(struct catalog_fold *f, const char *utf8)
{
	struct catalog_fold_join j = { NULL, 0, 0 };

	catalog_fold_words(f, utf8, strlen(utf8), catalog_fold_join_cb, &j);
	return j.s != NULL ? j.s : xstrdup("");
}

static int
catalog_fold_join_alt_cb(void *arg, const char *word, size_t len,
    size_t start, size_t end, int colocated)
{
	(void)colocated;
	return catalog_fold_join_cb(arg, word, len, start, end);
}

char *
catalog_fold_string_latin(struct catalog_fold *f, const char *utf8)
{
	struct catalog_fold_join j = { NULL, 0, 0 };

	catalog_fold_words_latin(f, utf8, strlen(utf8),
	    catalog_fold_join_alt_cb, &j);
	return j.s != NULL ? j.s : xstrdup("");
}
