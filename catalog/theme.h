/*
 * theme: the kiosk's themes (care, energy, welding and metal, ...).
 *
 * Themes are catalogue data: a key, a position on the home screen and a
 * label and hint per language, read through the fallback chain.
 */
#ifndef CATALOG_THEME_H
#define CATALOG_THEME_H

#include <stddef.h>
#include <stdint.h>

#include "catalog/entry.h"

struct catalog_db;

struct catalog_theme {
	char		*key;
	struct catalog_text label;
	struct catalog_text hint;
	int64_t		 count;		/* entries with this theme */
};

/* All themes in home-screen order; *n is set. Never NULL. */
struct catalog_theme *catalog_theme_list(struct catalog_db *db,
    const char *lang, size_t *n);
void catalog_theme_list_free(struct catalog_theme *themes, size_t n);

/*
 * The standard themes: catalog/data/themes.csv as it was at build time
 * (theme-std.c is generated from it by the Makefile), with every
 * label_LL and hint_LL column it has.
 */
extern const unsigned char catalog_theme_std_csv[];
extern const size_t catalog_theme_std_csv_len;

/*
 * Put the standard themes into db in one import that leaves the
 * catalogue version as it is (a new catalogue stays version 0). Themes
 * of the same key are updated; other themes are kept. -1 and *cause.
 */
int catalog_theme_standard(struct catalog_db *db, char **cause);

#endif
