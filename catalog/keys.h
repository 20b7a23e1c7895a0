/*
 * keys: Leerpunt's key files, the part that signing catalogues needs.
 *
 * STAND-IN: the enrol branch owns catalog/keys.{c,h} (keygen, office and
 * kiosk keys, the state database). Until it is on main, this file declares
 * the same names and reads the same one-line format (docs/keys.md on that
 * branch): "leerpunt-KIND-public v1 BASE64" / "leerpunt-KIND-secret v1
 * BASE64", strictly, secret files refused when others may read them. When
 * merging, take the enrol branch's keys.{c,h}: every declaration here is
 * also there, with the same meaning.
 *
 * Key material lives in sodium_malloc'd memory (locked, guarded, wiped on
 * free).
 */
#ifndef CATALOG_KEYS_H
#define CATALOG_KEYS_H

#include <stddef.h>

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

/* Read a public key file of this kind; NULL and *cause when bad. */
struct catalog_keys *catalog_keys_read_public(const char *path,
    enum catalog_keys_kind kind, char **cause);
/* Read a secret key file of this kind (and derive its public key). */
struct catalog_keys *catalog_keys_read_secret(const char *path,
    enum catalog_keys_kind kind, char **cause);

#endif
