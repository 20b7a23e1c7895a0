/*
 * test_sources: the harvest sources file (sync/sources.c).
 *
 * Good lines become sources with their format, URL and secret file;
 * comments and blank lines are skipped. Every bad line refuses the whole
 * file with FILE:LINE and what is wrong: too few or too many words, a bad
 * or repeated name, an unknown format, a URL that is not http(s), an
 * unknown option, a relative secret path, control characters, an empty
 * file.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sync/sources.h"

static void
test_good(void **state)
{
	static const char text[] =
	    "# providers\n"
	    "\n"
	    "roc-utrecht  ooapi   https://api.example.nl/ooapi/courses?pageSize=250  token-file=/etc/leerpunt/roc.token\n"
	    "  opleider_zuid\tedudex https://feeds.example.nl/zuid/directory.xml\r\n"
	    "bieb.1 csv http://www.example.nl/act.csv auth-file=/etc/leerpunt/bieb.auth\n"
	    "vak xcri https://x.example/catalog.xml";
	struct sync_sources s;
	char *cause = NULL;

	(void)state;
	assert_int_equal(sync_sources_parse("src", text, sizeof text - 1, &s,
	    &cause), 0);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.v[0].name, "roc-utrecht");
	assert_int_equal(s.v[0].format, SYNC_SOURCES_OOAPI);
	assert_string_equal(s.v[0].url,
	    "https://api.example.nl/ooapi/courses?pageSize=250");
	assert_string_equal(s.v[0].token_file, "/etc/leerpunt/roc.token");
	assert_null(s.v[0].auth_file);
	assert_int_equal(s.v[0].line, 3);
	assert_string_equal(s.v[1].name, "opleider_zuid");
	assert_int_equal(s.v[1].format, SYNC_SOURCES_EDUDEX);
	assert_null(s.v[1].token_file);
	assert_int_equal(s.v[2].format, SYNC_SOURCES_CSV);
	assert_string_equal(s.v[2].auth_file, "/etc/leerpunt/bieb.auth");
	assert_int_equal(s.v[3].format, SYNC_SOURCES_XCRI);
	assert_string_equal(sync_sources_format_name(s.v[3].format), "xcri");
	sync_sources_free(&s);
}

static void
bad(const char *text, const char *want)
{
	struct sync_sources s = { NULL, 0 };
	char *cause = NULL;

	assert_int_equal(sync_sources_parse("src", text, strlen(text), &s,
	    &cause), -1);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"", cause, want);
	assert_int_equal(s.n, 0);
	free(cause);
}

static void
test_bad(void **state)
{
	(void)state;
	bad("", "src: no sources");
	bad("# only a comment\n\n", "src: no sources");
	bad("a ooapi\n", "src:1: expected NAME FORMAT URL");
	bad("ok csv http://h/x\nb ooapi http://h/ token-file=/t auth-file=/a\n",
	    "src:2: too many words");
	bad("a/b ooapi http://h/\n", "src:1: \"a/b\" is not a source name");
	bad(".. ooapi http://h/\n", "src:1: \"..\" is not a source name");
	bad("a ooapi http://h/\na csv http://h/x\n",
	    "src:2: source \"a\" is given twice");
	bad("a json http://h/\n", "src:1: unknown format \"json\"");
	bad("a ooapi ftp://h/x\n", "src:1: \"ftp://h/x\" is not an http://");
	bad("a ooapi file:///etc/passwd\n", "is not an http://");
	bad("a ooapi http:///x\n", "is not an http://");
	bad("a ooapi http://h/#frag\n", "is not an http://");
	bad("a ooapi http://h/ password=x\n", "src:1: unknown option "
	    "\"password=x\"");
	bad("a ooapi http://h/ token-file=t\n", "src:1: \"token-file=t\": the "
	    "secret file must be an absolute path");
	bad("a ooapi http://h/\x1b[2J\n", "src:1: a control character");
}

static void
test_bad_nul(void **state)
{
	static const char text[] = "a ooapi http://h/\0";
	struct sync_sources s;
	char *cause = NULL;

	(void)state;
	assert_int_equal(sync_sources_parse("src", text, sizeof text - 1, &s,
	    &cause), -1);
	assert_non_null(strstr(cause, "NUL"));
	free(cause);
}

static void
test_read_missing(void **state)
{
	struct sync_sources s;
	char *cause = NULL;

	(void)state;
	assert_int_equal(sync_sources_read("/nonexistent/sources", &s, &cause),
	    -1);
	assert_non_null(strstr(cause, "/nonexistent/sources: cannot open"));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_bad_nul),
		cmocka_unit_test(test_read_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
