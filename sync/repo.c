/*
 * repo: where a repository's files are, as URLs (see repo.h).
 *
 * A plain path is made absolute with realpath() and percent-encoded
 * (everything but unreserved characters and '/'), so a mount point with a
 * space in its name still makes a valid file:// URL.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog/manifest.h"
#include "catalog/xmalloc.h"
#include "sync/repo.h"

/* 1 when s starts with scheme (case-insensitive), e.g. "http://". */
static int
sync_repo_has_scheme(const char *s, const char *scheme)
{
	return strncasecmp(s, scheme, strlen(scheme)) == 0;
}

/* Percent-encode an absolute path for a file:// URL. */
static char *
sync_repo_encode(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, o = 0, len = strlen(path);
	char *out = xmalloc(len * 3 + 1);
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)path[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c) != NULL)
			out[o++] = (char)c;
		else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 0xf];
		}
	}
	out[o] = '\0';
	return out;
}

char *
sync_repo_base(const char *repo, char **cause)
{
	char *url = NULL, *real = NULL, *enc = NULL, *q;
	const char *sep;
	struct stat sb;
	size_t len, mlen = strlen(CATALOG_MANIFEST_NAME);

	if (*repo == '\0') {
		*cause = xstrdup("empty repository URL");
		return NULL;
	}
	if (sync_repo_has_scheme(repo, "http://") ||
	    sync_repo_has_scheme(repo, "https://") ||
	    sync_repo_has_scheme(repo, "file://"))
		url = xstrdup(repo);
	else if (strstr(repo, "://") != NULL) {
		*cause = xasprintf("%s: only http://, https:// and file:// "
		    "URLs (or a directory) can be used", repo);
		return NULL;
	} else {
		if ((real = realpath(repo, NULL)) == NULL) {
			*cause = xasprintf("%s: %s", repo, strerror(errno));
			return NULL;
		}
		if (stat(real, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    (q = strrchr(real, '/')) != NULL &&
		    strcmp(q + 1, CATALOG_MANIFEST_NAME) == 0)
			q[1] = '\0';
		else if (stat(real, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			*cause = xasprintf("%s: not a directory", repo);
			free(real);
			return NULL;
		}
		enc = sync_repo_encode(real);
		url = xasprintf("file://%s", enc);
		free(enc);
		free(real);
	}

	/* Drop a query or fragment: the manifest names files relative. */
	url[strcspn(url, "?#")] = '\0';
	len = strlen(url);
	if (len > mlen && strcmp(url + len - mlen, CATALOG_MANIFEST_NAME) == 0 &&
	    url[len - mlen - 1] == '/')
		url[len - mlen] = '\0';
	len = strlen(url);
	sep = len > 0 && url[len - 1] == '/' ? "" : "/";
	q = xasprintf("%s%s", url, sep);
	free(url);
	return q;
}

char *
sync_repo_url(const char *base, const char *name)
{
	return xasprintf("%s%s", base, name);
}
