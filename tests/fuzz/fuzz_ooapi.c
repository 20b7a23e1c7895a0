/*
 * fuzz_ooapi: libFuzzer target for the OOAPI importer.
 *
 * An input is split at the first NUL byte into two files, so that
 * references between files (an offering and its course, pages of one
 * collection) are reached as well as single documents.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "catalog/ooapi.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog_ooapi_input in[2];
	struct catalog_import *imp = fuzz_begin();
	const uint8_t *nul = memchr(data, '\0', size);
	char *cause = NULL;
	size_t n = 1;

	in[0].name = "a.json";
	in[0].data = (const char *)data;
	in[0].len = size;
	if (nul != NULL) {
		in[0].len = (size_t)(nul - data);
		in[1].name = "b.json";
		in[1].data = (const char *)nul + 1;
		in[1].len = size - in[0].len - 1;
		n = 2;
	}
	if (catalog_ooapi_import_buffers(imp, in, n, &cause) != 0) {
		if (cause == NULL || (strncmp(cause, "a.json", 6) != 0 &&
		    strncmp(cause, "b.json", 6) != 0))
			abort();	/* every error names its file */
		free(cause);
	}
	catalog_import_abort(imp);
	return 0;
}
