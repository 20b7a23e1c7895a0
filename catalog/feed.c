/*
 * feed: reading import files within limits (see feed.h).
 *
 * The size is checked with fstat() first and again while reading, so a
 * file that grows during the read cannot get past the limit either.
 * Keys keep the feed's own id when it is usable, so they stay readable.
 * Texts per language are gathered here for every importer that joins
 * several texts of one field (OOAPI, XCRI-CAP).
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <unicode/uloc.h>

#include "catalog/feed.h"
#include "catalog/import.h"
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
	/*
	 * The file is read in large blocks straight into buf: a stdio
	 * buffer would only add a copy, and allocating one per file made
	 * glibc consolidate the heap each time (5 % of a 100k import).
	 */
	setvbuf(f, NULL, _IONBF, 0);
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

void
catalog_feed_texts_done(struct catalog_feed_texts *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].value);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

int
catalog_feed_texts_add(struct catalog_feed_texts *t, const char *lang,
    const char *value, const char *sep, char **why)
{
	struct catalog_feed_text *x = NULL;
	char			*joined;
	size_t			 i;

	for (i = 0; i < t->n; i++) {
		if (strcmp(t->v[i].lang, lang) == 0)
			x = &t->v[i];
	}
	if (x == NULL) {
		t->v = xreallocarray(t->v, t->n + 1, sizeof *t->v);
		x = &t->v[t->n++];
		snprintf(x->lang, sizeof x->lang, "%s", lang);
		x->value = xstrdup(value);
		x->parts = 1;
		return 0;
	}
	if (++x->parts > CATALOG_FEED_MAX_PARTS) {	/* bounds strstr() */
		*why = xasprintf("more than %d texts in language %s",
		    CATALOG_FEED_MAX_PARTS, lang);
		return -1;
	}
	if (strstr(x->value, value) != NULL)
		return 0;	/* the same text again */
	if (strlen(x->value) + strlen(sep) + strlen(value) >
	    CATALOG_FEED_MAX_TEXT) {
		*why = xasprintf("texts in language %s together are longer "
		    "than the limit of %d bytes", lang, CATALOG_FEED_MAX_TEXT);
		return -1;
	}
	joined = xasprintf("%s%s%s", x->value, sep, value);
	free(x->value);
	x->value = joined;
	return 0;
}

int
catalog_feed_texts_put(const struct catalog_feed_texts *t,
    struct catalog_record *r, enum catalog_field f, char **why)
{
	size_t	 i;

	for (i = 0; i < t->n; i++) {
		if (catalog_record_add_text(r, f, t->v[i].lang, t->v[i].value,
		    why) != 0)
			return -1;
	}
	return 0;
}

int
catalog_feed_theme_default(struct catalog_import *imp,
    struct catalog_record *r, const char *theme, char **why)
{
	if (r->nthemes > 0)
		return 0;
	if (!catalog_import_has_theme(imp, theme)) {
		*why = xasprintf("the default theme '%s' is not in the "
		    "catalogue: import the themes first", theme);
		return -1;
	}
	return catalog_record_add_theme(r, theme, why);
}
