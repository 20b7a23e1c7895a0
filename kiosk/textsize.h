/*
 * textsize: "Bigger text" (EN 301 549 5.1.4, WCAG 1.4.4). The bar item
 * Bigger text, F9 (bigger) and F10 (smaller) make all text larger in
 * steps and back.
 *
 * Under the kiosk session (scripts/kiosk-session) the terminal is an
 * xterm that allows font operations; the session says so in the
 * environment: LEERPUNT_XTERM_FACE (the TrueType face) and
 * LEERPUNT_XTERM_SIZE (its size in points). Then each step asks xterm
 * for the face at a larger size (OSC 50, "xft:FACE:size=N"): 100, 125,
 * 150 and 200 percent. xterm fills the screen, so a bigger font means
 * fewer rows and columns; the terminal reports the new size (SIGWINCH)
 * and the kiosk lays out again as for any resize.
 *
 * On any other terminal nothing can make the letters themselves bigger:
 * the first press says so on screen, and headings are drawn in the large
 * block font (bigfont.h) where they can be; choices already carry big
 * block numbers wherever they have three rows. A second press goes back.
 *
 * The size goes back to normal at every new session (the idle reset).
 */
#ifndef KIOSK_TEXTSIZE_H
#define KIOSK_TEXTSIZE_H

struct kiosk_app;

#define KIOSK_TEXTSIZE_STEPS	4	/* 100, 125, 150, 200 % */
#define KIOSK_TEXTSIZE_FACE_MAX	64

struct kiosk_textsize {
	int	 xterm;		/* the terminal can change its font */
	char	 face[KIOSK_TEXTSIZE_FACE_MAX];
	int	 base;		/* points at step 0 */
	int	 step;		/* 0 .. KIOSK_TEXTSIZE_STEPS - 1 (xterm) */
	int	 blocks;	/* elsewhere: headings in the block font */
};

/* What the terminal can do, from the environment (see above). */
void kiosk_textsize_init(struct kiosk_textsize *t);
/* Points of a step (xterm). */
int kiosk_textsize_points(const struct kiosk_textsize *t, int step);
/* 1 when the text is larger than normal. */
int kiosk_textsize_larger(const struct kiosk_textsize *t);
/* 1 when the next Bigger text press goes back to normal. */
int kiosk_textsize_at_max(const struct kiosk_textsize *t);
/* Bigger (dir 1), smaller (dir -1), or the bar item (dir 0: bigger, and
 * back to normal from the largest). Says the new size when Read aloud
 * is on. */
void kiosk_textsize_do(struct kiosk_app *app, int dir);
/* Normal size again (a new session). */
void kiosk_textsize_reset(struct kiosk_app *app);
/* 1 for F9, -1 for F10, else 0. */
int kiosk_textsize_key_dir(int key);

#endif
