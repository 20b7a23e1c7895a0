/*
 * test_search: words, prefixes, folding, language preference, every
 * filter, paging, and input that must not break the query.
 */
#include "unit.h"

#include "catalog/search.h"

#define ENTRIES \
	"id,kind,provider,themes,city,province,title_nl,title_en," \
	"summary_nl,title_uk,start,mode,cost,instruction_lang\n" \
	"weld-r,course,Albeda,technical,Rotterdam,Zuid-Holland," \
	"Lassen voor beginners,Welding for beginners,Je leert lassen.,," \
	"2027-01-10,onsite,0,nl\n" \
	"weld-a,course,ROC van Amsterdam,technical,Amsterdam,Noord-Holland," \
	"Lassen TIG,TIG welding,,,2027-06-01,onsite,950,nl\n" \
	"weld-o,course,Da Vinci,technical,Dordrecht,Zuid-Holland," \
	"Lassen online theorie,Welding theory online,,Курси зварювання," \
	"2026-12-05,online,0,en\n" \
	"care,course,ROC,care,Utrecht,Utrecht,Helpende zorg,Care assistant," \
	"Werken met mensen. Geen lassen.,,2027-02-01,blended,0,nl\n" \
	"nt2,community,Taalhuis,language,Groningen,Groningen,Taalcafé," \
	"Language café,Praat Nederlands.,,,,,\n" \
	"old,course,X,care,Zwolle,Overijssel,Oude cursus,Old course,,," \
	"2020-01-01,onsite,0,nl\n"

static struct unit_db *u;

static int
setup(void **state)
{
	char *cause = NULL;

	(void)state;
	u = unit_db_new();
	if (unit_import(u->db, "s", &cause, UNIT_THEMES, ENTRIES, NULL) != 0)
		fail_msg("import: %s", cause);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unit_db_free(u);
	return 0;
}

/* Run q and return the titles (in q's language) joined by "|". */
static char *
titles(struct catalog_query *q, size_t *total)
{
	struct catalog_results r;
	char *cause = NULL, *s = xstrdup(""), *t;
	size_t i;

	if (q->today == NULL)
		q->today = "2026-11-27";
	if (catalog_search_run(u->db, q, &r, &cause) != 0)
		fail_msg("search: %s", cause);
	for (i = 0; i < r.n; i++) {
		t = xasprintf("%s%s%s", s, i ? "|" : "", r.hits[i].title.value);
		free(s);
		s = t;
	}
	if (total != NULL)
		*total = r.total;
	catalog_results_done(&r);
	return s;
}

static void
assert_titles(struct catalog_query *q, const char *want)
{
	char *got = titles(q, NULL);

	if (strcmp(got, want) != 0)
		fail_msg("query \"%s\": got \"%s\", want \"%s\"",
		    q->text ? q->text : "", got, want);
	free(got);
}

static void
test_words_and_prefix(void **state)
{
	struct catalog_query q;
	size_t total;
	char *s;

	(void)state;
	catalog_query_init(&q);
	q.lang = "nl";
	q.text = "lass";	/* type-ahead: prefix of the last word */
	s = titles(&q, &total);
	assert_int_equal(total, 4);	/* three courses and "Geen lassen." */
	free(s);
	q.text = "lassen tig";
	assert_titles(&q, "Lassen TIG");
	q.text = "tig lass";
	assert_titles(&q, "Lassen TIG");
	q.text = "lassen ";	/* a finished word is not a prefix */
	s = titles(&q, &total);
	assert_int_equal(total, 4);
	free(s);
	q.text = "las ";
	s = titles(&q, &total);
	assert_int_equal(total, 0);
	free(s);
}

static void
test_folding(void **state)
{
	struct catalog_query q;

	(void)state;
	catalog_query_init(&q);
	q.lang = "nl";
	q.text = "TAALCAFÉ";
	assert_titles(&q, "Taalcafé");
	q.text = "taalcafe";
	assert_titles(&q, "Taalcafé");
	q.text = "ЗВАРЮВ";
	assert_titles(&q, "Lassen online theorie");
}

static void
test_title_ranks_first(void **state)
{
	struct catalog_query q;
	char *s;

	(void)state;
	catalog_query_init(&q);
	q.lang = "nl";
	q.text = "lassen";
	s = titles(&q, NULL);
	/* "Helpende zorg" matches only in its summary: last. */
	assert_non_null(strstr(s, "|Helpende zorg"));
	assert_null(strstr(s, "Helpende zorg|"));
	free(s);
}

static void
test_language_of_titles(void **state)
{
	struct catalog_query q;

	(void)state;
	catalog_query_init(&q);
	q.lang = "en";
	q.text = "tig";
	assert_titles(&q, "TIG welding");
	q.lang = "uk";
	q.text = "online";
	assert_titles(&q, "Курси зварювання");
	q.lang = "ar";	/* no Arabic: English */
	assert_titles(&q, "Welding theory online");
}

static void
test_filters(void **state)
{
	struct catalog_query q;

	(void)state;
	catalog_query_init(&q);
	q.lang = "nl";
	q.theme = "technical";
	q.text = NULL;
	/* Browse order: soonest upcoming start first. */
	assert_titles(&q, "Lassen online theorie|Lassen voor beginners|"
	    "Lassen TIG");
	q.province = "zuid-holland";
	assert_titles(&q, "Lassen online theorie|Lassen voor beginners");
	q.mode = CATALOG_MODE_ONSITE;
	assert_titles(&q, "Lassen voor beginners");
	q.province = NULL;
	q.mode = 0;
	q.free_only = 1;
	assert_titles(&q, "Lassen online theorie|Lassen voor beginners");
	q.instruction_lang = "en";
	assert_titles(&q, "Lassen online theorie");
	q.instruction_lang = NULL;
	q.free_only = 0;
	q.starts_within_days = 60;
	assert_titles(&q, "Lassen online theorie|Lassen voor beginners");
	q.starts_within_days = 0;
	q.theme = NULL;
	q.kind = CATALOG_KIND_COMMUNITY;
	assert_titles(&q, "Taalcafé");
	q.kind = -1;
	q.theme = "care";
	/* The past offering is not shown as a start; the entry stays. */
	assert_titles(&q, "Helpende zorg|Oude cursus");
	q.free_only = 1;	/* an offering filter needs a current offering */
	assert_titles(&q, "Helpende zorg");
	q.free_only = 0;
	q.theme = "technical";
	q.text = "lassen";
	q.free_only = 1;
	q.province = "Noord-Holland";
	assert_titles(&q, "");
}

static void
test_hit_fields(void **state)
{
	struct catalog_results r;
	struct catalog_query q;
	char *cause = NULL;

	(void)state;
	catalog_query_init(&q);
	q.lang = "nl";
	q.text = "tig";
	q.today = "2026-11-27";
	assert_int_equal(catalog_search_run(u->db, &q, &r, &cause), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].city, "Amsterdam");
	assert_string_equal(r.hits[0].start, "2027-06-01");
	assert_int_equal(r.hits[0].cost_cents, 95000);
	assert_int_equal(r.hits[0].mode, CATALOG_MODE_ONSITE);
	assert_int_equal(r.hits[0].kind, CATALOG_KIND_COURSE);
	assert_string_equal(r.hits[0].title.lang, "nl");
	catalog_results_done(&r);
}

static void
test_paging(void **state)
{
	struct catalog_query q;
	size_t total;
	char *s;

	(void)state;
	catalog_query_init(&q);
	q.lang = "nl";
	q.theme = "technical";
	q.limit = 2;
	s = titles(&q, &total);
	assert_int_equal(total, 3);
	assert_string_equal(s, "Lassen online theorie|Lassen voor beginners");
	free(s);
	q.offset = 2;
	assert_titles(&q, "Lassen TIG");
	q.offset = 10;
	assert_titles(&q, "");
}

static void
test_hostile_queries(void **state)
{
	const char *qs[] = { "\"", "*", "lassen\" OR \"zorg", "NEAR(a b)",
	    "-lassen", "lassen:", "^", "(((", "AND", "\x01\x1b[2J", "\xff\xfe",
	    "' OR 1=1 --", "title:lassen" };
	struct catalog_results r;
	struct catalog_query q;
	char *cause = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		catalog_query_init(&q);
		q.text = qs[i];
		if (catalog_search_run(u->db, &q, &r, &cause) != 0)
			fail_msg("query %zu failed: %s", i, cause);
		catalog_results_done(&r);
	}
	/* Punctuation only: no words, nothing found (not everything). */
	catalog_query_init(&q);
	q.text = "?!";
	assert_int_equal(catalog_search_run(u->db, &q, &r, &cause), 0);
	assert_int_equal(r.total, 0);
	catalog_results_done(&r);
	/* "OR" is a word, not an operator. */
	catalog_query_init(&q);
	q.text = "lassen OR zorg";
	assert_int_equal(catalog_search_run(u->db, &q, &r, &cause), 0);
	assert_int_equal(r.total, 0);
	catalog_results_done(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_prefix),
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_title_ranks_first),
		cmocka_unit_test(test_language_of_titles),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_hit_fields),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_hostile_queries),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
