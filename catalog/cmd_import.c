/*
 * cmd_import: leerpunt-catalog import [--format F] [--source NAME] FILE...
 *
 * All files go into one import session, so a bad file anywhere leaves the
 * catalogue as it was. The format is told per file from its first bytes
 * unless --format is given. The source name (default: the format and the
 * first file's name) decides which entries a re-import may remove.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/cmd.h"
#include "catalog/csvimport.h"
#include "catalog/db.h"
#include "catalog/import.h"
#include "catalog/safe.h"
#include "catalog/ooapi.h"
#include "catalog/xcri.h"
#include "catalog/syncinfo.h"
#include "catalog/xmalloc.h"

struct import_format {
	const char	*name;
	int		 (*sniff)(const char *head, size_t n);
	/* Import files (all of this format) into imp. */
	int		 (*run)(struct catalog_import *imp, char **files,
			    size_t n, char **cause);
};

/* 1 when the CSV file's header names a "theme" column (a themes file). */
static int
import_csv_is_themes(const char *path)
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
			    strcmp(tok, "\xef\xbb\xbftheme") == 0;
	}
	fclose(f);
	return found;
}

/* Themes files first, so entries can name themes given in the same run. */
static int
import_csv_files(struct catalog_import *imp, char **files, size_t n,
    char **cause)
{
	size_t i;
	int pass;

	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < n; i++)
			if (import_csv_is_themes(files[i]) == pass &&
			    catalog_csvimport_file(imp, files[i], cause) != 0)
				return -1;
	return 0;
}

/* OOAPI files go in together: an offering may name a course in another. */
static int
import_ooapi_files(struct catalog_import *imp, char **files, size_t n,
    char **cause)
{
	return catalog_ooapi_import(imp, (const char *const *)files, n, cause);
}

static int
import_xcri_files(struct catalog_import *imp, char **files, size_t n,
    char **cause)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (catalog_xcri_import(imp, files[i], cause) != 0)
			return -1;
	return 0;
}

static const struct import_format import_formats[] = {
	{ "csv", catalog_csvimport_sniff, import_csv_files },
	{ "ooapi", catalog_ooapi_sniff, import_ooapi_files },
	{ "xcri", catalog_xcri_sniff, import_xcri_files },
};

#define NFORMATS (sizeof import_formats / sizeof import_formats[0])

static const struct import_format *
import_format_named(const char *name)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (strcmp(import_formats[i].name, name) == 0)
			return &import_formats[i];
	return NULL;
}

/* Tell the format of path from its first bytes; NULL and *cause. */
static const struct import_format *
import_detect(const char *path, char **cause)
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
	for (i = 0; i < NFORMATS; i++)
		if (import_formats[i].sniff(head, n))
			return &import_formats[i];
	*cause = xasprintf("%s: cannot tell the format; give --format "
	    "(one of:%s)", path, NFORMATS == 1 ? " csv" : " csv, ooapi, xcri");
	return NULL;
}

static void
import_print_summary(const struct catalog_import_summary *s, int64_t version)
{
	size_t i;

	printf("%zu created, %zu updated, %zu unchanged, %zu removed, "
	    "%zu skipped", s->created, s->updated, s->unchanged, s->removed,
	    s->skipped);
	if (s->themes > 0)
		printf(", %zu theme changes", s->themes);
	printf("; catalogue version %lld\n", (long long)version);
	for (i = 0; i < s->nskip_reasons; i++) {
		char *why = catalog_safe_line(s->skip_reasons[i]);

		printf("skipped: %s\n", why);
		free(why);
	}
}

int
cmd_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "source", required_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct import_format *forced = NULL, **fmt = NULL;
	struct catalog_import_summary sum;
	struct catalog_import *imp = NULL;
	struct catalog_db *db = NULL;
	char *cause = NULL, *source = NULL, **group = NULL, *base;
	char *managed;
	size_t nfiles, i, j, ng;
	int c, rc = 1, force = 0;

	while ((c = getopt_long(argc, argv, "f:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((forced = import_format_named(optarg)) == NULL) {
				cmd_fail(ctx, "unknown format \"%s\"", optarg);
				return 2;
			}
			break;
		case 's':
			source = xstrdup(optarg);
			break;
		case 'F':
			force = 1;
			break;
		case 'h':
			cmd_usage(ctx, "import", stdout);
			return 0;
		default:
			cmd_usage(ctx, "import", stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		cmd_usage(ctx, "import", stderr);
		free(source);
		return 2;
	}
	nfiles = (size_t)(argc - optind);
	fmt = xcalloc(nfiles, sizeof *fmt);
	for (i = 0; i < nfiles; i++) {
		fmt[i] = forced != NULL ? forced :
		    import_detect(argv[optind + i], &cause);
		if (fmt[i] == NULL)
			goto fail;
	}
	if (source == NULL) {
		base = xstrdup(argv[optind]);
		source = xasprintf("%s:%s", fmt[0]->name, basename(base));
		free(base);
	}
	if ((db = cmd_open_db(ctx, 1, 0)) == NULL)
		goto out;
	if (!force && (managed = catalog_db_sync_source(db)) != NULL) {
		cause = xasprintf("%s: leerpunt-sync keeps this catalogue up "
		    "to date from a repository (%s); a local import would "
		    "differ from the repository's version of the same number. "
		    "Import where the repository is published, or give --force",
		    catalog_db_path(db), managed);
		free(managed);
		goto fail;
	}
	if ((imp = catalog_import_begin(db, source, &cause)) == NULL)
		goto fail;
	group = xcalloc(nfiles, sizeof *group);
	for (j = 0; j < NFORMATS; j++) {
		for (ng = 0, i = 0; i < nfiles; i++)
			if (fmt[i] == &import_formats[j])
				group[ng++] = argv[optind + i];
		if (ng > 0 &&
		    import_formats[j].run(imp, group, ng, &cause) != 0)
			goto fail;
	}
	if (catalog_import_commit(imp, &sum, &cause) != 0) {
		imp = NULL;
		goto fail;
	}
	imp = NULL;
	import_print_summary(&sum, catalog_db_version(db));
	catalog_import_summary_done(&sum);
	rc = 0;
	goto out;
fail:
	cmd_fail(ctx, "%s", cause);
	if (imp != NULL)
		fprintf(stderr, "%s: nothing was imported; the catalogue is "
		    "unchanged\n", ctx->progname);
out:
	catalog_import_abort(imp);
	catalog_db_close(db);
	free(cause);
	free(source);
	free(group);
	free(fmt);
	return rc;
}
