/*
 * search: finding entries by words and filters (see search.h).
 *
 * The query text is folded into words by fold.c; each word becomes a
 * quoted FTS5 string and the last one a prefix ("lass"*), so no character
 * typed at the kiosk is FTS5 syntax. Matches are per language row of
 * entry_text; an entry's score is its best row, with rows in the interface
 * language weighted up (bm25 is negative: lower is better).
 *
 * Offering filters (mode, free, language of instruction, start window)
 * must hold for one and the same offering, and that offering is the one
 * the hit shows. The browse order without words is: entries with an
 * upcoming offering first, soonest first.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/dbint.h"
#include "catalog/fold.h"
#include "catalog/search.h"
#include "catalog/xmalloc.h"

#define SEARCH_MAX_WORDS 16
#define SEARCH_DEFAULT_LIMIT 20
#define SEARCH_MAX_LIMIT 1000

struct search_sql {
	char	*s;
	size_t	 len, cap;
};

static void
search_sql_add(struct search_sql *b, const char *s)
{
	size_t n = strlen(s);

	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

struct search_words {
	struct search_sql expr;
	int	 n;
};

static int
search_word_cb(void *arg, const char *word, size_t len, size_t start,
    size_t end)
{
	struct search_words *w = arg;
	char *q;

	(void)start;
	(void)end;
	if (w->n == SEARCH_MAX_WORDS)
		return 1;
	/* Folded words hold no '"', but quote-double anyway. */
	q = xmalloc(len * 2 + 4);
	{
		size_t i, k = 0;

		q[k++] = '"';
		for (i = 0; i < len; i++) {
			if (word[i] == '"')
				q[k++] = '"';
			q[k++] = word[i];
		}
		q[k++] = '"';
		q[k] = '\0';
	}
	if (w->n > 0)
		search_sql_add(&w->expr, " ");
	search_sql_add(&w->expr, q);
	free(q);
	w->n++;
	return 0;
}

/* FTS5 expression for text, or NULL when it has no words. */
static char *
search_match_expr(struct catalog_db *db, const char *text)
{
	struct search_words w = { { NULL, 0, 0 }, 0 };
	size_t n = strlen(text);

	catalog_fold_words(catalog_db_fold(db), text, n, search_word_cb, &w);
	if (w.n == 0) {
		free(w.expr.s);
		return NULL;
	}
	/* The last word is still being typed unless a space follows it. */
	if (n > 0 && text[n - 1] != ' ')
		search_sql_add(&w.expr, "*");
	return w.expr.s;
}

void
catalog_query_init(struct catalog_query *q)
{
	memset(q, 0, sizeof *q);
	q->kind = -1;
}

void
catalog_results_done(struct catalog_results *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->hits[i].title.value);
		free(r->hits[i].city);
		free(r->hits[i].start);
	}
	free(r->hits);
	memset(r, 0, sizeof *r);
}

/* Bind positions shared by the count and the page statements. */
enum {
	P_MATCH = 1, P_LANG, P_THEME, P_KIND, P_PROVINCE, P_MODE, P_LANGI,
	P_TODAY, P_DAYS, P_LIMIT, P_OFFSET
};

/* The condition on one offering o, built from the query's filters. */
static void
search_offering_cond(const struct catalog_query *q, struct search_sql *b)
{
	search_sql_add(b, "(o.start IS NULL OR o.start >= ?8)");
	if (q->mode > 0)
		search_sql_add(b, " AND o.mode = ?6");
	if (q->free_only)
		search_sql_add(b, " AND o.cost_cents = 0");
	if (q->instruction_lang != NULL && *q->instruction_lang != '\0')
		search_sql_add(b, " AND o.instruction_lang = ?7");
	if (q->starts_within_days > 0)
		search_sql_add(b, " AND o.start IS NOT NULL"
		    " AND o.start <= date(?8, '+' || ?9 || ' days')");
}

static int
search_has_offering_filter(const struct catalog_query *q)
{
	return q->mode > 0 || q->free_only || q->starts_within_days > 0 ||
	    (q->instruction_lang != NULL && *q->instruction_lang != '\0');
}

/* FROM/WHERE part common to counting and paging. */
static void
search_from_where(const struct catalog_query *q, int fts, const char *ocond,
    struct search_sql *b)
{
	if (fts) {
		search_sql_add(b, " FROM (SELECT eid, min(s) AS score FROM"
		    " (SELECT t.entry_id AS eid, entry_fts.rank"
		    " * CASE WHEN t.lang = ?2 THEN 2.0 ELSE 1.0 END AS s"
		    " FROM entry_fts JOIN entry_text t ON t.id = entry_fts.rowid"
		    " WHERE entry_fts MATCH ?1"
		    " AND entry_fts.rank MATCH 'bm25(10.0, 4.0, 1.0)')"
		    " GROUP BY eid) m"
		    " JOIN entry e ON e.id = m.eid WHERE 1");
	} else
		search_sql_add(b, " FROM entry e WHERE 1");
	if (q->theme != NULL && *q->theme != '\0')
		search_sql_add(b, " AND e.id IN (SELECT et.entry_id FROM"
		    " entry_theme et JOIN theme th ON th.id = et.theme_id"
		    " WHERE th.key = ?3)");
	if (q->kind >= 0)
		search_sql_add(b, " AND e.kind = ?4");
	if (q->province != NULL && *q->province != '\0')
		search_sql_add(b, " AND e.province = ?5 COLLATE NOCASE");
	if (search_has_offering_filter(q)) {
		search_sql_add(b, " AND EXISTS (SELECT 1 FROM offering o"
		    " WHERE o.entry_id = e.id AND ");
		search_sql_add(b, ocond);
		search_sql_add(b, ")");
	}
}

static void
search_bind(sqlite3_stmt *st, const struct catalog_query *q,
    const char *match, const char *today)
{
	int n = sqlite3_bind_parameter_count(st);

	if (match != NULL)
		sqlite3_bind_text(st, P_MATCH, match, -1, SQLITE_STATIC);
	if (n >= P_LANG)
		catalog_db_bind_text(st, P_LANG, q->lang != NULL ? q->lang :
		    "nl");
	if (n >= P_THEME)
		catalog_db_bind_text(st, P_THEME, q->theme);
	if (n >= P_KIND && q->kind >= 0)
		sqlite3_bind_text(st, P_KIND, catalog_entry_kind_name(q->kind),
		    -1, SQLITE_STATIC);
	if (n >= P_PROVINCE)
		catalog_db_bind_text(st, P_PROVINCE, q->province);
	if (n >= P_MODE && q->mode > 0)
		sqlite3_bind_text(st, P_MODE, catalog_entry_mode_name(q->mode),
		    -1, SQLITE_STATIC);
	if (n >= P_LANGI)
		catalog_db_bind_text(st, P_LANGI, q->instruction_lang);
	if (n >= P_TODAY)
		sqlite3_bind_text(st, P_TODAY, today, -1, SQLITE_STATIC);
	if (n >= P_DAYS)
		sqlite3_bind_int(st, P_DAYS, q->starts_within_days);
}

/* Title of entry id along the fallback chain, into hit. */
static void
search_hit_title(struct catalog_db *db, const char *lang,
    struct catalog_hit *hit)
{
	sqlite3_stmt *st;
	const char *l;

	st = catalog_db_prepare(db, "SELECT title, lang FROM entry_text"
	    " WHERE entry_id = ?1 AND title IS NOT NULL ORDER BY"
	    " CASE lang WHEN ?2 THEN 0 WHEN 'en' THEN 1 WHEN 'nl' THEN 2"
	    " ELSE 3 END, lang LIMIT 1");
	sqlite3_bind_int64(st, 1, hit->id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		hit->title.value = catalog_db_column_strdup(st, 0);
		l = (const char *)sqlite3_column_text(st, 1);
		if (l != NULL && strlen(l) < sizeof hit->title.lang)
			strcpy(hit->title.lang, l);
	}
	sqlite3_finalize(st);
	if (hit->title.value == NULL)
		hit->title.value = xstrdup("");
}

int
catalog_search_run(struct catalog_db *db, const struct catalog_query *q,
    struct catalog_results *out, char **cause)
{
	struct search_sql ocond = { NULL, 0, 0 }, cnt = { NULL, 0, 0 };
	struct search_sql page = { NULL, 0, 0 };
	char today[16], *match = NULL;
	const char *lang = q->lang != NULL ? q->lang : "nl";
	sqlite3_stmt *st = NULL;
	size_t limit;
	int fts, rc = -1, src;

	memset(out, 0, sizeof *out);
	if (q->today != NULL)
		snprintf(today, sizeof today, "%s", q->today);
	else {
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
	}
	limit = q->limit == 0 ? SEARCH_DEFAULT_LIMIT : q->limit;
	if (limit > SEARCH_MAX_LIMIT)
		limit = SEARCH_MAX_LIMIT;
	if (q->text != NULL)
		match = search_match_expr(db, q->text);
	fts = match != NULL;
	if (q->text != NULL && !fts && strspn(q->text, " \t") != strlen(q->text)) {
		/* Only punctuation typed: nothing can match. */
		rc = 0;
		goto out;
	}

	search_offering_cond(q, &ocond);
	search_sql_add(&cnt, "SELECT count(*)");
	search_from_where(q, fts, ocond.s, &cnt);
	st = catalog_db_prepare(db, cnt.s);
	search_bind(st, q, match, today);
	src = sqlite3_step(st);
	if (src != SQLITE_ROW) {
		*cause = xasprintf("search failed: %s",
		    sqlite3_errmsg(catalog_db_sqlite(db)));
		goto out;
	}
	out->total = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;

	/* Each hit shows the soonest offering that passes the filters. */
	search_sql_add(&page, "SELECT x.id, x.kind, x.city, o.start, o.mode,"
	    " o.cost_cents FROM (SELECT e.id AS id, e.kind AS kind,"
	    " e.city AS city, ");
	search_sql_add(&page, fts ? "m.score" : "0");
	search_sql_add(&page, " AS score, (SELECT o.id FROM offering o"
	    " WHERE o.entry_id = e.id AND ");
	search_sql_add(&page, ocond.s);
	search_sql_add(&page, " ORDER BY o.start IS NULL, o.start, o.id"
	    " LIMIT 1) AS oid");
	search_from_where(q, fts, ocond.s, &page);
	search_sql_add(&page, ") x LEFT JOIN offering o ON o.id = x.oid"
	    " ORDER BY ");
	search_sql_add(&page, fts ? "x.score, " : "");
	search_sql_add(&page, "o.start IS NULL, o.start, x.id"
	    " LIMIT ?10 OFFSET ?11");
	st = catalog_db_prepare(db, page.s);
	search_bind(st, q, match, today);
	sqlite3_bind_int64(st, P_LIMIT, (sqlite3_int64)limit);
	sqlite3_bind_int64(st, P_OFFSET, (sqlite3_int64)q->offset);
	out->hits = xcalloc(limit, sizeof *out->hits);
	while ((src = sqlite3_step(st)) == SQLITE_ROW && out->n < limit) {
		struct catalog_hit *h = &out->hits[out->n++];
		const char *s;

		h->id = sqlite3_column_int64(st, 0);
		h->kind = (enum catalog_kind)catalog_entry_kind_parse(
		    (const char *)sqlite3_column_text(st, 1));
		h->city = catalog_db_column_strdup(st, 2);
		h->start = catalog_db_column_strdup(st, 3);
		s = (const char *)sqlite3_column_text(st, 4);
		h->mode = s != NULL && catalog_entry_mode_parse(s) > 0 ?
		    (enum catalog_mode)catalog_entry_mode_parse(s) :
		    CATALOG_MODE_UNKNOWN;
		h->cost_cents = sqlite3_column_type(st, 5) == SQLITE_NULL ?
		    -1 : sqlite3_column_int64(st, 5);
	}
	if (src != SQLITE_DONE && src != SQLITE_ROW) {
		*cause = xasprintf("search failed: %s",
		    sqlite3_errmsg(catalog_db_sqlite(db)));
		catalog_results_done(out);
		goto out;
	}
	for (size_t i = 0; i < out->n; i++)
		search_hit_title(db, lang, &out->hits[i]);
	rc = 0;
out:
	sqlite3_finalize(st);
	free(match);
	free(ocond.s);
	free(cnt.s);
	free(page.s);
	return rc;
}
