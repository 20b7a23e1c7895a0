/*
 * feed: reading import files within limits, shared by the importers.
 *
 * A feed file is read whole into memory (parsers want one buffer, and an
 * import is all-or-nothing anyway), but never more than CATALOG_FEED_MAX
 * bytes: a larger file fails before it is read. The limits every
 * importer enforces live here so that they are the same everywhere.
 */
#ifndef CATALOG_FEED_H
#define CATALOG_FEED_H

#include <stddef.h>

#define CATALOG_FEED_MAX (64 * 1024 * 1024)	/* bytes per file */
#define CATALOG_FEED_MAX_DEPTH 64		/* JSON nesting */
#define CATALOG_FEED_MAX_TEXT (64 * 1024)	/* bytes per text value */

/*
 * Read path (at most max bytes) into a new NUL-terminated buffer; *len is
 * set. NULL and *cause ("FILE: reason") on failure.
 */
char *catalog_feed_read(const char *path, size_t max, size_t *len,
    char **cause);

/*
 * The same into *buf (of *cap bytes, grown as needed; start with NULL
 * and 0, free(*buf) when done), so that importers reading many files one
 * after another reuse one buffer. 0, or -1 and *cause.
 */
int catalog_feed_read_into(const char *path, size_t max, char **buf,
    size_t *cap, size_t *len, char **cause);

/*
 * One part of a catalogue key made from a feed's id: "http://" or
 * "https://" is dropped, and an id that is then longer than 96 bytes or
 * holds characters a key may not hold (letters, digits, . _ : / -) is
 * shortened and mapped, with 16 hex digits of its SHA-256 added so that
 * different ids never share a key. A new string.
 */
char *catalog_feed_key_part(const char *id);

/*
 * A language code as feeds write it into out: ISO 639-2 codes ("nld",
 * "eng", as OOAPI's teachingLanguage) become the two-letter codes the
 * catalogue stores ("nl", "en"); other tags are copied unchanged.
 */
void catalog_feed_lang(const char *code, char *out, size_t outsz);

#endif
