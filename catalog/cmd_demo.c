/*
 * cmd_demo: leerpunt-catalog demo
 *
 * Loads the demo catalogue shipped in catalog/data (installed under
 * pkgdatadir; LEERPUNT_DATADIR overrides): the themes, then the entries,
 * in one import with source "demo". Running it again in the same week
 * changes nothing.
 *
 * The demo never goes stale: the dates in demo.csv are written as seen in
 * the week of Monday DEMO_WEEK, and are moved by whole weeks so that week
 * becomes the current week of the program's clock (catalog/clock.h).
 * Whole weeks keep every weekday pattern (a Monday course stays on
 * Mondays) and the spread over the coming months; a start earlier in the
 * current week than today has just passed, as it would have then.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/clock.h"
#include "catalog/cmd.h"
#include "catalog/csv.h"
#include "catalog/csvimport.h"
#include "catalog/db.h"
#include "catalog/import.h"
#include "catalog/xmalloc.h"

#define DEMO_WEEK	"2026-11-23"	/* a Monday */

/* Days to add to demo.csv's dates: whole weeks, DEMO_WEEK to this week. */
static long
demo_shift(void)
{
	long today = catalog_clock_day(), base = 0, monday;

	(void)catalog_clock_parse_day(DEMO_WEEK, &base);
	/* Day 0, 1970-01-01, was a Thursday: Monday is 3 days earlier. */
	monday = today - (((today + 3) % 7) + 7) % 7;
	return monday - base;
}

/* Append v to *buf as one CSV field (quoted when it must be). */
static void
demo_put_field(char **buf, size_t *len, size_t *cap, const char *v,
    int first)
{
	size_t n = strlen(v), need = *len + 2 * n + 4;
	int quote = strpbrk(v, ",\"\r\n") != NULL;

	if (need > *cap) {
		*cap = need * 2;
		*buf = xreallocarray(*buf, *cap, 1);
	}
	if (!first)
		(*buf)[(*len)++] = ',';
	if (quote)
		(*buf)[(*len)++] = '"';
	for (; *v != '\0'; v++) {
		if (*v == '"')
			(*buf)[(*len)++] = '"';
		(*buf)[(*len)++] = *v;
	}
	if (quote)
		(*buf)[(*len)++] = '"';
	(*buf)[*len] = '\0';
}

/*
 * Read the entries file at path and import it with every "start" and
 * "end" date moved by shift days. Other fields pass unchanged.
 */
static int
demo_import_moved(struct catalog_import *imp, const char *path, long shift,
    char **cause)
{
	const struct catalog_csv_field *fs;
	struct catalog_csv *in, *out;
	char *buf = xstrdup(""), date[11];
	size_t len = 0, cap = 1, n, i, ncols = 0;
	unsigned char *dated = NULL;
	long day;
	int rc, header = 1;

	if ((in = catalog_csv_open(path, cause)) == NULL) {
		free(buf);
		return -1;
	}
	while ((rc = catalog_csv_next(in, &fs, &n, cause)) == 1) {
		if (header) {
			ncols = n;
			dated = xcalloc(n + 1, 1);
			for (i = 0; i < n; i++)
				dated[i] = strcmp(fs[i].value, "start") == 0 ||
				    strcmp(fs[i].value, "end") == 0;
		}
		for (i = 0; i < n; i++) {
			const char *v = fs[i].value;

			if (!header && i < ncols && dated[i] &&
			    catalog_clock_parse_day(v, &day) == 0) {
				catalog_clock_format_day(day + shift, date);
				v = date;
			}
			demo_put_field(&buf, &len, &cap, v, i == 0);
		}
		if (len + 2 > cap) {
			cap = (len + 2) * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		buf[len++] = '\n';
		buf[len] = '\0';
		header = 0;
	}
	catalog_csv_free(in);
	free(dated);
	if (rc != 0) {
		free(buf);
		return -1;
	}
	out = catalog_csv_new(path, buf, len);
	free(buf);
	rc = catalog_csvimport_read(imp, out, cause);
	catalog_csv_free(out);
	return rc;
}

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
		if (strcmp(files[i], "demo.csv") == 0)
			c = demo_import_moved(imp, path, demo_shift(), &cause);
		else
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
