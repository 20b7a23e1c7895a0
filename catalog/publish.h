/*
 * publish: writing the catalogue as a repository that kiosks sync from.
 *
 * A repository is a plain directory that any static web server (or a USB
 * stick) can serve: content-addressed snapshot files and manifest.json
 * (docs/repository-format.md). Publishing writes the new snapshot under
 * its hash, then the manifest atomically (temporary file, fsync, rename),
 * and only then removes the snapshots the new manifest no longer names.
 * A client therefore never sees a manifest naming a file that is not
 * complete. Concurrent publishes to one directory are serialised by a
 * lock file.
 */
#ifndef CATALOG_PUBLISH_H
#define CATALOG_PUBLISH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct catalog_db;

struct catalog_publish_options {
	time_t		 valid_for;	/* seconds until expiry, 0 for none */
};

struct catalog_publish_result {
	int64_t		 version;
	int64_t		 entries;
	char		*snapshot;	/* file name in the directory */
	int64_t		 size;		/* compressed */
	int64_t		 uncompressed_size;
	int64_t		 previous_version;	/* 0 when there was none */
	size_t		 removed;	/* old snapshot files removed */
};

/*
 * Publish db into dir (created if missing). Refuses an empty catalogue,
 * and a catalogue older than the version dir already holds (kiosks would
 * refuse it as a rollback). 0 and res filled, or -1 and *cause.
 */
int catalog_publish_run(struct catalog_db *db, const char *dir,
    const struct catalog_publish_options *opts,
    struct catalog_publish_result *res, char **cause);
void catalog_publish_result_done(struct catalog_publish_result *res);

#endif
