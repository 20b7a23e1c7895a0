/*
 * screen_ask: the narrowing questions, one per screen, each skippable,
 * with "0 Show all now" always at the top (see screen_ask.c).
 *
 * A flow starts from a theme, "Near me" or a typed word and asks Where?,
 * When?, Cost?, Online or on site? and Language of the lessons? in turn
 * (questions already answered are left out; "Near me" with --home and a
 * typed place are followed by How far?); then the question screens
 * leave the stack and the result list takes their place, so Back from the
 * list goes to where the flow started. From a result list, "0 Choices"
 * opens the same questions in change mode: the answer goes back into the
 * list's filter.
 */
#ifndef KIOSK_SCREEN_ASK_H
#define KIOSK_SCREEN_ASK_H

#include <stddef.h>

#include "kiosk/filter.h"

struct kiosk_app;
struct kiosk_screen;

/* Kinds of ask screen beyond the questions of filter.h. */
#define KIOSK_ASK_PROVINCES KIOSK_FILTER_PROVINCES	/* of Where? */
#define KIOSK_ASK_OVERVIEW 101	/* every question with its answer */
#define KIOSK_ASK_RADIUS KIOSK_FILTER_RADIUS	/* How far? */

/*
 * What a result list is called, kept as where the flow started rather
 * than as text, so that the list says it anew when the language changed
 * under it (Language during an enrolment): a theme (its name from the
 * catalogue), a typed word ("Results for ..."), or neither ("Near me").
 */
struct kiosk_ask_title {
	char	 theme[64];			/* theme key, or "" */
	char	 word[KIOSK_FILTER_TEXT_MAX];	/* typed word, or "" */
};

struct kiosk_ask_flow {
	int			 change;	/* 1: change a list's filter */
	size_t			 base;		/* stack depth to return to */
	struct kiosk_filter	*target;	/* change: the list's filter */
	struct kiosk_ask_title	 title;		/* of the result list */
};

/* The title in the interface language (taken by the caller). */
char *kiosk_ask_title_say(struct kiosk_app *app,
    const struct kiosk_ask_title *t);

/* Start the questions for f (a theme, home province or word set). */
void kiosk_screen_ask_start(struct kiosk_app *app,
    const struct kiosk_filter *f, const struct kiosk_ask_title *title);
/* Start with How far? for f (around the kiosk or a place). */
void kiosk_screen_ask_near(struct kiosk_app *app,
    const struct kiosk_filter *f, const struct kiosk_ask_title *title);
/* Open the overview of the questions to change target (a list's). */
void kiosk_screen_ask_change(struct kiosk_app *app,
    struct kiosk_filter *target);
/* Kind was answered (f holds the answer): the next question, or the
 * list; in change mode back to the list with f. */
void kiosk_screen_ask_answered(struct kiosk_app *app,
    const struct kiosk_ask_flow *flow, const struct kiosk_filter *f,
    int kind);
/* "Show all now": the list for f at once. */
void kiosk_screen_ask_finish(struct kiosk_app *app,
    const struct kiosk_ask_flow *flow, const struct kiosk_filter *f);

struct kiosk_screen *kiosk_screen_ask_new(struct kiosk_app *app,
    const struct kiosk_ask_flow *flow, const struct kiosk_filter *f,
    int kind);
/* Type a place name (screen_place.c). */
struct kiosk_screen *kiosk_screen_place_new(struct kiosk_app *app,
    const struct kiosk_ask_flow *flow, const struct kiosk_filter *f);

#endif
