/*
 * staff: staff accounts and PIN checks with a persistent lock-out (see
 * staff.h).
 *
 * The hash check runs outside any transaction (argon2id takes a tenth of a
 * second); the counter is then updated in one BEGIN IMMEDIATE, so two
 * checks at once cannot lose a wrong try. An unknown name is checked
 * against a dummy hash so the time taken does not tell which names exist.
 * Names do not depend on case (ANNA is anna).
 * The failures column counts wrong PINs since the last right one; once it
 * reaches CATALOG_STAFF_TRIES every further wrong PIN locks again, each
 * time twice as long. A lock that lies further ahead than its length (the
 * clock was set back) is cut to that length.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "catalog/staff.h"
#include "catalog/stateint.h"
#include "catalog/xmalloc.h"

/*
 * Interactive limits: 71 ms and 64 MiB per check on the 2-core build
 * machine; MODERATE took 515 ms and 256 MiB, too slow and big for a kiosk.
 * A check with no name tries every account, so it takes n times as long.
 */
#define STAFF_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define STAFF_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

int
catalog_staff_pin_valid(const char *pin)
{
	size_t n = 0;

	for (; pin[n] != '\0'; n++)
		if (pin[n] < '0' || pin[n] > '9')
			return 0;
	return n >= CATALOG_STAFF_PIN_MIN && n <= CATALOG_STAFF_PIN_MAX;
}

int
catalog_staff_pin_weak(const char *pin)
{
	size_t n = strlen(pin), i;
	int same = 1, up = 1, down = 1, pair = n % 2 == 0;

	for (i = 1; i < n; i++) {
		same &= pin[i] == pin[0];
		up &= pin[i] == pin[i - 1] + 1;
		down &= pin[i] == pin[i - 1] - 1;
		pair &= pin[i] == pin[i % 2];
	}
	return n > 0 && (same || up || down || pair);
}

int64_t
catalog_staff_lock_length(int64_t failures)
{
	int64_t t = CATALOG_STAFF_LOCK_SECONDS;

	if (failures < CATALOG_STAFF_TRIES)
		return 0;
	for (failures -= CATALOG_STAFF_TRIES; failures > 0 &&
	    t < CATALOG_STAFF_LOCK_MAX; failures--)
		t *= 2;
	return t < CATALOG_STAFF_LOCK_MAX ? t : CATALOG_STAFF_LOCK_MAX;
}

int
catalog_staff_name_check(const char *name, char **cause)
{
	size_t n = strlen(name), i;

	if (n == 0 || n > CATALOG_STAFF_NAME_MAX) {
		*cause = xasprintf("a staff name has 1 to %d characters",
		    CATALOG_STAFF_NAME_MAX);
		return -1;
	}
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		    c == '_')) {
			*cause = xstrdup("a staff name may have only letters "
			    "a-z (either case: ANNA is anna), digits, dots, "
			    "dashes and underscores");
			return -1;
		}
	}
	return 0;
}

static int
staff_hash(char out[crypto_pwhash_STRBYTES], const char *pin)
{
	if (sodium_init() < 0)
		return -1;
	return crypto_pwhash_str(out, pin, strlen(pin), STAFF_OPSLIMIT,
	    STAFF_MEMLIMIT);
}

int
catalog_staff_add(struct catalog_state *state, const char *name,
    const char *pin, int64_t now, char **cause)
{
	char hash[crypto_pwhash_STRBYTES];
	sqlite3_stmt *st;
	int rc;

	if (catalog_staff_name_check(name, cause) != 0)
		return -1;
	if (!catalog_staff_pin_valid(pin)) {
		*cause = xasprintf("a PIN has %d to %d digits and nothing else",
		    CATALOG_STAFF_PIN_MIN, CATALOG_STAFF_PIN_MAX);
		return -1;
	}
	if (catalog_staff_pin_weak(pin)) {
		*cause = xstrdup("that PIN is one anyone would try first (one "
		    "digit repeated, digits in a row, or a repeated pair): "
		    "choose another");
		return -1;
	}
	/* Names do not depend on case: ANNA is anna. */
	st = catalog_state_prepare(state, "SELECT name FROM staff WHERE name = ?"
	    " COLLATE NOCASE");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*cause = xasprintf("staff account \"%s\" exists already "
		    "(names do not depend on case)", (const char *)
		    sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if (staff_hash(hash, pin) != 0) {
		*cause = xstrdup("not enough memory to hash the PIN");
		return -1;
	}
	st = catalog_state_prepare(state, "INSERT INTO staff(name, hash,"
	    " created) VALUES (?, ?, ?)");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
		*cause = xasprintf("staff account \"%s\" exists already", name);
		return -1;
	}
	if (rc != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot add staff account");
		return -1;
	}
	return 0;
}

int
catalog_staff_remove(struct catalog_state *state, const char *name,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	st = catalog_state_prepare(state, "DELETE FROM staff WHERE name = ?"
	    " COLLATE NOCASE");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot remove account");
		return -1;
	}
	if (sqlite3_changes(catalog_state_sqlite(state)) == 0) {
		*cause = xasprintf("there is no staff account \"%s\"", name);
		return -1;
	}
	return 0;
}

int
catalog_staff_list(struct catalog_state *state, char ***names, size_t *n,
    char **cause)
{
	sqlite3_stmt *st;
	char **l = NULL;
	size_t count = 0;
	int rc;

	st = catalog_state_prepare(state, "SELECT name FROM staff ORDER BY"
	    " name");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		l = xreallocarray(l, count + 1, sizeof *l);
		l[count++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalog_staff_list_free(l, count);
		*cause = catalog_state_error(state, "cannot list staff");
		return -1;
	}
	*names = l;
	*n = count;
	return 0;
}

void
catalog_staff_list_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Read the counter; -1 on a database error. */
static int
staff_lock_read(struct catalog_state *state, int64_t *failures,
    int64_t *until)
{
	sqlite3_stmt *st;
	int rc;

	st = catalog_state_prepare(state, "SELECT failures, locked_until"
	    " FROM lockout WHERE id = 1");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*failures = sqlite3_column_int64(st, 0);
		*until = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int
staff_lock_write(struct catalog_state *state, int64_t failures,
    int64_t until)
{
	sqlite3_stmt *st;
	int rc;

	st = catalog_state_prepare(state, "UPDATE lockout SET failures = ?,"
	    " locked_until = ? WHERE id = 1");
	sqlite3_bind_int64(st, 1, failures);
	sqlite3_bind_int64(st, 2, until);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int64_t
catalog_staff_locked_for(struct catalog_state *state, int64_t now)
{
	int64_t failures = 0, until = 0;

	if (staff_lock_read(state, &failures, &until) != 0 || until <= now)
		return 0;
	if (until - now > catalog_staff_lock_length(failures))
		return catalog_staff_lock_length(failures);
	return until - now;
}

static char *
staff_locked_message(int64_t seconds)
{
	int64_t minutes = (seconds + 59) / 60;

	return xasprintf("Staff mode is locked after %d wrong PINs. Try "
	    "again in %lld minute%s.", CATALOG_STAFF_TRIES,
	    (long long)minutes, minutes == 1 ? "" : "s");
}

/* 1 when pin matches name's hash (or any hash, with name NULL). */
static int
staff_check(struct catalog_state *state, const char *name, const char *pin,
    int *error)
{
	static char dummy[crypto_pwhash_STRBYTES];
	sqlite3_stmt *st;
	int rc, found = 0, match = 0;

	if (name != NULL) {
		st = catalog_state_prepare(state, "SELECT hash FROM staff"
		    " WHERE name = ? COLLATE NOCASE");
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	} else
		st = catalog_state_prepare(state, "SELECT hash FROM staff");
	while (!match && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		found = 1;
		if (crypto_pwhash_str_verify((const char *)
		    sqlite3_column_text(st, 0), pin, strlen(pin)) == 0)
			match = 1;
	}
	if (!match && rc != SQLITE_DONE)
		*error = 1;
	sqlite3_finalize(st);
	if (!found) {
		/* Take as long as a real check. */
		if (dummy[0] == '\0' && staff_hash(dummy, "00000000") != 0)
			return 0;
		if (crypto_pwhash_str_verify(dummy, pin, strlen(pin)) == 0)
			match = 0;	/* the dummy opens no account */
	}
	return match;
}

enum catalog_staff_result
catalog_staff_verify(struct catalog_state *state, const char *name,
    const char *pin, int64_t now, char **cause)
{
	int64_t failures, until;
	int match, error = 0;

	if (sodium_init() < 0) {
		*cause = xstrdup("libsodium cannot start");
		return CATALOG_STAFF_ERROR;
	}
	if (staff_lock_read(state, &failures, &until) != 0)
		goto dberror;
	if (until > now + catalog_staff_lock_length(failures)) {
		/* the clock was set back */
		until = now + catalog_staff_lock_length(failures);
		if (staff_lock_write(state, failures, until) != 0)
			goto dberror;
	}
	if (until > now) {
		*cause = staff_locked_message(catalog_staff_locked_for(state,
		    now));
		return CATALOG_STAFF_LOCKED;
	}
	match = catalog_staff_pin_valid(pin) && staff_check(state, name, pin,
	    &error);
	if (error)
		goto dberror;

	if (catalog_state_exec(state, "BEGIN IMMEDIATE", cause) != 0)
		return CATALOG_STAFF_ERROR;
	if (staff_lock_read(state, &failures, &until) != 0)
		goto rollback;
	if (until > now) {		/* another check locked it meanwhile */
		catalog_state_exec(state, "ROLLBACK", NULL);
		*cause = staff_locked_message(catalog_staff_locked_for(state,
		    now));
		return CATALOG_STAFF_LOCKED;
	}
	if (match) {
		if (staff_lock_write(state, 0, 0) != 0)
			goto rollback;
	} else if (++failures >= CATALOG_STAFF_TRIES) {
		if (staff_lock_write(state, failures, now +
		    catalog_staff_lock_length(failures)) != 0)
			goto rollback;
	} else if (staff_lock_write(state, failures, 0) != 0)
		goto rollback;
	if (catalog_state_exec(state, "COMMIT", cause) != 0) {
		catalog_state_exec(state, "ROLLBACK", NULL);
		return CATALOG_STAFF_ERROR;
	}
	if (match)
		return CATALOG_STAFF_OK;
	if (failures >= CATALOG_STAFF_TRIES) {
		*cause = staff_locked_message(catalog_staff_lock_length(
		    failures));
		return CATALOG_STAFF_LOCKED;
	}
	*cause = xasprintf("Wrong name or PIN. %lld tr%s left before staff "
	    "mode locks for %d minutes.",
	    (long long)(CATALOG_STAFF_TRIES - failures),
	    CATALOG_STAFF_TRIES - failures == 1 ? "y" : "ies",
	    CATALOG_STAFF_LOCK_SECONDS / 60);
	return CATALOG_STAFF_WRONG;

rollback:
	catalog_state_exec(state, "ROLLBACK", NULL);
dberror:
	*cause = catalog_state_error(state, "cannot check the PIN");
	return CATALOG_STAFF_ERROR;
}
