/*
 * test_input: kiosk/input.c without a terminal: SGR 1006 touch reports
 * (button 1 press and release, 1-based to 0-based; other buttons, motion,
 * wheel and malformed reports refused) and what each key and character
 * becomes (Escape Home, Backspace Back, digits choose, control
 * characters dropped, the fixed function keys).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <curses.h>

#include "kiosk/input.h"

static void
test_sgr(void **state)
{
	struct kiosk_touch t;

	(void)state;
	assert_int_equal(kiosk_input_sgr("0;10;7M", &t), 1);
	assert_int_equal(t.x, 9);
	assert_int_equal(t.y, 6);
	assert_int_equal(t.press, 1);
	assert_int_equal(kiosk_input_sgr("0;240;70m", &t), 1);
	assert_int_equal(t.x, 239);
	assert_int_equal(t.y, 69);
	assert_int_equal(t.press, 0);
	/* Shift or Control held: still button 1. */
	assert_int_equal(kiosk_input_sgr("4;1;1M", &t), 1);
	/* Button 2 and 3, motion, the wheel: not a touch. */
	assert_int_equal(kiosk_input_sgr("1;1;1M", &t), 0);
	assert_int_equal(kiosk_input_sgr("2;1;1M", &t), 0);
	assert_int_equal(kiosk_input_sgr("32;5;5M", &t), 0);
	assert_int_equal(kiosk_input_sgr("64;5;5M", &t), 0);
	/* Malformed. */
	assert_int_equal(kiosk_input_sgr("0;0;5M", &t), 0);
	assert_int_equal(kiosk_input_sgr("0;5M", &t), 0);
	assert_int_equal(kiosk_input_sgr("0;5;5", &t), 0);
	assert_int_equal(kiosk_input_sgr("0;5;5Mx", &t), 0);
	assert_int_equal(kiosk_input_sgr("0;;5M", &t), 0);
	assert_int_equal(kiosk_input_sgr("0;5;9999999M", &t), 0);
	assert_int_equal(kiosk_input_sgr("", &t), 0);
}

static void
test_decode(void **state)
{
	struct kiosk_action a;

	(void)state;
	kiosk_input_decode(OK, 27, &a);
	assert_int_equal(a.kind, KIOSK_ACT_HOME);
	kiosk_input_decode(OK, 127, &a);
	assert_int_equal(a.kind, KIOSK_ACT_BACK);
	kiosk_input_decode(KEY_CODE_YES, KEY_BACKSPACE, &a);
	assert_int_equal(a.kind, KIOSK_ACT_BACK);
	kiosk_input_decode(OK, '7', &a);
	assert_int_equal(a.kind, KIOSK_ACT_CHOOSE);
	assert_int_equal(a.n, 7);
	kiosk_input_decode(OK, L'ş', &a);
	assert_int_equal(a.kind, KIOSK_ACT_CHAR);
	kiosk_input_decode(OK, '\r', &a);
	assert_int_equal(a.kind, KIOSK_ACT_ENTER);
	kiosk_input_decode(OK, '\t', &a);
	assert_int_equal(a.kind, KIOSK_ACT_NEXT);
	kiosk_input_decode(KEY_CODE_YES, KEY_BTAB, &a);
	assert_int_equal(a.kind, KIOSK_ACT_PREV);
	/* Control characters (C0 and C1) are never typed. */
	kiosk_input_decode(OK, 1, &a);
	assert_int_equal(a.kind, KIOSK_ACT_NONE);
	kiosk_input_decode(OK, 0x9b, &a);
	assert_int_equal(a.kind, KIOSK_ACT_NONE);
	kiosk_input_decode(OK, 3, &a);
	assert_int_equal(a.kind, KIOSK_ACT_INTERRUPT);
	kiosk_input_decode(KEY_CODE_YES, KEY_F(1), &a);
	assert_int_equal(a.kind, KIOSK_ACT_HELP);
	kiosk_input_decode(KEY_CODE_YES, KEY_F(2), &a);
	assert_int_equal(a.kind, KIOSK_ACT_LANGUAGE);
	kiosk_input_decode(KEY_CODE_YES, KEY_F(3), &a);
	assert_int_equal(a.kind, KIOSK_ACT_READ);
	kiosk_input_decode(KEY_CODE_YES, KEY_F(12), &a);
	assert_int_equal(a.kind, KIOSK_ACT_STAFF);
	kiosk_input_decode(KEY_CODE_YES, KEY_NPAGE, &a);
	assert_int_equal(a.kind, KIOSK_ACT_PAGE_DOWN);
	kiosk_input_decode(KEY_CODE_YES, KEY_F(7), &a);
	assert_int_equal(a.kind, KIOSK_ACT_KEY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sgr),
		cmocka_unit_test(test_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
