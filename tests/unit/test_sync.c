/*
 * test_sync: the sync agent's building blocks without a server.
 *
 * verify.c: a file must match its size and SHA-256; inflating stops at the
 * announced size (a decompression bomb is refused having written no more
 * than that), and truncated, damaged, padded or short streams are refused.
 * repo.c: repository locations become the right base URLs. fetch.c: a
 * file:// body longer than the cap is cut off and reported as too large;
 * a partial file is completed with only the missing bytes.
 */
#include "config.h"

#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <sodium.h>
#include <zlib.h>

#include "sync/fetch.h"
#include "sync/repo.h"
#include "sync/verify.h"

static char tmpdir[] = "/tmp/leerpunt-test-sync.XXXXXX";

static char *
tmp_path(const char *name)
{
	static char buf[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%s/%s", tmpdir, name);
	return buf[i];
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static off_t
file_size(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return -1;
	return sb.st_size;
}

/* zlib-compress len bytes of data into path; returns compressed size. */
static size_t
write_zlib(const char *path, const void *data, size_t len)
{
	uLongf zlen = compressBound(len);
	unsigned char *z = malloc(zlen);

	assert_non_null(z);
	assert_int_equal(compress2(z, &zlen, data, len, 9), Z_OK);
	write_file(path, z, zlen);
	free(z);
	return zlen;
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(tmpdir) == NULL || sodium_init() < 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	char cmd[512];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
test_verify_file(void **state)
{
	static const char data[] = "a catalogue snapshot";
	unsigned char sha[32];
	char *cause = NULL;
	const char *p = tmp_path("v");

	(void)state;
	write_file(p, data, sizeof data - 1);
	crypto_hash_sha256(sha, (const unsigned char *)data, sizeof data - 1);
	assert_int_equal(sync_verify_file(p, "v", sizeof data - 1, sha,
	    &cause), SYNC_VERIFY_OK);

	assert_int_equal(sync_verify_file(p, "v", sizeof data, sha, &cause),
	    SYNC_VERIFY_BAD);
	assert_non_null(strstr(cause, "20 bytes, but the manifest says 21"));
	free(cause);
	cause = NULL;

	sha[5] ^= 1;
	assert_int_equal(sync_verify_file(p, "v", sizeof data - 1, sha,
	    &cause), SYNC_VERIFY_BAD);
	assert_non_null(strstr(cause, "v: SHA-256 is "));
	free(cause);
	cause = NULL;

	assert_int_equal(sync_verify_file(tmp_path("missing"), "m", 1, sha,
	    &cause), SYNC_VERIFY_IO);
	free(cause);
}

static void
test_inflate_exact(void **state)
{
	unsigned char data[200000];
	char *cause = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 7 % 251);
	write_zlib(tmp_path("ok.z"), data, sizeof data);
	assert_int_equal(sync_verify_inflate(tmp_path("ok.z"),
	    tmp_path("ok.db"), "ok.z", sizeof data, &cause), SYNC_VERIFY_OK);
	assert_null(cause);
	assert_int_equal(file_size(tmp_path("ok.db")), sizeof data);
}

/* 64 MiB of zeros in ~64 KiB of zlib, announced as 4096 bytes. */
static void
test_inflate_bomb(void **state)
{
	size_t big = 64u << 20;
	unsigned char *zeros = calloc(1, big);
	char *cause = NULL;
	size_t zlen;

	(void)state;
	assert_non_null(zeros);
	zlen = write_zlib(tmp_path("bomb.z"), zeros, big);
	free(zeros);
	assert_true(zlen < 128 * 1024);
	assert_int_equal(sync_verify_inflate(tmp_path("bomb.z"),
	    tmp_path("bomb.db"), "bomb.z", 4096, &cause), SYNC_VERIFY_BAD);
	assert_non_null(strstr(cause, "inflates to more than the 4096 bytes"));
	assert_true(file_size(tmp_path("bomb.db")) <= 4096);
	free(cause);
}

static void
test_inflate_bad_streams(void **state)
{
	unsigned char data[50000], z[60000];
	uLongf zlen = sizeof z;
	char *cause = NULL;

	(void)state;
	memset(data, 'x', sizeof data);
	data[100] = 'y';
	assert_int_equal(compress2(z, &zlen, data, sizeof data, 9), Z_OK);

	/* Shorter than announced. */
	write_file(tmp_path("s.z"), z, zlen);
	assert_int_equal(sync_verify_inflate(tmp_path("s.z"), tmp_path("s.db"),
	    "s.z", sizeof data + 1, &cause), SYNC_VERIFY_BAD);
	assert_non_null(strstr(cause, "inflates to 50000 bytes, but the "
	    "manifest announces 50001"));
	free(cause);
	cause = NULL;

	/* Truncated stream. */
	write_file(tmp_path("t.z"), z, zlen - 3);
	assert_int_equal(sync_verify_inflate(tmp_path("t.z"), tmp_path("t.db"),
	    "t.z", sizeof data, &cause), SYNC_VERIFY_BAD);
	assert_non_null(strstr(cause, "ends too early"));
	free(cause);
	cause = NULL;

	/* Extra bytes after the stream. */
	z[zlen] = '!';
	write_file(tmp_path("e.z"), z, zlen + 1);
	assert_int_equal(sync_verify_inflate(tmp_path("e.z"), tmp_path("e.db"),
	    "e.z", sizeof data, &cause), SYNC_VERIFY_BAD);
	assert_non_null(strstr(cause, "extra bytes"));
	free(cause);
	cause = NULL;

	/* A damaged byte: the Adler-32 or the stream itself fails. */
	z[zlen / 2] ^= 0x55;
	write_file(tmp_path("d.z"), z, zlen);
	assert_int_equal(sync_verify_inflate(tmp_path("d.z"), tmp_path("d.db"),
	    "d.z", sizeof data, &cause), SYNC_VERIFY_BAD);
	assert_non_null(cause);
	free(cause);
	cause = NULL;

	/* Not zlib at all (an SQLite file served uncompressed). */
	write_file(tmp_path("n.z"), "SQLite format 3", 16);
	assert_int_equal(sync_verify_inflate(tmp_path("n.z"), tmp_path("n.db"),
	    "n.z", 16, &cause), SYNC_VERIFY_BAD);
	assert_non_null(strstr(cause, "damaged compressed data"));
	free(cause);
}

static void
test_repo_base(void **state)
{
	char *b, *cause = NULL, *want;

	(void)state;
	b = sync_repo_base("http://example.org/repo", &cause);
	assert_string_equal(b, "http://example.org/repo/");
	free(b);
	b = sync_repo_base("https://example.org/repo/manifest.json", &cause);
	assert_string_equal(b, "https://example.org/repo/");
	free(b);
	b = sync_repo_base("HTTP://example.org/", &cause);
	assert_string_equal(b, "HTTP://example.org/");
	free(b);
	b = sync_repo_base("file:///media/usb/leerpunt", &cause);
	assert_string_equal(b, "file:///media/usb/leerpunt/");
	free(b);

	assert_int_equal(mkdir(tmp_path("my repo"), 0755), 0);
	b = sync_repo_base(tmp_path("my repo"), &cause);
	want = malloc(strlen(tmpdir) + 32);
	sprintf(want, "file://%s/my%%20repo/", tmpdir);
	assert_string_equal(b, want);
	free(b);
	write_file(tmp_path("my repo/manifest.json"), "{}", 2);
	b = sync_repo_base(tmp_path("my repo/manifest.json"), &cause);
	assert_string_equal(b, want);
	free(b);
	free(want);

	assert_null(sync_repo_base("ftp://example.org/repo", &cause));
	assert_non_null(strstr(cause, "only http://, https:// and file://"));
	free(cause);
	cause = NULL;
	assert_null(sync_repo_base(tmp_path("nowhere"), &cause));
	assert_non_null(strstr(cause, "No such file"));
	free(cause);
	cause = NULL;
	assert_null(sync_repo_base(tmp_path("v"), &cause));
	assert_non_null(strstr(cause, "not a directory"));
	free(cause);
}

static void
test_fetch_caps(void **state)
{
	struct sync_fetch_options o;
	struct sync_fetch *f;
	char url[512], *buf = NULL, *cause = NULL;
	size_t len;

	(void)state;
	memset(&o, 0, sizeof o);
	o.timeout = 10;
	f = sync_fetch_new(&o, &cause);
	assert_non_null(f);
	write_file(tmp_path("body"), "0123456789", 10);
	snprintf(url, sizeof url, "file://%s", tmp_path("body"));

	assert_int_equal(sync_fetch_buffer(f, url, 10, &buf, &len, &cause),
	    SYNC_FETCH_OK);
	assert_int_equal(len, 10);
	assert_memory_equal(buf, "0123456789", 10);
	free(buf);

	assert_int_equal(sync_fetch_buffer(f, url, 9, &buf, &len, &cause),
	    SYNC_FETCH_TOO_LARGE);
	assert_non_null(strstr(cause, "longer than the 9 bytes expected"));
	free(cause);
	cause = NULL;

	assert_int_equal(sync_fetch_file(f, url, tmp_path("copy"), 4, &cause),
	    SYNC_FETCH_TOO_LARGE);
	assert_true(file_size(tmp_path("copy")) <= 4);
	free(cause);
	cause = NULL;

	assert_int_equal(sync_fetch_file(f, url, tmp_path("copy"), 10, &cause),
	    SYNC_FETCH_OK);
	assert_int_equal(file_size(tmp_path("copy")), 10);

	snprintf(url, sizeof url, "file://%s", tmp_path("absent"));
	assert_int_equal(sync_fetch_buffer(f, url, 10, &buf, &len, &cause),
	    SYNC_FETCH_FAILED);
	assert_non_null(strstr(cause, url));
	free(cause);
	cause = NULL;

	assert_int_equal(sync_fetch_buffer(f, "gopher://127.0.0.1/x", 10, &buf,
	    &len, &cause), SYNC_FETCH_FAILED);
	free(cause);
	sync_fetch_free(f);
}

/* Read path whole into buf (at most size bytes); its length. */
static size_t
read_all(const char *path, char *buf, size_t size)
{
	FILE *fp = fopen(path, "rb");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, size, fp);
	fclose(fp);
	return n;
}

static void
test_fetch_resume(void **state)
{
	struct sync_fetch_options o;
	struct sync_fetch *f;
	char url[512], got[32], *cause = NULL;

	(void)state;
	memset(&o, 0, sizeof o);
	o.timeout = 10;
	f = sync_fetch_new(&o, &cause);
	assert_non_null(f);
	write_file(tmp_path("whole"), "0123456789abcdef", 16);
	snprintf(url, sizeof url, "file://%s", tmp_path("whole"));

	/* Six bytes are there: only the other ten are read and appended. */
	write_file(tmp_path("part"), "012345", 6);
	assert_int_equal(sync_fetch_resume(f, url, tmp_path("part"), 16,
	    &cause), SYNC_FETCH_OK);
	assert_int_equal(read_all(tmp_path("part"), got, sizeof got), 16);
	assert_memory_equal(got, "0123456789abcdef", 16);
	assert_int_equal(sync_fetch_received(f), 10);

	/* Complete already: no transfer at all. */
	assert_int_equal(sync_fetch_resume(f, url, tmp_path("part"), 16,
	    &cause), SYNC_FETCH_OK);
	assert_int_equal(sync_fetch_received(f), 10);

	/* Longer than the file should be: not ours, fetched anew. */
	write_file(tmp_path("part"), "XXXXXXXXXXXXXXXXXXXXXXXX", 24);
	assert_int_equal(sync_fetch_resume(f, url, tmp_path("part"), 16,
	    &cause), SYNC_FETCH_OK);
	assert_int_equal(read_all(tmp_path("part"), got, sizeof got), 16);
	assert_memory_equal(got, "0123456789abcdef", 16);

	/* The source is longer than announced: cut off at the size. */
	write_file(tmp_path("part"), "0123", 4);
	assert_int_equal(sync_fetch_resume(f, url, tmp_path("part"), 12,
	    &cause), SYNC_FETCH_TOO_LARGE);
	assert_true(file_size(tmp_path("part")) <= 12);
	free(cause);
	sync_fetch_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fetch_resume),
		cmocka_unit_test(test_verify_file),
		cmocka_unit_test(test_inflate_exact),
		cmocka_unit_test(test_inflate_bomb),
		cmocka_unit_test(test_inflate_bad_streams),
		cmocka_unit_test(test_repo_base),
		cmocka_unit_test(test_fetch_caps),
	};
	int rc;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
