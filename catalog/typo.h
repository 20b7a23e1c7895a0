/*
 * typo: forgiving word matching for search (SymSpell-style).
 *
 * A typed word of five or more letters with one substitution, one missing
 * letter, one extra letter or one swapped adjacent pair still finds the
 * word meant: "lasen" -> "lassen", "weldng" -> "welding". The vocabulary
 * is every word in the full-text index (including the Latin
 * transliterations it holds), and for those of four or more letters their
 * deletion neighbourhood: two words at distance one always share a word
 * with one letter deleted (or one of them is such a deletion of the
 * other). Candidates come from that table and are verified with the
 * optimal string alignment distance.
 *
 * The vocabulary is derived from the full-text index (fts5vocab): every
 * change to entry_text raises a generation number, and a stale vocabulary
 * is rebuilt on next use, in the catalogue when the connection may write,
 * else (a kiosk) in a TEMP table if the catalogue is small. A large
 * catalogue read-only keeps correcting against the stale vocabulary and
 * completes words with plain prefix queries until a writer refreshes it:
 * writers (import, sync) must call catalog_typo_refresh() after
 * committing (2 s at 100 000 entries), so kiosks never pay for it.
 */
#ifndef CATALOG_TYPO_H
#define CATALOG_TYPO_H

#include <stddef.h>

struct catalog_db;

#define CATALOG_TYPO_MIN_WORD 5	/* shorter typed words are not corrected */

/* Rebuild the vocabulary in the catalogue if stale; -1 and *cause. */
int catalog_typo_refresh(struct catalog_db *db, char **cause);

/*
 * Words of the catalogue at distance one from word (folded UTF-8), most
 * frequent first, at most max, as new strings in out[]. Returns how many;
 * 0 for words shorter than CATALOG_TYPO_MIN_WORD letters.
 */
size_t catalog_typo_corrections(struct catalog_db *db, const char *word,
    char **out, size_t max);

/*
 * The catalogue words that start with prefix (folded UTF-8), when there
 * are at most max: as new strings in out[], and their number. -1 when
 * there are more, or no current vocabulary. Search uses this to look up
 * the word being typed as a few exact words instead of an FTS5 prefix
 * query, which reads every matching row before returning the first.
 */
int catalog_typo_completions(struct catalog_db *db, const char *prefix,
    char **out, size_t max);

/*
 * The word being typed with one typing error: catalogue words that start
 * with a word at distance one from prefix (folded UTF-8), most frequent
 * first, at most max, as new strings in out[]; none of them starts with
 * prefix itself (those are its completions). "elektrisi" finds
 * "elektricien". Only for prefixes of CATALOG_TYPO_MIN_WORD letters or
 * more, whose first CATALOG_TYPO_ANCHOR letters are right: the terms
 * starting with those are read in byte order, at most
 * CATALOG_TYPO_PREFIX_BUDGET of them (about 1 ms of CPU per 1,000 on
 * the build machine), so a keystroke stays cheap; in a range larger than
 * that, words late in byte order are not offered.
 */
#define CATALOG_TYPO_ANCHOR 3
#define CATALOG_TYPO_PREFIX_BUDGET 5000
size_t catalog_typo_prefix_fixes(struct catalog_db *db, const char *prefix,
    char **out, size_t max);

/*
 * The catalogue word nearest to word (folded UTF-8; with prefix, the word
 * is still being typed and may be the start of the one meant): the
 * smallest optimal string alignment distance up to 1, 2 or 3 (words of
 * up to 4, 8 or more letters), then the most frequent, among the words
 * with the same first two letters (at most CATALOG_TYPO_NEAREST_BUDGET
 * read: it runs at a keystroke that found nothing, so it must stay as
 * cheap as one). A new string, or NULL. For "nothing found": "Did you
 * mean ...?".
 */
#define CATALOG_TYPO_NEAREST_ANCHOR 2
#define CATALOG_TYPO_NEAREST_BUDGET 5000
char *catalog_typo_nearest(struct catalog_db *db, const char *word,
    int prefix);

/* 1 when the catalogue has word (with prefix: a word starting with it),
 * 0 when not, -1 when there is no current vocabulary to tell. */
int catalog_typo_known(struct catalog_db *db, const char *word, int prefix);

/* 1 when a and b (UTF-8) are at optimal string alignment distance 1. */
int catalog_typo_distance1(const char *a, const char *b);

#endif
