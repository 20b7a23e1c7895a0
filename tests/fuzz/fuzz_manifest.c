/*
 * fuzz_manifest: libFuzzer target for the repository manifest parser.
 *
 * The sync agent parses manifest.json from the network before any
 * signature is checked, so every byte of it is untrusted. Each input is
 * parsed; a manifest that parses must verify (or fail cleanly) against a
 * key that did not sign it, answer its lookups, and write back to JSON
 * that parses again to the same version and files. Any crash, sanitizer
 * report or broken round trip is a bug.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char key[1][32] = { { 1, 2, 3 } };
	struct catalog_manifest *m, *again;
	char *cause = NULL, *text;
	size_t signer, i;

	if ((m = catalog_manifest_parse((const char *)data, size, "f.json",
	    &cause)) == NULL) {
		if (cause == NULL || strncmp(cause, "f.json", 6) != 0)
			abort();	/* every error names the source */
		free(cause);
		return 0;
	}
	if (catalog_manifest_verify(m, key, 1, "f.json", &signer, &cause) == 0)
		abort();		/* nobody holds key 1,2,3... */
	free(cause);
	cause = NULL;
	if (catalog_manifest_snapshot(m) == NULL)
		abort();		/* the parser insists on one */
	(void)catalog_manifest_delta(m, m->version - 1);
	for (i = 0; i < m->nfiles; i++)
		if (catalog_manifest_find(m, m->files[i].name) == NULL)
			abort();
	text = catalog_manifest_write(m);
	if ((again = catalog_manifest_parse(text, strlen(text), "again",
	    &cause)) == NULL) {
		/* Unsigned: the written form lacks signatures only. */
		if (cause == NULL || strstr(cause, "signature") == NULL)
			abort();
		free(cause);
	} else {
		if (again->version != m->version ||
		    again->nfiles != m->nfiles)
			abort();
		catalog_manifest_free(again);
	}
	free(text);
	catalog_manifest_free(m);
	return 0;
}
