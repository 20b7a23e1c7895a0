/*
 * test_keys: key files round trip for each kind, secret files are 0600 and
 * never overwritten, and every kind of bad file is refused with a message
 * that says what is wrong; the kiosk's own key is made once and kept.
 */
#include "enrol_unit.h"

#include <sodium.h>

#include "catalog/keys.h"

static char dir[64];

static int
setup(void **unused)
{
	(void)unused;
	snprintf(dir, sizeof dir, "/tmp/leerpunt-keys.XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int
teardown(void **unused)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	(void)unused;
	if (system(cmd) != 0)
		fprintf(stderr, "# cannot remove %s\n", dir);
	free(cmd);
	return 0;
}

static void
round_trip(enum catalog_keys_kind kind)
{
	struct catalog_keys *k = catalog_keys_generate(kind), *p, *s;
	char *prefix = xasprintf("%s/%s", dir, catalog_keys_kind_name(kind));
	char *pub = xasprintf("%s.pub", prefix), *sec = xasprintf("%s.secret",
	    prefix), *cause = NULL;
	struct stat sb;

	assert_int_equal(catalog_keys_write(k, prefix, &cause), 0);
	assert_int_equal(stat(sec, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(pub, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0644);
	if ((p = catalog_keys_read_public(pub, kind, &cause)) == NULL)
		fail_msg("%s", cause);
	assert_memory_equal(p->pk, k->pk, sizeof k->pk);
	if ((s = catalog_keys_read_secret(sec, kind, &cause)) == NULL)
		fail_msg("%s", cause);
	assert_memory_equal(s->pk, k->pk, sizeof k->pk);
	assert_memory_equal(s->sk, k->sk, catalog_keys_secret_size(kind));
	if (kind == CATALOG_KEYS_KIOSK) {
		assert_string_equal(p->id, k->id);
		assert_int_equal(strlen(k->id), 14);
	}
	/* Never overwritten. */
	assert_int_equal(catalog_keys_write(k, prefix, &cause), -1);
	assert_non_null(strstr(cause, "already exists"));
	free(cause);
	catalog_keys_free(k);
	catalog_keys_free(p);
	catalog_keys_free(s);
	free(prefix);
	free(pub);
	free(sec);
}

static void
test_round_trip(void **unused)
{
	(void)unused;
	round_trip(CATALOG_KEYS_OFFICE);
	round_trip(CATALOG_KEYS_KIOSK);
	round_trip(CATALOG_KEYS_REPO);
}

/* Write text as a key file and expect reading it to fail with want. */
static void
refused(const char *text, int secret, mode_t mode, const char *want)
{
	char *path = xasprintf("%s/bad.key", dir), *cause = NULL;
	struct catalog_keys *k;

	unlink(path);
	unit_write(path, text, strlen(text), mode);
	k = secret ? catalog_keys_read_secret(path, CATALOG_KEYS_OFFICE,
	    &cause) : catalog_keys_read_public(path, CATALOG_KEYS_OFFICE,
	    &cause);
	if (k != NULL)
		fail_msg("accepted: %s", text);
	if (strstr(cause, want) == NULL || strstr(cause, path) == NULL)
		fail_msg("message \"%s\" lacks \"%s\" or the path", cause, want);
	free(cause);
	free(path);
}

static void
test_bad_files(void **unused)
{
	const char *good = "TRjx72mIpgBcm87bcNOpsjQyf6ppdbME7g1VpjDZMRs=";
	char line[256];

	(void)unused;
	refused("", 0, 0644, "empty");
	refused("hello world\n", 0, 0644, "not a Leerpunt key file");
	snprintf(line, sizeof line, "leerpunt-kiosk-public v1 %s\n", good);
	refused(line, 0, 0644, "this is a kiosk public key, but an office "
	    "public key is needed");
	snprintf(line, sizeof line, "leerpunt-office-public v1 %s\n", good);
	refused(line, 1, 0600, "this is an office public key, but an office "
	    "secret key");
	snprintf(line, sizeof line, "leerpunt-office-secret v1 %s\n", good);
	refused(line, 1, 0644, "chmod 600");
	snprintf(line, sizeof line, "leerpunt-office-public v2 %s\n", good);
	refused(line, 0, 0644, "version");
	snprintf(line, sizeof line, "leerpunt-printer-public v1 %s\n", good);
	refused(line, 0, 0644, "unknown key kind");
	refused("leerpunt-office-public v1 TRjx72mIpgBcm87bcNOps\n", 0, 0644,
	    "need 32");
	refused("leerpunt-office-public v1 TRjx72mIpgBcm87b!NOpsjQyf6ppdbME7g1"
	    "VpjDZMRs=\n", 0, 0644, "base64");
	snprintf(line, sizeof line, "leerpunt-office-public v1 %s", good);
	refused(line, 0, 0644, "one line ending in a newline");
	snprintf(line, sizeof line, "leerpunt-office-public v1 %s\n\n", good);
	refused(line, 0, 0644, "one line");
	snprintf(line, sizeof line, "leerpunt-office-public v1 %s\r\n", good);
	refused(line, 0, 0644, "carriage return");
	snprintf(line, sizeof line, "leerpunt-office-public v1 %s \n", good);
	refused(line, 0, 0644, "base64");
}

static void
test_damaged_ed25519_secret(void **unused)
{
	struct catalog_keys *k = catalog_keys_generate(CATALOG_KEYS_REPO);
	char *path = xasprintf("%s/repo-bad.secret", dir), *cause = NULL;
	char b64[128], line[256];

	(void)unused;
	k->sk[40] ^= 1;		/* public half no longer matches the seed */
	sodium_bin2base64(b64, sizeof b64, k->sk, 64,
	    sodium_base64_VARIANT_ORIGINAL);
	snprintf(line, sizeof line, "leerpunt-repo-secret v1 %s\n", b64);
	unit_write(path, line, strlen(line), 0600);
	assert_null(catalog_keys_read_secret(path, CATALOG_KEYS_REPO, &cause));
	assert_non_null(strstr(cause, "damaged"));
	free(cause);
	free(path);
	catalog_keys_free(k);
}

static void
test_known_kiosks(void **unused)
{
	struct catalog_keys *a = catalog_keys_generate(CATALOG_KEYS_KIOSK);
	struct catalog_keys *b = catalog_keys_generate(CATALOG_KEYS_KIOSK);
	struct catalog_keys **list;
	char *path = xasprintf("%s/kiosks.txt", dir), *cause = NULL;
	char b64a[64], b64b[64], text[512];
	size_t n;

	(void)unused;
	sodium_bin2base64(b64a, sizeof b64a, a->pk, 32,
	    sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(b64b, sizeof b64b, b->pk, 32,
	    sodium_base64_VARIANT_ORIGINAL);
	snprintf(text, sizeof text, "# library Delft\nleerpunt-kiosk-public v1 "
	    "%s\n\nleerpunt-kiosk-public v1 %s\n", b64a, b64b);
	unit_write(path, text, strlen(text), 0644);
	assert_int_equal(catalog_keys_read_kiosks(path, &list, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0]->id, a->id);
	assert_string_equal(list[1]->id, b->id);
	catalog_keys_list_free(list, n);
	snprintf(text, sizeof text, "leerpunt-kiosk-public v1 %s\n"
	    "leerpunt-office-public v1 %s\n", b64a, b64b);
	unit_write(path, text, strlen(text), 0644);
	assert_int_equal(catalog_keys_read_kiosks(path, &list, &n, &cause), -1);
	assert_non_null(strstr(cause, "kiosks.txt:2:"));
	free(cause);
	catalog_keys_free(a);
	catalog_keys_free(b);
	free(path);
}

static void
test_kiosk_identity(void **unused)
{
	struct unit_state *u = unit_state_new();
	struct catalog_keys *k1, *k2;
	char *cause = NULL;

	(void)unused;
	assert_non_null(k1 = catalog_keys_kiosk(u->state, &cause));
	unit_state_reopen(u);
	assert_non_null(k2 = catalog_keys_kiosk(u->state, &cause));
	assert_memory_equal(k1->pk, k2->pk, 32);
	assert_memory_equal(k1->sk, k2->sk, 64);
	assert_string_equal(k1->id, k2->id);
	assert_true(strncmp(k1->id, "kiosk-", 6) == 0);
	catalog_keys_free(k1);
	catalog_keys_free(k2);
	unit_state_free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_damaged_ed25519_secret),
		cmocka_unit_test(test_known_kiosks),
		cmocka_unit_test(test_kiosk_identity),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
