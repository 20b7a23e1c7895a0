/*
 * agent: one sync run, from manifest to applied catalogue.
 *
 * A run fetches the manifest, decides (already current, rollback, expired,
 * unknown schema), downloads the snapshot into a staging directory next to
 * the catalogue, verifies size and SHA-256, inflates it with a cap, checks
 * it as a database and applies it in one transaction (catalog/snapshot.h).
 * The outcome is one of the statuses below, which are also the exit
 * statuses of leerpunt-sync; the catalogue is never changed unless the
 * status is SYNC_UPDATED.
 */
#ifndef SYNC_AGENT_H
#define SYNC_AGENT_H

#include <stdint.h>

enum sync_status {
	SYNC_UPDATED = 0,	/* a newer catalogue was applied */
	SYNC_FAILED = 1,	/* could not fetch or apply: try again later */
	SYNC_USAGE = 2,		/* bad command line */
	SYNC_CURRENT = 3,	/* the repository has this version already */
	SYNC_REFUSED = 4	/* the repository offered something unsafe */
};

/* Absolute caps, whatever a manifest announces. */
#define SYNC_AGENT_MAX_FILE ((int64_t)1 << 30)		/* 1 GiB */
#define SYNC_AGENT_MAX_UNCOMPRESSED ((int64_t)4 << 30)	/* 4 GiB */

struct sync_agent_options {
	const char	*db;		/* catalogue path */
	const char	*repo;		/* URL or directory */
	const char	*cacert;	/* or NULL */
	long		 timeout;	/* seconds per transfer */
};

struct sync_agent_result {
	int64_t		 version;	/* of the catalogue after the run */
	int64_t		 entries;
};

/* Run one sync; *cause (a new string) explains SYNC_FAILED/REFUSED. */
enum sync_status sync_agent_run(const struct sync_agent_options *opts,
    struct sync_agent_result *res, char **cause);

#endif
