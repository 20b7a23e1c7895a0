/*
 * test_xcri: XCRI-CAP 1.2 import. The real samples import and can be
 * found by their words; texts keep xml:lang, XHTML becomes plain text,
 * presentations become offerings (dates, duration, mode, language, cost,
 * venue); and bad input (broken XML, entity bombs, external entities,
 * huge texts, no id or title) fails naming file, line and element path
 * while the catalogue stays exactly as it was. A bad optional value is
 * dropped with a warning naming file, line and path and the course kept;
 * under CATALOG_IMPORT_STRICT that warning fails the import.
 */
#include "unit.h"

#include "catalog/entry.h"
#include "catalog/search.h"
#include "catalog/xcri.h"

#define HEAD "<?xml version='1.0' encoding='UTF-8'?>\n" CAT
#define CAT "<catalog xmlns='http://xcri.org/profiles/1.2/catalog' " \
	"xmlns:dc='http://purl.org/dc/elements/1.1/' " \
	"xmlns:mlo='http://purl.org/net/mlo' " \
	"xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' " \
	"xmlns:geo='http://www.w3.org/2003/01/geo/wgs84_pos' " \
	"xmlns:xhtml='http://www.w3.org/1999/xhtml'>\n" \
	"<provider><dc:identifier>https://www.roc.example/</dc:identifier>" \
	"<dc:title>ROC Voorbeeld</dc:title>\n"
#define TAIL "</provider></catalog>\n"
/* A course with id and title, and more elements in the middle. */
#define COURSE(id, more) "<course><dc:identifier>" id "</dc:identifier>" \
	"<dc:title xml:lang='nl'>Lassen</dc:title>" more "</course>\n"

/*
 * Import xml as t.xml (options: CATALOG_IMPORT_*); 0 and the summary in
 * *sum (when not NULL), or -1 and *cause (the import was aborted).
 */
static int
import_xml_opt(struct catalog_db *db, const char *xml, size_t len,
    int options, struct catalog_import_summary *sum, char **cause)
{
	struct catalog_import_summary s;
	struct catalog_import *imp;

	if ((imp = catalog_import_begin(db, "xcri:test", cause)) == NULL)
		return -1;
	catalog_import_set_options(imp, options);
	if (catalog_xcri_import_memory(imp, "t.xml", xml, len, cause) != 0) {
		catalog_import_abort(imp);
		return -1;
	}
	if (catalog_import_commit(imp, sum != NULL ? sum : &s, cause) != 0)
		return -1;
	if (sum == NULL)
		catalog_import_summary_done(&s);
	return 0;
}

static int
import_xml(struct catalog_db *db, const char *xml, size_t len, char **cause)
{
	return import_xml_opt(db, xml, len, 0, NULL, cause);
}

static void
import_ok(struct catalog_db *db, const char *xml)
{
	char *cause = NULL;

	if (import_xml(db, xml, strlen(xml), &cause) != 0)
		fail_msg("%s", cause);
}

#define MBA "xcri:www.poppleton.ac.uk/www.poppleton.ac.uk/postgraduate/mba"

static void
test_samples(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_import_summary sum;
	struct catalog_import *imp;
	struct catalog_entry *e;
	char *cause = NULL, *a, *b;

	(void)state;
	a = xasprintf("%s/samples/xcri-cap-1.2/cetis__PG_Generic_XCRI-CAP-1.2"
	    ".xml", unit_samples());
	b = xasprintf("%s/samples/xcri-cap-1.2/k-int__wychwolf-moodle.xml",
	    unit_samples());
	imp = catalog_import_begin(u->db, "xcri:samples", &cause);
	if (catalog_xcri_import(imp, a, &cause) != 0 ||
	    catalog_xcri_import(imp, b, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(catalog_import_commit(imp, &sum, &cause), 0);
	assert_int_equal(sum.created, 2);
	catalog_import_summary_done(&sum);
	free(a);
	free(b);

	assert_true(unit_findable(u->db, "en", "business marketing", MBA));
	assert_true(unit_findable(u->db, "nl", "marketing", MBA));
	e = unit_entry_by_key(u->db, MBA, "en");
	assert_string_equal(e->title.value, "Business and Marketing");
	assert_string_equal(e->title.lang, "en");	/* no xml:lang */
	assert_string_equal(e->provider, "Poppleton University");
	assert_string_equal(e->link, "http://www.poppleton.ac.uk/postgraduate/"
	    "mba");
	assert_string_equal(e->city, "Poppleton");
	assert_string_equal(e->contact,
	    "0800 666 9999, course-enquiries@poppleton.ac.uk");
	assert_string_equal(e->summary.value, "This professional masters "
	    "degree in business and marketing is an exciting route for anyone "
	    "working in any field.");
	/* XHTML paragraphs, and the typed description left out. */
	assert_non_null(strstr(e->description.value,
	    "MBA in Business and Marketing\n\nThis professional"));
	assert_null(strstr(e->description.value, "specialise"));
	assert_null(strchr(e->description.value, '<'));
	assert_non_null(strstr(e->outcome.value, "strategic understanding"));
	assert_non_null(strstr(e->outcome.value, "Successful award of MBA"));
	assert_non_null(strstr(e->join.value, "First degree in any subject."));
	assert_string_equal(e->cost_note.value, "GBP6,000 per stage");
	assert_int_equal(e->nthemes, 1);
	assert_string_equal(e->themes[0], "career");
	assert_int_equal(e->nofferings, 1);
	assert_string_equal(e->offerings[0].start, "2015-09-01");
	assert_string_equal(e->offerings[0].end, "2017-07-01");
	assert_string_equal(e->offerings[0].duration, "P2Y");
	assert_int_equal(e->offerings[0].mode, CATALOG_MODE_ONSITE);
	assert_string_equal(e->offerings[0].lang, "en");
	assert_int_equal(e->offerings[0].cost_cents, -1);	/* pounds */
	assert_string_equal(e->offerings[0].place,
	    "Main Campus, University Road, Poppleton, PP99 1PP");
	catalog_entry_free(e);

	assert_true(unit_findable(u->db, "en", "webcomic", "xcri:www.wychwolf.com/"
	    "moodle/www.wychwolf.com/moodle/course/view.php-id-5-"
	    "328d9e011058762a"));
	unit_db_free(u);
}

static void
test_languages_and_offerings(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_entry *e;

	(void)state;
	import_ok(u->db, HEAD COURSE("c1",
	    "<dc:title xml:lang='en-GB'>Welding</dc:title>"
	    "<dc:title xml:lang='nl-BE'>Lassen en snijden</dc:title>"
	    "<dc:description xml:lang='nl'><xhtml:p>Een &amp; twee"
	    "</xhtml:p><xhtml:p>drie</xhtml:p></dc:description>"
	    "<dc:subject xsi:type='iscedf2013' identifier='0713'>Energy"
	    "</dc:subject>"
	    "<presentation><dc:identifier>p</dc:identifier>"
	    "<start dtf='2027-09'>September 2027</start>"
	    "<attendanceMode identifier='DA'>Blended</attendanceMode>"
	    "<mlo:languageOfInstruction>nld</mlo:languageOfInstruction>"
	    "<mlo:cost>\xe2\x82\xac 1.250,50</mlo:cost>"
	    "<venue><provider><dc:title>Lasschool</dc:title><mlo:location>"
	    "<mlo:town>Delft</mlo:town><geo:lat>52.01</geo:lat>"
	    "<geo:long>4.36</geo:long></mlo:location></provider></venue>"
	    "</presentation>"
	    "<presentation><dc:identifier>p</dc:identifier>"
	    "<mlo:start dtf='2028-01-15T09:00:00Z'>15 Jan</mlo:start>"
	    "<attendanceMode identifier='ON'>Online</attendanceMode>"
	    "<mlo:cost>450 EUR</mlo:cost></presentation>"
	    "<presentation><mlo:cost>free</mlo:cost></presentation>")
	    TAIL);
	e = unit_entry_by_key(u->db, "xcri:www.roc.example//c1", "nl");
	assert_string_equal(e->title.value, "Lassen / Lassen en snijden");
	assert_string_equal(e->description.value, "Een & twee\n\ndrie");
	assert_string_equal(e->themes[0], "energy");
	assert_string_equal(e->city, "Delft");
	assert_true(e->has_geo);
	assert_int_equal(e->nofferings, 3);
	/* Sorted by start; an offering without start comes last. */
	catalog_entry_free(e);
	e = unit_entry_by_key(u->db, "xcri:www.roc.example//c1", "en");
	assert_string_equal(e->title.value, "Welding");
	catalog_entry_free(e);
	assert_true(unit_findable(u->db, "nl", "snijden", "xcri:www.roc.example//c1"));
	assert_true(unit_findable(u->db, "en", "welding", "xcri:www.roc.example//c1"));
	unit_db_free(u);
}

/* Costs, modes and partial dates, read back offering by offering. */
static void
test_presentation_values(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_entry *e;
	int64_t cents[3] = { -2, -2, -2 };
	size_t i;

	(void)state;
	import_ok(u->db, HEAD
	    COURSE("a", "<presentation><mlo:start dtf='2027-09'>Sep</mlo:start>"
	    "<attendanceMode identifier='DA'>x</attendanceMode>"
	    "<mlo:languageOfInstruction>nld</mlo:languageOfInstruction>"
	    "<mlo:cost>\xe2\x82\xac 1.250,50</mlo:cost></presentation>")
	    COURSE("b", "<presentation><mlo:start dtf='2028-01-15T09:00:00Z'>"
	    "x</mlo:start><attendanceMode identifier='ON'>x</attendanceMode>"
	    "<mlo:cost>450 EUR</mlo:cost></presentation>")
	    COURSE("c", "<presentation><mlo:cost>Free</mlo:cost>"
	    "<attendanceMode identifier='CM'>x</attendanceMode>"
	    "</presentation>")
	    TAIL);
	e = unit_entry_by_key(u->db, "xcri:www.roc.example//a", "nl");
	assert_null(e->offerings[0].start);	/* a month is not a date */
	assert_int_equal(e->offerings[0].mode, CATALOG_MODE_BLENDED);
	assert_string_equal(e->offerings[0].lang, "nl");
	cents[0] = e->offerings[0].cost_cents;
	catalog_entry_free(e);
	e = unit_entry_by_key(u->db, "xcri:www.roc.example//b", "nl");
	assert_string_equal(e->offerings[0].start, "2028-01-15");
	assert_int_equal(e->offerings[0].mode, CATALOG_MODE_ONLINE);
	cents[1] = e->offerings[0].cost_cents;
	catalog_entry_free(e);
	e = unit_entry_by_key(u->db, "xcri:www.roc.example//c", "nl");
	assert_int_equal(e->offerings[0].mode, CATALOG_MODE_ONSITE);
	cents[2] = e->offerings[0].cost_cents;
	catalog_entry_free(e);
	assert_int_equal(cents[0], 125050);
	assert_int_equal(cents[1], 45000);
	assert_int_equal(cents[2], 0);
	for (i = 0; i < 3; i++)
		assert_true(cents[i] >= 0);
	unit_db_free(u);
}

/* bad: the import fails with want in the message; nothing changes. */
static void
bad_len(struct unit_db *u, const char *xml, size_t len, const char *want)
{
	int64_t count = catalog_db_entry_count(u->db);
	int64_t version = catalog_db_version(u->db);
	char *cause = NULL;

	if (import_xml_opt(u->db, xml, len, CATALOG_IMPORT_STRICT, NULL,
	    &cause) == 0)
		fail_msg("import succeeded; wanted %s", want);
	if (strstr(cause, want) == NULL)
		fail_msg("\"%s\" is not in \"%s\"", want, cause);
	assert_int_equal(catalog_db_entry_count(u->db), count);
	assert_int_equal(catalog_db_version(u->db), version);
	free(cause);
}

static void
bad(struct unit_db *u, const char *xml, const char *want)
{
	bad_len(u, xml, strlen(xml), want);
}

/* An essential value: fails even without --strict, nothing changes. */
static void
bad_always(struct unit_db *u, const char *xml, const char *want)
{
	int64_t count = catalog_db_entry_count(u->db);
	char *cause = NULL;

	bad(u, xml, want);
	if (import_xml(u->db, xml, strlen(xml), &cause) == 0)
		fail_msg("lenient import succeeded; wanted %s", want);
	if (strstr(cause, want) == NULL)
		fail_msg("\"%s\" is not in \"%s\"", want, cause);
	assert_int_equal(catalog_db_entry_count(u->db), count);
	free(cause);
}

/*
 * An optional value: without --strict the import succeeds with one
 * warning holding want and the course key is stored; with --strict it
 * fails with want and nothing changes. The entry is returned.
 */
static struct catalog_entry *
warned(struct unit_db *u, const char *xml, const char *want, const char *key)
{
	struct catalog_import_summary sum;
	char *cause = NULL;

	bad(u, xml, want);
	if (import_xml_opt(u->db, xml, strlen(xml), 0, &sum, &cause) != 0)
		fail_msg("lenient import failed: %s", cause);
	assert_int_equal(sum.warnings, 1);
	assert_int_equal(sum.nwarning_texts, 1);
	if (strstr(sum.warning_texts[0], want) == NULL)
		fail_msg("\"%s\" is not in \"%s\"", want,
		    sum.warning_texts[0]);
	catalog_import_summary_done(&sum);
	return unit_entry_by_key(u->db, key, "nl");
}

#define BOMB "<?xml version='1.0'?>\n<!DOCTYPE catalog [\n" \
	"<!ENTITY a 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'>\n" \
	"<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\n" \
	"<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>\n" \
	"<!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>\n" \
	"<!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'>\n" \
	"<!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>\n" \
	"<!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'>\n" \
	"<!ENTITY h '&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;'>\n" \
	"<!ENTITY i '&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;'>\n]>\n"

#define PATH4 "t.xml:4: /catalog/provider[1]/course[1]"
#define KEYC "xcri:www.roc.example//c"

/* Bad optional values: dropped with a warning, the course kept. */
static void
test_lenient(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_entry *e;

	(void)state;
	e = warned(u, HEAD COURSE("c", "<presentation><mlo:start dtf='soon'>"
	    "x</mlo:start><mlo:end dtf='2027-06-30'>y</mlo:end>"
	    "</presentation>") TAIL, PATH4 "/presentation[1]/mlo:start[1]: "
	    "dtf \"soon\" is not a date like 2027-01-31: value dropped", KEYC);
	assert_string_equal(e->title.value, "Lassen");
	assert_int_equal(e->nofferings, 1);
	assert_null(e->offerings[0].start);
	assert_string_equal(e->offerings[0].end, "2027-06-30");
	catalog_entry_free(e);

	e = warned(u, HEAD COURSE("c", "<presentation><mlo:end "
	    "dtf='2015-99-99'>x</mlo:end></presentation>") TAIL,
	    PATH4 "/presentation[1]/mlo:end[1]: date \"2015-99-99\"", KEYC);
	assert_null(e->offerings[0].end);
	catalog_entry_free(e);

	e = warned(u, HEAD COURSE("c", "<presentation><mlo:duration "
	    "interval='2 years'>x</mlo:duration><attendanceMode "
	    "identifier='CM'>Campus</attendanceMode></presentation>") TAIL,
	    PATH4 "/presentation[1]/mlo:duration[1]: duration \"2 years\"",
	    KEYC);
	assert_null(e->offerings[0].duration);
	assert_int_equal(e->offerings[0].mode, CATALOG_MODE_ONSITE);
	catalog_entry_free(e);

	e = warned(u, HEAD COURSE("c", "<presentation><attendanceMode "
	    "identifier='XX'>Somewhere</attendanceMode></presentation>") TAIL,
	    PATH4 "/presentation[1]/attendanceMode[1]: attendanceMode \"XX\" "
	    "is not in the XCRI-CAP 1.2 vocabulary", KEYC);
	assert_int_equal(e->nofferings, 1);
	assert_int_equal(e->offerings[0].mode, 0);
	catalog_entry_free(e);

	e = warned(u, HEAD COURSE("c", "<presentation><mlo:languageOfInstruction>"
	    "Dutch and English</mlo:languageOfInstruction></presentation>")
	    TAIL, PATH4 "/presentation[1]/mlo:languageOfInstruction[1]: "
	    "\"Dutch and English\" is not a language tag", KEYC);
	assert_int_equal(e->offerings[0].lang[0], '\0');
	catalog_entry_free(e);

	e = warned(u, HEAD COURSE("c", "<presentation><venue><provider>"
	    "<mlo:location><geo:lat>91</geo:lat><geo:long>5</geo:long>"
	    "</mlo:location></provider></venue></presentation>") TAIL,
	    "/venue[1]/provider[1]/mlo:location[1]: position 91,5", KEYC);
	assert_false(e->has_geo);
	catalog_entry_free(e);

	e = warned(u, HEAD COURSE("c", "<presentation><venue><provider>"
	    "<mlo:location><geo:lat>north</geo:lat><geo:long>5</geo:long>"
	    "</mlo:location></provider></venue></presentation>") TAIL,
	    "mlo:location[1]: geo:lat and geo:long must be numbers", KEYC);
	assert_false(e->has_geo);
	catalog_entry_free(e);

	e = warned(u, HEAD COURSE("c", "<mlo:url>ftp://x/</mlo:url>") TAIL,
	    PATH4 ": link \"ftp://x/\"", KEYC);
	assert_null(e->link);
	catalog_entry_free(e);

	/* Escaped HTML is read as HTML; "<" in plain words stays. */
	e = warned(u, HEAD COURSE("c", "<abstract xml:lang='nl'>&lt;p&gt;Leer "
	    "&lt;b&gt;lassen&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Leeftijd &amp;lt;18"
	    " mag.&lt;/p&gt;</abstract>") TAIL, PATH4 "/abstract[1]: escaped "
	    "HTML markup where text or XHTML is expected: read as text with "
	    "the markup removed", KEYC);
	assert_string_equal(e->summary.value, "Leer lassen.\n\nLeeftijd <18 "
	    "mag.");
	catalog_entry_free(e);
	import_ok(u->db, HEAD COURSE("c", "<abstract xml:lang='nl'>Leeftijd "
	    "&lt;18 of 3 &lt; 4</abstract>") TAIL);
	e = unit_entry_by_key(u->db, KEYC, "nl");
	assert_string_equal(e->summary.value, "Leeftijd <18 of 3 < 4");
	catalog_entry_free(e);

	/* A second title in no language: that one dropped. */
	e = warned(u, HEAD COURSE("c", "<dc:title xml:lang='x y'>T</dc:title>")
	    TAIL, PATH4 "/dc:title[2]: xml:lang \"x y\" is not a language "
	    "tag: text dropped", KEYC);
	assert_string_equal(e->title.value, "Lassen");
	catalog_entry_free(e);
	unit_db_free(u);
}

static void
test_bad_input(void **state)
{
	struct unit_db *u = unit_themed_db();
	char *huge, *deep, *p;
	size_t i, n;

	(void)state;
	import_ok(u->db, HEAD COURSE("keep", "") TAIL);
	assert_int_equal(catalog_db_entry_count(u->db), 1);

	/* Truncated, not XML, wrong root. */
	bad(u, HEAD COURSE("c", "<presentation>"), "t.xml:");
	bad(u, HEAD COURSE("c", "<presentation>"), "not well-formed XML");
	bad(u, "", "not well-formed XML");
	bad(u, "{\"courseId\": 1}", "t.xml:1: not well-formed XML");
	bad(u, "<?xml version='1.0'?><catalog/>", "t.xml: not an XCRI-CAP 1.2 "
	    "catalog");
	/* Invalid UTF-8. */
	bad(u, HEAD COURSE("c", "<abstract>\xff\xfe</abstract>") TAIL,
	    "t.xml:4: not well-formed XML");

	/* Billion laughs (and a smaller bomb under libxml2's own check). */
	bad(u, BOMB CAT COURSE("c", "<abstract>&i;</abstract>") TAIL,
	    "entity expansion limit");
	bad(u, "<?xml version='1.0'?>\n<!DOCTYPE catalog [\n"
	    "<!ENTITY a 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'>\n"
	    "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\n"
	    "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>\n"
	    "]>\n" CAT COURSE("c", "<abstract>&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"
	    "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;</abstract>")
	    TAIL, "t.xml:");
	/* External entities are never read. */
	{
		char *cause = NULL;
		struct catalog_entry *e;

		assert_int_equal(import_xml(u->db, "<?xml version='1.0'?>\n"
		    "<!DOCTYPE catalog [\n<!ENTITY x SYSTEM "
		    "'file:///etc/passwd'>]>\n" CAT COURSE("xxe",
		    "<abstract>&x;</abstract>") TAIL, strlen("<?xml version="
		    "'1.0'?>\n<!DOCTYPE catalog [\n<!ENTITY x SYSTEM "
		    "'file:///etc/passwd'>]>\n" CAT COURSE("xxe",
		    "<abstract>&x;</abstract>") TAIL), &cause), 0);
		e = unit_entry_by_key(u->db, "xcri:www.roc.example//xxe", "nl");
		assert_null(e->summary.value);
		catalog_entry_free(e);
		import_ok(u->db, HEAD COURSE("keep", "") TAIL);
	}
	/* ... and the message names the entity (issue 17): under --strict
	 * at once, and without it when the title was nothing but it. */
	bad(u, "<?xml version='1.0'?>\n<!DOCTYPE catalog [\n<!ENTITY x SYSTEM "
	    "'file:///etc/passwd'>]>\n" CAT COURSE("xxe2",
	    "<abstract>&x;</abstract>") TAIL, "/abstract[1]: the entity &x; "
	    "is not read");
	{
		const char *xml = "<?xml version='1.0'?>\n<!DOCTYPE catalog [\n"
		    "<!ENTITY t SYSTEM 'file:///etc/passwd'>]>\n" CAT
		    "<course><dc:identifier>x</dc:identifier><dc:title>&t;"
		    "</dc:title></course>" TAIL;
		char *cause = NULL;

		bad(u, xml, "/dc:title[1]: the entity &t; is not read");
		assert_int_not_equal(import_xml(u->db, xml, strlen(xml),
		    &cause), 0);
		if (strstr(cause, "course without dc:title: its text is the "
		    "entity &t;, which is not read") == NULL)
			fail_msg("%s", cause);
		free(cause);
	}

	/* Values the catalogue refuses, with the element path. */
	bad(u, HEAD COURSE("k", "") COURSE("c", "<presentation/>"
	    "<presentation><mlo:start dtf='2015-99-99'>x</mlo:start>"
	    "</presentation>") TAIL, "t.xml:5: /catalog/provider[1]/"
	    "course[2]/presentation[2]/mlo:start[1]: date \"2015-99-99\"");
	bad(u, HEAD COURSE("c", "<presentation><mlo:start dtf='soon'>x"
	    "</mlo:start></presentation>") TAIL,
	    "/mlo:start[1]: dtf \"soon\" is not a date");
	bad(u, HEAD COURSE("c", "<presentation><mlo:duration interval='2 "
	    "years'>x</mlo:duration></presentation>") TAIL,
	    "/presentation[1]/mlo:duration[1]: duration \"2 years\"");
	bad(u, HEAD COURSE("c", "<mlo:url>ftp://x/</mlo:url>") TAIL,
	    "/catalog/provider[1]/course[1]: link \"ftp://x/\"");
	bad_always(u, HEAD "<course><dc:title>No id</dc:title></course>" TAIL,
	    "t.xml:4: /catalog/provider[1]/course[1]: course without "
	    "dc:identifier");
	bad_always(u, HEAD "<course><dc:identifier>x</dc:identifier></course>"
	    TAIL, "course without dc:title");
	/* A title only in a language that is not one is no title. */
	{
		const char *xml = HEAD "<course><dc:identifier>x"
		    "</dc:identifier><dc:title xml:lang='x y'>T</dc:title>"
		    "</course>" TAIL;
		int64_t count = catalog_db_entry_count(u->db);
		char *cause = NULL;

		assert_int_equal(import_xml(u->db, xml, strlen(xml), &cause),
		    -1);
		assert_non_null(strstr(cause, "course without dc:title"));
		assert_int_equal(catalog_db_entry_count(u->db), count);
		free(cause);
	}
	bad(u, HEAD COURSE("c", "<dc:title xml:lang='x y'>T</dc:title>") TAIL,
	    "/dc:title[2]: xml:lang \"x y\" is not a language tag");
	bad(u, HEAD COURSE("c", "<presentation><venue><provider><mlo:location>"
	    "<geo:lat>91</geo:lat><geo:long>5</geo:long></mlo:location>"
	    "</provider></venue></presentation>") TAIL,
	    "/venue[1]/provider[1]/mlo:location[1]: position 91,5");

	/* A long text (1 MB) and a 10 MB one (over libxml2's own limit). */
	for (n = 1024 * 1024; n <= 10 * 1024 * 1024; n *= 10) {
		huge = xmalloc(n + 4096);
		p = huge + sprintf(huge, "%s<course><dc:identifier>c"
		    "</dc:identifier><dc:title>", HEAD);
		memset(p, 'a', n);
		strcpy(p + n, "</dc:title></course>" TAIL);
		bad(u, huge, n < 10000000 ? "/catalog/provider[1]/course[1]/"
		    "dc:title[1]: text longer than 65536 bytes" : "t.xml:4:");
		free(huge);
	}

	/* Deep nesting inside a description. */
	deep = xmalloc(20000);
	strcpy(deep, HEAD "<course><dc:identifier>d</dc:identifier>"
	    "<dc:title>D</dc:title><dc:description>");
	for (i = 0; i < 300; i++)
		strcat(deep, "<xhtml:div>");
	for (i = 0; i < 300; i++)
		strcat(deep, "</xhtml:div>");
	strcat(deep, "</dc:description></course>" TAIL);
	bad(u, deep, "t.xml:4:");
	free(deep);

	assert_int_equal(catalog_db_entry_count(u->db), 1);
	unit_db_free(u);
}

/*
 * A feed larger than a parser chunk is mapped as it is read: every
 * course arrives, a course's path still counts the courses before it
 * (their content was freed), and a provider whose dc:title follows its
 * courses is read whole at its end.
 */
static void
test_streaming(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_import_summary sum;
	char *xml, *cause = NULL, id[64], *p, *t;
	size_t i, n = 3000, cap, len;

	(void)state;
	cap = strlen(HEAD) + strlen(TAIL) + 2 * n * 200 + 4096;
	xml = xmalloc(cap);
	for (int round = 0; round < 3; round++) {
		p = xml;
		p += sprintf(p, "%s", HEAD);
		if (round == 2) {	/* the provider's dc:title comes last */
			t = strstr(xml, "<dc:title>ROC Voorbeeld</dc:title>");
			assert_non_null(t);
			p = t;
		}
		for (i = 1; i <= n; i++) {
			snprintf(id, sizeof id, "c%zu", i);
			if (round == 1 && i == 2500)
				p += sprintf(p, "<course><dc:identifier>%s"
				    "</dc:identifier></course>\n", id);
			else
				p += sprintf(p, "<course><dc:identifier>%s"
				    "</dc:identifier><dc:title xml:lang='nl'>"
				    "Lassen %zu</dc:title><dc:description "
				    "xml:lang='nl'>Een cursus lassen voor "
				    "beginners en gevorderden, %zu.</dc:"
				    "description></course>\n", id, i, i);
		}
		if (round == 2)
			p += sprintf(p, "<dc:title>ROC Laat</dc:title>");
		p += sprintf(p, "%s", TAIL);
		len = (size_t)(p - xml);
		assert_true(len > 2 * 256 * 1024 && len < cap);
		if (round == 1) {
			assert_int_equal(import_xml(u->db, xml, len, &cause),
			    -1);
			assert_non_null(strstr(cause, "t.xml:2503: "
			    "/catalog/provider[1]/course[2500]: course "
			    "without dc:title"));
			free(cause);
			cause = NULL;
			assert_int_equal(catalog_db_entry_count(u->db), n);
			continue;
		}
		if (import_xml_opt(u->db, xml, len, 0, &sum, &cause) != 0)
			fail_msg("%s", cause);
		assert_int_equal(sum.created, round == 0 ? n : 0);
		catalog_import_summary_done(&sum);
		assert_int_equal(catalog_db_entry_count(u->db), n);
	}
	assert_true(unit_findable(u->db, "nl", "2999",
	    "xcri:www.roc.example//c2999"));
	free(xml);
	unit_db_free(u);
}

static void
test_sniff(void **state)
{
	static const char *yes[] = {
		HEAD, "\xef\xbb\xbf\n<catalog xmlns=\"http://xcri.org/profiles/"
		"1.2/catalog\">",
	};
	static const char *no[] = {
		"{\"courseId\": 1}", "<?xml version='1.0'?><rss/>", "id,kind\n",
		"",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_true(catalog_xcri_sniff(yes[i], strlen(yes[i])));
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(catalog_xcri_sniff(no[i], strlen(no[i])));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_languages_and_offerings),
		cmocka_unit_test(test_presentation_values),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_lenient),
		cmocka_unit_test(test_streaming),
		cmocka_unit_test(test_sniff),
	};

	if (!unit_have_samples("xcri-cap-1.2"))
		cmocka_set_skip_filter("test_samples*");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
