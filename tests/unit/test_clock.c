/*
 * test_clock: the one calendar clock (catalog/clock.c). Calendar dates are
 * checked (2025-02-30 is not a date, 2028-02-29 is), day numbers round
 * trip over four centuries, a set clock reads that day and runs on, and a
 * search without an explicit date follows the clock: "starts within N
 * days" and hidden past offerings move with the day it is.
 */
#include "unit.h"

#include "catalog/clock.h"
#include "catalog/search.h"

#define ENTRIES \
	"id,kind,provider,themes,title_nl,start\n" \
	"dec,course,A,technical,Lassen december,2026-12-05\n" \
	"jan,course,A,technical,Lassen januari,2027-01-10\n" \
	"leap,course,A,technical,Lassen schrikkeldag,2028-02-29\n" \
	"late,course,A,technical,Lassen later,2031-10-01\n"

static void
test_parse(void **state)
{
	static const char *const bad[] = {
		"2025-02-30", "2027-02-29", "2026-13-01", "2026-00-10",
		"2026-11-31", "2026-1-01", "2026-11-1", "26-11-27",
		"2026/11/27", "2026-11-27x", "", "abcd-ef-gh", "2026-11-00",
		"+026-11-27", "2026-+1-27",
	};
	char	out[11];
	long	day, d;
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(catalog_clock_parse_day(bad[i], &day), -1);
	assert_int_equal(catalog_clock_parse_day(NULL, &day), -1);
	assert_int_equal(catalog_clock_parse_day("1970-01-01", &day), 0);
	assert_int_equal(day, 0);
	assert_int_equal(catalog_clock_parse_day("2028-02-29", &day), 0);
	assert_int_equal(catalog_clock_parse_day("2000-02-29", &d), 0);
	assert_int_equal(catalog_clock_parse_day("1900-02-29", &d), -1);
	assert_int_equal(catalog_clock_parse_day("2028-03-01", &d), 0);
	assert_int_equal(d - day, 1);
	/* Every day from 1900 to 2300 formats back to itself. */
	assert_int_equal(catalog_clock_parse_day("1900-01-01", &day), 0);
	assert_int_equal(catalog_clock_parse_day("2300-12-31", &d), 0);
	for (; day <= d; day++) {
		long back;

		catalog_clock_format_day(day, out);
		assert_int_equal(catalog_clock_parse_day(out, &back), 0);
		assert_int_equal(back, day);
	}
}

static void
test_set(void **state)
{
	char	today[11];
	time_t	a, b;

	(void)state;
	assert_int_equal(catalog_clock_set_today("2031-09-15"), 0);
	assert_int_equal(catalog_clock_is_set(), 1);
	catalog_clock_today(today);
	assert_string_equal(today, "2031-09-15");
	a = catalog_clock_now();
	b = catalog_clock_now();
	assert_true(b >= a && b - a < 5);	/* it runs on, in real time */
	/* A bad date leaves the clock as it was. */
	assert_int_equal(catalog_clock_set_today("2025-02-30"), -1);
	catalog_clock_today(today);
	assert_string_equal(today, "2031-09-15");
	assert_int_equal(catalog_clock_set_today(NULL), 0);
	assert_int_equal(catalog_clock_is_set(), 0);
	assert_true(labs((long)(catalog_clock_now() - time(NULL))) < 5);
}

/* The search's "today" is the clock's when the query names no date. */
static char *
titles_at(struct unit_db *u, const char *today, int within)
{
	struct catalog_query	 q;
	struct catalog_results	 r;
	char			*cause = NULL, *s = xstrdup(""), *t;
	size_t			 i;

	assert_int_equal(catalog_clock_set_today(today), 0);
	catalog_query_init(&q);
	q.lang = "nl";
	q.starts_within_days = within;
	q.sort = CATALOG_SORT_NAME;
	if (catalog_search_run(u->db, &q, &r, &cause) != 0)
		fail_msg("search: %s", cause);
	for (i = 0; i < r.n; i++) {
		t = xasprintf("%s%s%s", s, i ? "|" : "", r.hits[i].title.value);
		free(s);
		s = t;
	}
	catalog_results_done(&r);
	return s;
}

static void
test_search_follows_clock(void **state)
{
	struct unit_db	*u = unit_db_new();
	char		*cause = NULL, *s;

	(void)state;
	if (unit_import(u->db, "s", &cause, UNIT_THEMES, ENTRIES, NULL) != 0)
		fail_msg("import: %s", cause);
	s = titles_at(u, "2026-11-27", 60);
	assert_string_equal(s, "Lassen december|Lassen januari");
	free(s);
	s = titles_at(u, "2026-12-06", 60);	/* December's has started */
	assert_string_equal(s, "Lassen januari");
	free(s);
	s = titles_at(u, "2028-02-01", 60);
	assert_string_equal(s, "Lassen schrikkeldag");
	free(s);
	s = titles_at(u, "2028-02-29", 1);	/* starts today */
	assert_string_equal(s, "Lassen schrikkeldag");
	free(s);
	s = titles_at(u, "2031-09-15", 30);
	assert_string_equal(s, "Lassen later");
	free(s);
	s = titles_at(u, "2031-09-15", 15);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(catalog_clock_set_today(NULL), 0);
	unit_db_free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_search_follows_clock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
