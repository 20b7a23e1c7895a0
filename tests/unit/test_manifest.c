/*
 * test_manifest: the repository manifest (catalog/manifest.c).
 *
 * A manifest written by publish must read back identically; everything a
 * hostile or broken repository could send instead (truncated JSON, wrong
 * types, missing fields, negative sizes, bad hex, unsafe names, a newer
 * format) must be refused with a message naming the bad value's path.
 * Malformed cases start from a valid manifest and change one thing.
 * Signatures: a manifest signed with Ed25519 verifies with its key only,
 * not after any change, not unsigned; deltas, the content digest and
 * announced keys read back, and their malformed forms are refused.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>

#include "catalog/manifest.h"

static const unsigned char digest_a[32] = {
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa,
	0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab,
	0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10
};

/* A valid manifest like publish writes: one snapshot, an expiry. */
static struct catalog_manifest *
sample(void)
{
	struct catalog_manifest *m = catalog_manifest_new();

	m->version = 42;
	m->schema = 1;
	m->created = 1714557600;	/* 2024-05-01T10:00:00Z */
	m->expires = 1717236000;	/* 2024-06-01T10:00:00Z */
	catalog_manifest_add_file(m, "snapshot-0011.db.z", "snapshot", 12345,
	    digest_a, "zlib", 98304);
	return m;
}

static void
test_round_trip(void **state)
{
	struct catalog_manifest *m = sample(), *r;
	char *text, *cause = NULL;
	const struct catalog_manifest_file *f;

	(void)state;
	text = catalog_manifest_write(m);
	assert_non_null(strstr(text, "\"created\": \"2024-05-01T10:00:00Z\""));
	assert_non_null(strstr(text, "\"sha256\": \"00112233445566778899aabb"
	    "ccddeeff0123456789abcdeffedcba9876543210\""));
	r = catalog_manifest_parse(text, strlen(text), "test", &cause);
	assert_null(cause);
	assert_non_null(r);
	assert_int_equal(r->format, CATALOG_MANIFEST_FORMAT);
	assert_int_equal(r->version, 42);
	assert_int_equal(r->schema, 1);
	assert_int_equal(r->created, m->created);
	assert_int_equal(r->expires, m->expires);
	assert_int_equal(r->nfiles, 1);
	f = catalog_manifest_snapshot(r);
	assert_non_null(f);
	assert_string_equal(f->name, "snapshot-0011.db.z");
	assert_string_equal(f->role, "snapshot");
	assert_string_equal(f->compression, "zlib");
	assert_int_equal(f->size, 12345);
	assert_int_equal(f->uncompressed_size, 98304);
	assert_memory_equal(f->sha256, digest_a, 32);
	assert_ptr_equal(catalog_manifest_find(r, "snapshot-0011.db.z"), f);
	assert_null(catalog_manifest_find(r, "other"));
	catalog_manifest_free(r);
	catalog_manifest_free(m);
	free(text);
}

static void
test_no_expiry(void **state)
{
	struct catalog_manifest *m = sample(), *r;
	char *text, *cause = NULL;

	(void)state;
	m->expires = 0;
	text = catalog_manifest_write(m);
	assert_null(strstr(text, "expires"));
	r = catalog_manifest_parse(text, strlen(text), "test", &cause);
	assert_non_null(r);
	assert_int_equal(r->expires, 0);
	catalog_manifest_free(r);
	catalog_manifest_free(m);
	free(text);
}

/* The valid sample as a jansson object, to change one thing in. */
static json_t *
sample_json(void)
{
	struct catalog_manifest *m = sample();
	char *text = catalog_manifest_write(m);
	json_t *root = json_loads(text, 0, NULL);

	assert_non_null(root);
	free(text);
	catalog_manifest_free(m);
	return root;
}

static json_t *
signed_part(json_t *root)
{
	return json_object_get(root, "signed");
}

static json_t *
file0(json_t *root)
{
	return json_array_get(json_object_get(signed_part(root), "files"), 0);
}

/* Parse root; it must be refused with a message containing want. */
static void
refused(json_t *root, const char *want)
{
	char *text = json_dumps(root, 0), *cause = NULL;
	struct catalog_manifest *m;

	m = catalog_manifest_parse(text, strlen(text), "repo/manifest.json",
	    &cause);
	if (m != NULL || cause == NULL || strstr(cause, want) == NULL ||
	    strncmp(cause, "repo/manifest.json", 18) != 0)
		fail_msg("wanted a refusal with \"%s\", got %s", want,
		    cause != NULL ? cause : "(accepted)");
	free(cause);
	free(text);
	json_decref(root);
}

/* Parse raw text; it must be refused with a message containing want. */
static void
refused_text(const char *text, const char *want)
{
	struct catalog_manifest *m;
	char *cause = NULL;

	m = catalog_manifest_parse(text, strlen(text), "repo/manifest.json",
	    &cause);
	if (m != NULL || cause == NULL || strstr(cause, want) == NULL)
		fail_msg("wanted a refusal with \"%s\", got %s", want,
		    cause != NULL ? cause : "(accepted)");
	free(cause);
}

static void
test_truncated(void **state)
{
	struct catalog_manifest *m = sample();
	char *text = catalog_manifest_write(m);
	size_t len = strlen(text), cut;
	char *cause;

	(void)state;
	/* Every proper prefix of a manifest is refused, none crashes. */
	for (cut = 0; cut < len - 1; cut++) {
		cause = NULL;
		assert_null(catalog_manifest_parse(text, cut, "t", &cause));
		assert_non_null(cause);
		free(cause);
	}
	refused_text("{\"signed\": {\"version\": 3", "not valid JSON");
	refused_text("", "not valid JSON");
	free(text);
	catalog_manifest_free(m);
}

static void
test_not_json_object(void **state)
{
	(void)state;
	refused_text("[1, 2]", "expected a JSON object, found an array");
	refused_text("\"manifest\"", "not valid JSON");
	refused_text("<html>404</html>", "not valid JSON");
	refused_text("{\"signed\": {}, \"signed\": {}, \"signatures\": []}",
	    "not valid JSON");
}

static void
test_wrong_types(void **state)
{
	json_t *r;

	(void)state;
	r = sample_json();
	json_object_set_new(signed_part(r), "version", json_string("42"));
	refused(r, "signed.version: expected an integer, found a string");

	r = sample_json();
	json_object_set_new(signed_part(r), "version", json_real(42.5));
	refused(r, "signed.version: expected an integer, found a number with "
	    "a fraction");

	r = sample_json();
	json_object_set_new(r, "signatures", json_object());
	refused(r, "signatures: expected an array, found an object");

	r = sample_json();
	json_object_set_new(r, "signed", json_array());
	refused(r, "signed: expected an object, found an array");

	r = sample_json();
	json_object_set_new(signed_part(r), "files", json_object());
	refused(r, "signed.files: expected an array, found an object");

	r = sample_json();
	json_array_set_new(json_object_get(signed_part(r), "files"), 0,
	    json_string("snapshot.db.z"));
	refused(r, "signed.files[0]: expected an object, found a string");

	r = sample_json();
	json_object_set_new(file0(r), "size", json_string("12345"));
	refused(r, "signed.files[0].size: expected an integer, found a string");

	r = sample_json();
	json_object_set_new(file0(r), "sha256", json_null());
	refused(r, "signed.files[0].sha256: expected a string, found null");

	r = sample_json();
	json_object_set_new(file0(r), "name", json_true());
	refused(r, "signed.files[0].name: expected a string, found true or "
	    "false");
}

static void
test_missing_fields(void **state)
{
	static const char *const top[] = { "type", "format", "version",
	    "schema", "created", "files" };
	static const char *const file[] = { "name", "role", "size", "sha256",
	    "compression", "uncompressed_size" };
	char want[64];
	json_t *r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof top / sizeof top[0]; i++) {
		r = sample_json();
		json_object_del(signed_part(r), top[i]);
		snprintf(want, sizeof want, "signed.%s: missing", top[i]);
		refused(r, want);
	}
	for (i = 0; i < sizeof file / sizeof file[0]; i++) {
		r = sample_json();
		json_object_del(file0(r), file[i]);
		snprintf(want, sizeof want, "signed.files[0].%s: missing",
		    file[i]);
		refused(r, want);
	}
	r = sample_json();
	json_object_del(r, "signatures");
	refused(r, "signatures: missing");
	r = sample_json();
	json_object_del(r, "signed");
	refused(r, "signed: missing");
}

static void
test_ranges(void **state)
{
	json_t *r;

	(void)state;
	r = sample_json();
	json_object_set_new(file0(r), "size", json_integer(-5));
	refused(r, "signed.files[0].size: -5 is out of range");

	r = sample_json();
	json_object_set_new(file0(r), "uncompressed_size", json_integer(-1));
	refused(r, "signed.files[0].uncompressed_size: -1 is out of range");

	r = sample_json();
	json_object_set_new(signed_part(r), "version", json_integer(0));
	refused(r, "signed.version: 0 is out of range");

	/* 2^63 - 1 would make every later version a rollback (issue 17). */
	r = sample_json();
	json_object_set_new(signed_part(r), "version",
	    json_integer(INT64_MAX));
	refused(r, "is above the highest version Leerpunt accepts");
	r = sample_json();
	json_object_set_new(signed_part(r), "version",
	    json_integer(CATALOG_MANIFEST_MAX_VERSION + 1));
	refused(r, "the publisher's catalogue version is wrong");

	r = sample_json();
	json_object_set_new(signed_part(r), "schema", json_integer(-3));
	refused(r, "signed.schema: -3 is out of range");

	refused_text("{\"signatures\": [], \"signed\": {\"version\": "
	    "99999999999999999999999}}", "not valid JSON");
}

static void
test_bad_hex(void **state)
{
	static const char *const bad[] = {
		"00112233",
		"00112233445566778899AABBCCDDEEFF0123456789ABCDEFFEDCBA9876543210",
		"00112233445566778899aabbccddeeff0123456789abcdeffedcba987654321g",
		"00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210ff",
		"",
	};
	json_t *r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = sample_json();
		json_object_set_new(file0(r), "sha256", json_string(bad[i]));
		refused(r, "signed.files[0].sha256: expected 64 lowercase "
		    "hexadecimal digits");
	}
}

static void
test_bad_names(void **state)
{
	static const char *const bad[] = {
		"../manifest.json", "/etc/passwd", "a/b", ".hidden", "",
		"name with space", "x?y=1", "snap\nshot",
	};
	json_t *r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = sample_json();
		json_object_set_new(file0(r), "name", json_string(bad[i]));
		refused(r, "signed.files[0].name: not a plain file name");
	}
	assert_true(catalog_manifest_name_ok("snapshot-00ff.db.z"));
	assert_true(catalog_manifest_name_ok("a_b-c.d"));
}

static void
test_semantics(void **state)
{
	json_t *r, *files;

	(void)state;
	r = sample_json();
	json_object_set_new(signed_part(r), "format", json_integer(2));
	refused(r, "repository format 2 is newer than this program "
	    "understands (1): update Leerpunt");

	r = sample_json();
	json_object_set_new(signed_part(r), "type", json_string("tuf-root"));
	refused(r, "not a Leerpunt repository manifest");

	r = sample_json();
	json_object_set_new(signed_part(r), "created", json_string("yesterday"));
	refused(r, "signed.created: not an RFC 3339 time");

	r = sample_json();
	json_object_set_new(signed_part(r), "expires",
	    json_string("2024-02-30T00:00:00Z"));
	refused(r, "signed.expires: not an RFC 3339 time");

	r = sample_json();
	json_object_set_new(file0(r), "role", json_string("mirror"));
	refused(r, "signed.files: no file with role \"snapshot\"");

	r = sample_json();
	files = json_object_get(signed_part(r), "files");
	json_array_append(files, file0(r));
	refused(r, "signed.files[1].name: \"snapshot-0011.db.z\" is listed "
	    "twice");

	/* Two snapshots under different names (issue 17). */
	r = sample_json();
	files = json_object_get(signed_part(r), "files");
	json_array_append_new(files, json_deep_copy(file0(r)));
	json_object_set_new(json_array_get(files, 1), "name",
	    json_string("snapshot-0012.db.z"));
	refused(r, "signed.files[1]: a second file with role \"snapshot\"");
}

/* Unknown keys and roles are for later releases: they are kept aside. */
static void
test_forward_compatible(void **state)
{
	struct catalog_manifest *m;
	json_t *r, *delta;
	char *text, *cause = NULL;

	(void)state;
	r = sample_json();
	json_object_set_new(signed_part(r), "publisher_note", json_string("abc"));
	json_object_set_new(file0(r), "mirror", json_string("x"));
	delta = json_deep_copy(file0(r));
	json_object_set_new(delta, "name", json_string("delta-41-42.z"));
	json_object_set_new(delta, "role", json_string("delta"));
	json_object_set_new(delta, "from", json_integer(41));
	json_array_insert_new(json_object_get(signed_part(r), "files"), 0,
	    delta);
	json_array_append_new(json_object_get(r, "signatures"),
	    json_pack("{s:s, s:s, s:s}", "keyid", "0123456789abcdef", "sig",
	    "0000000000000000000000000000000000000000000000000000000000000000"
	    "0000000000000000000000000000000000000000000000000000000000000000",
	    "scheme", "future"));
	text = json_dumps(r, 0);
	m = catalog_manifest_parse(text, strlen(text), "t", &cause);
	assert_null(cause);
	assert_non_null(m);
	assert_int_equal(m->nfiles, 2);
	assert_string_equal(catalog_manifest_snapshot(m)->name,
	    "snapshot-0011.db.z");
	catalog_manifest_free(m);
	free(text);
	json_decref(r);
}

static void
test_size_cap(void **state)
{
	size_t len = CATALOG_MANIFEST_MAX_SIZE + 1;
	char *big = malloc(len), *cause = NULL;

	(void)state;
	assert_non_null(big);
	memset(big, ' ', len);
	assert_null(catalog_manifest_parse(big, len, "t", &cause));
	assert_non_null(strstr(cause, "larger than 1048576 bytes"));
	free(cause);
	free(big);
}

static void
test_times(void **state)
{
	char buf[CATALOG_MANIFEST_TIME_MAX];
	time_t t;

	(void)state;
	assert_int_equal(catalog_manifest_time_parse("2024-05-01T10:00:00Z",
	    &t), 0);
	assert_int_equal(t, 1714557600);
	assert_int_equal(catalog_manifest_time_parse(
	    "2024-05-01T12:00:00.250+02:00", &t), 0);
	assert_int_equal(t, 1714557600);
	assert_int_equal(catalog_manifest_time_parse("2024-05-01t05:30:00-04:30",
	    &t), 0);
	assert_int_equal(t, 1714557600);
	assert_int_equal(catalog_manifest_time_parse("2024-02-29T00:00:00Z",
	    &t), 0);
	catalog_manifest_time_format(1714557600, buf);
	assert_string_equal(buf, "2024-05-01T10:00:00Z");

	assert_int_equal(catalog_manifest_time_parse("2023-02-29T00:00:00Z",
	    &t), -1);
	assert_int_equal(catalog_manifest_time_parse("2024-05-01T10:00:00",
	    &t), -1);
	assert_int_equal(catalog_manifest_time_parse("2024-05-01 10:00:00Z",
	    &t), -1);
	assert_int_equal(catalog_manifest_time_parse("2024-05-01T24:00:00Z",
	    &t), -1);
	assert_int_equal(catalog_manifest_time_parse("2024-5-1T10:00:00Z",
	    &t), -1);
	assert_int_equal(catalog_manifest_time_parse("2024-05-01T10:00:00Zjunk",
	    &t), -1);
	assert_int_equal(catalog_manifest_time_parse("2024-05-01T10:00:00.Z",
	    &t), -1);
}


/* A fresh Ed25519 pair. */
struct keypair {
	unsigned char	 pk[32];
	unsigned char	 sk[64];
};

static void
keypair(struct keypair *k)
{
	assert_true(sodium_init() >= 0);
	crypto_sign_keypair(k->pk, k->sk);
}

/* sample() with deltas and a digest, signed by the given pairs. */
static char *
signed_text(const struct keypair *keys, size_t n)
{
	struct catalog_manifest *m = sample();
	struct catalog_manifest_signer signers[4];
	struct catalog_manifest_file *f;
	char *text;
	size_t i;

	m->has_content = 1;
	memcpy(m->content_sha256, digest_a, 32);
	f = catalog_manifest_add_file(m, "delta-01.cs.z", "delta", 200,
	    digest_a, "zlib", 900);
	f->from = 41;
	f = catalog_manifest_add_file(m, "delta-02.cs.z", "delta", 300,
	    digest_a, "zlib", 1200);
	f->from = 39;
	for (i = 0; i < n; i++) {
		memcpy(signers[i].pk, keys[i].pk, 32);
		signers[i].sk = keys[i].sk;
	}
	if (n > 0)
		catalog_manifest_keyid(keys[0].pk, m->keyid);
	text = catalog_manifest_write_signed(m, signers, n);
	catalog_manifest_free(m);
	return text;
}

static struct catalog_manifest *
parse_ok(const char *text)
{
	struct catalog_manifest *m;
	char *cause = NULL;

	m = catalog_manifest_parse(text, strlen(text), "t", &cause);
	if (m == NULL)
		fail_msg("parse: %s", cause);
	return m;
}

/* Verify m against keys; the message must contain want (NULL: good). */
static void
verify(const struct catalog_manifest *m, const struct keypair *keys,
    size_t n, const char *want, size_t want_signer)
{
	unsigned char pks[4][32];
	size_t i, signer = 99;
	char *cause = NULL;
	int rc;

	for (i = 0; i < n; i++)
		memcpy(pks[i], keys[i].pk, 32);
	rc = catalog_manifest_verify(m, (const unsigned char (*)[32])pks, n,
	    "repo/manifest.json", &signer, &cause);
	if (want == NULL) {
		if (rc != 0)
			fail_msg("verify: %s", cause);
		assert_int_equal(signer, want_signer);
		return;
	}
	if (rc == 0 || cause == NULL || strstr(cause, want) == NULL)
		fail_msg("wanted \"%s\", got %s", want, rc == 0 ? "(verified)" :
		    cause);
	free(cause);
}

static void
test_signed_round_trip(void **state)
{
	struct keypair a;
	struct catalog_manifest *m;
	const struct catalog_manifest_file *d;
	char *text, id[CATALOG_MANIFEST_KEYID_SIZE];

	(void)state;
	keypair(&a);
	text = signed_text(&a, 1);
	m = parse_ok(text);
	assert_int_equal(m->nsignatures, 1);
	catalog_manifest_keyid(a.pk, id);
	assert_string_equal(m->signatures[0].keyid, id);
	assert_string_equal(m->keyid, id);
	assert_true(m->has_content);
	assert_memory_equal(m->content_sha256, digest_a, 32);
	d = catalog_manifest_delta(m, 41);
	assert_non_null(d);
	assert_string_equal(d->name, "delta-01.cs.z");
	assert_int_equal(d->size, 200);
	assert_non_null(catalog_manifest_delta(m, 39));
	assert_null(catalog_manifest_delta(m, 40));
	assert_string_equal(catalog_manifest_snapshot(m)->name,
	    "snapshot-0011.db.z");
	verify(m, &a, 1, NULL, 0);
	catalog_manifest_free(m);
	free(text);
}

static void
test_signature_refusals(void **state)
{
	struct keypair k[2];
	struct catalog_manifest *m;
	json_t *root;
	char *text, *changed;

	(void)state;
	keypair(&k[0]);
	keypair(&k[1]);

	/* Another key: not trusted. */
	text = signed_text(&k[0], 1);
	m = parse_ok(text);
	verify(m, &k[1], 1, "not by a key this kiosk trusts", 0);
	catalog_manifest_free(m);

	/* Any change after signing, however small. */
	root = json_loads(text, 0, NULL);
	json_object_set_new(json_object_get(root, "signed"), "version",
	    json_integer(43));
	changed = json_dumps(root, 0);
	m = parse_ok(changed);
	verify(m, &k[0], 1, "signature by key", 0);
	verify(m, &k[0], 1, "is not valid", 0);
	catalog_manifest_free(m);
	free(changed);

	/* A changed manifest with a zeroed signature: not valid. */
	json_object_set_new(json_object_get(root, "signed"), "version",
	    json_integer(42));
	json_object_set_new(json_array_get(json_object_get(root,
	    "signatures"), 0), "sig", json_string(
	    "00000000000000000000000000000000000000000000000000000000000000"
	    "000000000000000000000000000000000000000000000000000000000000000"
	    "000"));
	changed = json_dumps(root, 0);
	m = parse_ok(changed);
	verify(m, &k[0], 1, "is not valid", 0);
	catalog_manifest_free(m);
	free(changed);
	json_decref(root);
	free(text);

	/* Unsigned. */
	text = signed_text(NULL, 0);
	m = parse_ok(text);
	verify(m, k, 2, "the manifest is not signed", 0);
	catalog_manifest_free(m);
	free(text);
}

static void
test_two_signers(void **state)
{
	struct keypair k[3];
	struct catalog_manifest *m;
	char *text;

	(void)state;
	keypair(&k[0]);
	keypair(&k[1]);
	keypair(&k[2]);
	/* Signed by old and new key during a rotation. */
	text = signed_text(k, 2);
	m = parse_ok(text);
	assert_int_equal(m->nsignatures, 2);
	verify(m, &k[1], 1, NULL, 0);
	verify(m, k, 2, NULL, 0);
	verify(m, &k[2], 1, "not by a key this kiosk trusts", 0);
	catalog_manifest_free(m);

	/*
	 * The rule (docs/repository-format.md): at least one valid signature
	 * by a trusted key, and no invalid signature by a trusted key. So a
	 * bad signature by one trusted key spoils a good one by another,
	 * whichever comes first; a bad one by a key not trusted is ignored.
	 */
	for (size_t bad = 0; bad < 2; bad++) {
		json_t *root = json_loads(text, 0, NULL), *sig;
		char *changed, hex[129];

		assert_non_null(root);
		sig = json_array_get(json_object_get(root, "signatures"), bad);
		memset(hex, '0', 128);
		hex[128] = '\0';
		json_object_set_new(sig, "sig", json_string(hex));
		changed = json_dumps(root, 0);
		m = parse_ok(changed);
		assert_int_equal(m->nsignatures, 2);
		verify(m, k, 2, "is not valid", 0);	/* both trusted */
		verify(m, &k[1 - bad], 1, NULL, 0);	/* only the good one */
		verify(m, &k[bad], 1, "is not valid", 0);
		catalog_manifest_free(m);
		free(changed);
		json_decref(root);
	}
	free(text);
}

static void
test_next_keys(void **state)
{
	struct keypair a, b;
	struct catalog_manifest *m = sample(), *r;
	char *text;
	json_t *root;

	(void)state;
	keypair(&a);
	keypair(&b);
	catalog_manifest_add_next_key(m, b.pk);
	catalog_manifest_add_next_key(m, b.pk);		/* once only */
	text = catalog_manifest_write(m);
	r = parse_ok(text);
	assert_int_equal(r->nnext_keys, 1);
	assert_memory_equal(r->next_keys[0], b.pk, 32);
	catalog_manifest_free(r);
	catalog_manifest_free(m);

	root = json_loads(text, 0, NULL);
	json_array_set_new(json_object_get(json_object_get(root, "signed"),
	    "next_keys"), 0, json_string("not base64 at all!"));
	refused(root, "signed.next_keys[0]: expected an Ed25519 public key");
	root = json_loads(text, 0, NULL);
	json_array_set_new(json_object_get(json_object_get(root, "signed"),
	    "next_keys"), 0, json_string("AAAA"));
	refused(root, "signed.next_keys[0]: expected an Ed25519 public key");
	free(text);
}

static void
test_bad_signed_parts(void **state)
{
	struct keypair a;
	char *text;
	json_t *root, *sig0;

	(void)state;
	keypair(&a);
	text = signed_text(&a, 1);

	root = json_loads(text, 0, NULL);
	sig0 = json_array_get(json_object_get(root, "signatures"), 0);
	json_object_set_new(sig0, "sig", json_string("abc"));
	refused(root, "signatures[0].sig: expected 128 lowercase hexadecimal");
	root = json_loads(text, 0, NULL);
	sig0 = json_array_get(json_object_get(root, "signatures"), 0);
	json_object_set_new(sig0, "keyid", json_string("XYZ"));
	refused(root, "signatures[0].keyid: expected 16 lowercase");
	root = json_loads(text, 0, NULL);
	json_array_append_new(json_object_get(root, "signatures"),
	    json_string("x"));
	refused(root, "signatures[1]: expected an object, found a string");
	root = json_loads(text, 0, NULL);
	json_object_set_new(json_object_get(root, "signed"), "content_sha256",
	    json_string("00"));
	refused(root, "signed.content_sha256: expected 64 lowercase");
	root = json_loads(text, 0, NULL);
	json_object_set_new(json_object_get(root, "signed"), "keyid",
	    json_integer(5));
	refused(root, "signed.keyid: expected a string, found an integer");

	/* Deltas: "from" required, below the version, once per version. */
	root = json_loads(text, 0, NULL);
	json_object_del(json_array_get(json_object_get(json_object_get(root,
	    "signed"), "files"), 1), "from");
	refused(root, "signed.files[1].from: missing");
	root = json_loads(text, 0, NULL);
	json_object_set_new(json_array_get(json_object_get(json_object_get(
	    root, "signed"), "files"), 1), "from", json_integer(42));
	refused(root, "a delta from version 42 cannot lead to version 42");
	root = json_loads(text, 0, NULL);
	json_object_set_new(json_array_get(json_object_get(json_object_get(
	    root, "signed"), "files"), 2), "from", json_integer(41));
	refused(root, "two deltas from version 41");
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_no_expiry),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_not_json_object),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_missing_fields),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_bad_hex),
		cmocka_unit_test(test_bad_names),
		cmocka_unit_test(test_semantics),
		cmocka_unit_test(test_forward_compatible),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_signed_round_trip),
		cmocka_unit_test(test_signature_refusals),
		cmocka_unit_test(test_two_signers),
		cmocka_unit_test(test_next_keys),
		cmocka_unit_test(test_bad_signed_parts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
