/*
 * cmd_demo: leerpunt-catalog demo
 *
 * Loads the demo catalogue shipped in catalog/data (installed under
 * pkgdatadir; LEERPUNT_DATADIR overrides): the themes, then the entries,
 * in one import with source "demo". Running it again changes nothing.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "catalog/cmd.h"
#include "catalog/csvimport.h"
#include "catalog/db.h"
#include "catalog/import.h"
#include "catalog/xmalloc.h"

int
cmd_demo(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const files[] = { "themes.csv", "demo.csv" };
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_import_summary sum;
	struct catalog_import *imp = NULL;
	struct catalog_db *db = NULL;
	char *cause = NULL, *path;
	size_t i;
	int c, rc = 1;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h') {
			cmd_usage(ctx, "demo", stdout);
			return 0;
		}
		cmd_usage(ctx, "demo", stderr);
		return 2;
	}
	if (optind != argc) {
		cmd_usage(ctx, "demo", stderr);
		return 2;
	}
	if ((db = cmd_open_db(ctx, 1, 0)) == NULL)
		return 1;
	if ((imp = catalog_import_begin(db, "demo", &cause)) == NULL)
		goto fail;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		path = xasprintf("%s/%s", cmd_data_dir(), files[i]);
		c = catalog_csvimport_file(imp, path, &cause);
		free(path);
		if (c != 0)
			goto fail;
	}
	if (catalog_import_commit(imp, &sum, &cause) != 0) {
		imp = NULL;
		goto fail;
	}
	imp = NULL;
	printf("demo catalogue in %s: %lld entries, version %lld (%zu new, "
	    "%zu updated)\n", ctx->db_path,
	    (long long)catalog_db_entry_count(db),
	    (long long)catalog_db_version(db), sum.created, sum.updated);
	catalog_import_summary_done(&sum);
	rc = 0;
	goto out;
fail:
	cmd_fail(ctx, "%s", cause);
out:
	catalog_import_abort(imp);
	catalog_db_close(db);
	free(cause);
	return rc;
}
