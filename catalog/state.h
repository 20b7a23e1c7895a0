/*
 * state: the kiosk's own writable state database.
 *
 * The catalogue is opened read-only by the kiosk and replaced by sync, so
 * everything the kiosk itself must remember lives in a second SQLite file:
 * staff accounts (PIN hashes only), the staff-mode lock-out counter, the
 * kiosk's Ed25519 identity, the enrolment outbox (sealed records and a
 * summary without personal data) and, when switched on, the use
 * statistics (stats.h: day counts only). WAL mode, own migrations counted by
 * PRAGMA user_version, file mode 0600 (SQLite gives the -wal and -shm files
 * the mode of the database file).
 */
#ifndef CATALOG_STATE_H
#define CATALOG_STATE_H

struct catalog_state;

/* The path used without --state: $LEERPUNT_STATE, else the default. */
const char *catalog_state_default_path(void);

/*
 * Open (and create and migrate) the state database at path, making its
 * folder (mode 0700) if missing. NULL and *cause on failure.
 */
struct catalog_state *catalog_state_open(const char *path, char **cause);
void catalog_state_close(struct catalog_state *state);
const char *catalog_state_path(struct catalog_state *state);

/* The schema version this build reads and writes. */
int catalog_state_schema_version(void);

#endif
