/*
 * screen_lang: the first screen. Every language in its own name and
 * script, the title asks in every language at once, so nobody needs to
 * read the current interface language to get started. The bottom rows
 * say how long the kiosk waits before it starts again (WCAG 2.2.6), in
 * rows the choices leave free where they fit. On a narrow screen the
 * title holds the prompts that fit whole: half a question helps nobody.
 * With statistics = yes the note also says, in plain words, that the
 * kiosk counts its use and never keeps who you are (kiosk/stats.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/lang.h"
#include "kiosk/layout.h"
#include "kiosk/screen.h"
#include "kiosk/speech.h"
#include "kiosk/stats.h"
#include "kiosk/widget_list.h"

struct kiosk_screen_lang {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_screen	*screen;
	struct kiosk_list_item	*items;
	size_t			 n;
	char			*note;		/* the idle time, sanitised */
	struct kiosk_width_line	*note_lines;
	size_t			 nnote;
	int			 note_y;
	int			 pick;		/* over a form: come back */
};

static void
kiosk_screen_lang_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_lang *d = ctx;

	kiosk_list_show(l, d->items, d->n);
}

/* The title: "Kies een taal · Choose a language · ..." with the prompts
 * that fit in w columns (the first one at least), the one of the screen's
 * language first (F2 from an Arabic screen asks in Arabic first). */
static size_t
kiosk_screen_lang_title(struct kiosk_screen_lang *d, const char *lang,
    int w, char **rest)
{
	const struct kiosk_lang_info	*t;
	char				*title = NULL, *next, *said = NULL;
	char				*piece;
	size_t				 i, n, k, first = 0, used = 0;

	t = kiosk_lang_table(&n);
	for (i = 0; i < n; i++) {
		if (strcmp(t[i].code, lang) == 0)
			first = i;
	}
	for (k = 0; k < n; k++) {
		/* first, then the others in their order */
		i = k == 0 ? first : k <= first ? k - 1 : k;
		next = title == NULL ? xstrdup(t[i].prompt) :
		    xasprintf("%s \xc2\xb7 %s", title, t[i].prompt);
		if (title != NULL && (used < k ||
		    kiosk_width_cols(next, strlen(next)) > w)) {
			free(next);
			/* The prompts the title row has no room for. */
			if (rest != NULL) {
				next = *rest == NULL ? xstrdup(t[i].prompt) :
				    xasprintf("%s \xc2\xb7 %s", *rest,
				    t[i].prompt);
				free(*rest);
				*rest = next;
			}
		} else {
			free(title);
			title = next;
			used++;
		}
		/* Read aloud says each prompt in its own language, as a
		 * sentence of its own (not the dot between them). */
		next = xasprintf("%s.", t[i].prompt);
		/* (all of them, in the title row or the lead) */
		piece = kiosk_speech_in(t[i].code, next);
		free(next);
		next = said == NULL ? xstrdup(piece) :
		    xasprintf("%s %s", said, piece);
		free(piece);
		free(said);
		said = next;
	}
	if (title != NULL) {
		kiosk_screen_set_title(d->screen, title, NULL);
		kiosk_screen_set_title_said(d->screen, said);
	} else
		free(said);
	free(title);
	return used;
}

static void
kiosk_screen_lang_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_lang	*d = s->data;
	struct kiosk_list		*l = &d->list;
	char				*note, *rest;
	size_t				 per_page;
	int				 end, n, ncols;

	rest = NULL;
	kiosk_screen_lang_title(d, app->lang, s->w, &rest);
	/* From 80x24 up the question stands in all eight languages: the
	 * prompts the title row leaves out lead the choices. */
	kiosk_list_set_lead(l, s->h >= 18 ? rest : NULL, KIOSK_ROLE_HEADING);
	free(rest);
	note = xasprintf(ngettext("The screen starts again after %d second "
	    "without use.", "The screen starts again after %d seconds "
	    "without use.", app->idle_timeout + KIOSK_APP_WARNING_SECONDS),
	    /* the real time: the idle time and then the warning's count */
	    app->idle_timeout + KIOSK_APP_WARNING_SECONDS);
	if (kiosk_stats_on(app)) {
		/* statistics = yes: say what is counted (stats.h). */
		char *both = xasprintf("%s %s", note, _("This kiosk counts, "
		    "per day, how often it is used and what people look for. "
		    "It never keeps your name or anything that shows who you "
		    "are."));

		free(note);
		note = both;
	}
	free(d->note);
	d->note = kiosk_width_sanitize(note, 0);
	free(note);
	free(d->note_lines);
	d->note_lines = NULL;
	d->nnote = kiosk_width_wrap(d->note, s->w, &d->note_lines);
	n = (int)d->nnote;
	if (n > s->h / 3)
		n = d->nnote = 0;
	kiosk_list_layout(l, s->y, s->x, s->h, s->w, app->desk);
	per_page = l->per_page;
	ncols = l->ncols > 1 ? l->ncols : 1;
	end = l->items_y + ((int)l->n + ncols - 1) / ncols *
	    (l->block_h + l->gap) - l->gap;
	if (n > 0 && (l->total > l->per_page || end > s->y + s->h - n)) {
		kiosk_list_layout(l, s->y, s->x, s->h - n -
		    kiosk_layout_gap(s->h),
		    s->w, app->desk);
		/*
		 * Choosing a language comes first: on a small screen the note
		 * may not cost a page of languages (the idle warning itself
		 * still says how long is left).
		 */
		if ((l->total + l->per_page - 1) / l->per_page >
		    (l->total + per_page - 1) / per_page) {
			n = 0;
			d->nnote = 0;
			kiosk_list_layout(l, s->y, s->x, s->h, s->w,
			    app->desk);
		}
	}
	d->note_y = s->y + s->h - n;
}

static void
kiosk_screen_lang_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_lang	*d = s->data;
	size_t				 i;

	kiosk_screen_draw_list(s, app);
	for (i = 0; i < d->nnote; i++)
		kiosk_ui_text(d->note_y + (int)i, s->x, s->w,
		    d->note + d->note_lines[i].off, d->note_lines[i].len,
		    kiosk_ui_attr(KIOSK_ROLE_TEXT));
}

static void
kiosk_screen_lang_choose(struct kiosk_screen *s, struct kiosk_app *app,
    size_t i)
{
	const struct kiosk_lang_info	*t;
	size_t				 n;

	t = kiosk_lang_table(&n);
	if (i >= n)
		return;
	if (((struct kiosk_screen_lang *)s->data)->pick) {
		kiosk_app_lang_back(app, t[i].code);
		return;
	}
	kiosk_app_set_lang(app, t[i].code);
	kiosk_stats_count(app, CATALOG_STATS_LANGUAGE, t[i].code);
	kiosk_app_push(app, kiosk_screen_home_new(app));
}

static int
kiosk_screen_lang_key(struct kiosk_screen *s, struct kiosk_app *app,
    int is_key, wint_t ch)
{
	return kiosk_screen_key_list(s, app, is_key, ch,
	    kiosk_screen_lang_choose);
}

static void
kiosk_screen_lang_click(struct kiosk_screen *s, struct kiosk_app *app,
    int target)
{
	kiosk_screen_click_list(s, app, target, kiosk_screen_lang_choose);
}

static void
kiosk_screen_lang_free(struct kiosk_screen *s)
{
	struct kiosk_screen_lang *d = s->data;

	kiosk_list_done(&d->list);
	kiosk_list_items_free(d->items, d->n);
	free(d->note);
	free(d->note_lines);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_lang_ops = {
	.layout = kiosk_screen_lang_layout,
	.draw = kiosk_screen_lang_draw,
	.key = kiosk_screen_lang_key,
	.hit = kiosk_screen_hit_list,
	.click = kiosk_screen_lang_click,
	.focus = kiosk_screen_focus_list,
	.free = kiosk_screen_lang_free,
};

struct kiosk_screen *
kiosk_screen_lang_new(struct kiosk_app *app)
{
	struct kiosk_screen_lang	*d = xcalloc(1, sizeof *d);
	const struct kiosk_lang_info	*t;
	size_t				 i;

	t = kiosk_lang_table(&d->n);
	d->items = xcalloc(d->n, sizeof *d->items);
	for (i = 0; i < d->n; i++) {
		d->items[i].label = xstrdup(t[i].name);
		/* each name is read aloud in its own language */
		snprintf(d->items[i].lang, sizeof d->items[i].lang, "%s",
		    t[i].code);
	}
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_screen_lang_fetch,
	    d);
	/* All eight at once where they fit (a grid), else as few pages as
	 * possible, turned with arrows that need no reading. */
	d->list.columns = 4;
	d->list.col_min_w = 18;
	d->list.arrows = 1;
	d->screen = kiosk_screen_new(&kiosk_screen_lang_ops, "", d);
	kiosk_screen_lang_title(d, app->lang, INT32_MAX, NULL);
	return d->screen;
}

struct kiosk_screen *
kiosk_screen_lang_pick_new(struct kiosk_app *app)
{
	struct kiosk_screen		*s = kiosk_screen_lang_new(app);
	struct kiosk_screen_lang	*d = s->data;

	d->pick = 1;
	/* Over staff screens: leaves with them. */
	s->staff_only = 1;
	return s;
}
