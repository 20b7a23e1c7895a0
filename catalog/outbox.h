/*
 * outbox: enrolments waiting to reach the office.
 *
 * Each enrolment is one row: receipt, offering id, time, status and, until
 * the office confirmed it, the sealed .enr record (enrfile.h). Nothing in
 * a row is personal data. Status "queued" is new, "failed" was tried and
 * will be tried again (the record is kept), "sent" was confirmed by the
 * inbox (sync/upload.h says how): its sealed record is kept for a grace
 * period, so a site can send it again (catalog_outbox_resend), then
 * deleted (catalog_outbox_forget_sent); the summary stays, so the kiosk
 * can show that it arrived.
 *
 * The outbox also carries the kiosk's sealed weekly statistics files
 * (stats.h; kind "stats", offering id 0, the receipt is the week tag
 * "S2026-W48", times rounded to the day). They are sent the same way to
 * INBOX/KIOSK-ID/TAG.stats, but listed only with CATALOG_OUTBOX_STATS and
 * never counted as enrolments.
 */
#ifndef CATALOG_OUTBOX_H
#define CATALOG_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

struct catalog_state;

enum catalog_outbox_status {
	CATALOG_OUTBOX_QUEUED,
	CATALOG_OUTBOX_FAILED,
	CATALOG_OUTBOX_SENT
};

struct catalog_outbox_item {
	char		 receipt[10];
	char		 kiosk_id[15];	/* from the record; "" once sent */
	int64_t		 offering_id;
	int64_t		 created;	/* seconds since the epoch */
	enum catalog_outbox_status status;
	int		 attempts;
	int64_t		 next_try;	/* not before this time */
	int64_t		 sent_at;	/* 0 unless sent */
	char		*last_error;	/* NULL or the last upload failure */
	unsigned char	*record;	/* sealed .enr bytes; NULL if not asked */
	size_t		 len;
	int		 stats;		/* a statistics file (.stats) */
};

struct catalog_outbox_counts {
	int64_t		 queued;
	int64_t		 failed;
	int64_t		 sent;
};

const char *catalog_outbox_status_name(enum catalog_outbox_status status);

#define CATALOG_OUTBOX_ALL 0x1		/* also sent ones (else pending) */
#define CATALOG_OUTBOX_DUE 0x2		/* only those due at now */
#define CATALOG_OUTBOX_RECORDS 0x4	/* with the sealed bytes */
#define CATALOG_OUTBOX_STATS 0x8	/* also statistics files */

/*
 * List entries, oldest first: pending ones (queued and failed), or with
 * CATALOG_OUTBOX_ALL every one. Free with catalog_outbox_list_free.
 */
int catalog_outbox_list(struct catalog_state *state, int flags, int64_t now,
    struct catalog_outbox_item **items, size_t *n, char **cause);
void catalog_outbox_list_free(struct catalog_outbox_item *items, size_t n);

/* The inbox confirmed it: mark sent (the sealed record is kept). */
int catalog_outbox_mark_sent(struct catalog_state *state, const char *receipt,
    int64_t now, char **cause);
/* An upload failed: count it, keep the record, try again at next_try. */
int catalog_outbox_mark_failed(struct catalog_state *state,
    const char *receipt, int64_t next_try, const char *error, char **cause);

/* Delete the sealed records of those sent at or before `before`; *n. */
int catalog_outbox_forget_sent(struct catalog_state *state, int64_t before,
    size_t *n, char **cause);
/*
 * Queue sent records that still have their sealed bytes again: the one
 * with receipt, or every one for NULL; *n of them.
 */
int catalog_outbox_resend(struct catalog_state *state, const char *receipt,
    size_t *n, char **cause);
int catalog_outbox_counts(struct catalog_state *state,
    struct catalog_outbox_counts *counts, char **cause);

#endif
