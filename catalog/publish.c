/*
 * publish: writing the catalogue as a repository (see publish.h).
 *
 * Steps, under an exclusive lock on DIR/.publish.lock:
 *  1. read the current manifest, if any, for its version;
 *  2. export a snapshot (snapshot.c) to a temporary file in DIR;
 *  3. deflate it (zlib format, streaming) to a second temporary file,
 *     hashing the compressed bytes with SHA-256 on the way, fsync;
 *  4. rename it to snapshot-<sha256>.db.z;
 *  5. write manifest.json the same way (temporary, fsync, rename, fsync
 *     the directory);
 *  6. remove every snapshot the new manifest does not name, and any
 *     temporary file an interrupted publish left behind.
 * Files are world-readable: the repository is public by design.
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

#include "catalog/db.h"
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
	free(res->snapshot);
	memset(res, 0, sizeof *res);
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
	return strncmp(name, "snapshot-", 9) == 0 && len > 14 &&
	    strcmp(name + len - 5, ".db.z") == 0;
}

/* Remove what m no longer names; returns how many snapshots went. */
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

int
catalog_publish_run(struct catalog_db *db, const char *dir,
    const struct catalog_publish_options *opts,
    struct catalog_publish_result *res, char **cause)
{
	struct catalog_manifest *prev = NULL, *m = NULL;
	struct catalog_snapshot_info info;
	struct stat sb;
	unsigned char sha256[32];
	char hex[65], *lockpath = NULL, *dbtmp = NULL, *ztmp = NULL;
	char *final = NULL, *text = NULL;
	int lockfd = -1, fd = -1, rc = -1;

	memset(res, 0, sizeof *res);
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

	if ((fd = catalog_publish_mktemp(dir, &dbtmp, cause)) == -1)
		goto fail;
	close(fd);
	fd = -1;
	if (catalog_snapshot_export(db, dbtmp, &info, cause) != 0)
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

	if ((fd = catalog_publish_mktemp(dir, &ztmp, cause)) == -1)
		goto fail;
	if (catalog_publish_compress(dbtmp, fd, ztmp, sha256, &res->size,
	    &res->uncompressed_size, cause) != 0)
		goto fail;
	close(fd);
	fd = -1;
	unlink(dbtmp);
	catalog_manifest_hex(sha256, hex);
	res->snapshot = xasprintf("snapshot-%s.db.z", hex);
	final = xasprintf("%s/%s", dir, res->snapshot);
	if (rename(ztmp, final) != 0) {
		*cause = xasprintf("%s: cannot rename to %s: %s", ztmp, final,
		    strerror(errno));
		goto fail;
	}
	free(ztmp);
	ztmp = NULL;

	m = catalog_manifest_new();
	m->version = info.version;
	m->schema = info.schema;
	m->created = time(NULL);
	if (opts != NULL && opts->valid_for > 0)
		m->expires = m->created + opts->valid_for;
	catalog_manifest_add_file(m, res->snapshot,
	    CATALOG_MANIFEST_ROLE_SNAPSHOT, res->size, sha256,
	    CATALOG_MANIFEST_ZLIB, res->uncompressed_size);
	text = catalog_manifest_write(m);
	if (catalog_publish_write_atomic(dir, CATALOG_MANIFEST_NAME, text,
	    cause) != 0)
		goto fail;
	res->removed = catalog_publish_cleanup(dir, m, prev);
	res->version = info.version;
	res->entries = info.entries;
	rc = 0;

fail:
	if (fd != -1)
		close(fd);
	if (dbtmp != NULL)
		unlink(dbtmp);
	if (ztmp != NULL)
		unlink(ztmp);
	if (rc != 0)
		catalog_publish_result_done(res);
	if (lockfd != -1)
		close(lockfd);
	free(lockpath);
	free(dbtmp);
	free(ztmp);
	free(final);
	free(text);
	catalog_manifest_free(prev);
	catalog_manifest_free(m);
	return rc;
}
