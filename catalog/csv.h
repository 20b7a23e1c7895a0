/*
 * csv: an RFC 4180 reader that knows where every field starts.
 *
 * CSV is simple enough that the libraries available add nothing but a
 * dependency, and none reports line and column, which coordinators need
 * to find a mistake in a spreadsheet. Fields may be quoted with '"'
 * (doubled inside), quoted fields may hold commas and line breaks, CRLF
 * and LF both end a record, a UTF-8 BOM is skipped. Invalid UTF-8, NUL
 * bytes, stray quotes and unterminated quotes are errors with a position.
 */
#ifndef CATALOG_CSV_H
#define CATALOG_CSV_H

#include <stddef.h>

#define CATALOG_CSV_MAX_FILE (64u * 1024 * 1024)

struct catalog_csv;

struct catalog_csv_field {
	char	*value;
	size_t	 line;		/* 1-based */
	size_t	 column;	/* 1-based, in characters */
};

/* Read a whole file (at most CATALOG_CSV_MAX_FILE); NULL and *cause. */
struct catalog_csv *catalog_csv_open(const char *path, char **cause);
/* Read from memory; name is used in messages. buf is copied. */
struct catalog_csv *catalog_csv_new(const char *name, const char *buf,
    size_t n);
void catalog_csv_free(struct catalog_csv *c);
const char *catalog_csv_name(struct catalog_csv *c);

/*
 * The next record: 1 and the fields (valid until the next call), 0 at the
 * end, -1 and *cause ("NAME:LINE:COLUMN: reason") on an error.
 */
int catalog_csv_next(struct catalog_csv *c,
    const struct catalog_csv_field **fields, size_t *n, char **cause);

#endif
