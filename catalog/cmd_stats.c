/*
 * cmd_stats: leerpunt-catalog stats [--json]
 *
 * The numbers a coordinator or a script checks first: entries, themes,
 * the catalogue version, the schema version and the last sync.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "catalog/cmd.h"
#include "catalog/db.h"
#include "catalog/theme.h"

int
cmd_stats(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_theme *themes;
	struct catalog_db *db;
	size_t nthemes;
	char *synced, *s;
	int c, json = 0;
	json_t *o;

	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			cmd_usage(ctx, "stats", stdout);
			return 0;
		default:
			cmd_usage(ctx, "stats", stderr);
			return 2;
		}
	}
	if (optind != argc) {
		cmd_usage(ctx, "stats", stderr);
		return 2;
	}
	if ((db = cmd_open_db(ctx, 0, 1)) == NULL)
		return 1;
	themes = catalog_theme_list(db, "en", &nthemes);
	catalog_theme_list_free(themes, nthemes);
	synced = catalog_db_meta_get(db, "synced_at");
	if (json) {
		o = json_object();
		json_object_set_new(o, "entries",
		    json_integer(catalog_db_entry_count(db)));
		json_object_set_new(o, "version",
		    json_integer(catalog_db_version(db)));
		json_object_set_new(o, "themes", json_integer((json_int_t)nthemes));
		json_object_set_new(o, "schema",
		    json_integer(catalog_db_schema_version()));
		json_object_set_new(o, "synced_at", synced != NULL ?
		    json_string(synced) : json_null());
		s = json_dumps(o, JSON_COMPACT);
		puts(s);
		free(s);
		json_decref(o);
	} else {
		printf("catalogue:  %s\n", catalog_db_path(db));
		printf("entries:    %lld\n",
		    (long long)catalog_db_entry_count(db));
		printf("themes:     %zu\n", nthemes);
		printf("version:    %lld\n", (long long)catalog_db_version(db));
		printf("schema:     %d\n", catalog_db_schema_version());
		printf("last sync:  %s\n", synced != NULL ? synced : "never");
	}
	free(synced);
	catalog_db_close(db);
	return 0;
}
