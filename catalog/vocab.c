/*
 * vocab: the closed vocabularies of the catalogue (see vocab.h). The
 * fixed lists are the catalogue's own codes; the instruction languages
 * are whatever the offerings hold, counted by SQLite.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "catalog/db.h"
#include "catalog/dbint.h"
#include "catalog/entry.h"
#include "catalog/vocab.h"
#include "catalog/xmalloc.h"

#define VOCAB_COUNT(a) (sizeof (a) / sizeof (a)[0])

static const char *const vocab_provinces[] = {
	"Drenthe", "Flevoland", "Friesland", "Gelderland", "Groningen",
	"Limburg", "Noord-Brabant", "Noord-Holland", "Overijssel", "Utrecht",
	"Zeeland", "Zuid-Holland"
};

static const char *const vocab_levels[] = {
	"none", "mbo", "mbo1", "mbo2", "mbo3", "mbo4", "hbo", "wo",
	"nlqf1", "nlqf2", "nlqf3", "nlqf4", "nlqf5", "nlqf6", "nlqf7", "nlqf8",
};

static const int vocab_modes[] = {
	CATALOG_MODE_ONSITE, CATALOG_MODE_ONLINE, CATALOG_MODE_BLENDED
};

const char *const *
catalog_vocab_provinces(size_t *n)
{
	*n = VOCAB_COUNT(vocab_provinces);
	return vocab_provinces;
}

const char *
catalog_vocab_province_find(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < VOCAB_COUNT(vocab_provinces); i++) {
		if (strcasecmp(vocab_provinces[i], name) == 0)
			return vocab_provinces[i];
	}
	return NULL;
}

const char *const *
catalog_vocab_levels(size_t *n)
{
	*n = VOCAB_COUNT(vocab_levels);
	return vocab_levels;
}

const char *
catalog_vocab_level_find(const char *level)
{
	size_t i;

	for (i = 0; level != NULL && i < VOCAB_COUNT(vocab_levels); i++) {
		if (strcmp(vocab_levels[i], level) == 0)
			return vocab_levels[i];
	}
	return NULL;
}

const int *
catalog_vocab_modes(size_t *n)
{
	*n = VOCAB_COUNT(vocab_modes);
	return vocab_modes;
}

int
catalog_vocab_instruction_langs(struct catalog_db *db, char ***tags,
    size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	char		**v = NULL;
	size_t		 nv = 0, alloc = 0;
	int		 rc;

	*tags = NULL;
	*n = 0;
	st = catalog_db_prepare(db, "SELECT instruction_lang, count(*)"
	    " FROM offering WHERE instruction_lang IS NOT NULL"
	    " AND instruction_lang <> '' GROUP BY instruction_lang"
	    " ORDER BY count(*) DESC, instruction_lang");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (nv == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			v = xreallocarray(v, alloc, sizeof *v);
		}
		v[nv++] = catalog_db_column_strdup(st, 0);
	}
	if (rc != SQLITE_DONE) {
		*cause = xasprintf("listing the instruction languages failed: "
		    "%s", sqlite3_errmsg(catalog_db_sqlite(db)));
		sqlite3_finalize(st);
		catalog_vocab_free(v, nv);
		return -1;
	}
	sqlite3_finalize(st);
	*tags = v;
	*n = nv;
	return 0;
}

void
catalog_vocab_free(char **tags, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(tags[i]);
	free(tags);
}
