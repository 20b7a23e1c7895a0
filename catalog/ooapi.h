/*
 * ooapi: importing OOAPI v5 (Open Education API) JSON.
 *
 * A feed is one or more files, each a single object, an array of objects
 * or one page of a collection ({"pageNumber", "hasNextPage", "items"}).
 * Organizations give providers, programs and courses become course
 * entries ("ooapi:<programId|courseId>"), offerings become their
 * offerings (keyed by offeringId). Files are indexed first and mapped
 * after, one at a time, so an offering may point to a course in another
 * file and memory stays that of one file (see ooapi.c).
 * The mapping, defaults and limits are described in docs/ooapi-import.md.
 *
 * Objects that are not course data (a person, a room, an association) are
 * skipped with a reason in the import summary. Anything broken (bad JSON,
 * a wrong type, a value the catalogue refuses, a limit) fails the whole
 * import with "FILE: /json/pointer: reason"; the caller then aborts the
 * import session, which leaves the catalogue as it was.
 */
#ifndef CATALOG_OOAPI_H
#define CATALOG_OOAPI_H

#include <stddef.h>

struct catalog_import;

/* One input held in memory (for tests and fuzzing). */
struct catalog_ooapi_input {
	const char	*name;		/* file name used in messages */
	const char	*data;
	size_t		 len;
};

/* Import files into imp; 0, or -1 and *cause. Does not commit. */
int catalog_ooapi_import(struct catalog_import *imp,
    const char *const *files, size_t nfiles, char **cause);
/* The same for inputs in memory. */
int catalog_ooapi_import_buffers(struct catalog_import *imp,
    const struct catalog_ooapi_input *in, size_t n, char **cause);

/* 1 when the first n bytes of a file look like OOAPI JSON. */
int catalog_ooapi_sniff(const char *head, size_t n);

#endif
