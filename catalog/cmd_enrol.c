/*
 * cmd_enrol: leerpunt-catalog enrol --offering ID --name NAME
 *     (--phone P | --email E) [--note TEXT] --consent yes
 *     [--office-key FILE]
 *
 * Staff enrol a person from a shell (the kiosk's staff mode calls the same
 * catalog_enrol_submit()). Prints only the receipt number. Without the
 * office's public key nothing is stored: an enrolment is never kept
 * unsealed.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/cmd.h"
#include "catalog/config.h"
#include "catalog/db.h"
#include "catalog/enrol.h"
#include "catalog/keys.h"
#include "catalog/state.h"

int
cmd_enrol(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "offering", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "phone", required_argument, NULL, 'p' },
		{ "email", required_argument, NULL, 'e' },
		{ "note", required_argument, NULL, 't' },
		{ "consent", required_argument, NULL, 'c' },
		{ "office-key", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_enrolment e = { 0, NULL, NULL, NULL, NULL, 0, NULL };
	char place[CATALOG_CONFIG_NAME_SIZE];
	struct catalog_state *state = NULL;
	struct catalog_db *db = NULL;
	struct catalog_keys *office = NULL;
	const char *keypath = NULL;
	char receipt[CATALOG_ENROL_RECEIPT_SIZE], *cause = NULL, *end;
	int c, rc = 1, have_offering = 0;
	long long id;

	catalog_enrol_harden();
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			errno = 0;
			id = strtoll(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    id <= 0) {
				cmd_fail(ctx, "enrol: --offering needs the "
				    "offering's number (see search --json)");
				return 2;
			}
			e.offering_id = id;
			have_offering = 1;
			break;
		case 'n':
			e.name = optarg;
			break;
		case 'p':
			e.phone = optarg;
			break;
		case 'e':
			e.email = optarg;
			break;
		case 't':
			e.note = optarg;
			break;
		case 'c':
			if (strcmp(optarg, "yes") != 0) {
				cmd_fail(ctx, "enrol: --consent yes is needed: "
				    "enrol only when the person agrees");
				return 2;
			}
			e.consent = 1;
			break;
		case 'k':
			keypath = optarg;
			break;
		case 'h':
			cmd_usage(ctx, "enrol", stdout);
			return 0;
		default:
			cmd_usage(ctx, "enrol", stderr);
			return 2;
		}
	}
	if (optind != argc || !have_offering) {
		if (!have_offering)
			cmd_fail(ctx, "enrol: --offering is needed");
		cmd_usage(ctx, "enrol", stderr);
		return 2;
	}
	if (catalog_enrol_check(&e, NULL, &cause) != 0) {
		cmd_fail(ctx, "enrol: %s", cause);
		free(cause);
		return 1;
	}
	if (keypath == NULL) {
		keypath = catalog_enrol_office_key_path();
		if (access(keypath, F_OK) != 0) {
			cmd_fail(ctx, "enrol: no office key, so nothing was "
			    "saved (an enrolment is never stored unsealed). "
			    "Give --office-key FILE, set LEERPUNT_OFFICE_KEY, "
			    "or install the office's public key as %s",
			    keypath);
			return 1;
		}
	}
	if ((office = catalog_keys_read_public(keypath, CATALOG_KEYS_OFFICE,
	    &cause)) == NULL) {
		cmd_fail(ctx, "enrol: %s; nothing was saved", cause);
		goto out;
	}
	e.kiosk_name = catalog_config_kiosk_id(ctx->config, place,
	    sizeof place);
	if ((db = cmd_open_db(ctx, 0, 1)) == NULL ||
	    (state = cmd_open_state(ctx)) == NULL)
		goto out;
	if (catalog_enrol_submit(state, db, &e, office->pk, receipt,
	    &cause) != 0) {
		cmd_fail(ctx, "enrol: %s", cause);
		goto out;
	}
	printf("%s\n", receipt);
	rc = 0;
out:
	free(cause);
	catalog_keys_free(office);
	catalog_db_close(db);
	catalog_state_close(state);
	return rc;
}
