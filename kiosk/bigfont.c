/*
 * bigfont: three-row digits (see bigfont.h), a seven-segment shape made of
 * full and half blocks, each digit three columns wide with one blank
 * column between digits.
 */
#include "config.h"

#include <stdio.h>

#include <curses.h>

#include "kiosk/bigfont.h"
#include "kiosk/ui.h"

static const char *const kiosk_bigfont_glyphs[10][KIOSK_BIGFONT_ROWS] = {
	{ "█▀█", "█ █", "▀▀▀" },
	{ "▀█ ", " █ ", "▀▀▀" },
	{ "▀▀█", "█▀▀", "▀▀▀" },
	{ "▀▀█", " ▀█", "▀▀▀" },
	{ "█ █", "▀▀█", "  ▀" },
	{ "█▀▀", "▀▀█", "▀▀▀" },
	{ "█▀▀", "█▀█", "▀▀▀" },
	{ "▀▀█", "  █", "  ▀" },
	{ "█▀█", "█▀█", "▀▀▀" },
	{ "█▀█", "▀▀█", "▀▀▀" },
};

int
kiosk_bigfont_width(unsigned n)
{
	int digits = 1;

	while (n >= 10) {
		n /= 10;
		digits++;
	}
	return digits * 4 - 1;
}

void
kiosk_bigfont_draw(int y, int x, unsigned n, int attr)
{
	char	 buf[16];
	int	 i, r;

	snprintf(buf, sizeof buf, "%u", n);
	/* Digits stay left to right on a mirrored screen too. */
	x = kiosk_ui_x(x, kiosk_bigfont_width(n));
	attrset(attr);
	for (i = 0; buf[i] != '\0'; i++) {
		for (r = 0; r < KIOSK_BIGFONT_ROWS; r++) {
			mvaddstr(y + r, x + i * 4,
			    kiosk_bigfont_glyphs[buf[i] - '0'][r]);
		}
	}
	attrset(A_NORMAL);
}
