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

/*
 * Register the tokenizer and leerpunt_km() on a connection; -1 and *cause
 * on failure.
 */
int catalog_fts_register(sqlite3 *sq, char **cause);

#endif
