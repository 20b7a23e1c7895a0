/*
 * test_ooapi: OOAPI v5 import. The real samples import and can be found
 * by their own words in each language; each mapping (texts, HTML, modes,
 * languages, costs, levels, ISCED-F themes, addresses, pages, references
 * across files) does what docs/ooapi-import.md says; and every kind of bad
 * input fails with file, JSON pointer and reason, leaving the catalogue
 * exactly as it was.
 */
#include "unit.h"

#include <fcntl.h>

#include "catalog/entry.h"
#include "catalog/ooapi.h"
#include "catalog/search.h"

#define ORG "{\"organizationId\": \"org-1\", \"name\": [{\"language\": " \
	"\"nl-NL\", \"value\": \"ROC Test\"}]}"

/* Import inputs (name, json, name, json, ..., NULL); summary in *sum. */
static int
import_json(struct catalog_db *db, struct catalog_import_summary *sum,
    char **cause, ...)
{
	struct catalog_ooapi_input in[8];
	struct catalog_import *imp;
	size_t n = 0;
	va_list ap;

	va_start(ap, cause);
	while (n < 8 && (in[n].name = va_arg(ap, const char *)) != NULL) {
		in[n].data = va_arg(ap, const char *);
		in[n].len = strlen(in[n].data);
		n++;
	}
	va_end(ap);
	if ((imp = catalog_import_begin(db, "ooapi:test", cause)) == NULL)
		return -1;
	if (catalog_ooapi_import_buffers(imp, in, n, cause) != 0) {
		catalog_import_abort(imp);
		return -1;
	}
	return catalog_import_commit(imp, sum, cause);
}

/* The same, expecting success, without a summary. */
static void
import_ok(struct catalog_db *db, ...)
{
	struct catalog_import_summary sum;
	struct catalog_ooapi_input in[8];
	struct catalog_import *imp;
	char *cause = NULL;
	size_t n = 0;
	va_list ap;

	va_start(ap, db);
	while (n < 8 && (in[n].name = va_arg(ap, const char *)) != NULL) {
		in[n].data = va_arg(ap, const char *);
		in[n].len = strlen(in[n].data);
		n++;
	}
	va_end(ap);
	imp = catalog_import_begin(db, "ooapi:test", &cause);
	assert_non_null(imp);
	if (catalog_ooapi_import_buffers(imp, in, n, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(catalog_import_commit(imp, &sum, &cause), 0);
	catalog_import_summary_done(&sum);
}

static int
has_theme(const struct catalog_entry *e, const char *theme)
{
	size_t i;

	for (i = 0; i < e->nthemes; i++)
		if (strcmp(e->themes[i], theme) == 0)
			return 1;
	return 0;
}

#define COURSE_3 "ooapi:1668dd09-660f-4303-a2bf-14bea154b39d"
#define PROGRAM_2 "ooapi:123e4567-e89b-12d3-a456-426614174000"
#define PROGRAM_UNITA "ooapi:0cd7a366-8a6f-4463-9203-60abc19d10f8"
#define PROGRAM_DEMO "ooapi:58095060-d18c-fcd2-04df-c20b156736f6"

static const char *const sample_files[] = {
	"quickstart__1-Organization.json", "quickstart__2-Program.json",
	"quickstart__3-Course.json", "quickstart__4-Offering.json",
	"quickstart__program.json", "quickstart__person_template.json",
	"quickstart__examples_organizations.json",
	"quickstart__program-demo04.json",
	"quickstart__program-demo04-offering.json",
};
#define NSAMPLES (sizeof sample_files / sizeof sample_files[0])

/* All samples in one import, through the file entry point. */
static void
test_samples(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_import_summary sum;
	struct catalog_import *imp;
	struct catalog_entry *e;
	const char *files[NSAMPLES];
	char *cause = NULL, *paths[NSAMPLES];
	size_t i;

	(void)state;
	for (i = 0; i < NSAMPLES; i++) {
		paths[i] = xasprintf("%s/samples/ooapi-v5/%s", unit_samples(),
		    sample_files[i]);
		files[i] = paths[i];
	}
	imp = catalog_import_begin(u->db, "ooapi:samples", &cause);
	assert_non_null(imp);
	if (catalog_ooapi_import(imp, files, NSAMPLES, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(catalog_import_commit(imp, &sum, &cause), 0);
	assert_int_equal(sum.created, 4);
	assert_int_equal(sum.skipped, 1);	/* the person */
	assert_non_null(strstr(sum.skip_reasons[0], "person_template.json"));
	assert_non_null(strstr(sum.skip_reasons[0], "person"));
	catalog_import_summary_done(&sum);
	for (i = 0; i < NSAMPLES; i++)
		free(paths[i]);

	/* Every title, by its own words, in each language it carries. */
	assert_true(unit_findable(u->db, "en", "example", COURSE_3));
	assert_true(unit_findable(u->db, "en", "course example", COURSE_3));
	assert_true(unit_findable(u->db, "es", "ejemplo curso", COURSE_3));
	assert_true(unit_findable(u->db, "en", "program testing", PROGRAM_2));
	assert_true(unit_findable(u->db, "es", "matematicas", PROGRAM_UNITA));
	assert_true(unit_findable(u->db, "es", "UNITA mathematics", PROGRAM_UNITA));
	assert_true(unit_findable(u->db, "nl", "oefentherapeut mensendieck",
	    PROGRAM_DEMO));
	assert_true(unit_findable(u->db, "en", "oefentherapeut", PROGRAM_DEMO));

	/* The course with its offering from another file. */
	e = unit_entry_by_key(u->db, COURSE_3, "en");
	assert_non_null(e);
	assert_int_equal(e->kind, CATALOG_KIND_COURSE);
	assert_string_equal(e->title.value, "Course Example");
	assert_string_equal(e->provider, "OEAPI Test Organization");
	assert_string_equal(e->city, "Pamplona");	/* teaching address */
	assert_true(e->has_geo && e->lat > 42.81 && e->lat < 42.82);
	assert_string_equal(e->link, "https://openonderwijsapi.nl/#/");
	assert_string_equal(e->level, "nlqf6");	/* bachelor */
	assert_true(has_theme(e, "career"));	/* no fieldsOfStudy */
	assert_null(strchr(e->description.value, '<'));
	assert_non_null(strstr(e->description.value,
	    "fundamental concepts of calculus"));
	assert_non_null(strstr(e->description.value, "applications.\n\nThe"));
	assert_string_equal(e->join.value, "Enrollment criteria will be....\n\n"
	    "Check the general access and admission criteria on this page");
	assert_string_equal(e->outcome.value,
	    "Description of the learning outcomes");
	assert_int_equal(e->nofferings, 1);
	assert_string_equal(e->offerings[0].start, "2019-08-21");
	assert_string_equal(e->offerings[0].end, "2019-10-23");
	assert_string_equal(e->offerings[0].duration, "P10W");
	assert_int_equal(e->offerings[0].hours_per_week, 17); /* 6 EC */
	assert_int_equal(e->offerings[0].mode, CATALOG_MODE_ONSITE);
	assert_string_equal(e->offerings[0].lang, "nl");	/* "nld" */
	assert_string_equal(e->offerings[0].place,
	    "Moreelsepark 48, 3511 EP Utrecht");
	assert_int_equal(e->offerings[0].cost_cents, -1);
	catalog_entry_free(e);
	e = unit_entry_by_key(u->db, COURSE_3, "es");
	assert_string_equal(e->title.value, "Ejemplo de Curso");
	assert_string_equal(e->title.lang, "es");
	assert_non_null(strstr(e->description.value, "Funciones\nelementales"));
	catalog_entry_free(e);

	/* Program with ISCED-F 0913 (nursing), mbo 4, offering online+campus */
	e = unit_entry_by_key(u->db, PROGRAM_DEMO, "nl");
	assert_non_null(e);
	assert_string_equal(e->title.lang, "nl");
	assert_true(has_theme(e, "care"));
	assert_int_equal(e->nthemes, 1);
	assert_string_equal(e->level, "mbo4");
	assert_string_equal(e->city, "Aalsmeerderbrug");
	assert_true(e->has_geo);	/* "geoLocation" spelling */
	assert_string_equal(e->provider, "OEAPI Test Organization");
	assert_int_equal(e->nofferings, 1);
	assert_string_equal(e->offerings[0].start, "2003-09-01");
	assert_int_equal(e->offerings[0].mode, CATALOG_MODE_BLENDED);
	assert_string_equal(e->offerings[0].lang, "en");
	assert_non_null(strstr(e->outcome.value, "programmeren\nNL VERTALING"));
	catalog_entry_free(e);

	/* Program without organization or offerings: its own data. */
	e = unit_entry_by_key(u->db, PROGRAM_UNITA, "es");
	assert_non_null(e);
	assert_string_equal(e->provider, "UNITA");
	assert_string_equal(e->title.value,
	    "Matemáticas y UNITA / UNITA and Mathematics");
	assert_int_equal(e->nofferings, 1);
	assert_string_equal(e->offerings[0].start, "2024-11-02");
	assert_int_equal(e->offerings[0].mode, CATALOG_MODE_ONSITE);
	assert_string_equal(e->offerings[0].lang, "es");
	catalog_entry_free(e);
	unit_db_free(u);
}

/* Each sample alone imports too (skips are reasons, not failures). */
static void
test_samples_one_by_one(void **state)
{
	struct catalog_import_summary sum;
	struct catalog_import *imp;
	struct unit_db *u = unit_themed_db();
	const char *file[1];
	char *cause = NULL, *path;
	size_t i;

	(void)state;
	for (i = 0; i < NSAMPLES; i++) {
		path = xasprintf("%s/samples/ooapi-v5/%s", unit_samples(),
		    sample_files[i]);
		file[0] = path;
		imp = catalog_import_begin(u->db, sample_files[i], &cause);
		assert_non_null(imp);
		if (catalog_ooapi_import(imp, file, 1, &cause) != 0)
			fail_msg("%s: %s", sample_files[i], cause);
		assert_int_equal(catalog_import_commit(imp, &sum, &cause), 0);
		/* The offering alone has no course, the program no owner. */
		if (strstr(sample_files[i], "Offering") != NULL ||
		    strstr(sample_files[i], "demo04-offering") != NULL) {
			assert_int_equal(sum.skipped, 1);
			assert_non_null(strstr(sum.skip_reasons[0],
			    "not in this import"));
		}
		if (strstr(sample_files[i], "2-Program") != NULL) {
			assert_int_equal(sum.skipped, 1);
			assert_non_null(strstr(sum.skip_reasons[0],
			    "no organization"));
		}
		catalog_import_summary_done(&sum);
		free(path);
	}
	/* demo04 alone: the provider comes from its link's host. */
	assert_true(unit_findable(u->db, "nl", "mensendieck", PROGRAM_DEMO));
	unit_db_free(u);
}

/* Pages of a collection, spread over files. */
#define PAGE(n, next, id, word) "{\"pageSize\": 1, \"pageNumber\": " #n \
	", \"hasPreviousPage\": false, \"hasNextPage\": " #next ", " \
	"\"items\": [{\"courseId\": \"" id "\", \"organization\": " \
	"\"org-1\", \"name\": [{\"language\": \"nl-BE\", \"value\": \"" \
	word "\"}]}]}"

static void
test_pages(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_import_summary sum;
	char *cause = NULL;

	(void)state;
	assert_int_equal(import_json(u->db, &sum, &cause, "p1.json",
	    PAGE(1, true, "c1", "Lassen"), "p2.json",
	    PAGE(2, false, "c2", "Metselen"), "org.json", ORG, NULL), 0);
	assert_int_equal(sum.created, 2);
	catalog_import_summary_done(&sum);
	assert_true(unit_findable(u->db, "nl", "lassen", "ooapi:c1"));
	assert_true(unit_findable(u->db, "nl", "metselen", "ooapi:c2"));

	/* A missing page would remove entries: refused. */
	assert_int_equal(import_json(u->db, &sum, &cause, "p1.json",
	    PAGE(1, true, "c1", "Lassen"), "org.json", ORG, NULL), -1);
	assert_non_null(strstr(cause, "p1.json: page 1 has a next page"));
	assert_int_equal(catalog_db_entry_count(u->db), 2);
	free(cause);
	unit_db_free(u);
}

/* An offering may come before its course, in another file. */
static void
test_reference_across_files(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_entry *e;

	(void)state;
	import_ok(u->db, "offering.json", "[{\"offeringId\": \"o1\", "
	    "\"course\": \"c1\", \"startDate\": \"2027-02-01\", "
	    "\"endDate\": \"2027-03-31\", \"modeOfDelivery\": [\"hybrid\"], "
	    "\"priceInformation\": [{\"costType\": \"STAP eligible\", "
	    "\"amount\": \"100\", \"currency\": \"EUR\"}, {\"costType\": "
	    "\"total costs\", \"amount\": \"340.84\", \"currency\": \"EUR\"}]},"
	    "{\"offeringId\": \"o2\", \"course\": {\"courseId\": \"c1\"}, "
	    "\"startDate\": \"2027-09-01\", \"modeOfDelivery\": \"online\", "
	    "\"priceInformation\": [{\"costType\": \"total costs\", "
	    "\"amount\": \"900\", \"currency\": \"GBP\"}]}]",
	    "course.json", "{\"courseId\": \"c1\", \"organization\": "
	    ORG ", \"name\": [{\"language\": \"nl\", \"value\": \"Lassen\"}],"
	    " \"studyLoad\": {\"studyLoadUnit\": \"hour\", \"value\": 90}}",
	    NULL);
	e = unit_entry_by_key(u->db, "ooapi:c1", "nl");
	assert_non_null(e);
	assert_string_equal(e->provider, "ROC Test");	/* expanded object */
	assert_int_equal(e->nofferings, 2);
	assert_string_equal(e->offerings[0].start, "2027-02-01");
	assert_int_equal(e->offerings[0].mode, CATALOG_MODE_BLENDED);
	assert_int_equal(e->offerings[0].cost_cents, 34084);	/* total */
	assert_string_equal(e->offerings[0].duration, "P9W");
	assert_int_equal(e->offerings[0].hours_per_week, 10);
	assert_int_equal(e->offerings[1].mode, CATALOG_MODE_ONLINE);
	assert_int_equal(e->offerings[1].cost_cents, -1);	/* not euros */
	catalog_entry_free(e);
	unit_db_free(u);
}

/*
 * Files are read one at a time (twice): a course whose offerings are in
 * a later file waits for them (in offering id order), entries are still
 * stored in the order of the files, and the organization may come last.
 */
static void
test_offering_in_later_file(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_entry *e1, *e2, *e3;

	(void)state;
	import_ok(u->db, "courses.json", "[{\"courseId\": \"c1\", "
	    "\"organization\": \"org-1\", \"teachingLanguage\": \"nld\", "
	    "\"name\": [{\"language\": \"nl\", \"value\": \"Lassen\"}]}, "
	    "{\"courseId\": \"c2\", \"organization\": \"org-1\", "
	    "\"name\": [{\"language\": \"nl\", \"value\": \"Metselen\"}]}]",
	    "more.json", "{\"courseId\": \"c3\", \"organization\": \"org-1\", "
	    "\"name\": [{\"language\": \"nl\", \"value\": \"Koken\"}]}",
	    "offerings.json", "[{\"offeringId\": \"o2\", \"course\": \"c1\", "
	    "\"startDate\": \"2027-09-01\"}, {\"offeringId\": \"o1\", "
	    "\"course\": \"c1\", \"startDate\": \"2027-02-01\"}]",
	    "org.json", ORG, NULL);
	e1 = unit_entry_by_key(u->db, "ooapi:c1", "nl");
	e2 = unit_entry_by_key(u->db, "ooapi:c2", "nl");
	e3 = unit_entry_by_key(u->db, "ooapi:c3", "nl");
	assert_non_null(e1);
	assert_non_null(e2);
	assert_non_null(e3);
	assert_string_equal(e1->provider, "ROC Test");
	assert_int_equal(e1->nofferings, 2);
	/* In offering id order; the course's language is the fallback. */
	assert_string_equal(e1->offerings[0].start, "2027-02-01");
	assert_string_equal(e1->offerings[1].start, "2027-09-01");
	assert_string_equal(e1->offerings[0].lang, "nl");
	assert_int_equal(e2->nofferings, 0);
	assert_true(e1->id < e2->id && e2->id < e3->id);
	catalog_entry_free(e1);
	catalog_entry_free(e2);
	catalog_entry_free(e3);
	unit_db_free(u);
}

/* Language tag variants, duplicates, HTML, ISCED-F codes, levels. */
static void
test_mappings(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_entry *e;

	(void)state;
	import_ok(u->db, "c.json", "[{\"courseId\": \"weld\", "
	    "\"organization\": \"org-1\", \"name\": ["
	    "{\"language\": \"nl-NL\", \"value\": \"Lassen\"},"
	    "{\"language\": \"nl-BE\", \"value\": \"Lassen &amp; snijden\"},"
	    "{\"language\": \"NL\", \"value\": \"Lassen\"},"
	    "{\"language\": \"en_GB\", \"value\": \"<b>Welding</b>\"}],"
	    "\"description\": [{\"language\": \"nl\", \"value\": "
	    "\"<p>Een</p><ul><li>Twee</li><li>Drie</li></ul>\"}],"
	    "\"fieldsOfStudy\": \"0715\", \"level\": \"secondary vocational "
	    "education 2\", \"extra\": {\"unknown\": [1, 2, 3]}},"
	    "{\"courseId\": \"solar\", \"organization\": \"org-1\", "
	    "\"name\": [{\"language\": \"nl\", \"value\": \"Zonnepanelen\"}],"
	    "\"fieldsOfStudy\": [\"0713\", \"0732\"], "
	    "\"levelOfQualification\": \"4+\"},"
	    "{\"courseId\": \"misc\", \"organization\": \"org-1\", "
	    "\"name\": [{\"language\": \"nl\", \"value\": \"Diversen\"}],"
	    "\"fieldsOfStudy\": \"not-a-code\", \"level\": \"undefined\","
	    "\"addresses\": [{\"addressType\": \"visit\", \"city\": "
	    "\"Rotter\\u001b[2Jdam\"}]},"
	    "{\"courseId\": \"esc\", \"organization\": \"ROC\\u0007 \\u009b1m\","
	    "\"name\": [{\"language\": \"nl\", \"value\": \"Bel\\u0007len"
	    "\"}]}]",
	    "o.json", ORG, NULL);
	e = unit_entry_by_key(u->db, "ooapi:weld", "nl");
	assert_string_equal(e->title.value, "Lassen / Lassen & snijden");
	assert_string_equal(e->description.value, "Een\n\nTwee\nDrie");
	assert_true(has_theme(e, "technical"));
	assert_string_equal(e->level, "mbo2");
	catalog_entry_free(e);
	e = unit_entry_by_key(u->db, "ooapi:weld", "en");
	assert_string_equal(e->title.value, "Welding");
	catalog_entry_free(e);
	e = unit_entry_by_key(u->db, "ooapi:solar", "nl");
	assert_true(has_theme(e, "energy"));
	assert_true(has_theme(e, "construction"));
	assert_string_equal(e->level, "nlqf4");
	assert_int_equal(e->nofferings, 0);	/* nothing about delivery */
	catalog_entry_free(e);
	e = unit_entry_by_key(u->db, "ooapi:misc", "nl");
	assert_int_equal(e->nthemes, 1);
	assert_true(has_theme(e, "career"));	/* the default */
	assert_null(e->level);
	/* No control character from a feed reaches the catalogue. */
	assert_string_equal(e->city, "Rotter[2Jdam");
	catalog_entry_free(e);
	e = unit_entry_by_key(u->db, "ooapi:esc", "nl");
	assert_string_equal(e->provider, "ROC 1m");
	assert_string_equal(e->title.value, "Bellen");
	catalog_entry_free(e);
	unit_db_free(u);
}

/*
 * A plain string where an array of {language, value} is expected (as in
 * the OOAPI v5 beta documentation) is read as Dutch text with a warning
 * that names file and pointer; the course is kept.
 */
static void
test_plain_string_text(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_import_summary sum;
	struct catalog_entry *e;
	char *cause = NULL;

	(void)state;
	if (import_json(u->db, &sum, &cause, "p.json", "{\"courseId\": "
	    "\"p\", \"organization\": \"Org\", \"name\": \"Heftruck\", "
	    "\"admissionRequirements\": \"Minimaal 18 jaar.\"}", NULL) != 0)
		fail_msg("%s", cause);
	assert_int_equal(sum.created, 1);
	assert_int_equal(sum.warnings, 2);
	assert_non_null(strstr(sum.warning_texts[0], "p.json: /name: "));
	assert_non_null(strstr(sum.warning_texts[1],
	    "p.json: /admissionRequirements: a text without a language"));
	catalog_import_summary_done(&sum);
	e = unit_entry_by_key(u->db, "ooapi:p", "nl");
	assert_string_equal(e->title.value, "Heftruck");
	assert_string_equal(e->join.value, "Minimaal 18 jaar.");
	catalog_entry_free(e);
	/* A file saved with a byte order mark (issue 17). */
	if (import_json(u->db, &sum, &cause, "bom.json", "\xef\xbb\xbf"
	    "{\"courseId\": \"bom\", \"organization\": \"Org\", \"name\": "
	    "[{\"language\": \"nl\", \"value\": \"Met BOM\"}]}", NULL) != 0)
		fail_msg("%s", cause);
	catalog_import_summary_done(&sum);
	e = unit_entry_by_key(u->db, "ooapi:bom", "nl");
	assert_string_equal(e->title.value, "Met BOM");
	catalog_entry_free(e);
	unit_db_free(u);
}

/*
 * Bad input: import must fail with want in the message, and leave the
 * catalogue (entries and version) as it was.
 */
static void
bad(struct unit_db *u, const char *json, const char *want)
{
	struct catalog_import_summary sum;
	int64_t count = catalog_db_entry_count(u->db);
	int64_t version = catalog_db_version(u->db);
	char *cause = NULL;

	if (import_json(u->db, &sum, &cause, "good.json", "{\"courseId\": "
	    "\"g\", \"organization\": \"Org\", \"name\": [{\"language\": "
	    "\"en\", \"value\": \"Good\"}]}", "bad.json", json, NULL) == 0)
		fail_msg("import of %s succeeded", json);
	if (strstr(cause, want) == NULL)
		fail_msg("\"%s\" is not in \"%s\"", want, cause);
	assert_int_equal(catalog_db_entry_count(u->db), count);
	assert_int_equal(catalog_db_version(u->db), version);
	free(cause);
}

#define C(rest) "{\"courseId\": \"b\", \"organization\": \"Org\", " \
	"\"name\": [{\"language\": \"en\", \"value\": \"Bad\"}]" rest "}"

#define CI(id) "{\"courseId\": \"" id "\", \"organization\": \"Org\", " \
	"\"name\": [{\"language\": \"en\", \"value\": \"Bad\"}]}"

static void
test_bad_input(void **state)
{
	struct unit_db *u = unit_themed_db();
	char *big, *deep, *huge;
	size_t i, n;

	(void)state;
	import_ok(u->db, "first.json", C(""), NULL);
	assert_int_equal(catalog_db_entry_count(u->db), 1);

	bad(u, "{\"courseId\": \"b\", \"name\": [", "bad.json:1:");
	bad(u, "{\"courseId\": \"b\", \"name\": [", "not valid JSON");
	bad(u, "", "bad.json:");
	bad(u, "{\"courseId\": \"b\", \"courseId\": \"c\"}", "duplicate");
	bad(u, "{\"courseId\": \"b\", \"name\": 5}",
	    "bad.json: /name: expected an array, not a number");
	bad(u, "{\"courseId\": 5}", "bad.json: /courseId: expected a string");
	bad(u, "{\"courseId\": \"\"}", "bad.json: /courseId: the course has "
	    "no id");
	bad(u, "{\"pageNumber\": 1, \"hasNextPage\": false, \"items\": ["
	    CI("b1") "," CI("b2") "," CI("b3") ", {\"courseId\": \"x\", "
	    "\"name\": "
	    "[{\"language\": \"en\", \"value\": 5}]}]}",
	    "bad.json: /items/3/name/0/value: expected a string, not a number");
	bad(u, "{\"pageNumber\": 0, \"items\": []}", "/pageNumber");
	bad(u, "{\"items\": {}}", "bad.json: /items: expected an array");
	bad(u, "\"text\"", "bad.json:1:6: not valid JSON");
	bad(u, "[1]", "bad.json: /0: expected an OOAPI object, not a number");
	bad(u, "{\"courseId\": \"b\", \"name\": [{\"language\": \"x y\", "
	    "\"value\": \"v\"}]}", "bad.json: /name/0/language: 'x y' is not");
	bad(u, "{\"courseId\": \"b\", \"name\": []}",
	    "bad.json: /: the course b has no name");
	bad(u, C(", \"link\": \"ftp://example.org/\""),
	    "bad.json: /link: link \"ftp://example.org/\" must start");
	bad(u, C(", \"addresses\": [{\"addressType\": \"visit\", "
	    "\"geolocation\": {\"latitude\": 123, \"longitude\": 4}}]"),
	    "bad.json: /addresses/0/geolocation: position 123,4");
	bad(u, C(", \"addresses\": [{\"city\": 7}]"),
	    "bad.json: /addresses/0/city: expected a string");
	bad(u, C(", \"firstStartDate\": \"2019-13-45\""),
	    "bad.json: /firstStartDate: date \"2019-13-45\"");
	bad(u, C(", \"teachingLanguage\": \"??\""), "/teachingLanguage");
	bad(u, C(", \"fieldsOfStudy\": 913"), "/fieldsOfStudy: expected "
	    "ISCED-F codes");
	bad(u, "[{\"offeringId\": \"o\", \"course\": \"b\", \"startDate\": "
	    "\"tomorrow\"}," C("") "]", "bad.json: /0/startDate: date");
	bad(u, "[{\"offeringId\": \"o\", \"course\": \"b\", "
	    "\"priceInformation\": [{\"costType\": \"total costs\", "
	    "\"amount\": \"12,3,4\"}]}," C("") "]",
	    "bad.json: /0/priceInformation: cost \"12,3,4\"");

	/* Invalid UTF-8. */
	bad(u, "{\"courseId\": \"b\", \"name\": [{\"language\": \"en\", "
	    "\"value\": \"\xff\xfe\"}]}", "bad.json:1:");

	/* A 10 MB string. */
	n = 10 * 1024 * 1024;
	huge = xmalloc(n + 200);
	i = (size_t)snprintf(huge, 200, "{\"courseId\": \"b\", \"description\""
	    ": [{\"language\": \"en\", \"value\": \"");
	memset(huge + i, 'a', n);
	strcpy(huge + i + n, "\"}]}");
	bad(u, huge, "bad.json: /description/0/value: text of 10485760 "
	    "bytes is longer than the limit of 65536 bytes");
	free(huge);

	/* A long string made of many short values joined. */
	big = xmalloc(80 * 60 + 200);
	strcpy(big, "{\"courseId\": \"b\", \"organization\": \"O\", "
	    "\"name\": [");
	for (i = 0; i < 80; i++)
		sprintf(big + strlen(big), "%s{\"language\": \"en\", "
		    "\"value\": \"word%04zu\"}", i ? "," : "", i);
	strcat(big, "]}");
	bad(u, big, "bad.json: /name/64/value: more than 64 texts in "
	    "language en");
	free(big);

	/* Deep nesting, under jansson's own limit but over ours. */
	deep = xmalloc(1000);
	strcpy(deep, "{\"courseId\": \"b\", \"ext\": ");
	for (i = 0; i < 100; i++)
		strcat(deep, "[");
	for (i = 0; i < 100; i++)
		strcat(deep, "]");
	strcat(deep, "}");
	bad(u, deep, "nested deeper than the limit of 64 levels");
	bad(u, deep, "bad.json: /ext/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/");
	free(deep);

	assert_int_equal(catalog_db_entry_count(u->db), 1);
	unit_db_free(u);
}

/* The same id twice (a course in two files) is refused. */
static void
test_duplicates(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_import_summary sum;
	char *cause = NULL;

	(void)state;
	assert_int_equal(import_json(u->db, &sum, &cause, "a.json", C(""),
	    "b.json", "[" C("") "]", NULL), -1);
	assert_string_equal(cause, "b.json: /0: course b is also at a.json: /");
	free(cause);
	/*
	 * A file without organizations is mapped as it is read, one with
	 * one is indexed first: the later copy is still the one named,
	 * in either order, and nothing is stored.
	 */
	assert_int_equal(import_json(u->db, &sum, &cause, "a.json", C(""),
	    "b.json", "[" C(", \"x\": " ORG) "]", NULL), -1);
	assert_string_equal(cause, "b.json: /0: course b is also at a.json: /");
	free(cause);
	assert_int_equal(import_json(u->db, &sum, &cause, "a.json",
	    C(", \"x\": " ORG), "b.json", "[" C("") "]", NULL), -1);
	assert_string_equal(cause, "b.json: /0: course b is also at a.json: /");
	free(cause);
	assert_int_equal(catalog_db_entry_count(u->db), 0);
	/* The same organization twice is fine (files repeat them). */
	assert_int_equal(import_json(u->db, &sum, &cause, "a.json", ORG,
	    "b.json", "[" ORG "]", "c.json", "{\"courseId\": \"c\", "
	    "\"organization\": \"org-1\", \"name\": [{\"language\": \"en\", "
	    "\"value\": \"C\"}]}", NULL), 0);
	catalog_import_summary_done(&sum);
	assert_int_equal(catalog_db_entry_count(u->db), 1);
	unit_db_free(u);
}

/* Files over the size limit fail before they are read. */
static void
test_file_limits(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_import *imp;
	const char *files[1];
	char *cause = NULL, *path;
	int fd;

	(void)state;
	path = xasprintf("%s/huge.json", u->dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 65 * 1024 * 1024), 0);
	close(fd);
	files[0] = path;
	imp = catalog_import_begin(u->db, "s", &cause);
	assert_int_equal(catalog_ooapi_import(imp, files, 1, &cause), -1);
	assert_non_null(strstr(cause, "huge.json: file is larger than the "
	    "limit of 64 MiB"));
	free(cause);
	cause = NULL;
	files[0] = "/nonexistent/x.json";
	assert_int_equal(catalog_ooapi_import(imp, files, 1, &cause), -1);
	assert_non_null(strstr(cause, "/nonexistent/x.json: "));
	free(cause);
	catalog_import_abort(imp);
	free(path);
	unit_db_free(u);
}

static void
test_sniff(void **state)
{
	static const char *yes[] = {
		"{\"courseId\": \"x\"}", "\xef\xbb\xbf  [ {\"programId\": 1}]",
		"{\"pageSize\": 10, \"pageNumber\": 1, \"items\": []}",
	};
	static const char *no[] = {
		"id,kind,provider\n", "<?xml version='1.0'?><catalog/>",
		"{\"name\": \"x\"}", "",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_true(catalog_ooapi_sniff(yes[i], strlen(yes[i])));
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(catalog_ooapi_sniff(no[i], strlen(no[i])));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_samples_one_by_one),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_reference_across_files),
		cmocka_unit_test(test_offering_in_later_file),
		cmocka_unit_test(test_mappings),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_file_limits),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_plain_string_text),
	};

	if (!unit_have_samples("ooapi-v5"))
		cmocka_set_skip_filter("test_samples*");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
