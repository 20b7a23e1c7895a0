/*
 * screen_type: typing into a form's text field by touch alone.
 *
 * A field on another screen (a name, a phone number, an e-mail address,
 * the name of a place) opens this screen when it is touched: the same
 * field (label and text, in the owner's buffer: personal data stays in
 * the owner's locked memory and is never copied), the owner's check of
 * what is typed in plain words, and the on-screen keyboard in the field's
 * mode (keyboard.h: letters, the phone keypad 0-9 and +, the e-mail
 * layout with @ and .). Done (or Enter) closes it and the owner's done()
 * takes over; Back closes it too, keeping what was typed. A real keyboard
 * types here as well.
 *
 * The screen belongs to its owner: it is staff-only when the owner is,
 * so it leaves with staff mode, and the idle reset frees it with the
 * rest. It never frees or wipes the buffer; the owner does.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/field.h"
#include "kiosk/keyboard.h"
#include "kiosk/lang.h"
#include "kiosk/layout.h"
#include "kiosk/screen.h"
#include "kiosk/screen_type.h"
#include "kiosk/speech.h"
#include "kiosk/ui.h"
#include "kiosk/width.h"

#define KIOSK_TYPE_FIELD	99
#define KIOSK_TYPE_KEY		100	/* + key index */

struct kiosk_screen_type {
	struct kiosk_field	 field;
	struct kiosk_keyboard	 kb;
	struct kiosk_type_owner	 owner;
	char			*lead;		/* sanitised, or NULL */
	char			*status;	/* the owner's check */
	int			 status_bad;
	int			 lead_y, nlead, field_y, field_h, status_y;
	int			 in_field;	/* focus: the field, else keys */
	int			 speech;	/* PLAIN, PERSONAL, SECRET */
};

static void
kiosk_type_check(struct kiosk_screen_type *d)
{
	free(d->status);
	d->status = NULL;
	d->status_bad = 0;
	if (d->owner.check != NULL)
		d->status = d->owner.check(d->owner.ctx, d->field.buf,
		    &d->status_bad);
}

static void
kiosk_type_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_type	*d = s->data;
	struct kiosk_width_line		*wl = NULL;
	int				 y = s->y, rest, status_h, need;

	(void)app;
	/* The lead where the keyboard leaves room (not at 40x12). */
	d->nlead = 0;
	if (d->lead != NULL && s->h >= 14) {
		d->nlead = (int)kiosk_width_wrap(d->lead, s->w, &wl);
		free(wl);
		if (d->nlead > 2)
			d->nlead = 2;
	}
	d->lead_y = y;
	y += d->nlead;
	d->field_y = y;
	d->field_h = kiosk_layout_button_h(s->h, 0);
	kiosk_field_place(&d->field, d->field_y, s->x, d->field_h, s->w);
	y += d->field_h;
	/* The check's words where the keyboard leaves a row for them (at
	 * 40x12 not: the form shows them after Done). */
	need = kiosk_keyboard_height(&d->kb, s->w, 1);
	status_h = need >= 0 && y + 1 + need <= s->y + s->h ? 1 : 0;
	d->status_y = status_h > 0 ? y : -1;
	y += status_h + kiosk_layout_gap(s->h);
	rest = s->y + s->h - y;
	if (rest < 1)
		rest = 1;
	kiosk_keyboard_place(&d->kb, y, s->x, rest, s->w);
}

static void
kiosk_type_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_type	*d = s->data;
	struct kiosk_width_line		*wl = NULL;
	size_t				 i, n;
	enum kiosk_ui_role		 role;

	(void)app;
	kiosk_ui_fill(s->y, s->x, s->h, s->w, KIOSK_ROLE_TEXT);
	if (d->nlead > 0) {
		n = kiosk_width_wrap(d->lead, s->w, &wl);
		for (i = 0; i < n && (int)i < d->nlead; i++)
			kiosk_ui_text(d->lead_y + (int)i, s->x, s->w,
			    d->lead + wl[i].off, wl[i].len,
			    kiosk_ui_attr(KIOSK_ROLE_TEXT));
		free(wl);
	}
	kiosk_field_draw(&d->field, d->in_field, &s->cy, &s->cx);
	s->cursor = d->in_field;
	if (d->status != NULL && d->status_y >= 0) {
		role = d->status_bad ? KIOSK_ROLE_WARNING : KIOSK_ROLE_TEXT;
		if (role != KIOSK_ROLE_TEXT)
			kiosk_ui_fill(d->status_y, s->x, 1, s->w, role);
		kiosk_ui_str(d->status_y, s->x, s->w, d->status,
		    kiosk_ui_attr(role));
	}
	kiosk_keyboard_draw(&d->kb, &s->cy, &s->cx);
}

/* Close: back to the owner, which takes over (it may re-check). */
static void
kiosk_type_done(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_type	*d = s->data;
	struct kiosk_type_owner		 owner = d->owner;

	kiosk_app_back(app);	/* frees s */
	if (owner.done != NULL)
		owner.done(owner.ctx, app);
}

static void
kiosk_type_changed(struct kiosk_screen_type *d, struct kiosk_app *app)
{
	int was_bad = d->status_bad;

	kiosk_type_check(d);
	/* An error is said when it appears, with the field's name. */
	if (d->status_bad && !was_bad && d->status != NULL)
		kiosk_speech_error(app, d->field.label, d->status);
}

static void
kiosk_type_press(struct kiosk_screen *s, struct kiosk_app *app, int k)
{
	struct kiosk_screen_type	*d = s->data;
	const char			*text = NULL;
	char				*words;
	size_t				 i, n;

	d->in_field = 0;
	d->kb.focus = k;
	words = kiosk_keyboard_spoken(&d->kb, k);
	switch (kiosk_keyboard_press(&d->kb, k, &text)) {
	case KIOSK_KEYBOARD_TYPE:
		n = strlen(text);
		if (d->field.len + n + 1 <= d->field.cap) {
			for (i = 0; i < n; i++)
				d->field.buf[d->field.len + i] = text[i];
			d->field.len += n;
			d->field.buf[d->field.len] = '\0';
		}
		kiosk_type_changed(d, app);
		/* A Ge'ez syllable brings the consonants back. */
		if (d->kb.moved)
			kiosk_type_layout(s, app);
		break;
	case KIOSK_KEYBOARD_ERASE:
		if (kiosk_field_key(&d->field, 1, KEY_BACKSPACE))
			kiosk_type_changed(d, app);
		break;
	case KIOSK_KEYBOARD_CLEAR:
		kiosk_field_clear(&d->field);
		kiosk_type_changed(d, app);
		break;
	case KIOSK_KEYBOARD_RESULTS:
		free(words);
		kiosk_type_done(s, app);
		return;
	case KIOSK_KEYBOARD_SWITCHED:
		kiosk_type_layout(s, app);
		break;
	case KIOSK_KEYBOARD_NONE:
		break;
	}
	/* A key of a secret field is never named (PIN). */
	if (words != NULL && d->speech != KIOSK_SPEECH_SECRET)
		kiosk_speech_pressed(app, words);
	free(words);
}

static int
kiosk_type_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	struct kiosk_screen_type *d = s->data;

	if ((!is_key && (ch == '\r' || ch == '\n')) ||
	    (is_key && ch == KEY_ENTER)) {
		if (d->in_field || d->kb.focus < 0)
			kiosk_type_done(s, app);
		else
			kiosk_type_press(s, app, d->kb.focus);
		return 1;
	}
	if (!d->in_field) {
		switch (kiosk_keyboard_move(&d->kb, is_key, ch)) {
		case KIOSK_KEYBOARD_MOVED:
			return 1;
		case KIOSK_KEYBOARD_LEAVE_UP:
			kiosk_keyboard_focus(&d->kb, 0);
			d->in_field = 1;
			return 1;
		case KIOSK_KEYBOARD_LEAVE_DOWN:
			kiosk_keyboard_focus(&d->kb, 0);
			return 0;	/* on to the bar */
		case KIOSK_KEYBOARD_UNHANDLED:
			break;
		}
	} else if ((is_key && ch == KEY_DOWN) || (!is_key && ch == '\t')) {
		d->in_field = 0;
		kiosk_keyboard_focus(&d->kb, 1);
		return 1;
	}
	/* Real keys type here (digits too: this screen has no numbered
	 * choices). Backspace on an empty field goes back. */
	if (kiosk_field_key(&d->field, is_key, ch)) {
		d->in_field = 1;
		kiosk_keyboard_focus(&d->kb, 0);
		kiosk_type_changed(d, app);
		return 1;
	}
	return 0;
}

static int
kiosk_type_hit(struct kiosk_screen *s, int y, int x)
{
	struct kiosk_screen_type	*d = s->data;
	int				 k;

	if ((k = kiosk_keyboard_hit(&d->kb, y, x)) >= 0)
		return KIOSK_TYPE_KEY + k;
	if (kiosk_field_hit(&d->field, y, x))
		return KIOSK_TYPE_FIELD;
	return -1;
}

static void
kiosk_type_click(struct kiosk_screen *s, struct kiosk_app *app, int target)
{
	struct kiosk_screen_type *d = s->data;

	if (target >= KIOSK_TYPE_KEY)
		kiosk_type_press(s, app, target - KIOSK_TYPE_KEY);
	else if (target == KIOSK_TYPE_FIELD) {
		kiosk_keyboard_focus(&d->kb, 0);
		d->in_field = 1;
	}
}

static int
kiosk_type_repeats(struct kiosk_screen *s, int target)
{
	struct kiosk_screen_type *d = s->data;

	return target >= KIOSK_TYPE_KEY &&
	    kiosk_keyboard_repeats(&d->kb, target - KIOSK_TYPE_KEY);
}

static void
kiosk_type_focus(struct kiosk_screen *s, int where)
{
	struct kiosk_screen_type *d = s->data;

	kiosk_keyboard_focus(&d->kb, 0);
	d->in_field = 0;
	if (where == 1)
		d->in_field = 1;
	else if (where == 2)
		kiosk_keyboard_focus(&d->kb, 2);
}

/* The lead, the field (by the owner's rule for personal data) and the
 * check; or the focused key. */
static char *
kiosk_type_speak(struct kiosk_screen *s, struct kiosk_app *app,
    int focus_only)
{
	struct kiosk_screen_type	*d = s->data;
	char				*field, *text;

	if (focus_only) {
		if (d->in_field || d->kb.focus < 0)
			return NULL;
		if (d->speech == KIOSK_SPEECH_SECRET)
			return NULL;
		return kiosk_keyboard_spoken(&d->kb, d->kb.focus);
	}
	field = kiosk_speech_field_text(app, d->field.label, d->field.buf,
	    (enum kiosk_speech_kind)d->speech);
	text = xasprintf("%s%s%s%s%s", d->lead != NULL ? d->lead : "",
	    d->lead != NULL ? " " : "", field != NULL ? field : "",
	    d->status != NULL ? " " : "", d->status != NULL ? d->status :
	    "");
	if (field != NULL) {
		explicit_bzero(field, strlen(field));
		free(field);
	}
	return text;
}

static void
kiosk_type_free(struct kiosk_screen *s)
{
	struct kiosk_screen_type *d = s->data;

	/* The buffer is the owner's: only the label is ours. */
	kiosk_field_done(&d->field);
	free(d->lead);
	free(d->status);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_type_ops = {
	.layout = kiosk_type_layout,
	.draw = kiosk_type_draw,
	.key = kiosk_type_key,
	.hit = kiosk_type_hit,
	.click = kiosk_type_click,
	.focus = kiosk_type_focus,
	.free = kiosk_type_free,
	.speak = kiosk_type_speak,
	.repeats = kiosk_type_repeats,
};

struct kiosk_screen *
kiosk_screen_type_new(struct kiosk_app *app, const char *title,
    const char *lead, char *buf, size_t cap, const char *label,
    enum kiosk_keyboard_mode mode, int speech,
    const struct kiosk_type_owner *owner)
{
	struct kiosk_screen_type	*d = xcalloc(1, sizeof *d);
	struct kiosk_screen		*s;

	kiosk_field_init(&d->field, buf, cap, label);
	kiosk_keyboard_init(&d->kb, app->lang);
	kiosk_keyboard_set_mode(&d->kb, mode);
	d->lead = lead != NULL ? kiosk_width_sanitize(lead, 0) : NULL;
	d->speech = speech;
	if (owner != NULL)
		d->owner = *owner;
	kiosk_type_check(d);
	s = kiosk_screen_new(&kiosk_screen_type_ops, title, d);
	return s;
}
