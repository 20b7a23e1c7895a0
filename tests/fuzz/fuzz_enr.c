/*
 * fuzz_enr: libFuzzer target for the office's enrolment reader (.enr
 * files: header, signature, sealed box, then the payload's JSON and the
 * kiosk's rules in catalog_inbox_read).
 *
 * The first byte chooses what the rest is. Even: the bytes of an .enr
 * file as uploaded (malformed, truncated, forged). Odd: the plaintext
 * payload, which the target seals to the office key and signs with a known
 * kiosk key first, so the JSON checks behind the signature are fuzzed
 * too. Each input is written to a fresh inbox folder and read in all
 * three output formats; the folder (rejected/ and the processed list
 * included) is removed afterwards. Any crash or sanitizer report is a bug;
 * so is a forged file that is read, or a sealed one that vanishes without
 * being read, rejected or counted as a duplicate.
 */
#include "config.h"

#include <ftw.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/enrfile.h"
#include "catalog/inbox.h"
#include "catalog/keys.h"
#include "catalog/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog_keys *fuzz_office, *fuzz_kiosk;
static char fuzz_root[64];

static int
fuzz_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
fuzz_cleanup(void)
{
	nftw(fuzz_root, fuzz_rm, 16, FTW_DEPTH | FTW_PHYS);
	catalog_keys_free(fuzz_office);
	catalog_keys_free(fuzz_kiosk);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum catalog_inbox_format formats[] = {
		CATALOG_INBOX_CSV, CATALOG_INBOX_JSON, CATALOG_INBOX_OOAPI };
	struct catalog_inbox_summary sum;
	unsigned char *file = NULL;
	char *dir, *path, *cause = NULL;
	size_t len = 0, f;
	FILE *fp, *sink;
	int sealed;

	if (fuzz_office == NULL) {
		snprintf(fuzz_root, sizeof fuzz_root, "/tmp/fuzz-enr.XXXXXX");
		if (mkdtemp(fuzz_root) == NULL)
			abort();
		fuzz_office = catalog_keys_generate(CATALOG_KEYS_OFFICE);
		fuzz_kiosk = catalog_keys_generate(CATALOG_KEYS_KIOSK);
		atexit(fuzz_cleanup);
	}
	if (size < 1 || size > CATALOG_ENRFILE_MAX)
		return 0;
	sealed = data[0] & 1;
	if (sealed) {
		file = catalog_enrfile_build(fuzz_kiosk, "K7QX-M4PA",
		    fuzz_office->pk, data + 1, size - 1, &len, &cause);
		if (file == NULL) {	/* too large: said, not crashed */
			free(cause);
			return 0;
		}
	}
	dir = xasprintf("%s/in", fuzz_root);
	path = xasprintf("%s/k.enr", dir);
	if (mkdir(dir, 0700) != 0 || (fp = fopen(path, "wb")) == NULL)
		abort();
	if (fwrite(sealed ? file : data + 1, 1, sealed ? len : size - 1,
	    fp) != (sealed ? len : size - 1) || fclose(fp) != 0)
		abort();
	sink = fopen("/dev/null", "w");
	for (f = 0; f < sizeof formats / sizeof formats[0]; f++) {
		memset(&sum, 0, sizeof sum);
		if (catalog_inbox_read(dir, fuzz_office, &fuzz_kiosk, 1,
		    formats[f], 1, sink, sink, &sum, &cause) != 0) {
			free(cause);
			cause = NULL;
			abort();	/* the folder itself is fine */
		}
		if (!sealed && sum.read != 0 && f == 0)
			abort();	/* unsigned bytes were believed */
		if (f == 0 && sum.read + sum.rejected + sum.duplicates != 1)
			abort();	/* the one file must be accounted for */
	}
	fclose(sink);
	nftw(dir, fuzz_rm, 16, FTW_DEPTH | FTW_PHYS);
	free(path);
	free(dir);
	free(file);
	return 0;
}
