/*
 * screen_voice: the "Voice" screen (bar item Voice, shown while Read
 * aloud is on): numbered choices Louder, Softer, Slower, Normal speed,
 * Pause or continue, Say it again; the lead says the volume and speed
 * now. Each choice does what the matching key does (voice.h) and says
 * the new state.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/lang.h"
#include "kiosk/screen.h"
#include "kiosk/voice.h"
#include "kiosk/widget_list.h"

#define KIOSK_SV_N 6

struct kiosk_screen_voice {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_app	*app;
	struct kiosk_list_item	 items[KIOSK_SV_N];
};

static const enum kiosk_voice_action kiosk_sv_actions[KIOSK_SV_N] = {
	KIOSK_VOICE_LOUDER, KIOSK_VOICE_SOFTER, KIOSK_VOICE_SLOWER,
	KIOSK_VOICE_NORMAL_SPEED, KIOSK_VOICE_PAUSE, KIOSK_VOICE_REPEAT
};

static void
kiosk_sv_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_voice *d = ctx;

	kiosk_list_show(l, d->items, KIOSK_SV_N);
}

/* Labels (with the key) and the lead for the state now. */
static void
kiosk_sv_build(struct kiosk_screen_voice *d)
{
	static const char *const keys[KIOSK_SV_N] = {
		"F5", "F4", "F6", "F7", "F8", "F3"
	};
	const char	*labels[KIOSK_SV_N];
	char		*state;
	size_t		 i;

	labels[0] = _("Louder");
	labels[1] = _("Softer");
	labels[2] = _("Slower");
	labels[3] = _("Normal speed");
	labels[4] = d->app->voice.paused ? _("Continue") : _("Pause");
	labels[5] = _("Say it again");
	for (i = 0; i < KIOSK_SV_N; i++) {
		free(d->items[i].label);
		free(d->items[i].detail);
		memset(&d->items[i], 0, sizeof d->items[i]);
		d->items[i].label = xstrdup(labels[i]);
		/* TRANSLATORS: the key that does the same, e.g. "Key: F5". */
		d->items[i].detail = xasprintf(_("Key: %s"), keys[i]);
	}
	state = kiosk_voice_state(d->app);
	kiosk_list_set_lead(&d->list, state, KIOSK_ROLE_TEXT);
	free(state);
}

static void
kiosk_sv_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_voice *d = s->data;

	kiosk_sv_build(d);
	kiosk_list_layout(&d->list, s->y, s->x, s->h, s->w, app->desk);
}

static void
kiosk_sv_choose(struct kiosk_screen *s, struct kiosk_app *app, size_t i)
{
	if (i >= KIOSK_SV_N)
		return;
	kiosk_voice_do(app, kiosk_sv_actions[i]);
	kiosk_sv_layout(s, app);
}

static int
kiosk_sv_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	return kiosk_screen_key_list(s, app, is_key, ch, kiosk_sv_choose);
}

static void
kiosk_sv_click(struct kiosk_screen *s, struct kiosk_app *app, int target)
{
	kiosk_screen_click_list(s, app, target, kiosk_sv_choose);
}

static void
kiosk_sv_free(struct kiosk_screen *s)
{
	struct kiosk_screen_voice	*d = s->data;
	size_t				 i;

	for (i = 0; i < KIOSK_SV_N; i++) {
		free(d->items[i].label);
		free(d->items[i].detail);
	}
	kiosk_list_done(&d->list);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_voice_ops = {
	.layout = kiosk_sv_layout,
	.draw = kiosk_screen_draw_list,
	.key = kiosk_sv_key,
	.hit = kiosk_screen_hit_list,
	.click = kiosk_sv_click,
	.focus = kiosk_screen_focus_list,
	.free = kiosk_sv_free,
};

int
kiosk_screen_is_voice(const struct kiosk_screen *s)
{
	return s->ops == &kiosk_screen_voice_ops;
}

struct kiosk_screen *
kiosk_screen_voice_new(struct kiosk_app *app)
{
	struct kiosk_screen_voice *d = xcalloc(1, sizeof *d);

	d->app = app;
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_sv_fetch, d);
	kiosk_sv_build(d);
	return kiosk_screen_new(&kiosk_screen_voice_ops, _("Voice"), d);
}
