/*
 * csvimport: the Leerpunt CSV format (docs/csv-format.md) into an import.
 *
 * A file is a themes file when its header has a "theme" column and an
 * entries file when it has "id" and "kind". Every error is reported as
 * FILE:LINE:COLUMN: reason; the caller then aborts the import, so the
 * catalogue stays as it was.
 */
#ifndef CATALOG_CSVIMPORT_H
#define CATALOG_CSVIMPORT_H

#include <stddef.h>

struct catalog_import;
struct catalog_csv;

/* Import one CSV file into imp; -1 and *cause on the first error. */
int catalog_csvimport_file(struct catalog_import *imp, const char *path,
    char **cause);
/* The same from an opened reader (memory input, fuzzing). */
int catalog_csvimport_read(struct catalog_import *imp,
    struct catalog_csv *csv, char **cause);
/* 1 when the first bytes look like a Leerpunt CSV header. */
int catalog_csvimport_sniff(const char *head, size_t n);

#endif
