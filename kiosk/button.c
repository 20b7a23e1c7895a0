/*
 * button: a wide button outside a list (see button.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "kiosk/button.h"
#include "kiosk/ui.h"
#include "kiosk/width.h"

void
kiosk_button_init(struct kiosk_button *b, char key)
{
	memset(b, 0, sizeof *b);
	b->key = key;
}

void
kiosk_button_done(struct kiosk_button *b)
{
	free(b->label);
	b->label = NULL;
}

void
kiosk_button_set(struct kiosk_button *b, const char *label)
{
	free(b->label);
	b->label = kiosk_width_sanitize(label, 0);
}

void
kiosk_button_place(struct kiosk_button *b, int y, int x, int h, int w)
{
	b->y = y;
	b->x = x;
	b->h = h < 1 ? 1 : h;
	b->w = w < 1 ? 1 : w;
}

void
kiosk_button_draw(struct kiosk_button *b, int focused, int *cy, int *cx)
{
	enum kiosk_ui_role	 role = focused ? KIOSK_ROLE_FOCUS :
	    KIOSK_ROLE_CHOICE;
	int			 attr = kiosk_ui_attr(role) | A_BOLD;
	int			 mid = b->y + (b->h - 1) / 2, tx = b->x + 2;
	char			 num[2] = { b->key, '\0' };

	kiosk_ui_fill(b->y, b->x, b->h, b->w, role);
	if (focused) {
		kiosk_ui_str(mid, b->x, 1, ">", attr);
		*cy = mid;
		*cx = b->x;
	}
	if (b->key != 0) {
		kiosk_ui_str(mid, tx, 1, num, attr);
		tx += 3;
	}
	kiosk_ui_str(mid, tx, b->x + b->w - tx - 1, b->label, attr);
}

int
kiosk_button_hit(struct kiosk_button *b, int y, int x)
{
	return y >= b->y && y < b->y + b->h && x >= b->x && x < b->x + b->w;
}
