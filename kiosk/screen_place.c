/*
 * screen_place: the Where? question answered by typing a place name.
 *
 * The places come from the catalogue itself (catalog_search_places(): every
 * city of its entries, exactly, each with its province, in the order of
 * the interface language), read when the screen opens and again when the
 * catalogue changes; while the person types, the places whose folded name
 * starts with the folded text are the numbered choices. A chosen place
 * becomes a position (catalog_search_place(): the mean of its entries'
 * positions) and How far? follows; the list then says "within 25 km of
 * Rotterdam". A place whose entries have no position narrows to its
 * province ("near Rotterdam (Zuid-Holland)").
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "catalog/fold.h"
#include "catalog/search.h"
#include "catalog/vocab.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/field.h"
#include "kiosk/lang.h"
#include "kiosk/screen.h"
#include "kiosk/screen_ask.h"
#include "kiosk/screen_type.h"
#include "kiosk/button.h"
#include "kiosk/layout.h"
#include "kiosk/width.h"
#include "kiosk/speech.h"
#include "kiosk/widget_list.h"

#define KIOSK_PLACE_FIELD 200	/* click target of the field */
#define KIOSK_PLACE_KEYBOARD 201	/* ... of the Keyboard button */

struct kiosk_place {
	char	*city;		/* as stored */
	char	*folded;
	char	*province;
};

struct kiosk_screen_place {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_app	*app;
	struct kiosk_ask_flow	 flow;
	struct kiosk_filter	 f;
	struct catalog_fold	*fold;
	struct kiosk_place	*places;
	size_t			 nplaces;
	size_t			*match;		/* indexes into places */
	struct kiosk_list_item	*items;
	size_t			 n;
	char			 text[KIOSK_FILTER_TEXT_MAX];
	struct kiosk_field	 field;
	struct kiosk_button	 keyboard;	/* beside the field */
	int			 in_field;
};

static void
kiosk_place_clear(struct kiosk_screen_place *d)
{
	size_t i;

	for (i = 0; i < d->nplaces; i++) {
		free(d->places[i].city);
		free(d->places[i].folded);
		free(d->places[i].province);
	}
	free(d->places);
	d->places = NULL;
	d->nplaces = 0;
}

/* Read the distinct cities of the catalogue and their provinces. */
static void
kiosk_place_index(struct kiosk_screen_place *d)
{
	struct catalog_place	*all = NULL;
	struct kiosk_place	*p;
	const char		*prov;
	char			*cause = NULL;
	size_t			 i, n = 0;

	kiosk_place_clear(d);
	if (catalog_search_places(d->app->db, d->app->lang, &all, &n,
	    &cause) != 0) {
		free(cause);
		return;
	}
	d->places = xcalloc(n + 1, sizeof *d->places);
	for (i = 0; i < n; i++) {
		/* A place is offered with its province: only Dutch ones. */
		if ((prov = catalog_vocab_province_find(all[i].province)) ==
		    NULL)
			continue;
		p = &d->places[d->nplaces++];
		p->city = kiosk_width_sanitize(all[i].city, 0);
		p->folded = catalog_fold_string(d->fold, all[i].city);
		if (p->folded == NULL)
			p->folded = xstrdup("");
		p->province = xstrdup(prov);
	}
	catalog_search_places_free(all, n);
}

static void
kiosk_place_items_clear(struct kiosk_screen_place *d)
{
	kiosk_list_items_free(d->items, d->n);
	free(d->match);
	d->items = NULL;
	d->match = NULL;
	d->n = 0;
}

/* The places that start with what is typed. */
static void
kiosk_place_filter(struct kiosk_screen_place *d)
{
	char	*typed;
	size_t	 i, tl;

	kiosk_place_items_clear(d);
	typed = catalog_fold_string(d->fold, d->text);
	tl = typed != NULL ? strlen(typed) : 0;
	d->items = xcalloc(d->nplaces + 1, sizeof *d->items);
	d->match = xcalloc(d->nplaces + 1, sizeof *d->match);
	for (i = 0; i < d->nplaces; i++) {
		if (tl > 0 && strncmp(d->places[i].folded, typed, tl) != 0)
			continue;
		d->items[d->n].label = xstrdup(d->places[i].city);
		d->items[d->n].detail = xstrdup(d->places[i].province);
		d->match[d->n++] = i;
	}
	if (typed != NULL)
		explicit_bzero(typed, strlen(typed));
	free(typed);
	/* Digits choose here, letters type: say so. */
	kiosk_list_set_lead(&d->list, d->n == 0 ? _("No place of that name "
	    "has offers. Check the spelling, or go back and choose a "
	    "province.") : _("Type the first letters. Then touch the place, "
	    "or press its number."), KIOSK_ROLE_TEXT);
}

static void
kiosk_place_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_place *d = ctx;

	kiosk_list_show(l, d->items, d->n);
}

static void
kiosk_place_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_place	*d = s->data;
	int				 fh, gap, fw, bw;

	fh = kiosk_layout_button_h(s->h, app->desk);
	gap = kiosk_layout_gap(s->h);
	/* The Keyboard button beside the field, within about 80 columns. */
	fw = s->w > 80 ? 80 : s->w;
	bw = kiosk_width_cols(d->keyboard.label, strlen(d->keyboard.label)) +
	    4;
	if (bw > fw / 2)
		bw = fw / 2;
	kiosk_field_place(&d->field, s->y, s->x, fh, fw - bw - 1);
	kiosk_button_place(&d->keyboard, s->y, s->x + fw - bw, fh, bw);
	kiosk_list_layout(&d->list, s->y + fh + gap, s->x, s->h - fh - gap,
	    s->w, app->desk);
}

static void
kiosk_place_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_place *d = s->data;

	(void)app;
	kiosk_list_draw(&d->list, &s->cy, &s->cx);
	kiosk_button_draw(&d->keyboard, 0, &s->cy, &s->cx);
	kiosk_field_draw(&d->field, d->in_field, &s->cy, &s->cx);
	s->cursor = d->in_field;
}

/* Choose match i: How far? next, or (no position) the province. */
static void
kiosk_place_choose(struct kiosk_screen_place *d, struct kiosk_app *app,
    size_t i)
{
	struct kiosk_filter	 f = d->f;
	struct kiosk_place	*p;
	char			*cause = NULL;
	double			 lat, lon;

	if (i >= d->n)
		return;
	p = &d->places[d->match[i]];
	kiosk_filter_drop(&f, KIOSK_FILTER_WHERE);
	if (catalog_search_place(app->db, p->city, &lat, &lon, &cause) == 0) {
		kiosk_filter_set_near(&f, p->city, lat, lon, KIOSK_FILTER_KM);
		kiosk_filter_touch(&f, KIOSK_FILTER_WHERE);
		kiosk_app_push(app, kiosk_screen_ask_new(app, &d->flow, &f,
		    KIOSK_ASK_RADIUS));
	} else {
		free(cause);
		snprintf(f.province, sizeof f.province, "%s", p->province);
		snprintf(f.place, sizeof f.place, "%s", p->city);
		kiosk_filter_touch(&f, KIOSK_FILTER_WHERE);
		kiosk_screen_ask_answered(app, &d->flow, &f,
		    KIOSK_FILTER_WHERE);
	}
	kiosk_filter_wipe(&f);
}

static void
kiosk_place_changed(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_place *d = s->data;

	kiosk_place_filter(d);
	kiosk_list_rewind(&d->list);
	d->list.focus = -1;
	kiosk_place_layout(s, app);
}

static int
kiosk_place_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	struct kiosk_screen_place	*d = s->data;
	size_t				 i;

	/* Place names have no digits: a digit always chooses (the big
	 * number beside Rotterdam is 1), letters type. */
	if (!is_key && ch >= '0' && ch <= '9')
		d->in_field = 0;
	else if (kiosk_field_key(&d->field, is_key, ch)) {
		d->in_field = 1;
		kiosk_place_changed(s, app);
		return 1;
	}
	if (d->in_field) {
		if ((is_key && (ch == KEY_DOWN || ch == KEY_ENTER)) ||
		    (!is_key && (ch == '\t' || ch == '\r' || ch == '\n'))) {
			if (!kiosk_list_focusable(&d->list))
				return 0;
			d->in_field = 0;
			kiosk_list_focus(&d->list, 1);
			return 1;
		}
		return 0;
	}
	switch (kiosk_list_key(&d->list, is_key, ch, &i)) {
	case KIOSK_LIST_CHOSEN:
		kiosk_place_choose(d, app, i);
		return 1;
	case KIOSK_LIST_HANDLED:
		return 1;
	case KIOSK_LIST_UNHANDLED:
		break;
	}
	if (is_key && (ch == KEY_UP || ch == KEY_BTAB)) {
		kiosk_list_focus(&d->list, 0);
		d->in_field = 1;
		return 1;
	}
	return 0;
}

static int
kiosk_place_hit(struct kiosk_screen *s, int y, int x)
{
	struct kiosk_screen_place *d = s->data;

	if (kiosk_field_hit(&d->field, y, x))
		return KIOSK_PLACE_FIELD;
	if (kiosk_button_hit(&d->keyboard, y, x))
		return KIOSK_PLACE_KEYBOARD;
	return kiosk_list_hit(&d->list, y, x);
}

/* The type screen's check: how many places start so. */
static char *
kiosk_place_type_check(void *ctx, const char *text, int *bad)
{
	struct kiosk_screen_place *d = ctx;

	(void)text;
	d->field.len = strlen(d->text);
	kiosk_place_filter(d);
	*bad = d->n == 0;
	if (d->n == 0)
		return xstrdup(_("No place of that name has offers."));
	return xasprintf(ngettext("%zu place", "%zu places", d->n), d->n);
}

/* Back from the type screen: the places that match, focus on the first. */
static void
kiosk_place_type_done(void *ctx, struct kiosk_app *app)
{
	struct kiosk_screen_place *d = ctx;

	d->field.len = strlen(d->text);
	kiosk_place_filter(d);
	kiosk_list_rewind(&d->list);
	kiosk_app_relayout(app);
	d->in_field = !kiosk_list_focusable(&d->list);
	kiosk_list_focus(&d->list, d->in_field ? 0 : 1);
}

static void
kiosk_place_type(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_place	*d = s->data;
	struct kiosk_type_owner		 owner;

	owner.check = kiosk_place_type_check;
	owner.done = kiosk_place_type_done;
	owner.ctx = d;
	kiosk_app_push(app, kiosk_screen_type_new(app, s->title,
	    _("Type the first letters of the place."), d->text,
	    sizeof d->text, _("Place:"), KIOSK_KEYBOARD_TEXT,
	    KIOSK_SPEECH_PLAIN, &owner));
}

static void
kiosk_place_click(struct kiosk_screen *s, struct kiosk_app *app, int target)
{
	struct kiosk_screen_place	*d = s->data;
	size_t				 i;

	if (target == KIOSK_PLACE_FIELD || target == KIOSK_PLACE_KEYBOARD) {
		/* A touch on the field means typing: the keyboard opens. */
		kiosk_list_focus(&d->list, 0);
		d->in_field = 1;
		kiosk_place_type(s, app);
		return;
	}
	d->in_field = 0;
	if (kiosk_list_click(&d->list, target, &i) == KIOSK_LIST_CHOSEN)
		kiosk_place_choose(d, app, i);
}

static void
kiosk_place_focus(struct kiosk_screen *s, int where)
{
	struct kiosk_screen_place *d = s->data;

	d->in_field = where == 1 || (where == 2 &&
	    !kiosk_list_focusable(&d->list));
	kiosk_list_focus(&d->list, d->in_field ? 0 : where);
}

static void
kiosk_place_reload(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_place *d = s->data;

	kiosk_place_index(d);
	kiosk_place_filter(d);
	kiosk_place_layout(s, app);
}

/* The field and what is typed (a place name), then the places. */
static char *
kiosk_place_speak(struct kiosk_screen *s, struct kiosk_app *app,
    int focus_only)
{
	struct kiosk_screen_place	*d = s->data;
	char				*field, *t;

	(void)app;
	field = xasprintf("%s %s", d->field.label != NULL ? d->field.label :
	    "", d->text);
	t = kiosk_speech_with(&d->list, field, d->in_field, focus_only);
	free(field);
	return t;
}

static void
kiosk_place_free(struct kiosk_screen *s)
{
	struct kiosk_screen_place *d = s->data;

	kiosk_list_done(&d->list);
	kiosk_field_done(&d->field);
	kiosk_button_done(&d->keyboard);
	kiosk_place_items_clear(d);
	kiosk_place_clear(d);
	catalog_fold_free(d->fold);
	explicit_bzero(d->text, sizeof d->text);
	kiosk_filter_wipe(&d->f);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_place_ops = {
	.layout = kiosk_place_layout,
	.draw = kiosk_place_draw,
	.key = kiosk_place_key,
	.hit = kiosk_place_hit,
	.click = kiosk_place_click,
	.focus = kiosk_place_focus,
	.reload = kiosk_place_reload,
	.free = kiosk_place_free,
	.speak = kiosk_place_speak,
};

struct kiosk_screen *
kiosk_screen_place_new(struct kiosk_app *app,
    const struct kiosk_ask_flow *flow, const struct kiosk_filter *f)
{
	struct kiosk_screen_place *d = xcalloc(1, sizeof *d);

	d->app = app;
	d->flow = *flow;
	d->f = *f;
	d->fold = catalog_fold_new();
	d->in_field = 1;
	kiosk_field_init(&d->field, d->text, sizeof d->text, _("Place:"));
	kiosk_button_init(&d->keyboard, '\0');
	kiosk_button_set(&d->keyboard, _("Keyboard"));
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_place_fetch, d);
	d->list.focus = -1;
	kiosk_place_index(d);
	kiosk_place_filter(d);
	return kiosk_screen_new(&kiosk_screen_place_ops, _("Which place?"),
	    d);
}
