/*
 * import: storing records in one all-or-nothing transaction (see import.h).
 *
 * The session holds a write transaction (BEGIN IMMEDIATE) from begin to
 * commit, so readers in WAL mode keep seeing the old catalogue until the
 * commit and an error anywhere rolls everything back. Each record gets a
 * digest (BLAKE2b over a canonical serialisation) stored with the entry;
 * an equal digest means "unchanged" and nothing is written. Child rows
 * (texts per language, offerings) are upserted by their natural keys so
 * ids stay stable for enrolments and for delta sync.
 *
 * The full-text index is written once, at commit, not row by row: FTS5
 * writes its pending terms out at the end of every statement, so one
 * statement per row meant one tiny index segment per row and most of the
 * import spent merging them (100,000 entries: 64 s of CPU before, see
 * BENCHMARKS.md). While the import runs, catalog_fts_defer() keeps the
 * entry_text triggers of migration 3 idle on this connection and TEMP
 * triggers note which rows are new or changed (import_fts_new) and the
 * indexed values of rows changed or removed (import_fts_old); the commit
 * takes the old values out and puts the new rows in, each in one
 * statement in rowid order, through a TEMP view whose trigger feeds all
 * three full-text tables per row (so the tokenizer's memo sees each
 * title three times in a row). SQLite first copies the rows an INSERT
 * into a view selects to a temporary table, so the new rows go in by
 * key and id only (import_fts_add) and its trigger reads their texts:
 * with the texts, 100,000 entries put about 100 MB through a file in
 * /var/tmp and back.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "catalog/dbint.h"
#include "catalog/fts.h"
#include "catalog/import.h"
#include "catalog/typo.h"
#include "catalog/xmalloc.h"

struct catalog_import {
	struct catalog_db *db;
	char		*source;
	struct catalog_import_summary sum;
	int		 theme_changes;
	int		 keep_version;
	int		 options;	/* CATALOG_IMPORT_* */
};

/*
 * The TEMP objects that collect the rows to index (see the top). They
 * are made inside the import's transaction (a rollback takes them away
 * with everything else) and act only while indexing is deferred.
 */
static const char import_fts_setup[] =
    "CREATE TEMP TABLE IF NOT EXISTS import_fts_new ("
    "  id INTEGER PRIMARY KEY);"
    "CREATE TEMP TABLE IF NOT EXISTS import_fts_old ("
    "  id INTEGER PRIMARY KEY, entry_id INTEGER, lang TEXT, title TEXT,"
    "  summary TEXT, description TEXT);"
    "DELETE FROM import_fts_new; DELETE FROM import_fts_old;"
    "CREATE TEMP TRIGGER IF NOT EXISTS import_fts_ai AFTER INSERT"
    "  ON main.entry_text WHEN NOT leerpunt_fts_live() BEGIN"
    "  INSERT OR IGNORE INTO import_fts_new(id) VALUES (new.id);"
    "END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS import_fts_au AFTER UPDATE"
    "  ON main.entry_text WHEN NOT leerpunt_fts_live() BEGIN"
    "  INSERT OR IGNORE INTO import_fts_old SELECT old.id, old.entry_id,"
    "    old.lang, old.title, old.summary, " CATALOG_DB_FTS_DESC("old")
    "    WHERE NOT EXISTS (SELECT 1 FROM import_fts_new WHERE id = old.id);"
    "  INSERT OR IGNORE INTO import_fts_new(id) VALUES (new.id);"
    "END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS import_fts_ad AFTER DELETE"
    "  ON main.entry_text WHEN NOT leerpunt_fts_live() BEGIN"
    "  INSERT OR IGNORE INTO import_fts_old SELECT old.id, old.entry_id,"
    "    old.lang, old.title, old.summary, " CATALOG_DB_FTS_DESC("old")
    "    WHERE NOT EXISTS (SELECT 1 FROM import_fts_new WHERE id = old.id);"
    "  DELETE FROM import_fts_new WHERE id = old.id;"
    "END;"
    "CREATE TEMP VIEW IF NOT EXISTS import_fts_feed(op, k, title, summary,"
    "  description) AS SELECT NULL, NULL, NULL, NULL, NULL;"
    "CREATE TEMP TRIGGER IF NOT EXISTS import_fts_feed_ii INSTEAD OF INSERT"
    "  ON import_fts_feed BEGIN"
    "  INSERT INTO entry_fts(entry_fts, rowid, title, summary, description)"
    "    VALUES (new.op, new.k, new.title, new.summary, new.description);"
    "  INSERT INTO head_fts(head_fts, rowid, title, summary)"
    "    VALUES (new.op, new.k, new.title, new.summary);"
    "  INSERT INTO title_fts(title_fts, rowid, title)"
    "    VALUES (new.op, new.k, new.title);"
    "END;"
    "CREATE TEMP VIEW IF NOT EXISTS import_fts_add(k, id) AS"
    "  SELECT NULL, NULL;"
    "CREATE TEMP TRIGGER IF NOT EXISTS import_fts_add_ii INSTEAD OF INSERT"
    "  ON import_fts_add BEGIN"
    "  INSERT INTO entry_fts(rowid, title, summary, description)"
    "    SELECT new.k, t.title, t.summary, " CATALOG_DB_FTS_DESC("t")
    "    FROM main.entry_text t WHERE t.id = new.id;"
    "  INSERT INTO head_fts(rowid, title, summary)"
    "    SELECT new.k, title, summary FROM main.entry_text"
    "    WHERE id = new.id;"
    "  INSERT INTO title_fts(rowid, title)"
    "    SELECT new.k, title FROM main.entry_text WHERE id = new.id;"
    "END;";

/*
 * The index pass at commit: old values out ('delete' needs exactly what
 * was indexed), new languages get a slot, new and changed rows in, and
 * one step of the generation the typo vocabulary follows.
 */
static const char import_fts_index[] =
    "INSERT INTO import_fts_feed(op, k, title, summary, description)"
    "  SELECT 'delete', o.entry_id * 64 + l.slot, o.title, o.summary,"
    "  o.description FROM import_fts_old o"
    "  JOIN main.search_lang l ON l.lang = o.lang ORDER BY 2;"
    "INSERT INTO main.search_lang(lang) SELECT DISTINCT t.lang"
    "  FROM import_fts_new n JOIN main.entry_text t ON t.id = n.id"
    "  WHERE NOT EXISTS (SELECT 1 FROM main.search_lang s"
    "  WHERE s.lang = t.lang) ORDER BY t.lang;"
    "INSERT INTO import_fts_add(k, id)"
    "  SELECT t.entry_id * 64 + l.slot, t.id FROM import_fts_new n"
    "  JOIN main.entry_text t ON t.id = n.id"
    "  JOIN main.search_lang l ON l.lang = t.lang ORDER BY 1;"
    "UPDATE main.search_state SET value = value + 1 WHERE key = 'gen'"
    "  AND (EXISTS (SELECT 1 FROM import_fts_new)"
    "  OR EXISTS (SELECT 1 FROM import_fts_old));"
    "DELETE FROM import_fts_new; DELETE FROM import_fts_old;";

int
catalog_import_index_begin(struct catalog_db *db, char **cause)
{
	if (catalog_db_exec(db, import_fts_setup, cause) != 0)
		return -1;
	catalog_fts_defer(catalog_db_fts(db), 1);
	return 0;
}

int
catalog_import_index_finish(struct catalog_db *db, char **cause)
{
	int rc = catalog_db_exec(db, import_fts_index, cause);

	catalog_fts_defer(catalog_db_fts(db), 0);
	if (rc != 0 && strstr(*cause, "at_most_63_languages") != NULL) {
		free(*cause);
		*cause = xasprintf("%s: the catalogue would have texts in more "
		    "than 63 languages; search can hold at most 63",
		    catalog_db_path(db));
	}
	return rc;
}

void
catalog_import_index_cancel(struct catalog_db *db)
{
	catalog_fts_defer(catalog_db_fts(db), 0);
}

struct catalog_import *
catalog_import_begin(struct catalog_db *db, const char *source, char **cause)
{
	struct catalog_import *imp;

	if (sodium_init() < 0) {
		*cause = xstrdup("libsodium cannot start");
		return NULL;
	}
	/*
	 * A large import writes hundreds of megabytes in one transaction;
	 * with SQLite's default 2 MB page cache its pages would go to the
	 * WAL and be read back many times over.
	 */
	/*
	 * The TEMP tables of an import (import_seen, import_fts_new: a few
	 * megabytes at 100,000 entries) have a cache of their own, 2 MB
	 * by default; beyond it their pages went to a file in /var/tmp
	 * and were read back for every row.
	 */
	if (catalog_db_exec(db, "PRAGMA cache_size = -65536", cause) != 0 ||
	    catalog_db_exec(db, "PRAGMA temp.cache_size = -16384", cause) != 0 ||
	    catalog_db_exec(db, "BEGIN IMMEDIATE", cause) != 0)
		return NULL;
	if (catalog_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS import_seen"
	    " (id INTEGER PRIMARY KEY); DELETE FROM import_seen", cause) != 0 ||
	    catalog_import_index_begin(db, cause) != 0) {
		catalog_db_exec(db, "ROLLBACK", NULL);
		return NULL;
	}
	imp = xcalloc(1, sizeof *imp);
	imp->db = db;
	imp->source = xstrdup(source);
	return imp;
}

void
catalog_import_set_options(struct catalog_import *imp, int options)
{
	imp->options = options;
}

int
catalog_import_warn(struct catalog_import *imp, const char *text,
    char **cause)
{
	struct catalog_import_summary *s = &imp->sum;

	if (imp->options & CATALOG_IMPORT_STRICT) {
		*cause = xasprintf("%s (--strict)", text);
		return -1;
	}
	s->warnings++;
	if (s->nwarning_texts < 1000) {	/* the count goes on; texts stop */
		s->warning_texts = xreallocarray(s->warning_texts,
		    s->nwarning_texts + 1, sizeof *s->warning_texts);
		s->warning_texts[s->nwarning_texts++] = xstrdup(text);
	}
	return 0;
}

void
catalog_import_keep_version(struct catalog_import *imp)
{
	imp->keep_version = 1;
}

void
catalog_import_abort(struct catalog_import *imp)
{
	if (imp == NULL)
		return;
	catalog_fts_defer(catalog_db_fts(imp->db), 0);
	catalog_db_exec(imp->db, "ROLLBACK", NULL);
	catalog_import_summary_done(&imp->sum);
	free(imp->source);
	free(imp);
}

void
catalog_import_summary_done(struct catalog_import_summary *sum)
{
	size_t i;

	for (i = 0; i < sum->nskip_reasons; i++)
		free(sum->skip_reasons[i]);
	free(sum->skip_reasons);
	for (i = 0; i < sum->nwarning_texts; i++)
		free(sum->warning_texts[i]);
	free(sum->warning_texts);
	memset(sum, 0, sizeof *sum);
}

void
catalog_import_skip(struct catalog_import *imp, const char *reason)
{
	struct catalog_import_summary *s = &imp->sum;

	s->skipped++;
	s->skip_reasons = xreallocarray(s->skip_reasons, s->nskip_reasons + 1,
	    sizeof *s->skip_reasons);
	s->skip_reasons[s->nskip_reasons++] = xstrdup(reason);
}

static int
import_sql_error(struct catalog_import *imp, const char *what, char **cause)
{
	*cause = xasprintf("cannot store %s: %s", what,
	    catalog_db_why(imp->db));
	return -1;
}

static int64_t
import_theme_id(struct catalog_import *imp, const char *key)
{
	sqlite3_stmt *st;
	int64_t id = -1;

	st = catalog_db_cached(imp->db, "SELECT id FROM theme WHERE key = ?");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

int
catalog_import_has_theme(struct catalog_import *imp, const char *key)
{
	return import_theme_id(imp, key) >= 0;
}

int
catalog_import_theme(struct catalog_import *imp, const char *key,
    int position, const char *lang, const char *label, const char *hint,
    char **cause)
{
	struct catalog_db *db = imp->db;
	sqlite3 *sq = catalog_db_sqlite(db);
	sqlite3_stmt *st;
	int64_t id;
	int rc;

	st = catalog_db_cached(db, "INSERT INTO theme(key, position)"
	    " VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET"
	    " position = excluded.position"
	    " WHERE position IS NOT excluded.position");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, position);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return import_sql_error(imp, "theme", cause);
	imp->theme_changes += sqlite3_changes(sq);
	if ((id = import_theme_id(imp, key)) < 0)
		return import_sql_error(imp, "theme", cause);
	if (lang == NULL || label == NULL)
		return 0;
	st = catalog_db_cached(db, "INSERT INTO theme_text(theme_id, lang,"
	    " label, hint) VALUES (?, ?, ?, ?)"
	    " ON CONFLICT(theme_id, lang) DO UPDATE SET label = excluded.label,"
	    " hint = excluded.hint WHERE label IS NOT excluded.label"
	    " OR hint IS NOT excluded.hint");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, label, -1, SQLITE_STATIC);
	catalog_db_bind_text(st, 4, hint);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return import_sql_error(imp, "theme label", cause);
	imp->theme_changes += sqlite3_changes(sq);
	return 0;
}

/* Feed a length-prefixed string (or a NULL marker) into the digest. */
static void
import_digest_str(crypto_generichash_state *h, const char *s)
{
	uint64_t n = s == NULL ? UINT64_MAX : strlen(s);

	crypto_generichash_update(h, (const unsigned char *)&n, sizeof n);
	if (s != NULL)
		crypto_generichash_update(h, (const unsigned char *)s, n);
}

static void
import_digest_int(crypto_generichash_state *h, int64_t v)
{
	crypto_generichash_update(h, (const unsigned char *)&v, sizeof v);
}

static int
import_text_cmp(const void *a, const void *b)
{
	const struct catalog_record_text *x = a, *y = b;
	int c = strcmp(x->lang, y->lang);

	return c != 0 ? c : (int)x->field - (int)y->field;
}

/* Digest of everything stored for r, so re-imports can tell "unchanged". */
static void
import_digest(const struct catalog_record *r, const char *source,
    unsigned char out[32])
{
	crypto_generichash_state h;
	struct catalog_record_text *texts;
	size_t i;

	crypto_generichash_init(&h, NULL, 0, 32);
	import_digest_str(&h, source);
	import_digest_str(&h, r->key);
	import_digest_int(&h, r->kind);
	import_digest_str(&h, r->provider);
	import_digest_str(&h, r->level);
	import_digest_str(&h, r->city);
	import_digest_str(&h, r->province);
	import_digest_str(&h, r->contact);
	import_digest_str(&h, r->link);
	import_digest_int(&h, r->has_geo);
	if (r->has_geo) {
		crypto_generichash_update(&h, (const unsigned char *)&r->lat,
		    sizeof r->lat);
		crypto_generichash_update(&h, (const unsigned char *)&r->lon,
		    sizeof r->lon);
	}
	import_digest_int(&h, (int64_t)r->nthemes);
	for (i = 0; i < r->nthemes; i++)
		import_digest_str(&h, r->themes[i]);
	texts = xreallocarray(NULL, r->ntexts, sizeof *texts);
	memcpy(texts, r->texts, r->ntexts * sizeof *texts);
	qsort(texts, r->ntexts, sizeof *texts, import_text_cmp);
	import_digest_int(&h, (int64_t)r->ntexts);
	for (i = 0; i < r->ntexts; i++) {
		import_digest_int(&h, texts[i].field);
		import_digest_str(&h, texts[i].lang);
		import_digest_str(&h, texts[i].value);
	}
	free(texts);
	import_digest_int(&h, (int64_t)r->nofferings);
	for (i = 0; i < r->nofferings; i++) {
		const struct catalog_record_offering *o = &r->offerings[i];

		import_digest_str(&h, o->key);
		import_digest_str(&h, o->start);
		import_digest_str(&h, o->end);
		import_digest_str(&h, o->duration);
		import_digest_str(&h, o->place);
		import_digest_int(&h, o->hours_per_week);
		import_digest_int(&h, o->mode);
		import_digest_int(&h, o->cost_cents);
		import_digest_str(&h, o->lang);
	}
	crypto_generichash_final(&h, out, 32);
}

static int
import_write_entry(struct catalog_import *imp, const struct catalog_record *r,
    int64_t *id, const unsigned char digest[32], char **cause)
{
	sqlite3_stmt *st;
	int rc;

	st = catalog_db_cached(imp->db, "INSERT INTO entry(key, source, kind,"
	    " provider, level, city, province, lat, lon, contact, link, digest)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
	    " ON CONFLICT(key) DO UPDATE SET source = ?2, kind = ?3,"
	    " provider = ?4, level = ?5, city = ?6, province = ?7, lat = ?8,"
	    " lon = ?9, contact = ?10, link = ?11, digest = ?12"
	    " RETURNING id");
	sqlite3_bind_text(st, 1, r->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, imp->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, catalog_entry_kind_name(r->kind), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->provider, -1, SQLITE_STATIC);
	catalog_db_bind_text(st, 5, r->level);
	catalog_db_bind_text(st, 6, r->city);
	catalog_db_bind_text(st, 7, r->province);
	if (r->has_geo) {
		sqlite3_bind_double(st, 8, r->lat);
		sqlite3_bind_double(st, 9, r->lon);
	}
	catalog_db_bind_text(st, 10, r->contact);
	catalog_db_bind_text(st, 11, r->link);
	sqlite3_bind_blob(st, 12, digest, 32, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return import_sql_error(imp, r->key, cause);
	return 0;
}

static int
import_write_themes(struct catalog_import *imp,
    const struct catalog_record *r, int64_t id, char **cause)
{
	sqlite3_stmt *st;
	size_t i;
	int64_t tid;
	int rc;

	st = catalog_db_cached(imp->db,
	    "DELETE FROM entry_theme WHERE entry_id = ?");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_step(st);
	sqlite3_reset(st);
	for (i = 0; i < r->nthemes; i++) {
		if ((tid = import_theme_id(imp, r->themes[i])) < 0) {
			*cause = xasprintf("theme \"%s\" does not exist (import "
			    "a themes file first)", r->themes[i]);
			return -1;
		}
		st = catalog_db_cached(imp->db, "INSERT OR IGNORE INTO"
		    " entry_theme(entry_id, theme_id) VALUES (?, ?)");
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, tid);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return import_sql_error(imp, "theme", cause);
	}
	return 0;
}

static int
import_write_texts(struct catalog_import *imp,
    const struct catalog_record *r, int64_t id, char **cause)
{
	const char *vals[CATALOG_FIELD_COUNT];
	sqlite3_stmt *st;
	size_t i, j;
	int rc, f;

	/* Forget languages the record no longer has. */
	st = catalog_db_cached(imp->db, "SELECT lang FROM entry_text"
	    " WHERE entry_id = ?");
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *l = (const char *)sqlite3_column_text(st, 0);
		sqlite3_stmt *del;

		for (j = 0; j < r->ntexts; j++)
			if (l != NULL && strcmp(r->texts[j].lang, l) == 0)
				break;
		if (j < r->ntexts)
			continue;
		del = catalog_db_cached(imp->db, "DELETE FROM entry_text"
		    " WHERE entry_id = ? AND lang = ?");
		sqlite3_bind_int64(del, 1, id);
		sqlite3_bind_text(del, 2, l, -1, SQLITE_TRANSIENT);
		sqlite3_step(del);
		sqlite3_reset(del);
	}
	sqlite3_reset(st);

	for (i = 0; i < r->ntexts; i++) {
		/* One row per language: handle each language once. */
		for (j = 0; j < i; j++)
			if (strcmp(r->texts[j].lang, r->texts[i].lang) == 0)
				break;
		if (j < i)
			continue;
		for (f = 0; f < CATALOG_FIELD_COUNT; f++)
			vals[f] = NULL;
		for (j = i; j < r->ntexts; j++)
			if (strcmp(r->texts[j].lang, r->texts[i].lang) == 0)
				vals[r->texts[j].field] = r->texts[j].value;
		st = catalog_db_cached(imp->db, "INSERT INTO entry_text(entry_id,"
		    " lang, title, summary, description, outcome, join_info,"
		    " cost_note, keywords) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		    " ?8, ?9)"
		    " ON CONFLICT(entry_id, lang) DO UPDATE SET title = ?3,"
		    " summary = ?4, description = ?5, outcome = ?6,"
		    " join_info = ?7, cost_note = ?8, keywords = ?9"
		    " WHERE title IS NOT ?3 OR summary IS NOT ?4"
		    " OR description IS NOT ?5 OR outcome IS NOT ?6"
		    " OR join_info IS NOT ?7 OR cost_note IS NOT ?8"
		    " OR keywords IS NOT ?9");
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, r->texts[i].lang, -1, SQLITE_STATIC);
		for (f = 0; f < CATALOG_FIELD_COUNT; f++)
			catalog_db_bind_text(st, 3 + f, vals[f]);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return import_sql_error(imp, "text", cause);
	}
	return 0;
}

static int
import_write_offerings(struct catalog_import *imp,
    const struct catalog_record *r, int64_t id, char **cause)
{
	sqlite3_stmt *st;
	char **keys, seq[24];
	size_t i, j;
	int rc = 0;

	keys = xcalloc(r->nofferings + 1, sizeof *keys);
	for (i = 0; i < r->nofferings; i++) {
		if (r->offerings[i].key != NULL)
			keys[i] = xstrdup(r->offerings[i].key);
		else {
			snprintf(seq, sizeof seq, "%zu", i + 1);
			keys[i] = xstrdup(seq);
		}
		for (j = 0; j < i; j++)
			if (strcmp(keys[i], keys[j]) == 0) {
				*cause = xasprintf("offering \"%s\" appears "
				    "twice", keys[i]);
				rc = -1;
				goto out;
			}
	}
	st = catalog_db_cached(imp->db, "SELECT key FROM offering"
	    " WHERE entry_id = ?");
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		sqlite3_stmt *del;

		for (j = 0; j < r->nofferings; j++)
			if (k != NULL && strcmp(keys[j], k) == 0)
				break;
		if (j < r->nofferings)
			continue;
		del = catalog_db_cached(imp->db, "DELETE FROM offering"
		    " WHERE entry_id = ? AND key = ?");
		sqlite3_bind_int64(del, 1, id);
		sqlite3_bind_text(del, 2, k, -1, SQLITE_TRANSIENT);
		sqlite3_step(del);
		sqlite3_reset(del);
	}
	sqlite3_reset(st);
	for (i = 0; i < r->nofferings; i++) {
		const struct catalog_record_offering *o = &r->offerings[i];

		st = catalog_db_cached(imp->db, "INSERT INTO offering(entry_id,"
		    " key, start, end_date, duration, hours_per_week, mode,"
		    " place, cost_cents, instruction_lang) VALUES (?1, ?2, ?3,"
		    " ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
		    " ON CONFLICT(entry_id, key) DO UPDATE SET start = ?3,"
		    " end_date = ?4, duration = ?5, hours_per_week = ?6,"
		    " mode = ?7, place = ?8, cost_cents = ?9,"
		    " instruction_lang = ?10");
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, keys[i], -1, SQLITE_STATIC);
		catalog_db_bind_text(st, 3, o->start);
		catalog_db_bind_text(st, 4, o->end);
		catalog_db_bind_text(st, 5, o->duration);
		if (o->hours_per_week > 0)
			sqlite3_bind_int(st, 6, o->hours_per_week);
		if (o->mode != CATALOG_MODE_UNKNOWN)
			sqlite3_bind_text(st, 7,
			    catalog_entry_mode_name(o->mode), -1,
			    SQLITE_STATIC);
		catalog_db_bind_text(st, 8, o->place);
		if (o->cost_cents >= 0)
			sqlite3_bind_int64(st, 9, o->cost_cents);
		catalog_db_bind_text(st, 10, o->lang[0] != '\0' ? o->lang :
		    NULL);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = import_sql_error(imp, "offering", cause);
		sqlite3_reset(st);
		if (rc != 0)
			goto out;
	}
out:
	for (i = 0; i < r->nofferings; i++)
		free(keys[i]);
	free(keys);
	return rc;
}

/* Mark id as put in this import; -1 if it already was. */
static int
import_mark_seen(struct catalog_import *imp, int64_t id)
{
	sqlite3_stmt *st;
	int rc;

	st = catalog_db_cached(imp->db,
	    "INSERT OR IGNORE INTO import_seen(id) VALUES (?)");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -1;
	return sqlite3_changes(catalog_db_sqlite(imp->db)) == 1 ? 0 : -1;
}

int
catalog_import_put(struct catalog_import *imp, const struct catalog_record *r,
    char **cause)
{
	unsigned char digest[32];
	sqlite3_stmt *st;
	int64_t id = -1;
	int same = 0, existed;

	if (catalog_record_check(r, cause) != 0)
		return -1;
	import_digest(r, imp->source, digest);
	st = catalog_db_cached(imp->db, "SELECT id, digest FROM entry"
	    " WHERE key = ?");
	sqlite3_bind_text(st, 1, r->key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		same = sqlite3_column_bytes(st, 1) == 32 &&
		    memcmp(sqlite3_column_blob(st, 1), digest, 32) == 0;
	}
	sqlite3_reset(st);
	if (id >= 0 && same) {
		if (import_mark_seen(imp, id) != 0)
			goto twice;
		imp->sum.unchanged++;
		return 0;
	}
	existed = id >= 0;
	if (import_write_entry(imp, r, &id, digest, cause) != 0)
		return -1;
	if (import_mark_seen(imp, id) != 0)
		goto twice;
	if (import_write_themes(imp, r, id, cause) != 0 ||
	    import_write_texts(imp, r, id, cause) != 0 ||
	    import_write_offerings(imp, r, id, cause) != 0)
		return -1;
	if (existed)
		imp->sum.updated++;
	else
		imp->sum.created++;
	return 0;
twice:
	*cause = xasprintf("entry %s appears twice in this import", r->key);
	return -1;
}

int
catalog_import_commit(struct catalog_import *imp,
    struct catalog_import_summary *sum, char **cause)
{
	struct catalog_db *db = imp->db;
	sqlite3_stmt *st;
	int rc;

	if (!(imp->options & CATALOG_IMPORT_NO_REMOVE)) {
		st = catalog_db_cached(db, "DELETE FROM entry WHERE source = ?"
		    " AND id NOT IN (SELECT id FROM import_seen)");
		sqlite3_bind_text(st, 1, imp->source, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			import_sql_error(imp, "removals", cause);
			goto fail;
		}
		imp->sum.removed =
		    (size_t)sqlite3_changes(catalog_db_sqlite(db));
	}
	if (catalog_import_index_finish(db, cause) != 0)
		goto fail;
	imp->sum.themes = (size_t)imp->theme_changes;
	if (!imp->keep_version && imp->sum.created + imp->sum.updated +
	    imp->sum.removed + imp->sum.themes > 0 &&
	    catalog_db_set_version(db, catalog_db_version(db) + 1, cause) != 0)
		goto fail;
	if (catalog_db_exec(db, "DELETE FROM import_seen; COMMIT", cause) != 0)
		goto fail;
	/*
	 * The typo vocabulary in its own transaction, so kiosks never build
	 * it; if this fails it stays marked stale for the next writer.
	 */
	{
		char *why = NULL;

		if (catalog_typo_refresh(db, &why) != 0)
			free(why);
	}
	*sum = imp->sum;
	free(imp->source);
	free(imp);
	return 0;
fail:
	catalog_import_abort(imp);
	return -1;
}
