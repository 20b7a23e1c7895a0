/*
 * enrfile: building and opening .enr files (see enrfile.h).
 *
 * Opening checks in the order that gives the clearest reason: size and
 * magic, header fields, declared length against the real one (truncated
 * or padded), known kiosk, signature, then the seal. Plaintext only ever
 * sits in sodium_malloc'd memory, wiped on free.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "catalog/enrfile.h"
#include "catalog/keys.h"
#include "catalog/xmalloc.h"

#define ENR_ID_OFF 8
#define ENR_ID_LEN (CATALOG_KEYS_ID_SIZE - 1)
#define ENR_RECEIPT_OFF (ENR_ID_OFF + ENR_ID_LEN)
#define ENR_LEN_OFF (ENR_RECEIPT_OFF + CATALOG_ENRFILE_RECEIPT_LEN)

static const char *
enr_magic(enum catalog_enrfile_kind kind)
{
	return kind == CATALOG_ENRFILE_STATS ? CATALOG_ENRFILE_STATS_MAGIC :
	    CATALOG_ENRFILE_MAGIC;
}

static size_t
enr_max(enum catalog_enrfile_kind kind)
{
	return kind == CATALOG_ENRFILE_STATS ? CATALOG_ENRFILE_STATS_MAX :
	    CATALOG_ENRFILE_MAX;
}

int
catalog_enrfile_kind(const unsigned char *buf, size_t len)
{
	if (len >= 8 && memcmp(buf, CATALOG_ENRFILE_MAGIC, 8) == 0)
		return CATALOG_ENRFILE_ENROLMENT;
	if (len >= 8 && memcmp(buf, CATALOG_ENRFILE_STATS_MAGIC, 8) == 0)
		return CATALOG_ENRFILE_STATS;
	return -1;
}

unsigned char *
catalog_enrfile_build(const struct catalog_keys *kiosk, const char *receipt,
    const unsigned char *office_pk, const unsigned char *plain, size_t len,
    size_t *outlen, char **cause)
{
	return catalog_enrfile_build_kind(CATALOG_ENRFILE_ENROLMENT, kiosk,
	    receipt, office_pk, plain, len, outlen, cause);
}

unsigned char *
catalog_enrfile_build_kind(enum catalog_enrfile_kind kind,
    const struct catalog_keys *kiosk, const char *receipt,
    const unsigned char *office_pk, const unsigned char *plain, size_t len,
    size_t *outlen, char **cause)
{
	size_t sealed = len + crypto_box_SEALBYTES, total;
	unsigned char *buf;

	total = CATALOG_ENRFILE_HEADER + sealed + crypto_sign_BYTES;
	if (total > enr_max(kind)) {
		*cause = xstrdup(kind == CATALOG_ENRFILE_STATS ?
		    "the statistics are too large" :
		    "the enrolment is too large");
		return NULL;
	}
	if (strlen(kiosk->id) != ENR_ID_LEN ||
	    strlen(receipt) != CATALOG_ENRFILE_RECEIPT_LEN) {
		*cause = xstrdup("bad kiosk id or receipt");
		return NULL;
	}
	buf = xmalloc(total);
	memcpy(buf, enr_magic(kind), 8);
	memcpy(buf + ENR_ID_OFF, kiosk->id, ENR_ID_LEN);
	memcpy(buf + ENR_RECEIPT_OFF, receipt, CATALOG_ENRFILE_RECEIPT_LEN);
	buf[ENR_LEN_OFF] = (unsigned char)(sealed >> 24);
	buf[ENR_LEN_OFF + 1] = (unsigned char)(sealed >> 16);
	buf[ENR_LEN_OFF + 2] = (unsigned char)(sealed >> 8);
	buf[ENR_LEN_OFF + 3] = (unsigned char)sealed;
	if (crypto_box_seal(buf + CATALOG_ENRFILE_HEADER, plain, len,
	    office_pk) != 0) {
		free(buf);
		*cause = xstrdup("cannot seal the enrolment (bad office key)");
		return NULL;
	}
	crypto_sign_detached(buf + CATALOG_ENRFILE_HEADER + sealed, NULL, buf,
	    CATALOG_ENRFILE_HEADER + sealed, kiosk->sk);
	*outlen = total;
	return buf;
}

/* 1 when the n bytes are all in the given set of characters. */
static int
enr_chars(const unsigned char *p, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] == '\0' || strchr(set, p[i]) == NULL)
			return 0;
	return 1;
}

int
catalog_enrfile_peek(const unsigned char *buf, size_t len, char *id,
    char *receipt, char **cause)
{
	const unsigned char *tag = buf + ENR_RECEIPT_OFF;
	int kind = catalog_enrfile_kind(buf, len), tag_ok;

	if (kind < 0) {
		*cause = xstrdup("not a Leerpunt enrolment file (bad magic)");
		return -1;
	}
	if (len < CATALOG_ENRFILE_HEADER) {
		*cause = xstrdup("truncated: the header is incomplete");
		return -1;
	}
	if (kind == CATALOG_ENRFILE_STATS)	/* "S2026-W48" */
		tag_ok = tag[0] == 'S' && enr_chars(tag + 1, 4, "0123456789") &&
		    tag[5] == '-' && tag[6] == 'W' &&
		    enr_chars(tag + 7, 2, "0123456789");
	else
		tag_ok = enr_chars(tag, CATALOG_ENRFILE_RECEIPT_LEN,
		    "23456789ABCDEFGHJKMNPQRSTVWXYZ-");
	if (memcmp(buf + ENR_ID_OFF, "kiosk-", 6) != 0 ||
	    !enr_chars(buf + ENR_ID_OFF + 6, ENR_ID_LEN - 6,
	    "0123456789abcdef") || !tag_ok) {
		*cause = xstrdup("damaged header (kiosk id or receipt)");
		return -1;
	}
	memcpy(id, buf + ENR_ID_OFF, ENR_ID_LEN);
	id[ENR_ID_LEN] = '\0';
	memcpy(receipt, buf + ENR_RECEIPT_OFF, CATALOG_ENRFILE_RECEIPT_LEN);
	receipt[CATALOG_ENRFILE_RECEIPT_LEN] = '\0';
	return 0;
}

char *
catalog_enrfile_open(const unsigned char *buf, size_t len,
    struct catalog_keys *const *kiosks, size_t nkiosks,
    const struct catalog_keys *office, char *id, char *receipt,
    size_t *plainlen, char **cause)
{
	return catalog_enrfile_open_kind(CATALOG_ENRFILE_ENROLMENT, buf, len,
	    kiosks, nkiosks, office, id, receipt, plainlen, cause);
}

char *
catalog_enrfile_open_kind(enum catalog_enrfile_kind kind,
    const unsigned char *buf, size_t len,
    struct catalog_keys *const *kiosks, size_t nkiosks,
    const struct catalog_keys *office, char *id, char *receipt,
    size_t *plainlen, char **cause)
{
	const struct catalog_keys *signer = NULL;
	uint32_t sealed;
	size_t i, plain_n;
	char *plain;

	if (len > enr_max(kind)) {
		*cause = xasprintf("too large (%zu bytes; at most %zu)", len,
		    enr_max(kind));
		return NULL;
	}
	if (catalog_enrfile_peek(buf, len, id, receipt, cause) != 0)
		return NULL;
	if (catalog_enrfile_kind(buf, len) != (int)kind) {
		*cause = xstrdup(kind == CATALOG_ENRFILE_STATS ?
		    "an enrolment file, not statistics" :
		    "a statistics file, not an enrolment");
		return NULL;
	}
	sealed = (uint32_t)buf[ENR_LEN_OFF] << 24 |
	    (uint32_t)buf[ENR_LEN_OFF + 1] << 16 |
	    (uint32_t)buf[ENR_LEN_OFF + 2] << 8 | buf[ENR_LEN_OFF + 3];
	if (sealed < crypto_box_SEALBYTES + 2 || sealed > enr_max(kind)) {
		*cause = xasprintf("damaged header (payload length %u)",
		    (unsigned)sealed);
		return NULL;
	}
	if (len < CATALOG_ENRFILE_HEADER + (size_t)sealed + crypto_sign_BYTES) {
		*cause = xasprintf("truncated: %zu bytes, the header promises "
		    "%zu", len, CATALOG_ENRFILE_HEADER + (size_t)sealed +
		    crypto_sign_BYTES);
		return NULL;
	}
	if (len > CATALOG_ENRFILE_HEADER + (size_t)sealed + crypto_sign_BYTES) {
		*cause = xasprintf("%zu bytes of unexpected data after the "
		    "signature", len - (CATALOG_ENRFILE_HEADER + (size_t)sealed +
		    crypto_sign_BYTES));
		return NULL;
	}
	for (i = 0; i < nkiosks; i++)
		if (strcmp(kiosks[i]->id, id) == 0)
			signer = kiosks[i];
	if (signer == NULL) {
		*cause = xasprintf("unknown kiosk %s (its public key is not in "
		    "the list of known kiosks)", id);
		return NULL;
	}
	if (crypto_sign_verify_detached(buf + CATALOG_ENRFILE_HEADER + sealed,
	    buf, CATALOG_ENRFILE_HEADER + sealed, signer->pk) != 0) {
		*cause = xasprintf("bad signature: not made by kiosk %s, or "
		    "changed after it was signed", id);
		return NULL;
	}
	plain_n = sealed - crypto_box_SEALBYTES;
	if ((plain = sodium_malloc(plain_n + 1)) == NULL) {
		*cause = xstrdup("out of memory");
		return NULL;
	}
	if (crypto_box_seal_open((unsigned char *)plain,
	    buf + CATALOG_ENRFILE_HEADER, sealed, office->pk, office->sk) != 0) {
		sodium_free(plain);
		*cause = xstrdup("cannot be opened with this office key (sealed "
		    "for another office)");
		return NULL;
	}
	plain[plain_n] = '\0';
	if (memchr(plain, '\0', plain_n) != NULL) {
		sodium_free(plain);
		*cause = xstrdup("the payload is not text");
		return NULL;
	}
	*plainlen = plain_n;
	return plain;
}

void
catalog_enrfile_plain_free(char *plain)
{
	if (plain != NULL)
		sodium_free(plain);
}

static int
enrfile_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
enrfile_walk(const char *dir, const char *suffix, const char *skip,
    char ***paths, size_t *n, char **cause)
{
	size_t		 len, slen = strlen(suffix);
	struct dirent	*de;
	struct stat	 sb;
	char		*path;
	DIR		*d;
	int		 rc = 0;

	if ((d = opendir(dir)) == NULL) {
		*cause = xasprintf("%s: cannot read folder: %s", dir,
		    strerror(errno));
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		len = strlen(de->d_name);
		if (lstat(path, &sb) != 0)
			free(path);
		else if (S_ISDIR(sb.st_mode)) {
			if (skip == NULL || strcmp(path, skip) != 0)
				rc = enrfile_walk(path, suffix, skip, paths, n,
				    cause);
			free(path);
		} else if (S_ISREG(sb.st_mode) && len > slen &&
		    strcmp(de->d_name + len - slen, suffix) == 0) {
			*paths = xreallocarray(*paths, *n + 1, sizeof **paths);
			(*paths)[(*n)++] = path;
		} else
			free(path);
	}
	closedir(d);
	return rc;
}

int
catalog_enrfile_find(const char *dir, const char *suffix, const char *skip,
    char ***paths, size_t *n, char **cause)
{
	*paths = NULL;
	*n = 0;
	if (enrfile_walk(dir, suffix, skip, paths, n, cause) != 0)
		return -1;
	if (*n > 1)
		qsort(*paths, *n, sizeof **paths, enrfile_strcmp);
	return 0;
}

unsigned char *
catalog_enrfile_slurp(const char *path, size_t max, size_t *len,
    char **cause)
{
	unsigned char *buf = xmalloc(max + 1);
	size_t total = 0;
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		*cause = xasprintf("cannot open: %s", strerror(errno));
		free(buf);
		return NULL;
	}
	while (total <= max && (r = read(fd, buf + total, max + 1 - total)) !=
	    0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*cause = xasprintf("cannot read: %s", strerror(errno));
			close(fd);
			free(buf);
			return NULL;
		}
		total += (size_t)r;
	}
	close(fd);
	if (total > max) {
		*cause = xasprintf("too large (more than %zu bytes)", max);
		free(buf);
		return NULL;
	}
	*len = total;
	return buf;
}
