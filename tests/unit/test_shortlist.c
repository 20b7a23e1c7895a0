/*
 * test_shortlist: the shortlist kept in memory (kiosk/shortlist.c): at
 * most ten entries, no doubles, taking one off keeps the order, and the
 * one link for all of them (keys percent-encoded, separated by commas).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "kiosk/shortlist.h"

static void
test_add_remove(void **state)
{
	struct kiosk_shortlist	 sl = { { 0 }, { NULL }, 0 };
	char			 key[32];
	int			 i;

	(void)state;
	for (i = 0; i < KIOSK_SHORTLIST_MAX; i++) {
		snprintf(key, sizeof key, "k%d", i);
		assert_int_equal(kiosk_shortlist_add(&sl, 100 + i, key), 0);
	}
	assert_int_equal(sl.n, 10);
	/* Full: the eleventh is refused, a double is not added twice. */
	assert_int_equal(kiosk_shortlist_add(&sl, 999, "x"), -1);
	assert_int_equal(kiosk_shortlist_add(&sl, 100, "k0"), 1);
	assert_int_equal(sl.n, 10);
	assert_true(kiosk_shortlist_has(&sl, 105));
	assert_int_equal(kiosk_shortlist_remove(&sl, 105), 0);
	assert_false(kiosk_shortlist_has(&sl, 105));
	assert_int_equal(kiosk_shortlist_remove(&sl, 105), -1);
	assert_int_equal(sl.n, 9);
	assert_int_equal(sl.id[5], 106);
	assert_string_equal(sl.key[5], "k6");
	assert_int_equal(kiosk_shortlist_add(&sl, 999, "x"), 0);
	kiosk_shortlist_clear(&sl);
	assert_int_equal(sl.n, 0);
	assert_false(kiosk_shortlist_has(&sl, 100));
}

static void
test_link(void **state)
{
	struct kiosk_shortlist	 sl = { { 0 }, { NULL }, 0 };
	char			*l;

	(void)state;
	assert_null(kiosk_shortlist_link(&sl, "https://e.org/?ids={ids}"));
	kiosk_shortlist_add(&sl, 1, "deltion-123");
	kiosk_shortlist_add(&sl, 2, "a b/c,d&é");
	assert_null(kiosk_shortlist_link(&sl, NULL));
	assert_null(kiosk_shortlist_link(&sl, "https://e.org/list"));
	l = kiosk_shortlist_link(&sl, "https://e.org/l?ids={ids}&from=kiosk");
	assert_string_equal(l, "https://e.org/l?ids=deltion-123,"
	    "a%20b%2Fc%2Cd%26%C3%A9&from=kiosk");
	free(l);
	kiosk_shortlist_clear(&sl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_remove),
		cmocka_unit_test(test_link),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
