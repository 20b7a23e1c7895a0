/*
 * test_format: dates, prices and language names in each interface language
 * (kiosk/format.c), as the kiosk shows them next to a course.
 *
 * Every language is checked twice: for properties that hold with any ICU
 * (the month in that language, the digits of the language table: 0-9
 * everywhere, the euro, the translated words for free and unknown
 * prices) and, with ICU 72 (Debian 12, what the kiosks run), for the exact
 * text, checked by hand against the
 * CLDR conventions of each language. Every string must be valid UTF-8 with
 * no control character that could reach the terminal.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/uvernum.h>

#include "catalog/clock.h"
#include "catalog/entry.h"
#include "catalog/xmalloc.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"
#include "kiosk/width.h"

#define ICU_EXACT (U_ICU_VERSION_MAJOR_NUM == 72)

/* The digits 0-9 of a script, as UTF-8. */
static const char *const latn[10] = {
	"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"
};

struct want {
	const char		 *code;
	const char *const	 *digits;
	const char		 *month;	/* January, in any length */
	const char		 *date;		/* ICU 72: 2027-01-10 */
	const char		 *price;	/* ICU 72: 45050 cents */
	const char		 *whole;	/* ICU 72: 45000 cents */
	const char		 *nl, *en, *ar;	/* ICU 72: names of languages */
	const char		 *self;
};

static const struct want wants[] = {
	{ "nl", latn, "januari", "10 januari 2027",
	    "\u20ac\u00a0450,50", "\u20ac\u00a0450",
	    "Nederlands", "Engels", "Arabisch", "Nederlands" },
	{ "en", latn, "January", "January 10, 2027",
	    "\u20ac450.50", "\u20ac450",
	    "Dutch", "English", "Arabic", "English" },
	/* 0-9 as on every Arabic screen (the language table's digits,
	 * docs/languages.md), RLM before. */
	{ "ar", latn, "\u064a\u0646\u0627\u064a\u0631",
	    "10 \u064a\u0646\u0627\u064a\u0631 2027",
	    "\u200f450.50\u00a0\u20ac",
	    "\u200f450\u00a0\u20ac",
	    "\u0627\u0644\u0647\u0648\u0644\u0646\u062f\u064a\u0629",
	    "\u0627\u0644\u0625\u0646\u062c\u0644\u064a\u0632\u064a\u0629",
	    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
	    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629" },
	/* Tigrinya: Ge'ez month (ጥሪ), Western digits. */
	{ "ti", latn, "\u1325\u122a", "10 \u1325\u122a 2027",
	    "\u20ac450.50", "\u20ac450",
	    "\u12f3\u127d", "\u12a5\u1295\u130d\u120a\u12dd\u129b",
	    "\u12d3\u1228\u1265", "\u1275\u130d\u122d\u129b" },
	/* CLDR uk writes the euro as "EUR"; names are lower case. */
	{ "uk", latn, "\u0441\u0456\u0447\u043d\u044f",
	    "10 \u0441\u0456\u0447\u043d\u044f 2027\u202f\u0440.",
	    "450,50\u00a0EUR", "450\u00a0EUR",
	    "\u043d\u0456\u0434\u0435\u0440\u043b\u0430\u043d\u0434\u0441"
	    "\u044c\u043a\u0430",
	    "\u0430\u043d\u0433\u043b\u0456\u0439\u0441\u044c\u043a\u0430",
	    "\u0430\u0440\u0430\u0431\u0441\u044c\u043a\u0430",
	    "\u0443\u043a\u0440\u0430\u0457\u043d\u0441\u044c\u043a\u0430" },
	{ "tr", latn, "Ocak", "10 Ocak 2027",
	    "\u20ac450,50", "\u20ac450",
	    "Felemenk\u00e7e", "\u0130ngilizce", "Arap\u00e7a",
	    "T\u00fcrk\u00e7e" },
	{ "pl", latn, "stycznia", "10 stycznia 2027",
	    "450,50\u00a0\u20ac", "450\u00a0\u20ac",
	    "niderlandzki", "angielski", "arabski", "polski" },
	/* 0-9 too; the Gregorian month (ژانویه), not Solar Hijri. */
	{ "fa", latn, "\u0698\u0627\u0646\u0648\u06cc\u0647",
	    "10 \u0698\u0627\u0646\u0648\u06cc\u0647\u0654 2027",
	    "\u200e\u20ac\u00a0450.50",
	    "\u200e\u20ac\u00a0450",
	    "\u0647\u0644\u0646\u062f\u06cc",
	    "\u0627\u0646\u06af\u0644\u06cc\u0633\u06cc",
	    "\u0639\u0631\u0628\u06cc",
	    "\u0641\u0627\u0631\u0633\u06cc" },
};
#define NWANTS (sizeof wants / sizeof wants[0])

/* The number n (0..9999) written with digits d, in a static buffer. */
static const char *
number(const char *const *d, int n)
{
	static char	 buf[64];
	char		 tmp[8];
	size_t		 i, len;

	len = (size_t)snprintf(tmp, sizeof tmp, "%d", n);
	buf[0] = '\0';
	for (i = 0; i < len; i++)
		strcat(buf, d[tmp[i] - '0']);
	return buf;
}

/* s is non-empty valid UTF-8 with nothing that could drive a terminal. */
static void
assert_clean(const char *s)
{
	int32_t	 i = 0, len;
	UChar32	 c;
	int8_t	 type;

	assert_non_null(s);
	len = (int32_t)strlen(s);
	assert_true(len > 0);
	while (i < len) {
		U8_NEXT(s, i, len, c);
		assert_true(c >= 0);
		type = u_charType(c);
		assert_int_not_equal(type, U_CONTROL_CHAR);
		assert_int_not_equal(type, U_LINE_SEPARATOR);
		assert_int_not_equal(type, U_PARAGRAPH_SEPARATOR);
		assert_false(c >= 0x202a && c <= 0x202e);
		assert_false(c >= 0x2066 && c <= 0x2069);
	}
}

static int
setup(void **state)
{
	char *cause = NULL;

	(void)state;
	if (kiosk_lang_init(&cause) != 0) {
		free(cause);
		return -1;
	}
	return 0;
}

/* The formatter for w, with gettext switched to its language too. */
static struct kiosk_format *
open_lang(const struct want *w)
{
	kiosk_lang_switch(w->code);
	return kiosk_format_new(w->code);
}

static void
test_dates(void **state)
{
	struct kiosk_format	*f, *en = kiosk_format_new("en");
	char			*s, *english = kiosk_format_date(en,
				    "2027-01-10");
	size_t			 i;

	(void)state;
	for (i = 0; i < NWANTS; i++) {
		f = open_lang(&wants[i]);
		s = kiosk_format_date(f, "2027-01-10");
		print_message("# %s date: %s\n", wants[i].code, s);
		assert_clean(s);
		assert_non_null(strstr(s, wants[i].month));
		assert_non_null(strstr(s, number(wants[i].digits, 10)));
		/* The Gregorian year 2027, never 1405 (Solar Hijri). */
		assert_non_null(strstr(s, number(wants[i].digits, 2027)));
		if (strcmp(wants[i].code, "en") != 0)
			assert_string_not_equal(s, english);
		if (ICU_EXACT)
			assert_string_equal(s, wants[i].date);
		free(s);
		/* A leap day and the last day of the year come out too. */
		s = kiosk_format_date(f, "2028-02-29");
		assert_clean(s);
		assert_non_null(strstr(s, number(wants[i].digits, 29)));
		free(s);
		s = kiosk_format_date(f, "2027-12-31");
		assert_clean(s);
		assert_non_null(strstr(s, number(wants[i].digits, 31)));
		free(s);
		kiosk_format_free(f);
	}
	free(english);
	kiosk_format_free(en);
}

static void
test_bad_dates(void **state)
{
	static const char *const bad[] = {
		"", "2027", "2027-01", "2027-00-10", "2027-13-01",
		"2027-01-00", "2027-01-32", "2027-02-29", "2027-02-30",
		"2027-04-31", "2027-01-10x", "2027-01-10\x1b[2J", "10-01-2027",
		"januari", "2027/01/10",
	};
	struct kiosk_format	*f = kiosk_format_new("nl");
	size_t			 i;
	char			*s;

	(void)state;
	assert_null(kiosk_format_date(f, NULL));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		s = kiosk_format_date(f, bad[i]);
		if (s != NULL)
			print_message("# \"%s\" gave \"%s\"\n", bad[i], s);
		assert_null(s);
	}
	kiosk_format_free(f);
}

static void
test_prices(void **state)
{
	struct kiosk_format	*f;
	const char		*euro;
	char			*s, *w;
	size_t			 i;

	(void)state;
	for (i = 0; i < NWANTS; i++) {
		f = open_lang(&wants[i]);
		euro = strcmp(wants[i].code, "uk") == 0 ? "EUR" : "\u20ac";
		s = kiosk_format_cost(f, 45050);
		w = kiosk_format_cost(f, 45000);
		print_message("# %s price: %s / %s\n", wants[i].code, s, w);
		assert_clean(s);
		assert_clean(w);
		assert_non_null(strstr(s, euro));
		assert_non_null(strstr(w, euro));
		assert_non_null(strstr(s, number(wants[i].digits, 450)));
		assert_non_null(strstr(s, number(wants[i].digits, 50)));
		/* Whole euros without ",00". */
		assert_non_null(strstr(w, number(wants[i].digits, 450)));
		assert_null(strstr(w, number(wants[i].digits, 4500)));
		assert_true(strlen(w) < strlen(s));
		if (ICU_EXACT) {
			assert_string_equal(s, wants[i].price);
			assert_string_equal(w, wants[i].whole);
		}
		free(s);
		free(w);
		/* One cent and a large amount. */
		s = kiosk_format_cost(f, 1);
		assert_clean(s);
		assert_non_null(strstr(s, number(wants[i].digits, 1)));
		assert_non_null(strstr(s, euro));
		free(s);
		s = kiosk_format_cost(f, 123456789);
		assert_clean(s);
		assert_non_null(strstr(s, number(wants[i].digits, 89)));
		free(s);
		kiosk_format_free(f);
	}
	/* Grouping and cents as the Dutch write them. */
	f = kiosk_format_new("nl");
	s = kiosk_format_cost(f, 123456789);
	assert_string_equal(s, "\u20ac\u00a01.234.567,89");
	free(s);
	s = kiosk_format_cost(f, 5);
	assert_string_equal(s, "\u20ac\u00a00,05");
	free(s);
	kiosk_format_free(f);
}

static void
test_free_unknown(void **state)
{
	struct kiosk_format	*f;
	char			*s;
	size_t			 i, k;

	(void)state;
	for (i = 0; i < NWANTS; i++) {
		f = open_lang(&wants[i]);
		s = kiosk_format_cost(f, 0);
		print_message("# %s free: %s\n", wants[i].code, s);
		assert_clean(s);
		/* In words, from the interface language's catalogue. */
		assert_string_equal(s, dgettext("leerpunt", "Free"));
		if (strcmp(wants[i].code, "en") != 0)
			assert_string_not_equal(s, "Free");
		for (k = 0; k < 10; k++)
			assert_null(strstr(s, wants[i].digits[k]));
		assert_null(strstr(s, "\u20ac"));
		free(s);
		s = kiosk_format_cost(f, -1);
		print_message("# %s unknown: %s\n", wants[i].code, s);
		assert_clean(s);
		assert_string_equal(s, dgettext("leerpunt",
		    "Price not known"));
		if (strcmp(wants[i].code, "en") != 0)
			assert_string_not_equal(s, "Price not known");
		free(s);
		/* Any other negative amount is not a price either. */
		s = kiosk_format_cost(f, INT64_MIN);
		assert_string_equal(s, dgettext("leerpunt",
		    "Price not known"));
		free(s);
		kiosk_format_free(f);
	}
	f = open_lang(&wants[0]);
	s = kiosk_format_cost(f, 0);
	assert_string_equal(s, "Gratis");
	free(s);
	s = kiosk_format_cost(f, -1);
	assert_string_equal(s, "Prijs niet bekend");
	free(s);
	kiosk_format_free(f);
}

static void
test_lang_names(void **state)
{
	struct kiosk_format	*f;
	char			*nl, *en, *ar, *self;
	size_t			 i;

	(void)state;
	for (i = 0; i < NWANTS; i++) {
		f = open_lang(&wants[i]);
		nl = kiosk_format_lang_name(f, "nl");
		en = kiosk_format_lang_name(f, "en-GB");
		ar = kiosk_format_lang_name(f, "ar");
		self = kiosk_format_lang_name(f, wants[i].code);
		print_message("# %s names: %s, %s, %s, %s\n", wants[i].code,
		    nl, en, ar, self);
		assert_clean(nl);
		assert_clean(en);
		assert_clean(ar);
		assert_clean(self);
		/* Names, not the codes; different names for each. */
		assert_string_not_equal(nl, "nl");
		assert_string_not_equal(ar, "ar");
		assert_string_not_equal(nl, en);
		assert_string_not_equal(nl, ar);
		if (strcmp(wants[i].code, "en") != 0)
			assert_string_not_equal(nl, "Dutch");
		if (ICU_EXACT) {
			assert_string_equal(nl, wants[i].nl);
			assert_string_equal(en, wants[i].en);
			assert_string_equal(ar, wants[i].ar);
			assert_string_equal(self, wants[i].self);
		}
		free(nl);
		free(en);
		free(ar);
		free(self);
		kiosk_format_free(f);
	}
}

static void
test_lang_name_input(void **state)
{
	struct kiosk_format	*f = kiosk_format_new("nl");
	struct catalog_text	 t;
	char			*s;

	(void)state;
	assert_null(kiosk_format_lang_name(f, NULL));
	assert_null(kiosk_format_lang_name(f, ""));
	/* A tag from the catalogue with an escape sequence in it. */
	s = kiosk_format_lang_name(f, "n\x1b]0;x\x07l");
	assert_clean(s);
	assert_null(strchr(s, 0x1b));
	free(s);
	/* The mark next to text in another language than the interface. */
	memset(&t, 0, sizeof t);
	t.value = (char *)"Welding";
	strcpy(t.lang, "en");
	s = kiosk_format_mark(f, &t);
	assert_clean(s);
	if (ICU_EXACT)
		assert_string_equal(s, "Engels");
	free(s);
	strcpy(t.lang, "nl-BE");
	assert_null(kiosk_format_mark(f, &t));
	t.lang[0] = '\0';
	assert_null(kiosk_format_mark(f, &t));
	kiosk_format_free(f);
}

/* A language ICU knows nothing of still gives readable text. */
static void
test_fallback(void **state)
{
	struct kiosk_format	*f = kiosk_format_new("zz");
	char			*s;

	(void)state;
	s = kiosk_format_date(f, "2027-01-10");
	assert_clean(s);
	assert_non_null(strstr(s, "2027"));
	assert_non_null(strstr(s, "10"));
	free(s);
	s = kiosk_format_cost(f, 45050);
	assert_clean(s);
	assert_non_null(strstr(s, "450"));
	free(s);
	/* No names in "zz": the tag itself, not another language's name. */
	s = kiosk_format_lang_name(f, "nl");
	assert_string_equal(s, "nl");
	free(s);
	kiosk_format_free(f);
}

/* "Updated N days ago" counts calendar days on the program's clock. */
static void
test_updated(void **state)
{
	static const struct {
		const char	*today;
		long		 back;	/* seconds before now */
		const char	*want;
	} cases[] = {
		{ "2026-11-27", 0, "Updated today" },
		{ "2026-11-27", 86400, "Updated yesterday" },
		{ "2026-11-27", 3 * 86400, "Updated 3 days ago" },
		{ "2028-03-01", 2 * 86400, "Updated 2 days ago" },	/* 29 Feb */
		{ "2031-09-15", 400L * 86400, "Updated 400 days ago" },
		{ "2026-11-27", -86400, "Updated today" },	/* clock behind */
	};
	size_t	 i;
	char	*s;

	(void)state;
	kiosk_lang_switch("en");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(catalog_clock_set_today(cases[i].today), 0);
		s = kiosk_format_updated(0, catalog_clock_now() -
		    cases[i].back);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
	s = kiosk_format_updated(1, catalog_clock_now());
	assert_string_equal(s, "Not updated yet");
	free(s);
	/* In Dutch, through gettext's plural forms. */
	kiosk_lang_switch("nl");
	s = kiosk_format_updated(0, catalog_clock_now() - 5 * 86400);
	assert_string_equal(s, "5 dagen geleden bijgewerkt");
	free(s);
	assert_int_equal(catalog_clock_set_today(NULL), 0);
}

/* Durations as the catalogue stores them; nonsense shows nothing. */
static void
test_durations(void **state)
{
	static const char *const none[] = { "P99999999999999999999W",
		"P2147483648W", "P0W", "P-3W", "P10", "P10WX", "10W", "P1Y6M",
		"PT40H", "", "P 3W" };
	size_t	 i;
	char	*s;

	(void)state;
	kiosk_lang_switch("en");
	s = kiosk_format_duration("P10W");
	assert_string_equal(s, "10 weeks");
	free(s);
	s = kiosk_format_duration("P1M");
	assert_string_equal(s, "1 month");
	free(s);
	assert_null(kiosk_format_duration(NULL));
	for (i = 0; i < sizeof none / sizeof none[0]; i++) {
		s = kiosk_format_duration(none[i]);
		if (s != NULL)
			fail_msg("\"%s\" shown as \"%s\"", none[i], s);
	}
}

/* A count stays with its noun: spaces beside digits do not break. */
static void
test_glue(void **state)
{
	struct kiosk_width_line	*lines = NULL;
	char			*s = NULL, *g;
	size_t			 n, i;

	(void)state;
	g = kiosk_format_glue("10 weeks, 4 hours a week, MBO 2 and A2");
	assert_string_equal(g, "10\u00a0weeks,\u00a04\u00a0hours a week, "
	    "MBO\u00a02\u00a0and A2");
	free(g);
	kiosk_format_join(&s, kiosk_format_glue("starts 1 December 2026"));
	kiosk_format_join(&s, kiosk_format_glue("10 months"));
	kiosk_format_join(&s, kiosk_format_glue(
	    "4 \u0633\u0627\u0639\u0627\u062a"));
	assert_string_equal(s, "starts\u00a01\u00a0December\u00a02026 \u00b7 "
	    "10\u00a0months \u00b7 4\u00a0\u0633\u0627\u0639\u0627\u062a");
	/* Wrapped narrow, no line ends in a number or starts with a noun
	 * cut from it. */
	n = kiosk_width_wrap(s, 12, &lines);
	assert_true(n >= 3);
	for (i = 0; i < n; i++) {
		const char *end = s + lines[i].off + lines[i].len;

		while (end > s + lines[i].off && end[-1] == ' ')
			end--;
		assert_false(end[-1] >= '0' && end[-1] <= '9' &&
		    i + 1 < n);
	}
	free(lines);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_glue),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_prices),
		cmocka_unit_test(test_free_unknown),
		cmocka_unit_test(test_lang_names),
		cmocka_unit_test(test_lang_name_input),
		cmocka_unit_test(test_fallback),
		cmocka_unit_test(test_updated),
	};

	int rc = cmocka_run_group_tests(tests, setup, NULL);

	kiosk_width_done();	/* test_glue wraps text: close the iterators */
	return rc;
}
