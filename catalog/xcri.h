/*
 * xcri: importing XCRI-CAP 1.2 XML (course advertising, EN 15982).
 *
 * catalog > provider > course > presentation: each course becomes a
 * course entry keyed "xcri:<provider id>/<course id>" (ids as
 * catalog_feed_key_part() makes them), each presentation an offering.
 * Texts keep their xml:lang (English when a feed gives none, as XCRI-CAP
 * feeds are British by origin); XHTML descriptions become plain text.
 * The mapping is described in docs/xcri-import.md.
 *
 * The file is parsed with libxml2 without network access, without
 * loading any DTD or external entity, and with libxml2's default limits
 * (no XML_PARSE_HUGE): an entity bomb fails with "entity expansion
 * limit". Errors name FILE:LINE and the element path, e.g.
 * /catalog/provider[1]/course[4]/presentation[2]/mlo:start[1]. The caller
 * aborts the import on an error, so the catalogue stays as it was.
 */
#ifndef CATALOG_XCRI_H
#define CATALOG_XCRI_H

#include <stddef.h>

struct catalog_import;

/* Import one file into imp; 0, or -1 and *cause. Does not commit. */
int catalog_xcri_import(struct catalog_import *imp, const char *file,
    char **cause);
/* The same for len bytes in memory; name is used in messages. */
int catalog_xcri_import_memory(struct catalog_import *imp, const char *name,
    const char *data, size_t len, char **cause);

/* 1 when the first n bytes of a file look like an XCRI-CAP catalog. */
int catalog_xcri_sniff(const char *head, size_t n);

#endif
