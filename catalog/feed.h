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

#include "catalog/lang.h"
#include "catalog/record.h"

#define CATALOG_FEED_MAX (64 * 1024 * 1024)	/* bytes per file */
#define CATALOG_FEED_MAX_DEPTH 64		/* JSON nesting */
#define CATALOG_FEED_MAX_TEXT (64 * 1024)	/* bytes per text value */
#define CATALOG_FEED_MAX_PARTS 64		/* texts joined per language */

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

/*
 * The texts of one field of an entry, gathered per language from a feed
 * that gives several (OOAPI's language-tagged arrays, XCRI-CAP's
 * elements with xml:lang): texts in the same language are joined with a
 * separator, a text already contained in the joined one is not added
 * again, and at most CATALOG_FEED_MAX_PARTS texts and
 * CATALOG_FEED_MAX_TEXT bytes are joined per language.
 */
struct catalog_feed_text {
	char		 lang[CATALOG_LANG_MAX];
	char		*value;
	size_t		 parts;
};

struct catalog_feed_texts {
	struct catalog_feed_text *v;
	size_t		 n;
};

/* Free what t holds and empty it. */
void catalog_feed_texts_done(struct catalog_feed_texts *t);
/*
 * Add plain text value (copied) in primary language lang, joined to the
 * earlier ones in lang with sep. 0, or -1 and *why ("more than 64 texts
 * in language nl", "texts in language nl together are longer than ...").
 */
int catalog_feed_texts_add(struct catalog_feed_texts *t, const char *lang,
    const char *value, const char *sep, char **why);
/* Add every gathered text to r as field f. 0, or -1 and *why. */
int catalog_feed_texts_put(const struct catalog_feed_texts *t,
    struct catalog_record *r, enum catalog_field f, char **why);

struct catalog_import;

/*
 * When r has no theme yet, give it theme, the importer's default; -1 and
 * *why when the catalogue does not have that theme ("the default theme
 * 'career' is not in the catalogue: import the themes first") or r
 * refuses it.
 */
int catalog_feed_theme_default(struct catalog_import *imp,
    struct catalog_record *r, const char *theme, char **why);

#endif
