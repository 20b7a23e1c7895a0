/*
 * cmd_search: leerpunt-catalog search [--lang LL] [--json] QUERY...
 *
 * Runs the same search the kiosk runs. With --json every hit is one JSON
 * object on its own line (id, kind, title, lang, city, start, cost_cents),
 * for scripts and tests; otherwise a line per hit for people.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "catalog/cmd.h"
#include "catalog/db.h"
#include "catalog/lang.h"
#include "catalog/safe.h"
#include "catalog/search.h"
#include "catalog/xmalloc.h"

static void
search_print_json(const struct catalog_hit *h)
{
	json_t *o = json_object();
	char *s;

	json_object_set_new(o, "id", json_integer(h->id));
	json_object_set_new(o, "kind",
	    json_string(catalog_entry_kind_name(h->kind)));
	json_object_set_new(o, "title", json_string(h->title.value));
	json_object_set_new(o, "lang", json_string(h->title.lang));
	json_object_set_new(o, "city", h->city != NULL ?
	    json_string(h->city) : json_null());
	json_object_set_new(o, "start", h->start != NULL ?
	    json_string(h->start) : json_null());
	json_object_set_new(o, "cost_cents", h->cost_cents >= 0 ?
	    json_integer(h->cost_cents) : json_null());
	s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
	puts(s);
	free(s);
	json_decref(o);
}

static void
search_print_text(const struct catalog_hit *h)
{
	char *title = catalog_safe_line(h->title.value);
	char *city = catalog_safe_line(h->city);

	printf("%lld\t%s [%s]", (long long)h->id, title, h->title.lang);
	if (h->city != NULL)
		printf(" - %s", city);
	free(title);
	free(city);
	if (h->start != NULL)
		printf(", %s", h->start);
	if (h->cost_cents == 0)
		printf(", free");
	else if (h->cost_cents > 0)
		printf(", EUR %lld.%02lld", (long long)(h->cost_cents / 100),
		    (long long)(h->cost_cents % 100));
	putchar('\n');
}

int
cmd_search(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "theme", required_argument, NULL, 't' },
		{ "limit", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_results res;
	struct catalog_query q;
	struct catalog_db *db;
	char lang[CATALOG_LANG_MAX] = "nl", *text = NULL, *cause = NULL, *end;
	size_t i;
	int c, json = 0, rc = 1;
	long limit;

	catalog_query_init(&q);
	q.limit = 20;
	while ((c = getopt_long(argc, argv, "l:jt:n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (catalog_lang_primary(optarg, lang,
			    sizeof lang) != 0) {
				cmd_fail(ctx, "\"%s\" is not a language tag",
				    optarg);
				return 2;
			}
			break;
		case 'j':
			json = 1;
			break;
		case 't':
			q.theme = optarg;
			break;
		case 'n':
			limit = strtol(optarg, &end, 10);
			if (*end != '\0' || limit < 1 || limit > 1000) {
				cmd_fail(ctx, "--limit must be 1 to 1000");
				return 2;
			}
			q.limit = (size_t)limit;
			break;
		case 'h':
			cmd_usage(ctx, "search", stdout);
			return 0;
		default:
			cmd_usage(ctx, "search", stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		cmd_usage(ctx, "search", stderr);
		return 2;
	}
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		char *t = text == NULL ? xstrdup(argv[i]) :
		    xasprintf("%s %s", text, argv[i]);

		free(text);
		text = t;
	}
	q.text = text;
	q.lang = lang;
	if ((db = cmd_open_db(ctx, 0, 1)) == NULL)
		goto out;
	if (catalog_search_run(db, &q, &res, &cause) != 0) {
		cmd_fail(ctx, "%s", cause);
		goto out;
	}
	for (i = 0; i < res.n; i++) {
		if (json)
			search_print_json(&res.hits[i]);
		else
			search_print_text(&res.hits[i]);
	}
	if (!json)
		printf("%zu found\n", res.total);
	catalog_results_done(&res);
	rc = 0;
out:
	catalog_db_close(db);
	free(text);
	free(cause);
	return rc;
}
