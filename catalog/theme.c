/*
 * theme: the kiosk's themes (see theme.h).
 *
 * Labels and hints fall back like entry texts: the interface language,
 * English, Dutch, then the first language present.
 *
 * The standard themes a new catalogue gets are the bytes of
 * catalog/data/themes.csv compiled into the library (theme-std.c), read
 * by the same CSV importer as a themes file given to "import": every
 * label_LL/hint_LL column it has is taken, so adding a language to the
 * file needs no change here, and an installed program reads no data file.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/csv.h"
#include "catalog/csvimport.h"
#include "catalog/dbint.h"
#include "catalog/import.h"
#include "catalog/theme.h"
#include "catalog/xmalloc.h"

static void
theme_read_labels(struct catalog_db *db, int64_t theme_id,
    struct catalog_theme *t, const char *lang)
{
	const char *chain[3];
	size_t nchain = catalog_lang_chain(lang, chain), rank, best = 99, hbest = 99, i;
	sqlite3_stmt *st;
	const char *l;

	st = catalog_db_prepare(db, "SELECT lang, label, hint FROM theme_text"
	    " WHERE theme_id = ? ORDER BY lang");
	sqlite3_bind_int64(st, 1, theme_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		l = (const char *)sqlite3_column_text(st, 0);
		if (l == NULL || strlen(l) >= CATALOG_LANG_MAX)
			continue;
		for (rank = nchain, i = 0; i < nchain; i++)
			if (strcmp(l, chain[i]) == 0) {
				rank = i;
				break;
			}
		if (rank < best) {
			free(t->label.value);
			t->label.value = catalog_db_column_strdup(st, 1);
			strcpy(t->label.lang, l);
			best = rank;
		}
		if (rank < hbest &&
		    sqlite3_column_type(st, 2) != SQLITE_NULL) {
			free(t->hint.value);
			t->hint.value = catalog_db_column_strdup(st, 2);
			strcpy(t->hint.lang, l);
			hbest = rank;
		}
	}
	sqlite3_finalize(st);
}

struct catalog_theme *
catalog_theme_list(struct catalog_db *db, const char *lang, size_t *n)
{
	struct catalog_theme *list = NULL, *t;
	sqlite3_stmt *st;

	*n = 0;
	st = catalog_db_prepare(db, "SELECT t.id, t.key,"
	    " (SELECT count(*) FROM entry_theme et WHERE et.theme_id = t.id)"
	    " FROM theme t ORDER BY t.position, t.key");
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = xreallocarray(list, *n + 1, sizeof *list);
		t = &list[(*n)++];
		memset(t, 0, sizeof *t);
		t->key = catalog_db_column_strdup(st, 1);
		t->count = sqlite3_column_int64(st, 2);
		theme_read_labels(db, sqlite3_column_int64(st, 0), t, lang);
		if (t->label.value == NULL)
			t->label.value = xstrdup(t->key);
	}
	sqlite3_finalize(st);
	if (list == NULL)
		list = xcalloc(1, sizeof *list);
	return list;
}

void
catalog_theme_list_free(struct catalog_theme *themes, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(themes[i].key);
		free(themes[i].label.value);
		free(themes[i].hint.value);
	}
	free(themes);
}

int
catalog_theme_standard(struct catalog_db *db, char **cause)
{
	struct catalog_import_summary sum;
	struct catalog_import *imp;
	struct catalog_csv *csv;
	int rc;

	if ((imp = catalog_import_begin(db, "themes", cause)) == NULL)
		return -1;
	catalog_import_keep_version(imp);
	csv = catalog_csv_new("standard themes.csv",
	    (const char *)catalog_theme_std_csv, catalog_theme_std_csv_len);
	rc = catalog_csvimport_read(imp, csv, cause);
	catalog_csv_free(csv);
	if (rc != 0) {
		catalog_import_abort(imp);
		return -1;
	}
	if (catalog_import_commit(imp, &sum, cause) != 0)
		return -1;
	catalog_import_summary_done(&sum);
	return 0;
}
