/*
 * test_inbox: the office's inbox: good files are written once each (a
 * copy under another name is dropped as a duplicate), and forged,
 * tampered, truncated, padded, unknown-kiosk and other-office files are
 * reported with file and reason and moved to rejected/, never dropped.
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
		NULL, 1 };
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

static void
test_inbox(void **unused)
{
	struct catalog_keys *other_office =
	    catalog_keys_generate(CATALOG_KEYS_OFFICE);
	struct catalog_keys *stranger = catalog_keys_generate(CATALOG_KEYS_KIOSK);
	struct catalog_keys *known[1] = { kiosk };
	struct catalog_inbox_summary sum;
	unsigned char *a, *b, *c, *bad;
	char ra[10], rb[10], rc[10], *out = NULL, *err = NULL, *cause = NULL;
	size_t la, lb, lc, olen, elen, i;
	FILE *fo, *fe;
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

	fo = open_memstream(&out, &olen);
	fe = open_memstream(&err, &elen);
	if (catalog_inbox_read(inbox, office, known, 1, CATALOG_INBOX_CSV, fo,
	    fe, &sum, &cause) != 0)
		fail_msg("inbox: %s", cause);
	fclose(fo);
	fclose(fe);
	assert_int_equal(sum.read, 2);
	assert_int_equal(sum.duplicates, 1);
	assert_int_equal(sum.rejected, 7);
	assert_non_null(strstr(out, "Anna Jansen"));
	assert_non_null(strstr(out, "Bram de Boer"));
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

	/* A second run reads the same two (rejected/ is not read again). */
	fo = open_memstream(&out, &olen);
	fe = open_memstream(&err, &elen);
	assert_int_equal(catalog_inbox_read(inbox, office, known, 1,
	    CATALOG_INBOX_OOAPI, fo, fe, &sum, &cause), 0);
	fclose(fo);
	fclose(fe);
	assert_int_equal(sum.read, 2);
	assert_int_equal(sum.rejected, 0);
	assert_non_null(strstr(out, "\"associationType\":"
	    "\"courseOfferingAssociation\""));
	assert_non_null(strstr(out, "\"role\":\"student\""));
	assert_non_null(strstr(out, "\"state\":\"pending\""));
	assert_non_null(strstr(out, "\"surname\":\"de Boer\""));
	free(out);
	free(err);

	free(a);
	free(b);
	free(c);
	free(bad);
	catalog_keys_free(other_office);
	catalog_keys_free(stranger);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inbox),
	};

	catalog_enrol_harden();
	return cmocka_run_group_tests(tests, setup, teardown);
}
