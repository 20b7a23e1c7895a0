/*
 * test_fold: search normalisation (case, diacritics, ligatures, scripts),
 * word splitting in Latin, Arabic, Cyrillic and Ethiopic text, and the
 * Latin transliterations the index stores beside non-Latin words.
 */
#include "unit.h"

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
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
