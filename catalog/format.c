/*
 * format: the table of import formats (see format.h).
 *
 * Each row's import function takes all files of its format in one call:
 * CSV puts themes files first (so entries may name themes given in the
 * same run), OOAPI reads its files together (an offering may name a
 * course in another file), XCRI-CAP and EDU-DEX go one file at a time.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/csvimport.h"
#include "catalog/edudex.h"
#include "catalog/format.h"
#include "catalog/ooapi.h"
#include "catalog/xcri.h"
#include "catalog/xmalloc.h"

/* 1 when the CSV file's header names a "theme" column (a themes file). */
static int
format_csv_is_themes(const char *path)
{
	char line[4096], *tok, *save = NULL;
	FILE *f = fopen(path, "rb");
	int found = 0;

	if (f == NULL)
		return 0;
	if (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		for (tok = strtok_r(line, ",", &save); tok != NULL && !found;
		    tok = strtok_r(NULL, ",", &save))
			found = strcmp(tok, "theme") == 0 ||
			    strcmp(tok, "\xef\xbb\xbftheme") == 0 ||
			    strcmp(tok, "\"theme\"") == 0;
	}
	fclose(f);
	return found;
}

static int
format_csv(struct catalog_import *imp, const char *const *files, size_t n,
    char **cause)
{
	size_t i;
	int pass;

	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < n; i++)
			if (format_csv_is_themes(files[i]) == pass &&
			    catalog_csvimport_file(imp, files[i], cause) != 0)
				return -1;
	return 0;
}

static int
format_edudex(struct catalog_import *imp, const char *const *files,
    size_t n, char **cause)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (catalog_edudex_import(imp, files[i], cause) != 0)
			return -1;
	return 0;
}

static int
format_xcri(struct catalog_import *imp, const char *const *files, size_t n,
    char **cause)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (catalog_xcri_import(imp, files[i], cause) != 0)
			return -1;
	return 0;
}

static const struct catalog_format format_table[] = {
	{ "csv", "Leerpunt CSV themes or entries (docs/csv-format.md)",
	  catalog_csvimport_sniff, format_csv },
	{ "edudex", "EDU-DEX directory.xml, program XML or Data API JSON",
	  catalog_edudex_sniff, format_edudex },
	{ "ooapi", "OOAPI v5 JSON objects, arrays or pages",
	  catalog_ooapi_sniff, catalog_ooapi_import },
	{ "xcri", "XCRI-CAP 1.2 XML", catalog_xcri_sniff, format_xcri },
};
#define FORMAT_N (sizeof format_table / sizeof format_table[0])

const struct catalog_format *
catalog_format_list(size_t *n)
{
	*n = FORMAT_N;
	return format_table;
}

const struct catalog_format *
catalog_format_named(const char *name)
{
	size_t i;

	for (i = 0; i < FORMAT_N; i++)
		if (strcmp(format_table[i].name, name) == 0)
			return &format_table[i];
	return NULL;
}

const char *
catalog_format_names(void)
{
	static char names[128];
	size_t i, len = 0;

	if (*names == '\0')
		for (i = 0; i < FORMAT_N; i++)
			len += (size_t)snprintf(names + len, sizeof names - len,
			    "%s%s", i > 0 ? ", " : "", format_table[i].name);
	return names;
}

const struct catalog_format *
catalog_format_detect(const char *path, char **cause)
{
	char head[4096];
	size_t n, i;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: cannot open: %s", path,
		    strerror(errno));
		return NULL;
	}
	n = fread(head, 1, sizeof head, f);
	fclose(f);
	for (i = 0; i < FORMAT_N; i++)
		if (format_table[i].sniff(head, n))
			return &format_table[i];
	*cause = xasprintf("%s: cannot tell the format; give --format (one "
	    "of: %s)", path, catalog_format_names());
	return NULL;
}
