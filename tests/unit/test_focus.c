/*
 * test_focus: the focus chain (kiosk/focus.c) over every kind of widget a
 * screen has: a text field, a button, a list and the on-screen keyboard.
 * Taps find each widget (the keyboard's own target is the key), hidden
 * widgets are neither found nor walked to, Tab and the arrows walk the
 * chain and a list or keyboard taking focus gets its first or last
 * target, and only a focused field types (digits choose elsewhere).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>

#include "kiosk/button.h"
#include "kiosk/field.h"
#include "kiosk/focus.h"
#include "kiosk/keyboard.h"
#include "kiosk/widget_list.h"
#include "kiosk/width.h"

enum { FIELD, BUTTON, LIST, KEYBOARD };

struct chain {
	struct kiosk_focus	 fc;
	char			 buf[32];
	struct kiosk_field	 field;
	struct kiosk_button	 button;
	struct kiosk_list	 list;
	struct kiosk_list_item	 items[3];
	struct kiosk_keyboard	 kb;
};

static void
chain_fetch(struct kiosk_list *l, void *ctx)
{
	struct chain *c = ctx;

	kiosk_list_show(l, c->items, 3);
}

/* Field on row 0, button on row 2, a list of three from row 4 (40 rows
 * tall: one page), the keyboard from row 50, 80 columns wide. */
static struct chain *
chain_new(void)
{
	struct chain	*c = calloc(1, sizeof *c);
	static char	 l0[] = "one", l1[] = "two", l2[] = "three";

	assert_non_null(c);
	kiosk_field_init(&c->field, c->buf, sizeof c->buf, "Word:");
	kiosk_field_place(&c->field, 0, 0, 1, 80);
	kiosk_button_init(&c->button, '0');
	kiosk_button_set(&c->button, "Show all");
	kiosk_button_place(&c->button, 2, 0, 1, 80);
	c->items[0].label = l0;
	c->items[1].label = l1;
	c->items[2].label = l2;
	kiosk_list_init(&c->list, KIOSK_LIST_BLOCKS, chain_fetch, c);
	kiosk_list_layout(&c->list, 4, 0, 40, 80, 0);
	kiosk_keyboard_init(&c->kb, "en");
	kiosk_keyboard_place(&c->kb, 50, 0, 20, 80);
	kiosk_focus_init(&c->fc);
	assert_int_equal(kiosk_focus_add(&c->fc, KIOSK_FOCUS_FIELD,
	    &c->field), FIELD);
	assert_int_equal(kiosk_focus_add(&c->fc, KIOSK_FOCUS_BUTTON,
	    &c->button), BUTTON);
	assert_int_equal(kiosk_focus_add(&c->fc, KIOSK_FOCUS_LIST, &c->list),
	    LIST);
	assert_int_equal(kiosk_focus_add(&c->fc, KIOSK_FOCUS_KEYBOARD,
	    &c->kb), KEYBOARD);
	return c;
}

static void
chain_free(struct chain *c)
{
	kiosk_field_done(&c->field);
	kiosk_button_done(&c->button);
	c->list.items = NULL;
	c->list.n = 0;
	kiosk_list_done(&c->list);
	free(c);
}

/* The widget a tap at y,x reaches, its own target in *own. */
static int
tap(struct chain *c, int y, int x, int *own)
{
	return kiosk_focus_target(&c->fc, kiosk_focus_hit(&c->fc, y, x), own);
}

static void
test_hits(void **state)
{
	struct chain	*c = chain_new();
	int		 own, k;

	(void)state;
	assert_int_equal(tap(c, 0, 40, &own), FIELD);
	assert_int_equal(own, 0);
	assert_int_equal(tap(c, 2, 10, &own), BUTTON);
	assert_int_equal(own, 0);
	assert_int_equal(tap(c, c->list.items_y, 20, &own), LIST);
	assert_int_equal(own, 0);
	/* Every key of the keyboard is its own target. */
	for (k = 0; k < (int)c->kb.n; k++) {
		assert_int_equal(tap(c, c->kb.keys[k].y, c->kb.keys[k].x, &own),
		    KEYBOARD);
		assert_int_equal(own, k);
	}
	assert_int_equal(kiosk_focus_hit(&c->fc, 1, 10), -1);
	/* A keyboard put away is not found. */
	kiosk_focus_show(&c->fc, KEYBOARD, 0);
	assert_int_equal(kiosk_focus_hit(&c->fc, c->kb.keys[0].y,
	    c->kb.keys[0].x), -1);
	kiosk_focus_show(&c->fc, KEYBOARD, 1);
	assert_int_equal(tap(c, c->kb.keys[0].y, c->kb.keys[0].x, &own),
	    KEYBOARD);
	assert_int_equal(kiosk_focus_target(&c->fc, -1, &own), -1);
	chain_free(c);
}

static void
test_walk(void **state)
{
	struct chain *c = chain_new();

	(void)state;
	kiosk_focus_enter(&c->fc, 1);
	assert_true(kiosk_focus_on(&c->fc, FIELD));
	assert_true(kiosk_focus_typing(&c->fc));
	/* Tab from the field: the button; digits choose there. */
	assert_true(kiosk_focus_move(&c->fc, 0, '\t'));
	assert_true(kiosk_focus_on(&c->fc, BUTTON));
	assert_false(kiosk_focus_typing(&c->fc));
	/* Down: the list, on its first item. */
	assert_true(kiosk_focus_move(&c->fc, 1, KEY_DOWN));
	assert_true(kiosk_focus_on(&c->fc, LIST));
	assert_int_equal(c->list.focus, 0);
	/* Down: the keyboard, on its first key; the list drops its own. */
	assert_true(kiosk_focus_move(&c->fc, 1, KEY_DOWN));
	assert_true(kiosk_focus_on(&c->fc, KEYBOARD));
	assert_int_equal(c->kb.focus, 0);
	assert_int_equal(c->list.focus, -1);
	assert_false(kiosk_focus_typing(&c->fc));
	/* Past the last widget: not moved (on to the bar). */
	assert_false(kiosk_focus_move(&c->fc, 1, KEY_DOWN));
	assert_true(kiosk_focus_on(&c->fc, KEYBOARD));
	/* Up: the list on its last item; the keyboard drops its key. */
	assert_true(kiosk_focus_move(&c->fc, 1, KEY_UP));
	assert_true(kiosk_focus_on(&c->fc, LIST));
	assert_int_equal(c->list.focus, 2);
	assert_int_equal(c->kb.focus, -1);
	/* Shift-Tab: the button, then the field; then not moved. */
	assert_true(kiosk_focus_move(&c->fc, 1, KEY_BTAB));
	assert_true(kiosk_focus_on(&c->fc, BUTTON));
	assert_true(kiosk_focus_move(&c->fc, 1, KEY_UP));
	assert_true(kiosk_focus_typing(&c->fc));
	assert_false(kiosk_focus_move(&c->fc, 1, KEY_UP));
	/* Other keys do not move. */
	assert_false(kiosk_focus_move(&c->fc, 0, 'a'));
	assert_false(kiosk_focus_move(&c->fc, 0, '1'));
	assert_true(kiosk_focus_typing(&c->fc));
	/* From the bar, below: the last widget, on its last key. */
	kiosk_focus_enter(&c->fc, 2);
	assert_true(kiosk_focus_on(&c->fc, KEYBOARD));
	assert_int_equal(c->kb.focus, (int)c->kb.n - 1);
	kiosk_focus_enter(&c->fc, 0);
	assert_int_equal(c->fc.cur, -1);
	assert_int_equal(c->kb.focus, -1);
	assert_false(kiosk_focus_typing(&c->fc));
	chain_free(c);
}

static void
test_hidden(void **state)
{
	struct chain *c = chain_new();

	(void)state;
	/* The button has no room: Tab from the field goes to the list. */
	kiosk_focus_show(&c->fc, BUTTON, 0);
	kiosk_focus_set(&c->fc, FIELD, 0);
	assert_true(kiosk_focus_move(&c->fc, 0, '\t'));
	assert_true(kiosk_focus_on(&c->fc, LIST));
	assert_true(kiosk_focus_move(&c->fc, 1, KEY_UP));
	assert_true(kiosk_focus_on(&c->fc, FIELD));
	/* The keyboard put away while it has focus: no focus left. */
	kiosk_focus_set(&c->fc, KEYBOARD, 1);
	assert_int_equal(c->kb.focus, 0);
	kiosk_focus_show(&c->fc, KEYBOARD, 0);
	assert_int_equal(c->fc.cur, -1);
	assert_int_equal(c->kb.focus, -1);
	/* From the bar below: the last shown widget, the list. */
	kiosk_focus_enter(&c->fc, 2);
	assert_true(kiosk_focus_on(&c->fc, LIST));
	assert_int_equal(c->list.focus, 2);
	/* From above, with the field hidden too: the list first. */
	kiosk_focus_show(&c->fc, FIELD, 0);
	kiosk_focus_enter(&c->fc, 1);
	assert_true(kiosk_focus_on(&c->fc, LIST));
	assert_int_equal(c->list.focus, 0);
	chain_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hits),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_hidden),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	kiosk_width_done();	/* the keyboard measured its labels */
	return rc;
}
