/*
 * bidi: right-to-left text for terminals that do not reorder it.
 *
 * The kiosk puts the terminal in explicit BiDi mode (ECMA-48 BDSM reset,
 * CSI 8 l) so that VTE-based terminals do not reorder a second time, and
 * does the work itself, one screen line at a time: ICU shapes Arabic
 * letters (u_shapeArabic, logical order, lam-alef ligatures padded at the
 * end so the width stays the same) and reorders the line into visual
 * order with mirrored brackets (ubidi_setPara, ubidi_writeReordered with
 * UBIDI_DO_MIRRORING). Arabic and Farsi screens use a right-to-left
 * paragraph level, so neutral characters and brackets follow them.
 *
 * Catalogue text is not in the screen's language for sure (a link, an
 * e-mail address, an English text shown through the language fallback on
 * an Arabic screen), so it gets its own direction (UAX #9 rules P2-P3:
 * the first strong character, ubidi_getBaseDirection): a piece on its
 * own is a paragraph of that direction, reordered as one and aligned to
 * its own start, as HTML dir="auto" and Android's text direction
 * "firstStrong" do (an English text sits on the left of a mirrored
 * Arabic screen). A piece inside a line of the interface ("Where:
 * Amsterdam") is wrapped in an isolate (LRI or RLI ... PDI, resolved when
 * the line is made), so it keeps its order and the line keeps the
 * screen's. Links, e-mail addresses and phone numbers are always left to
 * right. The isolate controls never reach the terminal: sanitising drops
 * any from the catalogue and kiosk_bidi_visual() takes ours out.
 */
#ifndef KIOSK_BIDI_H
#define KIOSK_BIDI_H

#include <stddef.h>

/* The direction of a paragraph or of a piece of text. */
enum kiosk_bidi_dir {
	KIOSK_BIDI_SCREEN,	/* the screen's (interface text) */
	KIOSK_BIDI_LTR,
	KIOSK_BIDI_RTL
};

/* The direction of s[0..len) (sanitised catalogue text) from its first
 * strong character; KIOSK_BIDI_SCREEN when it has none (digits, signs). */
enum kiosk_bidi_dir kiosk_bidi_dir(const char *s, size_t len);
/* A new string: sanitised text s in an isolate of direction dir (SCREEN:
 * from its content, else left to right as UAX #9 does for FSI). */
char *kiosk_bidi_isolate(const char *s, enum kiosk_bidi_dir dir);
/* A new string: line s[off..off + len) of a wrapped paragraph made whole:
 * the isolates still open at off are opened again at its start and the
 * ones open at its end are closed, so each line can be reordered alone. */
char *kiosk_bidi_line(const char *s, size_t off, size_t len);
/* A new string: s[0..len) without the isolate controls. */
char *kiosk_bidi_strip(const char *s, size_t len);
/* 1 when s[0..len) needs bidi work (has right-to-left characters or
 * isolate controls, or rtl is set and it has anything that could be
 * mirrored). */
int kiosk_bidi_needed(const char *s, size_t len, int rtl);
/* A new string: s[0..len) (one line, sanitised UTF-8) shaped and in
 * visual order for a paragraph of direction rtl, without isolate
 * controls; NULL when ICU fails. */
char *kiosk_bidi_visual(const char *s, size_t len, int rtl);
/* The sequences that switch the terminal to explicit BiDi mode and back. */
#define KIOSK_BIDI_EXPLICIT "\033[8l"
#define KIOSK_BIDI_IMPLICIT "\033[8h"
/* The isolate controls (UTF-8). */
#define KIOSK_BIDI_LRI "\xe2\x81\xa6"	/* U+2066 */
#define KIOSK_BIDI_RLI "\xe2\x81\xa7"	/* U+2067 */
#define KIOSK_BIDI_FSI "\xe2\x81\xa8"	/* U+2068 */
#define KIOSK_BIDI_PDI "\xe2\x81\xa9"	/* U+2069 */

#endif
