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
 */
#ifndef KIOSK_BIDI_H
#define KIOSK_BIDI_H

#include <stddef.h>

/* 1 when s[0..len) needs bidi work (has right-to-left characters, or
 * rtl is set and it has anything that could be mirrored). */
int kiosk_bidi_needed(const char *s, size_t len, int rtl);
/* A new string: s[0..len) (one line, sanitised UTF-8) shaped and in
 * visual order for a paragraph of direction rtl; NULL when ICU fails. */
char *kiosk_bidi_visual(const char *s, size_t len, int rtl);
/* The sequences that switch the terminal to explicit BiDi mode and back. */
#define KIOSK_BIDI_EXPLICIT "\033[8l"
#define KIOSK_BIDI_IMPLICIT "\033[8h"

#endif
