/*
 * fts: the "leerpunt" FTS5 tokenizer.
 *
 * FTS5's own tokenizers neither fold Arabic vowel marks nor split Thai or
 * Ethiopic text properly; this one delegates to fold.c (ICU word
 * boundaries and folding) so that the index and the queries agree.
 */
#ifndef CATALOG_FTS_H
#define CATALOG_FTS_H

#include <sqlite3.h>

struct catalog_fts;

/*
 * Register the tokenizer, leerpunt_km() and leerpunt_fts_live() on a
 * connection; -1 and *cause on failure. The context lives as long as the
 * connection; *fts (when fts is not NULL) is for catalog_fts_defer.
 */
int catalog_fts_register(sqlite3 *sq, struct catalog_fts **fts,
    char **cause);

/*
 * While on, the entry_text triggers of this connection leave the
 * full-text tables alone: the caller indexes the rows itself, in bulk.
 */
void catalog_fts_defer(struct catalog_fts *fts, int on);

#endif
