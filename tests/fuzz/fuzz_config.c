/*
 * fuzz_config: libFuzzer target for the configuration file reader.
 *
 * leerpunt.conf is written by hand (or by a site's tooling), read by all
 * three programs, and a mistake in it must stop them with FILE:LINE and a
 * reason, never crash them. Each input is written to a private file and
 * read; a file that reads must answer every key through
 * catalog_config_get and give a kiosk id that is a valid name.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/config.h"
#include "catalog/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_path[64];

static void
fuzz_cleanup(void)
{
	unlink(fuzz_path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog_config *cfg;
	char *cause = NULL, *v, name[CATALOG_CONFIG_NAME_SIZE];
	const char *key;
	size_t i;
	FILE *fp;
	int fd;

	if (fuzz_path[0] == '\0') {
		snprintf(fuzz_path, sizeof fuzz_path, "/tmp/fuzz-conf.XXXXXX");
		if ((fd = mkstemp(fuzz_path)) < 0)
			abort();
		close(fd);
		atexit(fuzz_cleanup);
	}
	if ((fp = fopen(fuzz_path, "wb")) == NULL ||
	    fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	chmod(fuzz_path, 0644);
	cfg = catalog_config_new();
	if (catalog_config_read(cfg, fuzz_path, &cause) != 0) {
		if (cause == NULL || strncmp(cause, fuzz_path,
		    strlen(fuzz_path)) != 0)
			abort();	/* every error names the file */
		free(cause);
		catalog_config_free(cfg);
		return 0;
	}
	for (i = 0; (key = catalog_config_key(i)) != NULL; i++) {
		v = catalog_config_get(cfg, key);
		free(v);
	}
	(void)catalog_config_db_path(cfg);
	if (!catalog_config_name_valid(catalog_config_kiosk_id(cfg, name,
	    sizeof name)))
		abort();
	catalog_config_free(cfg);
	return 0;
}
