/*
 * screen_idle: the full-screen warning before the idle reset. It counts
 * down (at least 20 s, WCAG 2.2.1) and has one large choice, "I am still
 * here"; any key or touch counts as that choice. When the count reaches
 * zero, tick() asks the app to reset. The app rings the terminal bell as
 * it appears; with speech on, the warning is read aloud (speak()).
 */
#include "config.h"

#include <stdlib.h>

#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/lang.h"
#include "kiosk/layout.h"
#include "kiosk/screen.h"
#include "kiosk/speech.h"
#include "kiosk/widget_list.h"

struct kiosk_screen_idle {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_list_item	 here;
	int			 left;		/* seconds */
	int			 title_h;
};

static void
kiosk_idle_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_idle *d = ctx;

	l->total = 1;
	l->items = &d->here;
	l->n = 1;
}

static void
kiosk_idle_set_lead(struct kiosk_screen_idle *d)
{
	char *text;

	text = xasprintf(ngettext("Nobody has touched the screen for a while. "
	    "In %d second the kiosk starts again for the next person. "
	    "What you did here will be cleared.",
	    "Nobody has touched the screen for a while. "
	    "In %d seconds the kiosk starts again for the next person. "
	    "What you did here will be cleared.", d->left), d->left);
	kiosk_list_set_lead(&d->list, text, KIOSK_ROLE_WARNING);
	free(text);
}

static void
kiosk_idle_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_idle *d = s->data;

	d->title_h = kiosk_layout_button_h(s->h, 0);
	kiosk_list_layout(&d->list, s->y + d->title_h + 1, s->x,
	    s->h - d->title_h - 1, s->w, app->desk);
}

static void
kiosk_idle_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_idle *d = s->data;

	(void)app;
	kiosk_ui_fill(s->y, 0, d->title_h, s->x * 2 + s->w,
	    KIOSK_ROLE_WARNING);
	kiosk_ui_str(s->y + d->title_h / 2, s->x, s->w, s->title,
	    kiosk_ui_attr(KIOSK_ROLE_WARNING));
	kiosk_list_draw(&d->list, &s->cy, &s->cx);
}

static int
kiosk_idle_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	(void)s;
	(void)is_key;
	(void)ch;
	kiosk_app_back(app);
	return 1;
}

static int
kiosk_idle_hit(struct kiosk_screen *s, int y, int x)
{
	(void)s;
	(void)y;
	(void)x;
	return 0;
}

static void
kiosk_idle_click(struct kiosk_screen *s, struct kiosk_app *app, int target)
{
	(void)s;
	(void)target;
	kiosk_app_back(app);
}

static void
kiosk_idle_focus(struct kiosk_screen *s, int where)
{
	(void)s;
	(void)where;
}

static int
kiosk_idle_tick(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_idle *d = s->data;

	if (--d->left <= 0)
		return 2;
	kiosk_idle_set_lead(d);
	kiosk_idle_layout(s, app);
	return 1;
}

/* The warning and its one choice (this screen is not a list screen). */
static char *
kiosk_idle_speak(struct kiosk_screen *s, struct kiosk_app *app,
    int focus_only)
{
	struct kiosk_screen_idle *d = s->data;

	(void)app;
	return kiosk_speech_list_text(&d->list, focus_only);
}

static void
kiosk_idle_free(struct kiosk_screen *s)
{
	struct kiosk_screen_idle *d = s->data;

	kiosk_list_done(&d->list);
	free(d->here.label);
	free(d->here.detail);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_idle_ops = {
	.layout = kiosk_idle_layout,
	.draw = kiosk_idle_draw,
	.key = kiosk_idle_key,
	.hit = kiosk_idle_hit,
	.click = kiosk_idle_click,
	.focus = kiosk_idle_focus,
	.tick = kiosk_idle_tick,
	.free = kiosk_idle_free,
	.speak = kiosk_idle_speak,
};

struct kiosk_screen *
kiosk_screen_idle_new(struct kiosk_app *app, int seconds)
{
	struct kiosk_screen_idle	*d = xcalloc(1, sizeof *d);
	struct kiosk_screen		*s;

	(void)app;
	d->left = seconds;
	d->here.label = xstrdup(_("I am still here"));
	d->here.detail = xstrdup(_("Touch here or press any key"));
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_idle_fetch, d);
	kiosk_idle_set_lead(d);
	s = kiosk_screen_new(&kiosk_screen_idle_ops, _("Are you still there?"),
	    d);
	s->no_bar = 1;
	return s;
}
