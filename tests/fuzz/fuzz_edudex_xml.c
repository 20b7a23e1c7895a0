/*
 * fuzz_edudex_xml: libFuzzer target for the EDU-DEX importer, XML form
 * (libxml2 parse, element tree to the Data API's JSON shape, directories
 * read from memory, which may name no files).
 * Inputs of the other form are left to the other target.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "catalog/edudex.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog_import *imp;
	char *cause = NULL;
	size_t i = 0;

	while (i < size && (data[i] == ' ' || data[i] == '\n'))
		i++;
	if (i < size && (data[i] == '<') != 1)
		return 0;
	imp = fuzz_begin();
	if (catalog_edudex_import_memory(imp, "f.xml", (const char *)data,
	    size, NULL, &cause) != 0) {
		if (cause == NULL || strncmp(cause, "f.xml", 5) != 0)
			abort();	/* every error names the file */
		free(cause);
	}
	catalog_import_abort(imp);
	return 0;
}
