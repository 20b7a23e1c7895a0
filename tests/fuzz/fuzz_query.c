/*
 * fuzz_query: libFuzzer target for the search query parser.
 *
 * Every input is typed text: it goes through folding, typo correction and
 * the FTS5 expression builder into a real search of a small catalogue
 * (made once, in a temporary folder). The first byte chooses options
 * (prefix or finished word, language, sort, a filter), so those paths are
 * fuzzed too. Any crash, sanitizer report or failed search is a bug: no
 * text a person can type may break a search.
 *
 * Build: ./configure --enable-fuzz CC=clang && make tests/fuzz/fuzz_query
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/csv.h"
#include "catalog/csvimport.h"
#include "catalog/db.h"
#include "catalog/import.h"
#include "catalog/search.h"
#include "catalog/xmalloc.h"

static const char fuzz_themes[] =
    "theme,position,label_nl\n"
    "technical,1,Techniek\n"
    "care,2,Zorg\n";

static const char fuzz_entries[] =
    "id,kind,provider,themes,level,city,lat,lon,title_nl,title_en,"
    "title_ar,title_uk,summary_nl,start,mode,cost,instruction_lang\n"
    "a,course,X,technical,mbo2,Rotterdam,51.92,4.48,Lassen voor beginners,"
    "Welding for beginners,دورة اللحام,Курси зварювання,Je leert lassen.,"
    "2027-01-10,onsite,0,nl\n"
    "b,community,Y,care,,Utrecht,52.09,5.12,Verpleging,Nursing,,,"
    "Werken in de zorg.,,,,\n";

static struct catalog_db *fuzz_db;

static void
fuzz_import(const char *name, const char *text)
{
	struct catalog_import_summary sum;
	struct catalog_import *imp;
	struct catalog_csv *csv;
	char *cause = NULL;

	if ((imp = catalog_import_begin(fuzz_db, "fuzz", &cause)) == NULL)
		goto fail;
	csv = catalog_csv_new(name, text, strlen(text));
	if (catalog_csvimport_read(imp, csv, &cause) != 0) {
		catalog_csv_free(csv);
		catalog_import_abort(imp);
		goto fail;
	}
	catalog_csv_free(csv);
	if (catalog_import_commit(imp, &sum, &cause) != 0)
		goto fail;
	catalog_import_summary_done(&sum);
	return;
fail:
	fprintf(stderr, "fuzz_query: setup: %s\n", cause);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/leerpunt-fuzz.XXXXXX", *path, *cause = NULL;

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL)
		abort();
	path = xasprintf("%s/c.db", dir);
	fuzz_db = catalog_db_open(path, CATALOG_DB_CREATE, &cause);
	if (fuzz_db == NULL) {
		fprintf(stderr, "fuzz_query: %s\n", cause);
		abort();
	}
	fuzz_import("themes.csv", fuzz_themes);
	fuzz_import("entries.csv", fuzz_entries);
	/* The catalogue lives as long as the process; unlink it now. */
	unlink(path);
	free(path);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { "nl", "en", "ar", "uk" };
	struct catalog_results r;
	struct catalog_query q;
	char *text, *cause = NULL;
	uint8_t opt = size > 0 ? data[0] : 0;

	if (size > 4096)
		return 0;
	text = xmalloc(size + 1);
	if (size > 1)
		memcpy(text, data + 1, size - 1);
	text[size > 0 ? size - 1 : 0] = '\0';
	catalog_query_init(&q);
	q.text = text;
	q.lang = langs[opt & 3];
	q.today = "2026-11-27";
	q.sort = (opt & 4) ? CATALOG_SORT_NAME : CATALOG_SORT_RELEVANCE;
	q.no_typos = (opt & 8) != 0;
	if (opt & 16) {
		q.has_place = 1;
		q.near_lat = 51.9;
		q.near_lon = 4.5;
		q.max_km = (opt & 32) ? 30 : 0;
	}
	if (opt & 64)
		q.free_only = 1;
	if ((opt & 96) == 32 && !(opt & 16))
		q.starts_after_days = 92;	/* "later" */
	q.offset = (opt & 128) ? 1 : 0;
	if (catalog_search_run(fuzz_db, &q, &r, &cause) != 0) {
		fprintf(stderr, "fuzz_query: search failed: %s\n", cause);
		abort();
	}
	catalog_results_done(&r);
	free(text);
	return 0;
}
