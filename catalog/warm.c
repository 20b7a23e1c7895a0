/*
 * warm: reading the catalogue's hot pages ahead of the first search (see
 * warm.h).
 *
 * Why: the connection maps the catalogue (db.c, mmap), and on the
 * machines measured every page a process touches the first time is a
 * page fault of 20-40 us; a new process's first keystrokes spent most of
 * their time there (BENCHMARKS.md, "Where the tail is"). A kiosk opens
 * the catalogue once and then waits for a person: that wait is time to
 * touch the pages search will read, on the same connection (each
 * connection has its own mapping, so another connection would not do).
 *
 * What: the b-trees below, hottest per byte first: the full-text
 * segment indexes, the typo vocabulary, the title and title+summary
 * indexes, the filters' indexes (themes, offerings by entry, the R*Tree),
 * the entry and offering rows, the titles' index and last the index of
 * everything. Not entry_text's rows (half the file: search reads only the
 * titles of the hits it shows) nor the indexes search never reads
 * (offering_start, the UNIQUE key indexes). At 100k entries that is
 * about 135 MiB of 266; at 1M about 1.1 GiB of 2.4. The resident set
 * grows by more: the kernel maps the cached pages around each fault too,
 * and these b-trees' pages lie all over the file, so in practice the
 * whole mapping ends up mapped (clean, shared pages of the OS file
 * cache; SQLite maps at most 2 GiB). Measured in BENCHMARKS.md.
 *
 * How: each b-tree is read in key order by a plain SELECT of its key
 * columns, which visits every leaf page and no overflow page. A step
 * reads until its time is up (checked every CATALOG_WARM_CHECK rows),
 * remembers the last key and finalizes its statement: between steps no
 * statement is open, so no read transaction is held (a WAL reader never
 * blocks sync's writer anyway, but an open one would pin the old
 * snapshot for the kiosk's own searches on this connection and keep
 * checkpoints from finishing). The next step resumes with a row-value
 * comparison (key) > (last). Statements are prepared per step: a step is
 * milliseconds, a prepare microseconds, and db.c may reconnect between
 * steps. When PRAGMA data_version says another connection changed the
 * catalogue, the warm-up starts over (its new pages need touching; pages
 * already mapped cost nothing to read again), at most CATALOG_WARM_RESTARTS
 * times. Nothing here is ever an error: a missing table is skipped, a
 * busy or failing read ends that b-tree or the warm-up quietly.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/dbint.h"
#include "catalog/warm.h"
#include "catalog/xmalloc.h"

#define CATALOG_WARM_CHECK 16		/* rows between looks at the clock */
#define CATALOG_WARM_RESTARTS 3
#define CATALOG_WARM_FAILURES 3		/* busy steps in a row: give up */

/* One b-tree: FROM clause (naming the index) and its key columns. */
struct catalog_warm_tree {
	const char	*from;
	const char	*keys;
	int		 nkeys;
};

static const struct catalog_warm_tree catalog_warm_trees[] = {
	{ "title_fts_idx", "segid, term", 2 },
	{ "head_fts_idx", "segid, term", 2 },
	{ "entry_fts_idx", "segid, term", 2 },
	{ "theme NOT INDEXED", "id", 1 },
	{ "search_lang NOT INDEXED", "slot", 1 },
	{ "search_term NOT INDEXED", "id", 1 },
	{ "search_del NOT INDEXED", "bucket", 1 },
	{ "title_fts_data NOT INDEXED", "id", 1 },
	{ "head_fts_data NOT INDEXED", "id", 1 },
	{ "entry_theme INDEXED BY entry_theme_by_theme", "theme_id, entry_id",
	    2 },
	{ "entry_theme NOT INDEXED", "entry_id, theme_id", 2 },
	{ "offering INDEXED BY offering_entry_start", "entry_id", 1 },
	{ "entry_geo_rowid NOT INDEXED", "rowid", 1 },
	{ "entry_geo_parent NOT INDEXED", "nodeno", 1 },
	{ "entry_geo_node NOT INDEXED", "nodeno", 1 },
	{ "entry NOT INDEXED", "id", 1 },
	{ "offering NOT INDEXED", "id", 1 },
	{ "entry_text INDEXED BY sqlite_autoindex_entry_text_1",
	    "entry_id, lang", 2 },
	{ "entry_fts_data NOT INDEXED", "id", 1 },
};
#define CATALOG_WARM_NTREES \
	(sizeof catalog_warm_trees / sizeof catalog_warm_trees[0])

struct catalog_warm {
	struct catalog_db *db;
	size_t		 tree;		/* the b-tree being read */
	sqlite3_value	*last[2];	/* its last key read, NULL: none yet */
	int64_t		 version;	/* PRAGMA data_version at the start */
	int		 failures;	/* busy steps in a row */
	int		 done;
	struct catalog_warm_stats st;
};

static int64_t
catalog_warm_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
catalog_warm_forget(struct catalog_warm *w)
{
	int i;

	for (i = 0; i < 2; i++) {
		sqlite3_value_free(w->last[i]);
		w->last[i] = NULL;
	}
}

struct catalog_warm *
catalog_warm_new(struct catalog_db *db)
{
	struct catalog_warm *w = xcalloc(1, sizeof *w);

	w->db = db;
	w->version = catalog_db_data_version(db);
	return w;
}

void
catalog_warm_free(struct catalog_warm *w)
{
	if (w == NULL)
		return;
	catalog_warm_forget(w);
	free(w);
}

int
catalog_warm_done(const struct catalog_warm *w)
{
	return w->done;
}

void
catalog_warm_stats(const struct catalog_warm *w,
    struct catalog_warm_stats *st)
{
	*st = w->st;
}

/* On to the next b-tree. */
static void
catalog_warm_next_tree(struct catalog_warm *w)
{
	catalog_warm_forget(w);
	w->tree++;
}

/*
 * Read the current b-tree until its end (1) or until deadline (0, with
 * its last key remembered); -1 when it cannot be read now (busy).
 */
static int
catalog_warm_tree(struct catalog_warm *w, int64_t deadline)
{
	const struct catalog_warm_tree *t = &catalog_warm_trees[w->tree];
	sqlite3_stmt *st;
	char *sql;
	uint64_t n = 0;
	int i, rc;

	if (w->last[0] == NULL)
		sql = xasprintf("SELECT %s FROM %s ORDER BY %s", t->keys,
		    t->from, t->keys);
	else
		sql = xasprintf("SELECT %s FROM %s WHERE (%s) > (%s)"
		    " ORDER BY %s", t->keys, t->from, t->keys,
		    t->nkeys == 2 ? "?1, ?2" : "?1", t->keys);
	rc = sqlite3_prepare_v2(catalog_db_sqlite(w->db), sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		/* Not in this catalogue (an older or a test schema). */
		sqlite3_finalize(st);
		return 1;
	}
	for (i = 0; i < t->nkeys && w->last[0] != NULL; i++)
		sqlite3_bind_value(st, i + 1, w->last[i]);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (++n % CATALOG_WARM_CHECK == 0 &&
		    catalog_warm_now_us() >= deadline) {
			catalog_warm_forget(w);
			for (i = 0; i < t->nkeys; i++)
				w->last[i] = sqlite3_value_dup(
				    sqlite3_column_value(st, i));
			if (w->last[0] == NULL ||
			    (t->nkeys == 2 && w->last[1] == NULL)) {
				/* Out of memory: no way to resume. */
				catalog_warm_forget(w);
				sqlite3_finalize(st);
				w->st.rows += n;
				return 1;
			}
			sqlite3_finalize(st);
			w->st.rows += n;
			return 0;
		}
	}
	sqlite3_finalize(st);
	w->st.rows += n;
	rc &= 0xff;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return -1;
	/* Done, or unreadable for another reason: either way, next. */
	return 1;
}

int
catalog_warm_step(struct catalog_warm *w, int budget_ms)
{
	int64_t start, deadline, v;
	int r;

	if (w->done)
		return 0;
	start = catalog_warm_now_us();
	deadline = start + (int64_t)(budget_ms > 0 ? budget_ms : 0) * 1000;
	w->st.steps++;
	v = catalog_db_data_version(w->db);
	if (v != w->version) {
		/* Changed by another connection: the new pages too. */
		w->version = v;
		if (w->st.restarts == CATALOG_WARM_RESTARTS) {
			w->done = 1;
			goto out;
		}
		w->st.restarts++;
		catalog_warm_forget(w);
		w->tree = 0;
		w->st.trees = 0;
	}
	while (w->tree < CATALOG_WARM_NTREES) {
		r = catalog_warm_tree(w, deadline);
		if (r < 0) {
			/* Try again next step, a few times. */
			if (++w->failures >= CATALOG_WARM_FAILURES)
				w->done = 1;
			goto out;
		}
		w->failures = 0;
		if (r == 0)
			goto out;
		catalog_warm_next_tree(w);
		w->st.trees++;
		if (catalog_warm_now_us() >= deadline)
			break;
	}
	if (w->tree == CATALOG_WARM_NTREES)
		w->done = 1;
out:
	start = catalog_warm_now_us() - start;
	w->st.usec += start;
	if (start > w->st.max_step_usec)
		w->st.max_step_usec = start;
	return !w->done;
}
