/*
 * manifest: the repository manifest (manifest.json), read and written.
 *
 * A repository is a directory of content-addressed files plus one
 * manifest that names them by size and SHA-256 (docs/repository-format.md).
 * The manifest is a JSON object {"signed": {...}, "signatures": [...]}:
 * everything a client relies on is inside "signed", so a later release
 * can sign its canonical bytes (Ed25519) without changing the layout.
 *
 * Parsing is strict about what this release needs (types, ranges, hex,
 * safe file names) and tolerant of what it does not know: unknown keys and
 * files with an unknown role are kept out of the way, not refused, so a
 * repository can add deltas without breaking older kiosks. The format
 * number changes only for changes older readers must not misread.
 */
#ifndef CATALOG_MANIFEST_H
#define CATALOG_MANIFEST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/*
 * The highest catalogue version a manifest may carry (2^53 - 1, exact in
 * every JSON reader): a version near 2^63 would make every later one a
 * rollback, so it is refused with the reason.
 */
#define CATALOG_MANIFEST_MAX_VERSION ((int64_t)9007199254740991)

#define CATALOG_MANIFEST_FORMAT 1	/* the format this build writes */
#define CATALOG_MANIFEST_NAME "manifest.json"
#define CATALOG_MANIFEST_MAX_SIZE (1024 * 1024)	/* bytes, for readers */
#define CATALOG_MANIFEST_MAX_FILES 1000
#define CATALOG_MANIFEST_ROLE_SNAPSHOT "snapshot"
#define CATALOG_MANIFEST_ROLE_DELTA "delta"
#define CATALOG_MANIFEST_MAX_KEYS 16	/* next_keys, signatures */
#define CATALOG_MANIFEST_KEYID_SIZE 17	/* 16 hex digits and a NUL */
#define CATALOG_MANIFEST_ZLIB "zlib"
#define CATALOG_MANIFEST_TIME_MAX 32	/* buffer for an RFC 3339 time */

struct catalog_manifest_file {
	char		*name;		/* [A-Za-z0-9][A-Za-z0-9._-]* */
	char		*role;		/* "snapshot"; unknown roles are kept */
	int64_t		 size;		/* bytes as stored */
	unsigned char	 sha256[32];	/* of the bytes as stored */
	char		*compression;	/* "zlib" */
	int64_t		 uncompressed_size;
	int64_t		 from;		/* delta: from this version; else 0 */
};

/* One entry of "signatures": who signed, and the Ed25519 signature. */
struct catalog_manifest_signature {
	char		 keyid[CATALOG_MANIFEST_KEYID_SIZE];
	unsigned char	 sig[64];
};

/* A key that signs a manifest as it is written. */
struct catalog_manifest_signer {
	unsigned char	 pk[32];
	const unsigned char *sk;	/* 64 bytes, libsodium's layout */
};

struct catalog_manifest {
	int		 format;
	int64_t		 version;	/* catalogue version, >= 1 */
	int		 schema;	/* catalogue schema version */
	time_t		 created;
	time_t		 expires;	/* 0 when the manifest does not expire */
	struct catalog_manifest_file *files;
	size_t		 nfiles;
	int		 has_content;	/* content_sha256 is given */
	unsigned char	 content_sha256[32];	/* catalog_snapshot_digest */
	char		 keyid[CATALOG_MANIFEST_KEYID_SIZE];	/* "" if none */
	unsigned char	 (*next_keys)[32];	/* keys announced for later */
	size_t		 nnext_keys;

	/* Filled by the parser: */
	struct catalog_manifest_signature *signatures;
	size_t		 nsignatures;
	char		*canonical;	/* canonical bytes of "signed" */
	size_t		 canonical_len;
};

struct catalog_manifest *catalog_manifest_new(void);
void catalog_manifest_free(struct catalog_manifest *m);

/* Append a file; the strings are copied. Returns the new file. */
struct catalog_manifest_file *catalog_manifest_add_file(
    struct catalog_manifest *m, const char *name, const char *role,
    int64_t size, const unsigned char sha256[32], const char *compression,
    int64_t uncompressed_size);

/*
 * Parse a manifest of len bytes; where names it in messages (a path or
 * URL). NULL and *cause ("where: signed.files[0].sha256: ...") when it is
 * not a manifest this program can use.
 */
struct catalog_manifest *catalog_manifest_parse(const char *buf, size_t len,
    const char *where, char **cause);

/* The manifest as JSON text ending in a newline (a new string). */
char *catalog_manifest_write(const struct catalog_manifest *m);
/*
 * The same, with one signature per signer over the canonical bytes of
 * "signed": json_dumps(signed, JSON_COMPACT | JSON_SORT_KEYS |
 * JSON_ENSURE_ASCII).
 */
char *catalog_manifest_write_signed(const struct catalog_manifest *m,
    const struct catalog_manifest_signer *signers, size_t nsigners);

/* Announce key (32 bytes) in "next_keys"; ignored when already there. */
void catalog_manifest_add_next_key(struct catalog_manifest *m,
    const unsigned char key[32]);

/* The key id of an Ed25519 public key: 16 hex digits of its SHA-256. */
void catalog_manifest_keyid(const unsigned char pk[32],
    char out[CATALOG_MANIFEST_KEYID_SIZE]);

/*
 * Check a parsed manifest's signatures against the trusted keys: 0 when
 * at least one trusted key made a valid signature and no signature by a
 * trusted key is invalid; *signer (when not NULL) is the index of the
 * first trusted key that signed. -1 and *cause (naming where) otherwise:
 * unsigned, signed by no trusted key, or a bad signature.
 */
int catalog_manifest_verify(const struct catalog_manifest *m,
    const unsigned char (*keys)[32], size_t nkeys, const char *where,
    size_t *signer, char **cause);

/* The delta from version `from`, or NULL. */
const struct catalog_manifest_file *catalog_manifest_delta(
    const struct catalog_manifest *m, int64_t from);

/* The one file with role "snapshot" (the parser insists there is one). */
const struct catalog_manifest_file *catalog_manifest_snapshot(
    const struct catalog_manifest *m);
/* The file called name, or NULL. */
const struct catalog_manifest_file *catalog_manifest_find(
    const struct catalog_manifest *m, const char *name);

/* Lowercase hex of a SHA-256 into out[65]. */
void catalog_manifest_hex(const unsigned char sha256[32], char out[65]);
/* 1 when name is safe as a file name and URL path segment. */
int catalog_manifest_name_ok(const char *name);

/* t as "2024-05-01T10:00:00Z" into out[CATALOG_MANIFEST_TIME_MAX]. */
void catalog_manifest_time_format(time_t t, char *out);
/* Parse RFC 3339 ("Z" or "+hh:mm", optional fraction); -1 when invalid. */
int catalog_manifest_time_parse(const char *s, time_t *t);

#endif
