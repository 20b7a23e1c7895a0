/*
 * cmd_search: leerpunt-catalog search [OPTIONS] QUERY...
 *             leerpunt-catalog search --batch [--timing] [OPTIONS]
 *
 * Runs the same search the kiosk runs. With --json every hit is one JSON
 * object on its own line (id, kind, title, lang, city, start, cost_cents,
 * km, corrected), for scripts and tests; otherwise a line per hit for
 * people. With --batch each line of standard input is a query (as typed:
 * a trailing space ends the last word) and each result set is printed as
 * one JSON line: {"query", "total", "total_capped", "hits": [...]}, plus
 * with --timing "us", the microseconds catalog_search_run() took, and
 * "cpu_us", the processor time it used (on a busy machine the two differ:
 * the second is the search's own cost).
 * Benchmarks and load tests use this; the filters apply to every line.
 * --reindex brings the typo vocabulary up to date (writes the catalogue).
 * --warm first reads the catalogue's hot pages as the kiosk does while it
 * waits for its first person (warm.h), in the same slices, and reports on
 * standard error what that took, so a benchmark measures the searches of
 * a kiosk rather than of a process that has just started.
 */
#include "config.h"

#include <sys/resource.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "catalog/clock.h"
#include "catalog/cmd.h"
#include "catalog/db.h"
#include "catalog/lang.h"
#include "catalog/safe.h"
#include "catalog/record.h"
#include "catalog/search.h"
#include "catalog/typo.h"
#include "catalog/warm.h"
#include "catalog/xmalloc.h"

static json_t *
search_hit_json(const struct catalog_hit *h)
{
	json_t *o = json_object();

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
	json_object_set_new(o, "km", h->km >= 0 ?
	    json_real((double)(long)(h->km * 10 + 0.5) / 10) : json_null());
	json_object_set_new(o, "corrected", json_boolean(h->corrected));
	return o;
}

static void
search_print_json(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);

	puts(s);
	free(s);
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
	if (h->km >= 0)
		printf(", %.1f km", h->km);
	putchar('\n');
}

/* Microseconds of clock (CLOCK_MONOTONIC or a CPU-time clock). */
static long long
search_now_us(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Parse "LAT,LON" into q; -1 when it is not a place on Earth. */
static int
search_parse_place(const char *s, struct catalog_query *q)
{
	if (catalog_record_parse_geo(s, &q->near_lat, &q->near_lon) != 0)
		return -1;
	q->has_place = 1;
	return 0;
}

/* Run one query; print it (batch: one JSON line). 0, or 1 on failure. */
static int
search_one(struct cmd_ctx *ctx, struct catalog_db *db, struct catalog_query *q,
    int json, int batch, int timing)
{
	struct catalog_results res;
	char *cause = NULL;
	long long t0, c0, us, cpu;
	size_t i;

	t0 = search_now_us(CLOCK_MONOTONIC);
	c0 = search_now_us(CLOCK_THREAD_CPUTIME_ID);
	if (catalog_search_run(db, q, &res, &cause) != 0) {
		cmd_fail(ctx, "%s", cause);
		free(cause);
		return 1;
	}
	cpu = search_now_us(CLOCK_THREAD_CPUTIME_ID) - c0;
	us = search_now_us(CLOCK_MONOTONIC) - t0;
	if (batch) {
		json_t *o = json_object(), *hits = json_array();

		json_object_set_new(o, "query", json_string(q->text));
		json_object_set_new(o, "total", json_integer(
		    (json_int_t)res.total));
		json_object_set_new(o, "total_capped",
		    json_boolean(res.total_capped));
		for (i = 0; i < res.n; i++)
			json_array_append_new(hits,
			    search_hit_json(&res.hits[i]));
		json_object_set_new(o, "hits", hits);
		if (timing) {
			json_object_set_new(o, "us", json_integer(us));
			json_object_set_new(o, "cpu_us", json_integer(cpu));
		}
		search_print_json(o);
		json_decref(o);
	} else {
		for (i = 0; i < res.n; i++) {
			if (json) {
				json_t *o = search_hit_json(&res.hits[i]);

				search_print_json(o);
				json_decref(o);
			} else
				search_print_text(&res.hits[i]);
		}
		if (!json)
			printf("%zu%s found\n", res.total,
			    res.total_capped ? "+" : "");
	}
	catalog_results_done(&res);
	return 0;
}

/* The slice the kiosk warms in between looks at its input (kiosk/app.c). */
#define SEARCH_WARM_SLICE_MS 15

/*
 * Warm the catalogue's hot pages (warm.h) in the kiosk's slices; report
 * on standard error: wall-clock and CPU time, what was read, and the
 * process's peak resident memory after it (the mapped pages count).
 */
static void
search_warm(struct catalog_db *db)
{
	struct catalog_warm *w = catalog_warm_new(db);
	struct catalog_warm_stats st;
	struct rusage ru;
	long long t0 = search_now_us(CLOCK_MONOTONIC);
	long long c0 = search_now_us(CLOCK_PROCESS_CPUTIME_ID);
	long long us, cpu;

	while (catalog_warm_step(w, SEARCH_WARM_SLICE_MS))
		;
	us = search_now_us(CLOCK_MONOTONIC) - t0;
	cpu = search_now_us(CLOCK_PROCESS_CPUTIME_ID) - c0;
	catalog_warm_stats(w, &st);
	catalog_warm_free(w);
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		ru.ru_maxrss = 0;
	fprintf(stderr, "warm: us=%lld cpu_us=%lld steps=%u rows=%llu "
	    "trees=%u restarts=%u maxrss_kib=%ld max_step_us=%lld\n", us, cpu,
	    st.steps, (unsigned long long)st.rows, st.trees, st.restarts,
	    (long)ru.ru_maxrss, (long long)st.max_step_usec);
}

/* Queries from standard input, one a line. */
static int
search_batch(struct cmd_ctx *ctx, struct catalog_db *db,
    struct catalog_query *q, int timing)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	while ((n = getline(&line, &cap, stdin)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		q->text = line;
		if (search_one(ctx, db, q, 1, 1, timing) != 0) {
			rc = 1;
			break;
		}
		fflush(stdout);
	}
	free(line);
	q->text = NULL;
	return rc;
}

int
cmd_search(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum { O_KIND = 256, O_PROVINCE, O_MODE, O_FREE, O_ILANG, O_LEVEL,
	    O_WITHIN, O_NEAR, O_KM, O_SORT, O_OFFSET, O_TODAY, O_BATCH,
	    O_TIMING, O_NOTYPO, O_REINDEX, O_WARM };
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "theme", required_argument, NULL, 't' },
		{ "limit", required_argument, NULL, 'n' },
		{ "kind", required_argument, NULL, O_KIND },
		{ "province", required_argument, NULL, O_PROVINCE },
		{ "mode", required_argument, NULL, O_MODE },
		{ "free", no_argument, NULL, O_FREE },
		{ "instruction-lang", required_argument, NULL, O_ILANG },
		{ "level", required_argument, NULL, O_LEVEL },
		{ "within-days", required_argument, NULL, O_WITHIN },
		{ "near", required_argument, NULL, O_NEAR },
		{ "km", required_argument, NULL, O_KM },
		{ "sort", required_argument, NULL, O_SORT },
		{ "offset", required_argument, NULL, O_OFFSET },
		{ "today", required_argument, NULL, O_TODAY },
		{ "no-typos", no_argument, NULL, O_NOTYPO },
		{ "batch", no_argument, NULL, O_BATCH },
		{ "timing", no_argument, NULL, O_TIMING },
		{ "reindex", no_argument, NULL, O_REINDEX },
		{ "warm", no_argument, NULL, O_WARM },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_query q;
	struct catalog_db *db = NULL;
	char lang[CATALOG_LANG_MAX] = "nl", ilang[CATALOG_LANG_MAX];
	char *text = NULL, *cause = NULL, *end;
	size_t i;
	int c, json = 0, batch = 0, timing = 0, reindex = 0, warm = 0;
	int rc = 1;
	long v;
	double d;

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
		case O_OFFSET:
		case O_WITHIN:
			v = strtol(optarg, &end, 10);
			if (*end != '\0' || v < (c == O_OFFSET ? 0 : 1) ||
			    v > (c == 'n' ? 1000 : c == O_OFFSET ?
			    CATALOG_SEARCH_CAP : 3660)) {
				cmd_fail(ctx, "%s: \"%s\" is out of range",
				    c == 'n' ? "--limit" : c == O_OFFSET ?
				    "--offset" : "--within-days", optarg);
				return 2;
			}
			if (c == 'n')
				q.limit = (size_t)v;
			else if (c == O_OFFSET)
				q.offset = (size_t)v;
			else
				q.starts_within_days = (int)v;
			break;
		case O_KIND:
			if ((q.kind = catalog_entry_kind_parse(optarg)) < 0) {
				cmd_fail(ctx, "--kind: unknown kind \"%s\"",
				    optarg);
				return 2;
			}
			break;
		case O_PROVINCE:
			q.province = optarg;
			break;
		case O_MODE:
			if ((q.mode = catalog_entry_mode_parse(optarg)) <= 0) {
				cmd_fail(ctx, "--mode: use onsite, online or "
				    "blended");
				return 2;
			}
			break;
		case O_FREE:
			q.free_only = 1;
			break;
		case O_ILANG:
			if (catalog_lang_primary(optarg, ilang,
			    sizeof ilang) != 0) {
				cmd_fail(ctx, "\"%s\" is not a language tag",
				    optarg);
				return 2;
			}
			q.instruction_lang = ilang;
			break;
		case O_LEVEL:
			q.level = optarg;
			break;
		case O_NEAR:
			if (search_parse_place(optarg, &q) != 0) {
				cmd_fail(ctx, "--near: give LAT,LON in degrees, "
				    "e.g. 51.92,4.48");
				return 2;
			}
			break;
		case O_KM:
			d = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || !(d > 0) ||
			    d > 2000) {
				cmd_fail(ctx, "--km: give a distance of more "
				    "than 0 and at most 2000 (km)");
				return 2;
			}
			q.max_km = d;
			break;
		case O_SORT:
			if (strcmp(optarg, "name") == 0)
				q.sort = CATALOG_SORT_NAME;
			else if (strcmp(optarg, "relevance") == 0)
				q.sort = CATALOG_SORT_RELEVANCE;
			else {
				cmd_fail(ctx, "--sort: use relevance or name");
				return 2;
			}
			break;
		case O_TODAY:
			if (catalog_clock_set_today(optarg) != 0) {
				cmd_fail(ctx, "--today: \"%.40s\" is not a "
				    "date (YYYY-MM-DD)", optarg);
				return 2;
			}
			break;
		case O_NOTYPO:
			q.no_typos = 1;
			break;
		case O_BATCH:
			batch = 1;
			break;
		case O_TIMING:
			timing = 1;
			break;
		case O_REINDEX:
			reindex = 1;
			break;
		case O_WARM:
			warm = 1;
			break;
		case 'h':
			cmd_usage(ctx, "search", stdout);
			return 0;
		default:
			cmd_usage(ctx, "search", stderr);
			return 2;
		}
	}
	if (q.max_km > 0 && !q.has_place) {
		cmd_fail(ctx, "--km needs --near");
		return 2;
	}
	if ((optind >= argc) == !(batch || reindex) ||
	    (batch && optind < argc)) {
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
	if ((db = cmd_open_db(ctx, 0, !reindex)) == NULL)
		goto out;
	if (reindex && catalog_typo_refresh(db, &cause) != 0) {
		cmd_fail(ctx, "%s", cause);
		goto out;
	}
	if (warm)
		search_warm(db);
	if (batch)
		rc = search_batch(ctx, db, &q, timing);
	else if (text != NULL)
		rc = search_one(ctx, db, &q, json, 0, 0);
	else
		rc = 0;
out:
	catalog_db_close(db);
	free(text);
	free(cause);
	return rc;
}
