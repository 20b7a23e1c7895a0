/*
 * test_html: HTML and XHTML fragments from feeds become plain text that
 * is safe for a terminal, and over-long or exploding text is refused.
 */
#include "unit.h"

#include <libxml/parser.h>

#include "catalog/html.h"

/* Plain text of html; fails the test on an error. */
static char *
text_of(const char *html)
{
	char *cause = NULL, *s;

	s = catalog_html_to_text(html, strlen(html), &cause);
	if (s == NULL)
		fail_msg("%s", cause);
	return s;
}

static void
check(const char *html, const char *want)
{
	char *s = text_of(html);

	assert_string_equal(s, want);
	free(s);
}

static void
test_plain_text(void **state)
{
	(void)state;
	check("Lassen voor beginners", "Lassen voor beginners");
	check("  spaces\t and \n lines  ", "spaces and lines");
	check("", "");
}

static void
test_blocks(void **state)
{
	(void)state;
	check("<p>One.</p> <p>Two.</p>", "One.\n\nTwo.");
	check("a<br>b<br/>c", "a\nb\nc");
	check("<ul><li>Nice</li><li>Interesting</li></ul>",
	    "Nice\nInteresting");
	check("<p>Description: <ul><li>Nice</li></ul></p>",
	    "Description:\n\nNice");
	check("<table><tr><th>Weight</th><th>Retake</th></tr>"
	    "<tr><td>43</td><td>Yes</td></tr></table>",
	    "Weight Retake\n43 Yes");
	check("<h4>Assessment</h4><br><p>Text</p>", "Assessment\n\nText");
}

static void
test_inline_and_entities(void **state)
{
	(void)state;
	check("<p>Check this <a href='x'><strong>page</strong></a></p>",
	    "Check this page");
	check("A &amp; B &lt;3 caf&eacute; &#8364;5", "A & B <3 café €5");
	check("<p>&nbsp;S&iacute;</p>", "Sí");
	check("<em>Not</em> <b>Presented</b>", "Not Presented");
}

static void
test_dropped(void **state)
{
	(void)state;
	check("<script>alert(1)</script>safe", "safe");
	check("<style>p{}</style><p>safe</p>", "safe");
	check("<!-- note -->text", "text");
	/* Control characters never reach a terminal. */
	check("red\x1b[31m alert\x07", "red[31m alert");
	check("<p>a\x1b]0;title\x07</p>", "a]0;title");
	check("tab\there", "tab here");
}

static void
test_tidy(void **state)
{
	char *s;

	(void)state;
	s = catalog_html_tidy("  Rotter\x1b[2Jdam <b>\xc2\x9b</b>\n ");
	assert_string_equal(s, "Rotter[2Jdam <b></b>");
	free(s);
}

static void
test_broken_markup(void **state)
{
	(void)state;
	check("<p>unclosed <b>bold", "unclosed bold");
	check("a < b and c > d", "a < b and c > d");
	check("<li>>Management</li>", ">Management");
}

static void
test_too_long(void **state)
{
	size_t n = CATALOG_HTML_MAX + 10;
	char *big = xmalloc(n + 1), *cause = NULL, *s;

	(void)state;
	memset(big, 'a', n);
	big[n] = '\0';
	s = catalog_html_to_text(big, n, &cause);
	assert_null(s);
	assert_non_null(strstr(cause, "longer than"));
	free(cause);
	cause = NULL;
	memcpy(big, "<p>", 3);
	s = catalog_html_to_text(big, n, &cause);
	assert_null(s);
	assert_non_null(strstr(cause, "longer than"));
	free(cause);
	free(big);
}

/* XHTML inside XML, with an internal entity, and an entity budget. */
static void
test_node_text(void **state)
{
	static const char xml[] =
	    "<?xml version='1.0'?>\n"
	    "<!DOCTYPE d [<!ENTITY org 'Poppleton &amp; Co'>]>\n"
	    "<d xmlns:x='http://www.w3.org/1999/xhtml'>"
	    "<x:div><x:p>Run by &org;.</x:p><x:ul><x:li>A</x:li>"
	    "<x:li>B</x:li></x:ul></x:div></d>";
	xmlDoc *doc;
	size_t budget = 10;
	char *cause = NULL, *s;

	(void)state;
	doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL,
	    XML_PARSE_NONET);
	assert_non_null(doc);
	s = catalog_html_node_text(xmlDocGetRootElement(doc), &budget, &cause);
	assert_non_null(s);
	assert_string_equal(s, "Run by Poppleton & Co.\n\nA\nB");
	assert_int_equal(budget, 9);
	free(s);
	budget = 0;
	s = catalog_html_node_text(xmlDocGetRootElement(doc), &budget, &cause);
	assert_null(s);
	assert_non_null(strstr(cause, "entity expansion limit"));
	free(cause);
	xmlFreeDoc(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_inline_and_entities),
		cmocka_unit_test(test_dropped),
		cmocka_unit_test(test_tidy),
		cmocka_unit_test(test_broken_markup),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_node_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
