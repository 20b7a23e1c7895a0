/*
 * feed: reading import files within limits (see feed.h).
 *
 * The size is checked with fstat() first and again while reading, so a
 * file that grows during the read cannot get past the limit either.
 * Keys keep the feed's own id when it is usable, so they stay readable.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>
#include <unicode/uloc.h>

#include "catalog/feed.h"
#include "catalog/xmalloc.h"

int
catalog_feed_read_into(const char *path, size_t max, char **bufp,
    size_t *capp, size_t *len, char **cause)
{
	FILE		*f = NULL;
	struct stat	 st;
	char		*buf = *bufp;
	size_t		 n = 0, cap, got;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto fail;
	}
	if (fstat(fileno(f), &st) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		goto fail;
	}
	if ((unsigned long long)st.st_size > max) {
		*cause = xasprintf("%s: file is larger than the limit of %zu "
		    "MiB", path, max / (1024 * 1024));
		goto fail;
	}
	/* Room for the file, one byte more (to see growth) and the NUL. */
	cap = (size_t)st.st_size + 1;
	if (buf == NULL || *capp < cap + 1) {
		buf = xreallocarray(buf, 1, cap + 1);
		*capp = cap + 1;
	} else
		cap = *capp - 1;
	*bufp = buf;
	for (;;) {
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > max) {
			*cause = xasprintf("%s: file is larger than the limit "
			    "of %zu MiB", path, max / (1024 * 1024));
			goto fail;
		}
		if (got == 0)
			break;
		if (n == cap) {
			cap *= 2;
			buf = xreallocarray(buf, 1, cap + 1);
			*bufp = buf;
			*capp = cap + 1;
		}
	}
	if (ferror(f)) {
		*cause = xasprintf("%s: read error", path);
		goto fail;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return 0;

fail:
	if (f != NULL)
		fclose(f);
	return -1;
}

char *
catalog_feed_read(const char *path, size_t max, size_t *len, char **cause)
{
	char	*buf = NULL;
	size_t	 cap = 0;

	if (catalog_feed_read_into(path, max, &buf, &cap, len, cause) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

#define FEED_KEY_PART 96

static int
feed_key_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("._:/-", c) != NULL;
}

char *
catalog_feed_key_part(const char *id)
{
	unsigned char	 hash[crypto_hash_sha256_BYTES];
	const char	*p = id;
	char		 out[FEED_KEY_PART + 1];
	size_t		 i, n, keep;
	int		 clean = 1;

	if (strncmp(p, "http://", 7) == 0)
		p += 7;
	else if (strncmp(p, "https://", 8) == 0)
		p += 8;
	n = strlen(p);
	for (i = 0; i < n; i++) {
		if (!feed_key_char((unsigned char)p[i]))
			clean = 0;
	}
	if (clean && n > 0 && n <= FEED_KEY_PART)
		return xstrdup(p);

	keep = FEED_KEY_PART - 17;
	if (n < keep)
		keep = n;
	for (i = 0; i < keep; i++)
		out[i] = feed_key_char((unsigned char)p[i]) ? p[i] : '-';
	if (sodium_init() < 0)
		abort();
	crypto_hash_sha256(hash, (const unsigned char *)id, strlen(id));
	out[keep] = '-';
	for (i = 0; i < 8; i++)
		snprintf(out + keep + 1 + 2 * i, 3, "%02x", hash[i]);
	return xstrdup(out);
}

void
catalog_feed_lang(const char *code, char *out, size_t outsz)
{
	UErrorCode	 ec = U_ZERO_ERROR;

	snprintf(out, outsz, "%s", code);
	if (strlen(code) != 3 ||
	    strspn(code, "abcdefghijklmnopqrstuvwxyz") != 3)
		return;
	/* ICU's canonical form of "nld" is "nl" (CLDR language aliases). */
	uloc_canonicalize(code, out, (int32_t)outsz, &ec);
	if (U_FAILURE(ec) || ec == U_STRING_NOT_TERMINATED_WARNING)
		snprintf(out, outsz, "%s", code);
}
