/*
 * cmd_publish: leerpunt-catalog publish --key PREFIX.secret --out DIR
 *   [--expires-in DURATION] [--keep-deltas K] [--next-key FILE.pub]
 *   [--state DIR]
 *
 * Writes the catalogue as a signed repository that leerpunt-sync reads,
 * with deltas from the last K versions (see publish.h and
 * docs/repository-format.md), and says what it wrote. An empty catalogue
 * is refused: synced kiosks would lose every entry. --key may be given
 * more than once (during a key rotation both keys sign).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/cmd.h"
#include "catalog/db.h"
#include "catalog/keys.h"
#include "catalog/manifest.h"
#include "catalog/publish.h"

#define CMD_PUBLISH_MAX_DAYS 3650

/* Keys read from the command line, freed together. */
struct cmd_publish_keys {
	struct catalog_keys *keys[CATALOG_MANIFEST_MAX_KEYS];
	size_t		 n;
};

static void
cmd_publish_keys_done(struct cmd_publish_keys *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		catalog_keys_free(k->keys[i]);
	k->n = 0;
}

/* Read one key file into k; -1 after a message. */
static int
cmd_publish_read_key(struct cmd_ctx *ctx, struct cmd_publish_keys *k,
    const char *path, int secret, const char *option)
{
	struct catalog_keys *key;
	char *cause = NULL;

	if (k->n == CATALOG_MANIFEST_MAX_KEYS) {
		cmd_fail(ctx, "%s: at most %d keys", option,
		    CATALOG_MANIFEST_MAX_KEYS);
		return -1;
	}
	key = secret ? catalog_keys_read_secret(path, CATALOG_KEYS_REPO,
	    &cause) : catalog_keys_read_public(path, CATALOG_KEYS_REPO, &cause);
	if (key == NULL) {
		cmd_fail(ctx, "%s: %s", option, cause);
		free(cause);
		return -1;
	}
	k->keys[k->n++] = key;
	return 0;
}

int
cmd_publish(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "key", required_argument, NULL, 'k' },
		{ "next-key", required_argument, NULL, 'n' },
		{ "expires-in", required_argument, NULL, 'e' },
		{ "valid-days", required_argument, NULL, 'v' },
		{ "keep-deltas", required_argument, NULL, 'K' },
		{ "state", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_manifest_signer signers[CATALOG_MANIFEST_MAX_KEYS];
	unsigned char next[CATALOG_MANIFEST_MAX_KEYS][32];
	struct cmd_publish_keys secret, pub;
	struct catalog_publish_options po;
	struct catalog_publish_result res;
	struct catalog_db *db;
	const char *out = NULL;
	char *cause = NULL, *end;
	long days, keep;
	size_t i;
	int c, rc = 2;

	memset(&po, 0, sizeof po);
	memset(&secret, 0, sizeof secret);
	memset(&pub, 0, sizeof pub);
	po.keep_deltas = CATALOG_PUBLISH_KEEP_DELTAS;
	while ((c = getopt_long(argc, argv, "o:k:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'k':
			if (cmd_publish_read_key(ctx, &secret, optarg, 1,
			    "--key") != 0)
				goto out;
			break;
		case 'n':
			if (cmd_publish_read_key(ctx, &pub, optarg, 0,
			    "--next-key") != 0)
				goto out;
			break;
		case 'e':
			if (catalog_publish_duration(optarg, &po.valid_for) !=
			    0) {
				cmd_fail(ctx, "--expires-in: \"%s\" is not a "
				    "duration (like 7d, 12h or 30m; at most "
				    "10 years)", optarg);
				goto out;
			}
			break;
		case 'v':
			errno = 0;
			days = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    days < 1 || days > CMD_PUBLISH_MAX_DAYS) {
				cmd_fail(ctx, "--valid-days: \"%s\" is not a "
				    "number of days (1 to %d)", optarg,
				    CMD_PUBLISH_MAX_DAYS);
				goto out;
			}
			po.valid_for = (time_t)days * 86400;
			break;
		case 'K':
			errno = 0;
			keep = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    keep < 0 || keep > CATALOG_PUBLISH_MAX_DELTAS) {
				cmd_fail(ctx, "--keep-deltas: \"%s\" is not a "
				    "number from 0 to %d", optarg,
				    CATALOG_PUBLISH_MAX_DELTAS);
				goto out;
			}
			po.keep_deltas = (int)keep;
			break;
		case 's':
			po.state = optarg;
			break;
		case 'h':
			cmd_usage(ctx, "publish", stdout);
			rc = 0;
			goto out;
		default:
			cmd_usage(ctx, "publish", stderr);
			goto out;
		}
	}
	if (optind != argc || out == NULL) {
		cmd_usage(ctx, "publish", stderr);
		goto out;
	}
	if (secret.n == 0) {
		cmd_fail(ctx, "publish: --key FILE.secret is required: kiosks "
		    "refuse unsigned catalogues");
		goto out;
	}
	for (i = 0; i < secret.n; i++) {
		memcpy(signers[i].pk, secret.keys[i]->pk, 32);
		signers[i].sk = secret.keys[i]->sk;
	}
	for (i = 0; i < pub.n; i++)
		memcpy(next[i], pub.keys[i]->pk, 32);
	po.signers = signers;
	po.nsigners = secret.n;
	po.next_keys = (const unsigned char (*)[32])next;
	po.nnext_keys = pub.n;

	rc = 1;
	if ((db = cmd_open_db(ctx, 0, 0)) == NULL)
		goto out;
	if (catalog_publish_run(db, out, &po, &res, &cause) != 0) {
		catalog_db_close(db);
		cmd_fail(ctx, "publish: %s", cause);
		free(cause);
		goto out;
	}
	catalog_db_close(db);

	for (i = 0; i < res.nwarnings; i++)
		fprintf(stderr, "leerpunt-catalog: publish: warning: %s\n",
		    res.warnings[i]);
	printf("published version %lld (%lld entries) to %s\n",
	    (long long)res.version, (long long)res.entries, out);
	printf("  %s: %lld bytes (%lld uncompressed)\n", res.snapshot,
	    (long long)res.size, (long long)res.uncompressed_size);
	for (i = 0; i < res.ndeltas; i++)
		printf("  %s: delta from version %lld, %lld bytes\n",
		    res.deltas[i].name, (long long)res.deltas[i].from,
		    (long long)res.deltas[i].size);
	if (res.previous_version == res.version)
		printf("  %s already had version %lld: rewritten\n", out,
		    (long long)res.version);
	else if (res.previous_version != 0)
		printf("  replaces version %lld\n",
		    (long long)res.previous_version);
	if (res.removed > 0)
		printf("  removed %zu old file%s\n", res.removed,
		    res.removed == 1 ? "" : "s");
	for (i = 0; i < pub.n; i++) {
		char id[CATALOG_MANIFEST_KEYID_SIZE];

		catalog_manifest_keyid(pub.keys[i]->pk, id);
		printf("  announces key %s for later versions\n", id);
	}
	catalog_publish_result_done(&res);
	rc = 0;

out:
	cmd_publish_keys_done(&secret);
	cmd_publish_keys_done(&pub);
	return rc;
}
