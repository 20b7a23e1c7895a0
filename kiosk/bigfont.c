/*
 * bigfont: three-row digits (see bigfont.h), a seven-segment shape made of
 * full and half blocks, each digit three columns wide with one blank
 * column between digits. Capital letters (for receipt numbers) follow the
 * same grid; M, N and W need four or five columns.
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

/* Letters A-Z (NULL: none) and "-", rows of block characters. */
static const char *const kiosk_bigfont_letters[26][KIOSK_BIGFONT_ROWS] = {
	{ "\u2584\u2580\u2584", "\u2588\u2580\u2588", "\u2580 \u2580" },	/* A */
	{ "\u2588\u2580\u2584", "\u2588\u2580\u2584", "\u2580\u2580 " },	/* B */
	{ "\u2588\u2580\u2580", "\u2588  ", "\u2580\u2580\u2580" },	/* C */
	{ "\u2588\u2580\u2584", "\u2588 \u2588", "\u2580\u2580 " },	/* D */
	{ "\u2588\u2580\u2580", "\u2588\u2580\u2580", "\u2580\u2580\u2580" },	/* E */
	{ "\u2588\u2580\u2580", "\u2588\u2580\u2580", "\u2580  " },	/* F */
	{ "\u2588\u2580\u2580", "\u2588 \u2588", "\u2580\u2580\u2580" },	/* G */
	{ "\u2588 \u2588", "\u2588\u2580\u2588", "\u2580 \u2580" },	/* H */
	{ "\u2580\u2588\u2580", " \u2588 ", "\u2580\u2580\u2580" },	/* I */
	{ "  \u2588", "\u2588 \u2588", "\u2580\u2580\u2580" },	/* J */
	{ "\u2588 \u2588", "\u2588\u2580\u2584", "\u2580 \u2580" },	/* K */
	{ "\u2588  ", "\u2588  ", "\u2580\u2580\u2580" },	/* L */
	{ "\u2588\u2584 \u2584\u2588", "\u2588 \u2580 \u2588", "\u2580   \u2580" },	/* M */
	{ "\u2588\u2584 \u2588", "\u2588 \u2580\u2588", "\u2580  \u2580" },	/* N */
	{ "\u2588\u2580\u2588", "\u2588 \u2588", "\u2580\u2580\u2580" },	/* O */
	{ "\u2588\u2580\u2588", "\u2588\u2580\u2580", "\u2580  " },	/* P */
	{ "\u2588\u2580\u2588", "\u2588 \u2588", "\u2580\u2580\u2584" },	/* Q */
	{ "\u2588\u2580\u2588", "\u2588\u2580\u2584", "\u2580 \u2580" },	/* R */
	{ "\u2584\u2580\u2580", "\u2580\u2580\u2584", "\u2580\u2580 " },	/* S */
	{ "\u2580\u2588\u2580", " \u2588 ", " \u2580 " },	/* T */
	{ "\u2588 \u2588", "\u2588 \u2588", "\u2580\u2580\u2580" },	/* U */
	{ "\u2588 \u2588", "\u2588 \u2588", " \u2580 " },	/* V */
	{ "\u2588   \u2588", "\u2588 \u2588 \u2588", " \u2580 \u2580 " },	/* W */
	{ "\u2580\u2584\u2580", " \u2588 ", "\u2580 \u2580" },	/* X */
	{ "\u2588 \u2588", "\u2580\u2588\u2580", " \u2580 " },	/* Y */
	{ "\u2580\u2580\u2588", "\u2584\u2580 ", "\u2580\u2580\u2580" },	/* Z */
};
static const char *const kiosk_bigfont_dash[KIOSK_BIGFONT_ROWS] = {
	"   ", "\u2580\u2580\u2580", "   "
};

static const char *const kiosk_bigfont_blank[KIOSK_BIGFONT_ROWS] = {
	"  ", "  ", "  "
};

/* The rows of character c, or NULL. */
static const char *const *
kiosk_bigfont_glyph(char c)
{
	if (c >= '0' && c <= '9')
		return kiosk_bigfont_glyphs[c - '0'];
	if (c >= 'A' && c <= 'Z')
		return kiosk_bigfont_letters[c - 'A'];
	if (c == '-')
		return kiosk_bigfont_dash;
	if (c == ' ')
		return kiosk_bigfont_blank;
	return NULL;
}

/* Columns of one glyph row (every block character is one column). */
static int
kiosk_bigfont_cols(const char *row)
{
	int n = 0;

	for (; *row != '\0'; row++)
		n += ((unsigned char)*row & 0xc0) != 0x80;
	return n;
}

int
kiosk_bigfont_text_width(const char *s)
{
	const char *const *g;
	int w = 0;

	for (; *s != '\0'; s++) {
		if ((g = kiosk_bigfont_glyph(*s)) == NULL)
			return -1;
		w += kiosk_bigfont_cols(g[0]) + (s[1] != '\0');
	}
	return w;
}

void
kiosk_bigfont_draw_text(int y, int x, const char *s, int attr)
{
	const char *const *g;
	int r;

	attrset(attr);
	for (; *s != '\0'; s++) {
		if ((g = kiosk_bigfont_glyph(*s)) == NULL)
			break;
		for (r = 0; r < KIOSK_BIGFONT_ROWS; r++)
			mvaddstr(y + r, x, g[r]);
		x += kiosk_bigfont_cols(g[0]) + 1;
	}
	attrset(A_NORMAL);
}
