/*
 * bidi: shaping and reordering one line with ICU (see bidi.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/ushape.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "catalog/xmalloc.h"
#include "kiosk/bidi.h"

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
		d = u_charDirection(c);
		if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC ||
		    d == U_ARABIC_NUMBER)
			return 1;
	}
	return 0;
}

char *
kiosk_bidi_visual(const char *s, size_t len, int rtl)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UBiDi		*bidi = NULL;
	UChar		*u = NULL, *shaped = NULL, *vis = NULL;
	char		*out = NULL;
	int32_t		 ulen = 0, n, olen = 0;

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
	/* Letter forms in logical order; a lam-alef ligature leaves a
	 * space at the end, so the line keeps its width. */
	n = u_shapeArabic(u, ulen, shaped, ulen + 1, U_SHAPE_LETTERS_SHAPE |
	    U_SHAPE_LENGTH_FIXED_SPACES_AT_END |
	    U_SHAPE_TEXT_DIRECTION_LOGICAL, &st);
	if (U_FAILURE(st))
		goto fail;
	bidi = ubidi_openSized(n, 0, &st);
	if (U_FAILURE(st))
		goto fail;
	ubidi_setPara(bidi, shaped, n, rtl ? UBIDI_RTL : UBIDI_LTR, NULL, &st);
	if (U_FAILURE(st))
		goto fail;
	n = ubidi_writeReordered(bidi, vis, ulen + 1, UBIDI_DO_MIRRORING, &st);
	if (U_FAILURE(st))
		goto fail;
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
