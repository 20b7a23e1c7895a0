/*
 * field: a one-line text field (see field.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include <curses.h>
#include <unicode/utf8.h>

#include "kiosk/field.h"
#include "kiosk/ui.h"
#include "kiosk/width.h"

void
kiosk_field_init(struct kiosk_field *f, char *buf, size_t cap,
    const char *label)
{
	memset(f, 0, sizeof *f);
	f->buf = buf;
	f->cap = cap;
	f->len = strlen(buf);
	f->label = kiosk_width_sanitize(label, 0);
}

void
kiosk_field_done(struct kiosk_field *f)
{
	free(f->label);
	f->label = NULL;
}

void
kiosk_field_set_label(struct kiosk_field *f, const char *label)
{
	free(f->label);
	f->label = kiosk_width_sanitize(label, 0);
}

void
kiosk_field_place(struct kiosk_field *f, int y, int x, int h, int w)
{
	f->y = y;
	f->x = x;
	f->h = h < 1 ? 1 : h;
	f->w = w < 1 ? 1 : w;
}

void
kiosk_field_draw(struct kiosk_field *f, int focused, int *cy, int *cx)
{
	enum kiosk_ui_role	 role = focused ? KIOSK_ROLE_FOCUS :
	    KIOSK_ROLE_FIELD;
	int			 mid = f->y + f->h / 2, lw, fx, fw, tw;
	size_t			 start = 0, cut, i, n;
	char			 dots[3 * 16 + 1];

	kiosk_ui_fill(f->y, f->x, f->h, f->w, KIOSK_ROLE_TEXT);
	lw = kiosk_ui_str(mid, f->x, f->label_w > 0 ? f->label_w : f->w / 3,
	    f->label, kiosk_ui_attr(KIOSK_ROLE_TEXT) | A_BOLD);
	fx = f->x + lw + 1;
	fw = f->x + f->w - fx;
	if (fw < 2)
		return;
	kiosk_ui_fill(f->y, fx, f->h, fw, role);
	if (f->mask) {
		/* One dot per character typed (PINs are ASCII digits). */
		n = f->len < 16 ? f->len : 16;
		for (i = 0; i < n; i++)
			memcpy(dots + 3 * i, "\xe2\x97\x8f", 3);
		dots[3 * n] = '\0';
		tw = kiosk_ui_str(mid, fx + 1, fw - 2, dots,
		    kiosk_ui_attr(role));
	} else {
		/* Show the end of long text: drop clusters from the front. */
		while (kiosk_width_cols(f->buf + start, f->len - start) >
		    fw - 2) {
			cut = kiosk_width_cut(f->buf + start, f->len - start, 1,
			    NULL);
			start += cut > 0 ? cut : 1;
		}
		tw = kiosk_ui_text(mid, fx + 1, fw - 2, f->buf + start,
		    f->len - start, kiosk_ui_attr(role));
	}
	if (focused) {
		*cy = mid;
		*cx = fx + 1 + tw;
	}
}

int
kiosk_field_key(struct kiosk_field *f, int is_key, wint_t ch)
{
	char	 buf[U8_MAX_LENGTH];
	int32_t	 n = 0;
	UBool	 err = 0;
	size_t	 prev;

	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 ||
	    ch == 8))) {
		if (f->len == 0)
			return 0;
		prev = kiosk_width_prev(f->buf, f->len);
		explicit_bzero(f->buf + prev, f->cap - prev);
		f->len = prev;
		return 1;
	}
	if (is_key || ch < 0x20 || ch == 0x7f || !iswprint(ch))
		return 0;
	U8_APPEND((uint8_t *)buf, n, (int32_t)sizeof buf, (UChar32)ch, err);
	if (err || f->len + (size_t)n + 1 > f->cap)
		return 1;	/* full: the key is used, nothing added */
	memcpy(f->buf + f->len, buf, (size_t)n);
	f->len += (size_t)n;
	f->buf[f->len] = '\0';
	explicit_bzero(buf, sizeof buf);
	return 1;
}

int
kiosk_field_hit(struct kiosk_field *f, int y, int x)
{
	return y >= f->y && y < f->y + f->h && x >= f->x && x < f->x + f->w;
}

void
kiosk_field_clear(struct kiosk_field *f)
{
	explicit_bzero(f->buf, f->cap);
	f->len = 0;
}
