/*
 * cmd_import: leerpunt-catalog import [--format F] [--source NAME]
 *     [--strict] [--no-remove] FILE...
 *
 * All files go into one import session, so a bad file anywhere leaves the
 * catalogue as it was. The format is told per file from its first bytes
 * unless --format is given (the table of formats is catalog/format.c). The source name (default: the format and the
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
#include "catalog/db.h"
#include "catalog/format.h"
#include "catalog/import.h"
#include "catalog/safe.h"
#include "catalog/syncinfo.h"
#include "catalog/xmalloc.h"

static void
import_help(struct cmd_ctx *ctx)
{
	const struct catalog_format *f;
	size_t i, n;

	cmd_usage(ctx, "import", stdout);
	printf("\nFormats (told from each file's content unless --format "
	    "is given):\n");
	f = catalog_format_list(&n);
	for (i = 0; i < n; i++)
		printf("  %-8s %s\n", f[i].name, f[i].doc);
	printf("\nOptions:\n"
	    "  --format F    read every file as format F\n"
	    "  --source NAME the source the entries belong to (default: the "
	    "format and\n"
	    "                the first file's name)\n"
	    "  --strict      warnings about optional values are errors\n"
	    "  --no-remove   add and update; remove no entries of the source\n"
	    "  --force       import into a catalogue that leerpunt-sync keeps\n"
	    "                up to date from a repository (the next sync\n"
	    "                replaces it with the repository's content)\n"
	    "\nA new catalogue has the standard themes. An error leaves the "
	    "catalogue\nunchanged; the summary counts warnings. See "
	    "docs/csv-format.md,\ndocs/edudex-import.md, docs/ooapi-import.md "
	    "and docs/xcri-import.md.\n");
}

static void
import_print_summary(const struct catalog_import_summary *s, int64_t version)
{
	size_t i;

	printf("%zu created, %zu updated, %zu unchanged, %zu removed, "
	    "%zu skipped", s->created, s->updated, s->unchanged, s->removed,
	    s->skipped);
	if (s->warnings > 0)
		printf(", %zu warnings", s->warnings);
	if (s->themes > 0)
		printf(", %zu theme changes", s->themes);
	printf("; catalogue version %lld\n", (long long)version);
	for (i = 0; i < s->nskip_reasons; i++) {
		char *why = catalog_safe_line(s->skip_reasons[i]);

		printf("skipped: %s\n", why);
		free(why);
	}
	for (i = 0; i < s->nwarning_texts; i++) {
		char *why = catalog_safe_line(s->warning_texts[i]);

		printf("warning: %s\n", why);
		free(why);
	}
	if (s->warnings > s->nwarning_texts)
		printf("warning: %zu more warnings not shown\n",
		    s->warnings - s->nwarning_texts);
}

int
cmd_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "source", required_argument, NULL, 's' },
		{ "strict", no_argument, NULL, 'S' },
		{ "no-remove", no_argument, NULL, 'R' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct catalog_format *forced = NULL, **fmt = NULL, *formats;
	struct catalog_import_summary sum;
	struct catalog_import *imp = NULL;
	struct catalog_db *db = NULL;
	char *cause = NULL, *source = NULL, **group = NULL, *base;
	char *managed;
	size_t nfiles, i, j, ng, nformats;
	int c, rc = 1, options = 0, force = 0;

	while ((c = getopt_long(argc, argv, "f:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 'S':
			options |= CATALOG_IMPORT_STRICT;
			break;
		case 'R':
			options |= CATALOG_IMPORT_NO_REMOVE;
			break;
		case 'f':
			if ((forced = catalog_format_named(optarg)) == NULL) {
				cmd_fail(ctx, "unknown format \"%s\" (one of: "
				    "%s)", optarg, catalog_format_names());
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
			import_help(ctx);
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
		    catalog_format_detect(argv[optind + i], &cause);
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
	catalog_import_set_options(imp, options);
	group = xcalloc(nfiles, sizeof *group);
	formats = catalog_format_list(&nformats);
	for (j = 0; j < nformats; j++) {
		for (ng = 0, i = 0; i < nfiles; i++)
			if (fmt[i] == &formats[j])
				group[ng++] = argv[optind + i];
		if (ng > 0 && formats[j].import(imp,
		    (const char *const *)group, ng, &cause) != 0)
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
