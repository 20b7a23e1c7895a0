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

#include "catalog/xmalloc.h"
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

/* "الرابط" (the link) and "كيف تشارك" (how to take part). */
#define LINK_AR "\xd8\xa7\xd9\x84\xd8\xb1\xd8\xa7\xd8\xa8\xd8\xb7"
#define JOIN_AR "\xd9\x83\xd9\x8a\xd9\x81 " \
	"\xd8\xaa\xd8\xb4\xd8\xa7\xd8\xb1\xd9\x83"

/* 1 when s holds one of the isolate controls. */
static int
has_isolate(const char *s)
{
	return strstr(s, KIOSK_BIDI_LRI) != NULL ||
	    strstr(s, KIOSK_BIDI_RLI) != NULL ||
	    strstr(s, KIOSK_BIDI_FSI) != NULL ||
	    strstr(s, KIOSK_BIDI_PDI) != NULL;
}

/* The visual form of line s in a paragraph of direction rtl. */
static char *
visual(const char *s, int rtl)
{
	char *v = kiosk_bidi_visual(s, strlen(s), rtl);

	assert_non_null(v);
	if (has_isolate(v))
		fail_msg("an isolate control reaches the terminal: \"%s\"", v);
	if (cols(v) != cols(s))
		fail_msg("\"%s\" (%d columns) is drawn as \"%s\" (%d)", s,
		    cols(s), v, cols(v));
	return v;
}

/* Catalogue text: the direction of its first strong letter. */
static void
test_dir(void **state)
{
	(void)state;
	assert_int_equal(kiosk_bidi_dir("https://www.oba.nl/", 19),
	    KIOSK_BIDI_LTR);
	assert_int_equal(kiosk_bidi_dir("No diploma.", 11), KIOSK_BIDI_LTR);
	assert_int_equal(kiosk_bidi_dir(JOIN_AR ": x", strlen(JOIN_AR) + 3),
	    KIOSK_BIDI_RTL);
	/* Digits and signs first, then a letter: the letter decides. */
	assert_int_equal(kiosk_bidi_dir("12 " LINK_AR, 3 + strlen(LINK_AR)),
	    KIOSK_BIDI_RTL);
	/* No letter at all: the screen's direction. */
	assert_int_equal(kiosk_bidi_dir("020 523 0900", 12),
	    KIOSK_BIDI_SCREEN);
	assert_int_equal(kiosk_bidi_dir("", 0), KIOSK_BIDI_SCREEN);
}

/* An English text or a link on its own is a left-to-right paragraph; the
 * defect was a right-to-left one: "/https://www.oba.nl", the full stop
 * on the left. */
static void
test_own_paragraph(void **state)
{
	char *v;

	(void)state;
	v = visual("https://www.oba.nl/", 1);
	assert_string_equal(v, "/https://www.oba.nl");	/* the defect */
	free(v);
	v = visual("https://www.oba.nl/", 0);
	assert_string_equal(v, "https://www.oba.nl/");
	free(v);
	v = visual("No need to sign up.", 0);
	assert_string_equal(v, "No need to sign up.");
	free(v);
}

/* Catalogue text inside a line of the interface: the line keeps the
 * screen's direction (the Arabic label on the right), the piece keeps
 * its own order. */
static void
test_isolate_in_line(void **state)
{
	char	*piece, *line, *v;

	(void)state;
	piece = kiosk_bidi_isolate("https://www.oba.nl/", KIOSK_BIDI_LTR);
	assert_string_equal(piece, KIOSK_BIDI_LRI "https://www.oba.nl/"
	    KIOSK_BIDI_PDI);
	line = xasprintf(LINK_AR ": %s", piece);
	v = visual(line, 1);
	/* Visual order, left to right: the link, ":", the label. */
	assert_memory_equal(v, "https://www.oba.nl/ :", 21);
	free(v);
	free(line);
	free(piece);

	/* An English sentence: the full stop stays at its end. */
	piece = kiosk_bidi_isolate("Drop in. No need to sign up.",
	    KIOSK_BIDI_SCREEN);
	assert_memory_equal(piece, KIOSK_BIDI_LRI, 3);
	line = xasprintf(JOIN_AR ": %s", piece);
	v = visual(line, 1);
	assert_memory_equal(v, "Drop in. No need to sign up. :", 30);
	free(v);
	free(line);
	free(piece);

	/* A phone number: digits and signs only, still left to right. */
	piece = kiosk_bidi_isolate("+31 20 523 0900", KIOSK_BIDI_LTR);
	line = xasprintf(JOIN_AR ": %s", piece);
	v = visual(line, 1);
	assert_memory_equal(v, "+31 20 523 0900 :", 17);
	free(v);
	free(line);
	free(piece);
	/* Without an isolate it came out as "0900 523 20 +31". */
	v = visual(JOIN_AR ": +31 20 523 0900", 1);
	assert_memory_equal(v, "0900 523 20 31+ :", 17);
	free(v);

	/* An Arabic piece in a Dutch line: right to left inside it. */
	piece = kiosk_bidi_isolate(JOIN_AR, KIOSK_BIDI_SCREEN);
	assert_memory_equal(piece, KIOSK_BIDI_RLI, 3);
	line = xasprintf("Waar: %s.", piece);
	v = visual(line, 0);
	assert_memory_equal(v, "Waar: ", 6);
	assert_string_equal(v + strlen(v) - 1, ".");
	free(v);
	free(line);
	free(piece);
}

/* Lines of a wrapped paragraph are made whole: an isolate cut by the
 * wrap is closed at the end of the line and opened again on the next,
 * so the second line of an English text in an Arabic line still ends
 * with its full stop. */
static void
test_wrapped_isolate(void **state)
{
	struct kiosk_width_line	*l = NULL;
	char			*piece, *para, *line, *v;
	size_t			 n;

	(void)state;
	piece = kiosk_bidi_isolate("Drop in during opening hours of the help "
	    "desk. No need to sign up.", KIOSK_BIDI_SCREEN);
	para = xasprintf(JOIN_AR ": %s", piece);
	n = kiosk_width_wrap(para, 40, &l);
	assert_int_equal(n, 2);
	line = kiosk_bidi_line(para, l[0].off, l[0].len);
	assert_string_equal(line + strlen(line) - 3, KIOSK_BIDI_PDI);
	free(line);
	line = kiosk_bidi_line(para, l[1].off, l[1].len);
	assert_memory_equal(line, KIOSK_BIDI_LRI, 3);
	assert_string_equal(line + strlen(line) - 3, KIOSK_BIDI_PDI);
	v = visual(line, 1);
	assert_string_equal(v + strlen(v) - 8, "sign up.");
	free(v);
	/* Without the repair the full stop went to the left. */
	v = visual(para + l[1].off, 1);
	assert_int_equal(v[0], '.');
	free(v);
	free(line);
	/* A line without isolates stays as it is. */
	line = kiosk_bidi_line("a b", 2, 1);
	assert_string_equal(line, "b");
	free(line);
	free(l);
	free(para);
	free(piece);
}

static void
test_strip(void **state)
{
	char *s;

	(void)state;
	s = kiosk_bidi_strip(KIOSK_BIDI_LRI "a" KIOSK_BIDI_PDI " b "
	    KIOSK_BIDI_RLI JOIN_AR KIOSK_BIDI_PDI, strlen(KIOSK_BIDI_LRI "a"
	    KIOSK_BIDI_PDI " b " KIOSK_BIDI_RLI JOIN_AR KIOSK_BIDI_PDI));
	assert_string_equal(s, "a b " JOIN_AR);
	free(s);
	/* Isolates alone need bidi work, even on a left-to-right screen:
	 * they must be taken out. */
	assert_int_equal(kiosk_bidi_needed(KIOSK_BIDI_LRI "a" KIOSK_BIDI_PDI,
	    7, 0), 1);
	/* ZWJ is not a control to take out: it holds an emoji together. */
	s = kiosk_bidi_visual(JOIN_AR " \xf0\x9f\x91\xa9\xe2\x80\x8d"
	    "\xf0\x9f\x92\xbb", strlen(JOIN_AR) + 12, 1);
	assert_non_null(s);
	assert_non_null(strstr(s, "\xe2\x80\x8d"));
	free(s);
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
		cmocka_unit_test(test_dir),
		cmocka_unit_test(test_own_paragraph),
		cmocka_unit_test(test_isolate_in_line),
		cmocka_unit_test(test_wrapped_isolate),
		cmocka_unit_test(test_strip),
	};
	int rc;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	kiosk_width_done();
	return rc;
}
