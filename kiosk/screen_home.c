/*
 * screen_home: "Search" first (always choice 1 on the first page), "Near
 * me" second (with --home: How far? around the kiosk), then the themes of the catalogue as numbered choices.
 * Themes keep their number as long as they fit on one page; the list is
 * read again when the catalogue changes. A theme or "Near me" leads to
 * the narrowing questions (screen_ask.c), then the list. Where there is
 * room (a body of KIOSK_HOME_UPDATED_MIN rows or more), the last row says
 * how old the catalogue is ("Updated 9 days ago", catalog_db_synced_at):
 * to visitors only when the last update is more than stale_days ago
 * (config), to staff always.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/syncinfo.h"
#include "catalog/theme.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"
#include "kiosk/picto.h"
#include "kiosk/screen.h"
#include "kiosk/screen_ask.h"
#include "kiosk/stats.h"
#include "kiosk/widget_list.h"

#define KIOSK_HOME_UPDATED_MIN 14
/* A column of choices with a big number, a big pictogram and a label of
 * at least 18 columns (two columns at 80x24, one at 40x12). */
#define KIOSK_HOME_COL_MIN_W 36

struct kiosk_screen_home {
	struct kiosk_list	 list;		/* first: see screen.h */
	char			*updated;	/* or NULL: no room */
	int			 updated_y;
	struct catalog_theme	*themes;
	size_t			 nthemes;
	struct kiosk_list_item	*items;
	size_t			 n;
};

static void
kiosk_screen_home_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_home *d = ctx;

	kiosk_list_show(l, d->items, d->n);
}

static void
kiosk_screen_home_clear(struct kiosk_screen_home *d)
{
	kiosk_list_items_free(d->items, d->n);
	catalog_theme_list_free(d->themes, d->nthemes);
	d->items = NULL;
	d->themes = NULL;
	d->n = d->nthemes = 0;
}

/* The pictogram for key and what it shows in lang, if there is one. */
static void
kiosk_screen_home_picto(struct kiosk_list_item *it, const char *key,
    const char *lang)
{
	it->picto = kiosk_picto_find(NULL, key);
	it->picto_say = it->picto != NULL ? kiosk_picto_say(it->picto, lang) :
	    NULL;
}

/* Read the themes in the app's language and build the items. */
static void
kiosk_screen_home_read(struct kiosk_screen_home *d, struct kiosk_app *app)
{
	struct catalog_theme	*t;
	struct kiosk_list_item	*it;
	size_t			 i;

	kiosk_screen_home_clear(d);
	d->themes = catalog_theme_list(app->db, app->lang, &d->nthemes);
	d->n = d->nthemes + 2;
	d->items = xcalloc(d->n, sizeof *d->items);
	it = &d->items[0];
	kiosk_screen_home_picto(it, "search", app->lang);
	it->label = xstrdup(_("Search by typing a word"));
	it->detail = xstrdup(_("For example a job or a skill"));
	it = &d->items[1];
	kiosk_screen_home_picto(it, "near", app->lang);
	it->label = xstrdup(_("Near me"));
	if (app->has_home)
		it->detail = xstrdup(_("Choose how far you want to travel"));
	else if (app->home_province != NULL)
		it->detail = xasprintf(_("Everything in %s"),
		    app->home_province);
	else
		it->detail = xstrdup(_("Choose your province or place"));
	for (i = 0; i < d->nthemes; i++) {
		t = &d->themes[i];
		it = &d->items[i + 2];
		it->label = kiosk_width_sanitize(t->label.value != NULL ?
		    t->label.value : t->key, 0);
		if (t->hint.value != NULL && *t->hint.value != '\0')
			it->detail = kiosk_width_sanitize(t->hint.value, 0);
		it->mark = kiosk_format_mark(app->fmt, &t->label);
		kiosk_screen_home_picto(it, t->key, app->lang);
	}
}

static void
kiosk_screen_home_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_home	*d = s->data;
	time_t				 t = 0;
	long				 age;
	int				 never, h = s->h;

	free(d->updated);
	d->updated = NULL;
	never = catalog_db_synced_at(app->db, &t) != 0;
	age = kiosk_format_age(never, t);
	/* Visitors only when it matters; staff always. */
	if (s->h >= KIOSK_HOME_UPDATED_MIN &&
	    (app->staff.active || age > app->stale_days)) {
		d->updated = kiosk_format_updated(never, t);
		d->updated_y = s->y + s->h - 1;
		h--;
	}
	kiosk_list_layout(&d->list, s->y, s->x, h, s->w, app->desk);
}

static void
kiosk_screen_home_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_home *d = s->data;

	kiosk_screen_draw_list(s, app);
	if (d->updated != NULL)
		kiosk_ui_str(d->updated_y, s->x, s->w, d->updated,
		    kiosk_ui_attr(KIOSK_ROLE_TEXT));
}

static void
kiosk_screen_home_reload(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_home *d = s->data;

	kiosk_screen_home_read(d, app);
	kiosk_screen_home_layout(s, app);
}

static void
kiosk_screen_home_choose(struct kiosk_screen *s, struct kiosk_app *app,
    size_t i)
{
	struct kiosk_screen_home *d = s->data;
	struct kiosk_filter	f;
	struct kiosk_ask_title	title;

	kiosk_filter_init(&f);
	memset(&title, 0, sizeof title);	/* "Near me" */
	if (i == 0)
		kiosk_app_push(app, kiosk_screen_search_new(app));
	else if (i == 1 && app->has_home) {
		/* Around the kiosk: How far? first. */
		kiosk_filter_set_near(&f, "", app->home_lat, app->home_lon,
		    KIOSK_FILTER_KM);
		kiosk_filter_touch(&f, KIOSK_FILTER_WHERE);
		kiosk_screen_ask_near(app, &f, &title);
	} else if (i == 1) {
		if (app->home_province != NULL) {
			snprintf(f.province, sizeof f.province, "%s",
			    app->home_province);
			kiosk_filter_touch(&f, KIOSK_FILTER_WHERE);
		}
		kiosk_screen_ask_start(app, &f, &title);
	} else if (i - 2 < d->nthemes) {
		snprintf(f.theme, sizeof f.theme, "%s", d->themes[i - 2].key);
		kiosk_stats_count(app, CATALOG_STATS_THEME, f.theme);
		snprintf(title.theme, sizeof title.theme, "%s", f.theme);
		kiosk_screen_ask_start(app, &f, &title);
	}
}

static int
kiosk_screen_home_key(struct kiosk_screen *s, struct kiosk_app *app,
    int is_key, wint_t ch)
{
	return kiosk_screen_key_list(s, app, is_key, ch,
	    kiosk_screen_home_choose);
}

static void
kiosk_screen_home_click(struct kiosk_screen *s, struct kiosk_app *app,
    int target)
{
	kiosk_screen_click_list(s, app, target, kiosk_screen_home_choose);
}

static void
kiosk_screen_home_free(struct kiosk_screen *s)
{
	struct kiosk_screen_home *d = s->data;

	kiosk_list_done(&d->list);
	kiosk_screen_home_clear(d);
	free(d->updated);
	free(d);
	kiosk_screen_free(s);
}

static const struct kiosk_screen_ops kiosk_screen_home_ops = {
	.layout = kiosk_screen_home_layout,
	.draw = kiosk_screen_home_draw,
	.key = kiosk_screen_home_key,
	.hit = kiosk_screen_hit_list,
	.click = kiosk_screen_home_click,
	.focus = kiosk_screen_focus_list,
	.reload = kiosk_screen_home_reload,
	.free = kiosk_screen_home_free,
};

struct kiosk_screen *
kiosk_screen_home_new(struct kiosk_app *app)
{
	struct kiosk_screen_home *d = xcalloc(1, sizeof *d);
	struct kiosk_screen *s;

	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_screen_home_fetch,
	    d);
	/* Pictograms beside the choices, two columns where they fit. */
	d->list.pictos = 1;
	d->list.columns = 2;
	d->list.col_min_w = KIOSK_HOME_COL_MIN_W;
	kiosk_screen_home_read(d, app);
	s = kiosk_screen_new(&kiosk_screen_home_ops,
	    _("What do you want to learn?"), d);
	s->is_home = 1;
	return s;
}
