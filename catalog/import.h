/*
 * import: storing records in one all-or-nothing transaction.
 *
 * An import is a session: begin, put records and themes, then commit or
 * abort. Nothing is visible to readers before the commit, and an abort (or
 * any error) leaves the catalogue exactly as it was. Entries are matched by
 * key, so re-importing a source updates them and their ids stay stable.
 * Entries of the same source that the import did not put are removed at
 * commit (unless CATALOG_IMPORT_NO_REMOVE). The summary counts what
 * happened, with the warnings about optional values that were dropped.
 *
 * A harvester (sync/) uses it as: catalog_import_begin() under its source
 * name, catalog_import_set_options(), for each format it has files of
 * catalog_format_named(name)->import(imp, files, n, &cause) (format.h;
 * or an importer's memory function such as catalog_edudex_import_memory),
 * then catalog_import_commit() (all or nothing; catalog_import_abort()
 * after an error) and the summary with its warnings.
 */
#ifndef CATALOG_IMPORT_H
#define CATALOG_IMPORT_H

#include <stddef.h>

#include "catalog/record.h"

struct catalog_db;
struct catalog_import;

struct catalog_import_summary {
	size_t		 created;
	size_t		 updated;
	size_t		 unchanged;
	size_t		 removed;
	size_t		 skipped;
	size_t		 themes;
	char		**skip_reasons;	/* one per skipped record */
	size_t		 nskip_reasons;
	size_t		 warnings;	/* optional values dropped */
	char		**warning_texts;	/* "FILE: PATH: reason", each */
	size_t		 nwarning_texts;
};

/* Options of an import session (catalog_import_set_options). */
#define CATALOG_IMPORT_STRICT	 0x1	/* every warning is an error */
#define CATALOG_IMPORT_NO_REMOVE 0x2	/* add and update, remove nothing */

/*
 * Begin an import of source (a name such as "demo" or "ooapi:provider"):
 * entries last imported from the same source and not put again are
 * removed at commit.
 */
struct catalog_import *catalog_import_begin(struct catalog_db *db,
    const char *source, char **cause);
/* Set CATALOG_IMPORT_* options (before the first put). */
void catalog_import_set_options(struct catalog_import *imp, int options);
/*
 * An optional value was read differently or dropped (text names file,
 * place and reason): counted in the summary and 0, or, with
 * CATALOG_IMPORT_STRICT, -1 and *cause (a copy of text) so that the
 * importer fails and the caller aborts.
 */
int catalog_import_warn(struct catalog_import *imp, const char *text,
    char **cause);
/* Store r (the record stays the caller's). -1 and *cause on failure. */
int catalog_import_put(struct catalog_import *imp,
    const struct catalog_record *r, char **cause);
/* Add or update a theme and its label and hint in lang. */
int catalog_import_theme(struct catalog_import *imp, const char *key,
    int position, const char *lang, const char *label, const char *hint,
    char **cause);
/* 1 when the theme key exists (already or put in this import). */
int catalog_import_has_theme(struct catalog_import *imp, const char *key);
/* Note a record that was skipped, with the reason (kept in the summary). */
void catalog_import_skip(struct catalog_import *imp, const char *reason);
/* Commit: removes stale entries, raises the catalogue version if changed. */
int catalog_import_commit(struct catalog_import *imp,
    struct catalog_import_summary *sum, char **cause);
/*
 * Commit without raising the catalogue version (for the standard themes
 * a new catalogue is made with; see theme.h).
 */
void catalog_import_keep_version(struct catalog_import *imp);
/* Roll back and free. */
void catalog_import_abort(struct catalog_import *imp);
void catalog_import_summary_done(struct catalog_import_summary *sum);

/*
 * The one-pass full-text indexing of an import, for other writers of
 * entry_text inside their own write transaction (delta.c applies a sync
 * delta through it): begin notes the rows written from then on instead
 * of indexing each (the entry_text triggers rest on this connection);
 * finish indexes them all in one statement per index and ends the
 * deferral; cancel only ends it (the caller rolls back). -1 and *cause.
 */
int catalog_import_index_begin(struct catalog_db *db, char **cause);
int catalog_import_index_finish(struct catalog_db *db, char **cause);
void catalog_import_index_cancel(struct catalog_db *db);

#endif
