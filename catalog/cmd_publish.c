/*
 * cmd_publish: leerpunt-catalog publish --out DIR [--valid-days N]
 *
 * Writes the catalogue as a repository that leerpunt-sync reads (see
 * publish.h and docs/repository-format.md) and says what it wrote. An
 * empty catalogue is refused: synced kiosks would lose every entry.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/cmd.h"
#include "catalog/db.h"
#include "catalog/publish.h"

#define CMD_PUBLISH_MAX_DAYS 3650

int
cmd_publish(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "valid-days", required_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_publish_options po;
	struct catalog_publish_result res;
	struct catalog_db *db;
	const char *out = NULL;
	char *cause = NULL, *end;
	long days;
	int c;

	memset(&po, 0, sizeof po);
	while ((c = getopt_long(argc, argv, "o:v:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'v':
			errno = 0;
			days = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    days < 1 || days > CMD_PUBLISH_MAX_DAYS) {
				cmd_fail(ctx, "--valid-days: \"%s\" is not a "
				    "number of days (1 to %d)", optarg,
				    CMD_PUBLISH_MAX_DAYS);
				return 2;
			}
			po.valid_for = (time_t)days * 86400;
			break;
		case 'h':
			cmd_usage(ctx, "publish", stdout);
			return 0;
		default:
			cmd_usage(ctx, "publish", stderr);
			return 2;
		}
	}
	if (optind != argc || out == NULL) {
		cmd_usage(ctx, "publish", stderr);
		return 2;
	}
	if ((db = cmd_open_db(ctx, 0, 0)) == NULL)
		return 1;
	if (catalog_publish_run(db, out, &po, &res, &cause) != 0) {
		catalog_db_close(db);
		cmd_fail(ctx, "publish: %s", cause);
		free(cause);
		return 1;
	}
	catalog_db_close(db);

	printf("published version %lld (%lld entries) to %s\n",
	    (long long)res.version, (long long)res.entries, out);
	printf("  %s: %lld bytes (%lld uncompressed)\n", res.snapshot,
	    (long long)res.size, (long long)res.uncompressed_size);
	if (res.previous_version == res.version)
		printf("  %s already had version %lld: rewritten\n", out,
		    (long long)res.version);
	else if (res.previous_version != 0)
		printf("  replaces version %lld\n",
		    (long long)res.previous_version);
	if (res.removed > 0)
		printf("  removed %zu old snapshot file%s\n", res.removed,
		    res.removed == 1 ? "" : "s");
	catalog_publish_result_done(&res);
	return 0;
}
