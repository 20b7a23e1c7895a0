/*
 * agent: one sync run (see agent.h).
 *
 * Order matters: expiry before anything else (an expired manifest must
 * not count as a successful check), then the version (equal: already
 * current; lower: rollback), then the schema, then the caps, and only
 * then the download. Every file is checked before the next step trusts
 * it: size and SHA-256 before inflating, exact inflated size before
 * SQLite opens it, SQLite's own check before it is attached.
 *
 * The staging directory (CATALOGUE.staging/) holds a lock file, so two
 * runs for one catalogue never share it, and is emptied before and after
 * each run, so an interrupted run leaves nothing that grows.
 */
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "catalog/db.h"
#include "catalog/manifest.h"
#include "catalog/snapshot.h"
#include "catalog/xmalloc.h"
#include "sync/agent.h"
#include "sync/fetch.h"
#include "sync/repo.h"
#include "sync/verify.h"

#define SYNC_AGENT_LOCK "lock"

struct sync_agent_run {
	const struct sync_agent_options *opts;
	char		*staging;
	int		 lockfd;
	int		 locked;
	struct catalog_db *db;
	struct sync_fetch *fetch;
	char		*base;
	char		*manifest_url;
	struct catalog_manifest *manifest;
};

/* Remove every file in the staging directory but the lock. */
static void
sync_agent_clean(const char *staging)
{
	DIR *d;
	struct dirent *de;
	char *path;

	if ((d = opendir(staging)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, SYNC_AGENT_LOCK) == 0)
			continue;
		path = xasprintf("%s/%s", staging, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

/* Create and lock the staging directory next to the catalogue. */
static enum sync_status
sync_agent_stage(struct sync_agent_run *r, char **cause)
{
	char *lock = NULL;
	enum sync_status st = SYNC_FAILED;

	r->staging = xasprintf("%s.staging", r->opts->db);
	if (mkdir(r->staging, 0700) != 0 && errno != EEXIST) {
		*cause = xasprintf("%s: cannot create the staging directory: "
		    "%s", r->staging, strerror(errno));
		goto out;
	}
	lock = xasprintf("%s/" SYNC_AGENT_LOCK, r->staging);
	r->lockfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (r->lockfd == -1) {
		*cause = xasprintf("%s: %s", lock, strerror(errno));
		goto out;
	}
	if (flock(r->lockfd, LOCK_EX | LOCK_NB) != 0) {
		*cause = xasprintf("%s: another leerpunt-sync is running for "
		    "this catalogue", r->opts->db);
		goto out;
	}
	r->locked = 1;
	sync_agent_clean(r->staging);
	st = SYNC_UPDATED;

out:
	free(lock);
	return st;
}

/* Store "synced_at" = now: the repository was checked successfully. */
static enum sync_status
sync_agent_mark(struct sync_agent_run *r, char **cause)
{
	char now[CATALOG_MANIFEST_TIME_MAX];

	catalog_manifest_time_format(time(NULL), now);
	if (catalog_db_meta_set(r->db, "synced_at", now, cause) != 0)
		return SYNC_FAILED;
	return SYNC_UPDATED;
}

/* Fetch and parse the manifest, and decide whether to go on. */
static enum sync_status
sync_agent_manifest(struct sync_agent_run *r, char **cause)
{
	const struct catalog_manifest *m;
	char *buf = NULL, when[CATALOG_MANIFEST_TIME_MAX];
	size_t len;
	int64_t current;
	int rc;

	r->manifest_url = sync_repo_url(r->base, CATALOG_MANIFEST_NAME);
	rc = sync_fetch_buffer(r->fetch, r->manifest_url,
	    CATALOG_MANIFEST_MAX_SIZE, &buf, &len, cause);
	if (rc == SYNC_FETCH_TOO_LARGE)
		return SYNC_REFUSED;
	if (rc != SYNC_FETCH_OK)
		return SYNC_FAILED;
	r->manifest = catalog_manifest_parse(buf, len, r->manifest_url, cause);
	free(buf);
	if (r->manifest == NULL)
		return SYNC_REFUSED;
	m = r->manifest;

	if (m->expires != 0 && m->expires < time(NULL)) {
		catalog_manifest_time_format(m->expires, when);
		*cause = xasprintf("%s: the manifest expired at %s; keeping "
		    "catalogue version %lld", r->manifest_url, when,
		    (long long)catalog_db_version(r->db));
		return SYNC_REFUSED;
	}
	current = catalog_db_version(r->db);
	if (m->version == current)
		return SYNC_CURRENT;
	if (m->version < current) {
		*cause = xasprintf("%s: offers catalogue version %lld, older "
		    "than the version %lld this catalogue has (rollback)",
		    r->manifest_url, (long long)m->version,
		    (long long)current);
		return SYNC_REFUSED;
	}
	if (m->schema != catalog_db_schema_version()) {
		*cause = xasprintf("%s: uses catalogue schema %d, this program "
		    "uses %d: %s", r->manifest_url, m->schema,
		    catalog_db_schema_version(),
		    m->schema > catalog_db_schema_version() ?
		    "update Leerpunt on this kiosk" :
		    "update Leerpunt where the repository is published");
		return SYNC_REFUSED;
	}
	return SYNC_UPDATED;
}

/* Download, verify, inflate, check and apply the snapshot. */
static enum sync_status
sync_agent_snapshot(struct sync_agent_run *r, struct sync_agent_result *res,
    char **cause)
{
	const struct catalog_manifest_file *f;
	struct catalog_snapshot_info info;
	char *url = NULL, *zpath = NULL, *dbpath = NULL, *c;
	enum sync_status st = SYNC_REFUSED;
	int rc;

	f = catalog_manifest_snapshot(r->manifest);
	if (strcmp(f->compression, CATALOG_MANIFEST_ZLIB) != 0) {
		*cause = xasprintf("%s: %s: unknown compression \"%s\"",
		    r->manifest_url, f->name, f->compression);
		goto out;
	}
	if (f->size > SYNC_AGENT_MAX_FILE ||
	    f->uncompressed_size > SYNC_AGENT_MAX_UNCOMPRESSED) {
		*cause = xasprintf("%s: %s: larger than this kiosk accepts "
		    "(%lld bytes, %lld inflated)", r->manifest_url, f->name,
		    (long long)SYNC_AGENT_MAX_FILE,
		    (long long)SYNC_AGENT_MAX_UNCOMPRESSED);
		goto out;
	}

	url = sync_repo_url(r->base, f->name);
	/* Fixed staging names: a manifest's name must not pick our files. */
	zpath = xasprintf("%s/snapshot.z", r->staging);
	dbpath = xasprintf("%s/snapshot.db", r->staging);
	rc = sync_fetch_file(r->fetch, url, zpath, f->size, cause);
	if (rc != SYNC_FETCH_OK) {
		st = rc == SYNC_FETCH_TOO_LARGE ? SYNC_REFUSED : SYNC_FAILED;
		goto out;
	}
	rc = sync_verify_file(zpath, url, f->size, f->sha256, cause);
	if (rc != SYNC_VERIFY_OK) {
		st = rc == SYNC_VERIFY_BAD ? SYNC_REFUSED : SYNC_FAILED;
		goto out;
	}
	rc = sync_verify_inflate(zpath, dbpath, url, f->uncompressed_size,
	    cause);
	unlink(zpath);
	if (rc != SYNC_VERIFY_OK) {
		st = rc == SYNC_VERIFY_BAD ? SYNC_REFUSED : SYNC_FAILED;
		goto out;
	}
	if (catalog_snapshot_check(dbpath, &info, cause) != 0) {
		c = xasprintf("%s (from %s)", *cause, url);
		free(*cause);
		*cause = c;
		goto out;
	}
	if (info.version != r->manifest->version) {
		*cause = xasprintf("%s: holds catalogue version %lld, but the "
		    "manifest announces %lld", url, (long long)info.version,
		    (long long)r->manifest->version);
		goto out;
	}

	rc = catalog_snapshot_apply(r->db, dbpath, r->manifest->version, cause);
	if (rc < 0) {
		st = SYNC_FAILED;
		goto out;
	}
	st = rc == 0 ? SYNC_UPDATED : SYNC_CURRENT;
	res->entries = catalog_db_entry_count(r->db);

out:
	free(url);
	free(zpath);
	free(dbpath);
	return st;
}

enum sync_status
sync_agent_run(const struct sync_agent_options *opts,
    struct sync_agent_result *res, char **cause)
{
	struct sync_agent_run r;
	struct sync_fetch_options fo;
	enum sync_status st;

	memset(&r, 0, sizeof r);
	memset(res, 0, sizeof *res);
	r.opts = opts;
	r.lockfd = -1;
	if (sodium_init() < 0) {
		*cause = xstrdup("cannot initialise libsodium");
		return SYNC_FAILED;
	}
	if ((r.base = sync_repo_base(opts->repo, cause)) == NULL) {
		st = SYNC_FAILED;
		goto out;
	}
	if ((st = sync_agent_stage(&r, cause)) != SYNC_UPDATED)
		goto out;
	r.db = catalog_db_open(opts->db, CATALOG_DB_CREATE, cause);
	if (r.db == NULL) {
		st = SYNC_FAILED;
		goto out;
	}
	memset(&fo, 0, sizeof fo);
	fo.cacert = opts->cacert;
	fo.timeout = opts->timeout;
	fo.https_only = strncasecmp(r.base, "https://", 8) == 0;
	if ((r.fetch = sync_fetch_new(&fo, cause)) == NULL) {
		st = SYNC_FAILED;
		goto out;
	}

	st = sync_agent_manifest(&r, cause);
	if (st == SYNC_UPDATED)
		st = sync_agent_snapshot(&r, res, cause);
	if (st == SYNC_UPDATED || st == SYNC_CURRENT) {
		if (sync_agent_mark(&r, cause) != SYNC_UPDATED)
			st = SYNC_FAILED;
	}
	res->version = catalog_db_version(r.db);
	if (st == SYNC_CURRENT)
		res->entries = catalog_db_entry_count(r.db);

out:
	if (r.locked)
		sync_agent_clean(r.staging);
	if (r.lockfd != -1)
		close(r.lockfd);
	sync_fetch_free(r.fetch);
	catalog_db_close(r.db);
	catalog_manifest_free(r.manifest);
	free(r.base);
	free(r.manifest_url);
	free(r.staging);
	return st;
}
