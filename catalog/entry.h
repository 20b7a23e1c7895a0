/*
 * entry: reading one catalogue entry in a language.
 *
 * An entry is a course or a community (learning community, fieldlab,
 * mentor programme, learning house) with its provider, themes, region,
 * offerings and texts. Each text is read through the language fallback
 * chain (lang.h) field by field, and carries the language it was found in
 * so the kiosk can mark text shown in another language.
 */
#ifndef CATALOG_ENTRY_H
#define CATALOG_ENTRY_H

#include <stddef.h>
#include <stdint.h>

#include "catalog/lang.h"

struct catalog_db;

enum catalog_kind {
	CATALOG_KIND_COURSE,
	CATALOG_KIND_COMMUNITY,
	CATALOG_KIND_FIELDLAB,
	CATALOG_KIND_MENTOR,
	CATALOG_KIND_LEARNING_HOUSE,
	CATALOG_KIND_COUNT
};

enum catalog_mode {
	CATALOG_MODE_UNKNOWN,
	CATALOG_MODE_ONSITE,
	CATALOG_MODE_ONLINE,
	CATALOG_MODE_BLENDED
};

/* A text and the language it was found in ("" and NULL when none). */
struct catalog_text {
	char	*value;
	char	 lang[CATALOG_LANG_MAX];
};

struct catalog_offering {
	int64_t		 id;		/* stable across imports and syncs */
	char		*start;		/* YYYY-MM-DD or NULL */
	char		*end;		/* YYYY-MM-DD or NULL */
	char		*duration;	/* ISO 8601 duration ("P10W") or NULL */
	int		 hours_per_week;	/* 0 when unknown */
	enum catalog_mode mode;
	char		*place;		/* NULL when unknown */
	int64_t		 cost_cents;	/* -1 when unknown, 0 when free */
	char		 lang[CATALOG_LANG_MAX];	/* instruction, "" unknown */
};

struct catalog_entry {
	int64_t		 id;
	char		*key;		/* stable key from the source */
	enum catalog_kind kind;
	char		*provider;
	char		*level;		/* "mbo2", "hbo", ... or NULL */
	char		*city;
	char		*province;
	int		 has_geo;
	double		 lat, lon;
	char		*contact;
	char		*link;

	struct catalog_text title;
	struct catalog_text summary;
	struct catalog_text description;
	struct catalog_text outcome;	/* what you get */
	struct catalog_text join;	/* how to join */
	struct catalog_text cost_note;	/* help with the cost: who may pay */

	char		**themes;	/* theme keys */
	size_t		 nthemes;
	struct catalog_offering *offerings;	/* sorted by start date */
	size_t		 nofferings;
};

/* The entry with this id read in lang; NULL and *cause if there is none. */
struct catalog_entry *catalog_entry_get(struct catalog_db *db, int64_t id,
    const char *lang, char **cause);
void catalog_entry_free(struct catalog_entry *e);

/* Kind names as stored ("course", "learning-house"); -1 when unknown. */
const char *catalog_entry_kind_name(enum catalog_kind kind);
int catalog_entry_kind_parse(const char *name);
const char *catalog_entry_mode_name(enum catalog_mode mode);
int catalog_entry_mode_parse(const char *name);

#endif
