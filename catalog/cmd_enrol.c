/*
 * cmd_enrol: leerpunt-catalog enrol --offering ID --consent yes
 *     (--from-stdin | --name NAME (--phone P | --email E) [--note TEXT])
 *     [--office-key FILE]
 *
 * Staff enrol a person from a shell (the kiosk's staff mode calls the same
 * catalog_enrol_submit()). Prints only the receipt number. Without the
 * office's public key nothing is stored: an enrolment is never kept
 * unsealed. With --from-stdin the personal fields come as "key=value"
 * lines on standard input (catalog_enrol_parse_fields), so they never
 * show in the process list; they are read with read(2) straight into
 * sodium_malloc'd memory (no stdio copy) and wiped when done.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <sodium.h>
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
#include "catalog/xmalloc.h"

/*
 * Read all of standard input into a new sodium_malloc'd buffer of
 * CATALOG_ENROL_FIELDS_MAX + 2 bytes (free with sodium_free); NULL and
 * *cause when it cannot be read or is too long.
 */
static char *
cmd_enrol_read_stdin(size_t *len, char **cause)
{
	size_t cap = CATALOG_ENROL_FIELDS_MAX + 2, total = 0;
	ssize_t n;
	char *buf;

	if ((buf = sodium_malloc(cap)) == NULL) {
		*cause = xstrdup("out of memory");
		return NULL;
	}
	while (total < cap - 1 &&
	    (n = read(STDIN_FILENO, buf + total, cap - 1 - total)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause = xasprintf("cannot read standard input: %s",
			    strerror(errno));
			sodium_free(buf);
			return NULL;
		}
		total += (size_t)n;
	}
	if (total > CATALOG_ENROL_FIELDS_MAX) {
		*cause = xasprintf("the input is too long (more than %d bytes)",
		    CATALOG_ENROL_FIELDS_MAX);
		sodium_free(buf);
		return NULL;
	}
	buf[total] = '\0';
	*len = total;
	return buf;
}

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
		{ "from-stdin", no_argument, NULL, 's' },
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
	char *input = NULL;
	size_t inlen = 0;
	int c, rc = 1, have_offering = 0, from_stdin = 0, flags = 0;
	enum catalog_enrol_problem problem;
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
			flags++;
			break;
		case 'p':
			e.phone = optarg;
			flags++;
			break;
		case 'e':
			e.email = optarg;
			flags++;
			break;
		case 't':
			e.note = optarg;
			flags++;
			break;
		case 's':
			from_stdin = 1;
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
	if (from_stdin && flags > 0) {
		cmd_fail(ctx, "enrol: --from-stdin reads name, phone, email and "
		    "note from standard input: give none of them as options");
		return 2;
	}
	if (from_stdin && ((input = cmd_enrol_read_stdin(&inlen,
	    &cause)) == NULL ||
	    catalog_enrol_parse_fields(input, inlen, &e, &cause) != 0)) {
		cmd_fail(ctx, "enrol: standard input: %s; nothing was saved",
		    cause);
		goto out;
	}
	if ((problem = catalog_enrol_check(&e, NULL)) != CATALOG_ENROL_OK) {
		cmd_fail(ctx, "enrol: %s", catalog_enrol_problem_text(problem));
		goto out;
	}
	if (keypath == NULL) {
		keypath = catalog_enrol_office_key_path();
		if (access(keypath, F_OK) != 0) {
			cmd_fail(ctx, "enrol: no office key, so nothing was "
			    "saved (an enrolment is never stored unsealed). "
			    "Give --office-key FILE, set LEERPUNT_OFFICE_KEY, "
			    "or install the office's public key as %s",
			    keypath);
			goto out;
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
	if (input != NULL)
		sodium_free(input);	/* wipes it */
	free(cause);
	catalog_keys_free(office);
	catalog_db_close(db);
	catalog_state_close(state);
	return rc;
}
