/*
 * verify: checking downloaded files before anything trusts them.
 *
 * A file is checked against the size and SHA-256 the manifest lists
 * before it is decompressed; decompression then stops at the first byte
 * past the size the manifest announces, so a small file that inflates to
 * gigabytes (a decompression bomb) costs nothing but a refusal.
 */
#ifndef SYNC_VERIFY_H
#define SYNC_VERIFY_H

#include <stdint.h>

#define SYNC_VERIFY_OK 0
#define SYNC_VERIFY_BAD (-1)	/* the file is not what it should be */
#define SYNC_VERIFY_IO (-2)	/* a local read or write failed */

/* Check path's size and SHA-256 (name is used in messages). */
int sync_verify_file(const char *path, const char *name, int64_t size,
    const unsigned char sha256[32], char **cause);

/*
 * Inflate the zlib stream in src into dst, which must come out exactly
 * size bytes long; anything longer, shorter, damaged or followed by extra
 * bytes is refused.
 */
int sync_verify_inflate(const char *src, const char *dst, const char *name,
    int64_t size, char **cause);

#endif
