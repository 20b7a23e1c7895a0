/*
 * geez: the syllables of the Ge'ez script (Ethiopic) for the on-screen
 * keyboard's two steps: a consonant, then its vowel order.
 *
 * Each consonant has seven orders (ä u i a e ə o) in consecutive code
 * points from its first order, and many an eighth (the "wa" form) right
 * after them. The velars ቀ ቐ ኀ ከ ኸ ገ have a labialised row of their own
 * instead (ቈ ቊ ቋ ቌ ቍ: wä wi wa we wə), which follows their seven orders
 * on the keyboard. Which forms exist is read from ICU's character names,
 * not from a table of our own.
 */
#ifndef KIOSK_GEEZ_H
#define KIOSK_GEEZ_H

#include <stddef.h>

/* Seven orders, then a wa form or a labialised row of up to five. */
#define KIOSK_GEEZ_FORMS 12

/* 1 when the UTF-8 text is one Ethiopic consonant in its first order. */
int kiosk_geez_is_consonant(const char *utf8);
/*
 * The forms of consonant (UTF-8, first order) as UTF-8 strings in out:
 * first to seventh order, then the wa form if it has one, or its
 * labialised row (wä wi wa we wə, those that exist); the number written
 * (0: not a consonant).
 */
size_t kiosk_geez_orders(const char *consonant,
    char out[KIOSK_GEEZ_FORMS][8]);

#endif
