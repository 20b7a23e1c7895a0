/*
 * cmd_report: leerpunt-catalog report --key OFFICE.secret --kiosks FILE
 *     [--output DIR] UPLOADS
 *
 * The office's report of the kiosks' use statistics (see report.h): CSV
 * tables and one HTML page with charts in the output folder (default
 * "leerpunt-report"). Refused uploads are named on standard error with a
 * closing count; exit status 1 when any was refused, so scripts notice.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "catalog/cmd.h"
#include "catalog/keys.h"
#include "catalog/report.h"

int
cmd_report(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "kiosks", required_argument, NULL, 'K' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_report_summary sum;
	struct catalog_keys *office = NULL, **kiosks = NULL;
	const char *keypath = NULL, *kiosks_path = NULL;
	const char *outdir = "leerpunt-report";
	size_t nkiosks = 0;
	char *cause = NULL;
	int c, rc = 1;

	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			keypath = optarg;
			break;
		case 'K':
			kiosks_path = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'h':
			cmd_usage(ctx, "report", stdout);
			return 0;
		default:
			cmd_usage(ctx, "report", stderr);
			return 2;
		}
	}
	if (optind + 1 != argc || keypath == NULL || kiosks_path == NULL) {
		cmd_usage(ctx, "report", stderr);
		return 2;
	}
	if ((office = catalog_keys_read_secret(keypath, CATALOG_KEYS_OFFICE,
	    &cause)) == NULL ||
	    catalog_keys_read_kiosks(kiosks_path, &kiosks, &nkiosks,
	    &cause) != 0 ||
	    catalog_report_run(argv[optind], office, kiosks, nkiosks, outdir,
	    stderr, &sum, &cause) != 0) {
		cmd_fail(ctx, "report: %s", cause);
		goto out;
	}
	fprintf(stderr, "%s: %zu weekly file%s read from %zu kiosk%s, %zu "
	    "refused; report in %s/report.html\n", ctx->progname, sum.read,
	    sum.read == 1 ? "" : "s", sum.kiosks, sum.kiosks == 1 ? "" : "s",
	    sum.rejected, outdir);
	rc = sum.rejected > 0 ? 1 : 0;
out:
	free(cause);
	catalog_keys_free(office);
	catalog_keys_list_free(kiosks, nkiosks);
	return rc;
}
