/*
 * fuzz_csv: libFuzzer target for the CSV reader and the Leerpunt CSV
 * importer (themes and entries files).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "catalog/csv.h"
#include "catalog/csvimport.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog_import *imp = fuzz_begin();
	struct catalog_csv *csv;
	char *cause = NULL;

	csv = catalog_csv_new("f.csv", (const char *)data, size);
	if (catalog_csvimport_read(imp, csv, &cause) != 0) {
		if (cause == NULL)
			abort();	/* an error always says why */
		free(cause);
	}
	catalog_csv_free(csv);
	catalog_import_abort(imp);
	return 0;
}
