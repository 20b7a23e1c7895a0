/*
 * test_snapshot: exporting a catalogue and applying it to another
 * (catalog/snapshot.c), as publish and sync do.
 *
 * The export is consistent and keeps no local metadata; applying replaces
 * the content and the version in one transaction, a reader connection
 * notices it, and the search index follows. A snapshot that is damaged,
 * lacks a table, has another schema or breaks a foreign key is refused and
 * the catalogue stays exactly as it was.
 */
#include "config.h"

#include <sqlite3.h>

#include "tests/unit/unit.h"
#include "catalog/fts.h"
#include "catalog/search.h"
#include "catalog/snapshot.h"

#define MORE \
	"id,kind,provider,themes,city,title_nl,title_en\n" \
	"clock-1,community,Klokkenclub,technical,Delft,Klokken repareren," \
	"Repairing clocks\n"

struct state {
	struct unit_db	*pub;		/* the publisher's catalogue */
	struct unit_db	*kiosk;		/* the kiosk's catalogue */
	char		*snap;		/* an exported snapshot */
};

static int
setup(void **state)
{
	struct state *s = xcalloc(1, sizeof *s);
	char *cause = NULL;

	s->pub = unit_db_new();
	s->kiosk = unit_db_new();
	if (unit_import(s->pub->db, "s", &cause, UNIT_THEMES, UNIT_WELD_CARE, NULL)
	    != 0)
		fail_msg("import: %s", cause);
	s->snap = xasprintf("%s/snap.db", s->pub->dir);
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	struct state *s = *state;

	unit_db_free(s->pub);
	unit_db_free(s->kiosk);
	free(s->snap);
	free(s);
	return 0;
}

static void
export(struct state *s, struct catalog_snapshot_info *info)
{
	char *cause = NULL;

	unlink(s->snap);
	if (catalog_snapshot_export(s->pub->db, s->snap, info, &cause) != 0)
		fail_msg("export: %s", cause);
}

/* Run sql on the snapshot file directly, as a broken publisher might. */
static void
spoil(struct state *s, const char *sql)
{
	unit_raw_exec(s->snap, sql);
}

static void
test_export(void **state)
{
	struct state *s = *state;
	struct catalog_snapshot_info info;
	struct catalog_db *copy;
	char *cause = NULL, *v;

	assert_int_equal(catalog_db_meta_set(s->pub->db, "synced_at",
	    "2024-01-01T00:00:00Z", &cause), 0);
	export(s, &info);
	assert_int_equal(info.schema, catalog_db_schema_version());
	assert_int_equal(info.version, catalog_db_version(s->pub->db));
	assert_int_equal(info.entries, 2);

	copy = catalog_db_open(s->snap, CATALOG_DB_READONLY, &cause);
	assert_non_null(copy);
	v = catalog_db_meta_get(copy, "synced_at");
	assert_null(v);
	assert_int_equal(catalog_db_version(copy), info.version);
	assert_int_equal(unit_search_total(copy, "lassen"), 1);
	catalog_db_close(copy);
	assert_int_equal(access(s->snap, F_OK), 0);
}

static void
test_apply(void **state)
{
	struct state *s = *state;
	struct catalog_snapshot_info info;
	struct catalog_db *reader;
	char *cause = NULL;

	reader = catalog_db_open(s->kiosk->path, CATALOG_DB_READONLY, &cause);
	assert_non_null(reader);
	assert_int_equal(catalog_db_poll(reader), 0);

	export(s, &info);
	assert_int_equal(catalog_snapshot_check(s->snap, &info, &cause), 0);
	assert_int_equal(catalog_snapshot_apply(s->kiosk->db, s->snap,
	    info.version, &cause), 0);
	assert_int_equal(catalog_db_version(s->kiosk->db), info.version);
	assert_int_equal(catalog_db_entry_count(s->kiosk->db), 2);
	assert_int_equal(catalog_db_poll(reader), 1);
	assert_int_equal(catalog_db_entry_count(reader), 2);
	assert_int_equal(unit_search_total(reader, "lassen"), 1);
	assert_int_equal(unit_search_total(reader, "zorg"), 1);

	/* The same version again changes nothing. */
	assert_int_equal(catalog_snapshot_apply(s->kiosk->db, s->snap,
	    info.version, &cause), 1);
	assert_int_equal(catalog_db_poll(reader), 0);

	/* A newer catalogue with one more entry and one fewer. */
	if (unit_import(s->pub->db, "more", &cause, MORE, NULL) != 0)
		fail_msg("import: %s", cause);
	if (unit_import(s->pub->db, "s", &cause, UNIT_THEMES,
	    "id,kind,provider,themes,title_nl\n"
	    "weld-1,course,ROC Test,technical,Lassen voor beginners\n", NULL)
	    != 0)
		fail_msg("import: %s", cause);
	export(s, &info);
	assert_int_equal(info.entries, 2);
	assert_int_equal(catalog_snapshot_apply(s->kiosk->db, s->snap,
	    info.version, &cause), 0);
	assert_int_equal(catalog_db_poll(reader), 1);
	assert_int_equal(catalog_db_version(reader), info.version);
	assert_int_equal(unit_search_total(reader, "klokken"), 1);
	assert_int_equal(unit_search_total(reader, "zorg"), 0);
	assert_int_equal(unit_search_total(reader, "lassen"), 1);
	catalog_db_close(reader);
}

/* Apply a spoiled snapshot: refused, the kiosk catalogue untouched. */
static void
refused(struct state *s, const char *sql, const char *want_check,
    const char *want_apply)
{
	struct catalog_snapshot_info info;
	char *cause = NULL;
	int64_t before, version, entries;

	export(s, &info);
	assert_int_equal(catalog_snapshot_apply(s->kiosk->db, s->snap,
	    info.version, &cause), 0);
	before = catalog_db_version(s->kiosk->db);
	entries = catalog_db_entry_count(s->kiosk->db);

	if (unit_import(s->pub->db, "more", &cause, MORE, NULL) != 0)
		fail_msg("import: %s", cause);
	export(s, &info);
	version = info.version;
	spoil(s, sql);
	if (want_check != NULL) {
		assert_int_equal(catalog_snapshot_check(s->snap, &info,
		    &cause), -1);
		if (strstr(cause, want_check) == NULL)
			fail_msg("check said \"%s\", wanted \"%s\"", cause,
			    want_check);
		free(cause);
		cause = NULL;
	} else
		assert_int_equal(catalog_snapshot_check(s->snap, &info,
		    &cause), 0);
	assert_int_equal(catalog_snapshot_apply(s->kiosk->db, s->snap,
	    version, &cause), -1);
	if (strstr(cause, want_apply) == NULL)
		fail_msg("apply said \"%s\", wanted \"%s\"", cause, want_apply);
	free(cause);
	assert_int_equal(catalog_db_version(s->kiosk->db), before);
	assert_int_equal(catalog_db_entry_count(s->kiosk->db), entries);
	assert_int_equal(unit_search_total(s->kiosk->db, "lassen"), 1);
	assert_int_equal(unit_search_total(s->kiosk->db, "klokken"), 0);
}

static void
test_missing_table(void **state)
{
	refused(*state, "DROP TABLE offering", "snapshot has no table "
	    "\"offering\"", "no such table: snapshot.offering");
}

static void
test_missing_column(void **state)
{
	refused(*state, "ALTER TABLE offering DROP COLUMN place", NULL,
	    "table offering: ");
}

static void
test_foreign_key(void **state)
{
	refused(*state, "INSERT INTO entry_theme VALUES (9999, 9999)", NULL,
	    "FOREIGN KEY constraint failed");
}

static void
test_other_schema(void **state)
{
	refused(*state, "PRAGMA user_version = 99", "snapshot has schema "
	    "version 99, this program uses", "snapshot schema is not");
}

static void
test_not_a_database(void **state)
{
	struct state *s = *state;
	struct catalog_snapshot_info info;
	char *cause = NULL;
	FILE *f;

	f = fopen(s->snap, "wb");
	assert_non_null(f);
	fputs("this is not a database, it is a text file with enough bytes "
	    "in it to look like something", f);
	fclose(f);
	assert_int_equal(catalog_snapshot_check(s->snap, &info, &cause), -1);
	assert_non_null(strstr(cause, s->snap));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_table, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_missing_column, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_foreign_key, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_other_schema, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_not_a_database, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
