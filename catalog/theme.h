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

#endif
