/*
 * stats: use statistics that cannot tell who used the kiosk.
 *
 * Only when the configuration says "statistics = yes" does the kiosk
 * count, per calendar day (no finer time), in the state database:
 * sessions started and how they ended, languages chosen, themes and
 * narrowing questions answered, entries opened, QR codes shown, slips
 * printed, enrolments made (per course) and searches that found something
 * or nothing. Nothing links one count to another of the same session.
 *
 * Typed text is kept only for searches that found nothing, only as
 * folded words (at most CATALOG_STATS_QUERY_WORDS per search, none with
 * more than three digits: no phone numbers or postcodes), and only as the
 * number of different sessions that typed each word that ISO week. A
 * session is told apart by a random token that lives in memory only
 * (struct catalog_stats) with the keyed hashes of the words it already
 * counted; none of it is ever written. A word reaches the office only
 * when at least CATALOG_STATS_K sessions typed it that week
 * (k-anonymity); the others are deleted when the week is sealed, and at
 * the latest two weeks after it ended.
 *
 * Size is bounded (CATALOG_STATS_KEYS_MAX different keys per day,
 * CATALOG_STATS_WORDS_MAX words per week; more are counted as dropped)
 * and nothing is kept longer than CATALOG_STATS_KEEP_DAYS days.
 *
 * After a week has ended, catalog_stats_seal() (the sync agent) writes
 * it once as a .stats file: the week's counts as JSON, sealed to the
 * office key and signed by the kiosk (enrfile.h), into the outbox, which
 * the sync agent uploads with the enrolments (outbox.h); the kiosk then
 * deletes its own copy of the week.
 * docs/statistics.md says all this for a privacy officer.
 */
#ifndef CATALOG_STATS_H
#define CATALOG_STATS_H

#include <stddef.h>

struct catalog_keys;
struct catalog_state;
struct catalog_stats;

enum catalog_stats_kind {
	CATALOG_STATS_SESSION,		/* "session": a session started */
	CATALOG_STATS_END,		/* "end": key idle, finished, staff */
	CATALOG_STATS_LANGUAGE,		/* "language": key the code */
	CATALOG_STATS_THEME,		/* "theme": key the theme's key */
	CATALOG_STATS_QUESTION,		/* "question": key which question */
	CATALOG_STATS_ENTRY,		/* "entry": an entry opened */
	CATALOG_STATS_QR,		/* "qr": a QR code shown */
	CATALOG_STATS_SLIP,		/* "slip": a slip printed */
	CATALOG_STATS_ENROLMENT,	/* "enrolment": key the course */
	CATALOG_STATS_SEARCH_FOUND,	/* "search_found" */
	CATALOG_STATS_SEARCH_NONE,	/* "search_none" */
	CATALOG_STATS_DROPPED,		/* "dropped": over a size bound */
	CATALOG_STATS_NKINDS
};

#define CATALOG_STATS_K 5		/* sessions before a word is shown */
#define CATALOG_STATS_KEEP_DAYS 90
#define CATALOG_STATS_KEY_MAX 100	/* bytes of a key (course title) */
#define CATALOG_STATS_KEYS_MAX 500	/* different (kind, key) per day */
#define CATALOG_STATS_WORD_MAX 40	/* bytes of a folded word */
#define CATALOG_STATS_WORDS_MAX 1000	/* different words per week */
#define CATALOG_STATS_QUERY_WORDS 4	/* words kept of one search */
#define CATALOG_STATS_SESSION_WORDS 64	/* words one session counts */
#define CATALOG_STATS_WEEK_SIZE 9	/* "2026-W48" and NUL */
#define CATALOG_STATS_PAYLOAD_VERSION 1

/* The kind's name in the database and the upload; parse: -1 unknown. */
const char *catalog_stats_kind_name(enum catalog_stats_kind kind);
int catalog_stats_kind_parse(const char *name);
/* 1 when counts of this kind carry a key (language, theme, ...). */
int catalog_stats_kind_keyed(enum catalog_stats_kind kind);

/* The ISO 8601 week ("2026-W48") of a day number (clock.h). */
void catalog_stats_week(long day, char *week);
/* The Monday of an ISO week as a day number; -1 when not a week. */
long catalog_stats_week_monday(const char *week);

/* A counter on the state database (which must outlive it). */
struct catalog_stats *catalog_stats_new(struct catalog_state *state);
void catalog_stats_free(struct catalog_stats *st);

/*
 * A new session: counts it and draws a new random token (forgetting the
 * words the last one counted). A session still open ends first as idle.
 */
int catalog_stats_begin(struct catalog_stats *st, char **cause);
/* The session ends: how is "idle", "finished" or "staff". */
int catalog_stats_end(struct catalog_stats *st, const char *how,
    char **cause);
/* 1 while a session is open. */
int catalog_stats_in_session(const struct catalog_stats *st);

/*
 * Count one event of kind today (catalog_clock_day()). key is needed for
 * keyed kinds (it is made one safe line and cut to CATALOG_STATS_KEY_MAX
 * bytes), ignored for the others. -1 and *cause when the database fails.
 */
int catalog_stats_count(struct catalog_stats *st,
    enum catalog_stats_kind kind, const char *key, char **cause);

/*
 * A search of the text query that found found results: counted as found
 * or not; when nothing was found, each folded word counts once for this
 * session in this week's word counts.
 */
int catalog_stats_search(struct catalog_stats *st, const char *query,
    size_t found, char **cause);

/*
 * Delete counts older than CATALOG_STATS_KEEP_DAYS and the words of
 * weeks that ended more than two weeks before today.
 */
int catalog_stats_prune(struct catalog_state *state, char **cause);

/*
 * Seal every week with counts that has ended and was not sealed yet:
 * its JSON (counts, and words of at least CATALOG_STATS_K sessions) is
 * sealed to office_pk, signed with the kiosk's key and queued in the
 * outbox, and the week's counts and words are deleted from the kiosk,
 * in one transaction each.
 * kiosk_name is the configured kiosk_id. *n weeks were sealed. office_pk
 * may be NULL: then a week to seal is an error (it waits).
 */
int catalog_stats_seal(struct catalog_state *state,
    const unsigned char *office_pk, const char *kiosk_name, size_t *n,
    char **cause);

/* Delete every count and word not sealed yet (statistics switched off). */
int catalog_stats_discard(struct catalog_state *state, char **cause);

/* The JSON of a week as it would be sealed (for tests and the seal). */
char *catalog_stats_week_json(struct catalog_state *state, const char *week,
    const char *kiosk_id, const char *kiosk_name, char **cause);

#endif
