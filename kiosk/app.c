/*
 * app: screen stack, input dispatch, catalogue polling and the idle reset
 * (see app.h).
 *
 * While nobody uses it, the kiosk reads the catalogue's hot pages ahead
 * (catalog/warm.h): without, a kiosk's first searches after it starts
 * spend most of their time mapping pages of the catalogue. The loop does
 * one slice of KIOSK_APP_WARM_SLICE_MS when no input waits, the screen is
 * drawn and no input came for KIOSK_APP_WARM_IDLE_MS, and then looks at
 * the input again without waiting: a key pressed meanwhile waits at most
 * one slice, and warming goes on only once the person pauses.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "catalog/db.h"
#include "catalog/warm.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/bigfont.h"
#include "kiosk/call.h"
#include "kiosk/focus.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"
#include "kiosk/layout.h"
#include "kiosk/screen.h"
#include "kiosk/shortlist.h"
#include "kiosk/speech.h"
#include "kiosk/stats.h"
#include "kiosk/ui.h"
#include "kiosk/width.h"

/* Bar targets come after every screen target: a focus chain numbers its
 * widgets' targets in steps of KIOSK_FOCUS_SPAN (focus.h). */
#define KIOSK_APP_BAR_TARGET 1000000
_Static_assert(KIOSK_FOCUS_MAX * KIOSK_FOCUS_SPAN < KIOSK_APP_BAR_TARGET,
    "screen targets run into the bar's");
#define KIOSK_APP_CORNER_COLS 8		/* long press here: staff mode */
#define KIOSK_APP_LONG_PRESS 2000	/* ms */
#define KIOSK_APP_CALL_MS 5000		/* staff_call may take this long */

static int64_t
kiosk_app_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct kiosk_screen *
kiosk_app_top(struct kiosk_app *app)
{
	return app->depth > 0 ? app->stack[app->depth - 1] : NULL;
}

void
kiosk_app_init(struct kiosk_app *app, struct catalog_db *db,
    const char *lang, int lock, int desk, int idle_timeout)
{
	memset(app, 0, sizeof *app);
	app->db = db;
	app->lock = lock;
	app->desk = desk;
	app->idle_timeout = idle_timeout;
	app->stale_days = KIOSK_APP_STALE_DAYS;
	app->bar_focus = -1;
	app->press = -1;
	app->last_tap = -1;
	app->voice.level = KIOSK_VOICE_NORMAL;
	kiosk_textsize_init(&app->textsize);
	kiosk_input_init(&app->input);
	kiosk_staff_init(&app->staff);
	snprintf(app->start_lang, sizeof app->start_lang, "%s", lang);
	kiosk_app_set_lang(app, lang);
	app->last_input = app->last_tick = kiosk_app_now();
}

/* Pop and free the top screen. */
static void
kiosk_app_pop(struct kiosk_app *app)
{
	struct kiosk_screen *s = kiosk_app_top(app);

	if (s == NULL)
		return;
	app->depth--;
	/* A new screen may get its address: speech must not take it for
	 * the one it read. */
	if (app->spoken_screen == s)
		app->spoken_screen = NULL;
	s->ops->free(s);
}

void
kiosk_app_done(struct kiosk_app *app)
{
	while (app->depth > 0)
		kiosk_app_pop(app);
	kiosk_stats_close(app);
	free(app->stack);
	app->stack = NULL;
	kiosk_speech_reset(app);
	kiosk_shortlist_clear(&app->shortlist);
	kiosk_format_free(app->fmt);
	app->fmt = NULL;
	kiosk_staff_done(&app->staff);
	catalog_warm_free(app->warm);
	app->warm = NULL;
}

/*
 * The language was changed over screen s (Language during an enrolment):
 * s says everything anew in the app's language when it shows again, the
 * form itself with relang() (what was typed stays), a screen under it
 * (the entry, the list) read again with reload().
 */
static void
kiosk_app_relang(struct kiosk_app *app, struct kiosk_screen *s)
{
	if (strcmp(s->lang, app->lang) == 0)
		return;
	snprintf(s->lang, sizeof s->lang, "%s", app->lang);
	if (s->ops->relang != NULL)
		s->ops->relang(s, app);
	else if (s->ops->reload != NULL)
		s->ops->reload(s, app);
}

void
kiosk_app_relayout(struct kiosk_app *app)
{
	struct kiosk_screen	*s = kiosk_app_top(app);
	int			 large, margin;

	if (s == NULL)
		return;
	getmaxyx(stdscr, app->rows, app->cols);
	large = kiosk_layout_large(app->rows);
	margin = kiosk_layout_margin(app->cols);
	app->title_h = kiosk_layout_title_h(app->rows);
	/* Headings in the block font need its three rows. */
	if (app->textsize.blocks && app->title_h < KIOSK_BIGFONT_ROWS &&
	    app->rows >= 12)
		app->title_h = KIOSK_BIGFONT_ROWS;
	app->bar.kept = (int)app->shortlist.n;
	app->bar.voice = app->speech_on;
	app->bar.text_max = kiosk_textsize_at_max(&app->textsize);
	kiosk_bar_layout(&app->bar, app->rows, app->cols,
	    kiosk_layout_bar_h(app->rows, s->staff_only));
	if (s->no_bar) {
		s->y = 0;
		s->h = app->rows;
	} else {
		s->y = app->title_h + large;
		s->h = app->bar.y - s->y - large;
	}
	s->x = margin;
	s->w = app->cols - 2 * margin;
	if (s->h < 1)
		s->h = 1;
	if (s->w < 1)
		s->w = 1;
	kiosk_app_relang(app, s);
	s->ops->layout(s, app);
	app->dirty = 1;
	kiosk_app_changed(app);
}

void
kiosk_app_changed(struct kiosk_app *app)
{
	app->guard_until = kiosk_app_now() + KIOSK_APP_TAP_GUARD_MS;
}

void
kiosk_app_push(struct kiosk_app *app, struct kiosk_screen *s)
{
	if (app->depth == app->alloc) {
		app->alloc = app->alloc ? app->alloc * 2 : 8;
		app->stack = xreallocarray(app->stack, app->alloc,
		    sizeof *app->stack);
	}
	app->stack[app->depth++] = s;
	snprintf(s->lang, sizeof s->lang, "%s", app->lang);
	app->bar_focus = -1;
	kiosk_app_relayout(app);
}

void
kiosk_app_back(struct kiosk_app *app)
{
	if (app->depth <= 1)
		return;
	kiosk_app_pop(app);
	app->bar_focus = -1;
	kiosk_app_relayout(app);
}

void
kiosk_app_unwind(struct kiosk_app *app, size_t depth)
{
	if (depth < 1)
		depth = 1;
	while (app->depth > depth)
		kiosk_app_pop(app);
	app->bar_focus = -1;
	kiosk_app_relayout(app);
}

void
kiosk_app_home(struct kiosk_app *app)
{
	if (app->depth <= 1) {
		kiosk_app_push(app, kiosk_screen_home_new(app));
		return;
	}
	while (app->depth > 2)
		kiosk_app_pop(app);
	/* A notice over the language screen: Home is the home screen. */
	if (!app->stack[1]->is_home) {
		kiosk_app_pop(app);
		kiosk_app_push(app, kiosk_screen_home_new(app));
		return;
	}
	app->bar_focus = -1;
	kiosk_app_relayout(app);
}

void
kiosk_app_language(struct kiosk_app *app)
{
	size_t i;

	/* A screen that keeps a form (an enrolment) stays: the languages
	 * open over it, and choosing one comes back to it. */
	for (i = app->depth; i-- > 1;) {
		if (app->stack[i]->ops->relang == NULL)
			continue;
		while (app->depth > i + 1)
			kiosk_app_pop(app);
		kiosk_app_push(app, kiosk_screen_lang_pick_new(app));
		return;
	}
	while (app->depth > 1)
		kiosk_app_pop(app);
	app->bar_focus = -1;
	kiosk_app_relayout(app);
}

void
kiosk_app_lang_back(struct kiosk_app *app, const char *code)
{
	kiosk_app_set_lang(app, code);
	if (app->depth > 1)
		kiosk_app_pop(app);
	/* The form says everything anew (relayout(): kiosk_app_relang()),
	 * and so will the screens under it when they show again. */
	app->bar_focus = -1;
	kiosk_app_relayout(app);
}

void
kiosk_app_set_lang(struct kiosk_app *app, const char *code)
{
	const struct kiosk_lang_info *info = kiosk_lang_find(code);

	snprintf(app->lang, sizeof app->lang, "%s", code);
	kiosk_lang_switch(app->lang);
	kiosk_ui_set_rtl(info != NULL && info->rtl);
	if (app->speech != NULL)
		kiosk_speech_set_lang(app->speech, app->lang);
	kiosk_format_free(app->fmt);
	app->fmt = kiosk_format_new(app->lang);
}

void
kiosk_app_reset(struct kiosk_app *app)
{
	/* Back on the first screen by themselves: finished; else the idle
	 * warning counted down (stats.h). */
	const char *how = app->depth > 1 ? "idle" : "finished";

	if (app->staff.active)
		kiosk_stats_staff(app);
	while (app->depth > 0)
		kiosk_app_pop(app);
	kiosk_stats_end(app, how);
	kiosk_speech_reset(app);
	/* The next person starts with an empty shortlist. */
	kiosk_shortlist_clear(&app->shortlist);
	/* Normal volume and speed for the next person. */
	kiosk_voice_reset(app);
	/* And normal text size. */
	kiosk_textsize_reset(app);
	app->staff.active = 0;
	kiosk_app_set_lang(app, app->start_lang);
	app->press = -1;
	/* Wipe the terminal and curses' copy of it. */
	clear();
	refresh();
	kiosk_app_push(app, kiosk_screen_lang_new(app));
	app->fresh = 1;
}

static void
kiosk_app_notice(struct kiosk_app *app, int item)
{
	if (item == KIOSK_BAR_READ) {
		kiosk_speech_read(app);
		/* The bar gets Voice while Read aloud is on. */
		if (app->speech_on != app->bar.voice)
			kiosk_app_relayout(app);
		return;
	}
	/* The bell always; the site's program when there is one. The
	 * screen says staff were called only when that program said so. */
	kiosk_ui_beep();
	if (app->staff_call != NULL && kiosk_call_staff(app->staff_call,
	    app->staff.kiosk_id, KIOSK_APP_CALL_MS) == 0)
		kiosk_app_push(app, kiosk_screen_notice_new(app,
		    _("Ask staff"),
		    _("Staff have been called. Someone will come to help "
		    "you.\nPlease wait here.")));
	else
		kiosk_app_push(app, kiosk_screen_notice_new(app,
		    _("Ask staff"),
		    _("Please call a staff member.\n"
		    "Wave to them or go to the desk. They are happy to help "
		    "you.")));
}

/* A bar item's screen that is open already comes back (the screens
 * opened from it close), read anew, rather than a second copy; 0 when
 * none is open. */
static int
kiosk_app_reopen(struct kiosk_app *app, int (*is)(const struct kiosk_screen *))
{
	struct kiosk_screen	*s;
	size_t			 i;

	for (i = app->depth; i-- > 0;) {
		if (!is(app->stack[i]))
			continue;
		s = app->stack[i];
		if (s->ops->reload != NULL)
			s->ops->reload(s, app);
		kiosk_app_unwind(app, i + 1);
		return 1;
	}
	return 0;
}

static void
kiosk_app_bar_activate(struct kiosk_app *app, int item)
{
	app->bar_focus = -1;
	switch (item) {
	case KIOSK_BAR_BACK:
		kiosk_app_back(app);
		break;
	case KIOSK_BAR_HOME:
		kiosk_app_home(app);
		break;
	case KIOSK_BAR_LANGUAGE:
		kiosk_app_language(app);
		break;
	case KIOSK_BAR_READ:
	case KIOSK_BAR_STAFF:
		kiosk_app_notice(app, item);
		break;
	case KIOSK_BAR_KEPT:
		if (!kiosk_app_reopen(app, kiosk_screen_is_shortlist))
			kiosk_app_push(app, kiosk_screen_shortlist_new(app));
		break;
	case KIOSK_BAR_VOICE:
		if (!kiosk_app_reopen(app, kiosk_screen_is_voice))
			kiosk_app_push(app, kiosk_screen_voice_new(app));
		break;
	case KIOSK_BAR_TEXT:
		kiosk_textsize_do(app, 0);
		break;
	}
}

void
kiosk_app_activate(struct kiosk_app *app, int item)
{
	kiosk_app_bar_activate(app, item);
}

void
kiosk_app_staff_open(struct kiosk_app *app)
{
	struct kiosk_screen *s = kiosk_app_top(app);

	if (s != NULL && (s->no_bar || s->staff_only))
		return;
	kiosk_app_push(app, app->staff.active ? kiosk_screen_staff_new(app) :
	    kiosk_screen_pin_new(app));
}

void
kiosk_app_staff_end(struct kiosk_app *app, const char *why)
{
	size_t i, j = 0;

	app->staff.active = 0;
	kiosk_stats_staff(app);
	/* The headset was for the person staff were helping. */
	kiosk_speech_set_headset(app, 0);
	/* Staff screens may sit anywhere on the stack: drop them all. */
	for (i = 0; i < app->depth; i++) {
		if (app->stack[i]->staff_only && i > 0) {
			if (app->spoken_screen == app->stack[i])
				app->spoken_screen = NULL;
			app->stack[i]->ops->free(app->stack[i]);
		} else
			app->stack[j++] = app->stack[i];
	}
	app->depth = j;
	if (why != NULL)
		kiosk_app_push(app, kiosk_screen_notice_new(app,
		    _("Staff mode has ended"), why));
	else {
		app->bar_focus = -1;
		kiosk_app_relayout(app);
	}
}

static int
kiosk_app_target(struct kiosk_app *app, struct kiosk_screen *s, int y,
    int x)
{
	int item;

	if (!s->no_bar && (item = kiosk_bar_hit(&app->bar, y, x)) >= 0)
		return KIOSK_APP_BAR_TARGET + item;
	return s->ops->hit(s, y, x);
}

/* A press is shown on its whole target until release (or expiry): the
 * person sees that the touch was felt and what it will choose. */
static void
kiosk_app_draw_press(struct kiosk_app *app, struct kiosk_screen *s)
{
	int y, x;

	for (y = 0; y < app->rows; y++)
		for (x = 0; x < app->cols; x++)
			if (kiosk_app_target(app, s, y, x) == app->press)
				kiosk_ui_invert(y, x);
}

/* Bigger text without font control (textsize.h): the title in the
 * block font, when it is all ASCII letters, digits, blanks and '-' and
 * fits; 0 when it cannot be. */
static int
kiosk_app_big_title(struct kiosk_app *app, struct kiosk_screen *s, int x,
    int w)
{
	char	 up[64];
	size_t	 i, n;
	int	 bw;

	if (app->title_h < KIOSK_BIGFONT_ROWS || strlen(s->title) >= sizeof up)
		return 0;
	/* Punctuation has no big form and is left out. */
	for (i = n = 0; s->title[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s->title[i];

		if (strchr("?!.,:;'", c) == NULL)
			up[n++] = (char)(c >= 'a' && c <= 'z' ?
			    c - 'a' + 'A' : c);
	}
	up[n] = '\0';
	bw = kiosk_bigfont_text_width(up);
	if (n == 0 || bw < 0 || bw > w)
		return 0;
	kiosk_bigfont_draw_text((app->title_h - KIOSK_BIGFONT_ROWS) / 2,
	    kiosk_ui_x(x, bw), up, kiosk_ui_attr(KIOSK_ROLE_TITLE) | A_BOLD);
	return 1;
}

static void
kiosk_app_draw(struct kiosk_app *app)
{
	struct kiosk_screen	*s = kiosk_app_top(app);
	int			 cy = -1, cx = -1, mid, used, x, w, attr;

	if (s == NULL)
		return;
	erase();
	if (!s->no_bar) {
		x = s->x;
		w = app->cols - 2 * x;
		kiosk_ui_fill(0, 0, app->title_h, app->cols, KIOSK_ROLE_TITLE);
		mid = app->title_h / 2;
		attr = kiosk_ui_attr(KIOSK_ROLE_TITLE);
		/* A catalogue title in its own direction, in the title's
		 * place (its mark follows it). */
		used = kiosk_width_cols(s->title, strlen(s->title));
		if (app->textsize.blocks && kiosk_app_big_title(app, s, x, w))
			used = w;
		else
			used = kiosk_ui_para(mid, x, used < w ? used : w,
			    s->title, strlen(s->title),
			    (enum kiosk_bidi_dir)s->title_dir, attr);
		if (s->title_mark != NULL && used + 4 < w) {
			attr = kiosk_ui_attr(KIOSK_ROLE_MARKED);
			used += 1 + kiosk_ui_str(mid, x + used + 1, 1, "[",
			    attr);
			used += kiosk_ui_str(mid, x + used, w - used - 1,
			    s->title_mark, attr);
			kiosk_ui_str(mid, x + used, 1, "]", attr);
		}
		if (app->staff.active)
			kiosk_staff_draw_mark(mid, app->cols);
	}
	s->cy = s->cx = -1;
	s->cursor = 0;
	s->ops->draw(s, app);
	if (!s->no_bar)
		kiosk_bar_draw(&app->bar, app->bar_focus, &cy, &cx);
	if (app->press >= 0)
		kiosk_app_draw_press(app, s);
	if (app->bar_focus < 0 || s->no_bar) {
		cy = s->cy;
		cx = s->cx;
	}
	curs_set(s->cursor && app->bar_focus < 0 ? 1 : 0);
	/* Last: the hardware cursor on the focused item. */
	kiosk_ui_move(cy >= 0 ? cy : 0, cx >= 0 ? cx : 0);
	refresh();
	app->dirty = 0;
}

/* Keys for the bar while it has focus; 1 when used. */
static int
kiosk_app_bar_key(struct kiosk_app *app, struct kiosk_screen *s,
    int is_key, wint_t ch)
{
	int next = is_key ? (ch == KEY_RIGHT) : (ch == '\t');
	int prev = is_key && (ch == KEY_LEFT || ch == KEY_BTAB);

	if (next || prev) {
		app->bar_focus = kiosk_bar_next(&app->bar, app->bar_focus,
		    next ? 1 : -1);
		if (app->bar_focus >= KIOSK_BAR_COUNT ||
		    app->bar_focus < 0) {
			if (!is_key && s->ops->focus != NULL) {
				s->ops->focus(s, next ? 1 : 2);
				app->bar_focus = -1;
			} else
				app->bar_focus = kiosk_bar_next(&app->bar,
				    next ? -1 : KIOSK_BAR_COUNT, next ? 1 : -1);
		}
		return 1;
	}
	if (is_key && ch == KEY_UP) {
		app->bar_focus = -1;
		s->ops->focus(s, 2);
		return 1;
	}
	if (is_key && ch == KEY_DOWN)
		return 1;
	if ((!is_key && (ch == '\r' || ch == '\n')) ||
	    (is_key && ch == KEY_ENTER)) {
		kiosk_app_bar_activate(app, app->bar_focus);
		return 1;
	}
	return 0;
}

/* Actions nobody else used. */
static void
kiosk_app_global(struct kiosk_app *app, struct kiosk_screen *s,
    const struct kiosk_action *a)
{
	switch (a->kind) {
	case KIOSK_ACT_DOWN:
	case KIOSK_ACT_UP:
	case KIOSK_ACT_PREV:
	case KIOSK_ACT_NEXT:
		app->bar_focus = a->kind == KIOSK_ACT_UP ||
		    a->kind == KIOSK_ACT_PREV ? kiosk_bar_next(&app->bar,
		    KIOSK_BAR_COUNT, -1) : 0;
		s->ops->focus(s, 0);
		break;
	case KIOSK_ACT_BACK:
		kiosk_app_back(app);
		break;
	case KIOSK_ACT_HOME:
		kiosk_app_home(app);
		break;
	case KIOSK_ACT_HELP:
		kiosk_app_notice(app, KIOSK_BAR_STAFF);
		break;
	case KIOSK_ACT_LANGUAGE:
		kiosk_app_language(app);
		break;
	case KIOSK_ACT_READ:
		kiosk_app_notice(app, KIOSK_BAR_READ);
		break;
	case KIOSK_ACT_STAFF:
		kiosk_app_staff_open(app);
		break;
	case KIOSK_ACT_CHAR:
		if (!app->lock && (a->ch == 'q' || a->ch == 'Q'))
			app->quit = 1;
		break;
	case KIOSK_ACT_KEY:
		/* F4-F8: the voice controls (voice.h). */
		/* F9 and F10: bigger and smaller text (textsize.h). */
		if (kiosk_textsize_key_dir((int)a->ch) != 0) {
			kiosk_textsize_do(app, kiosk_textsize_key_dir(
			    (int)a->ch));
			break;
		}
		if (kiosk_voice_key_action((int)a->ch) >= 0) {
			kiosk_voice_do(app, (enum kiosk_voice_action)
			    kiosk_voice_key_action((int)a->ch));
			if (app->speech_on != app->bar.voice)
				kiosk_app_relayout(app);
		}
		break;
	default:
		break;
	}
}

static void
kiosk_app_key(struct kiosk_app *app, struct kiosk_action *a)
{
	struct kiosk_screen *s = kiosk_app_top(app);

	if (a->kind == KIOSK_ACT_NONE)
		return;
	app->dirty = 1;
	/* On a mirrored screen the arrows keep their visual meaning. */
	if (kiosk_ui_rtl() && (a->kind == KIOSK_ACT_LEFT ||
	    a->kind == KIOSK_ACT_RIGHT)) {
		a->kind = a->kind == KIOSK_ACT_LEFT ? KIOSK_ACT_RIGHT :
		    KIOSK_ACT_LEFT;
		a->ch = a->ch == KEY_LEFT ? KEY_RIGHT : KEY_LEFT;
	}
	if (a->kind == KIOSK_ACT_INTERRUPT) {
		if (!app->lock)
			app->quit = 1;
		return;
	}
	if (app->bar_focus >= 0 && !s->no_bar) {
		if (kiosk_app_bar_key(app, s, a->is_key, a->ch))
			return;
		if (a->kind == KIOSK_ACT_CHOOSE) {
			app->bar_focus = -1;
			s->ops->focus(s, 1);
		}
	}
	if (s->ops->key(s, app, a->is_key, a->ch))
		return;
	kiosk_app_global(app, s, a);
}

static void
kiosk_app_mouse_event(struct kiosk_app *app, const MEVENT *evp, int64_t now)
{
	struct kiosk_screen	*s = kiosk_app_top(app);
	MEVENT			 ev = *evp;
	int			 target, pressed_at_guard, repeat;

	ev.x = kiosk_ui_touch_x(ev.x);
	if (ev.bstate & BUTTON1_CLICKED)
		ev.bstate |= BUTTON1_PRESSED | BUTTON1_RELEASED;
	if (kiosk_staff_corner(&app->staff, &ev, app->title_h, app->cols,
	    now, KIOSK_APP_CORNER_COLS, KIOSK_APP_LONG_PRESS) &&
	    !s->no_bar) {
		app->dirty = 1;
		app->press = -1;
		kiosk_app_staff_open(app);
		return;
	}
	target = kiosk_app_target(app, s, ev.y, ev.x);
	if (ev.bstate & BUTTON1_PRESSED) {
		/* A new press replaces one never released. */
		app->press = target;
		app->press_at = now;
		app->dirty = 1;
	}
	if (!(ev.bstate & BUTTON1_RELEASED))
		return;
	/* Act only when press and release hit the same target, the press
	 * is fresh, and it did not come on the heels of a change: the
	 * second tap of a double tap lands on what the first one opened
	 * (or turns the page again); only keys meant to be pressed again
	 * (a letter, Erase) take it. */
	pressed_at_guard = app->press_at < app->guard_until;
	repeat = target < KIOSK_APP_BAR_TARGET && s->ops->repeats != NULL &&
	    target >= 0 && s->ops->repeats(s, target);
	if (target >= 0 && target == app->press &&
	    now - app->press_at <= KIOSK_APP_PRESS_EXPIRE_MS &&
	    (!pressed_at_guard || (repeat && target == app->last_tap))) {
		app->dirty = 1;
		app->last_tap = target;
		app->last_tap_at = now;
		if (target >= KIOSK_APP_BAR_TARGET)
			kiosk_app_bar_activate(app,
			    target - KIOSK_APP_BAR_TARGET);
		else
			s->ops->click(s, app, target);
		if (!repeat)
			kiosk_app_changed(app);
	}
	app->press = -1;
	app->dirty = 1;
}

/*
 * A press and a release that arrive in one read (a quick tap) are queued
 * together behind one KEY_MOUSE, and getmouse() hands them out newest
 * first: take them all, then act on them oldest first.
 */
static void
kiosk_app_mouse(struct kiosk_app *app)
{
	MEVENT	 ev[16];
	int	 n = 0;

	while (n < 16 && getmouse(&ev[n]) == OK)
		n++;
	while (n-- > 0)
		kiosk_app_mouse_event(app, &ev[n], kiosk_app_now());
}

/* A touch report input.c decoded. */
static void
kiosk_app_touch(struct kiosk_app *app, const struct kiosk_touch *t,
    int64_t now)
{
	MEVENT ev;

	memset(&ev, 0, sizeof ev);
	ev.y = t->y;
	ev.x = t->x;
	ev.bstate = t->press ? BUTTON1_PRESSED : BUTTON1_RELEASED;
	kiosk_app_mouse_event(app, &ev, now);
}

/* Once a second: catalogue changes, countdowns, idle time. */
static void
kiosk_app_tick(struct kiosk_app *app, int64_t now)
{
	struct kiosk_screen	*s;
	size_t			 i;
	int			 r;

	app->last_tick = now;
	if (catalog_db_poll(app->db) == 1) {
		for (i = 0; i < app->depth; i++) {
			s = app->stack[i];
			if (s->ops->reload != NULL)
				s->ops->reload(s, app);
		}
		app->dirty = 1;
	}
	if (kiosk_staff_sync_poll(&app->staff))
		app->dirty = 1;
	if (app->staff.active && now - app->last_input >=
	    app->staff.idle * 1000LL && !kiosk_app_top(app)->no_bar) {
		kiosk_app_staff_end(app, _("Nobody used staff mode for a "
		    "while, so it ended. What was typed there is cleared."));
		return;
	}
	s = kiosk_app_top(app);
	if (s->ops->tick != NULL) {
		r = s->ops->tick(s, app);
		if (r == 2) {
			kiosk_app_reset(app);
			return;
		}
		if (r == 1)
			app->dirty = 1;
	}
	if (s->no_bar || now - app->last_input < app->idle_timeout * 1000LL)
		return;
	if (app->depth > 1) {
		/* Warn with sound too; speech (when on) reads the warning
		 * as it reads every new screen (kiosk_speech_follow). */
		kiosk_app_push(app, kiosk_screen_idle_new(app,
		    KIOSK_APP_WARNING_SECONDS));
		kiosk_ui_beep();
	}
	else if (!app->fresh) {
		/* Nothing chosen yet: start over without a warning. */
		kiosk_app_reset(app);
	}
}

/*
 * 1 when standard input has ended (the terminal went away, or a file or
 * pipe reached its end): get_wch() returned ERR, yet input is readable or
 * hung up, so the read gave nothing. Without this check the loop would
 * spin at full speed, since every get_wch() returns at once.
 */
static int
kiosk_app_input_gone(void)
{
	struct pollfd pfd;

	pfd.fd = STDIN_FILENO;
	pfd.events = POLLIN;
	pfd.revents = 0;
	return poll(&pfd, 1, 0) == 1 &&
	    (pfd.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

int
kiosk_app_run(struct kiosk_app *app)
{
	struct kiosk_action	 act;
	int			 r, gone = 0, wait;
	int64_t			 now;

	if (app->depth == 0)
		kiosk_app_push(app, kiosk_screen_lang_new(app));
	if (app->db != NULL && app->warm == NULL)
		app->warm = catalog_warm_new(app->db);
	while (!app->quit) {
		/* Draw only when no input waits: a burst costs one redraw. */
		r = kiosk_input_read(&app->input, 0, &act);
		if (r == 0) {
			if (app->dirty)
				kiosk_app_draw(app);
			wait = 250;
			if (app->warm != NULL && kiosk_app_now() -
			    app->last_input >= KIOSK_APP_WARM_IDLE_MS) {
				/* A slice of warming, then the input. */
				if (catalog_warm_step(app->warm,
				    KIOSK_APP_WARM_SLICE_MS))
					wait = 0;
				else {
					catalog_warm_free(app->warm);
					app->warm = NULL;
				}
			}
			r = kiosk_input_read(&app->input, wait, &act);
		}
		now = kiosk_app_now();
		/* Three empty reads of ready input in a row: it has ended. */
		gone = r == 0 && kiosk_app_input_gone() ? gone + 1 : 0;
		if (gone >= 3)
			return 1;
		/* A press never released is forgotten. */
		if (app->press >= 0 &&
		    now - app->press_at > KIOSK_APP_PRESS_EXPIRE_MS) {
			app->press = -1;
			app->dirty = 1;
		}
		if (r == 0) {
			if (now - app->last_tick >= 1000) {
				kiosk_app_tick(app, now);
				kiosk_speech_follow(app);
			}
			continue;
		}
		if (act.kind != KIOSK_ACT_RESIZE) {
			kiosk_stats_input(app);
			app->last_input = now;
			app->fresh = 0;
			/* Any input stops speech at once. */
			kiosk_speech_input(app);
		}
		if (act.kind == KIOSK_ACT_RESIZE)
			kiosk_app_relayout(app);
		else if (act.kind == KIOSK_ACT_MOUSE)
			kiosk_app_mouse(app);
		else if (act.kind == KIOSK_ACT_TOUCH)
			kiosk_app_touch(app, &act.touch, now);
		else
			kiosk_app_key(app, &act);
		if (now - app->last_tick >= 1000)
			kiosk_app_tick(app, now);
		kiosk_speech_follow(app);
	}
	return 0;
}
