/*
 * test_filter: the answers to the narrowing questions (kiosk/filter.c):
 * how they combine into one catalog_query (every question, a place or the
 * kiosk's home with a radius, "later"), which answer is "the last" after
 * answers are given, changed, skipped and dropped, the words shown for
 * them, and the counts against a real catalogue, "1000+" included; the
 * table of questions (each row's answers, apply, drop, words) and the
 * vocabularies from catalog/vocab.c.
 */
#include "unit.h"

#include <strings.h>

#include "catalog/clock.h"
#include "catalog/search.h"
#include "catalog/vocab.h"
#include "kiosk/app.h"
#include "kiosk/filter.h"
#include "kiosk/format.h"

#define TODAY "2026-11-27"

#define ENTRIES \
	"id,kind,provider,themes,city,province,lat,lon,title_nl,title_en," \
	"start,mode,cost,instruction_lang\n" \
	"w-rdam,course,A,technical,Rotterdam,Zuid-Holland,51.92,4.48," \
	"Lassen,Welding,2026-12-10,onsite,0,nl\n" \
	"w-dord,course,B,technical,Dordrecht,Zuid-Holland,51.80,4.68," \
	"Lassen TIG,TIG welding,2027-06-01,onsite,950,nl\n" \
	"w-adam,course,C,technical,Amsterdam,Noord-Holland,52.37,4.90," \
	"Lassen online,Welding online,2027-01-15,online,0,en\n" \
	"c-utr,course,D,care,Utrecht,Utrecht,52.09,5.12," \
	"Zorg,Care,2027-04-01,blended,0,nl\n"

static struct unit_db *u;
static struct kiosk_app app;

static int
setup(void **state)
{
	char *cause = NULL;

	(void)state;
	u = unit_db_new();
	if (unit_import(u->db, "f", &cause, UNIT_THEMES, ENTRIES, NULL) != 0)
		fail_msg("import: %s", cause);
	memset(&app, 0, sizeof app);
	app.db = u->db;
	snprintf(app.lang, sizeof app.lang, "en");
	if (catalog_clock_set_today(TODAY) != 0)
		fail_msg("the test date %s", TODAY);
	app.fmt = kiosk_format_new("en");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	kiosk_format_free(app.fmt);
	unit_db_free(u);
	return 0;
}

static void
test_query_empty(void **state)
{
	struct kiosk_filter f;
	struct catalog_query q;

	(void)state;
	kiosk_filter_init(&f);
	memset(&q, 0xff, sizeof q);	/* every field must be set */
	kiosk_filter_query(&f, &app, &q);
	assert_null(q.text);
	assert_null(q.theme);
	assert_null(q.province);
	assert_null(q.instruction_lang);
	assert_int_equal(q.kind, -1);
	assert_int_equal(q.mode, 0);
	assert_int_equal(q.free_only, 0);
	assert_int_equal(q.starts_within_days, 0);
	assert_int_equal(q.starts_after_days, 0);
	assert_int_equal(q.has_place, 0);
	assert_string_equal(q.lang, "en");
	assert_null(q.today);	/* the clock decides */
	assert_int_equal(kiosk_filter_count(&f), 0);
	assert_int_equal(kiosk_filter_last(&f), -1);
}

/* Every answer at once ends up in the one query. */
static void
test_query_combined(void **state)
{
	struct kiosk_filter f;
	struct catalog_query q;

	(void)state;
	kiosk_filter_init(&f);
	snprintf(f.theme, sizeof f.theme, "technical");
	snprintf(f.province, sizeof f.province, "Zuid-Holland");
	f.days = KIOSK_FILTER_QUARTER;
	f.free_only = 1;
	f.mode = CATALOG_MODE_ONSITE;
	snprintf(f.lang, sizeof f.lang, "nl");
	snprintf(f.text, sizeof f.text, "lassen");
	kiosk_filter_query(&f, &app, &q);
	assert_string_equal(q.theme, "technical");
	assert_string_equal(q.province, "Zuid-Holland");
	assert_int_equal(q.starts_within_days, KIOSK_FILTER_QUARTER);
	assert_int_equal(q.starts_after_days, 0);
	assert_int_equal(q.free_only, 1);
	assert_int_equal(q.mode, CATALOG_MODE_ONSITE);
	assert_string_equal(q.instruction_lang, "nl");
	assert_string_equal(q.text, "lassen");
	assert_int_equal(q.has_place, 0);
	/* The theme is where the list came from, not an answer. */
	assert_int_equal(kiosk_filter_count(&f), 6);

	/* A place replaces the province and brings a radius. */
	kiosk_filter_set_near(&f, "Dordrecht", 51.8, 4.68, 25);
	kiosk_filter_query(&f, &app, &q);
	assert_null(q.province);
	assert_int_equal(q.has_place, 1);
	assert_true(q.near_lat == 51.8 && q.near_lon == 4.68);
	assert_true(q.max_km == 25);
	assert_int_equal(kiosk_filter_count(&f), 6);
	/* Any distance: measured, nearest first, nothing left out. */
	f.km = KIOSK_FILTER_ANY_KM;
	kiosk_filter_query(&f, &app, &q);
	assert_int_equal(q.has_place, 1);
	assert_true(q.max_km == 0);
	/* Later: a lower bound instead of a window. */
	f.days = 0;
	f.after = KIOSK_FILTER_QUARTER;
	kiosk_filter_query(&f, &app, &q);
	assert_int_equal(q.starts_within_days, 0);
	assert_int_equal(q.starts_after_days, KIOSK_FILTER_QUARTER);
	assert_true(kiosk_filter_active(&f, KIOSK_FILTER_WHEN));
}

/* The order of answers, and "drop the last choice". */
static void
test_drop_last(void **state)
{
	struct kiosk_filter f;

	(void)state;
	kiosk_filter_init(&f);
	kiosk_filter_set_near(&f, "", 51.92, 4.48, 10);
	kiosk_filter_touch(&f, KIOSK_FILTER_WHERE);
	f.days = KIOSK_FILTER_SOON;
	kiosk_filter_touch(&f, KIOSK_FILTER_WHEN);
	f.free_only = 1;
	kiosk_filter_touch(&f, KIOSK_FILTER_COST);
	assert_int_equal(kiosk_filter_last(&f), KIOSK_FILTER_COST);
	assert_int_equal(kiosk_filter_count(&f), 3);

	/* Changing an earlier answer makes it the last. */
	f.km = 50;
	kiosk_filter_touch(&f, KIOSK_FILTER_WHERE);
	assert_int_equal(kiosk_filter_last(&f), KIOSK_FILTER_WHERE);
	kiosk_filter_drop(&f, kiosk_filter_last(&f));
	assert_false(kiosk_filter_active(&f, KIOSK_FILTER_WHERE));
	assert_int_equal(f.near, 0);
	assert_true(f.lat == 0 && f.lon == 0 && f.km == 0);
	assert_int_equal(kiosk_filter_last(&f), KIOSK_FILTER_COST);
	assert_int_equal(kiosk_filter_count(&f), 2);

	/* An answer taken back without drop (a Skip copy) is passed over. */
	f.free_only = 0;
	assert_int_equal(kiosk_filter_last(&f), KIOSK_FILTER_WHEN);
	kiosk_filter_drop(&f, kiosk_filter_last(&f));
	assert_int_equal(f.days, 0);
	assert_int_equal(f.after, 0);
	assert_int_equal(kiosk_filter_last(&f), -1);

	/* Touching a kind with no answer does not put it in the order. */
	kiosk_filter_touch(&f, KIOSK_FILTER_MODE);
	f.mode = CATALOG_MODE_ONLINE;	/* set later without a touch */
	assert_int_equal(kiosk_filter_last(&f), -1);
	f.mode = 0;

	/* The word typed, then dropping everything one by one. */
	snprintf(f.text, sizeof f.text, "lassen");
	kiosk_filter_touch(&f, KIOSK_FILTER_WORD);
	f.after = KIOSK_FILTER_QUARTER;
	kiosk_filter_touch(&f, KIOSK_FILTER_WHEN);
	snprintf(f.province, sizeof f.province, "Utrecht");
	kiosk_filter_touch(&f, KIOSK_FILTER_WHERE);
	assert_int_equal(kiosk_filter_last(&f), KIOSK_FILTER_WHERE);
	kiosk_filter_drop(&f, kiosk_filter_last(&f));
	assert_string_equal(f.province, "");
	assert_int_equal(kiosk_filter_last(&f), KIOSK_FILTER_WHEN);
	kiosk_filter_drop(&f, kiosk_filter_last(&f));
	assert_int_equal(kiosk_filter_last(&f), KIOSK_FILTER_WORD);
	kiosk_filter_drop(&f, kiosk_filter_last(&f));
	assert_string_equal(f.text, "");
	assert_int_equal(kiosk_filter_count(&f), 0);
	assert_int_equal(kiosk_filter_last(&f), -1);
}

static void
assert_words(const struct kiosk_filter *f, int kind, const char *want)
{
	char *w = kiosk_filter_words(f, app.fmt, kind);

	if (want == NULL) {
		assert_null(w);
		return;
	}
	assert_non_null(w);
	assert_string_equal(w, want);
	free(w);
}

static void
test_words(void **state)
{
	struct kiosk_filter f;
	char *s;

	(void)state;
	kiosk_filter_init(&f);
	assert_words(&f, KIOSK_FILTER_WHERE, NULL);
	s = kiosk_filter_summary(&f, app.fmt);
	assert_string_equal(s, "");
	free(s);
	snprintf(f.province, sizeof f.province, "Utrecht");
	assert_words(&f, KIOSK_FILTER_WHERE, "Utrecht");
	kiosk_filter_set_near(&f, "", 51.92, 4.48, 25);
	assert_words(&f, KIOSK_FILTER_WHERE, "within 25 km of here");
	f.km = KIOSK_FILTER_ANY_KM;
	assert_words(&f, KIOSK_FILTER_WHERE, "near here");
	kiosk_filter_set_near(&f, "Dordrecht", 51.8, 4.68, 10);
	assert_words(&f, KIOSK_FILTER_WHERE, "within 10 km of Dordrecht");
	f.km = KIOSK_FILTER_ANY_KM;
	assert_words(&f, KIOSK_FILTER_WHERE, "near Dordrecht");
	f.days = KIOSK_FILTER_SOON;
	assert_words(&f, KIOSK_FILTER_WHEN, "starts within a month");
	f.days = KIOSK_FILTER_QUARTER;
	assert_words(&f, KIOSK_FILTER_WHEN, "starts within three months");
	f.days = 0;
	f.after = KIOSK_FILTER_QUARTER;
	assert_words(&f, KIOSK_FILTER_WHEN, "starts after three months");
	f.free_only = 1;
	s = kiosk_filter_summary(&f, app.fmt);
	assert_string_equal(s, "near Dordrecht \xc2\xb7 starts after three "
	    "months \xc2\xb7 free");
	free(s);
}

/* Counts against the catalogue, and the count in words. */
static void
test_total(void **state)
{
	struct kiosk_filter f;
	int capped = -1;

	(void)state;
	kiosk_filter_init(&f);
	assert_int_equal(kiosk_filter_total(&f, &app, &capped), 4);
	assert_int_equal(capped, 0);
	snprintf(f.theme, sizeof f.theme, "technical");
	assert_int_equal(kiosk_filter_total(&f, &app, NULL), 3);
	/* 25 km around Rotterdam: Rotterdam and Dordrecht (14 km). */
	kiosk_filter_set_near(&f, "", 51.92, 4.48, 25);
	assert_int_equal(kiosk_filter_total(&f, &app, NULL), 2);
	f.km = 10;
	assert_int_equal(kiosk_filter_total(&f, &app, NULL), 1);
	f.km = KIOSK_FILTER_ANY_KM;
	assert_int_equal(kiosk_filter_total(&f, &app, NULL), 3);
	/* Later than three months: only Dordrecht (June). */
	f.after = KIOSK_FILTER_QUARTER;
	assert_int_equal(kiosk_filter_total(&f, &app, NULL), 1);
	f.free_only = 1;	/* Dordrecht costs money */
	assert_int_equal(kiosk_filter_total(&f, &app, NULL), 0);
	kiosk_filter_drop(&f, KIOSK_FILTER_WHEN);
	assert_int_equal(kiosk_filter_total(&f, &app, NULL), 2);
	f.days = KIOSK_FILTER_SOON;
	assert_int_equal(kiosk_filter_total(&f, &app, NULL), 1);
}

static void
assert_offers(long n, int capped, const char *want)
{
	char *s = kiosk_filter_offers(n, capped);

	assert_string_equal(s, want);
	free(s);
}

static void
test_offers(void **state)
{
	(void)state;
	assert_offers(-1, 0, "cannot count right now");
	assert_offers(0, 0, "none right now");
	assert_offers(1, 0, "1 offer");
	assert_offers(12, 0, "12 offers");
	assert_offers(1000, 0, "1000 offers");
	assert_offers(1000, 1, "1000+ offers");
	assert_offers(37, 1, "37+ offers");
	/* Stopped counting before finding any: not "0+". */
	assert_offers(0, 1, "none right now");
}

/* More matches than the catalogue counts: capped, "1000+". */
static void
test_total_capped(void **state)
{
	struct unit_db *big = unit_db_new();
	struct catalog_db *saved = app.db;
	struct kiosk_filter f;
	char *csv, *cause = NULL, *count;
	size_t len = 0, i;
	int capped = 0;
	long n;

	(void)state;
	csv = xmalloc(80 * (CATALOG_SEARCH_CAP + 200));
	len += (size_t)sprintf(csv, "id,kind,provider,themes,title_nl,start\n");
	for (i = 0; i < CATALOG_SEARCH_CAP + 100; i++)
		len += (size_t)sprintf(csv + len, "e%zu,course,X,care,Cursus "
		    "%zu,2027-01-%02zu\n", i, i, i % 28 + 1);
	if (unit_import(big->db, "b", &cause, UNIT_THEMES, csv, NULL) != 0)
		fail_msg("import: %s", cause);
	app.db = big->db;
	kiosk_filter_init(&f);
	snprintf(f.theme, sizeof f.theme, "care");
	n = kiosk_filter_total(&f, &app, &capped);
	assert_int_equal(n, CATALOG_SEARCH_CAP);
	assert_int_equal(capped, 1);
	count = kiosk_filter_offers(n, capped);
	assert_string_equal(count, "1000+ offers");
	free(count);
	/* Within budget again: exact. */
	snprintf(f.theme, sizeof f.theme, "technical");
	app.db = saved;
	assert_int_equal(kiosk_filter_total(&f, &app, &capped), 3);
	assert_int_equal(capped, 0);
	free(csv);
	unit_db_free(big);
}

/* The vocabularies come from the catalogue library. */
static void
test_provinces(void **state)
{
	char **tags, *cause = NULL;
	size_t n;

	(void)state;
	assert_non_null(catalog_vocab_provinces(&n));
	assert_int_equal(n, 12);
	assert_string_equal(catalog_vocab_province_find("zuid-HOLLAND"),
	    "Zuid-Holland");
	assert_null(catalog_vocab_province_find("Atlantis"));
	assert_null(catalog_vocab_province_find(NULL));
	assert_non_null(catalog_vocab_modes(&n));
	assert_int_equal(n, 3);
	assert_non_null(catalog_vocab_levels(&n));
	assert_string_equal(catalog_vocab_level_find("mbo2"), "mbo2");
	assert_null(catalog_vocab_level_find("mbo9"));
	/* The offerings' instruction languages, the most used first. */
	assert_int_equal(catalog_vocab_instruction_langs(u->db, &tags, &n,
	    &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(tags[0], "nl");
	assert_string_equal(tags[1], "en");
	catalog_vocab_free(tags, n);
}

/* The answers of a question's row, by label; NULL when not offered. */
static const struct kiosk_answer *
find_answer(const struct kiosk_answers *as, const char *label)
{
	size_t i;

	for (i = 0; i < as->n; i++) {
		if (strcmp(as->v[i].label, label) == 0)
			return &as->v[i];
	}
	return NULL;
}

/* Every question is one row: its answers, applied, give the words its
 * row says, and dropping takes them away again. */
static void
test_questions(void **state)
{
	static const struct {
		int		 kind;
		const char	*question, *answer, *words;
	} cases[] = {
		{ KIOSK_FILTER_WHERE, "Where?", "Near me: Zuid-Holland",
		  "Zuid-Holland" },
		{ KIOSK_FILTER_PROVINCES, "Which province?", "Utrecht",
		  "Utrecht" },
		{ KIOSK_FILTER_WHEN, "When?", "Starts later (after three "
		  "months)", "starts after three months" },
		{ KIOSK_FILTER_COST, "Cost?", "Free only", "free" },
		{ KIOSK_FILTER_MODE, "Online or on site?", "Online", "online" },
		{ KIOSK_FILTER_LANG, "Language of the lessons?", "English",
		  "lessons in English" },
	};
	const struct kiosk_question *q;
	const struct kiosk_answer *a;
	struct kiosk_answers as;
	struct kiosk_filter f;
	char *w;
	size_t i;

	(void)state;
	app.home_province = "Zuid-Holland";
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		q = kiosk_filter_row(cases[i].kind);
		assert_non_null(q);
		assert_string_equal(kiosk_filter_question(cases[i].kind),
		    cases[i].question);
		kiosk_filter_init(&f);
		memset(&as, 0, sizeof as);
		kiosk_filter_answers(cases[i].kind, &app, &f, &as);
		a = find_answer(&as, cases[i].answer);
		if (a == NULL)
			fail_msg("%s: no answer %s", cases[i].question,
			    cases[i].answer);
		kiosk_filter_apply(&f, cases[i].kind, a);
		assert_true(kiosk_filter_active(&f, q->sets));
		assert_int_equal(kiosk_filter_last(&f), q->sets);
		w = kiosk_filter_words(&f, app.fmt, q->sets);
		assert_non_null(w);
		if (strcasecmp(w, cases[i].words) != 0)
			fail_msg("%s: words \"%s\"", cases[i].question, w);
		free(w);
		kiosk_filter_drop(&f, q->sets);
		assert_false(kiosk_filter_active(&f, q->sets));
		kiosk_filter_answers_done(&as);
	}
	/* Languages offered are the catalogue's (nl, en), not a list. */
	kiosk_filter_init(&f);
	memset(&as, 0, sizeof as);
	kiosk_filter_answers(KIOSK_FILTER_LANG, &app, &f, &as);
	assert_int_equal(as.n, 2);
	assert_string_equal(as.v[0].text, "nl");
	kiosk_filter_answers_done(&as);
	/* Where? offers the province list and typing a place. */
	memset(&as, 0, sizeof as);
	kiosk_filter_answers(KIOSK_FILTER_WHERE, &app, &f, &as);
	assert_int_equal(as.n, 3);
	assert_int_equal(as.v[1].next, KIOSK_ANSWER_PROVINCES);
	assert_int_equal(as.v[2].next, KIOSK_ANSWER_PLACE);
	kiosk_filter_answers_done(&as);
	/* How far? keeps the place and sets the radius. */
	kiosk_filter_set_near(&f, "Dordrecht", 51.8, 4.68, 25);
	memset(&as, 0, sizeof as);
	kiosk_filter_answers(KIOSK_FILTER_RADIUS, &app, &f, &as);
	assert_int_equal(as.n, 4);
	kiosk_filter_apply(&f, KIOSK_FILTER_RADIUS, &as.v[0]);
	assert_int_equal(f.km, 10);
	assert_string_equal(f.place, "Dordrecht");
	kiosk_filter_answers_done(&as);
	app.home_province = NULL;
	assert_null(kiosk_filter_row(12345));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_empty),
		cmocka_unit_test(test_query_combined),
		cmocka_unit_test(test_drop_last),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_total),
		cmocka_unit_test(test_offers),
		cmocka_unit_test(test_total_capped),
		cmocka_unit_test(test_provinces),
		cmocka_unit_test(test_questions),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
