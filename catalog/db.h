/*
 * db: opening the catalogue database.
 *
 * The catalogue is one SQLite file in WAL mode, so the kiosk keeps reading
 * while an import or a sync writes. The schema is versioned with PRAGMA
 * user_version; catalog_db_open() runs every migration the file lacks,
 * each in its own transaction (a read-only open refuses an old schema).
 * The "catalogue version" is a different number: the version of the data,
 * raised by every import that changes something and set by sync to the
 * version of the repository it applied.
 *
 * Only catalog/ sees the SQLite handle (dbint.h); kiosk/ and sync/ use the
 * functions of the catalogue modules.
 */
#ifndef CATALOG_DB_H
#define CATALOG_DB_H

#include <stdint.h>

struct catalog_db;

#define CATALOG_DB_READONLY 0x1	/* kiosk: never writes */
#define CATALOG_DB_CREATE 0x2	/* create the file if missing */
/*
 * With CATALOG_DB_CREATE: a catalogue made by this open (no schema yet)
 * gets the standard themes (catalog/data/themes.csv, compiled in), so
 * the first import of a real feed finds them. The catalogue version stays
 * 0. leerpunt-catalog uses it; a kiosk's catalogue comes from sync.
 */
#define CATALOG_DB_THEMES 0x4

/* The path used without --db: $LEERPUNT_DB, else the configured default. */
const char *catalog_db_default_path(void);

/* Open (and migrate) the catalogue at path; NULL and *cause on failure. */
struct catalog_db *catalog_db_open(const char *path, int flags, char **cause);
void catalog_db_close(struct catalog_db *db);
const char *catalog_db_path(struct catalog_db *db);

/* The catalogue version (0 for an empty catalogue). */
int64_t catalog_db_version(struct catalog_db *db);
/* Number of entries. */
int64_t catalog_db_entry_count(struct catalog_db *db);

/*
 * 1 when another connection committed a change since the previous call (or
 * since opening), else 0. Cheap: the kiosk calls it once a second.
 */
int catalog_db_poll(struct catalog_db *db);

/* Small key/value metadata (e.g. "synced_at"). Get returns a new string. */
char *catalog_db_meta_get(struct catalog_db *db, const char *key);
int catalog_db_meta_set(struct catalog_db *db, const char *key,
    const char *value, char **cause);

/*
 * Metadata that must be stored together with the next catalogue change:
 * catalog_db_meta_stage() keeps key = value in memory, and the next
 * transaction that sets the catalogue version (a snapshot or delta
 * applied by sync) writes every staged value inside it, so the catalogue
 * and its metadata are stored together or not at all. Staged values stay
 * staged until catalog_db_meta_unstage() or catalog_db_meta_commit(),
 * which writes them in a transaction of their own (-1 and *cause when it
 * fails, and nothing is written).
 */
void catalog_db_meta_stage(struct catalog_db *db, const char *key,
    const char *value);
void catalog_db_meta_unstage(struct catalog_db *db);
int catalog_db_meta_commit(struct catalog_db *db, char **cause);
/* 1 when a transaction is open on db (one that failed to commit, say). */
int catalog_db_in_transaction(struct catalog_db *db);

/* The schema version this build reads and writes. */
int catalog_db_schema_version(void);

#endif
