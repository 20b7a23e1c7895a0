/*
 * sources: parsing the harvest sources file (see sources.h).
 *
 * The file is read whole (at most 1 MiB) and split into lines; each line
 * into words at blanks. A word is checked before it is kept, so a source
 * that is stored is always usable: its URL has an http or https scheme
 * and a host, and the options are known and given once.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog/xmalloc.h"
#include "sync/sources.h"

#define SOURCES_FILE_MAX (1024 * 1024)
#define SOURCES_WORDS 8

static const char *const sources_formats[] = {
	[SYNC_SOURCES_OOAPI] = "ooapi",
	[SYNC_SOURCES_XCRI] = "xcri",
	[SYNC_SOURCES_EDUDEX] = "edudex",
	[SYNC_SOURCES_CSV] = "csv",
};

const char *
sync_sources_format_name(enum sync_sources_format f)
{
	return sources_formats[f];
}

void
sync_sources_free(struct sync_sources *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].url);
		free(s->v[i].token_file);
		free(s->v[i].auth_file);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static int
sources_name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > SYNC_SOURCES_NAME_MAX)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == n && s[0] != '.' && s[0] != '-';
}

/* An http(s) URL with a host and no space, control byte or fragment. */
static int
sources_url_ok(const char *u)
{
	const char *host;
	const unsigned char *p;

	if (strncasecmp(u, "https://", 8) == 0)
		host = u + 8;
	else if (strncasecmp(u, "http://", 7) == 0)
		host = u + 7;
	else
		return 0;
	if (*host == '\0' || *host == '/' || *host == '?')
		return 0;
	for (p = (const unsigned char *)u; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '#')
			return 0;
	return strlen(u) <= 2048;
}

static void sources_fail(char **, const char *, int, const char *, ...)
    __attribute__((format(printf, 4, 5)));

static void
sources_fail(char **cause, const char *name, int line, const char *fmt, ...)
{
	va_list ap;
	char *what;

	va_start(ap, fmt);
	what = xvasprintf(fmt, ap);
	va_end(ap);
	*cause = xasprintf("%s:%d: %s", name, line, what);
	free(what);
}

int
sync_sources_parse(const char *name, const char *text, size_t len,
    struct sync_sources *out, char **cause)
{
	struct sync_sources s = { NULL, 0 };
	struct sync_source *src;
	char *copy, *line, *next, *w[SOURCES_WORDS + 1], *save;
	const char *val;
	size_t i, j, nw, alloc = 0;
	int lineno = 0;

	if (memchr(text, '\0', len) != NULL) {
		*cause = xasprintf("%s: not a text file (it holds a NUL byte)",
		    name);
		return -1;
	}
	copy = xstrndup(text, len);
	for (line = copy; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		for (i = 0; line[i] != '\0'; i++)
			if ((unsigned char)line[i] < 0x20 && line[i] != '\t') {
				sources_fail(cause, name, lineno, "a control "
				    "character");
				goto fail;
			}
		line += strspn(line, " \t");
		if (*line == '\0' || *line == '#')
			continue;
		for (nw = 0, w[0] = strtok_r(line, " \t", &save);
		    nw < SOURCES_WORDS && w[nw] != NULL;
		    w[++nw] = strtok_r(NULL, " \t", &save))
			;
		if (nw < 3) {
			sources_fail(cause, name, lineno, "expected NAME FORMAT "
			    "URL [token-file=PATH | auth-file=PATH]");
			goto fail;
		}
		if (w[nw] != NULL || nw > 4) {
			sources_fail(cause, name, lineno, "too many words: "
			    "give at most one of token-file=PATH and "
			    "auth-file=PATH after the URL");
			goto fail;
		}
		if (!sources_name_ok(w[0])) {
			sources_fail(cause, name, lineno, "\"%s\" is not a "
			    "source name (letters, digits, '.', '_', '-'; at "
			    "most 64 bytes)", w[0]);
			goto fail;
		}
		for (j = 0; j < s.n; j++)
			if (strcmp(s.v[j].name, w[0]) == 0) {
				sources_fail(cause, name, lineno, "source "
				    "\"%s\" is given twice", w[0]);
				goto fail;
			}
		if (s.n == SYNC_SOURCES_MAX) {
			sources_fail(cause, name, lineno, "more than %d "
			    "sources", SYNC_SOURCES_MAX);
			goto fail;
		}
		for (j = 0; j < sizeof sources_formats /
		    sizeof sources_formats[0]; j++)
			if (strcmp(w[1], sources_formats[j]) == 0)
				break;
		if (j == sizeof sources_formats / sizeof sources_formats[0]) {
			sources_fail(cause, name, lineno, "unknown format "
			    "\"%s\" (one of: ooapi, xcri, edudex, csv)", w[1]);
			goto fail;
		}
		if (!sources_url_ok(w[2])) {
			sources_fail(cause, name, lineno, "\"%s\" is not an "
			    "http:// or https:// URL", w[2]);
			goto fail;
		}
		if (s.n == alloc) {
			alloc = alloc == 0 ? 8 : alloc * 2;
			s.v = xreallocarray(s.v, alloc, sizeof *s.v);
		}
		src = &s.v[s.n++];
		memset(src, 0, sizeof *src);
		src->name = xstrdup(w[0]);
		src->format = (enum sync_sources_format)j;
		src->url = xstrdup(w[2]);
		src->line = lineno;
		if (nw == 4) {
			if (strncmp(w[3], "token-file=", 11) == 0)
				val = w[3] + 11;
			else if (strncmp(w[3], "auth-file=", 10) == 0)
				val = w[3] + 10;
			else {
				sources_fail(cause, name, lineno, "unknown "
				    "option \"%s\" (token-file=PATH or "
				    "auth-file=PATH)", w[3]);
				goto fail;
			}
			if (*val != '/') {
				sources_fail(cause, name, lineno, "\"%s\": the "
				    "secret file must be an absolute path",
				    w[3]);
				goto fail;
			}
			if (w[3][0] == 't')
				src->token_file = xstrdup(val);
			else
				src->auth_file = xstrdup(val);
		}
	}
	free(copy);
	if (s.n == 0) {
		*cause = xasprintf("%s: no sources (one a line: NAME FORMAT "
		    "URL [options])", name);
		return -1;
	}
	*out = s;
	return 0;
fail:
	free(copy);
	sync_sources_free(&s);
	return -1;
}

int
sync_sources_read(const char *path, struct sync_sources *out, char **cause)
{
	FILE *f;
	char *buf;
	size_t n;
	int rc;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: cannot open: %s", path,
		    strerror(errno));
		return -1;
	}
	buf = xmalloc(SOURCES_FILE_MAX + 1);
	n = fread(buf, 1, SOURCES_FILE_MAX + 1, f);
	if (ferror(f)) {
		*cause = xasprintf("%s: cannot read: %s", path,
		    strerror(errno));
		rc = -1;
	} else if (n > SOURCES_FILE_MAX) {
		*cause = xasprintf("%s: longer than 1 MiB", path);
		rc = -1;
	} else
		rc = sync_sources_parse(path, buf, n, out, cause);
	fclose(f);
	free(buf);
	return rc;
}
