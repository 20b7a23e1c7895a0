/*
 * focus: one focus chain over a screen's widgets (a button, a list; the
 * order they are added is the order Tab and the arrows walk), which also
 * owns the screen's tap targets: a target is the widget's index times
 * KIOSK_FOCUS_SPAN plus the widget's own target (a list's item or pager
 * target), so a screen needs no flags for "focus is on the button" and
 * no invented target numbers. The screen draws each widget focused when
 * kiosk_focus_on() says so and acts on kiosk_focus_target().
 */
#ifndef KIOSK_FOCUS_H
#define KIOSK_FOCUS_H

#include <wchar.h>

#define KIOSK_FOCUS_MAX 8
#define KIOSK_FOCUS_SPAN 1000	/* above any widget's own targets */

enum kiosk_focus_kind {
	KIOSK_FOCUS_BUTTON,	/* struct kiosk_button */
	KIOSK_FOCUS_LIST	/* struct kiosk_list */
};

struct kiosk_focus {
	struct {
		enum kiosk_focus_kind	 kind;
		void			*w;
	}		 item[KIOSK_FOCUS_MAX];
	int		 n;
	int		 cur;		/* widget with focus, or -1 */
};

/* An empty chain, no focus. */
void kiosk_focus_init(struct kiosk_focus *fc);
/* Add widget w of kind at the end of the chain; returns its index. */
int kiosk_focus_add(struct kiosk_focus *fc, enum kiosk_focus_kind kind,
    void *w);
/* 1 when widget i has the focus. */
int kiosk_focus_on(const struct kiosk_focus *fc, int i);
/* Focus widget i (-1: none). A list taking focus gets it on its first
 * (where 1) or last (where 2) target, or none (0: a digit is about to
 * choose); a list losing it drops its own. */
void kiosk_focus_set(struct kiosk_focus *fc, int i, int where);
/* Focus moved by Tab, Down (next widget) or Back-Tab, Up (previous):
 * 1 when it moved. The screen calls it when the focused widget did not
 * use the key. */
int kiosk_focus_move(struct kiosk_focus *fc, int is_key, wint_t ch);
/* Focus arrives from the bar (screen.h focus()): 0 none, 1 the first
 * widget, 2 the last. */
void kiosk_focus_enter(struct kiosk_focus *fc, int where);
/* The target at y,x, or -1. */
int kiosk_focus_hit(struct kiosk_focus *fc, int y, int x);
/* The widget of target (or -1) and, in *own, its own target. */
int kiosk_focus_target(const struct kiosk_focus *fc, int target, int *own);

#endif
