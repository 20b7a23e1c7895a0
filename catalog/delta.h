/*
 * delta: what changed between two catalogue versions, as an SQLite
 * patchset, made by the publisher and applied by kiosks.
 *
 * The publisher diffs the previous published snapshot against the new one
 * (sqlite3session_diff on every content table) into a "step" patchset,
 * and combines the steps from an older version up to the newest into one
 * delta (sqlite3changegroup), so a kiosk K versions behind downloads one
 * file whose size follows what changed, not the size of the catalogue.
 * Patchsets, not changesets: they leave out the old values of updated
 * and deleted rows (about 40 % smaller here); what old values would guard
 * against, a kiosk whose rows are not the "from" version's, the content
 * digest check below catches for the whole catalogue.
 *
 * Tables are recorded children first (entry_text before entry), so on the
 * kiosk deletes of child rows come before their parent (nothing left for
 * ON DELETE CASCADE) and inserts of children before parents are covered by
 * the foreign keys the apply defers to its end. The entry_text triggers
 * fire during the apply, so the search index follows.
 *
 * Applying is all or nothing, in one transaction: the catalogue must be at
 * the delta's "from" version, every change must find its row (or, for an
 * insert, no row), and the content digest afterwards must be the one the
 * manifest announces. Any conflict rolls everything back and the caller
 * falls back to the full snapshot.
 */
#ifndef CATALOG_DELTA_H
#define CATALOG_DELTA_H

#include <stdint.h>

struct catalog_db;

/*
 * Write to out (created or truncated) the patchset that turns the
 * snapshot at from_path into the snapshot at to_path. Both must have the
 * same schema. -1 and *cause on failure.
 */
int catalog_delta_diff(const char *from_path, const char *to_path,
    const char *out, char **cause);

/*
 * Combine the changesets in paths (oldest first) into one changeset at
 * out, equivalent to applying them in order.
 */
int catalog_delta_combine(const char *const *paths, int n, const char *out,
    char **cause);

/*
 * Walk the changeset at path once, bounded by its size, and check that it
 * follows SQLite's changeset format to its last byte (SQLite itself may
 * loop for good on some truncated files). size is the size it must have,
 * or -1. 0 when usable, -1 and *cause when not. catalog_delta_combine
 * and catalog_delta_apply call it first.
 */
int catalog_delta_check(const char *path, int64_t size, char **cause);

/*
 * Apply the patchset at path to db, which must be at version from; then
 * set the version to `to`. The resulting content must have the digest
 * (catalog_snapshot_digest; required). One transaction.
 * Returns 0 when applied, 1 when db is not at version from (nothing
 * changed), -1 and *cause when the delta does not fit or fails (nothing
 * changed either).
 */
int catalog_delta_apply(struct catalog_db *db, const char *path,
    int64_t from, int64_t to, const unsigned char *digest, char **cause);

#endif
