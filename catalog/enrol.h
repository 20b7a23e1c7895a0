/*
 * enrol: staff enrol a person in an offering, offline.
 *
 * catalog_enrol_submit() checks every field, looks the offering up in the
 * catalogue, and the moment it saves the enrolment the personal data is
 * sealed to the office's public key and signed with the kiosk's key
 * (enrfile.h). The state database keeps only that sealed record and a
 * summary without personal data (outbox.h). The person gets a receipt
 * number: 8 characters from an alphabet without 0/O/1/I/L/U, grouped
 * "K7QX-M4PA", random (randombytes), unique in this state database.
 * The record names the kiosk twice: by its key ("kiosk-4c1993bf", which
 * the office checks the signature with) and by the configured kiosk_id
 * ("kiosk_name", the place staff recognise; not personal data).
 *
 * Programs that handle personal data call catalog_enrol_harden() first
 * thing in main(): no core dumps, not ptrace-able, and jansson's memory is
 * wiped when freed.
 */
#ifndef CATALOG_ENROL_H
#define CATALOG_ENROL_H

#include <stddef.h>
#include <stdint.h>

struct catalog_db;
struct catalog_state;

#define CATALOG_ENROL_RECEIPT_SIZE 10	/* "K7QX-M4PA" and NUL */
#define CATALOG_ENROL_NAME_MAX 100	/* characters */
#define CATALOG_ENROL_EMAIL_MAX 254	/* bytes */
#define CATALOG_ENROL_NOTE_MAX 500	/* characters */
#define CATALOG_ENROL_PAYLOAD_VERSION 2	/* "v" of the sealed JSON */

struct catalog_enrolment {
	int64_t		 offering_id;	/* catalog_offering.id */
	const char	*name;		/* UTF-8, 1-100 characters */
	const char	*phone;		/* NULL or "" when not given */
	const char	*email;		/* NULL or "" when not given */
	const char	*note;		/* NULL or "" when not given */
	int		 consent;	/* 1: the person agreed */
	const char	*kiosk_name;	/* the place that captures it: the
					   configured kiosk_id; NULL: the
					   default of catalog_config_kiosk_id */
};

/* Which field an error is about (for the kiosk to put focus on it). */
enum catalog_enrol_field {
	CATALOG_ENROL_FIELD_NONE,
	CATALOG_ENROL_FIELD_OFFERING,
	CATALOG_ENROL_FIELD_NAME,
	CATALOG_ENROL_FIELD_PHONE,
	CATALOG_ENROL_FIELD_EMAIL,
	CATALOG_ENROL_FIELD_NOTE,
	CATALOG_ENROL_FIELD_CONSENT
};

/*
 * What is wrong with a field: a code, not text, so that catalog/ holds no
 * UI text. The kiosk words each code in the screen's language; the admin
 * tool and logs use catalog_enrol_problem_text() (English).
 */
enum catalog_enrol_problem {
	CATALOG_ENROL_OK = 0,
	CATALOG_ENROL_NAME_EMPTY,	/* no name, or only white space */
	CATALOG_ENROL_NAME_CHARACTER,	/* a control or bidi character */
	CATALOG_ENROL_NAME_LONG,	/* over CATALOG_ENROL_NAME_MAX */
	CATALOG_ENROL_PHONE_BAD,	/* not a number of the number plan */
	CATALOG_ENROL_PHONE_SHORT,	/* 14 0xx with the wrong length */
	CATALOG_ENROL_PHONE_MOBILE,	/* 06 without 10 digits */
	CATALOG_ENROL_EMAIL_BAD,
	CATALOG_ENROL_NOTE_CHARACTER,
	CATALOG_ENROL_NOTE_LONG,	/* over CATALOG_ENROL_NOTE_MAX */
	CATALOG_ENROL_CONTACT_MISSING,	/* neither phone nor e-mail */
	CATALOG_ENROL_CONSENT_MISSING
};
#define CATALOG_ENROL_PROBLEM_LAST CATALOG_ENROL_CONSENT_MISSING

/* Field checks: CATALOG_ENROL_OK or what is wrong. */
enum catalog_enrol_problem catalog_enrol_check_name(const char *name);
enum catalog_enrol_problem catalog_enrol_check_phone(const char *phone);
enum catalog_enrol_problem catalog_enrol_check_email(const char *email);
enum catalog_enrol_problem catalog_enrol_check_note(const char *note);
/* All fields (not the offering); *field (may be NULL) tells which. */
enum catalog_enrol_problem catalog_enrol_check(
    const struct catalog_enrolment *e, enum catalog_enrol_field *field);
/* The field a problem is about. */
enum catalog_enrol_field catalog_enrol_problem_field(
    enum catalog_enrol_problem p);
/* The problem in English, naming the field ("Phone: ..."). */
const char *catalog_enrol_problem_text(enum catalog_enrol_problem p);

#define CATALOG_ENROL_FIELDS_MAX 8192	/* bytes of "key=value" input */

/*
 * Parse the personal fields from text (enrol --from-stdin): one
 * "key=value" line each, keys name, phone, email and note, each at most
 * once; the value is the rest of the line after the first "=" (an empty
 * one counts as not given); blank lines are skipped, and the last line
 * may lack its newline. text holds len bytes in a buffer of at least
 * len + 1; it is changed in place (line ends become NULs) and e's fields
 * point into it, so it must outlive e. -1 and
 * *cause naming the line and key (never the value) on an unknown or
 * repeated key, a line without "=", a NUL byte, text that is not UTF-8
 * or more than CATALOG_ENROL_FIELDS_MAX bytes. The values themselves are
 * checked by catalog_enrol_check().
 */
int catalog_enrol_parse_fields(char *text, size_t len,
    struct catalog_enrolment *e, char **cause);

/* Path of the office public key without --office-key. */
const char *catalog_enrol_office_key_path(void);

/*
 * Check, seal, sign and queue an enrolment. On success fills receipt
 * (CATALOG_ENROL_RECEIPT_SIZE bytes) and returns 0; else -1 and *cause
 * (catalog_enrol_check() tells the kiosk which field is wrong first).
 * office_pk is the office's X25519 public key (CATALOG_KEYS_PUBLIC_SIZE
 * bytes, from catalog_keys_read_public()).
 */
int catalog_enrol_submit(struct catalog_state *state, struct catalog_db *db,
    const struct catalog_enrolment *e, const unsigned char *office_pk,
    char *receipt, char **cause);

/* A random receipt into receipt (CATALOG_ENROL_RECEIPT_SIZE bytes). */
void catalog_enrol_receipt(char *receipt);

/* No core dumps, no ptrace, wiped JSON memory: call first in main(). */
void catalog_enrol_harden(void);

#endif
