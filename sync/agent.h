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
 *
 * Before anything is downloaded, the manifest's Ed25519 signature must be
 * valid and made by a trusted key: the --pubkey key, or a key that an
 * earlier manifest, signed by a trusted key, announced in "next_keys"
 * (kept in the catalogue's local metadata, "sync_trusted_keys", which no
 * sync replaces). A kiosk at a version the manifest has a delta from, and
 * for which the delta is smaller than the snapshot, takes the delta; a
 * delta that does not fit falls back to the snapshot.
 */
#ifndef SYNC_AGENT_H
#define SYNC_AGENT_H

#include <signal.h>
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

#define SYNC_AGENT_STALE_DAYS 7	/* partial downloads older are dropped */

struct sync_agent_options {
	const char	*db;		/* catalogue path */
	const char	*repo;		/* URL or directory */
	const char	*cacert;	/* or NULL */
	long		 timeout;	/* seconds per transfer */
	const unsigned char *pubkey;	/* 32 bytes: the trusted key */
	int64_t		 max_rate;	/* bytes per second, 0 for no limit */
	int		 progress;	/* progress bar on stderr */
	volatile sig_atomic_t *stop;	/* set by a signal: stop soon */
	int		 stale_days;	/* 0: SYNC_AGENT_STALE_DAYS */
};

struct sync_agent_result {
	int64_t		 version;	/* of the catalogue after the run */
	int64_t		 entries;
	int64_t		 previous;	/* version before the run */
	int64_t		 received;	/* bytes downloaded (bodies) */
	int		 not_modified;	/* the server answered 304 */
	char		 via[96];	/* "delta from version 3", "snapshot" */
};

/* Run one sync; *cause (a new string) explains SYNC_FAILED/REFUSED. */
enum sync_status sync_agent_run(const struct sync_agent_options *opts,
    struct sync_agent_result *res, char **cause);

#endif
