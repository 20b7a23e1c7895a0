/*
 * test_width: measuring, cutting, wrapping and sanitising text for the
 * kiosk (kiosk/width.c), with the kinds of text the catalogue holds.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/width.h"

static int
cols(const char *s)
{
	return kiosk_width_cols(s, strlen(s));
}

static void
test_ascii(void **state)
{
	int c;

	(void)state;
	assert_int_equal(cols("Lassen"), 6);
	assert_int_equal(cols(""), 0);
	assert_int_equal(kiosk_width_cut("Lassen", 6, 3, &c), 3);
	assert_int_equal(c, 3);
	assert_int_equal(kiosk_width_cut("Lassen", 6, 40, &c), 6);
	assert_int_equal(kiosk_width_cut("Lassen", 6, 0, &c), 0);
	assert_int_equal(kiosk_width_prev("abc", 3), 2);
}

static void
test_accents(void **state)
{
	const char *composed = "caf\xc3\xa9";		/* café, U+00E9 */
	const char *decomposed = "cafe\xcc\x81";	/* e + U+0301 */
	int c;

	(void)state;
	assert_int_equal(cols(composed), 4);
	assert_int_equal(cols(decomposed), 4);
	/* Cutting at 3 columns keeps "caf", never "cafe" without accent. */
	assert_int_equal(kiosk_width_cut(decomposed, strlen(decomposed), 3,
	    &c), 3);
	assert_int_equal(c, 3);
	/* Backspace removes e and its accent together. */
	assert_int_equal(kiosk_width_prev(decomposed, strlen(decomposed)), 3);
	assert_int_equal(kiosk_width_prev(composed, strlen(composed)), 3);
}

static void
test_wide(void **state)
{
	const char *cjk = "\xe4\xb8\xad\xe6\x96\x87";	/* 中文 */
	const char *mixed = "a\xe4\xb8\xad" "b";	/* a中b */
	int c;

	(void)state;
	assert_int_equal(cols(cjk), 4);
	assert_int_equal(cols(mixed), 4);
	/* A wide character never straddles the limit. */
	assert_int_equal(kiosk_width_cut(mixed, strlen(mixed), 2, &c), 1);
	assert_int_equal(c, 1);
	assert_int_equal(kiosk_width_cut(cjk, strlen(cjk), 3, &c), 3);
	assert_int_equal(c, 2);
}

static void
test_emoji(void **state)
{
	const char *face = "\xf0\x9f\x98\x80";		/* U+1F600 */
	/* thumbs up + skin tone modifier: one cluster */
	const char *thumb = "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd";
	/* family: man ZWJ woman ZWJ girl */
	const char *family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
	    "\xe2\x80\x8d\xf0\x9f\x91\xa7";
	const char *flag = "\xf0\x9f\x87\xb3\xf0\x9f\x87\xb1";	/* NL flag */
	const char *heart = "\xe2\x9d\xa4\xef\xb8\x8f";	/* U+2764 U+FE0F */
	int c;

	char *clean;

	(void)state;
	/* Columns as ncurses and the terminal (tmux 3.3, xterm) advance. */
	assert_int_equal(cols(face), 2);
	assert_int_equal(cols(thumb), 4);
	assert_int_equal(cols(flag), 2);
	assert_int_equal(cols(heart), 1);
	/* The modifier is never cut from its emoji. */
	assert_int_equal(kiosk_width_cut(thumb, strlen(thumb), 3, &c), 0);
	assert_int_equal(kiosk_width_cut(thumb, strlen(thumb), 4, &c),
	    strlen(thumb));
	/* A family (issue 17): its joiners are dropped, so every terminal
	 * draws three people side by side, 6 columns, none lost. */
	clean = kiosk_width_sanitize(family, 0);
	assert_string_equal(clean, "\xf0\x9f\x91\xa8\xf0\x9f\x91\xa9"
	    "\xf0\x9f\x91\xa7");
	assert_int_equal(cols(clean), 6);
	assert_int_equal(kiosk_width_cut(clean, strlen(clean), 5, &c), 8);
	assert_int_equal(c, 4);
	free(clean);
	/* A joiner between letters (Arabic, Indic scripts) stays. */
	clean = kiosk_width_sanitize("\xd9\x84\xe2\x80\x8d", 0);
	assert_string_equal(clean, "\xd9\x84\xe2\x80\x8d");
	free(clean);
}

static void
test_arabic(void **state)
{
	/* "مرحبا" five letters; with a fatha (U+064E, combining) after the first */
	const char *word = "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7";
	const char *marked = "\xd9\x85\xd9\x8e\xd8\xb1";
	int c;

	(void)state;
	assert_int_equal(cols(word), 5);
	assert_int_equal(cols(marked), 2);
	assert_int_equal(kiosk_width_cut(marked, strlen(marked), 1, &c), 4);
	assert_int_equal(c, 1);
}

static void
test_controls(void **state)
{
	char *s;

	(void)state;
	/* OSC title, clear screen, bell, C1 CSI, DEL: all lose their force. */
	s = kiosk_width_sanitize("A\x1b]0;EVIL\x07" "B\x1b[2J\x1b[HC"
	    "\xc2\x9b" "31mD\x7f" "E", 0);
	assert_string_equal(s, "A]0;EVILB[2J[HC31mDE");
	assert_null(strchr(s, 0x1b));
	free(s);
	/* Line breaks: kept as "\n" on request, else a space; tabs a space. */
	s = kiosk_width_sanitize("a\r\nb\rc\td\ne", KIOSK_WIDTH_KEEP_NL);
	assert_string_equal(s, "a\nb\nc d\ne");
	free(s);
	s = kiosk_width_sanitize("a\r\nb\ne", 0);
	assert_string_equal(s, "a b e");
	free(s);
	/* Invalid UTF-8 becomes U+FFFD; bidi override is dropped. */
	s = kiosk_width_sanitize("x\xff\xc3y\xe2\x80\xaez", 0);
	assert_string_equal(s, "x\xef\xbf\xbd\xef\xbf\xbdyz");
	free(s);
	s = kiosk_width_sanitize(NULL, 0);
	assert_string_equal(s, "");
	free(s);
}

static void
test_wrap(void **state)
{
	struct kiosk_width_line	*l = NULL;
	const char		*t = "Leer lassen in tien weken bij ons";
	const char		*cjk = "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad";
	size_t			 n, i;

	(void)state;
	n = kiosk_width_wrap(t, 12, &l);
	assert_int_equal(n, 4);
	assert_int_equal(l[0].len, 11);
	assert_memory_equal(t + l[0].off, "Leer lassen", 11);
	assert_int_equal(l[1].len, 7);
	assert_memory_equal(t + l[1].off, "in tien", 7);
	assert_int_equal(l[2].len, 9);
	assert_memory_equal(t + l[2].off, "weken bij", 9);
	assert_int_equal(l[3].len, 3);
	assert_memory_equal(t + l[3].off, "ons", 3);
	for (i = 0; i < n; i++)
		assert_true(l[i].cols <= 12);
	free(l);

	n = kiosk_width_wrap(t, 13, &l);
	for (i = 0; i < n; i++)
		assert_true(l[i].cols <= 13);
	free(l);

	/* Hard line breaks and empty lines are kept. */
	n = kiosk_width_wrap("one\n\ntwo", 20, &l);
	assert_int_equal(n, 3);
	assert_int_equal(l[1].len, 0);
	free(l);

	/* A word longer than the line is cut, never mid-character. */
	n = kiosk_width_wrap("Beroepsopleiding", 5, &l);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++)
		assert_true(l[i].cols <= 5);
	free(l);
	n = kiosk_width_wrap(cjk, 3, &l);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++)
		assert_int_equal(l[i].cols, 2);
	free(l);
}

/* Phone numbers, amounts, e-mail addresses and links never break (issue
 * 15: "Of bel 14 010." wrapped as "14" / "010"). */
static void
test_wrap_keep(void **state)
{
	struct kiosk_width_line	*l = NULL;
	const char		*t;
	size_t			 n;

	(void)state;
	t = "Of bel 14 010.";
	n = kiosk_width_wrap(t, 10, &l);
	assert_int_equal(n, 2);
	assert_memory_equal(t + l[1].off, "14 010.", 7);
	free(l);
	t = "Bel +31 6 1234 5678 nu";
	n = kiosk_width_wrap(t, 16, &l);
	assert_int_equal(n, 3);
	assert_memory_equal(t + l[1].off, "+31 6 1234 5678", 15);
	free(l);
	t = "Kost \xe2\x82\xac 975 per jaar";
	n = kiosk_width_wrap(t, 8, &l);
	assert_memory_equal(t + l[1].off, "\xe2\x82\xac 975", 7);
	free(l);
	t = "Mail info@example-school.nl of kijk op https://www.noorderpoort.nl/lassen";
	n = kiosk_width_wrap(t, 40, &l);
	assert_int_equal(n, 2);
	assert_memory_equal(t + l[0].off, "Mail info@example-school.nl of kijk op", 38);
	assert_memory_equal(t + l[1].off, "https://www.noorderpoort.nl/lassen", 34);
	free(l);
	/* Too long for a line even whole: cut, as any long word. */
	n = kiosk_width_wrap("https://www.noorderpoort.nl/", 10, &l);
	assert_true(n >= 3);
	free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_keep),
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_accents),
		cmocka_unit_test(test_wide),
		cmocka_unit_test(test_emoji),
		cmocka_unit_test(test_arabic),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_wrap),
	};
	int rc;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	kiosk_width_done();
	return rc;
}
