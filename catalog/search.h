/*
 * search: finding entries by words and filters.
 *
 * One function serves type-ahead search, browsing a theme and the
 * narrowing questions: a query holds optional text and filters, and the
 * result is one page of hits plus the total. Query text is tokenised and
 * folded exactly like the indexed text (fold.h), every word must match and
 * the last word matches as a prefix, so each keystroke is a query. Words
 * never reach FTS5 syntax: each is quoted. Words of five or more letters
 * also match the catalogue words one typing error away (typo.h), below
 * the exact matches.
 */
#ifndef CATALOG_SEARCH_H
#define CATALOG_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "catalog/entry.h"

struct catalog_db;

/* Order of a result list. */
enum catalog_sort {
	CATALOG_SORT_RELEVANCE,	/* see search.c: title first, language, ... */
	CATALOG_SORT_NAME	/* by title, collated for the language */
};

struct catalog_query {
	const char	*text;		/* words typed, or NULL/"" for all */
	const char	*lang;		/* interface language */
	const char	*theme;		/* theme key or NULL */
	int		 kind;		/* enum catalog_kind, or -1 for any */
	const char	*province;	/* or NULL */
	int		 mode;		/* enum catalog_mode, 0 for any */
	int		 free_only;
	const char	*instruction_lang;	/* or NULL */
	int		 starts_within_days;	/* 0 for any */
	const char	*today;		/* YYYY-MM-DD, NULL: catalog_clock_today() */
	size_t		 offset;
	size_t		 limit;		/* 0 means 20 */
	/* Added for issue 3; catalog_query_init() turns them all off. */
	const char	*level;		/* "mbo2", "hbo", ... or NULL */
	int		 has_place;	/* near_lat/near_lon hold a place */
	double		 near_lat, near_lon;	/* WGS84 degrees */
	double		 max_km;	/* with a place: 0 any distance */
	enum catalog_sort sort;
	int		 no_typos;	/* 1: do not correct typing errors */
	/* Added for the kiosk's "later" answer; may go with the above. */
	int		 starts_after_days;	/* 0 for any: else a start
						 * later than today + this */
};

/* One row of a result list: enough to draw title, place, start and cost. */
struct catalog_hit {
	int64_t		 id;
	enum catalog_kind kind;
	struct catalog_text title;
	char		*city;		/* or NULL */
	char		*start;		/* next start YYYY-MM-DD, or NULL */
	enum catalog_mode mode;		/* of that offering */
	int64_t		 cost_cents;	/* of that offering, -1 unknown */
	double		 km;		/* from the query's place, -1 unknown */
	int		 corrected;	/* found through a typo correction */
};

/* At most this many matches are ranked and counted (see search.c). */
#define CATALOG_SEARCH_CAP 1000

struct catalog_results {
	struct catalog_hit *hits;
	size_t		 n;
	size_t		 total;		/* all matches, for paging */
	int		 total_capped;	/* 1: at least total ("1000+") */
};

void catalog_query_init(struct catalog_query *q);
/* Run q; 0 on success, -1 and *cause on failure. */
int catalog_search_run(struct catalog_db *db, const struct catalog_query *q,
    struct catalog_results *out, char **cause);
void catalog_results_done(struct catalog_results *r);

/*
 * For a query that found nothing: the same words with each word the
 * catalogue does not have replaced by the nearest one it has
 * (catalog_typo_nearest), as folded words separated by spaces, when
 * that finds something with the same filters ("Did you mean ...?"). A
 * new string, or NULL (no such word, or it finds nothing either; *cause
 * is set only on a failure).
 */
char *catalog_search_suggest(struct catalog_db *db,
    const struct catalog_query *q, char **cause);

/*
 * Where the place called name lies: the mean position of the catalogue's
 * entries in that city (case, accents and spacing ignored, as search
 * folds words). 0 with *lat, *lon; -1 when no entry there has a
 * position (*cause is then set, for the caller to free).
 */
int catalog_search_place(struct catalog_db *db, const char *name,
    double *lat, double *lon, char **cause);

/* One place of the catalogue (catalog_search_places). */
struct catalog_place {
	char		*city;		/* as stored: the spelling of its
					   largest group of entries */
	char		*province;	/* of its largest group that names one,
					   or NULL */
	size_t		 entries;	/* entries in this place */
};

/*
 * Every place (city) of the catalogue's entries, each once, exactly: not
 * through search, so without its caps. Spellings that fold alike
 * ("Den Haag", "den  haag") are one place, as catalog_search_place()
 * sees them. Sorted by the ICU collator of lang (the root collation when
 * ICU has none for it), as sorting by name is. 0 with *places (free with
 * catalog_search_places_free) and *n; -1 and *cause.
 */
int catalog_search_places(struct catalog_db *db, const char *lang,
    struct catalog_place **places, size_t *n, char **cause);
void catalog_search_places_free(struct catalog_place *places, size_t n);

#endif
