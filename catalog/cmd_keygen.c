/*
 * cmd_keygen: leerpunt-catalog keygen --kind office|kiosk|repo --out PREFIX
 *
 * Writes PREFIX.pub and PREFIX.secret (0600), never over existing files.
 * For kiosk keys it exports this kiosk's own pair from the state database
 * (made there first if there is none yet), so the office can add the .pub
 * line to its list of known kiosks.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "catalog/cmd.h"
#include "catalog/enrol.h"
#include "catalog/keys.h"
#include "catalog/state.h"

int
cmd_keygen(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_state *state = NULL;
	struct catalog_keys *k = NULL;
	const char *out = NULL;
	char *cause = NULL;
	int c, kind = -1, rc = 1;

	catalog_enrol_harden();
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			if ((kind = catalog_keys_kind_parse(optarg)) < 0) {
				cmd_fail(ctx, "keygen: unknown --kind \"%s\" "
				    "(office, kiosk or repo)", optarg);
				return 2;
			}
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			cmd_usage(ctx, "keygen", stdout);
			return 0;
		default:
			cmd_usage(ctx, "keygen", stderr);
			return 2;
		}
	}
	if (optind != argc || kind < 0 || out == NULL || *out == '\0') {
		cmd_usage(ctx, "keygen", stderr);
		return 2;
	}
	if (kind == CATALOG_KEYS_KIOSK) {
		if ((state = cmd_open_state(ctx)) == NULL)
			return 1;
		k = catalog_keys_kiosk(state, &cause);
	} else
		k = catalog_keys_generate((enum catalog_keys_kind)kind);
	if (k == NULL || catalog_keys_write(k, out, &cause) != 0) {
		cmd_fail(ctx, "keygen: %s", cause);
		goto out;
	}
	printf("%s.pub\n%s.secret\n", out, out);
	if (kind == CATALOG_KEYS_KIOSK)
		printf("kiosk id: %s\n", k->id);
	rc = 0;
out:
	free(cause);
	catalog_keys_free(k);
	catalog_state_close(state);
	return rc;
}
