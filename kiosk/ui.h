/*
 * ui: the terminal. The only module that sets curses up and tears it
 * down, and the home of the colour roles.
 *
 * Drawing code asks for a semantic role (title, choice, focus...), never
 * for a colour; the theme maps roles to colour pairs and attributes. Focus
 * and state are always also shown by attribute and by a text marker, so
 * the monochrome theme (or a terminal without colour) loses nothing.
 * A fatal signal ends curses before the default action, so a crash never
 * leaves the kiosk terminal in raw mode.
 */
#ifndef KIOSK_UI_H
#define KIOSK_UI_H

#include <stddef.h>

#include "kiosk/bidi.h"

enum kiosk_ui_role {
	KIOSK_ROLE_TEXT,
	KIOSK_ROLE_TITLE,
	KIOSK_ROLE_CHOICE,
	KIOSK_ROLE_FOCUS,
	KIOSK_ROLE_BAR,
	KIOSK_ROLE_WARNING,
	KIOSK_ROLE_MARKED,
	KIOSK_ROLE_FIELD,
	KIOSK_ROLE_HEADING,
	KIOSK_ROLE_QR,		/* dark ink on light paper, every theme */
	KIOSK_ROLE_COUNT
};

/* 1 when name is a theme ("high-contrast", "light", "mono"). */
int kiosk_ui_theme_valid(const char *name);
/* Start curses; lock ignores the keyboard signals. -1 and *cause. */
int kiosk_ui_init(const char *theme, int lock, char **cause);
void kiosk_ui_done(void);
/* Attributes (with colour pair) of a role. */
int kiosk_ui_attr(enum kiosk_ui_role role);
/* Fill a rectangle with blanks in a role. */
void kiosk_ui_fill(int y, int x, int h, int w, enum kiosk_ui_role role);
/* Draw sanitised UTF-8 s[0..len) at y,x in at most maxcols columns with
 * the given attributes; returns the columns drawn. Text that does not fit
 * ends with the words that do and "…". */
int kiosk_ui_text(int y, int x, int maxcols, const char *s, size_t len,
    int attr);
/* Same for a paragraph (or a line of one) of direction dir: reordered
 * for that direction and aligned to its start, so left-to-right text
 * (a link, an English text) sits at the left of the maxcols columns on
 * a mirrored screen; KIOSK_BIDI_SCREEN is kiosk_ui_text(). Pass maxcols
 * = the text's own width to keep it in the screen's place. */
int kiosk_ui_para(int y, int x, int maxcols, const char *s, size_t len,
    enum kiosk_bidi_dir dir, int attr);
/* Same for a NUL-terminated string. */
int kiosk_ui_str(int y, int x, int maxcols, const char *s, int attr);
/* Show the cell at layout position y,x as pressed (reverse video and
 * bold on top of what is drawn there): a touch was felt. */
void kiosk_ui_invert(int y, int x);
/* Sound the terminal's bell (a warning that needs attention). */
void kiosk_ui_beep(void);

/*
 * Right to left (Arabic, Farsi): every screen is laid out left to right
 * as usual and mirrored here, where it is drawn: a thing at column x of
 * width w lands at cols - x - w, so numbers and blocks sit on the right
 * and the bar runs the other way. Text goes through bidi.c. Drawing code
 * must use these functions (not curses directly) to be mirrored.
 */
void kiosk_ui_set_rtl(int rtl);
int kiosk_ui_rtl(void);
/* The screen column of a thing at layout column x, w columns wide. */
int kiosk_ui_x(int x, int w);
/* Put the hardware cursor on layout position y,x. */
void kiosk_ui_move(int y, int x);
/* The layout column of a touch at screen column x. */
int kiosk_ui_touch_x(int x);
/* Draw cells that must not be reordered (QR code, big digits): s is one
 * row of w columns, placed as a block. */
void kiosk_ui_cells(int y, int x, int w, const char *s, int attr);

#endif
