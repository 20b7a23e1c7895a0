/*
 * geez: Ge'ez syllables (see geez.h).
 *
 * Design note: Unicode lays out each Ethiopic consonant as a run of eight
 * code points starting at a multiple of eight (U+1200 ሀ ... U+1207 ሇ),
 * the first seven the vowel orders. The eighth slot holds the labialised
 * "wa" form for most consonants and is empty or something else for a
 * few, so it is offered only when ICU names it "ETHIOPIC SYLLABLE ...WA".
 * Only the main Ethiopic block (U+1200-U+137F) is used: the extended
 * blocks hold letters of other languages than Tigrinya.
 */
#include "config.h"

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

size_t
kiosk_geez_orders(const char *consonant, char out[KIOSK_GEEZ_ORDERS][8])
{
	UChar32		 c = kiosk_geez_one(consonant), o;
	UErrorCode	 ec = U_ZERO_ERROR;
	char		 name[128];
	int32_t		 len, i;
	size_t		 n = 0;
	UBool		 err = 0;

	if (c < 0 || !kiosk_geez_is_consonant(consonant))
		return 0;
	for (o = c; o < c + KIOSK_GEEZ_ORDERS; o++) {
		if (!kiosk_geez_syllable(o))
			continue;
		if (o == c + 7) {
			ec = U_ZERO_ERROR;
			len = u_charName(o, U_UNICODE_CHAR_NAME, name,
			    (int32_t)sizeof name, &ec);
			if (U_FAILURE(ec) || len < 2 ||
			    strcmp(name + len - 2, "WA") != 0)
				continue;
		}
		i = 0;
		U8_APPEND(out[n], i, 7, o, err);
		if (err)
			return n;
		out[n][i] = '\0';
		n++;
	}
	return n;
}
