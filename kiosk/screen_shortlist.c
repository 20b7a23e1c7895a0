/*
 * screen_shortlist: "My list", the entries the person kept (shortlist.h),
 * reached from the bar item "My list (N)". One numbered choice per entry
 * opens it; before them "Print all on paper" (with --printer: one slip
 * with every entry) and "Take one off my list", which turns the entries
 * into "Take off: TITLE" choices until one is chosen. One QR code (qr.c)
 * holds the site's link for all of them (shortlist_url, "{ids}" the
 * entries' keys); without shortlist_url there is no code. The screen is
 * a list screen, so Read aloud reads it like any other list.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/entry.h"
#include "catalog/lang.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/bidi.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"
#include "kiosk/qr.h"
#include "kiosk/screen.h"
#include "kiosk/shortlist.h"
#include "kiosk/slip.h"
#include "kiosk/speech.h"
#include "kiosk/widget_list.h"

enum kiosk_sl_kind {
	KIOSK_SL_PRINT,
	KIOSK_SL_REMOVE,
	KIOSK_SL_ENTRY
};

struct kiosk_screen_shortlist {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_app	*app;
	struct kiosk_list_item	*items;
	enum kiosk_sl_kind	*kind;
	int64_t			*id;		/* KIOSK_SL_ENTRY: the entry */
	size_t			 n;
	int			 removing;	/* entries are "Take off" */
	char			*slip;		/* all entries, or NULL */
	struct kiosk_qr_panel	 qr;
};

static void
kiosk_sl_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_shortlist *d = ctx;

	kiosk_list_show(l, d->items, d->n);
}

static void
kiosk_sl_clear(struct kiosk_screen_shortlist *d)
{
	kiosk_list_items_free(d->items, d->n);
	free(d->kind);
	free(d->id);
	d->items = NULL;
	d->kind = NULL;
	d->id = NULL;
	d->n = 0;
	free(d->slip);
	d->slip = NULL;
	kiosk_qr_panel_done(&d->qr);
}

/* Add a choice; label is taken. */
static struct kiosk_list_item *
kiosk_sl_add(struct kiosk_screen_shortlist *d, enum kiosk_sl_kind kind,
    int64_t id, char *label)
{
	struct kiosk_list_item *it;

	d->items = xreallocarray(d->items, d->n + 1, sizeof *d->items);
	d->kind = xreallocarray(d->kind, d->n + 1, sizeof *d->kind);
	d->id = xreallocarray(d->id, d->n + 1, sizeof *d->id);
	it = &d->items[d->n];
	memset(it, 0, sizeof *it);
	it->label = label;
	it->dir = KIOSK_BIDI_SCREEN;
	d->kind[d->n] = kind;
	d->id[d->n] = id;
	d->n++;
	return it;
}

/* Append "Label: value" to the slip (value plain catalogue text). */
static void
kiosk_sl_slip_line(char **slip, const char *label, const char *value)
{
	char *safe, *n;

	if (value == NULL || *value == '\0')
		return;
	safe = kiosk_width_sanitize(value, 0);
	n = xasprintf("%s%s: %s\n", *slip, label, safe);
	free(safe);
	free(*slip);
	*slip = n;
}

/* One entry: its choice and its part of the slip. */
static void
kiosk_sl_entry(struct kiosk_screen_shortlist *d, int64_t id)
{
	struct kiosk_app	*app = d->app;
	struct kiosk_list_item	*it;
	struct catalog_entry	*e;
	char			*cause = NULL, *title, *label, *date, *n;

	e = catalog_entry_get(app->db, id, app->lang, &cause);
	if (e == NULL) {
		free(cause);
		label = xstrdup(_("This offer is no longer in the "
		    "catalogue."));
		if (d->removing) {
			title = label;
			label = xasprintf(_("Take off: %s"), title);
			free(title);
		}
		kiosk_sl_add(d, KIOSK_SL_ENTRY, id, label);
		return;
	}
	title = kiosk_width_sanitize(e->title.value != NULL ?
	    e->title.value : "", 0);
	if (d->removing) {
		n = kiosk_bidi_isolate(title, KIOSK_BIDI_SCREEN);
		label = xasprintf(_("Take off: %s"), n);
		free(n);
		it = kiosk_sl_add(d, KIOSK_SL_ENTRY, id, label);
		it->lang_inner = 1;
	} else {
		it = kiosk_sl_add(d, KIOSK_SL_ENTRY, id, xstrdup(title));
		it->dir = kiosk_bidi_dir(title, strlen(title));
	}
	if (catalog_lang_primary(e->title.lang, it->lang,
	    sizeof it->lang) != 0)
		it->lang[0] = '\0';
	if (e->city != NULL)
		it->detail = kiosk_width_sanitize(e->city, 0);
	/* The slip: title, where, when, contact, link. */
	n = xasprintf("%s%s\n", d->slip, title);
	free(d->slip);
	d->slip = n;
	kiosk_sl_slip_line(&d->slip, _("Where"), e->city);
	if (e->nofferings > 0 && (date = kiosk_format_date(app->fmt,
	    e->offerings[0].start)) != NULL) {
		n = xasprintf(_("starts %s"), date);
		kiosk_sl_slip_line(&d->slip, _("When"), n);
		free(n);
		free(date);
	}
	kiosk_sl_slip_line(&d->slip, _("Phone or e-mail"), e->contact);
	kiosk_sl_slip_line(&d->slip, _("Website"), e->link);
	n = xasprintf("%s\n", d->slip);
	free(d->slip);
	d->slip = n;
	free(title);
	catalog_entry_free(e);
}

/* Make the choices, the lead, the slip and the QR code again. */
static void
kiosk_sl_build(struct kiosk_screen_shortlist *d)
{
	struct kiosk_app	*app = d->app;
	char			*link, *lead, *n;
	size_t			 i;

	kiosk_sl_clear(d);
	if (app->shortlist.n == 0) {
		d->removing = 0;
		kiosk_list_set_lead(&d->list, _("Your list is empty. Choose "
		    "\"Keep this\" on an offer to keep it here."),
		    KIOSK_ROLE_TEXT);
		kiosk_qr_panel_init(&d->qr, NULL);
		return;
	}
	link = kiosk_shortlist_link(&app->shortlist, app->shortlist_url);
	lead = xasprintf(ngettext("You kept %d offer (at most %d).",
	    "You kept %d offers (at most %d).", (int)app->shortlist.n),
	    (int)app->shortlist.n, KIOSK_SHORTLIST_MAX);
	if (link != NULL) {
		n = xasprintf("%s %s", lead, _("Scan the QR code with your "
		    "phone to take all of them with you."));
		free(lead);
		lead = n;
	}
	if (d->removing) {
		n = xasprintf("%s %s", lead, _("Which one do you want to take "
		    "off your list?"));
		free(lead);
		lead = n;
	}
	kiosk_list_set_lead(&d->list, lead, KIOSK_ROLE_TEXT);
	free(lead);
	d->slip = xasprintf("Leerpunt\n\n%s\n\n", _("My list"));
	if (app->printer != NULL && !d->removing)
		kiosk_sl_add(d, KIOSK_SL_PRINT, 0,
		    xstrdup(_("Print all of them on paper")));
	kiosk_sl_add(d, KIOSK_SL_REMOVE, 0, xstrdup(d->removing ?
	    _("Keep them all") : _("Take one off my list")));
	for (i = 0; i < app->shortlist.n; i++)
		kiosk_sl_entry(d, app->shortlist.id[i]);
	if (link != NULL) {
		n = xasprintf("%s%s: %s\n", d->slip, _("All of them"), link);
		free(d->slip);
		d->slip = n;
	}
	kiosk_qr_panel_init(&d->qr, link);
	free(link);
}

static void
kiosk_sl_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_shortlist	*d = s->data;
	int				 w = s->w, h = s->h;

	/* Entries may have been kept or taken off on an entry's screen
	 * above this one: build again every time. */
	kiosk_sl_build(d);
	kiosk_qr_panel_layout(&d->qr, s->y, s->x, s->h, s->w, &w, &h);
	kiosk_list_layout(&d->list, s->y, s->x, h, w, app->desk);
}

static void
kiosk_sl_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_shortlist *d = s->data;

	kiosk_screen_draw_list(s, app);
	kiosk_qr_panel_draw(&d->qr);
}

static void
kiosk_sl_print(struct kiosk_screen_shortlist *d, struct kiosk_app *app)
{
	char *cause = NULL;

	if (kiosk_slip_print(app->printer, d->slip, &cause) != 0) {
		free(cause);
		kiosk_app_push(app, kiosk_screen_notice_new(app, _("Print"),
		    _("Printing did not work. Please ask a staff member.")));
		kiosk_speech_receipt(app, _("Printing did not work."));
		return;
	}
	kiosk_app_push(app, kiosk_screen_notice_new(app, _("Print"),
	    _("The paper is printing. Take it from the printer.")));
	kiosk_speech_receipt(app, _("The paper is printing."));
}

static void
kiosk_sl_choose(struct kiosk_screen *s, struct kiosk_app *app, size_t i)
{
	struct kiosk_screen_shortlist	*d = s->data;
	int64_t				 id;

	if (i >= d->n)
		return;
	switch (d->kind[i]) {
	case KIOSK_SL_PRINT:
		kiosk_sl_print(d, app);
		return;
	case KIOSK_SL_REMOVE:
		d->removing = !d->removing;
		break;
	case KIOSK_SL_ENTRY:
		id = d->id[i];
		if (!d->removing) {
			kiosk_app_push(app, kiosk_screen_detail_new(app, id));
			return;
		}
		kiosk_shortlist_remove(&app->shortlist, id);
		d->removing = 0;
		kiosk_speech_receipt(app, _("Taken off your list."));
		break;
	}
	kiosk_list_rewind(&d->list);
	kiosk_speech_renew(app);
	kiosk_app_relayout(app);
}

static int
kiosk_sl_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	return kiosk_screen_key_list(s, app, is_key, ch, kiosk_sl_choose);
}

static void
kiosk_sl_click(struct kiosk_screen *s, struct kiosk_app *app, int target)
{
	kiosk_screen_click_list(s, app, target, kiosk_sl_choose);
}

static void
kiosk_sl_reload(struct kiosk_screen *s, struct kiosk_app *app)
{
	kiosk_sl_layout(s, app);
}

static void
kiosk_sl_free(struct kiosk_screen *s)
{
	struct kiosk_screen_shortlist *d = s->data;

	kiosk_sl_clear(d);
	kiosk_list_done(&d->list);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_shortlist_ops = {
	.layout = kiosk_sl_layout,
	.draw = kiosk_sl_draw,
	.key = kiosk_sl_key,
	.hit = kiosk_screen_hit_list,
	.click = kiosk_sl_click,
	.focus = kiosk_screen_focus_list,
	.reload = kiosk_sl_reload,
	.free = kiosk_sl_free,
};

int
kiosk_screen_is_shortlist(const struct kiosk_screen *s)
{
	return s->ops == &kiosk_screen_shortlist_ops;
}

struct kiosk_screen *
kiosk_screen_shortlist_new(struct kiosk_app *app)
{
	struct kiosk_screen_shortlist *d = xcalloc(1, sizeof *d);

	d->app = app;
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_sl_fetch, d);
	kiosk_sl_build(d);
	return kiosk_screen_new(&kiosk_screen_shortlist_ops, _("My list"), d);
}
