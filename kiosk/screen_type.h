/*
 * screen_type: a form's text field typed by touch (see screen_type.c).
 */
#ifndef KIOSK_SCREEN_TYPE_H
#define KIOSK_SCREEN_TYPE_H

#include <stddef.h>

#include "kiosk/keyboard.h"

struct kiosk_app;
struct kiosk_screen;

/* What the field's owner does with the text. */
struct kiosk_type_owner {
	/* The text as typed so far: a status in plain words (a new
	 * string, or NULL) and *bad when it is an error. May be NULL. */
	char	*(*check)(void *ctx, const char *text, int *bad);
	/* The screen closed (Done, Enter): the owner is on top again.
	 * May be NULL. */
	void	 (*done)(void *ctx, struct kiosk_app *app);
	void	*ctx;
};

/* A screen titled title with lead (or NULL) above the field label that
 * types into buf (cap bytes, NUL included; the owner's memory, never
 * freed or wiped here) with the keyboard in mode; speech is a
 * kiosk_speech_kind (PERSONAL: said only with a headset). Push it. */
struct kiosk_screen *kiosk_screen_type_new(struct kiosk_app *app,
    const char *title, const char *lead, char *buf, size_t cap,
    const char *label, enum kiosk_keyboard_mode mode, int speech,
    const struct kiosk_type_owner *owner);

#endif
