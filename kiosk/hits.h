/*
 * hits: one page of results as list items, shared by the theme list and
 * search: the title on the first line; place, start and cost on the
 * second; a mark when the title is in another language than the screen.
 * With the kiosk's home (--home) every query measures from there unless
 * it has a place of its own, so rows show how far ("12 km").
 */
#ifndef KIOSK_HITS_H
#define KIOSK_HITS_H

#include <stddef.h>
#include <stdint.h>

struct catalog_query;
struct kiosk_app;
struct kiosk_list;
struct kiosk_list_item;

struct kiosk_hits {
	struct kiosk_list_item	*items;
	int64_t			*ids;
	size_t			 n;
	int			 capped;	/* the total is a lower bound */
};

/* Run q for the page l asks for and put the rows in l and h (the old
 * rows of h are freed). 0, or -1 with *cause. */
int kiosk_hits_fetch(struct kiosk_app *app, struct catalog_query *q,
    struct kiosk_list *l, struct kiosk_hits *h, char **cause);
void kiosk_hits_done(struct kiosk_hits *h);

#endif
