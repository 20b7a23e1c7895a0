/*
 * enrfile: the .enr file, one sealed and signed enrolment.
 *
 * Layout (docs/enrolment-format.md), all in one buffer:
 *   magic "LPENRv1\n" (8) | kiosk id (14, ASCII) | receipt (9, ASCII) |
 *   sealed length (4, big-endian) | sealed payload | Ed25519 signature (64)
 * The payload is the enrolment's JSON sealed to the office's X25519 key
 * (crypto_box_seal: only the office can open it, the kiosk cannot read it
 * back). The signature, by the kiosk's key, covers every byte before it,
 * so neither the payload nor the kiosk id or receipt can be changed or
 * swapped without the office noticing.
 *
 * A weekly statistics file (stats.h) has the same layout with the magic
 * "LPSTAv1\n", and in place of the receipt its week tag "S2026-W48"; it
 * may be larger (CATALOG_ENRFILE_STATS_MAX). Each kind is opened only as
 * that kind, so one can never pass for the other.
 */
#ifndef CATALOG_ENRFILE_H
#define CATALOG_ENRFILE_H

#include <stddef.h>

struct catalog_keys;

#define CATALOG_ENRFILE_MAGIC "LPENRv1\n"
#define CATALOG_ENRFILE_HEADER 35		/* magic, id, receipt, length */
#define CATALOG_ENRFILE_OVERHEAD (CATALOG_ENRFILE_HEADER + 48 + 64)
#define CATALOG_ENRFILE_MAX (64 * 1024)		/* whole file */
#define CATALOG_ENRFILE_RECEIPT_LEN 9		/* "K7QX-M4PA" */
#define CATALOG_ENRFILE_STATS_MAGIC "LPSTAv1\n"
#define CATALOG_ENRFILE_STATS_MAX (256 * 1024)	/* whole stats file */

enum catalog_enrfile_kind {
	CATALOG_ENRFILE_ENROLMENT,	/* .enr, tag = receipt */
	CATALOG_ENRFILE_STATS		/* .stats, tag = "S" + ISO week */
};

/* The kind of file buf holds by its magic; -1 when neither. */
int catalog_enrfile_kind(const unsigned char *buf, size_t len);

/*
 * Seal plain (len bytes) to office_pk and sign it with the kiosk's keys.
 * Returns a new buffer of *outlen bytes (free()), or NULL and *cause.
 */
unsigned char *catalog_enrfile_build(const struct catalog_keys *kiosk,
    const char *receipt, const unsigned char *office_pk,
    const unsigned char *plain, size_t len, size_t *outlen, char **cause);

/* The same for a file of another kind; tag is its receipt or week tag. */
unsigned char *catalog_enrfile_build_kind(enum catalog_enrfile_kind kind,
    const struct catalog_keys *kiosk, const char *tag,
    const unsigned char *office_pk, const unsigned char *plain, size_t len,
    size_t *outlen, char **cause);

/*
 * Read the kiosk id and receipt (a stats file: its week tag) from the
 * header of a file of either kind (not yet verified) into id
 * (CATALOG_KEYS_ID_SIZE) and receipt (10 bytes). -1 and *cause when the
 * header is malformed.
 */
int catalog_enrfile_peek(const unsigned char *buf, size_t len, char *id,
    char *receipt, char **cause);

/*
 * Check the signature against the known kiosk keys and open the payload
 * with the office's secret key. Returns the plaintext in sodium_malloc'd
 * memory (NUL-terminated; free with catalog_enrfile_plain_free), with the
 * kiosk id and receipt; NULL and *cause (plain words) when the file is
 * malformed, truncated, from an unknown kiosk, forged or not for us.
 */
char *catalog_enrfile_open(const unsigned char *buf, size_t len,
    struct catalog_keys *const *kiosks, size_t nkiosks,
    const struct catalog_keys *office, char *id, char *receipt,
    size_t *plainlen, char **cause);
/* The same for a file that must be of the given kind. */
char *catalog_enrfile_open_kind(enum catalog_enrfile_kind kind,
    const unsigned char *buf, size_t len,
    struct catalog_keys *const *kiosks, size_t nkiosks,
    const struct catalog_keys *office, char *id, char *tag,
    size_t *plainlen, char **cause);
void catalog_enrfile_plain_free(char *plain);

/*
 * The regular files under dir (recursively, never into the folder skip,
 * which may be NULL, and never through a link) whose names end in suffix
 * (".enr", ".stats"), sorted, in *paths (*n of them; free each and the
 * array). -1 and *cause when a folder cannot be read. The office reads
 * uploads with it: anyone who can PUT chooses these names.
 */
int catalog_enrfile_find(const char *dir, const char *suffix,
    const char *skip, char ***paths, size_t *n, char **cause);
/*
 * Read path (not through a link) into a new buffer of *len bytes; NULL and
 * *cause ("cannot open: ...", "too large (more than N bytes)") when it
 * cannot be read or holds more than max bytes.
 */
unsigned char *catalog_enrfile_slurp(const char *path, size_t max,
    size_t *len, char **cause);

#endif
