/*
 * fts: the "leerpunt" FTS5 tokenizer (see fts.h).
 *
 * Each tokenizer instance owns a folder (fold.c) and hands FTS5 every
 * folded word with its byte range in the original text. Queries are
 * folded by the same code in search.c before they reach FTS5, so the
 * tokenizer sees only already-folded words there and folds them again
 * harmlessly (folding is idempotent).
 */
#include "config.h"

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
catalog_fts_tokenize(Fts5Tokenizer *tok, void *ctx, int flags,
    const char *text, int n,
    int (*token)(void *, int, const char *, int, int, int))
{
	struct catalog_fts_tok *t = (struct catalog_fts_tok *)tok;
	struct catalog_fts_call c = { ctx, token };

	(void)flags;
	if (text == NULL || n <= 0)
		return SQLITE_OK;
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
	return 0;
}
