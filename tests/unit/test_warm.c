/*
 * test_warm: the warm-up (catalog/warm.h) reads through the catalogue in
 * many small steps and finishes; search finds the same before and after;
 * no read transaction is left open between steps (another connection
 * writes and checkpoints in between); a catalogue changed meanwhile is
 * warmed again from the start, and a missing b-tree is skipped quietly.
 */
#include "unit.h"

#include "catalog/dbint.h"
#include "catalog/typo.h"
#include "catalog/warm.h"

#define WARM_N 200		/* entries of the test catalogue */
#define WARM_NTREES 19		/* b-trees in warm.c's list */

/* CSV of n entries numbered from first: themes, places, offerings. */
static char *
warm_csv(int first, int n)
{
	char *csv = xcalloc((size_t)n + 1, 256), line[256];
	int i;

	strcpy(csv, "id,kind,provider,themes,level,province,lat,lon,"
	    "title_nl,summary_nl,start,mode,cost,instruction_lang\n");
	for (i = first; i < first + n; i++) {
		snprintf(line, sizeof line, "w%d,%s,X,%s,%s,%s,%.3f,%.3f,"
		    "%s %d,Leren %s,%s,%s,%s,nl\n", i,
		    i % 4 != 0 ? "course" : "community",
		    i % 2 == 0 ? "technical" : "care",
		    i % 3 == 0 ? "mbo2" : "",
		    i % 3 == 1 ? "Zuid-Holland" : "Utrecht",
		    51.0 + (i % 50) * 0.02, 4.0 + (i % 70) * 0.02,
		    i % 3 != 2 ? "Lassen" : "Koken", i,
		    i % 5 == 0 ? "elektricien" : "heftruck",
		    i % 6 != 5 ? "2026-12-10" : "2027-06-01",
		    i % 2 == 1 ? "onsite" : "online",
		    i % 3 == 0 ? "0" : "450");
		strcat(csv, line);
	}
	return csv;
}

static struct unit_db *
warm_db(void)
{
	struct unit_db *u = unit_db_new();
	char *cause = NULL, *csv = warm_csv(0, WARM_N);

	if (unit_import(u->db, "w", &cause, UNIT_THEMES, csv, NULL) != 0 ||
	    catalog_typo_refresh(u->db, &cause) != 0)
		fail_msg("import: %s", cause);
	free(csv);
	return u;
}

/* The ids and total of a few searches with filters, as one string. */
static char *
warm_results(struct catalog_db *db)
{
	static const char *const texts[] = { "lass", "lassen 1", "elektrisi",
	    "kok", "", "heftruk" };
	struct catalog_query q;
	struct catalog_results r;
	char *cause = NULL, *s = xstrdup(""), *t;
	size_t i, k, f;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		for (f = 0; f < 3; f++) {
			catalog_query_init(&q);
			q.text = texts[i];
			q.lang = "nl";
			q.today = "2026-11-27";
			q.limit = 50;
			if (f == 1)
				q.theme = "technical";
			if (f == 2) {
				q.has_place = 1;
				q.near_lat = 51.3;
				q.near_lon = 4.5;
				q.max_km = 30;
				q.free_only = 1;
				q.sort = CATALOG_SORT_NAME;
			}
			if (catalog_search_run(db, &q, &r, &cause) != 0)
				fail_msg("search: %s", cause);
			t = xasprintf("%s[%s/%zu:%zu", s, texts[i], f, r.total);
			free(s);
			s = t;
			for (k = 0; k < r.n; k++) {
				t = xasprintf("%s,%lld", s,
				    (long long)r.hits[k].id);
				free(s);
				s = t;
			}
			catalog_results_done(&r);
		}
	}
	return s;
}

/* The title of the first hit for text ("" when none). */
static char *
warm_first_title(struct catalog_db *db, const char *text)
{
	struct catalog_query q;
	struct catalog_results r;
	char *cause = NULL, *t;

	catalog_query_init(&q);
	q.text = text;
	q.lang = "nl";
	if (catalog_search_run(db, &q, &r, &cause) != 0)
		fail_msg("search: %s", cause);
	t = xstrdup(r.n > 0 ? r.hits[0].title.value : "");
	catalog_results_done(&r);
	return t;
}

/* Step w with the smallest slice until done; the number of steps. */
static unsigned
warm_run(struct catalog_warm *w)
{
	unsigned n = 0;

	while (catalog_warm_step(w, 0)) {
		n++;
		assert_true(n < 1000000);
	}
	return n + 1;
}

static void
test_steps_and_results(void **state)
{
	struct unit_db *u = warm_db();
	struct catalog_warm *w;
	struct catalog_warm_stats st;
	char *before, *after;
	unsigned steps;

	(void)state;
	before = warm_results(u->db);
	w = catalog_warm_new(u->db);
	assert_false(catalog_warm_done(w));
	steps = warm_run(w);
	catalog_warm_stats(w, &st);
	assert_true(catalog_warm_done(w));
	assert_int_equal(catalog_warm_step(w, 10), 0);
	/* The smallest slice is a few rows: many steps, each b-tree read. */
	assert_true(steps > 50);
	assert_int_equal(st.steps, steps);
	assert_int_equal(st.trees, WARM_NTREES);
	assert_int_equal(st.restarts, 0);
	/* entry, entry_theme twice, offering twice, the R*Tree's rowids:
	 * at least six rows per entry. */
	assert_true(st.rows >= 6 * WARM_N);
	after = warm_results(u->db);
	assert_string_equal(before, after);
	catalog_warm_free(w);

	/* A generous slice does it all in one step. */
	w = catalog_warm_new(u->db);
	assert_int_equal(catalog_warm_step(w, 60000), 0);
	catalog_warm_stats(w, &st);
	assert_int_equal(st.steps, 1);
	assert_true(st.rows >= 6 * WARM_N);
	catalog_warm_free(w);
	free(before);
	free(after);
	unit_db_free(u);
}

static void
test_catalogue_changes(void **state)
{
	struct unit_db *u = warm_db();
	struct catalog_db *writer, *reader;
	struct catalog_warm *w;
	struct catalog_warm_stats st;
	char *cause = NULL, *csv, *t;
	int i, log = -1, done = -1;

	(void)state;
	reader = catalog_db_open(u->path, CATALOG_DB_READONLY, &cause);
	writer = catalog_db_open(u->path, 0, &cause);
	if (reader == NULL || writer == NULL)
		fail_msg("open: %s", cause);
	w = catalog_warm_new(reader);
	for (i = 0; i < 60; i++)
		assert_int_equal(catalog_warm_step(w, 0), 1);

	/* Between steps nothing is held: another program writes, and its
	 * checkpoint copies the whole log back (no reader pins it). */
	csv = warm_csv(WARM_N, 50);
	if (unit_import(writer, "w2", &cause, csv, NULL) != 0 ||
	    catalog_typo_refresh(writer, &cause) != 0)
		fail_msg("import while warming: %s", cause);
	free(csv);
	assert_int_equal(sqlite3_exec(catalog_db_sqlite(writer),
	    "DELETE FROM entry WHERE id IN (SELECT id FROM entry"
	    " ORDER BY id DESC LIMIT 3)", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_wal_checkpoint_v2(catalog_db_sqlite(writer),
	    NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done), SQLITE_OK);
	assert_int_equal(log, 0);

	warm_run(w);
	catalog_warm_stats(w, &st);
	assert_true(catalog_warm_done(w));
	assert_int_equal(st.restarts, 1);
	assert_int_equal(st.trees, WARM_NTREES);
	catalog_warm_free(w);
	/* The warmed connection sees the new catalogue. */
	assert_int_equal(catalog_db_entry_count(reader), WARM_N + 50 - 3);
	t = warm_first_title(reader, "lassen 220");
	assert_string_equal(t, "Lassen 220");
	free(t);

	/* A b-tree gone (a later schema): skipped, the rest warmed. */
	assert_int_equal(sqlite3_exec(catalog_db_sqlite(writer),
	    "DROP INDEX entry_theme_by_theme", NULL, NULL, NULL), SQLITE_OK);
	w = catalog_warm_new(reader);
	warm_run(w);
	catalog_warm_stats(w, &st);
	assert_int_equal(st.trees, WARM_NTREES);
	assert_true(st.rows >= 5 * WARM_N);
	catalog_warm_free(w);
	t = warm_first_title(reader, "lassen 220");
	assert_string_equal(t, "Lassen 220");
	free(t);
	catalog_db_close(writer);
	catalog_db_close(reader);
	unit_db_free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steps_and_results),
		cmocka_unit_test(test_catalogue_changes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
