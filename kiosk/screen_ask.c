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
#include "catalog/theme.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/button.h"
#include "kiosk/filter.h"
#include "kiosk/focus.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"
#include "kiosk/layout.h"
#include "kiosk/screen.h"
#include "kiosk/screen_ask.h"
#include "kiosk/speech.h"
#include "kiosk/stats.h"
#include "kiosk/widget_list.h"

/* What a choice does: an answer's next (enum kiosk_answer_next), or
 * open question `kind` (the overview's choices). */
#define KIOSK_ASK_OPEN (-1)

struct kiosk_ask_choice {
	int			 action;	/* KIOSK_ANSWER_* or OPEN */
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
	struct kiosk_focus	 fc;		/* the button, then the list */
};

/* Answers side by side: up to three columns, each wide enough for the
 * big number and a province's name ("Noord-Brabant"). */
#define KIOSK_ASK_COLUMNS 3
#define KIOSK_ASK_COL_MIN_W 24

/* The widgets of the focus chain. */
#define KIOSK_ASK_ALL 0
#define KIOSK_ASK_LIST 1

static void
kiosk_ask_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_ask *d = ctx;

	kiosk_list_show(l, d->items, d->n);
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
kiosk_ask_add(struct kiosk_screen_ask *d, int action,
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
	const struct kiosk_question	*q = kiosk_filter_row(kind);
	struct kiosk_ask_choice		*c;
	const char			*label;

	if (q == NULL || q->any == NULL)
		return;
	label = _(d->flow.change ? q->any : q->skip);
	c = kiosk_ask_add(d, KIOSK_ANSWER_SET, kind, label, NULL, 1);
	kiosk_filter_drop(&c->f, kind);
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

/* The answers of the screen's question, each with its filter. A
 * follow-up whose answers all find nothing offers its question's Any. */
static void
kiosk_ask_answers(struct kiosk_screen_ask *d)
{
	const struct kiosk_question	*q = kiosk_filter_row(d->kind);
	struct kiosk_answers		 as;
	struct kiosk_answer		*a;
	struct kiosk_ask_choice		*c;
	size_t				 i, start = d->n;

	if (q == NULL)
		return;
	memset(&as, 0, sizeof as);
	kiosk_filter_answers(d->kind, d->app, &d->f, &as);
	for (i = 0; i < as.n; i++) {
		a = &as.v[i];
		c = kiosk_ask_add(d, a->next, d->kind, a->label, a->detail,
		    a->detail == NULL);
		if (a->next == KIOSK_ANSWER_SET ||
		    a->next == KIOSK_ANSWER_RADIUS)
			kiosk_filter_apply(&c->f, d->kind, a);
		/* Few choices: leave out those with nothing. */
		if (a->prune && kiosk_filter_total(&c->f, d->app, NULL) == 0)
			kiosk_ask_unadd(d);
	}
	kiosk_filter_answers_done(&as);
	if (q->kind == q->sets)
		kiosk_ask_add_any(d, d->kind);
	else if (d->n == start)
		kiosk_ask_add_any(d, q->sets);
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
	if (d->kind == KIOSK_ASK_OVERVIEW)
		kiosk_ask_overview(d);
	else
		kiosk_ask_answers(d);
	kiosk_ask_counts(d);
}

static void
kiosk_ask_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_ask	*d = s->data;
	int			 bh, gap;

	bh = kiosk_layout_button_h(s->h, app->desk);
	gap = kiosk_layout_gap(s->h);
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
	kiosk_button_draw(&d->all, kiosk_focus_on(&d->fc, KIOSK_ASK_ALL),
	    &s->cy, &s->cx);
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
	case KIOSK_ANSWER_SET:
		kiosk_stats_question(app, c->kind);
		kiosk_screen_ask_answered(app, &d->flow, &c->f, c->kind);
		break;
	case KIOSK_ASK_OPEN:
		kiosk_app_push(app, kiosk_screen_ask_new(app, &d->flow, &d->f,
		    c->kind));
		break;
	case KIOSK_ANSWER_PROVINCES:
		kiosk_app_push(app, kiosk_screen_ask_new(app, &d->flow, &d->f,
		    KIOSK_ASK_PROVINCES));
		break;
	case KIOSK_ANSWER_PLACE:
		kiosk_app_push(app, kiosk_screen_place_new(app, &d->flow,
		    &d->f));
		break;
	case KIOSK_ANSWER_RADIUS:
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
	if (kiosk_focus_on(&d->fc, KIOSK_ASK_ALL)) {
		if ((!is_key && (ch == '\r' || ch == '\n')) ||
		    (is_key && ch == KEY_ENTER)) {
			kiosk_screen_ask_finish(app, &d->flow, &d->f);
			return 1;
		}
		if (!is_key && ch >= '1' && ch <= '9')
			/* A digit chooses from the list. */
			kiosk_focus_set(&d->fc, KIOSK_ASK_LIST, 0);
		else
			return kiosk_focus_move(&d->fc, is_key, ch);
	}
	switch (kiosk_list_key(&d->list, is_key, ch, &i)) {
	case KIOSK_LIST_CHOSEN:
		kiosk_ask_choose(d, app, i);
		return 1;
	case KIOSK_LIST_HANDLED:
		if (d->list.focus >= 0)
			d->fc.cur = KIOSK_ASK_LIST;
		return 1;
	case KIOSK_LIST_UNHANDLED:
		break;
	}
	/* Up from the top of the list: the button. */
	if (is_key && (ch == KEY_UP || ch == KEY_BTAB) &&
	    d->list.focus <= 0) {
		kiosk_focus_set(&d->fc, KIOSK_ASK_ALL, 0);
		return 1;
	}
	return 0;
}

static int
kiosk_ask_hit(struct kiosk_screen *s, int y, int x)
{
	struct kiosk_screen_ask *d = s->data;

	return kiosk_focus_hit(&d->fc, y, x);
}

static void
kiosk_ask_click(struct kiosk_screen *s, struct kiosk_app *app, int target)
{
	struct kiosk_screen_ask	*d = s->data;
	size_t			 i;
	int			 own;

	switch (kiosk_focus_target(&d->fc, target, &own)) {
	case KIOSK_ASK_ALL:
		kiosk_screen_ask_finish(app, &d->flow, &d->f);
		break;
	case KIOSK_ASK_LIST:
		kiosk_focus_set(&d->fc, KIOSK_ASK_LIST, 0);
		if (kiosk_list_click(&d->list, own, &i) == KIOSK_LIST_CHOSEN)
			kiosk_ask_choose(d, app, i);
		break;
	}
}

static void
kiosk_ask_focus(struct kiosk_screen *s, int where)
{
	struct kiosk_screen_ask *d = s->data;

	kiosk_focus_enter(&d->fc, where);
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
	return kiosk_speech_with_button(&d->list, &d->all,
	    kiosk_focus_on(&d->fc, KIOSK_ASK_ALL), focus_only);
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
	explicit_bzero(&d->flow.title, sizeof d->flow.title);
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
	/* Many answers (the provinces) side by side, so they fit on one
	 * page from 80x24; a few stay in one column. */
	d->list.columns = KIOSK_ASK_COLUMNS;
	d->list.col_min_w = KIOSK_ASK_COL_MIN_W;
	kiosk_focus_init(&d->fc);
	kiosk_focus_add(&d->fc, KIOSK_FOCUS_BUTTON, &d->all);
	kiosk_focus_add(&d->fc, KIOSK_FOCUS_LIST, &d->list);
	/* Blocks start with focus on the first choice. */
	d->fc.cur = d->list.focus >= 0 ? KIOSK_ASK_LIST : -1;
	kiosk_ask_read(d);
	switch (kind) {
	case KIOSK_ASK_OVERVIEW:
		title = _("Your choices");
		lead = _("Choose one to change it or to drop it.");
		break;
	case KIOSK_ASK_PROVINCES:
		title = kiosk_filter_question(kind);
		lead = NULL;
		break;
	case KIOSK_ASK_RADIUS:
		title = kiosk_filter_question(kind);
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

char *
kiosk_ask_title_say(struct kiosk_app *app, const struct kiosk_ask_title *t)
{
	struct catalog_theme	*themes;
	size_t			 n, i;
	char			*s = NULL;

	if (t->word[0] != '\0')
		return xasprintf(_("Results for \"%s\""), t->word);
	if (t->theme[0] == '\0')
		return xstrdup(_("Near me"));
	themes = catalog_theme_list(app->db, app->lang, &n);
	for (i = 0; i < n && s == NULL; i++) {
		if (strcmp(themes[i].key, t->theme) == 0)
			s = xstrdup(themes[i].label.value != NULL ?
			    themes[i].label.value : themes[i].key);
	}
	catalog_theme_list_free(themes, n);
	return s != NULL ? s : xstrdup(t->theme);
}

void
kiosk_screen_ask_start(struct kiosk_app *app, const struct kiosk_filter *f,
    const struct kiosk_ask_title *title)
{
	struct kiosk_ask_flow	 flow;
	int			 k = kiosk_ask_next(f, -1);

	memset(&flow, 0, sizeof flow);
	flow.base = app->depth;
	flow.title = *title;
	if (k < 0)
		kiosk_app_push(app, kiosk_screen_list_new(app, f, &flow.title));
	else
		kiosk_app_push(app, kiosk_screen_ask_new(app, &flow, f, k));
	explicit_bzero(&flow.title, sizeof flow.title);
}

void
kiosk_screen_ask_near(struct kiosk_app *app, const struct kiosk_filter *f,
    const struct kiosk_ask_title *title)
{
	struct kiosk_ask_flow flow;

	memset(&flow, 0, sizeof flow);
	flow.base = app->depth;
	flow.title = *title;
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
		    &fl.title));
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
	next = kiosk_ask_next(&copy, kiosk_filter_row(kind) != NULL ?
	    kiosk_filter_row(kind)->sets : kind);
	if (next < 0)
		kiosk_screen_ask_finish(app, &fl, &copy);
	else
		kiosk_app_push(app, kiosk_screen_ask_new(app, &fl, &copy,
		    next));
	kiosk_filter_wipe(&copy);
}
