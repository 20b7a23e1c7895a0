/*
 * test_typo: forgiving search. Each kind of typing error (wrong letter,
 * missing letter, extra letter, swapped neighbours) finds the word meant;
 * words shorter than five letters are not corrected; exact matches rank
 * above corrected ones; the vocabulary follows new imports, also on a
 * read-only connection (the kiosk after a sync). The word being typed
 * is forgiven one typo as a prefix ("elektrisi" finds "elektricien"),
 * ranked after exact matches, and a search that finds nothing is offered
 * the nearest words the catalogue has. A refresh writes only the rows
 * of the vocabulary that changed, and ends with the same tables as a
 * rebuild from nothing.
 */
#include "unit.h"

#include "catalog/dbint.h"
#include "catalog/search.h"
#include "catalog/typo.h"

#define ENTRIES \
	"id,kind,provider,themes,title_nl,title_en,summary_nl\n" \
	"weld,course,Albeda,technical,Lassen voor beginners," \
	"Welding for beginners,Je leert lassen.\n" \
	"care,course,ROC,care,Verpleging,Nursing,Werken in de zorg.\n" \
	"job,community,Werkplein,technical,Lasser gezocht,Welder wanted,\n" \
	"cook,course,ROC,care,Koken,Cooking,Kook met ons.\n"

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

/* Titles (English) found for text, "|"-joined; corrected ones marked ~. */
static char *
found(struct catalog_db *db, const char *text)
{
	struct catalog_results r;
	struct catalog_query q;
	char *cause = NULL, *s = xstrdup(""), *t;
	size_t i;

	catalog_query_init(&q);
	q.lang = "en";
	q.text = text;
	q.today = "2026-11-27";
	if (catalog_search_run(db, &q, &r, &cause) != 0)
		fail_msg("search: %s", cause);
	for (i = 0; i < r.n; i++) {
		t = xasprintf("%s%s%s%s", s, i ? "|" : "",
		    r.hits[i].corrected ? "~" : "", r.hits[i].title.value);
		free(s);
		s = t;
	}
	catalog_results_done(&r);
	return s;
}

static void
assert_found(struct catalog_db *db, const char *text, const char *want)
{
	char *got = found(db, text);

	if (strcmp(got, want) != 0)
		fail_msg("\"%s\": got \"%s\", want \"%s\"", text, got, want);
	free(got);
}

static void
test_distance(void **state)
{
	(void)state;
	assert_int_equal(catalog_typo_distance1("lassen", "lassen"), 0);
	assert_int_equal(catalog_typo_distance1("lasten", "lassen"), 1);
	assert_int_equal(catalog_typo_distance1("lasen", "lassen"), 1);
	assert_int_equal(catalog_typo_distance1("lasssen", "lassen"), 1);
	assert_int_equal(catalog_typo_distance1("lsasen", "lassen"), 1);
	assert_int_equal(catalog_typo_distance1("lassne", "lassen"), 1);
	assert_int_equal(catalog_typo_distance1("alssen", "lassen"), 1);
	/* Two errors, or a swap that is not of neighbours. */
	assert_int_equal(catalog_typo_distance1("lsasne", "lassen"), 0);
	assert_int_equal(catalog_typo_distance1("nassel", "lassen"), 0);
	assert_int_equal(catalog_typo_distance1("las", "lassen"), 0);
	/* Letters, not bytes: one Cyrillic letter is two bytes. */
	assert_int_equal(catalog_typo_distance1("зварюванння",
	    "зварювання"), 1);
	assert_int_equal(catalog_typo_distance1("зварюванне",
	    "зварювання"), 1);
	assert_int_equal(catalog_typo_distance1("", "a"), 1);
}

static void
test_each_kind_of_error(void **state)
{
	(void)state;
	/* Missing letter (and typed to the end: the last word). */
	assert_found(u->db, "lasen", "~Welding for beginners");
	assert_found(u->db, "lasen ", "~Welding for beginners");
	/* Missing letter in English. */
	assert_found(u->db, "weldng", "~Welding for beginners");
	/* Swapped neighbours. */
	assert_found(u->db, "verplegnig", "~Nursing");
	/* Wrong letter. */
	assert_found(u->db, "verplehing", "~Nursing");
	/* Extra letter. */
	assert_found(u->db, "verpleeging", "~Nursing");
	/* A corrected word next to an exact one. */
	assert_found(u->db, "weldng for", "~Welding for beginners");
	/* Capitals and accents are folded before correcting. */
	assert_found(u->db, "VÉRPLEGNIG", "~Nursing");
}

static void
test_short_words_not_corrected(void **state)
{
	struct catalog_query q;
	char *fix[4];

	(void)state;
	/* "koek" is one letter from "kook" and "koken", but only 4 long. */
	assert_found(u->db, "koek ", "");
	assert_found(u->db, "kokn ", "");
	assert_int_equal(catalog_typo_corrections(u->db, "koek", fix, 4), 0);
	/* Two errors are too many. */
	assert_found(u->db, "verplgenig ", "");
	/* Corrections can be turned off. */
	catalog_query_init(&q);
	q.no_typos = 1;
	q.text = "lasen ";
	{
		struct catalog_results r;
		char *cause = NULL;

		assert_int_equal(catalog_search_run(u->db, &q, &r, &cause), 0);
		assert_int_equal(r.total, 0);
		catalog_results_done(&r);
	}
}

static void
test_exact_above_corrected(void **state)
{
	(void)state;
	/* "lasser" is a word of its own and one letter from "lassen". */
	assert_found(u->db, "lasser ", "Welder wanted|~Welding for beginners");
	/* And the other way round. */
	assert_found(u->db, "lassen ", "Welding for beginners|~Welder wanted");
}

static void
test_vocabulary_follows_imports(void **state)
{
	struct catalog_db *ro;
	char *cause = NULL;

	(void)state;
	if (unit_import(u->db, "t", &cause, "id,kind,provider,themes,title_en\n"
	    "fork,course,X,technical,Forklift licence\n", NULL) != 0)
		fail_msg("import: %s", cause);
	/* A reader that may not write builds its own vocabulary. */
	ro = catalog_db_open(u->path, CATALOG_DB_READONLY, &cause);
	if (ro == NULL)
		fail_msg("open: %s", cause);
	assert_found(ro, "forklit ", "~Forklift licence");
	catalog_db_close(ro);
	/* A writer brings the catalogue's own up to date. */
	assert_int_equal(catalog_typo_refresh(u->db, &cause), 0);
	assert_found(u->db, "licnece ", "~Forklift licence");
	/* Words that are gone are no longer offered. */
	if (unit_import(u->db, "t", &cause, "id,kind,provider,themes,title_en\n"
	    "fork2,course,X,technical,Reach truck\n", NULL) != 0)
		fail_msg("import: %s", cause);
	assert_found(u->db, "forklit ", "");
}

static void
test_completions(void **state)
{
	char *cmp[8];
	int n, i;

	(void)state;
	/* Longer than any prefix index: the words that start so. */
	assert_found(u->db, "verplegi", "Nursing");
	assert_found(u->db, "welde", "Welder wanted|~Welding for beginners");
	assert_found(u->db, "beginner", "Welding for beginners");
	assert_found(u->db, "lassen voor begin", "Welding for beginners");
	/* one typo in the word being typed is forgiven (see below), two
	 * are not */
	assert_found(u->db, "verplegixz", "");
	n = catalog_typo_completions(u->db, "lass", cmp, 8);
	assert_int_equal(n, 2);
	assert_string_equal(cmp[0], "lassen");
	assert_string_equal(cmp[1], "lasser");
	for (i = 0; i < n; i++)
		free(cmp[i]);
	/* More than asked for: -1, and the caller uses a prefix query. */
	assert_int_equal(catalog_typo_completions(u->db, "lass", cmp, 1), -1);
	assert_int_equal(catalog_typo_completions(u->db, "zzzz", cmp, 1), 0);
}

#define ELEKTRO \
	"id,kind,provider,themes,title_nl,summary_nl\n" \
	"el1,course,ROC,technical,Elektricien basis,Leer elektriciteit.\n" \
	"el2,course,ROC,technical,Elektrotechniek,Werken met stroom.\n" \
	"hef,course,ROC,technical,Heftruckchauffeur,Rijden op een heftruck.\n"

/* Titles (Dutch) found for text, as found() does. */
static char *
found_nl(struct catalog_db *db, const char *text, size_t *total)
{
	struct catalog_results r;
	struct catalog_query q;
	char *cause = NULL, *s = xstrdup(""), *t;
	size_t i;

	catalog_query_init(&q);
	q.lang = "nl";
	q.text = text;
	q.today = "2026-11-27";
	if (catalog_search_run(db, &q, &r, &cause) != 0)
		fail_msg("search: %s", cause);
	for (i = 0; i < r.n; i++) {
		t = xasprintf("%s%s%s%s", s, i ? "|" : "",
		    r.hits[i].corrected ? "~" : "", r.hits[i].title.value);
		free(s);
		s = t;
	}
	*total = r.total;
	catalog_results_done(&r);
	return s;
}

static void
assert_found_nl(struct catalog_db *db, const char *text, const char *want)
{
	size_t total;
	char *got = found_nl(db, text, &total);

	if (strcmp(got, want) != 0)
		fail_msg("\"%s\": got \"%s\", want \"%s\"", text, got, want);
	free(got);
}

static void
test_prefix_typos(void **state)
{
	struct unit_db *e = unit_db_new();
	const char *word = "elektrisi";
	char *cause = NULL, buf[32], *pf[4];
	size_t i, total, n;

	(void)state;
	if (unit_import(e->db, "e", &cause, UNIT_THEMES, ELEKTRO, NULL) != 0)
		fail_msg("import: %s", cause);
	/* Typed letter by letter, never 0 results. */
	for (i = 1; i <= strlen(word); i++) {
		snprintf(buf, sizeof buf, "%.*s", (int)i, word);
		free(found_nl(e->db, buf, &total));
		if (total == 0)
			fail_msg("\"%s\" finds nothing", buf);
	}
	assert_found_nl(e->db, "elektrisi", "~Elektricien basis");
	assert_found_nl(e->db, "heftrukc", "~Heftruckchauffeur");
	/* Exact matches first, then the ones one typo away. */
	assert_found_nl(e->db, "elektro", "Elektrotechniek|~Elektricien basis");
	n = catalog_typo_prefix_fixes(e->db, "elektro", pf, 4);
	assert_int_equal(n, 2);	/* equally frequent: in byte order */
	assert_string_equal(pf[0], "elektricien");
	assert_string_equal(pf[1], "elektriciteit");
	free(pf[0]);
	free(pf[1]);
	/* Never the word's own completions; short words: nothing. */
	assert_int_equal(catalog_typo_prefix_fixes(e->db, "elektri", pf, 4), 1);
	assert_string_equal(pf[0], "elektrotechniek");
	free(pf[0]);
	assert_int_equal(catalog_typo_prefix_fixes(e->db, "elek", pf, 4), 0);
	/* A typo in the first three letters is not forgiven while typing. */
	assert_found_nl(e->db, "alektrici", "");
	/* Two typos are too many. */
	assert_found_nl(e->db, "elektrsisi", "");
	unit_db_free(e);
}

static char *
suggest(struct catalog_db *db, const char *text)
{
	struct catalog_query q;
	char *cause = NULL, *s;

	catalog_query_init(&q);
	q.lang = "nl";
	q.text = text;
	q.today = "2026-11-27";
	s = catalog_search_suggest(db, &q, &cause);
	if (s == NULL && cause != NULL)
		fail_msg("suggest: %s", cause);
	return s;
}

static void
test_suggest(void **state)
{
	struct unit_db *e = unit_db_new();
	char *cause = NULL, *s;
	size_t total;

	(void)state;
	if (unit_import(e->db, "e", &cause, UNIT_THEMES, ELEKTRO, NULL) != 0)
		fail_msg("import: %s", cause);
	/* Two errors: nothing found, but the nearest word is offered ... */
	assert_found_nl(e->db, "elecktrisien ", "");
	s = suggest(e->db, "elecktrisien ");
	assert_non_null(s);
	assert_string_equal(s, "elektricien");
	/* ... and it finds something. */
	free(found_nl(e->db, s, &total));
	assert_true(total > 0);
	free(s);
	/* The word being typed: the word it may be the start of. */
	s = suggest(e->db, "heftrukcchau");
	assert_non_null(s);
	assert_string_equal(s, "heftruckchauffeur");
	free(s);
	/* Words it knows stay; the unknown one is replaced. */
	s = suggest(e->db, "leer elektrisitijt ");
	assert_non_null(s);
	assert_string_equal(s, "leer elektriciteit");
	free(s);
	/* Nothing near: no suggestion; all words known: none either. */
	assert_null(suggest(e->db, "zzzzzzzz "));
	assert_null(suggest(e->db, "elektricien "));
	unit_db_free(e);
}

/* Both vocabulary tables as text, row by row. */
static char *
vocab_dump(struct catalog_db *db)
{
	sqlite3_stmt *st;
	char *s = xstrdup(""), *t;

	if (sqlite3_prepare_v2(catalog_db_sqlite(db), "SELECT 't', id,"
	    " term || ':' || docs FROM search_term UNION ALL SELECT 'd',"
	    " bucket, hex(pairs) FROM search_del ORDER BY 1, 2", -1, &st,
	    NULL) != SQLITE_OK)
		fail_msg("%s", sqlite3_errmsg(catalog_db_sqlite(db)));
	while (sqlite3_step(st) == SQLITE_ROW) {
		t = xasprintf("%s%s %lld %s\n", s, sqlite3_column_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    sqlite3_column_text(st, 2));
		free(s);
		s = t;
	}
	sqlite3_finalize(st);
	return s;
}

static void
test_refresh_writes_changes_only(void **state)
{
	sqlite3 *sq = catalog_db_sqlite(u->db);
	char *cause = NULL, *inc, *full;
	int before;

	(void)state;
	assert_int_equal(catalog_typo_refresh(u->db, &cause), 0);
	/*
	 * New words before, between and after the others (every id after
	 * "aardappel" moves), and "forklift"'s row gone (source t again).
	 */
	if (unit_import(u->db, "t", &cause, "id,kind,provider,themes,title_en\n"
	    "veg,course,X,technical,Aardappel schillen\n"
	    "mid,course,X,technical,Machinist zzzzzzz\n", NULL) != 0)
		fail_msg("import: %s", cause);
	assert_int_equal(catalog_typo_refresh(u->db, &cause), 0);
	inc = vocab_dump(u->db);
	assert_non_null(strstr(inc, " aardappel:1\n"));
	assert_non_null(strstr(inc, " zzzzzzz:1\n"));
	assert_null(strstr(inc, " forklift:"));
	/* Nothing changed: only the two search_state rows are written. */
	assert_int_equal(catalog_db_exec(u->db, "UPDATE search_state SET"
	    " value = -1 WHERE key = 'vocab_gen'", &cause), 0);
	before = sqlite3_total_changes(sq);
	assert_int_equal(catalog_typo_refresh(u->db, &cause), 0);
	assert_int_equal(sqlite3_total_changes(sq) - before, 2);
	/* The same tables as a rebuild from empty ones. */
	assert_int_equal(catalog_db_exec(u->db, "DELETE FROM search_term;"
	    " DELETE FROM search_del; UPDATE search_state SET value = -1"
	    " WHERE key = 'vocab_gen'", &cause), 0);
	assert_int_equal(catalog_typo_refresh(u->db, &cause), 0);
	full = vocab_dump(u->db);
	assert_string_equal(inc, full);
	free(inc);
	free(full);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_each_kind_of_error),
		cmocka_unit_test(test_short_words_not_corrected),
		cmocka_unit_test(test_exact_above_corrected),
		cmocka_unit_test(test_completions),
		cmocka_unit_test(test_prefix_typos),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_vocabulary_follows_imports),
		cmocka_unit_test(test_refresh_writes_changes_only),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
