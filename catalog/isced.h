/*
 * isced: ISCED-F 2013 fields of study to kiosk themes.
 *
 * Feeds classify courses by ISCED-F codes ("0913" nursing, "073"
 * architecture and construction, "06" ICT); the kiosk browses by its own
 * ten themes. The table is data (isced-themes.csv, installed in
 * pkgdatadir): rows of code prefix and theme key, the longest matching
 * prefix wins, and the row "*" gives the theme for a course without a
 * usable code, so every imported course can be found by browsing.
 */
#ifndef CATALOG_ISCED_H
#define CATALOG_ISCED_H

struct catalog_isced;

/* Load the table from path, or from the data directory when NULL. */
struct catalog_isced *catalog_isced_load(const char *path, char **cause);
void catalog_isced_free(struct catalog_isced *t);
/* The theme of an ISCED-F code (2 to 4 digits); NULL if code is not one. */
const char *catalog_isced_theme(const struct catalog_isced *t,
    const char *code);
/* The theme for courses without a usable field of study. */
const char *catalog_isced_default(const struct catalog_isced *t);

#endif
