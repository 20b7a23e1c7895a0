/*
 * snapshot: a whole catalogue as one SQLite file, made and applied.
 *
 * Publishing exports the content of the catalogue with VACUUM INTO (one
 * read transaction, so the copy is consistent even while an import runs)
 * and strips local metadata. Syncing checks a downloaded snapshot on its
 * own read-only connection, then attaches it to the live catalogue and
 * replaces every content table and the catalogue version in ONE write
 * transaction: a reader (the kiosk, in WAL mode) sees the old catalogue or
 * the new one, never a mix, and notices the change with catalog_db_poll().
 */
#ifndef CATALOG_SNAPSHOT_H
#define CATALOG_SNAPSHOT_H

#include <stdint.h>

struct catalog_db;

struct catalog_snapshot_info {
	int		 schema;	/* PRAGMA user_version */
	int64_t		 version;	/* catalogue version */
	int64_t		 entries;
	unsigned char	 digest[32];	/* catalog_snapshot_digest() */
};

/*
 * Write a consistent copy of db's content to path (created; an existing
 * file must be empty) in rollback-journal mode, keeping only the "version"
 * metadata. info describes the copy.
 */
int catalog_snapshot_export(struct catalog_db *db, const char *path,
    struct catalog_snapshot_info *info, char **cause);

/*
 * Open the snapshot at path read-only and check it: SQLite integrity
 * (quick_check), the schema version this build uses, every content table
 * present. -1 and *cause when it is not usable.
 */
int catalog_snapshot_check(const char *path,
    struct catalog_snapshot_info *info, char **cause);

/*
 * The content digest: SHA-256 over every content table's rows in primary
 * key order (column types and values, not the file's bytes), so two
 * catalogues with the same content have the same digest however they were
 * made (a snapshot, or an older catalogue plus a delta). Local metadata
 * and the version are not part of it. Runs inside the caller's transaction.
 */
int catalog_snapshot_digest(struct catalog_db *db, unsigned char out[32],
    char **cause);

/*
 * Replace db's content with the snapshot at path and set the catalogue
 * version to version, in one transaction. Returns 0 when applied, 1 when
 * the catalogue's version is already version or newer (nothing changed),
 * -1 and *cause on failure (nothing changed either).
 */
int catalog_snapshot_apply(struct catalog_db *db, const char *path,
    int64_t version, char **cause);
/* The same, but applied over a catalogue at version too (1 only when
 * newer): for one whose content differs from the repository's version. */
int catalog_snapshot_replace(struct catalog_db *db, const char *path,
    int64_t version, char **cause);

#endif
