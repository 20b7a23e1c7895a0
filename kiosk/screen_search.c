/*
 * screen_search: a text field and the results below it, updated at every
 * keystroke (the catalogue treats the last word as a prefix and forgives
 * spelling). While the field has focus every printable key types, digits
 * too (a word may hold one: "B1", "mbo 2"), and the lead then says that
 * numbers go into the word and offers are opened by touch; once focus
 * is in the results, digits choose a result and letters go back to
 * typing. Backspace removes the last character (a whole
 * grapheme cluster); on an empty field it goes back. The typed text is
 * wiped from memory when the screen is freed.
 *
 * When nothing is found, the nearest words the catalogue has are the
 * list's one choice ("Did you mean: elektricien?"), offered only when
 * they find something (catalog_search_suggest); choosing it types them.
 *
 * Right of the field, "Narrow down" (reached by touch, or with the Right
 * arrow from the field) asks the narrowing questions for the typed word
 * (screen_ask.c).
 *
 * The on-screen keyboard (keyboard.c) shows when the screen opens (not at
 * the staff desk). Where it fits with three-row keys and still leaves 12
 * rows, the results show below it; on smaller screens the screen has two
 * views: the keyboard, whose "Show results (N)" key counts the results as
 * letters are typed, and the results, with a Keyboard button (or the
 * layout's "abc") on the field row; touching the field shows the keyboard
 * too. Typing on a real keyboard shows the results, as it always did.
 * The view, the layout and the typed text live here, so a resize keeps
 * them.
 *
 * One focus chain (focus.c) holds the field, the Keyboard and Narrow down
 * buttons, the keyboard and the results, and owns the tap targets; the
 * buttons show only where they fit, the keyboard and the results by
 * view. Down and Tab go from the field to the keyboard (or the results),
 * Right to the buttons beside it; a letter typed on a button goes into
 * the field.
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
#include "kiosk/bidi.h"
#include "kiosk/button.h"
#include "kiosk/field.h"
#include "kiosk/focus.h"
#include "kiosk/hits.h"
#include "kiosk/keyboard.h"
#include "kiosk/lang.h"
#include "kiosk/layout.h"
#include "kiosk/screen.h"
#include "kiosk/screen_ask.h"
#include "kiosk/speech.h"
#include "kiosk/stats.h"
#include "kiosk/widget_list.h"
#include "kiosk/width.h"

#define KIOSK_SEARCH_MAX 120	/* bytes of typed text */
#define KIOSK_SEARCH_LIST_MIN 12	/* rows the results need beside keys */

/* The widgets of the focus chain, in its order. */
enum kiosk_search_widget {
	KIOSK_SEARCH_FIELD,
	KIOSK_SEARCH_KBTN,		/* the Keyboard button */
	KIOSK_SEARCH_NARROW,		/* Narrow down > */
	KIOSK_SEARCH_KEYS,		/* the on-screen keyboard */
	KIOSK_SEARCH_LIST
};

struct kiosk_screen_search {
	struct kiosk_list	 list;		/* first: see screen.h */
	struct kiosk_app	*app;
	char			 text[KIOSK_SEARCH_MAX + 1];
	size_t			 len;
	struct kiosk_field	 field;		/* shows text */
	struct kiosk_focus	 fc;
	struct kiosk_hits	 hits;
	const char		*lead;
	int			 lead_changed;
	int			 field_y, field_h;
	struct kiosk_button	 narrow;	/* 0 wide: none */
	struct kiosk_keyboard	 kb;
	int			 kb_on;		/* the keyboard shows */
	int			 shared;	/* keyboard and results together */
	struct kiosk_button	 kbtn;		/* 0 wide: none */
	char			*suggest;	/* "Did you mean ...?" words */
	struct kiosk_list_item	*sitem;		/* its one choice, or NULL */
};

/* Forget the suggestion (the list may still point at its item). */
static void
kiosk_search_suggest_done(struct kiosk_screen_search *d)
{
	if (d->sitem != NULL) {
		if (d->list.items == d->sitem) {
			d->list.items = NULL;
			d->list.n = 0;
		}
		kiosk_list_items_free(d->sitem, 1);
	}
	d->sitem = NULL;
	free(d->suggest);
	d->suggest = NULL;
}

/*
 * Nothing found: the nearest words the catalogue has, as the one choice
 * of the list ("Did you mean: elektricien?"), when they find something
 * (catalog_search_suggest). Choosing it types them.
 */
static void
kiosk_search_suggest(struct kiosk_screen_search *d, struct kiosk_list *l,
    struct catalog_query *q)
{
	char *cause = NULL, *w, *iso;

	if (l->total != 0 || l->first != 0)
		return;
	d->suggest = catalog_search_suggest(d->app->db, q, &cause);
	free(cause);
	if (d->suggest == NULL)
		return;
	w = kiosk_width_sanitize(d->suggest, 0);
	iso = kiosk_bidi_isolate(w, KIOSK_BIDI_SCREEN);
	d->sitem = xcalloc(1, sizeof *d->sitem);
	d->sitem->label = xasprintf(_("Did you mean: %s?"), iso);
	d->sitem->lang_inner = 0;
	d->sitem->dir = KIOSK_BIDI_SCREEN;
	free(iso);
	free(w);
	l->items = d->sitem;
	l->n = 1;
	l->total = 1;
}

/* The results show (beside the keyboard, or without it). */
static int
kiosk_search_list_shown(const struct kiosk_screen_search *d)
{
	return !d->kb_on || d->shared;
}

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
	const char			*lead;
	char				*cause = NULL;
	int				 digit;

	if (d->len == 0) {
		kiosk_hits_done(&d->hits);
		l->total = 0;
		kiosk_search_set_lead(d, _("Type what you want to learn, for "
		    "example a job or a skill. Results show while you type."));
		return;
	}
	catalog_query_init(&q);
	q.text = d->text;
	kiosk_search_suggest_done(d);
	if (kiosk_hits_fetch(d->app, &q, l, &d->hits, &cause) != 0) {
		free(cause);
		kiosk_search_set_lead(d, _("Searching does not work right "
		    "now. Please ask a staff member."));
		return;
	}
	kiosk_search_suggest(d, l, &q);
	/* A digit typed into the word ("lassen1") is said to be there,
	 * not taken as a choice: the numbers choose only from the list. */
	digit = d->len > 0 && d->text[d->len - 1] >= '0' &&
	    d->text[d->len - 1] <= '9';
	if (d->suggest != NULL)
		lead = _("Nothing found. Choose the word below to search for "
		    "it.");
	else if (l->total == 0 && digit)
		lead = _("Nothing found. Numbers you type go into the word: "
		    "erase the number, then touch an offer.");
	else if (l->total == 0)
		lead = _("Nothing found. Check the spelling, or type less of "
		    "the word. You can also go back and choose a theme.");
	else if (digit)
		lead = _("Numbers you type go into the word. To open an "
		    "offer, touch it.");
	else
		lead = NULL;
	kiosk_search_set_lead(d, lead);
}

static void
kiosk_search_layout(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_search	*d = s->data;
	int				 gap, top, avail, need, ly, lh;

	d->field_h = kiosk_layout_button_h(s->h, app->desk);
	gap = kiosk_layout_gap(s->h);
	d->field_y = s->y;
	top = ly = s->y + d->field_h + gap;
	avail = lh = s->h - d->field_h - gap;
	d->shared = 0;
	if (d->kb_on) {
		need = kiosk_keyboard_height(&d->kb, s->w, 3);
		if (need > 0 && avail - need - 1 >= KIOSK_SEARCH_LIST_MIN) {
			d->shared = 1;
			kiosk_keyboard_place(&d->kb, top, s->x, need, s->w);
			ly = top + need + 1;
			lh = avail - need - 1;
		} else
			/* The results are laid out where they will show, to
			 * count them, but not drawn. */
			kiosk_keyboard_place(&d->kb, top, s->x, avail, s->w);
	}
	d->lead_changed = 0;
	kiosk_list_layout(&d->list, ly, s->x, lh, s->w, app->desk);
	if (d->lead_changed)
		kiosk_list_layout(&d->list, ly, s->x, lh, s->w, app->desk);
	kiosk_keyboard_set_count(&d->kb, d->len > 0, d->suggest != NULL ? 0 :
	    d->list.total, d->hits.capped);
	kiosk_focus_show(&d->fc, KIOSK_SEARCH_KEYS, d->kb_on);
	kiosk_focus_show(&d->fc, KIOSK_SEARCH_LIST,
	    kiosk_search_list_shown(d));
}

/* Button b at the right end of the field row (fx, *fw), label padded by
 * pad on each side, "> " marking it when focused; *fw shrinks. */
static void
kiosk_search_side_button(struct kiosk_screen *s,
    struct kiosk_screen_search *d, struct kiosk_button *b, int on,
    const char *label, int cols, int pad, int fx, int *fw)
{
	enum kiosk_ui_role	 role = on ? KIOSK_ROLE_FOCUS :
	    KIOSK_ROLE_CHOICE;
	int			 w = cols + 2 * pad;
	int			 mid = d->field_y + d->field_h / 2;

	kiosk_button_place(b, d->field_y, fx + *fw - w, d->field_h, w);
	*fw -= w + 1;
	kiosk_ui_fill(d->field_y, b->x, d->field_h, w, role);
	kiosk_ui_str(mid, b->x + pad, cols, label,
	    kiosk_ui_attr(role) | A_BOLD);
	if (on) {
		if (pad > 1)
			kiosk_ui_str(mid, b->x, 1, ">",
			    kiosk_ui_attr(role) | A_BOLD);
		s->cy = mid;
		s->cx = b->x;
	}
}

/* The Keyboard button left of Narrow down (or of the field's end):
 * "Keyboard", or where that does not fit the layout's "abc". */
static void
kiosk_search_draw_kbtn(struct kiosk_screen *s,
    struct kiosk_screen_search *d, int fx, int *fw)
{
	const char	*label = _("Keyboard");
	int		 cols = kiosk_width_cols(label, strlen(label));
	int		 pad = 2;

	if (cols + 2 * pad > *fw - 8) {
		label = kiosk_keyboard_label(&d->kb, d->kb.script);
		cols = kiosk_width_cols(label, strlen(label));
		pad = 1;
	}
	if (cols + 2 * pad > *fw - 8)
		return;
	kiosk_search_side_button(s, d, &d->kbtn,
	    kiosk_focus_on(&d->fc, KIOSK_SEARCH_KBTN), label, cols, pad, fx,
	    fw);
}

/* The Narrow down button at the right end of the field row. */
static void
kiosk_search_draw_narrow(struct kiosk_screen *s,
    struct kiosk_screen_search *d, int fx, int *fw)
{
	const char	*label = _("Narrow down >");
	int		 cols = kiosk_width_cols(label, strlen(label));

	if (cols + 4 > *fw - 8)
		return;
	kiosk_search_side_button(s, d, &d->narrow,
	    kiosk_focus_on(&d->fc, KIOSK_SEARCH_NARROW), label, cols, 2, fx,
	    fw);
}

/* Ask the narrowing questions for the typed word. */
static void
kiosk_search_narrow(struct kiosk_screen_search *d, struct kiosk_app *app)
{
	struct kiosk_filter	 f;
	struct kiosk_ask_title	 title;

	/* Back from the questions: focus in the field. */
	kiosk_focus_set(&d->fc, KIOSK_SEARCH_FIELD, 0);
	kiosk_filter_init(&f);
	snprintf(f.text, sizeof f.text, "%s", d->text);
	kiosk_filter_touch(&f, KIOSK_FILTER_WORD);
	memset(&title, 0, sizeof title);
	snprintf(title.word, sizeof title.word, "%s", d->text);
	kiosk_screen_ask_start(app, &f, &title);
	explicit_bzero(&title, sizeof title);
	kiosk_filter_wipe(&f);
}

static void
kiosk_search_draw(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_search	*d = s->data;
	int				 lw, fx, fw;

	(void)app;
	if (kiosk_search_list_shown(d))
		kiosk_list_draw(&d->list, &s->cy, &s->cx);
	if (d->kb_on)
		kiosk_keyboard_draw(&d->kb, &s->cy, &s->cx);
	kiosk_ui_fill(d->field_y, s->x, d->field_h, s->w, KIOSK_ROLE_TEXT);
	lw = kiosk_width_cols(d->field.label, strlen(d->field.label));
	if (lw > s->w / 3)
		lw = s->w / 3;
	fx = s->x + lw + 1;
	/* Field and buttons together, within about 80 columns. */
	fw = s->x + kiosk_layout_text_w(s->w) - fx;
	d->narrow.w = d->kbtn.w = 0;
	if (d->len > 0 && d->list.total > 0 && d->hits.n > 0)
		kiosk_search_draw_narrow(s, d, fx, &fw);
	if (!d->kb_on)
		kiosk_search_draw_kbtn(s, d, fx, &fw);
	kiosk_focus_show(&d->fc, KIOSK_SEARCH_NARROW, d->narrow.w > 0);
	kiosk_focus_show(&d->fc, KIOSK_SEARCH_KBTN, d->kbtn.w > 0);
	/* The field up to the buttons, its label as wide as on the whole
	 * row. */
	kiosk_field_place(&d->field, d->field_y, s->x, d->field_h,
	    fx + fw - s->x);
	d->field.label_w = s->w / 3;
	d->field.len = d->len;
	if (kiosk_focus_typing(&d->fc)) {
		s->cursor = 1;
		kiosk_field_draw(&d->field, 1, &s->cy, &s->cx);
	} else
		kiosk_field_draw(&d->field, 0, NULL, NULL);
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

/* Add UTF-8 text at the end, when it fits; 1 when added. */
static int
kiosk_search_insert(struct kiosk_screen_search *d, const char *buf,
    size_t n)
{
	if (d->len + n > KIOSK_SEARCH_MAX)
		return 0;
	memcpy(d->text + d->len, buf, n);
	d->len += n;
	d->text[d->len] = '\0';
	return 1;
}

/* Focus on widget w (where: a list's or keyboard's first or last
 * target, or none), or on nothing (-1). */
static void
kiosk_search_to(struct kiosk_screen_search *d, int w, int where)
{
	kiosk_focus_set(&d->fc, w, where);
}

/* Typing on a real keyboard: the letter goes in and the results show. */
static void
kiosk_search_type(struct kiosk_screen *s, struct kiosk_app *app, wint_t ch)
{
	struct kiosk_screen_search	*d = s->data;
	char				 buf[U8_MAX_LENGTH];
	int32_t				 n = 0;
	UBool				 err = 0;

	U8_APPEND((uint8_t *)buf, n, (int32_t)sizeof buf, (UChar32)ch, err);
	if (err || !kiosk_search_insert(d, buf, (size_t)n))
		return;
	kiosk_search_to(d, KIOSK_SEARCH_FIELD, 0);
	d->kb_on = 0;
	kiosk_search_changed(s, app);
}

/* Remove the last letter (a whole grapheme cluster). */
static void
kiosk_search_erase(struct kiosk_screen_search *d)
{
	d->len = kiosk_width_prev(d->text, d->len);
	explicit_bzero(d->text + d->len, sizeof d->text - d->len);
}

/* Show the results without the keyboard; with_focus (keys, not touch):
 * focus on the first result. Read aloud reads the view anew. */
static void
kiosk_search_results(struct kiosk_screen *s, struct kiosk_app *app,
    int with_focus)
{
	struct kiosk_screen_search *d = s->data;

	kiosk_search_to(d, -1, 0);
	d->kb_on = 0;
	kiosk_search_layout(s, app);
	if (with_focus && kiosk_list_focusable(&d->list))
		kiosk_search_to(d, KIOSK_SEARCH_LIST, 1);
	else
		kiosk_search_to(d, KIOSK_SEARCH_FIELD, 0);
	kiosk_speech_renew(app);
}

/* Show the keyboard; with_focus: on its first key, else on the field. */
static void
kiosk_search_keyboard(struct kiosk_screen *s, struct kiosk_app *app,
    int with_focus)
{
	struct kiosk_screen_search *d = s->data;

	kiosk_search_to(d, -1, 0);
	d->kb_on = 1;
	kiosk_search_layout(s, app);
	if (with_focus)
		kiosk_search_to(d, KIOSK_SEARCH_KEYS, 1);
	else
		kiosk_search_to(d, KIOSK_SEARCH_FIELD, 0);
	kiosk_speech_renew(app);
}

/* Key k of the on-screen keyboard was pressed (touch or Enter); focus
 * goes to it. with_focus: by Enter (Show results then focuses a result). */
static void
kiosk_search_press(struct kiosk_screen *s, struct kiosk_app *app, int k,
    int with_focus)
{
	struct kiosk_screen_search	*d = s->data;
	const char			*text = NULL;
	char				*words;

	kiosk_search_to(d, KIOSK_SEARCH_KEYS, 0);
	d->kb.focus = k;
	/* Said before the press: a layout switch changes the keys. */
	words = kiosk_keyboard_spoken(&d->kb, k);
	switch (kiosk_keyboard_press(&d->kb, k, &text)) {
	case KIOSK_KEYBOARD_TYPE:
		if (kiosk_search_insert(d, text, strlen(text)))
			kiosk_search_changed(s, app);
		/* A Ge'ez syllable brings the consonants back. */
		if (d->kb.moved)
			kiosk_search_layout(s, app);
		break;
	case KIOSK_KEYBOARD_ERASE:
		if (d->len > 0) {
			kiosk_search_erase(d);
			kiosk_search_changed(s, app);
		}
		break;
	case KIOSK_KEYBOARD_CLEAR:
		explicit_bzero(d->text, sizeof d->text);
		d->len = 0;
		kiosk_search_changed(s, app);
		break;
	case KIOSK_KEYBOARD_RESULTS:
		free(words);
		kiosk_search_results(s, app, with_focus);
		return;
	case KIOSK_KEYBOARD_SWITCHED:
		kiosk_search_layout(s, app);
		break;
	case KIOSK_KEYBOARD_NONE:
		break;
	}
	if (words != NULL)
		kiosk_speech_pressed(app, words);
	free(words);
}

/* Type the suggested words instead of the text, and search them. */
static void
kiosk_search_take_suggestion(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_search *d = s->data;
	size_t n = strlen(d->suggest);

	if (n > KIOSK_SEARCH_MAX)
		return;
	explicit_bzero(d->text, sizeof d->text);
	memcpy(d->text, d->suggest, n);
	d->len = n;
	kiosk_search_to(d, KIOSK_SEARCH_FIELD, 0);
	kiosk_search_changed(s, app);
	kiosk_speech_renew(app);
}

static void
kiosk_search_open(struct kiosk_screen *s, struct kiosk_app *app, size_t i)
{
	struct kiosk_screen_search *d = s->data;

	i -= d->list.first;
	if (d->suggest != NULL && i == 0) {
		kiosk_search_take_suggestion(s, app);
		return;
	}
	if (i < d->hits.n) {
		kiosk_stats_search(app, d->text, d->list.total);
		kiosk_app_push(app, kiosk_screen_detail_new(app,
		    d->hits.ids[i]));
	}
}

static int
kiosk_search_key(struct kiosk_screen *s, struct kiosk_app *app, int is_key,
    wint_t ch)
{
	struct kiosk_screen_search	*d = s->data;
	struct kiosk_focus		*fc = &d->fc;
	size_t				 i;
	int				 enter = (!is_key && (ch == '\r' ||
					     ch == '\n')) || (is_key &&
					     ch == KEY_ENTER);
	int				 kbtn = !fc->item[KIOSK_SEARCH_KBTN].hidden;
	int				 narrow =
					     !fc->item[KIOSK_SEARCH_NARROW].hidden;

	/* The buttons beside the field: Enter, Left and Right; any other
	 * key is the field's. */
	if (kiosk_focus_on(fc, KIOSK_SEARCH_NARROW)) {
		if (enter) {
			kiosk_search_narrow(d, app);
			return 1;
		}
		kiosk_search_to(d, KIOSK_SEARCH_FIELD, 0);
		if (is_key && ch == KEY_LEFT && kbtn) {
			kiosk_search_to(d, KIOSK_SEARCH_KBTN, 0);
			return 1;
		}
		if (is_key && (ch == KEY_LEFT || ch == KEY_UP))
			return 1;
	}
	if (kiosk_focus_on(fc, KIOSK_SEARCH_KBTN)) {
		if (enter) {
			kiosk_search_keyboard(s, app, 1);
			return 1;
		}
		kiosk_search_to(d, KIOSK_SEARCH_FIELD, 0);
		if (is_key && ch == KEY_RIGHT && narrow) {
			kiosk_search_to(d, KIOSK_SEARCH_NARROW, 0);
			return 1;
		}
		if (is_key && (ch == KEY_LEFT || ch == KEY_UP))
			return 1;
	}
	if (kiosk_focus_typing(fc) && is_key && ch == KEY_RIGHT &&
	    (kbtn || narrow)) {
		kiosk_search_to(d, kbtn ? KIOSK_SEARCH_KBTN :
		    KIOSK_SEARCH_NARROW, 0);
		return 1;
	}
	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 ||
	    ch == 8))) {
		if (d->len == 0)
			return 0;
		kiosk_search_erase(d);
		if (!kiosk_focus_on(fc, KIOSK_SEARCH_KEYS))
			kiosk_search_to(d, KIOSK_SEARCH_FIELD, 0);
		kiosk_search_changed(s, app);
		return 1;
	}
	/* Digits choose only when the focus is not in the field (nor on
	 * the keyboard, which types). */
	if (!is_key && ch >= 0x20 && ch != 0x7f && iswprint(ch) &&
	    (kiosk_focus_typing(fc) || kiosk_focus_on(fc, KIOSK_SEARCH_KEYS) ||
	    !(ch >= '0' && ch <= '9'))) {
		kiosk_search_type(s, app, ch);
		return 1;
	}
	if (kiosk_focus_on(fc, KIOSK_SEARCH_KEYS)) {
		if (enter) {
			kiosk_search_press(s, app, d->kb.focus, 1);
			return 1;
		}
		switch (kiosk_keyboard_move(&d->kb, is_key, ch)) {
		case KIOSK_KEYBOARD_MOVED:
			return 1;
		case KIOSK_KEYBOARD_LEAVE_UP:
			kiosk_search_to(d, KIOSK_SEARCH_FIELD, 0);
			return 1;
		case KIOSK_KEYBOARD_LEAVE_DOWN:
			if (d->shared && kiosk_list_focusable(&d->list)) {
				kiosk_search_to(d, KIOSK_SEARCH_LIST, 1);
				return 1;
			}
			return 0;	/* on to the bar */
		case KIOSK_KEYBOARD_UNHANDLED:
			break;
		}
		if (d->shared && is_key && (ch == KEY_NPAGE ||
		    ch == KEY_PPAGE))
			return kiosk_list_key(&d->list, is_key, ch, &i) !=
			    KIOSK_LIST_UNHANDLED;
		return 0;
	}
	if (kiosk_focus_typing(fc) && d->kb_on) {
		if ((is_key && ch == KEY_DOWN) || (!is_key && ch == '\t')) {
			kiosk_search_to(d, KIOSK_SEARCH_KEYS, 1);
			return 1;
		}
		if (enter) {
			kiosk_search_results(s, app, 1);
			return 1;
		}
	}
	if (kiosk_focus_typing(fc)) {
		if ((is_key && ch == KEY_DOWN) || (!is_key && (ch == '\t' ||
		    ch == '\r' || ch == '\n')) || (is_key && ch == KEY_ENTER)) {
			if (!kiosk_list_focusable(&d->list))
				return 0;
			kiosk_search_to(d, KIOSK_SEARCH_LIST, 1);
			return 1;
		}
		if (is_key && (ch == KEY_NPAGE || ch == KEY_PPAGE))
			return kiosk_list_key(&d->list, is_key, ch, &i) !=
			    KIOSK_LIST_UNHANDLED;
		return 0;
	}
	switch (kiosk_list_key(&d->list, is_key, ch, &i)) {
	case KIOSK_LIST_CHOSEN:
		kiosk_search_open(s, app, i);
		return 1;
	case KIOSK_LIST_HANDLED:
		fc->cur = d->list.focus >= 0 ? KIOSK_SEARCH_LIST : -1;
		return 1;
	case KIOSK_LIST_UNHANDLED:
		break;
	}
	if ((is_key && (ch == KEY_UP || ch == KEY_BTAB))) {
		if (d->kb_on)
			kiosk_search_to(d, KIOSK_SEARCH_KEYS, 2);
		else
			kiosk_search_to(d, KIOSK_SEARCH_FIELD, 0);
		return 1;
	}
	return 0;
}

static int
kiosk_search_hit(struct kiosk_screen *s, int y, int x)
{
	struct kiosk_screen_search *d = s->data;

	return kiosk_focus_hit(&d->fc, y, x);
}

static void
kiosk_search_click(struct kiosk_screen *s, struct kiosk_app *app,
    int target)
{
	struct kiosk_screen_search	*d = s->data;
	size_t				 i;
	int				 own;

	switch (kiosk_focus_target(&d->fc, target, &own)) {
	case KIOSK_SEARCH_KEYS:
		kiosk_search_press(s, app, own, 0);
		break;
	case KIOSK_SEARCH_NARROW:
		kiosk_search_narrow(d, app);
		break;
	case KIOSK_SEARCH_FIELD:
	case KIOSK_SEARCH_KBTN:
		/* Touching the field means typing: the keyboard shows. */
		if (!d->kb_on)
			kiosk_search_keyboard(s, app, 0);
		else
			kiosk_search_to(d, KIOSK_SEARCH_FIELD, 0);
		break;
	case KIOSK_SEARCH_LIST:
		kiosk_search_to(d, -1, 0);
		if (kiosk_list_click(&d->list, own, &i) == KIOSK_LIST_CHOSEN)
			kiosk_search_open(s, app, i);
		break;
	}
}

static void
kiosk_search_focus(struct kiosk_screen *s, int where)
{
	struct kiosk_screen_search *d = s->data;

	kiosk_search_to(d, -1, 0);
	if (where == 1) {
		kiosk_search_to(d, KIOSK_SEARCH_FIELD, 0);
		return;
	}
	if (where != 2)
		return;
	if (kiosk_search_list_shown(d) && kiosk_list_focusable(&d->list)) {
		kiosk_search_to(d, KIOSK_SEARCH_LIST, 2);
		return;
	}
	kiosk_search_to(d, d->kb_on ? KIOSK_SEARCH_KEYS : KIOSK_SEARCH_FIELD,
	    d->kb_on ? 2 : 0);
}

static void
kiosk_search_reload(struct kiosk_screen *s, struct kiosk_app *app)
{
	struct kiosk_screen_search *d = s->data;

	/* The language may have changed under it (an enrolment). */
	kiosk_field_set_label(&d->field, _("Word:"));
	kiosk_screen_set_title(s, _("Search"), NULL);
	kiosk_search_layout(s, app);
}

static void
kiosk_search_free(struct kiosk_screen *s)
{
	struct kiosk_screen_search *d = s->data;

	kiosk_stats_search(d->app, d->text, d->list.total);
	kiosk_search_suggest_done(d);
	kiosk_list_done(&d->list);
	kiosk_hits_done(&d->hits);
	kiosk_field_done(&d->field);
	kiosk_button_done(&d->kbtn);
	kiosk_button_done(&d->narrow);
	explicit_bzero(d->text, sizeof d->text);
	d->len = 0;
	free(d);
	kiosk_screen_free(s);
}

/* "Word: lassen", how to use the keyboard when it shows, then the
 * results (or the hint); focus_only: the focused key, button or result. */
static char *
kiosk_search_speak(struct kiosk_screen *s, struct kiosk_app *app,
    int focus_only)
{
	struct kiosk_screen_search	*d = s->data;
	char				*field, *t;
	/* The field's row: the field, or a button beside it (Narrow down
	 * says the field). */
	int				 in_row = kiosk_focus_typing(&d->fc) ||
					     kiosk_focus_on(&d->fc,
					     KIOSK_SEARCH_NARROW);

	(void)app;
	if (focus_only && kiosk_focus_on(&d->fc, KIOSK_SEARCH_KEYS))
		return kiosk_keyboard_spoken(&d->kb, d->kb.focus);
	if (focus_only && kiosk_focus_on(&d->fc, KIOSK_SEARCH_KBTN))
		return xstrdup(_("Keyboard"));
	if (!focus_only && d->kb_on)
		field = xasprintf("%s %s %s", _("Word:"), d->text,
		    _("Touch the letters to type. Then touch Show results."));
	else
		field = xasprintf("%s %s", _("Word:"), d->text);
	if (!kiosk_search_list_shown(d)) {
		if (!focus_only || in_row)
			return field;
		free(field);
		return NULL;
	}
	t = kiosk_speech_with(&d->list, field, in_row, focus_only);
	free(field);
	return t;
}

static int
kiosk_search_repeats(struct kiosk_screen *s, int target)
{
	struct kiosk_screen_search	*d = s->data;
	int				 own;

	return kiosk_focus_target(&d->fc, target, &own) ==
	    KIOSK_SEARCH_KEYS && d->kb_on &&
	    kiosk_keyboard_repeats(&d->kb, own);
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
	.repeats = kiosk_search_repeats,
};

struct kiosk_screen *
kiosk_screen_search_new(struct kiosk_app *app)
{
	struct kiosk_screen_search *d = xcalloc(1, sizeof *d);

	d->app = app;
	kiosk_field_init(&d->field, d->text, sizeof d->text, _("Word:"));
	kiosk_button_init(&d->kbtn, 0);
	kiosk_button_init(&d->narrow, 0);
	kiosk_keyboard_init(&d->kb, app->lang);
	/* At the staff desk the keyboard is real: the screen keyboard waits
	 * behind its button. */
	d->kb_on = !app->desk;
	kiosk_list_init(&d->list, KIOSK_LIST_BLOCKS, kiosk_search_fetch, d);
	d->list.focus = -1;
	/* The chain in enum kiosk_search_widget order. */
	kiosk_focus_init(&d->fc);
	kiosk_focus_add(&d->fc, KIOSK_FOCUS_FIELD, &d->field);
	kiosk_focus_add(&d->fc, KIOSK_FOCUS_BUTTON, &d->kbtn);
	kiosk_focus_add(&d->fc, KIOSK_FOCUS_BUTTON, &d->narrow);
	kiosk_focus_add(&d->fc, KIOSK_FOCUS_KEYBOARD, &d->kb);
	kiosk_focus_add(&d->fc, KIOSK_FOCUS_LIST, &d->list);
	kiosk_focus_show(&d->fc, KIOSK_SEARCH_KBTN, 0);
	kiosk_focus_show(&d->fc, KIOSK_SEARCH_NARROW, 0);
	kiosk_focus_show(&d->fc, KIOSK_SEARCH_KEYS, d->kb_on);
	kiosk_focus_set(&d->fc, KIOSK_SEARCH_FIELD, 0);
	return kiosk_screen_new(&kiosk_screen_search_ops, _("Search"), d);
}
