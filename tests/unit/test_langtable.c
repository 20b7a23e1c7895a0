/*
 * test_langtable: the one interface-language table (kiosk/lang.c) and what
 * derives from it. Every row has a script whose letters are all of that
 * script (the keyboard's keys), ten digits that ICU reads as 0-9 in order,
 * a plural count and a direction that fits its script; the known-codes
 * message and --list-languages list every row; each script's first row
 * gives that layout. Ge'ez (kiosk/geez.c): a consonant's orders, with the
 * wa form only where Unicode has one and the velars' labialised rows
 * (ቈ ... ቍ), and the keyboard's two steps for
 * Tigrinya: consonant, then order, then the consonants again.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "catalog/xmalloc.h"
#include "kiosk/geez.h"
#include "kiosk/keyboard.h"
#include "kiosk/lang.h"

static UScriptCode
iso_script(const char *iso)
{
	if (strcmp(iso, "Latn") == 0)
		return USCRIPT_LATIN;
	if (strcmp(iso, "Arab") == 0)
		return USCRIPT_ARABIC;
	if (strcmp(iso, "Cyrl") == 0)
		return USCRIPT_CYRILLIC;
	if (strcmp(iso, "Ethi") == 0)
		return USCRIPT_ETHIOPIC;
	fail_msg("unknown script %s", iso);
	return USCRIPT_INVALID_CODE;
}

static void
test_table(void **state)
{
	const struct kiosk_lang_info	*all;
	size_t				 n, i;
	int32_t				 k, len;
	UChar32				 c;
	UErrorCode			 ec;
	int				 d, letters;

	(void)state;
	all = kiosk_lang_all(&n);
	assert_int_equal(n, 8);
	for (i = 0; i < n; i++) {
		const struct kiosk_lang_info *r = &all[i];
		UScriptCode sc = iso_script(r->script);

		assert_non_null(strstr(kiosk_lang_known(), r->code));
		assert_ptr_equal(kiosk_lang_find(r->code), r);
		assert_int_equal(r->rtl, sc == USCRIPT_ARABIC);
		assert_true(r->nplurals >= 1 && r->nplurals <= 6);
		/* Letters: of the script (or the apostrophe), one per key. */
		len = (int32_t)strlen(r->letters);
		letters = 0;
		for (k = 0; k < len; ) {
			U8_NEXT(r->letters, k, len, c);
			if (c == ' ')
				continue;
			letters++;
			ec = U_ZERO_ERROR;
			if (c != 0x2019 && uscript_getScript(c, &ec) != sc)
				fail_msg("%s: U+%04X is not %s", r->code,
				    (unsigned)c, r->script);
		}
		assert_true(letters >= 26 && letters <= 45);
		/* Digits: 0-9 in order. */
		len = (int32_t)strlen(r->digits);
		for (k = 0, d = 0; k < len; ) {
			U8_NEXT(r->digits, k, len, c);
			if (c == ' ')
				continue;
			assert_int_equal(u_charDigitValue(c), d);
			d++;
		}
		assert_int_equal(d, 10);
	}
	assert_string_equal(kiosk_lang_known(), "nl, en, ar, ti, uk, tr, pl, fa");
	assert_string_equal(kiosk_lang_of_script("Latn")->code, "nl");
	assert_string_equal(kiosk_lang_of_script("Arab")->code, "ar");
	assert_string_equal(kiosk_lang_of_script("Ethi")->code, "ti");
	assert_string_equal(kiosk_lang_of_script("Cyrl")->code, "uk");
	assert_null(kiosk_lang_of_script("Grek"));
}

static void
test_list_languages(void **state)
{
	char	*buf = NULL, line[256];
	size_t	 len = 0, lines = 0;
	FILE	*f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	kiosk_lang_print(f);
	fclose(f);
	f = fmemopen(buf, len, "r");
	while (fgets(line, sizeof line, f) != NULL)
		lines++;
	fclose(f);
	assert_int_equal(lines, 8);
	assert_non_null(strstr(buf, "ar\tArab\trtl\t6\t0123456789\t"));
	assert_non_null(strstr(buf, "ti\tEthi\tltr\t2\t0123456789\t"));
	free(buf);
}

static void
test_geez_orders(void **state)
{
	char	 o[KIOSK_GEEZ_FORMS][8];

	(void)state;
	assert_int_equal(kiosk_geez_orders("ለ", o), 8);
	assert_string_equal(o[0], "ለ");
	assert_string_equal(o[1], "ሉ");
	assert_string_equal(o[2], "ሊ");
	assert_string_equal(o[3], "ላ");
	assert_string_equal(o[4], "ሌ");
	assert_string_equal(o[5], "ል");
	assert_string_equal(o[6], "ሎ");
	assert_string_equal(o[7], "ሏ");
	/* No wa form: ሀ's eighth is HOA, ዐ's is unassigned. */
	assert_int_equal(kiosk_geez_orders("ሀ", o), 7);
	assert_int_equal(kiosk_geez_orders("ዐ", o), 7);
	/* The velars: seven orders, then their labialised row (ቀ's eighth
	 * is QOA, not a wa form). */
	{
		static const char *const rows[][13] = {
			{ "ቀ", "ቀ", "ቁ", "ቂ", "ቃ", "ቄ", "ቅ", "ቆ",
			    "ቈ", "ቊ", "ቋ", "ቌ", "ቍ" },
			{ "ቐ", "ቐ", "ቑ", "ቒ", "ቓ", "ቔ", "ቕ", "ቖ",
			    "ቘ", "ቚ", "ቛ", "ቜ", "ቝ" },
			{ "ኀ", "ኀ", "ኁ", "ኂ", "ኃ", "ኄ", "ኅ", "ኆ",
			    "ኈ", "ኊ", "ኋ", "ኌ", "ኍ" },
			{ "ከ", "ከ", "ኩ", "ኪ", "ካ", "ኬ", "ክ", "ኮ",
			    "ኰ", "ኲ", "ኳ", "ኴ", "ኵ" },
			{ "ኸ", "ኸ", "ኹ", "ኺ", "ኻ", "ኼ", "ኽ", "ኾ",
			    "ዀ", "ዂ", "ዃ", "ዄ", "ዅ" },
			{ "ገ", "ገ", "ጉ", "ጊ", "ጋ", "ጌ", "ግ", "ጎ",
			    "ጐ", "ጒ", "ጓ", "ጔ", "ጕ" },
		};
		size_t r, k;

		for (r = 0; r < sizeof rows / sizeof rows[0]; r++) {
			assert_int_equal(kiosk_geez_orders(rows[r][0], o), 12);
			for (k = 0; k < 12; k++)
				assert_string_equal(o[k], rows[r][k + 1]);
		}
	}
	/* Not a first order, not Ge'ez, not one letter. */
	assert_int_equal(kiosk_geez_orders("ሉ", o), 0);
	assert_int_equal(kiosk_geez_orders("a", o), 0);
	assert_int_equal(kiosk_geez_orders("ለለ", o), 0);
	assert_int_equal(kiosk_geez_orders("", o), 0);
	assert_true(kiosk_geez_is_consonant("ፐ"));
	assert_false(kiosk_geez_is_consonant("።"));
}

static size_t
letters_of(struct kiosk_keyboard *kb)
{
	size_t i = 0;

	while (i < kb->n && kb->keys[i].kind == KIOSK_KEY_LETTER)
		i++;
	return i;
}

static int
key_of(struct kiosk_keyboard *kb, const char *text)
{
	size_t i;

	for (i = 0; i < kb->n; i++)
		if (kb->keys[i].kind == KIOSK_KEY_LETTER &&
		    strcmp(kb->keys[i].text, text) == 0)
			return (int)i;
	fail_msg("no key %s", text);
	return -1;
}

/* "ስራሕ" by taps: ሰ then ስ, ረ then ራ, ሐ then ሕ. */
static void
test_geez_keyboard(void **state)
{
	static const char *const steps[][2] = {
		{ "ሰ", "ስ" }, { "ረ", "ራ" }, { "ሐ", "ሕ" }
	};
	struct kiosk_keyboard	 kb;
	const char		*text;
	char			 typed[64] = "";
	size_t			 i, nsw, k;

	(void)state;
	kiosk_keyboard_init(&kb, "ti");
	assert_int_equal(kb.script, KIOSK_KEYBOARD_ETHIOPIC);
	assert_int_equal(letters_of(&kb), 33);
	for (i = 0; i < 3; i++) {
		kb.focus = key_of(&kb, steps[i][0]);
		assert_false(kiosk_keyboard_repeats(&kb, kb.focus));
		assert_int_equal(kiosk_keyboard_press(&kb, kb.focus, &text),
		    KIOSK_KEYBOARD_SWITCHED);
		assert_true(kb.moved);
		assert_int_equal(kb.focus, 0);
		assert_true(letters_of(&kb) == 7 || letters_of(&kb) == 8);
		assert_string_equal(kb.keys[0].text, steps[i][0]);
		/* The way back to the consonants is there too. */
		for (k = nsw = 0; k < kb.n; k++)
			nsw += kb.keys[k].kind == KIOSK_KEY_SWITCH &&
			    kb.keys[k].script == KIOSK_KEYBOARD_ETHIOPIC;
		assert_int_equal(nsw, 1);
		k = (size_t)key_of(&kb, steps[i][1]);
		assert_true(kiosk_keyboard_repeats(&kb, (int)k));
		assert_int_equal(kiosk_keyboard_press(&kb, (int)k, &text),
		    KIOSK_KEYBOARD_TYPE);
		assert_true(kb.moved);
		strcat(typed, text);
		assert_int_equal(letters_of(&kb), 33);
		/* Focus on the consonant just used. */
		assert_string_equal(kb.keys[kb.focus].text, steps[i][0]);
	}
	assert_string_equal(typed, "ስራሕ");
	/* A labialised form: ቀ offers ቋ after its seven orders. */
	kb.focus = key_of(&kb, "ቀ");
	assert_int_equal(kiosk_keyboard_press(&kb, kb.focus, &text),
	    KIOSK_KEYBOARD_SWITCHED);
	assert_int_equal(letters_of(&kb), 12);
	assert_int_equal(key_of(&kb, "ቋ"), 9);
	assert_int_equal(kiosk_keyboard_press(&kb, key_of(&kb, "ቋ"), &text),
	    KIOSK_KEYBOARD_TYPE);
	assert_string_equal(text, "ቋ");
	assert_int_equal(letters_of(&kb), 33);
	/* The switch back without typing; other layouts offer Ge'ez. */
	kb.focus = key_of(&kb, "ለ");
	kiosk_keyboard_press(&kb, kb.focus, &text);
	for (k = 0; k < kb.n; k++)
		if (kb.keys[k].kind == KIOSK_KEY_SWITCH &&
		    kb.keys[k].script == KIOSK_KEYBOARD_ETHIOPIC)
			break;
	assert_int_equal(kiosk_keyboard_press(&kb, (int)k, &text),
	    KIOSK_KEYBOARD_SWITCHED);
	assert_int_equal(letters_of(&kb), 33);
	kiosk_keyboard_init(&kb, "nl");
	assert_int_equal(kb.script, KIOSK_KEYBOARD_LATIN);
	for (k = 0; k < kb.n; k++)
		if (kb.keys[k].kind == KIOSK_KEY_SWITCH &&
		    kb.keys[k].script == KIOSK_KEYBOARD_ETHIOPIC)
			break;
	assert_true(k < kb.n);
	assert_string_equal(kiosk_keyboard_label(&kb, KIOSK_KEYBOARD_ETHIOPIC),
	    "ሀለሐ");
	/* A form's e-mail field offers Latin and digits only. */
	kiosk_keyboard_set_mode(&kb, KIOSK_KEYBOARD_EMAIL);
	for (k = 0; k < kb.n; k++)
		assert_false(kb.keys[k].kind == KIOSK_KEY_SWITCH &&
		    kb.keys[k].script == KIOSK_KEYBOARD_ETHIOPIC);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_list_languages),
		cmocka_unit_test(test_geez_orders),
		cmocka_unit_test(test_geez_keyboard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
