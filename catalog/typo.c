/*
 * typo: forgiving word matching for search (see typo.h).
 *
 * search_term(id, term, docs) lists the vocabulary, numbered in the
 * terms' byte order. The deletion neighbourhood is a set of (h, term id)
 * pairs, h a 32-bit FNV-1a hash of a term or of one of its one-letter
 * deletions (letters are code points, not bytes); it is stored compactly
 * in search_del(bucket, pairs): one row per high 16 bits of h, holding
 * the sorted pairs as 4 bytes each (low 8 bits of h, 24-bit term id),
 * about a quarter of the size of a (h, term_id) table. A term of four
 * letters needs no deletions: a typed word of five letters or more can
 * only match it by dropping a letter of its own. A lookup hashes the
 * typed word and its deletions, so a query costs n + 1 row reads and
 * binary searches; hash collisions only add a candidate that the
 * distance check then drops. Completions of the word being typed are a
 * binary search over term ids (no index on the terms needed).
 *
 * search_state(key, value): 'gen' is raised by the entry_text triggers;
 * 'vocab_gen' is the gen the tables were built for. A read-only connection
 * builds the same tables in its TEMP schema instead and uses those until
 * the catalogue's own vocabulary is current again.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "catalog/dbint.h"
#include "catalog/typo.h"
#include "catalog/xmalloc.h"

#define TYPO_MIN_TERM (CATALOG_TYPO_MIN_WORD - 1)
#define TYPO_MAX_TERM 40	/* code points; longer words: no typos */
#define TYPO_PAIR 4		/* bytes per stored (hash, term) pair */
#define TYPO_MAX_ID 0xffffff	/* term ids that fit in a pair */
#define TYPO_TEMP_MAX_TEXTS 20000	/* readers rebuild up to this size */

/* Decode UTF-8 into at most max code points; -1 if longer or invalid. */
static int
typo_decode(const char *s, UChar32 *cp, int max)
{
	int32_t i = 0, n = (int32_t)strlen(s);
	int k = 0;
	UChar32 c;

	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (c < 0 || k == max)
			return -1;
		cp[k++] = c;
	}
	return k;
}

/* FNV-1a over code points cp[0..n) except position skip (or -1). */
static int64_t
typo_hash(const UChar32 *cp, int n, int skip)
{
	uint64_t h = 1469598103934665603ULL;
	int i;

	for (i = 0; i < n; i++) {
		if (i == skip)
			continue;
		h = (h ^ (uint32_t)cp[i]) * 1099511628211ULL;
	}
	/* 24 bits keep the table small; collisions only cost a check. */
	return (int64_t)(h >> 40);
}

/* 1 when code points x[0..n) and y[0..m) are at OSA distance 1. */
static int
typo_cp_distance1(const UChar32 *x, int n, const UChar32 *y, int m)
{
	int i, j;

	if (n == m) {
		for (i = 0; i < n && x[i] == y[i]; i++)
			;
		if (i == n)
			return 0;	/* equal */
		/* One substitution, or one swap of neighbours. */
		for (j = n - 1; j > i && x[j] == y[j]; j--)
			;
		if (j == i)
			return 1;
		return j == i + 1 && x[i] == y[j] && x[j] == y[i];
	}
	if (n + 1 == m || m + 1 == n) {
		const UChar32 *s = n < m ? x : y, *l = n < m ? y : x;
		int ns = n < m ? n : m;

		for (i = 0; i < ns && s[i] == l[i]; i++)
			;
		for (; i < ns && s[i] == l[i + 1]; i++)
			;
		return i == ns;
	}
	return 0;
}

int
catalog_typo_distance1(const char *a, const char *b)
{
	UChar32 x[TYPO_MAX_TERM + 2], y[TYPO_MAX_TERM + 2];
	int n = typo_decode(a, x, TYPO_MAX_TERM + 1);
	int m = typo_decode(b, y, TYPO_MAX_TERM + 1);

	if (n < 0 || m < 0)
		return 0;
	return typo_cp_distance1(x, n, y, m);
}

static int64_t
typo_state(struct catalog_db *db, const char *schema, const char *key)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT value FROM %s.search_state WHERE key = ?",
	    schema);
	int64_t v = -1;

	if (sqlite3_prepare_v2(catalog_db_sqlite(db), sql, -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	free(sql);
	return v;
}

/*
 * A (hash, term id) pair as one sortable number: the 24-bit hash above
 * the 24-bit id, so numeric order is the order of (h, id).
 */
static uint64_t
typo_pair_key(int64_t h, int64_t id)
{
	return ((uint64_t)h << 24) | ((uint64_t)id & TYPO_MAX_ID);
}

/*
 * Sort n 48-bit keys: three passes of a 16-bit radix sort (a vocabulary
 * of 100,000 words has about a million pairs; qsort took a fifth of the
 * rebuild a delta sync ends with).
 */
static void
typo_sort_keys(uint64_t *keys, size_t n)
{
	uint64_t *tmp = xreallocarray(NULL, n, sizeof *tmp), *from = keys,
	    *to = tmp, *swap;
	size_t *count = xcalloc(65536, sizeof *count), i, sum, c;
	int shift;

	for (shift = 0; shift < 48; shift += 16) {
		memset(count, 0, 65536 * sizeof *count);
		for (i = 0; i < n; i++)
			count[(from[i] >> shift) & 0xffff]++;
		for (sum = 0, i = 0; i < 65536; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xffff]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	/* Three passes: the sorted keys are in tmp. */
	memcpy(keys, from, n * sizeof *keys);
	free(tmp);
	free(count);
}

/* A pair as stored: low 8 bits of the hash, then the term id, big end. */
static unsigned char *
typo_pair_pack(uint64_t key, unsigned char *out)
{
	out[0] = (unsigned char)(key >> 24);
	out[1] = (unsigned char)(key >> 16);
	out[2] = (unsigned char)(key >> 8);
	out[3] = (unsigned char)key;
	return out;
}

static int
typo_sql_error(struct catalog_db *db, char **cause)
{
	*cause = xasprintf("%s: cannot build the search vocabulary: %s",
	    catalog_db_path(db), sqlite3_errmsg(catalog_db_sqlite(db)));
	return -1;
}

/*
 * What schema's tables hold before a rebuild, so that only rows that
 * differ are written: a delta of 1 % changes the document counts of a
 * few words and seldom the words themselves, and writing all of both
 * tables again was most of the pages a delta sync committed.
 */
struct typo_old {
	char		**term;		/* by id - 1; NULL: no row */
	int64_t		 *docs;
	size_t		  nterm;
	unsigned char	**pairs;	/* by bucket */
	int		 *len;
};

#define TYPO_BUCKETS 65536	/* the high 16 bits of a 24-bit hash */

static void
typo_old_free(struct typo_old *o)
{
	size_t i;

	for (i = 0; i < o->nterm; i++)
		free(o->term[i]);
	free(o->term);
	free(o->docs);
	if (o->pairs != NULL)
		for (i = 0; i < TYPO_BUCKETS; i++)
			free(o->pairs[i]);
	free(o->pairs);
	free(o->len);
}

static int
typo_old_load(struct catalog_db *db, const char *schema, struct typo_old *o,
    char **cause)
{
	sqlite3 *sq = catalog_db_sqlite(db);
	sqlite3_stmt *st = NULL;
	size_t cap = 0, i;
	int64_t id, b;
	char *sql;
	int rc;

	memset(o, 0, sizeof *o);
	o->pairs = xcalloc(TYPO_BUCKETS, sizeof *o->pairs);
	o->len = xcalloc(TYPO_BUCKETS, sizeof *o->len);
	sql = xasprintf("SELECT id, term, docs FROM %s.search_term"
	    " ORDER BY id", schema);
	rc = sqlite3_prepare_v2(sq, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return typo_sql_error(db, cause);
	while (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id < 1 || id > TYPO_MAX_ID ||
		    sqlite3_column_text(st, 1) == NULL)
			continue;	/* rewritten below if needed */
		if ((size_t)id > cap) {
			size_t ncap = (size_t)id * 2;

			o->term = xreallocarray(o->term, ncap, sizeof *o->term);
			o->docs = xreallocarray(o->docs, ncap, sizeof *o->docs);
			for (i = cap; i < ncap; i++)
				o->term[i] = NULL;
			cap = ncap;
		}
		o->term[id - 1] = xstrdup((const char *)
		    sqlite3_column_text(st, 1));
		o->docs[id - 1] = sqlite3_column_int64(st, 2);
		if ((size_t)id > o->nterm)
			o->nterm = (size_t)id;
	}
	sqlite3_finalize(st);
	sql = xasprintf("SELECT bucket, pairs FROM %s.search_del", schema);
	rc = sqlite3_prepare_v2(sq, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return typo_sql_error(db, cause);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const void *p = sqlite3_column_blob(st, 1);
		int len = sqlite3_column_bytes(st, 1);

		b = sqlite3_column_int64(st, 0);
		if (b < 0 || b >= TYPO_BUCKETS || p == NULL || len <= 0 ||
		    o->pairs[b] != NULL)
			continue;
		o->pairs[b] = xmalloc((size_t)len);
		memcpy(o->pairs[b], p, (size_t)len);
		o->len[b] = len;
	}
	sqlite3_finalize(st);
	return 0;
}

/*
 * Fill schema's search_term and search_del for generation gen, writing
 * only the rows that differ from what they hold.
 */
static int
typo_build(struct catalog_db *db, const char *schema, int64_t gen,
    char **cause)
{
	sqlite3 *sq = catalog_db_sqlite(db);
	sqlite3_stmt *voc = NULL, *ins = NULL, *del = NULL;
	struct typo_old old;
	uint64_t *pairs = NULL;
	unsigned char *blob = NULL, pack[TYPO_PAIR], *made = NULL;
	size_t npairs = 0, cap = 0, i;
	UChar32 cp[TYPO_MAX_TERM + 1];
	int64_t id = 0, docs;
	char *sql = NULL;
	int n, k, rc = -1;

	if (typo_old_load(db, schema, &old, cause) != 0)
		goto out;
	sql = xasprintf("CREATE VIRTUAL TABLE IF NOT EXISTS"
	    " temp.search_vocab USING fts5vocab(main, entry_fts, 'row')");
	if (catalog_db_exec(db, sql, cause) != 0)
		goto out;
	free(sql);
	sql = xasprintf("INSERT OR REPLACE INTO %s.search_term(id, term, docs)"
	    " VALUES (?, ?, ?)", schema);
	if (sqlite3_prepare_v2(sq, "SELECT term, doc FROM temp.search_vocab",
	    -1, &voc, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(sq, sql, -1, &ins, NULL) != SQLITE_OK) {
		typo_sql_error(db, cause);
		goto out;
	}
	while (sqlite3_step(voc) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(voc, 0);

		if (t == NULL)
			continue;
		id++;
		docs = sqlite3_column_int64(voc, 1);
		if ((size_t)id > old.nterm || old.term[id - 1] == NULL ||
		    old.docs[id - 1] != docs ||
		    strcmp(old.term[id - 1], t) != 0) {
			sqlite3_bind_int64(ins, 1, id);
			sqlite3_bind_text(ins, 2, t, -1, SQLITE_STATIC);
			sqlite3_bind_int64(ins, 3, docs);
			if (sqlite3_step(ins) != SQLITE_DONE) {
				typo_sql_error(db, cause);
				goto out;
			}
			sqlite3_reset(ins);
		}
		n = typo_decode(t, cp, TYPO_MAX_TERM);
		if (n < TYPO_MIN_TERM || id > TYPO_MAX_ID)
			continue;	/* no typos corrected to it */
		if (npairs + (size_t)n + 1 > cap) {
			cap = (npairs + (size_t)n + 1) * 2;
			pairs = xreallocarray(pairs, cap, sizeof *pairs);
		}
		for (k = -1; k < (n > TYPO_MIN_TERM ? n : 0); k++)
			pairs[npairs++] = typo_pair_key(typo_hash(cp, n, k),
			    id);
	}
	sqlite3_finalize(ins);
	ins = NULL;
	free(sql);
	sql = xasprintf("DELETE FROM %s.search_term WHERE id > %lld", schema,
	    (long long)id);
	if (catalog_db_exec(db, sql, cause) != 0)
		goto out;
	if (npairs > 0)
		typo_sort_keys(pairs, npairs);
	free(sql);
	sql = xasprintf("INSERT OR REPLACE INTO %s.search_del(bucket, pairs)"
	    " VALUES (?, ?)", schema);
	if (sqlite3_prepare_v2(sq, sql, -1, &ins, NULL) != SQLITE_OK) {
		typo_sql_error(db, cause);
		goto out;
	}
	made = xcalloc(TYPO_BUCKETS, 1);
	blob = xmalloc(npairs * TYPO_PAIR + 1);
	for (i = 0; i < npairs; ) {
		uint64_t bucket = pairs[i] >> 32;
		size_t len = 0;

		for (; i < npairs && pairs[i] >> 32 == bucket; i++) {
			if (len > 0 && memcmp(blob + len - TYPO_PAIR,
			    typo_pair_pack(pairs[i], pack), TYPO_PAIR) == 0)
				continue;	/* the same pair twice */
			memcpy(blob + len, typo_pair_pack(pairs[i], pack),
			    TYPO_PAIR);
			len += TYPO_PAIR;
		}
		made[bucket] = 1;
		if ((size_t)old.len[bucket] == len &&
		    memcmp(old.pairs[bucket], blob, len) == 0)
			continue;	/* as it was */
		sqlite3_bind_int64(ins, 1, (sqlite3_int64)bucket);
		sqlite3_bind_blob(ins, 2, blob, (int)len, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			typo_sql_error(db, cause);
			goto out;
		}
		sqlite3_reset(ins);
	}
	free(sql);
	sql = xasprintf("DELETE FROM %s.search_del WHERE bucket = ?", schema);
	if (sqlite3_prepare_v2(sq, sql, -1, &del, NULL) != SQLITE_OK) {
		typo_sql_error(db, cause);
		goto out;
	}
	for (i = 0; i < TYPO_BUCKETS; i++) {
		if (made[i] || old.pairs[i] == NULL)
			continue;
		sqlite3_bind_int64(del, 1, (sqlite3_int64)i);
		if (sqlite3_step(del) != SQLITE_DONE) {
			typo_sql_error(db, cause);
			goto out;
		}
		sqlite3_reset(del);
	}
	free(sql);
	sql = xasprintf("INSERT OR REPLACE INTO %s.search_state(key, value)"
	    " VALUES ('vocab_gen', %lld), ('vocab_size', %lld)", schema,
	    (long long)gen, (long long)id);
	if (catalog_db_exec(db, sql, cause) != 0)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(voc);
	sqlite3_finalize(ins);
	sqlite3_finalize(del);
	typo_old_free(&old);
	free(pairs);
	free(blob);
	free(made);
	free(sql);
	return rc;
}

/* Build schema's tables in a savepoint, so a failure leaves them as were. */
static int
typo_rebuild(struct catalog_db *db, const char *schema, int64_t gen,
    char **cause)
{
	int outer = catalog_db_in_transaction(db);

	if (catalog_db_exec(db, "SAVEPOINT typo_rebuild", cause) != 0)
		return -1;
	if (typo_build(db, schema, gen, cause) != 0) {
		catalog_db_exec(db, "ROLLBACK TO typo_rebuild;"
		    " RELEASE typo_rebuild", NULL);
		return -1;
	}
	if (catalog_db_exec(db, "RELEASE typo_rebuild", cause) != 0) {
		/*
		 * The outermost RELEASE is a COMMIT; when it fails (a full
		 * disk) the transaction stays open, and whatever the caller
		 * writes next would silently vanish with it. Undo it.
		 */
		if (!outer && catalog_db_in_transaction(db))
			sqlite3_exec(catalog_db_sqlite(db), "ROLLBACK", NULL,
			    NULL, NULL);
		return -1;
	}
	return 0;
}

int
catalog_typo_refresh(struct catalog_db *db, char **cause)
{
	int64_t gen = typo_state(db, "main", "gen");

	if (gen == typo_state(db, "main", "vocab_gen"))
		return 0;
	return typo_rebuild(db, "main", gen, cause);
}

/* Rows of entry_text, roughly (the largest id): cheap at any size. */
static int64_t
typo_text_rows(struct catalog_db *db)
{
	sqlite3_stmt *st = catalog_db_prepare(db,
	    "SELECT max(id) FROM entry_text");
	int64_t n = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/*
 * The schema whose vocabulary to use. A stale one is rebuilt: in the
 * catalogue when this connection may write, else in TEMP, but only for a
 * small catalogue (TYPO_TEMP_MAX_TEXTS rows of text: well under a second),
 * since a kiosk must not stop for seconds on a keystroke. A large one
 * waits for a writer (catalog_typo_refresh); meanwhile corrections use the
 * stale vocabulary (a word that is gone just matches nothing) when
 * current is 0, and with current 1 there is none (NULL), so completions
 * fall back to FTS5 prefix queries.
 */
static const char *
typo_schema(struct catalog_db *db, int current)
{
	sqlite3 *sq = catalog_db_sqlite(db);
	int64_t gen = typo_state(db, "main", "gen");
	char *cause = NULL;

	if (gen < 0)
		return NULL;
	if (gen == typo_state(db, "main", "vocab_gen"))
		return "main";
	if (sqlite3_db_readonly(sq, "main") == 0) {
		if (typo_rebuild(db, "main", gen, &cause) == 0)
			return "main";
		free(cause);
		cause = NULL;
	}
	if (gen == typo_state(db, "temp", "vocab_gen"))
		return "temp";
	if (typo_text_rows(db) > TYPO_TEMP_MAX_TEXTS)
		return current ? NULL : "main";
	if (catalog_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS search_state"
	    " (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"
	    " INSERT OR IGNORE INTO temp.search_state VALUES ('vocab_gen', 0);"
	    " CREATE TEMP TABLE IF NOT EXISTS search_term (id INTEGER PRIMARY"
	    " KEY, term TEXT NOT NULL, docs INTEGER NOT NULL);"
	    " CREATE TEMP TABLE IF NOT EXISTS search_del (bucket INTEGER"
	    " PRIMARY KEY, pairs BLOB NOT NULL)", &cause) != 0 ||
	    typo_rebuild(db, "temp", gen, &cause) != 0) {
		free(cause);
		return NULL;
	}
	return "temp";
}

struct typo_cand {
	int64_t		 id;
	int64_t		 docs;
	char		*term;
};

static int
typo_cand_cmp(const void *a, const void *b)
{
	const struct typo_cand *x = a, *y = b;

	if (x->docs != y->docs)
		return x->docs > y->docs ? -1 : 1;
	return strcmp(x->term, y->term);
}

size_t
catalog_typo_corrections(struct catalog_db *db, const char *word,
    char **out, size_t max)
{
	UChar32 cp[TYPO_MAX_TERM + 1];
	struct typo_cand *c = NULL;
	sqlite3_stmt *st = NULL, *tst = NULL;
	const char *schema;
	size_t nc = 0, i, j, n_out = 0;
	char *sql = NULL, *tsql = NULL;
	int n, k;

	n = typo_decode(word, cp, TYPO_MAX_TERM);
	if (n < CATALOG_TYPO_MIN_WORD || max == 0)
		return 0;
	if ((schema = typo_schema(db, 0)) == NULL)
		return 0;
	sql = xasprintf("SELECT pairs FROM %s.search_del WHERE bucket = ?",
	    schema);
	tsql = xasprintf("SELECT docs, term FROM %s.search_term WHERE id = ?",
	    schema);
	if (sqlite3_prepare_v2(catalog_db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(catalog_db_sqlite(db), tsql, -1,
	    &tst, NULL) != SQLITE_OK)
		goto out;
	for (k = -1; k < n; k++) {
		int64_t h = typo_hash(cp, n, k);
		const unsigned char *b;
		size_t len, lo, hi;

		sqlite3_bind_int64(st, 1, h >> 8);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_reset(st);
			continue;
		}
		b = sqlite3_column_blob(st, 0);
		len = (size_t)sqlite3_column_bytes(st, 0) / TYPO_PAIR;
		/* Pairs are sorted: find the first with our low 8 bits. */
		for (lo = 0, hi = len; lo < hi; ) {
			size_t mid = (lo + hi) / 2;
			unsigned v = b[mid * TYPO_PAIR];

			if (v < (unsigned)(h & 0xff))
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < len; lo++) {
			const unsigned char *e = b + lo * TYPO_PAIR;
			int64_t id = (int64_t)e[1] << 16 | e[2] << 8 | e[3];
			const char *t;

			if (e[0] != (h & 0xff))
				break;
			for (j = 0; j < nc && c[j].id != id; j++)
				;
			if (j < nc)
				continue;
			sqlite3_bind_int64(tst, 1, id);
			if (sqlite3_step(tst) == SQLITE_ROW &&
			    (t = (const char *)sqlite3_column_text(tst, 1)) !=
			    NULL && catalog_typo_distance1(word, t)) {
				c = xreallocarray(c, nc + 1, sizeof *c);
				c[nc].id = id;
				c[nc].docs = sqlite3_column_int64(tst, 0);
				c[nc++].term = xstrdup(t);
			}
			sqlite3_reset(tst);
		}
		sqlite3_reset(st);
	}
	if (nc > 1)
		qsort(c, nc, sizeof *c, typo_cand_cmp);
	for (i = 0; i < nc; i++) {
		if (n_out < max)
			out[n_out++] = c[i].term;
		else
			free(c[i].term);
	}
out:
	sqlite3_finalize(st);
	sqlite3_finalize(tst);
	free(sql);
	free(tsql);
	free(c);
	return n_out;
}

/* The term with this id into buf (cap bytes); 0, or -1 if none. */
static int
typo_term_at(sqlite3_stmt *st, int64_t id, char *buf, size_t cap)
{
	const char *t;
	int rc = -1;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (t = (const char *)sqlite3_column_text(st, 0)) != NULL) {
		snprintf(buf, cap, "%s", t);
		rc = 0;
	}
	sqlite3_reset(st);
	return rc;
}

int
catalog_typo_completions(struct catalog_db *db, const char *prefix,
    char **out, size_t max)
{
	sqlite3 *sq = catalog_db_sqlite(db);
	sqlite3_stmt *st = NULL;
	const char *schema;
	size_t plen = strlen(prefix), n = 0, i;
	int64_t lo = 1, hi, id;
	char *sql, term[1024];

	if ((schema = typo_schema(db, 1)) == NULL)
		return -1;
	/*
	 * Ids follow the terms' byte order (typo_build numbers them as
	 * fts5vocab lists them), so a binary search over ids finds the
	 * first term >= prefix without an index on the terms.
	 */
	sql = xasprintf("SELECT term FROM %s.search_term WHERE id = ?", schema);
	if (sqlite3_prepare_v2(sq, sql, -1, &st, NULL) != SQLITE_OK) {
		free(sql);
		return -1;
	}
	hi = typo_state(db, schema, "vocab_size") + 1;
	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;

		if (typo_term_at(st, mid, term, sizeof term) == 0 &&
		    strcmp(term, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (id = lo; typo_term_at(st, id, term, sizeof term) == 0 &&
	    strncmp(term, prefix, plen) == 0; id++) {
		if (n == max) {
			n = max + 1;
			break;
		}
		out[n++] = xstrdup(term);
	}
	sqlite3_finalize(st);
	free(sql);
	if (n > max) {
		for (i = 0; i < max; i++)
			free(out[i]);
		return -1;
	}
	return (int)n;
}

/* The id of the first term >= key (ids follow the terms' byte order);
 * st is "SELECT term FROM schema.search_term WHERE id = ?". */
static int64_t
typo_lower_bound(struct catalog_db *db, const char *schema, sqlite3_stmt *st,
    const char *key)
{
	int64_t lo = 1, hi = typo_state(db, schema, "vocab_size") + 1;
	char term[1024];

	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;

		if (typo_term_at(st, mid, term, sizeof term) == 0 &&
		    strcmp(term, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Decode the first max code points of s (fewer if s is shorter); -1 if
 * invalid. */
static int
typo_decode_head(const char *s, UChar32 *cp, int max)
{
	int32_t i = 0, n = (int32_t)strlen(s);
	int k = 0;
	UChar32 c;

	while (i < n && k < max) {
		U8_NEXT(s, i, n, c);
		if (c < 0)
			return -1;
		cp[k++] = c;
	}
	return k;
}

/* Keep the best max candidates (typo_cand_cmp order) in c[0..*nc). */
static void
typo_keep(struct typo_cand *c, size_t *nc, size_t max, const char *term,
    int64_t docs)
{
	struct typo_cand x = { 0, docs, (char *)term };
	size_t i;

	if (*nc == max && typo_cand_cmp(&x, &c[max - 1]) >= 0)
		return;
	if (*nc == max)
		free(c[--*nc].term);
	for (i = *nc; i > 0 && typo_cand_cmp(&x, &c[i - 1]) < 0; i--)
		c[i] = c[i - 1];
	c[i].id = 0;
	c[i].docs = docs;
	c[i].term = xstrdup(term);
	(*nc)++;
}

/*
 * The vocabulary rows from the first term that starts with anchor (the
 * first alen bytes of word) on, in byte order, at most budget of them;
 * cb gets each term that starts with the anchor. The statement pair of a
 * scan: by id for the binary search, and the range itself.
 */
static int
typo_scan(struct catalog_db *db, const char *word, size_t alen, int budget,
    void (*cb)(void *, const char *, int64_t), void *arg)
{
	sqlite3 *sq = catalog_db_sqlite(db);
	sqlite3_stmt *one = NULL, *range = NULL;
	const char *schema, *t;
	char *sql1, *sql2, *anchor;
	int rc = -1;

	if ((schema = typo_schema(db, 0)) == NULL)
		return -1;
	sql1 = xasprintf("SELECT term FROM %s.search_term WHERE id = ?",
	    schema);
	sql2 = xasprintf("SELECT term, docs FROM %s.search_term WHERE id >= ?"
	    " ORDER BY id", schema);
	anchor = xmalloc(alen + 1);
	memcpy(anchor, word, alen);
	anchor[alen] = '\0';
	if (sqlite3_prepare_v2(sq, sql1, -1, &one, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(sq, sql2, -1, &range, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(range, 1, typo_lower_bound(db, schema, one,
	    anchor));
	while (budget-- > 0 && sqlite3_step(range) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(range, 0);
		if (t == NULL || strncmp(t, anchor, alen) != 0)
			break;
		cb(arg, t, sqlite3_column_int64(range, 1));
	}
	rc = 0;
out:
	sqlite3_finalize(one);
	sqlite3_finalize(range);
	free(sql1);
	free(sql2);
	free(anchor);
	return rc;
}

struct typo_pfx {
	const char	*word;
	size_t		 wlen;
	UChar32		 cp[TYPO_MAX_TERM + 1];
	int		 n;
	struct typo_cand *c;
	size_t		 nc, max;
};

/* A term one typing error from starting with the typed word. */
static void
typo_pfx_cb(void *arg, const char *term, int64_t docs)
{
	struct typo_pfx *p = arg;
	UChar32 t[TYPO_MAX_TERM + 2];
	int m, n = p->n;

	if (strncmp(term, p->word, p->wlen) == 0)
		return;		/* an exact completion: not a typo */
	m = typo_decode_head(term, t, n + 1);
	if (m < n - 1)
		return;
	if (typo_cp_distance1(p->cp, n, t, n - 1) ||
	    (m >= n && typo_cp_distance1(p->cp, n, t, n)) ||
	    (m >= n + 1 && typo_cp_distance1(p->cp, n, t, n + 1)))
		typo_keep(p->c, &p->nc, p->max, term, docs);
}

/* Bytes of the first k code points of s (all of s if shorter). */
static size_t
typo_head_bytes(const char *s, int k)
{
	int32_t i = 0, n = (int32_t)strlen(s);

	U8_FWD_N(s, i, n, k);
	return (size_t)i;
}

size_t
catalog_typo_prefix_fixes(struct catalog_db *db, const char *prefix,
    char **out, size_t max)
{
	struct typo_pfx p;
	size_t i;

	memset(&p, 0, sizeof p);
	p.n = typo_decode(prefix, p.cp, TYPO_MAX_TERM);
	if (p.n < CATALOG_TYPO_MIN_WORD || max == 0)
		return 0;
	p.word = prefix;
	p.wlen = strlen(prefix);
	p.max = max;
	p.c = xcalloc(max, sizeof *p.c);
	typo_scan(db, prefix, typo_head_bytes(prefix, CATALOG_TYPO_ANCHOR),
	    CATALOG_TYPO_PREFIX_BUDGET, typo_pfx_cb, &p);
	for (i = 0; i < p.nc; i++)
		out[i] = p.c[i].term;
	free(p.c);
	return p.nc;
}

/* Optimal string alignment distance of x[0..n) and y[0..m), or limit + 1
 * when it is more than limit. */
static int
typo_cp_distance(const UChar32 *x, int n, const UChar32 *y, int m, int limit)
{
	int d[TYPO_MAX_TERM + 3][TYPO_MAX_TERM + 3];
	int i, j, best;

	if (n > TYPO_MAX_TERM + 2 || m > TYPO_MAX_TERM + 2)
		return limit + 1;
	if (n - m > limit || m - n > limit)
		return limit + 1;
	for (i = 0; i <= n; i++)
		d[i][0] = i;
	for (j = 0; j <= m; j++)
		d[0][j] = j;
	for (i = 1; i <= n; i++) {
		best = limit + 1;
		for (j = 1; j <= m; j++) {
			int v = d[i - 1][j - 1] + (x[i - 1] != y[j - 1]);

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] &&
			    x[i - 2] == y[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return d[n][m] <= limit ? d[n][m] : limit + 1;
}

struct typo_near {
	UChar32		 cp[TYPO_MAX_TERM + 1];
	int		 n, prefix, limit, best;
	int64_t		 docs;
	char		*term;
};

static void
typo_near_cb(void *arg, const char *term, int64_t docs)
{
	struct typo_near *s = arg;
	UChar32 t[TYPO_MAX_TERM + 3];
	int m = typo_decode_head(term, t, TYPO_MAX_TERM + 2), d, l;

	if (m < 0)
		return;
	d = typo_cp_distance(s->cp, s->n, t, m, s->limit);
	if (s->prefix)		/* the word being typed: a start of term */
		for (l = s->n - s->limit; l <= s->n + s->limit; l++)
			if (l > 0 && l < m) {
				int dl = typo_cp_distance(s->cp, s->n, t, l,
				    s->limit);

				if (dl < d)
					d = dl;
			}
	if (d > s->limit)
		return;
	if (d < s->best || (d == s->best && (docs > s->docs ||
	    (docs == s->docs && strcmp(term, s->term) < 0)))) {
		free(s->term);
		s->term = xstrdup(term);
		s->best = d;
		s->docs = docs;
	}
}

char *
catalog_typo_nearest(struct catalog_db *db, const char *word, int prefix)
{
	struct typo_near s;

	memset(&s, 0, sizeof s);
	s.n = typo_decode(word, s.cp, TYPO_MAX_TERM);
	if (s.n < 3)
		return NULL;
	s.prefix = prefix;
	s.limit = s.n < 5 ? 1 : s.n < 9 ? 2 : 3;
	s.best = s.limit + 1;
	typo_scan(db, word, typo_head_bytes(word, CATALOG_TYPO_NEAREST_ANCHOR),
	    CATALOG_TYPO_NEAREST_BUDGET, typo_near_cb, &s);
	return s.term;
}

int
catalog_typo_known(struct catalog_db *db, const char *word, int prefix)
{
	sqlite3_stmt *st = NULL;
	const char *schema;
	char *sql, term[1024];
	int rc = -1;

	if ((schema = typo_schema(db, 1)) == NULL)
		return -1;
	sql = xasprintf("SELECT term FROM %s.search_term WHERE id = ?", schema);
	if (sqlite3_prepare_v2(catalog_db_sqlite(db), sql, -1, &st, NULL) ==
	    SQLITE_OK) {
		if (typo_term_at(st, typo_lower_bound(db, schema, st, word),
		    term, sizeof term) != 0)
			rc = 0;
		else if (prefix)
			rc = strncmp(term, word, strlen(word)) == 0;
		else
			rc = strcmp(term, word) == 0;
	}
	sqlite3_finalize(st);
	free(sql);
	return rc;
}
