/*
 * test_db: opening, schema migrations, read-only use and change polling.
 */
#include "unit.h"

#include <sqlite3.h>

#include "catalog/fts.h"
#include "catalog/theme.h"

static void
exec_sql(const char *path, const char *sql)
{
	sqlite3 *sq = NULL;

	assert_int_equal(sqlite3_open(path, &sq), SQLITE_OK);
	assert_int_equal(sqlite3_exec(sq, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(sq);
}

static int
query_int(const char *path, const char *sql)
{
	sqlite3 *sq = NULL;
	sqlite3_stmt *st = NULL;
	int v = -1;

	assert_int_equal(sqlite3_open(path, &sq), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(sq, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(sq);
	return v;
}

static void
test_create_migrates(void **state)
{
	struct unit_db *u = unit_db_new();

	(void)state;
	assert_int_equal(query_int(u->path, "PRAGMA user_version"),
	    catalog_db_schema_version());
	assert_int_equal(catalog_db_version(u->db), 0);
	assert_int_equal(catalog_db_entry_count(u->db), 0);
	assert_string_equal(catalog_db_path(u->db), u->path);
	{
		sqlite3 *sq = NULL;
		sqlite3_stmt *st = NULL;

		assert_int_equal(sqlite3_open(u->path, &sq), SQLITE_OK);
		sqlite3_prepare_v2(sq, "PRAGMA journal_mode", -1, &st, NULL);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0),
		    "wal");
		sqlite3_finalize(st);
		sqlite3_close(sq);
	}
	unit_db_free(u);
}

/*
 * A catalogue made with CATALOG_DB_THEMES has the standard themes with
 * every language of catalog/data/themes.csv, at version 0; opening it
 * again does not put them in again; without the flag there are none.
 */
static void
test_create_with_themes(void **state)
{
	char dir[] = "/tmp/leerpunt-unit.XXXXXX", *path, *cause = NULL;
	struct catalog_db *db;
	int nlang, ntheme;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/new.db", dir);
	db = catalog_db_open(path, CATALOG_DB_CREATE | CATALOG_DB_THEMES,
	    &cause);
	assert_non_null(db);
	assert_int_equal(catalog_db_version(db), 0);
	catalog_db_close(db);
	ntheme = query_int(path, "SELECT count(*) FROM theme");
	assert_int_equal(ntheme, 10);
	assert_int_equal(query_int(path, "SELECT count(*) FROM theme"
	    " WHERE key = 'career'"), 1);
	/* As many label languages as the CSV has label_LL columns. */
	nlang = query_int(path, "SELECT count(DISTINCT lang) FROM theme_text");
	{
		const char *csv = (const char *)catalog_theme_std_csv;
		size_t eol = strcspn(csv, "\r\n"), i;
		int cols = 0;

		for (i = 0; i + 6 <= eol; i++)
			if (strncmp(csv + i, "label_", 6) == 0)
				cols++;
		assert_true(cols >= 2);
		assert_int_equal(nlang, cols);
	}
	assert_int_equal(query_int(path, "SELECT count(*) FROM theme_text"
	    " WHERE hint IS NULL OR label = ''"), 0);
	exec_sql(path, "DELETE FROM theme WHERE key = 'energy'");
	db = catalog_db_open(path, CATALOG_DB_CREATE | CATALOG_DB_THEMES,
	    &cause);
	assert_non_null(db);
	catalog_db_close(db);
	assert_int_equal(query_int(path, "SELECT count(*) FROM theme"), 9);
	free(path);
	path = xasprintf("%s/plain.db", dir);
	db = catalog_db_open(path, CATALOG_DB_CREATE, &cause);
	assert_non_null(db);
	catalog_db_close(db);
	assert_int_equal(query_int(path, "SELECT count(*) FROM theme"), 0);
	free(path);
	path = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
	free(path);
}

static void
test_reopen_keeps_data(void **state)
{
	struct unit_db *u = unit_db_new();
	char *cause = NULL;

	(void)state;
	assert_int_equal(unit_import(u->db, "t", &cause, UNIT_THEMES, NULL),
	    0);
	catalog_db_close(u->db);
	u->db = catalog_db_open(u->path, 0, &cause);
	assert_non_null(u->db);
	assert_int_equal(catalog_db_version(u->db), 1);
	unit_db_free(u);
}

static void
test_newer_schema_refused(void **state)
{
	struct unit_db *u = unit_db_new();
	struct catalog_db *db;
	char *cause = NULL;

	(void)state;
	exec_sql(u->path, "PRAGMA user_version = 999");
	db = catalog_db_open(u->path, 0, &cause);
	assert_null(db);
	assert_non_null(strstr(cause, "newer"));
	free(cause);
	unit_db_free(u);
}

static void
test_readonly_refuses_old_schema(void **state)
{
	char dir[] = "/tmp/leerpunt-unit.XXXXXX", *path, *cause = NULL;
	struct catalog_db *db;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/old.db", dir);
	exec_sql(path, "CREATE TABLE t(x)");	/* user_version 0 */
	db = catalog_db_open(path, CATALOG_DB_READONLY, &cause);
	assert_null(db);
	assert_non_null(strstr(cause, "old"));
	free(cause);
	cause = NULL;
	/* A writable open migrates it. */
	db = catalog_db_open(path, 0, &cause);
	assert_non_null(db);
	catalog_db_close(db);
	assert_int_equal(query_int(path, "PRAGMA user_version"),
	    catalog_db_schema_version());
	unlink(path);
	free(path);
	path = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
	free(path);
}

static void
test_missing_file(void **state)
{
	char *cause = NULL;
	struct catalog_db *db;

	(void)state;
	db = catalog_db_open("/nonexistent/dir/c.db", 0, &cause);
	assert_null(db);
	assert_non_null(strstr(cause, "/nonexistent/dir/c.db"));
	free(cause);
}

static void
test_not_a_database(void **state)
{
	struct unit_db *u = unit_db_new();
	char *path = xasprintf("%s/junk.db", u->dir), *cause = NULL;
	FILE *f = fopen(path, "w");
	struct catalog_db *db;

	(void)state;
	fputs("this is not a database, just text that is long enough to "
	    "fill a header page of one hundred bytes or so ..........", f);
	fclose(f);
	db = catalog_db_open(path, 0, &cause);
	assert_null(db);
	assert_non_null(strstr(cause, path));
	free(cause);
	free(path);
	unit_db_free(u);
}

static void
test_poll_sees_other_writer(void **state)
{
	struct unit_db *u = unit_db_new();
	struct catalog_db *reader;
	char *cause = NULL;

	(void)state;
	reader = catalog_db_open(u->path, CATALOG_DB_READONLY, &cause);
	assert_non_null(reader);
	assert_int_equal(catalog_db_poll(reader), 0);
	assert_int_equal(unit_import(u->db, "t", &cause, UNIT_THEMES, NULL),
	    0);
	assert_int_equal(catalog_db_poll(reader), 1);
	assert_int_equal(catalog_db_poll(reader), 0);
	assert_int_equal(catalog_db_version(reader), 1);
	catalog_db_close(reader);
	unit_db_free(u);
}

static void
test_meta(void **state)
{
	struct unit_db *u = unit_db_new();
	char *v, *cause = NULL;

	(void)state;
	assert_null(catalog_db_meta_get(u->db, "synced_at"));
	assert_int_equal(catalog_db_meta_set(u->db, "synced_at",
	    "2026-11-27T10:00:00Z", &cause), 0);
	v = catalog_db_meta_get(u->db, "synced_at");
	assert_string_equal(v, "2026-11-27T10:00:00Z");
	free(v);
	unit_db_free(u);
}

static void
test_default_path(void **state)
{
	(void)state;
	setenv("LEERPUNT_DB", "/tmp/x/y.db", 1);
	assert_string_equal(catalog_db_default_path(), "/tmp/x/y.db");
	unsetenv("LEERPUNT_DB");
	assert_non_null(strstr(catalog_db_default_path(), "leerpunt"));
}


/* The full-text part of schema 2, as catalogues of that version have it. */
#define V2_ADD \
	"  INSERT INTO search_lang(lang) SELECT new.lang WHERE NOT EXISTS" \
	"    (SELECT 1 FROM search_lang WHERE lang = new.lang);" \
	"  INSERT INTO entry_fts(rowid, title, summary, description)" \
	"    VALUES (new.entry_id * 64 + (SELECT slot FROM search_lang" \
	"    WHERE lang = new.lang), new.title, new.summary, new.description);" \
	"  INSERT INTO head_fts(rowid, title, summary)" \
	"    VALUES (new.entry_id * 64 + (SELECT slot FROM search_lang" \
	"    WHERE lang = new.lang), new.title, new.summary);" \
	"  INSERT INTO title_fts(rowid, title)" \
	"    VALUES (new.entry_id * 64 + (SELECT slot FROM search_lang" \
	"    WHERE lang = new.lang), new.title);"
#define V2_DROP \
	"  INSERT INTO entry_fts(entry_fts, rowid, title, summary, description)" \
	"    VALUES ('delete', old.entry_id * 64 + (SELECT slot FROM" \
	"    search_lang WHERE lang = old.lang), old.title, old.summary," \
	"    old.description);" \
	"  INSERT INTO head_fts(head_fts, rowid, title, summary)" \
	"    VALUES ('delete', old.entry_id * 64 + (SELECT slot FROM" \
	"    search_lang WHERE lang = old.lang), old.title, old.summary);" \
	"  INSERT INTO title_fts(title_fts, rowid, title)" \
	"    VALUES ('delete', old.entry_id * 64 + (SELECT slot FROM" \
	"    search_lang WHERE lang = old.lang), old.title);"
#define V2_GEN "  UPDATE search_state SET value = value + 1 WHERE key = 'gen';"
static const char v2_schema[] =
    "DROP TRIGGER entry_text_ai; DROP TRIGGER entry_text_ad;"
    "DROP TRIGGER entry_text_au;"
    "ALTER TABLE entry_text DROP COLUMN keywords;"	/* from schema 4 */
    "DROP TABLE entry_fts; DROP TABLE head_fts; DROP TABLE title_fts;"
    "CREATE VIRTUAL TABLE entry_fts USING fts5(title, summary, description,"
    "  content='', tokenize='leerpunt', detail='none', prefix='3');"
    "CREATE VIRTUAL TABLE head_fts USING fts5(title, summary, content='',"
    "  tokenize='leerpunt', detail='none', prefix='1 2 3 4');"
    "CREATE VIRTUAL TABLE title_fts USING fts5(title, content='',"
    "  tokenize='leerpunt', detail='none', prefix='1 2 3 4');"
    "INSERT INTO entry_fts(rowid, title, summary, description)"
    "  SELECT t.entry_id * 64 + l.slot, t.title, t.summary, t.description"
    "  FROM entry_text t JOIN search_lang l ON l.lang = t.lang;"
    "INSERT INTO head_fts(rowid, title, summary)"
    "  SELECT t.entry_id * 64 + l.slot, t.title, t.summary"
    "  FROM entry_text t JOIN search_lang l ON l.lang = t.lang;"
    "INSERT INTO title_fts(rowid, title)"
    "  SELECT t.entry_id * 64 + l.slot, t.title"
    "  FROM entry_text t JOIN search_lang l ON l.lang = t.lang;"
    "CREATE TRIGGER entry_text_ai AFTER INSERT ON entry_text BEGIN"
    V2_ADD V2_GEN "END;"
    "CREATE TRIGGER entry_text_ad AFTER DELETE ON entry_text BEGIN"
    V2_DROP V2_GEN "END;"
    "CREATE TRIGGER entry_text_au AFTER UPDATE ON entry_text BEGIN"
    V2_DROP V2_ADD V2_GEN "END;"
    "CREATE INDEX entry_source ON entry(source);"
    /* Schema 2 stored five bytes a pair: not readable as four. */
    "UPDATE search_del SET pairs = zeroblob(length(pairs) / 4 * 5);"
    "PRAGMA user_version = 2;";

/*
 * A catalogue of schema 2 with data is brought to schema 3 (and on to
 * the current one): indexes made
 * again, the typo vocabulary rebuilt in its new form, and imports and
 * search work as on a new catalogue.
 */
static void
test_migrate_2_to_3(void **state)
{
	struct unit_db *u = unit_db_new();
	char *cause = NULL;
	sqlite3 *sq = NULL;
	int64_t weld;

	(void)state;
	assert_int_equal(unit_import(u->db, "s", &cause, UNIT_THEMES,
	    "id,kind,provider,themes,title_nl,summary_nl,description_nl\n"
	    "weld,course,P,technical,Lassen voor beginners,Je leert lassen.,"
	    "Met echte machines in de werkplaats.\n"
	    "care,course,P,care,Helpende zorg,Werken met mensen.,\n", NULL), 0);
	catalog_db_close(u->db);
	u->db = NULL;
	assert_int_equal(sqlite3_open(u->path, &sq), SQLITE_OK);
	if (catalog_fts_register(sq, NULL, &cause) != 0)
		fail_msg("fts: %s", cause);
	if (sqlite3_exec(sq, v2_schema, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("schema 2: %s", sqlite3_errmsg(sq));
	sqlite3_close(sq);
	assert_int_equal(query_int(u->path, "PRAGMA user_version"), 2);

	u->db = catalog_db_open(u->path, 0, &cause);
	if (u->db == NULL)
		fail_msg("open: %s", cause);
	assert_int_equal(query_int(u->path, "PRAGMA user_version"),
	    catalog_db_schema_version());
	assert_int_equal(query_int(u->path, "SELECT count(*) FROM sqlite_schema"
	    " WHERE name = 'entry_source'"), 0);
	assert_int_equal(query_int(u->path, "SELECT count(*) FROM sqlite_schema"
	    " WHERE name = 'entry_fts' AND sql LIKE '%prefix%'"), 0);
	/* The vocabulary is current again, in the new form. */
	assert_int_equal(query_int(u->path, "SELECT count(*) FROM search_state"
	    " a JOIN search_state b ON a.key = 'gen' AND b.key = 'vocab_gen'"
	    " WHERE a.value = b.value"), 1);
	weld = unit_search_id(u->db, "lassen", 0);
	assert_true(weld > 0);
	assert_int_equal(unit_search_id(u->db, "werkplaats", 0), weld);
	assert_int_equal(unit_search_id(u->db, "werkplaatz", 0), weld);	/* typo */
	assert_int_equal(unit_search_id(u->db, "machi", 0), weld);	/* prefix */
	assert_int_equal(unit_search_id(u->db, "las", 0), weld);
	/* The new triggers keep the index up to date on a re-import. */
	assert_int_equal(unit_import(u->db, "s", &cause,
	    "id,kind,provider,themes,title_nl,summary_nl\n"
	    "weld,course,P,technical,Lassen en snijden,Je leert lassen.\n",
	    NULL), 0);
	assert_int_equal(unit_search_id(u->db, "snijden", 0), weld);
	assert_int_equal(unit_search_id(u->db, "werkplaats", 0), -1);
	assert_int_equal(unit_search_id(u->db, "helpende", 0), -1);
	unit_db_free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_migrates),
		cmocka_unit_test(test_reopen_keeps_data),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_readonly_refuses_old_schema),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_not_a_database),
		cmocka_unit_test(test_poll_sees_other_writer),
		cmocka_unit_test(test_meta),
		cmocka_unit_test(test_default_path),
		cmocka_unit_test(test_migrate_2_to_3),
		cmocka_unit_test(test_create_with_themes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
