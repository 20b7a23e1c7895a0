/*
 * focus: one focus chain over a screen's widgets (a button, a list, a
 * text field, an on-screen keyboard; the order they are added is the
 * order Tab and the arrows walk), which also owns the screen's tap
 * targets: a target is the widget's index times KIOSK_FOCUS_SPAN plus
 * the widget's own target (a list's item or pager target, a keyboard's
 * key; 0 for a button or a field), so a screen needs no flags for "focus
 * is on the button" and no invented target numbers. A widget that does
 * not show (a keyboard put away, a button with no room) is hidden: no
 * tap finds it and focus walks past it. The screen draws each widget
 * focused when kiosk_focus_on() says so and acts on kiosk_focus_target();
 * while a field has focus every printable key types, digits too, so
 * digits choose only when kiosk_focus_typing() is 0.
 */
#ifndef KIOSK_FOCUS_H
#define KIOSK_FOCUS_H

#include <wchar.h>

#define KIOSK_FOCUS_MAX 8
#define KIOSK_FOCUS_SPAN 1000	/* above any widget's own targets */

enum kiosk_focus_kind {
	KIOSK_FOCUS_BUTTON,	/* struct kiosk_button */
	KIOSK_FOCUS_LIST,	/* struct kiosk_list */
	KIOSK_FOCUS_FIELD,	/* struct kiosk_field: keys type into it */
	KIOSK_FOCUS_KEYBOARD	/* struct kiosk_keyboard: own target a key */
};

struct kiosk_focus {
	struct {
		enum kiosk_focus_kind	 kind;
		void			*w;
		int			 hidden;
	}		 item[KIOSK_FOCUS_MAX];
	int		 n;
	int		 cur;		/* widget with focus, or -1 */
};

/* An empty chain, no focus. */
void kiosk_focus_init(struct kiosk_focus *fc);
/* Add widget w of kind at the end of the chain; returns its index. */
int kiosk_focus_add(struct kiosk_focus *fc, enum kiosk_focus_kind kind,
    void *w);
/* Show or hide widget i (added shown). A hidden widget that had focus
 * loses it. */
void kiosk_focus_show(struct kiosk_focus *fc, int i, int shown);
/* 1 when widget i has the focus. */
int kiosk_focus_on(const struct kiosk_focus *fc, int i);
/* 1 when the focus is in a text field: printable keys, digits too, are
 * typed, not choices. */
int kiosk_focus_typing(const struct kiosk_focus *fc);
/* Focus widget i (-1: none). A list or keyboard taking focus gets it on
 * its first (where 1) or last (where 2) target, or none (0: a digit is
 * about to choose, a tapped key is about to be set); one losing it drops
 * its own. */
void kiosk_focus_set(struct kiosk_focus *fc, int i, int where);
/* Focus moved by Tab, Down (next widget) or Back-Tab, Up (previous):
 * 1 when it moved. The screen calls it when the focused widget did not
 * use the key. */
int kiosk_focus_move(struct kiosk_focus *fc, int is_key, wint_t ch);
/* Focus arrives from the bar (screen.h focus()): 0 none, 1 the first
 * shown widget, 2 the last. */
void kiosk_focus_enter(struct kiosk_focus *fc, int where);
/* The target at y,x, or -1. */
int kiosk_focus_hit(struct kiosk_focus *fc, int y, int x);
/* The widget of target (or -1) and, in *own, its own target. */
int kiosk_focus_target(const struct kiosk_focus *fc, int target, int *own);

#endif
