/*
 * test_lang: language tags, the fallback chain and script direction.
 */
#include "unit.h"

#include "catalog/lang.h"

static void
test_canon(void **state)
{
	char out[CATALOG_LANG_MAX];

	(void)state;
	assert_int_equal(catalog_lang_canon("nl-nl", out, sizeof out), 0);
	assert_string_equal(out, "nl-NL");
	assert_int_equal(catalog_lang_canon("en_GB", out, sizeof out), 0);
	assert_string_equal(out, "en-GB");
	assert_int_equal(catalog_lang_canon("NL", out, sizeof out), 0);
	assert_string_equal(out, "nl");
	assert_int_equal(catalog_lang_canon("", out, sizeof out), -1);
	assert_int_equal(catalog_lang_canon("nl NL", out, sizeof out), -1);
	assert_int_equal(catalog_lang_canon("x!", out, sizeof out), -1);
	assert_int_equal(catalog_lang_canon(NULL, out, sizeof out), -1);
}

static void
test_primary(void **state)
{
	char out[CATALOG_LANG_MAX];
	const char *dutch[] = { "nl", "nl-NL", "nl-BE", "NL_be", "nl-Latn-NL" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof dutch / sizeof dutch[0]; i++) {
		assert_int_equal(catalog_lang_primary(dutch[i], out,
		    sizeof out), 0);
		assert_string_equal(out, "nl");
	}
	assert_int_equal(catalog_lang_primary("nld", out, sizeof out), 0);
	assert_string_equal(out, "nl");
	assert_int_equal(catalog_lang_primary("ara", out, sizeof out), 0);
	assert_string_equal(out, "ar");
	assert_int_equal(catalog_lang_primary("ti-ER", out, sizeof out), 0);
	assert_string_equal(out, "ti");
	assert_int_equal(catalog_lang_primary("-", out, sizeof out), -1);
}

static void
test_chain(void **state)
{
	const char *c[3];

	(void)state;
	assert_int_equal(catalog_lang_chain("ar", c), 3);
	assert_string_equal(c[0], "ar");
	assert_string_equal(c[1], "en");
	assert_string_equal(c[2], "nl");
	assert_int_equal(catalog_lang_chain("en", c), 2);
	assert_string_equal(c[0], "en");
	assert_string_equal(c[1], "nl");
	assert_int_equal(catalog_lang_chain("nl", c), 2);
	assert_string_equal(c[0], "nl");
	assert_string_equal(c[1], "en");
	assert_int_equal(catalog_lang_chain(NULL, c), 2);
}

static void
test_rtl(void **state)
{
	(void)state;
	assert_true(catalog_lang_is_rtl("ar"));
	assert_true(catalog_lang_is_rtl("fa"));
	assert_false(catalog_lang_is_rtl("nl"));
	assert_false(catalog_lang_is_rtl("uk"));
	assert_false(catalog_lang_is_rtl("ti"));
	assert_false(catalog_lang_is_rtl("garbage!"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canon),
		cmocka_unit_test(test_primary),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_rtl),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
