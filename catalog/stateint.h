/*
 * stateint: the state database's SQLite handle, for catalog/ modules only
 * (staff.c, kiosk identity in keys.c users, enrol.c, outbox.c). kiosk/ and
 * sync/ reach the state through those modules' functions.
 */
#ifndef CATALOG_STATEINT_H
#define CATALOG_STATEINT_H

#include <sqlite3.h>

#include "catalog/state.h"

sqlite3 *catalog_state_sqlite(struct catalog_state *state);
/* Prepare sql; aborts on error, since every statement is a literal. */
sqlite3_stmt *catalog_state_prepare(struct catalog_state *state,
    const char *sql);
/* Run sql (no results); -1 and *cause with the SQLite message on error. */
int catalog_state_exec(struct catalog_state *state, const char *sql,
    char **cause);
/* "path: what: SQLite message" as a new string. */
char *catalog_state_error(struct catalog_state *state, const char *what);

#endif
