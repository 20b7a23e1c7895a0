/*
 * entry: reading one catalogue entry in a language (see entry.h).
 *
 * Texts are stored one row per language (entry_text); here each field is
 * chosen separately along the fallback chain, so an entry with an Arabic
 * title but only a Dutch description shows both, each marked with its
 * language. "Any language" is the alphabetically first one present, so
 * the choice is stable.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/dbint.h"
#include "catalog/entry.h"
#include "catalog/xmalloc.h"

static const char *const entry_kinds[CATALOG_KIND_COUNT] = {
	"course", "community", "fieldlab", "mentor", "learning-house"
};
static const char *const entry_modes[] = {
	"", "onsite", "online", "blended"
};

const char *
catalog_entry_kind_name(enum catalog_kind kind)
{
	return (unsigned)kind < CATALOG_KIND_COUNT ? entry_kinds[kind] : "";
}

int
catalog_entry_kind_parse(const char *name)
{
	int i;

	for (i = 0; i < CATALOG_KIND_COUNT; i++)
		if (name != NULL && strcmp(name, entry_kinds[i]) == 0)
			return i;
	return -1;
}

const char *
catalog_entry_mode_name(enum catalog_mode mode)
{
	return (unsigned)mode <= CATALOG_MODE_BLENDED ? entry_modes[mode] : "";
}

int
catalog_entry_mode_parse(const char *name)
{
	int i;

	for (i = 1; i <= CATALOG_MODE_BLENDED; i++)
		if (name != NULL && strcmp(name, entry_modes[i]) == 0)
			return i;
	return name == NULL ? 0 : -1;
}

/* Rank of lang in the chain; the chain's length for any other language. */
static size_t
entry_lang_rank(const char *lang, const char *const *chain, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(lang, chain[i]) == 0)
			return i;
	return n;
}

/*
 * Read the texts of entry e: for each field keep the value from the best
 * ranked language (ties: the first in language order).
 */
static void
entry_read_texts(struct catalog_db *db, struct catalog_entry *e,
    const char *lang)
{
	struct catalog_text *slots[] = { &e->title, &e->summary,
	    &e->description, &e->outcome, &e->join, &e->cost_note };
	size_t best[6], nslots = 6, i, nchain, rank;
	const char *chain[3];
	sqlite3_stmt *st;
	const char *l;

	nchain = catalog_lang_chain(lang, chain);
	for (i = 0; i < nslots; i++)
		best[i] = (size_t)-1;
	st = catalog_db_prepare(db, "SELECT lang, title, summary, description,"
	    " outcome, join_info, cost_note FROM entry_text WHERE entry_id = ?"
	    " ORDER BY lang");
	sqlite3_bind_int64(st, 1, e->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		l = (const char *)sqlite3_column_text(st, 0);
		if (l == NULL || strlen(l) >= CATALOG_LANG_MAX)
			continue;
		rank = entry_lang_rank(l, chain, nchain);
		for (i = 0; i < nslots; i++) {
			if (sqlite3_column_type(st, (int)i + 1) == SQLITE_NULL)
				continue;
			if (best[i] != (size_t)-1 && best[i] <= rank)
				continue;
			free(slots[i]->value);
			slots[i]->value = catalog_db_column_strdup(st,
			    (int)i + 1);
			strcpy(slots[i]->lang, l);
			best[i] = rank;
		}
	}
	sqlite3_finalize(st);
}

static void
entry_read_offerings(struct catalog_db *db, struct catalog_entry *e)
{
	sqlite3_stmt *st;
	struct catalog_offering *o;
	const char *s;

	st = catalog_db_prepare(db, "SELECT id, start, end_date, duration,"
	    " hours_per_week, mode, place, cost_cents, instruction_lang"
	    " FROM offering WHERE entry_id = ?"
	    " ORDER BY start IS NULL, start, id");
	sqlite3_bind_int64(st, 1, e->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		e->offerings = xreallocarray(e->offerings, e->nofferings + 1,
		    sizeof *e->offerings);
		o = &e->offerings[e->nofferings++];
		memset(o, 0, sizeof *o);
		o->id = sqlite3_column_int64(st, 0);
		o->start = catalog_db_column_strdup(st, 1);
		o->end = catalog_db_column_strdup(st, 2);
		o->duration = catalog_db_column_strdup(st, 3);
		o->hours_per_week = sqlite3_column_int(st, 4);
		s = (const char *)sqlite3_column_text(st, 5);
		o->mode = s != NULL && catalog_entry_mode_parse(s) > 0 ?
		    (enum catalog_mode)catalog_entry_mode_parse(s) :
		    CATALOG_MODE_UNKNOWN;
		o->place = catalog_db_column_strdup(st, 6);
		o->cost_cents = sqlite3_column_type(st, 7) == SQLITE_NULL ?
		    -1 : sqlite3_column_int64(st, 7);
		s = (const char *)sqlite3_column_text(st, 8);
		if (s != NULL && strlen(s) < sizeof o->lang)
			strcpy(o->lang, s);
	}
	sqlite3_finalize(st);
}

static void
entry_read_themes(struct catalog_db *db, struct catalog_entry *e)
{
	sqlite3_stmt *st;

	st = catalog_db_prepare(db, "SELECT t.key FROM entry_theme et"
	    " JOIN theme t ON t.id = et.theme_id WHERE et.entry_id = ?"
	    " ORDER BY t.position, t.key");
	sqlite3_bind_int64(st, 1, e->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		e->themes = xreallocarray(e->themes, e->nthemes + 1,
		    sizeof *e->themes);
		e->themes[e->nthemes++] = catalog_db_column_strdup(st, 0);
	}
	sqlite3_finalize(st);
}

struct catalog_entry *
catalog_entry_get(struct catalog_db *db, int64_t id, const char *lang,
    char **cause)
{
	struct catalog_entry *e = NULL;
	sqlite3_stmt *st;

	st = catalog_db_prepare(db, "SELECT key, kind, provider, level, city,"
	    " province, lat, lon, contact, link FROM entry WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		*cause = xasprintf("no entry %lld in the catalogue",
		    (long long)id);
		goto out;
	}
	e = xcalloc(1, sizeof *e);
	e->id = id;
	e->key = catalog_db_column_strdup(st, 0);
	e->kind = (enum catalog_kind)catalog_entry_kind_parse(
	    (const char *)sqlite3_column_text(st, 1));
	e->provider = catalog_db_column_strdup(st, 2);
	e->level = catalog_db_column_strdup(st, 3);
	e->city = catalog_db_column_strdup(st, 4);
	e->province = catalog_db_column_strdup(st, 5);
	if (sqlite3_column_type(st, 6) != SQLITE_NULL &&
	    sqlite3_column_type(st, 7) != SQLITE_NULL) {
		e->has_geo = 1;
		e->lat = sqlite3_column_double(st, 6);
		e->lon = sqlite3_column_double(st, 7);
	}
	e->contact = catalog_db_column_strdup(st, 8);
	e->link = catalog_db_column_strdup(st, 9);
	entry_read_texts(db, e, lang);
	entry_read_themes(db, e);
	entry_read_offerings(db, e);
out:
	sqlite3_finalize(st);
	return e;
}

void
catalog_entry_free(struct catalog_entry *e)
{
	size_t i;

	if (e == NULL)
		return;
	free(e->key);
	free(e->provider);
	free(e->level);
	free(e->city);
	free(e->province);
	free(e->contact);
	free(e->link);
	free(e->title.value);
	free(e->summary.value);
	free(e->description.value);
	free(e->outcome.value);
	free(e->join.value);
	free(e->cost_note.value);
	for (i = 0; i < e->nthemes; i++)
		free(e->themes[i]);
	free(e->themes);
	for (i = 0; i < e->nofferings; i++) {
		free(e->offerings[i].start);
		free(e->offerings[i].end);
		free(e->offerings[i].duration);
		free(e->offerings[i].place);
	}
	free(e->offerings);
	free(e);
}
