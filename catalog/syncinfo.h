/*
 * syncinfo: what the kiosk may show about sync ("updated 3 days ago").
 *
 * leerpunt-sync stores "synced_at" (RFC 3339, UTC) in the catalogue's
 * local metadata after every successful check, whether it applied a new
 * version or found the repository unchanged; refusals and failures leave
 * it alone, so its age is how long the kiosk has gone without a good
 * check. Local metadata is never part of a snapshot or delta.
 */
#ifndef CATALOG_SYNCINFO_H
#define CATALOG_SYNCINFO_H

#include <time.h>

struct catalog_db;

/*
 * When the catalogue was last checked successfully: 0 and *out, or -1
 * when it never was (or the stored value is not a time).
 */
int catalog_db_synced_at(struct catalog_db *db, time_t *out);

/*
 * The repository manifest URL leerpunt-sync keeps this catalogue up to
 * date from (a new string), or NULL when no repository manages it. Local
 * imports into a managed catalogue are refused unless forced: they would
 * shadow the repository's version of the same number.
 */
char *catalog_db_sync_source(struct catalog_db *db);

#endif
