/*
 * fuzz: shared set-up of the libFuzzer targets (fuzz_*.c).
 *
 * One catalogue per process in a temporary folder, with the kiosk's ten
 * theme keys, so that importers get as far as storing records. Each input
 * runs in its own import session that is aborted afterwards: the
 * catalogue never grows and every input sees the same state.
 */
#ifndef TESTS_FUZZ_H
#define TESTS_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/db.h"
#include "catalog/import.h"
#include "catalog/xmalloc.h"

static struct catalog_db *fuzz_db;
static char fuzz_dir[64];

static void
fuzz_cleanup(void)
{
	char	*cmd;

	catalog_db_close(fuzz_db);
	cmd = xasprintf("rm -rf '%s'", fuzz_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", fuzz_dir);
	free(cmd);
}

/* A new import session on the fuzz catalogue (aborts on failure). */
static struct catalog_import *
fuzz_begin(void)
{
	static const char *const themes[] = { "technical", "energy", "care",
	    "logistics", "language", "digital", "construction", "media",
	    "safety", "career" };
	struct catalog_import_summary sum;
	struct catalog_import *imp;
	char *cause = NULL, *path;
	size_t i;

	if (fuzz_db == NULL) {
		/* The ISCED-F table: from the source tree unless told. */
		setenv("LEERPUNT_DATADIR", LP_FUZZ_DATADIR, 0);
		snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/leerpunt-fuzz.XXXXXX");
		if (mkdtemp(fuzz_dir) == NULL)
			abort();
		path = xasprintf("%s/c.db", fuzz_dir);
		if ((fuzz_db = catalog_db_open(path, CATALOG_DB_CREATE,
		    &cause)) == NULL) {
			fprintf(stderr, "%s\n", cause);
			abort();
		}
		free(path);
		atexit(fuzz_cleanup);
		if ((imp = catalog_import_begin(fuzz_db, "themes", &cause)) ==
		    NULL)
			abort();
		for (i = 0; i < sizeof themes / sizeof themes[0]; i++) {
			if (catalog_import_theme(imp, themes[i], (int)i, "en",
			    themes[i], NULL, &cause) != 0)
				abort();
		}
		if (catalog_import_commit(imp, &sum, &cause) != 0)
			abort();
		catalog_import_summary_done(&sum);
	}
	if ((imp = catalog_import_begin(fuzz_db, "fuzz", &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		abort();
	}
	return imp;
}

#endif
