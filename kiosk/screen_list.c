/*
 * screen_list: the results of a theme, "Near me" or a typed word, with
 * the answers to the questions applied, a page at a time (title, place,
 * start, cost and, when measured, distance per row). The title says how
 * many ("Care · 12 offers", "1000+ offers" when the catalogue stopped
 * counting).
 *
 * Above the rows "0 Your choices: ..." shows the active answers; choosing
 * it opens the questions to change or drop one (screen_ask.c). When
 * nothing matches, the lead says why in plain words and the rows become
 * ways out: drop the last choice (with how many that shows), change the
 * choices, ask staff. The page is read again when the catalogue changes;
 * the anchor keeps the person on the same row, and a changed filter
 * starts again at the first row.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "catalog/search.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/button.h"
#include "kiosk/filter.h"
#include "kiosk/focus.h"
#include "kiosk/hits.h"
#include "kiosk/lang.h"
#include "kiosk/layout.h"
#include "kiosk/screen.h"
#include "kiosk/screen_ask.h"
#include "kiosk/speech.h"
#include "kiosk/widget_list.h"

/* The widgets of the focus chain. */
#define KIOSK_LIST_CHOICES 0	/* "0 Your choices" */
#define KIOSK_LIST_ROWS 1

enum kiosk_list_way {
	KIOSK_LIST_WAY_DROP,	/* drop the last choice */
	KIOSK_LIST_WAY_CHANGE,	/* change the choices */
	KIOSK_LIST_WAY_STAFF	/* ask staff */
};

struct kiosk_screen_list {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_app	*app;
	struct kiosk_screen	*screen;
	struct kiosk_ask_title	 origin;	/* what the title says */
	char			*title;		/* without the count */
	struct kiosk_filter	 f;
	struct kiosk_filter	 seen;		/* f at the last layout */
	struct kiosk_hits	 hits;
	/* Nothing found: ways out instead of rows. */
	int			 nothing;
	struct kiosk_list_item	 ways[3];
	enum kiosk_list_way	 way_kind[3];
	size_t			 nways;
	char			*lead;
	int			 lead_changed;
	struct kiosk_button	 choices;
	struct kiosk_focus	 fc;		/* the button, then the rows */
};

static void
kiosk_screen_list_set_lead(struct kiosk_screen_list *d, char *lead)
{
	if ((lead == NULL && d->lead == NULL) || (lead != NULL &&
	    d->lead != NULL && strcmp(lead, d->lead) == 0)) {
		free(lead);
		return;
	}
	free(d->lead);
	d->lead = lead;
	d->lead_changed = 1;
	kiosk_list_set_lead(&d->list, lead, KIOSK_ROLE_TEXT);
}

static void
kiosk_screen_list_ways_clear(struct kiosk_screen_list *d)
{
	size_t i;

	for (i = 0; i < d->nways; i++) {
		free(d->ways[i].label);
		free(d->ways[i].detail);
	}
	memset(d->ways, 0, sizeof d->ways);
	d->nways = 0;
}

static void
kiosk_screen_list_way(struct kiosk_screen_list *d, enum kiosk_list_way kind,
    char *label, char *detail)
{
	d->way_kind[d->nways] = kind;
	d->ways[d->nways].label = label;
	d->ways[d->nways].detail = detail;
	d->nways++;
}

/* Nothing matches: explain and offer ways out. */
static void
kiosk_screen_list_nothing(struct kiosk_screen_list *d)
{
	struct kiosk_filter	 fewer;
	char			*summary, *words;
	long			 n;
	int			 last = kiosk_filter_last(&d->f);

	kiosk_screen_list_ways_clear(d);
	if (kiosk_filter_count(&d->f) == 0) {
		kiosk_screen_list_set_lead(d, xstrdup(_("There is nothing "
		    "in this theme right now. New offers come in often. Go "
		    "back to choose another theme, or ask staff.")));
	} else {
		summary = kiosk_filter_summary(&d->f, d->app->fmt);
		kiosk_screen_list_set_lead(d, xasprintf(_("Nothing matches "
		    "all your choices: %s. With fewer choices you see more."),
		    summary));
		free(summary);
		if (last >= 0) {
			fewer = d->f;
			words = kiosk_filter_words(&d->f, d->app->fmt, last);
			kiosk_filter_drop(&fewer, last);
			n = kiosk_filter_total(&fewer, d->app, NULL);
			kiosk_filter_wipe(&fewer);
			kiosk_screen_list_way(d, KIOSK_LIST_WAY_DROP,
			    xasprintf(_("Drop the last choice: %s"), words),
			    n > 0 ? xasprintf(ngettext("Then you see %ld offer",
			    "Then you see %ld offers", n), n) : NULL);
			free(words);
		}
		kiosk_screen_list_way(d, KIOSK_LIST_WAY_CHANGE,
		    xstrdup(_("Change your choices")), NULL);
	}
	kiosk_screen_list_way(d, KIOSK_LIST_WAY_STAFF,
	    xstrdup(_("Ask staff to help you look")), NULL);
}

/* The title without the count, in the interface language. */
static void
kiosk_screen_list_name(struct kiosk_screen_list *d)
{
	char *name = kiosk_ask_title_say(d->app, &d->origin);

	free(d->title);
	d->title = kiosk_width_sanitize(name, 0);
	explicit_bzero(name, strlen(name));
	free(name);
}

/* The title with the number of offers: "Care · 12 offers", "1000+". */
static void
kiosk_screen_list_count(struct kiosk_screen_list *d, long n, int capped)
{
	char *count, *title;

	if (d->screen == NULL)
		return;
	count = kiosk_filter_offers(n, capped);
	title = xasprintf("%s \xc2\xb7 %s", d->title, count);
	if (d->screen->title == NULL || strcmp(d->screen->title, title) != 0)
		kiosk_screen_set_title(d->screen, title, NULL);
	free(title);
	free(count);
}

static void
kiosk_screen_list_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_list	*d = ctx;
	struct catalog_query		 q;
	char				*cause = NULL;

	kiosk_filter_query(&d->f, d->app, &q);
	d->nothing = 0;
	if (kiosk_hits_fetch(d->app, &q, l, &d->hits, &cause) != 0) {
		free(cause);
		kiosk_screen_list_set_lead(d, xstrdup(_("The list cannot be "
		    "read right now. Please ask a staff member.")));
		kiosk_screen_list_count(d, -1, 0);
		return;
	}
	kiosk_screen_list_count(d, (long)l->total, d->hits.capped);
	if (l->total > 0) {
		kiosk_screen_list_set_lead(d, NULL);
		return;
	}
	d->nothing = 1;
	kiosk_screen_list_nothing(d);
	kiosk_list_show(l, d->ways, d->nways);
}

static void
kiosk_screen_list_button(struct kiosk_screen_list *d)
{
	char *summary, *label;

	if (kiosk_filter_count(&d->f) == 0)
		label = xstrdup(_("Narrow down: answer a few questions"));
	else {
		summary = kiosk_filter_summary(&d->f, d->app->fmt);
		label = xasprintf(_("Your choices: %s"), summary);
		free(summary);
	}
	kiosk_button_set(&d->choices, label);
	free(label);
}

static void
kiosk_screen_list_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_list	*d = s->data;
	int				 bh, gap, y, h;

	if (memcmp(&d->f, &d->seen, sizeof d->f) != 0) {
		kiosk_list_rewind(&d->list);
		d->seen = d->f;
	}
	kiosk_screen_list_button(d);
	bh = kiosk_layout_button_h(s->h, app->desk);
	gap = kiosk_layout_gap(s->h);
	kiosk_button_place(&d->choices, s->y, s->x, bh, s->w);
	y = s->y + bh + gap;
	h = s->h - bh - gap;
	d->lead_changed = 0;
	kiosk_list_layout(&d->list, y, s->x, h, s->w, app->desk);
	if (d->lead_changed)
		kiosk_list_layout(&d->list, y, s->x, h, s->w, app->desk);
	if (kiosk_focus_on(&d->fc, KIOSK_LIST_CHOICES))
		kiosk_list_focus(&d->list, 0);
}

static void
kiosk_screen_list_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_list *d = s->data;

	(void)app;
	kiosk_list_draw(&d->list, &s->cy, &s->cx);
	kiosk_button_draw(&d->choices, kiosk_focus_on(&d->fc,
	    KIOSK_LIST_CHOICES), &s->cy, &s->cx);
}

static void
kiosk_screen_list_reload(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_list *d = s->data;

	/* The language may have changed under it (an enrolment). */
	kiosk_screen_list_name(d);
	kiosk_screen_list_layout(s, app);
}

/* Row i chosen: open the entry, or take a way out. */
static void
kiosk_screen_list_open(struct kiosk_screen *s, struct kiosk_app *app,
    size_t i)
{
	struct kiosk_screen_list *d = s->data;

	if (d->nothing) {
		if (i >= d->nways)
			return;
		switch (d->way_kind[i]) {
		case KIOSK_LIST_WAY_DROP:
			kiosk_filter_drop(&d->f, kiosk_filter_last(&d->f));
			kiosk_screen_list_layout(s, app);
			break;
		case KIOSK_LIST_WAY_CHANGE:
			kiosk_screen_ask_change(app, &d->f);
			break;
		case KIOSK_LIST_WAY_STAFF:
			kiosk_app_activate(app, KIOSK_BAR_STAFF);
			break;
		}
		return;
	}
	i -= d->list.first;
	if (i < d->hits.n)
		kiosk_app_push(app, kiosk_screen_detail_new(app,
		    d->hits.ids[i]));
}

static int
kiosk_screen_list_key(struct kiosk_screen *s, struct kiosk_app *app,
    int is_key, wint_t ch)
{
	struct kiosk_screen_list	*d = s->data;
	int				 on_button;
	size_t				 i;

	on_button = kiosk_focus_on(&d->fc, KIOSK_LIST_CHOICES);
	if ((!is_key && ch == '0') || (on_button && ((!is_key &&
	    (ch == '\r' || ch == '\n')) || (is_key && ch == KEY_ENTER)))) {
		kiosk_screen_ask_change(app, &d->f);
		return 1;
	}
	if (on_button) {
		if (!is_key && ch >= '1' && ch <= '9')
			/* A digit chooses a row. */
			kiosk_focus_set(&d->fc, KIOSK_LIST_ROWS, 0);
		else
			return kiosk_focus_move(&d->fc, is_key, ch);
	}
	switch (kiosk_list_key(&d->list, is_key, ch, &i)) {
	case KIOSK_LIST_CHOSEN:
		kiosk_screen_list_open(s, app, i);
		return 1;
	case KIOSK_LIST_HANDLED:
		if (d->list.focus >= 0)
			d->fc.cur = KIOSK_LIST_ROWS;
		return 1;
	case KIOSK_LIST_UNHANDLED:
		break;
	}
	/* Up from the first row of the first page: the button. */
	if (is_key && (ch == KEY_UP || ch == KEY_BTAB) &&
	    d->list.focus <= 0 && d->list.first == 0) {
		kiosk_focus_set(&d->fc, KIOSK_LIST_CHOICES, 0);
		return 1;
	}
	return 0;
}

static int
kiosk_screen_list_hit(struct kiosk_screen *s, int y, int x)
{
	struct kiosk_screen_list *d = s->data;

	return kiosk_focus_hit(&d->fc, y, x);
}

static void
kiosk_screen_list_click(struct kiosk_screen *s, struct kiosk_app *app,
    int target)
{
	struct kiosk_screen_list	*d = s->data;
	size_t				 i;
	int				 own;

	switch (kiosk_focus_target(&d->fc, target, &own)) {
	case KIOSK_LIST_CHOICES:
		kiosk_screen_ask_change(app, &d->f);
		break;
	case KIOSK_LIST_ROWS:
		kiosk_focus_set(&d->fc, KIOSK_LIST_ROWS, 0);
		if (kiosk_list_click(&d->list, own, &i) == KIOSK_LIST_CHOSEN)
			kiosk_screen_list_open(s, app, i);
		break;
	}
}

static void
kiosk_screen_list_focus(struct kiosk_screen *s, int where)
{
	struct kiosk_screen_list *d = s->data;

	kiosk_focus_enter(&d->fc, where);
}

/* "Number 0: Your choices: ...", then the rows (or the ways out). */
static char *
kiosk_screen_list_speak(struct kiosk_screen *s, struct kiosk_app *app,
    int focus_only)
{
	struct kiosk_screen_list	*d = s->data;

	(void)app;
	return kiosk_speech_with_button(&d->list, &d->choices,
	    kiosk_focus_on(&d->fc, KIOSK_LIST_CHOICES), focus_only);
}

static void
kiosk_screen_list_free(struct kiosk_screen *s)
{
	struct kiosk_screen_list *d = s->data;

	kiosk_list_done(&d->list);
	kiosk_hits_done(&d->hits);
	kiosk_screen_list_ways_clear(d);
	kiosk_button_done(&d->choices);
	kiosk_filter_wipe(&d->f);
	kiosk_filter_wipe(&d->seen);
	free(d->lead);
	free(d->title);
	explicit_bzero(&d->origin, sizeof d->origin);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_list_ops = {
	.layout = kiosk_screen_list_layout,
	.draw = kiosk_screen_list_draw,
	.key = kiosk_screen_list_key,
	.hit = kiosk_screen_list_hit,
	.click = kiosk_screen_list_click,
	.focus = kiosk_screen_list_focus,
	.reload = kiosk_screen_list_reload,
	.free = kiosk_screen_list_free,
	.speak = kiosk_screen_list_speak,
};

struct kiosk_screen *
kiosk_screen_list_new(struct kiosk_app *app, const struct kiosk_filter *f,
    const struct kiosk_ask_title *title)
{
	struct kiosk_screen_list *d = xcalloc(1, sizeof *d);

	d->app = app;
	d->f = *f;
	d->seen = *f;
	d->origin = *title;
	kiosk_screen_list_name(d);
	kiosk_button_init(&d->choices, '0');
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_screen_list_fetch,
	    d);
	kiosk_focus_init(&d->fc);
	kiosk_focus_add(&d->fc, KIOSK_FOCUS_BUTTON, &d->choices);
	kiosk_focus_add(&d->fc, KIOSK_FOCUS_LIST, &d->list);
	d->fc.cur = d->list.focus >= 0 ? KIOSK_LIST_ROWS : -1;
	d->screen = kiosk_screen_new(&kiosk_screen_list_ops, d->title, d);
	return d->screen;
}
