/*
 * shortlist: the entries a person chose to keep ("Keep this" on an
 * entry), at most KIOSK_SHORTLIST_MAX, in the order kept. It lives only
 * in the kiosk's memory: never written to disk, emptied at the idle
 * reset (the next person starts with none). It holds catalogue ids and
 * keys, no personal data.
 *
 * The one link for all of them is the site's shortlist_url with "{ids}"
 * replaced by the entries' keys, percent-encoded (RFC 3986 unreserved
 * characters kept) and separated by commas.
 */
#ifndef KIOSK_SHORTLIST_H
#define KIOSK_SHORTLIST_H

#include <stddef.h>
#include <stdint.h>

#define KIOSK_SHORTLIST_MAX 10
#define KIOSK_SHORTLIST_IDS "{ids}"

struct kiosk_shortlist {
	int64_t	 id[KIOSK_SHORTLIST_MAX];
	char	*key[KIOSK_SHORTLIST_MAX];	/* the entry's stable key */
	size_t	 n;
};

/* Empty it (frees the keys). */
void kiosk_shortlist_clear(struct kiosk_shortlist *sl);
/* 1 when id is on it. */
int kiosk_shortlist_has(const struct kiosk_shortlist *sl, int64_t id);
/* Add id with its key (copied): 0, 1 when it was there already, -1 when
 * the list is full. */
int kiosk_shortlist_add(struct kiosk_shortlist *sl, int64_t id,
    const char *key);
/* Take id off; 0, or -1 when it was not on it. */
int kiosk_shortlist_remove(struct kiosk_shortlist *sl, int64_t id);
/* The link for all entries from the template (with KIOSK_SHORTLIST_IDS
 * once), a new string; NULL when template is NULL, has no "{ids}" or
 * the list is empty. */
char *kiosk_shortlist_link(const struct kiosk_shortlist *sl,
    const char *tmpl);

#endif
