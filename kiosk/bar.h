/*
 * bar: the row of fixed choices at the bottom of every screen: Back,
 * Home, Language, Read aloud, Ask staff. Always the same order and place
 * (WCAG 3.2.3); one row when the labels fit, else two; three rows high
 * per row on large screens so they are easy to touch.
 * The sixth fixed item is Bigger text (textsize.h; "Normal text" when
 * the next press goes back). Two items show only when they have
 * something to do, always after the six fixed ones: Voice (the speech
 * controls, while Read aloud is on)
 * and My list (the shortlist, with its count, once it holds an entry).
 */
#ifndef KIOSK_BAR_H
#define KIOSK_BAR_H

enum kiosk_bar_item {
	KIOSK_BAR_BACK,
	KIOSK_BAR_HOME,
	KIOSK_BAR_LANGUAGE,
	KIOSK_BAR_READ,
	KIOSK_BAR_STAFF,
	KIOSK_BAR_TEXT,		/* Bigger text (textsize.h) */
	KIOSK_BAR_VOICE,	/* only while speech is on */
	KIOSK_BAR_KEPT,		/* only when the shortlist is not empty */
	KIOSK_BAR_COUNT
};

struct kiosk_bar {
	int	 y, h, w;		/* rows used at the bottom */
	int	 rows;			/* 1 or 2 rows of buttons */
	int	 row_h;			/* height of one row */
	int	 bx[KIOSK_BAR_COUNT], by[KIOSK_BAR_COUNT], bw[KIOSK_BAR_COUNT];
	/* Set by the app before layout: show Voice; entries kept. */
	int	 voice;
	int	 kept;
	int	 text_max;		/* Bigger text goes back next */
	int	 shown[KIOSK_BAR_COUNT];	/* computed by layout */
	char	 kept_label[64];
};

/* Label of an item in the current language. */
const char *kiosk_bar_label(enum kiosk_bar_item item);
/* What an item says on the bar (My list with its count). */
const char *kiosk_bar_text(struct kiosk_bar *b, enum kiosk_bar_item item);
/* The next shown item after from (dir 1) or before it (dir -1); from -1
 * (dir 1) or KIOSK_BAR_COUNT (dir -1) starts at an end. -1 or
 * KIOSK_BAR_COUNT when there is none. */
int kiosk_bar_next(struct kiosk_bar *b, int from, int dir);
/* Lay the bar out at the bottom of a screen of rows x cols, each row of
 * buttons row_h rows high (layout.h). */
void kiosk_bar_layout(struct kiosk_bar *b, int rows, int cols, int row_h);
/* Draw it; focus is an item or -1. *cy,*cx get the focused position. */
void kiosk_bar_draw(struct kiosk_bar *b, int focus, int *cy, int *cx);
/* The item at y,x or -1. */
int kiosk_bar_hit(struct kiosk_bar *b, int y, int x);

#endif
