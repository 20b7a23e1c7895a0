/*
 * stats: counting, pruning and sealing the use statistics (see stats.h).
 *
 * Every count is one UPSERT on (day, kind, key); a new key is refused
 * (and counted as "dropped") once a day has CATALOG_STATS_KEYS_MAX of
 * them, and likewise for words in a week. A session's token is 32 random
 * bytes in sodium_malloc'd memory; the words it counted are remembered as
 * BLAKE2b hashes keyed by the token, so even memory holds no list of what
 * one person typed. Pruning runs at the first count of each day and
 * before sealing. The sealed JSON is built with jansson from the rows
 * themselves, sorted, so the same week always gives the same counts.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "catalog/clock.h"
#include "catalog/enrfile.h"
#include "catalog/fold.h"
#include "catalog/keys.h"
#include "catalog/safe.h"
#include "catalog/stateint.h"
#include "catalog/stats.h"
#include "catalog/xmalloc.h"

#define STATS_HASH 16

struct catalog_stats {
	struct catalog_state	*state;
	struct catalog_fold	*fold;
	unsigned char		*token;		/* sodium_malloc, or NULL */
	unsigned char		 seen[CATALOG_STATS_SESSION_WORDS][STATS_HASH];
	size_t			 nseen;
	long			 pruned;	/* day of the last prune */
};

static const char *const stats_kind_names[CATALOG_STATS_NKINDS] = {
	"session", "end", "language", "theme", "question", "entry", "qr",
	"slip", "enrolment", "search_found", "search_none", "dropped"
};

const char *
catalog_stats_kind_name(enum catalog_stats_kind kind)
{
	return (unsigned)kind < CATALOG_STATS_NKINDS ?
	    stats_kind_names[kind] : "?";
}

int
catalog_stats_kind_parse(const char *name)
{
	int i;

	for (i = 0; i < CATALOG_STATS_NKINDS; i++)
		if (strcmp(name, stats_kind_names[i]) == 0)
			return i;
	return -1;
}

int
catalog_stats_kind_keyed(enum catalog_stats_kind kind)
{
	return kind == CATALOG_STATS_END || kind == CATALOG_STATS_LANGUAGE ||
	    kind == CATALOG_STATS_THEME || kind == CATALOG_STATS_QUESTION ||
	    kind == CATALOG_STATS_ENROLMENT || kind == CATALOG_STATS_DROPPED;
}

/* Weekday of a day number, Monday 0 (1970-01-01 was a Thursday). */
static long
stats_weekday(long day)
{
	return ((day + 3) % 7 + 7) % 7;
}

void
catalog_stats_week(long day, char *week)
{
	long thu = day - stats_weekday(day) + 3, jan1;
	char ymd[32];
	int year;

	catalog_clock_format_day(thu, ymd);
	year = atoi(ymd);
	snprintf(ymd, sizeof ymd, "%04d-01-01", year);
	if (catalog_clock_parse_day(ymd, &jan1) != 0)
		jan1 = thu;
	snprintf(week, CATALOG_STATS_WEEK_SIZE, "%04u-W%02u",
	    (unsigned)year % 10000u, (unsigned)((thu - jan1) / 7 + 1) % 100u);
}

long
catalog_stats_week_monday(const char *week)
{
	char ymd[32], again[CATALOG_STATS_WEEK_SIZE];
	long jan4, monday;
	int year, w;

	if (strlen(week) != 8 || week[4] != '-' || week[5] != 'W' ||
	    sscanf(week, "%4d-W%2d", &year, &w) != 2 || year < 1970 ||
	    w < 1 || w > 53)
		return -1;
	snprintf(ymd, sizeof ymd, "%04d-01-04", year);
	if (catalog_clock_parse_day(ymd, &jan4) != 0)
		return -1;
	monday = jan4 - stats_weekday(jan4) + (long)(w - 1) * 7;
	catalog_stats_week(monday, again);
	return strcmp(again, week) == 0 ? monday : -1;
}

struct catalog_stats *
catalog_stats_new(struct catalog_state *state)
{
	struct catalog_stats *st = xcalloc(1, sizeof *st);

	st->state = state;
	st->pruned = -1;
	return st;
}

static void
stats_forget_session(struct catalog_stats *st)
{
	if (st->token != NULL)
		sodium_free(st->token);
	st->token = NULL;
	sodium_memzero(st->seen, sizeof st->seen);
	st->nseen = 0;
}

void
catalog_stats_free(struct catalog_stats *st)
{
	if (st == NULL)
		return;
	stats_forget_session(st);
	if (st->fold != NULL)
		catalog_fold_free(st->fold);
	free(st);
}

int
catalog_stats_in_session(const struct catalog_stats *st)
{
	return st->token != NULL;
}

/* n of today's rows for a new key is allowed; 1 yes, 0 full, -1 error. */
static int
stats_room(struct catalog_stats *st, const char *sql, const char *period,
    int max, char **cause)
{
	sqlite3_stmt *q = catalog_state_prepare(st->state, sql);
	int rc, room = -1;

	sqlite3_bind_text(q, 1, period, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		room = sqlite3_column_int(q, 0) < max;
	sqlite3_finalize(q);
	if (room < 0)
		*cause = catalog_state_error(st->state, "cannot count");
	return room;
}

/* Add 1 to (day, what, key); a new key only while the day has room. */
static int
stats_add(struct catalog_stats *st, const char *day, const char *what,
    const char *key, char **cause)
{
	sqlite3_stmt *q;
	int rc, room;

	q = catalog_state_prepare(st->state, "UPDATE stats_count SET n = n + 1"
	    " WHERE day = ? AND what = ? AND key = ?");
	sqlite3_bind_text(q, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, what, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		goto fail;
	if (sqlite3_changes(catalog_state_sqlite(st->state)) > 0)
		return 0;
	/* "dropped" rows (one per kind at most) are beyond the bound. */
	room = strcmp(what, "dropped") == 0 ? 1 : stats_room(st,
	    "SELECT count(*) FROM stats_count WHERE day = ?", day,
	    CATALOG_STATS_KEYS_MAX, cause);
	if (room < 0)
		return -1;
	if (room == 0)
		return stats_add(st, day, "dropped", what, cause);
	q = catalog_state_prepare(st->state, "INSERT INTO stats_count(day,"
	    " what, key, n) VALUES (?, ?, ?, 1)");
	sqlite3_bind_text(q, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, what, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return 0;
fail:
	*cause = catalog_state_error(st->state, "cannot save a count");
	return -1;
}

/* Cut s to at most max bytes at a character boundary. */
static void
stats_cut(char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	s[n] = '\0';
}

static int
stats_count_day(struct catalog_stats *st, enum catalog_stats_kind kind,
    const char *key, char **cause)
{
	long today = catalog_clock_day();
	char day[11], *k;
	int rc;

	if (st->pruned != today) {
		if (catalog_stats_prune(st->state, cause) != 0)
			return -1;
		st->pruned = today;
	}
	catalog_clock_format_day(today, day);
	k = catalog_stats_kind_keyed(kind) ? catalog_safe_line(key) :
	    xstrdup("");
	stats_cut(k, CATALOG_STATS_KEY_MAX);
	rc = stats_add(st, day, catalog_stats_kind_name(kind), k, cause);
	free(k);
	return rc;
}

int
catalog_stats_count(struct catalog_stats *st, enum catalog_stats_kind kind,
    const char *key, char **cause)
{
	if ((unsigned)kind >= CATALOG_STATS_NKINDS ||
	    kind == CATALOG_STATS_DROPPED) {
		*cause = xstrdup("not a kind of count");
		return -1;
	}
	return stats_count_day(st, kind, key, cause);
}

int
catalog_stats_begin(struct catalog_stats *st, char **cause)
{
	if (st->token != NULL && catalog_stats_end(st, "idle", cause) != 0)
		return -1;
	if (sodium_init() < 0 ||
	    (st->token = sodium_malloc(crypto_generichash_KEYBYTES)) == NULL) {
		*cause = xstrdup("libsodium cannot start");
		return -1;
	}
	randombytes_buf(st->token, crypto_generichash_KEYBYTES);
	st->nseen = 0;
	return stats_count_day(st, CATALOG_STATS_SESSION, NULL, cause);
}

int
catalog_stats_end(struct catalog_stats *st, const char *how, char **cause)
{
	if (st->token == NULL)
		return 0;
	stats_forget_session(st);
	if (strcmp(how, "idle") != 0 && strcmp(how, "finished") != 0 &&
	    strcmp(how, "staff") != 0) {
		*cause = xasprintf("\"%s\" is not how a session ends", how);
		return -1;
	}
	return stats_count_day(st, CATALOG_STATS_END, how, cause);
}

/* A word's digits; words with more than three are not kept. */
static size_t
stats_digits(const char *w, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += w[i] >= '0' && w[i] <= '9';
	return n;
}

struct stats_words {
	char	 w[CATALOG_STATS_QUERY_WORDS][CATALOG_STATS_WORD_MAX + 1];
	size_t	 n;
};

static int
stats_word_cb(void *arg, const char *word, size_t len, size_t start,
    size_t end)
{
	struct stats_words *sw = arg;
	size_t i;

	(void)start;
	(void)end;
	if (len == 0 || len > CATALOG_STATS_WORD_MAX ||
	    stats_digits(word, len) > 3)
		return 0;
	for (i = 0; i < sw->n; i++)
		if (strlen(sw->w[i]) == len && memcmp(sw->w[i], word, len) == 0)
			return 0;
	memcpy(sw->w[sw->n], word, len);
	sw->w[sw->n][len] = '\0';
	return ++sw->n >= CATALOG_STATS_QUERY_WORDS;
}

/* One more session typed word this week (a new word only with room). */
static int
stats_add_word(struct catalog_stats *st, const char *week, const char *word,
    char **cause)
{
	sqlite3_stmt *q;
	int rc, room;

	q = catalog_state_prepare(st->state, "UPDATE stats_word SET sessions ="
	    " sessions + 1 WHERE week = ? AND word = ?");
	sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, word, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		goto fail;
	if (sqlite3_changes(catalog_state_sqlite(st->state)) > 0)
		return 0;
	room = stats_room(st, "SELECT count(*) FROM stats_word WHERE week = ?",
	    week, CATALOG_STATS_WORDS_MAX, cause);
	if (room < 0)
		return -1;
	if (room == 0)
		return stats_count_day(st, CATALOG_STATS_DROPPED, "word", cause);
	q = catalog_state_prepare(st->state, "INSERT INTO stats_word(week, word,"
	    " sessions) VALUES (?, ?, 1)");
	sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, word, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return 0;
fail:
	*cause = catalog_state_error(st->state, "cannot save a word count");
	return -1;
}

int
catalog_stats_search(struct catalog_stats *st, const char *query,
    size_t found, char **cause)
{
	struct stats_words sw;
	unsigned char h[STATS_HASH];
	char week[CATALOG_STATS_WEEK_SIZE];
	size_t i, j;
	int rc = 0;

	if (stats_count_day(st, found > 0 ? CATALOG_STATS_SEARCH_FOUND :
	    CATALOG_STATS_SEARCH_NONE, NULL, cause) != 0)
		return -1;
	if (found > 0 || st->token == NULL || query == NULL)
		return 0;
	if (st->fold == NULL)
		st->fold = catalog_fold_new();
	memset(&sw, 0, sizeof sw);
	catalog_fold_words(st->fold, query, strlen(query), stats_word_cb, &sw);
	catalog_stats_week(catalog_clock_day(), week);
	for (i = 0; i < sw.n && rc == 0; i++) {
		crypto_generichash(h, sizeof h, (unsigned char *)sw.w[i],
		    strlen(sw.w[i]), st->token, crypto_generichash_KEYBYTES);
		for (j = 0; j < st->nseen; j++)
			if (sodium_memcmp(st->seen[j], h, sizeof h) == 0)
				break;
		if (j < st->nseen || st->nseen >= CATALOG_STATS_SESSION_WORDS)
			continue;	/* counted already, or enough */
		memcpy(st->seen[st->nseen++], h, sizeof h);
		rc = stats_add_word(st, week, sw.w[i], cause);
	}
	sodium_memzero(&sw, sizeof sw);
	return rc;
}

int
catalog_stats_prune(struct catalog_state *state, char **cause)
{
	long today = catalog_clock_day();
	char oldest[11], week[CATALOG_STATS_WEEK_SIZE];
	sqlite3_stmt *q;
	int rc;

	catalog_clock_format_day(today - CATALOG_STATS_KEEP_DAYS + 1, oldest);
	/* Words of a week that ended two weeks ago or more go in any case. */
	catalog_stats_week(today - 14, week);
	q = catalog_state_prepare(state, "DELETE FROM stats_count WHERE day < ?");
	sqlite3_bind_text(q, 1, oldest, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE) {
		q = catalog_state_prepare(state, "DELETE FROM stats_word WHERE"
		    " week < ?");
		sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
	}
	if (rc == SQLITE_DONE) {
		catalog_stats_week(today - CATALOG_STATS_KEEP_DAYS - 7, week);
		q = catalog_state_prepare(state, "DELETE FROM stats_sealed WHERE"
		    " week < ?");
		sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
	}
	if (rc != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot delete old counts");
		return -1;
	}
	return 0;
}

char *
catalog_stats_week_json(struct catalog_state *state, const char *week,
    const char *kiosk_id, const char *kiosk_name, char **cause)
{
	long monday = catalog_stats_week_monday(week);
	char first[11], last[11], *s;
	json_t *doc, *counts, *words;
	sqlite3_stmt *q;
	int rc;

	if (monday < 0) {
		*cause = xasprintf("\"%s\" is not a week", week);
		return NULL;
	}
	catalog_clock_format_day(monday, first);
	catalog_clock_format_day(monday + 6, last);
	counts = json_array();
	q = catalog_state_prepare(state, "SELECT day, what, key, n FROM"
	    " stats_count WHERE day BETWEEN ? AND ? AND n > 0"
	    " ORDER BY day, what, key");
	sqlite3_bind_text(q, 1, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, last, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		json_array_append_new(counts, json_pack("{s:s, s:s, s:s, s:I}",
		    "day", (const char *)sqlite3_column_text(q, 0),
		    "what", (const char *)sqlite3_column_text(q, 1),
		    "key", (const char *)sqlite3_column_text(q, 2),
		    "n", (json_int_t)sqlite3_column_int64(q, 3)));
	sqlite3_finalize(q);
	words = json_array();
	if (rc == SQLITE_DONE) {
		q = catalog_state_prepare(state, "SELECT word, sessions FROM"
		    " stats_word WHERE week = ? AND sessions >= ?"
		    " ORDER BY sessions DESC, word");
		sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 2, CATALOG_STATS_K);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW)
			json_array_append_new(words, json_pack("{s:s, s:I}",
			    "word", (const char *)sqlite3_column_text(q, 0),
			    "sessions", (json_int_t)sqlite3_column_int64(q, 1)));
		sqlite3_finalize(q);
	}
	if (rc != SQLITE_DONE) {
		json_decref(counts);
		json_decref(words);
		*cause = catalog_state_error(state, "cannot read the counts");
		return NULL;
	}
	doc = json_pack("{s:i, s:s, s:s, s:s, s:i, s:o, s:o}",
	    "v", CATALOG_STATS_PAYLOAD_VERSION, "kiosk", kiosk_id,
	    "kiosk_name", kiosk_name, "week", week, "k", CATALOG_STATS_K,
	    "counts", counts, "words", words);
	s = doc != NULL ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(doc);
	if (s == NULL)
		*cause = xstrdup("cannot build the statistics");
	return s;
}

/* Seal one week into the outbox in one transaction; -1 and *cause. */
static int
stats_seal_week(struct catalog_state *state, const struct catalog_keys *kiosk,
    const unsigned char *office_pk, const char *kiosk_name,
    const char *week, char **cause)
{
	char tag[CATALOG_ENRFILE_RECEIPT_LEN + 1], *json, first[11], last[11];
	unsigned char *rec;
	sqlite3_stmt *q;
	size_t len;
	int rc;

	if (catalog_state_exec(state, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	if ((json = catalog_stats_week_json(state, week, kiosk->id,
	    kiosk_name, cause)) == NULL)
		goto fail;
	snprintf(tag, sizeof tag, "S%s", week);
	rec = catalog_enrfile_build_kind(CATALOG_ENRFILE_STATS, kiosk, tag,
	    office_pk, (unsigned char *)json, strlen(json), &len, cause);
	free(json);
	if (rec == NULL)
		goto fail;
	q = catalog_state_prepare(state, "INSERT INTO outbox(receipt,"
	    " offering_id, created, status, record, kind) VALUES (?, 0, ?,"
	    " 'queued', ?, 'stats')");
	sqlite3_bind_text(q, 1, tag, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)catalog_stats_week_monday(week)
	    * 86400);
	sqlite3_bind_blob(q, 3, rec, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	free(rec);
	if (rc == SQLITE_DONE) {
		q = catalog_state_prepare(state, "INSERT INTO stats_sealed(week)"
		    " VALUES (?)");
		sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
	}
	if (rc == SQLITE_DONE) {
		q = catalog_state_prepare(state, "DELETE FROM stats_word WHERE"
		    " week = ?");
		sqlite3_bind_text(q, 1, week, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
	}
	if (rc == SQLITE_DONE) {
		/* Sent on: the kiosk keeps no copy of the week's counts. */
		catalog_clock_format_day(catalog_stats_week_monday(week), first);
		catalog_clock_format_day(catalog_stats_week_monday(week) + 6,
		    last);
		q = catalog_state_prepare(state, "DELETE FROM stats_count WHERE"
		    " day BETWEEN ? AND ?");
		sqlite3_bind_text(q, 1, first, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, last, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
	}
	if (rc != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot queue the statistics");
		goto fail;
	}
	return catalog_state_exec(state, "COMMIT", cause);
fail:
	catalog_state_exec(state, "ROLLBACK", NULL);
	return -1;
}

int
catalog_stats_seal(struct catalog_state *state, const unsigned char *office_pk,
    const char *kiosk_name, size_t *n, char **cause)
{
	char this_week[CATALOG_STATS_WEEK_SIZE], week[CATALOG_STATS_WEEK_SIZE];
	char **weeks = NULL;
	struct catalog_keys *kiosk = NULL;
	size_t nweeks = 0, i;
	sqlite3_stmt *q;
	long day;
	int rc = -1, r;

	*n = 0;
	if (catalog_stats_prune(state, cause) != 0)
		return -1;
	catalog_stats_week(catalog_clock_day(), this_week);
	/* The weeks with counts (a day each) or words, not sealed yet. */
	q = catalog_state_prepare(state, "SELECT DISTINCT day FROM stats_count"
	    " ORDER BY day");
	while ((r = sqlite3_step(q)) == SQLITE_ROW) {
		if (catalog_clock_parse_day((const char *)
		    sqlite3_column_text(q, 0), &day) != 0)
			continue;
		catalog_stats_week(day, week);
		if (strcmp(week, this_week) >= 0 || (nweeks > 0 &&
		    strcmp(weeks[nweeks - 1], week) == 0))
			continue;
		weeks = xreallocarray(weeks, nweeks + 1, sizeof *weeks);
		weeks[nweeks++] = xstrdup(week);
	}
	sqlite3_finalize(q);
	if (r != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot read the counts");
		goto out;
	}
	for (i = 0; i < nweeks; i++) {
		q = catalog_state_prepare(state, "SELECT 1 FROM stats_sealed"
		    " WHERE week = ?");
		sqlite3_bind_text(q, 1, weeks[i], -1, SQLITE_STATIC);
		r = sqlite3_step(q);
		sqlite3_finalize(q);
		if (r == SQLITE_ROW)
			continue;
		if (office_pk == NULL) {
			*cause = xstrdup("no office key to seal them to");
			goto out;
		}
		if (kiosk == NULL &&
		    (kiosk = catalog_keys_kiosk(state, cause)) == NULL)
			goto out;
		if (stats_seal_week(state, kiosk, office_pk, kiosk_name,
		    weeks[i], cause) != 0)
			goto out;
		(*n)++;
	}
	/* Words of ended weeks without counts cannot be reported: go. */
	q = catalog_state_prepare(state, "DELETE FROM stats_word WHERE week < ?");
	sqlite3_bind_text(q, 1, this_week, -1, SQLITE_STATIC);
	r = sqlite3_step(q);
	sqlite3_finalize(q);
	if (r != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot delete old words");
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < nweeks; i++)
		free(weeks[i]);
	free(weeks);
	catalog_keys_free(kiosk);
	return rc;
}

int
catalog_stats_discard(struct catalog_state *state, char **cause)
{
	return catalog_state_exec(state, "DELETE FROM stats_count;"
	    " DELETE FROM stats_word;", cause);
}
