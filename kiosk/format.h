/*
 * format: catalogue values as words in the interface language: dates,
 * prices, language names, durations, levels, kinds and modes. Dates,
 * money and language names come from ICU for that language, the rest
 * through gettext. A kiosk_format holds the ICU formatters of one
 * language; the app makes a new one when the language changes.
 */
#ifndef KIOSK_FORMAT_H
#define KIOSK_FORMAT_H

#include <stdint.h>
#include <time.h>

#include "catalog/entry.h"

struct kiosk_format;

struct kiosk_format *kiosk_format_new(const char *lang);
void kiosk_format_free(struct kiosk_format *f);

/* "2025-09-01" as a date with the month in words ("1 september 2025"); NULL for NULL or bad. */
char *kiosk_format_date(struct kiosk_format *f, const char *ymd);
/* The same with the month abbreviated ("Dec 21, 2026"), for tight rows. */
char *kiosk_format_date_short(struct kiosk_format *f, const char *ymd);
/* Join part (taken; NULL or "" adds nothing) onto *s with " · ". */
void kiosk_format_join(char **s, char *part);
/* s with every space next to a digit made a no-break space (U+00A0), so
 * a wrapped line is never broken between a count and its noun ("10
 * weeks", "4 ساعات"): for texts that wrap (the entry screen), not for
 * rows that are cut. A new string. */
char *kiosk_format_glue(const char *s);
/* "Free", "Price not known" or the amount in euros. */
char *kiosk_format_cost(struct kiosk_format *f, int64_t cents);
/* Name of the language tag in the interface language ("Dutch"). */
char *kiosk_format_lang_name(struct kiosk_format *f, const char *tag);
/* The language name for t when t is not in the interface language, else
 * NULL: the mark shown next to text in another language. */
char *kiosk_format_mark(struct kiosk_format *f, const struct catalog_text *t);
/* "P10W" as "10 weeks"; NULL when not understood. */
char *kiosk_format_duration(const char *iso);
/* "mbo2" as "MBO level 2"; NULL for NULL. */
char *kiosk_format_level(const char *level);
const char *kiosk_format_kind(enum catalog_kind kind);
const char *kiosk_format_mode(enum catalog_mode mode);
/* A distance for a list row ("12 km", "under 1 km"); NULL when km < 0
 * (unknown). */
char *kiosk_format_km(double km);
/* How old the catalogue is, in calendar days from the local date of
 * synced to today (catalog_clock_today()): "Updated today",
 * "Updated yesterday", "Updated 3 days ago"; never synced (never != 0):
 * "Not updated yet". A new string. */
char *kiosk_format_updated(int never, time_t synced);
/* The same age in whole days (0: today), or -1 when never synced. */
long kiosk_format_age(int never, time_t synced);

#endif
