/*
 * keys: key pairs and one-line key files (see keys.h, docs/keys.md).
 *
 * Parsing is strict on purpose: a key file that is not exactly what keygen
 * wrote (other kind, public for secret, another version, a stray byte,
 * wrong length, secret half not matching) is refused with a message that
 * names the file and the fault, never half-used. Text copies of secret
 * keys are wiped after use.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "catalog/clock.h"
#include "catalog/keys.h"
#include "catalog/stateint.h"
#include "catalog/xmalloc.h"

#define KEYS_FILE_MAX 1024	/* a key line is under 200 bytes */
#define KEYS_B64_MAX 128	/* base64 of 64 bytes is 88 characters */

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

void
catalog_keys_kiosk_id(const unsigned char *pk, char *id)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[9];

	crypto_hash_sha256(h, pk, CATALOG_KEYS_PUBLIC_SIZE);
	sodium_bin2hex(hex, sizeof hex, h, 4);
	snprintf(id, CATALOG_KEYS_ID_SIZE, "kiosk-%s", hex);
}

/* Fill in what follows from the public key (the kiosk id). */
static void
keys_finish(struct catalog_keys *k)
{
	if (k->kind == CATALOG_KEYS_KIOSK)
		catalog_keys_kiosk_id(k->pk, k->id);
}

struct catalog_keys *
catalog_keys_generate(enum catalog_keys_kind kind)
{
	struct catalog_keys *k = catalog_keys_new(kind);

	if (kind == CATALOG_KEYS_OFFICE)
		crypto_box_keypair(k->pk, k->sk);
	else
		crypto_sign_keypair(k->pk, k->sk);
	k->has_secret = 1;
	keys_finish(k);
	return k;
}

/* Format one key line into line (size bytes); wiped by the caller. */
static void
keys_format(char *line, size_t size, enum catalog_keys_kind kind,
    int secret, const unsigned char *key, size_t len)
{
	char b64[KEYS_B64_MAX];

	sodium_bin2base64(b64, sizeof b64, key, len,
	    sodium_base64_VARIANT_ORIGINAL);
	snprintf(line, size, "leerpunt-%s-%s v1 %s\n", keys_kind_names[kind],
	    secret ? "secret" : "public", b64);
	sodium_memzero(b64, sizeof b64);
}

/* Create path exclusively with mode and write text; -1 and *cause. */
static int
keys_write_file(const char *path, mode_t mode, const char *text,
    char **cause)
{
	size_t len = strlen(text), off = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    mode);
	if (fd == -1) {
		if (errno == EEXIST)
			*cause = xasprintf("%s: already exists; not "
			    "overwriting a key (remove it first or choose "
			    "another --out)", path);
		else
			*cause = xasprintf("%s: cannot create: %s", path,
			    strerror(errno));
		return -1;
	}
	if (fchmod(fd, mode) != 0)	/* whatever the umask */
		goto fail;
	while (off < len) {
		if ((n = write(fd, text + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	return 0;

fail:
	*cause = xasprintf("%s: cannot write: %s", path, strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(path);
	return -1;
}

int
catalog_keys_write(const struct catalog_keys *k, const char *prefix,
    char **cause)
{
	char *pub = xasprintf("%s.pub", prefix);
	char *sec = xasprintf("%s.secret", prefix);
	char line[256];
	int rc = -1;

	if (!k->has_secret) {
		*cause = xasprintf("%s: no secret key to write", prefix);
		goto out;
	}
	keys_format(line, sizeof line, k->kind, 0, k->pk, sizeof k->pk);
	if (keys_write_file(pub, 0644, line, cause) != 0)
		goto out;
	keys_format(line, sizeof line, k->kind, 1, k->sk,
	    catalog_keys_secret_size(k->kind));
	if (keys_write_file(sec, 0600, line, cause) != 0) {
		unlink(pub);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(line, sizeof line);
	free(pub);
	free(sec);
	return rc;
}

/*
 * Parse one key line (without its newline) of the wanted kind and
 * visibility into out (exactly len bytes). where names the place in
 * messages ("office.pub" or "kiosks.txt:3").
 */
static int
keys_parse_line(const char *line, enum catalog_keys_kind kind, int secret,
    unsigned char *out, size_t len, const char *where, char **cause)
{
	const char *want_vis = secret ? "secret" : "public", *sp, *b64, *end;
	char head[64], b64copy[KEYS_B64_MAX + 1];
	size_t hlen, got = 0;
	int k, rc = -1;

	if ((sp = strchr(line, ' ')) == NULL || (hlen = (size_t)(sp -
	    line)) >= sizeof head || strncmp(line, "leerpunt-", 9) != 0) {
		*cause = xasprintf("%s: not a Leerpunt key file (it should "
		    "start with \"leerpunt-%s-%s v1 \")", where,
		    keys_kind_names[kind], want_vis);
		return -1;
	}
	memcpy(head, line, hlen);
	head[hlen] = '\0';
	{
		char *dash = strrchr(head + 9, '-');

		if (dash == NULL || (strcmp(dash + 1, "public") != 0 &&
		    strcmp(dash + 1, "secret") != 0)) {
			*cause = xasprintf("%s: unknown key type \"%s\"", where,
			    head);
			return -1;
		}
		*dash = '\0';
		k = catalog_keys_kind_parse(head + 9);
		if (k < 0) {
			*cause = xasprintf("%s: unknown key kind \"%s\"", where,
			    head + 9);
			return -1;
		}
		if (k != (int)kind || strcmp(dash + 1, want_vis) != 0) {
			/* "an office", "a kiosk", "a repo" */
			*cause = xasprintf("%s: this is %s %s %s key, but %s %s "
			    "%s key is needed here", where,
			    head[9] == 'o' ? "an" : "a", head + 9, dash + 1,
			    keys_kind_names[kind][0] == 'o' ? "an" : "a",
			    keys_kind_names[kind], want_vis);
			return -1;
		}
	}
	if (strncmp(sp, " v1 ", 4) != 0) {
		*cause = xasprintf("%s: unsupported key file version (only "
		    "\"v1\" is known)", where);
		return -1;
	}
	b64 = sp + 4;
	if (strlen(b64) > KEYS_B64_MAX) {
		*cause = xasprintf("%s: the key is too long", where);
		return -1;
	}
	snprintf(b64copy, sizeof b64copy, "%s", b64);
	if (sodium_base642bin(out, len, b64copy, strlen(b64copy), NULL, &got,
	    &end, sodium_base64_VARIANT_ORIGINAL) != 0 || *end != '\0') {
		*cause = xasprintf("%s: the key is not valid base64 or has the "
		    "wrong length (need %zu bytes)", where, len);
		goto out;
	}
	if (got != len) {
		*cause = xasprintf("%s: the key has %zu bytes, need %zu", where,
		    got, len);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(b64copy, sizeof b64copy);
	return rc;
}

/*
 * Read the whole (small) file into buf (KEYS_FILE_MAX + 1 bytes); with
 * secret, refuse a file others may read. Returns the length or -1.
 */
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

/* Read a file holding exactly one key line. */
static struct catalog_keys *
keys_read_one(const char *path, enum catalog_keys_kind kind, int secret,
    char **cause)
{
	struct catalog_keys *k = catalog_keys_new(kind);
	char buf[KEYS_FILE_MAX + 1];
	unsigned char check[CATALOG_KEYS_PUBLIC_SIZE];
	ssize_t len;
	char *nl;

	if ((len = keys_read_file(path, buf, sizeof buf, secret, cause)) < 0)
		goto fail;
	if (len == 0) {
		*cause = xasprintf("%s: the file is empty", path);
		goto fail;
	}
	if ((nl = strchr(buf, '\n')) == NULL || nl[1] != '\0') {
		*cause = xasprintf("%s: a key file is exactly one line ending "
		    "in a newline", path);
		goto fail;
	}
	*nl = '\0';
	if (nl > buf && nl[-1] == '\r') {
		*cause = xasprintf("%s: the line ends in a carriage return "
		    "(save it with Unix line ends)", path);
		goto fail;
	}
	if (!secret) {
		if (keys_parse_line(buf, kind, 0, k->pk, sizeof k->pk, path,
		    cause) != 0)
			goto fail;
	} else {
		if (keys_parse_line(buf, kind, 1, k->sk,
		    catalog_keys_secret_size(kind), path, cause) != 0)
			goto fail;
		k->has_secret = 1;
		if (kind == CATALOG_KEYS_OFFICE)
			crypto_scalarmult_base(k->pk, k->sk);
		else {
			crypto_sign_ed25519_sk_to_pk(k->pk, k->sk);
			/* The second half must be the seed's public key. */
			crypto_sign_ed25519_sk_to_seed(check, k->sk);
			{
				unsigned char pk2[crypto_sign_PUBLICKEYBYTES];
				unsigned char *sk2 =
				    sodium_malloc(crypto_sign_SECRETKEYBYTES);

				if (sk2 == NULL)
					abort();
				crypto_sign_seed_keypair(pk2, sk2, check);
				sodium_free(sk2);
				if (sodium_memcmp(pk2, k->pk, sizeof pk2) != 0) {
					*cause = xasprintf("%s: the secret key "
					    "is damaged (its two halves do not "
					    "match)", path);
					goto fail;
				}
			}
		}
	}
	keys_finish(k);
	sodium_memzero(buf, sizeof buf);
	sodium_memzero(check, sizeof check);
	return k;

fail:
	sodium_memzero(buf, sizeof buf);
	sodium_memzero(check, sizeof check);
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

void
catalog_keys_list_free(struct catalog_keys **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		catalog_keys_free(list[i]);
	free(list);
}

int
catalog_keys_read_kiosks(const char *path, struct catalog_keys ***list,
    size_t *n, char **cause)
{
	struct catalog_keys **l = NULL, *k;
	char *line = NULL, *where;
	size_t cap = 0, count = 0, lineno = 0, i;
	ssize_t len;
	FILE *f;

	*list = NULL;
	*n = 0;
	if ((f = fopen(path, "re")) == NULL) {
		*cause = xasprintf("%s: cannot open: %s", path,
		    strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &cap, f)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		where = xasprintf("%s:%zu", path, lineno);
		if (len > KEYS_FILE_MAX) {
			*cause = xasprintf("%s: line too long", where);
			free(where);
			goto fail;
		}
		k = catalog_keys_new(CATALOG_KEYS_KIOSK);
		if (keys_parse_line(line, CATALOG_KEYS_KIOSK, 0, k->pk,
		    sizeof k->pk, where, cause) != 0) {
			catalog_keys_free(k);
			free(where);
			goto fail;
		}
		free(where);
		keys_finish(k);
		for (i = 0; i < count; i++) {
			if (strcmp(l[i]->id, k->id) == 0 &&
			    sodium_memcmp(l[i]->pk, k->pk, sizeof k->pk) != 0) {
				*cause = xasprintf("%s:%zu: two different keys "
				    "share the kiosk id %s", path, lineno,
				    k->id);
				catalog_keys_free(k);
				goto fail;
			}
		}
		l = xreallocarray(l, count + 1, sizeof *l);
		l[count++] = k;
	}
	if (ferror(f)) {
		*cause = xasprintf("%s: cannot read: %s", path,
		    strerror(errno));
		goto fail;
	}
	if (count == 0) {
		*cause = xasprintf("%s: no kiosk keys in the file", path);
		goto fail;
	}
	fclose(f);
	free(line);
	*list = l;
	*n = count;
	return 0;

fail:
	fclose(f);
	free(line);
	catalog_keys_list_free(l, count);
	return -1;
}

struct catalog_keys *
catalog_keys_kiosk(struct catalog_state *state, char **cause)
{
	struct catalog_keys *k = catalog_keys_new(CATALOG_KEYS_KIOSK);
	sqlite3_stmt *st;
	int rc;

	st = catalog_state_prepare(state, "SELECT public_key, secret_key"
	    " FROM kiosk_identity WHERE id = 1");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (sqlite3_column_bytes(st, 0) != (int)sizeof k->pk ||
		    sqlite3_column_bytes(st, 1) != crypto_sign_SECRETKEYBYTES) {
			sqlite3_finalize(st);
			*cause = xasprintf("%s: the kiosk key is damaged",
			    catalog_state_path(state));
			goto fail;
		}
		memcpy(k->pk, sqlite3_column_blob(st, 0), sizeof k->pk);
		memcpy(k->sk, sqlite3_column_blob(st, 1),
		    crypto_sign_SECRETKEYBYTES);
		sqlite3_finalize(st);
		k->has_secret = 1;
		keys_finish(k);
		return k;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot read the kiosk key");
		goto fail;
	}
	crypto_sign_keypair(k->pk, k->sk);
	k->has_secret = 1;
	keys_finish(k);
	/* INSERT OR IGNORE, then read back: two first uses agree on one. */
	st = catalog_state_prepare(state, "INSERT OR IGNORE INTO"
	    " kiosk_identity(id, kiosk_id, public_key, secret_key, created)"
	    " VALUES (1, ?, ?, ?, ?)");
	sqlite3_bind_text(st, 1, k->id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, k->pk, sizeof k->pk, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, k->sk, crypto_sign_SECRETKEYBYTES,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)catalog_clock_now());
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot store the kiosk key");
		goto fail;
	}
	catalog_keys_free(k);
	return catalog_keys_kiosk(state, cause);

fail:
	catalog_keys_free(k);
	return NULL;
}
