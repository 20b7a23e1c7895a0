/*
 * screen_notice: a message and one choice to go back. Used by Read aloud
 * and Ask staff, which say plainly what they can and cannot do.
 */
#include "config.h"

#include <stdlib.h>

#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/lang.h"
#include "kiosk/screen.h"
#include "kiosk/widget_list.h"

struct kiosk_screen_notice {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_list_item	 ok;
};

static void
kiosk_notice_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_notice *d = ctx;

	l->total = 1;
	l->items = &d->ok;
	l->n = 1;
}

static void
kiosk_notice_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_notice *d = s->data;

	kiosk_list_layout(&d->list, s->y, s->x, s->h, s->w, app->desk);
}

/* The notice has one choice, OK: it goes back. */
static void
kiosk_notice_choose(struct kiosk_screen *s, struct kiosk_app *app, size_t i)
{
	(void)s;
	(void)i;
	kiosk_app_back(app);
}

static int
kiosk_notice_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	return kiosk_screen_key_list(s, app, is_key, ch, kiosk_notice_choose);
}

static void
kiosk_notice_click(struct kiosk_screen *s, struct kiosk_app *app, int target)
{
	kiosk_screen_click_list(s, app, target, kiosk_notice_choose);
}

static void
kiosk_notice_free(struct kiosk_screen *s)
{
	struct kiosk_screen_notice *d = s->data;

	kiosk_list_done(&d->list);
	free(d->ok.label);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_notice_ops = {
	.layout = kiosk_notice_layout,
	.draw = kiosk_screen_draw_list,
	.key = kiosk_notice_key,
	.hit = kiosk_screen_hit_list,
	.click = kiosk_notice_click,
	.focus = kiosk_screen_focus_list,
	.free = kiosk_notice_free,
};

struct kiosk_screen *
kiosk_screen_notice_new(struct kiosk_app *app, const char *title,
    const char *text)
{
	struct kiosk_screen_notice *d = xcalloc(1, sizeof *d);

	(void)app;
	d->ok.label = xstrdup(_("OK, go back"));
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_notice_fetch, d);
	kiosk_list_set_lead(&d->list, text, KIOSK_ROLE_WARNING);
	return kiosk_screen_new(&kiosk_screen_notice_ops, title, d);
}
