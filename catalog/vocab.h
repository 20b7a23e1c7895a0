/*
 * vocab: the closed vocabularies of the catalogue, as codes (never UI
 * text: a program that shows them translates the codes itself).
 *
 * The kiosk's narrowing questions offer their answers from here, and the
 * importers check values against the same lists, so a province, level or
 * mode is spelled one way everywhere:
 * - provinces: the twelve Dutch provinces, as stored ("Zuid-Holland");
 * - levels: "none", "mbo", "mbo1".."mbo4", "hbo", "wo", "nlqf1".."nlqf8";
 * - modes: enum catalog_mode (onsite, online, blended);
 * - instruction languages: the primary language tags the catalogue's
 *   offerings are taught in, read from the database, most used first.
 */
#ifndef CATALOG_VOCAB_H
#define CATALOG_VOCAB_H

#include <stddef.h>

struct catalog_db;

/* The twelve provinces, sorted, as stored; *n is set. */
const char *const *catalog_vocab_provinces(size_t *n);
/* The province as stored for a name in any case, or NULL when unknown. */
const char *catalog_vocab_province_find(const char *name);
/* The level codes, lowest first; *n is set. */
const char *const *catalog_vocab_levels(size_t *n);
/* The level code equal to level, or NULL when it is none of them. */
const char *catalog_vocab_level_find(const char *level);
/* The teaching modes (enum catalog_mode values, UNKNOWN not among
 * them); *n is set. */
const int *catalog_vocab_modes(size_t *n);
/*
 * The instruction languages of the catalogue's offerings, each once,
 * the most used first (then by tag). 0 with *tags (free with
 * catalog_vocab_free) and *n; -1 and *cause (for the caller to free).
 */
int catalog_vocab_instruction_langs(struct catalog_db *db, char ***tags,
    size_t *n, char **cause);
/* Free a list from catalog_vocab_instruction_langs(). */
void catalog_vocab_free(char **tags, size_t n);

#endif
