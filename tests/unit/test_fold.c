/*
 * test_fold: search normalisation (case, diacritics, ligatures, scripts),
 * word splitting in Latin, Arabic, Cyrillic and Ethiopic text, and the
 * Latin transliterations the index stores beside non-Latin words; the
 * ASCII fast path against ICU's word break iterator (test_ascii_*, test_samples_ascii).
 */
#include "unit.h"

#include <dirent.h>
#include <sys/stat.h>

#include "catalog/fold.h"

static struct catalog_fold *fold;

static int
setup(void **state)
{
	(void)state;
	fold = catalog_fold_new();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	catalog_fold_free(fold);
	return 0;
}

static void
assert_folds(const char *in, const char *want)
{
	char *got = catalog_fold_string(fold, in);

	if (strcmp(got, want) != 0)
		fail_msg("fold(\"%s\") = \"%s\", want \"%s\"", in, got, want);
	free(got);
}

static void
test_case_and_accents(void **state)
{
	(void)state;
	assert_folds("Lassen", "lassen");
	assert_folds("LASSEN", "lassen");
	assert_folds("café Crème", "cafe creme");
	assert_folds("cafe\xcc\x81", "cafe");	/* decomposed accent */
	assert_folds("Überstunden naïef", "uberstunden naief");
}

static void
test_dutch_ij_and_sharp_s(void **state)
{
	(void)state;
	assert_folds("\xc4\xb3sbaan", "ijsbaan");	/* ij ligature */
	assert_folds("\xc4\xb2SSEL", "ijssel");	/* IJ ligature */
	assert_folds("Straße", "strasse");
}

static void
test_turkish_i(void **state)
{
	(void)state;
	assert_folds("İstanbul", "istanbul");
	assert_folds("ISPARTA ılık", "isparta ilik");
	assert_folds("kaynakçı", "kaynakci");
}

static void
test_non_latin(void **state)
{
	(void)state;
	assert_int_equal(catalog_fold_non_latin("Курси", strlen("Курси")), 1);
	assert_int_equal(catalog_fold_non_latin("ትግርኛ", strlen("ትግርኛ")), 1);
	assert_int_equal(catalog_fold_non_latin("café 2 – €5", strlen(
	    "café 2 – €5")), 0);
	/* Only the length given counts. */
	assert_int_equal(catalog_fold_non_latin("ab Курси", 3), 0);
	assert_int_equal(catalog_fold_non_latin("\xff\xfe", 2), 0);
}

/* Farsi and Arabic spell kaf and yeh with different letters. */
static void
test_farsi_arabic_letters(void **state)
{
	(void)state;
	assert_folds("کار", "كار");		/* keheh: kaf */
	assert_folds("کلاس یادگیری", "كلاس يادگيري");	/* Farsi yeh: yeh */
	assert_folds("مستشفى", "مستشفي");	/* alef maksura: yeh */
	assert_folds("كار", "كار");
}

/* Arabic-Indic and Persian digits fold to 0-9 (NFKC does not). */
static void
test_eastern_digits(void **state)
{
	(void)state;
	assert_folds("٢", "2");
	assert_folds("۲", "2");
	assert_folds("٠١٢٣٤٥٦٧٨٩", "0123456789");
	assert_folds("۰۱۲۳۴۵۶۷۸۹", "0123456789");
	assert_folds("taal A٢", "taal a2");	/* one word: a2 */
	assert_folds("mbo ۲", "mbo 2");
	assert_folds("دورة ٢٠٢٧", "دورة 2027");
	/* Other digits stay as they are: Devanagari two. */
	assert_folds("२", "२");
}

static void
test_arabic_marks(void **state)
{
	char *with, *without;

	(void)state;
	/* "al-lahim" (welding) with and without vowel marks, and tatweel. */
	with = catalog_fold_string(fold, "اللِّحَام");
	without = catalog_fold_string(fold, "اللحام");
	assert_string_equal(with, without);
	free(with);
	free(without);
	with = catalog_fold_string(fold, "لحـــام");
	assert_string_equal(with, "لحام");
	free(with);
	/* Alef with hamza folds to a bare alef. */
	assert_folds("أحمد", "احمد");
}

static void
test_cyrillic_and_ethiopic(void **state)
{
	(void)state;
	assert_folds("ЗВАРЮВАННЯ Курси", "зварювання курси");
	assert_folds("ትምህርት ቤት", "ትምህርት ቤት");
}

struct words {
	char	 w[8][64];
	size_t	 start[8], end[8];
	int	 n;
};

static int
collect(void *arg, const char *word, size_t len, size_t start, size_t end)
{
	struct words *ws = arg;

	assert_true(ws->n < 8 && len < 64);
	memcpy(ws->w[ws->n], word, len);
	ws->w[ws->n][len] = '\0';
	ws->start[ws->n] = start;
	ws->end[ws->n] = end;
	ws->n++;
	return 0;
}

static void
test_words_and_offsets(void **state)
{
	const char *s = "Lassen, (MIG/MAG) — nú!";
	struct words ws;

	(void)state;
	memset(&ws, 0, sizeof ws);
	assert_int_equal(catalog_fold_words(fold, s, strlen(s), collect, &ws),
	    0);
	assert_int_equal(ws.n, 4);
	assert_string_equal(ws.w[0], "lassen");
	assert_int_equal(ws.start[0], 0);
	assert_int_equal(ws.end[0], 6);
	assert_string_equal(ws.w[1], "mig");
	assert_string_equal(ws.w[2], "mag");
	assert_string_equal(ws.w[3], "nu");
	/* Offsets are bytes in the original text. */
	assert_memory_equal(s + ws.start[3], "nú", strlen("nú"));
	assert_int_equal(ws.end[3] - ws.start[3], strlen("nú"));
}

static void
test_invalid_utf8(void **state)
{
	struct words ws;
	const char bad[] = "ab\xff" "cd \xc3";

	(void)state;
	memset(&ws, 0, sizeof ws);
	assert_int_equal(catalog_fold_words(fold, bad, sizeof bad - 1, collect,
	    &ws), 0);
	assert_true(ws.n >= 1);
	assert_string_equal(ws.w[0], "ab");
	assert_folds("", "");
	assert_folds("  ,;!  ", "");
}

static void
assert_latin(const char *in, const char *want)
{
	char *got = catalog_fold_string_latin(fold, in);

	if (strcmp(got, want) != 0)
		fail_msg("latin(\"%s\") = \"%s\", want \"%s\"", in, got, want);
	free(got);
}

static void
test_script_words(void **state)
{
	struct words ws;
	/* Arabic: "welding course for beginners", with vowel marks. */
	const char *ar = "دَورة اللحام، للمبتدئين.";
	/* Tigrinya with the Ethiopic word space and full stop. */
	const char *ti = "ትምህርቲ፡ብየዳ። ናይ ምጅማር";
	const char *uk = "Курси зварювання (для початківців)";

	(void)state;
	memset(&ws, 0, sizeof ws);
	catalog_fold_words(fold, ar, strlen(ar), collect, &ws);
	assert_int_equal(ws.n, 3);
	assert_string_equal(ws.w[0], "دورة");
	assert_string_equal(ws.w[1], "اللحام");
	/* Hamza above yeh is a mark: folded away like the vowels. */
	assert_string_equal(ws.w[2], "للمبتديين");
	memset(&ws, 0, sizeof ws);
	catalog_fold_words(fold, ti, strlen(ti), collect, &ws);
	assert_int_equal(ws.n, 4);
	assert_string_equal(ws.w[0], "ትምህርቲ");
	assert_string_equal(ws.w[1], "ብየዳ");
	assert_string_equal(ws.w[3], "ምጅማር");
	memset(&ws, 0, sizeof ws);
	catalog_fold_words(fold, uk, strlen(uk), collect, &ws);
	assert_int_equal(ws.n, 4);
	assert_string_equal(ws.w[1], "зварювання");
	assert_string_equal(ws.w[3], "початківців");
	assert_memory_equal(uk + ws.start[1], "зварювання",
	    strlen("зварювання"));
}

static void
test_transliteration(void **state)
{
	(void)state;
	/* Ukrainian national system first, then ICU's generic one. */
	assert_latin("Курси зварювання",
	    "курси kursy kursi зварювання zvariuvannia zvaruvanna");
	/* Initial є ї й ю я; й and ї survive although folding drops marks. */
	assert_latin("Їжак", "іжак yizhak izak");
	assert_latin("Юрій", "юріи yurii urij");
	/* Arabic: the generic form; written vowels are used when present. */
	assert_latin("اللحام", "اللحام allham");
	assert_latin("اللِّحَام", "اللحام alliham");
	/* Ge'ez: the Tigrinya spelling (sixth order silent, first e), then
	 * ICU's generic one. */
	assert_latin("ኮምፒተር", "ኮምፒተር kompiter komǝpitar");
	assert_latin("ፎርክሊፍት ሰላም", "ፎርክሊፍት forklift forǝkǝlifǝt ሰላም selam "
	    "salam");
	/* Labialised forms (ቋ, ጓ): the modifier w of ICU's qʷ folds to w. */
	assert_latin("ቋንቋ ጓል", "ቋንቋ qwanqwa qwanǝqwa ጓል gwal");
	/* Latin words are indexed once, folded. */
	assert_latin("Lassen Überstunden", "lassen uberstunden");
	/* Mixed text keeps the order of the words. */
	assert_latin("TIG Курси", "tig курси kursy kursi");
}

/*
 * The ASCII fast path must find exactly the words, folded forms and byte
 * ranges ICU's word break iterator finds, or catalogues indexed before
 * it would need a migration. Each text goes through both paths (a
 * second folder with catalog_fold_set_icu_only) and every token with its
 * range and colocated flag must match.
 */
struct toks {
	char	*s;
	size_t	 len, cap;
	size_t	 n;
};

static int
toks_add(void *arg, const char *word, size_t len, size_t start, size_t end,
    int colocated)
{
	struct toks *t = arg;
	char head[64];
	int hl;

	hl = snprintf(head, sizeof head, "%zu-%zu%s:", start, end,
	    colocated ? "+" : "");
	while (t->len + (size_t)hl + len + 2 > t->cap) {
		t->cap = t->cap == 0 ? 256 : t->cap * 2;
		t->s = xreallocarray(t->s, t->cap, 1);
	}
	memcpy(t->s + t->len, head, (size_t)hl);
	t->len += (size_t)hl;
	memcpy(t->s + t->len, word, len);
	t->len += len;
	t->s[t->len++] = '|';
	t->s[t->len] = '\0';
	t->n++;
	return 0;
}

static int
toks_add_plain(void *arg, const char *word, size_t len, size_t start,
    size_t end)
{
	return toks_add(arg, word, len, start, end, 0);
}

static struct catalog_fold *icu_fold;
static size_t ascii_words;

/* Fail unless both paths give the same tokens for text[0..n). */
static void
assert_same_words(const char *text, size_t n)
{
	struct toks a, b;
	size_t i;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	catalog_fold_words_latin(fold, text, n, toks_add, &a);
	catalog_fold_words_latin(icu_fold, text, n, toks_add, &b);
	catalog_fold_words(fold, text, n, toks_add_plain, &a);
	catalog_fold_words(icu_fold, text, n, toks_add_plain, &b);
	if (a.len != b.len || (a.len > 0 && memcmp(a.s, b.s, a.len) != 0)) {
		printf("# text (%zu bytes):", n);
		for (i = 0; i < n && i < 200; i++)
			printf(" %02x", (unsigned char)text[i]);
		printf("\n# fast: %s\n# icu:  %s\n", a.s != NULL ? a.s : "",
		    b.s != NULL ? b.s : "");
		fail_msg("the ASCII fast path and ICU split a text differently");
	}
	ascii_words += a.n;
	free(a.s);
	free(b.s);
}

/* A small deterministic generator (the same texts every run). */
static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static unsigned
rng(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* Generated ASCII: every character, weighted to the ones that join. */
static void
test_ascii_generated(void **state)
{
	static const char joiners[] = "aZq09_.',;: -\t\n\r\"/@#!?()&+%$";
	char text[48];
	size_t n, i;
	int round, rounds = 200000;
	const char *env = getenv("LEERPUNT_TEST_FOLD_ROUNDS");

	(void)state;
	/* .ci/valgrind runs fewer: there it looks for memory errors, and
	 * the plain and sanitizer runs compare all of them. */
	if (env != NULL && atoi(env) > 0)
		rounds = atoi(env);
	icu_fold = catalog_fold_new();
	catalog_fold_set_icu_only(icu_fold, 1);
	ascii_words = 0;
	for (round = 0; round < rounds; round++) {
		n = rng(sizeof text);
		for (i = 0; i < n; i++)
			text[i] = rng(4) == 0 ? (char)(1 + rng(127)) :
			    joiners[rng(sizeof joiners - 1)];
		assert_same_words(text, n);
	}
	/* Not all texts are empty of words: the test sees real splits. */
	assert_true(ascii_words > (size_t)rounds);
	catalog_fold_free(icu_fold);
}

/* ASCII with non-ASCII pieces: marks, joiners, spaces, other scripts. */
static void
test_ascii_mixed(void **state)
{
	static const char *const bits[] = {
		"a", "Z", "7", "_", ".", "'", ",", ";", ":", " ", "  ", "-",
		"\t", "\n", "ab", "12", "é", "\xcc\x81" /* U+0301 */,
		"\xe2\x80\x8d" /* ZWJ */, "\xe2\x80\x99" /* ’ */,
		"\xc2\xb7" /* · */, "\xc2\xa0" /* NBSP */, "\xef\xbb\xbf",
		"\xe2\x80\x8b", "\xe3\x80\x80" /* ideographic space */,
		"Курс", "دورة", "ሰላም", "ß", "İ", "日本", "\xf0\x9f\x98\x80",
		"\xf0\x9f\x8f\xbb", "\xff", "\xc3", "\xd9\x8e" /* fatha */,
		"\xd9\xa2" /* ٢ */, "\xe2\x80\x8e" /* LRM */, "\xc2\xad",
	};
	char text[128];
	size_t n, k, len;
	int round, parts;

	(void)state;
	icu_fold = catalog_fold_new();
	catalog_fold_set_icu_only(icu_fold, 1);
	for (round = 0; round < 50000; round++) {
		parts = (int)rng(16);
		n = 0;
		for (k = 0; k < (size_t)parts; k++) {
			const char *b = bits[rng(sizeof bits / sizeof bits[0])];

			len = strlen(b);
			if (n + len > sizeof text)
				break;
			memcpy(text + n, b, len);
			n += len;
		}
		assert_same_words(text, n);
	}
	catalog_fold_free(icu_fold);
}

/* Every file under dir, whole and line by line. */
static void
same_words_in_dir(const char *dir, int *files)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;
	char *path, *buf, *line, *nl;
	FILE *fp;
	size_t n;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			same_words_in_dir(path, files);
		} else if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    (fp = fopen(path, "rb")) != NULL) {
			buf = xmalloc((size_t)st.st_size + 1);
			n = fread(buf, 1, (size_t)st.st_size, fp);
			fclose(fp);
			buf[n] = '\0';
			assert_same_words(buf, n);
			for (line = buf; *line != '\0'; line = nl + 1) {
				if ((nl = strchr(line, '\n')) == NULL)
					nl = line + strlen(line) - 1;
				assert_same_words(line, (size_t)(nl - line + 1));
			}
			free(buf);
			(*files)++;
		}
		free(path);
	}
	closedir(d);
}

/* The real samples, the EDU-DEX test feeds and the themes file. */
static void
test_samples_ascii(void **state)
{
	const char *src = getenv("top_srcdir");
	char *dir;
	int files = 0;

	(void)state;
	icu_fold = catalog_fold_new();
	catalog_fold_set_icu_only(icu_fold, 1);
	dir = xasprintf("%s/samples", unit_samples());
	same_words_in_dir(dir, &files);
	free(dir);
	if (src == NULL)
		src = ".";
	dir = xasprintf("%s/catalog/data", src);
	same_words_in_dir(dir, &files);
	free(dir);
	dir = xasprintf("%s/tests/data", src);
	same_words_in_dir(dir, &files);
	free(dir);
	printf("# ASCII fast path = ICU on %d files\n", files);
	assert_true(files > 0);
	catalog_fold_free(icu_fold);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_and_accents),
		cmocka_unit_test(test_dutch_ij_and_sharp_s),
		cmocka_unit_test(test_turkish_i),
		cmocka_unit_test(test_non_latin),
		cmocka_unit_test(test_farsi_arabic_letters),
		cmocka_unit_test(test_eastern_digits),
		cmocka_unit_test(test_arabic_marks),
		cmocka_unit_test(test_cyrillic_and_ethiopic),
		cmocka_unit_test(test_words_and_offsets),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_script_words),
		cmocka_unit_test(test_transliteration),
		cmocka_unit_test(test_ascii_generated),
		cmocka_unit_test(test_ascii_mixed),
		cmocka_unit_test(test_samples_ascii),
	};

	if (!unit_have_samples("ooapi-v5"))
		cmocka_set_skip_filter("test_samples*");
	return cmocka_run_group_tests(tests, setup, teardown);
}
