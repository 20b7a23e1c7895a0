/*
 * screen: what every kiosk screen provides (htop Panel, tmux window mode).
 *
 * The app owns a stack of screens; the top one is shown. A screen draws
 * only its body (the app draws the title row and the bar), gets keys the
 * app does not keep for itself, and answers hit tests for clicks. Every
 * screen keeps its place (page, focus, typed text) in its own struct, so
 * layout() after a resize or reload() after a catalogue change shows the
 * same place again.
 */
#ifndef KIOSK_SCREEN_H
#define KIOSK_SCREEN_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "catalog/lang.h"

struct kiosk_app;
struct kiosk_screen;

struct kiosk_screen_ops {
	/* Body rectangle is in s->y,x,h,w: place things and fetch. */
	void	(*layout)(struct kiosk_screen *s, struct kiosk_app *app);
	/* Draw the body; set s->cy,cx to the focused position. */
	void	(*draw)(struct kiosk_screen *s, struct kiosk_app *app);
	/* 1 when the key was used. */
	int	(*key)(struct kiosk_screen *s, struct kiosk_app *app,
		    int is_key, wint_t ch);
	/* Target at y,x or -1; then click() acts on a target. */
	int	(*hit)(struct kiosk_screen *s, int y, int x);
	void	(*click)(struct kiosk_screen *s, struct kiosk_app *app,
		    int target);
	/* Focus arrives from the bar: 0 none, 1 first, 2 last. */
	void	(*focus)(struct kiosk_screen *s, int where);
	/* The catalogue changed: read again, keep the place (may be NULL). */
	void	(*reload)(struct kiosk_screen *s, struct kiosk_app *app);
	/* Once a second (may be NULL); 1 when it needs a redraw. */
	int	(*tick)(struct kiosk_screen *s, struct kiosk_app *app);
	/* Free the screen and wipe what the person entered. */
	void	(*free)(struct kiosk_screen *s);
	/* Words to read aloud: the body, or (focus_only) the focused item;
	 * a new string or NULL. May be NULL: list screens are read from
	 * their kiosk_list (speech.c). */
	char	*(*speak)(struct kiosk_screen *s, struct kiosk_app *app,
		    int focus_only);
	/* 1 when a quick second tap on target is meant as a second press
	 * (a letter key typed twice, Erase); may be NULL: no target is.
	 * Every other tap that acts guards the screen a moment against
	 * the second tap of a double tap (app.c). */
	int	(*repeats)(struct kiosk_screen *s, int target);
	/* The interface language changed and this screen stays (a form
	 * keeps what was typed): say everything anew in the new language.
	 * May be NULL: then Language leaves the screen (app.c), and a
	 * screen under a form that stayed is read anew with reload()
	 * when it shows again. */
	void	(*relang)(struct kiosk_screen *s, struct kiosk_app *app);
};

struct kiosk_screen {
	const struct kiosk_screen_ops *ops;
	char		*title;		/* sanitised; drawn by the app */
	char		*title_mark;	/* language mark or NULL */
	char		*title_said;	/* the title's words with language
					 * marks (kiosk_speech_in()), or
					 * NULL: title */
	int		 title_dir;	/* kiosk_bidi_dir: SCREEN unless the
					 * title is catalogue text */
	int		 no_bar;	/* full-screen (the idle warning) */
	int		 staff_only;	/* leaves when staff mode ends */
	int		 is_home;	/* the home screen (Home goes there) */
	char		 lang[CATALOG_LANG_MAX]; /* the interface language it says
					 * things in: when the language was
					 * changed over it (an enrolment),
					 * it is said anew on coming back
					 * (app.c) */
	int		 y, x, h, w;	/* body */
	int		 cy, cx;	/* where the hardware cursor goes */
	int		 cursor;	/* 1: show the cursor (text field) */
	void		*data;
};

/* Allocate a screen with ops and data; title is copied and sanitised. */
struct kiosk_screen *kiosk_screen_new(const struct kiosk_screen_ops *ops,
    const char *title, void *data);
/* Replace the title (and its language mark, may be NULL). */
void kiosk_screen_set_title(struct kiosk_screen *s, const char *title,
    const char *mark);
/* The title's words for Read aloud, with the language of each piece
 * (kiosk_speech_in()); taken; NULL: the title. set_title() drops it. */
void kiosk_screen_set_title_said(struct kiosk_screen *s, char *said);
/* Free the common part (screens call this from their free()). */
void kiosk_screen_free(struct kiosk_screen *s);

/* Ops for screens whose data begins with a struct kiosk_list. */
void kiosk_screen_draw_list(struct kiosk_screen *s, struct kiosk_app *app);
int kiosk_screen_hit_list(struct kiosk_screen *s, int y, int x);
void kiosk_screen_focus_list(struct kiosk_screen *s, int where);
/* What choosing item i of a list screen does (the screen may be gone
 * afterwards). */
typedef void (*kiosk_screen_choose_fn)(struct kiosk_screen *s,
    struct kiosk_app *app, size_t i);
/* A key on a list screen: choose() on a chosen item; 1 when used. */
int kiosk_screen_key_list(struct kiosk_screen *s, struct kiosk_app *app,
    int is_key, wint_t ch, kiosk_screen_choose_fn choose);
/* A click on a list screen: choose() when it chose an item. */
void kiosk_screen_click_list(struct kiosk_screen *s, struct kiosk_app *app,
    int target, kiosk_screen_choose_fn choose);

/* The screens. */
struct kiosk_screen *kiosk_screen_lang_new(struct kiosk_app *app);
/* The languages over a screen that stays (relang): choosing one comes
 * back to it in that language (kiosk_app_lang_back). */
struct kiosk_screen *kiosk_screen_lang_pick_new(struct kiosk_app *app);
struct kiosk_screen *kiosk_screen_home_new(struct kiosk_app *app);
struct kiosk_filter;
struct kiosk_ask_title;
/* The result list for f, called as title says (screen_ask.h). */
struct kiosk_screen *kiosk_screen_list_new(struct kiosk_app *app,
    const struct kiosk_filter *f, const struct kiosk_ask_title *title);
struct kiosk_screen *kiosk_screen_detail_new(struct kiosk_app *app,
    int64_t id);
struct kiosk_screen *kiosk_screen_search_new(struct kiosk_app *app);
struct kiosk_screen *kiosk_screen_notice_new(struct kiosk_app *app,
    const char *title, const char *text);
struct kiosk_screen *kiosk_screen_idle_new(struct kiosk_app *app,
    int seconds);
/* The person's shortlist: its entries, one QR code, one slip. */
struct kiosk_screen *kiosk_screen_shortlist_new(struct kiosk_app *app);
/* 1 when s is a shortlist screen (the bar opens one at most). */
int kiosk_screen_is_shortlist(const struct kiosk_screen *s);
/* Read aloud's controls: volume, speed, pause, repeat (voice.h). */
struct kiosk_screen *kiosk_screen_voice_new(struct kiosk_app *app);
/* 1 when s is the Voice screen. */
int kiosk_screen_is_voice(const struct kiosk_screen *s);
/* Staff mode: the PIN pad, the staff menu, enrolling in an entry. */
struct kiosk_screen *kiosk_screen_pin_new(struct kiosk_app *app);
struct kiosk_screen *kiosk_screen_staff_new(struct kiosk_app *app);
struct kiosk_screen *kiosk_screen_enrol_new(struct kiosk_app *app,
    int64_t entry_id);

#endif
