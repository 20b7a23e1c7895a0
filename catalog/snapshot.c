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

#include <sodium.h>

#include "catalog/dbint.h"
#include "catalog/fts.h"
#include "catalog/snapshot.h"
#include "catalog/typo.h"
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

/*
 * The digest's bytes are gathered in a buffer and hashed in large
 * blocks: one hash update per column value (a type tag, 8-byte numbers)
 * cost more than the hashing itself. The bytes hashed are the same.
 */
#define SNAPSHOT_HBUF 65536
#define SNAPSHOT_HBUF_DIRECT 4096	/* larger values are hashed in place */

struct snapshot_hbuf {
	crypto_hash_sha256_state hs;
	size_t		 n;
	unsigned char	 b[SNAPSHOT_HBUF];
};

static void
catalog_snapshot_hflush(struct snapshot_hbuf *h)
{
	if (h->n > 0)
		crypto_hash_sha256_update(&h->hs, h->b, h->n);
	h->n = 0;
}

static void
catalog_snapshot_hput(struct snapshot_hbuf *h, const void *p, size_t len)
{
	if (len >= SNAPSHOT_HBUF_DIRECT) {
		catalog_snapshot_hflush(h);
		crypto_hash_sha256_update(&h->hs, p, len);
		return;
	}
	if (h->n + len > sizeof h->b)
		catalog_snapshot_hflush(h);
	memcpy(h->b + h->n, p, len);
	h->n += len;
}

/* Feed n as 8 big-endian bytes to the hash. */
static void
catalog_snapshot_hash_u64(struct snapshot_hbuf *h, uint64_t n)
{
	unsigned char *b;
	int i;

	if (h->n + 8 > sizeof h->b)
		catalog_snapshot_hflush(h);
	b = h->b + h->n;
	for (i = 7; i >= 0; i--) {
		b[i] = (unsigned char)(n & 0xff);
		n >>= 8;
	}
	h->n += 8;
}

/*
 * "SELECT "a", "b" FROM "t" ORDER BY "pk1", "pk2"" for table t of sq's
 * main schema, or NULL when it has no columns.
 */
static char *
catalog_snapshot_digest_sql(sqlite3 *sq, const char *table)
{
	sqlite3_stmt *st = NULL;
	char *cols = NULL, *order = NULL, *next, *sql = NULL;
	const char *name;

	if (sqlite3_prepare_v2(sq, "SELECT name, pk FROM pragma_table_info(?)"
	    " ORDER BY cid", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		next = xasprintf("%s%s\"%s\"", cols != NULL ? cols : "",
		    cols != NULL ? ", " : "", name);
		free(cols);
		cols = next;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (cols == NULL)
		return NULL;
	if (sqlite3_prepare_v2(sq, "SELECT name FROM pragma_table_info(?)"
	    " WHERE pk > 0 ORDER BY pk", -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		next = xasprintf("%s%s\"%s\"", order != NULL ? order : "",
		    order != NULL ? ", " : "", name);
		free(order);
		order = next;
	}
	sql = xasprintf("SELECT %s FROM main.\"%s\" ORDER BY %s", cols, table,
	    order != NULL ? order : "rowid");

out:
	sqlite3_finalize(st);
	free(cols);
	free(order);
	return sql;
}

/* The content digest of sq's main schema; where names it in messages. */
static int
catalog_snapshot_digest_sq(sqlite3 *sq, const char *where,
    unsigned char out[32], char **cause)
{
	struct snapshot_hbuf *h = xmalloc(sizeof *h);
	sqlite3_stmt *st = NULL;
	char *sql = NULL;
	const char *t;
	const void *v;
	double d;
	uint64_t bits;
	size_t i;
	int c, ncol, type, rc, len;
	unsigned char tag;

	crypto_hash_sha256_init(&h->hs);
	h->n = 0;
	for (i = 0; i < CATALOG_SNAPSHOT_NTABLES; i++) {
		t = catalog_snapshot_tables[i];
		if ((sql = catalog_snapshot_digest_sql(sq, t)) == NULL ||
		    sqlite3_prepare_v2(sq, sql, -1, &st, NULL) != SQLITE_OK) {
			*cause = xasprintf("%s: cannot read table %s: %s", where,
			    t, sqlite3_errmsg(sq));
			goto fail;
		}
		catalog_snapshot_hput(h, t, strlen(t) + 1);
		ncol = sqlite3_column_count(st);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			for (c = 0; c < ncol; c++) {
				type = sqlite3_column_type(st, c);
				tag = (unsigned char)type;
				catalog_snapshot_hput(h, &tag, 1);
				switch (type) {
				case SQLITE_INTEGER:
					catalog_snapshot_hash_u64(h,
					    (uint64_t)sqlite3_column_int64(st, c));
					break;
				case SQLITE_FLOAT:
					d = sqlite3_column_double(st, c);
					memcpy(&bits, &d, sizeof bits);
					catalog_snapshot_hash_u64(h, bits);
					break;
				case SQLITE_TEXT:
				case SQLITE_BLOB:
					v = sqlite3_column_blob(st, c);
					len = sqlite3_column_bytes(st, c);
					catalog_snapshot_hash_u64(h, (uint64_t)len);
					if (len > 0)
						catalog_snapshot_hput(h, v,
						    (size_t)len);
					break;
				default:
					break;
				}
			}
		}
		if (rc != SQLITE_DONE) {
			*cause = xasprintf("%s: cannot read table %s: %s", where,
			    t, sqlite3_errmsg(sq));
			goto fail;
		}
		sqlite3_finalize(st);
		st = NULL;
		free(sql);
		sql = NULL;
	}
	catalog_snapshot_hflush(h);
	crypto_hash_sha256_final(&h->hs, out);
	free(h);
	return 0;

fail:
	sqlite3_finalize(st);
	free(sql);
	free(h);
	return -1;
}

int
catalog_snapshot_digest(struct catalog_db *db, unsigned char out[32],
    char **cause)
{
	return catalog_snapshot_digest_sq(catalog_db_sqlite(db),
	    catalog_db_path(db), out, cause);
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
	if (catalog_snapshot_digest_sq(sq, path, info->digest, cause) != 0)
		goto fail;
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
	if (catalog_fts_register(sq, NULL, cause) != 0)
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

static int catalog_snapshot_apply_at(struct catalog_db *, const char *,
    int64_t, int, char **);

int
catalog_snapshot_apply(struct catalog_db *db, const char *path,
    int64_t version, char **cause)
{
	return catalog_snapshot_apply_at(db, path, version, 0, cause);
}

int
catalog_snapshot_replace(struct catalog_db *db, const char *path,
    int64_t version, char **cause)
{
	return catalog_snapshot_apply_at(db, path, version, 1, cause);
}

/* Apply; with same, also over a catalogue at this very version. */
static int
catalog_snapshot_apply_at(struct catalog_db *db, const char *path,
    int64_t version, int same, char **cause)
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
	if (catalog_db_version(db) > version ||
	    (!same && catalog_db_version(db) == version)) {
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
	/*
	 * Bring the typo vocabulary up to date in its own transaction, so
	 * kiosks never rebuild it. Failing here loses nothing: the
	 * vocabulary stays marked stale and the next writer rebuilds it.
	 */
	{
		char *why = NULL;

		if (catalog_typo_refresh(db, &why) != 0)
			free(why);
	}
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
