/*
 * screen_enrol: staff enrol a person in one offering of an entry, one
 * step per screen: which start date, name, phone, e-mail, a note, then
 * consent (what will be sent and to whom, read back in full) and the
 * receipt number in the big font.
 *
 * Personal data lives in one sodium_malloc'd block (locked, guarded,
 * wiped when freed): the fields type straight into it. The consent text,
 * which must show it, is built into lines that are wiped before they are
 * freed. Nothing of it is logged or written anywhere but sealed, by
 * catalog_enrol_submit(). Each field is checked as it is typed with the
 * catalogue's own checks (errors name the field in plain words) and again
 * on Next; Backspace on an empty field goes one step back. Back, Home,
 * the end of staff mode and the idle reset all free the screen, and with
 * it everything typed.
 *
 * Read aloud: each step is read when it shows (a step is not a new
 * screen, so the screen says it itself, or renews it for speech.c); the
 * field is said with kiosk_speech_field(PERSONAL) when it shows or gets
 * focus, so name, phone, e-mail and note are said only with a headset
 * (staff menu), never as each key is typed. An error is said with the
 * field's name once when it appears (again on Next), and when it goes
 * away the new status is said. The consent read-back goes the same
 * way, personal parts by the headset rule; the receipt is spelled out
 * ("K 7 Q X, M 4 P A") through kiosk_speech_receipt(). Spoken texts
 * that may hold personal data are wiped before they are freed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <sodium.h>

#include "catalog/entry.h"
#include "catalog/enrol.h"
#include "catalog/keys.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/bigfont.h"
#include "kiosk/enroltext.h"
#include "kiosk/button.h"
#include "kiosk/field.h"
#include "kiosk/focus.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"
#include "kiosk/layout.h"
#include "kiosk/screen.h"
#include "kiosk/screen_type.h"
#include "kiosk/speech.h"
#include "kiosk/stats.h"
#include "kiosk/width.h"
#include "kiosk/widget_list.h"

enum kiosk_enrol_step {
	KIOSK_ENROL_OFFERING,
	KIOSK_ENROL_NAME,
	KIOSK_ENROL_PHONE,
	KIOSK_ENROL_EMAIL,
	KIOSK_ENROL_NOTE,
	KIOSK_ENROL_CONSENT,
	KIOSK_ENROL_RECEIPT,
	KIOSK_ENROL_STOPPED	/* not set up, or nothing to enrol in */
};

/* The personal data: only ever in this locked block. */
struct kiosk_enrol_secret {
	char	 name[4 * CATALOG_ENROL_NAME_MAX + 1];
	char	 phone[64];
	char	 email[CATALOG_ENROL_EMAIL_MAX + 1];
	char	 note[4 * CATALOG_ENROL_NOTE_MAX + 1];
};

struct kiosk_screen_enrol {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_app	*app;
	struct kiosk_screen	*screen;
	struct catalog_entry	*entry;
	struct catalog_keys	*office;
	struct kiosk_enrol_secret *secret;
	enum kiosk_enrol_step	 step;
	size_t			 offering;	/* index in entry->offerings */
	struct kiosk_field	 field;
	char			*status;	/* check result or error */
	int			 status_bad;
	char			*said_error;	/* error last read aloud */
	char			 receipt[CATALOG_ENROL_RECEIPT_SIZE];
	/* Choices (offerings, Next/Skip, Done) or consent lines. */
	struct kiosk_list_item	*items;
	size_t			 n;
	struct kiosk_button	 yes, no;
	struct kiosk_button	 keyboard;	/* beside the field */
	/* The step's widgets in the focus chain (their index, -1 when the
	 * step has none): a field step the field, Next and the Keyboard
	 * button; consent the text, Yes and No; the receipt its lines and
	 * Done; the others the list. The chain owns the tap targets. */
	struct kiosk_focus	 fc;
	int			 w_field, w_list, w_kbtn, w_yes, w_no;
	int			 consent_read;	/* its last page was shown */
	int			 by_phone, by_email;	/* for the receipt */
	int			 field_y, field_h, status_y;
	int			 big_y;
};

static void
kiosk_enrol_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_enrol *d = ctx;

	kiosk_list_show(l, d->items, d->n);
}

/* Free the items, wiping their text (the consent lines hold data). */
static void
kiosk_enrol_items_clear(struct kiosk_screen_enrol *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (d->items[i].label != NULL)
			explicit_bzero(d->items[i].label,
			    strlen(d->items[i].label));
		if (d->items[i].detail != NULL)
			explicit_bzero(d->items[i].detail,
			    strlen(d->items[i].detail));
	}
	kiosk_list_items_free(d->items, d->n);
	d->items = NULL;
	d->n = 0;
}

static void
kiosk_enrol_add(struct kiosk_screen_enrol *d, char *label, char *detail,
    enum kiosk_ui_role role)
{
	struct kiosk_list_item *it;

	d->items = xreallocarray(d->items, d->n + 1, sizeof *d->items);
	it = &d->items[d->n++];
	memset(it, 0, sizeof *it);
	it->label = kiosk_width_sanitize(label, 0);
	it->detail = detail != NULL ? kiosk_width_sanitize(detail, 0) : NULL;
	it->role = role;
	if (label != NULL)
		explicit_bzero(label, strlen(label));
	free(label);
	free(detail);
}

static void
kiosk_enrol_set_status(struct kiosk_screen_enrol *d, char *status, int bad)
{
	free(d->status);
	d->status = status;
	d->status_bad = bad;
}

/* When, where and cost of offering i in words. */
static char *
kiosk_enrol_offering_words(struct kiosk_screen_enrol *d, size_t i)
{
	const struct catalog_offering	*o = &d->entry->offerings[i];
	const char			*mode, *place;
	char				*date, *s = NULL;

	date = kiosk_format_date(d->app->fmt, o->start);
	kiosk_format_join(&s, date != NULL ? xasprintf(_("starts %s"), date) :
	    xstrdup(_("no fixed start date")));
	free(date);
	place = o->place != NULL ? o->place : d->entry->city;
	if (place != NULL)
		kiosk_format_join(&s, xstrdup(place));
	if ((mode = kiosk_format_mode(o->mode)) != NULL)
		kiosk_format_join(&s, xstrdup(mode));
	kiosk_format_join(&s, kiosk_format_cost(d->app->fmt, o->cost_cents));
	return s;
}

/* The buffer and label of a field step. */
static void
kiosk_enrol_field_of(struct kiosk_screen_enrol *d, char **buf, size_t *cap,
    const char **label, const char **lead)
{
	struct kiosk_enrol_secret *p = d->secret;

	switch (d->step) {
	case KIOSK_ENROL_NAME:
		*buf = p->name;
		*cap = sizeof p->name;
		*label = _("Name:");
		*lead = _("The name of the person, as they want it written.");
		break;
	case KIOSK_ENROL_PHONE:
		*buf = p->phone;
		*cap = sizeof p->phone;
		*label = _("Phone:");
		*lead = _("Their phone number. You may leave it empty if they "
		    "give an e-mail address.");
		break;
	case KIOSK_ENROL_EMAIL:
		*buf = p->email;
		*cap = sizeof p->email;
		*label = _("E-mail:");
		*lead = _("Their e-mail address. You may leave it empty if "
		    "they gave a phone number.");
		break;
	default:
		*buf = p->note;
		*cap = sizeof p->note;
		*label = _("Note:");
		*lead = _("A short note for the course, if needed. You may "
		    "leave it empty.");
		break;
	}
}

/* Check the field of this step as typed: status in plain words. */
static int
kiosk_enrol_check(struct kiosk_screen_enrol *d, int final)
{
	const char	*v = d->field.buf;
	enum catalog_enrol_problem p = CATALOG_ENROL_OK;

	if (*v == '\0') {
		if (d->step == KIOSK_ENROL_NAME ||
		    (d->step == KIOSK_ENROL_EMAIL &&
		    d->secret->phone[0] == '\0')) {
			kiosk_enrol_set_status(d, xstrdup(d->step ==
			    KIOSK_ENROL_NAME ? _("Name: please type the name.")
			    : _("E-mail: give an e-mail address, or go back "
			    "and give a phone number.")), final);
			return -1;
		}
		kiosk_enrol_set_status(d, xstrdup(_("This may stay empty.")),
		    0);
		return 0;
	}
	switch (d->step) {
	case KIOSK_ENROL_NAME:
		p = catalog_enrol_check_name(v);
		break;
	case KIOSK_ENROL_PHONE:
		p = catalog_enrol_check_phone(v);
		break;
	case KIOSK_ENROL_EMAIL:
		p = catalog_enrol_check_email(v);
		break;
	case KIOSK_ENROL_NOTE:
		p = catalog_enrol_check_note(v);
		break;
	default:
		break;
	}
	kiosk_enrol_set_status(d, kiosk_enroltext(p), p != CATALOG_ENROL_OK);
	return p == CATALOG_ENROL_OK ? 0 : -1;
}

/* A line of the consent text: "Label: value" (value may be personal). */
static void
kiosk_enrol_consent_line(struct kiosk_screen_enrol *d, int w,
    const char *label, const char *value)
{
	struct kiosk_width_line	*wl = NULL;
	char			*text;
	size_t			 i, nw;

	if (value == NULL || *value == '\0')
		return;
	text = label != NULL ? xasprintf("%s %s", label, value) :
	    xstrdup(value);
	nw = kiosk_width_wrap(text, w, &wl);
	for (i = 0; i < nw; i++)
		kiosk_enrol_add(d, xstrndup(text + wl[i].off, wl[i].len),
		    NULL, KIOSK_ROLE_TEXT);
	free(wl);
	explicit_bzero(text, strlen(text));
	free(text);
}

/* One part of the consent text: label (or NULL) and value; personal
 * parts are said only with a headset. */
typedef void (*kiosk_enrol_part_cb)(struct kiosk_screen_enrol *d,
    const char *label, const char *value, int personal, void *ctx);

/* What will be sent and to whom, part by part, for screen and speech. */
static void
kiosk_enrol_consent_parts(struct kiosk_screen_enrol *d,
    kiosk_enrol_part_cb cb, void *ctx)
{
	struct kiosk_enrol_secret	*p = d->secret;
	char				*when;

	cb(d, NULL, _("Please read this with the person. This will be sent:"),
	    0, ctx);
	cb(d, _("Offer:"), d->entry->title.value, 0, ctx);
	when = kiosk_enrol_offering_words(d, d->offering);
	cb(d, _("When and where:"), when, 0, ctx);
	free(when);
	cb(d, _("Name:"), p->name, 1, ctx);
	cb(d, _("Phone:"), p->phone, 1, ctx);
	cb(d, _("E-mail:"), p->email, 1, ctx);
	cb(d, _("Note:"), p->note, 1, ctx);
	cb(d, _("To:"), d->entry->provider != NULL ? d->entry->provider :
	    _("the provider of the course"), 0, ctx);
	cb(d, NULL, _("It goes locked (sealed) to the Leerpunt office. Only "
	    "the office can open it. They pass it on, and the course "
	    "contacts the person."), 0, ctx);
	cb(d, NULL, _("Does the person agree?"), 0, ctx);
}

static void
kiosk_enrol_consent_cb(struct kiosk_screen_enrol *d, const char *label,
    const char *value, int personal, void *ctx)
{
	(void)personal;
	kiosk_enrol_consent_line(d, *(int *)ctx, label, value);
}

/* What will be sent and to whom, wrapped to w columns. */
static void
kiosk_enrol_consent(struct kiosk_screen_enrol *d, int w)
{
	kiosk_enrol_items_clear(d);
	kiosk_enrol_consent_parts(d, kiosk_enrol_consent_cb, &w);
}

/* The receipt's lines, wrapped to w: its number, the offer, when and
 * where, how the course contacts the person (no personal data: only
 * which way), and where it goes. */
static void
kiosk_enrol_receipt_lines(struct kiosk_screen_enrol *d, int w)
{
	char *line, *when;

	kiosk_enrol_items_clear(d);
	line = xasprintf(_("Enrolled. Write down this receipt number: %s"),
	    d->receipt);
	kiosk_enrol_consent_line(d, w, NULL, line);
	free(line);
	if (d->n > 0)
		d->items[0].role = KIOSK_ROLE_HEADING;
	kiosk_enrol_consent_line(d, w, _("Offer:"), d->entry->title.value);
	when = kiosk_enrol_offering_words(d, d->offering);
	kiosk_enrol_consent_line(d, w, _("When and where:"), when);
	free(when);
	kiosk_enrol_consent_line(d, w, NULL, d->by_phone && d->by_email ?
	    _("The course contacts the person by phone or e-mail.") :
	    d->by_phone ? _("The course contacts the person by phone.") :
	    _("The course contacts the person by e-mail."));
	kiosk_enrol_consent_line(d, w, NULL, _("It is saved, locked, and "
	    "goes to the office."));
}

/* The focus chain of the current step (see the struct); a field step
 * starts with focus in the field, the others with none. Next comes right
 * after the field (Down from the field goes to it), the Keyboard button
 * last. Yes on the consent step shows once the whole text has been
 * (kiosk_enrol_draw()). */
static void
kiosk_enrol_chain(struct kiosk_screen_enrol *d)
{
	int is_field = d->step >= KIOSK_ENROL_NAME &&
	    d->step <= KIOSK_ENROL_NOTE;

	kiosk_focus_init(&d->fc);
	d->w_field = d->w_kbtn = d->w_yes = d->w_no = -1;
	if (is_field)
		d->w_field = kiosk_focus_add(&d->fc, KIOSK_FOCUS_FIELD,
		    &d->field);
	d->w_list = kiosk_focus_add(&d->fc, KIOSK_FOCUS_LIST, &d->list);
	if (is_field)
		d->w_kbtn = kiosk_focus_add(&d->fc, KIOSK_FOCUS_BUTTON,
		    &d->keyboard);
	if (d->step == KIOSK_ENROL_CONSENT || d->step == KIOSK_ENROL_RECEIPT)
		d->w_yes = kiosk_focus_add(&d->fc, KIOSK_FOCUS_BUTTON,
		    &d->yes);
	if (d->step == KIOSK_ENROL_CONSENT) {
		d->w_no = kiosk_focus_add(&d->fc, KIOSK_FOCUS_BUTTON, &d->no);
		kiosk_focus_show(&d->fc, d->w_yes, d->consent_read);
	}
	if (is_field)
		kiosk_focus_set(&d->fc, d->w_field, 0);
	else if (d->list.focus >= 0)
		d->fc.cur = d->w_list;
}

/* Items and lead for the current step. */
static void
kiosk_enrol_build(struct kiosk_screen_enrol *d)
{
	const char	*label = NULL, *lead = NULL;
	char		*buf;
	size_t		 cap, i;

	kiosk_enrol_items_clear(d);
	kiosk_list_done(&d->list);
	kiosk_list_init(&d->list, d->step == KIOSK_ENROL_CONSENT ||
	    d->step == KIOSK_ENROL_RECEIPT ? KIOSK_LIST_LINES :
	    KIOSK_LIST_BLOCKS, kiosk_enrol_fetch, d);
	kiosk_field_done(&d->field);
	switch (d->step) {
	case KIOSK_ENROL_OFFERING:
		for (i = 0; i < d->entry->nofferings; i++)
			kiosk_enrol_add(d, kiosk_enrol_offering_words(d, i),
			    NULL, KIOSK_ROLE_TEXT);
		kiosk_list_set_lead(&d->list, _("Which start date?"),
		    KIOSK_ROLE_TEXT);
		break;
	case KIOSK_ENROL_NAME:
	case KIOSK_ENROL_PHONE:
	case KIOSK_ENROL_EMAIL:
	case KIOSK_ENROL_NOTE:
		kiosk_enrol_field_of(d, &buf, &cap, &label, &lead);
		kiosk_field_init(&d->field, buf, cap, label);
		kiosk_enrol_add(d, xstrdup(_("Next")), NULL, KIOSK_ROLE_TEXT);
		kiosk_list_set_lead(&d->list, NULL, KIOSK_ROLE_TEXT);
		d->list.focus = -1;
		kiosk_enrol_check(d, 0);
		break;
	case KIOSK_ENROL_CONSENT:
		d->consent_read = 0;
		kiosk_button_set(&d->yes, _("Yes, the person agrees: send"));
		kiosk_button_set(&d->no, _("No, do not send"));
		kiosk_list_set_lead(&d->list, NULL, KIOSK_ROLE_TEXT);
		break;
	case KIOSK_ENROL_RECEIPT:
		/* The lines (kiosk_enrol_receipt_lines()) and Done. */
		kiosk_button_set(&d->yes, _("Done"));
		kiosk_list_set_lead(&d->list, NULL, KIOSK_ROLE_TEXT);
		break;
	case KIOSK_ENROL_STOPPED:
		kiosk_enrol_add(d, xstrdup(_("OK, go back")), NULL,
		    KIOSK_ROLE_TEXT);
		kiosk_list_set_lead(&d->list, d->status, KIOSK_ROLE_WARNING);
		break;
	}
	(void)lead;
	kiosk_enrol_chain(d);
}

/* The lead of a field step, above the field. */
static const char *
kiosk_enrol_field_lead(struct kiosk_screen_enrol *d)
{
	const char	*label, *lead = NULL;
	char		*buf;
	size_t		 cap;

	kiosk_enrol_field_of(d, &buf, &cap, &label, &lead);
	return lead;
}

static int
kiosk_enrol_is_field(struct kiosk_screen_enrol *d)
{
	return d->step >= KIOSK_ENROL_NAME && d->step <= KIOSK_ENROL_NOTE;
}

static void
kiosk_enrol_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_enrol	*d = s->data;
	struct kiosk_width_line		*wl = NULL;
	int				 y = s->y, bh, h;
	int				 gap = kiosk_layout_gap(s->h);
	int				 fw, bw;
	size_t				 nl;

	if (kiosk_enrol_is_field(d)) {
		nl = kiosk_width_wrap(kiosk_enrol_field_lead(d), s->w, &wl);
		free(wl);
		if (nl > 3)
			nl = 3;
		d->field_y = y + (int)nl;
		d->field_h = kiosk_layout_button_h(s->h, app->desk);
		/* The Keyboard button right beside the field, both within
		 * about 80 columns on a wide screen. */
		fw = kiosk_layout_text_w(s->w);
		bw = kiosk_width_cols(d->keyboard.label,
		    strlen(d->keyboard.label)) + 4;
		if (bw > fw / 2)
			bw = fw / 2;
		kiosk_field_place(&d->field, d->field_y, s->x, d->field_h,
		    fw - bw - 1);
		kiosk_button_place(&d->keyboard, d->field_y, s->x + fw - bw,
		    d->field_h, bw);
		d->status_y = d->field_y + d->field_h;
		y = d->status_y + 2 + gap;
		kiosk_list_layout(&d->list, y, s->x, s->y + s->h - y, s->w,
		    app->desk);
		return;
	}
	if (d->step == KIOSK_ENROL_CONSENT) {
		bh = kiosk_layout_button_h(s->h, app->desk);
		/* Lines within about 80 columns on a wide screen. */
		kiosk_enrol_consent(d, kiosk_layout_text_w(s->w));
		h = s->h - 2 * bh - 1;
		kiosk_list_layout(&d->list, s->y, s->x, h,
		    kiosk_layout_text_w(s->w), app->desk);
		kiosk_button_place(&d->yes, s->y + h, s->x, bh, s->w);
		kiosk_button_place(&d->no, s->y + h + bh + 1, s->x, bh, s->w);
		return;
	}
	if (d->step == KIOSK_ENROL_RECEIPT) {
		/* The number in the big font where there is room (from 20
		 * rows), then what was sent, how the person hears back, and
		 * Done; at 40x12 the lines page. */
		bh = kiosk_layout_button_h(s->h, app->desk);
		d->big_y = s->h >= 20 ? s->y : -1;
		y = d->big_y >= 0 ? s->y + KIOSK_BIGFONT_ROWS + 1 : s->y;
		h = s->y + s->h - bh - kiosk_layout_gap(s->h) - y;
		kiosk_enrol_receipt_lines(d, kiosk_layout_text_w(s->w));
		kiosk_list_layout(&d->list, y, s->x, h,
		    kiosk_layout_text_w(s->w), app->desk);
		kiosk_button_place(&d->yes, s->y + s->h - bh, s->x, bh, s->w);
		return;
	}
	kiosk_list_layout(&d->list, s->y, s->x, s->h, s->w, app->desk);
}

static void
kiosk_enrol_draw_text(int y, int x, int w, int maxrows, const char *text,
    enum kiosk_ui_role role)
{
	struct kiosk_width_line	*wl = NULL;
	size_t			 i, n;

	n = kiosk_width_wrap(text, w, &wl);
	for (i = 0; i < n && (int)i < maxrows; i++) {
		if (role != KIOSK_ROLE_TEXT)
			kiosk_ui_fill(y + (int)i, x, 1, w, role);
		kiosk_ui_text(y + (int)i, x, w, text + wl[i].off, wl[i].len,
		    kiosk_ui_attr(role));
	}
	free(wl);
}

static void
kiosk_enrol_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_enrol	*d = s->data;
	int				 bw, typing;

	(void)app;
	kiosk_list_draw(&d->list, &s->cy, &s->cx);
	if (kiosk_enrol_is_field(d)) {
		kiosk_ui_fill(s->y, s->x, d->list.y - s->y, s->w,
		    KIOSK_ROLE_TEXT);
		kiosk_enrol_draw_text(s->y, s->x, s->w, d->field_y - s->y,
		    kiosk_enrol_field_lead(d), KIOSK_ROLE_TEXT);
		typing = kiosk_focus_typing(&d->fc);
		kiosk_field_draw(&d->field, typing, &s->cy, &s->cx);
		s->cursor = typing;
		kiosk_button_draw(&d->keyboard, kiosk_focus_on(&d->fc,
		    d->w_kbtn), &s->cy, &s->cx);
		if (typing)
			kiosk_field_draw(&d->field, 1, &s->cy, &s->cx);
		if (d->status != NULL)
			kiosk_enrol_draw_text(d->status_y, s->x, s->w, 2,
			    d->status, d->status_bad ? KIOSK_ROLE_WARNING :
			    KIOSK_ROLE_TEXT);
	} else if (d->step == KIOSK_ENROL_CONSENT) {
		/* Yes only once the whole text has been shown. */
		if (d->list.first + d->list.per_page >= d->list.total) {
			d->consent_read = 1;
			kiosk_focus_show(&d->fc, d->w_yes, 1);
		}
		if (d->consent_read)
			kiosk_button_draw(&d->yes, kiosk_focus_on(&d->fc,
			    d->w_yes), &s->cy, &s->cx);
		else
			kiosk_enrol_draw_text(d->yes.y + (d->yes.h - 1) / 2,
			    s->x, s->w, 1, _("First read every page (Next >)."),
			    KIOSK_ROLE_WARNING);
		kiosk_button_draw(&d->no, kiosk_focus_on(&d->fc, d->w_no),
		    &s->cy, &s->cx);
		if (d->status != NULL && d->status_bad)
			kiosk_enrol_draw_text(d->yes.y - 1, s->x, s->w, 1,
			    d->status, KIOSK_ROLE_WARNING);
	} else if (d->step == KIOSK_ENROL_RECEIPT) {
		bw = kiosk_bigfont_text_width(d->receipt);
		if (d->big_y >= 0 && bw > 0 && bw <= s->w)
			kiosk_bigfont_draw_text(d->big_y, s->x + (s->w - bw) / 2,
			    d->receipt, kiosk_ui_attr(KIOSK_ROLE_HEADING) |
			    A_BOLD);
		kiosk_button_draw(&d->yes, kiosk_focus_on(&d->fc, d->w_yes),
		    &s->cy, &s->cx);
	}
}

/* --- read aloud ------------------------------------------------------ */

/* Append a sentence to *b (wiped: it may hold personal data); text is
 * taken when take is set. */
static void
kiosk_enrol_words_add(char **b, char *text, int take)
{
	char	*n;
	size_t	 len;

	if (text == NULL || *text == '\0') {
		if (take)
			free(text);
		return;
	}
	len = strlen(text);
	n = xasprintf("%s%s%s%s", *b != NULL ? *b : "", *b != NULL ? " " : "",
	    text, strchr(".?!:", text[len - 1]) != NULL ? "" : ".");
	if (*b != NULL) {
		explicit_bzero(*b, strlen(*b));
		free(*b);
	}
	*b = n;
	if (take) {
		explicit_bzero(text, len);
		free(text);
	}
}

static void
kiosk_enrol_words_cb(struct kiosk_screen_enrol *d, const char *label,
    const char *value, int personal, void *ctx)
{
	if (value == NULL || *value == '\0')
		return;
	if (personal)
		kiosk_enrol_words_add(ctx, kiosk_speech_field_text(d->app,
		    label, value, KIOSK_SPEECH_PERSONAL), 1);
	else
		kiosk_enrol_words_add(ctx, label != NULL ? xasprintf("%s %s",
		    label, value) : xstrdup(value), 1);
}

/* The receipt sentence, spelled out for speech. */
static char *
kiosk_enrol_receipt_words(struct kiosk_screen_enrol *d)
{
	char *code, *text;

	code = kiosk_speech_spell(d->receipt);
	text = xasprintf(_("Enrolled. Write down this receipt number: %s"),
	    code);
	free(code);
	return text;
}

/* The words of the step (the body of the screen); a bad status only with
 * bad (an error said on its own is not said twice). Sanitised. */
static char *
kiosk_enrol_words(struct kiosk_screen_enrol *d, int bad)
{
	const char	*label, *lead;
	char		*b = NULL, *buf, *t;
	size_t		 cap, i;

	switch (d->step) {
	case KIOSK_ENROL_NAME:
	case KIOSK_ENROL_PHONE:
	case KIOSK_ENROL_EMAIL:
	case KIOSK_ENROL_NOTE:
		kiosk_enrol_field_of(d, &buf, &cap, &label, &lead);
		kiosk_enrol_words_add(&b, (char *)lead, 0);
		kiosk_enrol_words_add(&b, kiosk_speech_field_text(d->app,
		    label, d->field.buf, KIOSK_SPEECH_PERSONAL), 1);
		if (!d->status_bad || bad)
			kiosk_enrol_words_add(&b, d->status, 0);
		break;
	case KIOSK_ENROL_CONSENT:
		kiosk_enrol_consent_parts(d, kiosk_enrol_words_cb, &b);
		kiosk_enrol_words_add(&b, xasprintf(_("Number %zu: %s"),
		    (size_t)1, d->yes.label), 1);
		kiosk_enrol_words_add(&b, xasprintf(_("Number %zu: %s"),
		    (size_t)2, d->no.label), 1);
		if (d->status_bad && bad)
			kiosk_enrol_words_add(&b, d->status, 0);
		break;
	case KIOSK_ENROL_RECEIPT:
		/* Unless speech.c says it after the screen (receipt()). */
		t = kiosk_enrol_receipt_words(d);
		if (d->app->receipt == NULL || strcmp(d->app->receipt, t) != 0)
			kiosk_enrol_words_add(&b, t, 0);
		free(t);
		/* The rest of the receipt's lines (the first holds the
		 * number, said spelled out above), then Done. */
		for (i = 1; i < d->n; i++)
			kiosk_enrol_words_add(&b, d->items[i].label, 0);
		kiosk_enrol_words_add(&b, xasprintf(_("Number %zu: %s"),
		    (size_t)1, d->yes.label), 1);
		break;
	default:
		break;
	}
	/* The consent lines of the list hold the personal data as shown:
	 * they are said above, part by part, never from the list. */
	if (d->step != KIOSK_ENROL_CONSENT && d->step != KIOSK_ENROL_RECEIPT)
		kiosk_enrol_words_add(&b, kiosk_speech_list_text(&d->list, 0),
		    1);
	if (b == NULL)
		return NULL;
	/* Catalogue text in it is untrusted. */
	t = kiosk_width_sanitize(b, 0);
	explicit_bzero(b, strlen(b));
	free(b);
	return t;
}

static char *
kiosk_enrol_speak(struct kiosk_screen *s, struct kiosk_app *app,
    int focus_only)
{
	struct kiosk_screen_enrol *d = s->data;

	(void)app;
	if (!focus_only)
		return kiosk_enrol_words(d, 1);
	if (d->step == KIOSK_ENROL_CONSENT && kiosk_focus_on(&d->fc, d->w_yes))
		return xasprintf(_("Number %zu: %s"), (size_t)1, d->yes.label);
	if (d->step == KIOSK_ENROL_CONSENT && kiosk_focus_on(&d->fc, d->w_no))
		return xasprintf(_("Number %zu: %s"), (size_t)2, d->no.label);
	if (kiosk_focus_on(&d->fc, d->w_kbtn))
		return xstrdup(d->keyboard.label);
	/* The field is said when it gets focus (kiosk_enrol_say_field), not
	 * as focus text: that would change, and be said, with every key. */
	if (kiosk_focus_typing(&d->fc))
		return NULL;
	return kiosk_speech_list_text(&d->list, 1);
}

/* The field got focus: its name and, with a headset, its text. */
static void
kiosk_enrol_say_field(struct kiosk_screen_enrol *d)
{
	const char	*label, *lead;
	char		*buf;
	size_t		 cap;

	if (!kiosk_enrol_is_field(d))
		return;
	kiosk_enrol_field_of(d, &buf, &cap, &label, &lead);
	kiosk_speech_field(d->app, label, d->field.buf, KIOSK_SPEECH_PERSONAL);
}

/* After a check: a new error is said with the field's name (again: also
 * the same one, on Next); when an error goes away, the new status. */
static void
kiosk_enrol_say_status(struct kiosk_screen_enrol *d, int again)
{
	const char	*label, *lead;
	char		*buf;
	size_t		 cap;

	if (d->status == NULL || !d->status_bad) {
		if (d->said_error != NULL && d->status != NULL)
			kiosk_speech_say(d->app, d->status, KIOSK_SPEECH_NOW);
		free(d->said_error);
		d->said_error = NULL;
		return;
	}
	if (!again && d->said_error != NULL &&
	    strcmp(d->said_error, d->status) == 0)
		return;
	if (kiosk_enrol_is_field(d)) {
		kiosk_enrol_field_of(d, &buf, &cap, &label, &lead);
		kiosk_speech_error(d->app, label, d->status);
	} else
		kiosk_speech_say(d->app, d->status, KIOSK_SPEECH_NOW);
	free(d->said_error);
	d->said_error = xstrdup(d->status);
}

/* A step has just been shown: read it aloud. */
static void
kiosk_enrol_announce(struct kiosk_screen_enrol *d)
{
	struct kiosk_app	*app = d->app;
	char			*text;
	int			 bad;

	if (!app->speech_on)
		return;
	switch (d->step) {
	case KIOSK_ENROL_RECEIPT:
		text = kiosk_enrol_receipt_words(d);
		kiosk_speech_receipt(app, text);
		free(text);
		/* FALLTHROUGH */
	case KIOSK_ENROL_OFFERING:
	case KIOSK_ENROL_STOPPED:
		/* Focus lands on a choice: all of it, as a new screen. */
		kiosk_speech_renew(app);
		return;
	default:
		break;
	}
	/* Main point first: an error that sent us here, then the step. */
	bad = d->status != NULL && d->status_bad;
	if (bad)
		kiosk_enrol_say_status(d, 1);
	text = kiosk_enrol_words(d, 0);
	kiosk_speech_say(app, text, bad ? KIOSK_SPEECH_AFTER :
	    KIOSK_SPEECH_NOW);
	if (text != NULL)
		explicit_bzero(text, strlen(text));
	free(text);
}

/* Show step; error (taken, or NULL) is its status, e.g. from the final
 * check. Read aloud. */
static void
kiosk_enrol_go(struct kiosk_screen *s, struct kiosk_app *app,
    enum kiosk_enrol_step step, char *error)
{
	struct kiosk_screen_enrol *d = s->data;

	d->step = step;
	kiosk_enrol_set_status(d, NULL, 0);
	free(d->said_error);
	d->said_error = NULL;
	kiosk_enrol_build(d);
	if (error != NULL)
		kiosk_enrol_set_status(d, error, 1);
	kiosk_enrol_layout(s, app);
	kiosk_enrol_announce(d);
}

/* The person agreed: seal and queue. */
static void
kiosk_enrol_submit(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_enrol	*d = s->data;
	struct kiosk_enrol_secret	*p = d->secret;
	struct catalog_enrolment	 e;
	struct catalog_state		*state;
	enum catalog_enrol_field	 field;
	enum catalog_enrol_problem	 problem;
	char				*cause = NULL;

	memset(&e, 0, sizeof e);
	e.offering_id = d->entry->offerings[d->offering].id;
	e.name = p->name;
	e.phone = p->phone;
	e.email = p->email;
	e.note = p->note;
	e.consent = 1;
	e.kiosk_name = app->staff.kiosk_id;
	if ((problem = catalog_enrol_check(&e, &field)) != CATALOG_ENROL_OK) {
		cause = kiosk_enroltext(problem);
		switch (field) {
		case CATALOG_ENROL_FIELD_NAME:
			kiosk_enrol_go(s, app, KIOSK_ENROL_NAME, cause);
			break;
		case CATALOG_ENROL_FIELD_PHONE:
			kiosk_enrol_go(s, app, KIOSK_ENROL_PHONE, cause);
			break;
		case CATALOG_ENROL_FIELD_EMAIL:
			kiosk_enrol_go(s, app, KIOSK_ENROL_EMAIL, cause);
			break;
		case CATALOG_ENROL_FIELD_NOTE:
			kiosk_enrol_go(s, app, KIOSK_ENROL_NOTE, cause);
			break;
		default:
			kiosk_enrol_set_status(d, cause, 1);
			kiosk_enrol_say_status(d, 1);
			break;
		}
		return;
	}
	if ((state = kiosk_staff_state(&app->staff, &cause)) == NULL ||
	    catalog_enrol_submit(state, app->db, &e, d->office->pk,
	    d->receipt, &cause) != 0) {
		kiosk_enrol_set_status(d, xasprintf(_("Not sent, nothing is "
		    "stored: %s"), cause), 1);
		free(cause);
		kiosk_enrol_say_status(d, 1);
		return;
	}
	/* Sent: nothing personal is needed any more (only which ways the
	 * course can reach the person, for the receipt). */
	d->by_phone = p->phone[0] != '\0';
	d->by_email = p->email[0] != '\0';
	sodium_memzero(d->secret, sizeof *d->secret);
	kiosk_stats_count(app, CATALOG_STATS_ENROLMENT, d->entry->title.value);
	kiosk_enrol_go(s, app, KIOSK_ENROL_RECEIPT, NULL);
}

/* Next on a field step. */
static void
kiosk_enrol_next(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_enrol *d = s->data;

	if (kiosk_enrol_check(d, 1) != 0) {
		kiosk_enrol_say_status(d, 1);
		return;
	}
	kiosk_enrol_go(s, app, d->step + 1, NULL);
}

/* A choice in the list of the step (the screen may be gone). */
static void
kiosk_enrol_choose(struct kiosk_screen *s, struct kiosk_app *app, size_t i)
{
	struct kiosk_screen_enrol *d = s->data;

	switch (d->step) {
	case KIOSK_ENROL_OFFERING:
		if (i < d->entry->nofferings) {
			d->offering = i;
			kiosk_enrol_go(s, app, KIOSK_ENROL_NAME, NULL);
		}
		break;
	case KIOSK_ENROL_NAME:
	case KIOSK_ENROL_PHONE:
	case KIOSK_ENROL_EMAIL:
	case KIOSK_ENROL_NOTE:
		kiosk_enrol_next(s, app);
		break;
	default:
		kiosk_app_back(app);
		break;
	}
}
static void kiosk_enrol_type(struct kiosk_screen *s, struct kiosk_app *app);

static int
kiosk_enrol_key_consent(struct kiosk_screen *s, struct kiosk_app *app,
    int is_key, wint_t ch)
{
	struct kiosk_screen_enrol	*d = s->data;
	size_t				 i;
	int				 enter;

	enter = (!is_key && (ch == '\r' || ch == '\n')) ||
	    (is_key && ch == KEY_ENTER);
	if ((!is_key && ch == '1') ||
	    (enter && kiosk_focus_on(&d->fc, d->w_yes))) {
		if (!d->consent_read) {
			kiosk_speech_say(app, _("First read every page "
			    "(Next >)."), KIOSK_SPEECH_NOW);
			return 1;
		}
		kiosk_enrol_submit(s, app);
		return 1;
	}
	if ((!is_key && ch == '2') ||
	    (enter && kiosk_focus_on(&d->fc, d->w_no))) {
		kiosk_app_back(app);
		return 1;
	}
	if (kiosk_list_key(&d->list, is_key, ch, &i) != KIOSK_LIST_UNHANDLED)
		return 1;
	/* Down or Tab with no focus: the first button. */
	if (d->fc.cur < 0 && ((is_key && ch == KEY_DOWN) ||
	    (!is_key && ch == '\t'))) {
		kiosk_focus_set(&d->fc, d->consent_read ? d->w_yes : d->w_no,
		    0);
		return 1;
	}
	return kiosk_focus_move(&d->fc, is_key, ch);
}

/* Focus in the field, said when it arrives there. */
static void
kiosk_enrol_to_field(struct kiosk_screen_enrol *d)
{
	if (kiosk_focus_typing(&d->fc))
		return;
	kiosk_focus_set(&d->fc, d->w_field, 0);
	kiosk_enrol_say_field(d);
}

static int
kiosk_enrol_key_field(struct kiosk_screen *s, struct kiosk_app *app,
    int is_key, wint_t ch)
{
	struct kiosk_screen_enrol	*d = s->data;
	int				 enter;

	enter = (!is_key && (ch == '\r' || ch == '\n')) ||
	    (is_key && ch == KEY_ENTER);
	if (enter && kiosk_focus_on(&d->fc, d->w_kbtn)) {
		kiosk_enrol_type(s, app);
		return 1;
	}
	if (enter) {
		kiosk_enrol_next(s, app);
		return 1;
	}
	/* Digits choose only when the focus is not in the field. */
	if (kiosk_focus_typing(&d->fc) ||
	    !(!is_key && ch >= '0' && ch <= '9')) {
		if (kiosk_field_key(&d->field, is_key, ch)) {
			kiosk_enrol_to_field(d);
			kiosk_enrol_check(d, 0);
			kiosk_enrol_say_status(d, 0);
			return 1;
		}
	}
	if (((is_key && ch == KEY_BACKSPACE) || (!is_key &&
	    (ch == 127 || ch == 8)))) {
		/* Empty field: one step back. */
		kiosk_enrol_go(s, app, d->step - 1, NULL);
		return 1;
	}
	if (kiosk_focus_on(&d->fc, d->w_list) &&
	    kiosk_screen_key_list(s, app, is_key, ch, kiosk_enrol_choose))
		return 1;
	if (!kiosk_focus_on(&d->fc, d->w_list) && !is_key && ch >= '0' &&
	    ch <= '9') {
		/* A digit chooses from the list. */
		kiosk_focus_set(&d->fc, d->w_list, 0);
		return kiosk_screen_key_list(s, app, is_key, ch,
		    kiosk_enrol_choose);
	}
	if (!kiosk_focus_move(&d->fc, is_key, ch))
		return 0;
	if (kiosk_focus_typing(&d->fc))
		kiosk_enrol_say_field(d);
	return 1;
}

static int
kiosk_enrol_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	struct kiosk_screen_enrol	*d = s->data;
	size_t				 i;

	if (d->step == KIOSK_ENROL_CONSENT)
		return kiosk_enrol_key_consent(s, app, is_key, ch);
	if (d->step == KIOSK_ENROL_RECEIPT) {
		if ((!is_key && (ch == '1' || ch == '\r' || ch == '\n')) ||
		    (is_key && ch == KEY_ENTER)) {
			kiosk_app_back(app);
			return 1;
		}
		if (kiosk_list_key(&d->list, is_key, ch, &i) !=
		    KIOSK_LIST_UNHANDLED)
			return 1;
		return 0;
	}
	if (kiosk_enrol_is_field(d))
		return kiosk_enrol_key_field(s, app, is_key, ch);
	switch (kiosk_list_key(&d->list, is_key, ch, &i)) {
	case KIOSK_LIST_CHOSEN:
		kiosk_enrol_choose(s, app, i);	/* (may go away) */
		return 1;
	case KIOSK_LIST_HANDLED:
		d->fc.cur = d->list.focus >= 0 ? d->w_list : -1;
		return 1;
	case KIOSK_LIST_UNHANDLED:
		break;
	}
	return 0;
}

static int
kiosk_enrol_hit(struct kiosk_screen *s, int y, int x)
{
	struct kiosk_screen_enrol *d = s->data;

	return kiosk_focus_hit(&d->fc, y, x);
}


/* The type screen's check: the step's own (the text is in our buffer). */
static char *
kiosk_enrol_type_check(void *ctx, const char *text, int *bad)
{
	struct kiosk_screen_enrol *d = ctx;

	(void)text;
	d->field.len = strlen(d->field.buf);
	kiosk_enrol_check(d, 0);
	*bad = d->status_bad;
	return d->status != NULL ? xstrdup(d->status) : NULL;
}

/* Back from the type screen: check, and focus on Next. */
static void
kiosk_enrol_type_done(void *ctx, struct kiosk_app *app)
{
	struct kiosk_screen_enrol *d = ctx;

	(void)app;
	d->field.len = strlen(d->field.buf);
	kiosk_enrol_check(d, 0);
	kiosk_enrol_say_status(d, 0);
	kiosk_focus_set(&d->fc, d->w_list, 1);
}

/* Open the on-screen keyboard for the field of this step. */
static void
kiosk_enrol_type(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_enrol	*d = s->data;
	struct kiosk_type_owner		 owner;
	struct kiosk_screen		*t;
	const char			*label, *lead;
	char				*buf;
	size_t				 cap;
	enum kiosk_keyboard_mode	 mode = KIOSK_KEYBOARD_TEXT;

	kiosk_enrol_field_of(d, &buf, &cap, &label, &lead);
	if (d->step == KIOSK_ENROL_PHONE)
		mode = KIOSK_KEYBOARD_PHONE;
	else if (d->step == KIOSK_ENROL_EMAIL)
		mode = KIOSK_KEYBOARD_EMAIL;
	owner.check = kiosk_enrol_type_check;
	owner.done = kiosk_enrol_type_done;
	owner.ctx = d;
	t = kiosk_screen_type_new(app, s->title, lead, buf, cap, label, mode,
	    KIOSK_SPEECH_PERSONAL, &owner);
	t->staff_only = 1;
	kiosk_app_push(app, t);
}

static void
kiosk_enrol_click(struct kiosk_screen *s, struct kiosk_app *app, int target)
{
	struct kiosk_screen_enrol	*d = s->data;
	int				 own, w;

	w = kiosk_focus_target(&d->fc, target, &own);
	if (w < 0)
		return;
	if (w == d->w_field || w == d->w_kbtn) {
		/* A touch on the field means typing: the keyboard opens. */
		kiosk_focus_set(&d->fc, d->w_field, 0);
		kiosk_enrol_type(s, app);
	} else if (w == d->w_yes && d->step == KIOSK_ENROL_RECEIPT)
		kiosk_app_back(app);
	else if (w == d->w_yes)
		kiosk_enrol_submit(s, app);
	else if (w == d->w_no)
		kiosk_app_back(app);
	else if (w == d->w_list) {
		kiosk_focus_set(&d->fc, d->w_list, 0);
		kiosk_screen_click_list(s, app, own, kiosk_enrol_choose);
	}
}

static void
kiosk_enrol_focus(struct kiosk_screen *s, int where)
{
	struct kiosk_screen_enrol *d = s->data;

	if (where == 0)
		kiosk_focus_set(&d->fc, -1, 0);
	else if (d->step == KIOSK_ENROL_CONSENT)
		/* From above Yes (once shown), from below No. */
		kiosk_focus_set(&d->fc, where == 1 && d->consent_read ?
		    d->w_yes : d->w_no, 0);
	else if (d->w_field >= 0 && where == 1) {
		kiosk_focus_set(&d->fc, -1, 0);
		kiosk_enrol_to_field(d);
	} else
		kiosk_focus_set(&d->fc, d->w_list, where);
}

static void
kiosk_enrol_free(struct kiosk_screen *s)
{
	struct kiosk_screen_enrol *d = s->data;

	kiosk_enrol_items_clear(d);
	kiosk_list_done(&d->list);
	kiosk_field_done(&d->field);
	kiosk_button_done(&d->yes);
	kiosk_button_done(&d->no);
	kiosk_button_done(&d->keyboard);
	free(d->status);
	free(d->said_error);
	catalog_entry_free(d->entry);
	catalog_keys_free(d->office);
	if (d->secret != NULL)
		sodium_free(d->secret);	/* wipes it */
	explicit_bzero(d->receipt, sizeof d->receipt);
	free(d);
	kiosk_screen_free(s);
}

/* The language changed: the step anew in it; what was typed stays (it
 * is in d->secret), the consent text must be paged through again. */
static void
kiosk_enrol_relang(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_enrol *d = s->data;

	(void)app;
	kiosk_screen_set_title(s, _("Enrol someone"), NULL);
	kiosk_button_set(&d->keyboard, _("Keyboard"));
	kiosk_enrol_build(d);
}

static const struct kiosk_screen_ops kiosk_screen_enrol_ops = {
	.layout = kiosk_enrol_layout,
	.draw = kiosk_enrol_draw,
	.key = kiosk_enrol_key,
	.hit = kiosk_enrol_hit,
	.click = kiosk_enrol_click,
	.focus = kiosk_enrol_focus,
	.free = kiosk_enrol_free,
	.speak = kiosk_enrol_speak,
	.relang = kiosk_enrol_relang,
};

struct kiosk_screen *
kiosk_screen_enrol_new(struct kiosk_app *app, int64_t entry_id)
{
	struct kiosk_screen_enrol	*d = xcalloc(1, sizeof *d);
	const char			*path;
	char				*cause = NULL;

	d->app = app;
	kiosk_button_init(&d->yes, '1');
	kiosk_button_init(&d->no, '2');
	kiosk_button_init(&d->keyboard, '\0');
	kiosk_button_set(&d->keyboard, _("Keyboard"));
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_enrol_fetch, d);
	d->screen = kiosk_screen_new(&kiosk_screen_enrol_ops,
	    _("Enrol someone"), d);
	d->screen->staff_only = 1;
	path = app->staff.office_key != NULL ? app->staff.office_key :
	    catalog_enrol_office_key_path();
	d->entry = catalog_entry_get(app->db, entry_id, app->lang, &cause);
	if (d->entry == NULL) {
		kiosk_enrol_set_status(d, xstrdup(_("This offer is no longer "
		    "in the catalogue. Nothing has been stored.")), 1);
		free(cause);
		d->step = KIOSK_ENROL_STOPPED;
	} else if ((d->office = catalog_keys_read_public(path,
	    CATALOG_KEYS_OFFICE, &cause)) == NULL) {
		kiosk_enrol_set_status(d, xasprintf(_("Enrolling is not set "
		    "up on this kiosk: the office key is missing or bad (%s). "
		    "Nothing has been stored."), cause), 1);
		free(cause);
		d->step = KIOSK_ENROL_STOPPED;
	} else if (d->entry->nofferings == 0) {
		kiosk_enrol_set_status(d, xstrdup(_("This offer has no date "
		    "to enrol in. Ask the provider. Nothing has been "
		    "stored.")), 1);
		d->step = KIOSK_ENROL_STOPPED;
	} else {
		if ((d->secret = sodium_malloc(sizeof *d->secret)) == NULL) {
			fprintf(stderr, "leerpunt: out of memory\n");
			abort();
		}
		sodium_memzero(d->secret, sizeof *d->secret);
		d->step = KIOSK_ENROL_OFFERING;
	}
	kiosk_enrol_build(d);
	return d->screen;
}
