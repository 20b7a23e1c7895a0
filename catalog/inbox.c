/*
 * inbox: reading uploaded enrolments at the office (see inbox.h).
 *
 * The folder is walked first (paths sorted, so output order is stable),
 * then each file is read (size-capped), verified and opened (enrfile.c),
 * and its JSON checked: the receipt and kiosk inside must match the signed
 * header. Payload version 1 (before kiosk_name) is still read: its
 * kiosk_name column is empty. CSV fields that a spreadsheet would run as a formula get a
 * leading apostrophe. Plaintext is wiped after each file.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "catalog/config.h"
#include "catalog/enrfile.h"
#include "catalog/enrol.h"
#include "catalog/inbox.h"
#include "catalog/keys.h"
#include "catalog/manifest.h"
#include "catalog/safe.h"
#include "catalog/xmalloc.h"

/*
 * Report msg about path on err, both through catalog_safe_line: anyone
 * who can PUT chooses the file name, so no control character may reach
 * a terminal. Frees msg.
 */
static void
inbox_say(FILE *err, const char *path, char *msg)
{
	char *sp = catalog_safe_line(path), *sm = catalog_safe_line(msg);

	fprintf(err, "%s: %s\n", sp, sm);
	free(sp);
	free(sm);
	free(msg);
}

/* Move path into rejected/ under a free name; reports on err. */
static void
inbox_reject(const char *path, const char *rejdir, const char *reason,
    FILE *err)
{
	const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 :
	    path;
	char *to = NULL;
	int i;

	if (mkdir(rejdir, 0700) != 0 && errno != EEXIST) {
		inbox_say(err, path, xasprintf("rejected: %s (and cannot make "
		    "%s: %s)", reason, rejdir, strerror(errno)));
		return;
	}
	for (i = 0; i < 1000; i++) {
		free(to);
		to = i == 0 ? xasprintf("%s/%s", rejdir, base) :
		    xasprintf("%s/%s.%d", rejdir, base, i);
		if (access(to, F_OK) != 0)
			break;
	}
	if (rename(path, to) != 0)
		inbox_say(err, path, xasprintf("rejected: %s (cannot move it "
		    "to %s: %s)", reason, to, strerror(errno)));
	else
		inbox_say(err, path, xasprintf("rejected: %s; moved to %s",
		    reason, to));
	free(to);
}

/*
 * The receipts processed in earlier runs ("KIOSK/RECEIPT" lines in
 * DIR/.leerpunt-processed), so a later run writes each enrolment once.
 */
#define INBOX_PROCESSED ".leerpunt-processed"

static void
inbox_load_processed(const char *dir, char ***done, size_t *n)
{
	char *path = xasprintf("%s/" INBOX_PROCESSED, dir), line[256];
	size_t len;
	FILE *f;

	*done = NULL;
	*n = 0;
	if ((f = fopen(path, "r")) != NULL) {
		while (fgets(line, sizeof line, f) != NULL) {
			len = strcspn(line, "\n");
			line[len] = '\0';
			if (len == 0)
				continue;
			*done = xreallocarray(*done, *n + 1, sizeof **done);
			(*done)[(*n)++] = xstrdup(line);
		}
		fclose(f);
	}
	free(path);
}

/* Append the receipts in v[from..n) to the processed list; -1, *cause. */
static int
inbox_save_processed(const char *dir, char **v, size_t from, size_t n,
    char **cause)
{
	char *path = xasprintf("%s/" INBOX_PROCESSED, dir);
	FILE *f = NULL;
	size_t i;
	int fd, rc = -1;

	if (from == n) {
		free(path);
		return 0;
	}
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0600)) == -1 || (f = fdopen(fd, "a")) == NULL) {
		if (fd != -1)
			close(fd);
		goto fail;
	}
	for (i = from; i < n; i++)
		fprintf(f, "%s\n", v[i]);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		goto fail;
	if (fclose(f) != 0) {
		f = NULL;
		goto fail;
	}
	free(path);
	return 0;
fail:
	*cause = xasprintf("%s: cannot remember the processed enrolments: %s",
	    path, strerror(errno));
	if (f != NULL)
		fclose(f);
	free(path);
	return rc;
}

/* The string member key of o, or NULL. */
static const char *
inbox_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Write one CSV field: quoted, formula-looking text defused (safe.h). */
#define inbox_csv_field catalog_safe_csv_field

static void
inbox_write_csv(FILE *out, json_t *e)
{
	json_t *off = json_object_get(e, "offering");
	char id[32];

	snprintf(id, sizeof id, "%lld", (long long)json_integer_value(
	    json_object_get(off, "id")));
	inbox_csv_field(out, inbox_str(e, "receipt"), 0);
	inbox_csv_field(out, inbox_str(e, "kiosk"), 0);
	inbox_csv_field(out, inbox_str(e, "kiosk_name"), 0);
	inbox_csv_field(out, inbox_str(e, "created"), 0);
	inbox_csv_field(out, id, 0);
	inbox_csv_field(out, inbox_str(off, "key"), 0);
	inbox_csv_field(out, inbox_str(off, "entry_key"), 0);
	inbox_csv_field(out, inbox_str(off, "title"), 0);
	inbox_csv_field(out, inbox_str(e, "name"), 0);
	inbox_csv_field(out, inbox_str(e, "phone"), 0);
	inbox_csv_field(out, inbox_str(e, "email"), 0);
	inbox_csv_field(out, inbox_str(e, "note"), 1);
}

/* A UUID (RFC 9562 version 8) from SHA-256 of the parts. */
static json_t *
inbox_uuid(const char *what, const char *kiosk, const char *receipt)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	char hex[33], s[37];

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)what,
	    strlen(what) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)kiosk,
	    strlen(kiosk) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)receipt,
	    strlen(receipt));
	crypto_hash_sha256_final(&st, h);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x80);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	sodium_bin2hex(hex, sizeof hex, h, 16);
	snprintf(s, sizeof s, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8,
	    hex + 12, hex + 16, hex + 20);
	return json_string(s);
}

/* 1 when s looks like a UUID (an OOAPI offering id). */
static int
inbox_is_uuid(const char *s)
{
	int i;

	if (s == NULL || strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (strchr("0123456789abcdefABCDEF", s[i]) == NULL)
			return 0;
	}
	return 1;
}

static json_t *
inbox_ooapi(json_t *e)
{
	const char *name = inbox_str(e, "name"), *kiosk = inbox_str(e, "kiosk");
	const char *receipt = inbox_str(e, "receipt"), *sp;
	json_t *off = json_object_get(e, "offering"), *a, *person, *ext;
	const char *okey = inbox_str(off, "key");

	person = json_object();
	json_object_set_new(person, "personId", inbox_uuid("person", kiosk,
	    receipt));
	json_object_set_new(person, "primaryCode", json_pack("{s:s, s:s}",
	    "codeType", "x-leerpunt-receipt", "code", receipt));
	json_object_set_new(person, "displayName", json_string(name));
	if ((sp = strchr(name, ' ')) != NULL && sp[1] != '\0') {
		json_object_set_new(person, "givenName",
		    json_stringn(name, (size_t)(sp - name)));
		json_object_set_new(person, "surname", json_string(sp + 1));
	} else {
		json_object_set_new(person, "givenName", json_string(name));
		json_object_set_new(person, "surname", json_string(name));
	}
	json_object_set_new(person, "affiliations", json_pack("[s]", "guest"));
	json_object_set_new(person, "activeEnrollment", json_false());
	if (inbox_str(e, "email") != NULL)
		json_object_set_new(person, "mail",
		    json_string(inbox_str(e, "email")));
	if (inbox_str(e, "phone") != NULL)
		json_object_set_new(person, "telephoneNumber",
		    json_string(inbox_str(e, "phone")));

	ext = json_object();
	json_object_set_new(ext, "receipt", json_string(receipt));
	json_object_set_new(ext, "kiosk", json_string(kiosk));
	if (inbox_str(e, "kiosk_name") != NULL)
		json_object_set_new(ext, "kiosk_name", json_string(inbox_str(e,
		    "kiosk_name")));
	json_object_set_new(ext, "created", json_string(inbox_str(e,
	    "created")));
	json_object_set(ext, "offering", off);
	if (inbox_str(e, "note") != NULL)
		json_object_set_new(ext, "note", json_string(inbox_str(e,
		    "note")));

	a = json_object();
	json_object_set_new(a, "associationId", inbox_uuid("association",
	    kiosk, receipt));
	json_object_set_new(a, "associationType",
	    json_string("courseOfferingAssociation"));
	json_object_set_new(a, "role", json_string("student"));
	json_object_set_new(a, "state", json_string("pending"));
	json_object_set_new(a, "remoteState", json_string("pending"));
	json_object_set_new(a, "person", person);
	if (inbox_is_uuid(okey))
		json_object_set_new(a, "offering", json_string(okey));
	json_object_set_new(a, "ext", json_pack("{s:o}", "leerpunt", ext));
	return a;
}

/*
 * The rules the kiosk applies before it seals a record (a valid kiosk
 * signature does not make a record valid): consent given, name, phone,
 * e-mail and note as catalog_enrol_check() wants them (phone or e-mail
 * needed), and a creation time that is a time. 0, or -1 and *cause.
 */
static int
inbox_rules(json_t *e, char **cause)
{
	struct catalog_enrolment en;
	enum catalog_enrol_problem problem;
	json_t *v;
	time_t t;
	const char *key;

	json_t *tmp;

	/* A field not given is null in the kiosk's JSON: absent here, as
	 * docs/enrolment-format.md says (also in the --json output). */
	json_object_foreach_safe(e, tmp, key, v) {
		if (strcmp(key, "phone") != 0 && strcmp(key, "email") != 0 &&
		    strcmp(key, "note") != 0 && strcmp(key, "name") != 0)
			continue;
		if (json_is_null(v) && strcmp(key, "name") != 0)
			json_object_del(e, key);
		else if (!json_is_string(v)) {
			*cause = xasprintf("the payload's %s is not text", key);
			return -1;
		}
	}
	if (json_object_get(e, "consent") != json_true()) {
		*cause = xstrdup("the payload does not record consent");
		return -1;
	}
	if (inbox_str(e, "created") == NULL ||
	    catalog_manifest_time_parse(inbox_str(e, "created"), &t) != 0) {
		*cause = xstrdup("the payload's created is not a time");
		return -1;
	}
	memset(&en, 0, sizeof en);
	en.offering_id = json_integer_value(json_object_get(
	    json_object_get(e, "offering"), "id"));
	en.name = inbox_str(e, "name");
	en.phone = inbox_str(e, "phone");
	en.email = inbox_str(e, "email");
	en.note = inbox_str(e, "note");
	en.consent = 1;
	if (en.name == NULL) {
		*cause = xstrdup("the payload lacks required fields");
		return -1;
	}
	if ((problem = catalog_enrol_check(&en, NULL)) != CATALOG_ENROL_OK) {
		*cause = xasprintf("the payload breaks the kiosk's rules: %s",
		    catalog_enrol_problem_text(problem));
		return -1;
	}
	return 0;
}

/* Check the opened JSON; NULL and *cause when it does not fit. */
static json_t *
inbox_parse(const char *plain, size_t len, const char *id,
    const char *receipt, char **cause)
{
	json_error_t jerr;
	json_t *e, *off;
	json_int_t v;

	if ((e = json_loadb(plain, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		*cause = xasprintf("the payload is not valid JSON (%s)",
		    jerr.text);
		return NULL;
	}
	off = json_object_get(e, "offering");
	v = json_integer_value(json_object_get(e, "v"));
	if (v < 1 || v > CATALOG_ENROL_PAYLOAD_VERSION) {
		*cause = xasprintf("the payload has version %lld; this "
		    "program reads versions 1 to %d", (long long)v,
		    CATALOG_ENROL_PAYLOAD_VERSION);
		json_decref(e);
		return NULL;
	}
	/* Version 2 adds the kiosk's configured name (the place). */
	if (v >= 2 && (inbox_str(e, "kiosk_name") == NULL ||
	    !catalog_config_name_valid(inbox_str(e, "kiosk_name")))) {
		*cause = xstrdup("the payload lacks a valid kiosk_name");
		json_decref(e);
		return NULL;
	}
	if (inbox_str(e, "name") == NULL || inbox_str(e, "created") == NULL ||
	    !json_is_object(off) || !json_is_integer(json_object_get(off,
	    "id"))) {
		*cause = xstrdup("the payload lacks required fields");
		json_decref(e);
		return NULL;
	}
	if (inbox_rules(e, cause) != 0) {
		json_decref(e);
		return NULL;
	}
	if (inbox_str(e, "receipt") == NULL || inbox_str(e, "kiosk") == NULL ||
	    strcmp(inbox_str(e, "receipt"), receipt) != 0 ||
	    strcmp(inbox_str(e, "kiosk"), id) != 0) {
		*cause = xstrdup("the receipt or kiosk inside does not match "
		    "the signed header");
		json_decref(e);
		return NULL;
	}
	return e;
}

int
catalog_inbox_read(const char *dir, const struct catalog_keys *office,
    struct catalog_keys *const *kiosks, size_t nkiosks,
    enum catalog_inbox_format format, int again, FILE *out, FILE *err,
    struct catalog_inbox_summary *sum, char **cause)
{
	char **paths = NULL, **seen = NULL, *rejdir, *plain, *why = NULL, *s;
	char id[CATALOG_KEYS_ID_SIZE], receipt[CATALOG_ENRFILE_RECEIPT_LEN + 1];
	unsigned char *buf;
	size_t nseen = 0, nprocessed, i, j, len, plainlen, npaths = 0;
	json_t *e, *a;
	int rc = -1, dup;

	memset(sum, 0, sizeof *sum);
	rejdir = xasprintf("%s/rejected", dir);
	if (catalog_enrfile_find(dir, ".enr", rejdir, &paths, &npaths,
	    cause) != 0)
		goto out;
	inbox_load_processed(dir, &seen, &nprocessed);
	nseen = nprocessed;
	if (format == CATALOG_INBOX_CSV)
		fputs("receipt,kiosk,kiosk_name,created,offering_id,offering_key,"
		    "entry_key,title,name,phone,email,note\n", out);
	for (i = 0; i < npaths; i++) {
		if ((buf = catalog_enrfile_slurp(paths[i], CATALOG_ENRFILE_MAX, &len,
		    &why)) == NULL) {
			inbox_say(err, paths[i], why);
			sum->rejected++;
			continue;
		}
		plain = catalog_enrfile_open(buf, len, kiosks, nkiosks, office,
		    id, receipt, &plainlen, &why);
		free(buf);
		e = NULL;
		if (plain != NULL) {
			e = inbox_parse(plain, plainlen, id, receipt, &why);
			catalog_enrfile_plain_free(plain);
		}
		if (e == NULL) {
			inbox_reject(paths[i], rejdir, why, err);
			free(why);
			why = NULL;
			sum->rejected++;
			continue;
		}
		s = xasprintf("%s/%s", id, receipt);
		for (dup = 0, j = again ? nprocessed : 0; j < nseen && !dup;
		    j++) {
			if (strcmp(seen[j], s) == 0)
				dup = j < nprocessed ? 2 : 1;
		}
		if (dup) {
			inbox_say(err, paths[i], xasprintf("%s from %s was %s; "
			    "duplicate dropped", receipt, id, dup == 2 ?
			    "processed in an earlier run (--again writes it "
			    "again)" : "read already"));
			free(s);
			json_decref(e);
			sum->duplicates++;
			continue;
		}
		seen = xreallocarray(seen, nseen + 1, sizeof *seen);
		seen[nseen++] = s;
		switch (format) {
		case CATALOG_INBOX_CSV:
			inbox_write_csv(out, e);
			break;
		case CATALOG_INBOX_JSON:
			/* Fields not given are absent (kiosks before 0.4
			 * sealed them as null). */
			if (json_is_null(json_object_get(e, "phone")))
				json_object_del(e, "phone");
			if (json_is_null(json_object_get(e, "email")))
				json_object_del(e, "email");
			if (json_is_null(json_object_get(e, "note")))
				json_object_del(e, "note");
			json_dumpf(e, out, JSON_COMPACT | JSON_SORT_KEYS);
			fputc('\n', out);
			break;
		case CATALOG_INBOX_OOAPI:
			a = inbox_ooapi(e);
			json_dumpf(a, out, JSON_COMPACT);
			fputc('\n', out);
			json_decref(a);
			break;
		}
		json_decref(e);
		sum->read++;
	}
	if (fflush(out) != 0 || ferror(out)) {
		*cause = xasprintf("cannot write the output: %s",
		    strerror(errno));
		goto out;
	}
	/* Only once the output is written: remember what it holds. */
	if (inbox_save_processed(dir, seen, nprocessed, nseen, cause) != 0)
		goto out;
	rc = 0;
out:
	for (i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	for (i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	free(rejdir);
	return rc;
}
