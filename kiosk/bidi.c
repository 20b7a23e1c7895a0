/*
 * bidi: shaping and reordering one line with ICU (see bidi.h).
 *
 * The line was measured and cut in logical order by width.c, so what is
 * drawn must take exactly as many columns. Two things in ICU's shaping
 * would change that: a lam-alef ligature is one character for two (the
 * space it leaves goes at the logical end), and tashkeel (fathatan,
 * shadda, ...: combining marks, no column of their own) become spacing
 * presentation forms of one column each, which pushed the last letter of
 * a full line onto the next row. So the combining marks are taken out
 * before shaping and put back after the (shaped) letter they belong to;
 * reordering keeps them after their letter (UBIDI_KEEP_BASE_COMBINING),
 * as the terminal puts a combining mark on the cell before it.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/ushape.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "catalog/xmalloc.h"
#include "kiosk/bidi.h"

/* 1 for U+2066..U+2069 (LRI, RLI, FSI, PDI). */
static int
kiosk_bidi_is_isolate(UChar32 c)
{
	return c >= 0x2066 && c <= 0x2069;
}

enum kiosk_bidi_dir
kiosk_bidi_dir(const char *s, size_t len)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		*u;
	int32_t		 ulen = 0;
	UBiDiDirection	 d = UBIDI_NEUTRAL;

	u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)len, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return KIOSK_BIDI_SCREEN;
	st = U_ZERO_ERROR;
	u = xcalloc((size_t)ulen + 1, sizeof *u);
	u_strFromUTF8(u, ulen + 1, NULL, s, (int32_t)len, &st);
	if (U_SUCCESS(st))
		d = ubidi_getBaseDirection(u, ulen);
	free(u);
	if (d == UBIDI_LTR)
		return KIOSK_BIDI_LTR;
	if (d == UBIDI_RTL)
		return KIOSK_BIDI_RTL;
	return KIOSK_BIDI_SCREEN;
}

char *
kiosk_bidi_isolate(const char *s, enum kiosk_bidi_dir dir)
{
	if (dir == KIOSK_BIDI_SCREEN)
		dir = kiosk_bidi_dir(s, strlen(s));
	return xasprintf("%s%s%s", dir == KIOSK_BIDI_RTL ? KIOSK_BIDI_RLI :
	    KIOSK_BIDI_LRI, s, KIOSK_BIDI_PDI);
}

/*
 * Append to out (at *o) the initiators of the isolates open at the end
 * of s[0..len): a stack of them, innermost last; an unmatched PDI is
 * ignored (UAX #9 X6a). Returns how many.
 */
static size_t
kiosk_bidi_open(const char *s, size_t len, char *out, size_t *o)
{
	UChar32	 stack[16], c;
	size_t	 depth = 0, over = 0, k;
	int32_t	 i = 0, n = (int32_t)len;

	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (c == 0x2069) {
			if (over > 0)
				over--;
			else if (depth > 0)
				depth--;
		} else if (kiosk_bidi_is_isolate(c)) {
			if (depth < sizeof stack / sizeof stack[0])
				stack[depth++] = c;
			else
				over++;
		}
	}
	for (k = 0; out != NULL && k < depth; k++)
		U8_APPEND_UNSAFE((uint8_t *)out, *o, stack[k]);
	return depth + over;
}

char *
kiosk_bidi_line(const char *s, size_t off, size_t len)
{
	size_t	 before, o = 0, after, k;
	char	*out;

	before = kiosk_bidi_open(s, off, NULL, &o);
	/* Each control is three bytes in UTF-8. */
	out = xmalloc(3 * before + len + 3 * (before +
	    kiosk_bidi_open(s + off, len, NULL, &o)) + 1);
	o = 0;
	kiosk_bidi_open(s, off, out, &o);
	memcpy(out + o, s + off, len);
	o += len;
	out[o] = '\0';
	after = kiosk_bidi_open(out, o, NULL, &k);
	for (k = 0; k < after; k++) {
		memcpy(out + o, KIOSK_BIDI_PDI, 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}

char *
kiosk_bidi_strip(const char *s, size_t len)
{
	char	*out = xmalloc(len + 1);
	int32_t	 i = 0, start, n = (int32_t)len;
	size_t	 o = 0;
	UChar32	 c;

	while (i < n) {
		start = i;
		U8_NEXT(s, i, n, c);
		if (kiosk_bidi_is_isolate(c))
			continue;
		memcpy(out + o, s + start, (size_t)(i - start));
		o += (size_t)(i - start);
	}
	out[o] = '\0';
	return out;
}

int
kiosk_bidi_needed(const char *s, size_t len, int rtl)
{
	int32_t		 i = 0, n = (int32_t)len;
	UChar32		 c;
	UCharDirection	 d;

	/* A right-to-left line always: it mirrors brackets and arrows. */
	if (rtl)
		return len > 0;
	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (c < 0x590)
			continue;
		if (kiosk_bidi_is_isolate(c))
			return 1;
		d = u_charDirection(c);
		if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC ||
		    d == U_ARABIC_NUMBER)
			return 1;
	}
	return 0;
}

/* 1 for a code point that sits on the letter before it (no column). */
static int
kiosk_bidi_is_mark(UChar32 c)
{
	int8_t type = u_charType(c);

	return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK;
}

/* 1 when ICU shaped base[i], base[i + 1] into the lam-alef ligature l. */
static int
kiosk_bidi_lamalef(const UChar *base, int32_t i, int32_t n, UChar l)
{
	UChar a;

	if (base[i] != 0x0644 || i + 1 >= n || l < 0xfef5 || l > 0xfefc)
		return 0;
	a = base[i + 1];
	return a == 0x0622 || a == 0x0623 || a == 0x0625 || a == 0x0627;
}

/*
 * Shape the Arabic letters of u[0..n) (logical order) into out[0..n):
 * the letters without the marks go through u_shapeArabic (lam-alef
 * spaces at the end), then each mark is put back after its letter.
 * Returns n, or -1 with *st set.
 */
static int32_t
kiosk_bidi_shape(const UChar *u, int32_t n, UChar *out, UErrorCode *st)
{
	UChar		*base, *shaped;
	unsigned char	*mark;
	int32_t		 i = 0, j, k, nb = 0, o = 0, start, e;
	UChar32		 c;

	base = xcalloc((size_t)n + 1, sizeof *base);
	shaped = xcalloc((size_t)n + 1, sizeof *shaped);
	mark = xcalloc((size_t)n + 1, 1);
	while (i < n) {
		start = i;
		U16_NEXT(u, i, n, c);
		for (e = start; e < i; e++) {
			if (kiosk_bidi_is_mark(c))
				mark[e] = 1;
			else
				base[nb++] = u[e];
		}
	}
	if (nb > 0)
		u_shapeArabic(base, nb, shaped, nb + 1,
		    U_SHAPE_LETTERS_SHAPE | U_SHAPE_LENGTH_FIXED_SPACES_AT_END |
		    U_SHAPE_TEXT_DIRECTION_LOGICAL, st);
	if (U_FAILURE(*st)) {
		n = -1;
		goto fail;
	}
	/* Walk the text again: a letter gives its shaped form (both
	 * letters of a lam-alef give the one ligature), a mark itself. */
	for (i = 0, j = 0, k = 0; i < n; i++) {
		if (mark[i]) {
			out[o++] = u[i];
			continue;
		}
		if (kiosk_bidi_lamalef(base, k, nb, shaped[j])) {
			out[o++] = shaped[j++];
			k += 2;
			/* Marks on the lam follow; the alef is in the
			 * ligature already. */
			while (i + 1 < n && mark[i + 1])
				out[o++] = u[++i];
			i++;
			continue;
		}
		out[o++] = shaped[j++];
		k++;
	}
	/* The spaces left by the ligatures. */
	while (j < nb && o < n)
		out[o++] = shaped[j++];
fail:
	free(base);
	free(shaped);
	free(mark);
	return n;
}

char *
kiosk_bidi_visual(const char *s, size_t len, int rtl)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UBiDi		*bidi = NULL;
	UChar		*u = NULL, *shaped = NULL, *vis = NULL;
	char		*out = NULL;
	int32_t		 ulen = 0, n, olen = 0, i, j;

	u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)len, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto fail;
	st = U_ZERO_ERROR;
	u = xcalloc((size_t)ulen + 1, sizeof *u);
	shaped = xcalloc((size_t)ulen + 1, sizeof *shaped);
	vis = xcalloc((size_t)ulen + 1, sizeof *vis);
	u_strFromUTF8(u, ulen + 1, NULL, s, (int32_t)len, &st);
	if (U_FAILURE(st))
		goto fail;
	/* Letter forms in logical order, as many columns as before. */
	n = kiosk_bidi_shape(u, ulen, shaped, &st);
	if (n < 0)
		goto fail;
	bidi = ubidi_openSized(n, 0, &st);
	if (U_FAILURE(st))
		goto fail;
	ubidi_setPara(bidi, shaped, n, rtl ? UBIDI_RTL : UBIDI_LTR, NULL, &st);
	if (U_FAILURE(st))
		goto fail;
	n = ubidi_writeReordered(bidi, vis, ulen + 1, UBIDI_DO_MIRRORING |
	    UBIDI_KEEP_BASE_COMBINING, &st);
	if (U_FAILURE(st))
		goto fail;
	/* Take out the isolates (not UBIDI_REMOVE_BIDI_CONTROLS: that takes
	 * ZWJ and ZWNJ too, and ZWJ holds emoji sequences together). */
	for (i = 0, j = 0; i < n; i++) {
		if (!kiosk_bidi_is_isolate(vis[i]))
			vis[j++] = vis[i];
	}
	n = j;
	u_strToUTF8(NULL, 0, &olen, vis, n, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto fail;
	st = U_ZERO_ERROR;
	out = xmalloc((size_t)olen + 1);
	u_strToUTF8(out, olen + 1, NULL, vis, n, &st);
	if (U_FAILURE(st)) {
		free(out);
		out = NULL;
	}
fail:
	if (bidi != NULL)
		ubidi_close(bidi);
	free(u);
	free(shaped);
	free(vis);
	return out;
}
