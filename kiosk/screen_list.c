/*
 * screen_list: the entries of one theme, a page at a time, each row with
 * title, place, start and cost. An empty theme says so in plain words.
 * The page is read again when the catalogue changes; the anchor of the
 * list keeps the person on the same entry number.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/search.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/hits.h"
#include "kiosk/lang.h"
#include "kiosk/screen.h"
#include "kiosk/widget_list.h"

struct kiosk_screen_list {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_app	*app;
	char			*theme;
	struct kiosk_hits	 hits;
	const char		*lead;		/* current lead message */
	int			 lead_changed;
};

static void
kiosk_screen_list_set_lead(struct kiosk_screen_list *d, const char *lead)
{
	if (lead == d->lead)
		return;
	d->lead = lead;
	d->lead_changed = 1;
	kiosk_list_set_lead(&d->list, lead, KIOSK_ROLE_TEXT);
}

static void
kiosk_screen_list_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_list	*d = ctx;
	struct catalog_query		 q;
	char				*cause = NULL;

	catalog_query_init(&q);
	q.theme = d->theme;
	if (kiosk_hits_fetch(d->app, &q, l, &d->hits, &cause) != 0) {
		free(cause);
		kiosk_screen_list_set_lead(d, _("The list cannot be read "
		    "right now. Please ask a staff member."));
		return;
	}
	kiosk_screen_list_set_lead(d, l->total == 0 ? _("There is nothing "
	    "in this theme right now. New offers come in often. Go back to "
	    "choose another theme, or ask staff.") : NULL);
}

static void
kiosk_screen_list_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_list *d = s->data;

	d->lead_changed = 0;
	kiosk_list_layout(&d->list, s->y, s->x, s->h, s->w, app->desk);
	if (d->lead_changed)
		kiosk_list_layout(&d->list, s->y, s->x, s->h, s->w,
		    app->desk);
}

static void
kiosk_screen_list_reload(struct kiosk_screen *s, struct kiosk_app *app)
{
	kiosk_screen_list_layout(s, app);
}

static void
kiosk_screen_list_open(struct kiosk_screen_list *d, struct kiosk_app *app,
    size_t i)
{
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
	size_t				 i;

	switch (kiosk_list_key(&d->list, is_key, ch, &i)) {
	case KIOSK_LIST_CHOSEN:
		kiosk_screen_list_open(d, app, i);
		return 1;
	case KIOSK_LIST_HANDLED:
		return 1;
	case KIOSK_LIST_UNHANDLED:
		break;
	}
	return 0;
}

static void
kiosk_screen_list_click(struct kiosk_screen *s, struct kiosk_app *app,
    int target)
{
	struct kiosk_screen_list	*d = s->data;
	size_t				 i;

	if (kiosk_list_click(&d->list, target, &i) == KIOSK_LIST_CHOSEN)
		kiosk_screen_list_open(d, app, i);
}

static void
kiosk_screen_list_free(struct kiosk_screen *s)
{
	struct kiosk_screen_list *d = s->data;

	kiosk_list_done(&d->list);
	kiosk_hits_done(&d->hits);
	free(d->theme);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_list_ops = {
	.layout = kiosk_screen_list_layout,
	.draw = kiosk_screen_draw_list,
	.key = kiosk_screen_list_key,
	.hit = kiosk_screen_hit_list,
	.click = kiosk_screen_list_click,
	.focus = kiosk_screen_focus_list,
	.reload = kiosk_screen_list_reload,
	.free = kiosk_screen_list_free,
};

struct kiosk_screen *
kiosk_screen_list_new(struct kiosk_app *app, const char *theme_key,
    const char *label)
{
	struct kiosk_screen_list *d = xcalloc(1, sizeof *d);

	d->app = app;
	d->theme = xstrdup(theme_key);
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_screen_list_fetch,
	    d);
	return kiosk_screen_new(&kiosk_screen_list_ops, label, d);
}
