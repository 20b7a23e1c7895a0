/*
 * record: the write model that importers fill and import.c stores.
 *
 * Every importer (CSV, OOAPI, XCRI-CAP) turns its input into records; only
 * import.c knows the tables. A record owns copies of all its strings.
 * Values are checked when set, so an importer can report the exact place
 * of a bad value; the setters return -1 and a reason in *cause.
 */
#ifndef CATALOG_RECORD_H
#define CATALOG_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "catalog/entry.h"

/* Text fields of an entry, stored per language. */
enum catalog_field {
	CATALOG_FIELD_TITLE,
	CATALOG_FIELD_SUMMARY,
	CATALOG_FIELD_DESCRIPTION,
	CATALOG_FIELD_OUTCOME,
	CATALOG_FIELD_JOIN,
	CATALOG_FIELD_COST_NOTE,
	CATALOG_FIELD_KEYWORDS,		/* search words: found, never shown */
	CATALOG_FIELD_COUNT
};

struct catalog_record_text {
	enum catalog_field field;
	char		 lang[CATALOG_LANG_MAX];	/* primary subtag */
	char		*value;
};

struct catalog_record_offering {
	char		*key;		/* stable within the entry */
	char		*start, *end, *duration, *place;
	int		 hours_per_week;
	enum catalog_mode mode;
	int64_t		 cost_cents;	/* -1 unknown */
	char		 lang[CATALOG_LANG_MAX];
};

struct catalog_record {
	char		*key;
	int		 kind;		/* enum catalog_kind, -1 unset */
	char		*provider;
	char		*level, *city, *province, *contact, *link;
	int		 has_geo;
	double		 lat, lon;
	char		**themes;
	size_t		 nthemes;
	struct catalog_record_text *texts;
	size_t		 ntexts;
	struct catalog_record_offering *offerings;
	size_t		 nofferings;
};

struct catalog_record *catalog_record_new(void);
void catalog_record_free(struct catalog_record *r);

/* Field names as used in CSV headers ("title", "join"); -1 unknown. */
int catalog_record_field_parse(const char *name);
const char *catalog_record_field_name(enum catalog_field f);

/* Setters check their value; -1 and *cause when it is not acceptable. */
int catalog_record_set_key(struct catalog_record *r, const char *key,
    char **cause);
int catalog_record_set_kind(struct catalog_record *r, const char *kind,
    char **cause);
int catalog_record_set_level(struct catalog_record *r, const char *level,
    char **cause);
/*
 * Parse "LAT,LON" in WGS84 degrees (--near, --home): 0, or -1 when it is
 * not a place on Earth (not two numbers, NaN, infinite or out of range).
 */
int catalog_record_parse_geo(const char *s, double *lat, double *lon);
int catalog_record_set_geo(struct catalog_record *r, double lat, double lon,
    char **cause);
int catalog_record_set_link(struct catalog_record *r, const char *link,
    char **cause);
/* Plain setters for provider, city, province, contact (free text). */
void catalog_record_set_string(char **slot, const char *value);
int catalog_record_add_theme(struct catalog_record *r, const char *theme,
    char **cause);
/* Add or replace the text of field in lang (any BCP 47 variant). */
int catalog_record_add_text(struct catalog_record *r, enum catalog_field f,
    const char *lang, const char *value, char **cause);
/* A new, empty offering (cost unknown, mode unknown) owned by r. */
struct catalog_record_offering *catalog_record_add_offering(
    struct catalog_record *r);
int catalog_record_offering_set_date(char **slot, const char *date,
    char **cause);
int catalog_record_offering_set_duration(struct catalog_record_offering *o,
    const char *iso, char **cause);
int catalog_record_offering_set_mode(struct catalog_record_offering *o,
    const char *mode, char **cause);
int catalog_record_offering_set_cost(struct catalog_record_offering *o,
    const char *euros, char **cause);
int catalog_record_offering_set_lang(struct catalog_record_offering *o,
    const char *lang, char **cause);

/* Completeness: key, kind, provider, a theme and a title; -1 and *cause. */
int catalog_record_check(const struct catalog_record *r, char **cause);

#endif
