/*
 * warm: reading the catalogue's hot pages ahead of the first search.
 *
 * A new process maps the catalogue (db.c: mmap) and pays a page fault
 * for every page it reads the first time: most of the cost of its first
 * keystrokes. catalog_warm_step() reads through the b-trees search and
 * its filters use, a slice at a time, so their pages are mapped before a
 * person types. Reads only, and nothing is held open between steps.
 */
#ifndef CATALOG_WARM_H
#define CATALOG_WARM_H

#include <stdint.h>

struct catalog_db;
struct catalog_warm;

struct catalog_warm_stats {
	unsigned	 steps;		/* calls that read something */
	uint64_t	 rows;		/* b-tree entries read */
	unsigned	 trees;		/* b-trees read to their end (or
					   skipped) since the last restart */
	unsigned	 restarts;	/* the catalogue changed meanwhile */
	int64_t		 usec;		/* wall-clock time spent in steps */
	int64_t		 max_step_usec;	/* the longest step */
};

/* A warm-up of db (which must outlive it); nothing is read yet. */
struct catalog_warm *catalog_warm_new(struct catalog_db *db);
/*
 * Read on for about budget_ms milliseconds (0: the smallest slice, a few
 * rows), then return: 1 while more remains, 0 when done. Never fails: a
 * b-tree the catalogue lacks or cannot read now is skipped, and a
 * catalogue changed by another program meanwhile is warmed again from the
 * start (a few times at most).
 */
int catalog_warm_step(struct catalog_warm *w, int budget_ms);
/* Whether catalog_warm_step() has nothing more to do. */
int catalog_warm_done(const struct catalog_warm *w);
void catalog_warm_stats(const struct catalog_warm *w,
    struct catalog_warm_stats *st);
void catalog_warm_free(struct catalog_warm *w);

#endif
