/*
 * test_inbox: the office's inbox: good files are written once each (a
 * copy under another name is dropped as a duplicate), and forged,
 * tampered, truncated, padded, unknown-kiosk and other-office files are
 * reported with file and reason and moved to rejected/, never dropped.
 * Each row names the kiosk's place (payload version 2); a record made
 * before that (version 1) is still read, and an unknown version is not.
 */
#include "enrol_unit.h"

#include <sodium.h>

#include "catalog/dbint.h"
#include "catalog/enrfile.h"
#include "catalog/enrol.h"
#include "catalog/inbox.h"
#include "catalog/keys.h"
#include "catalog/outbox.h"

#define ENTRIES \
	"id,kind,provider,themes,city,title_nl,title_en,start,mode,cost\n" \
	"weld-r,course,Albeda,technical,Rotterdam,Lassen voor beginners," \
	"Welding for beginners,2027-01-10,onsite,0\n"

static struct unit_db *db;
static struct unit_state *u;
static struct catalog_keys *office, *kiosk;
static char inbox[128];
static int64_t offering;

static int
setup(void **unused)
{
	char *cause = NULL;
	sqlite3_stmt *st;

	(void)unused;
	db = unit_db_new();
	if (unit_import(db->db, "s", &cause, UNIT_THEMES, ENTRIES, NULL) != 0)
		fail_msg("import: %s", cause);
	st = catalog_db_prepare(db->db, "SELECT id FROM offering");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	offering = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	u = unit_state_new();
	office = catalog_keys_generate(CATALOG_KEYS_OFFICE);
	kiosk = catalog_keys_kiosk(u->state, &cause);
	snprintf(inbox, sizeof inbox, "%s/inbox", u->dir);
	return 0;
}

static int
teardown(void **unused)
{
	(void)unused;
	catalog_keys_free(office);
	catalog_keys_free(kiosk);
	unit_state_free(u);
	unit_db_free(db);
	return 0;
}

/* Enrol name and return its sealed record (*len bytes). */
static unsigned char *
make_record(const char *name, const unsigned char *office_pk, size_t *len,
    char *receipt)
{
	struct catalog_enrolment e = { offering, name, "0612345678", NULL,
		NULL, 1, "oba-noord.2" };
	struct catalog_outbox_item *items;
	unsigned char *rec = NULL;
	char *cause = NULL;
	size_t n, i;

	if (catalog_enrol_submit(u->state, db->db, &e, office_pk, receipt,
	    &cause) != 0)
		fail_msg("submit: %s", cause);
	assert_int_equal(catalog_outbox_list(u->state, CATALOG_OUTBOX_RECORDS,
	    0, &items, &n, &cause), 0);
	for (i = 0; i < n; i++) {
		if (strcmp(items[i].receipt, receipt) == 0) {
			rec = items[i].record;
			*len = items[i].len;
			items[i].record = NULL;
		}
	}
	catalog_outbox_list_free(items, n);
	assert_non_null(rec);
	return rec;
}

static void
put(const char *rel, const unsigned char *data, size_t len)
{
	char *path = xasprintf("%s/%s", inbox, rel), *cmd;

	cmd = xasprintf("mkdir -p \"$(dirname '%s')\"", path);
	assert_int_equal(system(cmd), 0);
	unit_write(path, data, len, 0644);
	free(cmd);
	free(path);
}

/* Read the inbox folder as the office does, kiosk the one known kiosk:
 * the output and the messages into new strings. */
static void
read_inbox_again(enum catalog_inbox_format format, int again,
    struct catalog_inbox_summary *sum, char **out, char **err)
{
	struct catalog_keys *known[1] = { kiosk };
	char *cause = NULL;
	size_t olen, elen;
	FILE *fo, *fe;

	fo = open_memstream(out, &olen);
	fe = open_memstream(err, &elen);
	if (catalog_inbox_read(inbox, office, known, 1, format, again, fo, fe,
	    sum, &cause) != 0)
		fail_msg("inbox: %s", cause);
	fclose(fo);
	fclose(fe);
}

static void
read_inbox(enum catalog_inbox_format format, struct catalog_inbox_summary *sum,
    char **out, char **err)
{
	read_inbox_again(format, 0, sum, out, err);
}

static void
test_inbox(void **unused)
{
	struct catalog_keys *other_office =
	    catalog_keys_generate(CATALOG_KEYS_OFFICE);
	struct catalog_keys *stranger = catalog_keys_generate(CATALOG_KEYS_KIOSK);
	struct catalog_inbox_summary sum;
	unsigned char *a, *b, *c, *bad;
	char ra[10], rb[10], rc[10], *out = NULL, *err = NULL;
	size_t la, lb, lc, i;
	struct stat sb;

	(void)unused;
	a = make_record("Anna Jansen", office->pk, &la, ra);
	b = make_record("Bram de Boer", office->pk, &lb, rb);
	c = make_record("Carla Smit", other_office->pk, &lc, rc);
	put("k/a.enr", a, la);
	put("k/b.enr", b, lb);
	put("z-copy/b-again.enr", b, lb);		/* duplicate */
	put("k/other-office.enr", c, lc);
	bad = xmalloc(la + 10);
	memcpy(bad, a, la);
	bad[CATALOG_ENRFILE_HEADER + 20] ^= 0x40;
	put("k/tampered.enr", bad, la);
	put("k/truncated.enr", a, la - 30);
	memcpy(bad, a, la);
	memset(bad + la, 'x', 10);
	put("k/padded.enr", bad, la + 10);
	memcpy(bad, a, la);		/* re-signed by a stranger's key */
	crypto_sign_detached(bad + la - 64, NULL, bad, la - 64, stranger->sk);
	put("k/forged.enr", bad, la);
	memcpy(bad, a, la);		/* another kiosk id in the header */
	memcpy(bad + 8, stranger->id, 14);
	put("k/unknown.enr", bad, la);
	put("k/junk.enr", (const unsigned char *)"hello", 5);
	put("k/notes.txt", (const unsigned char *)"not an enrolment", 16);

	read_inbox(CATALOG_INBOX_CSV, &sum, &out, &err);
	assert_int_equal(sum.read, 2);
	assert_int_equal(sum.duplicates, 1);
	assert_int_equal(sum.rejected, 7);
	assert_non_null(strstr(out, "receipt,kiosk,kiosk_name,created,"));
	assert_non_null(strstr(out, "Anna Jansen"));
	assert_non_null(strstr(out, "Bram de Boer"));
	{
		char *row = xasprintf("\"%s\",\"%s\",\"oba-noord.2\",", ra,
		    kiosk->id);

		assert_non_null(strstr(out, row));
		free(row);
	}
	assert_null(strstr(out, "Carla"));
	assert_non_null(strstr(err, "b-again.enr: "));
	assert_non_null(strstr(err, "duplicate dropped"));
	assert_non_null(strstr(err, "other-office.enr: rejected: cannot be "
	    "opened with this office key"));
	assert_non_null(strstr(err, "tampered.enr: rejected: bad signature"));
	assert_non_null(strstr(err, "truncated.enr: rejected: truncated"));
	assert_non_null(strstr(err, "padded.enr: rejected: 10 bytes of "
	    "unexpected data"));
	assert_non_null(strstr(err, "forged.enr: rejected: bad signature"));
	assert_non_null(strstr(err, "unknown.enr: rejected: unknown kiosk"));
	assert_non_null(strstr(err, "junk.enr: rejected: not a Leerpunt"));
	assert_null(strstr(err, "notes.txt"));
	{
		static const char *const moved[] = { "other-office.enr",
			"tampered.enr", "truncated.enr", "padded.enr",
			"forged.enr", "unknown.enr", "junk.enr" };
		char *p;

		for (i = 0; i < sizeof moved / sizeof moved[0]; i++) {
			p = xasprintf("%s/rejected/%s", inbox, moved[i]);
			assert_int_equal(stat(p, &sb), 0);
			free(p);
			p = xasprintf("%s/k/%s", inbox, moved[i]);
			assert_int_not_equal(stat(p, &sb), 0);
			free(p);
		}
	}
	free(out);
	free(err);

	/* A second run with --again reads the same two (rejected/ is not
	 * read again). */
	read_inbox_again(CATALOG_INBOX_OOAPI, 1, &sum, &out, &err);
	assert_int_equal(sum.read, 2);
	assert_int_equal(sum.rejected, 0);
	assert_non_null(strstr(out, "\"associationType\":"
	    "\"courseOfferingAssociation\""));
	assert_non_null(strstr(out, "\"role\":\"student\""));
	assert_non_null(strstr(out, "\"state\":\"pending\""));
	assert_non_null(strstr(out, "\"surname\":\"de Boer\""));
	assert_non_null(strstr(out, "\"kiosk_name\":\"oba-noord.2\""));
	free(out);
	free(err);

	free(a);
	free(b);
	free(c);
	free(bad);
	catalog_keys_free(other_office);
	catalog_keys_free(stranger);
}

/* Seal and sign the JSON plain as the kiosk does; the file goes to rel. */
static void
put_payload(const char *rel, const char *receipt, const char *plain)
{
	unsigned char *rec;
	char *cause = NULL;
	size_t len;

	rec = catalog_enrfile_build(kiosk, receipt, office->pk,
	    (const unsigned char *)plain, strlen(plain), &len, &cause);
	if (rec == NULL)
		fail_msg("build: %s", cause);
	put(rel, rec, len);
	free(rec);
}

/*
 * Records from before payload version 2 (no kiosk_name) are still read;
 * a version 2 record without a valid kiosk_name and a version from the
 * future are rejected with the reason.
 */
static void
test_versions(void **unused)
{
	struct catalog_inbox_summary sum;
	char *plain, *out = NULL, *err = NULL, *row;

	(void)unused;
	snprintf(inbox, sizeof inbox, "%s/inbox-versions", u->dir);
	/* Exactly what a kiosk wrote before version 2 (docs example). */
	plain = xasprintf("{\"consent\":true,\"created\":"
	    "\"2026-11-27T21:49:24Z\",\"email\":\"jan@example.nl\","
	    "\"kiosk\":\"%s\",\"name\":\"Jan de Vries\","
	    "\"note\":\"Belt na 17 uur\",\"offering\":{\"entry_key\":"
	    "\"oba-hulp-digid\",\"id\":55,\"key\":\"1\",\"title\":"
	    "\"Hulp bij DigiD\"},\"phone\":\"06 1234 5678\",\"receipt\":"
	    "\"6EQ2-W84W\",\"v\":1}", kiosk->id);
	put_payload("k/old.enr", "6EQ2-W84W", plain);
	free(plain);
	plain = xasprintf("{\"consent\":true,\"created\":"
	    "\"2027-01-02T10:00:00Z\",\"kiosk\":\"%s\",\"name\":\"Piet\","
	    "\"offering\":{\"id\":55},\"phone\":\"0612345678\","
	    "\"receipt\":\"7FR3-X95X\",\"v\":2}", kiosk->id);
	put_payload("k/v2-nameless.enr", "7FR3-X95X", plain);
	free(plain);
	plain = xasprintf("{\"consent\":true,\"created\":"
	    "\"2027-01-02T10:00:00Z\",\"kiosk\":\"%s\",\"kiosk_name\":"
	    "\"x\",\"name\":\"Piet\",\"offering\":{\"id\":55},"
	    "\"phone\":\"0612345678\",\"receipt\":\"8GS4-Y26Y\","
	    "\"v\":3}", kiosk->id);
	put_payload("k/v3.enr", "8GS4-Y26Y", plain);
	free(plain);

	read_inbox(CATALOG_INBOX_CSV, &sum, &out, &err);
	assert_int_equal(sum.read, 1);
	assert_int_equal(sum.rejected, 2);
	/* The old record's row: an empty kiosk_name, every other field. */
	row = xasprintf("\"6EQ2-W84W\",\"%s\",\"\",\"2026-11-27T21:49:24Z\","
	    "\"55\",\"1\",\"oba-hulp-digid\",\"Hulp bij DigiD\","
	    "\"Jan de Vries\",\"06 1234 5678\",\"jan@example.nl\","
	    "\"Belt na 17 uur\"\n", kiosk->id);
	assert_non_null(strstr(out, row));
	free(row);
	assert_non_null(strstr(err, "v2-nameless.enr: rejected: the payload "
	    "lacks a valid kiosk_name"));
	assert_non_null(strstr(err, "v3.enr: rejected: the payload has "
	    "version 3; this program reads versions 1 to 2"));
	free(out);
	free(err);
}

/*
 * Signed records that break the kiosk's rules are rejected (issue 17.10),
 * control characters from file names and fields never reach the output
 * or the messages (17.9), and a record written once is not written again
 * by a later run (17.10).
 */
static void
test_rules(void **unused)
{
	struct catalog_inbox_summary sum;
	char *plain, *out = NULL, *err = NULL, *longname;
	const char *p;

	(void)unused;
	snprintf(inbox, sizeof inbox, "%s/inbox-rules", u->dir);
#define RULE(file, receipt, fields) do { \
	plain = xasprintf("{\"created\":\"2027-01-02T10:00:00Z\"," \
	    "\"kiosk\":\"%s\",\"kiosk_name\":\"x\",\"offering\":" \
	    "{\"id\":55},\"receipt\":\"" receipt "\",\"v\":2," fields "}", \
	    kiosk->id); \
	put_payload(file, receipt, plain); \
	free(plain); \
} while (0)
	RULE("k/noconsent.enr", "2AA2-AAAA", "\"consent\":false,"
	    "\"name\":\"Piet\",\"phone\":\"0612345678\"");
	RULE("k/nocontact.enr", "2AA2-AAAB", "\"consent\":true,"
	    "\"name\":\"Piet\"");
	longname = xmalloc(30001);
	memset(longname, 'a', 30000);
	longname[30000] = '\0';
	plain = xasprintf("\"consent\":true,\"name\":\"%s\","
	    "\"phone\":\"0612345678\"", longname);
	{
		char *full = xasprintf("{\"created\":\"2027-01-02T10:00:00Z\","
		    "\"kiosk\":\"%s\",\"kiosk_name\":\"x\",\"offering\":"
		    "{\"id\":55},\"receipt\":\"2AA2-AAAC\",\"v\":2,%s}",
		    kiosk->id, plain);

		put_payload("k/longname.enr", "2AA2-AAAC", full);
		free(full);
	}
	free(plain);
	free(longname);
	plain = xasprintf("{\"consent\":true,\"created\":\"yesterday\","
	    "\"kiosk\":\"%s\",\"kiosk_name\":\"x\",\"name\":\"Piet\","
	    "\"offering\":{\"id\":55},\"phone\":\"0612345678\","
	    "\"receipt\":\"2AA2-AAAD\",\"v\":2}", kiosk->id);
	put_payload("k/notime.enr", "2AA2-AAAD", plain);
	free(plain);
	/* Control characters in a field and in a file name. */
	RULE("k/escape.enr", "2AA2-AAAE", "\"consent\":true,"
	    "\"name\":\"Piet\\u001b]0;pwned\\u0007\",\"phone\":\"0612345678\"");
	RULE("k/bad\033[2Jname.enr", "2AA2-AAAF", "\"consent\":false,"
	    "\"name\":\"Piet\",\"phone\":\"0612345678\"");
	RULE("k/good\033[31m.enr", "2AA2-AAAG", "\"consent\":true,"
	    "\"name\":\"Piet Goed\",\"phone\":\"0612345678\","
	    "\"note\":\"Belt na 17 uur\"");
#undef RULE
	read_inbox(CATALOG_INBOX_CSV, &sum, &out, &err);
	for (p = out; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n')
			fail_msg("a control character in the output: %s", out);
	for (p = err; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n')
			fail_msg("a control character in the messages: %s", err);
	assert_non_null(strstr(err, "noconsent.enr: rejected: the payload "
	    "does not record consent"));
	assert_non_null(strstr(err, "nocontact.enr: rejected: the payload "
	    "breaks the kiosk's rules"));
	assert_non_null(strstr(err, "longname.enr: rejected: the payload "
	    "breaks the kiosk's rules"));
	assert_non_null(strstr(err, "notime.enr: rejected: the payload's "
	    "created is not a time"));
	assert_non_null(strstr(err, "bad?[2Jname.enr: rejected"));
	assert_non_null(strstr(out, "\"2AA2-AAAG\""));
	assert_null(strstr(out, "2AA2-AAAA"));
	free(out);
	free(err);
	out = err = NULL;

	/* A later run does not write it again; --again does. */
	read_inbox(CATALOG_INBOX_CSV, &sum, &out, &err);
	assert_int_equal(sum.read, 0);
	assert_int_equal(sum.duplicates, 1);
	assert_null(strstr(out, "2AA2-AAAG"));
	assert_non_null(strstr(err, "processed in an earlier run"));
	free(out);
	free(err);
	read_inbox_again(CATALOG_INBOX_JSON, 1, &sum, &out, &err);
	assert_int_equal(sum.read, 1);
	/* A field not given is absent, not null (docs). */
	assert_null(strstr(out, "\"email\""));
	free(out);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inbox),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_rules),
	};

	catalog_enrol_harden();
	return cmocka_run_group_tests(tests, setup, teardown);
}
