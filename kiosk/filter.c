/*
 * filter: the answers to the narrowing questions (see filter.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog/entry.h"
#include "catalog/search.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/filter.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"

static const char *const kiosk_filter_province_names[] = {
	"Drenthe", "Flevoland", "Friesland", "Gelderland", "Groningen",
	"Limburg", "Noord-Brabant", "Noord-Holland", "Overijssel", "Utrecht",
	"Zeeland", "Zuid-Holland"
};

void
kiosk_filter_init(struct kiosk_filter *f)
{
	memset(f, 0, sizeof *f);
}

void
kiosk_filter_query(const struct kiosk_filter *f, struct kiosk_app *app,
    struct catalog_query *q)
{
	catalog_query_init(q);
	q->lang = app->lang;
	if (f->theme[0] != '\0')
		q->theme = f->theme;
	if (f->text[0] != '\0')
		q->text = f->text;
	if (f->province[0] != '\0')
		q->province = f->province;
	if (f->near) {
		q->has_place = 1;
		q->near_lat = f->lat;
		q->near_lon = f->lon;
		q->max_km = f->km > 0 ? f->km : 0;
	}
	q->starts_within_days = f->days;
	q->starts_after_days = f->after;
	q->free_only = f->free_only;
	q->mode = f->mode;
	if (f->lang[0] != '\0')
		q->instruction_lang = f->lang;
}

int
kiosk_filter_active(const struct kiosk_filter *f, int kind)
{
	switch (kind) {
	case KIOSK_FILTER_WHERE:
		return f->province[0] != '\0' || f->near;
	case KIOSK_FILTER_WHEN:
		return f->days > 0 || f->after > 0;
	case KIOSK_FILTER_COST:
		return f->free_only;
	case KIOSK_FILTER_MODE:
		return f->mode > 0;
	case KIOSK_FILTER_LANG:
		return f->lang[0] != '\0';
	case KIOSK_FILTER_WORD:
		return f->text[0] != '\0';
	}
	return 0;
}

int
kiosk_filter_count(const struct kiosk_filter *f)
{
	int k, n = 0;

	for (k = 0; k < KIOSK_FILTER_NKINDS; k++)
		n += kiosk_filter_active(f, k);
	return n;
}

/* Remove kind from the answer order. */
static void
kiosk_filter_unorder(struct kiosk_filter *f, int kind)
{
	int i, j = 0;

	for (i = 0; i < f->norder; i++) {
		if (f->order[i] != kind)
			f->order[j++] = f->order[i];
	}
	f->norder = j;
}

void
kiosk_filter_touch(struct kiosk_filter *f, int kind)
{
	kiosk_filter_unorder(f, kind);
	if (kiosk_filter_active(f, kind) && f->norder < KIOSK_FILTER_NKINDS)
		f->order[f->norder++] = kind;
}

void
kiosk_filter_drop(struct kiosk_filter *f, int kind)
{
	switch (kind) {
	case KIOSK_FILTER_WHERE:
		memset(f->province, 0, sizeof f->province);
		explicit_bzero(f->place, sizeof f->place);
		f->near = 0;
		explicit_bzero(&f->lat, sizeof f->lat);
		explicit_bzero(&f->lon, sizeof f->lon);
		f->km = 0;
		break;
	case KIOSK_FILTER_WHEN:
		f->days = 0;
		f->after = 0;
		break;
	case KIOSK_FILTER_COST:
		f->free_only = 0;
		break;
	case KIOSK_FILTER_MODE:
		f->mode = 0;
		break;
	case KIOSK_FILTER_LANG:
		memset(f->lang, 0, sizeof f->lang);
		break;
	case KIOSK_FILTER_WORD:
		explicit_bzero(f->text, sizeof f->text);
		break;
	}
	kiosk_filter_unorder(f, kind);
}

int
kiosk_filter_last(const struct kiosk_filter *f)
{
	int i;

	for (i = f->norder - 1; i >= 0; i--) {
		if (kiosk_filter_active(f, f->order[i]))
			return f->order[i];
	}
	return -1;
}

char *
kiosk_filter_words(const struct kiosk_filter *f, struct kiosk_format *fmt,
    int kind)
{
	const char	*mode;
	char		*name, *s;

	if (!kiosk_filter_active(f, kind))
		return NULL;
	switch (kind) {
	case KIOSK_FILTER_WHERE:
		if (f->near && f->place[0] != '\0')
			return f->km > 0 ? xasprintf(_("within %d km of %s"),
			    f->km, f->place) : xasprintf(_("near %s"),
			    f->place);
		if (f->near)
			return f->km > 0 ? xasprintf(_("within %d km of here"),
			    f->km) : xstrdup(_("near here"));
		if (f->place[0] != '\0')
			return xasprintf(_("near %s (%s)"), f->place,
			    f->province);
		return xstrdup(f->province);
	case KIOSK_FILTER_WHEN:
		if (f->after > 0)
			return xstrdup(_("starts after three months"));
		return xstrdup(f->days <= KIOSK_FILTER_SOON ?
		    _("starts within a month") :
		    _("starts within three months"));
	case KIOSK_FILTER_COST:
		return xstrdup(_("free"));
	case KIOSK_FILTER_MODE:
		mode = kiosk_format_mode(f->mode);
		return xstrdup(mode != NULL ? mode : "");
	case KIOSK_FILTER_LANG:
		name = kiosk_format_lang_name(fmt, f->lang);
		s = xasprintf(_("lessons in %s"), name != NULL ? name :
		    f->lang);
		free(name);
		return s;
	case KIOSK_FILTER_WORD:
		return xasprintf(_("word \"%s\""), f->text);
	}
	return NULL;
}

char *
kiosk_filter_summary(const struct kiosk_filter *f, struct kiosk_format *fmt)
{
	char	*s = xstrdup(""), *w, *n;
	int	 k;

	for (k = 0; k < KIOSK_FILTER_NKINDS; k++) {
		if ((w = kiosk_filter_words(f, fmt, k)) == NULL)
			continue;
		n = *s == '\0' ? xstrdup(w) : xasprintf("%s \xc2\xb7 %s", s, w);
		free(s);
		free(w);
		s = n;
	}
	return s;
}

const char *
kiosk_filter_question(int kind)
{
	switch (kind) {
	case KIOSK_FILTER_WHERE:
		return _("Where?");
	case KIOSK_FILTER_WHEN:
		return _("When?");
	case KIOSK_FILTER_COST:
		return _("Cost?");
	case KIOSK_FILTER_MODE:
		return _("Online or on site?");
	case KIOSK_FILTER_LANG:
		return _("Language of the lessons?");
	case KIOSK_FILTER_WORD:
		return _("Word");
	}
	return "";
}

long
kiosk_filter_total(const struct kiosk_filter *f, struct kiosk_app *app,
    int *capped)
{
	struct catalog_query	 q;
	struct catalog_results	 r;
	char			*cause = NULL;
	long			 total;

	if (capped != NULL)
		*capped = 0;
	kiosk_filter_query(f, app, &q);
	q.limit = 1;
	memset(&r, 0, sizeof r);
	if (catalog_search_run(app->db, &q, &r, &cause) != 0) {
		free(cause);
		return -1;
	}
	total = (long)r.total;
	if (capped != NULL)
		*capped = r.total_capped;
	catalog_results_done(&r);
	return total;
}

char *
kiosk_filter_offers(long n, int capped)
{
	if (n < 0)
		return xstrdup(_("cannot count right now"));
	if (capped && n > 0)
		return xasprintf(ngettext("%ld+ offer", "%ld+ offers", n), n);
	if (n == 0)
		return xstrdup(_("none right now"));
	return xasprintf(ngettext("%ld offer", "%ld offers", n), n);
}

void
kiosk_filter_set_near(struct kiosk_filter *f, const char *place, double lat,
    double lon, int km)
{
	memset(f->province, 0, sizeof f->province);
	explicit_bzero(f->place, sizeof f->place);
	snprintf(f->place, sizeof f->place, "%s", place != NULL ? place : "");
	f->near = 1;
	f->lat = lat;
	f->lon = lon;
	f->km = km;
}

void
kiosk_filter_wipe(struct kiosk_filter *f)
{
	explicit_bzero(f->place, sizeof f->place);
	explicit_bzero(f->text, sizeof f->text);
	explicit_bzero(&f->lat, sizeof f->lat);
	explicit_bzero(&f->lon, sizeof f->lon);
}

const char *const *
kiosk_filter_provinces(size_t *n)
{
	*n = sizeof kiosk_filter_province_names /
	    sizeof kiosk_filter_province_names[0];
	return kiosk_filter_province_names;
}

const char *
kiosk_filter_province_find(const char *name)
{
	size_t i, n;

	kiosk_filter_provinces(&n);
	for (i = 0; name != NULL && i < n; i++) {
		if (strcasecmp(kiosk_filter_province_names[i], name) == 0)
			return kiosk_filter_province_names[i];
	}
	return NULL;
}
