/*
 * clock: the one place where Leerpunt asks what day and time it is.
 *
 * Everything that depends on the calendar (hiding past offerings, "starts
 * within N days", "updated N days ago", manifest expiry, the demo's dates,
 * staff lock-outs, enrolment and outbox times) reads catalog_clock_now()
 * or catalog_clock_today(), never time(NULL). Timers that measure how long
 * something took or waited (idle reset, timeouts, backoff) use
 * CLOCK_MONOTONIC and are not the calendar.
 *
 * Tests and demonstrations set the clock with the environment variable
 * LEERPUNT_TODAY=YYYY-MM-DD (or an explicit --today option, through
 * catalog_clock_set_today()): the clock then reads 12:00:00 local time on
 * that day when the program starts and runs on from there in real time, so
 * lock-outs and timers still expire and the day does not change for twelve
 * hours. A malformed LEERPUNT_TODAY is ignored with a warning by the
 * programs (catalog_clock_init() returns -1); the real clock is used.
 */
#ifndef CATALOG_CLOCK_H
#define CATALOG_CLOCK_H

#include <time.h>

#define CATALOG_CLOCK_ENV	"LEERPUNT_TODAY"

/*
 * Read LEERPUNT_TODAY once. 0 when unset or valid, -1 when set but not a
 * real calendar date (the real clock is then used). Programs call it at
 * start; catalog_clock_now() calls it on first use otherwise.
 */
int catalog_clock_init(void);

/* Set the clock to noon on ymd ("YYYY-MM-DD"); NULL: the real clock.
 * -1 when ymd is not a real calendar date (the clock is unchanged). */
int catalog_clock_set_today(const char *ymd);

/* 1 when the clock is set (tests, --today), 0 when it is the wall clock. */
int catalog_clock_is_set(void);

/* Now, in seconds since the epoch. */
time_t catalog_clock_now(void);

/* Today as "YYYY-MM-DD" in local time, into out (at least 11 bytes). */
void catalog_clock_today(char out[11]);

/*
 * Parse "YYYY-MM-DD" into a day number (days since 1970-01-01, proleptic
 * Gregorian); -1 when it is not a real date. And back.
 */
int catalog_clock_parse_day(const char *ymd, long *day);
void catalog_clock_format_day(long day, char out[11]);

/* Today's day number (catalog_clock_today() as a day number). */
long catalog_clock_day(void);

#endif
