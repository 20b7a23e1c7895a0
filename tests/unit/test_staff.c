/*
 * test_staff: staff accounts and PIN checks: the stored hash is argon2id
 * and never the PIN, right and wrong PINs, unknown names, the lock-out
 * after five wrong PINs with an injected clock, the unlock after five
 * minutes, the counter surviving a reopen, and a clock set back.
 */
#include "enrol_unit.h"

#include <sodium.h>

#include "catalog/staff.h"
#include "catalog/stateint.h"

#define T0 1800000000

static void
test_hash_not_pin(void **unused)
{
	struct unit_state *u = unit_state_new();
	char *cause = NULL;
	sqlite3_stmt *st;
	const char *h;
	size_t len;
	unsigned char *db;

	(void)unused;
	assert_int_equal(catalog_staff_add(u->state, "anna", "482913", T0,
	    &cause), 0);
	st = catalog_state_prepare(u->state, "SELECT hash FROM staff");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	h = (const char *)sqlite3_column_text(st, 0);
	assert_string_not_equal(h, "482913");
	assert_null(strstr(h, "482913"));
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	sqlite3_finalize(st);
	unit_state_reopen(u);
	db = unit_read(u->path, &len);
	assert_false(unit_contains(db, len, "482913"));
	free(db);
	unit_state_free(u);
}

static void
test_add_list_remove(void **unused)
{
	struct unit_state *u = unit_state_new();
	char *cause = NULL, **names;
	size_t n;

	(void)unused;
	assert_int_equal(catalog_staff_add(u->state, "bram", "1234", T0,
	    &cause), 0);
	assert_int_equal(catalog_staff_add(u->state, "anna", "12345678", T0,
	    &cause), 0);
	assert_int_equal(catalog_staff_add(u->state, "anna", "4321", T0,
	    &cause), -1);
	assert_non_null(strstr(cause, "exists already"));
	free(cause);
	/* Names do not depend on case (issue 17): ANNA is anna. */
	assert_int_equal(catalog_staff_add(u->state, "ANNA", "4321", T0,
	    &cause), -1);
	assert_non_null(strstr(cause, "\"anna\" exists already"));
	free(cause);
	assert_int_equal(catalog_staff_verify(u->state, "Anna", "12345678",
	    T0, &cause), CATALOG_STAFF_OK);
	assert_int_equal(catalog_staff_add(u->state, "carl", "123", T0,
	    &cause), -1);
	assert_non_null(strstr(cause, "4 to 8 digits"));
	free(cause);
	assert_int_equal(catalog_staff_add(u->state, "carl", "123456789", T0,
	    &cause), -1);
	free(cause);
	assert_int_equal(catalog_staff_add(u->state, "carl", "12a4", T0,
	    &cause), -1);
	free(cause);
	assert_int_equal(catalog_staff_add(u->state, "car l", "1234", T0,
	    &cause), -1);
	free(cause);
	assert_int_equal(catalog_staff_list(u->state, &names, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "anna");
	assert_string_equal(names[1], "bram");
	catalog_staff_list_free(names, n);
	assert_int_equal(catalog_staff_remove(u->state, "bram", &cause), 0);
	assert_int_equal(catalog_staff_remove(u->state, "bram", &cause), -1);
	assert_non_null(strstr(cause, "no staff account"));
	free(cause);
	assert_int_equal(catalog_staff_list(u->state, &names, &n, &cause), 0);
	assert_int_equal(n, 1);
	catalog_staff_list_free(names, n);
	unit_state_free(u);
}

static void
test_verify(void **unused)
{
	struct unit_state *u = unit_state_new();
	char *cause = NULL;

	(void)unused;
	assert_int_equal(catalog_staff_add(u->state, "anna", "2468", T0,
	    &cause), 0);
	assert_int_equal(catalog_staff_add(u->state, "bram", "13579", T0,
	    &cause), 0);
	assert_int_equal(catalog_staff_verify(u->state, "anna", "2468", T0,
	    &cause), CATALOG_STAFF_OK);
	assert_int_equal(catalog_staff_verify(u->state, NULL, "13579", T0,
	    &cause), CATALOG_STAFF_OK);
	/* Bram's PIN does not open Anna's account. */
	assert_int_equal(catalog_staff_verify(u->state, "anna", "13579", T0,
	    &cause), CATALOG_STAFF_WRONG);
	assert_non_null(strstr(cause, "4 tries left"));
	free(cause);
	assert_int_equal(catalog_staff_verify(u->state, "nobody", "2468", T0,
	    &cause), CATALOG_STAFF_WRONG);
	assert_non_null(strstr(cause, "3 tries left"));
	free(cause);
	/* A right PIN resets the counter. */
	assert_int_equal(catalog_staff_verify(u->state, "anna", "2468", T0,
	    &cause), CATALOG_STAFF_OK);
	assert_int_equal(catalog_staff_verify(u->state, "anna", "0000", T0,
	    &cause), CATALOG_STAFF_WRONG);
	assert_non_null(strstr(cause, "4 tries left"));
	free(cause);
	unit_state_free(u);
}

static void
test_lockout(void **unused)
{
	struct unit_state *u = unit_state_new();
	char *cause = NULL;
	int i;

	(void)unused;
	assert_int_equal(catalog_staff_add(u->state, "anna", "2468", T0,
	    &cause), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(catalog_staff_verify(u->state, "anna", "1111",
		    T0 + i, &cause), CATALOG_STAFF_WRONG);
		free(cause);
	}
	assert_int_equal(catalog_staff_locked_for(u->state, T0 + 4), 0);
	/* The fifth wrong PIN locks. */
	assert_int_equal(catalog_staff_verify(u->state, "anna", "1111", T0 + 4,
	    &cause), CATALOG_STAFF_LOCKED);
	assert_non_null(strstr(cause, "5 minutes"));
	free(cause);
	/* Even the right PIN is refused while locked, also after reopening. */
	assert_int_equal(catalog_staff_verify(u->state, "anna", "2468", T0 + 10,
	    &cause), CATALOG_STAFF_LOCKED);
	free(cause);
	unit_state_reopen(u);
	assert_int_equal(catalog_staff_locked_for(u->state, T0 + 64), 240);
	assert_int_equal(catalog_staff_verify(u->state, "anna", "2468",
	    T0 + 4 + 299, &cause), CATALOG_STAFF_LOCKED);
	assert_non_null(strstr(cause, "1 minute"));
	free(cause);
	/* Five minutes later it opens, with five fresh tries. */
	assert_int_equal(catalog_staff_locked_for(u->state, T0 + 4 + 300), 0);
	assert_int_equal(catalog_staff_verify(u->state, "anna", "1111",
	    T0 + 4 + 300, &cause), CATALOG_STAFF_WRONG);
	assert_non_null(strstr(cause, "4 tries left"));
	free(cause);
	assert_int_equal(catalog_staff_verify(u->state, "anna", "2468",
	    T0 + 4 + 301, &cause), CATALOG_STAFF_OK);
	unit_state_free(u);
}

static void
test_lockout_persists_and_clock_back(void **unused)
{
	struct unit_state *u = unit_state_new();
	char *cause = NULL;
	int i;

	(void)unused;
	assert_int_equal(catalog_staff_add(u->state, "anna", "2468", T0,
	    &cause), 0);
	/* Three wrong, restart, two wrong: locked (the count survived). */
	for (i = 0; i < 3; i++) {
		catalog_staff_verify(u->state, "anna", "9999", T0, &cause);
		free(cause);
	}
	unit_state_reopen(u);
	catalog_staff_verify(u->state, "anna", "9999", T0, &cause);
	free(cause);
	assert_int_equal(catalog_staff_verify(u->state, NULL, "9999", T0,
	    &cause), CATALOG_STAFF_LOCKED);
	free(cause);
	/* The clock jumps back a day: the lock is at most five minutes. */
	assert_int_equal(catalog_staff_verify(u->state, "anna", "2468",
	    T0 - 86400, &cause), CATALOG_STAFF_LOCKED);
	free(cause);
	assert_int_equal(catalog_staff_verify(u->state, "anna", "2468",
	    T0 - 86400 + 300, &cause), CATALOG_STAFF_OK);
	unit_state_free(u);
}

static void
test_state_file_private(void **unused)
{
	struct unit_state *u = unit_state_new();
	struct stat sb;

	(void)unused;
	assert_int_equal(stat(u->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(chmod(u->path, 0644), 0);
	unit_state_reopen(u);
	assert_int_equal(stat(u->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	unit_state_free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_not_pin),
		cmocka_unit_test(test_add_list_remove),
		cmocka_unit_test(test_verify),
		cmocka_unit_test(test_lockout),
		cmocka_unit_test(test_lockout_persists_and_clock_back),
		cmocka_unit_test(test_state_file_private),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
