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
 *
 * Deltas (delta.h) need the previous version: publish keeps the last
 * published snapshot and the changesets between the last K versions in a
 * private state folder that is never served (by default "DIR.state" next
 * to DIR). Without that state (a first publish, or a lost folder) the
 * repository simply has no deltas until the next version.
 */
#ifndef CATALOG_PUBLISH_H
#define CATALOG_PUBLISH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct catalog_db;
struct catalog_manifest_signer;

#define CATALOG_PUBLISH_KEEP_DELTAS 10	/* default K */
#define CATALOG_PUBLISH_MAX_DELTAS 100

struct catalog_publish_options {
	time_t		 valid_for;	/* seconds until expiry, 0 for none */
	int		 keep_deltas;	/* deltas from the last K versions */
	const char	*state;		/* private state, NULL: "DIR.state" */
	const struct catalog_manifest_signer *signers;	/* may be none */
	size_t		 nsigners;
	const unsigned char (*next_keys)[32];	/* announced for rotation */
	size_t		 nnext_keys;
};

struct catalog_publish_delta {
	int64_t		 from;
	char		*name;
	int64_t		 size;		/* compressed */
};

struct catalog_publish_result {
	int64_t		 version;
	int64_t		 entries;
	char		*snapshot;	/* file name in the directory */
	int64_t		 size;		/* compressed */
	int64_t		 uncompressed_size;
	int64_t		 previous_version;	/* 0 when there was none */
	size_t		 removed;	/* old snapshot and delta files removed */
	struct catalog_publish_delta *deltas;	/* newest "from" first */
	size_t		 ndeltas;
	char		*state;		/* the private state folder used */
	char		**warnings;	/* damaged step files removed */
	size_t		 nwarnings;
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

/*
 * Parse a duration such as "7d", "12h", "30m", "90s", "2w" or "1d12h"
 * into seconds (1 second to 10 years). -1 when it is not one.
 */
int catalog_publish_duration(const char *s, time_t *out);

#endif
