/*
 * fuzz_xcri: libFuzzer target for the XCRI-CAP importer (libxml2 parse,
 * XHTML to text, entity budget, presentation values).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "catalog/xcri.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog_import *imp = fuzz_begin();
	char *cause = NULL;

	if (catalog_xcri_import_memory(imp, "f.xml", (const char *)data, size,
	    &cause) != 0) {
		if (cause == NULL || strncmp(cause, "f.xml", 5) != 0)
			abort();	/* every error names the file */
		free(cause);
	}
	catalog_import_abort(imp);
	return 0;
}
