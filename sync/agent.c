/*
 * agent: one sync run (see agent.h).
 *
 * Order matters: the signature before anything else (nothing unsigned is
 * even looked at), then expiry (an expired manifest must not count as a
 * successful check), then the version (equal: already current; lower:
 * rollback), then the schema, then the caps, and only then the download.
 * Every file is checked before the next step trusts it: size and SHA-256
 * before inflating, exact inflated size before SQLite opens it, SQLite's
 * own check and the content digest before it counts as applied.
 *
 * The conditional GET remembers, in the catalogue's local metadata, the
 * manifest URL, its ETag and Last-Modified, its expiry and the catalogue
 * version they go with; they are only sent when the catalogue is still at
 * that version, so a 304 can only ever mean "nothing new". A 304 for a
 * manifest that has since expired is refused like an expired manifest.
 *
 * What a good check stores (synced_at, the conditional GET's values, the
 * announced keys) is staged (catalog_db_meta_stage) and written inside
 * the very transaction that applies a snapshot or delta, so a full disk
 * fails the whole update instead of leaving a new catalogue without its
 * metadata; without an update, it is written in one transaction.
 *
 * The staging directory (CATALOGUE.staging/) holds a lock file, so two
 * runs for one catalogue never share it, and at most one partial download
 * (download.part) with a sidecar (download.want) naming the SHA-256 and
 * size it is meant to become. A failed run keeps both, so the next run
 * resumes with Range; a partial for another file, or older than the stale
 * limit, is removed; anything else is removed before and after each run.
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

#include "catalog/clock.h"
#include "catalog/db.h"
#include "catalog/delta.h"
#include "catalog/manifest.h"
#include "catalog/snapshot.h"
#include "catalog/xmalloc.h"
#include "sync/agent.h"
#include "sync/fetch.h"
#include "sync/repo.h"
#include "sync/verify.h"

#define SYNC_AGENT_LOCK "lock"
#define SYNC_AGENT_PART "download.part"
#define SYNC_AGENT_WANT "download.want"
#define SYNC_AGENT_INFLATED "inflated"

/* Local metadata keys (never part of a snapshot or delta). */
#define SYNC_META_URL "sync_manifest_url"
#define SYNC_META_ETAG "sync_etag"
#define SYNC_META_LASTMOD "sync_last_modified"
#define SYNC_META_COND_VERSION "sync_cond_version"
#define SYNC_META_EXPIRES "sync_expires"
#define SYNC_META_KEYS "sync_trusted_keys"

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
	struct sync_fetch_cond cond;
	unsigned char	 (*keys)[32];	/* trusted keys */
	size_t		 nkeys;
	size_t		 signer;	/* index in keys */
	int		 replace;	/* same version, other content */
};

/*
 * Remove the staging directory's files but the lock; keep the partial
 * download and its sidecar when keep_partial.
 */
static void
sync_agent_clean(const char *staging, int keep_partial)
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
		if (keep_partial && (strcmp(de->d_name, SYNC_AGENT_PART) == 0 ||
		    strcmp(de->d_name, SYNC_AGENT_WANT) == 0))
			continue;
		path = xasprintf("%s/%s", staging, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

/* Drop a partial download whose sidecar is older than the stale limit. */
static void
sync_agent_drop_stale(struct sync_agent_run *r)
{
	struct stat sb;
	char *want = xasprintf("%s/" SYNC_AGENT_WANT, r->staging);
	int days = r->opts->stale_days > 0 ? r->opts->stale_days :
	    SYNC_AGENT_STALE_DAYS;

	/* A file's mtime is wall-clock time: compare with time(NULL). */
	if (stat(want, &sb) != 0 ||
	    time(NULL) - sb.st_mtime > (time_t)days * 86400)
		sync_agent_clean(r->staging, 0);
	free(want);
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
	sync_agent_clean(r->staging, 1);
	sync_agent_drop_stale(r);
	st = SYNC_UPDATED;

out:
	free(lock);
	return st;
}

/* 1 when the stored metadata value of key equals value. */
static int
sync_agent_meta_is(struct sync_agent_run *r, const char *key,
    const char *value)
{
	char *v = catalog_db_meta_get(r->db, key);
	int same = v != NULL && strcmp(v, value) == 0;

	free(v);
	return same;
}

/* Add key to the trusted set unless it is there. */
static void
sync_agent_trust(struct sync_agent_run *r, const unsigned char key[32])
{
	size_t i;

	for (i = 0; i < r->nkeys; i++) {
		if (memcmp(r->keys[i], key, 32) == 0)
			return;
	}
	r->keys = xreallocarray(r->keys, r->nkeys + 1, sizeof *r->keys);
	memcpy(r->keys[r->nkeys++], key, 32);
}

/* The trusted keys: --pubkey and those announced before (local meta). */
static void
sync_agent_load_keys(struct sync_agent_run *r)
{
	unsigned char key[32];
	char *list, *tok, *save = NULL;
	size_t len;

	if (r->opts->pubkey != NULL)
		sync_agent_trust(r, r->opts->pubkey);
	if ((list = catalog_db_meta_get(r->db, SYNC_META_KEYS)) == NULL)
		return;
	for (tok = strtok_r(list, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if (sodium_base642bin(key, sizeof key, tok, strlen(tok), NULL,
		    &len, NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
		    len == sizeof key)
			sync_agent_trust(r, key);
	}
	free(list);
}

/*
 * After a good check: when the manifest announces keys, trust from now on
 * exactly the key that signed it and the announced ones (staged).
 */
static void
sync_agent_stage_keys(struct sync_agent_run *r)
{
	const struct catalog_manifest *m = r->manifest;
	char b64[64], *list, *next;
	size_t i;

	if (m == NULL || m->nnext_keys == 0)
		return;
	sodium_bin2base64(b64, sizeof b64, r->keys[r->signer], 32,
	    sodium_base64_VARIANT_ORIGINAL);
	list = xstrdup(b64);
	for (i = 0; i < m->nnext_keys; i++) {
		sodium_bin2base64(b64, sizeof b64, m->next_keys[i], 32,
		    sodium_base64_VARIANT_ORIGINAL);
		next = xasprintf("%s %s", list, b64);
		free(list);
		list = next;
	}
	catalog_db_meta_stage(r->db, SYNC_META_KEYS, list);
	free(list);
}

/*
 * Stage what a good check stores (catalog_db_meta_stage): "synced_at" =
 * now and, for a manifest fetched in full, what the next conditional GET
 * sends (for catalogue version `version`) and the keys it announces. An
 * applied snapshot or delta stores them in its own transaction, so a
 * full disk cannot leave a new catalogue without its metadata.
 */
static void
sync_agent_stage_meta(struct sync_agent_run *r, int not_modified,
    int64_t version)
{
	char now[CATALOG_MANIFEST_TIME_MAX], when[CATALOG_MANIFEST_TIME_MAX];
	char v[32];

	if (!not_modified && r->manifest != NULL) {
		if (r->manifest->expires != 0)
			catalog_manifest_time_format(r->manifest->expires, when);
		else
			when[0] = '\0';
		snprintf(v, sizeof v, "%lld", (long long)version);
		catalog_db_meta_stage(r->db, SYNC_META_URL, r->manifest_url);
		catalog_db_meta_stage(r->db, SYNC_META_ETAG,
		    r->cond.new_etag != NULL ? r->cond.new_etag : "");
		catalog_db_meta_stage(r->db, SYNC_META_LASTMOD,
		    r->cond.new_last_modified != NULL ?
		    r->cond.new_last_modified : "");
		catalog_db_meta_stage(r->db, SYNC_META_COND_VERSION, v);
		catalog_db_meta_stage(r->db, SYNC_META_EXPIRES, when);
		sync_agent_stage_keys(r);
	}
	catalog_manifest_time_format(catalog_clock_now(), now);
	catalog_db_meta_stage(r->db, "synced_at", now);
}

/* A 304: nothing new, unless the manifest we hold has expired since. */
static enum sync_status
sync_agent_not_modified(struct sync_agent_run *r, char **cause)
{
	char *expires = catalog_db_meta_get(r->db, SYNC_META_EXPIRES);
	enum sync_status st = SYNC_CURRENT;
	time_t t;

	if (expires != NULL && *expires != '\0' &&
	    catalog_manifest_time_parse(expires, &t) == 0 && t < catalog_clock_now()) {
		*cause = xasprintf("%s: the manifest (unchanged) expired at %s; "
		    "keeping catalogue version %lld", r->manifest_url, expires,
		    (long long)catalog_db_version(r->db));
		st = SYNC_REFUSED;
	}
	free(expires);
	return st;
}

/* Fetch and parse the manifest, and decide whether to go on. */
static enum sync_status
sync_agent_manifest(struct sync_agent_run *r, struct sync_agent_result *res,
    char **cause)
{
	const struct catalog_manifest *m;
	char *buf = NULL, *etag = NULL, *lastmod = NULL, version[32];
	char when[CATALOG_MANIFEST_TIME_MAX];
	size_t len;
	int64_t current;
	int rc;

	current = catalog_db_version(r->db);
	r->manifest_url = sync_repo_url(r->base, CATALOG_MANIFEST_NAME);
	snprintf(version, sizeof version, "%lld", (long long)current);
	if (current > 0 && sync_agent_meta_is(r, SYNC_META_URL,
	    r->manifest_url) && sync_agent_meta_is(r, SYNC_META_COND_VERSION,
	    version)) {
		etag = catalog_db_meta_get(r->db, SYNC_META_ETAG);
		lastmod = catalog_db_meta_get(r->db, SYNC_META_LASTMOD);
		r->cond.etag = etag != NULL && *etag != '\0' ? etag : NULL;
		r->cond.last_modified = lastmod != NULL && *lastmod != '\0' ?
		    lastmod : NULL;
	}
	rc = sync_fetch_buffer_cond(r->fetch, r->manifest_url,
	    CATALOG_MANIFEST_MAX_SIZE, &r->cond, &buf, &len, cause);
	r->cond.etag = r->cond.last_modified = NULL;
	free(etag);
	free(lastmod);
	if (rc == SYNC_FETCH_NOT_MODIFIED) {
		res->not_modified = 1;
		return sync_agent_not_modified(r, cause);
	}
	if (rc == SYNC_FETCH_TOO_LARGE)
		return SYNC_REFUSED;
	if (rc != SYNC_FETCH_OK)
		return SYNC_FAILED;
	r->manifest = catalog_manifest_parse(buf, len, r->manifest_url, cause);
	free(buf);
	if (r->manifest == NULL)
		return SYNC_REFUSED;
	m = r->manifest;

	sync_agent_load_keys(r);
	if (catalog_manifest_verify(m, (const unsigned char (*)[32])r->keys,
	    r->nkeys, r->manifest_url, &r->signer, cause) != 0)
		return SYNC_REFUSED;
	if (m->expires != 0 && m->expires < catalog_clock_now()) {
		catalog_manifest_time_format(m->expires, when);
		*cause = xasprintf("%s: the manifest expired at %s; keeping "
		    "catalogue version %lld", r->manifest_url, when,
		    (long long)current);
		return SYNC_REFUSED;
	}
	if (m->version == current) {
		unsigned char digest[32];

		/*
		 * The same number is not the same catalogue: a local import
		 * may have reached this version with other content. Then the
		 * repository's snapshot replaces it.
		 */
		if (!m->has_content)
			return SYNC_CURRENT;
		if (catalog_snapshot_digest(r->db, digest, cause) != 0)
			return SYNC_FAILED;
		if (sodium_memcmp(digest, m->content_sha256, sizeof digest) ==
		    0)
			return SYNC_CURRENT;
		r->replace = 1;
	}
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

/* Map a fetch or verify outcome to a status. */
static enum sync_status
sync_agent_status(int rc, int bad)
{
	if (rc == bad)
		return SYNC_REFUSED;
	return SYNC_FAILED;
}

/*
 * Make the staging sidecar name f: a partial download for another file is
 * dropped, one for f is kept to resume.
 */
static int
sync_agent_want(struct sync_agent_run *r,
    const struct catalog_manifest_file *f, const char *part, char **cause)
{
	char *want = xasprintf("%s/" SYNC_AGENT_WANT, r->staging);
	char line[128], have[128], hex[65];
	FILE *fp;
	size_t n = 0;
	int rc = -1;

	catalog_manifest_hex(f->sha256, hex);
	snprintf(line, sizeof line, "%s %lld\n", hex, (long long)f->size);
	if ((fp = fopen(want, "r")) != NULL) {
		n = fread(have, 1, sizeof have - 1, fp);
		fclose(fp);
	}
	have[n] = '\0';
	if (strcmp(have, line) == 0) {
		rc = 0;
		goto out;
	}
	unlink(part);
	if ((fp = fopen(want, "w")) == NULL ||
	    fputs(line, fp) == EOF || fflush(fp) != 0 ||
	    fsync(fileno(fp)) != 0) {
		*cause = xasprintf("%s: %s", want, strerror(errno));
		if (fp != NULL)
			fclose(fp);
		goto out;
	}
	if (fclose(fp) != 0) {
		*cause = xasprintf("%s: %s", want, strerror(errno));
		goto out;
	}
	rc = 0;

out:
	free(want);
	return rc;
}

/*
 * Download f (resuming), check its size and SHA-256, and inflate it to
 * the staging file *out (a new string).
 */
static enum sync_status
sync_agent_get(struct sync_agent_run *r, const struct catalog_manifest_file *f,
    char **out, char **cause)
{
	char *url = NULL, *part = NULL, *want = NULL;
	enum sync_status st = SYNC_REFUSED;
	int rc;

	*out = NULL;
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
	part = xasprintf("%s/" SYNC_AGENT_PART, r->staging);
	want = xasprintf("%s/" SYNC_AGENT_WANT, r->staging);
	if (sync_agent_want(r, f, part, cause) != 0) {
		st = SYNC_FAILED;
		goto out;
	}
	rc = sync_fetch_resume(r->fetch, url, part, f->size, cause);
	if (rc != SYNC_FETCH_OK) {
		st = sync_agent_status(rc, SYNC_FETCH_TOO_LARGE);
		if (st == SYNC_REFUSED) {
			unlink(part);
			unlink(want);
		}
		goto out;
	}
	rc = sync_verify_file(part, url, f->size, f->sha256, cause);
	if (rc != SYNC_VERIFY_OK) {
		st = sync_agent_status(rc, SYNC_VERIFY_BAD);
		unlink(part);
		unlink(want);
		goto out;
	}
	*out = xasprintf("%s/" SYNC_AGENT_INFLATED, r->staging);
	rc = sync_verify_inflate(part, *out, url, f->uncompressed_size, cause);
	unlink(part);
	unlink(want);
	if (rc != SYNC_VERIFY_OK) {
		st = sync_agent_status(rc, SYNC_VERIFY_BAD);
		unlink(*out);
		free(*out);
		*out = NULL;
		goto out;
	}
	st = SYNC_UPDATED;

out:
	free(url);
	free(part);
	free(want);
	return st;
}

/* Download, verify, inflate, check and apply the snapshot. */
static enum sync_status
sync_agent_snapshot(struct sync_agent_run *r, struct sync_agent_result *res,
    char **cause)
{
	const struct catalog_manifest_file *f;
	struct catalog_snapshot_info info;
	char *dbpath = NULL, *c, hex[65], want[65];
	enum sync_status st;
	size_t len;
	int rc;

	f = catalog_manifest_snapshot(r->manifest);
	if ((st = sync_agent_get(r, f, &dbpath, cause)) != SYNC_UPDATED)
		goto out;
	st = SYNC_REFUSED;
	if (catalog_snapshot_check(dbpath, &info, cause) != 0) {
		c = xasprintf("%s (from %s%s)", *cause, r->base, f->name);
		free(*cause);
		*cause = c;
		goto out;
	}
	if (info.version != r->manifest->version) {
		*cause = xasprintf("%s%s: holds catalogue version %lld, but the "
		    "manifest announces %lld", r->base, f->name,
		    (long long)info.version, (long long)r->manifest->version);
		goto out;
	}
	if (r->manifest->has_content && sodium_memcmp(info.digest,
	    r->manifest->content_sha256, sizeof info.digest) != 0) {
		catalog_manifest_hex(info.digest, hex);
		catalog_manifest_hex(r->manifest->content_sha256, want);
		*cause = xasprintf("%s%s: content digest is %s, but the "
		    "manifest says %s", r->base, f->name, hex, want);
		goto out;
	}
	rc = r->replace ? catalog_snapshot_replace(r->db, dbpath,
	    r->manifest->version, cause) : catalog_snapshot_apply(r->db, dbpath,
	    r->manifest->version, cause);
	if (rc < 0) {
		st = SYNC_FAILED;
		goto out;
	}
	st = rc == 0 ? SYNC_UPDATED : SYNC_CURRENT;
	res->entries = catalog_db_entry_count(r->db);
	if (res->via[0] != '\0') {
		len = strlen(res->via);
		snprintf(res->via + len, sizeof res->via - len,
		    "; took the snapshot");
	} else
		snprintf(res->via, sizeof res->via, r->replace ? "snapshot "
		    "(it replaced local changes to this version)" : "snapshot");

out:
	if (dbpath != NULL)
		unlink(dbpath);
	free(dbpath);
	return st;
}

/*
 * Download, verify and apply the delta f. SYNC_UPDATED when applied;
 * *fallback set when it did not fit and the snapshot should be used.
 */
static enum sync_status
sync_agent_delta(struct sync_agent_run *r,
    const struct catalog_manifest_file *f, struct sync_agent_result *res,
    int *fallback, char **cause)
{
	char *cspath = NULL, *why = NULL;
	enum sync_status st;
	int rc;

	*fallback = 0;
	if ((st = sync_agent_get(r, f, &cspath, cause)) != SYNC_UPDATED)
		goto out;
	rc = catalog_delta_apply(r->db, cspath, f->from, r->manifest->version,
	    r->manifest->content_sha256, &why);
	if (rc == 0) {
		res->entries = catalog_db_entry_count(r->db);
		snprintf(res->via, sizeof res->via, "delta from version %lld",
		    (long long)f->from);
		goto out;
	}
	/* Changed under us (1) or did not fit (-1): the snapshot decides. */
	snprintf(res->via, sizeof res->via, "delta from version %lld did "
	    "not fit", (long long)f->from);
	*fallback = 1;
	st = SYNC_FAILED;

out:
	if (cspath != NULL)
		unlink(cspath);
	free(cspath);
	free(why);
	return st;
}

/* Apply the new version: a delta when it is smaller, else the snapshot. */
static enum sync_status
sync_agent_update(struct sync_agent_run *r, struct sync_agent_result *res,
    char **cause)
{
	const struct catalog_manifest_file *snap, *delta = NULL;
	enum sync_status st;
	int fallback = 0;

	snap = catalog_manifest_snapshot(r->manifest);
	if (r->manifest->has_content && res->previous > 0 && !r->replace)
		delta = catalog_manifest_delta(r->manifest, res->previous);
	if (delta != NULL && delta->size < snap->size) {
		st = sync_agent_delta(r, delta, res, &fallback, cause);
		if (!fallback)
			return st;
	}
	return sync_agent_snapshot(r, res, cause);
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
	res->previous = catalog_db_version(r.db);
	memset(&fo, 0, sizeof fo);
	fo.cacert = opts->cacert;
	fo.timeout = opts->timeout;
	fo.https_only = strncasecmp(r.base, "https://", 8) == 0;
	fo.max_rate = opts->max_rate;
	fo.progress = opts->progress;
	fo.stop = opts->stop;
	if ((r.fetch = sync_fetch_new(&fo, cause)) == NULL) {
		st = SYNC_FAILED;
		goto out;
	}

	st = sync_agent_manifest(&r, res, cause);
	if (st == SYNC_UPDATED) {
		/* Stored by the apply, in its transaction. */
		sync_agent_stage_meta(&r, 0, r.manifest->version);
		st = sync_agent_update(&r, res, cause);
		if (st == SYNC_UPDATED && catalog_db_in_transaction(r.db)) {
			*cause = xasprintf("%s: the update was not stored",
			    opts->db);
			st = SYNC_FAILED;
		}
		catalog_db_meta_unstage(r.db);
	}
	if (st == SYNC_CURRENT) {
		sync_agent_stage_meta(&r, res->not_modified,
		    catalog_db_version(r.db));
		if (catalog_db_meta_commit(r.db, cause) != 0)
			st = SYNC_FAILED;
		catalog_db_meta_unstage(r.db);
	}
	/* The version applied, whatever an import did since. */
	res->version = st == SYNC_UPDATED ? r.manifest->version :
	    catalog_db_version(r.db);
	if (st == SYNC_CURRENT)
		res->entries = catalog_db_entry_count(r.db);
	res->received = sync_fetch_received(r.fetch);

out:
	if (r.locked)
		sync_agent_clean(r.staging, st == SYNC_FAILED);
	if (r.lockfd != -1)
		close(r.lockfd);
	sync_fetch_free(r.fetch);
	catalog_db_close(r.db);
	catalog_manifest_free(r.manifest);
	sync_fetch_cond_done(&r.cond);
	free(r.keys);
	free(r.base);
	free(r.manifest_url);
	free(r.staging);
	return st;
}
