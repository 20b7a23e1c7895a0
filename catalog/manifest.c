/*
 * manifest: the repository manifest, read and written (see manifest.h).
 *
 * jansson does the JSON; this file only maps it to the struct and checks
 * every value on the way in. Messages name the JSON path of the bad value
 * ("signed.files[0].size") so a publisher can find it. Only integers and
 * strings are used, never floating point, so the canonical form of
 * "signed" (compact, sorted keys) is well defined for future signatures.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "catalog/json.h"
#include "catalog/manifest.h"
#include "catalog/xmalloc.h"

#define CATALOG_MANIFEST_TYPE "leerpunt-repository"
#define CATALOG_MANIFEST_NAME_MAX 128

struct catalog_manifest *
catalog_manifest_new(void)
{
	struct catalog_manifest *m = xcalloc(1, sizeof *m);

	m->format = CATALOG_MANIFEST_FORMAT;
	return m;
}

void
catalog_manifest_free(struct catalog_manifest *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nfiles; i++) {
		free(m->files[i].name);
		free(m->files[i].role);
		free(m->files[i].compression);
	}
	free(m->files);
	free(m->next_keys);
	free(m->signatures);
	free(m->canonical);
	free(m);
}

struct catalog_manifest_file *
catalog_manifest_add_file(struct catalog_manifest *m, const char *name,
    const char *role, int64_t size, const unsigned char sha256[32],
    const char *compression, int64_t uncompressed_size)
{
	struct catalog_manifest_file *f;

	m->files = xreallocarray(m->files, m->nfiles + 1, sizeof *m->files);
	f = &m->files[m->nfiles++];
	f->name = xstrdup(name);
	f->role = xstrdup(role);
	f->size = size;
	memcpy(f->sha256, sha256, sizeof f->sha256);
	f->compression = xstrdup(compression);
	f->uncompressed_size = uncompressed_size;
	f->from = 0;
	return f;
}

void
catalog_manifest_add_next_key(struct catalog_manifest *m,
    const unsigned char key[32])
{
	size_t i;

	for (i = 0; i < m->nnext_keys; i++) {
		if (memcmp(m->next_keys[i], key, 32) == 0)
			return;
	}
	m->next_keys = xreallocarray(m->next_keys, m->nnext_keys + 1,
	    sizeof *m->next_keys);
	memcpy(m->next_keys[m->nnext_keys++], key, 32);
}

void
catalog_manifest_keyid(const unsigned char pk[32],
    char out[CATALOG_MANIFEST_KEYID_SIZE])
{
	unsigned char h[32];
	char hex[65];

	crypto_hash_sha256(h, pk, 32);
	catalog_manifest_hex(h, hex);
	memcpy(out, hex, CATALOG_MANIFEST_KEYID_SIZE - 1);
	out[CATALOG_MANIFEST_KEYID_SIZE - 1] = '\0';
}

const struct catalog_manifest_file *
catalog_manifest_delta(const struct catalog_manifest *m, int64_t from)
{
	size_t i;

	for (i = 0; i < m->nfiles; i++) {
		if (strcmp(m->files[i].role, CATALOG_MANIFEST_ROLE_DELTA) == 0 &&
		    m->files[i].from == from)
			return &m->files[i];
	}
	return NULL;
}

void
catalog_manifest_hex(const unsigned char sha256[32], char out[65])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = digits[sha256[i] >> 4];
		out[2 * i + 1] = digits[sha256[i] & 0xf];
	}
	out[64] = '\0';
}

/* Parse exactly 2 * n lowercase hex digits into n bytes; -1 otherwise. */
static int
catalog_manifest_unhex_n(const char *s, unsigned char *out, size_t n)
{
	size_t i;
	int hi, lo;

	if (strlen(s) != 2 * n)
		return -1;
	for (i = 0; i < 2 * n; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return -1;
	}
	for (i = 0; i < n; i++) {
		hi = s[2 * i] <= '9' ? s[2 * i] - '0' : s[2 * i] - 'a' + 10;
		lo = s[2 * i + 1] <= '9' ? s[2 * i + 1] - '0' :
		    s[2 * i + 1] - 'a' + 10;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* Parse exactly 64 lowercase hex digits; -1 otherwise. */
static int
catalog_manifest_unhex(const char *s, unsigned char out[32])
{
	return catalog_manifest_unhex_n(s, out, 32);
}

/* 1 when s is exactly n lowercase hex digits. */
static int
catalog_manifest_is_hex(const char *s, size_t n)
{
	size_t i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	}
	return 1;
}

int
catalog_manifest_name_ok(const char *name)
{
	size_t i, len = strlen(name);

	if (len == 0 || len > CATALOG_MANIFEST_NAME_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			continue;
		if (i > 0 && (c == '.' || c == '_' || c == '-'))
			continue;
		return 0;
	}
	return 1;
}

void
catalog_manifest_time_format(time_t t, char *out)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, CATALOG_MANIFEST_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ",
	    &tm) == 0)
		strcpy(out, "1970-01-01T00:00:00Z");
}

/* Read exactly n digits at *s into *v and advance; -1 when not digits. */
static int
catalog_manifest_digits(const char **s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if ((*s)[i] < '0' || (*s)[i] > '9')
			return -1;
		*v = *v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	return 0;
}

int
catalog_manifest_time_parse(const char *s, time_t *t)
{
	struct tm tm;
	int y, mo, d, h, mi, sec, oh, om, sign;
	time_t v;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (catalog_manifest_digits(&s, 4, &y) != 0 || *s++ != '-' ||
	    catalog_manifest_digits(&s, 2, &mo) != 0 || *s++ != '-' ||
	    catalog_manifest_digits(&s, 2, &d) != 0 ||
	    (*s != 'T' && *s != 't'))
		return -1;
	s++;
	if (catalog_manifest_digits(&s, 2, &h) != 0 || *s++ != ':' ||
	    catalog_manifest_digits(&s, 2, &mi) != 0 || *s++ != ':' ||
	    catalog_manifest_digits(&s, 2, &sec) != 0)
		return -1;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    h > 23 || mi > 59 || sec > 60)
		return -1;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'Z' || *s == 'z') {
		s++;
		oh = om = 0;
		sign = 1;
	} else if (*s == '+' || *s == '-') {
		sign = *s++ == '-' ? -1 : 1;
		if (catalog_manifest_digits(&s, 2, &oh) != 0 || *s++ != ':' ||
		    catalog_manifest_digits(&s, 2, &om) != 0 || oh > 23 ||
		    om > 59)
			return -1;
	} else
		return -1;
	if (*s != '\0')
		return -1;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec == 60 ? 59 : sec;
	v = timegm(&tm);
	if (v == (time_t)-1)
		return -1;
	/* timegm normalises 31 February; a real date survives the trip. */
	if (tm.tm_mday != d || tm.tm_mon != mo - 1)
		return -1;
	*t = v - sign * (oh * 3600 + om * 60);
	return 0;
}

const struct catalog_manifest_file *
catalog_manifest_find(const struct catalog_manifest *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nfiles; i++) {
		if (strcmp(m->files[i].name, name) == 0)
			return &m->files[i];
	}
	return NULL;
}

const struct catalog_manifest_file *
catalog_manifest_snapshot(const struct catalog_manifest *m)
{
	size_t i;

	for (i = 0; i < m->nfiles; i++) {
		if (strcmp(m->files[i].role, CATALOG_MANIFEST_ROLE_SNAPSHOT) == 0)
			return &m->files[i];
	}
	return NULL;
}

/*
 * Look up key in obj and check its type; NULL and *cause (naming
 * path.key) when it is missing or of another type.
 */
static json_t *
catalog_manifest_get(json_t *obj, const char *path, const char *key,
    json_type type, const char *where, char **cause)
{
	json_t *v = json_object_get(obj, key);
	const char *want;

	if (v == NULL) {
		*cause = xasprintf("%s: %s%s%s: missing", where, path,
		    *path != '\0' ? "." : "", key);
		return NULL;
	}
	if (json_typeof(v) != type) {
		switch (type) {
		case JSON_OBJECT:
			want = "an object";
			break;
		case JSON_ARRAY:
			want = "an array";
			break;
		case JSON_STRING:
			want = "a string";
			break;
		default:
			want = "an integer";
			break;
		}
		*cause = xasprintf("%s: %s%s%s: expected %s, found %s", where,
		    path, *path != '\0' ? "." : "", key, want,
		    catalog_json_type_name(v, 1));
		return NULL;
	}
	return v;
}

/* An integer member in [min, max]; -1 and *cause otherwise. */
static int
catalog_manifest_get_int(json_t *obj, const char *path, const char *key,
    int64_t min, int64_t max, int64_t *out, const char *where, char **cause)
{
	json_t *v;
	json_int_t n;

	v = catalog_manifest_get(obj, path, key, JSON_INTEGER, where, cause);
	if (v == NULL)
		return -1;
	n = json_integer_value(v);
	if (n < min || n > max) {
		*cause = xasprintf("%s: %s.%s: %lld is out of range (%lld to "
		    "%lld)", where, path, key, (long long)n, (long long)min,
		    (long long)max);
		return -1;
	}
	*out = n;
	return 0;
}

static int
catalog_manifest_parse_file(struct catalog_manifest *m, json_t *o,
    const char *path, const char *where, char **cause)
{
	json_t *name, *role, *sha, *comp;
	struct catalog_manifest_file *f;
	int64_t size, usize, from = 0;
	unsigned char digest[32];

	if (!json_is_object(o)) {
		*cause = xasprintf("%s: %s: expected an object, found %s",
		    where, path, catalog_json_type_name(o, 1));
		return -1;
	}
	if ((name = catalog_manifest_get(o, path, "name", JSON_STRING, where,
	    cause)) == NULL ||
	    (role = catalog_manifest_get(o, path, "role", JSON_STRING, where,
	    cause)) == NULL ||
	    (sha = catalog_manifest_get(o, path, "sha256", JSON_STRING,
	    where, cause)) == NULL ||
	    (comp = catalog_manifest_get(o, path, "compression", JSON_STRING,
	    where, cause)) == NULL)
		return -1;
	if (catalog_manifest_get_int(o, path, "size", 0, INT64_MAX, &size,
	    where, cause) != 0 ||
	    catalog_manifest_get_int(o, path, "uncompressed_size", 0,
	    INT64_MAX, &usize, where, cause) != 0)
		return -1;
	if (!catalog_manifest_name_ok(json_string_value(name))) {
		*cause = xasprintf("%s: %s.name: not a plain file name (letters, "
		    "digits, '.', '_', '-'; at most %d)", where, path,
		    CATALOG_MANIFEST_NAME_MAX);
		return -1;
	}
	if (catalog_manifest_find(m, json_string_value(name)) != NULL) {
		*cause = xasprintf("%s: %s.name: \"%s\" is listed twice", where,
		    path, json_string_value(name));
		return -1;
	}
	if (catalog_manifest_unhex(json_string_value(sha), digest) != 0) {
		*cause = xasprintf("%s: %s.sha256: expected 64 lowercase "
		    "hexadecimal digits", where, path);
		return -1;
	}
	if (strcmp(json_string_value(role), CATALOG_MANIFEST_ROLE_DELTA) == 0 &&
	    catalog_manifest_get_int(o, path, "from", 1,
	    CATALOG_MANIFEST_MAX_VERSION, &from,
	    where, cause) != 0)
		return -1;
	f = catalog_manifest_add_file(m, json_string_value(name),
	    json_string_value(role), size, digest, json_string_value(comp),
	    usize);
	f->from = from;
	return 0;
}

/*
 * The members beside the files: content_sha256, keyid, next_keys (all
 * optional) and the signatures; and the canonical bytes of "signed".
 */
static int
catalog_manifest_parse_extra(struct catalog_manifest *m, json_t *root,
    json_t *sig, const char *where, char **cause)
{
	json_t *v, *list, *e, *keyid, *sigv;
	unsigned char key[32];
	size_t i, klen;
	char path[64];

	if (json_object_get(sig, "content_sha256") != NULL) {
		if ((v = catalog_manifest_get(sig, "signed", "content_sha256",
		    JSON_STRING, where, cause)) == NULL)
			return -1;
		if (catalog_manifest_unhex(json_string_value(v),
		    m->content_sha256) != 0) {
			*cause = xasprintf("%s: signed.content_sha256: expected "
			    "64 lowercase hexadecimal digits", where);
			return -1;
		}
		m->has_content = 1;
	}
	if (json_object_get(sig, "keyid") != NULL) {
		if ((v = catalog_manifest_get(sig, "signed", "keyid",
		    JSON_STRING, where, cause)) == NULL)
			return -1;
		if (!catalog_manifest_is_hex(json_string_value(v),
		    CATALOG_MANIFEST_KEYID_SIZE - 1)) {
			*cause = xasprintf("%s: signed.keyid: expected %d "
			    "lowercase hexadecimal digits", where,
			    CATALOG_MANIFEST_KEYID_SIZE - 1);
			return -1;
		}
		snprintf(m->keyid, sizeof m->keyid, "%s", json_string_value(v));
	}
	if (json_object_get(sig, "next_keys") != NULL) {
		if ((list = catalog_manifest_get(sig, "signed", "next_keys",
		    JSON_ARRAY, where, cause)) == NULL)
			return -1;
		if (json_array_size(list) > CATALOG_MANIFEST_MAX_KEYS) {
			*cause = xasprintf("%s: signed.next_keys: more than %d "
			    "keys", where, CATALOG_MANIFEST_MAX_KEYS);
			return -1;
		}
		json_array_foreach(list, i, e) {
			if (!json_is_string(e) || sodium_base642bin(key,
			    sizeof key, json_string_value(e),
			    json_string_length(e), NULL, &klen, NULL,
			    sodium_base64_VARIANT_ORIGINAL) != 0 ||
			    klen != sizeof key) {
				*cause = xasprintf("%s: signed.next_keys[%zu]: "
				    "expected an Ed25519 public key in base64",
				    where, i);
				return -1;
			}
			catalog_manifest_add_next_key(m, key);
		}
	}

	list = json_object_get(root, "signatures");
	if (json_array_size(list) > CATALOG_MANIFEST_MAX_KEYS) {
		*cause = xasprintf("%s: signatures: more than %d", where,
		    CATALOG_MANIFEST_MAX_KEYS);
		return -1;
	}
	m->signatures = xcalloc(json_array_size(list) + 1,
	    sizeof *m->signatures);
	json_array_foreach(list, i, e) {
		snprintf(path, sizeof path, "signatures[%zu]", i);
		if (!json_is_object(e)) {
			*cause = xasprintf("%s: %s: expected an object, found "
			    "%s", where, path, catalog_json_type_name(e, 1));
			return -1;
		}
		if ((keyid = catalog_manifest_get(e, path, "keyid",
		    JSON_STRING, where, cause)) == NULL ||
		    (sigv = catalog_manifest_get(e, path, "sig", JSON_STRING,
		    where, cause)) == NULL)
			return -1;
		if (!catalog_manifest_is_hex(json_string_value(keyid),
		    CATALOG_MANIFEST_KEYID_SIZE - 1)) {
			*cause = xasprintf("%s: %s.keyid: expected %d lowercase "
			    "hexadecimal digits", where, path,
			    CATALOG_MANIFEST_KEYID_SIZE - 1);
			return -1;
		}
		if (catalog_manifest_unhex_n(json_string_value(sigv),
		    m->signatures[i].sig, 64) != 0) {
			*cause = xasprintf("%s: %s.sig: expected 128 lowercase "
			    "hexadecimal digits", where, path);
			return -1;
		}
		snprintf(m->signatures[i].keyid, CATALOG_MANIFEST_KEYID_SIZE,
		    "%s", json_string_value(keyid));
		m->nsignatures++;
	}

	m->canonical = json_dumps(sig, JSON_COMPACT | JSON_SORT_KEYS |
	    JSON_ENSURE_ASCII);
	if (m->canonical == NULL) {
		*cause = xasprintf("%s: cannot make the canonical form of "
		    "\"signed\"", where);
		return -1;
	}
	m->canonical_len = strlen(m->canonical);
	return 0;
}

int
catalog_manifest_verify(const struct catalog_manifest *m,
    const unsigned char (*keys)[32], size_t nkeys, const char *where,
    size_t *signer, char **cause)
{
	char keyid[CATALOG_MANIFEST_KEYID_SIZE];
	size_t i, k;
	int good = 0;

	if (m->nsignatures == 0 || m->canonical == NULL) {
		*cause = xasprintf("%s: the manifest is not signed", where);
		return -1;
	}
	for (k = 0; k < nkeys; k++) {
		catalog_manifest_keyid(keys[k], keyid);
		for (i = 0; i < m->nsignatures; i++) {
			if (strcmp(m->signatures[i].keyid, keyid) != 0)
				continue;
			if (crypto_sign_verify_detached(m->signatures[i].sig,
			    (const unsigned char *)m->canonical,
			    m->canonical_len, keys[k]) != 0) {
				*cause = xasprintf("%s: the signature by key %s "
				    "is not valid: the manifest was changed "
				    "after signing", where, keyid);
				return -1;
			}
			if (!good && signer != NULL)
				*signer = k;
			good = 1;
		}
	}
	if (!good) {
		*cause = xasprintf("%s: signed by %s%s, not by a key this kiosk "
		    "trusts", where, m->signatures[0].keyid,
		    m->nsignatures > 1 ? " and others" : "");
		return -1;
	}
	return 0;
}

struct catalog_manifest *
catalog_manifest_parse(const char *buf, size_t len, const char *where,
    char **cause)
{
	struct catalog_manifest *m = NULL;
	json_t *root = NULL, *sig, *files, *type, *created, *expires;
	json_error_t jerr;
	int64_t n;
	size_t i;
	char path[64];

	if (len > CATALOG_MANIFEST_MAX_SIZE) {
		*cause = xasprintf("%s: manifest is larger than %d bytes", where,
		    CATALOG_MANIFEST_MAX_SIZE);
		goto fail;
	}
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		*cause = xasprintf("%s:%d:%d: not valid JSON: %s", where,
		    jerr.line, jerr.column, jerr.text);
		goto fail;
	}
	if (!json_is_object(root)) {
		*cause = xasprintf("%s: expected a JSON object, found %s", where,
		    catalog_json_type_name(root, 1));
		goto fail;
	}
	if (catalog_manifest_get(root, "", "signatures", JSON_ARRAY, where,
	    cause) == NULL ||
	    (sig = catalog_manifest_get(root, "", "signed", JSON_OBJECT,
	    where, cause)) == NULL)
		goto fail;

	if ((type = catalog_manifest_get(sig, "signed", "type", JSON_STRING,
	    where, cause)) == NULL)
		goto fail;
	if (strcmp(json_string_value(type), CATALOG_MANIFEST_TYPE) != 0) {
		*cause = xasprintf("%s: signed.type: expected \"%s\": not a "
		    "Leerpunt repository manifest", where,
		    CATALOG_MANIFEST_TYPE);
		goto fail;
	}
	m = catalog_manifest_new();
	if (catalog_manifest_get_int(sig, "signed", "format", 1, INT32_MAX, &n,
	    where, cause) != 0)
		goto fail;
	if (n > CATALOG_MANIFEST_FORMAT) {
		*cause = xasprintf("%s: repository format %lld is newer than "
		    "this program understands (%d): update Leerpunt", where,
		    (long long)n, CATALOG_MANIFEST_FORMAT);
		goto fail;
	}
	m->format = (int)n;
	if (catalog_manifest_get_int(sig, "signed", "version", 1, INT64_MAX,
	    &m->version, where, cause) != 0)
		goto fail;
	if (m->version > CATALOG_MANIFEST_MAX_VERSION) {
		*cause = xasprintf("%s: signed.version: %lld is above the "
		    "highest version Leerpunt accepts (%lld): after it every "
		    "later version would be refused as a rollback; the "
		    "publisher's catalogue version is wrong", where,
		    (long long)m->version,
		    (long long)CATALOG_MANIFEST_MAX_VERSION);
		goto fail;
	}
	if (catalog_manifest_get_int(sig, "signed", "schema", 1, INT32_MAX, &n,
	    where, cause) != 0)
		goto fail;
	m->schema = (int)n;

	if ((created = catalog_manifest_get(sig, "signed", "created",
	    JSON_STRING, where, cause)) == NULL)
		goto fail;
	if (catalog_manifest_time_parse(json_string_value(created),
	    &m->created) != 0) {
		*cause = xasprintf("%s: signed.created: not an RFC 3339 time "
		    "(like 2024-05-01T10:00:00Z)", where);
		goto fail;
	}
	if (json_object_get(sig, "expires") != NULL) {
		if ((expires = catalog_manifest_get(sig, "signed", "expires",
		    JSON_STRING, where, cause)) == NULL)
			goto fail;
		if (catalog_manifest_time_parse(json_string_value(expires),
		    &m->expires) != 0 || m->expires == 0) {
			*cause = xasprintf("%s: signed.expires: not an RFC 3339 "
			    "time (like 2024-05-01T10:00:00Z)", where);
			goto fail;
		}
	}

	if ((files = catalog_manifest_get(sig, "signed", "files", JSON_ARRAY,
	    where, cause)) == NULL)
		goto fail;
	if (json_array_size(files) > CATALOG_MANIFEST_MAX_FILES) {
		*cause = xasprintf("%s: signed.files: more than %d files", where,
		    CATALOG_MANIFEST_MAX_FILES);
		goto fail;
	}
	for (i = 0; i < json_array_size(files); i++) {
		snprintf(path, sizeof path, "signed.files[%zu]", i);
		if (catalog_manifest_parse_file(m, json_array_get(files, i),
		    path, where, cause) != 0)
			goto fail;
	}
	if (catalog_manifest_snapshot(m) == NULL) {
		*cause = xasprintf("%s: signed.files: no file with role \"%s\"",
		    where, CATALOG_MANIFEST_ROLE_SNAPSHOT);
		goto fail;
	}
	for (i = 0; i < m->nfiles; i++) {
		const struct catalog_manifest_file *f = &m->files[i];

		/* One snapshot: with two, which one is "the" catalogue? */
		if (f != catalog_manifest_snapshot(m) && strcmp(f->role,
		    CATALOG_MANIFEST_ROLE_SNAPSHOT) == 0) {
			*cause = xasprintf("%s: signed.files[%zu]: a second file "
			    "with role \"%s\" (a manifest names one snapshot)",
			    where, i, CATALOG_MANIFEST_ROLE_SNAPSHOT);
			goto fail;
		}
	}
	for (i = 0; i < m->nfiles; i++) {
		const struct catalog_manifest_file *f = &m->files[i];

		if (f->from == 0)
			continue;
		if (f->from >= m->version) {
			*cause = xasprintf("%s: signed.files[%zu].from: a delta "
			    "from version %lld cannot lead to version %lld",
			    where, i, (long long)f->from,
			    (long long)m->version);
			goto fail;
		}
		if (catalog_manifest_delta(m, f->from) != f) {
			*cause = xasprintf("%s: signed.files[%zu].from: two "
			    "deltas from version %lld", where, i,
			    (long long)f->from);
			goto fail;
		}
	}
	if (catalog_manifest_parse_extra(m, root, sig, where, cause) != 0)
		goto fail;
	json_decref(root);
	return m;

fail:
	json_decref(root);
	catalog_manifest_free(m);
	return NULL;
}

/* The "signed" object of m. */
static json_t *
catalog_manifest_signed_json(const struct catalog_manifest *m)
{
	json_t *sig, *files, *f, *keys;
	char when[CATALOG_MANIFEST_TIME_MAX], hex[65], b64[64];
	size_t i;

	sig = json_object();
	json_object_set_new(sig, "type", json_string(CATALOG_MANIFEST_TYPE));
	json_object_set_new(sig, "format", json_integer(m->format));
	json_object_set_new(sig, "version", json_integer(m->version));
	json_object_set_new(sig, "schema", json_integer(m->schema));
	catalog_manifest_time_format(m->created, when);
	json_object_set_new(sig, "created", json_string(when));
	if (m->expires != 0) {
		catalog_manifest_time_format(m->expires, when);
		json_object_set_new(sig, "expires", json_string(when));
	}
	if (m->has_content) {
		catalog_manifest_hex(m->content_sha256, hex);
		json_object_set_new(sig, "content_sha256", json_string(hex));
	}
	if (m->keyid[0] != '\0')
		json_object_set_new(sig, "keyid", json_string(m->keyid));
	if (m->nnext_keys > 0) {
		keys = json_array();
		for (i = 0; i < m->nnext_keys; i++) {
			sodium_bin2base64(b64, sizeof b64, m->next_keys[i], 32,
			    sodium_base64_VARIANT_ORIGINAL);
			json_array_append_new(keys, json_string(b64));
		}
		json_object_set_new(sig, "next_keys", keys);
	}
	files = json_array();
	for (i = 0; i < m->nfiles; i++) {
		catalog_manifest_hex(m->files[i].sha256, hex);
		f = json_object();
		json_object_set_new(f, "name", json_string(m->files[i].name));
		json_object_set_new(f, "role", json_string(m->files[i].role));
		json_object_set_new(f, "size", json_integer(m->files[i].size));
		json_object_set_new(f, "sha256", json_string(hex));
		json_object_set_new(f, "compression",
		    json_string(m->files[i].compression));
		json_object_set_new(f, "uncompressed_size",
		    json_integer(m->files[i].uncompressed_size));
		if (m->files[i].from != 0)
			json_object_set_new(f, "from",
			    json_integer(m->files[i].from));
		json_array_append_new(files, f);
	}
	json_object_set_new(sig, "files", files);
	return sig;
}

/* jansson's text or an abort: only out of memory makes it fail. */
static char *
catalog_manifest_dumps(const json_t *j, size_t flags)
{
	char *text = json_dumps(j, flags);

	if (text == NULL) {
		fprintf(stderr, "leerpunt: out of memory\n");
		abort();
	}
	return text;
}

char *
catalog_manifest_write_signed(const struct catalog_manifest *m,
    const struct catalog_manifest_signer *signers, size_t nsigners)
{
	json_t *root, *sig, *sigs, *e;
	unsigned char s[64];
	char keyid[CATALOG_MANIFEST_KEYID_SIZE], hex[129], *canon, *text;
	char *out;
	size_t i;

	sig = catalog_manifest_signed_json(m);
	sigs = json_array();
	canon = catalog_manifest_dumps(sig, JSON_COMPACT | JSON_SORT_KEYS |
	    JSON_ENSURE_ASCII);
	for (i = 0; i < nsigners; i++) {
		crypto_sign_detached(s, NULL, (const unsigned char *)canon,
		    strlen(canon), signers[i].sk);
		catalog_manifest_keyid(signers[i].pk, keyid);
		sodium_bin2hex(hex, sizeof hex, s, sizeof s);
		e = json_object();
		json_object_set_new(e, "keyid", json_string(keyid));
		json_object_set_new(e, "sig", json_string(hex));
		json_array_append_new(sigs, e);
	}
	free(canon);
	root = json_object();
	json_object_set_new(root, "signed", sig);
	json_object_set_new(root, "signatures", sigs);

	text = catalog_manifest_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(root);
	out = xasprintf("%s\n", text);
	free(text);
	return out;
}

char *
catalog_manifest_write(const struct catalog_manifest *m)
{
	return catalog_manifest_write_signed(m, NULL, 0);
}
