/*
 * screen: the part every screen shares (see screen.h).
 */
#include "config.h"

#include <stdlib.h>

#include "catalog/xmalloc.h"
#include "kiosk/bidi.h"
#include "kiosk/screen.h"
#include "kiosk/widget_list.h"
#include "kiosk/width.h"

struct kiosk_screen *
kiosk_screen_new(const struct kiosk_screen_ops *ops, const char *title,
    void *data)
{
	struct kiosk_screen *s = xcalloc(1, sizeof *s);

	s->ops = ops;
	s->data = data;
	s->cy = s->cx = -1;
	kiosk_screen_set_title(s, title, NULL);
	return s;
}

void
kiosk_screen_set_title(struct kiosk_screen *s, const char *title,
    const char *mark)
{
	free(s->title);
	free(s->title_mark);
	free(s->title_said);
	s->title_said = NULL;
	s->title = kiosk_width_sanitize(title, 0);
	s->title_mark = mark != NULL ? kiosk_width_sanitize(mark, 0) : NULL;
	s->title_dir = KIOSK_BIDI_SCREEN;
}

void
kiosk_screen_set_title_said(struct kiosk_screen *s, char *said)
{
	free(s->title_said);
	s->title_said = said;
}

void
kiosk_screen_free(struct kiosk_screen *s)
{
	if (s == NULL)
		return;
	free(s->title);
	free(s->title_mark);
	free(s->title_said);
	free(s);
}

void
kiosk_screen_draw_list(struct kiosk_screen *s, struct kiosk_app *app)
{
	(void)app;
	kiosk_list_draw(s->data, &s->cy, &s->cx);
}

int
kiosk_screen_hit_list(struct kiosk_screen *s, int y, int x)
{
	return kiosk_list_hit(s->data, y, x);
}

void
kiosk_screen_focus_list(struct kiosk_screen *s, int where)
{
	kiosk_list_focus(s->data, where);
}

int
kiosk_screen_key_list(struct kiosk_screen *s, struct kiosk_app *app,
    int is_key, wint_t ch, kiosk_screen_choose_fn choose)
{
	size_t i;

	switch (kiosk_list_key(s->data, is_key, ch, &i)) {
	case KIOSK_LIST_CHOSEN:
		choose(s, app, i);
		return 1;
	case KIOSK_LIST_HANDLED:
		return 1;
	case KIOSK_LIST_UNHANDLED:
		break;
	}
	return 0;
}

void
kiosk_screen_click_list(struct kiosk_screen *s, struct kiosk_app *app,
    int target, kiosk_screen_choose_fn choose)
{
	size_t i;

	if (kiosk_list_click(s->data, target, &i) == KIOSK_LIST_CHOSEN)
		choose(s, app, i);
}
