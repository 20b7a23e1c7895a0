/*
 * cmd_inbox: leerpunt-catalog inbox --key OFFICE.secret --kiosks FILE
 *     [--json | --ooapi] DIR
 *
 * The office reads what kiosks uploaded (see inbox.h). Enrolments go to
 * standard output; rejected files and duplicates are reported on standard
 * error with a closing count. Exit status 1 when any file was rejected, so
 * scripts notice.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "catalog/cmd.h"
#include "catalog/enrol.h"
#include "catalog/inbox.h"
#include "catalog/keys.h"

int
cmd_inbox(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "kiosks", required_argument, NULL, 'K' },
		{ "json", no_argument, NULL, 'j' },
		{ "ooapi", no_argument, NULL, 'O' },
		{ "again", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	enum catalog_inbox_format format = CATALOG_INBOX_CSV;
	struct catalog_inbox_summary sum;
	struct catalog_keys *office = NULL, **kiosks = NULL;
	const char *keypath = NULL, *kiosks_path = NULL;
	size_t nkiosks = 0;
	char *cause = NULL;
	int c, rc = 1, formats = 0, again = 0;

	catalog_enrol_harden();
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			keypath = optarg;
			break;
		case 'K':
			kiosks_path = optarg;
			break;
		case 'j':
			format = CATALOG_INBOX_JSON;
			formats++;
			break;
		case 'O':
			format = CATALOG_INBOX_OOAPI;
			formats++;
			break;
		case 'A':
			again = 1;
			break;
		case 'h':
			cmd_usage(ctx, "inbox", stdout);
			return 0;
		default:
			cmd_usage(ctx, "inbox", stderr);
			return 2;
		}
	}
	if (optind + 1 != argc || keypath == NULL || kiosks_path == NULL ||
	    formats > 1) {
		cmd_usage(ctx, "inbox", stderr);
		return 2;
	}
	if ((office = catalog_keys_read_secret(keypath, CATALOG_KEYS_OFFICE,
	    &cause)) == NULL ||
	    catalog_keys_read_kiosks(kiosks_path, &kiosks, &nkiosks,
	    &cause) != 0 ||
	    catalog_inbox_read(argv[optind], office, kiosks, nkiosks, format,
	    again, stdout, stderr, &sum, &cause) != 0) {
		cmd_fail(ctx, "inbox: %s", cause);
		goto out;
	}
	fprintf(stderr, "%s: %zu enrolment%s read, %zu duplicate%s dropped, "
	    "%zu file%s rejected\n", ctx->progname, sum.read,
	    sum.read == 1 ? "" : "s", sum.duplicates,
	    sum.duplicates == 1 ? "" : "s", sum.rejected,
	    sum.rejected == 1 ? "" : "s");
	rc = sum.rejected > 0 ? 1 : 0;
out:
	free(cause);
	catalog_keys_free(office);
	catalog_keys_list_free(kiosks, nkiosks);
	return rc;
}
