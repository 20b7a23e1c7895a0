/*
 * keys: reading key files (see keys.h; a stand-in for the enrol branch's
 * module, same names and format).
 *
 * Strict on purpose: a file that is not exactly one "leerpunt-KIND-VIS v1
 * BASE64" line of the wanted kind and visibility, with the right length
 * (and, for a secret Ed25519 key, halves that match), is refused with the
 * file and the fault. Text copies of secret keys are wiped after use.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "catalog/keys.h"
#include "catalog/xmalloc.h"

#define KEYS_FILE_MAX 1024	/* a key line is under 200 bytes */

static const char *const keys_kind_names[] = { "office", "kiosk", "repo" };

const char *
catalog_keys_kind_name(enum catalog_keys_kind kind)
{
	return keys_kind_names[kind];
}

int
catalog_keys_kind_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof keys_kind_names / sizeof keys_kind_names[0];
	    i++)
		if (strcmp(name, keys_kind_names[i]) == 0)
			return (int)i;
	return -1;
}

size_t
catalog_keys_secret_size(enum catalog_keys_kind kind)
{
	return kind == CATALOG_KEYS_OFFICE ? crypto_box_SECRETKEYBYTES :
	    crypto_sign_SECRETKEYBYTES;
}

struct catalog_keys *
catalog_keys_new(enum catalog_keys_kind kind)
{
	struct catalog_keys *k;

	if (sodium_init() < 0) {
		fprintf(stderr, "leerpunt: libsodium cannot start\n");
		abort();
	}
	if ((k = sodium_malloc(sizeof *k)) == NULL) {
		fprintf(stderr, "leerpunt: out of memory for keys\n");
		abort();
	}
	sodium_memzero(k, sizeof *k);
	k->kind = kind;
	return k;
}

void
catalog_keys_free(struct catalog_keys *k)
{
	if (k != NULL)
		sodium_free(k);		/* wipes */
}

/* The whole small file into buf (size bytes, NUL-terminated); -1. */
static ssize_t
keys_read_file(const char *path, char *buf, size_t size, int secret,
    char **cause)
{
	struct stat sb;
	ssize_t n, total = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*cause = xasprintf("%s: cannot open: %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		goto fail;
	}
	if (secret && (sb.st_mode & 077) != 0) {
		*cause = xasprintf("%s: secret key file may be read by others "
		    "(mode %03o); make it private with chmod 600", path,
		    (unsigned)(sb.st_mode & 0777));
		goto fail;
	}
	for (;;) {
		n = read(fd, buf + total, size - 1 - (size_t)total);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause = xasprintf("%s: cannot read: %s", path,
			    strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		total += n;
		if ((size_t)total == size - 1) {
			*cause = xasprintf("%s: too large to be a key file",
			    path);
			goto fail;
		}
	}
	close(fd);
	buf[total] = '\0';
	if (memchr(buf, '\0', (size_t)total) != NULL) {
		*cause = xasprintf("%s: not a text file", path);
		return -1;
	}
	return total;

fail:
	close(fd);
	return -1;
}

/* Parse the one line in buf into out (len bytes). */
static int
keys_parse(char *buf, enum catalog_keys_kind kind, int secret,
    unsigned char *out, size_t len, const char *path, char **cause)
{
	const char *vis = secret ? "secret" : "public", *end;
	char head[64], *nl, *b64;
	size_t got;

	if ((nl = strchr(buf, '\n')) == NULL || nl[1] != '\0') {
		*cause = xasprintf("%s: a key file is exactly one line ending "
		    "in a newline", path);
		return -1;
	}
	*nl = '\0';
	snprintf(head, sizeof head, "leerpunt-%s-%s v1 ",
	    keys_kind_names[kind], vis);
	if (strncmp(buf, head, strlen(head)) != 0) {
		if (strncmp(buf, "leerpunt-", 9) == 0)
			*cause = xasprintf("%s: not a %s %s key (the line should "
			    "start with \"%s\")", path, keys_kind_names[kind],
			    vis, head);
		else
			*cause = xasprintf("%s: not a Leerpunt key file (it "
			    "should start with \"%s\")", path, head);
		return -1;
	}
	b64 = buf + strlen(head);
	if (sodium_base642bin(out, len, b64, strlen(b64), NULL, &got, &end,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || *end != '\0' ||
	    got != len) {
		*cause = xasprintf("%s: the key is not valid base64 or has the "
		    "wrong length (need %zu bytes)", path, len);
		return -1;
	}
	return 0;
}

/* Read a file holding exactly one key line. */
static struct catalog_keys *
keys_read_one(const char *path, enum catalog_keys_kind kind, int secret,
    char **cause)
{
	struct catalog_keys *k = catalog_keys_new(kind);
	char buf[KEYS_FILE_MAX + 1];
	unsigned char seed[crypto_sign_SEEDBYTES];
	unsigned char pk2[crypto_sign_PUBLICKEYBYTES], *sk2 = NULL;

	if (keys_read_file(path, buf, sizeof buf, secret, cause) < 0)
		goto fail;
	if (!secret) {
		if (keys_parse(buf, kind, 0, k->pk, sizeof k->pk, path,
		    cause) != 0)
			goto fail;
	} else {
		if (keys_parse(buf, kind, 1, k->sk,
		    catalog_keys_secret_size(kind), path, cause) != 0)
			goto fail;
		k->has_secret = 1;
		if (kind == CATALOG_KEYS_OFFICE)
			crypto_scalarmult_base(k->pk, k->sk);
		else {
			crypto_sign_ed25519_sk_to_pk(k->pk, k->sk);
			crypto_sign_ed25519_sk_to_seed(seed, k->sk);
			if ((sk2 = sodium_malloc(crypto_sign_SECRETKEYBYTES)) ==
			    NULL)
				abort();
			crypto_sign_seed_keypair(pk2, sk2, seed);
			if (sodium_memcmp(pk2, k->pk, sizeof pk2) != 0) {
				*cause = xasprintf("%s: the secret key is "
				    "damaged (its two halves do not match)",
				    path);
				goto fail;
			}
		}
	}
	sodium_free(sk2);
	sodium_memzero(buf, sizeof buf);
	sodium_memzero(seed, sizeof seed);
	return k;

fail:
	sodium_free(sk2);
	sodium_memzero(buf, sizeof buf);
	sodium_memzero(seed, sizeof seed);
	catalog_keys_free(k);
	return NULL;
}

struct catalog_keys *
catalog_keys_read_public(const char *path, enum catalog_keys_kind kind,
    char **cause)
{
	return keys_read_one(path, kind, 0, cause);
}

struct catalog_keys *
catalog_keys_read_secret(const char *path, enum catalog_keys_kind kind,
    char **cause)
{
	return keys_read_one(path, kind, 1, cause);
}
