/*
 * screen_staff: the staff menu. The lead shows the state of things
 * without personal data: how long staff mode lasts without use, the
 * enrolment outbox (counts only, catalog_outbox_counts), how old the
 * catalogue is and its last successful sync (catalog_db_synced_at, local
 * time) and the outcome of "Send and update now".
 * The choices: enrol someone (go to the offers; an entry's screen then
 * has "1 Enrol someone"), send and update now, leave staff mode, quit
 * the kiosk, which is only possible here (or with --no-lock), and "A
 * headset is in use" (yes/no, in words): only with yes does Read aloud
 * say names, phone numbers and e-mail addresses (kiosk_speech_set_headset;
 * the end of staff mode and the idle reset set it back to no).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/db.h"
#include "catalog/outbox.h"
#include "catalog/syncinfo.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"
#include "kiosk/screen.h"
#include "kiosk/speech.h"
#include "kiosk/widget_list.h"

enum {
	KIOSK_STAFF_ENROL,
	KIOSK_STAFF_SYNC,
	KIOSK_STAFF_LEAVE,
	KIOSK_STAFF_QUIT,
	KIOSK_STAFF_HEADSET,
	KIOSK_STAFF_NCHOICES
};

struct kiosk_screen_staff {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_app	*app;
	struct kiosk_list_item	 items[KIOSK_STAFF_NCHOICES];
	char			*sync_error;	/* could not start, or NULL */
	char			*lead;
};

static void
kiosk_staff_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_staff *d = ctx;

	kiosk_list_show(l, d->items, KIOSK_STAFF_NCHOICES);
}

/* How old the catalogue is and when it was last synced, in words. */
static char *
kiosk_staff_synced(struct kiosk_app *app)
{
	struct tm	 tm;
	time_t		 t = 0;
	char		 day[16], hm[8], *date, *age, *s;

	if (catalog_db_synced_at(app->db, &t) != 0 ||
	    localtime_r(&t, &tm) == NULL) {
		age = kiosk_format_updated(1, 0);
		s = xasprintf(_("Catalogue: %s."), age);
		free(age);
		return s;
	}
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	strftime(hm, sizeof hm, "%H:%M", &tm);
	date = kiosk_format_date(app->fmt, day);
	age = kiosk_format_updated(0, t);
	s = xasprintf(_("Catalogue: %s (%s %s)."), age,
	    date != NULL ? date : day, hm);
	free(date);
	free(age);
	return s;
}

/* The status lines; 1 when they changed. */
static int
kiosk_staff_status(struct kiosk_screen_staff *d)
{
	struct kiosk_staff		*st = &d->app->staff;
	struct catalog_outbox_counts	 c;
	struct catalog_state		*state;
	char				*cause = NULL, *outbox, *synced, *sync;
	char				*lead;

	state = kiosk_staff_state(st, &cause);
	if (state == NULL || catalog_outbox_counts(state, &c, &cause) != 0) {
		outbox = xasprintf(_("Enrolments: cannot be read (%s)."),
		    cause);
		free(cause);
	} else
		outbox = xasprintf(_("Enrolments: %lld waiting, %lld to try "
		    "again, %lld sent."), (long long)c.queued,
		    (long long)c.failed, (long long)c.sent);
	synced = kiosk_staff_synced(d->app);
	if (d->sync_error != NULL)
		sync = xstrdup(d->sync_error);
	else if (kiosk_staff_sync_running(st))
		sync = xstrdup(_("Sending and updating now..."));
	else if (!st->ran)
		sync = xstrdup("");
	else if (st->status == 0)
		sync = xasprintf(_("Sync finished: %s"), st->line[0] != '\0' ?
		    st->line : _("all done"));
	else
		sync = xasprintf(_("Sync did not finish (status %d): %s"),
		    st->status, st->line);
	lead = xasprintf(_("Staff mode ends after %d seconds without use."
	    "\n%s\n%s\n%s"), st->idle, outbox, synced, sync);
	free(outbox);
	free(synced);
	free(sync);
	if (d->lead != NULL && strcmp(d->lead, lead) == 0) {
		free(lead);
		return 0;
	}
	free(d->lead);
	d->lead = lead;
	kiosk_list_set_lead(&d->list, lead, KIOSK_ROLE_TEXT);
	return 1;
}

static void
kiosk_staff_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	static const int		 rows[] = { 3, 2, 1 };
	struct kiosk_screen_staff	*d = s->data;
	size_t				 i;

	kiosk_staff_status(d);
	kiosk_list_layout(&d->list, s->y, s->x, s->h, s->w, app->desk);
	/* Every choice on one page, so its number always works: blocks of
	 * three or two rows (the hint wraps below the label, not cut) when
	 * they fit, else one row each. */
	for (i = 0; i < sizeof rows / sizeof rows[0] &&
	    d->list.per_page < KIOSK_STAFF_NCHOICES; i++) {
		d->list.desk_rows = rows[i];
		kiosk_list_layout(&d->list, s->y, s->x, s->h, s->w, 1);
	}
}

/* The headset choice says its state in words, not only by colour. */
static void
kiosk_staff_headset_label(struct kiosk_screen_staff *d)
{
	struct kiosk_list_item *it = &d->items[KIOSK_STAFF_HEADSET];

	free(it->label);
	free(it->detail);
	if (d->app->headset) {
		it->label = xstrdup(_("A headset is in use: yes"));
		it->detail = xstrdup(_("Names, phone numbers and e-mail "
		    "addresses are read aloud. Choose again to stop."));
	} else {
		it->label = xstrdup(_("A headset is in use: no"));
		it->detail = xstrdup(_("Choose this when the person listens "
		    "with a headset. Then names, phone numbers and e-mail "
		    "addresses are read aloud."));
	}
}

static void
kiosk_staff_choose(struct kiosk_screen *s, struct kiosk_app *app, size_t i)
{
	struct kiosk_screen_staff	*d = s->data;
	char				*cause = NULL;

	switch (i) {
	case KIOSK_STAFF_ENROL:
		kiosk_app_home(app);
		break;
	case KIOSK_STAFF_SYNC:
		free(d->sync_error);
		d->sync_error = NULL;
		if (kiosk_staff_sync_start(&app->staff, &cause) != 0)
			d->sync_error = cause;
		kiosk_staff_layout(s, app);
		break;
	case KIOSK_STAFF_LEAVE:
		kiosk_app_staff_end(app, NULL);
		break;
	case KIOSK_STAFF_QUIT:
		app->quit = 1;
		break;
	case KIOSK_STAFF_HEADSET:
		kiosk_speech_set_headset(app, !app->headset);
		kiosk_staff_headset_label(d);
		/* The focused choice changed its words: speech says them. */
		kiosk_staff_layout(s, app);
		break;
	}
}

static int
kiosk_staff_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	return kiosk_screen_key_list(s, app, is_key, ch, kiosk_staff_choose);
}

static void
kiosk_staff_click(struct kiosk_screen *s, struct kiosk_app *app, int target)
{
	kiosk_screen_click_list(s, app, target, kiosk_staff_choose);
}

static int
kiosk_staff_tick(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_staff *d = s->data;

	if (!kiosk_staff_status(d))
		return 0;
	kiosk_staff_layout(s, app);
	return 1;
}

static void
kiosk_staff_free(struct kiosk_screen *s)
{
	struct kiosk_screen_staff	*d = s->data;
	size_t				 i;

	kiosk_list_done(&d->list);
	for (i = 0; i < KIOSK_STAFF_NCHOICES; i++) {
		free(d->items[i].label);
		free(d->items[i].detail);
	}
	free(d->sync_error);
	free(d->lead);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_staff_ops = {
	.layout = kiosk_staff_layout,
	.draw = kiosk_screen_draw_list,
	.key = kiosk_staff_key,
	.hit = kiosk_screen_hit_list,
	.click = kiosk_staff_click,
	.focus = kiosk_screen_focus_list,
	.tick = kiosk_staff_tick,
	.free = kiosk_staff_free,
};

struct kiosk_screen *
kiosk_screen_staff_new(struct kiosk_app *app)
{
	struct kiosk_screen_staff	*d = xcalloc(1, sizeof *d);
	struct kiosk_screen		*s;

	d->app = app;
	d->items[KIOSK_STAFF_ENROL].label = xstrdup(_("Enrol someone"));
	d->items[KIOSK_STAFF_ENROL].detail = xstrdup(_("Find the offer, "
	    "then choose 1 Enrol someone"));
	d->items[KIOSK_STAFF_SYNC].label = xstrdup(_("Send and update now"));
	d->items[KIOSK_STAFF_SYNC].detail = xstrdup(_("Send waiting "
	    "enrolments, get the newest catalogue"));
	d->items[KIOSK_STAFF_LEAVE].label = xstrdup(_("Leave staff mode"));
	d->items[KIOSK_STAFF_QUIT].label = xstrdup(_("Quit the kiosk"));
	d->items[KIOSK_STAFF_QUIT].detail = xstrdup(_("The screen stays "
	    "empty until the kiosk is started again"));
	kiosk_staff_headset_label(d);
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_staff_fetch, d);
	s = kiosk_screen_new(&kiosk_screen_staff_ops, _("Staff mode"), d);
	s->staff_only = 1;
	return s;
}
