/*
 * harvest: the publisher fetches providers' feeds and imports them.
 *
 * leerpunt-sync --harvest FILE reads the sources (sync/sources.h) and,
 * for each, first fetches everything the source consists of: an OOAPI
 * collection page by page until hasNextPage is false (or pageNumber
 * reaches totalPages), an EDU-DEX directory with its program files and
 * sub-directories, an XCRI or CSV file. Only when the whole source is in
 * hand is it imported, in one all-or-nothing import under the source's
 * NAME: entries the source no longer has are removed, and a source that
 * failed half-way (network, HTTP error, size cap) is not imported at all,
 * so it keeps its previous entries. One source failing never stops the
 * others.
 *
 * Every resource is fetched conditionally (If-None-Match and
 * If-Modified-Since from the last answer) and its last good bytes are
 * kept in a state folder (by default DB.harvest, next to the catalogue),
 * one file per URL, so a source whose files answer 304 can still be
 * imported whole. An EDU-DEX program whose lastEdited in the directory
 * is the one of the kept copy is not asked for at all. A digest of each
 * source's bytes as last imported is kept in the catalogue's local
 * metadata ("harvest_digest:NAME"); a source with the same digest is not
 * imported again. After a run that changed the catalogue (or when the
 * catalogue's version was never published), a new signed version is
 * published when a key and an output folder are given.
 */
#ifndef SYNC_HARVEST_H
#define SYNC_HARVEST_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "sync/agent.h"

#define SYNC_HARVEST_MAX_RESPONSE ((size_t)64 << 20)	/* per resource */
#define SYNC_HARVEST_MAX_SOURCE ((size_t)256 << 20)	/* per source */
#define SYNC_HARVEST_MAX_RESOURCES 20000	/* per source */
#define SYNC_HARVEST_MAX_DEPTH 8	/* EDU-DEX sub-directory levels */
#define SYNC_HARVEST_RETRIES 2		/* per request, by default */
#define SYNC_HARVEST_RETRY_MS 1000	/* first wait, doubling, <= 60 s */

struct sync_harvest_options {
	const char	*sources;	/* the sources file */
	const char	*db;		/* the publisher's catalogue */
	const char	*state;		/* NULL: DB.harvest */
	const char	*cacert;	/* or NULL */
	long		 timeout;	/* seconds per transfer */
	int		 retries;	/* per request after a failure */
	long		 retry_ms;	/* first wait before a retry */
	const char	*publish_key;	/* repository secret key, or NULL */
	const char	*publish_out;	/* repository folder, or NULL */
	time_t		 publish_valid_for;	/* 0: no expiry */
	volatile sig_atomic_t *stop;
};

enum sync_harvest_outcome {
	SYNC_HARVEST_IMPORTED,		/* imported; the catalogue changed */
	SYNC_HARVEST_UNCHANGED,		/* imported; nothing changed */
	SYNC_HARVEST_NOT_MODIFIED,	/* the same bytes: not imported */
	SYNC_HARVEST_FAILED,		/* could not fetch it all */
	SYNC_HARVEST_REFUSED		/* the data was refused */
};

struct sync_harvest_source {
	char		*name;
	const char	*format;
	enum sync_harvest_outcome outcome;
	size_t		 requests;	/* HTTP requests, retries included */
	size_t		 fetched;	/* answered with a body */
	size_t		 not_modified;	/* answered 304 */
	size_t		 kept;		/* not asked: lastEdited unchanged */
	size_t		 created, updated, unchanged, removed, warnings;
	int64_t		 bytes;		/* bodies received */
	char		*reason;	/* FAILED, REFUSED */
};

struct sync_harvest_result {
	struct sync_harvest_source *v;
	size_t		 n;
	int64_t		 version;	/* catalogue version after the run */
	int64_t		 previous;	/* before it */
	int64_t		 entries;
	int		 published;	/* a new version was published */
	int64_t		 published_version;
	size_t		 published_deltas;
	char		*publish_error;	/* publishing failed */
};

/*
 * One harvest. SYNC_UPDATED when the catalogue changed, SYNC_CURRENT
 * when nothing did, SYNC_FAILED when a source could not be fetched or
 * publishing failed (or *cause: the run could not start), SYNC_REFUSED
 * when a source's data was refused (and none failed).
 */
enum sync_status sync_harvest_run(const struct sync_harvest_options *opts,
    struct sync_harvest_result *res, char **cause);
void sync_harvest_result_done(struct sync_harvest_result *res);

/* The one summary line for a source (a new string). */
char *sync_harvest_line(const struct sync_harvest_source *s);
/* The result as one line of JSON (a new string). */
char *sync_harvest_json(const struct sync_harvest_result *res,
    enum sync_status st);

#endif
