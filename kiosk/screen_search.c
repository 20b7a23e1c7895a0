/*
 * screen_search: a text field and the results below it, updated at every
 * keystroke (the catalogue treats the last word as a prefix and forgives
 * spelling). While the field has focus every printable key types, digits
 * too; once focus is in the results, digits choose a result and letters
 * go back to typing. Backspace removes the last character (a whole
 * grapheme cluster); on an empty field it goes back. The typed text is
 * wiped from memory when the screen is freed.
 *
 * Right of the field, "Narrow down" (reached by touch, or with the Right
 * arrow from the field) asks the narrowing questions for the typed word
 * (screen_ask.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include <curses.h>
#include <unicode/utf8.h>

#include "catalog/search.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/hits.h"
#include "kiosk/lang.h"
#include "kiosk/screen.h"
#include "kiosk/screen_ask.h"
#include "kiosk/speech.h"
#include "kiosk/widget_list.h"

#define KIOSK_SEARCH_MAX 120	/* bytes of typed text */
#define KIOSK_SEARCH_FIELD (-10)	/* click target of the field */
#define KIOSK_SEARCH_NARROW (-11)	/* click target of Narrow down */

struct kiosk_screen_search {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_app	*app;
	char			 text[KIOSK_SEARCH_MAX + 1];
	size_t			 len;
	int			 in_field;	/* focus is on the field */
	struct kiosk_hits	 hits;
	const char		*lead;
	int			 lead_changed;
	int			 field_y, field_h;
	int			 narrow_x, narrow_w;	/* 0 wide: none */
	int			 on_narrow;
};

static void
kiosk_search_set_lead(struct kiosk_screen_search *d, const char *lead)
{
	if (lead == d->lead)
		return;
	d->lead = lead;
	d->lead_changed = 1;
	kiosk_list_set_lead(&d->list, lead, KIOSK_ROLE_TEXT);
}

static void
kiosk_search_fetch(struct kiosk_list *l, void *ctx)
{
	struct kiosk_screen_search	*d = ctx;
	struct catalog_query		 q;
	char				*cause = NULL;

	if (d->len == 0) {
		kiosk_hits_done(&d->hits);
		l->total = 0;
		kiosk_search_set_lead(d, _("Type what you want to learn, for "
		    "example a job or a skill. Results show while you type."));
		return;
	}
	catalog_query_init(&q);
	q.text = d->text;
	if (kiosk_hits_fetch(d->app, &q, l, &d->hits, &cause) != 0) {
		free(cause);
		kiosk_search_set_lead(d, _("Searching does not work right "
		    "now. Please ask a staff member."));
		return;
	}
	kiosk_search_set_lead(d, l->total == 0 ? _("Nothing found. Check "
	    "the spelling, or type less of the word. You can also go back "
	    "and choose a theme.") : NULL);
}

static void
kiosk_search_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_search	*d = s->data;
	int				 gap;

	d->field_h = s->h >= 30 && !app->desk ? 3 : 1;
	gap = s->h >= 16 ? 1 : 0;
	d->field_y = s->y;
	d->lead_changed = 0;
	kiosk_list_layout(&d->list, s->y + d->field_h + gap, s->x,
	    s->h - d->field_h - gap, s->w, app->desk);
	if (d->lead_changed)
		kiosk_list_layout(&d->list, s->y + d->field_h + gap, s->x,
		    s->h - d->field_h - gap, s->w, app->desk);
}

/* The Narrow down button at the right end of the field row; *fw shrinks. */
static void
kiosk_search_draw_narrow(struct kiosk_screen *s,
    struct kiosk_screen_search *d, int *fw)
{
	const char		*label = _("Narrow down >");
	enum kiosk_ui_role	 role = d->on_narrow ? KIOSK_ROLE_FOCUS :
	    KIOSK_ROLE_CHOICE;
	int			 cols = kiosk_width_cols(label, strlen(label));
	int			 mid = d->field_y + d->field_h / 2;

	if (cols + 4 > *fw - 8)
		return;
	d->narrow_w = cols + 4;
	d->narrow_x = s->x + s->w - d->narrow_w;
	*fw -= d->narrow_w + 1;
	kiosk_ui_fill(d->field_y, d->narrow_x, d->field_h, d->narrow_w, role);
	kiosk_ui_str(mid, d->narrow_x + 2, cols, label,
	    kiosk_ui_attr(role) | A_BOLD);
	if (d->on_narrow) {
		kiosk_ui_str(mid, d->narrow_x, 1, ">",
		    kiosk_ui_attr(role) | A_BOLD);
		s->cy = mid;
		s->cx = d->narrow_x;
	}
}

/* Ask the narrowing questions for the typed word. */
static void
kiosk_search_narrow(struct kiosk_screen_search *d, struct kiosk_app *app)
{
	struct kiosk_filter	 f;
	char			*title;

	d->on_narrow = 0;
	kiosk_filter_init(&f);
	snprintf(f.text, sizeof f.text, "%s", d->text);
	kiosk_filter_touch(&f, KIOSK_FILTER_WORD);
	title = xasprintf(_("Results for \"%s\""), d->text);
	kiosk_screen_ask_start(app, &f, title);
	explicit_bzero(title, strlen(title));
	free(title);
	kiosk_filter_wipe(&f);
}

static void
kiosk_search_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_search	*d = s->data;
	const char			*label = _("Word:");
	int				 mid = d->field_y + d->field_h / 2;
	int				 lw, fx, fw, tw, attr;
	size_t				 start = 0;

	(void)app;
	kiosk_list_draw(&d->list, &s->cy, &s->cx);
	kiosk_ui_fill(d->field_y, s->x, d->field_h, s->w, KIOSK_ROLE_TEXT);
	lw = kiosk_ui_str(mid, s->x, s->w / 3, label, kiosk_ui_attr(
	    KIOSK_ROLE_TEXT) | A_BOLD);
	fx = s->x + lw + 1;
	fw = s->x + s->w - fx;
	d->narrow_w = 0;
	if (d->len > 0 && d->list.total > 0 && d->hits.n > 0)
		kiosk_search_draw_narrow(s, d, &fw);
	if (fw < 2)
		return;
	attr = kiosk_ui_attr(d->in_field ? KIOSK_ROLE_FOCUS :
	    KIOSK_ROLE_FIELD);
	kiosk_ui_fill(d->field_y, fx, d->field_h, fw, d->in_field ?
	    KIOSK_ROLE_FOCUS : KIOSK_ROLE_FIELD);
	/* Show the end of long text: drop clusters from the front. */
	while (kiosk_width_cols(d->text + start, d->len - start) > fw - 2) {
		size_t cut = kiosk_width_cut(d->text + start, d->len - start,
		    1, NULL);
		start += cut > 0 ? cut : 1;
	}
	tw = kiosk_ui_text(mid, fx + 1, fw - 2, d->text + start,
	    d->len - start, attr);
	if (d->in_field && !d->on_narrow) {
		s->cursor = 1;
		s->cy = mid;
		s->cx = fx + 1 + tw;
	}
}

/* The text changed: search again from the first result. */
static void
kiosk_search_changed(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_search *d = s->data;

	d->list.first = d->list.anchor = 0;
	d->list.focus = -1;
	kiosk_search_layout(s, app);
}

static void
kiosk_search_type(struct kiosk_screen *s, struct kiosk_app *app, wint_t ch)
{
	struct kiosk_screen_search	*d = s->data;
	char				 buf[U8_MAX_LENGTH];
	int32_t				 n = 0;
	UBool				 err = 0;

	U8_APPEND((uint8_t *)buf, n, (int32_t)sizeof buf, (UChar32)ch, err);
	if (err || d->len + (size_t)n > KIOSK_SEARCH_MAX)
		return;
	memcpy(d->text + d->len, buf, (size_t)n);
	d->len += (size_t)n;
	d->text[d->len] = '\0';
	d->in_field = 1;
	kiosk_search_changed(s, app);
}

static void
kiosk_search_open(struct kiosk_screen_search *d, struct kiosk_app *app,
    size_t i)
{
	i -= d->list.first;
	if (i < d->hits.n)
		kiosk_app_push(app, kiosk_screen_detail_new(app,
		    d->hits.ids[i]));
}

static int
kiosk_search_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	struct kiosk_screen_search	*d = s->data;
	size_t				 i;

	if (d->on_narrow) {
		if ((!is_key && (ch == '\r' || ch == '\n')) ||
		    (is_key && ch == KEY_ENTER)) {
			kiosk_search_narrow(d, app);
			return 1;
		}
		d->on_narrow = 0;
		if (is_key && (ch == KEY_LEFT || ch == KEY_UP))
			return 1;
	}
	if (d->in_field && is_key && ch == KEY_RIGHT && d->narrow_w > 0) {
		d->on_narrow = 1;
		return 1;
	}
	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 ||
	    ch == 8))) {
		if (d->len == 0)
			return 0;
		d->len = kiosk_width_prev(d->text, d->len);
		memset(d->text + d->len, 0, sizeof d->text - d->len);
		d->in_field = 1;
		kiosk_search_changed(s, app);
		return 1;
	}
	if (!is_key && ch >= 0x20 && ch != 0x7f && iswprint(ch) &&
	    (d->in_field || !(ch >= '0' && ch <= '9'))) {
		kiosk_search_type(s, app, ch);
		return 1;
	}
	if (d->in_field) {
		if ((is_key && ch == KEY_DOWN) || (!is_key && (ch == '\t' ||
		    ch == '\r' || ch == '\n')) || (is_key && ch == KEY_ENTER)) {
			if (!kiosk_list_focusable(&d->list))
				return 0;
			d->in_field = 0;
			kiosk_list_focus(&d->list, 1);
			return 1;
		}
		if (is_key && (ch == KEY_NPAGE || ch == KEY_PPAGE))
			return kiosk_list_key(&d->list, is_key, ch, &i) !=
			    KIOSK_LIST_UNHANDLED;
		return 0;
	}
	switch (kiosk_list_key(&d->list, is_key, ch, &i)) {
	case KIOSK_LIST_CHOSEN:
		kiosk_search_open(d, app, i);
		return 1;
	case KIOSK_LIST_HANDLED:
		return 1;
	case KIOSK_LIST_UNHANDLED:
		break;
	}
	if ((is_key && (ch == KEY_UP || ch == KEY_BTAB))) {
		kiosk_list_focus(&d->list, 0);
		d->in_field = 1;
		return 1;
	}
	return 0;
}

static int
kiosk_search_hit(struct kiosk_screen *s, int y, int x)
{
	struct kiosk_screen_search *d = s->data;

	if (y >= d->field_y && y < d->field_y + d->field_h &&
	    d->narrow_w > 0 && x >= d->narrow_x &&
	    x < d->narrow_x + d->narrow_w)
		return KIOSK_SEARCH_NARROW;
	if (y >= d->field_y && y < d->field_y + d->field_h && x >= s->x &&
	    x < s->x + s->w)
		return KIOSK_SEARCH_FIELD;
	return kiosk_list_hit(&d->list, y, x);
}

static void
kiosk_search_click(struct kiosk_screen *s, struct kiosk_app *app,
    int target)
{
	struct kiosk_screen_search	*d = s->data;
	size_t				 i;

	d->on_narrow = 0;
	if (target == KIOSK_SEARCH_NARROW) {
		kiosk_search_narrow(d, app);
		return;
	}
	if (target == KIOSK_SEARCH_FIELD) {
		kiosk_list_focus(&d->list, 0);
		d->in_field = 1;
		return;
	}
	d->in_field = 0;
	if (kiosk_list_click(&d->list, target, &i) == KIOSK_LIST_CHOSEN)
		kiosk_search_open(d, app, i);
}

static void
kiosk_search_focus(struct kiosk_screen *s, int where)
{
	struct kiosk_screen_search *d = s->data;

	d->on_narrow = 0;
	if (where == 1) {
		kiosk_list_focus(&d->list, 0);
		d->in_field = 1;
		return;
	}
	d->in_field = 0;
	kiosk_list_focus(&d->list, where);
	if (where == 2 && d->list.focus < 0)
		d->in_field = 1;
}

static void
kiosk_search_reload(struct kiosk_screen *s, struct kiosk_app *app)
{
	kiosk_search_layout(s, app);
}

static void
kiosk_search_free(struct kiosk_screen *s)
{
	struct kiosk_screen_search *d = s->data;

	kiosk_list_done(&d->list);
	kiosk_hits_done(&d->hits);
	explicit_bzero(d->text, sizeof d->text);
	d->len = 0;
	free(d);
	kiosk_screen_free(s);
}

/* "Word: lassen", then the results (or the hint). */
static char *
kiosk_search_speak(struct kiosk_screen *s, struct kiosk_app *app,
    int focus_only)
{
	struct kiosk_screen_search	*d = s->data;
	char				*field, *t;

	(void)app;
	field = xasprintf("%s %s", _("Word:"), d->text);
	t = kiosk_speech_with(&d->list, field, d->in_field, focus_only);
	free(field);
	return t;
}

static const struct kiosk_screen_ops kiosk_screen_search_ops = {
	.layout = kiosk_search_layout,
	.draw = kiosk_search_draw,
	.key = kiosk_search_key,
	.hit = kiosk_search_hit,
	.click = kiosk_search_click,
	.focus = kiosk_search_focus,
	.reload = kiosk_search_reload,
	.free = kiosk_search_free,
	.speak = kiosk_search_speak,
};

struct kiosk_screen *
kiosk_screen_search_new(struct kiosk_app *app)
{
	struct kiosk_screen_search *d = xcalloc(1, sizeof *d);

	d->app = app;
	d->in_field = 1;
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_search_fetch, d);
	d->list.focus = -1;
	return kiosk_screen_new(&kiosk_screen_search_ops, _("Search"), d);
}
