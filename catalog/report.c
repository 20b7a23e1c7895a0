/*
 * report: reading the kiosks' weekly statistics and writing the report
 * (see report.h).
 *
 * Files are walked in sorted path order, checked and opened (enrfile.c),
 * and their JSON validated completely before any of it is used, so a bad
 * file adds nothing. Counts are kept as rows (kiosk, day, kind, key, n)
 * and summed by sorting; every table and chart is made from those sums.
 * Charts are plain SVG written here: horizontal bars for the keyed
 * totals, grouped columns for sessions per day per kiosk. Each bar is a
 * <g class="bar"> with data-label/data-kiosk/data-day and data-value, so
 * a test (or a person with the browser's inspector) can read the numbers
 * that were drawn.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "catalog/clock.h"
#include "catalog/config.h"
#include "catalog/enrfile.h"
#include "catalog/keys.h"
#include "catalog/report.h"
#include "catalog/safe.h"
#include "catalog/stats.h"
#include "catalog/xmalloc.h"

#define REPORT_N_MAX 10000000		/* a day's count beyond this: bad */
#define REPORT_TOP 20			/* bars in a chart of keys */

struct report_kiosk {
	char		 id[CATALOG_KEYS_ID_SIZE];
	char		*name;
};

struct report_count {
	size_t		 kiosk;
	char		 day[11];
	int		 what;
	char		*key;
	int64_t		 n;
};

struct report_word {
	size_t		 kiosk;
	char		 week[CATALOG_STATS_WEEK_SIZE];
	char		*word;
	int64_t		 sessions;
};

struct report_seen {
	char		 id[CATALOG_KEYS_ID_SIZE];
	char		 week[CATALOG_STATS_WEEK_SIZE];
	char		*path;
};

struct report {
	struct report_kiosk	*kiosks;
	size_t			 nkiosks;
	struct report_count	*counts;
	size_t			 ncounts;
	struct report_word	*words;
	size_t			 nwords;
	struct report_seen	*seen;
	size_t			 nseen;
};

/* A (label, value) pair of a chart or a table. */
struct report_bar {
	char		*label;
	int64_t		 value;
};

/* 1 when s is a string of 1..max bytes (after which it is checked). */
static int
report_text(json_t *v, size_t min, size_t max)
{
	size_t n;

	if (!json_is_string(v))
		return 0;
	n = json_string_length(v);
	return n >= min && n <= max && strlen(json_string_value(v)) == n;
}

/*
 * Check the whole payload; 0, or -1 and *cause. Adds nothing: the caller
 * adds the rows once the file passed.
 */
static int
report_check(json_t *doc, const char *id, const char *week, char **cause)
{
	json_t *counts, *words, *c, *v;
	long monday = catalog_stats_week_monday(week), d;
	size_t i;
	int what;

	if (!json_is_object(doc) || json_integer_value(json_object_get(doc,
	    "v")) != CATALOG_STATS_PAYLOAD_VERSION) {
		*cause = xstrdup("not statistics of a version this program "
		    "reads");
		return -1;
	}
	if (!report_text(json_object_get(doc, "kiosk"), 1, 14) ||
	    strcmp(json_string_value(json_object_get(doc, "kiosk")), id) != 0 ||
	    !report_text(json_object_get(doc, "week"), 8, 8) ||
	    strcmp(json_string_value(json_object_get(doc, "week")), week) != 0) {
		*cause = xstrdup("the kiosk or week inside does not match the "
		    "signed header");
		return -1;
	}
	if (monday < 0) {
		*cause = xasprintf("\"%s\" is not a week", week);
		return -1;
	}
	v = json_object_get(doc, "kiosk_name");
	if (!json_is_string(v) ||
	    !catalog_config_name_valid(json_string_value(v))) {
		*cause = xstrdup("the kiosk name is missing or not a name");
		return -1;
	}
	counts = json_object_get(doc, "counts");
	words = json_object_get(doc, "words");
	if (!json_is_array(counts) || !json_is_array(words)) {
		*cause = xstrdup("no counts or words");
		return -1;
	}
	json_array_foreach(counts, i, c) {
		v = json_object_get(c, "what");
		what = json_is_string(v) ?
		    catalog_stats_kind_parse(json_string_value(v)) : -1;
		if (what < 0) {
			*cause = xasprintf("count %zu: unknown kind", i + 1);
			return -1;
		}
		v = json_object_get(c, "day");
		if (!report_text(v, 10, 10) ||
		    catalog_clock_parse_day(json_string_value(v), &d) != 0 ||
		    d < monday || d > monday + 6) {
			*cause = xasprintf("count %zu: the day is not in week "
			    "%s", i + 1, week);
			return -1;
		}
		v = json_object_get(c, "key");
		if (!report_text(v, 0, CATALOG_STATS_KEY_MAX) ||
		    (json_string_length(v) > 0) !=
		    catalog_stats_kind_keyed((enum catalog_stats_kind)what)) {
			*cause = xasprintf("count %zu: a bad key", i + 1);
			return -1;
		}
		v = json_object_get(c, "n");
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > REPORT_N_MAX) {
			*cause = xasprintf("count %zu: not a number of times",
			    i + 1);
			return -1;
		}
	}
	json_array_foreach(words, i, c) {
		v = json_object_get(c, "sessions");
		if (!report_text(json_object_get(c, "word"), 1,
		    CATALOG_STATS_WORD_MAX) || !json_is_integer(v) ||
		    json_integer_value(v) > REPORT_N_MAX) {
			*cause = xasprintf("word %zu: bad", i + 1);
			return -1;
		}
		if (json_integer_value(v) < CATALOG_STATS_K) {
			*cause = xasprintf("word %zu: typed by fewer than %d "
			    "sessions (a kiosk never sends those)", i + 1,
			    CATALOG_STATS_K);
			return -1;
		}
	}
	return 0;
}

static size_t
report_kiosk(struct report *r, const char *id, const char *name)
{
	size_t i;

	for (i = 0; i < r->nkiosks; i++)
		if (strcmp(r->kiosks[i].id, id) == 0) {
			/* the latest week's name (files come in week order) */
			free(r->kiosks[i].name);
			r->kiosks[i].name = xstrdup(name);
			return i;
		}
	r->kiosks = xreallocarray(r->kiosks, r->nkiosks + 1,
	    sizeof *r->kiosks);
	snprintf(r->kiosks[r->nkiosks].id, sizeof r->kiosks[0].id, "%s", id);
	r->kiosks[r->nkiosks].name = xstrdup(name);
	return r->nkiosks++;
}

static void
report_add(struct report *r, json_t *doc, const char *id, const char *week)
{
	json_t *c;
	size_t i, k;

	k = report_kiosk(r, id, json_string_value(json_object_get(doc,
	    "kiosk_name")));
	json_array_foreach(json_object_get(doc, "counts"), i, c) {
		struct report_count *rc;

		r->counts = xreallocarray(r->counts, r->ncounts + 1,
		    sizeof *r->counts);
		rc = &r->counts[r->ncounts++];
		rc->kiosk = k;
		snprintf(rc->day, sizeof rc->day, "%s",
		    json_string_value(json_object_get(c, "day")));
		rc->what = catalog_stats_kind_parse(json_string_value(
		    json_object_get(c, "what")));
		rc->key = xstrdup(json_string_value(json_object_get(c, "key")));
		rc->n = json_integer_value(json_object_get(c, "n"));
	}
	json_array_foreach(json_object_get(doc, "words"), i, c) {
		struct report_word *w;

		r->words = xreallocarray(r->words, r->nwords + 1,
		    sizeof *r->words);
		w = &r->words[r->nwords++];
		w->kiosk = k;
		snprintf(w->week, sizeof w->week, "%s", week);
		w->word = xstrdup(json_string_value(json_object_get(c, "word")));
		w->sessions = json_integer_value(json_object_get(c,
		    "sessions"));
	}
}

/* Check and add one file; 0, or -1 and *cause (the file is refused). */
static int
report_file(struct report *r, const char *path,
    const struct catalog_keys *office, struct catalog_keys *const *kiosks,
    size_t nkiosks, char **cause)
{
	char id[CATALOG_KEYS_ID_SIZE], tag[CATALOG_ENRFILE_RECEIPT_LEN + 1];
	const char *base, *week;
	unsigned char *buf;
	size_t len, plainlen, i;
	json_t *doc;
	char *plain;
	int rc;

	if ((buf = catalog_enrfile_slurp(path, CATALOG_ENRFILE_STATS_MAX, &len,
	    cause)) == NULL)
		return -1;
	plain = catalog_enrfile_open_kind(CATALOG_ENRFILE_STATS, buf, len,
	    kiosks, nkiosks, office, id, tag, &plainlen, cause);
	free(buf);
	if (plain == NULL)
		return -1;
	week = tag + 1;
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	if (strncmp(base, tag, strlen(tag)) != 0 ||
	    strcmp(base + strlen(tag), ".stats") != 0) {
		catalog_enrfile_plain_free(plain);
		*cause = xasprintf("renamed: kiosk %s's week %s must be named "
		    "%s.stats", id, week, tag);
		return -1;
	}
	for (i = 0; i < r->nseen; i++)
		if (strcmp(r->seen[i].id, id) == 0 &&
		    strcmp(r->seen[i].week, week) == 0) {
			catalog_enrfile_plain_free(plain);
			*cause = xasprintf("replayed: kiosk %s's week %s was "
			    "read already from %s", id, week, r->seen[i].path);
			return -1;
		}
	doc = json_loadb(plain, plainlen, JSON_REJECT_DUPLICATES, NULL);
	catalog_enrfile_plain_free(plain);
	if (doc == NULL) {
		*cause = xstrdup("the payload is not JSON");
		return -1;
	}
	rc = report_check(doc, id, week, cause);
	if (rc == 0) {
		report_add(r, doc, id, week);
		r->seen = xreallocarray(r->seen, r->nseen + 1, sizeof *r->seen);
		snprintf(r->seen[r->nseen].id, sizeof r->seen[0].id, "%s", id);
		snprintf(r->seen[r->nseen].week, sizeof r->seen[0].week, "%s",
		    week);
		r->seen[r->nseen++].path = xstrdup(path);
	}
	json_decref(doc);
	return rc;
}

static void
report_free(struct report *r)
{
	size_t i;

	for (i = 0; i < r->nkiosks; i++)
		free(r->kiosks[i].name);
	for (i = 0; i < r->ncounts; i++)
		free(r->counts[i].key);
	for (i = 0; i < r->nwords; i++)
		free(r->words[i].word);
	for (i = 0; i < r->nseen; i++)
		free(r->seen[i].path);
	free(r->kiosks);
	free(r->counts);
	free(r->words);
	free(r->seen);
}

/* ---- sums ---- */

static int
report_count_cmp(const void *a, const void *b)
{
	const struct report_count *x = a, *y = b;
	int c;

	if (x->kiosk != y->kiosk)
		return x->kiosk < y->kiosk ? -1 : 1;
	if ((c = strcmp(x->day, y->day)) != 0)
		return c;
	if (x->what != y->what)
		return x->what < y->what ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* Sort the counts and merge equal (kiosk, day, kind, key) rows. */
static void
report_merge(struct report *r)
{
	size_t i, j = 0;

	if (r->ncounts == 0)
		return;
	qsort(r->counts, r->ncounts, sizeof *r->counts, report_count_cmp);
	for (i = 1; i < r->ncounts; i++) {
		if (report_count_cmp(&r->counts[j], &r->counts[i]) == 0) {
			r->counts[j].n += r->counts[i].n;
			free(r->counts[i].key);
		} else
			r->counts[++j] = r->counts[i];
	}
	r->ncounts = j + 1;
}

static int
report_bar_label_cmp(const void *a, const void *b)
{
	return strcmp(((const struct report_bar *)a)->label,
	    ((const struct report_bar *)b)->label);
}

static int
report_bar_value_cmp(const void *a, const void *b)
{
	const struct report_bar *x = a, *y = b;

	if (x->value != y->value)
		return x->value > y->value ? -1 : 1;
	return strcmp(x->label, y->label);
}

/* Totals per key of one kind (all kiosks and days), largest first. */
static struct report_bar *
report_totals(const struct report *r, int what, size_t *n)
{
	struct report_bar *b = NULL;
	size_t i, m = 0, j;

	for (i = 0; i < r->ncounts; i++) {
		if (r->counts[i].what != what)
			continue;
		b = xreallocarray(b, m + 1, sizeof *b);
		b[m].label = r->counts[i].key;
		b[m++].value = r->counts[i].n;
	}
	if (m > 0) {
		qsort(b, m, sizeof *b, report_bar_label_cmp);
		for (i = 1, j = 0; i < m; i++) {
			if (strcmp(b[j].label, b[i].label) == 0)
				b[j].value += b[i].value;
			else
				b[++j] = b[i];
		}
		m = j + 1;
		qsort(b, m, sizeof *b, report_bar_value_cmp);
	}
	*n = m;
	return b;
}

/* Words: sessions summed over kiosks and weeks, largest first. */
static struct report_bar *
report_word_totals(const struct report *r, size_t *n)
{
	struct report_bar *b = NULL;
	size_t i, m = 0, j;

	for (i = 0; i < r->nwords; i++) {
		b = xreallocarray(b, m + 1, sizeof *b);
		b[m].label = r->words[i].word;
		b[m++].value = r->words[i].sessions;
	}
	if (m > 0) {
		qsort(b, m, sizeof *b, report_bar_label_cmp);
		for (i = 1, j = 0; i < m; i++) {
			if (strcmp(b[j].label, b[i].label) == 0)
				b[j].value += b[i].value;
			else
				b[++j] = b[i];
		}
		m = j + 1;
		qsort(b, m, sizeof *b, report_bar_value_cmp);
	}
	*n = m;
	return b;
}

/* ---- CSV ---- */

static const int report_daily_kinds[] = {
	CATALOG_STATS_SESSION, -1, -2, -3, CATALOG_STATS_ENTRY,
	CATALOG_STATS_QR, CATALOG_STATS_SLIP, CATALOG_STATS_ENROLMENT,
	CATALOG_STATS_SEARCH_FOUND, CATALOG_STATS_SEARCH_NONE,
	CATALOG_STATS_LANGUAGE, CATALOG_STATS_THEME, CATALOG_STATS_QUESTION
};
static const char *const report_daily_names[] = {
	"sessions", "ended_idle", "ended_finished", "ended_staff",
	"entries_opened", "qr_shown", "slips_printed", "enrolments",
	"searches_found", "searches_none", "languages_chosen",
	"themes_chosen", "questions_answered"
};
#define REPORT_NDAILY (sizeof report_daily_kinds / sizeof report_daily_kinds[0])

/* Does count c add to column col of daily.csv? */
static int
report_daily_col(const struct report_count *c, size_t col)
{
	static const char *const ends[] = { "idle", "finished", "staff" };
	int k = report_daily_kinds[col];

	if (k < 0)
		return c->what == CATALOG_STATS_END &&
		    strcmp(c->key, ends[-k - 1]) == 0;
	return c->what == k;
}

static FILE *
report_open(const char *outdir, const char *name, char **cause)
{
	char *path = xasprintf("%s/%s", outdir, name);
	FILE *f = fopen(path, "w");

	if (f == NULL)
		*cause = xasprintf("%s: cannot write: %s", path,
		    strerror(errno));
	free(path);
	return f;
}

static int
report_close(FILE *f, const char *outdir, const char *name, char **cause)
{
	if (ferror(f) | (fclose(f) != 0)) {
		*cause = xasprintf("%s/%s: cannot write", outdir, name);
		return -1;
	}
	return 0;
}

static int
report_csv_daily(const struct report *r, const char *outdir, char **cause)
{
	int64_t v[REPORT_NDAILY];
	size_t i, j, col;
	char num[32];
	FILE *f;

	if ((f = report_open(outdir, "daily.csv", cause)) == NULL)
		return -1;
	fputs("kiosk,kiosk_name,day", f);
	for (col = 0; col < REPORT_NDAILY; col++)
		fprintf(f, ",%s", report_daily_names[col]);
	fputc('\n', f);
	for (i = 0; i < r->ncounts; i = j) {
		memset(v, 0, sizeof v);
		for (j = i; j < r->ncounts && r->counts[j].kiosk ==
		    r->counts[i].kiosk && strcmp(r->counts[j].day,
		    r->counts[i].day) == 0; j++)
			for (col = 0; col < REPORT_NDAILY; col++)
				if (report_daily_col(&r->counts[j], col))
					v[col] += r->counts[j].n;
		catalog_safe_csv_field(f, r->kiosks[r->counts[i].kiosk].id, 0);
		catalog_safe_csv_field(f, r->kiosks[r->counts[i].kiosk].name,
		    0);
		catalog_safe_csv_field(f, r->counts[i].day, 0);
		for (col = 0; col < REPORT_NDAILY; col++) {
			snprintf(num, sizeof num, "%lld", (long long)v[col]);
			catalog_safe_csv_field(f, num, col + 1 == REPORT_NDAILY);
		}
	}
	return report_close(f, outdir, "daily.csv", cause);
}

/* One table of a keyed kind: kiosk, kiosk_name, day, column, count. */
static int
report_csv_keyed(const struct report *r, const char *outdir,
    const char *name, int what, const char *column, char **cause)
{
	size_t i;
	char num[32];
	FILE *f;

	if ((f = report_open(outdir, name, cause)) == NULL)
		return -1;
	fprintf(f, "kiosk,kiosk_name,day,%s,count\n", column);
	for (i = 0; i < r->ncounts; i++) {
		if (r->counts[i].what != what)
			continue;
		catalog_safe_csv_field(f, r->kiosks[r->counts[i].kiosk].id, 0);
		catalog_safe_csv_field(f, r->kiosks[r->counts[i].kiosk].name,
		    0);
		catalog_safe_csv_field(f, r->counts[i].day, 0);
		catalog_safe_csv_field(f, r->counts[i].key, 0);
		snprintf(num, sizeof num, "%lld", (long long)r->counts[i].n);
		catalog_safe_csv_field(f, num, 1);
	}
	return report_close(f, outdir, name, cause);
}

static int
report_csv_words(const struct report *r, const char *outdir, char **cause)
{
	size_t i;
	char num[32];
	FILE *f;

	if ((f = report_open(outdir, "words.csv", cause)) == NULL)
		return -1;
	fputs("kiosk,kiosk_name,week,word,sessions\n", f);
	for (i = 0; i < r->nwords; i++) {
		catalog_safe_csv_field(f, r->kiosks[r->words[i].kiosk].id, 0);
		catalog_safe_csv_field(f, r->kiosks[r->words[i].kiosk].name, 0);
		catalog_safe_csv_field(f, r->words[i].week, 0);
		catalog_safe_csv_field(f, r->words[i].word, 0);
		snprintf(num, sizeof num, "%lld",
		    (long long)r->words[i].sessions);
		catalog_safe_csv_field(f, num, 1);
	}
	return report_close(f, outdir, "words.csv", cause);
}

/* ---- HTML ---- */

/* text HTML-escaped (after catalog_safe_line: no control characters). */
static void
report_html(FILE *f, const char *text)
{
	char *s = catalog_safe_line(text);
	const char *p;

	for (p = s; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(*p, f);
		}
	}
	free(s);
}

/* At most max characters of text, HTML-escaped, "..." when cut. */
static void
report_html_cut(FILE *f, const char *text, size_t max)
{
	char *s = xstrdup(text);
	size_t i, chars = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (chars++ == max) {
			s[i] = '\0';
			break;
		}
	}
	report_html(f, s);
	if (strlen(s) < strlen(text))
		fputs("\xe2\x80\xa6", f);	/* ... */
	free(s);
}

static const char *const report_colours[] = {
	"#1f5fa8", "#c8582a", "#2e8b57", "#8a4fb0", "#b8860b", "#4a7f8c",
	"#a8324a", "#5a6b2e"
};
#define REPORT_NCOLOURS (sizeof report_colours / sizeof report_colours[0])

/* Horizontal bars: label, bar, value; at most REPORT_TOP of them. */
static void
report_svg_bars(FILE *f, const char *id, const char *title,
    const char *label_name, const struct report_bar *b, size_t n)
{
	const int row = 26, left = 230, width = 420, right = 70;
	int64_t max = 1;
	size_t i;
	int w;

	if (n > REPORT_TOP)
		n = REPORT_TOP;
	for (i = 0; i < n; i++)
		if (b[i].value > max)
			max = b[i].value;
	fprintf(f, "<section>\n<h2>");
	report_html(f, title);
	fprintf(f, "</h2>\n");
	if (n == 0) {
		fprintf(f, "<p class=\"none\">Nothing counted.</p>\n"
		    "</section>\n");
		return;
	}
	fprintf(f, "<svg id=\"%s\" class=\"chart\" role=\"img\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" data-label-name=\"%s\"><title>", id,
	    left + width + right, (int)n * row + 10, left + width + right,
	    (int)n * row + 10, label_name);
	report_html(f, title);
	fprintf(f, "</title>\n");
	for (i = 0; i < n; i++) {
		w = (int)(b[i].value * width / max);
		if (w < 2)
			w = 2;
		fprintf(f, "<g class=\"bar\" data-label=\"");
		report_html(f, b[i].label);
		fprintf(f, "\" data-value=\"%lld\"><title>", (long long)b[i].value);
		report_html(f, b[i].label);
		fprintf(f, ": %lld</title><text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"end\">", (long long)b[i].value, left - 8,
		    (int)i * row + 22);
		report_html_cut(f, b[i].label, 34);
		fprintf(f, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%lld"
		    "</text></g>\n", left, (int)i * row + 8, w, row - 8,
		    report_colours[0], left + w + 6, (int)i * row + 22,
		    (long long)b[i].value);
	}
	fprintf(f, "</svg>\n</section>\n");
}

/* Sessions per day per kiosk: a group of columns per day. */
static void
report_svg_sessions(FILE *f, const struct report *r)
{
	const int top = 20, plot = 220, left = 50, bw = 10, gap = 12;
	long first = -1, last = -1, d, day;
	int64_t max = 1, *v;
	size_t i, k, nk = r->nkiosks, ndays;
	int x, h, gw, width;
	char ymd[11];

	for (i = 0; i < r->ncounts; i++) {
		if (r->counts[i].what != CATALOG_STATS_SESSION ||
		    catalog_clock_parse_day(r->counts[i].day, &d) != 0)
			continue;
		if (first < 0 || d < first)
			first = d;
		if (d > last)
			last = d;
	}
	fprintf(f, "<section>\n<h2>Sessions per day per kiosk</h2>\n");
	if (first < 0) {
		fprintf(f, "<p class=\"none\">Nothing counted.</p>\n"
		    "</section>\n");
		return;
	}
	ndays = (size_t)(last - first + 1);
	v = xcalloc(ndays * nk, sizeof *v);
	for (i = 0; i < r->ncounts; i++)
		if (r->counts[i].what == CATALOG_STATS_SESSION &&
		    catalog_clock_parse_day(r->counts[i].day, &d) == 0)
			v[(size_t)(d - first) * nk + r->counts[i].kiosk] +=
			    r->counts[i].n;
	for (i = 0; i < ndays * nk; i++)
		if (v[i] > max)
			max = v[i];
	gw = (int)nk * bw + gap;
	width = left + (int)ndays * gw + 20;
	fprintf(f, "<ul class=\"legend\">");
	for (k = 0; k < nk; k++) {
		fprintf(f, "<li><span style=\"background:%s\"></span>",
		    report_colours[k % REPORT_NCOLOURS]);
		report_html(f, r->kiosks[k].name);
		fprintf(f, " (%s)</li>", r->kiosks[k].id);
	}
	fprintf(f, "</ul>\n<svg id=\"chart-sessions\" class=\"chart\" "
	    "role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\"><title>Sessions per day per "
	    "kiosk</title>\n", width, top + plot + 60, width, top + plot + 60);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#333\"/>\n<text x=\"%d\" y=\"%d\" text-anchor=\"end\">"
	    "%lld</text>\n<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0"
	    "</text>\n", left, top + plot, width - 10, top + plot, left - 6,
	    top + 10, (long long)max, left - 6, top + plot);
	for (day = first; day <= last; day++) {
		catalog_clock_format_day(day, ymd);
		x = left + (int)(day - first) * gw + gap / 2;
		for (k = 0; k < nk; k++) {
			int64_t n = v[(size_t)(day - first) * nk + k];

			h = (int)(n * plot / max);
			fprintf(f, "<g class=\"bar\" data-kiosk=\"%s\" "
			    "data-day=\"%s\" data-value=\"%lld\"><title>",
			    r->kiosks[k].id, ymd, (long long)n);
			report_html(f, r->kiosks[k].name);
			fprintf(f, ", %s: %lld</title><rect x=\"%d\" y=\"%d\" "
			    "width=\"%d\" height=\"%d\" fill=\"%s\"/></g>\n",
			    ymd, (long long)n, x + (int)k * bw,
			    top + plot - h, bw - 1, h,
			    report_colours[k % REPORT_NCOLOURS]);
		}
		fprintf(f, "<text class=\"day\" x=\"%d\" y=\"%d\" "
		    "transform=\"rotate(60 %d %d)\">%s</text>\n", x,
		    top + plot + 14, x, top + plot + 14, ymd + 5);
	}
	fprintf(f, "</svg>\n</section>\n");
	free(v);
}

/* The totals table: one row per kiosk, the daily.csv columns summed. */
static void
report_html_totals(FILE *f, const struct report *r)
{
	int64_t *v = xcalloc(r->nkiosks * REPORT_NDAILY + REPORT_NDAILY,
	    sizeof *v), *all;
	size_t i, k, col;

	all = v + r->nkiosks * REPORT_NDAILY;
	for (i = 0; i < r->ncounts; i++)
		for (col = 0; col < REPORT_NDAILY; col++)
			if (report_daily_col(&r->counts[i], col)) {
				v[r->counts[i].kiosk * REPORT_NDAILY + col] +=
				    r->counts[i].n;
				all[col] += r->counts[i].n;
			}
	fprintf(f, "<section>\n<h2>Totals</h2>\n<div class=\"wide\">"
	    "<table id=\"totals\">\n"
	    "<tr><th>kiosk</th>");
	for (col = 0; col < REPORT_NDAILY; col++)
		fprintf(f, "<th>%s</th>", report_daily_names[col]);
	fprintf(f, "</tr>\n");
	for (k = 0; k <= r->nkiosks; k++) {
		fprintf(f, "<tr data-kiosk=\"%s\"><td>",
		    k < r->nkiosks ? r->kiosks[k].id : "all");
		if (k < r->nkiosks) {
			report_html(f, r->kiosks[k].name);
			fprintf(f, " (%s)", r->kiosks[k].id);
		} else
			fprintf(f, "All kiosks");
		fprintf(f, "</td>");
		for (col = 0; col < REPORT_NDAILY; col++)
			fprintf(f, "<td data-column=\"%s\">%lld</td>",
			    report_daily_names[col], (long long)(k <
			    r->nkiosks ? v[k * REPORT_NDAILY + col] : all[col]));
		fprintf(f, "</tr>\n");
	}
	fprintf(f, "</table></div>\n</section>\n");
	free(v);
}

static int
report_write_html(const struct report *r, const char *outdir, char **cause)
{
	struct report_bar *b;
	char first[11] = "", last[11] = "";
	size_t i, n;
	FILE *f;

	for (i = 0; i < r->ncounts; i++) {
		if (first[0] == '\0' || strcmp(r->counts[i].day, first) < 0)
			memcpy(first, r->counts[i].day, sizeof first);
		if (strcmp(r->counts[i].day, last) > 0)
			memcpy(last, r->counts[i].day, sizeof last);
	}
	if ((f = report_open(outdir, "report.html", cause)) == NULL)
		return -1;
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'\">\n"
	    "<title>Leerpunt use statistics</title>\n<style>\n"
	    "body{font-family:sans-serif;margin:2em;color:#111;"
	    "background:#fff;max-width:70em}\n"
	    "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.5em}\n"
	    "svg.chart{display:block;max-width:100%%;height:auto;"
	    "font-size:12px}\n"
	    "table{border-collapse:collapse}td,th{border:1px solid #999;"
	    "padding:.2em .5em;text-align:right}td:first-child{text-align:left}\n"
	    ".legend{list-style:none;padding:0}.legend li{display:inline-block;"
	    "margin-right:1.5em}.legend span{display:inline-block;width:1em;"
	    "height:1em;margin-right:.3em;vertical-align:middle}\n"
	    ".note{color:#444}.wide{overflow-x:auto}#totals{font-size:.85em}\n"
	    "</style>\n</head>\n<body>\n"
	    "<h1>Leerpunt use statistics</h1>\n");
	fprintf(f, "<p>%zu kiosk%s, %s to %s. Counted per day; nothing that "
	    "identifies a person. A search word is shown only when at least "
	    "%d different sessions on one kiosk typed it in one week and "
	    "found nothing.</p>\n", r->nkiosks, r->nkiosks == 1 ? "" : "s",
	    first[0] != '\0' ? first : "-", last[0] != '\0' ? last : "-",
	    CATALOG_STATS_K);
	report_html_totals(f, r);
	report_svg_sessions(f, r);
	b = report_totals(r, CATALOG_STATS_LANGUAGE, &n);
	report_svg_bars(f, "chart-languages", "Languages chosen", "language",
	    b, n);
	free(b);
	b = report_totals(r, CATALOG_STATS_THEME, &n);
	report_svg_bars(f, "chart-themes", "Themes chosen", "theme", b, n);
	free(b);
	b = report_word_totals(r, &n);
	report_svg_bars(f, "chart-words", "Top words that found nothing "
	    "(sessions)", "word", b, n);
	free(b);
	b = report_totals(r, CATALOG_STATS_ENROLMENT, &n);
	report_svg_bars(f, "chart-enrolments", "Enrolments per course",
	    "course", b, n);
	free(b);
	fprintf(f, "<p class=\"note\">The tables behind these charts are in "
	    "daily.csv, languages.csv, themes.csv, questions.csv, "
	    "enrolments.csv and words.csv next to this page.</p>\n"
	    "</body>\n</html>\n");
	return report_close(f, outdir, "report.html", cause);
}

int
catalog_report_run(const char *dir, const struct catalog_keys *office,
    struct catalog_keys *const *kiosks, size_t nkiosks, const char *outdir,
    FILE *err, struct catalog_report_summary *sum, char **cause)
{
	struct report r;
	char **paths = NULL, *why = NULL, *skip, *sp, *sw;
	size_t npaths = 0, i;
	int rc = -1;

	memset(&r, 0, sizeof r);
	memset(sum, 0, sizeof *sum);
	skip = xstrdup(outdir);
	if (catalog_enrfile_find(dir, ".stats", skip, &paths, &npaths,
	    cause) != 0)
		goto out;
	for (i = 0; i < npaths; i++) {
		if (report_file(&r, paths[i], office, kiosks, nkiosks,
		    &why) == 0) {
			sum->read++;
			continue;
		}
		/* Anyone who can PUT chooses the name: no control
		 * character may reach the terminal. */
		sp = catalog_safe_line(paths[i]);
		sw = catalog_safe_line(why);
		fprintf(err, "%s: refused: %s\n", sp, sw);
		free(sp);
		free(sw);
		free(why);
		why = NULL;
		sum->rejected++;
	}
	report_merge(&r);
	sum->kiosks = r.nkiosks;
	if (mkdir(outdir, 0755) != 0 && errno != EEXIST) {
		*cause = xasprintf("%s: cannot make folder: %s", outdir,
		    strerror(errno));
		goto out;
	}
	if (report_csv_daily(&r, outdir, cause) != 0 ||
	    report_csv_keyed(&r, outdir, "languages.csv",
	    CATALOG_STATS_LANGUAGE, "language", cause) != 0 ||
	    report_csv_keyed(&r, outdir, "themes.csv", CATALOG_STATS_THEME,
	    "theme", cause) != 0 ||
	    report_csv_keyed(&r, outdir, "questions.csv",
	    CATALOG_STATS_QUESTION, "question", cause) != 0 ||
	    report_csv_keyed(&r, outdir, "enrolments.csv",
	    CATALOG_STATS_ENROLMENT, "course", cause) != 0 ||
	    report_csv_words(&r, outdir, cause) != 0 ||
	    report_write_html(&r, outdir, cause) != 0)
		goto out;
	rc = 0;
out:
	for (i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	free(skip);
	report_free(&r);
	return rc;
}
