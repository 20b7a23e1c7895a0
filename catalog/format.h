/*
 * format: the import formats, in one table (name, content sniffing,
 * import function, documentation).
 *
 * leerpunt-catalog import and a harvester (sync/) both go through this
 * table, so adding a format is one importer file and one row in format.c.
 * The rows are in the order formats are told apart: a file is of the first
 * format whose sniff says yes (EDU-DEX before OOAPI: its JSON has a
 * "programId" too).
 */
#ifndef CATALOG_FORMAT_H
#define CATALOG_FORMAT_H

#include <stddef.h>

struct catalog_import;

struct catalog_format {
	const char	*name;		/* "csv", "edudex", "ooapi", "xcri" */
	const char	*doc;		/* one short line: what it reads */
	/* 1 when the first bytes of a file (up to 4096) look like this. */
	int		 (*sniff)(const char *head, size_t n);
	/*
	 * Import files, all of this format, into imp (they may refer to
	 * each other, as OOAPI pages do); -1 and *cause on the first error.
	 */
	int		 (*import)(struct catalog_import *imp,
			    const char *const *files, size_t n, char **cause);
};

/* All formats in sniffing order; *n is set. */
const struct catalog_format *catalog_format_list(size_t *n);
/* The format called name, or NULL. */
const struct catalog_format *catalog_format_named(const char *name);
/* The format of the file at path, from its first bytes; NULL and *cause. */
const struct catalog_format *catalog_format_detect(const char *path,
    char **cause);
/* "csv, edudex, ooapi, xcri": the names, for messages (static). */
const char *catalog_format_names(void);

#endif
