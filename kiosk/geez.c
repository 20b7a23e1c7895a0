/*
 * geez: Ge'ez syllables (see geez.h).
 *
 * Design note: Unicode lays out each Ethiopic consonant as a run of eight
 * code points starting at a multiple of eight (U+1200 ሀ ... U+1207 ሇ),
 * the first seven the vowel orders. The eighth slot holds the labialised
 * "wa" form for most consonants and is empty or something else for a
 * few, so it is offered only when ICU names it "ETHIOPIC SYLLABLE ...WA".
 * The velars (ቀ ቐ ኀ ከ ኸ ገ) have their labialised forms in a run of
 * their own after their eight (ቈ U+1248 after ቀ U+1240), found by name.
 * Only the main Ethiopic block (U+1200-U+137F) is used: the extended
 * blocks hold letters of other languages than Tigrinya.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "kiosk/geez.h"

/* The one code point of utf8, or -1. */
static UChar32
kiosk_geez_one(const char *utf8)
{
	int32_t	 i = 0, n = (int32_t)strlen(utf8);
	UChar32	 c;

	if (n == 0 || n > 4)
		return -1;
	U8_NEXT(utf8, i, n, c);
	return i == n ? c : -1;
}

static int
kiosk_geez_syllable(UChar32 c)
{
	UErrorCode ec = U_ZERO_ERROR;

	return c >= 0x1200 && c < 0x1360 && u_isalpha(c) &&
	    uscript_getScript(c, &ec) == USCRIPT_ETHIOPIC && U_SUCCESS(ec);
}

int
kiosk_geez_is_consonant(const char *utf8)
{
	UChar32 c = kiosk_geez_one(utf8);

	return c >= 0 && (c & 7) == 0 && kiosk_geez_syllable(c);
}

/* ICU's name of c into name ("ETHIOPIC SYLLABLE QA"); its length or -1. */
static int32_t
kiosk_geez_name(UChar32 c, char *name, int32_t size)
{
	UErrorCode	ec = U_ZERO_ERROR;
	int32_t		len;

	len = u_charName(c, U_UNICODE_CHAR_NAME, name, size, &ec);
	return U_FAILURE(ec) || len >= size ? -1 : len;
}

/* Append o as UTF-8 to out[*n] (room for KIOSK_GEEZ_FORMS); 0 if full. */
static int
kiosk_geez_put(char out[KIOSK_GEEZ_FORMS][8], size_t *n, UChar32 o)
{
	int32_t	i = 0;
	UBool	err = 0;

	if (*n >= KIOSK_GEEZ_FORMS)
		return 0;
	U8_APPEND(out[*n], i, 7, o, err);
	if (err)
		return 0;
	out[*n][i] = '\0';
	(*n)++;
	return 1;
}

/*
 * The labialised row of c, written after its orders: ICU finds the
 * syllable named like c with W before its vowel ("QA": "QWA", U+1248
 * ቈ). It is a row of its own when it starts a run of eight code points
 * (for most consonants "LWA" is the eighth order ሏ instead); its forms
 * are the syllables of that run whose names start with "...QW".
 */
static void
kiosk_geez_labialised(UChar32 c, char out[KIOSK_GEEZ_FORMS][8], size_t *n)
{
	char		 name[128], want[136], other[128];
	UErrorCode	 ec = U_ZERO_ERROR;
	UChar32		 w, o;
	int32_t		 len;

	len = kiosk_geez_name(c, name, (int32_t)sizeof name);
	if (len < 2 || name[len - 1] != 'A')
		return;
	name[len - 1] = '\0';		/* "ETHIOPIC SYLLABLE Q" */
	snprintf(want, sizeof want, "%sWA", name);
	w = u_charFromName(U_UNICODE_CHAR_NAME, want, &ec);
	if (U_FAILURE(ec) || (w & 7) != 0 || !kiosk_geez_syllable(w))
		return;
	snprintf(want, sizeof want, "%sW", name);
	for (o = w; o < w + 8; o++) {
		if (!kiosk_geez_syllable(o) ||
		    kiosk_geez_name(o, other, (int32_t)sizeof other) < 0 ||
		    strncmp(other, want, strlen(want)) != 0)
			continue;
		if (!kiosk_geez_put(out, n, o))
			return;
	}
}

size_t
kiosk_geez_orders(const char *consonant, char out[KIOSK_GEEZ_FORMS][8])
{
	UChar32		 c = kiosk_geez_one(consonant), o;
	char		 name[128];
	int32_t		 len;
	size_t		 n = 0;

	if (c < 0 || !kiosk_geez_is_consonant(consonant))
		return 0;
	for (o = c; o < c + 7; o++)
		if (kiosk_geez_syllable(o) && !kiosk_geez_put(out, &n, o))
			return n;
	/* The eighth: the wa form when ICU names it so. */
	o = c + 7;
	len = kiosk_geez_name(o, name, (int32_t)sizeof name);
	if (kiosk_geez_syllable(o) && len >= 2 &&
	    strcmp(name + len - 2, "WA") == 0)
		kiosk_geez_put(out, &n, o);
	else
		kiosk_geez_labialised(c, out, &n);
	return n;
}
