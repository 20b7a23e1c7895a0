/*
 * fts: the "leerpunt" FTS5 tokenizer (see fts.h).
 *
 * Each tokenizer instance owns a folder (fold.c) and hands FTS5 every
 * folded word with its byte range in the original text. Queries are
 * folded word by word by the same code in search.c before they reach
 * FTS5, one word per quoted string, so in a query each string is taken
 * as the one token it is: splitting it again could make two tokens of
 * one (NFKC folding can put a space into a word: U+037A becomes " ι"),
 * and a phrase of two tokens is an error without positions.
 *
 * When indexing (not when parsing a query) every word in a non-Latin
 * script is followed by its Latin transliterations as colocated tokens
 * (FTS5_TOKEN_COLOCATED: synonyms at the same position), so "kursy"
 * finds "Курси" while the stored text stays as written.
 *
 * The same registration adds leerpunt_km(lat1, lon1, lat2, lon2), the
 * great-circle distance in kilometres that "near a place" needs.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "catalog/fold.h"
#include "catalog/fts.h"
#include "catalog/xmalloc.h"

struct catalog_fts_tok {
	struct catalog_fold *fold;
};

struct catalog_fts_call {
	void	*ctx;
	int	 (*token)(void *, int, const char *, int, int, int);
};

static int
catalog_fts_create(void *ctx, const char **argv, int argc,
    Fts5Tokenizer **out)
{
	struct catalog_fts_tok *t;

	(void)ctx;
	(void)argv;
	(void)argc;
	t = xcalloc(1, sizeof *t);
	t->fold = catalog_fold_new();
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
catalog_fts_delete(Fts5Tokenizer *tok)
{
	struct catalog_fts_tok *t = (struct catalog_fts_tok *)tok;

	catalog_fold_free(t->fold);
	free(t);
}

static int
catalog_fts_word(void *arg, const char *word, size_t len, size_t start,
    size_t end)
{
	struct catalog_fts_call *c = arg;

	return c->token(c->ctx, 0, word, (int)len, (int)start, (int)end);
}

static int
catalog_fts_word_alt(void *arg, const char *word, size_t len, size_t start,
    size_t end, int colocated)
{
	struct catalog_fts_call *c = arg;

	return c->token(c->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, word,
	    (int)len, (int)start, (int)end);
}

static int
catalog_fts_tokenize(Fts5Tokenizer *tok, void *ctx, int flags,
    const char *text, int n,
    int (*token)(void *, int, const char *, int, int, int))
{
	struct catalog_fts_tok *t = (struct catalog_fts_tok *)tok;
	struct catalog_fts_call c = { ctx, token };

	if (text == NULL || n <= 0)
		return SQLITE_OK;
	if (flags & FTS5_TOKENIZE_QUERY)
		return token(ctx, 0, text, n, 0, n);
	if (flags & FTS5_TOKENIZE_DOCUMENT)
		return catalog_fold_words_latin(t->fold, text, (size_t)n,
		    catalog_fts_word_alt, &c);
	return catalog_fold_words(t->fold, text, (size_t)n, catalog_fts_word,
	    &c);
}

static fts5_api *
catalog_fts_api(sqlite3 *sq)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(sq, "SELECT fts5(?1)", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return api;
}

/* leerpunt_km(lat1, lon1, lat2, lon2): haversine distance, NULL if any is. */
static void
catalog_fts_km(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	double v[4], dlat, dlon, a;
	int i;

	if (argc != 4) {	/* registered with four arguments */
		sqlite3_result_null(ctx);
		return;
	}
	for (i = 0; i < 4; i++) {
		if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
			sqlite3_result_null(ctx);
			return;
		}
		v[i] = sqlite3_value_double(argv[i]) * M_PI / 180.0;
	}
	dlat = v[2] - v[0];
	dlon = v[3] - v[1];
	a = sin(dlat / 2) * sin(dlat / 2) +
	    cos(v[0]) * cos(v[2]) * sin(dlon / 2) * sin(dlon / 2);
	sqlite3_result_double(ctx, 6371.0 * 2 * atan2(sqrt(a), sqrt(1 - a)));
}

int
catalog_fts_register(sqlite3 *sq, char **cause)
{
	static fts5_tokenizer methods = {
		catalog_fts_create, catalog_fts_delete, catalog_fts_tokenize
	};
	fts5_api *api = catalog_fts_api(sq);

	if (api == NULL || api->iVersion < 2) {
		*cause = xstrdup("this SQLite has no FTS5: install Debian's "
		    "libsqlite3-0");
		return -1;
	}
	if (api->xCreateTokenizer(api, "leerpunt", NULL, &methods, NULL) !=
	    SQLITE_OK) {
		*cause = xasprintf("cannot register the search tokenizer: %s",
		    sqlite3_errmsg(sq));
		return -1;
	}
	if (sqlite3_create_function(sq, "leerpunt_km", 4, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, catalog_fts_km,
	    NULL, NULL) != SQLITE_OK) {
		*cause = xasprintf("cannot register leerpunt_km: %s",
		    sqlite3_errmsg(sq));
		return -1;
	}
	return 0;
}
