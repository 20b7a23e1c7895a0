/*
 * publish: writing the catalogue as a repository (see publish.h).
 *
 * Steps, under an exclusive lock on DIR/.publish.lock:
 *  1. read the current manifest, if any, for its version;
 *  2. export a snapshot (snapshot.c) into the private state folder;
 *  3. diff the previously published snapshot (state/current.db) against
 *     it into a step changeset state/step-FROM-TO.cs (delta.c);
 *  4. combine the last K steps into deltas from each of those versions to
 *     this one, and deflate each (zlib, streaming, hashing the compressed
 *     bytes with SHA-256 on the way, fsync) to delta-<sha256>.cs.z;
 *  5. deflate the snapshot the same way to snapshot-<sha256>.db.z;
 *  6. write manifest.json, signed, the same way (temporary, fsync,
 *     rename, fsync the directory);
 *  7. make the new snapshot state/current.db, drop steps older than K;
 *     each step has a sidecar step-FROM-TO.cs.sha256 with its SHA-256
 *     and size, written with it and checked before it is used: a damaged
 *     step is removed with a warning, and the deltas that needed it are
 *     not offered (kiosks at those versions take the snapshot);
 *  8. remove every file the new manifest does not name, and any
 *     temporary file an interrupted publish left behind.
 * A publish interrupted anywhere leaves the old manifest and its files in
 * place; at worst the state lacks a step and kiosks on that version take
 * the snapshot. Files are world-readable: the repository is public by
 * design; the state folder is private (0700).
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
#include <unistd.h>

#include <sodium.h>
#include <zlib.h>

#include "catalog/clock.h"
#include "catalog/db.h"
#include "catalog/delta.h"
#include "catalog/manifest.h"
#include "catalog/publish.h"
#include "catalog/snapshot.h"
#include "catalog/xmalloc.h"

#define CATALOG_PUBLISH_TMP ".publish-"
#define CATALOG_PUBLISH_LOCK ".publish.lock"
#define CATALOG_PUBLISH_CHUNK 65536

void
catalog_publish_result_done(struct catalog_publish_result *res)
{
	size_t i;

	free(res->snapshot);
	for (i = 0; i < res->ndeltas; i++)
		free(res->deltas[i].name);
	free(res->deltas);
	free(res->state);
	for (i = 0; i < res->nwarnings; i++)
		free(res->warnings[i]);
	free(res->warnings);
	memset(res, 0, sizeof *res);
}

int
catalog_publish_duration(const char *s, time_t *out)
{
	int64_t total = 0, n, unit;
	const char *p = s;

	if (*p == '\0')
		return -1;
	while (*p != '\0') {
		if (*p < '0' || *p > '9')
			return -1;
		for (n = 0; *p >= '0' && *p <= '9'; p++) {
			if (n > 1000000000)
				return -1;
			n = n * 10 + (*p - '0');
		}
		switch (*p++) {
		case 's':
			unit = 1;
			break;
		case 'm':
			unit = 60;
			break;
		case 'h':
			unit = 3600;
			break;
		case 'd':
			unit = 86400;
			break;
		case 'w':
			unit = 7 * 86400;
			break;
		default:
			return -1;
		}
		total += n * unit;
		if (total > (int64_t)3660 * 86400)
			return -1;
	}
	if (total < 1)
		return -1;
	*out = (time_t)total;
	return 0;
}

/* mkdir -p dir (mode 0755); -1 with errno on failure. */
static int
catalog_publish_mkdirs(const char *dir)
{
	char *copy = xstrdup(dir), *p;
	int rc = 0;

	for (p = copy + 1; rc == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (*p == '\0') {
			if (mkdir(copy, 0755) != 0 && errno != EEXIST)
				rc = -1;
			break;
		}
		*p = '\0';
		if (mkdir(copy, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(copy);
	return rc;
}

/* A new empty temporary file in dir, mode 0644; -1 and *cause. */
static int
catalog_publish_mktemp(const char *dir, char **path, char **cause)
{
	int fd;

	*path = xasprintf("%s/" CATALOG_PUBLISH_TMP "XXXXXX", dir);
	fd = mkstemp(*path);
	if (fd == -1 || fchmod(fd, 0644) != 0) {
		*cause = xasprintf("%s: cannot create a temporary file: %s",
		    dir, strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(*path);
		}
		free(*path);
		*path = NULL;
		return -1;
	}
	return fd;
}

/* Write all of buf to fd; -1 on error (errno set). */
static int
catalog_publish_write_all(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync a directory so a rename in it survives a power cut. */
static void
catalog_publish_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd != -1) {
		fsync(fd);
		close(fd);
	}
}

/*
 * Deflate src into the open file out (named outpath), hashing and counting
 * the compressed bytes; fsyncs out.
 */
static int
catalog_publish_compress(const char *src, int out, const char *outpath,
    unsigned char sha256[32], int64_t *size, int64_t *usize, char **cause)
{
	crypto_hash_sha256_state hs;
	z_stream zs;
	unsigned char *in = NULL, *buf = NULL;
	FILE *f = NULL;
	size_t n;
	int flush, zrc, started = 0, rc = -1;

	memset(&zs, 0, sizeof zs);
	*size = *usize = 0;
	crypto_hash_sha256_init(&hs);
	if ((f = fopen(src, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", src, strerror(errno));
		goto fail;
	}
	if (deflateInit(&zs, Z_BEST_COMPRESSION) != Z_OK) {
		*cause = xasprintf("%s: cannot start zlib", outpath);
		goto fail;
	}
	started = 1;
	in = xmalloc(CATALOG_PUBLISH_CHUNK);
	buf = xmalloc(CATALOG_PUBLISH_CHUNK);
	do {
		n = fread(in, 1, CATALOG_PUBLISH_CHUNK, f);
		if (ferror(f)) {
			*cause = xasprintf("%s: read error", src);
			goto fail;
		}
		*usize += (int64_t)n;
		flush = feof(f) ? Z_FINISH : Z_NO_FLUSH;
		zs.next_in = in;
		zs.avail_in = (uInt)n;
		do {
			zs.next_out = buf;
			zs.avail_out = CATALOG_PUBLISH_CHUNK;
			zrc = deflate(&zs, flush);
			if (zrc == Z_STREAM_ERROR) {
				*cause = xasprintf("%s: zlib error", outpath);
				goto fail;
			}
			n = CATALOG_PUBLISH_CHUNK - zs.avail_out;
			crypto_hash_sha256_update(&hs, buf, n);
			if (catalog_publish_write_all(out, buf, n) != 0) {
				*cause = xasprintf("%s: %s", outpath,
				    strerror(errno));
				goto fail;
			}
			*size += (int64_t)n;
		} while (zs.avail_out == 0);
	} while (flush != Z_FINISH);
	if (fsync(out) != 0) {
		*cause = xasprintf("%s: %s", outpath, strerror(errno));
		goto fail;
	}
	crypto_hash_sha256_final(&hs, sha256);
	rc = 0;

fail:
	if (started)
		deflateEnd(&zs);
	if (f != NULL)
		fclose(f);
	free(in);
	free(buf);
	return rc;
}

/*
 * Give the new file (fd) a modification time at least one second later
 * than the file it replaces (path). Web servers derive ETag and
 * Last-Modified from the mtime in whole seconds and the size, so two
 * manifests of equal size written within one second would look the same
 * to a kiosk's conditional GET, which would then miss the second one.
 */
static int
catalog_publish_newer_mtime(int fd, const char *path)
{
	struct timespec times[2];
	struct stat old, cur;

	if (stat(path, &old) != 0 || fstat(fd, &cur) != 0)
		return 0;	/* nothing replaced, or nothing to compare */
	if (cur.st_mtim.tv_sec > old.st_mtim.tv_sec)
		return 0;
	times[0].tv_sec = 0;
	times[0].tv_nsec = UTIME_OMIT;
	times[1].tv_sec = old.st_mtim.tv_sec + 1;
	times[1].tv_nsec = 0;
	return futimens(fd, times);
}

/* Atomically replace dir/name with text: temporary, fsync, rename. */
static int
catalog_publish_write_atomic(const char *dir, const char *name,
    const char *text, char **cause)
{
	char *tmp = NULL, *path = NULL;
	int fd = -1, rc = -1;

	if ((fd = catalog_publish_mktemp(dir, &tmp, cause)) == -1)
		goto fail;
	path = xasprintf("%s/%s", dir, name);
	if (catalog_publish_write_all(fd, text, strlen(text)) != 0 ||
	    catalog_publish_newer_mtime(fd, path) != 0 ||
	    fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		*cause = xasprintf("%s: %s", tmp, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		*cause = xasprintf("%s: cannot rename to %s: %s", tmp, path,
		    strerror(errno));
		goto fail;
	}
	free(tmp);
	tmp = NULL;
	catalog_publish_sync_dir(dir);
	rc = 0;

fail:
	if (fd != -1)
		close(fd);
	if (tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(path);
	return rc;
}

/* The manifest dir holds now, or NULL (none, or unreadable). */
static struct catalog_manifest *
catalog_publish_previous(const char *dir)
{
	struct catalog_manifest *m = NULL;
	char *path, *buf, *cause = NULL;
	FILE *f;
	size_t n;

	path = xasprintf("%s/%s", dir, CATALOG_MANIFEST_NAME);
	f = fopen(path, "rb");
	if (f != NULL) {
		buf = xmalloc(CATALOG_MANIFEST_MAX_SIZE + 1);
		n = fread(buf, 1, CATALOG_MANIFEST_MAX_SIZE + 1, f);
		fclose(f);
		m = catalog_manifest_parse(buf, n, path, &cause);
		free(cause);
		free(buf);
	}
	free(path);
	return m;
}

/* 1 when name looks like a file publish writes or leaves behind. */
static int
catalog_publish_ours(const char *name)
{
	size_t len = strlen(name);

	if (strncmp(name, CATALOG_PUBLISH_TMP, strlen(CATALOG_PUBLISH_TMP)) ==
	    0)
		return 1;
	if (strncmp(name, "delta-", 6) == 0 && len > 11 &&
	    strcmp(name + len - 5, ".cs.z") == 0)
		return 1;
	return strncmp(name, "snapshot-", 9) == 0 && len > 14 &&
	    strcmp(name + len - 5, ".db.z") == 0;
}

/* Remove what m no longer names; returns how many files went. */
static size_t
catalog_publish_cleanup(const char *dir, const struct catalog_manifest *m,
    const struct catalog_manifest *prev)
{
	DIR *d;
	struct dirent *de;
	char *path;
	size_t i, removed = 0;

	if (prev != NULL) {
		for (i = 0; i < prev->nfiles; i++) {
			if (catalog_manifest_find(m, prev->files[i].name) != NULL)
				continue;
			path = xasprintf("%s/%s", dir, prev->files[i].name);
			if (unlink(path) == 0)
				removed++;
			free(path);
		}
	}
	if ((d = opendir(dir)) == NULL)
		return removed;
	while ((de = readdir(d)) != NULL) {
		if (!catalog_publish_ours(de->d_name) ||
		    catalog_manifest_find(m, de->d_name) != NULL)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (unlink(path) == 0 && de->d_name[0] != '.')
			removed++;
		free(path);
	}
	closedir(d);
	return removed;
}

/*
 * Deflate src into dir as PREFIX<sha256>SUFFIX (a new name in *name);
 * sizes and hash out. The file appears under its name only when complete.
 */
static int
catalog_publish_store(const char *dir, const char *src, const char *prefix,
    const char *suffix, char **name, int64_t *size, int64_t *usize,
    unsigned char sha256[32], char **cause)
{
	char *tmp = NULL, *final = NULL, hex[65];
	int fd, rc = -1;

	*name = NULL;
	if ((fd = catalog_publish_mktemp(dir, &tmp, cause)) == -1)
		return -1;
	if (catalog_publish_compress(src, fd, tmp, sha256, size, usize,
	    cause) != 0)
		goto fail;
	close(fd);
	fd = -1;
	catalog_manifest_hex(sha256, hex);
	*name = xasprintf("%s%s%s", prefix, hex, suffix);
	final = xasprintf("%s/%s", dir, *name);
	if (rename(tmp, final) != 0) {
		*cause = xasprintf("%s: cannot rename to %s: %s", tmp, final,
		    strerror(errno));
		goto fail;
	}
	free(tmp);
	tmp = NULL;
	rc = 0;

fail:
	if (fd != -1)
		close(fd);
	if (tmp != NULL)
		unlink(tmp);
	if (rc != 0) {
		free(*name);
		*name = NULL;
	}
	free(tmp);
	free(final);
	return rc;
}

/* A step changeset kept in the state folder. */
struct catalog_publish_step {
	int64_t		 from;
	int64_t		 to;
	char		*path;
};

/* A step file and its sidecar with the SHA-256 and size, both removed. */
static void
catalog_publish_step_unlink(const char *path)
{
	char *sum = xasprintf("%s.sha256", path);

	unlink(path);
	unlink(sum);
	free(sum);
}

/* SHA-256 and size of the file at path as "HEX SIZE\n"; -1 on error. */
static int
catalog_publish_step_sum(const char *path, char line[96])
{
	crypto_hash_sha256_state h;
	unsigned char buf[CATALOG_PUBLISH_CHUNK], sum[32];
	char hex[65];
	long long size = 0;
	size_t n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	crypto_hash_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		crypto_hash_sha256_update(&h, buf, n);
		size += (long long)n;
	}
	if (ferror(f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	crypto_hash_sha256_final(&h, sum);
	catalog_manifest_hex(sum, hex);
	snprintf(line, 96, "%s %lld\n", hex, size);
	return 0;
}

/* Write path's sidecar (path.sha256), synced; -1 and *cause on error. */
static int
catalog_publish_step_seal(const char *path, char **cause)
{
	char line[96], *sum = xasprintf("%s.sha256", path);
	FILE *f = NULL;
	int rc = -1;

	if (catalog_publish_step_sum(path, line) != 0 ||
	    (f = fopen(sum, "w")) == NULL || fputs(line, f) == EOF ||
	    fflush(f) != 0 || fsync(fileno(f)) != 0) {
		*cause = xasprintf("%s: %s", sum, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (f != NULL && fclose(f) != 0 && rc == 0) {
		*cause = xasprintf("%s: %s", sum, strerror(errno));
		rc = -1;
	}
	free(sum);
	return rc;
}

/*
 * Why the step at path cannot be used (a new string), or NULL when its
 * size and SHA-256 are what its sidecar recorded when it was written. A
 * step from before sidecars must pass catalog_delta_check, and gets one.
 */
static char *
catalog_publish_step_verify(const char *path)
{
	char line[96], want[96], *sum = xasprintf("%s.sha256", path);
	char *why = NULL;
	size_t n;
	FILE *f;

	if ((f = fopen(sum, "r")) == NULL) {
		if (errno != ENOENT)
			why = xasprintf("%s: %s", sum, strerror(errno));
		else if (catalog_delta_check(path, -1, &why) == 0)
			(void)catalog_publish_step_seal(path, &why);
		goto out;
	}
	n = fread(want, 1, sizeof want - 1, f);
	fclose(f);
	want[n] = '\0';
	if (catalog_publish_step_sum(path, line) != 0)
		why = xasprintf("%s: %s", path, strerror(errno));
	else if (strcmp(line, want) != 0)
		why = xasprintf("%s: size or SHA-256 differs from when it was "
		    "written (damaged or cut short)", path);
out:
	free(sum);
	return why;
}

/*
 * The steps in the state folder (step-FROM-TO.cs) whose sidecar matches;
 * a damaged one is removed, with a warning added to res.
 */
static struct catalog_publish_step *
catalog_publish_steps(const char *state, size_t *n,
    struct catalog_publish_result *res)
{
	struct catalog_publish_step *steps = NULL;
	struct dirent *de;
	long long from, to;
	char *path, *why;
	int used;
	DIR *d;

	*n = 0;
	if ((d = opendir(state)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		used = 0;
		if (sscanf(de->d_name, "step-%lld-%lld.cs%n", &from, &to,
		    &used) != 2 || used == 0 || de->d_name[used] != '\0' ||
		    from < 1 || to <= from)
			continue;
		path = xasprintf("%s/%s", state, de->d_name);
		if (res != NULL && (why = catalog_publish_step_verify(path)) !=
		    NULL) {
			catalog_publish_step_unlink(path);
			res->warnings = xreallocarray(res->warnings,
			    res->nwarnings + 1, sizeof *res->warnings);
			res->warnings[res->nwarnings++] = xasprintf("%s; "
			    "removed it: kiosks at version %lld or older take "
			    "the snapshot", why, from);
			free(why);
			free(path);
			continue;
		}
		steps = xreallocarray(steps, *n + 1, sizeof *steps);
		steps[*n].from = from;
		steps[*n].to = to;
		steps[*n].path = path;
		(*n)++;
	}
	closedir(d);
	return steps;
}

static void
catalog_publish_steps_free(struct catalog_publish_step *steps, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(steps[i].path);
	free(steps);
}

/* Remove temporary files an interrupted publish left in the state. */
static void
catalog_publish_state_tidy(const char *state)
{
	struct dirent *de;
	char *path;
	DIR *d;

	if ((d = opendir(state)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, CATALOG_PUBLISH_TMP,
		    strlen(CATALOG_PUBLISH_TMP)) != 0)
			continue;
		path = xasprintf("%s/%s", state, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

/* Remove every step (a state that cannot be built on). */
static void
catalog_publish_state_reset(const char *state)
{
	struct catalog_publish_step *steps;
	size_t i, n;
	char *cur;

	steps = catalog_publish_steps(state, &n, NULL);
	for (i = 0; i < n; i++)
		catalog_publish_step_unlink(steps[i].path);
	catalog_publish_steps_free(steps, n);
	cur = xasprintf("%s/current.db", state);
	unlink(cur);
	free(cur);
}

/*
 * Bring the state up to newdb (version info->version): diff current.db
 * against it into a new step. A state that does not fit (another schema,
 * a newer version, damaged) is reset, costing only deltas.
 */
static int
catalog_publish_step(const char *state, const char *newdb,
    const struct catalog_snapshot_info *info, char **cause)
{
	struct catalog_snapshot_info cur;
	char *curpath, *tmp = NULL, *final = NULL, *ignored = NULL;
	int fd, rc = -1;

	curpath = xasprintf("%s/current.db", state);
	if (access(curpath, F_OK) != 0) {
		rc = 0;
		goto out;
	}
	if (catalog_snapshot_check(curpath, &cur, &ignored) != 0 ||
	    cur.schema != info->schema || cur.version > info->version) {
		catalog_publish_state_reset(state);
		rc = 0;
		goto out;
	}
	if (cur.version == info->version) {
		rc = 0;
		goto out;
	}
	if ((fd = catalog_publish_mktemp(state, &tmp, cause)) == -1)
		goto out;
	close(fd);
	if (catalog_delta_diff(curpath, newdb, tmp, cause) != 0)
		goto out;
	final = xasprintf("%s/step-%lld-%lld.cs", state,
	    (long long)cur.version, (long long)info->version);
	if (rename(tmp, final) != 0) {
		*cause = xasprintf("%s: cannot rename to %s: %s", tmp, final,
		    strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	if (catalog_publish_step_seal(final, cause) != 0) {
		catalog_publish_step_unlink(final);
		goto out;
	}
	rc = 0;

out:
	if (tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(final);
	free(ignored);
	free(curpath);
	return rc;
}

/*
 * The chain of steps that ends at version `to`, oldest first, at most
 * keep long; the steps not in it are removed from the state.
 */
static size_t
catalog_publish_chain(struct catalog_publish_step *steps, size_t n,
    int64_t to, int keep, size_t *chain)
{
	size_t len = 0, i, j, k;
	int64_t v = to;
	int in;

	while ((int)len < keep) {
		for (i = 0; i < n && steps[i].to != v; i++)
			;
		if (i == n)
			break;
		chain[len++] = i;
		v = steps[i].from;
	}
	/* Oldest first. */
	for (j = 0; j < len / 2; j++) {
		k = chain[j];
		chain[j] = chain[len - 1 - j];
		chain[len - 1 - j] = k;
	}
	for (i = 0; i < n; i++) {
		for (in = 0, j = 0; j < len && !in; j++)
			in = chain[j] == i;
		if (!in)
			catalog_publish_step_unlink(steps[i].path);
	}
	return len;
}

/*
 * Write the deltas from every version in the chain to the newest into
 * dir and the manifest m; newest "from" first in res.
 */
static int
catalog_publish_deltas(const char *dir, const char *state,
    struct catalog_publish_step *steps, const size_t *chain, size_t len,
    struct catalog_manifest *m, struct catalog_publish_result *res,
    char **cause)
{
	struct catalog_manifest_file *f;
	const char **paths = NULL;
	unsigned char sha256[32];
	char *tmp = NULL, *name = NULL;
	int64_t size, usize;
	size_t j, start;
	int fd, rc = -1;

	if (len == 0)
		return 0;
	paths = xcalloc(len, sizeof *paths);
	for (j = 0; j < len; j++)
		paths[j] = steps[chain[j]].path;
	if ((fd = catalog_publish_mktemp(state, &tmp, cause)) == -1)
		goto out;
	close(fd);
	res->deltas = xcalloc(len, sizeof *res->deltas);
	for (start = len; start-- > 0; ) {
		if (catalog_delta_combine(paths + start, (int)(len - start), tmp,
		    cause) != 0)
			goto out;
		if (catalog_publish_store(dir, tmp, "delta-", ".cs.z", &name,
		    &size, &usize, sha256, cause) != 0)
			goto out;
		f = catalog_manifest_add_file(m, name,
		    CATALOG_MANIFEST_ROLE_DELTA, size, sha256,
		    CATALOG_MANIFEST_ZLIB, usize);
		f->from = steps[chain[start]].from;
		res->deltas[res->ndeltas].from = f->from;
		res->deltas[res->ndeltas].size = size;
		res->deltas[res->ndeltas++].name = name;
		name = NULL;
	}
	rc = 0;

out:
	if (tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(name);
	free(paths);
	return rc;
}

/* DIR.state for DIR (without a trailing '/'). */
static char *
catalog_publish_state_path(const char *dir)
{
	size_t len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	return xasprintf("%.*s.state", (int)len, dir);
}

int
catalog_publish_run(struct catalog_db *db, const char *dir,
    const struct catalog_publish_options *opts,
    struct catalog_publish_result *res, char **cause)
{
	struct catalog_publish_options none;
	struct catalog_manifest *prev = NULL, *m = NULL;
	struct catalog_publish_step *steps = NULL;
	struct catalog_snapshot_info info;
	struct stat sb;
	unsigned char sha256[32];
	char *lockpath = NULL, *newdb = NULL, *curdb = NULL, *text = NULL;
	size_t nsteps = 0, *chain = NULL, len, i;
	int lockfd = -1, fd = -1, keep, rc = -1;

	memset(res, 0, sizeof *res);
	if (opts == NULL) {
		memset(&none, 0, sizeof none);
		opts = &none;
	}
	keep = opts->keep_deltas;
	if (keep < 0 || keep > CATALOG_PUBLISH_MAX_DELTAS) {
		*cause = xasprintf("cannot keep %d deltas (0 to %d)", keep,
		    CATALOG_PUBLISH_MAX_DELTAS);
		goto fail;
	}
	if (sodium_init() < 0) {
		*cause = xstrdup("cannot initialise libsodium");
		goto fail;
	}
	if (catalog_publish_mkdirs(dir) != 0) {
		*cause = xasprintf("%s: cannot create directory: %s", dir,
		    strerror(errno));
		goto fail;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		*cause = xasprintf("%s: not a directory", dir);
		goto fail;
	}
	res->state = opts->state != NULL ? xstrdup(opts->state) :
	    catalog_publish_state_path(dir);
	if (catalog_publish_mkdirs(res->state) != 0 ||
	    stat(res->state, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		*cause = xasprintf("%s: cannot create the private state "
		    "folder: %s", res->state, strerror(errno));
		goto fail;
	}
	chmod(res->state, 0700);
	lockpath = xasprintf("%s/" CATALOG_PUBLISH_LOCK, dir);
	lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lockfd == -1) {
		*cause = xasprintf("%s: %s", lockpath, strerror(errno));
		goto fail;
	}
	if (flock(lockfd, LOCK_EX | LOCK_NB) != 0) {
		*cause = xasprintf("%s: another publish to this directory is "
		    "running", dir);
		goto fail;
	}
	prev = catalog_publish_previous(dir);
	if (prev != NULL)
		res->previous_version = prev->version;
	catalog_publish_state_tidy(res->state);

	if ((fd = catalog_publish_mktemp(res->state, &newdb, cause)) == -1)
		goto fail;
	close(fd);
	fd = -1;
	if (catalog_snapshot_export(db, newdb, &info, cause) != 0)
		goto fail;
	if (info.entries == 0 || info.version < 1) {
		*cause = xasprintf("%s: the catalogue is empty; publishing it "
		    "would empty every kiosk that syncs from %s",
		    catalog_db_path(db), dir);
		goto fail;
	}
	if (prev != NULL && prev->version > info.version) {
		*cause = xasprintf("%s already holds catalogue version %lld, "
		    "newer than this catalogue's version %lld: kiosks would "
		    "refuse it as a rollback", dir, (long long)prev->version,
		    (long long)info.version);
		goto fail;
	}

	m = catalog_manifest_new();
	m->version = info.version;
	m->schema = info.schema;
	m->created = catalog_clock_now();
	if (opts->valid_for > 0)
		m->expires = m->created + opts->valid_for;
	m->has_content = 1;
	memcpy(m->content_sha256, info.digest, sizeof m->content_sha256);
	if (opts->nsigners > 0)
		catalog_manifest_keyid(opts->signers[0].pk, m->keyid);
	for (i = 0; i < opts->nnext_keys; i++)
		catalog_manifest_add_next_key(m, opts->next_keys[i]);

	if (catalog_publish_step(res->state, newdb, &info, cause) != 0)
		goto fail;
	steps = catalog_publish_steps(res->state, &nsteps, res);
	chain = xcalloc(nsteps + 1, sizeof *chain);
	len = catalog_publish_chain(steps, nsteps, info.version, keep, chain);
	if (catalog_publish_deltas(dir, res->state, steps, chain, len, m, res,
	    cause) != 0)
		goto fail;

	if (catalog_publish_store(dir, newdb, "snapshot-", ".db.z",
	    &res->snapshot, &res->size, &res->uncompressed_size, sha256,
	    cause) != 0)
		goto fail;
	catalog_manifest_add_file(m, res->snapshot,
	    CATALOG_MANIFEST_ROLE_SNAPSHOT, res->size, sha256,
	    CATALOG_MANIFEST_ZLIB, res->uncompressed_size);
	text = catalog_manifest_write_signed(m, opts->signers, opts->nsigners);
	if (catalog_publish_write_atomic(dir, CATALOG_MANIFEST_NAME, text,
	    cause) != 0)
		goto fail;

	curdb = xasprintf("%s/current.db", res->state);
	if (rename(newdb, curdb) == 0) {
		free(newdb);
		newdb = NULL;
		catalog_publish_sync_dir(res->state);
	}
	res->removed = catalog_publish_cleanup(dir, m, prev);
	res->version = info.version;
	res->entries = info.entries;
	rc = 0;

fail:
	if (fd != -1)
		close(fd);
	if (newdb != NULL)
		unlink(newdb);
	if (rc != 0)
		catalog_publish_result_done(res);
	if (lockfd != -1)
		close(lockfd);
	free(lockpath);
	free(newdb);
	free(curdb);
	free(text);
	free(chain);
	catalog_publish_steps_free(steps, nsteps);
	catalog_manifest_free(prev);
	catalog_manifest_free(m);
	return rc;
}
