/*
 * screen_lang: the first screen. Every language in its own name and
 * script, the title asks in every language at once, so nobody needs to
 * read the current interface language to get started.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/lang.h"
#include "kiosk/screen.h"
#include "kiosk/widget_list.h"

struct kiosk_screen_lang {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_list_item	*items;
	size_t			 n;
};

static void
kiosk_screen_lang_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_lang *d = ctx;

	l->total = d->n;
	l->items = d->items + (l->first < d->n ? l->first : d->n);
	l->n = l->first < d->n ? d->n - l->first : 0;
}

static void
kiosk_screen_lang_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_lang *d = s->data;

	kiosk_list_layout(&d->list, s->y, s->x, s->h, s->w, app->desk);
}

static void
kiosk_screen_lang_choose(struct kiosk_app *app, size_t i)
{
	const struct kiosk_lang_info	*t;
	size_t				 n;

	t = kiosk_lang_table(&n);
	if (i >= n)
		return;
	kiosk_app_set_lang(app, t[i].code);
	kiosk_app_push(app, kiosk_screen_home_new(app));
}

static int
kiosk_screen_lang_key(struct kiosk_screen *s, struct kiosk_app *app,
    int is_key, wint_t ch)
{
	struct kiosk_screen_lang	*d = s->data;
	size_t				 i;

	switch (kiosk_list_key(&d->list, is_key, ch, &i)) {
	case KIOSK_LIST_CHOSEN:
		kiosk_screen_lang_choose(app, i);
		return 1;
	case KIOSK_LIST_HANDLED:
		return 1;
	case KIOSK_LIST_UNHANDLED:
		break;
	}
	return 0;
}

static void
kiosk_screen_lang_click(struct kiosk_screen *s, struct kiosk_app *app,
    int target)
{
	struct kiosk_screen_lang	*d = s->data;
	size_t				 i;

	if (kiosk_list_click(&d->list, target, &i) == KIOSK_LIST_CHOSEN)
		kiosk_screen_lang_choose(app, i);
}

static void
kiosk_screen_lang_free(struct kiosk_screen *s)
{
	struct kiosk_screen_lang *d = s->data;

	kiosk_list_done(&d->list);
	kiosk_list_items_free(d->items, d->n);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_lang_ops = {
	.layout = kiosk_screen_lang_layout,
	.draw = kiosk_screen_draw_list,
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
	struct kiosk_screen		*s;
	char				*title = NULL, *next;
	size_t				 i;

	(void)app;
	t = kiosk_lang_table(&d->n);
	d->items = xcalloc(d->n, sizeof *d->items);
	for (i = 0; i < d->n; i++) {
		d->items[i].label = xstrdup(t[i].name);
		next = title == NULL ? xstrdup(t[i].prompt) :
		    xasprintf("%s \xc2\xb7 %s", title, t[i].prompt);
		free(title);
		title = next;
	}
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_screen_lang_fetch,
	    d);
	s = kiosk_screen_new(&kiosk_screen_lang_ops, title, d);
	free(title);
	return s;
}
