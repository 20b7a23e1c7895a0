/*
 * test_db: opening, schema migrations, read-only use and change polling.
 */
#include "unit.h"

#include <sqlite3.h>

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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
