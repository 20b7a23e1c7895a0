/*
 * test_enrol: the field checks and their messages, receipts, and a full
 * enrolment: the record in the state database opens with the office key,
 * carries a valid kiosk signature, and no personal data is anywhere in the
 * state database's files; the outbox then counts, lists and marks it.
 */
#include "enrol_unit.h"

#include <sodium.h>

#include "catalog/dbint.h"
#include "catalog/enrfile.h"
#include "catalog/enrol.h"
#include "catalog/keys.h"
#include "catalog/outbox.h"
#include "catalog/stateint.h"

#define ENTRIES \
	"id,kind,provider,themes,city,title_nl,title_en,start,mode,cost\n" \
	"weld-r,course,Albeda,technical,Rotterdam,Lassen voor beginners," \
	"Welding for beginners,2027-01-10,onsite,0\n"

static void
check_fields(const char *name, const char *phone, const char *email,
    const char *note, int consent, enum catalog_enrol_field want_field,
    const char *want)
{
	struct catalog_enrolment e = { 1, name, phone, email, note, consent,
		NULL };
	enum catalog_enrol_field f;
	enum catalog_enrol_problem p;
	const char *cause;

	p = catalog_enrol_check(&e, &f);
	cause = catalog_enrol_problem_text(p);
	if (want == NULL) {
		if (p != CATALOG_ENROL_OK)
			fail_msg("refused: %s", cause);
		assert_int_equal(f, CATALOG_ENROL_FIELD_NONE);
		return;
	}
	assert_int_not_equal(p, CATALOG_ENROL_OK);
	assert_int_equal(f, want_field);
	assert_int_equal(catalog_enrol_problem_field(p), want_field);
	if (strncmp(cause, want, strlen(want)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", cause,
		    want);
}

/* Every problem code has English text that names its field. */
static void
test_problem_texts(void **unused)
{
	static const char *const field[] = { "", "Offering:", "Name:",
		"Phone", "E-mail:", "Note:", "Consent:" };
	int p;

	(void)unused;
	for (p = 1; p <= CATALOG_ENROL_PROBLEM_LAST; p++) {
		const char *t = catalog_enrol_problem_text(
		    (enum catalog_enrol_problem)p);
		enum catalog_enrol_field f = catalog_enrol_problem_field(
		    (enum catalog_enrol_problem)p);

		assert_int_not_equal(f, CATALOG_ENROL_FIELD_NONE);
		if (strncmp(t, field[f], strlen(field[f])) != 0)
			fail_msg("problem %d: \"%s\" does not name %s", p, t,
			    field[f]);
		assert_null(strchr(t, '%'));
	}
	assert_int_equal(catalog_enrol_problem_field(CATALOG_ENROL_OK),
	    CATALOG_ENROL_FIELD_NONE);
}

static void
test_checks(void **unused)
{
	char long_name[200];

	(void)unused;
	check_fields("Jan de Vries", "06 1234 5678", NULL, NULL, 1, 0, NULL);
	check_fields("Jan de Vries", "+31 6-1234-5678", NULL, NULL, 1, 0, NULL);
	check_fields("Jan de Vries", NULL, "jan@example.nl", NULL, 1, 0, NULL);
	check_fields("محمد العلي", "0612345678", NULL, "", 1, 0, NULL);
	check_fields("Олена Коваленко", NULL, "o.k@mail.example.ua",
	    "Wil graag 's avonds.", 1, 0, NULL);
	check_fields("", "0612345678", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_NAME, "Name:");
	check_fields("   ", "0612345678", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_NAME, "Name:");
	check_fields("Jan\tVries", "0612345678", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_NAME, "Name: it has a character");
	check_fields("Jan\x1b[2J", "0612345678", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_NAME, "Name: it has a character");
	check_fields("Jan \xe2\x80\xae Vries", "0612345678", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_NAME, "Name: it has a character");
	check_fields("Jan \xff Vries", "0612345678", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_NAME, "Name: it has a character");
	memset(long_name, 'a', 101);
	long_name[101] = '\0';
	check_fields(long_name, "0612345678", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_NAME, "Name: it is too long");
	long_name[100] = '\0';
	check_fields(long_name, "0612345678", NULL, NULL, 1, 0, NULL);
	check_fields("Jan", NULL, NULL, NULL, 1, CATALOG_ENROL_FIELD_PHONE,
	    "Phone or e-mail:");
	check_fields("Jan", "1234567", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_PHONE, "Phone:");
	check_fields("Jan", "1234567890123456", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_PHONE, "Phone:");
	check_fields("Jan", "06 1234 567a", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_PHONE, "Phone:");
	check_fields("Jan", "06+12345678", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_PHONE, "Phone:");
	/* The Dutch number plan (issue 15). */
	check_fields("Jan", "06 1234 567", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_PHONE, "Phone: a mobile number has 10 digits");
	check_fields("Jan", "06 1234 56789", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_PHONE, "Phone: a mobile number has 10 digits");
	check_fields("Jan", "06-1234 5678", NULL, NULL, 1, 0, NULL);
	check_fields("Jan", "010 123 4567", NULL, NULL, 1, 0, NULL);
	check_fields("Jan", "010 123 456", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_PHONE, "Phone:");
	check_fields("Jan", "14 010", NULL, NULL, 1, 0, NULL);
	check_fields("Jan", "14 0118", NULL, NULL, 1, 0, NULL);
	check_fields("Jan", "14 01", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_PHONE, "Phone: a short number");
	check_fields("Jan", "0800 1234", NULL, NULL, 1, 0, NULL);
	check_fields("Jan", "+31 6 1234 5678", NULL, NULL, 1, 0, NULL);
	check_fields("Jan", "0031 6 1234 5678", NULL, NULL, 1, 0, NULL);
	check_fields("Jan", "+31 6 1234 567", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_PHONE, "Phone:");
	check_fields("Jan", "+31 06 1234 5678", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_PHONE, "Phone:");
	check_fields("Jan", "+90 532 123 45 67", NULL, NULL, 1, 0, NULL);
	check_fields("Jan", "12345678", NULL, NULL, 1,
	    CATALOG_ENROL_FIELD_PHONE, "Phone:");
	check_fields("Jan", NULL, "jan.example.nl", NULL, 1,
	    CATALOG_ENROL_FIELD_EMAIL, "E-mail:");
	check_fields("Jan", NULL, "jan@@example.nl", NULL, 1,
	    CATALOG_ENROL_FIELD_EMAIL, "E-mail:");
	check_fields("Jan", NULL, "jan@example", NULL, 1,
	    CATALOG_ENROL_FIELD_EMAIL, "E-mail:");
	check_fields("Jan", NULL, "jan @example.nl", NULL, 1,
	    CATALOG_ENROL_FIELD_EMAIL, "E-mail:");
	check_fields("Jan", NULL, "jan@example.nl.", NULL, 1,
	    CATALOG_ENROL_FIELD_EMAIL, "E-mail:");
	check_fields("Jan", NULL, "jan@a@example.nl", NULL, 1,
	    CATALOG_ENROL_FIELD_EMAIL, "E-mail:");
	check_fields("Jan", "0612345678", NULL, "line\nbreak", 1,
	    CATALOG_ENROL_FIELD_NOTE, "Note:");
	check_fields("Jan", "0612345678", NULL, NULL, 0,
	    CATALOG_ENROL_FIELD_CONSENT, "Consent:");
}

/* Parse text as enrol --from-stdin does; 0 or -1 with *cause. */
static int
parse(const char *text, size_t len, struct catalog_enrolment *e,
    char **buf, char **cause)
{
	*buf = xmalloc(len + 1);
	memcpy(*buf, text, len);
	(*buf)[len] = '\0';
	memset(e, 0, sizeof *e);
	return catalog_enrol_parse_fields(*buf, len, e, cause);
}

/* Text (len bytes; 0: up to its NUL) is refused with want in the message. */
static void
parse_refused(const char *text, size_t len, const char *want)
{
	struct catalog_enrolment e;
	char *buf, *cause = NULL;

	if (len == 0)
		len = strlen(text);

	if (parse(text, len, &e, &buf, &cause) == 0)
		fail_msg("accepted: %s", text);
	if (strstr(cause, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", cause, want);
	free(cause);
	free(buf);
}

static void
test_parse_fields(void **unused)
{
	struct catalog_enrolment e;
	char *buf, *cause = NULL, *big;
	const char *text;
	size_t i;

	(void)unused;
	text = "name=Fatima El Amrani-Zwart\nphone=06 9876 5432\n\n"
	    "email=f@example.nl\nnote=a=b, \xd8\xb4\xd9\x83\xd8\xb1\xd8\xa7\n";
	assert_int_equal(parse(text, strlen(text), &e, &buf, &cause), 0);
	assert_string_equal(e.name, "Fatima El Amrani-Zwart");
	assert_string_equal(e.phone, "06 9876 5432");
	assert_string_equal(e.email, "f@example.nl");
	assert_string_equal(e.note, "a=b, \xd8\xb4\xd9\x83\xd8\xb1\xd8\xa7");
	free(buf);
	/* No final newline; an empty value is "not given". */
	text = "email=\nname=Jan";
	assert_int_equal(parse(text, strlen(text), &e, &buf, &cause), 0);
	assert_string_equal(e.name, "Jan");
	assert_string_equal(e.email, "");
	assert_null(e.phone);
	/* ... so the field check asks for phone or e-mail. */
	e.consent = 1;
	assert_int_equal(catalog_enrol_check(&e, NULL),
	    CATALOG_ENROL_CONTACT_MISSING);
	free(buf);
	/* Missing name: the field check names it. */
	text = "phone=0612345678\n";
	assert_int_equal(parse(text, strlen(text), &e, &buf, &cause), 0);
	e.consent = 1;
	assert_int_equal(catalog_enrol_check(&e, NULL),
	    CATALOG_ENROL_NAME_EMPTY);
	free(buf);

	parse_refused("name=Jan\nadres=Kerkstraat 1\n", 0,
	    "line 2: unknown key \"adres\"");
	/* Text before a stray "=" may be personal: not repeated. */
	parse_refused("Jan de Vries=x\n", 0, "line 1: unknown key (keys:");
	parse_refused("name = Jan\n", 0, "line 1: unknown key (keys:");
	parse_refused("name=Jan\nJan de Vries\n", 0,
	    "line 2: expected key=value");
	parse_refused("name=Jan\nname=Piet\n", 0,
	    "line 2: \"name\" is given twice");
	parse_refused("name=Jan\xff\xfe\n", 0,
	    "line 1: name: the value is not valid UTF-8");
	parse_refused("name=J\xc3\n", 0, "not valid UTF-8");
	parse_refused("name=Jan\0phone=1\n", 17, "NUL byte");
	big = xmalloc(CATALOG_ENROL_FIELDS_MAX + 10);
	memcpy(big, "note=", 5);
	for (i = 5; i < CATALOG_ENROL_FIELDS_MAX + 1; i++)
		big[i] = 'x';
	parse_refused(big, CATALOG_ENROL_FIELDS_MAX + 1, "too long");
	/* A note over 500 characters passes the parser, not the check. */
	big[600] = '\0';
	assert_int_equal(parse(big, 600, &e, &buf, &cause), 0);
	assert_int_equal(catalog_enrol_check_note(e.note),
	    CATALOG_ENROL_NOTE_LONG);
	assert_non_null(strstr(catalog_enrol_problem_text(
	    CATALOG_ENROL_NOTE_LONG), "Note: it is too long. Use at most 500 "));
	free(buf);
	free(big);
}

static void
test_receipts(void **unused)
{
	char r[CATALOG_ENROL_RECEIPT_SIZE], first[CATALOG_ENROL_RECEIPT_SIZE];
	int i, j, same = 0;

	(void)unused;
	catalog_enrol_receipt(first);
	for (i = 0; i < 1000; i++) {
		catalog_enrol_receipt(r);
		assert_int_equal(strlen(r), 9);
		assert_int_equal(r[4], '-');
		for (j = 0; j < 9; j++)
			if (j != 4 && strchr("01OILU", r[j]) != NULL)
				fail_msg("ambiguous character in %s", r);
		same += strcmp(r, first) == 0;
	}
	assert_true(same <= 1);
}

static void
test_submit(void **unused)
{
	struct unit_db *db = unit_db_new();
	struct unit_state *u = unit_state_new();
	struct catalog_keys *office = catalog_keys_generate(CATALOG_KEYS_OFFICE);
	struct catalog_keys *kiosk, *kiosks[1];
	struct catalog_outbox_item *items;
	struct catalog_outbox_counts c;
	struct catalog_enrolment e = { 0, "Fatima El Amrani", "06 9876 5432",
		"fatima.elamrani@example.nl", "Belt liever na 17 uur", 1,
		"delft-library-1" };
	char receipt[CATALOG_ENROL_RECEIPT_SIZE], *cause = NULL, *plain;
	char id[CATALOG_KEYS_ID_SIZE], r2[10], *files[3];
	unsigned char *bytes;
	sqlite3_stmt *st;
	size_t n, len, plen;
	int i;

	(void)unused;
	if (unit_import(db->db, "s", &cause, UNIT_THEMES, ENTRIES, NULL) != 0)
		fail_msg("import: %s", cause);
	st = catalog_db_prepare(db->db, "SELECT id FROM offering");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	e.offering_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);

	/* An unknown offering is refused, naming the field. */
	e.offering_id += 1000;
	assert_int_equal(catalog_enrol_submit(u->state, db->db, &e, office->pk,
	    receipt, &cause), -1);
	assert_non_null(strstr(cause, "Offering:"));
	free(cause);
	e.offering_id -= 1000;

	/* A kiosk id that is not a name is refused before anything is
	 * stored. */
	e.kiosk_name = "delft library";
	assert_int_equal(catalog_enrol_submit(u->state, db->db, &e, office->pk,
	    receipt, &cause), -1);
	assert_non_null(strstr(cause, "kiosk id \"delft library\" is not a "
	    "name"));
	free(cause);
	e.kiosk_name = "delft-library-1";

	if (catalog_enrol_submit(u->state, db->db, &e, office->pk, receipt,
	    &cause) != 0)
		fail_msg("submit: %s", cause);
	assert_int_equal(strlen(receipt), 9);

	assert_int_equal(catalog_outbox_counts(u->state, &c, &cause), 0);
	assert_int_equal(c.queued, 1);
	assert_int_equal(catalog_outbox_list(u->state, CATALOG_OUTBOX_RECORDS,
	    0, &items, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].receipt, receipt);
	assert_int_equal(items[0].offering_id, e.offering_id);

	/* It opens with the office key and the kiosk's public key. */
	kiosk = catalog_keys_kiosk(u->state, &cause);
	assert_non_null(kiosk);
	assert_string_equal(items[0].kiosk_id, kiosk->id);
	kiosks[0] = kiosk;
	plain = catalog_enrfile_open(items[0].record, items[0].len, kiosks, 1,
	    office, id, r2, &plen, &cause);
	if (plain == NULL)
		fail_msg("open: %s", cause);
	assert_non_null(strstr(plain, "\"name\":\"Fatima El Amrani\""));
	assert_non_null(strstr(plain, "fatima.elamrani@example.nl"));
	assert_non_null(strstr(plain, "06 9876 5432"));
	assert_non_null(strstr(plain, "Lassen voor beginners"));
	assert_non_null(strstr(plain, receipt));
	/* Payload version 2 names the place by the configured kiosk id. */
	assert_non_null(strstr(plain, "\"kiosk_name\":\"delft-library-1\""));
	assert_non_null(strstr(plain, "\"v\":2"));
	assert_string_equal(r2, receipt);
	catalog_enrfile_plain_free(plain);
	/* The signature covers the bytes: one flipped bit is caught. */
	items[0].record[CATALOG_ENRFILE_HEADER + 5] ^= 0x01;
	assert_null(catalog_enrfile_open(items[0].record, items[0].len, kiosks,
	    1, office, id, r2, &plen, &cause));
	assert_non_null(strstr(cause, "bad signature"));
	free(cause);
	catalog_outbox_list_free(items, n);

	/* No personal data in the state database, its WAL or its journal. */
	files[0] = u->path;
	files[1] = xasprintf("%s-wal", u->path);
	files[2] = xasprintf("%s-journal", u->path);
	for (i = 0; i < 3; i++) {
		if (access(files[i], F_OK) != 0)
			continue;
		bytes = unit_read(files[i], &len);
		assert_false(unit_contains(bytes, len, "Fatima"));
		assert_false(unit_contains(bytes, len, "Amrani"));
		assert_false(unit_contains(bytes, len, "9876"));
		assert_false(unit_contains(bytes, len, "example.nl"));
		assert_false(unit_contains(bytes, len, "17 uur"));
		free(bytes);
	}
	free(files[1]);
	free(files[2]);

	/* Failed, then sent: the sealed record is gone, the summary stays. */
	assert_int_equal(catalog_outbox_mark_failed(u->state, receipt, 0,
	    "HTTP 500", &cause), 0);
	assert_int_equal(catalog_outbox_counts(u->state, &c, &cause), 0);
	assert_int_equal(c.failed, 1);
	assert_int_equal(c.queued, 0);
	assert_int_equal(catalog_outbox_mark_sent(u->state, receipt, 5, &cause),
	    0);
	assert_int_equal(catalog_outbox_mark_sent(u->state, receipt, 5, &cause),
	    -1);
	free(cause);
	assert_int_equal(catalog_outbox_counts(u->state, &c, &cause), 0);
	assert_int_equal(c.sent, 1);
	assert_int_equal(c.failed + c.queued, 0);
	assert_int_equal(catalog_outbox_list(u->state, 0, 0, &items, &n,
	    &cause), 0);
	assert_int_equal(n, 0);
	catalog_outbox_list_free(items, n);
	assert_int_equal(catalog_outbox_list(u->state, CATALOG_OUTBOX_ALL |
	    CATALOG_OUTBOX_RECORDS, 0, &items, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].status, CATALOG_OUTBOX_SENT);
	/* Kept for the grace period, then forgotten. */
	assert_non_null(items[0].record);
	assert_int_equal(items[0].attempts, 2);
	catalog_outbox_list_free(items, n);
	assert_int_equal(catalog_outbox_forget_sent(u->state, 4, &n, &cause),
	    0);
	assert_int_equal(n, 0);
	assert_int_equal(catalog_outbox_forget_sent(u->state, 5, &n, &cause),
	    0);
	assert_int_equal(n, 1);
	assert_int_equal(catalog_outbox_resend(u->state, NULL, &n, &cause), 0);
	assert_int_equal(n, 0);
	st = catalog_state_prepare(u->state, "SELECT count(*) FROM outbox"
	    " WHERE record IS NOT NULL");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);

	catalog_keys_free(kiosk);
	catalog_keys_free(office);
	unit_state_free(u);
	unit_db_free(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_problem_texts),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_parse_fields),
		cmocka_unit_test(test_receipts),
		cmocka_unit_test(test_submit),
	};

	catalog_enrol_harden();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
