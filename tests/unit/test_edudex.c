/*
 * test_edudex: EDU-DEX import, with programs written from the Data API's
 * program model (../shared/samples/reference/edudex-data-api-v1-openapi.json)
 * and the same program as XML. Fields map as docs/edudex-import.md says;
 * search words are found but not shown; cancelled and past runs are not
 * offered; genericProgramRun gives the cost without runs; essential fields
 * are strict (catalogue unchanged), optional ones warn; directories are
 * followed relative to their file, loops and URLs refused.
 */
#include "unit.h"

#include <sys/stat.h>

#include "catalog/clock.h"
#include "catalog/edudex.h"
#include "catalog/entry.h"

#define KEY "edudex:org-1/P-1"

/* A Data API program: three runs (open, canceled, deadline passed). */
static const char prog_json[] =
    "{\"programClassification\": {\"orgUnitId\": \"org-1\","
    "  \"programId\": \"P-1\", \"programLevel\": \"mbo niveau 3\","
    "  \"programType\": \"training\", \"programForm\": [\"part-time\"],"
    "  \"programDuration\": {\"weeks\": 10},"
    "  \"theme\": [\"care and personal care\", \"health and safety\"]},"
    " \"programDescriptions\": {"
    "  \"programName\": {\"nl\": \"Helpende zorg\", \"en\": \"Care helper\"},"
    "  \"programSummaryText\": {\"nl\": \"Werken in de zorg.\"},"
    "  \"programDescriptionText\": {\"nl\": \"Praktijk & theorie.\"},"
    "  \"searchword\": {\"nl\": [\"verzorgende\", \"thuiszorg\"]},"
    "  \"webLink\": {\"nl\": \"https://example.org/zorg\"}},"
    " \"programCurriculum\": {\"instructionLanguage\": ["
    "  {\"languageCode\": \"en\", \"percentage\": 20},"
    "  {\"languageCode\": \"nl\", \"percentage\": 80}]},"
    " \"programContacts\": {\"contactData\": [{\"contactName\": \"Info\","
    "  \"role\": \"x\", \"email\": \"info@example.org\"}]},"
    " \"programSchedule\": {\"programRun\": ["
    "  {\"id\": \"open\", \"status\": \"application opened\","
    "   \"startDate\": {\"date\": \"2027-01-11\", \"isFinal\": true},"
    "   \"endDate\": {\"date\": \"2027-03-19\", \"isFinal\": true},"
    "   \"applicationDeadline\": \"2026-12-20\","
    "   \"location\": {\"locationName\": {\"nl\": \"Zorgcampus\"},"
    "    \"city\": \"Utrecht\", \"geoCode\": \"52.09,5.12\"},"
    "   \"cost\": [{\"amount\": \"395.00\", \"costType\": \"tuition fee\","
    "    \"isRequiredCost\": true}, {\"amount\": \"45.50\", \"costType\":"
    "    \"study material\"}, {\"amount\": \"99.00\", \"costType\":"
    "    \"lunch\", \"isRequiredCost\": false}]},"
    "  {\"id\": \"gone\", \"status\": \"canceled\","
    "   \"startDate\": {\"date\": \"2027-02-01\", \"isFinal\": true},"
    "   \"endDate\": {\"date\": \"2027-04-01\", \"isFinal\": true}},"
    "  {\"id\": \"late\", \"status\": \"application opened\","
    "   \"applicationDeadline\": \"2026-11-01\","
    "   \"startDate\": {\"date\": \"2027-01-05\", \"isFinal\": true},"
    "   \"endDate\": {\"date\": \"2027-02-05\", \"isFinal\": true}}]}}";

/* The same program as an EDU-DEX program XML file (open run only). */
static const char prog_xml[] =
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<program xmlns='http://studieData.nl/schema/edudex/program'>"
    "<programClassification><orgUnitId>org-1</orgUnitId>"
    "<programId>P-1</programId><programLevel>mbo niveau 3</programLevel>"
    "<programForm>part-time</programForm>"
    "<programDuration unit='week'>10</programDuration>"
    "<theme>care and personal care</theme><theme>health and safety</theme>"
    "</programClassification><programDescriptions>"
    "<programName xml:lang='nl'>Helpende zorg</programName>"
    "<programName xml:lang='en'>Care helper</programName>"
    "<programSummaryText xml:lang='nl'>Werken in de zorg.</programSummaryText>"
    "<programDescriptionText xml:lang='nl'>Praktijk &amp; theorie."
    "</programDescriptionText>"
    "<searchword xml:lang='nl'>verzorgende</searchword>"
    "<searchword xml:lang='nl'>thuiszorg</searchword>"
    "<webLink xml:lang='nl'>https://example.org/zorg</webLink>"
    "</programDescriptions><programSchedule><programRun><id>open</id>"
    "<status>application opened</status>"
    "<startDate><date>2027-01-11</date><isFinal>true</isFinal></startDate>"
    "<endDate><date>2027-03-19</date><isFinal>true</isFinal></endDate>"
    "<location><city>Utrecht</city><geoCode>52.09,5.12</geoCode></location>"
    "<cost><amount>395.00</amount><isRequiredCost>true</isRequiredCost>"
    "</cost></programRun></programSchedule></program>";

static int
import_mem(struct catalog_db *db, const char *data, int options,
    struct catalog_import_summary *sum, char **cause)
{
	struct catalog_import *imp;

	if ((imp = catalog_import_begin(db, "edudex:test", cause)) == NULL)
		return -1;
	catalog_import_set_options(imp, options);
	if (catalog_edudex_import_memory(imp, "t.json", data, strlen(data),
	    NULL, cause) != 0) {
		catalog_import_abort(imp);
		return -1;
	}
	return catalog_import_commit(imp, sum, cause);
}

static void
setup_clock(void)
{
	assert_int_equal(catalog_clock_set_today("2026-11-27"), 0);
}

static void
test_json_program(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_import_summary sum;
	struct catalog_entry *e;
	char *cause = NULL;

	(void)state;
	setup_clock();
	if (import_mem(u->db, prog_json, 0, &sum, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(sum.created, 1);
	assert_int_equal(sum.warnings, 0);
	catalog_import_summary_done(&sum);
	e = unit_entry_by_key(u->db, KEY, "nl");
	assert_string_equal(e->title.value, "Helpende zorg");
	assert_string_equal(e->summary.value, "Werken in de zorg.");
	assert_string_equal(e->description.value, "Praktijk & theorie.");
	assert_string_equal(e->level, "mbo3");
	assert_string_equal(e->provider, "org-1");
	assert_string_equal(e->city, "Utrecht");
	assert_true(e->has_geo);
	assert_true(e->lat > 52.08 && e->lat < 52.10);
	assert_string_equal(e->link, "https://example.org/zorg");
	assert_string_equal(e->contact, "Info, info@example.org");
	assert_int_equal(e->nthemes, 2);
	/* Only the open run: not the canceled one, not the one too late. */
	assert_int_equal(e->nofferings, 1);
	assert_string_equal(e->offerings[0].start, "2027-01-11");
	assert_string_equal(e->offerings[0].end, "2027-03-19");
	assert_string_equal(e->offerings[0].duration, "P10W");
	assert_string_equal(e->offerings[0].place, "Zorgcampus, Utrecht");
	assert_string_equal(e->offerings[0].lang, "nl");
	assert_int_equal(e->offerings[0].mode, CATALOG_MODE_ONSITE);
	/* Required costs: tuition and material, not the optional lunch. */
	assert_int_equal(e->offerings[0].cost_cents, 44050);
	/* Search words find it; no shown text holds them. */
	assert_true(unit_findable(u->db, "nl", "thuiszorg", KEY));
	assert_true(unit_findable(u->db, "nl", "verzorgende", KEY));
	assert_null(strstr(e->description.value, "thuiszorg"));
	assert_null(strstr(e->summary.value, "thuiszorg"));
	catalog_entry_free(e);
	/* After the open run's deadline, nothing is offered. */
	assert_int_equal(catalog_clock_set_today("2026-12-21"), 0);
	if (import_mem(u->db, prog_json, 0, &sum, &cause) != 0)
		fail_msg("%s", cause);
	catalog_import_summary_done(&sum);
	e = unit_entry_by_key(u->db, KEY, "nl");
	assert_int_equal(e->nofferings, 0);
	catalog_entry_free(e);
	unit_db_free(u);
}

static void
test_xml_program_same(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_import_summary sum;
	struct catalog_entry *e;
	char *cause = NULL;

	(void)state;
	setup_clock();
	if (import_mem(u->db, prog_xml, 0, &sum, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(sum.created, 1);
	catalog_import_summary_done(&sum);
	e = unit_entry_by_key(u->db, KEY, "en");
	assert_string_equal(e->title.value, "Care helper");
	assert_string_equal(e->level, "mbo3");
	assert_int_equal(e->nthemes, 2);
	assert_int_equal(e->nofferings, 1);
	assert_string_equal(e->offerings[0].duration, "P10W");
	assert_int_equal(e->offerings[0].cost_cents, 39500);
	assert_true(e->has_geo);
	catalog_entry_free(e);
	assert_true(unit_findable(u->db, "nl", "thuiszorg", KEY));
	unit_db_free(u);
}

static void
test_generic_run_and_list(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_import_summary sum;
	struct catalog_entry *e;
	char *cause = NULL;

	(void)state;
	setup_clock();
	if (import_mem(u->db, "[{\"programClassification\": {\"orgUnitId\":"
	    "\"o\", \"programId\": \"a\", \"programDuration\": {\"hours\": 8}},"
	    " \"programDescriptions\": {\"programName\": {\"nl\": \"Excel\"}},"
	    " \"programSchedule\": {\"genericProgramRun\": {\"cost\":"
	    " [{\"amount\": \"75.00\"}]}}},"
	    " {\"programClassification\": {\"orgUnitId\": \"o\","
	    " \"programId\": \"b\", \"theme\": [\"languages\"]},"
	    " \"programDescriptions\": {\"programName\": {\"nl\": \"NT2\"}}}]",
	    0, &sum, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(sum.created, 2);
	catalog_import_summary_done(&sum);
	e = unit_entry_by_key(u->db, "edudex:o/a", "nl");
	assert_int_equal(e->nofferings, 1);
	assert_int_equal(e->offerings[0].cost_cents, 7500);
	assert_string_equal(e->offerings[0].duration, "PT8H");
	/* No EDU-DEX theme: the default theme. */
	assert_int_equal(e->nthemes, 1);
	assert_string_equal(e->themes[0], "career");
	catalog_entry_free(e);
	e = unit_entry_by_key(u->db, "edudex:o/b", "nl");
	assert_string_equal(e->themes[0], "language");
	catalog_entry_free(e);
	unit_db_free(u);
}

static void
test_strict_fields(void **state)
{
	static const char *const bad[] = {
		"{\"programClassification\": {\"orgUnitId\": \"o\"},"
		" \"programDescriptions\": {\"programName\": {\"nl\": \"X\"}}}",
		"{\"programClassification\": {\"orgUnitId\": \"o\","
		" \"programId\": \"x\"}, \"programDescriptions\": {}}",
		"{\"programClassification\": {\"programId\": \"x\"},"
		" \"programDescriptions\": {\"programName\": {\"nl\": \"X\"}}}",
		"{\"programClassification\": ",
		"<program><unclosed></program>",
	};
	static const char *const why[] = {
		"no programId", "no programName", "no orgUnitId",
		"not valid JSON", "not well-formed XML",
	};
	struct unit_db *u = unit_themed_db();
	struct catalog_import_summary sum;
	char *cause = NULL;
	size_t i;

	(void)state;
	setup_clock();
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(import_mem(u->db, bad[i], 0, &sum, &cause),
		    -1);
		if (strstr(cause, why[i]) == NULL ||
		    strncmp(cause, "t.json", 6) != 0)
			fail_msg("case %zu: %s", i, cause);
		free(cause);
		cause = NULL;
	}
	assert_int_equal(catalog_db_entry_count(u->db), 0);
	assert_int_equal(catalog_db_version(u->db), 1);	/* the themes */
	unit_db_free(u);
}

static void
test_lenient_warnings(void **state)
{
	static const char prog[] =
	    "{\"programClassification\": {\"orgUnitId\": \"o\","
	    " \"programId\": \"w\", \"programLevel\": \"mbo niveau 9\","
	    " \"theme\": [\"knitting\"]},"
	    " \"programDescriptions\": {\"programName\": {\"nl\": \"W\"},"
	    " \"programSummaryText\": \"Zonder taal.\","
	    " \"programDescriptionText\": {\"nl\": \"<p>Met <b>HTML</b></p>\"}},"
	    " \"programSchedule\": {\"programRun\": [{\"id\": \"r\","
	    " \"status\": \"application opened\","
	    " \"startDate\": {\"date\": \"2027-13-01\", \"isFinal\": true},"
	    " \"location\": {\"geoCode\": \"somewhere\"},"
	    " \"cost\": [{\"amount\": \"lots\"}]}]}}";
	struct unit_db *u = unit_themed_db();
	struct catalog_import_summary sum;
	struct catalog_entry *e;
	char *cause = NULL;
	size_t i;

	(void)state;
	setup_clock();
	if (import_mem(u->db, prog, 0, &sum, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(sum.created, 1);
	/* level, theme, summary, start date, geoCode, amount */
	assert_int_equal(sum.warnings, 6);
	for (i = 0; i < sum.nwarning_texts; i++)
		assert_int_equal(strncmp(sum.warning_texts[i], "t.json: /", 9),
		    0);
	catalog_import_summary_done(&sum);
	e = unit_entry_by_key(u->db, "edudex:o/w", "nl");
	assert_string_equal(e->summary.value, "Zonder taal.");
	assert_string_equal(e->description.value, "Met HTML");
	assert_null(e->level);
	assert_int_equal(e->nofferings, 1);
	assert_null(e->offerings[0].start);
	assert_int_equal(e->offerings[0].cost_cents, -1);
	assert_false(e->has_geo);
	catalog_entry_free(e);
	/* --strict: the first warning is an error, nothing changes. */
	assert_int_equal(import_mem(u->db, prog, CATALOG_IMPORT_STRICT, &sum,
	    &cause), -1);
	assert_non_null(strstr(cause, "programLevel"));
	free(cause);
	unit_db_free(u);
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

#define DIR_HEAD "<?xml version='1.0'?><edudexDirectory xmlns=" \
	"'http://studieData.nl/schema/edudex/directory'><editor>e</editor>" \
	"<generator>g</generator><version>1</version>"

static void
test_directory(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_import_summary sum;
	struct catalog_import *imp;
	char *cause = NULL, *dir, *sub, *path;

	(void)state;
	setup_clock();
	dir = xasprintf("%s/feed", u->dir);
	sub = xasprintf("%s/feed/more", u->dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(mkdir(sub, 0755), 0);
	write_file(dir, "directory.xml", DIR_HEAD "<orgUnitId>org-1</orgUnitId>"
	    "<subDirectory>more/directory.xml</subDirectory>"
	    "<programResource><programId>P-1</programId>"
	    "<resourceUrl>p1.xml</resourceUrl></programResource>"
	    "</edudexDirectory>");
	write_file(dir, "p1.xml", prog_xml);
	write_file(sub, "directory.xml", DIR_HEAD "<orgUnitId>org-2</orgUnitId>"
	    "<programResource><programId>b</programId>"
	    "<resourceUrl>b.json</resourceUrl></programResource>"
	    "</edudexDirectory>");
	/* orgUnitId from the directory when the program has none. */
	write_file(sub, "b.json", "{\"programClassification\": {\"programId\":"
	    " \"b\"}, \"programDescriptions\": {\"programName\": {\"nl\":"
	    " \"B\"}}}");
	path = xasprintf("%s/directory.xml", dir);
	imp = catalog_import_begin(u->db, "edudex:dir", &cause);
	if (catalog_edudex_import(imp, path, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(catalog_import_commit(imp, &sum, &cause), 0);
	assert_int_equal(sum.created, 2);
	catalog_import_summary_done(&sum);
	assert_true(unit_findable(u->db, "nl", "helpende", KEY));
	assert_true(unit_findable(u->db, "nl", "b", "edudex:org-2/b"));

	/* A loop: the sub-directory names the top one. */
	write_file(sub, "directory.xml", DIR_HEAD "<orgUnitId>o</orgUnitId>"
	    "<subDirectory>../directory.xml</subDirectory></edudexDirectory>");
	imp = catalog_import_begin(u->db, "edudex:dir", &cause);
	assert_int_equal(catalog_edudex_import(imp, path, &cause), -1);
	assert_non_null(strstr(cause, "loop"));
	free(cause);
	catalog_import_abort(imp);
	/* A URL is for the harvester to fetch. */
	write_file(sub, "directory.xml", DIR_HEAD "<orgUnitId>o</orgUnitId>"
	    "<programResource><programId>x</programId><resourceUrl>"
	    "https://example.org/x.xml</resourceUrl></programResource>"
	    "</edudexDirectory>");
	imp = catalog_import_begin(u->db, "edudex:dir", &cause);
	assert_int_equal(catalog_edudex_import(imp, path, &cause), -1);
	assert_non_null(strstr(cause, "is a URL"));
	free(cause);
	catalog_import_abort(imp);
	/* From memory a directory may name no files. */
	imp = catalog_import_begin(u->db, "edudex:dir", &cause);
	assert_int_equal(catalog_edudex_import_memory(imp, "d.xml", DIR_HEAD
	    "<programResource><programId>x</programId><resourceUrl>x.xml"
	    "</resourceUrl></programResource></edudexDirectory>",
	    strlen(DIR_HEAD) + 100, NULL, &cause), -1);
	free(cause);
	catalog_import_abort(imp);
	assert_int_equal(catalog_db_entry_count(u->db), 2);
	free(path);
	free(dir);
	free(sub);
	unit_db_free(u);
}

static void
test_sniff(void **state)
{
	(void)state;
	assert_true(catalog_edudex_sniff(prog_json, sizeof prog_json - 1));
	assert_true(catalog_edudex_sniff(prog_xml, sizeof prog_xml - 1));
	assert_true(catalog_edudex_sniff(DIR_HEAD, strlen(DIR_HEAD)));
	assert_false(catalog_edudex_sniff("{\"courseId\": \"x\"}", 17));
	assert_false(catalog_edudex_sniff("id,kind\n", 8));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_program),
		cmocka_unit_test(test_xml_program_same),
		cmocka_unit_test(test_generic_run_and_list),
		cmocka_unit_test(test_strict_fields),
		cmocka_unit_test(test_lenient_warnings),
		cmocka_unit_test(test_directory),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
