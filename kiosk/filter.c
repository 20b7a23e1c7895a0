/*
 * filter: the answers to the narrowing questions (see filter.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/entry.h"
#include "catalog/search.h"
#include "catalog/vocab.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/filter.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"

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
	const struct kiosk_question *q = kiosk_filter_row(kind);

	if (q == NULL || q->active == NULL)
		return 0;
	return q->active(f);
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
	const struct kiosk_question *q = kiosk_filter_row(kind);

	if (q != NULL && q->drop != NULL)
		q->drop(f);
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
	const struct kiosk_question *q = kiosk_filter_row(kind);

	if (q == NULL || q->words == NULL || !kiosk_filter_active(f, kind))
		return NULL;
	return q->words(f, fmt);
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
	const struct kiosk_question *q = kiosk_filter_row(kind);

	return q != NULL ? _(q->question) : "";
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

/* --- the questions ------------------------------------------------------ */

/* Append an answer; label and detail (may be NULL) are copied. */
static struct kiosk_answer *
kiosk_answers_add(struct kiosk_answers *out, int next, const char *label,
    const char *detail)
{
	struct kiosk_answer *a;

	if (out->n == out->alloc) {
		out->alloc = out->alloc ? out->alloc * 2 : 16;
		out->v = xreallocarray(out->v, out->alloc, sizeof *out->v);
	}
	a = &out->v[out->n++];
	memset(a, 0, sizeof *a);
	a->next = next;
	a->label = xstrdup(label != NULL ? label : "");
	a->detail = detail != NULL ? xstrdup(detail) : NULL;
	return a;
}

/* Where? */
static int
kiosk_where_active(const struct kiosk_filter *f)
{
	return f->province[0] != '\0' || f->near;
}

static void
kiosk_where_drop(struct kiosk_filter *f)
{
	memset(f->province, 0, sizeof f->province);
	explicit_bzero(f->place, sizeof f->place);
	f->near = 0;
	explicit_bzero(&f->lat, sizeof f->lat);
	explicit_bzero(&f->lon, sizeof f->lon);
	f->km = 0;
}

static char *
kiosk_where_words(const struct kiosk_filter *f, struct kiosk_format *fmt)
{
	(void)fmt;
	if (f->near && f->place[0] != '\0')
		return f->km > 0 ? xasprintf(_("within %d km of %s"), f->km,
		    f->place) : xasprintf(_("near %s"), f->place);
	if (f->near)
		return f->km > 0 ? xasprintf(_("within %d km of here"),
		    f->km) : xstrdup(_("near here"));
	if (f->place[0] != '\0')
		return xasprintf(_("near %s (%s)"), f->place, f->province);
	return xstrdup(f->province);
}

/* A province (text), or around lat, lon within num km (near). */
static void
kiosk_where_apply(struct kiosk_filter *f, const struct kiosk_answer *a)
{
	kiosk_where_drop(f);
	if (a->near)
		kiosk_filter_set_near(f, a->text, a->lat, a->lon, a->num);
	else
		snprintf(f->province, sizeof f->province, "%s", a->text);
}

static void
kiosk_where_answers(struct kiosk_app *app, const struct kiosk_filter *f,
    struct kiosk_answers *out)
{
	struct kiosk_answer	*a;
	char			*label;

	(void)f;
	if (app->has_home) {
		/* Near the kiosk; How far? comes next. */
		a = kiosk_answers_add(out, KIOSK_ANSWER_RADIUS, _("Near me"),
		    NULL);
		a->near = 1;
		a->lat = app->home_lat;
		a->lon = app->home_lon;
		a->num = KIOSK_FILTER_KM;
	} else if (app->home_province != NULL) {
		label = xasprintf(_("Near me: %s"), app->home_province);
		a = kiosk_answers_add(out, KIOSK_ANSWER_SET, label, NULL);
		snprintf(a->text, sizeof a->text, "%s", app->home_province);
		free(label);
	}
	kiosk_answers_add(out, KIOSK_ANSWER_PROVINCES,
	    _("Choose a province"), _("A list of provinces"));
	kiosk_answers_add(out, KIOSK_ANSWER_PLACE,
	    _("Type the name of a place"), _("For example Rotterdam"));
}

/* Which province? (the catalogue's provinces that have something) */
static void
kiosk_provinces_answers(struct kiosk_app *app, const struct kiosk_filter *f,
    struct kiosk_answers *out)
{
	const char *const	*names;
	struct kiosk_answer	*a;
	size_t			 i, n;

	(void)app;
	(void)f;
	names = catalog_vocab_provinces(&n);
	for (i = 0; i < n; i++) {
		a = kiosk_answers_add(out, KIOSK_ANSWER_SET, names[i], NULL);
		snprintf(a->text, sizeof a->text, "%s", names[i]);
		a->prune = 1;
	}
}

/* How far? around the place (or the kiosk) already in the filter. */
static void
kiosk_radius_answers(struct kiosk_app *app, const struct kiosk_filter *f,
    struct kiosk_answers *out)
{
	static const int	 kms[] = { 10, KIOSK_FILTER_KM, 50 };
	struct kiosk_answer	*a;
	char			*label;
	size_t			 i;

	(void)app;
	(void)f;
	for (i = 0; i < sizeof kms / sizeof kms[0]; i++) {
		label = xasprintf(_("Within %d km"), kms[i]);
		a = kiosk_answers_add(out, KIOSK_ANSWER_SET, label, NULL);
		a->num = kms[i];
		free(label);
	}
	a = kiosk_answers_add(out, KIOSK_ANSWER_SET,
	    _("Any distance, nearest first"), NULL);
	a->num = KIOSK_FILTER_ANY_KM;
}

static void
kiosk_radius_apply(struct kiosk_filter *f, const struct kiosk_answer *a)
{
	f->km = a->num;
}

/* When? num > 0: starts within num days; num < 0: after -num days. */
static int
kiosk_when_active(const struct kiosk_filter *f)
{
	return f->days > 0 || f->after > 0;
}

static void
kiosk_when_drop(struct kiosk_filter *f)
{
	f->days = 0;
	f->after = 0;
}

static char *
kiosk_when_words(const struct kiosk_filter *f, struct kiosk_format *fmt)
{
	(void)fmt;
	if (f->after > 0)
		return xstrdup(_("starts after three months"));
	return xstrdup(f->days <= KIOSK_FILTER_SOON ?
	    _("starts within a month") : _("starts within three months"));
}

static void
kiosk_when_apply(struct kiosk_filter *f, const struct kiosk_answer *a)
{
	f->days = a->num > 0 ? a->num : 0;
	f->after = a->num < 0 ? -a->num : 0;
}

static void
kiosk_when_answers(struct kiosk_app *app, const struct kiosk_filter *f,
    struct kiosk_answers *out)
{
	(void)app;
	(void)f;
	kiosk_answers_add(out, KIOSK_ANSWER_SET, _("Starts within a month"),
	    NULL)->num = KIOSK_FILTER_SOON;
	kiosk_answers_add(out, KIOSK_ANSWER_SET,
	    _("Starts within three months"), NULL)->num =
	    KIOSK_FILTER_QUARTER;
	kiosk_answers_add(out, KIOSK_ANSWER_SET,
	    _("Starts later (after three months)"), NULL)->num =
	    -KIOSK_FILTER_QUARTER;
}

/* Cost? */
static int
kiosk_cost_active(const struct kiosk_filter *f)
{
	return f->free_only;
}

static void
kiosk_cost_drop(struct kiosk_filter *f)
{
	f->free_only = 0;
}

static char *
kiosk_cost_words(const struct kiosk_filter *f, struct kiosk_format *fmt)
{
	(void)f;
	(void)fmt;
	return xstrdup(_("free"));
}

static void
kiosk_cost_apply(struct kiosk_filter *f, const struct kiosk_answer *a)
{
	f->free_only = a->num != 0;
}

static void
kiosk_cost_answers(struct kiosk_app *app, const struct kiosk_filter *f,
    struct kiosk_answers *out)
{
	(void)app;
	(void)f;
	kiosk_answers_add(out, KIOSK_ANSWER_SET, _("Free only"), NULL)->num =
	    1;
}

/* Online or on site? (the catalogue's modes) */
static int
kiosk_mode_active(const struct kiosk_filter *f)
{
	return f->mode > 0;
}

static void
kiosk_mode_drop(struct kiosk_filter *f)
{
	f->mode = 0;
}

static char *
kiosk_mode_words(const struct kiosk_filter *f, struct kiosk_format *fmt)
{
	const char *mode = kiosk_format_mode(f->mode);

	(void)fmt;
	return xstrdup(mode != NULL ? mode : "");
}

static void
kiosk_mode_apply(struct kiosk_filter *f, const struct kiosk_answer *a)
{
	f->mode = a->num;
}

static void
kiosk_mode_answers(struct kiosk_app *app, const struct kiosk_filter *f,
    struct kiosk_answers *out)
{
	const int	*modes;
	const char	*label;
	size_t		 i, n;

	(void)app;
	(void)f;
	modes = catalog_vocab_modes(&n);
	for (i = 0; i < n; i++) {
		label = kiosk_format_mode(modes[i]);
		kiosk_answers_add(out, KIOSK_ANSWER_SET,
		    label != NULL ? label : "", NULL)->num = modes[i];
	}
}

/* Language of the lessons? (the catalogue's instruction languages) */
static int
kiosk_lang_active(const struct kiosk_filter *f)
{
	return f->lang[0] != '\0';
}

static void
kiosk_lang_drop(struct kiosk_filter *f)
{
	memset(f->lang, 0, sizeof f->lang);
}

static char *
kiosk_lang_words(const struct kiosk_filter *f, struct kiosk_format *fmt)
{
	char *name = kiosk_format_lang_name(fmt, f->lang), *s;

	s = xasprintf(_("lessons in %s"), name != NULL ? name : f->lang);
	free(name);
	return s;
}

static void
kiosk_lang_apply(struct kiosk_filter *f, const struct kiosk_answer *a)
{
	size_t n = strlen(a->text);

	/* The builder offers only tags that fit. */
	if (n >= sizeof f->lang)
		return;
	memset(f->lang, 0, sizeof f->lang);
	memcpy(f->lang, a->text, n);
}

static void
kiosk_lang_answers(struct kiosk_app *app, const struct kiosk_filter *f,
    struct kiosk_answers *out)
{
	struct kiosk_answer	*a;
	char			**tags, *name, *cause = NULL;
	size_t			 i, n;

	if (catalog_vocab_instruction_langs(app->db, &tags, &n, &cause) != 0) {
		/* Nothing to offer but Skip; the list still works. */
		free(cause);
		return;
	}
	for (i = 0; i < n; i++) {
		if (strlen(tags[i]) >= sizeof f->lang ||
		    strlen(tags[i]) >= sizeof a->text)
			continue;
		name = kiosk_format_lang_name(app->fmt, tags[i]);
		a = kiosk_answers_add(out, KIOSK_ANSWER_SET,
		    name != NULL ? name : tags[i], NULL);
		free(name);
		snprintf(a->text, sizeof a->text, "%s", tags[i]);
		/* The answer given stays, even when it finds nothing. */
		a->prune = strcmp(f->lang, tags[i]) != 0;
	}
	catalog_vocab_free(tags, n);
}

/* The typed word (typed on the search screen, only dropped here). */
static int
kiosk_word_active(const struct kiosk_filter *f)
{
	return f->text[0] != '\0';
}

static void
kiosk_word_drop(struct kiosk_filter *f)
{
	explicit_bzero(f->text, sizeof f->text);
}

static char *
kiosk_word_words(const struct kiosk_filter *f, struct kiosk_format *fmt)
{
	(void)fmt;
	return xasprintf(_("word \"%s\""), f->text);
}

/* The questions in the order they are asked; then the follow-ups. */
static const struct kiosk_question kiosk_filter_questions[] = {
	{ KIOSK_FILTER_WHERE, KIOSK_FILTER_WHERE, N_("Where?"),
	  N_("Any place"), N_("Skip: any place"),
	  kiosk_where_answers, kiosk_where_apply,
	  kiosk_where_active, kiosk_where_drop, kiosk_where_words },
	{ KIOSK_FILTER_WHEN, KIOSK_FILTER_WHEN, N_("When?"),
	  N_("Any time, later is fine too"),
	  N_("Skip: any time, later is fine too"),
	  kiosk_when_answers, kiosk_when_apply,
	  kiosk_when_active, kiosk_when_drop, kiosk_when_words },
	{ KIOSK_FILTER_COST, KIOSK_FILTER_COST, N_("Cost?"),
	  N_("Free or paid"), N_("Skip: free or paid"),
	  kiosk_cost_answers, kiosk_cost_apply,
	  kiosk_cost_active, kiosk_cost_drop, kiosk_cost_words },
	{ KIOSK_FILTER_MODE, KIOSK_FILTER_MODE, N_("Online or on site?"),
	  N_("Online or on site, no matter"),
	  N_("Skip: online or on site, no matter"),
	  kiosk_mode_answers, kiosk_mode_apply,
	  kiosk_mode_active, kiosk_mode_drop, kiosk_mode_words },
	{ KIOSK_FILTER_LANG, KIOSK_FILTER_LANG, N_("Language of the lessons?"),
	  N_("Any language"), N_("Skip: any language"),
	  kiosk_lang_answers, kiosk_lang_apply,
	  kiosk_lang_active, kiosk_lang_drop, kiosk_lang_words },
	{ KIOSK_FILTER_WORD, KIOSK_FILTER_WORD, N_("Word"),
	  N_("Drop the word"), N_("Drop the word"),
	  NULL, NULL,
	  kiosk_word_active, kiosk_word_drop, kiosk_word_words },
	{ KIOSK_FILTER_PROVINCES, KIOSK_FILTER_WHERE, N_("Which province?"),
	  NULL, NULL,
	  kiosk_provinces_answers, kiosk_where_apply, NULL, NULL, NULL },
	{ KIOSK_FILTER_RADIUS, KIOSK_FILTER_WHERE, N_("How far?"),
	  NULL, NULL,
	  kiosk_radius_answers, kiosk_radius_apply, NULL, NULL, NULL },
};

const struct kiosk_question *
kiosk_filter_row(int kind)
{
	const struct kiosk_question	*q;
	size_t				 i;

	for (i = 0; i < sizeof kiosk_filter_questions /
	    sizeof kiosk_filter_questions[0]; i++) {
		q = &kiosk_filter_questions[i];
		if (q->kind == kind)
			return q;
	}
	return NULL;
}

void
kiosk_filter_answers(int kind, struct kiosk_app *app,
    const struct kiosk_filter *f, struct kiosk_answers *out)
{
	const struct kiosk_question *q = kiosk_filter_row(kind);

	if (q != NULL && q->answers != NULL)
		q->answers(app, f, out);
}

void
kiosk_filter_apply(struct kiosk_filter *f, int kind,
    const struct kiosk_answer *a)
{
	const struct kiosk_question *q = kiosk_filter_row(kind);

	if (q == NULL || q->apply == NULL)
		return;
	q->apply(f, a);
	kiosk_filter_touch(f, q->sets);
}

void
kiosk_filter_answers_done(struct kiosk_answers *out)
{
	size_t i;

	for (i = 0; i < out->n; i++) {
		free(out->v[i].label);
		free(out->v[i].detail);
		explicit_bzero(&out->v[i], sizeof out->v[i]);
	}
	free(out->v);
	memset(out, 0, sizeof *out);
}
