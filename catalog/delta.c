/*
 * delta: SQLite patchsets between catalogue versions (see delta.h).
 *
 * Everything streams through files (the _strm session functions), so
 * memory use does not follow the size of a delta. The session extension's
 * declarations are only visible with SQLITE_ENABLE_SESSION defined before
 * sqlite3.h; configure checks that Debian's library was built with it.
 */
#include "config.h"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "catalog/dbint.h"
#include "catalog/delta.h"
#include "catalog/typo.h"
#include "catalog/fts.h"
#include "catalog/import.h"
#include "catalog/manifest.h"
#include "catalog/snapshot.h"
#include "catalog/xmalloc.h"

/* Content tables, children first (see delta.h). */
static const char *const catalog_delta_tables[] = {
	"entry_text", "offering", "entry_theme", "entry", "theme_text", "theme"
};
#define CATALOG_DELTA_NTABLES \
	((int)(sizeof catalog_delta_tables / sizeof catalog_delta_tables[0]))

/* Where a streamed changeset comes from or goes to. */
struct catalog_delta_stream {
	FILE		*f;
	int		 error;		/* errno of a failed read or write */
};

static int
catalog_delta_input(void *arg, void *data, int *len)
{
	struct catalog_delta_stream *s = arg;
	size_t n;

	n = fread(data, 1, (size_t)*len, s->f);
	if (n == 0 && ferror(s->f)) {
		s->error = errno != 0 ? errno : EIO;
		return SQLITE_IOERR;
	}
	*len = (int)n;
	return SQLITE_OK;
}

static int
catalog_delta_output(void *arg, const void *data, int len)
{
	struct catalog_delta_stream *s = arg;

	if (len > 0 && fwrite(data, 1, (size_t)len, s->f) != (size_t)len) {
		s->error = errno != 0 ? errno : EIO;
		return SQLITE_IOERR;
	}
	return SQLITE_OK;
}

/* Close an output stream, syncing it; -1 and *cause on error. */
static int
catalog_delta_close_out(struct catalog_delta_stream *s, const char *path,
    char **cause)
{
	int rc = 0;

	if (s->f == NULL)
		return 0;
	if (fflush(s->f) != 0 || fsync(fileno(s->f)) != 0)
		rc = -1;
	if (fclose(s->f) != 0)
		rc = -1;
	s->f = NULL;
	if (rc != 0)
		*cause = xasprintf("%s: %s", path, strerror(errno));
	return rc;
}

/* PRAGMA schema.user_version, or -1. */
static int
catalog_delta_user_version(sqlite3 *sq, const char *schema)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("PRAGMA \"%s\".user_version", schema);
	int v = -1;

	if (sqlite3_prepare_v2(sq, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	free(sql);
	return v;
}

/*
 * Checking a changeset before SQLite reads it.
 *
 * SQLite 3.40's changeset reader loops for good when a file ends inside
 * a table header (the table name's terminating NUL never comes), in
 * sqlite3changeset_next, sqlite3changeset_apply and
 * sqlite3changegroup_add alike. So every changeset is walked once here,
 * byte by byte, bounded by the file's size, before SQLite sees it: table
 * headers ('T' or 'P', column count, primary-key flags, NUL-terminated
 * name), then changes (operation, indirect flag, the records the
 * operation carries: type byte and value). Anything that ends early or
 * does not follow the format is refused. A file cut at a change boundary
 * is still a valid (shorter) changeset; the content digest catches that.
 */

#define CATALOG_DELTA_MAX_COLS 65536

struct catalog_delta_reader {
	FILE		*f;
	int64_t		 pos;
	int64_t		 size;		/* the file's size, or -1 */
	const char	*what;		/* why it stopped, for the message */
};

/* The next byte, or -1 at the end or on an error. */
static int
catalog_delta_byte(struct catalog_delta_reader *r)
{
	int c = getc(r->f);

	if (c == EOF)
		return -1;
	r->pos++;
	return c;
}

/* An SQLite varint (at most 9 bytes) no larger than INT32_MAX; -1 if not. */
static int64_t
catalog_delta_varint(struct catalog_delta_reader *r)
{
	uint64_t v = 0;
	int c, i;

	for (i = 0; i < 9; i++) {
		if ((c = catalog_delta_byte(r)) == -1)
			return -1;
		if (i == 8) {
			v = (v << 8) | (uint64_t)c;
			break;
		}
		v = (v << 7) | (uint64_t)(c & 0x7f);
		if ((c & 0x80) == 0)
			break;
		if (v > INT32_MAX)
			return -1;
	}
	return v > INT32_MAX ? -1 : (int64_t)v;
}

/* Skip n bytes that must all be there. */
static int
catalog_delta_skip(struct catalog_delta_reader *r, int64_t n)
{
	if (n < 0 || (r->size >= 0 && r->pos + n > r->size))
		return -1;
	if (fseeko(r->f, (off_t)n, SEEK_CUR) != 0)
		return -1;
	r->pos += n;
	return 0;
}

/* One record: a value for each column (only the flagged ones with pk). */
static int
catalog_delta_record(struct catalog_delta_reader *r, int ncol,
    const unsigned char *only)
{
	int64_t len;
	int i, type;

	for (i = 0; i < ncol; i++) {
		if (only != NULL && only[i] == 0)
			continue;
		if ((type = catalog_delta_byte(r)) == -1)
			return -1;
		switch (type) {
		case 0:		/* undefined */
		case 5:		/* NULL */
			break;
		case 1:		/* integer */
		case 2:		/* real */
			if (catalog_delta_skip(r, 8) != 0)
				return -1;
			break;
		case 3:		/* text */
		case 4:		/* blob */
			if ((len = catalog_delta_varint(r)) < 0 ||
			    catalog_delta_skip(r, len) != 0)
				return -1;
			break;
		default:
			r->what = "a value of unknown type";
			return -1;
		}
	}
	return 0;
}

/* A table header after its 'T' or 'P': column count, flags, name. */
static int
catalog_delta_table(struct catalog_delta_reader *r, int *ncol,
    unsigned char **pk)
{
	int64_t n;
	int c, i, len = 0;

	if ((n = catalog_delta_varint(r)) <= 0 || n > CATALOG_DELTA_MAX_COLS) {
		r->what = "a table header with a bad column count";
		return -1;
	}
	*ncol = (int)n;
	free(*pk);
	*pk = xcalloc((size_t)n, 1);
	for (i = 0; i < *ncol; i++) {
		if ((c = catalog_delta_byte(r)) == -1)
			return -1;
		(*pk)[i] = (unsigned char)c;
	}
	do {
		if ((c = catalog_delta_byte(r)) == -1) {
			r->what = "a table name without its end";
			return -1;
		}
		len++;
	} while (c != 0);
	if (len == 1) {
		r->what = "a table without a name";
		return -1;
	}
	return 0;
}

int
catalog_delta_check(const char *path, int64_t size, char **cause)
{
	struct catalog_delta_reader r;
	unsigned char *pk = NULL;
	int c, op, patchset = 0, ncol = 0, rc = -1;
	struct stat sb;

	memset(&r, 0, sizeof r);
	r.size = size;
	if ((r.f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(r.f), &sb) != 0 ||
	    (size >= 0 && (int64_t)sb.st_size != size)) {
		*cause = xasprintf("%s: is %lld bytes, not the %lld announced",
		    path, (long long)sb.st_size, (long long)size);
		fclose(r.f);
		return -1;
	}
	r.size = (int64_t)sb.st_size;
	while ((op = catalog_delta_byte(&r)) != -1) {
		if (op == 'T' || op == 'P') {
			patchset = op == 'P';
			if (catalog_delta_table(&r, &ncol, &pk) != 0)
				goto bad;
			continue;
		}
		if (ncol == 0) {
			r.what = "a change before any table";
			goto bad;
		}
		if (op != SQLITE_INSERT && op != SQLITE_UPDATE &&
		    op != SQLITE_DELETE) {
			r.what = "an unknown operation";
			goto bad;
		}
		if ((c = catalog_delta_byte(&r)) == -1 || c > 1) {
			r.what = "a bad indirect flag";
			goto bad;
		}
		/* What sqlite3changeset_next reads for each operation. */
		if (op != SQLITE_INSERT && (!patchset || op == SQLITE_DELETE) &&
		    catalog_delta_record(&r, ncol, patchset ? pk : NULL) != 0)
			goto bad;
		if (op != SQLITE_DELETE &&
		    catalog_delta_record(&r, ncol, NULL) != 0)
			goto bad;
	}
	if (ferror(r.f)) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
	goto out;

bad:
	*cause = xasprintf("%s: not a usable changeset: %s at byte %lld of "
	    "%lld", path, r.what != NULL ? r.what : "it ends too early",
	    (long long)r.pos, (long long)r.size);
out:
	free(pk);
	fclose(r.f);
	return rc;
}

int
catalog_delta_diff(const char *from_path, const char *to_path,
    const char *out, char **cause)
{
	struct catalog_delta_stream s = { NULL, 0 };
	sqlite3_session *session = NULL;
	sqlite3_stmt *st = NULL;
	sqlite3 *sq = NULL;
	char *err = NULL;
	int i, rc = -1;

	if (sqlite3_open_v2(to_path, &sq, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		*cause = xasprintf("%s: cannot open: %s", to_path,
		    sq != NULL ? sqlite3_errmsg(sq) : "out of memory");
		goto fail;
	}
	if (sqlite3_prepare_v2(sq, "ATTACH ? AS old", -1, &st, NULL) !=
	    SQLITE_OK)
		goto sqlfail;
	sqlite3_bind_text(st, 1, from_path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		*cause = xasprintf("%s: cannot attach: %s", from_path,
		    sqlite3_errmsg(sq));
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (catalog_delta_user_version(sq, "main") !=
	    catalog_delta_user_version(sq, "old")) {
		*cause = xasprintf("%s and %s have different schema versions: "
		    "no delta between them", from_path, to_path);
		goto fail;
	}
	if (sqlite3session_create(sq, "main", &session) != SQLITE_OK)
		goto sqlfail;
	for (i = 0; i < CATALOG_DELTA_NTABLES; i++) {
		if (sqlite3session_attach(session, catalog_delta_tables[i]) !=
		    SQLITE_OK)
			goto sqlfail;
		if (sqlite3session_diff(session, "old", catalog_delta_tables[i],
		    &err) != SQLITE_OK) {
			*cause = xasprintf("%s: cannot compare table %s with %s: "
			    "%s", to_path, catalog_delta_tables[i], from_path,
			    err != NULL ? err : sqlite3_errmsg(sq));
			goto fail;
		}
	}
	if ((s.f = fopen(out, "wb")) == NULL) {
		*cause = xasprintf("%s: %s", out, strerror(errno));
		goto fail;
	}
	if (sqlite3session_patchset_strm(session, catalog_delta_output, &s) !=
	    SQLITE_OK) {
		*cause = xasprintf("%s: cannot write the changeset: %s", out,
		    s.error != 0 ? strerror(s.error) : sqlite3_errmsg(sq));
		goto fail;
	}
	rc = catalog_delta_close_out(&s, out, cause);
	goto fail;

sqlfail:
	*cause = xasprintf("%s: %s", to_path, sqlite3_errmsg(sq));
fail:
	if (s.f != NULL)
		fclose(s.f);
	sqlite3_free(err);
	sqlite3_finalize(st);
	if (session != NULL)
		sqlite3session_delete(session);
	sqlite3_close(sq);
	return rc;
}

int
catalog_delta_combine(const char *const *paths, int n, const char *out,
    char **cause)
{
	struct catalog_delta_stream s = { NULL, 0 };
	sqlite3_changegroup *group = NULL;
	int i, rc = -1, src;

	if (sqlite3changegroup_new(&group) != SQLITE_OK) {
		*cause = xstrdup("out of memory for a changegroup");
		goto fail;
	}
	for (i = 0; i < n; i++) {
		if (catalog_delta_check(paths[i], -1, cause) != 0)
			goto fail;
		if ((s.f = fopen(paths[i], "rb")) == NULL) {
			*cause = xasprintf("%s: %s", paths[i], strerror(errno));
			goto fail;
		}
		src = sqlite3changegroup_add_strm(group, catalog_delta_input, &s);
		fclose(s.f);
		s.f = NULL;
		if (src != SQLITE_OK) {
			*cause = xasprintf("%s: not a usable changeset (%s)",
			    paths[i], s.error != 0 ? strerror(s.error) :
			    sqlite3_errstr(src));
			goto fail;
		}
	}
	if ((s.f = fopen(out, "wb")) == NULL) {
		*cause = xasprintf("%s: %s", out, strerror(errno));
		goto fail;
	}
	src = sqlite3changegroup_output_strm(group, catalog_delta_output, &s);
	if (src != SQLITE_OK) {
		*cause = xasprintf("%s: cannot write the changeset: %s", out,
		    s.error != 0 ? strerror(s.error) : sqlite3_errstr(src));
		goto fail;
	}
	rc = catalog_delta_close_out(&s, out, cause);

fail:
	if (s.f != NULL)
		fclose(s.f);
	if (group != NULL)
		sqlite3changegroup_delete(group);
	return rc;
}

/* What the first conflict was, for the message. */
struct catalog_delta_conflict {
	int		 kind;		/* SQLITE_CHANGESET_*, 0 for none */
	char		 table[64];
};

static int
catalog_delta_on_conflict(void *arg, int kind, sqlite3_changeset_iter *it)
{
	struct catalog_delta_conflict *c = arg;
	const char *table = NULL;
	int ncol, op, indirect;

	if (c->kind == 0) {
		c->kind = kind;
		if (sqlite3changeset_op(it, &table, &ncol, &op, &indirect) ==
		    SQLITE_OK && table != NULL)
			snprintf(c->table, sizeof c->table, "%s", table);
	}
	return SQLITE_CHANGESET_ABORT;
}

static const char *
catalog_delta_conflict_name(int kind)
{
	switch (kind) {
	case SQLITE_CHANGESET_DATA:
		return "a row differs from what the delta expects";
	case SQLITE_CHANGESET_NOTFOUND:
		return "a row the delta changes is missing";
	case SQLITE_CHANGESET_CONFLICT:
		return "a row the delta adds is already there";
	case SQLITE_CHANGESET_CONSTRAINT:
		return "a constraint fails";
	case SQLITE_CHANGESET_FOREIGN_KEY:
		return "a reference points nowhere";
	}
	return "a conflict";
}

int
catalog_delta_apply(struct catalog_db *db, const char *path, int64_t from,
    int64_t to, const unsigned char *digest, char **cause)
{
	struct catalog_delta_stream s = { NULL, 0 };
	struct catalog_delta_conflict conflict;
	sqlite3 *sq = catalog_db_sqlite(db);
	unsigned char got[32];
	char want_hex[65], got_hex[65];
	int began = 0, indexing = 0, rc = -1, src;

	memset(&conflict, 0, sizeof conflict);
	if (digest == NULL) {
		*cause = xasprintf("%s: a delta needs the content digest to be "
		    "checked against", path);
		goto fail;
	}
	if (catalog_delta_check(path, -1, cause) != 0)
		goto fail;
	if ((s.f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto fail;
	}
	/*
	 * The delta, its index pass and the vocabulary rebuild touch
	 * tens of megabytes of pages; with the default 2 MB cache they
	 * went to the WAL and were read back (12,000 reads for a 1 %
	 * delta of 100,000 entries). The import uses the same size.
	 */
	if (catalog_db_exec(db, "PRAGMA cache_size = -65536", cause) != 0 ||
	    catalog_db_exec(db, "BEGIN IMMEDIATE", cause) != 0)
		goto fail;
	began = 1;
	if (catalog_db_version(db) != from) {
		rc = 1;
		goto fail;
	}
	/*
	 * Index the delta's texts in one pass at the end, as an import
	 * does, not row by row through the entry_text triggers (1,000
	 * changed entries of 100,000 took seconds that way).
	 */
	if (catalog_import_index_begin(db, cause) != 0)
		goto fail;
	indexing = 1;
	/*
	 * No savepoint of its own around the apply: this transaction is
	 * rolled back whole on any failure, and the savepoint made SQLite
	 * copy every page the delta changed to a statement journal in a
	 * temporary file first.
	 */
	src = sqlite3changeset_apply_v2_strm(sq, catalog_delta_input, &s, NULL,
	    catalog_delta_on_conflict, &conflict, NULL, NULL,
	    SQLITE_CHANGESETAPPLY_NOSAVEPOINT);
	if (conflict.kind != 0) {
		*cause = xasprintf("%s: delta from version %lld does not fit "
		    "this catalogue: %s (table %s)", path, (long long)from,
		    catalog_delta_conflict_name(conflict.kind),
		    conflict.table[0] != '\0' ? conflict.table : "?");
		goto fail;
	}
	if (src != SQLITE_OK) {
		*cause = xasprintf("%s: cannot apply the delta: %s", path,
		    s.error != 0 ? strerror(s.error) : sqlite3_errmsg(sq));
		goto fail;
	}
	indexing = 0;
	if (catalog_import_index_finish(db, cause) != 0)
		goto fail;
	if (catalog_snapshot_digest(db, got, cause) != 0)
		goto fail;
	if (sodium_memcmp(got, digest, sizeof got) != 0) {
		catalog_manifest_hex(digest, want_hex);
		catalog_manifest_hex(got, got_hex);
		*cause = xasprintf("%s: after the delta the content digest is %s, "
		    "but the manifest says %s: the delta does not fit this "
		    "catalogue", path, got_hex, want_hex);
		goto fail;
	}
	if (catalog_db_set_version(db, to, cause) != 0)
		goto fail;
	if (catalog_db_exec(db, "COMMIT", cause) != 0)
		goto fail;
	began = 0;
	/*
	 * Bring the typo vocabulary up to date in its own transaction, so
	 * kiosks never rebuild it. Failing here loses nothing: the
	 * vocabulary stays marked stale and the next writer rebuilds it.
	 */
	{
		char *why = NULL;

		if (catalog_typo_refresh(db, &why) != 0)
			free(why);
	}
	rc = 0;

fail:
	if (indexing)
		catalog_import_index_cancel(db);
	if (began)
		sqlite3_exec(sq, "ROLLBACK", NULL, NULL, NULL);
	if (s.f != NULL)
		fclose(s.f);
	return rc;
}
