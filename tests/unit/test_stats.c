/*
 * test_stats: the use statistics (catalog/stats.c) and the office report
 * (catalog/report.c): ISO weeks, day counts, the k-anonymity of search
 * words (4 sessions never reported, 5 are), the 90-day limit, sealing
 * each week exactly once into the outbox, and the report refusing files
 * that break the rules (a word of fewer than 5 sessions, a day outside
 * the week, an unknown kind, another kiosk inside).
 */
#include "enrol_unit.h"

#include <jansson.h>
#include <sodium.h>

#include "catalog/clock.h"
#include "catalog/enrfile.h"
#include "catalog/keys.h"
#include "catalog/outbox.h"
#include "catalog/report.h"
#include "catalog/stateint.h"
#include "catalog/stats.h"

static struct unit_state *u;

static int
setup(void **state)
{
	(void)state;
	assert_int_equal(catalog_clock_set_today("2026-11-24"), 0);
	u = unit_state_new();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unit_state_free(u);
	u = NULL;
	return 0;
}

/* One integer from sql (with one optional text parameter). */
static long long
q_int(const char *sql, const char *p)
{
	sqlite3_stmt *st = catalog_state_prepare(u->state, sql);
	long long v = -1;

	if (p != NULL)
		sqlite3_bind_text(st, 1, p, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
test_weeks(void **state)
{
	char w[CATALOG_STATS_WEEK_SIZE];
	long d;

	(void)state;
	assert_int_equal(catalog_clock_parse_day("2026-11-27", &d), 0);
	catalog_stats_week(d, w);
	assert_string_equal(w, "2026-W48");
	assert_int_equal(catalog_stats_week_monday("2026-W48"), d - 4);
	assert_int_equal(catalog_clock_parse_day("2027-01-01", &d), 0);
	catalog_stats_week(d, w);
	assert_string_equal(w, "2026-W53");
	assert_int_equal(catalog_clock_parse_day("2024-12-30", &d), 0);
	catalog_stats_week(d, w);
	assert_string_equal(w, "2025-W01");
	assert_int_equal(catalog_stats_week_monday("2025-W01"), d);
	assert_int_equal(catalog_stats_week_monday("2025-W53"), -1);
	assert_int_equal(catalog_stats_week_monday("2025-W1x"), -1);
	assert_int_equal(catalog_stats_week_monday("junk"), -1);
}

static void
test_counts(void **state)
{
	struct catalog_stats *st = catalog_stats_new(u->state);
	char *cause = NULL;

	(void)state;
	assert_int_equal(catalog_stats_begin(st, &cause), 0);
	assert_true(catalog_stats_in_session(st));
	assert_int_equal(catalog_stats_count(st, CATALOG_STATS_LANGUAGE, "nl",
	    &cause), 0);
	assert_int_equal(catalog_stats_count(st, CATALOG_STATS_LANGUAGE, "nl",
	    &cause), 0);
	assert_int_equal(catalog_stats_count(st, CATALOG_STATS_THEME,
	    "care\x1b[2J", &cause), 0);
	assert_int_equal(catalog_stats_count(st, CATALOG_STATS_ENTRY, "ignored",
	    &cause), 0);
	assert_int_equal(catalog_stats_search(st, "lassen", 3, &cause), 0);
	assert_int_equal(catalog_stats_search(st, "Jan de Vries", 0, &cause), 0);
	assert_int_equal(catalog_stats_end(st, "finished", &cause), 0);
	assert_false(catalog_stats_in_session(st));
	assert_int_equal(catalog_stats_end(st, "idle", &cause), 0); /* none */
	assert_int_equal(catalog_stats_begin(st, &cause), 0);
	assert_int_equal(catalog_stats_begin(st, &cause), 0); /* ends idle */
	assert_int_equal(catalog_stats_end(st, "bogus", &cause), -1);
	free(cause);
	cause = NULL;
	catalog_stats_free(st);

	assert_int_equal(q_int("SELECT n FROM stats_count WHERE day ="
	    " '2026-11-24' AND what = 'session'", NULL), 3);
	assert_int_equal(q_int("SELECT n FROM stats_count WHERE what = 'end'"
	    " AND key = 'finished'", NULL), 1);
	assert_int_equal(q_int("SELECT n FROM stats_count WHERE what = 'end'"
	    " AND key = 'idle'", NULL), 1);
	assert_int_equal(q_int("SELECT n FROM stats_count WHERE what ="
	    " 'language' AND key = 'nl'", NULL), 2);
	/* No control character is stored. */
	assert_int_equal(q_int("SELECT n FROM stats_count WHERE what = 'theme'"
	    " AND key = 'care?[2J'", NULL), 1);
	assert_int_equal(q_int("SELECT n FROM stats_count WHERE what = 'entry'"
	    " AND key = ''", NULL), 1);
	assert_int_equal(q_int("SELECT n FROM stats_count WHERE what ="
	    " 'search_found'", NULL), 1);
	assert_int_equal(q_int("SELECT n FROM stats_count WHERE what ="
	    " 'search_none'", NULL), 1);
	/* Only folded words of the search that found nothing, one each. */
	assert_int_equal(q_int("SELECT count(*) FROM stats_word", NULL), 3);
	assert_int_equal(q_int("SELECT sessions FROM stats_word WHERE week ="
	    " '2026-W48' AND word = 'vries'", NULL), 1);
	assert_int_equal(q_int("SELECT count(*) FROM stats_word WHERE word ="
	    " 'lassen'", NULL), 0);
	/* Nothing but a day: no column holds a time. */
	assert_int_equal(q_int("SELECT count(*) FROM stats_count WHERE"
	    " length(day) <> 10", NULL), 0);
}

/* n sessions each search for text and find nothing (twice each). */
static void
sessions_type(int n, const char *text)
{
	struct catalog_stats *st = catalog_stats_new(u->state);
	char *cause = NULL;
	int i;

	for (i = 0; i < n; i++) {
		assert_int_equal(catalog_stats_begin(st, &cause), 0);
		assert_int_equal(catalog_stats_search(st, text, 0, &cause), 0);
		assert_int_equal(catalog_stats_search(st, text, 0, &cause), 0);
		assert_int_equal(catalog_stats_end(st, "idle", &cause), 0);
	}
	catalog_stats_free(st);
}

static struct catalog_keys *office, *kiosk;

/* Seal (on the day after week 48) and open the .stats file. */
static json_t *
seal_and_open(size_t *nsealed)
{
	struct catalog_outbox_item *items;
	char id[CATALOG_KEYS_ID_SIZE], tag[CATALOG_ENRFILE_RECEIPT_LEN + 1];
	char *cause = NULL, *plain;
	size_t n, i, plainlen;
	json_t *doc = NULL;

	assert_int_equal(catalog_clock_set_today("2026-11-30"), 0);
	if (catalog_stats_seal(u->state, office->pk, "oba-noord", nsealed,
	    &cause) != 0)
		fail_msg("seal: %s", cause);
	if (kiosk == NULL)
		assert_non_null(kiosk = catalog_keys_kiosk(u->state, &cause));
	/* Not an enrolment: the plain listing and counts leave it out. */
	assert_int_equal(catalog_outbox_list(u->state, CATALOG_OUTBOX_ALL, 0,
	    &items, &n, &cause), 0);
	assert_int_equal(n, 0);
	catalog_outbox_list_free(items, n);
	assert_int_equal(catalog_outbox_list(u->state, CATALOG_OUTBOX_ALL |
	    CATALOG_OUTBOX_STATS | CATALOG_OUTBOX_RECORDS, 0, &items, &n,
	    &cause), 0);
	for (i = 0; i < n; i++) {
		assert_true(items[i].stats);
		assert_string_equal(items[i].receipt, "S2026-W48");
		assert_string_equal(items[i].kiosk_id, kiosk->id);
		/* never as an enrolment */
		assert_null(catalog_enrfile_open(items[i].record, items[i].len,
		    &kiosk, 1, office, id, tag, &plainlen, &cause));
		free(cause);
		cause = NULL;
		plain = catalog_enrfile_open_kind(CATALOG_ENRFILE_STATS,
		    items[i].record, items[i].len, &kiosk, 1, office, id, tag,
		    &plainlen, &cause);
		if (plain == NULL)
			fail_msg("open: %s", cause);
		doc = json_loadb(plain, plainlen, 0, NULL);
		catalog_enrfile_plain_free(plain);
	}
	catalog_outbox_list_free(items, n);
	return doc;
}

static int
word_sessions(json_t *doc, const char *word)
{
	json_t *w;
	size_t i;

	json_array_foreach(json_object_get(doc, "words"), i, w)
		if (strcmp(json_string_value(json_object_get(w, "word")),
		    word) == 0)
			return (int)json_integer_value(json_object_get(w,
			    "sessions"));
	return 0;
}

static void
test_k_anonymity(void **state)
{
	struct catalog_outbox_counts c;
	char *cause = NULL;
	json_t *doc;
	size_t n;

	(void)state;
	assert_int_equal(sodium_init() >= 0, 1);
	office = catalog_keys_generate(CATALOG_KEYS_OFFICE);
	sessions_type(4, "lasser cursus");
	sessions_type(5, "heftruck");
	sessions_type(1, "0612345678 jansen");	/* digits: never kept */
	assert_int_equal(q_int("SELECT count(*) FROM stats_word WHERE word ="
	    " '0612345678'", NULL), 0);
	/* The week has not ended: nothing to seal. */
	assert_int_equal(catalog_stats_seal(u->state, office->pk, "oba-noord",
	    &n, &cause), 0);
	assert_int_equal(n, 0);
	doc = seal_and_open(&n);
	assert_int_equal(n, 1);
	assert_non_null(doc);
	assert_int_equal(word_sessions(doc, "heftruck"), 5);
	assert_int_equal(word_sessions(doc, "lasser"), 0);
	assert_int_equal(word_sessions(doc, "cursus"), 0);
	assert_int_equal(word_sessions(doc, "jansen"), 0);
	assert_int_equal(json_array_size(json_object_get(doc, "words")), 1);
	assert_string_equal(json_string_value(json_object_get(doc, "week")),
	    "2026-W48");
	assert_string_equal(json_string_value(json_object_get(doc,
	    "kiosk_name")), "oba-noord");
	json_decref(doc);
	/* Sealed: the counts and words are gone from the kiosk. */
	assert_int_equal(q_int("SELECT count(*) FROM stats_word", NULL), 0);
	assert_int_equal(q_int("SELECT count(*) FROM stats_count", NULL), 0);
	/* Exactly once. */
	assert_int_equal(catalog_stats_seal(u->state, office->pk, "oba-noord",
	    &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(q_int("SELECT count(*) FROM outbox WHERE kind ="
	    " 'stats'", NULL), 1);
	/* The file's time is a day, not finer. */
	assert_int_equal(q_int("SELECT created % 86400 FROM outbox", NULL), 0);
	assert_int_equal(catalog_outbox_mark_sent(u->state, "S2026-W48",
	    1796000123, &cause), 0);
	assert_int_equal(q_int("SELECT sent_at % 86400 FROM outbox", NULL), 0);
	assert_int_equal(catalog_outbox_counts(u->state, &c, &cause), 0);
	assert_int_equal(c.queued + c.failed + c.sent, 0);
	catalog_keys_free(office);
	catalog_keys_free(kiosk);
	office = kiosk = NULL;
}

static void
test_no_key_waits(void **state)
{
	char *cause = NULL;
	size_t n;

	(void)state;
	sessions_type(1, "x");
	assert_int_equal(catalog_clock_set_today("2026-12-01"), 0);
	assert_int_equal(catalog_stats_seal(u->state, NULL, "a", &n, &cause),
	    -1);
	assert_non_null(strstr(cause, "office key"));
	free(cause);
	assert_int_equal(q_int("SELECT count(*) FROM stats_sealed", NULL), 0);
	assert_int_equal(q_int("SELECT count(*) FROM outbox", NULL), 0);
}

static void
test_prune(void **state)
{
	struct catalog_stats *st;
	char *cause = NULL;

	(void)state;
	assert_int_equal(catalog_clock_set_today("2026-08-01"), 0);
	sessions_type(1, "oud");
	assert_int_equal(catalog_clock_set_today("2026-10-29"), 0);
	sessions_type(1, "nieuw");
	assert_int_equal(q_int("SELECT count(DISTINCT day) FROM stats_count",
	    NULL), 2);
	/* 90 days after 2026-08-01 the old day goes at the first count. */
	assert_int_equal(catalog_clock_set_today("2026-10-30"), 0);
	st = catalog_stats_new(u->state);
	assert_int_equal(catalog_stats_begin(st, &cause), 0);
	catalog_stats_free(st);
	assert_int_equal(q_int("SELECT count(*) FROM stats_count WHERE day ="
	    " '2026-08-01'", NULL), 0);
	assert_int_equal(q_int("SELECT count(*) FROM stats_word WHERE word ="
	    " 'oud'", NULL), 0);
	assert_int_equal(q_int("SELECT count(*) FROM stats_word WHERE word ="
	    " 'nieuw'", NULL), 1);
}

static void
test_bounded(void **state)
{
	struct catalog_stats *st = catalog_stats_new(u->state);
	char *cause = NULL, key[32];
	int i;

	(void)state;
	for (i = 0; i < CATALOG_STATS_KEYS_MAX + 20; i++) {
		snprintf(key, sizeof key, "course %d", i);
		assert_int_equal(catalog_stats_count(st,
		    CATALOG_STATS_ENROLMENT, key, &cause), 0);
	}
	catalog_stats_free(st);
	assert_int_equal(q_int("SELECT count(*) FROM stats_count", NULL),
	    CATALOG_STATS_KEYS_MAX + 1);
	assert_int_equal(q_int("SELECT n FROM stats_count WHERE what ="
	    " 'dropped' AND key = 'enrolment'", NULL), 20);
}

/* Seal payload json as kiosk k's file for week tag into dir/name. */
static void
put_stats(const char *dir, const struct catalog_keys *k,
    const struct catalog_keys *off, const char *tag, const char *name,
    const char *json)
{
	unsigned char *rec;
	char *cause = NULL, *path;
	size_t len;

	rec = catalog_enrfile_build_kind(CATALOG_ENRFILE_STATS, k, tag,
	    off->pk, (const unsigned char *)json, strlen(json), &len, &cause);
	if (rec == NULL)
		fail_msg("build: %s", cause);
	path = xasprintf("%s/%s", dir, name);
	unit_write(path, rec, len, 0644);
	free(path);
	free(rec);
}

/* A payload: kiosk, week, a count (day, kind, key) and a word's sessions. */
#define GOOD "{\"v\":1,\"kiosk\":\"%s\",\"kiosk_name\":\"oba\"," \
	"\"week\":\"%s\",\"k\":5,\"counts\":[{\"day\":\"%s\",\"what\":" \
	"\"%s\",\"key\":\"%s\",\"n\":3}],\"words\":[{\"word\":" \
	"\"heftruck\",\"sessions\":%d}]}"

static void
test_report_rules(void **state)
{
	struct catalog_report_summary sum;
	struct catalog_keys *off, *k;
	char *dir, *sub, *out, *cause = NULL, *json, err[4096];
	FILE *e;
	size_t n;

	(void)state;
	assert_true(sodium_init() >= 0);
	off = catalog_keys_generate(CATALOG_KEYS_OFFICE);
	k = catalog_keys_generate(CATALOG_KEYS_KIOSK);
	dir = xasprintf("%s/in", u->dir);
	sub = xasprintf("%s/in/b", u->dir);
	out = xasprintf("%s/out", u->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(sub, 0700), 0);
	/* Good; a word of 4 sessions; a day outside the week; an unknown
	 * kind; another kiosk named inside. */
	json = xasprintf(GOOD, k->id, "2026-W48", "2026-11-23", "language",
	    "nl", 5);
	put_stats(dir, k, off, "S2026-W48", "S2026-W48.stats", json);
	free(json);
	json = xasprintf(GOOD, k->id, "2026-W47", "2026-11-16", "language",
	    "nl", 4);
	put_stats(dir, k, off, "S2026-W47", "b/S2026-W47.stats", json);
	free(json);
	json = xasprintf(GOOD, k->id, "2026-W46", "2026-11-30", "language",
	    "nl", 5);
	put_stats(dir, k, off, "S2026-W46", "S2026-W46.stats", json);
	free(json);
	json = xasprintf(GOOD, k->id, "2026-W45", "2026-11-02", "minutes", "",
	    5);
	put_stats(dir, k, off, "S2026-W45", "S2026-W45.stats", json);
	free(json);
	json = xasprintf(GOOD, "kiosk-00000000", "2026-W44", "2026-10-26", "qr",
	    "", 5);
	put_stats(dir, k, off, "S2026-W44", "S2026-W44.stats", json);
	free(json);
	assert_non_null(e = tmpfile());
	if (catalog_report_run(dir, off, &k, 1, out, e, &sum, &cause) != 0)
		fail_msg("report: %s", cause);
	rewind(e);
	n = fread(err, 1, sizeof err - 1, e);
	err[n] = '\0';
	fclose(e);
	assert_int_equal(sum.read, 1);
	assert_int_equal(sum.rejected, 4);
	assert_non_null(strstr(err, "b/S2026-W47.stats: refused: word 1: "
	    "typed by fewer than 5 sessions"));
	assert_non_null(strstr(err, "S2026-W46.stats: refused: count 1: the "
	    "day is not in week 2026-W46"));
	assert_non_null(strstr(err, "S2026-W45.stats: refused: count 1: "
	    "unknown kind"));
	assert_non_null(strstr(err, "S2026-W44.stats: refused: the kiosk or "
	    "week inside does not match"));
	catalog_keys_free(off);
	catalog_keys_free(k);
	free(dir);
	free(sub);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weeks),
		cmocka_unit_test_setup_teardown(test_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_k_anonymity, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_no_key_waits, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_prune, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_rules, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
