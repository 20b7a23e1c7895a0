/*
 * staff: staff accounts and the staff-mode PIN check.
 *
 * Library and agency staff switch the kiosk to staff mode with their name
 * (or just a PIN) and a PIN of 4 to 8 digits. Only argon2id hashes of the
 * PINs are stored (libsodium crypto_pwhash_str). Five wrong PINs in a row
 * lock staff mode for five minutes, and each further wrong PIN (before a
 * right one) locks it twice as long as the last time, up to a day, so a
 * guesser gets about 14 tries on the first day and one a day after that.
 * The counter lives in the state database, so restarting the kiosk does
 * not reset it. PINs anyone would guess first (one digit repeated, digits
 * in a row, a repeated pair: 0000, 1234, 9876, 1212) are refused for new
 * accounts. The clock is passed
 * in (now, seconds since the epoch) so tests can move it.
 *
 * PINs are never logged or echoed; callers keep them in locked memory
 * (sodium_mlock) and wipe them (sodium_memzero) after use.
 */
#ifndef CATALOG_STAFF_H
#define CATALOG_STAFF_H

#include <stddef.h>
#include <stdint.h>

struct catalog_state;

#define CATALOG_STAFF_TRIES 5		/* wrong PINs before the lock */
#define CATALOG_STAFF_LOCK_SECONDS 300	/* how long the first lock holds */
#define CATALOG_STAFF_LOCK_MAX 86400	/* the longest lock */
#define CATALOG_STAFF_PIN_MIN 4
#define CATALOG_STAFF_PIN_MAX 8
#define CATALOG_STAFF_NAME_MAX 64

enum catalog_staff_result {
	CATALOG_STAFF_OK,	/* right PIN; the counter is reset */
	CATALOG_STAFF_WRONG,	/* wrong PIN or unknown name; counted */
	CATALOG_STAFF_LOCKED,	/* locked out; the PIN was not checked */
	CATALOG_STAFF_ERROR	/* the state database failed */
};

/* 1 when pin is 4 to 8 ASCII digits. */
int catalog_staff_pin_valid(const char *pin);
/* 1 when a valid pin is one people guess first (see above). */
int catalog_staff_pin_weak(const char *pin);
/* How long the lock after `failures` wrong PINs in a row holds. */
int64_t catalog_staff_lock_length(int64_t failures);
/* 0 when name is a valid account name, else -1 and *cause. */
int catalog_staff_name_check(const char *name, char **cause);

/* Add an account; -1 and *cause if it exists or name/PIN are bad. */
int catalog_staff_add(struct catalog_state *state, const char *name,
    const char *pin, int64_t now, char **cause);
/* Remove an account; -1 and *cause if there is none of that name. */
int catalog_staff_remove(struct catalog_state *state, const char *name,
    char **cause);
/* The account names, sorted; free with catalog_staff_list_free. */
int catalog_staff_list(struct catalog_state *state, char ***names,
    size_t *n, char **cause);
void catalog_staff_list_free(char **names, size_t n);

/*
 * Check a PIN: against the named account, or with name NULL against every
 * account (about 70 ms per account checked). For WRONG, LOCKED and ERROR *cause says why in plain words
 * (tries left, minutes to wait); for OK *cause is left alone.
 */
enum catalog_staff_result catalog_staff_verify(struct catalog_state *state,
    const char *name, const char *pin, int64_t now, char **cause);

/* Seconds until staff mode unlocks (0 when it is not locked). */
int64_t catalog_staff_locked_for(struct catalog_state *state, int64_t now);

#endif
