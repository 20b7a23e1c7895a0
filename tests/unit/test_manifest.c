/*
 * test_manifest: the repository manifest (catalog/manifest.c).
 *
 * A manifest written by publish must read back identically; everything a
 * hostile or broken repository could send instead (truncated JSON, wrong
 * types, missing fields, negative sizes, bad hex, unsafe names, a newer
 * format) must be refused with a message naming the bad value's path.
 * Malformed cases start from a valid manifest and change one thing.
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
	json_object_set_new(file0(r), "role", json_string("delta"));
	refused(r, "signed.files: no file with role \"snapshot\"");

	r = sample_json();
	files = json_object_get(signed_part(r), "files");
	json_array_append(files, file0(r));
	refused(r, "signed.files[1].name: \"snapshot-0011.db.z\" is listed "
	    "twice");
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
	json_object_set_new(signed_part(r), "keyid", json_string("abc"));
	json_object_set_new(file0(r), "mirror", json_string("x"));
	delta = json_deep_copy(file0(r));
	json_object_set_new(delta, "name", json_string("delta-41-42.z"));
	json_object_set_new(delta, "role", json_string("delta"));
	json_object_set_new(delta, "from", json_integer(41));
	json_array_insert_new(json_object_get(signed_part(r), "files"), 0,
	    delta);
	json_array_append_new(json_object_get(r, "signatures"),
	    json_pack("{s:s, s:s}", "keyid", "abc", "sig", "00"));
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
