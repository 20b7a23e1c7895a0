/*
 * search: finding entries by words and filters (see search.h).
 *
 * The query text is folded into words by fold.c; each word becomes a
 * quoted FTS5 string and the last one a prefix ("lass"*), so no character
 * typed at the kiosk is FTS5 syntax. Words of five or more letters also
 * get their typo corrections (typo.c): ("lasen"* OR "lassen"). The word
 * being typed also gets the catalogue words that start one typing error
 * away from it ("elektrisi": "elektricien"), read from the vocabulary
 * under its first three letters: they rank with the corrections.
 *
 * Ranking is in tiers rather than by bm25 over every match, because
 * scoring all matches of a one-letter prefix costs 50-180 ms at 100k
 * entries while a tier can stop early. The tiers, best first:
 *   0 all words in a title            (title_fts)
 *   1 all words in title or summary   (head_fts)
 *   2 all words anywhere              (entry_fts; not while the word
 *     being typed has fewer than four letters: then only titles and
 *     summaries are looked at)
 * The word being typed matches as a prefix: through the prefix indexes
 * of title_fts and head_fts when they cover its length, else as the few
 * vocabulary words (typo.c) that start with it; entry_fts, the largest,
 * has no prefix index (it would make it half as large again and the
 * import slower), so it is only searched with those words.
 *   3-5 the same with typo corrections, for rows the exact words miss.
 * Each index holds no positions (detail=none) and is keyed by entry id
 * * 64 + language slot (db.c), so it is read in rowid order, stopping
 * early, without any join. Once CATALOG_SEARCH_CAP entries are found no
 * further tier is read and the total is reported as a lower bound
 * ("1000+"); the ranking is then over those entries. Within a tier
 * entries are ordered: a match in the interface language first, then
 * entries with an upcoming offering, then the nearest when a place is
 * set, then the soonest start, then id.
 *
 * New entries are checked against the filters in batches of
 * SEARCH_BATCH, each entry once, in one statement over json_each() of
 * their ids (theme by the entry_theme key, offerings by offering(entry_id,
 * start), a place by a bounding box and leerpunt_km()); their soonest
 * fitting start comes from one more. The tests the small indexes answer
 * (theme, offerings, the R*Tree box) come before those that read the
 * entry's row, which is read only when a filter needs it: on a cold
 * start, page faults are most of a filtered search's cost. A search reads at most
 * SEARCH_SCAN_BUDGET index rows and checks at most SEARCH_CHECK_BUDGET
 * entries, so a selective filter costs no more than an unfiltered search
 * (past a budget the total is again a lower bound). Without words the
 * entries come from the entry table, from entry_theme (by its theme index)
 * when a theme is chosen, or from the entry_geo R*Tree when a maximum
 * distance is set, ranked the same way.
 *
 * catalog_search_place() turns a place name into a position for the
 * distance filter: the mean of the positions of the entries in the
 * cities whose folded name equals the folded name asked for.
 * catalog_search_places() lists those places exactly, by one GROUP BY over
 * the entry table (no search caps), merged by the same folded name and
 * sorted with the collator of the interface language.
 *
 * Offering filters (mode, free, language of instruction, start window)
 * must hold for one and the same offering, and that offering is the one
 * the hit shows. Sorting by name uses the ICU collator of the interface
 * language over the same (capped) set of matches.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "catalog/dbint.h"
#include "catalog/fold.h"
#include "catalog/clock.h"
#include "catalog/search.h"
#include "catalog/typo.h"
#include "catalog/xmalloc.h"

#define SEARCH_MAX_WORDS 16
#define SEARCH_MAX_FIXES 6	/* corrections per word */
#define SEARCH_MAX_COMPLETIONS 24	/* words for the word being typed */
#define SEARCH_MAX_PREFIX_FIXES 12	/* its words one typo away */
#define SEARCH_DEFAULT_LIMIT 20
#define SEARCH_MAX_LIMIT 1000
#define SEARCH_NTIERS 6
#define SEARCH_SCAN_BUDGET 20000	/* index rows read per search */
#define SEARCH_CHECK_BUDGET 1000	/* entries checked per search */
#define SEARCH_BATCH 256		/* entries checked in one statement */

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

/* Append word as an FTS5 string (double quotes doubled). */
static void
search_sql_quote(struct search_sql *b, const char *word, size_t len)
{
	char *q = xmalloc(len * 2 + 3);
	size_t i, k = 0;

	q[k++] = '"';
	for (i = 0; i < len; i++) {
		if (word[i] == '"')
			q[k++] = '"';
		q[k++] = word[i];
	}
	q[k++] = '"';
	q[k] = '\0';
	search_sql_add(b, q);
	free(q);
}

struct search_words {
	char	*w[SEARCH_MAX_WORDS];
	int	 n;
};

static int
search_word_cb(void *arg, const char *word, size_t len, size_t start,
    size_t end)
{
	struct search_words *w = arg;

	(void)start;
	(void)end;
	if (w->n == SEARCH_MAX_WORDS)
		return 1;
	w->w[w->n] = xmalloc(len + 1);
	memcpy(w->w[w->n], word, len);
	w->w[w->n++][len] = '\0';
	return 0;
}

/*
 * The parsed query: an exact and (if any word has one) a corrected form,
 * each once with the last word as an FTS5 prefix ("lass"*) and, when the
 * vocabulary knows few words starting with it, once with those words
 * instead (("lassen" OR "lasser")): an FTS5 prefix query without a prefix
 * index of its length reads every matching row before the first, while
 * an OR of words stops as early as the tier does.
 */
struct search_expr {
	char	*exact[2];	/* [0] prefix, [1] completions or NULL */
	char	*fixed[2];	/* the same with corrections, or NULL */
	size_t	 prefix_len;	/* letters in the last word if a prefix */
};

static void
search_expr_done(struct search_expr *e)
{
	int i;

	for (i = 0; i < 2; i++) {
		free(e->exact[i]);
		free(e->fixed[i]);
	}
}

/* Append one word, its corrections (fix, nf) and its completions (cmp). */
static void
search_expr_word(struct search_sql *b, const char *word, int prefix,
    char **fix, size_t nf, char **cmp, int ncmp)
{
	size_t j;
	int k, alts = nf > 0 || (prefix && ncmp >= 0);

	if (alts)
		search_sql_add(b, "(");
	if (prefix && ncmp >= 0) {
		for (k = 0; k < ncmp; k++) {
			if (k > 0)
				search_sql_add(b, " OR ");
			search_sql_quote(b, cmp[k], strlen(cmp[k]));
		}
		if (ncmp == 0)	/* no word starts so: match nothing */
			search_sql_quote(b, word, strlen(word));
	} else {
		search_sql_quote(b, word, strlen(word));
		if (prefix)
			search_sql_add(b, "*");
	}
	for (j = 0; j < nf; j++) {
		search_sql_add(b, " OR ");
		search_sql_quote(b, fix[j], strlen(fix[j]));
	}
	if (alts)
		search_sql_add(b, ")");
}

/*
 * The word being typed with one typing error (typo.c): the catalogue
 * words that start one error away from it, appended to fix[0..nf) but for
 * those already there. Returns how many were added.
 */
static size_t
search_prefix_fixes(struct catalog_db *db, const char *word, char **fix,
    size_t nf)
{
	char *pf[SEARCH_MAX_PREFIX_FIXES];
	size_t n = catalog_typo_prefix_fixes(db, word, pf,
	    SEARCH_MAX_PREFIX_FIXES), i, j, added = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < nf + added && strcmp(fix[j], pf[i]) != 0; j++)
			;
		if (j < nf + added)
			free(pf[i]);
		else
			fix[nf + added++] = pf[i];
	}
	return added;
}

/* FTS5 expressions for text; 0 when it has no words. */
static int
search_parse(struct catalog_db *db, const char *text, int typos,
    struct search_expr *e)
{
	struct search_words w = { { NULL }, 0 };
	struct search_sql ex[2] = { { NULL, 0, 0 }, { NULL, 0, 0 } };
	struct search_sql fx[2] = { { NULL, 0, 0 }, { NULL, 0, 0 } };
	char *fix[SEARCH_MAX_FIXES + SEARCH_MAX_PREFIX_FIXES];
	char *cmp[SEARCH_MAX_COMPLETIONS];
	size_t n = strlen(text), nf, j;
	int i, v, prefix, any = 0, ncmp = -1;

	memset(e, 0, sizeof *e);
	catalog_fold_words(catalog_db_fold(db), text, n, search_word_cb, &w);
	if (w.n == 0)
		return 0;
	/* The last word is still being typed unless a space follows it. */
	prefix = n > 0 && text[n - 1] != ' ';
	if (prefix) {
		e->prefix_len = catalog_fold_letters(w.w[w.n - 1]);
		/* Shorter ones are served by the prefix indexes (db.c). */
		if (e->prefix_len >= 4)
			ncmp = catalog_typo_completions(db, w.w[w.n - 1], cmp,
			    SEARCH_MAX_COMPLETIONS);
	}
	for (i = 0; i < w.n; i++) {
		int last = i == w.n - 1 && prefix;

		nf = typos ? catalog_typo_corrections(db, w.w[i], fix,
		    SEARCH_MAX_FIXES) : 0;
		if (typos && last)
			nf += search_prefix_fixes(db, w.w[i], fix, nf);
		any |= nf > 0;
		for (v = 0; v < 2; v++) {
			if (i > 0) {
				/* FTS5 allows no implicit AND after "(". */
				search_sql_add(&ex[v], " AND ");
				search_sql_add(&fx[v], " AND ");
			}
			search_expr_word(&ex[v], w.w[i], last, NULL, 0, cmp,
			    v ? ncmp : -1);
			search_expr_word(&fx[v], w.w[i], last, fix, nf, cmp,
			    v ? ncmp : -1);
		}
		for (j = 0; j < nf; j++)
			free(fix[j]);
		free(w.w[i]);
	}
	for (i = 0; i < ncmp; i++)
		free(cmp[i]);
	e->exact[0] = ex[0].s;
	if (ncmp >= 0)
		e->exact[1] = ex[1].s;
	else
		free(ex[1].s);
	for (v = 0; v < 2; v++) {
		if (any && (v == 0 || ncmp >= 0))
			e->fixed[v] = fx[v].s;
		else
			free(fx[v].s);
	}
	if (!prefix)
		e->prefix_len = 0;
	return 1;
}

void
catalog_query_init(struct catalog_query *q)
{
	memset(q, 0, sizeof *q);
	q->kind = -1;
	q->sort = CATALOG_SORT_RELEVANCE;
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

/* Bind positions shared by all statements. */
enum {
	P_MATCH = 1, P_LANG, P_THEME, P_KIND, P_PROVINCE, P_MODE, P_LANGI,
	P_TODAY, P_DAYS, P_LIMIT, P_LEVEL, P_LAT, P_LON, P_KM, P_LAT0, P_LAT1,
	P_LON0, P_LON1, P_ID, P_AFTER
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
	if (q->starts_after_days > 0)
		search_sql_add(b, " AND o.start IS NOT NULL"
		    " AND o.start > date(?8, '+' || ?20 || ' days')");
}

static int
search_has_offering_filter(const struct catalog_query *q)
{
	return q->mode > 0 || q->free_only || q->starts_within_days > 0 ||
	    q->starts_after_days > 0 ||
	    (q->instruction_lang != NULL && *q->instruction_lang != '\0');
}

static int
search_has_radius(const struct catalog_query *q)
{
	return q->has_place && q->max_km > 0;
}

/* 1 when the filters read the entry's own row (not only its themes and
 * offerings). */
static int
search_needs_entry_row(const struct catalog_query *q)
{
	return q->kind >= 0 || q->has_place ||
	    (q->province != NULL && *q->province != '\0') ||
	    (q->level != NULL && *q->level != '\0');
}

/* 1 when entries must be checked: a filter, or a place to measure from. */
static int
search_has_entry_filter(const struct catalog_query *q)
{
	return search_needs_entry_row(q) || search_has_offering_filter(q) ||
	    (q->theme != NULL && *q->theme != '\0');
}

/*
 * " AND ..." conditions on the entry with id eid (a column of the
 * statement's outer loop, j.value) and, through e, its row. The ones the
 * small indexes answer come first and name eid, not e.id: SQLite then
 * tests them before it reads the entry's row, so only the entries they
 * let through cost a page of the entry table (on a cold start most page
 * faults of a filtered search were there). A distance first passes the
 * bounding box in the entry_geo R*Tree (whose bounds are rounded
 * outwards, so it refuses nothing the exact test below lets through).
 */
static void
search_entry_cond(const struct catalog_query *q, const char *ocond,
    const char *eid, struct search_sql *b)
{
	if (q->theme != NULL && *q->theme != '\0') {
		search_sql_add(b, " AND EXISTS (SELECT 1 FROM entry_theme et"
		    " WHERE et.entry_id = ");
		search_sql_add(b, eid);
		search_sql_add(b, " AND et.theme_id ="
		    " (SELECT th.id FROM theme th WHERE th.key = ?3))");
	}
	if (search_has_offering_filter(q)) {
		search_sql_add(b, " AND EXISTS (SELECT 1 FROM offering o"
		    " WHERE o.entry_id = ");
		search_sql_add(b, eid);
		search_sql_add(b, " AND ");
		search_sql_add(b, ocond);
		search_sql_add(b, ")");
	}
	if (search_has_radius(q)) {
		search_sql_add(b, " AND EXISTS (SELECT 1 FROM entry_geo g"
		    " WHERE g.id = ");
		search_sql_add(b, eid);
		search_sql_add(b, " AND g.minlat <= ?16 AND g.maxlat >= ?15"
		    " AND g.minlon <= ?18 AND g.maxlon >= ?17)");
	}
	if (q->kind >= 0)
		search_sql_add(b, " AND e.kind = ?4");
	if (q->province != NULL && *q->province != '\0')
		search_sql_add(b, " AND e.province = ?5 COLLATE NOCASE");
	if (q->level != NULL && *q->level != '\0')
		search_sql_add(b, " AND e.level = ?11");
	if (search_has_radius(q))
		search_sql_add(b, " AND e.lat BETWEEN ?15 AND ?16"
		    " AND e.lon BETWEEN ?17 AND ?18"
		    " AND leerpunt_km(e.lat, e.lon, ?12, ?13) <= ?14");
}

struct search_ctx {
	struct catalog_db *db;
	const struct catalog_query *q;
	char		 today[16];
	const char	*lang;
	double		 lat0, lat1, lon0, lon1;
	size_t		 budget;	/* index rows left to read */
	size_t		 checks;	/* entries left to check */
	int		 exhausted;	/* a budget ran out */
	int64_t		*rejected;	/* entries the filters refused */
	size_t		 nrejected;	/* slots (power of 2) */
	sqlite3_stmt	*check;		/* filters and place of entry ?19 */
	sqlite3_stmt	*next;		/* soonest fitting start of ?19 */
	sqlite3_stmt	*title;		/* title along the fallback chain */
	sqlite3_stmt	*hit;		/* the fields of a hit */
};

static void
search_bind(sqlite3_stmt *st, const struct search_ctx *c)
{
	const struct catalog_query *q = c->q;

	catalog_db_bind_text(st, P_LANG, c->lang);
	catalog_db_bind_text(st, P_THEME, q->theme);
	if (q->kind >= 0)
		sqlite3_bind_text(st, P_KIND, catalog_entry_kind_name(q->kind),
		    -1, SQLITE_STATIC);
	catalog_db_bind_text(st, P_PROVINCE, q->province);
	if (q->mode > 0)
		sqlite3_bind_text(st, P_MODE, catalog_entry_mode_name(q->mode),
		    -1, SQLITE_STATIC);
	catalog_db_bind_text(st, P_LANGI, q->instruction_lang);
	sqlite3_bind_text(st, P_TODAY, c->today, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, P_DAYS, q->starts_within_days);
	sqlite3_bind_int(st, P_AFTER, q->starts_after_days);
	catalog_db_bind_text(st, P_LEVEL, q->level);
	if (q->has_place) {
		sqlite3_bind_double(st, P_LAT, q->near_lat);
		sqlite3_bind_double(st, P_LON, q->near_lon);
		sqlite3_bind_double(st, P_KM, q->max_km);
		sqlite3_bind_double(st, P_LAT0, c->lat0);
		sqlite3_bind_double(st, P_LAT1, c->lat1);
		sqlite3_bind_double(st, P_LON0, c->lon0);
		sqlite3_bind_double(st, P_LON1, c->lon1);
	}
}

/* One matching entry and its ranking keys. */
struct search_cand {
	int64_t		 eid;
	int		 tier;
	int		 other_lang;	/* 0: matched in the interface language */
	int		 corrected;
	char		 next[12];	/* soonest fitting start, "" none */
	double		 km;		/* -1 unknown */
	uint8_t		*key;		/* collation key (sort by name) */
	int32_t		 keylen;
};

struct search_set {
	struct search_cand *c;
	size_t		 n, cap;
	int64_t		*slot;		/* open addressing: index + 1, 0 free */
	size_t		 nslot;
};

/* The candidate for eid, or NULL after adding a new one at *added. */
static struct search_cand *
search_set_find(struct search_set *s, int64_t eid, int *added)
{
	size_t h = (size_t)((uint64_t)eid * 0x9e3779b97f4a7c15ULL) &
	    (s->nslot - 1);

	*added = 0;
	while (s->slot[h] != 0) {
		if (s->c[s->slot[h] - 1].eid == eid)
			return &s->c[s->slot[h] - 1];
		h = (h + 1) & (s->nslot - 1);
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->c = xreallocarray(s->c, s->cap, sizeof *s->c);
	}
	s->slot[h] = (int64_t)s->n + 1;
	memset(&s->c[s->n], 0, sizeof s->c[s->n]);
	s->c[s->n].eid = eid;
	*added = 1;
	return &s->c[s->n++];
}

/* Remove candidate n, the last one added. */
static void
search_set_forget(struct search_set *s, size_t n)
{
	size_t h = (size_t)((uint64_t)s->c[n].eid * 0x9e3779b97f4a7c15ULL) &
	    (s->nslot - 1);

	/* It was added last, so no later key was placed past it. */
	while (s->slot[h] != (int64_t)n + 1)
		h = (h + 1) & (s->nslot - 1);
	s->slot[h] = 0;
	s->n = n;
}

static void
search_set_done(struct search_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->c[i].key);
	free(s->c);
	free(s->slot);
}

/* 1 if eid is in the rejected set; with add, put it there. */
static int
search_rejected(struct search_ctx *c, int64_t eid, int add)
{
	size_t h = (size_t)((uint64_t)eid * 0x9e3779b97f4a7c15ULL) &
	    (c->nrejected - 1);

	while (c->rejected[h] != 0) {
		if (c->rejected[h] == eid)
			return 1;
		h = (h + 1) & (c->nrejected - 1);
	}
	if (add)
		c->rejected[h] = eid;
	return 0;
}

/* Entries met in a tier, waiting to be checked together. */
struct search_batch {
	int64_t		 eid[SEARCH_BATCH];
	int		 other[SEARCH_BATCH];
	size_t		 n;
	struct search_sql ids;	/* the same ids as a JSON array */
};

static void
search_batch_add(struct search_batch *b, int64_t eid, int other)
{
	char num[24];

	snprintf(num, sizeof num, "%s%lld", b->n == 0 ? "[" : ",",
	    (long long)eid);
	search_sql_add(&b->ids, num);
	b->eid[b->n] = eid;
	b->other[b->n++] = other;
}

/* Distance in km from the query's place to lat, lon (degrees). */
static double
search_km(const struct catalog_query *q, double lat, double lon)
{
	double la = lat * M_PI / 180, lo = lon * M_PI / 180;
	double pa = q->near_lat * M_PI / 180, po = q->near_lon * M_PI / 180;
	double a = sin((la - pa) / 2) * sin((la - pa) / 2) +
	    cos(la) * cos(pa) * sin((lo - po) / 2) * sin((lo - po) / 2);

	return 6371.0 * 2 * atan2(sqrt(a), sqrt(1 - a));
}

/*
 * Check the waiting entries against the filters in one statement (in
 * order; up to the cap), add those that pass to the set at tier and, with
 * keys, look up their soonest fitting start in one more. Those that fail
 * are remembered as rejected.
 */
static void
search_flush(struct search_ctx *c, struct search_set *set,
    struct search_batch *b, int tier, int corrected, int keys)
{
	const struct catalog_query *q = c->q;
	size_t i = 0, first = set->n;
	struct search_cand *k;
	int added;

	if (b->n == 0)
		return;
	search_sql_add(&b->ids, "]");
	c->checks -= b->n < c->checks ? b->n : c->checks;
	if (c->check == NULL) {
		/* No filter and no place: all pass. */
		for (i = 0; i < b->n && set->n < CATALOG_SEARCH_CAP; i++) {
			k = search_set_find(set, b->eid[i], &added);
			k->tier = tier;
			k->corrected = corrected;
			k->other_lang = b->other[i];
			k->km = -1;
		}
	} else {
		sqlite3_bind_text(c->check, P_ID, b->ids.s, -1, SQLITE_STATIC);
		while (sqlite3_step(c->check) == SQLITE_ROW &&
		    set->n < CATALOG_SEARCH_CAP) {
			int64_t eid = sqlite3_column_int64(c->check, 0);

			/* Rows come in the batch's order: skip the refused. */
			for (; i < b->n && b->eid[i] != eid; i++)
				search_rejected(c, b->eid[i], 1);
			if (i == b->n)
				break;
			k = search_set_find(set, eid, &added);
			k->tier = tier;
			k->corrected = corrected;
			k->other_lang = b->other[i++];
			k->km = -1;
			if (q->has_place &&
			    sqlite3_column_type(c->check, 1) != SQLITE_NULL)
				k->km = search_km(q,
				    sqlite3_column_double(c->check, 1),
				    sqlite3_column_double(c->check, 2));
		}
		sqlite3_reset(c->check);
		if (set->n < CATALOG_SEARCH_CAP)
			for (; i < b->n; i++)
				search_rejected(c, b->eid[i], 1);
	}
	if (keys && set->n > first) {
		sqlite3_bind_text(c->next, P_ID, b->ids.s, -1, SQLITE_STATIC);
		while (sqlite3_step(c->next) == SQLITE_ROW) {
			int64_t eid = sqlite3_column_int64(c->next, 0);

			k = search_set_find(set, eid, &added);
			if (added) {
				/* Not one of ours (past the cap): drop it. */
				search_set_forget(set, set->n - 1);
				continue;
			}
			if (sqlite3_column_type(c->next, 1) != SQLITE_NULL)
				snprintf(k->next, sizeof k->next, "%s",
				    (const char *)sqlite3_column_text(c->next,
				    1));
		}
		sqlite3_reset(c->next);
	}
	b->n = 0;
	b->ids.len = 0;
}

/*
 * Read rows of one source into the set at tier, within the budgets. src
 * is the full-text table matched, or NULL for entries without words;
 * match is bound to ?1. The index is read without any join (its rowid
 * holds entry and language); new entries are checked against the filters
 * in batches (search_flush), each entry once however many of its rows
 * match and in however many tiers. Both the rows read and the entries
 * checked are budgeted, so a selective filter cannot make a search read
 * more than an unfiltered one. With keys, new entries get their ranking
 * keys; without (the page is already full), they are only counted. Stops
 * when the set is full. -1 and *cause on failure.
 */
static int
search_collect(struct search_ctx *c, struct search_set *set, const char *src,
    const char *match, int tier, int corrected, int keys, char **cause)
{
	const struct catalog_query *q = c->q;
	struct search_sql b = { NULL, 0, 0 };
	struct search_batch *batch;
	struct search_cand *k;
	size_t rows = 0, i;
	sqlite3_stmt *st;
	int rc, added;
	int64_t eid;

	if (c->budget == 0 || c->checks == 0) {
		c->exhausted = 1;
		return 0;
	}
	if (src != NULL) {
		/* The rowid is entry_id * 64 + language slot (db.c). */
		search_sql_add(&b, "SELECT rowid >> 6, rowid & 63 IS NOT"
		    " (SELECT slot FROM search_lang WHERE lang = ?2) FROM ");
		search_sql_add(&b, src);
		search_sql_add(&b, " WHERE ");
		search_sql_add(&b, src);
		search_sql_add(&b, " MATCH ?1");
	} else if (search_has_radius(q))
		search_sql_add(&b, "SELECT id, 0 FROM entry_geo"
		    " WHERE minlat <= ?16 AND maxlat >= ?15"
		    " AND minlon <= ?18 AND maxlon >= ?17");
	else if (q->theme != NULL)
		search_sql_add(&b, "SELECT entry_id, 0 FROM entry_theme"
		    " WHERE theme_id = (SELECT id FROM theme WHERE key = ?3)");
	else
		search_sql_add(&b, "SELECT id, 0 FROM entry");
	search_sql_add(&b, " LIMIT ?10");
	st = catalog_db_prepare(c->db, b.s);
	free(b.s);
	search_bind(st, c);
	if (match != NULL)
		sqlite3_bind_text(st, P_MATCH, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, P_LIMIT, (sqlite3_int64)c->budget);
	batch = xcalloc(1, sizeof *batch);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int other = sqlite3_column_int(st, 1);

		rows++;
		eid = sqlite3_column_int64(st, 0);
		/* Rows of one entry are neighbours (rowid order). */
		if (batch->n > 0 && batch->eid[batch->n - 1] == eid) {
			if (!other)
				batch->other[batch->n - 1] = 0;
			continue;
		}
		if (search_rejected(c, eid, 0))
			continue;
		i = set->n;
		k = search_set_find(set, eid, &added);
		if (!added) {
			/* Seen in a better tier; note a row in the language. */
			if (k->tier == tier && !other)
				k->other_lang = 0;
			continue;
		}
		search_set_forget(set, i);
		search_batch_add(batch, eid, other);
		if (batch->n == SEARCH_BATCH || batch->n >= c->checks) {
			search_flush(c, set, batch, tier, corrected, keys);
			if (c->checks == 0 || set->n >= CATALOG_SEARCH_CAP)
				break;
		}
	}
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		search_flush(c, set, batch, tier, corrected, keys);
	free(batch->ids.s);
	free(batch);
	c->budget -= rows < c->budget ? rows : c->budget;
	if (rc == SQLITE_ROW && (c->budget == 0 || c->checks == 0))
		c->exhausted = 1;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*cause = xasprintf("search failed: %s",
		    sqlite3_errmsg(catalog_db_sqlite(c->db)));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* Relevance order; arg points to the query's has_place. */
static int
search_cand_cmp(const void *a, const void *b, void *arg)
{
	const struct search_cand *x = a, *y = b;
	int c, has_place = *(const int *)arg;

	if (x->tier != y->tier)
		return x->tier - y->tier;
	if (x->other_lang != y->other_lang)
		return x->other_lang - y->other_lang;
	if ((x->next[0] == '\0') != (y->next[0] == '\0'))
		return x->next[0] == '\0' ? 1 : -1;
	if (has_place && x->km != y->km) {
		if (x->km < 0 || y->km < 0)
			return x->km < 0 ? 1 : -1;
		return x->km < y->km ? -1 : 1;
	}
	if ((c = strcmp(x->next, y->next)) != 0)
		return c;
	return x->eid < y->eid ? -1 : x->eid > y->eid;
}

/* Compare two ICU sort keys of alen and blen bytes. */
static int
search_key_cmp(const uint8_t *a, int32_t alen, const uint8_t *b,
    int32_t blen)
{
	int c = memcmp(a, b, (size_t)(alen < blen ? alen : blen));

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

/* The ICU collator of lang, else the root one, else NULL (no order). */
static UCollator *
search_collator_open(const char *lang)
{
	UErrorCode ec = U_ZERO_ERROR;
	UCollator *coll = ucol_open(lang != NULL ? lang : "", &ec);

	if (U_FAILURE(ec)) {
		/* No rules for this language: the root collation. */
		ec = U_ZERO_ERROR;
		coll = ucol_open("", &ec);
		if (U_FAILURE(ec))
			coll = NULL;
	}
	return coll;
}

static int
search_name_cmp(const void *a, const void *b)
{
	const struct search_cand *x = a, *y = b;
	int c = search_key_cmp(x->key, x->keylen, y->key, y->keylen);

	if (c != 0)
		return c;
	return x->eid < y->eid ? -1 : x->eid > y->eid;
}

/* Title of entry id along the fallback chain. */
static void
search_hit_title(struct search_ctx *c, int64_t id, struct catalog_text *title)
{
	sqlite3_stmt *st = c->title;
	const char *l;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		title->value = catalog_db_column_strdup(st, 0);
		l = (const char *)sqlite3_column_text(st, 1);
		if (l != NULL && strlen(l) < sizeof title->lang)
			strcpy(title->lang, l);
	}
	sqlite3_reset(st);
	if (title->value == NULL)
		title->value = xstrdup("");
}

/* Collation keys of every candidate's title in lang, then sort by them. */
static void
search_sort_by_name(struct search_ctx *c, struct search_set *set)
{
	UErrorCode ec = U_ZERO_ERROR;
	UCollator *coll = search_collator_open(c->lang);
	struct search_sql ids = { NULL, 0, 0 };
	sqlite3_stmt *st;
	uint8_t key[1024];
	UChar buf[512];
	int32_t n, klen;
	char num[24];
	size_t i;

	search_sql_add(&ids, "[");
	for (i = 0; i < set->n; i++) {
		snprintf(num, sizeof num, "%s%lld", i ? "," : "",
		    (long long)set->c[i].eid);
		search_sql_add(&ids, num);
	}
	search_sql_add(&ids, "]");
	/* All titles in one statement, along the fallback chain: one key
	 * lookup per language tried (COALESCE stops at the first title),
	 * rather than reading and ordering every language's row of every
	 * candidate (1,000 candidates: twice as fast). */
	st = catalog_db_prepare(c->db, "SELECT j.key, COALESCE("
	    "(SELECT t.title FROM entry_text t WHERE t.entry_id = j.value"
	    " AND t.lang = ?2),"
	    "(SELECT t.title FROM entry_text t WHERE t.entry_id = j.value"
	    " AND t.lang = 'en'),"
	    "(SELECT t.title FROM entry_text t WHERE t.entry_id = j.value"
	    " AND t.lang = 'nl'),"
	    "(SELECT t.title FROM entry_text t WHERE t.entry_id = j.value"
	    " AND t.title IS NOT NULL ORDER BY t.lang LIMIT 1))"
	    " FROM json_each(?1) j");
	sqlite3_bind_text(st, 1, ids.s, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->lang, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t k = sqlite3_column_int64(st, 0);
		const char *title = (const char *)sqlite3_column_text(st, 1);
		struct search_cand *cand;

		if (k < 0 || (size_t)k >= set->n)
			continue;
		cand = &set->c[k];
		ec = U_ZERO_ERROR;
		n = 0;
		u_strFromUTF8Lenient(buf, (int32_t)(sizeof buf / sizeof buf[0]),
		    &n, title != NULL ? title : "", -1, &ec);
		if (U_FAILURE(ec) && ec != U_BUFFER_OVERFLOW_ERROR)
			n = 0;
		if (n > (int32_t)(sizeof buf / sizeof buf[0]))
			n = (int32_t)(sizeof buf / sizeof buf[0]);
		klen = coll != NULL ? ucol_getSortKey(coll, buf, n, key,
		    (int32_t)sizeof key) : 0;
		cand->key = xmalloc((size_t)klen + 1);
		if (klen > (int32_t)sizeof key)
			ucol_getSortKey(coll, buf, n, cand->key, klen);
		else if (klen > 0)
			memcpy(cand->key, key, (size_t)klen);
		cand->keylen = klen;
	}
	sqlite3_finalize(st);
	free(ids.s);
	if (coll != NULL)
		ucol_close(coll);
	for (i = 0; i < set->n; i++)
		if (set->c[i].key == NULL)
			set->c[i].key = xmalloc(1);
	if (set->n > 1)
		qsort(set->c, set->n, sizeof *set->c, search_name_cmp);
}

/* Fill hit from the entry and its soonest offering that fits the query. */
static void
search_fill_hit(struct search_ctx *c, const struct search_cand *k,
    struct catalog_hit *h)
{
	sqlite3_stmt *st = c->hit;
	const char *s;

	sqlite3_bind_int64(st, P_ID, k->eid);
	h->id = k->eid;
	h->km = k->km;
	h->corrected = k->corrected;
	h->cost_cents = -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		h->kind = (enum catalog_kind)catalog_entry_kind_parse(
		    (const char *)sqlite3_column_text(st, 0));
		h->city = catalog_db_column_strdup(st, 1);
		h->start = catalog_db_column_strdup(st, 2);
		s = (const char *)sqlite3_column_text(st, 3);
		h->mode = s != NULL && catalog_entry_mode_parse(s) > 0 ?
		    (enum catalog_mode)catalog_entry_mode_parse(s) :
		    CATALOG_MODE_UNKNOWN;
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			h->cost_cents = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	search_hit_title(c, k->eid, &h->title);
}

/* Prepare the per-entry statements of a search once. */
static void
search_prepare(struct search_ctx *c, const char *ocond)
{
	struct search_sql b = { NULL, 0, 0 };

	if (search_has_entry_filter(c->q) && !search_needs_entry_row(c->q)) {
		/*
		 * Only themes and offerings: their indexes answer without
		 * the entry's row, so a check reads no page of the entry
		 * table (on a cold start most of a filtered search's page
		 * faults were there). The ids come from the indexes, which
		 * hold only entries that exist.
		 */
		search_sql_add(&b, "SELECT j.value, NULL, NULL FROM"
		    " json_each(?19) j WHERE 1");
		search_entry_cond(c->q, ocond, "j.value", &b);
		c->check = catalog_db_prepare(c->db, b.s);
		search_bind(c->check, c);
		b.len = 0;
	} else if (search_has_entry_filter(c->q)) {
		search_sql_add(&b, "SELECT e.id, e.lat, e.lon FROM"
		    " json_each(?19) j CROSS JOIN entry e ON e.id = j.value"
		    " WHERE 1");
		search_entry_cond(c->q, ocond, "j.value", &b);
		c->check = catalog_db_prepare(c->db, b.s);
		search_bind(c->check, c);
		b.len = 0;
	}
	search_sql_add(&b, "SELECT o.entry_id, min(o.start) FROM offering o"
	    " WHERE o.entry_id IN (SELECT value FROM json_each(?19)) AND ");
	search_sql_add(&b, ocond);
	search_sql_add(&b, " GROUP BY o.entry_id");
	c->next = catalog_db_prepare(c->db, b.s);
	search_bind(c->next, c);
	b.len = 0;
	search_sql_add(&b, "SELECT e.kind, e.city, o.start, o.mode,"
	    " o.cost_cents FROM entry e LEFT JOIN offering o ON o.id ="
	    " (SELECT o.id FROM offering o WHERE o.entry_id = e.id AND ");
	search_sql_add(&b, ocond);
	search_sql_add(&b, " ORDER BY o.start IS NULL, o.start, o.id LIMIT 1)"
	    " WHERE e.id = ?19");
	c->hit = catalog_db_prepare(c->db, b.s);
	search_bind(c->hit, c);
	free(b.s);
	c->title = catalog_db_prepare(c->db, "SELECT title, lang FROM"
	    " entry_text WHERE entry_id = ?1 AND title IS NOT NULL ORDER BY"
	    " CASE lang WHEN ?2 THEN 0 WHEN 'en' THEN 1 WHEN 'nl' THEN 2"
	    " ELSE 3 END, lang LIMIT 1");
	sqlite3_bind_text(c->title, 2, c->lang, -1, SQLITE_STATIC);
}

int
catalog_search_run(struct catalog_db *db, const struct catalog_query *q,
    struct catalog_results *out, char **cause)
{
	static const char *const src[3] = { "title_fts", "head_fts",
	    "entry_fts" };
	struct search_sql ocond = { NULL, 0, 0 };
	struct search_expr ex = { { NULL, NULL }, { NULL, NULL }, 0 };
	struct search_set set;
	struct search_ctx c;
	size_t limit, i, end;
	int tier, rc = -1, words = 0;

	memset(out, 0, sizeof *out);
	memset(&set, 0, sizeof set);
	memset(&c, 0, sizeof c);
	c.db = db;
	c.q = q;
	c.lang = q->lang != NULL && *q->lang != '\0' ? q->lang : "nl";
	if (q->today != NULL)
		snprintf(c.today, sizeof c.today, "%s", q->today);
	else
		catalog_clock_today(c.today);
	if (search_has_radius(q)) {
		/* A box around the circle; leerpunt_km() cuts the corners. */
		double dlat = q->max_km / 111.0;
		double cl = cos(q->near_lat * M_PI / 180);
		double dlon = q->max_km / (111.0 * (cl > 0.01 ? cl : 0.01));

		c.lat0 = q->near_lat - dlat;
		c.lat1 = q->near_lat + dlat;
		c.lon0 = q->near_lon - dlon;
		c.lon1 = q->near_lon + dlon;
	}
	limit = q->limit == 0 ? SEARCH_DEFAULT_LIMIT : q->limit;
	if (limit > SEARCH_MAX_LIMIT)
		limit = SEARCH_MAX_LIMIT;
	if (q->text != NULL)
		words = search_parse(db, q->text, !q->no_typos, &ex);
	if (q->text != NULL && !words &&
	    strspn(q->text, " \t") != strlen(q->text)) {
		/* Only punctuation typed: nothing can match. */
		rc = 0;
		goto out;
	}
	search_offering_cond(q, &ocond);
	search_prepare(&c, ocond.s);
	c.budget = SEARCH_SCAN_BUDGET;
	c.checks = SEARCH_CHECK_BUDGET;
	c.nrejected = 8192;	/* a power of two above 2 * the checks */
	c.rejected = xcalloc(c.nrejected, sizeof *c.rejected);
	set.nslot = 4096;	/* a power of two above 2 * the cap */
	set.slot = xcalloc(set.nslot, sizeof *set.slot);

	if (!words) {
		if (search_collect(&c, &set, NULL, NULL, 0, 0, 1, cause) != 0)
			goto out;
	}
	for (tier = 0; words && tier < SEARCH_NTIERS; tier++) {
		/*
		 * title_fts and head_fts have prefix indexes for one to four
		 * letters; beyond that, and always in entry_fts (no prefix
		 * index), the completions are used.
		 */
		int full = tier % 3 == 2, v;
		const char *m;
		char *notm = NULL;

		v = ex.prefix_len > (full ? 3u : 4u) && ex.exact[1] != NULL;
		m = tier < 3 ? ex.exact[v] : ex.fixed[v];
		if (set.n >= CATALOG_SEARCH_CAP || m == NULL)
			break;
		/* The start of a word of one to three letters: not in full. */
		if (full && ex.prefix_len > 0 && ex.prefix_len < 4)
			continue;
		if (tier >= 3)
			m = notm = xasprintf("(%s) NOT (%s)", ex.fixed[v],
			    ex.exact[v]);
		/*
		 * Rows of better tiers come again: read past them. Once the
		 * page is full, worse tiers only add to the total; sorted by
		 * name, no entry needs the relevance keys.
		 */
		rc = search_collect(&c, &set, src[tier % 3], m, tier, tier >= 3,
		    q->sort != CATALOG_SORT_NAME && set.n < q->offset + limit,
		    cause);
		free(notm);
		if (rc != 0)
			goto out;
		rc = -1;
	}
	out->total = set.n;
	if (set.n >= CATALOG_SEARCH_CAP) {
		out->total = CATALOG_SEARCH_CAP;
		out->total_capped = 1;
	} else if (c.exhausted)
		out->total_capped = 1;	/* at least this many */
	if (q->sort == CATALOG_SORT_NAME)
		search_sort_by_name(&c, &set);
	else if (set.n > 1)
		qsort_r(set.c, set.n, sizeof *set.c, search_cand_cmp,
		    (void *)&q->has_place);
	end = q->offset + limit < set.n ? q->offset + limit : set.n;
	if (q->offset < end) {
		out->hits = xcalloc(end - q->offset, sizeof *out->hits);
		for (i = q->offset; i < end; i++)
			search_fill_hit(&c, &set.c[i], &out->hits[out->n++]);
	}
	rc = 0;
out:
	sqlite3_finalize(c.check);
	sqlite3_finalize(c.next);
	free(c.rejected);
	sqlite3_finalize(c.hit);
	sqlite3_finalize(c.title);
	search_set_done(&set);
	search_expr_done(&ex);
	free(ocond.s);
	return rc;
}

char *
catalog_search_suggest(struct catalog_db *db, const struct catalog_query *q,
    char **cause)
{
	struct search_words w = { { NULL }, 0 };
	struct search_sql b = { NULL, 0, 0 };
	struct catalog_query sq;
	struct catalog_results r;
	size_t n;
	int i, prefix, known, changed = 0, ok = 1;
	char *near;

	if (q->text == NULL)
		return NULL;
	n = strlen(q->text);
	catalog_fold_words(catalog_db_fold(db), q->text, n, search_word_cb, &w);
	prefix = n > 0 && q->text[n - 1] != ' ';
	for (i = 0; i < w.n && ok; i++) {
		int last = i == w.n - 1 && prefix;

		known = catalog_typo_known(db, w.w[i], last);
		if (known < 0) {
			ok = 0;
			break;
		}
		if (!known) {
			near = catalog_typo_nearest(db, w.w[i], last);
			if (near == NULL) {
				ok = 0;
				break;
			}
			free(w.w[i]);
			w.w[i] = near;
			changed = 1;
		}
		if (i > 0)
			search_sql_add(&b, " ");
		search_sql_add(&b, w.w[i]);
	}
	for (i = 0; i < w.n; i++)
		free(w.w[i]);
	if (!ok || !changed) {
		free(b.s);
		return NULL;
	}
	/* Offered only when it finds something, with the same filters. */
	sq = *q;
	sq.text = b.s;
	sq.offset = 0;
	sq.limit = 1;
	if (catalog_search_run(db, &sq, &r, cause) != 0) {
		free(b.s);
		return NULL;
	}
	if (r.total == 0) {
		free(b.s);
		b.s = NULL;
	}
	catalog_results_done(&r);
	return b.s;
}

static int
search_place_word_cb(void *arg, const char *word, size_t len, size_t start,
    size_t end)
{
	struct search_sql *b = arg;
	char *w;

	(void)start;
	(void)end;
	w = xmalloc(len + 2);
	w[0] = ' ';
	memcpy(w + 1, word, len);
	w[len + 1] = '\0';
	search_sql_add(b, b->len == 0 ? w + 1 : w);
	free(w);
	return 0;
}

/* The folded words of a place name joined by spaces (a new string). */
static char *
search_place_fold(struct catalog_db *db, const char *name)
{
	struct search_sql b = { NULL, 0, 0 };

	search_sql_add(&b, "");
	catalog_fold_words(catalog_db_fold(db), name, strlen(name),
	    search_place_word_cb, &b);
	return b.s;
}

int
catalog_search_place(struct catalog_db *db, const char *name, double *lat,
    double *lon, char **cause)
{
	sqlite3_stmt	*st = NULL;
	char		*want = NULL, *got;
	double		 slat = 0, slon = 0;
	int64_t		 n = 0, k;
	int		 rc;

	if (name == NULL || *(want = search_place_fold(db, name)) == '\0') {
		*cause = xstrdup("no place name given");
		goto fail;
	}
	/* The cities as stored, each once, with their entries' positions. */
	st = catalog_db_prepare(db, "SELECT city, sum(lat), sum(lon), count(*)"
	    " FROM entry WHERE city IS NOT NULL AND lat IS NOT NULL AND"
	    " lon IS NOT NULL GROUP BY city");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		got = search_place_fold(db,
		    (const char *)sqlite3_column_text(st, 0));
		if (strcmp(got, want) == 0) {
			k = sqlite3_column_int64(st, 3);
			slat += sqlite3_column_double(st, 1);
			slon += sqlite3_column_double(st, 2);
			n += k;
		}
		free(got);
	}
	if (rc != SQLITE_DONE) {
		*cause = xasprintf("looking up the place \"%s\" failed: %s",
		    name, sqlite3_errmsg(catalog_db_sqlite(db)));
		goto fail;
	}
	if (n == 0) {
		*cause = xasprintf("no entry in \"%s\" has a position", name);
		goto fail;
	}
	*lat = slat / (double)n;
	*lon = slon / (double)n;
	sqlite3_finalize(st);
	free(want);
	return 0;
fail:
	sqlite3_finalize(st);
	free(want);
	return -1;
}

/* A row of the places query, with its folded name and collation key. */
struct search_place_row {
	char		*city;
	char		*province;
	size_t		 entries;
	char		*folded;
	uint8_t		*key;
	int32_t		 keylen;
	size_t		 order;		/* in the query's order: largest first */
};

/* By folded name, then the query's order (largest group first). */
static int
search_place_by_fold(const void *a, const void *b)
{
	const struct search_place_row *x = a, *y = b;
	int c = strcmp(x->folded, y->folded);

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* By collation key, then bytes, so equal keys still sort stably. */
static int
search_place_by_key(const void *a, const void *b)
{
	const struct search_place_row *x = a, *y = b;
	int c = search_key_cmp(x->key, x->keylen, y->key, y->keylen);

	return c != 0 ? c : strcmp(x->city, y->city);
}

/* The collation key of s (new memory, *len bytes); empty without coll. */
static uint8_t *
search_place_key(UCollator *coll, const char *s, int32_t *len)
{
	UErrorCode ec = U_ZERO_ERROR;
	UChar buf[256];
	uint8_t *key;
	int32_t n = 0, k;

	u_strFromUTF8Lenient(buf, (int32_t)(sizeof buf / sizeof buf[0]), &n,
	    s, -1, &ec);
	if (U_FAILURE(ec) && ec != U_BUFFER_OVERFLOW_ERROR)
		n = 0;
	if (n > (int32_t)(sizeof buf / sizeof buf[0]))
		n = (int32_t)(sizeof buf / sizeof buf[0]);
	k = coll != NULL ? ucol_getSortKey(coll, buf, n, NULL, 0) : 0;
	key = xmalloc((size_t)k + 1);
	if (k > 0)
		ucol_getSortKey(coll, buf, n, key, k);
	*len = k;
	return key;
}

int
catalog_search_places(struct catalog_db *db, const char *lang,
    struct catalog_place **places, size_t *n, char **cause)
{
	struct search_place_row *rows = NULL, *r;
	struct catalog_place *out = NULL, *p;
	UCollator *coll = NULL;
	sqlite3_stmt *st;
	size_t nrows = 0, alloc = 0, nout = 0, i;
	const char *city, *prov;
	int rc;

	*places = NULL;
	*n = 0;
	/* Largest groups first: the first row of a place names it. */
	st = catalog_db_prepare(db, "SELECT city, province, count(*) FROM entry"
	    " WHERE city IS NOT NULL AND city <> '' GROUP BY city, province"
	    " ORDER BY count(*) DESC, city, province");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		city = (const char *)sqlite3_column_text(st, 0);
		prov = (const char *)sqlite3_column_text(st, 1);
		if (nrows == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			rows = xreallocarray(rows, alloc, sizeof *rows);
		}
		r = &rows[nrows];
		memset(r, 0, sizeof *r);
		r->folded = search_place_fold(db, city);
		if (*r->folded == '\0') {
			free(r->folded);
			continue;
		}
		r->city = xstrdup(city);
		r->province = prov != NULL && *prov != '\0' ? xstrdup(prov) :
		    NULL;
		r->entries = (size_t)sqlite3_column_int64(st, 2);
		r->order = nrows++;
	}
	if (rc != SQLITE_DONE) {
		*cause = xasprintf("listing the places failed: %s",
		    sqlite3_errmsg(catalog_db_sqlite(db)));
		sqlite3_finalize(st);
		goto fail;
	}
	sqlite3_finalize(st);
	if (nrows > 1)
		qsort(rows, nrows, sizeof *rows, search_place_by_fold);
	/* One place per folded name: the first row (largest group) names
	 * it, the first row with a province gives that. Rows are reused:
	 * rows[nout] becomes the place. */
	for (i = 0; i < nrows; i++) {
		if (nout > 0 && strcmp(rows[nout - 1].folded,
		    rows[i].folded) == 0) {
			r = &rows[nout - 1];
			r->entries += rows[i].entries;
			if (r->province == NULL) {
				r->province = rows[i].province;
				rows[i].province = NULL;
			}
			free(rows[i].city);
			free(rows[i].province);
			free(rows[i].folded);
			continue;
		}
		rows[nout++] = rows[i];
	}
	coll = search_collator_open(lang);
	for (i = 0; i < nout; i++)
		rows[i].key = search_place_key(coll, rows[i].city,
		    &rows[i].keylen);
	if (coll != NULL)
		ucol_close(coll);
	if (nout > 1)
		qsort(rows, nout, sizeof *rows, search_place_by_key);
	out = xcalloc(nout + 1, sizeof *out);
	for (i = 0; i < nout; i++) {
		p = &out[i];
		p->city = rows[i].city;
		p->province = rows[i].province;
		p->entries = rows[i].entries;
		free(rows[i].folded);
		free(rows[i].key);
	}
	*places = out;
	*n = nout;
	free(rows);
	return 0;
fail:
	for (i = 0; i < nrows; i++) {
		free(rows[i].city);
		free(rows[i].province);
		free(rows[i].folded);
	}
	free(rows);
	return -1;
}

void
catalog_search_places_free(struct catalog_place *places, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(places[i].city);
		free(places[i].province);
	}
	free(places);
}
