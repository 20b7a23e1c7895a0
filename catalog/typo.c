/*
 * typo: forgiving word matching for search (see typo.h).
 *
 * search_term(id, term, docs) lists the vocabulary; search_del(h, term_id)
 * holds a 32-bit FNV-1a hash of each term and of each of its one-letter
 * deletions (letters are code points, not bytes). A lookup hashes the
 * typed word and its deletions, so a query costs n + 1 index seeks; hash
 * collisions only add a candidate that the distance check then drops.
 * A rebuild collects all pairs in memory and inserts them sorted, which is
 * far faster than random inserts into the b-tree.
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
#define TYPO_MAX_TERM 40	/* code points; longer words are not kept */

struct typo_pair {
	int64_t		 h;
	int64_t		 id;
};

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
	/* 32 bits keep the table small; collisions only cost a check. */
	return (int64_t)(h >> 32);
}

int
catalog_typo_distance1(const char *a, const char *b)
{
	UChar32 x[TYPO_MAX_TERM + 2], y[TYPO_MAX_TERM + 2];
	int n = typo_decode(a, x, TYPO_MAX_TERM + 1);
	int m = typo_decode(b, y, TYPO_MAX_TERM + 1);
	int i, j;

	if (n < 0 || m < 0)
		return 0;
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

static int
typo_pair_cmp(const void *a, const void *b)
{
	const struct typo_pair *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int
typo_sql_error(struct catalog_db *db, char **cause)
{
	*cause = xasprintf("%s: cannot build the search vocabulary: %s",
	    catalog_db_path(db), sqlite3_errmsg(catalog_db_sqlite(db)));
	return -1;
}

/* Fill schema's search_term and search_del for generation gen. */
static int
typo_build(struct catalog_db *db, const char *schema, int64_t gen,
    char **cause)
{
	sqlite3 *sq = catalog_db_sqlite(db);
	sqlite3_stmt *voc = NULL, *ins = NULL;
	struct typo_pair *pairs = NULL;
	size_t npairs = 0, cap = 0, i;
	UChar32 cp[TYPO_MAX_TERM + 1];
	int64_t id = 0;
	char *sql = NULL;
	int n, k, rc = -1;

	sql = xasprintf("DELETE FROM %s.search_term; DELETE FROM"
	    " %s.search_del; CREATE VIRTUAL TABLE IF NOT EXISTS"
	    " temp.search_vocab USING fts5vocab(main, entry_fts, 'row')",
	    schema, schema);
	if (catalog_db_exec(db, sql, cause) != 0)
		goto out;
	free(sql);
	sql = xasprintf("INSERT INTO %s.search_term(id, term, docs)"
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
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_text(ins, 2, t, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 3, sqlite3_column_int64(voc, 1));
		if (sqlite3_step(ins) != SQLITE_DONE) {
			typo_sql_error(db, cause);
			goto out;
		}
		sqlite3_reset(ins);
		n = typo_decode(t, cp, TYPO_MAX_TERM);
		if (n < TYPO_MIN_TERM)
			continue;	/* no typos corrected to it */
		if (npairs + (size_t)n + 1 > cap) {
			cap = (npairs + (size_t)n + 1) * 2;
			pairs = xreallocarray(pairs, cap, sizeof *pairs);
		}
		for (k = -1; k < n; k++) {
			pairs[npairs].h = typo_hash(cp, n, k);
			pairs[npairs++].id = id;
		}
	}
	sqlite3_finalize(ins);
	ins = NULL;
	qsort(pairs, npairs, sizeof *pairs, typo_pair_cmp);
	free(sql);
	sql = xasprintf("INSERT OR IGNORE INTO %s.search_del(h, term_id)"
	    " VALUES (?, ?)", schema);
	if (sqlite3_prepare_v2(sq, sql, -1, &ins, NULL) != SQLITE_OK) {
		typo_sql_error(db, cause);
		goto out;
	}
	for (i = 0; i < npairs; i++) {
		sqlite3_bind_int64(ins, 1, pairs[i].h);
		sqlite3_bind_int64(ins, 2, pairs[i].id);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			typo_sql_error(db, cause);
			goto out;
		}
		sqlite3_reset(ins);
	}
	free(sql);
	sql = xasprintf("UPDATE %s.search_state SET value = %lld"
	    " WHERE key = 'vocab_gen'", schema, (long long)gen);
	if (catalog_db_exec(db, sql, cause) != 0)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(voc);
	sqlite3_finalize(ins);
	free(pairs);
	free(sql);
	return rc;
}

/* Build schema's tables in a savepoint, so a failure leaves them as were. */
static int
typo_rebuild(struct catalog_db *db, const char *schema, int64_t gen,
    char **cause)
{
	if (catalog_db_exec(db, "SAVEPOINT typo_rebuild", cause) != 0)
		return -1;
	if (typo_build(db, schema, gen, cause) != 0) {
		catalog_db_exec(db, "ROLLBACK TO typo_rebuild;"
		    " RELEASE typo_rebuild", NULL);
		return -1;
	}
	return catalog_db_exec(db, "RELEASE typo_rebuild", cause);
}

int
catalog_typo_refresh(struct catalog_db *db, char **cause)
{
	int64_t gen = typo_state(db, "main", "gen");

	if (gen == typo_state(db, "main", "vocab_gen"))
		return 0;
	return typo_rebuild(db, "main", gen, cause);
}

/* The schema whose vocabulary is current, rebuilding one if needed. */
static const char *
typo_schema(struct catalog_db *db)
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
	if (catalog_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS search_state"
	    " (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"
	    " INSERT OR IGNORE INTO temp.search_state VALUES ('vocab_gen', 0);"
	    " CREATE TEMP TABLE IF NOT EXISTS search_term (id INTEGER PRIMARY"
	    " KEY, term TEXT NOT NULL, docs INTEGER NOT NULL);"
	    " CREATE INDEX IF NOT EXISTS temp.search_term_term"
	    " ON search_term(term);"
	    " CREATE TEMP TABLE IF NOT EXISTS search_del (h INTEGER NOT NULL,"
	    " term_id INTEGER NOT NULL, PRIMARY KEY (h, term_id))"
	    " WITHOUT ROWID", &cause) != 0 ||
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
	sqlite3_stmt *st = NULL;
	const char *schema;
	size_t nc = 0, i, j, n_out = 0;
	char *sql;
	int n, k;

	n = typo_decode(word, cp, TYPO_MAX_TERM);
	if (n < CATALOG_TYPO_MIN_WORD || max == 0)
		return 0;
	if ((schema = typo_schema(db)) == NULL)
		return 0;
	sql = xasprintf("SELECT t.id, t.docs, t.term FROM %s.search_del d"
	    " JOIN %s.search_term t ON t.id = d.term_id WHERE d.h = ?",
	    schema, schema);
	if (sqlite3_prepare_v2(catalog_db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		goto out;
	for (k = -1; k < n; k++) {
		sqlite3_bind_int64(st, 1, typo_hash(cp, n, k));
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			const char *t = (const char *)sqlite3_column_text(st, 2);

			for (j = 0; j < nc && c[j].id != id; j++)
				;
			if (j < nc || t == NULL ||
			    !catalog_typo_distance1(word, t))
				continue;
			c = xreallocarray(c, nc + 1, sizeof *c);
			c[nc].id = id;
			c[nc].docs = sqlite3_column_int64(st, 1);
			c[nc++].term = xstrdup(t);
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
	free(sql);
	free(c);
	return n_out;
}

int
catalog_typo_completions(struct catalog_db *db, const char *prefix,
    char **out, size_t max)
{
	sqlite3_stmt *st = NULL;
	const char *schema;
	char *sql, *hi;
	size_t n = 0, i;

	if ((schema = typo_schema(db)) == NULL)
		return -1;
	/* Every string that starts with prefix sorts below prefix + U+10FFFF. */
	hi = xasprintf("%s\xf4\x8f\xbf\xbf", prefix);
	sql = xasprintf("SELECT term FROM %s.search_term WHERE term >= ?1"
	    " AND term < ?2 ORDER BY term LIMIT %zu", schema, max + 1);
	if (sqlite3_prepare_v2(catalog_db_sqlite(db), sql, -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (n == max) {
				n = max + 1;
				break;
			}
			out[n++] = catalog_db_column_strdup(st, 0);
		}
	} else
		n = max + 1;
	sqlite3_finalize(st);
	free(sql);
	free(hi);
	if (n > max) {
		for (i = 0; i < max && i < n; i++)
			free(out[i]);
		return -1;
	}
	return (int)n;
}
