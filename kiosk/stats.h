/*
 * stats: the kiosk's side of the use statistics (catalog/stats.h).
 *
 * Every screen that has something to count calls one of these; they do
 * nothing unless the configuration turned statistics on (kiosk_stats_open
 * with on = 1). A session begins at the first input after the kiosk
 * started or was reset, and ends at the reset: "staff" when staff mode
 * was used in it, "finished" when the person had gone back to the first
 * screen themselves, else "idle" (the warning counted down). A count that
 * cannot be saved is dropped: statistics never get in anyone's way.
 */
#ifndef KIOSK_STATS_H
#define KIOSK_STATS_H

#include <stddef.h>

#include "catalog/stats.h"

struct kiosk_app;

/* Start counting (on = statistics = yes); the state opens on first use. */
void kiosk_stats_open(struct kiosk_app *app, int on);
void kiosk_stats_close(struct kiosk_app *app);
/* 1 when the kiosk counts (the first screen says so). */
int kiosk_stats_on(const struct kiosk_app *app);

/* Any input: a session begins unless one is open. */
void kiosk_stats_input(struct kiosk_app *app);
/* Staff mode was used in this session. */
void kiosk_stats_staff(struct kiosk_app *app);
/* The reset: the session ends ("idle", "finished" or "staff"). */
void kiosk_stats_end(struct kiosk_app *app, const char *how);

void kiosk_stats_count(struct kiosk_app *app, enum catalog_stats_kind kind,
    const char *key);
/* A narrowing question (screen_ask.h kind) was answered or skipped. */
void kiosk_stats_question(struct kiosk_app *app, int kind);
/* A search ends (a result opened, or the screen left) with query typed
 * and found results; the same query twice in a row counts once. */
void kiosk_stats_search(struct kiosk_app *app, const char *query,
    size_t found);

#endif
