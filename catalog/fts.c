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
 * All tokenizer instances of one connection (one per full-text table)
 * share one context: one folder, so its transliteration cache serves all
 * three indexes, and a memo of the last few texts with their tokens, since
 * an import hands a title to the tokenizer three times in a row
 * (entry_fts, head_fts, title_fts) and a summary twice. A memo hit
 * replays the tokens without running ICU again. A connection is used by
 * one thread at a time and FTS5 never runs two tokenizers at once, so
 * the sharing needs no lock.
 *
 * The same registration adds leerpunt_km(lat1, lon1, lat2, lon2), the
 * great-circle distance in kilometres that "near a place" needs, and
 * leerpunt_fts_live(), which the entry_text triggers ask before they
 * index a row: 0 while an import on this connection defers the indexing
 * to one pass at its end (catalog_fts_defer, import.c).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/fold.h"
#include "catalog/fts.h"
#include "catalog/xmalloc.h"

#define FTS_MEMO 4		/* texts remembered with their tokens */
#define FTS_MEMO_MAX 65536	/* longer texts are not remembered */

struct fts_memo_token {
	int	 flags;
	int	 start, end;	/* byte range in the text */
	size_t	 off, len;	/* the token, in the memo's bytes */
};

struct fts_memo {
	int	 valid;
	char	*text;
	size_t	 len, cap;
	struct fts_memo_token *tok;
	size_t	 ntok, tokcap;
	char	*bytes;
	size_t	 nbytes, bytecap;
};

struct catalog_fts {
	struct catalog_fold *fold;
	int		 deferred;
	struct fts_memo	 memo[FTS_MEMO];
	size_t		 next;		/* the memo slot to fill next */
};

struct catalog_fts_tok {
	struct catalog_fts *fts;
};

struct catalog_fts_call {
	void		*ctx;
	int		 (*token)(void *, int, const char *, int, int, int);
	struct fts_memo	*rec;		/* recording into, or NULL */
};

static void
catalog_fts_free(void *arg)
{
	struct catalog_fts *fts = arg;
	size_t i;

	if (fts == NULL)
		return;
	for (i = 0; i < FTS_MEMO; i++) {
		free(fts->memo[i].text);
		free(fts->memo[i].tok);
		free(fts->memo[i].bytes);
	}
	catalog_fold_free(fts->fold);
	free(fts);
}

void
catalog_fts_defer(struct catalog_fts *fts, int on)
{
	fts->deferred = on;
}

static int
catalog_fts_create(void *ctx, const char **argv, int argc,
    Fts5Tokenizer **out)
{
	struct catalog_fts_tok *t;

	(void)argv;
	(void)argc;
	t = xcalloc(1, sizeof *t);
	t->fts = ctx;
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
catalog_fts_delete(Fts5Tokenizer *tok)
{
	free(tok);
}

/* Remember one token of the text being recorded. */
static void
catalog_fts_memo_add(struct fts_memo *m, int flags, const char *word,
    size_t len, size_t start, size_t end)
{
	struct fts_memo_token *t;

	if (m->ntok == m->tokcap) {
		m->tokcap = m->tokcap == 0 ? 64 : m->tokcap * 2;
		m->tok = xreallocarray(m->tok, m->tokcap, sizeof *m->tok);
	}
	if (m->nbytes + len > m->bytecap) {
		m->bytecap = (m->nbytes + len) * 2;
		m->bytes = xreallocarray(m->bytes, m->bytecap, 1);
	}
	t = &m->tok[m->ntok++];
	t->flags = flags;
	t->start = (int)start;
	t->end = (int)end;
	t->off = m->nbytes;
	t->len = len;
	memcpy(m->bytes + m->nbytes, word, len);
	m->nbytes += len;
}

static int
catalog_fts_word_alt(void *arg, const char *word, size_t len, size_t start,
    size_t end, int colocated)
{
	struct catalog_fts_call *c = arg;
	int flags = colocated ? FTS5_TOKEN_COLOCATED : 0;

	if (c->rec != NULL)
		catalog_fts_memo_add(c->rec, flags, word, len, start, end);
	return c->token(c->ctx, flags, word, (int)len, (int)start, (int)end);
}

static int
catalog_fts_word(void *arg, const char *word, size_t len, size_t start,
    size_t end)
{
	return catalog_fts_word_alt(arg, word, len, start, end, 0);
}

/* A document's tokens: replayed from the memo, or folded and recorded. */
static int
catalog_fts_document(struct catalog_fts *fts, struct catalog_fts_call *c,
    const char *text, size_t n)
{
	struct fts_memo *m;
	size_t i, j;
	int rc;

	for (i = 0; i < FTS_MEMO; i++) {
		m = &fts->memo[i];
		if (!m->valid || m->len != n || memcmp(m->text, text, n) != 0)
			continue;
		for (j = 0; j < m->ntok; j++) {
			const struct fts_memo_token *t = &m->tok[j];

			rc = c->token(c->ctx, t->flags, m->bytes + t->off,
			    (int)t->len, t->start, t->end);
			if (rc != SQLITE_OK)
				return rc;
		}
		return SQLITE_OK;
	}
	if (n > FTS_MEMO_MAX)
		return catalog_fold_words_latin(fts->fold, text, n,
		    catalog_fts_word_alt, c);
	m = &fts->memo[fts->next];
	fts->next = (fts->next + 1) % FTS_MEMO;
	m->valid = 0;
	if (n > m->cap) {
		m->cap = n;
		m->text = xreallocarray(m->text, n, 1);
	}
	memcpy(m->text, text, n);
	m->len = n;
	m->ntok = m->nbytes = 0;
	c->rec = m;
	rc = catalog_fold_words_latin(fts->fold, text, n,
	    catalog_fts_word_alt, c);
	c->rec = NULL;
	/* Only a complete token list may be replayed. */
	m->valid = rc == SQLITE_OK;
	return rc;
}

static int
catalog_fts_tokenize(Fts5Tokenizer *tok, void *ctx, int flags,
    const char *text, int n,
    int (*token)(void *, int, const char *, int, int, int))
{
	struct catalog_fts *fts = ((struct catalog_fts_tok *)tok)->fts;
	struct catalog_fts_call c = { ctx, token, NULL };

	if (text == NULL || n <= 0)
		return SQLITE_OK;
	if (flags & FTS5_TOKENIZE_QUERY)
		return token(ctx, 0, text, n, 0, n);
	if (flags & FTS5_TOKENIZE_DOCUMENT)
		return catalog_fts_document(fts, &c, text, (size_t)n);
	return catalog_fold_words(fts->fold, text, (size_t)n, catalog_fts_word,
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

/* leerpunt_fts_live(): 0 while this connection defers indexing. */
static void
catalog_fts_live(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct catalog_fts *fts = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	sqlite3_result_int(ctx, !fts->deferred);
}

int
catalog_fts_register(sqlite3 *sq, struct catalog_fts **out, char **cause)
{
	static fts5_tokenizer methods = {
		catalog_fts_create, catalog_fts_delete, catalog_fts_tokenize
	};
	fts5_api *api = catalog_fts_api(sq);
	struct catalog_fts *fts;

	if (out != NULL)
		*out = NULL;
	if (api == NULL || api->iVersion < 2) {
		*cause = xstrdup("this SQLite has no FTS5: install Debian's "
		    "libsqlite3-0");
		return -1;
	}
	fts = xcalloc(1, sizeof *fts);
	fts->fold = catalog_fold_new();
	/* From here on SQLite owns fts and frees it with the connection. */
	if (api->xCreateTokenizer(api, "leerpunt", fts, &methods,
	    catalog_fts_free) != SQLITE_OK) {
		*cause = xasprintf("cannot register the search tokenizer: %s",
		    sqlite3_errmsg(sq));
		return -1;
	}
	if (sqlite3_create_function(sq, "leerpunt_km", 4, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, catalog_fts_km,
	    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(sq, "leerpunt_fts_live", 0, SQLITE_UTF8 |
	    SQLITE_INNOCUOUS, fts, catalog_fts_live, NULL, NULL) !=
	    SQLITE_OK) {
		*cause = xasprintf("cannot register the search functions: %s",
		    sqlite3_errmsg(sq));
		return -1;
	}
	if (out != NULL)
		*out = fts;
	return 0;
}
