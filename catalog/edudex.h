/*
 * edudex: importing EDU-DEX program data (docs/edudex-import.md).
 *
 * Both forms of the one EDU-DEX program model: the XML feed (a
 * directory.xml whose programResource/resourceUrl entries name program
 * files, relative to the directory file, with subDirectory followed; or a
 * single program file) and Data API v1 JSON (one program object or an
 * array of them). Each program becomes one entry, each programRun that is
 * still open an offering.
 */
#ifndef CATALOG_EDUDEX_H
#define CATALOG_EDUDEX_H

#include <stddef.h>

struct catalog_import;

/*
 * Import one file (directory, program XML or Data API JSON) into imp;
 * -1 and *cause ("FILE: PATH: reason") on the first error.
 */
int catalog_edudex_import(struct catalog_import *imp, const char *file,
    char **cause);
/*
 * The same from memory (fuzzing, a harvester). A directory read from
 * memory names files relative to base_dir; NULL: it may name none.
 */
int catalog_edudex_import_memory(struct catalog_import *imp,
    const char *name, const char *data, size_t len, const char *base_dir,
    char **cause);
/* 1 when the first bytes look like EDU-DEX XML or Data API JSON. */
int catalog_edudex_sniff(const char *head, size_t n);

#endif
