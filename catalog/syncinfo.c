/*
 * syncinfo: the last successful sync check, for the kiosk (syncinfo.h).
 */
#include "config.h"

#include <stdlib.h>

#include "catalog/db.h"
#include "catalog/manifest.h"
#include "catalog/syncinfo.h"

int
catalog_db_synced_at(struct catalog_db *db, time_t *out)
{
	char *v = catalog_db_meta_get(db, "synced_at");
	int rc = -1;

	if (v != NULL && catalog_manifest_time_parse(v, out) == 0)
		rc = 0;
	free(v);
	return rc;
}

char *
catalog_db_sync_source(struct catalog_db *db)
{
	char *url = catalog_db_meta_get(db, "sync_manifest_url");

	if (url != NULL && *url == '\0') {
		free(url);
		url = NULL;
	}
	return url;
}
