/*
 * inbox: the office reads the enrolments that kiosks uploaded.
 *
 * Every *.enr file under a folder (recursively, skipping the folder's own
 * rejected/) is checked against the known kiosks' public keys and opened
 * with the office's secret key. Good ones are written once each (a repeat
 * of the same kiosk and receipt is dropped) as CSV, JSON lines or OOAPI v5
 * associations. A file that is malformed, truncated, forged, changed, from
 * an unknown kiosk or sealed for another office is reported on the error
 * stream (file and reason) and moved to DIR/rejected/, never dropped
 * silently. A signed record must also follow the kiosk's rules (consent,
 * the field checks of catalog_enrol_check, a creation time). Names and
 * fields are printed without control characters (catalog_safe_line).
 * Receipts written are remembered in DIR/.leerpunt-processed, so a later
 * run reports them as duplicates instead of writing them again (unless
 * again is set).
 */
#ifndef CATALOG_INBOX_H
#define CATALOG_INBOX_H

#include <stddef.h>
#include <stdio.h>

struct catalog_keys;

enum catalog_inbox_format {
	CATALOG_INBOX_CSV,
	CATALOG_INBOX_JSON,	/* the enrolment JSON, one per line */
	CATALOG_INBOX_OOAPI	/* OOAPI v5 associations, one per line */
};

struct catalog_inbox_summary {
	size_t		 read;		/* enrolments written */
	size_t		 duplicates;	/* dropped repeats */
	size_t		 rejected;	/* moved to rejected/ */
};

/*
 * Read dir and write enrolments to out, problems to err. Returns 0 when
 * the folder could be read (rejected files are counted, not fatal), -1 and
 * *cause otherwise.
 */
int catalog_inbox_read(const char *dir, const struct catalog_keys *office,
    struct catalog_keys *const *kiosks, size_t nkiosks,
    enum catalog_inbox_format format, int again, FILE *out, FILE *err,
    struct catalog_inbox_summary *summary, char **cause);

#endif
