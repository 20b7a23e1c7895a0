/*
 * outbox: the enrolment outbox in the state database (see outbox.h).
 *
 * Marking sent sets the record to NULL in the same UPDATE that changes the
 * status (a CHECK in the schema ties the two), and secure_delete on the
 * state database overwrites the freed pages.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/dbint.h"
#include "catalog/enrfile.h"
#include "catalog/outbox.h"
#include "catalog/stateint.h"
#include "catalog/xmalloc.h"

static const char *const outbox_status_names[] = { "queued", "failed",
	"sent" };

const char *
catalog_outbox_status_name(enum catalog_outbox_status status)
{
	return outbox_status_names[status];
}

static enum catalog_outbox_status
outbox_status_parse(const char *s)
{
	if (strcmp(s, "sent") == 0)
		return CATALOG_OUTBOX_SENT;
	if (strcmp(s, "failed") == 0)
		return CATALOG_OUTBOX_FAILED;
	return CATALOG_OUTBOX_QUEUED;
}

int
catalog_outbox_list(struct catalog_state *state, int flags, int64_t now,
    struct catalog_outbox_item **items, size_t *n, char **cause)
{
	struct catalog_outbox_item *l = NULL, *it;
	size_t count = 0;
	sqlite3_stmt *st;
	char receipt[CATALOG_ENRFILE_RECEIPT_LEN + 1], *err = NULL;
	const unsigned char *rec;
	int rc;

	st = catalog_state_prepare(state, "SELECT receipt, offering_id,"
	    " created, status, attempts, next_try, sent_at, last_error, record,"
	    " kind = 'stats' FROM outbox WHERE (?1 OR status <> 'sent') AND"
	    " (NOT ?2 OR next_try <= ?3) AND (?4 OR kind = 'enr')"
	    " ORDER BY created, receipt");
	sqlite3_bind_int(st, 1, (flags & CATALOG_OUTBOX_ALL) != 0);
	sqlite3_bind_int(st, 2, (flags & CATALOG_OUTBOX_DUE) != 0);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int(st, 4, (flags & CATALOG_OUTBOX_STATS) != 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		l = xreallocarray(l, count + 1, sizeof *l);
		it = &l[count++];
		memset(it, 0, sizeof *it);
		snprintf(it->receipt, sizeof it->receipt, "%s",
		    (const char *)sqlite3_column_text(st, 0));
		it->offering_id = sqlite3_column_int64(st, 1);
		it->created = sqlite3_column_int64(st, 2);
		it->status = outbox_status_parse((const char *)
		    sqlite3_column_text(st, 3));
		it->attempts = sqlite3_column_int(st, 4);
		it->next_try = sqlite3_column_int64(st, 5);
		it->sent_at = sqlite3_column_int64(st, 6);
		it->last_error = catalog_db_column_strdup(st, 7);
		it->stats = sqlite3_column_int(st, 9);
		rec = sqlite3_column_blob(st, 8);
		it->len = (size_t)sqlite3_column_bytes(st, 8);
		if (rec != NULL && catalog_enrfile_peek(rec, it->len,
		    it->kiosk_id, receipt, &err) != 0) {
			/* Cannot happen unless the file was damaged. */
			free(err);
			err = NULL;
			it->kiosk_id[0] = '\0';
		}
		if (rec != NULL && (flags & CATALOG_OUTBOX_RECORDS)) {
			it->record = xmalloc(it->len);
			memcpy(it->record, rec, it->len);
		} else
			it->len = 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalog_outbox_list_free(l, count);
		*cause = catalog_state_error(state, "cannot read the outbox");
		return -1;
	}
	*items = l;
	*n = count;
	return 0;
}

void
catalog_outbox_list_free(struct catalog_outbox_item *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(items[i].last_error);
		free(items[i].record);
	}
	free(items);
}

/* Run one UPDATE on receipt; -1 and *cause when it fails or finds none. */
static int
outbox_update(struct catalog_state *state, sqlite3_stmt *st,
    const char *receipt, char **cause)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot update the outbox");
		return -1;
	}
	if (sqlite3_changes(catalog_state_sqlite(state)) == 0) {
		*cause = xasprintf("%s: no pending enrolment %s",
		    catalog_state_path(state), receipt);
		return -1;
	}
	return 0;
}

int
catalog_outbox_mark_sent(struct catalog_state *state, const char *receipt,
    int64_t now, char **cause)
{
	sqlite3_stmt *st;

	/* A statistics file keeps no time finer than the day. */
	st = catalog_state_prepare(state, "UPDATE outbox SET status = 'sent',"
	    " sent_at = CASE kind WHEN 'stats' THEN ?1 / 86400 * 86400 ELSE ?1"
	    " END, last_error = NULL, attempts ="
	    " attempts + 1 WHERE receipt = ?2 AND status <> 'sent'");
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_text(st, 2, receipt, -1, SQLITE_STATIC);
	return outbox_update(state, st, receipt, cause);
}

int
catalog_outbox_mark_failed(struct catalog_state *state, const char *receipt,
    int64_t next_try, const char *error, char **cause)
{
	sqlite3_stmt *st;

	st = catalog_state_prepare(state, "UPDATE outbox SET status = 'failed',"
	    " attempts = attempts + 1, next_try = ?, last_error = ? WHERE"
	    " receipt = ? AND status <> 'sent'");
	sqlite3_bind_int64(st, 1, next_try);
	sqlite3_bind_text(st, 2, error, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, receipt, -1, SQLITE_STATIC);
	return outbox_update(state, st, receipt, cause);
}

int
catalog_outbox_counts(struct catalog_state *state,
    struct catalog_outbox_counts *c, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	memset(c, 0, sizeof *c);
	st = catalog_state_prepare(state, "SELECT status, count(*) FROM outbox"
	    " WHERE kind = 'enr' GROUP BY status");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		switch (outbox_status_parse((const char *)
		    sqlite3_column_text(st, 0))) {
		case CATALOG_OUTBOX_QUEUED:
			c->queued = sqlite3_column_int64(st, 1);
			break;
		case CATALOG_OUTBOX_FAILED:
			c->failed = sqlite3_column_int64(st, 1);
			break;
		case CATALOG_OUTBOX_SENT:
			c->sent = sqlite3_column_int64(st, 1);
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot count the outbox");
		return -1;
	}
	return 0;
}

int
catalog_outbox_forget_sent(struct catalog_state *state, int64_t before,
    size_t *n, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	st = catalog_state_prepare(state, "UPDATE outbox SET record = NULL"
	    " WHERE status = 'sent' AND record IS NOT NULL AND sent_at <= ?");
	sqlite3_bind_int64(st, 1, before);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot forget sent records");
		return -1;
	}
	if (n != NULL)
		*n = (size_t)sqlite3_changes(catalog_state_sqlite(state));
	return 0;
}

int
catalog_outbox_resend(struct catalog_state *state, const char *receipt,
    size_t *n, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	st = catalog_state_prepare(state, "UPDATE outbox SET status = 'queued',"
	    " next_try = 0, sent_at = NULL WHERE status = 'sent' AND record IS"
	    " NOT NULL AND (?1 IS NULL OR receipt = ?1)");
	if (receipt != NULL)
		sqlite3_bind_text(st, 1, receipt, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = catalog_state_error(state, "cannot queue sent records "
		    "again");
		return -1;
	}
	*n = (size_t)sqlite3_changes(catalog_state_sqlite(state));
	return 0;
}
