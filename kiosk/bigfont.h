/*
 * bigfont: choice numbers drawn three rows high with block characters,
 * so the number to press can be read from a distance.
 */
#ifndef KIOSK_BIGFONT_H
#define KIOSK_BIGFONT_H

#define KIOSK_BIGFONT_ROWS 3

/* Columns needed to draw the digits of n. */
int kiosk_bigfont_width(unsigned n);
/* Draw n with its top-left cell at y,x in attr. */
void kiosk_bigfont_draw(int y, int x, unsigned n, int attr);

#endif
