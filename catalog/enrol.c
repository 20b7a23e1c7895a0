/*
 * enrol: checking, sealing and queueing enrolments (see enrol.h).
 *
 * Field checks are deliberately forgiving about how people write (spaces
 * and dashes in phone numbers, any script in names) and strict about what
 * could do harm (control and bidi-override characters, overlong input).
 * Checks return a problem code, never UI text: the kiosk words each code
 * in the screen's language (kiosk/enroltext.c), the admin tool uses the
 * English of catalog_enrol_problem_text(). The plaintext JSON exists only in sodium_malloc'd memory and
 * in jansson objects, whose memory catalog_enrol_harden() makes wiped on
 * free; it is sealed before anything touches the disk.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "catalog/clock.h"
#include "catalog/config.h"
#include "catalog/dbint.h"
#include "catalog/enrfile.h"
#include "catalog/enrol.h"
#include "catalog/entry.h"
#include "catalog/keys.h"
#include "catalog/stateint.h"
#include "catalog/xmalloc.h"

/* No 0/O, 1/I/L, and no U (read as V): 31 characters. */
static const char enrol_alphabet[] = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

#ifndef LP_SYSCONFDIR
#define LP_SYSCONFDIR "/etc"
#endif

const char *
catalog_enrol_office_key_path(void)
{
	const char *env = getenv("LEERPUNT_OFFICE_KEY");

	if (env != NULL && *env != '\0')
		return env;
	return LP_SYSCONFDIR "/leerpunt/office.pub";
}

void
catalog_enrol_receipt(char *receipt)
{
	uint32_t n = (uint32_t)(sizeof enrol_alphabet - 1);
	int i, j = 0;

	for (i = 0; i < 8; i++) {
		if (i == 4)
			receipt[j++] = '-';
		receipt[j++] = enrol_alphabet[randombytes_uniform(n)];
	}
	receipt[j] = '\0';
}

/*
 * Count the characters of UTF-8 text; -1 when it is not valid UTF-8 or
 * holds a control, line-separator or bidi-override character. *blank is
 * set when it has nothing but white space.
 */
static int32_t
enrol_text_length(const char *s, int *blank)
{
	int32_t i = 0, len = (int32_t)strlen(s), n = 0;
	UChar32 c;

	*blank = 1;
	if (strlen(s) > 4096)
		return -1;
	while (i < len) {
		U8_NEXT(s, i, len, c);
		if (c < 0)
			return -1;
		switch (u_charType(c)) {
		case U_CONTROL_CHAR:
		case U_LINE_SEPARATOR:
		case U_PARAGRAPH_SEPARATOR:
			return -1;
		default:
			break;
		}
		if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
			return -1;
		if (!u_isUWhiteSpace(c))
			*blank = 0;
		n++;
	}
	return n;
}

enum catalog_enrol_problem
catalog_enrol_check_name(const char *name)
{
	int blank;
	int32_t n;

	if (name == NULL || *name == '\0')
		return CATALOG_ENROL_NAME_EMPTY;
	if ((n = enrol_text_length(name, &blank)) < 0)
		return CATALOG_ENROL_NAME_CHARACTER;
	if (blank)
		return CATALOG_ENROL_NAME_EMPTY;
	if (n > CATALOG_ENROL_NAME_MAX)
		return CATALOG_ENROL_NAME_LONG;
	return CATALOG_ENROL_OK;
}

/*
 * A phone number as the Dutch number plan allows it (spaces and, after
 * the first digit, hyphens between groups):
 *  - national: 0 and 9 more digits (06 mobile: 06 and 8 more; 010 ...);
 *    service numbers 0800, 0900, 0906, 0909: 8 to 11 digits;
 *  - the municipalities' short number: 14 and the area code without its
 *    0 (14 010, 14 0118): 5 or 6 digits;
 *  - +31 or 0031 and the national number without its 0 (9 digits);
 *  - another country's number: + or 00 and 8 to 15 digits (E.164).
 * "06 1234 567" (9 digits) is refused with the mobile rule.
 */
enum catalog_enrol_problem
catalog_enrol_check_phone(const char *phone)
{
	char	 d[40];
	size_t	 i, n = 0;
	int	 plus = 0, seen = 0;

	if (strlen(phone) > 32)
		goto bad;
	for (i = 0; phone[i] != '\0'; i++) {
		char c = phone[i];

		if (c >= '0' && c <= '9') {
			d[n++] = c;
			seen = 1;
		} else if (c == '+') {
			if (seen)
				goto bad;
			plus = seen = 1;
		} else if (c == ' ' || c == '-') {
			if (c == '-' && n == 0)
				goto bad;
		} else
			goto bad;
	}
	d[n] = '\0';
	if (!plus && n >= 2 && d[0] == '0' && d[1] == '0') {
		/* 00: the international prefix, as + */
		memmove(d, d + 2, n - 1);
		n -= 2;
		plus = 1;
	}
	if (plus) {
		if (n >= 2 && d[0] == '3' && d[1] == '1') {
			if (n != 11 || d[2] == '0')
				goto bad;
			return 0;
		}
		if (n < 8 || n > 15)
			goto bad;
		return 0;
	}
	if (n >= 3 && strncmp(d, "140", 3) == 0)
	{
		if (n == 5 || n == 6)
			return CATALOG_ENROL_OK;
		return CATALOG_ENROL_PHONE_SHORT;
	}
	if (n >= 2 && strncmp(d, "06", 2) == 0) {
		if (n != 10)
			return CATALOG_ENROL_PHONE_MOBILE;
		return CATALOG_ENROL_OK;
	}
	if (n >= 4 && (strncmp(d, "0800", 4) == 0 ||
	    strncmp(d, "0900", 4) == 0 || strncmp(d, "0906", 4) == 0 ||
	    strncmp(d, "0909", 4) == 0))
	{
		if (n >= 8 && n <= 11)
			return 0;
		goto bad;
	}
	if (n == 10 && d[0] == '0' && d[1] != '0')
		return 0;
bad:
	return CATALOG_ENROL_PHONE_BAD;
}

enum catalog_enrol_problem
catalog_enrol_check_email(const char *email)
{
	const char *at, *dot;
	size_t len = strlen(email), i;
	int blank;

	if (len < 5 || len > CATALOG_ENROL_EMAIL_MAX)
		goto bad;
	if (enrol_text_length(email, &blank) < 0)
		goto bad;
	for (i = 0; i < len; i++)
		if ((unsigned char)email[i] <= ' ' || email[i] == 0x7f)
			goto bad;
	if ((at = strchr(email, '@')) == NULL || strchr(at + 1, '@') != NULL)
		goto bad;
	if (at == email || at - email > 64)
		goto bad;
	dot = strchr(at + 1, '.');
	if (dot == NULL || dot == at + 1 || email[len - 1] == '.' ||
	    strstr(at, "..") != NULL)
		goto bad;
	return 0;
bad:
	return CATALOG_ENROL_EMAIL_BAD;
}

enum catalog_enrol_problem
catalog_enrol_check_note(const char *note)
{
	int blank;
	int32_t n = enrol_text_length(note, &blank);

	if (n < 0)
		return CATALOG_ENROL_NOTE_CHARACTER;
	if (n > CATALOG_ENROL_NOTE_MAX)
		return CATALOG_ENROL_NOTE_LONG;
	return CATALOG_ENROL_OK;
}

static int
enrol_given(const char *s)
{
	return s != NULL && *s != '\0';
}

enum catalog_enrol_problem
catalog_enrol_check(const struct catalog_enrolment *e,
    enum catalog_enrol_field *field)
{
	enum catalog_enrol_problem p;

	if ((p = catalog_enrol_check_name(e->name)) != CATALOG_ENROL_OK)
		;
	else if (!enrol_given(e->phone) && !enrol_given(e->email))
		p = CATALOG_ENROL_CONTACT_MISSING;
	else if (enrol_given(e->phone) &&
	    (p = catalog_enrol_check_phone(e->phone)) != CATALOG_ENROL_OK)
		;
	else if (enrol_given(e->email) &&
	    (p = catalog_enrol_check_email(e->email)) != CATALOG_ENROL_OK)
		;
	else if (enrol_given(e->note) &&
	    (p = catalog_enrol_check_note(e->note)) != CATALOG_ENROL_OK)
		;
	else if (e->consent != 1)
		p = CATALOG_ENROL_CONSENT_MISSING;
	if (field != NULL)
		*field = catalog_enrol_problem_field(p);
	return p;
}

enum catalog_enrol_field
catalog_enrol_problem_field(enum catalog_enrol_problem p)
{
	switch (p) {
	case CATALOG_ENROL_NAME_EMPTY:
	case CATALOG_ENROL_NAME_CHARACTER:
	case CATALOG_ENROL_NAME_LONG:
		return CATALOG_ENROL_FIELD_NAME;
	case CATALOG_ENROL_CONTACT_MISSING:
	case CATALOG_ENROL_PHONE_BAD:
	case CATALOG_ENROL_PHONE_SHORT:
	case CATALOG_ENROL_PHONE_MOBILE:
		return CATALOG_ENROL_FIELD_PHONE;
	case CATALOG_ENROL_EMAIL_BAD:
		return CATALOG_ENROL_FIELD_EMAIL;
	case CATALOG_ENROL_NOTE_CHARACTER:
	case CATALOG_ENROL_NOTE_LONG:
		return CATALOG_ENROL_FIELD_NOTE;
	case CATALOG_ENROL_CONSENT_MISSING:
		return CATALOG_ENROL_FIELD_CONSENT;
	case CATALOG_ENROL_OK:
		break;
	}
	return CATALOG_ENROL_FIELD_NONE;
}

#define ENROL_STR2(x) #x
#define ENROL_STR(x) ENROL_STR2(x)

const char *
catalog_enrol_problem_text(enum catalog_enrol_problem p)
{
	switch (p) {
	case CATALOG_ENROL_OK:
		return "the enrolment is complete";
	case CATALOG_ENROL_NAME_EMPTY:
		return "Name: please fill in the name.";
	case CATALOG_ENROL_NAME_CHARACTER:
		return "Name: it has a character that is not allowed. Use "
		    "letters, spaces and dashes.";
	case CATALOG_ENROL_NAME_LONG:
		return "Name: it is too long. Use at most "
		    ENROL_STR(CATALOG_ENROL_NAME_MAX) " characters.";
	case CATALOG_ENROL_PHONE_BAD:
		return "Phone: write a Dutch number of 10 digits (06 1234 "
		    "5678, 010 123 4567), +31 6 1234 5678, or a short number "
		    "like 14 010.";
	case CATALOG_ENROL_PHONE_SHORT:
		return "Phone: a short number is 14 and the area code, for "
		    "example 14 010.";
	case CATALOG_ENROL_PHONE_MOBILE:
		return "Phone: a mobile number has 10 digits: 06 and 8 more, "
		    "for example 06 1234 5678.";
	case CATALOG_ENROL_EMAIL_BAD:
		return "E-mail: this is not an e-mail address. Write it like "
		    "name@example.nl.";
	case CATALOG_ENROL_NOTE_CHARACTER:
		return "Note: it has a character that is not allowed.";
	case CATALOG_ENROL_NOTE_LONG:
		return "Note: it is too long. Use at most "
		    ENROL_STR(CATALOG_ENROL_NOTE_MAX) " characters.";
	case CATALOG_ENROL_CONTACT_MISSING:
		return "Phone or e-mail: please fill in at least one, so the "
		    "course can reach the person.";
	case CATALOG_ENROL_CONSENT_MISSING:
		return "Consent: read the consent text to the person. Enrol "
		    "only when they agree.";
	}
	return "unknown problem";
}

int
catalog_enrol_parse_fields(char *text, size_t len,
    struct catalog_enrolment *e, char **cause)
{
	static const char *const keys[] = { "name", "phone", "email", "note" };
	const char **slot[4];
	char *line, *end, *eq;
	int32_t off;
	UChar32 c;
	size_t k, n;
	int lineno = 0;

	slot[0] = &e->name;
	slot[1] = &e->phone;
	slot[2] = &e->email;
	slot[3] = &e->note;
	if (len > CATALOG_ENROL_FIELDS_MAX) {
		*cause = xasprintf("the input is too long (more than %d bytes)",
		    CATALOG_ENROL_FIELDS_MAX);
		return -1;
	}
	if (memchr(text, '\0', len) != NULL) {
		*cause = xstrdup("the input has a NUL byte: it is not text");
		return -1;
	}
	for (line = text; line < text + len; line = end + 1) {
		lineno++;
		if ((end = memchr(line, '\n', (size_t)(text + len - line))) ==
		    NULL)
			end = text + len;
		*end = '\0';	/* text[len] is writable too */
		if (*line == '\0')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			*cause = xasprintf("line %d: expected key=value (keys: "
			    "name, phone, email, note)", lineno);
			return -1;
		}
		n = (size_t)(eq - line);
		for (k = 0; k < 4; k++)
			if (strlen(keys[k]) == n && memcmp(keys[k], line, n) == 0)
				break;
		if (k == 4) {
			/* Name the key only when it looks like one: text
			 * before a stray "=" may be personal data. */
			for (k = 0; k < n && k < 20; k++)
				if (!(line[k] >= 'a' && line[k] <= 'z') &&
				    line[k] != '_')
					break;
			if (k == n && n > 0)
				*cause = xasprintf("line %d: unknown key \"%.*s\" "
				    "(keys: name, phone, email, note)", lineno,
				    (int)n, line);
			else
				*cause = xasprintf("line %d: unknown key (keys: "
				    "name, phone, email, note)", lineno);
			return -1;
		}
		if (*slot[k] != NULL) {
			*cause = xasprintf("line %d: \"%s\" is given twice",
			    lineno, keys[k]);
			return -1;
		}
		n = strlen(eq + 1);
		for (off = 0; (size_t)off < n;) {
			U8_NEXT(eq + 1, off, (int32_t)n, c);
			if (c < 0) {
				*cause = xasprintf("line %d: %s: the value is "
				    "not valid UTF-8 text", lineno, keys[k]);
				return -1;
			}
		}
		*slot[k] = eq + 1;
	}
	return 0;
}

/* The offering's key, its entry's key and Dutch title; -1 if unknown. */
static int
enrol_offering(struct catalog_db *db, int64_t id, json_t *o, char **cause)
{
	struct catalog_entry *entry;
	sqlite3_stmt *st;
	int64_t eid = 0;
	char *err = NULL;
	int rc;

	st = catalog_db_prepare(db, "SELECT o.key, e.key, e.id FROM offering o"
	    " JOIN entry e ON e.id = o.entry_id WHERE o.id = ?");
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_object_set_new(o, "id", json_integer(id));
		json_object_set_new(o, "key", json_string((const char *)
		    sqlite3_column_text(st, 0)));
		json_object_set_new(o, "entry_key", json_string((const char *)
		    sqlite3_column_text(st, 1)));
		eid = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		*cause = xasprintf("Offering: there is no offering %lld in "
		    "the catalogue.", (long long)id);
		return -1;
	}
	if ((entry = catalog_entry_get(db, eid, "nl", &err)) == NULL) {
		*cause = err;
		return -1;
	}
	json_object_set_new(o, "title", entry->title.value != NULL ?
	    json_string(entry->title.value) : json_null());
	catalog_entry_free(entry);
	return 0;
}

/* Insert the queued record; 1 when the receipt was taken already. */
static int
enrol_queue(struct catalog_state *state, const char *receipt, int64_t id,
    int64_t now, const unsigned char *rec, size_t len, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	st = catalog_state_prepare(state, "INSERT INTO outbox(receipt,"
	    " offering_id, created, status, record) VALUES (?, ?, ?, 'queued',"
	    " ?)");
	sqlite3_bind_text(st, 1, receipt, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_blob(st, 4, rec, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return 1;
	if (rc != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot save the enrolment");
		return -1;
	}
	return 0;
}

int
catalog_enrol_submit(struct catalog_state *state, struct catalog_db *db,
    const struct catalog_enrolment *e, const unsigned char *office_pk,
    char *receipt, char **cause)
{
	struct catalog_keys *kiosk = NULL;
	json_t *doc = NULL, *off = NULL;
	unsigned char *rec = NULL;
	char *plain = NULL, when[32], place[CATALOG_CONFIG_NAME_SIZE];
	size_t plainlen, reclen = 0, cap = 8192;
	time_t now = catalog_clock_now();
	struct tm tm;
	int rc = -1, tries, q;
	enum catalog_enrol_problem p;

	if ((p = catalog_enrol_check(e, NULL)) != CATALOG_ENROL_OK) {
		*cause = xstrdup(catalog_enrol_problem_text(p));
		return -1;
	}
	if (enrol_given(e->kiosk_name)) {
		if (!catalog_config_name_valid(e->kiosk_name)) {
			*cause = xasprintf("the kiosk id \"%.80s\" is not a name "
			    "(see kiosk_id in docs/configuration.md)",
			    e->kiosk_name);
			return -1;
		}
		snprintf(place, sizeof place, "%s", e->kiosk_name);
	} else
		catalog_config_kiosk_id(NULL, place, sizeof place);
	if (sodium_init() < 0) {
		*cause = xstrdup("libsodium cannot start");
		return -1;
	}
	off = json_object();
	if (enrol_offering(db, e->offering_id, off, cause) != 0)
		goto out;
	if ((kiosk = catalog_keys_kiosk(state, cause)) == NULL)
		goto out;
	if ((plain = sodium_malloc(cap)) == NULL) {
		*cause = xstrdup("out of memory");
		goto out;
	}
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (tries = 0; tries < 20; tries++) {
		catalog_enrol_receipt(receipt);
		doc = json_pack("{s:i, s:s, s:s, s:s, s:s, s:O, s:s, s:s*, s:s*,"
		    " s:s*, s:b}", "v", CATALOG_ENROL_PAYLOAD_VERSION,
		    "receipt", receipt, "kiosk", kiosk->id,
		    "kiosk_name", place,
		    "created", when, "offering", off, "name", e->name,
		    "phone", enrol_given(e->phone) ? e->phone : NULL,
		    "email", enrol_given(e->email) ? e->email : NULL,
		    "note", enrol_given(e->note) ? e->note : NULL,
		    "consent", 1);
		if (doc == NULL) {
			*cause = xstrdup("cannot build the enrolment");
			goto out;
		}
		plainlen = json_dumpb(doc, plain, cap, JSON_COMPACT |
		    JSON_SORT_KEYS);
		json_decref(doc);
		doc = NULL;
		if (plainlen == 0 || plainlen > cap) {
			*cause = xstrdup("the enrolment is too large");
			goto out;
		}
		rec = catalog_enrfile_build(kiosk, receipt, office_pk,
		    (unsigned char *)plain, plainlen, &reclen, cause);
		sodium_memzero(plain, cap);
		if (rec == NULL)
			goto out;
		q = enrol_queue(state, receipt, e->offering_id, (int64_t)now,
		    rec, reclen, cause);
		free(rec);
		rec = NULL;
		if (q < 0)
			goto out;
		if (q == 0) {
			rc = 0;
			goto out;
		}
	}
	*cause = xstrdup("cannot find a free receipt number");
out:
	json_decref(doc);
	json_decref(off);
	if (plain != NULL)
		sodium_free(plain);
	catalog_keys_free(kiosk);
	return rc;
}

/* jansson allocations with a size header, wiped before free. */
static void *
enrol_zalloc(size_t n)
{
	size_t *p;

	if (n > SIZE_MAX - 16 || (p = malloc(n + 16)) == NULL)
		return NULL;
	p[0] = n;
	return (char *)p + 16;
}

static void
enrol_zfree(void *q)
{
	char *p;

	if (q == NULL)
		return;
	p = (char *)q - 16;
	sodium_memzero(p, *(size_t *)(void *)p + 16);
	free(p);
}

void
catalog_enrol_harden(void)
{
	struct rlimit rl = { 0, 0 };

	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	(void)setrlimit(RLIMIT_CORE, &rl);
	json_set_alloc_funcs(enrol_zalloc, enrol_zfree);
	if (sodium_init() < 0) {
		fprintf(stderr, "leerpunt: libsodium cannot start\n");
		abort();
	}
}
