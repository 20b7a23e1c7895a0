/*
 * screen_pin: the PIN for staff mode, on a large number pad.
 *
 * Twelve buttons, 1-9, Erase, 0 and OK, as large as the screen allows
 * (digits in the big font from about 80x24); typed digits work too, and
 * Enter is OK. The PIN shows as dots only; it lives in sodium_malloc'd
 * memory (locked, wiped when freed) and is never drawn, spoken or logged.
 * Read aloud says the heading, the message and "PIN: hidden", and a pad
 * key ("Number 5", "Erase", "OK") only when focus moves to it: never a
 * digit typed, nor how many there are.
 * catalog_staff_verify() does the check and counts wrong PINs in the
 * state database: after five, staff mode is locked for five minutes and
 * this screen shows the time left, second by second.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>
#include <sodium.h>

#include "catalog/clock.h"
#include "catalog/staff.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/bigfont.h"
#include "kiosk/field.h"
#include "kiosk/lang.h"
#include "kiosk/layout.h"
#include "kiosk/screen.h"
#include "kiosk/speech.h"
#include "kiosk/ui.h"
#include "kiosk/width.h"

#define KIOSK_PIN_CAP 16	/* bytes of the PIN buffer */
#define KIOSK_PIN_KEYS 12
#define KIOSK_PIN_ERASE 9
#define KIOSK_PIN_ZERO 10
#define KIOSK_PIN_OK 11

struct kiosk_screen_pin {
	struct kiosk_app	*app;
	char			*pin;		/* sodium_malloc'd */
	struct kiosk_field	 field;
	char			*msg;		/* sanitised */
	int			 warn;		/* msg is a warning */
	int			 locked;
	int			 focus;		/* pad key or -1 */
	struct kiosk_width_line	*lines;
	size_t			 nlines;
	int			 pad_y, pad_x, key_h, key_w, gap;
};

static const char *
kiosk_pin_label(int k)
{
	static const char *const digits[] = {
		"1", "2", "3", "4", "5", "6", "7", "8", "9"
	};

	if (k < 9)
		return digits[k];
	if (k == KIOSK_PIN_ERASE)
		return _("Erase");
	if (k == KIOSK_PIN_ZERO)
		return "0";
	return _("OK");
}

static void
kiosk_pin_set_msg(struct kiosk_screen_pin *d, char *msg, int warn)
{
	free(d->msg);
	d->msg = kiosk_width_sanitize(msg, 0);
	free(msg);
	d->warn = warn;
}

/* The lock message with the time left, or 0 when not locked. */
static int
kiosk_pin_lock_check(struct kiosk_screen_pin *d)
{
	struct catalog_state	*state;
	char			*cause = NULL;
	int64_t			 left;

	if ((state = kiosk_staff_state(&d->app->staff, &cause)) == NULL) {
		free(cause);
		return 0;
	}
	left = catalog_staff_locked_for(state, (int64_t)catalog_clock_now());
	d->locked = left > 0;
	if (left > 0)
		kiosk_pin_set_msg(d, xasprintf(_("Staff mode is locked after "
		    "%d wrong PINs. Try again in %lld:%02lld minutes."),
		    CATALOG_STAFF_TRIES, (long long)(left / 60),
		    (long long)(left % 60)), 1);
	return d->locked;
}

static void
kiosk_pin_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_pin	*d = s->data;
	int			 fh, avail, y, maxmsg;

	(void)app;
	free(d->lines);
	d->lines = NULL;
	d->nlines = kiosk_width_wrap(d->msg, s->w, &d->lines);
	maxmsg = s->h >= 20 ? 3 : (s->h >= 12 ? 2 : 1);
	if (d->nlines > (size_t)maxmsg)
		d->nlines = (size_t)maxmsg;
	fh = kiosk_layout_button_h(s->h, 0);
	y = s->y + (int)d->nlines + kiosk_layout_gap(s->h);
	kiosk_field_place(&d->field, y, s->x, fh, s->w < 40 ? s->w : 40);
	y += fh + kiosk_layout_gap(s->h);
	avail = s->y + s->h - y;
	d->gap = avail >= 4 * 3 + 3 ? 1 : 0;
	d->key_h = (avail - 3 * d->gap) / 4;
	if (d->key_h > 5)
		d->key_h = 5;
	if (d->key_h < 1)
		d->key_h = 1;
	d->key_w = (s->w - 2) / 3;
	if (d->key_w > 20)
		d->key_w = 20;
	d->pad_y = y;
	d->pad_x = s->x;
}

static void
kiosk_pin_key_rect(struct kiosk_screen_pin *d, int k, int *y, int *x)
{
	*y = d->pad_y + (k / 3) * (d->key_h + d->gap);
	*x = d->pad_x + (k % 3) * (d->key_w + 1);
}

static void
kiosk_pin_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_pin	*d = s->data;
	enum kiosk_ui_role	 role;
	const char		*label;
	int			 k, y, x, attr, cols, mid;
	size_t			 i;

	(void)app;
	kiosk_ui_fill(s->y, s->x, s->h, s->w, KIOSK_ROLE_TEXT);
	for (i = 0; i < d->nlines; i++) {
		role = d->warn ? KIOSK_ROLE_WARNING : KIOSK_ROLE_TEXT;
		if (d->warn)
			kiosk_ui_fill(s->y + (int)i, s->x, 1, s->w, role);
		kiosk_ui_text(s->y + (int)i, s->x, s->w,
		    d->msg + d->lines[i].off, d->lines[i].len,
		    kiosk_ui_attr(role));
	}
	kiosk_field_draw(&d->field, d->focus < 0, &s->cy, &s->cx);
	for (k = 0; k < KIOSK_PIN_KEYS; k++) {
		kiosk_pin_key_rect(d, k, &y, &x);
		if (y >= s->y + s->h)
			break;
		role = k == d->focus ? KIOSK_ROLE_FOCUS : KIOSK_ROLE_CHOICE;
		attr = kiosk_ui_attr(role) | A_BOLD;
		kiosk_ui_fill(y, x, d->key_h, d->key_w, role);
		mid = y + (d->key_h - 1) / 2;
		label = kiosk_pin_label(k);
		if (k == d->focus) {
			kiosk_ui_str(mid, x, 1, ">", attr);
			s->cy = mid;
			s->cx = x;
		}
		if (strlen(label) == 1 && d->key_h >= KIOSK_BIGFONT_ROWS &&
		    d->key_w >= 7)
			kiosk_bigfont_draw(y + (d->key_h - KIOSK_BIGFONT_ROWS) /
			    2, x + (d->key_w - 3) / 2, (unsigned)(label[0] -
			    '0'), attr);
		else {
			cols = kiosk_width_cols(label, strlen(label));
			kiosk_ui_str(mid, x + (cols < d->key_w - 2 ?
			    (d->key_w - cols) / 2 : 1), d->key_w - 2, label,
			    attr);
		}
	}
}

/* OK: check the PIN (the screen may be gone afterwards). */
static void
kiosk_pin_submit(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_pin	*d = s->data;
	struct catalog_state	*state;
	char			*cause = NULL;

	if ((state = kiosk_staff_state(&app->staff, &cause)) == NULL) {
		kiosk_pin_set_msg(d, xasprintf(_("Staff mode is not set up "
		    "on this kiosk: %s"), cause), 1);
		free(cause);
		goto done;
	}
	if (kiosk_pin_lock_check(d))
		goto done;
	if (!catalog_staff_pin_valid(d->pin)) {
		kiosk_pin_set_msg(d, xasprintf(_("A PIN has %d to %d digits. "
		    "Type it again."), CATALOG_STAFF_PIN_MIN,
		    CATALOG_STAFF_PIN_MAX), 1);
		goto done;
	}
	switch (catalog_staff_verify(state, NULL, d->pin, (int64_t)catalog_clock_now(),
	    &cause)) {
	case CATALOG_STAFF_OK:
		kiosk_field_clear(&d->field);
		app->staff.active = 1;
		kiosk_app_back(app);
		kiosk_app_push(app, kiosk_screen_staff_new(app));
		return;
	case CATALOG_STAFF_WRONG:
		kiosk_pin_set_msg(d, xasprintf(_("That PIN is not right. "
		    "After %d wrong PINs staff mode locks for %d minutes."),
		    CATALOG_STAFF_TRIES, CATALOG_STAFF_LOCK_SECONDS / 60), 1);
		break;
	case CATALOG_STAFF_LOCKED:
		kiosk_pin_lock_check(d);
		break;
	case CATALOG_STAFF_ERROR:
		kiosk_pin_set_msg(d, xasprintf(_("The PIN cannot be checked "
		    "right now: %s"), cause), 1);
		break;
	}
	free(cause);
done:
	kiosk_field_clear(&d->field);
	kiosk_pin_layout(s, app);
	kiosk_speech_say(app, d->msg, KIOSK_SPEECH_NOW);
}

/* A pad key was pressed. */
static void
kiosk_pin_press(struct kiosk_screen *s, struct kiosk_app *app, int k)
{
	struct kiosk_screen_pin *d = s->data;

	if (k == KIOSK_PIN_OK) {
		kiosk_pin_submit(s, app);
		return;
	}
	if (k == KIOSK_PIN_ERASE)
		kiosk_field_key(&d->field, 0, 127);
	else if (d->field.len < CATALOG_STAFF_PIN_MAX)
		kiosk_field_key(&d->field, 0, k == KIOSK_PIN_ZERO ? '0' :
		    '1' + k);
}

static int
kiosk_pin_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	struct kiosk_screen_pin *d = s->data;

	if (!is_key && ch >= '0' && ch <= '9') {
		kiosk_pin_press(s, app, ch == '0' ? KIOSK_PIN_ZERO :
		    (int)(ch - '1'));
		return 1;
	}
	if ((!is_key && (ch == '\r' || ch == '\n')) ||
	    (is_key && ch == KEY_ENTER)) {
		kiosk_pin_press(s, app, d->focus >= 0 ? d->focus :
		    KIOSK_PIN_OK);
		return 1;
	}
	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 ||
	    ch == 8)))
		return kiosk_field_key(&d->field, is_key, ch);
	if (!is_key)
		return 0;
	switch (ch) {
	case KEY_RIGHT:
		d->focus = d->focus < 0 ? 0 : (d->focus + 1) % KIOSK_PIN_KEYS;
		return 1;
	case KEY_LEFT:
		d->focus = d->focus <= 0 ? KIOSK_PIN_KEYS - 1 : d->focus - 1;
		return 1;
	case KEY_DOWN:
		if (d->focus + 3 >= KIOSK_PIN_KEYS)
			return 0;
		d->focus = d->focus < 0 ? 1 : d->focus + 3;
		return 1;
	case KEY_UP:
		if (d->focus < 0)
			return 0;
		d->focus = d->focus < 3 ? -1 : d->focus - 3;
		return 1;
	}
	return 0;
}

static int
kiosk_pin_hit(struct kiosk_screen *s, int y, int x)
{
	struct kiosk_screen_pin	*d = s->data;
	int			 k, ky, kx;

	for (k = 0; k < KIOSK_PIN_KEYS; k++) {
		kiosk_pin_key_rect(d, k, &ky, &kx);
		if (ky < s->y + s->h && y >= ky && y < ky + d->key_h &&
		    x >= kx && x < kx + d->key_w)
			return k;
	}
	return -1;
}

static void
kiosk_pin_click(struct kiosk_screen *s, struct kiosk_app *app, int target)
{
	if (target >= 0 && target < KIOSK_PIN_KEYS)
		kiosk_pin_press(s, app, target);
}

static void
kiosk_pin_focus(struct kiosk_screen *s, int where)
{
	struct kiosk_screen_pin *d = s->data;

	d->focus = where == 0 ? -1 : (where == 1 ? 0 : KIOSK_PIN_OK);
}

static int
kiosk_pin_tick(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_pin *d = s->data;

	if (!d->locked)
		return 0;
	if (!kiosk_pin_lock_check(d)) {
		kiosk_pin_set_msg(d, xstrdup(_("Staff mode is open again. "
		    "Type your PIN.")), 0);
		kiosk_speech_say(app, d->msg, KIOSK_SPEECH_NOW);
	}
	kiosk_pin_layout(s, app);
	return 1;
}

/* Words to read aloud. Built from the message, the field's label and the
 * focused key only: d->pin and d->field.len are never looked at. */
static char *
kiosk_pin_speak(struct kiosk_screen *s, struct kiosk_app *app,
    int focus_only)
{
	struct kiosk_screen_pin *d = s->data;

	if (!focus_only)
		return d->msg != NULL ? xstrdup(d->msg) : NULL;
	/*
	 * A digit key is never named: someone near the speaker would hear
	 * the PIN as staff move to each key with the arrows. Erase and OK
	 * are named.
	 */
	if (d->focus >= 0 && d->focus != KIOSK_PIN_ZERO &&
	    d->focus >= KIOSK_PIN_ERASE)
		return xstrdup(kiosk_pin_label(d->focus));
	/* A digit key or the field: the same words, whatever was typed. */
	return kiosk_speech_field_text(app, d->field.label, NULL,
	    KIOSK_SPEECH_SECRET);
}

static void
kiosk_pin_free(struct kiosk_screen *s)
{
	struct kiosk_screen_pin *d = s->data;

	kiosk_field_done(&d->field);
	sodium_free(d->pin);
	free(d->msg);
	free(d->lines);
	free(d);
	kiosk_screen_free(s);
}

/* Digits and Erase may be pressed again at once (a PIN "1123"). */
static int
kiosk_pin_repeats(struct kiosk_screen *s, int target)
{
	(void)s;
	return target >= 0 && target < KIOSK_PIN_KEYS &&
	    target != KIOSK_PIN_OK;
}

static const struct kiosk_screen_ops kiosk_screen_pin_ops = {
	.layout = kiosk_pin_layout,
	.draw = kiosk_pin_draw,
	.key = kiosk_pin_key,
	.hit = kiosk_pin_hit,
	.repeats = kiosk_pin_repeats,
	.click = kiosk_pin_click,
	.focus = kiosk_pin_focus,
	.tick = kiosk_pin_tick,
	.free = kiosk_pin_free,
	.speak = kiosk_pin_speak,
};

struct kiosk_screen *
kiosk_screen_pin_new(struct kiosk_app *app)
{
	struct kiosk_screen_pin	*d = xcalloc(1, sizeof *d);
	struct kiosk_screen	*s;

	d->app = app;
	d->focus = -1;
	if ((d->pin = sodium_malloc(KIOSK_PIN_CAP)) == NULL) {
		fprintf(stderr, "leerpunt: out of memory for the PIN\n");
		abort();
	}
	sodium_memzero(d->pin, KIOSK_PIN_CAP);
	kiosk_field_init(&d->field, d->pin, KIOSK_PIN_CAP, _("PIN:"));
	d->field.mask = 1;
	if (!kiosk_pin_lock_check(d))
		kiosk_pin_set_msg(d, xstrdup(_("For staff only. Type your PIN "
		    "and press OK.")), 0);
	s = kiosk_screen_new(&kiosk_screen_pin_ops, _("Staff mode"), d);
	s->staff_only = 1;
	return s;
}
