/*
 * screen: the part every screen shares (see screen.h).
 */
#include "config.h"

#include <stdlib.h>

#include "catalog/xmalloc.h"
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
	s->title = kiosk_width_sanitize(title, 0);
	s->title_mark = mark != NULL ? kiosk_width_sanitize(mark, 0) : NULL;
}

void
kiosk_screen_free(struct kiosk_screen *s)
{
	if (s == NULL)
		return;
	free(s->title);
	free(s->title_mark);
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
