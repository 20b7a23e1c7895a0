/*
 * cmd_config: leerpunt-catalog config [KEY]
 *
 * Checks and shows the configuration file (catalog/config.h) the way every
 * program reads it. Without KEY it prints each key that is set and checks
 * that each secret file may be used (its content is never printed); an
 * installer runs it before restarting the services. With KEY it prints
 * just that value (nothing when unset), for scripts such as
 * scripts/kiosk-session.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/cmd.h"
#include "catalog/config.h"

int
cmd_config(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct catalog_config *cfg = ctx->config;
	const char *key;
	char *value, *secret = NULL, *cause = NULL;
	size_t i;
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cmd_usage(ctx, "config", stdout);
			return 0;
		default:
			cmd_usage(ctx, "config", stderr);
			return 2;
		}
	}
	if (argc - optind > 1) {
		cmd_usage(ctx, "config", stderr);
		return 2;
	}
	if (argc - optind == 1) {
		key = argv[optind];
		if (catalog_config_key_is_secret(key) < 0)
			return cmd_fail(ctx, "config: unknown key \"%s\" (see "
			    "%s config)", key, ctx->progname) + 1;
		if ((value = catalog_config_get(cfg, key)) != NULL)
			puts(value);
		free(value);
		return 0;
	}
	if (cfg->path != NULL)
		printf("# %s\n", cfg->path);
	else
		printf("# no configuration file: built-in defaults\n");
	printf("# catalogue in use: %s\n", ctx->db_path);
	for (i = 0; (key = catalog_config_key(i)) != NULL; i++) {
		if ((value = catalog_config_get(cfg, key)) == NULL)
			continue;
		printf("%s = %s\n", key, value);
		if (catalog_config_key_is_secret(key) == 1) {
			if (catalog_config_read_secret(value, &secret,
			    &cause) != 0) {
				cmd_fail(ctx, "%s: %s", key, cause);
				free(cause);
				cause = NULL;
				rc = 1;
			}
			catalog_config_secret_free(secret);
			secret = NULL;
		}
		free(value);
	}
	return rc;
}
