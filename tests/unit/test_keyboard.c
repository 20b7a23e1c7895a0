/*
 * test_keyboard: the on-screen keyboard's layout (kiosk/keyboard.c) in
 * every rectangle the search screen can give it, from the keyboard alone
 * at 40x12 (8 rows of 40) to 240x70, in every interface language, every
 * layout (the digits layer too) and both directions: every key inside,
 * none overlapping, letters and digits at least three columns wide,
 * three rows high where the rectangle allows; the letters of each layout
 * and the digits of each language; presses, layout switches and arrows.
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

#include "kiosk/keyboard.h"
#include "kiosk/ui.h"
#include "kiosk/width.h"

static const char *const langs[] = {
	"nl", "en", "ar", "ti", "uk", "tr", "pl", "fa"
};

/* The switch key to layout script, or -1. */
static int
switch_key(struct kiosk_keyboard *kb, int script)
{
	size_t i;

	for (i = 0; i < kb->n; i++)
		if (kb->keys[i].kind == KIOSK_KEY_SWITCH &&
		    kb->keys[i].script == script)
			return (int)i;
	return -1;
}

/* Switch kb to layout script by pressing its key. */
static void
set_layout(struct kiosk_keyboard *kb, int script)
{
	const char *text = NULL;

	if (kb->script == script)
		return;
	assert_int_equal(kiosk_keyboard_press(kb, switch_key(kb, script),
	    &text), KIOSK_KEYBOARD_SWITCHED);
	assert_int_equal(kb->script, script);
}

/* Every key inside h x w, no two overlapping, letters >= 3 wide. */
static void
check_place(struct kiosk_keyboard *kb, int h, int w)
{
	size_t i, j;
	const struct kiosk_keyboard_key *a, *b;

	kiosk_keyboard_place(kb, 0, 0, h, w);
	assert_true(kb->used_h <= h);
	for (i = 0; i < kb->n; i++) {
		a = &kb->keys[i];
		assert_true(a->y >= 0 && a->y + kb->key_h <= h);
		assert_true(a->x >= 0 && a->x + a->w <= w);
		if (a->kind == KIOSK_KEY_LETTER)
			assert_true(a->w >= 3);
		for (j = i + 1; j < kb->n; j++) {
			b = &kb->keys[j];
			assert_false(a->y < b->y + kb->key_h &&
			    b->y < a->y + kb->key_h && a->x < b->x + b->w &&
			    b->x < a->x + a->w);
		}
	}
}

static void
test_every_size(void **state)
{
	struct kiosk_keyboard	kb;
	size_t			l;
	int			h, w, rtl, s;

	(void)state;
	for (rtl = 0; rtl <= 1; rtl++) {
		kiosk_ui_set_rtl(rtl);
		for (l = 0; l < sizeof langs / sizeof langs[0]; l++)
			for (s = 0; s < KIOSK_KEYBOARD_SCRIPTS; s++) {
				kiosk_keyboard_init(&kb, langs[l]);
				set_layout(&kb, s);
				for (w = 40; w <= 241; w += 3)
					for (h = 8; h <= 70; h++)
						check_place(&kb, h,
						    w > 240 ? 240 : w);
				check_place(&kb, 8, 40);
				check_place(&kb, 20, 76);
				assert_int_equal(kb.key_h, 3);
			}
	}
	kiosk_ui_set_rtl(0);
}

/* The letters of s, joined. */
static void
letters(struct kiosk_keyboard *kb, char *out, size_t cap)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < kb->n; i++)
		if (kb->keys[i].kind == KIOSK_KEY_LETTER)
			strncat(out, kb->keys[i].text, cap - strlen(out) - 1);
}

static void
test_layouts(void **state)
{
	struct kiosk_keyboard	kb;
	char			buf[512];

	(void)state;
	kiosk_keyboard_init(&kb, "nl");
	letters(&kb, buf, sizeof buf);
	assert_string_equal(buf, "abcdefghijklmnopqrstuvwxyz");
	/* Tigrinya: the Ge'ez consonants first (test_langtable). */
	kiosk_keyboard_init(&kb, "ti");
	assert_int_equal(kb.script, KIOSK_KEYBOARD_ETHIOPIC);
	letters(&kb, buf, sizeof buf);
	assert_non_null(strstr(buf, "ሀለሐመ"));
	kiosk_keyboard_init(&kb, "tr");
	letters(&kb, buf, sizeof buf);
	assert_string_equal(buf, "abcçdefgğhıijklmnoöpqrsştuüvwxyz");
	kiosk_keyboard_init(&kb, "pl");
	letters(&kb, buf, sizeof buf);
	assert_string_equal(buf, "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż");
	kiosk_keyboard_init(&kb, "uk");
	assert_int_equal(kb.script, KIOSK_KEYBOARD_CYRILLIC);
	letters(&kb, buf, sizeof buf);
	assert_non_null(strstr(buf, "гґдеєжзиіїй"));
	assert_non_null(strstr(buf, "я\xe2\x80\x99"));
	kiosk_keyboard_init(&kb, "ar");
	letters(&kb, buf, sizeof buf);
	assert_null(strstr(buf, "پ"));
	assert_non_null(strstr(buf, "ة"));
	kiosk_keyboard_init(&kb, "fa");
	assert_int_equal(kb.script, KIOSK_KEYBOARD_ARABIC);
	letters(&kb, buf, sizeof buf);
	assert_non_null(strstr(buf, "بپ"));
	assert_non_null(strstr(buf, "چ"));
	assert_non_null(strstr(buf, "ژ"));
	assert_non_null(strstr(buf, "کگ"));
	assert_non_null(strstr(buf, "ی"));
}

/* The digits layer: 0-9 in counting order, on Arabic and
 * Farsi screens too (the language table's digits); its key is "123" and
 * is said as "Digits". */
static void
test_digits(void **state)
{
	struct kiosk_keyboard	 kb;
	char			 buf[512], *said;
	size_t			 l;
	int			 k, w;

	(void)state;
	for (l = 0; l < sizeof langs / sizeof langs[0]; l++) {
		kiosk_keyboard_init(&kb, langs[l]);
		k = switch_key(&kb, KIOSK_KEYBOARD_DIGITS);
		assert_true(k >= 0);
		said = kiosk_keyboard_spoken(&kb, k);
		assert_string_equal(said, "Digits");
		free(said);
		set_layout(&kb, KIOSK_KEYBOARD_DIGITS);
		assert_int_equal(switch_key(&kb, KIOSK_KEYBOARD_DIGITS), -1);
		/* Back to every letter layout from here. */
		assert_true(switch_key(&kb, KIOSK_KEYBOARD_LATIN) >= 0);
		assert_true(switch_key(&kb, KIOSK_KEYBOARD_ARABIC) >= 0);
		assert_true(switch_key(&kb, KIOSK_KEYBOARD_CYRILLIC) >= 0);
		/* The language table's digits: 0-9 on every screen, Arabic
		 * and Farsi too (one kind of digit a line, lang.c). */
		assert_true(switch_key(&kb, KIOSK_KEYBOARD_ETHIOPIC) >= 0);
		letters(&kb, buf, sizeof buf);
		assert_string_equal(buf, "0123456789");
		assert_string_equal(kiosk_keyboard_label(&kb,
		    KIOSK_KEYBOARD_DIGITS), "123");
		/* A digit is said as itself (the voice says the number). */
		said = kiosk_keyboard_spoken(&kb, 2);
		assert_string_equal(said, kb.keys[2].text);
		free(said);
		/* Two rows of five at every size, 7 columns wide at 40x12.
		 * Digits run left to right on every screen: in layout
		 * columns right to left where the screen is mirrored (ui.c),
		 * like Latin letters. */
		kiosk_ui_set_rtl(strcmp(langs[l], "ar") == 0 ||
		    strcmp(langs[l], "fa") == 0);
		for (w = 40; w <= 240; w++) {
			kiosk_keyboard_place(&kb, 0, 0, w < 80 ? 8 : 20, w);
			assert_int_equal(kb.keys[0].row, 0);
			assert_int_equal(kb.keys[4].row, 0);
			assert_int_equal(kb.keys[5].row, 1);
			assert_int_equal(kb.keys[9].row, 1);
			assert_int_equal(kb.keys[5].x, kb.keys[0].x);
		}
		kiosk_keyboard_place(&kb, 0, 0, 20, 76);
		assert_int_equal(kb.key_h, 3);
		kiosk_keyboard_place(&kb, 0, 0, 8, 40);
		assert_true(kb.keys[0].w >= 7);
		if (kiosk_ui_rtl())
			assert_true(kb.keys[0].x > kb.keys[1].x);
		else
			assert_true(kb.keys[0].x < kb.keys[1].x);
		kiosk_ui_set_rtl(0);
	}
}

static void
test_press_and_move(void **state)
{
	struct kiosk_keyboard	 kb;
	const char		*text = NULL;
	size_t			 i;
	int			 sw = -1;

	(void)state;
	kiosk_keyboard_init(&kb, "en");
	kiosk_keyboard_place(&kb, 0, 0, 20, 76);
	assert_int_equal(kiosk_keyboard_press(&kb, 1, &text),
	    KIOSK_KEYBOARD_TYPE);
	assert_string_equal(text, "b");
	for (i = 0; i < kb.n && sw < 0; i++)
		if (kb.keys[i].kind == KIOSK_KEY_SWITCH &&
		    kb.keys[i].script == KIOSK_KEYBOARD_CYRILLIC)
			sw = (int)i;
	assert_true(sw >= 0);
	kb.focus = sw;
	assert_int_equal(kiosk_keyboard_press(&kb, sw, &text),
	    KIOSK_KEYBOARD_SWITCHED);
	assert_int_equal(kb.script, KIOSK_KEYBOARD_CYRILLIC);
	assert_int_equal(kb.keys[kb.focus].kind, KIOSK_KEY_SWITCH);
	kiosk_keyboard_place(&kb, 0, 0, 20, 76);
	assert_string_equal(kb.keys[0].text, "а");
	/* Arrows: Up from the top row leaves, Right moves, Down goes on. */
	kiosk_keyboard_focus(&kb, 1);
	assert_int_equal(kiosk_keyboard_move(&kb, 1, KEY_UP),
	    KIOSK_KEYBOARD_LEAVE_UP);
	assert_int_equal(kiosk_keyboard_move(&kb, 1, KEY_RIGHT),
	    KIOSK_KEYBOARD_MOVED);
	assert_int_equal(kb.focus, 1);
	assert_int_equal(kiosk_keyboard_move(&kb, 1, KEY_DOWN),
	    KIOSK_KEYBOARD_MOVED);
	assert_int_equal(kb.keys[kb.focus].row, 1);
	kiosk_keyboard_focus(&kb, 2);
	assert_int_equal(kb.keys[kb.focus].kind, KIOSK_KEY_RESULTS);
	assert_int_equal(kiosk_keyboard_move(&kb, 0, '\t'),
	    KIOSK_KEYBOARD_LEAVE_DOWN);
	assert_int_equal(kiosk_keyboard_move(&kb, 1, KEY_DOWN),
	    KIOSK_KEYBOARD_LEAVE_DOWN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_size),
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_press_and_move),
	};
	int rc;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	kiosk_width_done();
	return rc;
}
