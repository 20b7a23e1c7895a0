/*
 * test_bidi: right-to-left lines (kiosk/bidi.c). A line is measured and
 * cut by width.c in logical order and then shaped and reordered, so the
 * visual line must take exactly the columns that were measured: one more
 * and curses puts the last character at the start of the next row (the
 * stray letter under the Arabic QR note at 40x12).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "kiosk/bidi.h"
#include "kiosk/width.h"

/* The Arabic note of the detail screen (locales/ar.po) with a link. */
#define NOTE_AR "\xd8\xa7\xd9\x84\xd8\xb4\xd8\xa7\xd8\xb4\xd8\xa9 " \
	"\xd8\xb5\xd8\xba\xd9\x8a\xd8\xb1\xd8\xa9 " \
	"\xd8\xac\xd8\xaf\xd9\x8b\xd8\xa7 \xd9\x84\xd8\xb1\xd9\x85\xd8\xb2 " \
	"QR. \xd8\xa7\xd9\x84\xd8\xb1\xd8\xa7\xd8\xa8\xd8\xb7: " \
	"https://www.oba.nl/"

static int
cols(const char *s)
{
	return kiosk_width_cols(s, strlen(s));
}

/* The visual form of s takes as many columns as s, both directions. */
static void
assert_same_width(const char *s)
{
	char	*v;
	int	 rtl;

	for (rtl = 0; rtl < 2; rtl++) {
		v = kiosk_bidi_visual(s, strlen(s), rtl);
		assert_non_null(v);
		if (cols(v) != cols(s))
			fail_msg("\"%s\" (%d columns) is drawn as \"%s\" (%d "
			    "columns), rtl %d", s, cols(s), v, cols(v), rtl);
		free(v);
	}
}

static void
test_tashkeel(void **state)
{
	/* "جدًا": jeem, dal with fathatan (U+064B), alef. */
	const char	*s = "\xd8\xac\xd8\xaf\xd9\x8b\xd8\xa7";
	/* alef isolated, dal final, fathatan, jeem initial (visual order) */
	const char	*want = "\xef\xba\x8d\xef\xba\xaa\xd9\x8b\xef\xba\x9f";
	char		*v;

	(void)state;
	assert_int_equal(cols(s), 3);
	v = kiosk_bidi_visual(s, strlen(s), 1);
	assert_non_null(v);
	/* The mark stays a combining mark, after its letter. */
	assert_string_equal(v, want);
	assert_int_equal(cols(v), 3);
	free(v);
	/* Shadda and fatha on one letter; a mark at the very start. */
	assert_same_width("\xd9\x85\xd9\x91\xd9\x8e\xd8\xb1");
	assert_same_width("\xd9\x8b\xd8\xa8");
}

static void
test_lamalef(void **state)
{
	/* "لا": the ligature and a space, two columns as before. */
	const char	*s = "\xd9\x84\xd8\xa7";
	/* "لَا" (fatha between lam and alef) and "الإنجليزية" */
	const char	*marked = "\xd9\x84\xd9\x8e\xd8\xa7";
	const char	*english = "\xd8\xa7\xd9\x84\xd8\xa5\xd9\x86\xd8\xac"
	    "\xd9\x84\xd9\x8a\xd8\xb2\xd9\x8a\xd8\xa9";
	char		*v;

	(void)state;
	v = kiosk_bidi_visual(s, strlen(s), 1);
	assert_non_null(v);
	assert_string_equal(v, " \xef\xbb\xbb");	/* " ﻻ" */
	free(v);
	v = kiosk_bidi_visual(marked, strlen(marked), 1);
	assert_non_null(v);
	assert_string_equal(v, " \xef\xbb\xbb\xd9\x8e");
	free(v);
	assert_same_width(english);
	assert_same_width("\xd9\x84\xd9\x8b\xd8\xa7 \xd8\xa8 (x) 12");
}

/* Every Arabic letter, mark and presentation form, between two letters,
 * beside a lam-alef and a mark: never a column more or less. */
static void
test_every_arabic_code_point(void **state)
{
	static const UChar32 ranges[][2] = {
		{ 0x0600, 0x06ff }, { 0x0750, 0x077f }, { 0x08a0, 0x08ff },
		{ 0xfb50, 0xfdff }, { 0xfe70, 0xfeff },
	};
	char		 s[64];
	size_t		 r;
	UChar32		 c;
	int32_t		 o;

	(void)state;
	for (r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
		for (c = ranges[r][0]; c <= ranges[r][1]; c++) {
			if (!u_isdefined(c) || u_charType(c) ==
			    U_CONTROL_CHAR)
				continue;
			memcpy(s, "\xd8\xa8", 2);	/* beh */
			o = 2;
			U8_APPEND_UNSAFE(s, o, c);
			memcpy(s + o, "\xd8\xa8\xd9\x84\xd8\xa7\xd9\x8e x", 10);
			o += 10;
			s[o] = '\0';
			assert_same_width(s);
		}
	}
}

/* The note wrapped to the widths of the detail screen: each line, drawn,
 * fills at most the width it was wrapped to. */
static void
test_wrapped_note(void **state)
{
	struct kiosk_width_line	*l = NULL;
	size_t			 n, i;
	int			 w;
	char			*v;

	(void)state;
	for (w = 20; w <= 80; w++) {
		n = kiosk_width_wrap(NOTE_AR, w, &l);
		for (i = 0; i < n; i++) {
			v = kiosk_bidi_visual(NOTE_AR + l[i].off, l[i].len, 1);
			assert_non_null(v);
			if (cols(v) != l[i].cols || l[i].cols > w)
				fail_msg("width %d, line %zu: %d columns "
				    "measured, %d drawn", w, i, l[i].cols,
				    cols(v));
			free(v);
		}
		free(l);
	}
}

static void
test_needed(void **state)
{
	(void)state;
	assert_int_equal(kiosk_bidi_needed("Amsterdam", 9, 0), 0);
	assert_int_equal(kiosk_bidi_needed("Amsterdam", 9, 1), 1);
	assert_int_equal(kiosk_bidi_needed("\xd8\xa8", 2, 0), 1);
	assert_int_equal(kiosk_bidi_needed("", 0, 1), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tashkeel),
		cmocka_unit_test(test_lamalef),
		cmocka_unit_test(test_every_arabic_code_point),
		cmocka_unit_test(test_wrapped_note),
		cmocka_unit_test(test_needed),
	};
	int rc;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	kiosk_width_done();
	return rc;
}
