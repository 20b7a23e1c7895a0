/*
 * bar: layout and drawing of the fixed choices (see bar.h). Actions are
 * the app's business; the bar only knows where its buttons are.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "kiosk/bar.h"
#include "kiosk/lang.h"
#include "kiosk/ui.h"
#include "kiosk/width.h"

const char *
kiosk_bar_label(enum kiosk_bar_item item)
{
	switch (item) {
	case KIOSK_BAR_BACK:
		return _("Back");
	case KIOSK_BAR_HOME:
		return _("Home");
	case KIOSK_BAR_LANGUAGE:
		return _("Language");
	case KIOSK_BAR_READ:
		return _("Read aloud");
	case KIOSK_BAR_STAFF:
		return _("Ask staff");
	case KIOSK_BAR_TEXT:
		return _("Bigger text");
	case KIOSK_BAR_VOICE:
		return _("Voice");
	case KIOSK_BAR_KEPT:
		return _("My list");
	case KIOSK_BAR_COUNT:
		break;
	}
	return "";
}

const char *
kiosk_bar_text(struct kiosk_bar *b, enum kiosk_bar_item item)
{
	if (item == KIOSK_BAR_TEXT && b->text_max)
		/* TRANSLATORS: Bigger text, when pressing it again goes
		 * back to the normal size. */
		return _("Normal text");
	if (item != KIOSK_BAR_KEPT)
		return kiosk_bar_label(item);
	/* TRANSLATORS: the shortlist on the bar and how many it holds. */
	snprintf(b->kept_label, sizeof b->kept_label, _("%s (%d)"),
	    kiosk_bar_label(item), b->kept);
	return b->kept_label;
}

int
kiosk_bar_next(struct kiosk_bar *b, int from, int dir)
{
	int i;

	for (i = from + dir; i >= 0 && i < KIOSK_BAR_COUNT; i += dir)
		if (b->shown[i])
			return i;
	return i;
}

/* Place the shown items of order[from, to) in one row at y, a blank
 * column between them: each gets what its label needs and an even share
 * of the rest; evenly when the labels do not all fit. */
static void
kiosk_bar_row(struct kiosk_bar *b, const int *order, int from, int to, int y)
{
	int		 i, x = 0, w, need[KIOSK_BAR_COUNT], sum = 0, extra, n;
	const char	*label;

	for (i = from; i < to; i++) {
		label = kiosk_bar_text(b, order[i]);
		need[i] = kiosk_width_cols(label, strlen(label)) + 2;
		sum += need[i];
	}
	n = to - from;
	extra = b->w - (n - 1) - sum;
	for (i = from; i < to; i++) {
		if (extra >= 0) {
			w = need[i] + extra / n + (i - from < extra % n);
		} else
			w = (b->w - x - (to - i - 1)) / (to - i);
		b->bx[order[i]] = x;
		b->by[order[i]] = y;
		b->bw[order[i]] = w;
		x += w + 1;
	}
}

void
kiosk_bar_layout(struct kiosk_bar *b, int rows, int cols, int row_h)
{
	int	 i, n = 0, need = 0, order[KIOSK_BAR_COUNT];
	const char *label;

	for (i = 0; i < KIOSK_BAR_COUNT; i++) {
		b->shown[i] = i == KIOSK_BAR_VOICE ? b->voice :
		    i == KIOSK_BAR_KEPT ? b->kept > 0 : 1;
		b->bw[i] = 0;
		if (!b->shown[i])
			continue;
		order[n++] = i;
		label = kiosk_bar_text(b, i);
		need += kiosk_width_cols(label, strlen(label)) + 3;
	}
	b->w = cols;
	/* One row when every label fits (kiosk_bar_row()). */
	b->rows = need - 1 <= cols ? 1 : 2;
	b->row_h = row_h;
	b->h = b->rows * b->row_h + (b->rows - 1) * (b->row_h > 1);
	b->y = rows - b->h;
	if (b->rows == 1)
		kiosk_bar_row(b, order, 0, n, b->y);
	else {
		kiosk_bar_row(b, order, 0, (n + 1) / 2, b->y);
		kiosk_bar_row(b, order, (n + 1) / 2, n, b->y + b->row_h +
		    (b->row_h > 1));
	}
}

void
kiosk_bar_draw(struct kiosk_bar *b, int focus, int *cy, int *cx)
{
	enum kiosk_ui_role	 role;
	const char		*label;
	int			 i, attr, cols, mid, lx;

	kiosk_ui_fill(b->y, 0, b->h, b->w, KIOSK_ROLE_TEXT);
	for (i = 0; i < KIOSK_BAR_COUNT; i++) {
		if (!b->shown[i])
			continue;
		role = i == focus ? KIOSK_ROLE_FOCUS : KIOSK_ROLE_BAR;
		attr = kiosk_ui_attr(role) | A_BOLD;
		kiosk_ui_fill(b->by[i], b->bx[i], b->row_h, b->bw[i], role);
		mid = b->by[i] + b->row_h / 2;
		label = kiosk_bar_text(b, i);
		cols = kiosk_width_cols(label, strlen(label));
		lx = cols + 2 <= b->bw[i] ? b->bx[i] + (b->bw[i] - cols) / 2 :
		    b->bx[i] + 1;
		kiosk_ui_str(mid, lx, b->bx[i] + b->bw[i] - lx, label, attr);
		if (i == focus) {
			kiosk_ui_str(mid, b->bx[i], 1, ">", attr);
			*cy = mid;
			*cx = b->bx[i];
		}
	}
}

int
kiosk_bar_hit(struct kiosk_bar *b, int y, int x)
{
	int i;

	for (i = 0; i < KIOSK_BAR_COUNT; i++) {
		if (b->shown[i] && y >= b->by[i] && y < b->by[i] + b->row_h &&
		    x >= b->bx[i] && x < b->bx[i] + b->bw[i])
			return i;
	}
	return -1;
}
