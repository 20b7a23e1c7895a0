/*
 * fold: text normalisation for search, with ICU.
 *
 * Indexed text and typed queries go through the same steps, so that case,
 * accents and compatibility forms never stop a match: canonical
 * decomposition, removal of non-spacing marks (diacritics, Arabic vowel
 * marks), then NFKC case folding. Words are split at ICU word boundaries,
 * which handle Latin, Arabic, Cyrillic, Ethiopic and CJK alike.
 */
#ifndef CATALOG_FOLD_H
#define CATALOG_FOLD_H

#include <stddef.h>

struct catalog_fold;

/* One folder per thread or connection; it caches ICU objects. */
struct catalog_fold *catalog_fold_new(void);
/* 1 when utf8[0..len) has a character of a script other than Latin
 * (digits, signs and marks count as none). */
int catalog_fold_non_latin(const char *utf8, size_t len);
void catalog_fold_free(struct catalog_fold *f);

/* Called for each word: folded UTF-8, and its byte range in the input. */
typedef int (*catalog_fold_cb)(void *arg, const char *word, size_t len,
    size_t start, size_t end);

/*
 * Split utf8 (n bytes, need not be NUL-terminated) into words and fold
 * each; invalid UTF-8 is replaced. Stops and returns the callback's value
 * when it is non-zero; 0 when done.
 */
int catalog_fold_words(struct catalog_fold *f, const char *utf8, size_t n,
    catalog_fold_cb cb, void *arg);

/*
 * Like catalog_fold_words, but after each word in a non-Latin script
 * (Cyrillic, Arabic, Ethiopic, ...) also reports its Latin
 * transliterations, folded, with colocated = 1; each differs from the word
 * and from the other. Cyrillic gets the Ukrainian national system (KMU
 * 2010: "Курси зварювання" -> "kursy zvariuvannia") and ICU's generic
 * Any-Latin; other scripts get Any-Latin. The indexer stores these at the
 * word's position, so a query typed in Latin letters finds the word.
 */
typedef int (*catalog_fold_alt_cb)(void *arg, const char *word, size_t len,
    size_t start, size_t end, int colocated);
int catalog_fold_words_latin(struct catalog_fold *f, const char *utf8,
    size_t n, catalog_fold_alt_cb cb, void *arg);

/*
 * 1: split all text with ICU's word break iterator, as before the ASCII
 * fast path (for tests that check both give the same words).
 */
void catalog_fold_set_icu_only(struct catalog_fold *f, int on);

/* Number of letters (code points) in the UTF-8 string s. */
size_t catalog_fold_letters(const char *s);

/* The whole text folded, as a new string (for tests and sorting keys). */
char *catalog_fold_string(struct catalog_fold *f, const char *utf8);
/* Every word and transliteration as the indexer sees them, for tests. */
char *catalog_fold_string_latin(struct catalog_fold *f, const char *utf8);

#endif
