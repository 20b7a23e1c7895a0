/*
 * geez: the syllables of the Ge'ez script (Ethiopic) for the on-screen
 * keyboard's two steps: a consonant, then its vowel order.
 *
 * Each consonant has seven orders (ä u i a e ə o) in consecutive code
 * points from its first order, and many an eighth (the "wa" form) right
 * after them; which have one is read from ICU's character names, not from
 * a table of our own.
 */
#ifndef KIOSK_GEEZ_H
#define KIOSK_GEEZ_H

#include <stddef.h>

#define KIOSK_GEEZ_ORDERS 8

/* 1 when the UTF-8 text is one Ethiopic consonant in its first order. */
int kiosk_geez_is_consonant(const char *utf8);
/*
 * The orders of consonant (UTF-8, first order) as UTF-8 strings in out,
 * first to seventh and the wa form if it has one; the number written
 * (0: not a consonant).
 */
size_t kiosk_geez_orders(const char *consonant,
    char out[KIOSK_GEEZ_ORDERS][8]);

#endif
