/*
 * hits: catalogue hits to list items (see hits.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/lang.h"
#include "catalog/search.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/bidi.h"
#include "kiosk/format.h"
#include "kiosk/hits.h"
#include "kiosk/lang.h"
#include "kiosk/widget_list.h"
#include "kiosk/width.h"

/* Shorter details that keep the price (widget_list.h): place, short
 * date and price; place and price; the price alone. */
static void
kiosk_hits_alts(struct kiosk_app *app, const struct catalog_hit *h,
    struct kiosk_list_item *it)
{
	char	*cost, *date, *place = NULL, *city;

	if ((cost = kiosk_format_cost(app->fmt, h->cost_cents)) == NULL)
		return;
	if (h->city != NULL && *h->city != '\0') {
		city = kiosk_width_sanitize(h->city, 0);
		place = kiosk_bidi_isolate(city, KIOSK_BIDI_SCREEN);
		free(city);
	}
	date = kiosk_format_date_short(app->fmt, h->start);
	if (date != NULL) {
		it->detail_alt[0] = place != NULL ? xstrdup(place) : NULL;
		kiosk_format_join(&it->detail_alt[0], date);
		kiosk_format_join(&it->detail_alt[0], xstrdup(cost));
	}
	if (place != NULL) {
		it->detail_alt[date != NULL] = place;
		kiosk_format_join(&it->detail_alt[date != NULL],
		    xstrdup(cost));
	}
	it->detail_alt[(date != NULL) + (place != NULL)] = cost;
}

/* New items for every hit in r. */
static struct kiosk_list_item *
kiosk_hits_items(struct kiosk_app *app, const struct catalog_results *r)
{
	struct kiosk_list_item	*items, *it;
	const struct catalog_hit *h;
	const char		*mode;
	char			*date, *city;
	size_t			 i;

	items = xcalloc(r->n > 0 ? r->n : 1, sizeof *items);
	for (i = 0; i < r->n; i++) {
		h = &r->hits[i];
		it = &items[i];
		it->label = kiosk_width_sanitize(h->title.value, 0);
		/* Catalogue text: the title in its own direction, the city
		 * an isolate in the line of the screen (bidi.h). */
		it->dir = kiosk_bidi_dir(it->label, strlen(it->label));
		if (h->city != NULL && *h->city != '\0') {
			city = kiosk_width_sanitize(h->city, 0);
			kiosk_format_join(&it->detail,
			    kiosk_bidi_isolate(city, KIOSK_BIDI_SCREEN));
			free(city);
		}
		else if ((mode = kiosk_format_mode(h->mode)) != NULL)
			kiosk_format_join(&it->detail, xstrdup(mode));
		kiosk_format_join(&it->detail, kiosk_format_km(h->km));
		date = kiosk_format_date(app->fmt, h->start);
		if (date != NULL) {
			kiosk_format_join(&it->detail,
			    xasprintf(_("starts %s"), date));
			free(date);
		}
		kiosk_format_join(&it->detail,
		    kiosk_format_cost(app->fmt, h->cost_cents));
		kiosk_hits_alts(app, h, it);
		it->mark = kiosk_format_mark(app->fmt, &h->title);
		/* read aloud in the language it came in */
		if (catalog_lang_primary(h->title.lang, it->lang,
		    sizeof it->lang) != 0)
			it->lang[0] = '\0';
	}
	return items;
}

void
kiosk_hits_done(struct kiosk_hits *h)
{
	kiosk_list_items_free(h->items, h->n);
	free(h->ids);
	h->items = NULL;
	h->ids = NULL;
	h->n = 0;
	h->capped = 0;
}

int
kiosk_hits_fetch(struct kiosk_app *app, struct catalog_query *q,
    struct kiosk_list *l, struct kiosk_hits *h, char **cause)
{
	struct catalog_results	 r;
	size_t			 i;

	kiosk_hits_done(h);
	l->total = 0;
	memset(&r, 0, sizeof r);
	q->lang = app->lang;	/* today: the catalogue's clock */
	q->offset = l->first;
	q->limit = l->per_page;
	if (!q->has_place && app->has_home) {
		/* Measure from the kiosk: rows say how far, nearest first. */
		q->has_place = 1;
		q->near_lat = app->home_lat;
		q->near_lon = app->home_lon;
		q->max_km = 0;
	}
	if (catalog_search_run(app->db, q, &r, cause) != 0)
		return -1;
	h->items = kiosk_hits_items(app, &r);
	h->ids = xcalloc(r.n > 0 ? r.n : 1, sizeof *h->ids);
	for (i = 0; i < r.n; i++)
		h->ids[i] = r.hits[i].id;
	h->n = r.n;
	h->capped = r.total_capped;
	l->items = h->items;
	l->n = r.n;
	l->total = r.total;
	catalog_results_done(&r);
	return 0;
}
