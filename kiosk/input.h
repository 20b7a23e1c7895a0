/*
 * input: the terminal's input decoded once into kiosk actions.
 *
 * Every key and touch is read here and nowhere else. What curses returns
 * becomes one action: back, home, enter, next, previous, an arrow, a
 * page, choose N (a digit), a character, a touch (read with getmouse()),
 * a resize, or one of the fixed keys (F1 Ask staff, F2 Language, F3 Read
 * aloud, F12 staff mode). Escape sequences curses does not know (an
 * unknown function key, a report the terminal sends on its own) are
 * dropped whole, never typed into a field or taken as Escape and then
 * letters; other control characters are dropped too.
 * A lone Escape is Home. Touches come as SGR 1006 reports (ESC [ < b ;
 * x ; y M for a press, m for a release) and are decoded here, each press
 * and release as sent: curses' own decoder takes a press that follows a
 * press never released for a release and drops the real release, so one
 * lost release would swallow the next tap. Only button 1 counts. The raw key stays in the action (is_key, ch)
 * for the screens that still read keys themselves.
 */
#ifndef KIOSK_INPUT_H
#define KIOSK_INPUT_H

#include <wchar.h>

enum kiosk_action_kind {
	KIOSK_ACT_NONE,		/* nothing, or dropped */
	KIOSK_ACT_RESIZE,
	KIOSK_ACT_TOUCH,	/* a press or release: touch */
	KIOSK_ACT_MOUSE,	/* reports curses decoded: getmouse() */
	KIOSK_ACT_BACK,		/* Backspace */
	KIOSK_ACT_HOME,		/* Escape */
	KIOSK_ACT_ENTER,
	KIOSK_ACT_NEXT,		/* Tab */
	KIOSK_ACT_PREV,		/* Shift-Tab */
	KIOSK_ACT_UP,
	KIOSK_ACT_DOWN,
	KIOSK_ACT_LEFT,
	KIOSK_ACT_RIGHT,
	KIOSK_ACT_PAGE_UP,
	KIOSK_ACT_PAGE_DOWN,
	KIOSK_ACT_CHOOSE,	/* a digit 0-9: n */
	KIOSK_ACT_CHAR,		/* a printable character: ch */
	KIOSK_ACT_HELP,		/* F1: Ask staff */
	KIOSK_ACT_LANGUAGE,	/* F2 */
	KIOSK_ACT_READ,		/* F3: Read aloud */
	KIOSK_ACT_STAFF,	/* F12: staff mode */
	KIOSK_ACT_INTERRUPT,	/* Ctrl-C (quits only with --no-lock) */
	KIOSK_ACT_KEY		/* another curses key: ch */
};

struct kiosk_touch {
	int	 y, x;		/* 0-based cell */
	int	 press;		/* 1 press, 0 release */
};

struct kiosk_action {
	enum kiosk_action_kind	 kind;
	int			 n;	/* CHOOSE: the digit */
	struct kiosk_touch	 touch;	/* TOUCH */
	int			 is_key; /* the raw input, as curses gave it */
	wint_t			 ch;
};

struct kiosk_input {
	int		 pending;	/* one read ahead, after an Escape */
	int		 pending_r;
	wint_t		 pending_ch;
};

void kiosk_input_init(struct kiosk_input *in);
/* Wait up to wait_ms (0: do not wait) for input and decode it; 0 when
 * nothing came (a->kind NONE), 1 with an action (which may be NONE:
 * input that was dropped). */
int kiosk_input_read(struct kiosk_input *in, int wait_ms,
    struct kiosk_action *a);
/* Parse an SGR mouse report after its ESC [ <, from s (its parameters
 * and final M or m); 1 and *t for a button-1 press or release, 0 for
 * anything else (other buttons, motion, wheel, malformed). */
int kiosk_input_sgr(const char *s, struct kiosk_touch *t);
/* Decode one curses result (r from get_wch) without reading more: what
 * an Escape starts is decided by kiosk_input_read(). */
void kiosk_input_decode(int r, wint_t ch, struct kiosk_action *a);

#endif
