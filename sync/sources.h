/*
 * sources: the publisher's list of providers to harvest (--harvest FILE).
 *
 * One source a line: NAME FORMAT URL [token-file=PATH | auth-file=PATH],
 * separated by spaces or tabs; blank lines and lines starting with '#'
 * are ignored. NAME (letters, digits, '.', '_', '-'; at most 64 bytes)
 * is the import source the entries are stored under, so it must be unique
 * and stay the same between runs. FORMAT is one of the formats below. URL
 * is an http:// or https:// URL without spaces or control characters.
 * The secret files are only named here; they are read (and checked as the
 * configuration file's are) when the source is harvested. Every error
 * names FILE:LINE and what is wrong; one bad line refuses the whole file.
 */
#ifndef SYNC_SOURCES_H
#define SYNC_SOURCES_H

#include <stddef.h>

#define SYNC_SOURCES_MAX 1000		/* sources in one file */
#define SYNC_SOURCES_NAME_MAX 64	/* bytes in a NAME */

enum sync_sources_format {
	SYNC_SOURCES_OOAPI,
	SYNC_SOURCES_XCRI,
	SYNC_SOURCES_EDUDEX,
	SYNC_SOURCES_CSV
};

struct sync_source {
	char		*name;
	enum sync_sources_format format;
	char		*url;
	char		*token_file;	/* bearer token, or NULL */
	char		*auth_file;	/* "user:password", or NULL */
	int		 line;
};

struct sync_sources {
	struct sync_source *v;
	size_t		 n;
};

/* Read path; 0, or -1 and *cause ("FILE:LINE: reason"). */
int sync_sources_read(const char *path, struct sync_sources *out,
    char **cause);
/* Parse text (messages name name); the same rules. */
int sync_sources_parse(const char *name, const char *text, size_t len,
    struct sync_sources *out, char **cause);
void sync_sources_free(struct sync_sources *s);
/* "ooapi", "xcri", "edudex" or "csv". */
const char *sync_sources_format_name(enum sync_sources_format f);

#endif
