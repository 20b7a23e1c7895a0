/*
 * keys: Leerpunt's key pairs and their one-line key files.
 *
 * Three kinds: the office's X25519 pair (enrolments are sealed to its
 * public key), a kiosk's Ed25519 pair (it signs the enrolments it makes)
 * and the repository's Ed25519 pair (it signs published catalogues). A key
 * file is one line of text, "leerpunt-KIND-public v1 BASE64" or
 * "leerpunt-KIND-secret v1 BASE64" (docs/keys.md), read strictly: any
 * deviation is refused with the file and what is wrong. Secret files are
 * written 0600 and refused when others may read them.
 *
 * Key material lives in sodium_malloc'd memory (locked, guarded, wiped on
 * free). A kiosk's own pair is kept in the state database and made on first
 * use; its id is "kiosk-" and 8 hex digits of the public key's SHA-256.
 */
#ifndef CATALOG_KEYS_H
#define CATALOG_KEYS_H

#include <stddef.h>

struct catalog_state;

enum catalog_keys_kind {
	CATALOG_KEYS_OFFICE,	/* X25519, crypto_box_seal */
	CATALOG_KEYS_KIOSK,	/* Ed25519, signs enrolments */
	CATALOG_KEYS_REPO	/* Ed25519, signs catalogues */
};

#define CATALOG_KEYS_PUBLIC_SIZE 32
#define CATALOG_KEYS_SECRET_MAX 64
#define CATALOG_KEYS_ID_SIZE 15		/* "kiosk-" + 8 hex + NUL */

struct catalog_keys {
	enum catalog_keys_kind kind;
	int		 has_secret;
	unsigned char	 pk[CATALOG_KEYS_PUBLIC_SIZE];
	unsigned char	 sk[CATALOG_KEYS_SECRET_MAX];
	char		 id[CATALOG_KEYS_ID_SIZE];	/* kiosk keys only */
};

/* "office", "kiosk", "repo"; parse returns -1 for an unknown name. */
const char *catalog_keys_kind_name(enum catalog_keys_kind kind);
int catalog_keys_kind_parse(const char *name);
/* Length of the secret key of this kind (32 or 64). */
size_t catalog_keys_secret_size(enum catalog_keys_kind kind);

/* Empty keys in locked memory; free wipes them. */
struct catalog_keys *catalog_keys_new(enum catalog_keys_kind kind);
void catalog_keys_free(struct catalog_keys *k);
/* A new random pair. */
struct catalog_keys *catalog_keys_generate(enum catalog_keys_kind kind);

/* The kiosk id of an Ed25519 public key, into id. */
void catalog_keys_kiosk_id(const unsigned char *pk, char *id);

/*
 * Write prefix.pub and prefix.secret (0600); refuses to overwrite either.
 * -1 and *cause on failure (nothing is left half-written).
 */
int catalog_keys_write(const struct catalog_keys *k, const char *prefix,
    char **cause);

/* Read a public key file of this kind; NULL and *cause when bad. */
struct catalog_keys *catalog_keys_read_public(const char *path,
    enum catalog_keys_kind kind, char **cause);
/* Read a secret key file of this kind (and derive its public key). */
struct catalog_keys *catalog_keys_read_secret(const char *path,
    enum catalog_keys_kind kind, char **cause);

/*
 * Read a file of known kiosk public keys: one "leerpunt-kiosk-public v1"
 * line per kiosk, blank lines and "#" comments allowed. Fills *list (free
 * with catalog_keys_list_free). -1 and *cause (path:line) when bad.
 */
int catalog_keys_read_kiosks(const char *path, struct catalog_keys ***list,
    size_t *n, char **cause);
void catalog_keys_list_free(struct catalog_keys **list, size_t n);

/* This kiosk's own pair from the state database, made on first use. */
struct catalog_keys *catalog_keys_kiosk(struct catalog_state *state,
    char **cause);

#endif
