/*
 * unit: helpers shared by the cmocka unit tests.
 *
 * Each test gets a fresh catalogue in a temporary folder; CSV text can be
 * imported from a string. Included by the test programs only.
 */
#ifndef TESTS_UNIT_H
#define TESTS_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "catalog/csv.h"
#include "catalog/csvimport.h"
#include "catalog/db.h"
#include "catalog/entry.h"
#include "catalog/fts.h"
#include "catalog/import.h"
#include "catalog/search.h"
#include "catalog/xmalloc.h"

struct unit_db {
	char		 dir[64];
	char		*path;
	struct catalog_db *db;
};

static inline struct unit_db *
unit_db_new(void)
{
	struct unit_db *u = xcalloc(1, sizeof *u);
	char *cause = NULL;

	snprintf(u->dir, sizeof u->dir, "/tmp/leerpunt-unit.XXXXXX");
	assert_non_null(mkdtemp(u->dir));
	u->path = xasprintf("%s/c.db", u->dir);
	u->db = catalog_db_open(u->path, CATALOG_DB_CREATE, &cause);
	if (u->db == NULL)
		fail_msg("open: %s", cause);
	return u;
}

static inline void
unit_db_free(struct unit_db *u)
{
	char *cmd;

	if (u == NULL)
		return;
	catalog_db_close(u->db);
	cmd = xasprintf("rm -rf '%s'", u->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# cannot remove %s\n", u->dir);
	free(cmd);
	free(u->path);
	free(u);
}

/*
 * Import CSV texts (NULL-terminated list) under source in one import.
 * Returns 0, or -1 with *cause set (the import was aborted).
 */
static inline int
unit_import(struct catalog_db *db, const char *source, char **cause, ...)
{
	struct catalog_import_summary sum;
	struct catalog_import *imp;
	struct catalog_csv *csv;
	const char *text;
	va_list ap;
	int rc = 0, n = 0;

	if ((imp = catalog_import_begin(db, source, cause)) == NULL)
		return -1;
	va_start(ap, cause);
	while (rc == 0 && (text = va_arg(ap, const char *)) != NULL) {
		char name[32];

		snprintf(name, sizeof name, "t%d.csv", ++n);
		csv = catalog_csv_new(name, text, strlen(text));
		rc = catalog_csvimport_read(imp, csv, cause);
		catalog_csv_free(csv);
	}
	va_end(ap);
	if (rc != 0) {
		catalog_import_abort(imp);
		return -1;
	}
	if (catalog_import_commit(imp, &sum, cause) != 0)
		return -1;
	catalog_import_summary_done(&sum);
	return 0;
}

/*
 * Search for text; the id of the first hit, or -1 when nothing is found
 * (or, with only_one, when not exactly one entry is).
 */
static inline int64_t
unit_search_id(struct catalog_db *db, const char *text, int only_one)
{
	struct catalog_query q;
	struct catalog_results r;
	char *cause = NULL;
	int64_t id = -1;

	catalog_query_init(&q);
	q.text = text;
	if (catalog_search_run(db, &q, &r, &cause) != 0)
		fail_msg("search \"%s\": %s", text, cause);
	if (r.n > 0 && (!only_one || r.n == 1))
		id = r.hits[0].id;
	catalog_results_done(&r);
	return id;
}

/* The shared folder with the sample data (LEERPUNT_SHARED, ../shared). */
static inline const char *
unit_samples(void)
{
	const char *s = getenv("LEERPUNT_SHARED");

	return s != NULL ? s : "../shared";
}

/*
 * 1 when the samples in ../shared/samples/sub are there. make distcheck
 * tests a copy without them; cmocka 1.1 reports a skip() as "not ok #
 * SKIP", which the TAP driver counts as a failure, so main() leaves those
 * tests out instead and says so in a TAP comment.
 */
static inline int
unit_have_samples(const char *sub)
{
	char *dir = xasprintf("%s/samples/%s", unit_samples(), sub);
	int there = access(dir, R_OK) == 0;

	if (!there)
		printf("# %s is missing: test_samples* not run\n", dir);
	free(dir);
	return there;
}

/* A new catalogue with the kiosk's ten themes (catalog/data/themes.csv). */
static inline struct unit_db *
unit_themed_db(void)
{
	struct unit_db *u = unit_db_new();
	struct catalog_import_summary sum;
	struct catalog_import *imp;
	const char *dir = getenv("LEERPUNT_DATADIR");
	char *cause = NULL, *path;

	path = xasprintf("%s/themes.csv", dir != NULL ? dir : "catalog/data");
	imp = catalog_import_begin(u->db, "themes", &cause);
	assert_non_null(imp);
	if (catalog_csvimport_file(imp, path, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(catalog_import_commit(imp, &sum, &cause), 0);
	catalog_import_summary_done(&sum);
	free(path);
	return u;
}

/* How many entries text finds (the total) for interface language nl. */
static inline int64_t
unit_search_total(struct catalog_db *db, const char *text)
{
	struct catalog_query q;
	struct catalog_results r;
	char *cause = NULL;
	int64_t n;

	catalog_query_init(&q);
	q.text = text;
	q.lang = "nl";
	if (catalog_search_run(db, &q, &r, &cause) != 0)
		fail_msg("search \"%s\": %s", text, cause);
	n = (int64_t)r.total;
	catalog_results_done(&r);
	return n;
}

/* The entry with this key, read in lang; fails the test when there is
 * none. */
static inline struct catalog_entry *
unit_entry_by_key(struct catalog_db *db, const char *key, const char *lang)
{
	struct catalog_query q;
	struct catalog_results r;
	struct catalog_entry *e = NULL;
	char *cause = NULL;
	size_t i;

	catalog_query_init(&q);
	q.limit = 1000;
	assert_int_equal(catalog_search_run(db, &q, &r, &cause), 0);
	for (i = 0; i < r.n && e == NULL; i++) {
		e = catalog_entry_get(db, r.hits[i].id, lang, &cause);
		assert_non_null(e);
		if (strcmp(e->key, key) != 0) {
			catalog_entry_free(e);
			e = NULL;
		}
	}
	catalog_results_done(&r);
	if (e == NULL)
		fail_msg("no entry %s", key);
	return e;
}

/* 1 when searching word with interface language lang finds the entry
 * with key among the first 100 hits. */
static inline int
unit_findable(struct catalog_db *db, const char *lang, const char *word,
    const char *key)
{
	struct catalog_query q;
	struct catalog_results r;
	struct catalog_entry *e;
	char *cause = NULL;
	size_t i;
	int found = 0;

	catalog_query_init(&q);
	q.text = word;
	q.lang = lang;
	q.limit = 100;
	assert_int_equal(catalog_search_run(db, &q, &r, &cause), 0);
	for (i = 0; i < r.n && !found; i++) {
		e = catalog_entry_get(db, r.hits[i].id, lang, &cause);
		found = e != NULL && strcmp(e->key, key) == 0;
		catalog_entry_free(e);
	}
	catalog_results_done(&r);
	return found;
}

/* Run sql on the catalogue file at path with a connection of its own,
 * as another program (or a broken publisher) would. */
static inline void
unit_raw_exec(const char *path, const char *sql)
{
	sqlite3 *sq = NULL;
	char *cause = NULL;

	assert_int_equal(sqlite3_open(path, &sq), SQLITE_OK);
	sqlite3_busy_timeout(sq, 5000);
	if (catalog_fts_register(sq, NULL, &cause) != 0)
		fail_msg("fts: %s", cause);
	if (sqlite3_exec(sq, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(sq));
	sqlite3_close(sq);
}

/* Two entries in two themes (the sync tests' first version). */
#define UNIT_WELD_CARE \
	"id,kind,provider,themes,city,title_nl,title_en,summary_nl,start,cost\n" \
	"weld-1,course,ROC Test,technical,Zwolle,Lassen voor beginners," \
	"Welding for beginners,Leer lassen.,2030-01-10,0\n" \
	"care-1,course,Zorgschool,care,Assen,Helpende zorg,Care helper," \
	"Werken in de zorg.,2030-02-01,450\n"

#define UNIT_THEMES \
	"theme,position,label_nl,label_en,hint_nl\n" \
	"technical,1,Techniek,Technology,Lassen en machines.\n" \
	"care,2,Zorg,Care,Werken met mensen.\n" \
	"language,3,Taal,Language,\n"

#endif
