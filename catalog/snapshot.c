/*
 * snapshot: a whole catalogue as one SQLite file (see snapshot.h).
 *
 * The content tables are copied with explicit column lists taken from the
 * live catalogue's own schema, so a snapshot with a missing column fails
 * loudly instead of shifting values. Rows are deleted child first and
 * inserted parent first with foreign keys on, so a snapshot with dangling
 * references is refused by SQLite itself. The FTS index follows through
 * the entry_text triggers. Downloaded files are untrusted: the checking
 * connection runs in defensive mode with an untrusted schema.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/dbint.h"
#include "catalog/fts.h"
#include "catalog/snapshot.h"
#include "catalog/xmalloc.h"

/* Content tables, parents before children. */
static const char *const catalog_snapshot_tables[] = {
	"theme", "theme_text", "entry", "entry_theme", "offering", "entry_text"
};
#define CATALOG_SNAPSHOT_NTABLES \
	(sizeof catalog_snapshot_tables / sizeof catalog_snapshot_tables[0])

/* Run sql on a raw connection; -1 and *cause naming path on error. */
static int
catalog_snapshot_exec(sqlite3 *sq, const char *path, const char *sql,
    char **cause)
{
	char *err = NULL;

	if (sqlite3_exec(sq, sql, NULL, NULL, &err) != SQLITE_OK) {
		*cause = xasprintf("%s: %s", path,
		    err != NULL ? err : sqlite3_errmsg(sq));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* First column of the first row of sql as an integer; -1 on error. */
static int
catalog_snapshot_int(sqlite3 *sq, const char *sql, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(sq, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*out = sqlite3_column_int64(st, 0);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

int
catalog_snapshot_check(const char *path, struct catalog_snapshot_info *info,
    char **cause)
{
	sqlite3 *sq = NULL;
	sqlite3_stmt *st = NULL;
	const char *type;
	int64_t n;
	size_t i;
	int rc;

	memset(info, 0, sizeof *info);
	if (sqlite3_open_v2(path, &sq, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		*cause = xasprintf("%s: cannot open snapshot: %s", path,
		    sq != NULL ? sqlite3_errmsg(sq) : "out of memory");
		goto fail;
	}
	sqlite3_db_config(sq, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(sq, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);

	if (sqlite3_prepare_v2(sq, "PRAGMA quick_check", -1, &st, NULL) !=
	    SQLITE_OK) {
		*cause = xasprintf("%s: not an SQLite catalogue snapshot: %s",
		    path, sqlite3_errmsg(sq));
		goto fail;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		*cause = xasprintf("%s: snapshot cannot be checked: %s", path,
		    sqlite3_errmsg(sq));
		goto fail;
	}
	if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		*cause = xasprintf("%s: snapshot is damaged: %s", path,
		    (const char *)sqlite3_column_text(st, 0));
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;

	if (catalog_snapshot_int(sq, "PRAGMA user_version", &n) != 0) {
		*cause = xasprintf("%s: snapshot has no schema version", path);
		goto fail;
	}
	if (n != catalog_db_schema_version()) {
		*cause = xasprintf("%s: snapshot has schema version %lld, this "
		    "program uses %d", path, (long long)n,
		    catalog_db_schema_version());
		goto fail;
	}
	info->schema = (int)n;

	if (sqlite3_prepare_v2(sq,
	    "SELECT type FROM sqlite_schema WHERE name = ?", -1, &st, NULL) !=
	    SQLITE_OK) {
		*cause = xasprintf("%s: %s", path, sqlite3_errmsg(sq));
		goto fail;
	}
	for (i = 0; i <= CATALOG_SNAPSHOT_NTABLES; i++) {
		const char *t = i < CATALOG_SNAPSHOT_NTABLES ?
		    catalog_snapshot_tables[i] : "meta";

		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
		type = NULL;
		if (sqlite3_step(st) == SQLITE_ROW)
			type = (const char *)sqlite3_column_text(st, 0);
		if (type == NULL || strcmp(type, "table") != 0) {
			*cause = xasprintf("%s: snapshot has no table \"%s\"",
			    path, t);
			goto fail;
		}
	}
	sqlite3_finalize(st);
	st = NULL;

	if (catalog_snapshot_int(sq,
	    "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'version'",
	    &info->version) != 0 || info->version < 0) {
		*cause = xasprintf("%s: snapshot has no catalogue version", path);
		goto fail;
	}
	if (catalog_snapshot_int(sq, "SELECT count(*) FROM entry",
	    &info->entries) != 0) {
		*cause = xasprintf("%s: cannot count the snapshot's entries: "
		    "%s", path, sqlite3_errmsg(sq));
		goto fail;
	}
	sqlite3_close(sq);
	return 0;

fail:
	sqlite3_finalize(st);
	sqlite3_close(sq);
	return -1;
}

int
catalog_snapshot_export(struct catalog_db *db, const char *path,
    struct catalog_snapshot_info *info, char **cause)
{
	sqlite3_stmt *st = NULL;
	sqlite3 *sq = NULL;

	st = catalog_db_prepare(db, "VACUUM INTO ?");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		*cause = xasprintf("%s: cannot copy the catalogue to %s: %s",
		    catalog_db_path(db), path,
		    sqlite3_errmsg(catalog_db_sqlite(db)));
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;

	/* Local metadata (sync times, settings) stays local. */
	if (sqlite3_open_v2(path, &sq, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		*cause = xasprintf("%s: cannot open the copy: %s", path,
		    sq != NULL ? sqlite3_errmsg(sq) : "out of memory");
		goto fail;
	}
	if (catalog_fts_register(sq, cause) != 0)
		goto fail;
	if (catalog_snapshot_exec(sq, path, "PRAGMA journal_mode = DELETE;"
	    "DELETE FROM meta WHERE key <> 'version'; VACUUM;", cause) != 0)
		goto fail;
	if (sqlite3_close(sq) != SQLITE_OK) {
		*cause = xasprintf("%s: cannot close the copy: %s", path,
		    sqlite3_errmsg(sq));
		sq = NULL;
		goto fail;
	}
	sq = NULL;
	return catalog_snapshot_check(path, info, cause);

fail:
	sqlite3_finalize(st);
	sqlite3_close(sq);
	return -1;
}

/*
 * The columns of main.table, quoted and each after prefix: "a", "b" or
 * s."a", s."b". A qualified name never falls back to a string literal, as
 * an unknown double-quoted bare name does in SQLite.
 */
static char *
catalog_snapshot_columns(struct catalog_db *db, const char *table,
    const char *prefix)
{
	sqlite3_stmt *st;
	char *list = NULL, *next;
	const char *name;

	st = catalog_db_prepare(db, "SELECT name FROM pragma_table_info(?)"
	    " ORDER BY cid");
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		next = xasprintf("%s%s%s\"%s\"", list != NULL ? list : "",
		    list != NULL ? ", " : "", prefix, name);
		free(list);
		list = next;
	}
	sqlite3_finalize(st);
	return list;
}

int
catalog_snapshot_apply(struct catalog_db *db, const char *path,
    int64_t version, char **cause)
{
	sqlite3_stmt *st = NULL;
	char *sql = NULL, *cols = NULL, *scols = NULL;
	int attached = 0, began = 0, rc = -1;
	int64_t n;
	size_t i;

	st = catalog_db_prepare(db, "ATTACH ? AS snapshot");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		*cause = xasprintf("%s: cannot attach snapshot %s: %s",
		    catalog_db_path(db), path,
		    sqlite3_errmsg(catalog_db_sqlite(db)));
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	attached = 1;

	if (catalog_db_exec(db, "BEGIN IMMEDIATE", cause) != 0)
		goto fail;
	began = 1;
	if (catalog_db_version(db) >= version) {
		rc = 1;
		goto fail;
	}
	if (catalog_snapshot_int(catalog_db_sqlite(db),
	    "PRAGMA snapshot.user_version", &n) != 0 ||
	    n != catalog_db_schema_version()) {
		*cause = xasprintf("%s: snapshot schema is not %d", path,
		    catalog_db_schema_version());
		goto fail;
	}

	for (i = CATALOG_SNAPSHOT_NTABLES; i-- > 0; ) {
		sql = xasprintf("DELETE FROM main.\"%s\"",
		    catalog_snapshot_tables[i]);
		if (catalog_db_exec(db, sql, cause) != 0)
			goto fail;
		free(sql);
		sql = NULL;
	}
	for (i = 0; i < CATALOG_SNAPSHOT_NTABLES; i++) {
		cols = catalog_snapshot_columns(db, catalog_snapshot_tables[i],
		    "");
		scols = catalog_snapshot_columns(db, catalog_snapshot_tables[i],
		    "s.");
		if (cols == NULL || scols == NULL) {
			*cause = xasprintf("%s: no table %s",
			    catalog_db_path(db), catalog_snapshot_tables[i]);
			goto fail;
		}
		sql = xasprintf("INSERT INTO main.\"%s\" (%s) SELECT %s FROM "
		    "snapshot.\"%s\" AS s", catalog_snapshot_tables[i], cols,
		    scols, catalog_snapshot_tables[i]);
		if (catalog_db_exec(db, sql, cause) != 0) {
			char *c = xasprintf("snapshot %s, table %s: %s", path,
			    catalog_snapshot_tables[i], *cause);

			free(*cause);
			*cause = c;
			goto fail;
		}
		free(sql);
		sql = NULL;
		free(cols);
		cols = NULL;
		free(scols);
		scols = NULL;
	}
	if (catalog_db_set_version(db, version, cause) != 0)
		goto fail;
	if (catalog_db_exec(db, "COMMIT", cause) != 0)
		goto fail;
	began = 0;
	rc = 0;

fail:
	sqlite3_finalize(st);
	free(sql);
	free(cols);
	free(scols);
	if (began)
		sqlite3_exec(catalog_db_sqlite(db), "ROLLBACK", NULL, NULL, NULL);
	if (attached)
		sqlite3_exec(catalog_db_sqlite(db), "DETACH snapshot", NULL,
		    NULL, NULL);
	return rc;
}
