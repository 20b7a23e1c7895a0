/*
 * db: opening the catalogue database (see db.h).
 *
 * Every connection gets the same setup: WAL journal, a busy timeout so a
 * reader never fails while sync commits, foreign keys on, and the
 * "leerpunt" FTS5 tokenizer registered (fts.c), without which the search
 * index cannot be read or written.
 *
 * Migrations are an append-only list of SQL scripts; PRAGMA user_version is
 * the number of scripts applied. Never edit a shipped script: add one.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "catalog/dbint.h"
#include "catalog/fold.h"
#include "catalog/fts.h"
#include "catalog/theme.h"
#include "catalog/typo.h"
#include "catalog/xmalloc.h"

#ifndef LP_DEFAULT_DB
#define LP_DEFAULT_DB "/var/lib/leerpunt/catalog.db"
#endif

#define CATALOG_DB_CACHE 48	/* prepared statements kept per connection */

struct catalog_db {
	sqlite3		*sq;
	char		*path;
	int		 readonly;
	int64_t		 data_version;
	struct catalog_fold *fold;	/* for queries, made on first use */
	struct catalog_fts *fts;	/* owned by the connection */
	struct {
		const char	*sql;	/* a literal: compared by address */
		sqlite3_stmt	*st;
	}		 cache[CATALOG_DB_CACHE];
	size_t		 ncache;
	int		 immutable;	/* read without -wal/-shm (see open) */
	char		**staged;	/* key, value, key, value ... */
	size_t		 nstaged;	/* pairs */
};

/*
 * Trigger bodies of migration 2: index a new entry_text row in the three
 * full-text tables (rowid = entry id * 64 + language slot), or take an
 * old row out of them.
 */
#define DB_FTS_ADD_NEW_D(desc) \
	"  INSERT INTO search_lang(lang) SELECT new.lang WHERE NOT EXISTS" \
	"    (SELECT 1 FROM search_lang WHERE lang = new.lang);" \
	"  INSERT INTO entry_fts(rowid, title, summary, description)" \
	"    VALUES (new.entry_id * 64 +" \
	"    (SELECT slot FROM search_lang WHERE lang = new.lang)," \
	"    new.title, new.summary, " desc ");" \
	"  INSERT INTO head_fts(rowid, title, summary)" \
	"    VALUES (new.entry_id * 64 +" \
	"    (SELECT slot FROM search_lang WHERE lang = new.lang)," \
	"    new.title, new.summary);" \
	"  INSERT INTO title_fts(rowid, title)" \
	"    VALUES (new.entry_id * 64 +" \
	"    (SELECT slot FROM search_lang WHERE lang = new.lang)," \
	"    new.title);"

#define DB_FTS_DROP_OLD_D(desc) \
	"  INSERT INTO entry_fts(entry_fts, rowid, title, summary, description)" \
	"    VALUES ('delete', old.entry_id * 64 +" \
	"    (SELECT slot FROM search_lang WHERE lang = old.lang)," \
	"    old.title, old.summary, " desc ");" \
	"  INSERT INTO head_fts(head_fts, rowid, title, summary)" \
	"    VALUES ('delete', old.entry_id * 64 +" \
	"    (SELECT slot FROM search_lang WHERE lang = old.lang)," \
	"    old.title, old.summary);" \
	"  INSERT INTO title_fts(title_fts, rowid, title)" \
	"    VALUES ('delete', old.entry_id * 64 +" \
	"    (SELECT slot FROM search_lang WHERE lang = old.lang)," \
	"    old.title);"

#define DB_FTS_ADD_NEW DB_FTS_ADD_NEW_D("new.description")
#define DB_FTS_DROP_OLD DB_FTS_DROP_OLD_D("old.description")
/* From migration 4: the description column indexes the search words too. */
#define DB_FTS_ADD_NEW4 DB_FTS_ADD_NEW_D(CATALOG_DB_FTS_DESC("new"))
#define DB_FTS_DROP_OLD4 DB_FTS_DROP_OLD_D(CATALOG_DB_FTS_DESC("old"))

static const char *const catalog_db_migrations[] = {
	/* 1: the first schema. */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE theme ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  position INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE theme_text ("
	"  theme_id INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,"
	"  lang TEXT NOT NULL,"
	"  label TEXT NOT NULL,"
	"  hint TEXT,"
	"  PRIMARY KEY (theme_id, lang)"
	") WITHOUT ROWID;"
	"CREATE TABLE entry ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  source TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('course', 'community',"
	"    'fieldlab', 'mentor', 'learning-house')),"
	"  provider TEXT NOT NULL,"
	"  level TEXT,"
	"  city TEXT,"
	"  province TEXT,"
	"  lat REAL,"
	"  lon REAL,"
	"  contact TEXT,"
	"  link TEXT,"
	"  digest BLOB NOT NULL"
	");"
	"CREATE INDEX entry_source ON entry(source);"
	"CREATE TABLE entry_theme ("
	"  entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
	"  theme_id INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (entry_id, theme_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX entry_theme_by_theme ON entry_theme(theme_id, entry_id);"
	"CREATE TABLE offering ("
	"  id INTEGER PRIMARY KEY,"
	"  entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
	"  key TEXT NOT NULL,"
	"  start TEXT,"
	"  end_date TEXT,"
	"  duration TEXT,"
	"  hours_per_week INTEGER,"
	"  mode TEXT CHECK (mode IN ('onsite', 'online', 'blended')),"
	"  place TEXT,"
	"  cost_cents INTEGER,"
	"  instruction_lang TEXT,"
	"  UNIQUE (entry_id, key)"
	");"
	"CREATE INDEX offering_start ON offering(start);"
	"CREATE TABLE entry_text ("
	"  id INTEGER PRIMARY KEY,"
	"  entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
	"  lang TEXT NOT NULL,"
	"  title TEXT,"
	"  summary TEXT,"
	"  description TEXT,"
	"  outcome TEXT,"
	"  join_info TEXT,"
	"  cost_note TEXT,"
	"  UNIQUE (entry_id, lang)"
	");"
	"CREATE VIRTUAL TABLE entry_fts USING fts5("
	"  title, summary, description,"
	"  content='entry_text', content_rowid='id',"
	"  tokenize='leerpunt', prefix='2 3 4'"
	");"
	"CREATE TRIGGER entry_text_ai AFTER INSERT ON entry_text BEGIN"
	"  INSERT INTO entry_fts(rowid, title, summary, description)"
	"    VALUES (new.id, new.title, new.summary, new.description);"
	"END;"
	"CREATE TRIGGER entry_text_ad AFTER DELETE ON entry_text BEGIN"
	"  INSERT INTO entry_fts(entry_fts, rowid, title, summary, description)"
	"    VALUES ('delete', old.id, old.title, old.summary, old.description);"
	"END;"
	"CREATE TRIGGER entry_text_au AFTER UPDATE ON entry_text BEGIN"
	"  INSERT INTO entry_fts(entry_fts, rowid, title, summary, description)"
	"    VALUES ('delete', old.id, old.title, old.summary, old.description);"
	"  INSERT INTO entry_fts(rowid, title, summary, description)"
	"    VALUES (new.id, new.title, new.summary, new.description);"
	"END;"
	"INSERT INTO meta(key, value) VALUES ('version', '0');",

	/*
	 * 2: search at scale (catalog/search.c). The full-text index is
	 * rebuilt without positions (detail=none: only "which rows") and
	 * joined by a title index and a title+summary index, so that
	 * search can look at titles first and stop early. All three are
	 * contentless and keyed by entry_id * 64 + the language's slot in
	 * search_lang (1-63: the rowids of one entry's rows stay close, so
	 * doclists stay small), so a match gives its entry and language without
	 * reading any table; the entry_text triggers fill them (without
	 * OR IGNORE: an outer UPSERT would override it inside a trigger).
	 * search_state.gen counts text changes, so the vocabulary knows
	 * when it is stale: search_term holds every indexed word (for
	 * completing the word being typed), search_del the deletion
	 * neighbourhood of those of four or more letters (for typos). entry_geo is an
	 * R*Tree over entry lat/lon for "near a place".
	 */
	"DROP TRIGGER entry_text_ai;"
	"DROP TRIGGER entry_text_ad;"
	"DROP TRIGGER entry_text_au;"
	"DROP TABLE entry_fts;"
	"CREATE TABLE search_lang ("
	"  slot INTEGER PRIMARY KEY"
	"    CONSTRAINT at_most_63_languages CHECK (slot BETWEEN 1 AND 63),"
	"  lang TEXT NOT NULL UNIQUE"
	");"
	"INSERT INTO search_lang(lang) SELECT DISTINCT lang FROM entry_text"
	"  ORDER BY lang;"
	"CREATE VIRTUAL TABLE entry_fts USING fts5("
	"  title, summary, description, content='',"
	"  tokenize='leerpunt', detail='none', prefix='3'"
	");"
	"CREATE VIRTUAL TABLE head_fts USING fts5("
	"  title, summary, content='',"
	"  tokenize='leerpunt', detail='none', prefix='1 2 3 4'"
	");"
	"CREATE VIRTUAL TABLE title_fts USING fts5("
	"  title, content='',"
	"  tokenize='leerpunt', detail='none', prefix='1 2 3 4'"
	");"
	"CREATE TABLE search_state ("
	"  key TEXT PRIMARY KEY,"
	"  value INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"INSERT INTO search_state(key, value) VALUES ('gen', 1),"
	"  ('vocab_gen', 0), ('vocab_size', 0);"
	"CREATE TABLE search_term ("
	"  id INTEGER PRIMARY KEY,"
	"  term TEXT NOT NULL,"
	"  docs INTEGER NOT NULL"
	");"
	"CREATE TABLE search_del ("
	"  bucket INTEGER PRIMARY KEY,"
	"  pairs BLOB NOT NULL"
	");"
	"CREATE TRIGGER entry_text_ai AFTER INSERT ON entry_text BEGIN"
	DB_FTS_ADD_NEW
	"  UPDATE search_state SET value = value + 1 WHERE key = 'gen';"
	"END;"
	"CREATE TRIGGER entry_text_ad AFTER DELETE ON entry_text BEGIN"
	DB_FTS_DROP_OLD
	"  UPDATE search_state SET value = value + 1 WHERE key = 'gen';"
	"END;"
	"CREATE TRIGGER entry_text_au AFTER UPDATE ON entry_text BEGIN"
	DB_FTS_DROP_OLD
	DB_FTS_ADD_NEW
	"  UPDATE search_state SET value = value + 1 WHERE key = 'gen';"
	"END;"
	"INSERT INTO entry_fts(rowid, title, summary, description)"
	"  SELECT t.entry_id * 64 + l.slot, t.title, t.summary, t.description"
	"  FROM entry_text t JOIN search_lang l ON l.lang = t.lang;"
	"INSERT INTO head_fts(rowid, title, summary)"
	"  SELECT t.entry_id * 64 + l.slot, t.title, t.summary"
	"  FROM entry_text t JOIN search_lang l ON l.lang = t.lang;"
	"INSERT INTO title_fts(rowid, title)"
	"  SELECT t.entry_id * 64 + l.slot, t.title"
	"  FROM entry_text t JOIN search_lang l ON l.lang = t.lang;"
	"CREATE VIRTUAL TABLE entry_geo USING rtree(id, minlat, maxlat,"
	"  minlon, maxlon);"
	"INSERT INTO entry_geo(id, minlat, maxlat, minlon, maxlon)"
	"  SELECT id, lat, lat, lon, lon FROM entry"
	"  WHERE lat IS NOT NULL AND lon IS NOT NULL;"
	"CREATE TRIGGER entry_geo_ai AFTER INSERT ON entry"
	"  WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL BEGIN"
	"  INSERT INTO entry_geo(id, minlat, maxlat, minlon, maxlon)"
	"    VALUES (new.id, new.lat, new.lat, new.lon, new.lon);"
	"END;"
	"CREATE TRIGGER entry_geo_au AFTER UPDATE OF lat, lon ON entry BEGIN"
	"  DELETE FROM entry_geo WHERE id = old.id;"
	"  INSERT INTO entry_geo(id, minlat, maxlat, minlon, maxlon)"
	"    SELECT new.id, new.lat, new.lat, new.lon, new.lon"
	"    WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL;"
	"END;"
	"CREATE TRIGGER entry_geo_ad AFTER DELETE ON entry BEGIN"
	"  DELETE FROM entry_geo WHERE id = old.id;"
	"END;"
	"CREATE INDEX offering_entry_start ON offering(entry_id, start);",

	/*
	 * 3: the entry_text triggers index a row only while
	 * leerpunt_fts_live() (fts.c) says so. An import turns it off on its
	 * own connection and indexes everything it wrote in one pass at its
	 * end: FTS5 writes its pending terms out at the end of every
	 * statement, so indexing row by row made one small segment per row
	 * and an import spent most of its time merging them. The three
	 * indexes are made again: without the per-row sizes (columnsize=0:
	 * search never ranks by bm25), with 8 MB of pending terms per index
	 * before a segment is written, and entry_fts without its prefix
	 * index (search.c completes the word being typed from the
	 * vocabulary there instead). The typo vocabulary (typo.c) is stored
	 * in four bytes a pair now: it is emptied here and built again as
	 * soon as the migration is done.
	 */
	"DROP TRIGGER entry_text_ai;"
	"DROP TRIGGER entry_text_ad;"
	"DROP TRIGGER entry_text_au;"
	"DROP TABLE entry_fts;"
	"DROP TABLE head_fts;"
	"DROP TABLE title_fts;"
	"CREATE VIRTUAL TABLE entry_fts USING fts5("
	"  title, summary, description, content='', columnsize=0,"
	"  tokenize='leerpunt', detail='none'"
	");"
	"CREATE VIRTUAL TABLE head_fts USING fts5("
	"  title, summary, content='', columnsize=0,"
	"  tokenize='leerpunt', detail='none', prefix='1 2 3 4'"
	");"
	"CREATE VIRTUAL TABLE title_fts USING fts5("
	"  title, content='', columnsize=0,"
	"  tokenize='leerpunt', detail='none', prefix='1 2 3 4'"
	");"
	"INSERT INTO entry_fts(entry_fts, rank) VALUES ('hashsize', 8388608);"
	"INSERT INTO head_fts(head_fts, rank) VALUES ('hashsize', 8388608);"
	"INSERT INTO title_fts(title_fts, rank) VALUES ('hashsize', 8388608);"
	"INSERT INTO entry_fts(rowid, title, summary, description)"
	"  SELECT t.entry_id * 64 + l.slot, t.title, t.summary, t.description"
	"  FROM entry_text t JOIN search_lang l ON l.lang = t.lang ORDER BY 1;"
	"INSERT INTO head_fts(rowid, title, summary)"
	"  SELECT t.entry_id * 64 + l.slot, t.title, t.summary"
	"  FROM entry_text t JOIN search_lang l ON l.lang = t.lang ORDER BY 1;"
	"INSERT INTO title_fts(rowid, title)"
	"  SELECT t.entry_id * 64 + l.slot, t.title"
	"  FROM entry_text t JOIN search_lang l ON l.lang = t.lang ORDER BY 1;"
	"DELETE FROM search_term; DELETE FROM search_del;"
	/*
	 * Only an import's removals used this index; they now read the
	 * entry table once instead (a fraction of the import's time), and
	 * the catalogue is 2% smaller.
	 */
	"DROP INDEX entry_source;"
	"UPDATE search_state SET value = -1 WHERE key = 'vocab_gen';"
	"CREATE TRIGGER entry_text_ai AFTER INSERT ON entry_text"
	"  WHEN leerpunt_fts_live() BEGIN"
	DB_FTS_ADD_NEW
	"  UPDATE search_state SET value = value + 1 WHERE key = 'gen';"
	"END;"
	"CREATE TRIGGER entry_text_ad AFTER DELETE ON entry_text"
	"  WHEN leerpunt_fts_live() BEGIN"
	DB_FTS_DROP_OLD
	"  UPDATE search_state SET value = value + 1 WHERE key = 'gen';"
	"END;"
	"CREATE TRIGGER entry_text_au AFTER UPDATE ON entry_text"
	"  WHEN leerpunt_fts_live() BEGIN"
	DB_FTS_DROP_OLD
	DB_FTS_ADD_NEW
	"  UPDATE search_state SET value = value + 1 WHERE key = 'gen';"
	"END;",

	/*
	 * 4: search words (EDU-DEX "searchword", CSV keywords_LL): stored
	 * per language in entry_text.keywords, never shown, and indexed with
	 * the description (entry_fts's third column holds
	 * CATALOG_DB_FTS_DESC, dbint.h), so they are found by the "all words
	 * anywhere" step of search. Rows without keywords index exactly what
	 * they did, so nothing is indexed again.
	 */
	"ALTER TABLE entry_text ADD COLUMN keywords TEXT;"
	"DROP TRIGGER entry_text_ai;"
	"DROP TRIGGER entry_text_ad;"
	"DROP TRIGGER entry_text_au;"
	"CREATE TRIGGER entry_text_ai AFTER INSERT ON entry_text"
	"  WHEN leerpunt_fts_live() BEGIN"
	DB_FTS_ADD_NEW4
	"  UPDATE search_state SET value = value + 1 WHERE key = 'gen';"
	"END;"
	"CREATE TRIGGER entry_text_ad AFTER DELETE ON entry_text"
	"  WHEN leerpunt_fts_live() BEGIN"
	DB_FTS_DROP_OLD4
	"  UPDATE search_state SET value = value + 1 WHERE key = 'gen';"
	"END;"
	"CREATE TRIGGER entry_text_au AFTER UPDATE ON entry_text"
	"  WHEN leerpunt_fts_live() BEGIN"
	DB_FTS_DROP_OLD4
	DB_FTS_ADD_NEW4
	"  UPDATE search_state SET value = value + 1 WHERE key = 'gen';"
	"END;",

	/*
	 * 5: Ge'ez words are indexed with their Tigrinya Latin spelling too
	 * (fold.c: ኮምፒተር as kompiter). The contentless indexes cannot
	 * take a row out with the new folding, so all three are emptied and
	 * filled again, and the typo vocabulary is built again, as in 3.
	 */
	"INSERT INTO entry_fts(entry_fts) VALUES ('delete-all');"
	"INSERT INTO head_fts(head_fts) VALUES ('delete-all');"
	"INSERT INTO title_fts(title_fts) VALUES ('delete-all');"
	"INSERT INTO entry_fts(rowid, title, summary, description)"
	"  SELECT t.entry_id * 64 + l.slot, t.title, t.summary, "
	CATALOG_DB_FTS_DESC("t")
	"  FROM entry_text t JOIN search_lang l ON l.lang = t.lang ORDER BY 1;"
	"INSERT INTO head_fts(rowid, title, summary)"
	"  SELECT t.entry_id * 64 + l.slot, t.title, t.summary"
	"  FROM entry_text t JOIN search_lang l ON l.lang = t.lang ORDER BY 1;"
	"INSERT INTO title_fts(rowid, title)"
	"  SELECT t.entry_id * 64 + l.slot, t.title"
	"  FROM entry_text t JOIN search_lang l ON l.lang = t.lang ORDER BY 1;"
	"DELETE FROM search_term; DELETE FROM search_del;"
	"UPDATE search_state SET value = -1 WHERE key = 'vocab_gen';",
};

#define CATALOG_DB_NMIGRATIONS \
	((int)(sizeof catalog_db_migrations / sizeof catalog_db_migrations[0]))

int
catalog_db_schema_version(void)
{
	return CATALOG_DB_NMIGRATIONS;
}

const char *
catalog_db_default_path(void)
{
	const char *env = getenv("LEERPUNT_DB");

	if (env != NULL && *env != '\0')
		return env;
	return LP_DEFAULT_DB;
}

sqlite3 *
catalog_db_sqlite(struct catalog_db *db)
{
	return db->sq;
}

struct catalog_fts *
catalog_db_fts(struct catalog_db *db)
{
	return db->fts;
}

struct catalog_fold *
catalog_db_fold(struct catalog_db *db)
{
	if (db->fold == NULL)
		db->fold = catalog_fold_new();
	return db->fold;
}

const char *
catalog_db_path(struct catalog_db *db)
{
	return db->path;
}

const char *
catalog_db_why(struct catalog_db *db)
{
	switch (sqlite3_errcode(db->sq) & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "another program is using it (the file is locked): "
		    "try again when that program has finished";
	case SQLITE_READONLY:
		return "it is read-only for this user: check the permissions "
		    "of the file and of its folder";
	case SQLITE_NOTADB:
		return "not a catalogue (the file is not an SQLite database)";
	case SQLITE_CORRUPT:
		return "the file is damaged: restore it from a backup, or make "
		    "it again with import";
	case SQLITE_FULL:
		return "the disk is full";
	default:
		return sqlite3_errmsg(db->sq);
	}
}

int
catalog_db_exec(struct catalog_db *db, const char *sql, char **cause)
{
	if (sqlite3_exec(db->sq, sql, NULL, NULL, NULL) != SQLITE_OK) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", db->path,
			    catalog_db_why(db));
		return -1;
	}
	return 0;
}

int64_t
catalog_db_data_version(struct catalog_db *db)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db->sq, "PRAGMA data_version", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

sqlite3_stmt *
catalog_db_prepare(struct catalog_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db->sq, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "leerpunt: %s: cannot prepare \"%s\": %s\n",
		    db->path, sql, sqlite3_errmsg(db->sq));
		abort();
	}
	return st;
}

sqlite3_stmt *
catalog_db_cached(struct catalog_db *db, const char *sql)
{
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			st = db->cache[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	st = catalog_db_prepare(db, sql);
	if (db->ncache == CATALOG_DB_CACHE) {
		/* Full: drop the oldest (only if a caller forgot to reset). */
		sqlite3_finalize(db->cache[0].st);
		memmove(&db->cache[0], &db->cache[1],
		    (CATALOG_DB_CACHE - 1) * sizeof db->cache[0]);
		db->ncache--;
	}
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].st = st;
	db->ncache++;
	return st;
}

int
catalog_db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

char *
catalog_db_column_strdup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s == NULL ? NULL : xstrdup((const char *)s);
}

static int
catalog_db_user_version(struct catalog_db *db)
{
	sqlite3_stmt *st = catalog_db_prepare(db, "PRAGMA user_version");
	int v = -1;

	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
catalog_db_migrate(struct catalog_db *db, char **cause)
{
	int v = catalog_db_user_version(db), i;
	char *sql;

	if (v < 0) {
		*cause = xasprintf("%s: %s", db->path, catalog_db_why(db));
		return -1;
	}
	if (v > CATALOG_DB_NMIGRATIONS) {
		*cause = xasprintf("%s: catalogue schema %d is newer than this "
		    "program understands (%d): update Leerpunt", db->path, v,
		    CATALOG_DB_NMIGRATIONS);
		return -1;
	}
	if (v == CATALOG_DB_NMIGRATIONS)
		return 0;
	if (db->readonly) {
		*cause = xasprintf("%s: catalogue schema %d is old (need %d): "
		    "run leerpunt-catalog to update it", db->path, v,
		    CATALOG_DB_NMIGRATIONS);
		return -1;
	}
	for (i = v; i < CATALOG_DB_NMIGRATIONS; i++) {
		sql = xasprintf("BEGIN IMMEDIATE; %s; PRAGMA user_version = %d;"
		    " COMMIT;", catalog_db_migrations[i], i + 1);
		if (catalog_db_exec(db, sql, cause) != 0) {
			free(sql);
			sqlite3_exec(db->sq, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		free(sql);
	}
	/* Migrations may leave the typo vocabulary to be built again. */
	if (v > 0) {
		char *why = NULL;

		if (catalog_typo_refresh(db, &why) != 0)
			free(why);
	}
	return 0;
}

/* 1 when path with suffix (e.g. "-wal") exists. */
static int
catalog_db_has_file(const char *path, const char *suffix)
{
	char *p = xasprintf("%s%s", path, suffix);
	int rc = access(p, F_OK) == 0;

	free(p);
	return rc;
}

/* A file: URI for path with immutable=1 (SQLite URI rules). */
static char *
catalog_db_immutable_uri(const char *path)
{
	size_t i, o = 0, len = strlen(path);
	char *out = xmalloc(len * 3 + 32);

	o += (size_t)sprintf(out, "file:");
	for (i = 0; i < len; i++) {
		if (path[i] == '?' || path[i] == '#' || path[i] == '%')
			o += (size_t)sprintf(out + o, "%%%02X",
			    (unsigned char)path[i]);
		else
			out[o++] = path[i];
	}
	sprintf(out + o, "?immutable=1");
	return out;
}

/* Open db->sq (for a reader, immutable as the file: URI says). */
static int
catalog_db_connect(struct catalog_db *db, int flags, char **cause)
{
	char *uri = NULL;
	int oflags;

	if (db->readonly)
		oflags = SQLITE_OPEN_READONLY;
	else {
		oflags = SQLITE_OPEN_READWRITE;
		if (flags & CATALOG_DB_CREATE)
			oflags |= SQLITE_OPEN_CREATE;
	}
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (db->immutable) {
		uri = catalog_db_immutable_uri(db->path);
		oflags |= SQLITE_OPEN_URI;
	}
	if (sqlite3_open_v2(uri != NULL ? uri : db->path, &db->sq, oflags,
	    NULL) != SQLITE_OK) {
		*cause = xasprintf("%s: cannot open catalogue: %s", db->path,
		    db->sq != NULL ? catalog_db_why(db) : "out of memory");
		free(uri);
		return -1;
	}
	free(uri);
	sqlite3_extended_result_codes(db->sq, 1);
	sqlite3_busy_timeout(db->sq, 5000);
	/*
	 * Search reads many small rows all over the file; through mmap that
	 * costs no system call per page (the pages stay shared with the OS
	 * cache). A failure only makes search slower.
	 */
	sqlite3_exec(db->sq, "PRAGMA mmap_size = 4294967296", NULL, NULL,
	    NULL);
	return catalog_fts_register(db->sq, &db->fts, cause);
}

/* Close db->sq and everything prepared on it. */
static void
catalog_db_disconnect(struct catalog_db *db)
{
	while (db->ncache > 0)
		sqlite3_finalize(db->cache[--db->ncache].st);
	sqlite3_close_v2(db->sq);
	db->sq = NULL;
	db->fts = NULL;
}

/*
 * A reader (another user) of a WAL catalogue needs its -wal and -shm
 * files: it cannot create them in a folder it may only read. Writers keep
 * them (SQLITE_FCNTL_PERSIST_WAL), but another program (the sqlite3 shell,
 * say) removes them when it closes, and SQLite then refuses the reader
 * ("attempt to write a readonly database"). Without a -wal file the
 * database file holds everything, so the reader opens it immutable (no
 * locks, no -shm); catalog_db_poll() reopens it normally as soon as a
 * writer has made the files again.
 */
static int
catalog_db_fallback(struct catalog_db *db, int flags, char **cause)
{
	int err = sqlite3_errcode(db->sq) & 0xff;

	if (!db->readonly || db->immutable ||
	    (err != SQLITE_READONLY && err != SQLITE_CANTOPEN) ||
	    catalog_db_has_file(db->path, "-wal") || access(db->path, R_OK) != 0)
		return -1;
	catalog_db_disconnect(db);
	db->immutable = 1;
	return catalog_db_connect(db, flags, cause);
}

/* 1 when path is a 0-byte file and no -wal file holds its pages. */
static int
catalog_db_empty_file(const char *path)
{
	struct stat st;
	char *wal;
	int empty;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != 0)
		return 0;
	wal = xasprintf("%s-wal", path);
	empty = stat(wal, &st) != 0 || st.st_size == 0;
	free(wal);
	return empty;
}

struct catalog_db *
catalog_db_open(const char *path, int flags, char **cause)
{
	struct catalog_db *db = xcalloc(1, sizeof *db);
	int fresh;

	db->path = xstrdup(path);
	db->readonly = (flags & CATALOG_DB_READONLY) != 0;
	if (!(flags & CATALOG_DB_CREATE) && catalog_db_empty_file(path)) {
		*cause = xasprintf("%s: the file is empty (0 bytes), not a "
		    "catalogue: load one with \"leerpunt-catalog import\" or "
		    "\"demo\"", path);
		goto fail;
	}
	if (catalog_db_connect(db, flags, cause) != 0)
		goto fail;
	if (db->readonly && catalog_db_user_version(db) < 0 &&
	    catalog_db_fallback(db, flags, cause) != 0 && db->immutable)
		goto fail;
	/*
	 * A new catalogue gets 8 KB pages (SQLite's default is 4 KB): rows
	 * of text are up to a few KB, and half the space a page cannot use
	 * at its end is 9% of the texts' table with 4 KB pages. Once there
	 * are tables, SQLite ignores this.
	 */
	if (!db->readonly &&
	    (catalog_db_exec(db, "PRAGMA page_size = 8192", cause) != 0 ||
	    catalog_db_exec(db, "PRAGMA journal_mode = WAL", cause) != 0))
		goto fail;
	/*
	 * Keep the -wal and -shm files after the last writer closes: a
	 * reader running as another user (the kiosk) cannot create them in
	 * the catalogue's folder, but can read them (read-only shm).
	 */
	if (!db->readonly) {
		int persist = 1;

		sqlite3_file_control(db->sq, "main", SQLITE_FCNTL_PERSIST_WAL,
		    &persist);
	}
	if (catalog_db_exec(db, "PRAGMA foreign_keys = ON", cause) != 0)
		goto fail;
	fresh = !db->readonly && catalog_db_user_version(db) == 0;
	if (catalog_db_migrate(db, cause) != 0)
		goto fail;
	if (fresh && (flags & CATALOG_DB_CREATE) && (flags & CATALOG_DB_THEMES) &&
	    catalog_theme_standard(db, cause) != 0)
		goto fail;
	db->data_version = -1;
	catalog_db_poll(db);
	return db;

fail:
	catalog_db_close(db);
	return NULL;
}

void
catalog_db_close(struct catalog_db *db)
{
	if (db == NULL)
		return;
	catalog_db_disconnect(db);
	catalog_db_meta_unstage(db);
	catalog_fold_free(db->fold);
	free(db->path);
	free(db);
}

char *
catalog_db_meta_get(struct catalog_db *db, const char *key)
{
	sqlite3_stmt *st;
	char *v = NULL;

	st = catalog_db_prepare(db, "SELECT value FROM meta WHERE key = ?");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = catalog_db_column_strdup(st, 0);
	sqlite3_finalize(st);
	return v;
}

int
catalog_db_meta_set(struct catalog_db *db, const char *key, const char *value,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	st = catalog_db_prepare(db,
	    "INSERT INTO meta(key, value) VALUES (?, ?)"
	    " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		if (cause != NULL)
			*cause = xasprintf("%s: cannot store %s: %s", db->path,
			    key, catalog_db_why(db));
		return -1;
	}
	return 0;
}

void
catalog_db_meta_stage(struct catalog_db *db, const char *key,
    const char *value)
{
	size_t i;

	for (i = 0; i < db->nstaged; i++) {
		if (strcmp(db->staged[2 * i], key) == 0) {
			free(db->staged[2 * i + 1]);
			db->staged[2 * i + 1] = xstrdup(value);
			return;
		}
	}
	db->staged = xreallocarray(db->staged, 2 * (db->nstaged + 1),
	    sizeof *db->staged);
	db->staged[2 * db->nstaged] = xstrdup(key);
	db->staged[2 * db->nstaged + 1] = xstrdup(value);
	db->nstaged++;
}

void
catalog_db_meta_unstage(struct catalog_db *db)
{
	size_t i;

	for (i = 0; i < 2 * db->nstaged; i++)
		free(db->staged[i]);
	free(db->staged);
	db->staged = NULL;
	db->nstaged = 0;
}

/* Write the staged values in the caller's transaction; -1 and *cause. */
static int
catalog_db_meta_write_staged(struct catalog_db *db, char **cause)
{
	size_t i;

	for (i = 0; i < db->nstaged; i++) {
		if (catalog_db_meta_set(db, db->staged[2 * i],
		    db->staged[2 * i + 1], cause) != 0)
			return -1;
	}
	return 0;
}

int
catalog_db_meta_commit(struct catalog_db *db, char **cause)
{
	if (catalog_db_exec(db, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	if (catalog_db_meta_write_staged(db, cause) != 0 ||
	    catalog_db_exec(db, "COMMIT", cause) != 0) {
		sqlite3_exec(db->sq, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	catalog_db_meta_unstage(db);
	return 0;
}

int
catalog_db_in_transaction(struct catalog_db *db)
{
	return !sqlite3_get_autocommit(db->sq);
}

int64_t
catalog_db_version(struct catalog_db *db)
{
	char *v = catalog_db_meta_get(db, "version");
	int64_t n = 0;

	if (v != NULL)
		n = strtoll(v, NULL, 10);
	free(v);
	return n;
}

int
catalog_db_set_version(struct catalog_db *db, int64_t version, char **cause)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)version);
	if (catalog_db_meta_set(db, "version", buf, cause) != 0 ||
	    catalog_db_meta_write_staged(db, cause) != 0)
		return -1;
	/* Written; the transaction commits or rolls back as a whole. */
	return 0;
}

int64_t
catalog_db_entry_count(struct catalog_db *db)
{
	sqlite3_stmt *st = catalog_db_prepare(db, "SELECT count(*) FROM entry");
	int64_t n = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int
catalog_db_poll(struct catalog_db *db)
{
	if (db->immutable && catalog_db_has_file(db->path, "-wal") &&
	    catalog_db_has_file(db->path, "-shm")) {
		sqlite3 *old = db->sq;
		struct catalog_fts *oldfts = db->fts;
		char *why = NULL;

		/* A writer is back: read through the WAL again. */
		while (db->ncache > 0)
			sqlite3_finalize(db->cache[--db->ncache].st);
		db->sq = NULL;
		db->immutable = 0;
		if (catalog_db_connect(db, CATALOG_DB_READONLY, &why) == 0 &&
		    catalog_db_user_version(db) >= 0) {
			sqlite3_close_v2(old);
			catalog_db_exec(db, "PRAGMA foreign_keys = ON", NULL);
			db->data_version = -1;
			catalog_db_poll(db);
			return 1;
		}
		free(why);
		while (db->ncache > 0)
			sqlite3_finalize(db->cache[--db->ncache].st);
		if (db->sq != NULL)
			sqlite3_close_v2(db->sq);
		db->sq = old;
		db->fts = oldfts;
		db->immutable = 1;
		return 0;
	}

	int64_t v = catalog_db_data_version(db);
	int changed;

	if (v < 0)
		v = db->data_version;
	changed = db->data_version != -1 && v != db->data_version;
	db->data_version = v;
	return changed;
}
