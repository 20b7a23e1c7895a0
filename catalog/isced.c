/*
 * isced: ISCED-F codes to kiosk themes (see isced.h).
 *
 * The table is small (a few dozen rows), so a lookup tries every row and
 * keeps the longest prefix that matches; no index is worth its code.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/csv.h"
#include "catalog/isced.h"
#include "catalog/xmalloc.h"

#define ISCED_FILE "isced-themes.csv"

struct isced_row {
	char	*prefix;
	char	*theme;
};

struct catalog_isced {
	struct isced_row *rows;
	size_t		 n;
	char		*fallback;
};

/* 1 when s is 1 to 4 ASCII digits. */
static int
isced_digits(const char *s, size_t max)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
	}
	return i >= 1 && i <= max;
}

/* 1 when s is a theme key: a-z, 0-9 and '-'. */
static int
isced_key(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++) {
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '-')
			return 0;
	}
	return i > 0;
}

struct catalog_isced *
catalog_isced_load(const char *path, char **cause)
{
	struct catalog_isced		*t = NULL;
	struct catalog_csv		*csv = NULL;
	const struct catalog_csv_field	*f;
	const char			*dir;
	char				*file = NULL;
	size_t				 n;
	int				 rc, header = 1;

	if (path == NULL) {
		dir = getenv("LEERPUNT_DATADIR");
		if (dir == NULL || *dir == '\0')
			dir = LP_PKGDATADIR;
		file = xasprintf("%s/%s", dir, ISCED_FILE);
		path = file;
	}
	if ((csv = catalog_csv_open(path, cause)) == NULL)
		goto fail;
	t = xcalloc(1, sizeof *t);
	while ((rc = catalog_csv_next(csv, &f, &n, cause)) == 1) {
		if (header) {
			if (n < 2 || strcmp(f[0].value, "isced") != 0 ||
			    strcmp(f[1].value, "theme") != 0) {
				*cause = xasprintf("%s:1:1: the header must "
				    "start with isced,theme", path);
				goto fail;
			}
			header = 0;
			continue;
		}
		if (n < 2 || !isced_key(f[1].value)) {
			*cause = xasprintf("%s:%zu:%zu: expected a code and a "
			    "theme key", path, f[0].line,
			    n < 2 ? f[0].column : f[1].column);
			goto fail;
		}
		if (strcmp(f[0].value, "*") == 0) {
			free(t->fallback);
			t->fallback = xstrdup(f[1].value);
			continue;
		}
		if (!isced_digits(f[0].value, 4)) {
			*cause = xasprintf("%s:%zu:%zu: \"%s\" is not an "
			    "ISCED-F code of 2 to 4 digits", path, f[0].line,
			    f[0].column, f[0].value);
			goto fail;
		}
		t->rows = xreallocarray(t->rows, t->n + 1, sizeof *t->rows);
		t->rows[t->n].prefix = xstrdup(f[0].value);
		t->rows[t->n].theme = xstrdup(f[1].value);
		t->n++;
	}
	if (rc < 0)
		goto fail;
	if (t->fallback == NULL) {
		*cause = xasprintf("%s: no default row (\"*\")", path);
		goto fail;
	}
	catalog_csv_free(csv);
	free(file);
	return t;

fail:
	catalog_csv_free(csv);
	catalog_isced_free(t);
	free(file);
	return NULL;
}

void
catalog_isced_free(struct catalog_isced *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->rows[i].prefix);
		free(t->rows[i].theme);
	}
	free(t->rows);
	free(t->fallback);
	free(t);
}

const char *
catalog_isced_theme(const struct catalog_isced *t, const char *code)
{
	const char	*best = NULL;
	size_t		 i, len, bestlen = 0;

	if (!isced_digits(code, 4) || strlen(code) < 2)
		return NULL;
	for (i = 0; i < t->n; i++) {
		len = strlen(t->rows[i].prefix);
		if (len > bestlen && strncmp(code, t->rows[i].prefix, len) == 0) {
			best = t->rows[i].theme;
			bestlen = len;
		}
	}
	return best != NULL ? best : t->fallback;
}

const char *
catalog_isced_default(const struct catalog_isced *t)
{
	return t->fallback;
}
