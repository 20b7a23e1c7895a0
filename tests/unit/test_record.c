/*
 * test_record: the checks every importer's records pass through
 * (catalog/record.c), at their limits: a duration too long to be a
 * course or too big for a number, an offering that ends before it starts,
 * and a place "LAT,LON" that is NaN, infinite or off the Earth.
 */
#include "unit.h"

#include <math.h>

#include "catalog/record.h"

static void
test_duration(void **state)
{
	static const char *const good[] = { "P10W", "P6M", "PT40H", "P1Y6M",
		"P10Y", "P520W", "P805W", "P10957D", "PT999999S" };
	static const char *const bad[] = { "10W", "P", "PW", "P10X", "P1.5W",
		"P10WT", "PT10D" };
	static const char *const huge[] = { "P99999999999999999999W",
		"P31Y", "P1600W", "P11000D", "P9999999Y" };
	struct catalog_record *r = catalog_record_new();
	struct catalog_record_offering *o = catalog_record_add_offering(r);
	char *cause = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (catalog_record_offering_set_duration(o, good[i], &cause))
			fail_msg("%s refused: %s", good[i], cause);
		assert_string_equal(o->duration, good[i]);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(catalog_record_offering_set_duration(o, bad[i],
		    &cause), -1);
		assert_non_null(strstr(cause, "is not like P10W"));
		free(cause);
	}
	for (i = 0; i < sizeof huge / sizeof huge[0]; i++) {
		assert_int_equal(catalog_record_offering_set_duration(o,
		    huge[i], &cause), -1);
		if (strstr(cause, "is longer than 30 years") == NULL)
			fail_msg("%s: %s", huge[i], cause);
		free(cause);
	}
	/* A refused duration leaves the last good one. */
	assert_string_equal(o->duration, "PT999999S");
	catalog_record_free(r);
}

static struct catalog_record *
record(const char *start, const char *end)
{
	struct catalog_record *r = catalog_record_new();
	struct catalog_record_offering *o;
	char *cause = NULL;

	assert_int_equal(catalog_record_set_key(r, "weld", &cause), 0);
	assert_int_equal(catalog_record_set_kind(r, "course", &cause), 0);
	catalog_record_set_string(&r->provider, "Albeda");
	assert_int_equal(catalog_record_add_theme(r, "technical", &cause), 0);
	assert_int_equal(catalog_record_add_text(r, CATALOG_FIELD_TITLE, "nl",
	    "Lassen", &cause), 0);
	o = catalog_record_add_offering(r);
	o->key = xstrdup("jan");
	if (start != NULL)
		assert_int_equal(catalog_record_offering_set_date(&o->start,
		    start, &cause), 0);
	if (end != NULL)
		assert_int_equal(catalog_record_offering_set_date(&o->end, end,
		    &cause), 0);
	return r;
}

static void
test_dates(void **state)
{
	struct catalog_record *r;
	char *cause = NULL;

	(void)state;
	r = record("2027-01-10", "2027-03-28");
	assert_int_equal(catalog_record_check(r, &cause), 0);
	catalog_record_free(r);
	r = record("2027-01-10", "2027-01-10");	/* a one-day course */
	assert_int_equal(catalog_record_check(r, &cause), 0);
	catalog_record_free(r);
	r = record(NULL, "2027-01-10");
	assert_int_equal(catalog_record_check(r, &cause), 0);
	catalog_record_free(r);
	r = record("2027-03-28", "2027-01-10");
	assert_int_equal(catalog_record_check(r, &cause), -1);
	assert_string_equal(cause, "entry weld: offering jan ends on "
	    "2027-01-10, before it starts on 2027-03-28");
	free(cause);
	catalog_record_free(r);
}

static void
test_geo(void **state)
{
	static const char *const bad[] = { "nan,nan", "52,nan", "inf,4",
		"-inf,4", "91,4", "52,181", "52", "52,", ",4", "52;4", "52,4x",
		"1e999,4", "", "0x1p6,4e400" };
	double lat, lon;
	size_t i;

	(void)state;
	assert_int_equal(catalog_record_parse_geo("51.92,4.48", &lat, &lon), 0);
	assert_true(fabs(lat - 51.92) < 1e-9 && fabs(lon - 4.48) < 1e-9);
	assert_int_equal(catalog_record_parse_geo("-90,180", &lat, &lon), 0);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (catalog_record_parse_geo(bad[i], &lat, &lon) != -1)
			fail_msg("\"%s\" taken as %g,%g", bad[i], lat, lon);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duration),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_geo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
