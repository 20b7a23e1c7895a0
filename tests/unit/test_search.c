/*
 * test_search: words, prefixes, folding, language preference, every
 * filter, paging, and input that must not break the query; the ranking
 * (title > summary > description, interface language, upcoming, nearness),
 * the place and level filters, transliterated queries and sorting by name
 * with the collator of the interface language.
 */
#include "unit.h"

#include <math.h>

#include "catalog/search.h"

#include <unicode/ucol.h>

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

/* "Later": a start after a number of days, alone or with a window. */
static void
test_starts_after(void **state)
{
	struct catalog_query q;

	(void)state;
	catalog_query_init(&q);
	q.lang = "nl";
	q.theme = "technical";
	/* Starts: Dec 5 (day 8), Jan 10 (day 44), Jun 1 (day 186). */
	q.starts_after_days = 92;
	assert_titles(&q, "Lassen TIG");
	q.starts_after_days = 30;
	assert_titles(&q, "Lassen voor beginners|Lassen TIG");
	/* Both bounds: after 30 days and within 92. */
	q.starts_within_days = 92;
	assert_titles(&q, "Lassen voor beginners");
	/* Day 8 is within 8 days, not after: the two never overlap. */
	q.starts_after_days = 8;
	q.starts_within_days = 8;
	assert_titles(&q, "");
	q.starts_after_days = 0;
	assert_titles(&q, "Lassen online theorie");
	q.starts_within_days = 0;
	q.starts_after_days = 7;
	assert_titles(&q, "Lassen online theorie|Lassen voor beginners|"
	    "Lassen TIG");
	/* With words, and with another offering filter on the same one. */
	q.theme = NULL;
	q.text = "lassen";
	q.starts_after_days = 92;
	assert_titles(&q, "Lassen TIG");
	q.free_only = 1;	/* Lassen TIG costs money */
	assert_titles(&q, "");
	/* An entry without any start never starts "later". */
	q.free_only = 0;
	q.text = NULL;
	q.kind = CATALOG_KIND_COMMUNITY;
	assert_titles(&q, "");
	q.starts_after_days = 0;
	assert_titles(&q, "Taalcaf\xc3\xa9");
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
	    "' OR 1=1 --", "title:lassen",
	    /* Folds to "o ι": one word with a space in it (found by fuzzing). */
	    "ro;o\xcd\xbaR", "\xcd\xba", "a\xcd\xba b" };
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

/*
 * A second catalogue for ranking: ids are given in import order, so a
 * wrong ranking cannot pass by falling back to id order.
 */
#define RANK \
	"id,kind,provider,themes,level,city,lat,lon,title_nl,summary_nl," \
	"description_nl,title_en,title_ar,title_fa,title_uk,start,cost\n" \
	"r-desc,course,X,care,,,,,Cursus A,Iets anders.,Over zeepkisten.,,,,," \
	",\n" \
	"r-sum,course,X,care,,,,,Cursus B,Bouw een zeepkist.,,,,,,,\n" \
	"r-title,course,X,care,,,,,Zeepkist bouwen,,,,,,,,\n" \
	"p-nl,course,X,care,,,,,Pizza bakken,,,Pizza baking,,,,,\n" \
	"p-ar,course,X,care,,,,,Brood,,,Bread,دورة pizza,,,,\n" \
	"f-none,course,X,care,,,,,Fietsen leren,,,,,,,,\n" \
	"f-soon,course,X,care,,,,,Fietsen maken,,,,,,,2027-03-01,0\n" \
	"t-ams,course,X,care,mbo2,Amsterdam,52.37,4.90,Tuinieren," \
	",,,,,,2027-01-01,0\n" \
	"t-rot,course,X,care,hbo,Rotterdam,51.92,4.48,Tuinieren," \
	",,,,,,2027-02-01,0\n" \
	"s-1,course,X,language,,,,,Zorg,,,,,,,,\n" \
	"s-2,course,X,language,,,,,Émile lezen,,,,,,,,\n" \
	"s-3,course,X,language,,,,,Eend,,,,,,,,\n" \
	"s-4,course,X,language,,,,,IJsselcursus,,,,,,,,\n" \
	"s-5,course,X,language,,,,,Ierse les,,,,,,,,\n" \
	"s-6,course,X,language,,,,,Fiets,,,,,تخت,,,\n" \
	"s-7,course,X,language,,,,,Appel,,,,,پنیر,,,\n" \
	"s-8,course,X,language,,,,,Brood,,,,,بادام,,,\n" \
	"k-uk,course,X,care,,,,,Lassen,,,,,,Курси зварювання,,\n"

static struct unit_db *
rank_db(void)
{
	struct unit_db *r = unit_db_new();
	char *cause = NULL;

	if (unit_import(r->db, "r", &cause, UNIT_THEMES, RANK, NULL) != 0)
		fail_msg("import: %s", cause);
	return r;
}

/* Titles for q on db, "|"-joined. */
static char *
titles_on(struct catalog_db *db, struct catalog_query *q)
{
	struct unit_db *saved = u, tmp;
	char *s;

	tmp.db = db;
	u = &tmp;
	s = titles(q, NULL);
	u = saved;
	return s;
}

static void
assert_titles_on(struct catalog_db *db, struct catalog_query *q,
    const char *want)
{
	char *got = titles_on(db, q);

	if (strcmp(got, want) != 0)
		fail_msg("query \"%s\": got \"%s\", want \"%s\"",
		    q->text ? q->text : "", got, want);
	free(got);
}

static void
test_rank_fields(void **state)
{
	struct unit_db *r = rank_db();
	struct catalog_query q;

	(void)state;
	catalog_query_init(&q);
	q.lang = "nl";
	q.text = "zeepkist";
	assert_titles_on(r->db, &q, "Zeepkist bouwen|Cursus B|Cursus A");
	unit_db_free(r);
}

static void
test_rank_language(void **state)
{
	struct unit_db *r = rank_db();
	struct catalog_query q;

	(void)state;
	catalog_query_init(&q);
	q.text = "pizza";
	q.lang = "nl";
	assert_titles_on(r->db, &q, "Pizza bakken|Brood");
	/* In Arabic the entry with an Arabic match comes first. */
	q.lang = "ar";
	assert_titles_on(r->db, &q, "دورة pizza|Pizza baking");
	unit_db_free(r);
}

static void
test_rank_upcoming_and_near(void **state)
{
	struct unit_db *r = rank_db();
	struct catalog_results res;
	struct catalog_query q;
	char *cause = NULL;

	(void)state;
	catalog_query_init(&q);
	q.lang = "nl";
	q.text = "fietsen";
	assert_titles_on(r->db, &q, "Fietsen maken|Fietsen leren");
	/* Without a place the sooner start comes first... */
	q.text = "tuinieren";
	q.today = "2026-11-27";
	assert_int_equal(catalog_search_run(r->db, &q, &res, &cause), 0);
	assert_int_equal(res.n, 2);
	assert_string_equal(res.hits[0].city, "Amsterdam");
	assert_true(res.hits[0].km < 0);
	catalog_results_done(&res);
	/* ...near Rotterdam the nearer one. */
	q.has_place = 1;
	q.near_lat = 51.9225;
	q.near_lon = 4.4792;
	assert_int_equal(catalog_search_run(r->db, &q, &res, &cause), 0);
	assert_int_equal(res.n, 2);
	assert_string_equal(res.hits[0].city, "Rotterdam");
	assert_true(res.hits[0].km >= 0 && res.hits[0].km < 1);
	assert_string_equal(res.hits[1].city, "Amsterdam");
	assert_true(res.hits[1].km > 50 && res.hits[1].km < 65);
	catalog_results_done(&res);
	/* Within 30 km: only Rotterdam, with and without words. */
	q.max_km = 30;
	assert_int_equal(catalog_search_run(r->db, &q, &res, &cause), 0);
	assert_int_equal(res.n, 1);
	assert_string_equal(res.hits[0].city, "Rotterdam");
	catalog_results_done(&res);
	q.text = NULL;
	assert_int_equal(catalog_search_run(r->db, &q, &res, &cause), 0);
	assert_int_equal(res.total, 1);
	assert_string_equal(res.hits[0].city, "Rotterdam");
	catalog_results_done(&res);
	/* 100 km takes both; the nearest first. */
	q.max_km = 100;
	assert_int_equal(catalog_search_run(r->db, &q, &res, &cause), 0);
	assert_int_equal(res.total, 2);
	assert_string_equal(res.hits[0].city, "Rotterdam");
	catalog_results_done(&res);
	unit_db_free(r);
}

static void
test_level_filter(void **state)
{
	struct unit_db *r = rank_db();
	struct catalog_query q;

	(void)state;
	catalog_query_init(&q);
	q.lang = "nl";
	q.text = "tuin";
	q.level = "hbo";
	assert_titles_on(r->db, &q, "Tuinieren");
	q.level = "wo";
	assert_titles_on(r->db, &q, "");
	q.level = "mbo2";
	q.text = NULL;
	assert_titles_on(r->db, &q, "Tuinieren");
	unit_db_free(r);
}

static void
test_transliterated_query(void **state)
{
	struct unit_db *r = rank_db();
	struct catalog_query q;

	(void)state;
	catalog_query_init(&q);
	q.lang = "uk";
	q.text = "kursy zvariuvannia";
	assert_titles_on(r->db, &q, "Курси зварювання");
	q.text = "zvar";		/* typed as a prefix */
	assert_titles_on(r->db, &q, "Курси зварювання");
	q.text = "kursi";		/* ICU's spelling */
	assert_titles_on(r->db, &q, "Курси зварювання");
	q.text = "курси";		/* and in Cyrillic, of course */
	assert_titles_on(r->db, &q, "Курси зварювання");
	unit_db_free(r);
}

static void
test_sort_by_name(void **state)
{
	struct unit_db *r = rank_db();
	struct catalog_query q;

	(void)state;
	catalog_query_init(&q);
	q.theme = "language";
	q.sort = CATALOG_SORT_NAME;
	/* Accented letters with their base letter; "ie" before "ij". */
	q.lang = "nl";
	assert_titles_on(r->db, &q, "Appel|Brood|Eend|\xc3\x89mile lezen|"
	    "Fiets|Ierse les|IJsselcursus|Zorg");
	/* Persian order: pe right after be, before te (not after all). */
	q.lang = "fa";
	q.text = NULL;
	{
		char *s = titles_on(r->db, &q);

		assert_non_null(strstr(s, "بادام|پنیر|تخت"));
		free(s);
	}
	unit_db_free(r);
}

/*
 * Sorting by name sorts by the title each hit shows: the interface
 * language's, else English, else Dutch, else the first other language
 * by its code (the one fallback chain, looked up per language).
 */
static void
test_sort_by_name_fallback(void **state)
{
	struct unit_db *r = unit_db_new();
	struct catalog_query q;
	char *cause = NULL;

	(void)state;
	if (unit_import(r->db, "f", &cause, UNIT_THEMES,
	    "id,kind,provider,themes,title_nl,title_en,title_tr,title_pl,"
	    "title_uk\n"
	    "a,course,X,care,Delta,,,,\n"
	    "b,course,X,care,Alpha,Charlie,,,\n"
	    "c,course,X,care,,Bravo,Echo,,\n"
	    "d,course,X,care,,,,Foxtrot,Aardvark\n", NULL) != 0)
		fail_msg("import: %s", cause);
	catalog_query_init(&q);
	q.theme = "care";
	q.sort = CATALOG_SORT_NAME;
	q.lang = "tr";
	assert_titles_on(r->db, &q, "Charlie|Delta|Echo|Foxtrot");
	/* In Dutch, Dutch before English: Alpha, Bravo (en), Delta. */
	q.lang = "nl";
	assert_titles_on(r->db, &q, "Alpha|Bravo|Delta|Foxtrot");
	unit_db_free(r);
}

#define PLACES \
	"id,kind,provider,themes,city,lat,lon,title_nl\n" \
	"h-1,course,X,care,Den Haag,52.07,4.30,Haag een\n" \
	"h-2,course,X,care,den-haag,52.09,4.32,Haag twee\n" \
	"h-3,course,X,care,Den Haag,,,Haag zonder plek\n" \
	"r-1,course,X,care,Rotterdam,51.92,4.48,Rotterdam een\n" \
	"z-1,course,X,care,Z\xc3\xbcrich,47.37,8.54,Zurich een\n"

/*
 * The places list is exact beyond search's 1000-entry cap: 1500 entries
 * in 1203 places (1200 numbered villages, one entry each, some twice;
 * Den Haag under three spellings; Ede; Ängelholm), counted per place and
 * sorted by the language's collator.
 */
static void
test_places(void **state)
{
	struct unit_db *r = unit_db_new();
	struct catalog_place *pl;
	struct catalog_results res;
	struct catalog_query q;
	char *csv, *cause = NULL, line[160];
	size_t len = 0, cap = 1 << 18, n, i, total = 0, ange = 0, zaan = 0;
	UErrorCode ec = U_ZERO_ERROR;
	UCollator *coll;
	int k;

	(void)state;
	csv = xmalloc(cap);
	len = (size_t)snprintf(csv, cap, "id,kind,provider,themes,city,"
	    "province,title_nl\n");
	for (k = 0; k < 1500; k++) {
		/* Entries 0-1199: Dorp 0000-1199 (Dorp 0000-0099 have a
		 * second entry, 1200-1299), then 100 more in Den Haag. */
		if (k < 1300)
			snprintf(line, sizeof line, "e%d,course,X,care,Dorp %04d,"
			    "Gelderland,Cursus %d\n", k, k % 1200, k);
		else if (k < 1340)
			snprintf(line, sizeof line, "e%d,course,X,care,Den Haag,"
			    "Zuid-Holland,Cursus %d\n", k, k);
		else if (k < 1370)
			snprintf(line, sizeof line, "e%d,course,X,care,den  haag,"
			    ",Cursus %d\n", k, k);
		else if (k < 1400)
			snprintf(line, sizeof line, "e%d,course,X,care,DEN HAAG,"
			    "Zuid-Holland,Cursus %d\n", k, k);
		else if (k < 1450)
			snprintf(line, sizeof line, "e%d,course,X,care,Ede,"
			    "Gelderland,Cursus %d\n", k, k);
		else if (k < 1451)
			snprintf(line, sizeof line, "e%d,course,X,care,"
			    "\xc3\x84ngelholm,,Cursus %d\n", k, k);
		else
			snprintf(line, sizeof line, "e%d,course,X,care,Zaandam,"
			    "Noord-Holland,Cursus %d\n", k, k);
		assert_true(len + strlen(line) < cap);
		memcpy(csv + len, line, strlen(line) + 1);
		len += strlen(line);
	}
	if (unit_import(r->db, "p", &cause, UNIT_THEMES, csv, NULL) != 0)
		fail_msg("import: %s", cause);
	free(csv);

	/* Search stops counting at 1000: the reason for this function. */
	catalog_query_init(&q);
	q.limit = 1000;
	assert_int_equal(catalog_search_run(r->db, &q, &res, &cause), 0);
	assert_true(res.n <= 1000);
	catalog_results_done(&res);

	assert_int_equal(catalog_search_places(r->db, "nl", &pl, &n, &cause),
	    0);
	assert_int_equal(n, 1200 + 4);
	for (i = 0; i < n; i++) {
		total += pl[i].entries;
		if (strcmp(pl[i].city, "Zaandam") == 0)
			zaan = i;
		if (strcmp(pl[i].city, "\xc3\x84ngelholm") == 0)
			ange = i;
	}
	assert_int_equal(total, 1500);
	/* Dutch order: "Ängelholm" with the A's, first; villages by
	 * number; "Den Haag" (largest spelling, its province although the
	 * second spelling had none) before "Dorp"; Zaandam last. */
	assert_string_equal(pl[0].city, "\xc3\x84ngelholm");
	assert_null(pl[0].province);
	assert_int_equal(pl[0].entries, 1);
	assert_string_equal(pl[1].city, "Den Haag");
	assert_string_equal(pl[1].province, "Zuid-Holland");
	assert_int_equal(pl[1].entries, 100);
	assert_string_equal(pl[2].city, "Dorp 0000");
	assert_int_equal(pl[2].entries, 2);
	assert_string_equal(pl[2].province, "Gelderland");
	assert_string_equal(pl[2 + 100].city, "Dorp 0100");
	assert_int_equal(pl[2 + 100].entries, 1);
	assert_string_equal(pl[1201].city, "Dorp 1199");
	assert_string_equal(pl[1202].city, "Ede");
	assert_int_equal(pl[1202].entries, 50);
	assert_int_equal(zaan, n - 1);
	assert_int_equal(ange, 0);
	coll = ucol_open("nl", &ec);
	assert_true(U_SUCCESS(ec));
	for (i = 1; i < n; i++) {
		ec = U_ZERO_ERROR;
		assert_true(ucol_strcollUTF8(coll, pl[i - 1].city, -1,
		    pl[i].city, -1, &ec) != UCOL_GREATER);
	}
	ucol_close(coll);
	catalog_search_places_free(pl, n);

	/* Swedish order puts Ä after Z: the language's collator decides. */
	assert_int_equal(catalog_search_places(r->db, "sv", &pl, &n, &cause),
	    0);
	assert_string_equal(pl[n - 1].city, "\xc3\x84ngelholm");
	assert_string_equal(pl[n - 2].city, "Zaandam");
	catalog_search_places_free(pl, n);
	unit_db_free(r);
}

/* A place name to a position: the mean of its entries, folded names. */
static void
test_place(void **state)
{
	struct unit_db *r = unit_db_new();
	struct catalog_results res;
	struct catalog_query q;
	char *cause = NULL;
	double lat = 0, lon = 0;

	(void)state;
	if (unit_import(r->db, "p", &cause, UNIT_THEMES, PLACES, NULL) != 0)
		fail_msg("import: %s", cause);
	/* Case, hyphen and spacing do not matter; no position, no vote. */
	assert_int_equal(catalog_search_place(r->db, "DEN  HAAG", &lat, &lon,
	    &cause), 0);
	assert_true(lat > 52.0799 && lat < 52.0801);
	assert_true(lon > 4.3099 && lon < 4.3101);
	assert_int_equal(catalog_search_place(r->db, "zurich", &lat, &lon,
	    &cause), 0);
	assert_true(lat > 47.36 && lat < 47.38);
	assert_int_equal(catalog_search_place(r->db, "Rotterdam", &lat, &lon,
	    &cause), 0);
	assert_true(lat > 51.91 && lat < 51.93);
	/* Unknown, part of a name, empty, punctuation: no place. */
	assert_int_equal(catalog_search_place(r->db, "Atlantis", &lat, &lon,
	    &cause), -1);
	assert_non_null(strstr(cause, "Atlantis"));
	free(cause);
	cause = NULL;
	assert_int_equal(catalog_search_place(r->db, "Den", &lat, &lon,
	    &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(catalog_search_place(r->db, "", &lat, &lon, &cause),
	    -1);
	free(cause);
	cause = NULL;
	assert_int_equal(catalog_search_place(r->db, "--", &lat, &lon,
	    &cause), -1);
	free(cause);
	cause = NULL;
	/* Then a radius around it: Den Haag within 10 km, not Rotterdam. */
	assert_int_equal(catalog_search_place(r->db, "Den Haag", &lat, &lon,
	    &cause), 0);
	catalog_query_init(&q);
	q.lang = "nl";
	q.has_place = 1;
	q.near_lat = lat;
	q.near_lon = lon;
	q.max_km = 10;
	assert_int_equal(catalog_search_run(r->db, &q, &res, &cause), 0);
	assert_int_equal(res.total, 2);
	assert_true(strncmp(res.hits[0].title.value, "Haag ", 5) == 0);
	assert_true(strncmp(res.hits[1].title.value, "Haag ", 5) == 0);
	assert_true(res.hits[0].km >= 0 && res.hits[0].km < 2);
	catalog_results_done(&res);
	q.max_km = 25;
	assert_int_equal(catalog_search_run(r->db, &q, &res, &cause), 0);
	assert_int_equal(res.total, 3);
	assert_string_equal(res.hits[2].title.value, "Rotterdam een");
	assert_true(res.hits[2].km > 15 && res.hits[2].km < 25);
	catalog_results_done(&res);
	unit_db_free(r);
}

static void
test_index_follows_changes(void **state)
{
	struct unit_db *r = unit_db_new();
	struct catalog_query q;
	char *cause = NULL;

#define H "id,kind,provider,themes,title_nl,title_ar\n"
	(void)state;
	if (unit_import(r->db, "s", &cause, UNIT_THEMES,
	    H "a,course,X,care,Bakken,خبز\nb,course,X,care,Koken,\n", NULL) != 0)
		fail_msg("import: %s", cause);
	catalog_query_init(&q);
	q.lang = "nl";
	q.text = "bakken";
	assert_titles_on(r->db, &q, "Bakken");
	q.text = "khbz";	/* the Arabic title, transliterated */
	assert_titles_on(r->db, &q, "Bakken");
	/* A changed title, a new language, an entry gone. */
	if (unit_import(r->db, "s", &cause,
	    H "a,course,X,care,Braden,\nc,course,X,care,Bakken,\n", NULL) != 0)
		fail_msg("import: %s", cause);
	q.text = "bakken";	/* now another entry */
	assert_titles_on(r->db, &q, "Bakken");
	q.text = "braden";
	assert_titles_on(r->db, &q, "Braden");
	q.text = "koken";
	assert_titles_on(r->db, &q, "");
	q.text = "خبز";
	assert_titles_on(r->db, &q, "");
	q.text = "khbz";	/* the transliteration went too */
	assert_titles_on(r->db, &q, "");
	unit_db_free(r);
#undef H
}

/*
 * Ge'ez and Latin find each other without typo correction: a Tigrinya
 * title by its Latin spelling (kompiter, forklift) and by a prefix in
 * Ge'ez while typing, and an English title by a Ge'ez query. Labialised
 * forms (ቋ, ኳ: the keyboard's second step after ቀ, ከ) as well: ቋንቋ by
 * qwanqwa and by its prefix ቋን, ኳዕሶ by its prefix ኳ.
 */
static void
test_geez(void **state)
{
	struct unit_db		*g = unit_db_new();
	struct catalog_query	 q;
	struct catalog_results	 r;
	char			*cause = NULL;
	static const char *const find[][2] = {
		{ "kompiter", "ኮምፒተር ንጀማመርቲ" },
		{ "forklift", "ናይ ፎርክሊፍት ምስክር ወረቀት" },
		{ "ፎርክሊ", "ናይ ፎርክሊፍት ምስክር ወረቀት" },
		{ "ኮምፒ", "ኮምፒተር ንጀማመርቲ" },
		{ "qwanqwa", "ሆላንድኛ ከም ካልኣይ ቋንቋ" },
		{ "ቋን", "ሆላንድኛ ከም ካልኣይ ቋንቋ" },
		{ "ሆላንድኛ ቋንቋ", "ሆላንድኛ ከም ካልኣይ ቋንቋ" },
		{ "ኳ", "ኳዕሶ እግሪ" },
		{ "kwa", "ኳዕሶ እግሪ" },
	};
	size_t			 i;

	(void)state;
	if (unit_import(g->db, "g", &cause, UNIT_THEMES,
	    "id,kind,provider,themes,title_en,title_ti\n"
	    "pc,course,X,technical,Computer for beginners,ኮምፒተር ንጀማመርቲ\n"
	    "fork,course,X,technical,,ናይ ፎርክሊፍት ምስክር ወረቀት\n"
	    "nt2,course,X,technical,Dutch as a second language,"
	    "ሆላንድኛ ከም ካልኣይ ቋንቋ\n"
	    "ball,course,X,technical,Football,ኳዕሶ እግሪ\n"
	    "weld,course,X,technical,Welding,\n", NULL) != 0)
		fail_msg("import: %s", cause);
	for (i = 0; i < sizeof find / sizeof find[0]; i++) {
		catalog_query_init(&q);
		q.text = find[i][0];
		q.lang = "ti";
		q.no_typos = 1;
		q.today = "2026-11-27";
		if (catalog_search_run(g->db, &q, &r, &cause) != 0)
			fail_msg("search: %s", cause);
		if (r.n != 1 || strcmp(r.hits[0].title.value, find[i][1]) != 0)
			fail_msg("\"%s\" found %zu, not \"%s\"", find[i][0],
			    r.n, find[i][1]);
		catalog_results_done(&r);
	}
	/* A Ge'ez word finds the English title of a course. */
	catalog_query_init(&q);
	q.text = "ኮምፒተር";
	q.lang = "en";
	q.no_typos = 1;
	q.today = "2026-11-27";
	if (catalog_search_run(g->db, &q, &r, &cause) != 0)
		fail_msg("search: %s", cause);
	assert_int_equal(r.n, 1);
	catalog_results_done(&r);
	unit_db_free(g);
}

/*
 * Filters while typing, against what the generated entries say: the
 * check of a batch tests themes, offerings and the R*Tree box before the
 * entry's row (search.c), and reads no row at all for themes and
 * offerings only; the entries found must be exactly those that fit.
 */
#define FP_N 120
static int
fp_near(int i)
{
	return i % 4 < 2;
}
static double
fp_lat(int i)
{
	return fp_near(i) ? 51.92 + (i % 7) * 0.05 : 52.9;
}
static double
fp_lon(int i)
{
	/* Some inside the search's bounding box but beyond 25 km. */
	return fp_near(i) ? 4.48 + (i % 5) * 0.07 : 6.5;
}
static int
fp_fits(int i, int set)
{
	int	technical = i % 2 == 0 || i % 5 == 0;
	int	free = i % 3 == 0, soon = i % 6 != 5, onsite = i % 2 == 1;
	int	zh = i % 3 == 1, course = i % 4 != 0, mbo2 = i % 3 == 0;
	int	nl = i % 4 != 3;
	double	la = fp_lat(i) * M_PI / 180, pa = 51.92 * M_PI / 180;
	double	dlo = (fp_lon(i) - 4.48) * M_PI / 180;
	double	a = sin((la - pa) / 2) * sin((la - pa) / 2) +
	    cos(la) * cos(pa) * sin(dlo / 2) * sin(dlo / 2);
	int	within = 6371.0 * 2 * atan2(sqrt(a), sqrt(1 - a)) <= 25;

	if (i % 3 == 2)
		return 0;		/* "Koken", not "Lassen" */
	switch (set) {
	case 0:
		return technical;
	case 1:
		return free && soon;
	case 2:
		return within;
	case 3:
		return zh && onsite;
	case 4:
		return course && mbo2 && nl;
	default:
		return technical && within && free;
	}
}

static void
test_filter_paths(void **state)
{
	struct unit_db		*g = unit_db_new();
	struct catalog_query	 q;
	struct catalog_results	 r;
	char			*csv = xcalloc(FP_N + 1, 256);
	char			*cause = NULL, line[256], want[FP_N];
	size_t			 k;
	int			 i, set, n, nwant;

	(void)state;
	strcpy(csv, "id,kind,provider,themes,level,province,lat,"
	    "lon,title_nl,start,mode,cost,instruction_lang\n");
	for (i = 0; i < FP_N; i++) {
		snprintf(line, sizeof line, "e%d,%s,X,%s,%s,%s,%.4f,%.4f,"
		    "%s %d,%s,%s,%s,%s\n", i,
		    i % 4 != 0 ? "course" : "community",
		    i % 5 == 0 ? "technical;care" :
		    i % 2 == 0 ? "technical" : "care",
		    i % 3 == 0 ? "mbo2" : "",
		    i % 3 == 1 ? "Zuid-Holland" : "Utrecht",
		    fp_lat(i), fp_lon(i),
		    i % 3 != 2 ? "Lassen" : "Koken", i,
		    i % 6 != 5 ? "2026-12-10" : "2027-06-01",
		    i % 2 == 1 ? "onsite" : "online",
		    i % 3 == 0 ? "0" : "450",
		    i % 4 != 3 ? "nl" : "en");
		strcat(csv, line);
	}
	if (unit_import(g->db, "g", &cause, UNIT_THEMES, csv, NULL) != 0)
		fail_msg("import: %s", cause);
	free(csv);
	for (set = 0; set < 6; set++) {
		catalog_query_init(&q);
		q.lang = "nl";
		q.text = "lass";	/* the word being typed: a prefix */
		q.limit = 1000;
		q.today = "2026-11-27";
		switch (set) {
		case 0:
			q.theme = "technical";
			break;
		case 1:
			q.free_only = 1;
			q.starts_within_days = 90;
			break;
		case 2:
			q.has_place = 1;
			q.near_lat = 51.92;
			q.near_lon = 4.48;
			q.max_km = 25;
			break;
		case 3:
			q.province = "Zuid-Holland";
			q.mode = CATALOG_MODE_ONSITE;
			break;
		case 4:
			q.kind = CATALOG_KIND_COURSE;
			q.level = "mbo2";
			q.instruction_lang = "nl";
			break;
		default:
			q.theme = "technical";
			q.has_place = 1;
			q.near_lat = 51.92;
			q.near_lon = 4.48;
			q.max_km = 25;
			q.free_only = 1;
			break;
		}
		if (catalog_search_run(g->db, &q, &r, &cause) != 0)
			fail_msg("search: %s", cause);
		memset(want, 0, sizeof want);
		for (i = nwant = 0; i < FP_N; i++)
			nwant += want[i] = (char)fp_fits(i, set);
		assert_true(nwant > 0 && nwant < FP_N * 2 / 3);
		if (r.n != (size_t)nwant)
			fail_msg("filter set %d: %zu found, %d fit", set, r.n,
			    nwant);
		for (k = 0; k < r.n; k++) {
			if (sscanf(r.hits[k].title.value, "Lassen %d", &n) != 1 ||
			    n < 0 || n >= FP_N || !want[n])
				fail_msg("filter set %d: \"%s\" does not fit",
				    set, r.hits[k].title.value);
			want[n] = 0;	/* and only once */
		}
		catalog_results_done(&r);
	}
	unit_db_free(g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geez),
		cmocka_unit_test(test_filter_paths),
		cmocka_unit_test(test_words_and_prefix),
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_title_ranks_first),
		cmocka_unit_test(test_language_of_titles),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_starts_after),
		cmocka_unit_test(test_place),
		cmocka_unit_test(test_places),
		cmocka_unit_test(test_hit_fields),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_hostile_queries),
		cmocka_unit_test(test_rank_fields),
		cmocka_unit_test(test_rank_language),
		cmocka_unit_test(test_rank_upcoming_and_near),
		cmocka_unit_test(test_level_filter),
		cmocka_unit_test(test_transliterated_query),
		cmocka_unit_test(test_sort_by_name),
		cmocka_unit_test(test_sort_by_name_fallback),
		cmocka_unit_test(test_index_follows_changes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
