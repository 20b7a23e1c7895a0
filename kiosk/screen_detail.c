/*
 * screen_detail: one entry, main points first (what, where, when, cost,
 * language of the lessons, level, what you get, how to join), then the
 * longer texts, other start dates and contact. Content is a list of
 * paragraphs; on layout they are wrapped to the width and handed to a
 * LINES list for paging. The place is kept as the paragraph at the top of
 * the page, so a resize or a catalogue update keeps the person there.
 * Text in another language than the screen gets a line "[in Dutch]".
 * Catalogue text keeps its own direction (bidi.h): a text on its own
 * (summary, description) is a paragraph of the direction of its first
 * strong letter, aligned to its start; in "Label: value" the value is an
 * isolate in the line of the screen's direction; links, e-mail addresses
 * and phone numbers are always left to right.
 * The link (or contact) goes along as a QR code (qr.c) and, with
 * --printer, on a printed slip (slip.c): choice 1.
 * In staff mode a button at the bottom, "1 Enrol someone", opens the
 * enrolment (screen_enrol.c).
 * "Keep this" (the number after Print and Enrol) puts the entry on the
 * person's shortlist (shortlist.h, screen_shortlist.c) or takes it off.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "catalog/entry.h"
#include "catalog/lang.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/bidi.h"
#include "kiosk/button.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"
#include "kiosk/layout.h"
#include "kiosk/qr.h"
#include "kiosk/screen.h"
#include "kiosk/shortlist.h"
#include "kiosk/slip.h"
#include "kiosk/speech.h"
#include "kiosk/stats.h"
#include "kiosk/widget_list.h"

#define KIOSK_DETAIL_MAX_W KIOSK_LAYOUT_TEXT_COLS	/* layout.h */
#define KIOSK_DETAIL_PRINT 200	/* click target of Print */
#define KIOSK_DETAIL_ENROL 300	/* click target of the staff button */
#define KIOSK_DETAIL_KEEP 400	/* click target of Keep this */
/* Rows Keep this leaves for the text, its pager and the QR note. */
#define KIOSK_DETAIL_KEEP_MIN_H 7

struct kiosk_detail_para {
	char			*text;		/* sanitised, may hold "\n" */
	enum kiosk_ui_role	 role;
	enum kiosk_bidi_dir	 dir;
	char			*mark;		/* language name or NULL */
	char			 lang[16];	/* catalogue text: its language,
						 * for Read aloud; or "" */
	int			 lang_inner;	/* lang is the isolated value's */
};

struct kiosk_screen_detail {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_app	*app;
	struct kiosk_screen	*screen;
	int64_t			 id;
	struct kiosk_detail_para *paras;
	size_t			 np, ap;
	struct kiosk_list_item	*lines;
	size_t			*line_para;
	size_t			 nlines;
	struct kiosk_qr_panel	 qr;
	char			*slip;		/* printable text or NULL */
	int			 print_y, print_h, print_w;
	struct kiosk_button	 enrol;		/* staff mode only */
	int			 staff;
	char			*key;		/* the entry's key, or NULL */
	struct kiosk_button	 keep;		/* Keep this, when key */
};

static void
kiosk_detail_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_detail *d = ctx;

	kiosk_list_show(l, d->lines, d->nlines);
}

/* Add a paragraph of direction dir; text (a new string, interface text
 * and catalogue text sanitised by kiosk_detail_piece()) and mark are
 * taken. */
static void
kiosk_detail_add_dir(struct kiosk_screen_detail *d, char *text,
    enum kiosk_ui_role role, char *mark, enum kiosk_bidi_dir dir)
{
	struct kiosk_detail_para *p;

	if (d->np == d->ap) {
		d->ap = d->ap ? d->ap * 2 : 32;
		d->paras = xreallocarray(d->paras, d->ap, sizeof *d->paras);
	}
	p = &d->paras[d->np++];
	p->text = text;
	p->role = role;
	p->dir = dir;
	p->mark = mark;
	p->lang[0] = '\0';
	p->lang_inner = 0;
}

/* Add a paragraph in the screen's direction. */
static void
kiosk_detail_add(struct kiosk_screen_detail *d, char *text,
    enum kiosk_ui_role role, char *mark)
{
	kiosk_detail_add_dir(d, text, role, mark, KIOSK_BIDI_SCREEN);
}

/* A new string: catalogue text s sanitised, as an isolate of direction
 * dir (SCREEN: its own) for a line of the interface; NULL for none. */
static char *
kiosk_detail_piece(const char *s, enum kiosk_bidi_dir dir)
{
	char *safe, *out;

	if (s == NULL)
		return NULL;
	safe = kiosk_width_sanitize(s, KIOSK_WIDTH_KEEP_NL);
	out = kiosk_bidi_isolate(safe, dir);
	free(safe);
	return out;
}

/* Read aloud: the paragraph (or, inner, its isolated value) is in the
 * language tag (its primary language names the voice; "" if none). */
static void
kiosk_detail_para_lang(struct kiosk_detail_para *p, const char *tag,
    int inner)
{
	if (catalog_lang_primary(tag, p->lang, sizeof p->lang) != 0)
		p->lang[0] = '\0';
	p->lang_inner = inner;
}

/* "Label: value" (label may be NULL: a paragraph of the text's own
 * direction) for a catalogue text, marked when in another language. */
static void
kiosk_detail_text(struct kiosk_screen_detail *d, const char *label,
    const struct catalog_text *t)
{
	char *v;

	if (t->value == NULL || *t->value == '\0')
		return;
	if (label == NULL) {
		v = kiosk_width_sanitize(t->value, KIOSK_WIDTH_KEEP_NL);
		kiosk_detail_add_dir(d, v, KIOSK_ROLE_TEXT,
		    kiosk_format_mark(d->app->fmt, t),
		    kiosk_bidi_dir(v, strlen(v)));
		/* Read aloud says the paragraph in its own language. */
		kiosk_detail_para_lang(&d->paras[d->np - 1], t->lang, 0);
		return;
	}
	v = kiosk_detail_piece(t->value, KIOSK_BIDI_SCREEN);
	kiosk_detail_add(d, xasprintf(_("%s: %s"), label, v),
	    KIOSK_ROLE_TEXT, kiosk_format_mark(d->app->fmt, t));
	free(v);
	/* Read aloud says the value (the isolate) in its own language. */
	kiosk_detail_para_lang(&d->paras[d->np - 1], t->lang, 1);
}

/* part (taken, or NULL) with its numbers glued to their words. */
static char *
kiosk_detail_glued(char *part)
{
	char *g;

	if (part == NULL)
		return NULL;
	g = kiosk_format_glue(part);
	free(part);
	return g;
}

/* Start, length and hours of an offering, in words. */
static char *
kiosk_detail_when(struct kiosk_screen_detail *d,
    const struct catalog_offering *o)
{
	char	*s = NULL, *date;

	/* The line wraps: each number stays with its words (glued). */
	if ((date = kiosk_format_date(d->app->fmt, o->start)) != NULL) {
		kiosk_format_join(&s, kiosk_detail_glued(xasprintf(
		    _("starts %s"), date)));
		free(date);
	}
	kiosk_format_join(&s, kiosk_detail_glued(kiosk_format_duration(
	    o->duration)));
	if (o->hours_per_week > 0)
		kiosk_format_join(&s, kiosk_detail_glued(xasprintf(ngettext(
		    "%d hour a week", "%d hours a week", o->hours_per_week),
		    o->hours_per_week)));
	return s;
}

/* Where an offering (or the entry) takes place. */
static char *
kiosk_detail_where(struct kiosk_screen_detail *d,
    const struct catalog_entry *e, const struct catalog_offering *o)
{
	const char	*mode;
	char		*s = NULL;

	(void)d;
	if (e->city != NULL)
		kiosk_format_join(&s, kiosk_detail_piece(e->city,
		    KIOSK_BIDI_SCREEN));
	if (o != NULL && o->place != NULL)
		kiosk_format_join(&s, kiosk_detail_piece(o->place,
		    KIOSK_BIDI_SCREEN));
	if (o != NULL && (mode = kiosk_format_mode(o->mode)) != NULL)
		kiosk_format_join(&s, xstrdup(mode));
	return s;
}

/* Add "Label: value" when value (taken; interface text and pieces from
 * kiosk_detail_piece()) is set. */
static void
kiosk_detail_point(struct kiosk_screen_detail *d, const char *label,
    char *value)
{
	char *slip, *plain;

	if (value == NULL)
		return;
	kiosk_detail_add(d, xasprintf(_("%s: %s"), label, value),
	    KIOSK_ROLE_TEXT, NULL);
	plain = kiosk_bidi_strip(value, strlen(value));
	slip = xasprintf("%s%s: %s\n", d->slip != NULL ? d->slip : "", label,
	    plain);
	free(d->slip);
	d->slip = slip;
	free(plain);
	free(value);
}

static void
kiosk_detail_build(struct kiosk_screen_detail *d, struct catalog_entry *e)
{
	const struct catalog_offering	*o;
	char				*s, *name;
	size_t				 i;

	o = e->nofferings > 0 ? &e->offerings[0] : NULL;
	kiosk_detail_point(d, _("What"),
	    xstrdup(kiosk_format_kind(e->kind)));
	kiosk_detail_point(d, _("Where"), kiosk_detail_where(d, e, o));
	s = o != NULL ? kiosk_detail_when(d, o) : NULL;
	kiosk_detail_point(d, _("When"), s != NULL ? s :
	    xstrdup(_("no fixed start date")));
	if (o != NULL)
		kiosk_detail_point(d, _("Cost"),
		    kiosk_format_cost(d->app->fmt, o->cost_cents));
	kiosk_detail_text(d, _("Help with the cost"), &e->cost_note);
	if (o != NULL && o->lang[0] != '\0' &&
	    (name = kiosk_format_lang_name(d->app->fmt, o->lang)) != NULL)
		kiosk_detail_point(d, _("Language of the lessons"), name);
	kiosk_detail_point(d, _("Level"), kiosk_format_level(e->level));
	kiosk_detail_text(d, _("What you get"), &e->outcome);
	kiosk_detail_text(d, _("How to join"), &e->join);
	if (e->summary.value != NULL || e->description.value != NULL) {
		kiosk_detail_add(d, xstrdup(""), KIOSK_ROLE_TEXT, NULL);
		kiosk_detail_add(d, xstrdup(_("About this offer")),
		    KIOSK_ROLE_HEADING, NULL);
		kiosk_detail_text(d, NULL, &e->summary);
		kiosk_detail_text(d, NULL, &e->description);
	}
	if (e->nofferings > 1) {
		kiosk_detail_add(d, xstrdup(""), KIOSK_ROLE_TEXT, NULL);
		kiosk_detail_add(d, xstrdup(_("Other start dates")),
		    KIOSK_ROLE_HEADING, NULL);
		for (i = 1; i < e->nofferings; i++) {
			o = &e->offerings[i];
			s = kiosk_detail_when(d, o);
			kiosk_format_join(&s, kiosk_detail_where(d, e, o));
			kiosk_format_join(&s, kiosk_format_cost(d->app->fmt,
			    o->cost_cents));
			if (s != NULL)
				kiosk_detail_add(d, s, KIOSK_ROLE_TEXT, NULL);
		}
	}
	kiosk_detail_add(d, xstrdup(""), KIOSK_ROLE_TEXT, NULL);
	kiosk_detail_add(d, xstrdup(_("Contact")), KIOSK_ROLE_HEADING, NULL);
	if (e->provider != NULL)
		kiosk_detail_point(d, _("Given by"),
		    kiosk_detail_piece(e->provider, KIOSK_BIDI_SCREEN));
	/* Phone numbers, e-mail addresses and links read left to right. */
	if (e->contact != NULL)
		kiosk_detail_point(d, _("Phone or e-mail"),
		    kiosk_detail_piece(e->contact, KIOSK_BIDI_LTR));
	if (e->link != NULL)
		kiosk_detail_point(d, _("Website"),
		    kiosk_detail_piece(e->link, KIOSK_BIDI_LTR));
	kiosk_qr_panel_init(&d->qr, e->link != NULL ? e->link : e->contact);
}

static void
kiosk_detail_clear_lines(struct kiosk_screen_detail *d)
{
	kiosk_list_items_free(d->lines, d->nlines);
	free(d->line_para);
	d->lines = NULL;
	d->line_para = NULL;
	d->nlines = 0;
}

static void
kiosk_detail_clear(struct kiosk_screen_detail *d)
{
	size_t i;

	for (i = 0; i < d->np; i++) {
		free(d->paras[i].text);
		free(d->paras[i].mark);
	}
	free(d->paras);
	d->paras = NULL;
	d->np = d->ap = 0;
	kiosk_detail_clear_lines(d);
	kiosk_qr_panel_done(&d->qr);
	free(d->slip);
	d->slip = NULL;
	free(d->key);
	d->key = NULL;
}

/* Read the entry again and rebuild the paragraphs and the title. */
static void
kiosk_detail_read(struct kiosk_screen_detail *d)
{
	struct catalog_entry	*e;
	char			*cause = NULL, *mark;

	kiosk_detail_clear(d);
	e = catalog_entry_get(d->app->db, d->id, d->app->lang, &cause);
	if (e == NULL) {
		free(cause);
		kiosk_detail_add(d, xstrdup(_("This offer is no longer in the "
		    "catalogue. Go back to see the list.")), KIOSK_ROLE_TEXT,
		    NULL);
		return;
	}
	mark = kiosk_format_mark(d->app->fmt, &e->title);
	kiosk_screen_set_title(d->screen, e->title.value, mark);
	kiosk_screen_set_title_said(d->screen, kiosk_speech_in(e->title.lang,
	    d->screen->title));
	d->screen->title_dir = kiosk_bidi_dir(d->screen->title,
	    strlen(d->screen->title));
	free(mark);
	d->slip = xasprintf("Leerpunt\n\n%s\n\n", d->screen->title);
	d->key = xstrdup(e->key != NULL ? e->key : "");
	kiosk_detail_build(d, e);
	catalog_entry_free(e);
}

/* Wrap every paragraph to w columns into list lines. */
static void
kiosk_detail_wrap(struct kiosk_screen_detail *d, int w)
{
	struct kiosk_width_line	*wl = NULL;
	struct kiosk_detail_para *p;
	size_t			 i, j, nw, alloc = 0;

	kiosk_detail_clear_lines(d);
	for (i = 0; i < d->np; i++) {
		p = &d->paras[i];
		nw = kiosk_width_wrap(p->text, w, &wl);
		if (d->nlines + nw + 1 > alloc) {
			alloc = (d->nlines + nw + 1) * 2;
			d->lines = xreallocarray(d->lines, alloc,
			    sizeof *d->lines);
			d->line_para = xreallocarray(d->line_para, alloc,
			    sizeof *d->line_para);
		}
		if (p->mark != NULL) {
			memset(&d->lines[d->nlines], 0, sizeof *d->lines);
			d->lines[d->nlines].label = xstrdup("");
			d->lines[d->nlines].mark = xasprintf(_("in %s"),
			    p->mark);
			d->lines[d->nlines].role = KIOSK_ROLE_TEXT;
			d->line_para[d->nlines++] = i;
		}
		for (j = 0; j < nw; j++) {
			memset(&d->lines[d->nlines], 0, sizeof *d->lines);
			d->lines[d->nlines].label = kiosk_bidi_line(p->text,
			    wl[j].off, wl[j].len);
			d->lines[d->nlines].role = p->role;
			d->lines[d->nlines].dir = p->dir;
			memcpy(d->lines[d->nlines].lang, p->lang,
			    sizeof d->lines[d->nlines].lang);
			d->lines[d->nlines].lang_inner = p->lang_inner;
			d->lines[d->nlines].cont = j > 0;
			d->line_para[d->nlines++] = i;
		}
		free(wl);
		wl = NULL;
	}
}

static void
kiosk_detail_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_detail	*d = s->data;
	size_t				 para = 0, i;
	int				 w = s->w, h = s->h;

	if (d->list.anchor < d->nlines)
		para = d->line_para[d->list.anchor];
	/* Print (choice 1) at the bottom, when a printer is set. */
	d->print_h = 0;
	if (app->printer != NULL && d->slip != NULL && h >= 8) {
		d->print_h = h >= KIOSK_LAYOUT_FOOT_ROWS && !app->desk ? 3 : 1;
		d->print_y = s->y + h - d->print_h;
		h -= d->print_h + 1;
	}
	/* Keep this (or take it off the list): beside Print where both
	 * fit on one row, else above it. */
	d->print_w = s->w;
	d->keep.key = 0;
	if (d->key != NULL) {
		int		 bh = h >= 24 && !app->desk ? 3 : 1, kw;
		const char	*pl;

		/* After Print and, in staff mode, Enrol someone: their
		 * numbers stay as they were. */
		d->keep.key = (d->print_h > 0 ? '2' : '1') +
		    (app->staff.active ? 1 : 0);
		kiosk_button_set(&d->keep, kiosk_shortlist_has(&app->shortlist,
		    d->id) ? _("Take this off my list") : _("Keep this"));
		/* Beside Print: Keep gets what its label needs (a wide
		 * screen: half), Print the rest if its label fits. */
		kw = kiosk_width_cols(d->keep.label, strlen(d->keep.label)) +
		    6;
		if (s->w >= 60 && kw < s->w / 2)
			kw = s->w / 2;
		pl = _("1  Print this on paper");
		if (d->print_h > 0 && s->w - kw - 1 >= kiosk_width_cols(pl,
		    strlen(pl)) + 3) {
			d->print_w = s->w - kw - 1;
			kiosk_button_place(&d->keep, d->print_y, s->x +
			    d->print_w + 1, d->print_h, s->w - d->print_w - 1);
		} else if (h - bh - 1 >= KIOSK_DETAIL_KEEP_MIN_H) {
			/* Above Print; on a small screen (40x12) at the cost
			 * of text rows, which page on, never of the QR
			 * code's note. */
			kiosk_button_place(&d->keep, s->y + h - bh, s->x, bh,
			    s->w);
			h -= bh + 1;
		} else
			d->keep.key = 0;	/* no room at all */
	}
	/* In staff mode, "Enrol someone" above that (choice 2 after Print). */
	d->staff = app->staff.active;
	if (d->staff) {
		int bh = kiosk_layout_button_h(s->h, app->desk);

		d->enrol.key = d->print_h > 0 ? '2' : '1';
		kiosk_button_set(&d->enrol, _("Enrol someone in this offer"));
		kiosk_button_place(&d->enrol, s->y + h - bh, s->x, bh, s->w);
		h -= bh + 1;
	}
	kiosk_qr_panel_layout(&d->qr, s->y, s->x, h, s->w, &w, &h);
	if (w > KIOSK_DETAIL_MAX_W)
		w = KIOSK_DETAIL_MAX_W;
	kiosk_detail_wrap(d, w);
	d->list.anchor = 0;
	for (i = 0; i < d->nlines; i++) {
		if (d->line_para[i] >= para) {
			d->list.anchor = i;
			break;
		}
	}
	kiosk_list_layout(&d->list, s->y, s->x, h, w, app->desk);
}

/* Keep this: on the shortlist, or off it again; said at once. */
static void
kiosk_detail_keep(struct kiosk_screen_detail *d, struct kiosk_app *app)
{
	char *said;

	if (d->keep.key == 0)
		return;
	if (kiosk_shortlist_remove(&app->shortlist, d->id) == 0) {
		kiosk_speech_receipt(app, _("Taken off your list."));
		kiosk_app_relayout(app);
		return;
	}
	if (kiosk_shortlist_add(&app->shortlist, d->id, d->key) < 0) {
		said = xasprintf(ngettext("Your list is full: it holds %d "
		    "offer. Open \"My list\" at the bottom and take one off "
		    "first.", "Your list is full: it holds %d offers. Open "
		    "\"My list\" at the bottom and take one off first.",
		    KIOSK_SHORTLIST_MAX), KIOSK_SHORTLIST_MAX);
		kiosk_app_push(app, kiosk_screen_notice_new(app, _("My list"),
		    said));
		kiosk_speech_receipt(app, said);
		free(said);
		return;
	}
	said = xasprintf(ngettext("Kept. Your list has %d offer.",
	    "Kept. Your list has %d offers.", (int)app->shortlist.n),
	    (int)app->shortlist.n);
	kiosk_speech_receipt(app, said);
	free(said);
	kiosk_app_relayout(app);
}

/* Choice 1: print the slip, then say how it went. */
static void
kiosk_detail_print(struct kiosk_screen_detail *d, struct kiosk_app *app)
{
	char *cause = NULL;

	if (d->print_h == 0)
		return;
	if (kiosk_slip_print(app->printer, d->slip, &cause) != 0) {
		free(cause);
		kiosk_app_push(app, kiosk_screen_notice_new(app, _("Print"),
		    _("Printing did not work. Please ask a staff member.")));
		kiosk_speech_receipt(app, _("Printing did not work."));
		return;
	}
	kiosk_stats_count(app, CATALOG_STATS_SLIP, NULL);
	kiosk_app_push(app, kiosk_screen_notice_new(app, _("Print"),
	    _("The paper is printing. Take it from the printer.")));
	kiosk_speech_receipt(app, _("The paper is printing."));
}

static char *
kiosk_detail_speak(struct kiosk_screen *s, struct kiosk_app *app,
    int focus_only)
{
	struct kiosk_screen_detail	*d = s->data;
	char				*t, *n, *k;

	(void)app;
	t = kiosk_speech_list_text(&d->list, focus_only);
	if (focus_only)
		return t;
	if (d->print_h > 0) {
		n = xasprintf("%s %s", t != NULL ? t : "", _("Number 1: print "
		    "this on paper."));
		free(t);
		t = n;
	}
	if (d->keep.key != 0) {
		k = xasprintf(_("Number %c: %s."), d->keep.key,
		    d->keep.label);
		n = xasprintf("%s %s", t != NULL ? t : "", k);
		free(k);
		free(t);
		t = n;
	}
	return t;
}

static void
kiosk_detail_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_detail *d = s->data;

	int				 attr;

	kiosk_screen_draw_list(s, app);
	kiosk_qr_panel_draw(&d->qr);
	if (d->print_h > 0) {
		attr = kiosk_ui_attr(KIOSK_ROLE_CHOICE) | A_BOLD;
		kiosk_ui_fill(d->print_y, s->x, d->print_h, d->print_w,
		    KIOSK_ROLE_CHOICE);
		kiosk_ui_str(d->print_y + d->print_h / 2, s->x + 2,
		    d->print_w - 3,
		    _("1  Print this on paper"), attr);
	}
	if (d->staff)
		kiosk_button_draw(&d->enrol, 0, &s->cy, &s->cx);
	if (d->keep.key != 0)
		kiosk_button_draw(&d->keep, 0, &s->cy, &s->cx);
}

static void
kiosk_detail_reload(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_detail	*d = s->data;
	size_t				 para = 0;

	if (d->list.anchor < d->nlines)
		para = d->line_para[d->list.anchor];
	kiosk_detail_read(d);
	/* Keep the paragraph: point the anchor at a line of it. */
	kiosk_detail_wrap(d, d->list.w);
	d->list.anchor = 0;
	while (d->list.anchor < d->nlines &&
	    d->line_para[d->list.anchor] < para)
		d->list.anchor++;
	kiosk_detail_layout(s, app);
}

static int
kiosk_detail_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	struct kiosk_screen_detail	*d = s->data;
	size_t				 i;

	if (!is_key && ch == '1' && d->print_h > 0) {
		kiosk_detail_print(d, app);
		return 1;
	}
	if (d->keep.key != 0 && !is_key && ch == (wint_t)d->keep.key) {
		kiosk_detail_keep(d, app);
		return 1;
	}
	if (d->staff && !is_key && ch == (wint_t)d->enrol.key) {
		kiosk_app_push(app, kiosk_screen_enrol_new(app, d->id));
		return 1;
	}
	return kiosk_list_key(&d->list, is_key, ch, &i) !=
	    KIOSK_LIST_UNHANDLED;
}

static int
kiosk_detail_hit(struct kiosk_screen *s, int y, int x)
{
	struct kiosk_screen_detail *d = s->data;

	if (d->print_h > 0 && y >= d->print_y && y < d->print_y +
	    d->print_h && x >= s->x && x < s->x + d->print_w)
		return KIOSK_DETAIL_PRINT;
	if (d->staff && kiosk_button_hit(&d->enrol, y, x))
		return KIOSK_DETAIL_ENROL;
	if (d->keep.key != 0 && kiosk_button_hit(&d->keep, y, x))
		return KIOSK_DETAIL_KEEP;
	return kiosk_list_hit(&d->list, y, x);
}

static void
kiosk_detail_click(struct kiosk_screen *s, struct kiosk_app *app,
    int target)
{
	struct kiosk_screen_detail	*d = s->data;
	size_t				 i;

	if (target == KIOSK_DETAIL_PRINT) {
		kiosk_detail_print(d, app);
		return;
	}
	if (target == KIOSK_DETAIL_KEEP) {
		kiosk_detail_keep(d, app);
		return;
	}
	if (target == KIOSK_DETAIL_ENROL) {
		kiosk_app_push(app, kiosk_screen_enrol_new(app, d->id));
		return;
	}
	kiosk_list_click(&d->list, target, &i);
}

static void
kiosk_detail_free(struct kiosk_screen *s)
{
	struct kiosk_screen_detail *d = s->data;

	kiosk_list_done(&d->list);
	kiosk_button_done(&d->enrol);
	kiosk_button_done(&d->keep);
	kiosk_detail_clear(d);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_detail_ops = {
	.layout = kiosk_detail_layout,
	.draw = kiosk_detail_draw,
	.key = kiosk_detail_key,
	.hit = kiosk_detail_hit,
	.click = kiosk_detail_click,
	.focus = kiosk_screen_focus_list,
	.reload = kiosk_detail_reload,
	.free = kiosk_detail_free,
	.speak = kiosk_detail_speak,
};

struct kiosk_screen *
kiosk_screen_detail_new(struct kiosk_app *app, int64_t id)
{
	struct kiosk_screen_detail *d = xcalloc(1, sizeof *d);

	d->app = app;
	d->id = id;
	kiosk_button_init(&d->enrol, '1');
	kiosk_button_init(&d->keep, 0);
	kiosk_list_init(&d->list, KIOSK_LIST_LINES, kiosk_detail_fetch, d);
	d->screen = kiosk_screen_new(&kiosk_screen_detail_ops, "", d);
	kiosk_detail_read(d);
	kiosk_stats_count(app, CATALOG_STATS_ENTRY, NULL);
	if (d->qr.qr != NULL)
		kiosk_stats_count(app, CATALOG_STATS_QR, NULL);
	return d->screen;
}
