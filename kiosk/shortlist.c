/*
 * shortlist: the entries a person keeps, in memory only (see
 * shortlist.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/xmalloc.h"
#include "kiosk/shortlist.h"

void
kiosk_shortlist_clear(struct kiosk_shortlist *sl)
{
	size_t i;

	for (i = 0; i < sl->n; i++)
		free(sl->key[i]);
	memset(sl, 0, sizeof *sl);
}

int
kiosk_shortlist_has(const struct kiosk_shortlist *sl, int64_t id)
{
	size_t i;

	for (i = 0; i < sl->n; i++)
		if (sl->id[i] == id)
			return 1;
	return 0;
}

int
kiosk_shortlist_add(struct kiosk_shortlist *sl, int64_t id,
    const char *key)
{
	if (kiosk_shortlist_has(sl, id))
		return 1;
	if (sl->n == KIOSK_SHORTLIST_MAX)
		return -1;
	sl->id[sl->n] = id;
	sl->key[sl->n] = xstrdup(key != NULL ? key : "");
	sl->n++;
	return 0;
}

int
kiosk_shortlist_remove(struct kiosk_shortlist *sl, int64_t id)
{
	size_t i;

	for (i = 0; i < sl->n; i++) {
		if (sl->id[i] != id)
			continue;
		free(sl->key[i]);
		memmove(&sl->id[i], &sl->id[i + 1],
		    (sl->n - i - 1) * sizeof sl->id[0]);
		memmove(&sl->key[i], &sl->key[i + 1],
		    (sl->n - i - 1) * sizeof sl->key[0]);
		sl->n--;
		sl->key[sl->n] = NULL;
		return 0;
	}
	return -1;
}

/* Append s percent-encoded (all but RFC 3986 unreserved) at o. */
static char *
kiosk_shortlist_encode(char *o, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~')
			*o++ = (char)c;
		else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	return o;
}

char *
kiosk_shortlist_link(const struct kiosk_shortlist *sl, const char *tmpl)
{
	const char	*at;
	size_t		 i, len, plen = strlen(KIOSK_SHORTLIST_IDS);
	char		*out, *o;

	if (tmpl == NULL || sl->n == 0 ||
	    (at = strstr(tmpl, KIOSK_SHORTLIST_IDS)) == NULL)
		return NULL;
	len = strlen(tmpl);
	for (i = 0; i < sl->n; i++)
		len += 3 * strlen(sl->key[i]) + 1;
	o = out = xmalloc(len + 1);
	memcpy(o, tmpl, (size_t)(at - tmpl));
	o += at - tmpl;
	for (i = 0; i < sl->n; i++) {
		if (i > 0)
			*o++ = ',';
		o = kiosk_shortlist_encode(o, sl->key[i]);
	}
	strcpy(o, at + plen);
	return out;
}
