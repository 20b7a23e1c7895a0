/*
 * cmd_outbox: leerpunt-catalog outbox [--all]
 *
 * Counts by status, then one line per enrolment still to send (with --all
 * also the sent ones): receipt, status, offering, time, tries, last error.
 * Nothing here is personal data.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "catalog/cmd.h"
#include "catalog/outbox.h"
#include "catalog/state.h"

int
cmd_outbox(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "resend-sent", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_outbox_counts counts;
	struct catalog_outbox_item *items = NULL;
	struct catalog_state *state;
	char *cause = NULL, when[32];
	size_t n = 0, i;
	int c, all = 0, resend = 0, rc = 1;
	struct tm tm;
	time_t t;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			all = 1;
			break;
		case 'R':
			resend = 1;
			break;
		case 'h':
			cmd_usage(ctx, "outbox", stdout);
			return 0;
		default:
			cmd_usage(ctx, "outbox", stderr);
			return 2;
		}
	}
	if (optind != argc) {
		cmd_usage(ctx, "outbox", stderr);
		return 2;
	}
	if ((state = cmd_open_state(ctx)) == NULL)
		return 1;
	if (resend) {
		if (catalog_outbox_resend(state, NULL, &n, &cause) != 0) {
			cmd_fail(ctx, "outbox: %s", cause);
			goto out;
		}
		printf("queued again: %zu sent enrolment%s whose sealed record "
		    "was still kept\n", n, n == 1 ? "" : "s");
		n = 0;
	}
	if (catalog_outbox_counts(state, &counts, &cause) != 0 ||
	    catalog_outbox_list(state, all ? CATALOG_OUTBOX_ALL : 0, 0, &items,
	    &n, &cause) != 0) {
		cmd_fail(ctx, "outbox: %s", cause);
		goto out;
	}
	printf("queued: %lld\nfailed: %lld\nsent: %lld\n",
	    (long long)counts.queued, (long long)counts.failed,
	    (long long)counts.sent);
	for (i = 0; i < n; i++) {
		t = (time_t)items[i].created;
		gmtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		printf("%s %-6s offering %lld %s tries %d%s%s\n",
		    items[i].receipt,
		    catalog_outbox_status_name(items[i].status),
		    (long long)items[i].offering_id, when, items[i].attempts,
		    items[i].last_error != NULL ? " last error: " : "",
		    items[i].last_error != NULL ? items[i].last_error : "");
	}
	rc = 0;
out:
	free(cause);
	catalog_outbox_list_free(items, n);
	catalog_state_close(state);
	return rc;
}
