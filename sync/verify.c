/*
 * verify: checking downloaded files (see verify.h).
 *
 * SHA-256 comes from libsodium, inflating from zlib; both stream in 64 KiB
 * chunks, so memory use does not depend on the file. Messages say what
 * was expected and what was found, with the file's name in the manifest.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>
#include <zlib.h>

#include "catalog/manifest.h"
#include "catalog/xmalloc.h"
#include "sync/verify.h"

#define SYNC_VERIFY_CHUNK 65536

int
sync_verify_file(const char *path, const char *name, int64_t size,
    const unsigned char sha256[32], char **cause)
{
	crypto_hash_sha256_state hs;
	unsigned char buf[SYNC_VERIFY_CHUNK], got[32];
	char want_hex[65], got_hex[65];
	FILE *f;
	int64_t total = 0;
	size_t n;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return SYNC_VERIFY_IO;
	}
	crypto_hash_sha256_init(&hs);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		crypto_hash_sha256_update(&hs, buf, n);
		total += (int64_t)n;
	}
	if (ferror(f)) {
		*cause = xasprintf("%s: read error", path);
		fclose(f);
		return SYNC_VERIFY_IO;
	}
	fclose(f);
	crypto_hash_sha256_final(&hs, got);

	if (total != size) {
		*cause = xasprintf("%s: %lld bytes, but the manifest says %lld",
		    name, (long long)total, (long long)size);
		return SYNC_VERIFY_BAD;
	}
	if (sodium_memcmp(got, sha256, sizeof got) != 0) {
		catalog_manifest_hex(sha256, want_hex);
		catalog_manifest_hex(got, got_hex);
		*cause = xasprintf("%s: SHA-256 is %s, but the manifest says %s",
		    name, got_hex, want_hex);
		return SYNC_VERIFY_BAD;
	}
	return SYNC_VERIFY_OK;
}

int
sync_verify_inflate(const char *src, const char *dst, const char *name,
    int64_t size, char **cause)
{
	z_stream zs;
	unsigned char *in = NULL, *out = NULL;
	FILE *fi = NULL, *fo = NULL;
	int64_t total = 0;
	size_t n, produced;
	int zrc = Z_OK, started = 0, rc = SYNC_VERIFY_IO;

	memset(&zs, 0, sizeof zs);
	if ((fi = fopen(src, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", src, strerror(errno));
		goto fail;
	}
	if ((fo = fopen(dst, "wb")) == NULL) {
		*cause = xasprintf("%s: %s", dst, strerror(errno));
		goto fail;
	}
	if (inflateInit(&zs) != Z_OK) {
		*cause = xasprintf("%s: cannot start zlib", name);
		goto fail;
	}
	started = 1;
	in = xmalloc(SYNC_VERIFY_CHUNK);
	out = xmalloc(SYNC_VERIFY_CHUNK);

	while (zrc != Z_STREAM_END) {
		n = fread(in, 1, SYNC_VERIFY_CHUNK, fi);
		if (ferror(fi)) {
			*cause = xasprintf("%s: read error", src);
			goto fail;
		}
		if (n == 0) {
			*cause = xasprintf("%s: compressed data ends too early",
			    name);
			rc = SYNC_VERIFY_BAD;
			goto fail;
		}
		zs.next_in = in;
		zs.avail_in = (uInt)n;
		do {
			zs.next_out = out;
			zs.avail_out = SYNC_VERIFY_CHUNK;
			zrc = inflate(&zs, Z_NO_FLUSH);
			if (zrc != Z_OK && zrc != Z_STREAM_END &&
			    zrc != Z_BUF_ERROR) {
				*cause = xasprintf("%s: damaged compressed "
				    "data: %s", name, zs.msg != NULL ? zs.msg :
				    zError(zrc));
				rc = SYNC_VERIFY_BAD;
				goto fail;
			}
			produced = SYNC_VERIFY_CHUNK - zs.avail_out;
			if ((int64_t)produced > size - total) {
				*cause = xasprintf("%s: inflates to more than "
				    "the %lld bytes the manifest announces",
				    name, (long long)size);
				rc = SYNC_VERIFY_BAD;
				goto fail;
			}
			if (fwrite(out, 1, produced, fo) != produced) {
				*cause = xasprintf("%s: %s", dst,
				    strerror(errno));
				goto fail;
			}
			total += (int64_t)produced;
		} while (zs.avail_out == 0 && zrc != Z_STREAM_END);
	}
	if (zs.avail_in != 0 || fread(in, 1, 1, fi) != 0) {
		*cause = xasprintf("%s: extra bytes after the compressed data",
		    name);
		rc = SYNC_VERIFY_BAD;
		goto fail;
	}
	if (total != size) {
		*cause = xasprintf("%s: inflates to %lld bytes, but the manifest "
		    "announces %lld", name, (long long)total, (long long)size);
		rc = SYNC_VERIFY_BAD;
		goto fail;
	}
	if (fflush(fo) != 0 || fsync(fileno(fo)) != 0) {
		*cause = xasprintf("%s: %s", dst, strerror(errno));
		goto fail;
	}
	rc = SYNC_VERIFY_OK;

fail:
	if (started)
		inflateEnd(&zs);
	if (fi != NULL)
		fclose(fi);
	if (fo != NULL && fclose(fo) != 0 && rc == SYNC_VERIFY_OK) {
		*cause = xasprintf("%s: %s", dst, strerror(errno));
		rc = SYNC_VERIFY_IO;
	}
	free(in);
	free(out);
	return rc;
}
