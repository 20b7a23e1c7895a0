/*
 * screen_ask: one narrowing question per screen (see screen_ask.h).
 *
 * Each choice carries the whole filter it would give, so its count ("12
 * offers") comes from the catalogue with that answer applied, and choosing
 * it is a copy. The last choice of a question is always "Skip" (in change
 * mode "Any ...", which drops the answer). Counts are read when the screen
 * is made and again when the catalogue changes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "catalog/entry.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/button.h"
#include "kiosk/filter.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"
#include "kiosk/screen.h"
#include "kiosk/screen_ask.h"
#include "kiosk/speech.h"
#include "kiosk/stats.h"
#include "kiosk/widget_list.h"

enum kiosk_ask_action {
	KIOSK_ASK_SET,		/* use the choice's filter */
	KIOSK_ASK_OPEN,		/* open question `kind` (overview) */
	KIOSK_ASK_PLACE,	/* type a place name */
	KIOSK_ASK_FAR		/* How far? with the choice's filter */
};

struct kiosk_ask_choice {
	enum kiosk_ask_action	 action;
	int			 kind;
	int			 counted;	/* detail is its count */
	struct kiosk_filter	 f;
};

struct kiosk_screen_ask {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_app	*app;
	struct kiosk_ask_flow	 flow;
	struct kiosk_filter	 f;
	int			 kind;
	struct kiosk_ask_choice	*choices;
	struct kiosk_list_item	*items;
	size_t			 n, alloc;
	struct kiosk_button	 all;
	int			 on_all;	/* focus on the button */
};

/* Instruction languages asked about, when the catalogue has them. */
static const char *const kiosk_ask_langs[] = {
	"nl", "en", "ar", "uk", "tr", "pl", "fa", "ti"
};

static void
kiosk_ask_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_ask *d = ctx;

	l->total = d->n;
	l->items = d->items + (l->first < d->n ? l->first : d->n);
	l->n = l->first < d->n ? d->n - l->first : 0;
}

/* "12 offers" (or "1000+ offers") for the matches of f. */
static char *
kiosk_ask_count(const struct kiosk_filter *f, struct kiosk_app *app)
{
	int	 capped;
	long	 n = kiosk_filter_total(f, app, &capped);

	return kiosk_filter_offers(n, capped);
}

/* Add a choice; label is copied. With counted, the detail is the count. */
static struct kiosk_ask_choice *
kiosk_ask_add(struct kiosk_screen_ask *d, enum kiosk_ask_action action,
    int kind, const char *label, const char *detail, int counted)
{
	struct kiosk_ask_choice	*c;
	struct kiosk_list_item	*it;

	if (d->n == d->alloc) {
		d->alloc = d->alloc ? d->alloc * 2 : 16;
		d->choices = xreallocarray(d->choices, d->alloc,
		    sizeof *d->choices);
		d->items = xreallocarray(d->items, d->alloc, sizeof *d->items);
	}
	c = &d->choices[d->n];
	it = &d->items[d->n++];
	memset(it, 0, sizeof *it);
	c->action = action;
	c->kind = kind;
	c->counted = counted;
	c->f = d->f;
	it->label = kiosk_width_sanitize(label, 0);
	it->detail = detail != NULL ? kiosk_width_sanitize(detail, 0) : NULL;
	return c;
}

/* The "Skip" (flow) or "Any" (change mode) choice that drops kind. */
static void
kiosk_ask_add_any(struct kiosk_screen_ask *d, int kind)
{
	struct kiosk_ask_choice	*c;
	const char		*any = "", *skip = "";
	char			*label;

	switch (kind) {
	case KIOSK_FILTER_WHERE:
		any = _("Any place");
		skip = _("Skip: any place");
		break;
	case KIOSK_FILTER_WHEN:
		any = _("Any time, later is fine too");
		skip = _("Skip: any time, later is fine too");
		break;
	case KIOSK_FILTER_COST:
		any = _("Free or paid");
		skip = _("Skip: free or paid");
		break;
	case KIOSK_FILTER_MODE:
		any = _("Online or on site, no matter");
		skip = _("Skip: online or on site, no matter");
		break;
	case KIOSK_FILTER_LANG:
		any = _("Any language");
		skip = _("Skip: any language");
		break;
	case KIOSK_FILTER_WORD:
		any = skip = _("Drop the word");
		break;
	}
	label = xstrdup(d->flow.change ? any : skip);
	c = kiosk_ask_add(d, KIOSK_ASK_SET, kind, label, NULL, 1);
	kiosk_filter_drop(&c->f, kind);
	free(label);
}

/* Fill in the counts of the choices that have one. */
static void
kiosk_ask_counts(struct kiosk_screen_ask *d)
{
	size_t	 i;
	char	*count;

	for (i = 0; i < d->n; i++) {
		if (!d->choices[i].counted)
			continue;
		free(d->items[i].detail);
		d->items[i].detail = kiosk_ask_count(&d->choices[i].f, d->app);
	}
	count = kiosk_ask_count(&d->f, d->app);
	if (d->flow.change) {
		char *s = xasprintf(_("Done: show the list (%s)"), count);

		kiosk_button_set(&d->all, s);
		free(s);
	} else {
		char *s = xasprintf(_("Show all now (%s)"), count);

		kiosk_button_set(&d->all, s);
		free(s);
	}
	free(count);
}

/* Take back the choice added last. */
static void
kiosk_ask_unadd(struct kiosk_screen_ask *d)
{
	d->n--;
	free(d->items[d->n].label);
	free(d->items[d->n].detail);
	kiosk_filter_wipe(&d->choices[d->n].f);
}

static void
kiosk_ask_where(struct kiosk_screen_ask *d)
{
	struct kiosk_ask_choice	*c;
	char			*label;

	if (d->app->has_home) {
		/* Near the kiosk; How far? comes next. */
		c = kiosk_ask_add(d, KIOSK_ASK_FAR, KIOSK_FILTER_WHERE,
		    _("Near me"), NULL, 1);
		kiosk_filter_set_near(&c->f, "", d->app->home_lat,
		    d->app->home_lon, KIOSK_FILTER_KM);
		kiosk_filter_touch(&c->f, KIOSK_FILTER_WHERE);
	} else if (d->app->home_province != NULL) {
		label = xasprintf(_("Near me: %s"), d->app->home_province);
		c = kiosk_ask_add(d, KIOSK_ASK_SET, KIOSK_FILTER_WHERE, label,
		    NULL, 1);
		kiosk_filter_drop(&c->f, KIOSK_FILTER_WHERE);
		snprintf(c->f.province, sizeof c->f.province, "%s",
		    d->app->home_province);
		kiosk_filter_touch(&c->f, KIOSK_FILTER_WHERE);
		free(label);
	}
	kiosk_ask_add(d, KIOSK_ASK_OPEN, KIOSK_ASK_PROVINCES,
	    _("Choose a province"), _("A list of provinces"), 0);
	kiosk_ask_add(d, KIOSK_ASK_PLACE, KIOSK_FILTER_WHERE,
	    _("Type the name of a place"), _("For example Rotterdam"), 0);
}

static void
kiosk_ask_provinces(struct kiosk_screen_ask *d)
{
	const char *const	*names;
	struct kiosk_ask_choice	*c;
	size_t			 i, n, start = d->n;

	names = kiosk_filter_provinces(&n);
	for (i = 0; i < n; i++) {
		c = kiosk_ask_add(d, KIOSK_ASK_SET, KIOSK_FILTER_WHERE,
		    names[i], NULL, 1);
		kiosk_filter_drop(&c->f, KIOSK_FILTER_WHERE);
		snprintf(c->f.province, sizeof c->f.province, "%s", names[i]);
		kiosk_filter_touch(&c->f, KIOSK_FILTER_WHERE);
		/* Few choices: leave out provinces with nothing. */
		if (kiosk_filter_total(&c->f, d->app, NULL) == 0)
			kiosk_ask_unadd(d);
	}
	if (d->n == start)
		kiosk_ask_add_any(d, KIOSK_FILTER_WHERE);
}

static void
kiosk_ask_when(struct kiosk_screen_ask *d)
{
	struct kiosk_ask_choice *c;

	c = kiosk_ask_add(d, KIOSK_ASK_SET, KIOSK_FILTER_WHEN,
	    _("Starts within a month"), NULL, 1);
	c->f.days = KIOSK_FILTER_SOON;
	c->f.after = 0;
	kiosk_filter_touch(&c->f, KIOSK_FILTER_WHEN);
	c = kiosk_ask_add(d, KIOSK_ASK_SET, KIOSK_FILTER_WHEN,
	    _("Starts within three months"), NULL, 1);
	c->f.days = KIOSK_FILTER_QUARTER;
	c->f.after = 0;
	kiosk_filter_touch(&c->f, KIOSK_FILTER_WHEN);
	c = kiosk_ask_add(d, KIOSK_ASK_SET, KIOSK_FILTER_WHEN,
	    _("Starts later (after three months)"), NULL, 1);
	c->f.days = 0;
	c->f.after = KIOSK_FILTER_QUARTER;
	kiosk_filter_touch(&c->f, KIOSK_FILTER_WHEN);
}

/* How far? around the place (or the kiosk) already in the filter. */
static void
kiosk_ask_radius(struct kiosk_screen_ask *d)
{
	static const int kms[] = { 10, KIOSK_FILTER_KM, 50 };
	struct kiosk_ask_choice	*c;
	char			*label;
	size_t			 i;

	for (i = 0; i < sizeof kms / sizeof kms[0]; i++) {
		label = xasprintf(_("Within %d km"), kms[i]);
		c = kiosk_ask_add(d, KIOSK_ASK_SET, KIOSK_ASK_RADIUS, label,
		    NULL, 1);
		c->f.km = kms[i];
		kiosk_filter_touch(&c->f, KIOSK_FILTER_WHERE);
		free(label);
	}
	c = kiosk_ask_add(d, KIOSK_ASK_SET, KIOSK_ASK_RADIUS,
	    _("Any distance, nearest first"), NULL, 1);
	c->f.km = KIOSK_FILTER_ANY_KM;
	kiosk_filter_touch(&c->f, KIOSK_FILTER_WHERE);
}

static void
kiosk_ask_cost(struct kiosk_screen_ask *d)
{
	struct kiosk_ask_choice *c;

	c = kiosk_ask_add(d, KIOSK_ASK_SET, KIOSK_FILTER_COST,
	    _("Free only"), NULL, 1);
	c->f.free_only = 1;
	kiosk_filter_touch(&c->f, KIOSK_FILTER_COST);
}

static void
kiosk_ask_mode(struct kiosk_screen_ask *d)
{
	static const int modes[] = {
		CATALOG_MODE_ONSITE, CATALOG_MODE_ONLINE, CATALOG_MODE_BLENDED
	};
	struct kiosk_ask_choice	*c;
	size_t			 i;

	for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		c = kiosk_ask_add(d, KIOSK_ASK_SET, KIOSK_FILTER_MODE,
		    kiosk_format_mode(modes[i]), NULL, 1);
		c->f.mode = modes[i];
		kiosk_filter_touch(&c->f, KIOSK_FILTER_MODE);
	}
}

static void
kiosk_ask_lang(struct kiosk_screen_ask *d)
{
	struct kiosk_ask_choice	*c;
	char			*name;
	size_t			 i;

	for (i = 0; i < sizeof kiosk_ask_langs / sizeof kiosk_ask_langs[0];
	    i++) {
		name = kiosk_format_lang_name(d->app->fmt, kiosk_ask_langs[i]);
		c = kiosk_ask_add(d, KIOSK_ASK_SET, KIOSK_FILTER_LANG, name,
		    NULL, 1);
		free(name);
		snprintf(c->f.lang, sizeof c->f.lang, "%s",
		    kiosk_ask_langs[i]);
		kiosk_filter_touch(&c->f, KIOSK_FILTER_LANG);
		if (kiosk_filter_total(&c->f, d->app, NULL) == 0 &&
		    strcmp(d->f.lang, kiosk_ask_langs[i]) != 0)
			kiosk_ask_unadd(d);
	}
}

/* Overview: every question and its answer. */
static void
kiosk_ask_overview(struct kiosk_screen_ask *d)
{
	char	*words;
	int	 k;

	for (k = 0; k < KIOSK_FILTER_NKINDS; k++) {
		if (k == KIOSK_FILTER_WORD && !kiosk_filter_active(&d->f, k))
			continue;
		words = kiosk_filter_words(&d->f, d->app->fmt, k);
		kiosk_ask_add(d, KIOSK_ASK_OPEN, k, kiosk_filter_question(k),
		    words != NULL ? words : _("no choice made"), 0);
		free(words);
	}
}

static void
kiosk_ask_clear(struct kiosk_screen_ask *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->items[i].label);
		free(d->items[i].detail);
		kiosk_filter_wipe(&d->choices[i].f);
	}
	d->n = 0;
}

/* Make the choices for the screen's kind and count them. */
static void
kiosk_ask_read(struct kiosk_screen_ask *d)
{
	kiosk_ask_clear(d);
	switch (d->kind) {
	case KIOSK_FILTER_WHERE:
		kiosk_ask_where(d);
		break;
	case KIOSK_ASK_PROVINCES:
		kiosk_ask_provinces(d);
		break;
	case KIOSK_FILTER_WHEN:
		kiosk_ask_when(d);
		break;
	case KIOSK_ASK_RADIUS:
		kiosk_ask_radius(d);
		break;
	case KIOSK_FILTER_COST:
		kiosk_ask_cost(d);
		break;
	case KIOSK_FILTER_MODE:
		kiosk_ask_mode(d);
		break;
	case KIOSK_FILTER_LANG:
		kiosk_ask_lang(d);
		break;
	case KIOSK_ASK_OVERVIEW:
		kiosk_ask_overview(d);
		break;
	}
	if (d->kind < KIOSK_FILTER_NKINDS)
		kiosk_ask_add_any(d, d->kind);
	kiosk_ask_counts(d);
}

static void
kiosk_ask_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_ask	*d = s->data;
	int			 bh, gap;

	bh = s->h >= 30 && !app->desk ? 3 : 1;
	gap = s->h >= 16 ? 1 : 0;
	kiosk_button_place(&d->all, s->y, s->x, bh, s->w);
	kiosk_list_layout(&d->list, s->y + bh + gap, s->x, s->h - bh - gap,
	    s->w, app->desk);
}

static void
kiosk_ask_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_ask *d = s->data;

	(void)app;
	kiosk_list_draw(&d->list, &s->cy, &s->cx);
	kiosk_button_draw(&d->all, d->on_all, &s->cy, &s->cx);
}

/* Act on choice i (the screen may be gone afterwards). */
static void
kiosk_ask_choose(struct kiosk_screen_ask *d, struct kiosk_app *app,
    size_t i)
{
	struct kiosk_ask_choice *c;

	if (i >= d->n)
		return;
	c = &d->choices[i];
	switch (c->action) {
	case KIOSK_ASK_SET:
		kiosk_stats_question(app, c->kind);
		kiosk_screen_ask_answered(app, &d->flow, &c->f, c->kind);
		break;
	case KIOSK_ASK_OPEN:
		kiosk_app_push(app, kiosk_screen_ask_new(app, &d->flow, &d->f,
		    c->kind));
		break;
	case KIOSK_ASK_PLACE:
		kiosk_app_push(app, kiosk_screen_place_new(app, &d->flow,
		    &d->f));
		break;
	case KIOSK_ASK_FAR:
		kiosk_app_push(app, kiosk_screen_ask_new(app, &d->flow, &c->f,
		    KIOSK_ASK_RADIUS));
		break;
	}
}

static int
kiosk_ask_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	struct kiosk_screen_ask	*d = s->data;
	size_t			 i;

	if (!is_key && ch == '0') {
		kiosk_screen_ask_finish(app, &d->flow, &d->f);
		return 1;
	}
	if (d->on_all) {
		if ((!is_key && (ch == '\r' || ch == '\n')) ||
		    (is_key && ch == KEY_ENTER)) {
			kiosk_screen_ask_finish(app, &d->flow, &d->f);
			return 1;
		}
		if ((is_key && ch == KEY_DOWN) || (!is_key && ch == '\t')) {
			d->on_all = 0;
			kiosk_list_focus(&d->list, 1);
			return 1;
		}
		if (!is_key && ch >= '1' && ch <= '9')
			d->on_all = 0;
		else
			return 0;
	}
	switch (kiosk_list_key(&d->list, is_key, ch, &i)) {
	case KIOSK_LIST_CHOSEN:
		kiosk_ask_choose(d, app, i);
		return 1;
	case KIOSK_LIST_HANDLED:
		return 1;
	case KIOSK_LIST_UNHANDLED:
		break;
	}
	if (is_key && (ch == KEY_UP || ch == KEY_BTAB) &&
	    (d->list.focus == 0 || d->list.focus < 0)) {
		kiosk_list_focus(&d->list, 0);
		d->on_all = 1;
		return 1;
	}
	return 0;
}

#define KIOSK_ASK_ALL_TARGET 200

static int
kiosk_ask_hit(struct kiosk_screen *s, int y, int x)
{
	struct kiosk_screen_ask *d = s->data;

	if (kiosk_button_hit(&d->all, y, x))
		return KIOSK_ASK_ALL_TARGET;
	return kiosk_list_hit(&d->list, y, x);
}

static void
kiosk_ask_click(struct kiosk_screen *s, struct kiosk_app *app, int target)
{
	struct kiosk_screen_ask	*d = s->data;
	size_t			 i;

	if (target == KIOSK_ASK_ALL_TARGET) {
		kiosk_screen_ask_finish(app, &d->flow, &d->f);
		return;
	}
	d->on_all = 0;
	if (kiosk_list_click(&d->list, target, &i) == KIOSK_LIST_CHOSEN)
		kiosk_ask_choose(d, app, i);
}

static void
kiosk_ask_focus(struct kiosk_screen *s, int where)
{
	struct kiosk_screen_ask *d = s->data;

	d->on_all = where == 1;
	kiosk_list_focus(&d->list, where == 1 ? 0 : where);
}

static void
kiosk_ask_reload(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_ask *d = s->data;

	kiosk_ask_read(d);
	kiosk_ask_layout(s, app);
}

/* "Number 0: Show all now (12 offers)", then the question's list. */
static char *
kiosk_ask_speak(struct kiosk_screen *s, struct kiosk_app *app,
    int focus_only)
{
	struct kiosk_screen_ask	*d = s->data;

	(void)app;
	return kiosk_speech_with_button(&d->list, &d->all, d->on_all,
	    focus_only);
}

static void
kiosk_ask_free(struct kiosk_screen *s)
{
	struct kiosk_screen_ask *d = s->data;

	kiosk_list_done(&d->list);
	kiosk_button_done(&d->all);
	kiosk_ask_clear(d);
	free(d->choices);
	free(d->items);
	kiosk_filter_wipe(&d->f);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_ask_ops = {
	.layout = kiosk_ask_layout,
	.draw = kiosk_ask_draw,
	.key = kiosk_ask_key,
	.hit = kiosk_ask_hit,
	.click = kiosk_ask_click,
	.focus = kiosk_ask_focus,
	.reload = kiosk_ask_reload,
	.free = kiosk_ask_free,
	.speak = kiosk_ask_speak,
};

struct kiosk_screen *
kiosk_screen_ask_new(struct kiosk_app *app, const struct kiosk_ask_flow *flow,
    const struct kiosk_filter *f, int kind)
{
	struct kiosk_screen_ask	*d = xcalloc(1, sizeof *d);
	const char		*title, *lead;

	d->app = app;
	d->flow = *flow;
	d->f = *f;
	d->kind = kind;
	kiosk_button_init(&d->all, '0');
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_ask_fetch, d);
	kiosk_ask_read(d);
	switch (kind) {
	case KIOSK_ASK_OVERVIEW:
		title = _("Your choices");
		lead = _("Choose one to change it or to drop it.");
		break;
	case KIOSK_ASK_PROVINCES:
		title = _("Which province?");
		lead = NULL;
		break;
	case KIOSK_ASK_RADIUS:
		title = _("How far?");
		lead = f->place[0] == '\0' ? _("How far from here may it be?") :
		    NULL;
		break;
	default:
		title = kiosk_filter_question(kind);
		lead = flow->change ? _("Choose an answer.") :
		    _("Choose an answer, or skip this question.");
		break;
	}
	if (kind == KIOSK_ASK_RADIUS && lead == NULL) {
		char *s = xasprintf(_("How far from %s may it be?"), f->place);

		kiosk_list_set_lead(&d->list, s, KIOSK_ROLE_TEXT);
		free(s);
	} else
		kiosk_list_set_lead(&d->list, lead, KIOSK_ROLE_TEXT);
	return kiosk_screen_new(&kiosk_screen_ask_ops, title, d);
}

/* The next question after kind that has no answer yet, or -1. */
static int
kiosk_ask_next(const struct kiosk_filter *f, int kind)
{
	int k;

	for (k = kind + 1; k < KIOSK_FILTER_NQUESTIONS; k++) {
		if (!kiosk_filter_active(f, k))
			return k;
	}
	return -1;
}

void
kiosk_screen_ask_start(struct kiosk_app *app, const struct kiosk_filter *f,
    const char *title)
{
	struct kiosk_ask_flow	 flow;
	int			 k = kiosk_ask_next(f, -1);

	memset(&flow, 0, sizeof flow);
	flow.base = app->depth;
	snprintf(flow.title, sizeof flow.title, "%s", title);
	if (k < 0)
		kiosk_app_push(app, kiosk_screen_list_new(app, f, flow.title));
	else
		kiosk_app_push(app, kiosk_screen_ask_new(app, &flow, f, k));
}

void
kiosk_screen_ask_near(struct kiosk_app *app, const struct kiosk_filter *f,
    const char *title)
{
	struct kiosk_ask_flow flow;

	memset(&flow, 0, sizeof flow);
	flow.base = app->depth;
	snprintf(flow.title, sizeof flow.title, "%s", title);
	kiosk_app_push(app, kiosk_screen_ask_new(app, &flow, f,
	    KIOSK_ASK_RADIUS));
}

void
kiosk_screen_ask_change(struct kiosk_app *app, struct kiosk_filter *target)
{
	struct kiosk_ask_flow flow;

	memset(&flow, 0, sizeof flow);
	flow.change = 1;
	flow.base = app->depth;
	flow.target = target;
	kiosk_app_push(app, kiosk_screen_ask_new(app, &flow, target,
	    KIOSK_ASK_OVERVIEW));
}

void
kiosk_screen_ask_finish(struct kiosk_app *app,
    const struct kiosk_ask_flow *flow, const struct kiosk_filter *f)
{
	struct kiosk_ask_flow	 fl = *flow;	/* the screen goes away */
	struct kiosk_filter	 copy = *f;

	if (fl.change)
		*fl.target = copy;
	kiosk_app_unwind(app, fl.base);
	if (!fl.change)
		kiosk_app_push(app, kiosk_screen_list_new(app, &copy,
		    fl.title));
	kiosk_filter_wipe(&copy);
}

void
kiosk_screen_ask_answered(struct kiosk_app *app,
    const struct kiosk_ask_flow *flow, const struct kiosk_filter *f,
    int kind)
{
	struct kiosk_ask_flow	 fl = *flow;
	struct kiosk_filter	 copy = *f;
	int			 next;

	if (fl.change) {
		kiosk_screen_ask_finish(app, &fl, &copy);
		kiosk_filter_wipe(&copy);
		return;
	}
	next = kiosk_ask_next(&copy, kind == KIOSK_ASK_PROVINCES ||
	    kind == KIOSK_ASK_RADIUS ? KIOSK_FILTER_WHERE : kind);
	if (next < 0)
		kiosk_screen_ask_finish(app, &fl, &copy);
	else
		kiosk_app_push(app, kiosk_screen_ask_new(app, &fl, &copy,
		    next));
	kiosk_filter_wipe(&copy);
}
