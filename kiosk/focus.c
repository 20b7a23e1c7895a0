/*
 * focus: one focus chain over a screen's widgets (see focus.h).
 */
#include "config.h"

#include <string.h>

#include <curses.h>

#include "kiosk/button.h"
#include "kiosk/field.h"
#include "kiosk/focus.h"
#include "kiosk/keyboard.h"
#include "kiosk/widget_list.h"

void
kiosk_focus_init(struct kiosk_focus *fc)
{
	memset(fc, 0, sizeof *fc);
	fc->cur = -1;
}

int
kiosk_focus_add(struct kiosk_focus *fc, enum kiosk_focus_kind kind, void *w)
{
	if (fc->n == KIOSK_FOCUS_MAX)
		return -1;
	fc->item[fc->n].kind = kind;
	fc->item[fc->n].w = w;
	fc->item[fc->n].hidden = 0;
	return fc->n++;
}

void
kiosk_focus_show(struct kiosk_focus *fc, int i, int shown)
{
	if (i < 0 || i >= fc->n)
		return;
	fc->item[i].hidden = !shown;
	if (!shown && fc->cur == i)
		kiosk_focus_set(fc, -1, 0);
}

int
kiosk_focus_on(const struct kiosk_focus *fc, int i)
{
	return i >= 0 && fc->cur == i;
}

int
kiosk_focus_typing(const struct kiosk_focus *fc)
{
	return fc->cur >= 0 && fc->item[fc->cur].kind == KIOSK_FOCUS_FIELD;
}

void
kiosk_focus_set(struct kiosk_focus *fc, int i, int where)
{
	int k;

	if (i < -1 || i >= fc->n)
		return;
	for (k = 0; k < fc->n; k++) {
		if (fc->item[k].kind == KIOSK_FOCUS_LIST)
			kiosk_list_focus(fc->item[k].w, k == i ? where : 0);
		else if (fc->item[k].kind == KIOSK_FOCUS_KEYBOARD)
			kiosk_keyboard_focus(fc->item[k].w, k == i ? where :
			    0);
	}
	fc->cur = i;
}

/* The next shown widget from i in direction step, or -1. */
static int
kiosk_focus_next(const struct kiosk_focus *fc, int i, int step)
{
	for (i += step; i >= 0 && i < fc->n; i += step) {
		if (!fc->item[i].hidden)
			return i;
	}
	return -1;
}

int
kiosk_focus_move(struct kiosk_focus *fc, int is_key, wint_t ch)
{
	int step = 0, i;

	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == '\t'))
		step = 1;
	else if (is_key && (ch == KEY_UP || ch == KEY_BTAB))
		step = -1;
	if (step == 0 || fc->cur < 0)
		return 0;
	if ((i = kiosk_focus_next(fc, fc->cur, step)) < 0)
		return 0;
	kiosk_focus_set(fc, i, step > 0 ? 1 : 2);
	return 1;
}

void
kiosk_focus_enter(struct kiosk_focus *fc, int where)
{
	int i = -1;

	if (where == 1)
		i = kiosk_focus_next(fc, -1, 1);
	else if (where == 2)
		i = kiosk_focus_next(fc, fc->n, -1);
	kiosk_focus_set(fc, i, i < 0 ? 0 : where);
}

int
kiosk_focus_hit(struct kiosk_focus *fc, int y, int x)
{
	int i, t;

	for (i = 0; i < fc->n; i++) {
		if (fc->item[i].hidden)
			continue;
		switch (fc->item[i].kind) {
		case KIOSK_FOCUS_BUTTON:
			if (kiosk_button_hit(fc->item[i].w, y, x))
				return i * KIOSK_FOCUS_SPAN;
			break;
		case KIOSK_FOCUS_FIELD:
			if (kiosk_field_hit(fc->item[i].w, y, x))
				return i * KIOSK_FOCUS_SPAN;
			break;
		case KIOSK_FOCUS_LIST:
			t = kiosk_list_hit(fc->item[i].w, y, x);
			if (t >= 0 && t < KIOSK_FOCUS_SPAN)
				return i * KIOSK_FOCUS_SPAN + t;
			break;
		case KIOSK_FOCUS_KEYBOARD:
			t = kiosk_keyboard_hit(fc->item[i].w, y, x);
			if (t >= 0 && t < KIOSK_FOCUS_SPAN)
				return i * KIOSK_FOCUS_SPAN + t;
			break;
		}
	}
	return -1;
}

int
kiosk_focus_target(const struct kiosk_focus *fc, int target, int *own)
{
	int i;

	*own = -1;
	if (target < 0)
		return -1;
	i = target / KIOSK_FOCUS_SPAN;
	if (i >= fc->n)
		return -1;
	*own = target % KIOSK_FOCUS_SPAN;
	return i;
}
