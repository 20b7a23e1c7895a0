/*
 * test_textsize: what Bigger text may do (kiosk/textsize.c): only with
 * both LEERPUNT_XTERM_FACE and LEERPUNT_XTERM_SIZE, a face name that is
 * safe inside a control sequence and a size in range does it ask xterm
 * for another font; the steps are 100, 125, 150 and 200 percent.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "kiosk/textsize.h"

static int
init_with(const char *face, const char *size, struct kiosk_textsize *t)
{
	if (face != NULL)
		setenv("LEERPUNT_XTERM_FACE", face, 1);
	else
		unsetenv("LEERPUNT_XTERM_FACE");
	if (size != NULL)
		setenv("LEERPUNT_XTERM_SIZE", size, 1);
	else
		unsetenv("LEERPUNT_XTERM_SIZE");
	kiosk_textsize_init(t);
	return t->xterm;
}

static void
test_capability(void **state)
{
	struct kiosk_textsize t;

	(void)state;
	assert_int_equal(init_with("Noto Sans Mono", "24", &t), 1);
	assert_string_equal(t.face, "Noto Sans Mono");
	assert_int_equal(t.base, 24);
	/* Not under the session: the block font instead. */
	assert_int_equal(init_with(NULL, NULL, &t), 0);
	assert_int_equal(init_with("Noto Sans Mono", NULL, &t), 0);
	assert_int_equal(init_with(NULL, "24", &t), 0);
	/* Nothing that could end or extend the sequence. */
	assert_int_equal(init_with("Noto\aSans", "24", &t), 0);
	assert_int_equal(init_with("Noto\033]50;x", "24", &t), 0);
	assert_int_equal(init_with("Mono:size=99", "24", &t), 0);
	assert_int_equal(init_with("", "24", &t), 0);
	assert_int_equal(init_with("Noto Sans Mono", "24x", &t), 0);
	assert_int_equal(init_with("Noto Sans Mono", "0", &t), 0);
	assert_int_equal(init_with("Noto Sans Mono", "999", &t), 0);
	assert_int_equal(init_with("Noto Sans Mono", "", &t), 0);
}

static void
test_steps(void **state)
{
	struct kiosk_textsize t;

	(void)state;
	assert_int_equal(init_with("DejaVu Sans Mono", "24", &t), 1);
	assert_int_equal(kiosk_textsize_points(&t, 0), 24);
	assert_int_equal(kiosk_textsize_points(&t, 1), 30);
	assert_int_equal(kiosk_textsize_points(&t, 2), 36);
	assert_int_equal(kiosk_textsize_points(&t, 3), 48);
	assert_int_equal(kiosk_textsize_points(&t, 9), 48);
	assert_int_equal(kiosk_textsize_points(&t, -1), 24);
	assert_int_equal(init_with("DejaVu Sans Mono", "14", &t), 1);
	assert_int_equal(kiosk_textsize_points(&t, 1), 18);	/* 17.5 */
	assert_false(kiosk_textsize_larger(&t));
	t.step = KIOSK_TEXTSIZE_STEPS - 1;
	assert_true(kiosk_textsize_larger(&t));
	assert_true(kiosk_textsize_at_max(&t));
	/* The fallback has two states. */
	assert_int_equal(init_with(NULL, NULL, &t), 0);
	assert_false(kiosk_textsize_at_max(&t));
	t.blocks = 1;
	assert_true(kiosk_textsize_larger(&t));
	assert_true(kiosk_textsize_at_max(&t));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capability),
		cmocka_unit_test(test_steps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
