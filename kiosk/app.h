/*
 * app: the kiosk's state and main loop.
 *
 * One struct kiosk_app is passed to every screen (no global state). The
 * loop waits for input a quarter second at a time; about once a second it
 * polls the catalogue (a sync or import makes every screen on the stack
 * read again, keeping its place) and checks the idle time (a warning with
 * a countdown, then a reset that frees every screen and wipes typed text).
 * Keys go to the top screen first; what it does not use the app handles:
 * Backspace back, Escape home, Tab into the bar, resize.
 */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include <stddef.h>
#include <stdint.h>

#include "catalog/lang.h"
#include "kiosk/bar.h"
#include "kiosk/input.h"
#include "kiosk/shortlist.h"
#include "kiosk/staff.h"
#include "kiosk/textsize.h"
#include "kiosk/voice.h"

struct catalog_db;
struct catalog_stats;
struct catalog_warm;
struct kiosk_format;
struct kiosk_speech;
struct kiosk_screen;

/* Seconds the idle warning counts down (WCAG 2.2.1: at least 20). */
#define KIOSK_APP_WARNING_SECONDS 20
/* Touch: after a screen changes, or after a tap acted, taps are ignored
 * this long (the second tap of a double tap lands on what came next);
 * a press not released within KIOSK_APP_PRESS_EXPIRE is forgotten. */
#define KIOSK_APP_TAP_GUARD_MS 300
#define KIOSK_APP_PRESS_EXPIRE_MS 1500
/* Warming the catalogue (catalog/warm.h) while nobody uses the kiosk:
 * slices of this many ms between looks at the input, once no input came
 * for KIOSK_APP_WARM_IDLE_MS. */
#define KIOSK_APP_WARM_SLICE_MS 15
#define KIOSK_APP_WARM_IDLE_MS 500

struct kiosk_app {
	struct catalog_db	*db;
	struct kiosk_format	*fmt;
	char			 lang[CATALOG_LANG_MAX];
	char			 start_lang[CATALOG_LANG_MAX];
	int			 lock;
	int			 desk;
	int			 idle_timeout;

	struct kiosk_screen	**stack;
	size_t			 depth;
	size_t			 alloc;

	int			 rows, cols;
	struct kiosk_bar	 bar;
	int			 bar_focus;	/* -1: focus on the screen */
	int			 title_h;
	int			 press;		/* target under a press */
	int64_t			 press_at;	/* ms, monotonic */
	int64_t			 guard_until;	/* taps before: ignored */
	int			 last_tap;	/* target of the last tap that
						 * acted, or -1 */
	int64_t			 last_tap_at;
	struct kiosk_input	 input;
	int64_t			 last_input;	/* ms, monotonic */
	int64_t			 last_tick;
	int			 quit;
	int			 dirty;
	int			 fresh;		/* nothing done since reset */

	/* Ask staff: the program that calls someone (staff_call), or
	 * NULL; it gets staff.kiosk_id. */
	const char		*staff_call;
	/* Visitors see how old the catalogue is only when its last update
	 * is more than this many days ago (stale_days); staff always. */
	int			 stale_days;
	/* Take it with you: lp printer name or NULL (--printer). */
	const char		*printer;
	/* The person's shortlist (never stored) and the site's link for
	 * it with "{ids}" (shortlist_url), or NULL. */
	struct kiosk_shortlist	 shortlist;
	const char		*shortlist_url;

	/* Read aloud (speech.c); personal data only with a headset. */
	struct kiosk_speech	*speech;
	int			 speech_on;
	int			 headset;	/* set by staff screens */
	struct kiosk_voice	 voice;		/* volume, speed (voice.h) */
	struct kiosk_textsize	 textsize;	/* Bigger text (textsize.h) */
	struct kiosk_screen	*spoken_screen;
	size_t			 spoken_depth;
	char			*spoken_title;
	char			*spoken_focus;
	char			*receipt;	/* last receipt, for repeat */
	struct kiosk_screen	*receipt_screen;
	/* Narrowing (filter.h) and staff mode (staff.h). */
	const char		*home_province;	/* "Near me", or NULL */
	int			 has_home;	/* --home: the kiosk's place */
	double			 home_lat, home_lon;
	struct kiosk_staff	 staff;
	/* Use statistics (stats.h), only with statistics = yes. */
	struct catalog_stats	*stats;
	int			 stats_on;
	int			 stats_staff;	/* staff mode in this session */
	unsigned char		 stats_last[16];	/* last search, hashed */
	/* The catalogue's hot pages being read ahead, NULL when done. */
	struct catalog_warm	*warm;
};

#define KIOSK_APP_STALE_DAYS 7

void kiosk_app_init(struct kiosk_app *app, struct catalog_db *db,
    const char *lang, int lock, int desk, int idle_timeout);
void kiosk_app_done(struct kiosk_app *app);
/* Run until quit (only possible with --no-lock) or the input ends (then
 * 1); returns the exit status. */
int kiosk_app_run(struct kiosk_app *app);

/* Screen stack. */
void kiosk_app_push(struct kiosk_app *app, struct kiosk_screen *s);
void kiosk_app_back(struct kiosk_app *app);
void kiosk_app_home(struct kiosk_app *app);
/* The language screen: over a screen that keeps a form (relang), else
 * in place of every screen. */
void kiosk_app_language(struct kiosk_app *app);
/* Language code was chosen over a screen that stays: back to it, said
 * anew in that language (relang). */
void kiosk_app_lang_back(struct kiosk_app *app, const char *code);
/* Use language code from now on (gettext, formats, catalogue texts). */
void kiosk_app_set_lang(struct kiosk_app *app, const char *code);
/* The next person: free everything, start at the language screen. */
void kiosk_app_reset(struct kiosk_app *app);
/* A screen's content changed: lay it out and draw again. */
void kiosk_app_relayout(struct kiosk_app *app);
/* The top screen changed its targets in place (a page turned, another
 * keyboard layout): taps are ignored for a moment. */
void kiosk_app_changed(struct kiosk_app *app);
/* Pop screens until depth are left (at least one), then lay out. */
void kiosk_app_unwind(struct kiosk_app *app, size_t depth);
/* What a bar button does (KIOSK_BAR_STAFF: the Ask staff notice). */
void kiosk_app_activate(struct kiosk_app *app, int item);
/* F12 or a long press on the top-right corner: PIN or staff menu. */
void kiosk_app_staff_open(struct kiosk_app *app);
/* Leave staff mode: staff screens go, what they held is wiped; with
 * why != NULL a notice says why. */
void kiosk_app_staff_end(struct kiosk_app *app, const char *why);

#endif
