/*
 * bar: the row of fixed choices at the bottom of every screen: Back,
 * Home, Language, Read aloud, Ask staff. Always the same order and place
 * (WCAG 3.2.3); one row when the labels fit, else two; three rows high
 * per row on large screens so they are easy to touch.
 */
#ifndef KIOSK_BAR_H
#define KIOSK_BAR_H

enum kiosk_bar_item {
	KIOSK_BAR_BACK,
	KIOSK_BAR_HOME,
	KIOSK_BAR_LANGUAGE,
	KIOSK_BAR_READ,
	KIOSK_BAR_STAFF,
	KIOSK_BAR_COUNT
};

struct kiosk_bar {
	int	 y, h, w;		/* rows used at the bottom */
	int	 rows;			/* 1 or 2 rows of buttons */
	int	 row_h;			/* height of one row */
	int	 bx[KIOSK_BAR_COUNT], by[KIOSK_BAR_COUNT], bw[KIOSK_BAR_COUNT];
};

/* Label of an item in the current language. */
const char *kiosk_bar_label(enum kiosk_bar_item item);
/* Lay the bar out at the bottom of a screen of rows x cols, each row of
 * buttons row_h rows high (layout.h). */
void kiosk_bar_layout(struct kiosk_bar *b, int rows, int cols, int row_h);
/* Draw it; focus is an item or -1. *cy,*cx get the focused position. */
void kiosk_bar_draw(struct kiosk_bar *b, int focus, int *cy, int *cx);
/* The item at y,x or -1. */
int kiosk_bar_hit(struct kiosk_bar *b, int y, int x);

#endif
