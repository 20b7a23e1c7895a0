/*
 * bigfont: choice numbers and receipt numbers drawn three rows high with
 * block characters, so they can be read from a distance.
 */
#ifndef KIOSK_BIGFONT_H
#define KIOSK_BIGFONT_H

#define KIOSK_BIGFONT_ROWS 3

/* Columns needed to draw the digits of n. */
int kiosk_bigfont_width(unsigned n);
/* Draw n with its top-left cell at y,x in attr. */
void kiosk_bigfont_draw(int y, int x, unsigned n, int attr);
/* Columns for text of digits, capital letters, "-" and blanks; -1 when
 * a character has no big form. */
int kiosk_bigfont_text_width(const char *s);
/* Draw such text with its top-left cell at y,x. */
void kiosk_bigfont_draw_text(int y, int x, const char *s, int attr);

#endif
