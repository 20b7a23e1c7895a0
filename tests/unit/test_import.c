/*
 * test_import: the CSV format, all-or-nothing imports, re-imports that
 * update instead of duplicating, the language fallback on reading, and
 * the full-text index an import writes in one pass at its end. A bad
 * value in an optional column is dropped with a warning naming
 * FILE:LINE:COLUMN and the entry kept; under CATALOG_IMPORT_STRICT the
 * same input fails; id, kind, title and the header stay errors.
 */
#include "unit.h"

#include "catalog/dbint.h"

#include "catalog/entry.h"
#include "catalog/search.h"
#include "catalog/theme.h"

#define HEADER "id,kind,provider,themes,city,province,lat,lon,link," \
	"title_nl,title_en,summary_nl,summary_en,title_ar,start,mode,cost," \
	"instruction_lang\n"
#define WELD "weld,course,Albeda,technical,Rotterdam,Zuid-Holland,51.92," \
	"4.47,https://www.albeda.nl/,Lassen voor beginners," \
	"Welding for beginners,Je leert lassen.,You learn to weld.," \
	"دورة اللحام,2027-01-10,onsite,0,nl\n"
#define WELD2 "weld,,,,,,,,,,,,,,2027-03-01,blended,450.50,nl\n"
#define CARE "care,course,ROC,care;language,Utrecht,Utrecht,,,," \
	"Helpende zorg,,\"Werken in de zorg, met \"\"hart\"\".\",,,,,,\n"

/* The one entry text finds, or -1. */
static int64_t
id_of(struct catalog_db *db, const char *text)
{
	return unit_search_id(db, text, 1);
}

static void
test_good_import(void **state)
{
	struct unit_db *u = unit_db_new();
	struct catalog_entry *e;
	char *cause = NULL;
	int64_t id;

	(void)state;
	assert_int_equal(unit_import(u->db, "s", &cause, UNIT_THEMES,
	    HEADER WELD WELD2 CARE, NULL), 0);
	assert_int_equal(catalog_db_entry_count(u->db), 2);
	assert_int_equal(catalog_db_version(u->db), 1);
	id = id_of(u->db, "lassen");
	assert_true(id > 0);
	e = catalog_entry_get(u->db, id, "nl", &cause);
	assert_non_null(e);
	assert_string_equal(e->key, "weld");
	assert_int_equal(e->kind, CATALOG_KIND_COURSE);
	assert_string_equal(e->provider, "Albeda");
	assert_string_equal(e->city, "Rotterdam");
	assert_true(e->has_geo);
	assert_true(e->lat > 51.9 && e->lat < 51.93);
	assert_string_equal(e->link, "https://www.albeda.nl/");
	assert_string_equal(e->title.value, "Lassen voor beginners");
	assert_string_equal(e->title.lang, "nl");
	assert_int_equal(e->nthemes, 1);
	assert_string_equal(e->themes[0], "technical");
	assert_int_equal(e->nofferings, 2);
	assert_string_equal(e->offerings[0].start, "2027-01-10");
	assert_int_equal(e->offerings[0].mode, CATALOG_MODE_ONSITE);
	assert_int_equal(e->offerings[0].cost_cents, 0);
	assert_string_equal(e->offerings[0].lang, "nl");
	assert_int_equal(e->offerings[1].cost_cents, 45050);
	assert_int_equal(e->offerings[1].mode, CATALOG_MODE_BLENDED);
	catalog_entry_free(e);

	/* Quoted field with a comma and doubled quotes. */
	e = catalog_entry_get(u->db, id_of(u->db, "helpende"), "nl", &cause);
	assert_non_null(e);
	assert_string_equal(e->summary.value, "Werken in de zorg, met \"hart\".");
	assert_int_equal(e->nthemes, 2);
	assert_int_equal(e->nofferings, 0);
	catalog_entry_free(e);
	unit_db_free(u);
}

static void
test_fallback_chain(void **state)
{
	struct unit_db *u = unit_db_new();
	struct catalog_entry *e;
	char *cause = NULL;
	int64_t id;

	(void)state;
	assert_int_equal(unit_import(u->db, "s", &cause, UNIT_THEMES,
	    HEADER WELD CARE, NULL), 0);
	id = id_of(u->db, "lassen");
	/* Arabic: title in Arabic, summary falls back to English. */
	e = catalog_entry_get(u->db, id, "ar", &cause);
	assert_string_equal(e->title.lang, "ar");
	assert_string_equal(e->summary.value, "You learn to weld.");
	assert_string_equal(e->summary.lang, "en");
	assert_null(e->description.value);
	assert_string_equal(e->description.lang, "");
	catalog_entry_free(e);
	/* Turkish: nothing in Turkish, English first. */
	e = catalog_entry_get(u->db, id, "tr", &cause);
	assert_string_equal(e->title.value, "Welding for beginners");
	assert_string_equal(e->title.lang, "en");
	catalog_entry_free(e);
	/* Only Dutch present: English asked, Dutch given. */
	e = catalog_entry_get(u->db, id_of(u->db, "helpende"), "en", &cause);
	assert_string_equal(e->title.lang, "nl");
	catalog_entry_free(e);
	/* Missing entry. */
	assert_null(catalog_entry_get(u->db, 9999, "nl", &cause));
	assert_non_null(strstr(cause, "9999"));
	free(cause);
	unit_db_free(u);
}

static void
test_any_language_fallback(void **state)
{
	struct unit_db *u = unit_db_new();
	struct catalog_entry *e;
	char *cause = NULL;

	(void)state;
	assert_int_equal(unit_import(u->db, "s", &cause, UNIT_THEMES,
	    "id,kind,provider,themes,title_uk,title_pl\n"
	    "x,course,P,care,Курси зварювання,Kurs spawania\n", NULL), 0);
	e = catalog_entry_get(u->db, id_of(u->db, "spawania"), "nl", &cause);
	assert_non_null(e);
	/* Neither nl nor en: the first language present, alphabetically. */
	assert_string_equal(e->title.lang, "pl");
	catalog_entry_free(e);
	unit_db_free(u);
}

static void
test_reimport_updates(void **state)
{
	struct unit_db *u = unit_db_new();
	struct catalog_import_summary sum;
	struct catalog_import *imp;
	struct catalog_csv *csv;
	struct catalog_entry *e;
	char *cause = NULL;
	int64_t id, oid;
	const char *v2 = HEADER
	    "weld,course,Albeda,technical,Rotterdam,Zuid-Holland,51.92,4.47,"
	    "https://www.albeda.nl/,Lassen (MIG/MAG),Welding for beginners,"
	    "Je leert lassen.,You learn to weld.,,2027-01-10,onsite,0,nl\n";

	(void)state;
	assert_int_equal(unit_import(u->db, "s", &cause, UNIT_THEMES,
	    HEADER WELD WELD2 CARE, NULL), 0);
	id = id_of(u->db, "lassen");
	e = catalog_entry_get(u->db, id, "nl", &cause);
	oid = e->offerings[0].id;
	catalog_entry_free(e);

	/* Same data again: all unchanged, version stays. */
	imp = catalog_import_begin(u->db, "s", &cause);
	csv = catalog_csv_new("a.csv", HEADER WELD WELD2 CARE,
	    strlen(HEADER WELD WELD2 CARE));
	assert_int_equal(catalog_csvimport_read(imp, csv, &cause), 0);
	catalog_csv_free(csv);
	assert_int_equal(catalog_import_commit(imp, &sum, &cause), 0);
	assert_int_equal(sum.unchanged, 2);
	assert_int_equal(sum.created + sum.updated + sum.removed, 0);
	catalog_import_summary_done(&sum);
	assert_int_equal(catalog_db_version(u->db), 1);

	/* Changed title, one offering and the Arabic text gone, care gone. */
	imp = catalog_import_begin(u->db, "s", &cause);
	csv = catalog_csv_new("b.csv", v2, strlen(v2));
	assert_int_equal(catalog_csvimport_read(imp, csv, &cause), 0);
	catalog_csv_free(csv);
	assert_int_equal(catalog_import_commit(imp, &sum, &cause), 0);
	assert_int_equal(sum.updated, 1);
	assert_int_equal(sum.removed, 1);
	assert_int_equal(sum.created, 0);
	catalog_import_summary_done(&sum);
	assert_int_equal(catalog_db_version(u->db), 2);
	assert_int_equal(catalog_db_entry_count(u->db), 1);

	assert_int_equal(id_of(u->db, "mig"), id);	/* id is stable */
	assert_int_equal(id_of(u->db, "helpende"), -1);
	assert_int_equal(id_of(u->db, "اللحام"), -1);	/* old text unindexed */
	e = catalog_entry_get(u->db, id, "ar", &cause);
	assert_string_equal(e->title.lang, "en");
	assert_int_equal(e->nofferings, 1);
	assert_int_equal(e->offerings[0].id, oid);	/* offering id stable */
	catalog_entry_free(e);
	unit_db_free(u);
}

static void
test_other_source_untouched(void **state)
{
	struct unit_db *u = unit_db_new();
	char *cause = NULL;

	(void)state;
	assert_int_equal(unit_import(u->db, "a", &cause, UNIT_THEMES,
	    HEADER WELD, NULL), 0);
	assert_int_equal(unit_import(u->db, "b", &cause, HEADER CARE, NULL),
	    0);
	assert_int_equal(catalog_db_entry_count(u->db), 2);
	unit_db_free(u);
}

/*
 * Import csv as t1.csv under source "s" with options (CATALOG_IMPORT_*);
 * 0 and *sum, or -1 and *cause (the import was aborted).
 */
static int
import_opt(struct catalog_db *db, const char *text, int options,
    struct catalog_import_summary *sum, char **cause)
{
	struct catalog_import *imp;
	struct catalog_csv *csv;
	int rc;

	if ((imp = catalog_import_begin(db, "s", cause)) == NULL)
		return -1;
	catalog_import_set_options(imp, options);
	csv = catalog_csv_new("t1.csv", text, strlen(text));
	rc = catalog_csvimport_read(imp, csv, cause);
	catalog_csv_free(csv);
	if (rc != 0) {
		catalog_import_abort(imp);
		return -1;
	}
	return catalog_import_commit(imp, sum, cause);
}

/* The import of csv fails with where and why, and changes nothing. */
static void
assert_fails(struct unit_db *u, const char *csv, int options,
    const char *where, const char *why)
{
	struct catalog_import_summary sum;
	int64_t count = catalog_db_entry_count(u->db);
	int64_t version = catalog_db_version(u->db);
	char *cause = NULL;

	if (import_opt(u->db, csv, options, &sum, &cause) == 0)
		fail_msg("import succeeded; wanted \"%s\"", why);
	if (strstr(cause, where) == NULL || strstr(cause, why) == NULL)
		fail_msg("cause \"%s\" lacks \"%s\" or \"%s\"", cause, where,
		    why);
	free(cause);
	assert_int_equal(catalog_db_entry_count(u->db), count);
	assert_int_equal(catalog_db_version(u->db), version);
}

/* Each bad input fails with the exact place, with or without --strict. */
static void
assert_bad(struct unit_db *u, const char *csv, const char *where,
    const char *why)
{
	assert_fails(u, csv, 0, where, why);
	assert_fails(u, csv, CATALOG_IMPORT_STRICT, where, why);
}

/*
 * A bad optional value: with --strict the import fails with where and
 * why; without it the import succeeds with one warning holding both (and
 * "value dropped"), and the entry with key is stored, read in Dutch.
 */
static struct catalog_entry *
assert_warned(struct unit_db *u, const char *csv, const char *where,
    const char *why, const char *key)
{
	struct catalog_import_summary sum;
	char *cause = NULL;

	assert_fails(u, csv, CATALOG_IMPORT_STRICT, where, why);
	if (import_opt(u->db, csv, 0, &sum, &cause) != 0)
		fail_msg("lenient import failed: %s", cause);
	assert_int_equal(sum.warnings, 1);
	assert_int_equal(sum.nwarning_texts, 1);
	if (strstr(sum.warning_texts[0], where) == NULL ||
	    strstr(sum.warning_texts[0], why) == NULL ||
	    strstr(sum.warning_texts[0], "value dropped") == NULL)
		fail_msg("warning \"%s\" lacks \"%s\" or \"%s\"",
		    sum.warning_texts[0], where, why);
	catalog_import_summary_done(&sum);
	return unit_entry_by_key(u->db, key, "nl");
}

static void
test_bad_rows(void **state)
{
	struct unit_db *u = unit_db_new();
	char *cause = NULL;

	(void)state;
	assert_int_equal(unit_import(u->db, "s", &cause, UNIT_THEMES,
	    HEADER WELD, NULL), 0);
	/* A good row before the bad one is not kept either. */
	assert_fails(u, HEADER CARE
	    "x,course,P,care,,,,,,T,,,,,2027-02-30,,,\n",
	    CATALOG_IMPORT_STRICT, "t1.csv:3:", "start: date \"2027-02-30\"");
	assert_fails(u, HEADER "x,course,P,care,,,,,,T,,,,,,,abc,\n",
	    CATALOG_IMPORT_STRICT, "t1.csv:2:", "cost: cost \"abc\"");
	assert_bad(u, HEADER "x,lecture,P,care,,,,,,T,,,,,,,,\n",
	    "t1.csv:2:3:", "kind");
	assert_bad(u, HEADER "x,course,P,nosuch,,,,,,T,,,,,,,,\n",
	    "t1.csv:2:", "nosuch");
	assert_bad(u, HEADER "x,course,P,care,,,,,ftp://x,T,,,,,,,,\n",
	    "t1.csv:2:", "https://");
	assert_fails(u, HEADER "x,course,P,care,,,91,4,,T,,,,,,,,\n",
	    CATALOG_IMPORT_STRICT, "t1.csv:2:", "latitude");
	assert_fails(u, HEADER "x,course,P,care,,,52,,,T,,,,,,,,\n",
	    CATALOG_IMPORT_STRICT, "t1.csv:2:", "both lat and lon");
	assert_bad(u, HEADER "x,course,P,care,,,,,,,,,,,,,,\n",
	    "t1.csv:2:1:", "no title");
	assert_bad(u, HEADER "x,course,,care,,,,,,T,,,,,,,,\n",
	    "t1.csv:2:", "provider");
	assert_fails(u, HEADER "x,course,P,care,,,,,,T,,,,,,walk,,\n",
	    CATALOG_IMPORT_STRICT, "t1.csv:2:", "mode");
	assert_bad(u, HEADER "x,course,P,care\n", "t1.csv:2:",
	    "4 fields, the header has 18");
	assert_bad(u, HEADER "x,course,P,care,,,,,,\"T,,,,,,,,\n",
	    "t1.csv:2:", "never closed");
	assert_bad(u, HEADER "x,course,P,care,,,,,,T\"x,,,,,,,,\n",
	    "t1.csv:2:", "quote");
	assert_bad(u, HEADER "x,course,P,care,,,,,,T\xc3\x28,,,,,,,,\n",
	    "t1.csv:2:", "UTF-8");
	assert_bad(u, "id,kind,provider,themes,title_nl,colour\n",
	    "t1.csv:1:", "unknown column \"colour\"");
	assert_bad(u, "id,kind,provider,title_nl\n", "t1.csv:1:1:",
	    "\"themes\"");
	assert_bad(u, "id,kind,provider,themes,title_nl,title_nl\n",
	    "t1.csv:1:", "twice");
	assert_bad(u, "id,kind,provider,themes,title_x!\n", "t1.csv:1:",
	    "language");
	assert_bad(u, HEADER WELD CARE WELD, "t1.csv:4:1:", "twice");
	assert_bad(u, HEADER WELD "weld,course,,,,,,,,,,,,,2027-05-01,,,\n",
	    "t1.csv:3:", "continues");
	assert_bad(u, "", "t1.csv:1:1:", "empty");
	unit_db_free(u);
}

#define LHEAD "id,kind,provider,themes,title_nl,lat,lon,start,end,duration," \
	"hours_per_week,mode,cost,instruction_lang\n"

/* Bad optional values: dropped with a warning, the entry kept. */
static void
test_lenient_rows(void **state)
{
	struct unit_db *u = unit_db_new();
	struct catalog_entry *e;
	char *cause = NULL;

	(void)state;
	assert_int_equal(unit_import(u->db, "s", &cause, UNIT_THEMES, NULL),
	    0);
	e = assert_warned(u, LHEAD "x,course,P,care,Lassen,,,2027-02-30,"
	    "2027-06-30,P3M,8,onsite,10,nl\n", "t1.csv:2:26: start:",
	    "2027-02-30", "x");
	assert_string_equal(e->title.value, "Lassen");
	assert_int_equal(e->nofferings, 1);
	assert_null(e->offerings[0].start);	/* only that value dropped */
	assert_string_equal(e->offerings[0].end, "2027-06-30");
	assert_string_equal(e->offerings[0].duration, "P3M");
	assert_int_equal(e->offerings[0].hours_per_week, 8);
	assert_int_equal(e->offerings[0].mode, CATALOG_MODE_ONSITE);
	assert_int_equal(e->offerings[0].cost_cents, 1000);
	assert_string_equal(e->offerings[0].lang, "nl");
	catalog_entry_free(e);

	e = assert_warned(u, LHEAD "x,course,P,care,Lassen,,,,soon,,,,,\n",
	    "t1.csv:2:27: end:", "soon", "x");
	assert_null(e->offerings[0].end);
	catalog_entry_free(e);
	e = assert_warned(u, LHEAD "x,course,P,care,Lassen,,,,,3 months,,,,\n",
	    "t1.csv:2:28: duration:", "3 months", "x");
	assert_null(e->offerings[0].duration);
	catalog_entry_free(e);
	e = assert_warned(u, LHEAD "x,course,P,care,Lassen,,,,,,99,,,\n",
	    "t1.csv:2:29: hours_per_week:", "hours_per_week \"99\"", "x");
	assert_int_equal(e->offerings[0].hours_per_week, 0);
	catalog_entry_free(e);
	e = assert_warned(u, LHEAD "x,course,P,care,Lassen,,,,,,,walk,,\n",
	    "t1.csv:2:30: mode:", "mode \"walk\"", "x");
	assert_int_equal(e->offerings[0].mode, 0);
	catalog_entry_free(e);
	e = assert_warned(u, LHEAD "x,course,P,care,Lassen,,,,,,,,abc,\n",
	    "t1.csv:2:31: cost:", "cost \"abc\"", "x");
	assert_int_equal(e->offerings[0].cost_cents, -1);
	catalog_entry_free(e);
	e = assert_warned(u, LHEAD "x,course,P,care,Lassen,,,,,,,,,x y\n",
	    "t1.csv:2:32: instruction_lang:", "\"x y\"", "x");
	assert_int_equal(e->offerings[0].lang[0], '\0');
	catalog_entry_free(e);
	/* A position is dropped whole. */
	e = assert_warned(u, LHEAD "x,course,P,care,Lassen,north,4,,,,,,,\n",
	    "t1.csv:2:24: lat:", "lat \"north\" is not a number", "x");
	assert_false(e->has_geo);
	catalog_entry_free(e);
	e = assert_warned(u, LHEAD "x,course,P,care,Lassen,91,4,,,,,,,\n",
	    "t1.csv:2:24: lat:", "latitude", "x");
	assert_false(e->has_geo);
	catalog_entry_free(e);
	e = assert_warned(u, LHEAD "x,course,P,care,Lassen,,4,,,,,,,\n",
	    "t1.csv:2:25: lon:", "both lat and lon", "x");
	assert_false(e->has_geo);
	catalog_entry_free(e);
	/* Essential problems stay errors without --strict, even beside a
	 * value that is only warned about. */
	assert_fails(u, LHEAD ",course,P,care,Lassen,,,soon,,,,,,\n", 0,
	    "t1.csv:2:1:", "id is empty");
	assert_fails(u, LHEAD "y,course,P,care,,,,soon,,,,,,\n", 0,
	    "t1.csv:2:1:", "no title");
	assert_fails(u, LHEAD "y,talk,P,care,T,,,soon,,,,,,\n", 0,
	    "t1.csv:2:3:", "kind");
	assert_bad(u, LHEAD "y,course,P,care,,,,,,,,,,\n", "t1.csv:2:1:",
	    "no title");
	assert_bad(u, LHEAD "y,talk,P,care,T,,,,,,,,,\n", "t1.csv:2:3:",
	    "kind");
	assert_int_equal(catalog_db_entry_count(u->db), 1);	/* x only */
	unit_db_free(u);
}

static void
test_long_text_refused(void **state)
{
	struct unit_db *u = unit_db_new();
	size_t n = 10 * 1024 * 1024;
	char *csv = xmalloc(n + 200), *cause = NULL;
	int len;

	(void)state;
	assert_int_equal(unit_import(u->db, "s", &cause, UNIT_THEMES, NULL),
	    0);
	len = sprintf(csv, "id,kind,provider,themes,title_nl\nx,course,P,"
	    "care,");
	memset(csv + len, 'a', n);
	strcpy(csv + len + n, "\n");
	assert_bad(u, csv, "t1.csv:2:", "too long");
	free(csv);
	unit_db_free(u);
}

static void
test_themes(void **state)
{
	struct unit_db *u = unit_db_new();
	struct catalog_theme *t;
	char *cause = NULL;
	size_t n;

	(void)state;
	assert_int_equal(unit_import(u->db, "s", &cause, UNIT_THEMES,
	    HEADER WELD CARE, NULL), 0);
	t = catalog_theme_list(u->db, "en", &n);
	assert_int_equal(n, 3);
	assert_string_equal(t[0].key, "technical");
	assert_string_equal(t[0].label.value, "Technology");
	assert_string_equal(t[0].label.lang, "en");
	assert_string_equal(t[0].hint.value, "Lassen en machines.");
	assert_string_equal(t[0].hint.lang, "nl");	/* no English hint */
	assert_int_equal(t[0].count, 1);
	assert_string_equal(t[2].key, "language");
	assert_int_equal(t[2].count, 1);
	catalog_theme_list_free(t, n);
	t = catalog_theme_list(u->db, "ar", &n);
	assert_string_equal(t[1].label.value, "Care");
	catalog_theme_list_free(t, n);
	assert_bad(u, "theme,label_nl\nBad Key,X\n", "t1.csv:2:1:", "theme");
	assert_bad(u, "theme,position\nx,1\n", "t1.csv:1:", "label");
	unit_db_free(u);
}


/*
 * Everything the three full-text indexes hold, as sorted lines "index
 * term entry-key language": comparable between two catalogues whose
 * entry ids differ.
 */
static char *
index_dump(struct catalog_db *db)
{
	static const char *const fts[] = { "title_fts", "head_fts",
	    "entry_fts" };
	sqlite3 *sq = catalog_db_sqlite(db);
	sqlite3_stmt *st;
	size_t len = 0, cap = 4096, i;
	char *out = xmalloc(cap), *sql;

	out[0] = '\0';
	for (i = 0; i < 3; i++) {
		sql = xasprintf("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v_%s"
		    " USING fts5vocab(main, %s, 'instance')", fts[i], fts[i]);
		assert_int_equal(sqlite3_exec(sq, sql, NULL, NULL, NULL),
		    SQLITE_OK);
		free(sql);
		sql = xasprintf("SELECT v.term, e.key, l.lang"
		    " FROM temp.v_%s v LEFT JOIN entry e ON e.id = v.doc / 64"
		    " LEFT JOIN search_lang l ON l.slot = v.doc %% 64"
		    " ORDER BY 1, 2, 3", fts[i]);
		assert_int_equal(sqlite3_prepare_v2(sq, sql, -1, &st, NULL),
		    SQLITE_OK);
		free(sql);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *k = (const char *)sqlite3_column_text(st, 1);
			const char *l = (const char *)sqlite3_column_text(st, 2);
			char *line = xasprintf("%s %s %s %s\n", fts[i],
			    sqlite3_column_text(st, 0), k != NULL ? k :
			    "(no entry)", l != NULL ? l : "(no language)");
			size_t n = strlen(line);

			if (len + n + 1 > cap) {
				cap = (len + n + 1) * 2;
				out = xreallocarray(out, cap, 1);
			}
			memcpy(out + len, line, n + 1);
			len += n;
			free(line);
		}
		sqlite3_finalize(st);
	}
	return out;
}

#define IDX_HEADER "id,kind,provider,themes,city,title_nl,summary_nl," \
	"description_nl,title_en,title_ar,title_uk,title_tr\n"
#define IDX_A1 "a,course,P,technical,Delft,Lassen voor beginners,Je leert lassen.," \
	"Met echte machines.,Welding for beginners,دورة اللحام,,\n"
#define IDX_A2 "a,course,P,technical,Delft,Lassen en snijden,Je leert lassen.," \
	"Met echte machines.,Welding for beginners,,,\n"
#define IDX_A3 "a,course,P,technical,Delft,Lassen en snijden,Je leert snijden.," \
	"Met echte machines.,Welding for beginners,,,\n"
#define IDX_B "b,course,P,technical,Gouda,Koken,Samen koken.,In de keuken.,,,,\n"
#define IDX_C "c,course,P,technical,Kyiv,Taal,Nederlands leren.,,,,Курси мови,\n"
#define IDX_D1 "d,course,P,technical,Ede,Heftruck,Rijbewijs heftruck.,,,,,Forklift\n"
#define IDX_D2 "d,course,P,technical,Ede,Heftruck,Rijbewijs heftruck.,,Forklift,,,\n"
#define IDX_E "e,course,P,technical,Ede,Nooit,Komt er niet in.,,,,,\n"
#define IDX_F "f,community,Q,language,Zwolle,Taalcafé,Praten over alles.,,,,,\n"

/*
 * Imports index their rows in one pass at the end (import.c): after new,
 * changed, removed and failed imports the indexes hold exactly what one
 * import of the final data into a new catalogue writes.
 */
static void
test_index_matches_fresh_import(void **state)
{
	struct unit_db *u = unit_db_new(), *fresh = unit_db_new();
	char *cause = NULL, *before, *got, *want;

	(void)state;
	assert_int_equal(unit_import(u->db, "s", &cause, UNIT_THEMES,
	    IDX_HEADER IDX_A1 IDX_B IDX_C, NULL), 0);
	/* A changed, its Arabic gone; C removed; D new. */
	assert_int_equal(unit_import(u->db, "s", &cause,
	    IDX_HEADER IDX_A2 IDX_B IDX_D1, NULL), 0);
	/* A failed import leaves the index as it was. */
	before = index_dump(u->db);
	assert_int_equal(unit_import(u->db, "s", &cause,
	    IDX_HEADER IDX_A3 IDX_E "x,nonsense\n", NULL), -1);
	free(cause);
	cause = NULL;
	got = index_dump(u->db);
	assert_string_equal(got, before);
	free(got);
	free(before);
	assert_int_equal(id_of(u->db, "nooit"), -1);
	/* Another source, then A's summary and D's languages change. */
	assert_int_equal(unit_import(u->db, "t", &cause,
	    IDX_HEADER IDX_F, NULL), 0);
	assert_int_equal(unit_import(u->db, "s", &cause,
	    IDX_HEADER IDX_A3 IDX_B IDX_D2, NULL), 0);

	assert_int_equal(unit_import(fresh->db, "s", &cause, UNIT_THEMES,
	    IDX_HEADER IDX_A3 IDX_B IDX_D2, NULL), 0);
	assert_int_equal(unit_import(fresh->db, "t", &cause,
	    IDX_HEADER IDX_F, NULL), 0);
	got = index_dump(u->db);
	want = index_dump(fresh->db);
	assert_string_equal(got, want);
	/* Spot checks, so that two empty indexes cannot pass. */
	assert_non_null(strstr(got, "title_fts snijden a nl\n"));
	assert_non_null(strstr(got, "entry_fts keuken b nl\n"));
	assert_non_null(strstr(got, "head_fts forklift d en\n"));
	assert_null(strstr(got, " c "));	/* C is gone */
	assert_null(strstr(got, "اللحام"));
	assert_null(strstr(got, " d tr\n"));
	free(got);
	free(want);
	assert_true(id_of(u->db, "snijden") > 0);
	assert_int_equal(id_of(u->db, "kyiv"), -1);
	unit_db_free(u);
	unit_db_free(fresh);
}

/* More languages than the search index has room for: refused, clearly. */
static void
test_too_many_languages(void **state)
{
	struct unit_db *u = unit_db_new();
	char head[64 * 12 + 64] = "id,kind,provider,themes", row[64 * 4 + 64]
	    = "x,course,P,technical";
	char *cause = NULL, *csv;
	int i;

	(void)state;
	assert_int_equal(unit_import(u->db, "s", &cause, UNIT_THEMES,
	    HEADER WELD, NULL), 0);
	for (i = 0; i < 64; i++) {
		snprintf(head + strlen(head), sizeof head - strlen(head),
		    ",title_x%c%c", 'a' + i / 26, 'a' + i % 26);
		strcat(row, ",T");
	}
	csv = xasprintf("%s\n%s\n", head, row);
	assert_int_equal(unit_import(u->db, "s", &cause, csv, NULL), -1);
	assert_non_null(strstr(cause, "more than 63 languages"));
	free(cause);
	free(csv);
	assert_int_equal(catalog_db_entry_count(u->db), 1);
	assert_true(id_of(u->db, "lassen") > 0);
	unit_db_free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_import),
		cmocka_unit_test(test_fallback_chain),
		cmocka_unit_test(test_any_language_fallback),
		cmocka_unit_test(test_reimport_updates),
		cmocka_unit_test(test_other_source_untouched),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_long_text_refused),
		cmocka_unit_test(test_lenient_rows),
		cmocka_unit_test(test_themes),
		cmocka_unit_test(test_index_matches_fresh_import),
		cmocka_unit_test(test_too_many_languages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
