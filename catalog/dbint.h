/*
 * dbint: the catalogue's SQLite handle, for catalog/ modules only.
 *
 * kiosk/ and sync/ must not include this header (a test greps for it):
 * they reach the data through the catalogue modules' functions.
 */
#ifndef CATALOG_DBINT_H
#define CATALOG_DBINT_H

#include <sqlite3.h>

#include "catalog/db.h"

struct catalog_fts;

/*
 * What entry_fts indexes as the description of the entry_text row r
 * ("new", "old", "t"): the description, then the search words (schema 4).
 * Indexing and taking out must use the same value.
 */
#define CATALOG_DB_FTS_DESC(r) \
	"CASE WHEN " r ".keywords IS NULL THEN " r ".description" \
	" ELSE coalesce(" r ".description || ' ', '') || " r ".keywords END"

sqlite3 *catalog_db_sqlite(struct catalog_db *db);
/* The connection's tokenizer context (fts.h), for catalog_fts_defer. */
struct catalog_fts *catalog_db_fts(struct catalog_db *db);
/* The connection's text folder (fold.h), for folding queries. */
struct catalog_fold *catalog_db_fold(struct catalog_db *db);
/* The connection's PRAGMA data_version (it changes when another
 * connection commits), or -1 when it cannot be read. */
int64_t catalog_db_data_version(struct catalog_db *db);
/* Run sql (no results); -1 and *cause with the SQLite message on error. */
int catalog_db_exec(struct catalog_db *db, const char *sql, char **cause);
/*
 * Why the last call on db failed, in words an operator can act on: a
 * locked file is "in use by another program", a read-only one says so;
 * other errors are SQLite's own message. Points into db or static text.
 */
const char *catalog_db_why(struct catalog_db *db);
/* Prepare sql; aborts on error, since every statement is a literal. */
sqlite3_stmt *catalog_db_prepare(struct catalog_db *db, const char *sql);
/*
 * The prepared statement for sql, kept by the connection and reused:
 * reset and unbound on each call. sql must be a string literal (it is
 * looked up by address). Never finalize it; sqlite3_reset() it when done
 * so it holds no read transaction open. For hot paths such as import.
 */
sqlite3_stmt *catalog_db_cached(struct catalog_db *db, const char *sql);
/* Set the catalogue version inside the caller's transaction. */
int catalog_db_set_version(struct catalog_db *db, int64_t version,
    char **cause);
/* Bind text or NULL. */
int catalog_db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Copy of column i as a new string, or NULL. */
char *catalog_db_column_strdup(sqlite3_stmt *st, int i);

#endif
