/*
 * edudex: importing EDU-DEX program data (see edudex.h and
 * docs/edudex-import.md).
 *
 * One mapper for both forms. The Data API's JSON schema is derived from
 * the XML schema (property = element name, array = repeated element,
 * localized set = one element per xml:lang), so a program XML file is
 * first turned into the same JSON shape (edudex_xml_to_json) and then
 * mapped like an API program. The mapper reads every value through
 * helpers that take one item or an array of them, a string or a number,
 * so both forms and the small differences seen in real feeds (a number
 * with a unit attribute for programDuration) go the same way.
 *
 * Essential values (programId, a programName) are strict: without them
 * the import fails. Optional values with an unexpected shape are read
 * when their meaning is clear and otherwise dropped with a warning
 * (catalog_import_warn) naming file, path and reason.
 *
 * A directory is read one program file at a time: each file is parsed,
 * mapped, put and freed before the next is read. Relative resourceUrl
 * and subDirectory values are resolved against the directory file;
 * absolute URLs are refused (fetching is the harvester's job). A
 * subDirectory chain is bounded in depth, and a directory met again is
 * an error (a loop).
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "catalog/clock.h"
#include "catalog/csv.h"
#include "catalog/edudex.h"
#include "catalog/feed.h"
#include "catalog/html.h"
#include "catalog/import.h"
#include "catalog/json.h"
#include "catalog/lang.h"
#include "catalog/record.h"
#include "catalog/xmalloc.h"

#define EDUDEX_MAX_DEPTH 8		/* subDirectory levels */
#define EDUDEX_MAX_FILES 1000000	/* program files per import */
#define EDUDEX_DEFAULT_THEME "career"

#define EDUDEX_NS_DIR "http://studieData.nl/schema/edudex/directory"
#define EDUDEX_NS_PROGRAM "http://studieData.nl/schema/edudex/program"

/* The EDU-DEX theme table, compiled in from catalog/data/edudex-themes.csv. */
extern const unsigned char catalog_edudex_themes_csv[];
extern const size_t catalog_edudex_themes_csv_len;

struct edudex {
	struct catalog_import *imp;
	const char	*file;		/* being read */
	struct catalog_json_path path;	/* place in the program, for messages */
	char		 today[11];
	char		**seen;		/* directories read (loops) */
	size_t		 nseen;
	size_t		 nfiles;
	char		**themes;	/* pairs: edudex theme, Leerpunt theme */
	size_t		 nthemes;
	/*
	 * One read buffer per directory level, reused for every file at
	 * that level: a fresh buffer per file made glibc consolidate the
	 * heap at each free (6 % of a 100,000-program import).
	 */
	char		*rbuf[EDUDEX_MAX_DEPTH + 1];
	size_t		 rcap[EDUDEX_MAX_DEPTH + 1];
};

/* --- messages ----------------------------------------------------------- */

static int __attribute__((format(printf, 3, 4)))
edudex_fail(struct edudex *e, char **cause, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	*cause = xasprintf("%s: %s: %s", e->file,
	    catalog_json_path_str(&e->path), msg);
	free(msg);
	return -1;
}

/* A warning at path/key; 0, or -1 under --strict. */
static int __attribute__((format(printf, 4, 5)))
edudex_warn(struct edudex *e, const char *key, char **cause,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *text;
	int	 rc;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	text = xasprintf("%s: %s%s%s: %s", e->file,
	    e->path.len > 0 ? e->path.s : "",
	    key != NULL ? "/" : "", key != NULL ? key : "", msg);
	rc = catalog_import_warn(e->imp, text, cause);
	free(msg);
	free(text);
	return rc;
}

/* Push "/key" on the path; returns the length to pop back to. */
static size_t
edudex_push(struct edudex *e, const char *key)
{
	return catalog_json_path_key(&e->path, key);
}

static size_t
edudex_push_index(struct edudex *e, size_t i)
{
	return catalog_json_path_index(&e->path, i);
}

static void
edudex_pop(struct edudex *e, size_t old)
{
	catalog_json_path_pop(&e->path, old);
}

/* --- typed access: one item or an array, a string or a number -------- */

/* Number of items of j (an array, or one value); 0 for NULL/null. */
static size_t
ed_count(const json_t *j)
{
	if (j == NULL || json_is_null(j))
		return 0;
	return json_is_array(j) ? json_array_size(j) : 1;
}

static json_t *
ed_item(json_t *j, size_t i)
{
	return json_is_array(j) ? json_array_get(j, i) : j;
}

static json_t *
ed_get(json_t *obj, const char *key)
{
	return json_is_object(obj) ? json_object_get(obj, key) : NULL;
}

/* The text of a scalar (string, or a number written out); NULL else. */
static const char *
ed_text(json_t *j, char *buf, size_t bufsz)
{
	if (json_is_array(j) && json_array_size(j) == 1)
		j = json_array_get(j, 0);
	if (json_is_string(j))
		return json_string_value(j);
	if (json_is_integer(j)) {
		snprintf(buf, bufsz, "%lld", (long long)json_integer_value(j));
		return buf;
	}
	if (json_is_real(j)) {
		snprintf(buf, bufsz, "%.2f", json_real_value(j));
		return buf;
	}
	if (json_is_boolean(j))
		return json_is_true(j) ? "true" : "false";
	/* XML: <x unit="..">6</x> became {"_text": "6", ...}. */
	if (json_is_string(ed_get(j, "_text")))
		return json_string_value(ed_get(j, "_text"));
	return NULL;
}

/* A text member (buf holds a number's digits); NULL when absent. */
static int
ed_string(struct edudex *e, json_t *obj, const char *key, char *buf,
    size_t bufsz, const char **out, char **cause)
{
	json_t	*j = ed_get(obj, key);

	*out = NULL;
	if (j == NULL || json_is_null(j))
		return 0;
	if ((*out = ed_text(j, buf, bufsz)) == NULL)
		return edudex_warn(e, key, cause, "expected text, not %s: "
		    "ignored", json_is_object(j) ? "an object" : "an array");
	return 0;
}

static int
ed_bool(json_t *j, int dflt)
{
	char	 buf[8];
	const char *s = ed_text(j, buf, sizeof buf);

	if (s == NULL)
		return dflt;
	if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
		return 1;
	if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
		return 0;
	return dflt;
}

/* --- the theme table ---------------------------------------------------- */

static int
edudex_load_themes(struct edudex *e, char **cause)
{
	struct catalog_csv *csv;
	const struct catalog_csv_field *fs;
	size_t n;
	int rc, header = 1;

	csv = catalog_csv_new("edudex-themes.csv",
	    (const char *)catalog_edudex_themes_csv,
	    catalog_edudex_themes_csv_len);
	while ((rc = catalog_csv_next(csv, &fs, &n, cause)) == 1) {
		if (header) {
			header = 0;
			continue;
		}
		if (n < 2)
			continue;
		e->themes = xreallocarray(e->themes, e->nthemes + 2,
		    sizeof *e->themes);
		e->themes[e->nthemes++] = xstrdup(fs[0].value);
		e->themes[e->nthemes++] = xstrdup(fs[1].value);
	}
	catalog_csv_free(csv);
	return rc;
}

static const char *
edudex_theme(struct edudex *e, const char *edudex)
{
	size_t	 i;

	for (i = 0; i + 1 < e->nthemes; i += 2)
		if (strcasecmp(e->themes[i], edudex) == 0)
			return e->themes[i + 1];
	return NULL;
}

/* --- localized sets ----------------------------------------------------- */

/*
 * Put a localized set ({"nl": "...", "en": "..."}) as field f. A plain
 * string (no language) is read as Dutch text, the language of EDU-DEX.
 * html: the values are XHTML, made plain text.
 */
static int
edudex_localized(struct edudex *e, struct catalog_record *r, json_t *obj,
    const char *key, enum catalog_field f, int html, char **cause)
{
	json_t		*set = ed_get(obj, key), *v;
	const char	*lang, *s;
	char		 primary[CATALOG_LANG_MAX], buf[32], *text, *why = NULL;
	size_t		 old;
	int		 rc = 0;

	if (set == NULL || json_is_null(set))
		return 0;
	if (json_is_string(set)) {
		json_t *wrap = json_pack("{sO}", "nl", set);

		json_object_set_new(obj, key, wrap);
		set = wrap;
		if (edudex_warn(e, key, cause, "a text without a language: "
		    "read as Dutch") != 0)
			return -1;
	}
	if (!json_is_object(set))
		return edudex_warn(e, key, cause, "expected texts per "
		    "language: ignored");
	old = edudex_push(e, key);
	json_object_foreach(set, lang, v) {
		if ((s = ed_text(v, buf, sizeof buf)) == NULL || *s == '\0')
			continue;
		if (catalog_lang_primary(lang, primary, sizeof primary) != 0) {
			if ((rc = edudex_warn(e, lang, cause, "not a language "
			    "code: ignored")) != 0)
				break;
			continue;
		}
		/* HTML where plain text is expected is read as HTML. */
		text = html || (strchr(s, '<') != NULL && strchr(s, '>') !=
		    NULL) ? catalog_html_to_text(s, strlen(s), &why) :
		    catalog_html_tidy(s);
		if (text == NULL) {
			rc = edudex_warn(e, lang, cause, "%s: ignored", why);
			free(why);
			why = NULL;
			if (rc != 0)
				break;
			continue;
		}
		if (*text != '\0' &&
		    catalog_record_add_text(r, f, primary, text, &why) != 0) {
			rc = edudex_fail(e, cause, "%s", why);
			free(why);
			free(text);
			break;
		}
		free(text);
	}
	edudex_pop(e, old);
	return rc;
}

/* Search words: {"nl": ["a", "b"]}, joined per language as keywords. */
static int
edudex_searchwords(struct edudex *e, struct catalog_record *r, json_t *obj,
    char **cause)
{
	json_t		*set = ed_get(obj, "searchword"), *v;
	const char	*lang, *s;
	char		 primary[CATALOG_LANG_MAX], buf[32], *all, *tidy, *t;
	char		*why = NULL;
	size_t		 i;

	if (set == NULL || json_is_null(set))
		return 0;
	if (!json_is_object(set))
		return edudex_warn(e, "searchword", cause, "expected search "
		    "words per language: ignored");
	json_object_foreach(set, lang, v) {
		if (catalog_lang_primary(lang, primary, sizeof primary) != 0)
			continue;
		all = NULL;
		for (i = 0; i < ed_count(v); i++) {
			if ((s = ed_text(ed_item(v, i), buf, sizeof buf)) ==
			    NULL || *s == '\0')
				continue;
			tidy = catalog_html_tidy(s);
			t = xasprintf("%s%s%s", all != NULL ? all : "",
			    all != NULL ? " " : "", tidy);
			free(tidy);
			free(all);
			all = t;
			if (strlen(all) > CATALOG_FEED_MAX_TEXT / 2)
				break;
		}
		if (all != NULL && catalog_record_add_text(r,
		    CATALOG_FIELD_KEYWORDS, primary, all, &why) != 0) {
			free(all);
			return edudex_fail(e, cause, "searchword: %s", why);
		}
		free(all);
	}
	return 0;
}

/* The first value of a localized set: nl, en, then any. */
static const char *
edudex_pick(json_t *set)
{
	static const char *const order[] = { "nl", "en" };
	const char	*lang;
	json_t		*v;
	size_t		 i;

	if (json_is_string(set))
		return json_string_value(set);
	for (i = 0; i < 2; i++)
		if (json_is_string(ed_get(set, order[i])))
			return json_string_value(ed_get(set, order[i]));
	json_object_foreach(set, lang, v)
		if (json_is_string(v))
			return json_string_value(v);
	return NULL;
}

/* --- classification ------------------------------------------------------ */

static const struct {
	const char	*edudex;
	const char	*level;
} edudex_levels[] = {
	{ "none", "none" }, { "mbo niveau 1", "mbo1" },
	{ "mbo niveau 2", "mbo2" }, { "mbo niveau 3", "mbo3" },
	{ "mbo niveau 4", "mbo4" }, { "mbo", "mbo" }, { "mbo+", "mbo" },
	{ "hbo", "hbo" }, { "associate", "hbo" }, { "propedeuse", "hbo" },
	{ "bachelor", "hbo" }, { "master", "hbo" }, { "post-hbo", "hbo" },
	{ "wo", "wo" }, { "academic bachelor", "wo" },
	{ "academic master", "wo" }, { "PhD", "wo" },
	{ "post-academic", "wo" }, { "mavo", "none" }, { "havo", "none" },
	{ "vwo", "none" }, { "vbo", "none" }, { "vmbo", "none" },
	{ "vmbo/mavo", "none" }, { "lbo", "none" },
};

static int
edudex_level(struct edudex *e, struct catalog_record *r, json_t *cls,
    char **cause)
{
	const char	*level;
	char		*why = NULL, buf[32];
	size_t		 i;

	if (ed_string(e, cls, "programLevel", buf, sizeof buf, &level,
	    cause) != 0)
		return -1;
	if (level == NULL)
		return 0;
	for (i = 0; i < sizeof edudex_levels / sizeof edudex_levels[0]; i++)
		if (strcasecmp(level, edudex_levels[i].edudex) == 0) {
			if (catalog_record_set_level(r,
			    edudex_levels[i].level, &why) != 0) {
				free(why);
				return edudex_fail(e, cause, "level");
			}
			return 0;
		}
	return edudex_warn(e, "programLevel", cause, "unknown level \"%.40s\": "
	    "ignored", level);
}

static int
edudex_themes(struct edudex *e, struct catalog_record *r, json_t *cls,
    char **cause)
{
	json_t		*t = ed_get(cls, "theme");
	const char	*s, *theme;
	char		 buf[32], *why = NULL;
	size_t		 i, old;
	int		 rc;

	old = edudex_push(e, "theme");
	for (i = 0; i < ed_count(t); i++) {
		if ((s = ed_text(ed_item(t, i), buf, sizeof buf)) == NULL)
			continue;
		if ((theme = edudex_theme(e, s)) == NULL) {
			if (edudex_warn(e, NULL, cause, "unknown theme "
			    "\"%.60s\": ignored", s) != 0) {
				edudex_pop(e, old);
				return -1;
			}
			continue;
		}
		if (catalog_import_has_theme(e->imp, theme) &&
		    catalog_record_add_theme(r, theme, &why) != 0)
			free(why);	/* twice, or too many: once is enough */
		why = NULL;
	}
	edudex_pop(e, old);
	if (catalog_feed_theme_default(e->imp, r, EDUDEX_DEFAULT_THEME,
	    &why) != 0) {
		rc = edudex_fail(e, cause, "%s", why);
		free(why);
		return rc;
	}
	return 0;
}

/* programDuration as ISO 8601 into out; "" when absent or unreadable. */
static int
edudex_duration(struct edudex *e, json_t *cls, char *out, size_t outsz,
    char **cause)
{
	static const struct {
		const char	*name;	/* API member, XML unit attribute */
		const char	*unit;
		const char	*t;	/* "T" before a time unit */
		char		 iso;
	} units[] = {
		{ "years", "year", "", 'Y' }, { "months", "month", "", 'M' },
		{ "weeks", "week", "", 'W' }, { "days", "day", "", 'D' },
		{ "hours", "hour", "T", 'H' },
	};
	json_t		*d = ed_get(cls, "programDuration"), *v;
	const char	*s, *unit;
	char		 buf[32], *end;
	long long	 n;
	size_t		 i;

	*out = '\0';
	if (d == NULL || json_is_null(d))
		return 0;
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		v = ed_get(d, units[i].name);
		unit = json_string_value(ed_get(d, "_attr_unit"));
		if (v == NULL && unit != NULL &&
		    strncmp(unit, units[i].unit, strlen(units[i].unit)) == 0)
			v = d;
		if (v == NULL)
			continue;
		if ((s = ed_text(v, buf, sizeof buf)) == NULL)
			break;
		n = strtoll(s, &end, 10);
		if (end == s || *end != '\0' || n <= 0 || n > 9999)
			break;
		snprintf(out, outsz, "P%s%lld%c", units[i].t, n, units[i].iso);
		return 0;
	}
	return edudex_warn(e, "programDuration", cause, "not a duration in "
	    "years, months, weeks, days or hours: ignored");
}

/* Mode from programForm (one or an array) and fullyOnline. */
static enum catalog_mode
edudex_mode(json_t *obj)
{
	static const char *const online[] = {
		"e-learning", "distance learning", "virtual classroom"
	};
	json_t		*f = ed_get(obj, "programForm");
	const char	*s;
	char		 buf[32];
	size_t		 i, j;
	int		 on = 0, off = 0, is_on;

	if (ed_bool(ed_get(obj, "fullyOnline"), 0))
		return CATALOG_MODE_ONLINE;
	for (i = 0; i < ed_count(f); i++) {
		if ((s = ed_text(ed_item(f, i), buf, sizeof buf)) == NULL)
			continue;
		for (is_on = 0, j = 0; j < 3; j++)
			if (strcasecmp(s, online[j]) == 0)
				is_on = 1;
		if (is_on)
			on = 1;
		else
			off = 1;
	}
	if (on && off)
		return CATALOG_MODE_BLENDED;
	if (on)
		return CATALOG_MODE_ONLINE;
	if (off)
		return CATALOG_MODE_ONSITE;
	return CATALOG_MODE_UNKNOWN;
}

/* The instruction language with the largest percentage, or "". */
static void
edudex_instruction_lang(json_t *prog, char *out, size_t outsz)
{
	json_t		*il = ed_get(ed_get(prog, "programCurriculum"),
			    "instructionLanguage"), *x;
	const char	*code;
	char		 buf[32];
	long		 best = -1, pct;
	size_t		 i;

	*out = '\0';
	for (i = 0; i < ed_count(il); i++) {
		x = ed_item(il, i);
		code = json_string_value(ed_get(x, "languageCode"));
		if (code == NULL || strlen(code) >= outsz)
			continue;
		pct = strtol(ed_text(ed_get(x, "percentage"), buf,
		    sizeof buf) != NULL ? ed_text(ed_get(x, "percentage"),
		    buf, sizeof buf) : "0", NULL, 10);
		if (pct > best) {
			best = pct;
			catalog_feed_lang(code, out, outsz);
		}
	}
}

/* The non-empty parts joined with sep, as a new string; NULL if none. */
static char *
edudex_join(const char *const *parts, size_t n, const char *sep)
{
	char	*line = NULL, *t;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (parts[i] == NULL || *parts[i] == '\0')
			continue;
		t = xasprintf("%s%s%s", line != NULL ? line : "",
		    line != NULL ? sep : "", parts[i]);
		free(line);
		line = t;
	}
	return line;
}

/* "name, telephone, email" of the first contact. */
static char *
edudex_contact(json_t *prog)
{
	json_t		*c = ed_get(ed_get(prog, "programContacts"),
			    "contactData"), *x;
	const char	*parts[3];
	char		*line, *t;

	if (ed_count(c) == 0)
		return NULL;
	x = ed_item(c, 0);
	parts[0] = json_string_value(ed_get(x, "contactName"));
	parts[1] = json_string_value(ed_get(x, "telephone"));
	parts[2] = json_string_value(ed_get(x, "email"));
	line = edudex_join(parts, 3, ", ");
	if (line != NULL) {
		t = catalog_html_tidy(line);
		free(line);
		line = t;
	}
	return line;
}

/* --- runs ----------------------------------------------------------------- */

/*
 * Total of the required costs in cents (-1: none given). An amount that
 * is not a decimal like "295.00" is warned about and left out.
 */
static int
edudex_cost(struct edudex *e, json_t *run, int64_t *cents, char **cause)
{
	json_t		*c = ed_get(run, "cost"), *x;
	const char	*amount;
	char		 buf[32], *why = NULL;
	struct catalog_record_offering tmp;
	size_t		 i, old;

	*cents = -1;
	for (i = 0; i < ed_count(c); i++) {
		x = ed_item(c, i);
		old = edudex_push(e, "cost");
		edudex_push_index(e, i);
		if (!ed_bool(ed_get(x, "isRequiredCost"), 1)) {
			edudex_pop(e, old);
			continue;
		}
		if ((amount = ed_text(ed_get(x, "amount"), buf,
		    sizeof buf)) == NULL) {
			edudex_pop(e, old);
			continue;
		}
		memset(&tmp, 0, sizeof tmp);
		if (*amount == '+')
			amount++;
		if (catalog_record_offering_set_cost(&tmp, amount,
		    &why) != 0) {
			int rc = edudex_warn(e, "amount", cause, "%s: ignored",
			    why);

			free(why);
			why = NULL;
			edudex_pop(e, old);
			if (rc != 0)
				return -1;
			continue;
		}
		*cents = (*cents < 0 ? 0 : *cents) + tmp.cost_cents;
		edudex_pop(e, old);
	}
	return 0;
}

/* "locationName, address, zipcode city" of a location, or NULL. */
static char *
edudex_place(json_t *loc)
{
	const char	*parts[3];
	char		*line, *t, *zc;
	size_t		 i;

	if (!json_is_object(loc))
		return NULL;
	parts[0] = json_string_value(ed_get(loc, "zipcode"));
	parts[1] = json_string_value(ed_get(loc, "city"));
	zc = edudex_join(parts, 2, " ");
	parts[0] = edudex_pick(ed_get(loc, "locationName"));
	parts[1] = json_string_value(ed_get(loc, "address"));
	parts[2] = zc;
	line = edudex_join(parts, 3, ", ");
	free(zc);
	if (line != NULL) {
		t = catalog_html_tidy(line);
		free(line);
		for (i = 0; t[i] != '\0'; i++)
			if (t[i] == '\n')
				t[i] = ' ';
		line = t;
	}
	return line;
}

/* City and position of a location for the entry (first one wins). */
static int
edudex_geo(struct edudex *e, struct catalog_record *r, json_t *loc,
    char **cause)
{
	const char	*city = json_string_value(ed_get(loc, "city"));
	const char	*geo = json_string_value(ed_get(loc, "geoCode"));
	char		*end, *why = NULL;
	double		 lat, lon;

	if (r->city == NULL && city != NULL && *city != '\0') {
		char *tidy = catalog_html_tidy(city);

		catalog_record_set_string(&r->city, tidy);
		free(tidy);
	}
	if (r->has_geo || geo == NULL)
		return 0;
	lat = strtod(geo, &end);
	if (end != geo && (*end == ',' || *end == ' ' || *end == ';')) {
		const char *p = end + 1;

		while (*p == ' ')
			p++;
		lon = strtod(p, &end);
		if (end != p && *end == '\0' &&
		    catalog_record_set_geo(r, lat, lon, &why) == 0)
			return 0;
		free(why);
	}
	return edudex_warn(e, "location/geoCode", cause, "\"%.40s\" is not "
	    "\"latitude,longitude\": ignored", geo);
}

/* A date member (API: {"date": ...}; also a plain date) or NULL. */
static const char *
edudex_date(json_t *run, const char *key)
{
	json_t	*d = ed_get(run, key);

	if (json_is_string(d))
		return json_string_value(d);
	return json_string_value(ed_get(d, "date"));
}

static int
edudex_set_date(struct edudex *e, char **slot, const char *key,
    const char *date, char **cause)
{
	char	*why = NULL;
	int	 rc;

	if (date == NULL || catalog_record_offering_set_date(slot, date,
	    &why) == 0)
		return 0;
	rc = edudex_warn(e, key, cause, "%s: ignored", why);
	free(why);
	return rc;
}

/* Is a run still open: not canceled, deadline and start not passed. */
static int
edudex_run_open(struct edudex *e, json_t *run)
{
	const char	*status = json_string_value(ed_get(run, "status"));
	const char	*deadline = edudex_date(run, "applicationDeadline");
	const char	*start = edudex_date(run, "startDate");
	long		 day, today;

	if (status != NULL && (strcasecmp(status, "canceled") == 0 ||
	    strcasecmp(status, "cancelled") == 0))
		return 0;
	if (catalog_clock_parse_day(e->today, &today) != 0)
		return 1;
	if (deadline != NULL && catalog_clock_parse_day(deadline, &day) == 0 &&
	    day < today)
		return 0;
	if (start != NULL && catalog_clock_parse_day(start, &day) == 0 &&
	    day < today)
		return 0;
	return 1;
}

static int
edudex_offering(struct edudex *e, struct catalog_record *r, json_t *run,
    const char *key, const char *duration, enum catalog_mode mode,
    const char *ilang, char **cause)
{
	struct catalog_record_offering *o;
	json_t		*loc = ed_get(run, "location");
	enum catalog_mode m;
	int64_t		 cents;
	char		*why = NULL;

	if (r->nofferings >= 500)
		return edudex_warn(e, NULL, cause, "more than 500 runs: the "
		    "rest are ignored");
	if (edudex_cost(e, run, &cents, cause) != 0)
		return -1;
	o = catalog_record_add_offering(r);
	o->key = xstrdup(key);
	o->cost_cents = cents;
	if (edudex_set_date(e, &o->start, "startDate",
	    edudex_date(run, "startDate"), cause) != 0 ||
	    edudex_set_date(e, &o->end, "endDate",
	    edudex_date(run, "endDate"), cause) != 0)
		return -1;
	if (o->start != NULL && o->end != NULL && strcmp(o->end, o->start) < 0) {
		if (edudex_warn(e, "endDate", cause, "ends before it starts: "
		    "end date ignored") != 0)
			return -1;
		free(o->end);
		o->end = NULL;
	}
	if (*duration != '\0' && catalog_record_offering_set_duration(o,
	    duration, &why) != 0) {
		free(why);
		why = NULL;
	}
	m = ed_get(run, "fullyOnline") != NULL || ed_get(run, "programForm") ?
	    edudex_mode(run) : CATALOG_MODE_UNKNOWN;
	o->mode = m != CATALOG_MODE_UNKNOWN ? m : mode;
	if (*ilang != '\0' && catalog_record_offering_set_lang(o, ilang,
	    &why) != 0) {
		free(why);
		why = NULL;
	}
	if (json_is_object(loc)) {
		o->place = edudex_place(loc);
		if (edudex_geo(e, r, loc, cause) != 0)
			return -1;
	}
	return 0;
}

static int
edudex_schedule(struct edudex *e, struct catalog_record *r, json_t *prog,
    json_t *cls, char **cause)
{
	json_t		*sched = ed_get(prog, "programSchedule");
	json_t		*runs = ed_get(sched, "programRun"), *run, *gen;
	char		 duration[24], ilang[CATALOG_LANG_MAX], buf[32], *k;
	const char	*id;
	enum catalog_mode mode = edudex_mode(cls);
	size_t		 i, old;
	int		 rc = 0;

	if (edudex_duration(e, cls, duration, sizeof duration, cause) != 0)
		return -1;
	edudex_instruction_lang(prog, ilang, sizeof ilang);
	old = edudex_push(e, "programSchedule/programRun");
	for (i = 0; i < ed_count(runs) && rc == 0; i++) {
		run = ed_item(runs, i);
		size_t o2 = edudex_push_index(e, i);

		id = ed_text(ed_get(run, "id"), buf, sizeof buf);
		if (!json_is_object(run))
			rc = edudex_warn(e, NULL, cause, "not a run: ignored");
		else if (edudex_run_open(e, run)) {
			k = id != NULL && *id != '\0' ?
			    catalog_feed_key_part(id) : xasprintf("run%zu", i + 1);
			rc = edudex_offering(e, r, run, k, duration, mode,
			    ilang, cause);
			free(k);
		}
		edudex_pop(e, o2);
	}
	edudex_pop(e, old);
	if (rc != 0 || ed_count(runs) > 0)
		return rc;
	/* No runs at all: the generic run's cost and place, if any. */
	gen = ed_get(sched, "genericProgramRun");
	if (json_is_object(gen) || *duration != '\0') {
		old = edudex_push(e, "programSchedule/genericProgramRun");
		rc = edudex_offering(e, r, json_is_object(gen) ? gen : NULL,
		    "generic", duration, mode, ilang, cause);
		edudex_pop(e, old);
	}
	return rc;
}

/* --- one program ------------------------------------------------------- */

static int
edudex_program(struct edudex *e, json_t *prog, const char *dir_org,
    const char *provider, char **cause)
{
	struct catalog_record *r = NULL;
	json_t		*cls, *desc;
	const char	*pid = NULL, *org = NULL, *link;
	char		 buf[32], *id = NULL, *why = NULL, *contact;
	size_t		 old = e->path.len;
	int		 rc = -1;

	if (!json_is_object(prog))
		return edudex_fail(e, cause, "expected a program object");
	cls = ed_get(prog, "programClassification");
	desc = ed_get(prog, "programDescriptions");
	if (!json_is_object(cls))
		return edudex_fail(e, cause, "no programClassification (it "
		    "holds the programId)");
	edudex_push(e, "programClassification");
	pid = ed_text(ed_get(cls, "programId"), buf, sizeof buf);
	if (pid == NULL || *pid == '\0') {
		rc = edudex_fail(e, cause, "no programId");
		goto out;
	}
	org = json_string_value(ed_get(cls, "orgUnitId"));
	if (org == NULL || *org == '\0')
		org = dir_org;
	if (org == NULL || *org == '\0') {
		rc = edudex_fail(e, cause, "no orgUnitId (program %.64s)",
		    pid);
		goto out;
	}
	r = catalog_record_new();
	id = xasprintf("%s/%s", org, pid);
	{
		char *part = catalog_feed_key_part(id), *key;

		key = xasprintf("edudex:%s", part);
		free(part);
		if (catalog_record_set_key(r, key, &why) != 0) {
			free(key);
			rc = edudex_fail(e, cause, "%s", why);
			goto out;
		}
		free(key);
	}
	catalog_record_set_kind(r, "course", &why);
	catalog_record_set_string(&r->provider, provider != NULL &&
	    *provider != '\0' ? provider : org);
	if (edudex_level(e, r, cls, cause) != 0 ||
	    edudex_themes(e, r, cls, cause) != 0)
		goto out;
	edudex_pop(e, old);

	edudex_push(e, "programDescriptions");
	if (!json_is_object(desc)) {
		rc = edudex_fail(e, cause, "no programDescriptions (it holds "
		    "the programName)");
		goto out;
	}
	if (edudex_localized(e, r, desc, "programName", CATALOG_FIELD_TITLE, 0,
	    cause) != 0)
		goto out;
	if (r->ntexts == 0) {
		rc = edudex_fail(e, cause, "no programName");
		goto out;
	}
	if (edudex_localized(e, r, desc, ed_get(desc, "programSummaryText") ?
	    "programSummaryText" : "programSummaryHtml",
	    CATALOG_FIELD_SUMMARY, ed_get(desc, "programSummaryText") == NULL,
	    cause) != 0 ||
	    edudex_localized(e, r, desc,
	    ed_get(desc, "programDescriptionText") ? "programDescriptionText" :
	    "programDescriptionHtml", CATALOG_FIELD_DESCRIPTION,
	    ed_get(desc, "programDescriptionText") == NULL, cause) != 0 ||
	    edudex_searchwords(e, r, desc, cause) != 0)
		goto out;
	if ((link = edudex_pick(ed_get(desc, "webLink"))) != NULL &&
	    catalog_record_set_link(r, link, &why) != 0) {
		int w = edudex_warn(e, "webLink", cause, "%s: ignored", why);

		free(why);
		why = NULL;
		if (w != 0)
			goto out;
	}
	edudex_pop(e, old);
	if ((contact = edudex_contact(prog)) != NULL) {
		catalog_record_set_string(&r->contact, contact);
		free(contact);
	}
	if (edudex_schedule(e, r, prog, cls, cause) != 0)
		goto out;
	if (catalog_record_check(r, &why) != 0 ||
	    catalog_import_put(e->imp, r, &why) != 0) {
		rc = edudex_fail(e, cause, "%s", why);
		goto out;
	}
	rc = 0;
out:
	edudex_pop(e, old);
	free(why);
	free(id);
	catalog_record_free(r);
	return rc;
}

/* --- XML ------------------------------------------------------------------ */

static int
edudex_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Text of an element (text and CDATA only: entities are not expanded). */
static char *
edudex_xml_text(const xmlNode *n)
{
	const xmlNode	*c;
	char		*s = xstrdup(""), *t;
	size_t		 len = 0, i, j;

	for (c = n->children; c != NULL; c = c->next) {
		if ((c->type != XML_TEXT_NODE &&
		    c->type != XML_CDATA_SECTION_NODE) || c->content == NULL)
			continue;
		if (len > CATALOG_FEED_MAX_TEXT)
			break;
		t = xasprintf("%s%s", s, (const char *)c->content);
		free(s);
		s = t;
		len = strlen(s);
	}
	/* Trim. */
	for (i = 0; isspace((unsigned char)s[i]); i++)
		;
	for (j = strlen(s); j > i && isspace((unsigned char)s[j - 1]); j--)
		;
	t = xstrndup(s + i, j - i);
	free(s);
	return t;
}

static int
edudex_has_elements(const xmlNode *n)
{
	const xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* Add v under key of obj; a second value makes it an array. */
static void
edudex_json_add(json_t *obj, const char *key, json_t *v)
{
	json_t	*old = json_object_get(obj, key), *a;

	if (old == NULL) {
		json_object_set_new(obj, key, v);
		return;
	}
	if (!json_is_array(old)) {
		a = json_array();
		json_array_append(a, old);
		json_object_set_new(obj, key, a);
		old = a;
	}
	json_array_append_new(old, v);
}

/* An element as the Data API's JSON (see the top). */
static json_t *
edudex_xml_to_json(const xmlNode *n, int depth)
{
	const xmlNode	*c;
	const xmlAttr	*a;
	json_t		*obj, *set, *js;
	xmlChar		*lang, *v;
	char		*text, *k;

	if (!edudex_has_elements(n)) {
		text = edudex_xml_text(n);
		if (n->properties == NULL) {
			obj = json_string(text);
			free(text);
			return obj != NULL ? obj : json_string("");
		}
		obj = json_object();
		js = json_string(text);
		json_object_set_new(obj, "_text", js != NULL ? js :
		    json_string(""));
		free(text);
		for (a = n->properties; a != NULL; a = a->next) {
			v = xmlGetProp(n, a->name);
			k = xasprintf("_attr_%s", (const char *)a->name);
			if (v != NULL)
				json_object_set_new(obj, k,
				    json_string((const char *)v));
			free(k);
			xmlFree(v);
		}
		return obj;
	}
	obj = json_object();
	if (depth >= CATALOG_FEED_MAX_DEPTH)
		return obj;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		lang = xmlNodeGetLang(c);
		if (lang != NULL && !edudex_has_elements(c)) {
			/* One element per language: a localized set. */
			set = json_object_get(obj, (const char *)c->name);
			if (!json_is_object(set)) {
				set = json_object();
				json_object_set_new(obj,
				    (const char *)c->name, set);
			}
			text = edudex_xml_text(c);
			js = json_string(text);		/* NULL: not UTF-8 */
			edudex_json_add(set, (const char *)lang,
			    js != NULL ? js : json_string(""));
			free(text);
			xmlFree(lang);
			continue;
		}
		xmlFree(lang);
		edudex_json_add(obj, (const char *)c->name,
		    edudex_xml_to_json(c, depth + 1));
	}
	return obj;
}

static xmlDoc *
edudex_parse_xml(struct edudex *e, const char *data, size_t len, char **cause)
{
	xmlParserCtxt	*ctxt;
	xmlDoc		*doc;
	const xmlError	*err;

	if (len > (size_t)INT32_MAX) {
		*cause = xasprintf("%s: file too large", e->file);
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		*cause = xasprintf("%s: cannot start the XML parser", e->file);
		return NULL;
	}
	/* No entity substitution, no DTD loading, no network. */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, e->file, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		err = xmlCtxtGetLastError(ctxt);
		*cause = xasprintf("%s:%d: not well-formed XML%s%.200s",
		    e->file, err != NULL ? err->line : 0,
		    err != NULL && err->message != NULL ? ": " : "",
		    err != NULL && err->message != NULL ? err->message : "");
		if (strlen(*cause) > 0 && (*cause)[strlen(*cause) - 1] == '\n')
			(*cause)[strlen(*cause) - 1] = '\0';
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

static int edudex_file(struct edudex *e, const char *path, const char *org,
    const char *provider, int depth, char **cause);

/* resolve ref against the folder of base; NULL and *cause for a URL. */
static char *
edudex_resolve(struct edudex *e, const char *base_dir, const char *ref,
    char **cause)
{
	if (strstr(ref, "://") != NULL) {
		if (strncmp(ref, "file://", 7) == 0 && ref[7] == '/')
			return xstrdup(ref + 7);
		edudex_fail(e, cause, "\"%.200s\" is a URL: fetch the feed "
		    "first (leerpunt-sync's harvester) and import the files",
		    ref);
		return NULL;
	}
	if (base_dir == NULL) {
		edudex_fail(e, cause, "\"%.200s\": a directory read from "
		    "memory cannot name files", ref);
		return NULL;
	}
	if (*ref == '/')
		return xstrdup(ref);
	return xasprintf("%s/%s", base_dir, ref);
}

static int
edudex_directory(struct edudex *e, const xmlNode *root, const char *base_dir,
    const char *provider, int depth, char **cause)
{
	const xmlNode	*c, *d;
	char		*org = NULL, *url, *path, *name = NULL, place[64];
	const char	*file = e->file;
	int		 rc = 0;
	size_t		 i = 0;

	for (c = root->children; c != NULL; c = c->next)
		if (edudex_is(c, "orgUnitId")) {
			free(org);
			org = edudex_xml_text(c);
		}
	/* The institute's name from a local institute.xml, when given. */
	for (c = root->children; c != NULL; c = c->next) {
		if (!edudex_is(c, "instituteDataResource"))
			continue;
		url = edudex_xml_text(c);
		if (strstr(url, "://") == NULL && base_dir != NULL) {
			char *p = edudex_resolve(e, base_dir, url, cause), *buf;
			size_t len;

			buf = catalog_feed_read(p, CATALOG_FEED_MAX, &len, cause);
			if (buf != NULL) {
				xmlDoc *doc = edudex_parse_xml(e, buf, len, cause);
				xmlNode *r = doc ? xmlDocGetRootElement(doc) : NULL;

				for (d = r ? r->children : NULL; d != NULL;
				    d = d->next)
					if (edudex_is(d, "instituteName") &&
					    name == NULL)
						name = edudex_xml_text(d);
				xmlFreeDoc(doc);
			}
			free(*cause);
			*cause = NULL;
			free(buf);
			free(p);
		}
		free(url);
	}
	if (name == NULL && provider != NULL)	/* the parent's institute */
		name = xstrdup(provider);
	for (c = root->children; c != NULL && rc == 0; c = c->next) {
		if (edudex_is(c, "subDirectory")) {
			url = edudex_xml_text(c);
			path = edudex_resolve(e, base_dir, url, cause);
			rc = path != NULL ? edudex_file(e, path, org, name,
			    depth + 1, cause) : -1;
			free(path);
			free(url);
		} else if (edudex_is(c, "programResource")) {
			snprintf(place, sizeof place,
			    "/edudexDirectory/programResource[%zu]", ++i);
			catalog_json_path_set(&e->path, place);
			url = NULL;
			for (d = c->children; d != NULL; d = d->next)
				if (edudex_is(d, "resourceUrl")) {
					free(url);
					url = edudex_xml_text(d);
				}
			if (url == NULL || *url == '\0') {
				rc = edudex_warn(e, NULL, cause, "no "
				    "resourceUrl: ignored");
				free(url);
				continue;
			}
			path = edudex_resolve(e, base_dir, url, cause);
			rc = path != NULL ? edudex_file(e, path, org, name,
			    depth, cause) : -1;
			free(path);
			free(url);
		}
		e->file = file;
		edudex_pop(e, 0);
	}
	free(org);
	free(name);
	return rc;
}

/* --- files ------------------------------------------------------------------ */

static int
edudex_json_doc(struct edudex *e, json_t *root, const char *org,
    const char *provider, char **cause)
{
	json_t	*v;
	size_t	 i;

	if (json_is_array(root)) {
		json_array_foreach(root, i, v) {
			edudex_pop(e, 0);
			edudex_push_index(e, i);
			if (edudex_program(e, v, org, provider, cause) != 0)
				return -1;
		}
		edudex_pop(e, 0);
		return 0;
	}
	/* A list wrapped in an object, as some API answers are. */
	if (json_is_array(json_object_get(root, "programs")) ||
	    json_is_array(json_object_get(root, "items"))) {
		const char *k = json_is_array(json_object_get(root,
		    "programs")) ? "programs" : "items";

		json_array_foreach(json_object_get(root, k), i, v) {
			edudex_pop(e, 0);
			edudex_push(e, k);
			edudex_push_index(e, i);
			if (edudex_program(e, v, org, provider, cause) != 0)
				return -1;
		}
		edudex_pop(e, 0);
		return 0;
	}
	edudex_pop(e, 0);
	return edudex_program(e, root, org, provider, cause);
}

static int
edudex_memory(struct edudex *e, const char *data, size_t len,
    const char *base_dir, const char *org, const char *provider, int depth,
    char **cause)
{
	json_error_t	 jerr;
	json_t		*root;
	xmlDoc		*doc;
	xmlNode		*r;
	size_t		 i;
	int		 rc;

	for (i = 0; i < len && isspace((unsigned char)data[i]); i++)
		;
	if (i + 3 <= len && memcmp(data + i, "\xef\xbb\xbf", 3) == 0)
		i += 3;
	if (i < len && (data[i] == '{' || data[i] == '[')) {
		root = json_loadb(data + i, len - i, JSON_REJECT_DUPLICATES,
		    &jerr);
		if (root == NULL) {
			*cause = xasprintf("%s:%d:%d: not valid JSON: %s",
			    e->file, jerr.line, jerr.column, jerr.text);
			return -1;
		}
		rc = edudex_json_doc(e, root, org, provider, cause);
		json_decref(root);
		return rc;
	}
	if ((doc = edudex_parse_xml(e, data, len, cause)) == NULL)
		return -1;
	r = xmlDocGetRootElement(doc);
	if (edudex_is(r, "edudexDirectory"))
		rc = edudex_directory(e, r, base_dir, provider, depth, cause);
	else if (edudex_is(r, "program")) {
		json_t *j = edudex_xml_to_json(r, 0);

		edudex_pop(e, 0);
		edudex_push(e, "program");
		rc = edudex_program(e, j, org, provider, cause);
		json_decref(j);
		edudex_pop(e, 0);
	} else {
		*cause = xasprintf("%s: the root element is <%.64s>, not an "
		    "EDU-DEX <edudexDirectory> or <program>", e->file,
		    r != NULL ? (const char *)r->name : "");
		rc = -1;
	}
	xmlFreeDoc(doc);
	return rc;
}

static int
edudex_file(struct edudex *e, const char *path, const char *org,
    const char *provider, int depth, char **cause)
{
	char		*buf, *dir, *slash, *real;
	const char	*saved = e->file;
	size_t		 len, i;
	int		 rc;

	if (depth > EDUDEX_MAX_DEPTH) {
		*cause = xasprintf("%s: subDirectory nested deeper than %d "
		    "levels", path, EDUDEX_MAX_DEPTH);
		return -1;
	}
	if (++e->nfiles > EDUDEX_MAX_FILES) {
		*cause = xasprintf("%s: more than %d files in one import",
		    path, EDUDEX_MAX_FILES);
		return -1;
	}
	if ((real = realpath(path, NULL)) == NULL)
		real = xstrdup(path);
	for (i = 0; i < e->nseen; i++)
		if (strcmp(e->seen[i], real) == 0) {
			*cause = xasprintf("%s: read twice (a subDirectory "
			    "loop, or a program listed twice)", path);
			free(real);
			return -1;
		}
	if (catalog_feed_read_into(path, CATALOG_FEED_MAX, &e->rbuf[depth],
	    &e->rcap[depth], &len, cause) != 0) {
		free(real);
		return -1;
	}
	buf = e->rbuf[depth];
	/* Only directories can loop; program files are not remembered. */
	if (strstr(buf, "edudexDirectory") != NULL) {
		e->seen = xreallocarray(e->seen, e->nseen + 1,
		    sizeof *e->seen);
		e->seen[e->nseen++] = real;
	} else
		free(real);
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	e->file = path;
	rc = edudex_memory(e, buf, len, dir, org, provider, depth, cause);
	e->file = saved;
	free(dir);
	return rc;
}

static void
edudex_init(struct edudex *e, struct catalog_import *imp)
{
	memset(e, 0, sizeof *e);
	e->imp = imp;
	catalog_clock_today(e->today);
}

static void
edudex_done(struct edudex *e)
{
	size_t	 i;

	for (i = 0; i < e->nseen; i++)
		free(e->seen[i]);
	free(e->seen);
	for (i = 0; i < e->nthemes; i++)
		free(e->themes[i]);
	free(e->themes);
	for (i = 0; i <= EDUDEX_MAX_DEPTH; i++)
		free(e->rbuf[i]);
	catalog_json_path_free(&e->path);
}

int
catalog_edudex_import(struct catalog_import *imp, const char *file,
    char **cause)
{
	struct edudex	 e;
	int		 rc;

	edudex_init(&e, imp);
	e.file = file;
	rc = edudex_load_themes(&e, cause);
	if (rc == 0)
		rc = edudex_file(&e, file, NULL, NULL, 0, cause);
	edudex_done(&e);
	return rc;
}

int
catalog_edudex_import_memory(struct catalog_import *imp, const char *name,
    const char *data, size_t len, const char *base_dir, char **cause)
{
	struct edudex	 e;
	int		 rc;

	edudex_init(&e, imp);
	e.file = name;
	if (len > CATALOG_FEED_MAX) {
		*cause = xasprintf("%s: file is larger than the limit of %d "
		    "MiB", name, CATALOG_FEED_MAX / (1024 * 1024));
		return -1;
	}
	rc = edudex_load_themes(&e, cause);
	if (rc == 0)
		rc = edudex_memory(&e, data, len, base_dir, NULL, NULL, 0,
		    cause);
	edudex_done(&e);
	return rc;
}

int
catalog_edudex_sniff(const char *head, size_t n)
{
	return memmem(head, n, "studieData.nl/schema/edudex", 27) != NULL ||
	    memmem(head, n, "<edudexDirectory", 16) != NULL ||
	    (memmem(head, n, "\"programClassification\"", 23) != NULL ||
	    memmem(head, n, "\"programDescriptions\"", 21) != NULL ||
	    memmem(head, n, "\"programSchedule\"", 17) != NULL);
}
