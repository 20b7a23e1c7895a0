/*
 * upload: send queued enrolments to the office's inbox.
 *
 * Each sealed .enr record in the outbox (catalog/outbox.h) goes by HTTP
 * PUT to INBOX/KIOSK-ID/RECEIPT.enr, and each sealed weekly statistics
 * file (catalog/stats.h) to INBOX/KIOSK-ID/S2026-W48.stats. The name is fixed by the receipt, so
 * a PUT repeated after a lost answer or a killed process just writes the
 * same bytes again: every retry is safe. Works with WebDAV servers (nginx
 * dav_methods PUT with create_full_put_path on) and S3-compatible object
 * stores (AWS SigV4); basic or bearer authentication. A record counts as
 * sent only when the inbox confirms it: 201 or 204, an ETag that is the
 * MD5 of the sealed bytes, or a GET right after that returns them (a 200
 * from a captive portal is not enough). Its sealed bytes are then kept
 * for keep_sent seconds (so a site can send it again) and deleted after.
 * Every PUT names the uploading kiosk in the header "Leerpunt-Kiosk: ID"
 * (the configured kiosk_id, else the host name), so the office's server
 * can log or route by place without opening the sealed record.
 * Failures are retried with exponential backoff and full jitter, a few
 * times per run; after that the record waits (status "failed") until its
 * next_try and a later run.
 */
#ifndef SYNC_UPLOAD_H
#define SYNC_UPLOAD_H

#include <stddef.h>

struct catalog_state;

struct sync_upload_options {
	const char	*inbox;		/* base URL, http:// or https:// */
	const char	*cacert;	/* CA bundle, or NULL for the system's */
	long		 timeout;	/* seconds per PUT */
	const char	*user;		/* basic auth, or the S3 access key */
	const char	*password;	/* basic auth, or the S3 secret key */
	const char	*bearer;	/* bearer token (instead of user) */
	const char	*aws_sigv4;	/* e.g. "aws:amz:eu-west-1:s3", or NULL */
	int		 tries;		/* attempts per record per run (>= 1) */
	long		 delay_ms;	/* first backoff delay */
	long		 max_delay_ms;	/* backoff cap */
	int		 give_up_after;	/* stop the run after this many records
					   in a row failed (0: never) */
	const char	*kiosk_id;	/* sent as "Leerpunt-Kiosk: ID" with
					   every PUT; NULL: not sent */
	long		 keep_sent;	/* seconds a sent record's sealed bytes
					   are kept (default 7 days) */
};

struct sync_upload_result {
	size_t		 sent;		/* confirmed in this run */
	size_t		 failed;	/* tried in this run, not confirmed */
	size_t		 waiting;	/* pending after the run */
	char		 last_error[256];	/* why the last failure
					   failed ("HTTP 401: ..."), "" if none */
};

/* Fill o with the defaults (timeout 60 s, 4 tries, 1 s .. 5 min, sent
 * records kept 7 days). */
void sync_upload_defaults(struct sync_upload_options *o);

/*
 * Upload every due record. 0 when the run could be made (even if some
 * records failed: see *result), -1 and *cause when it could not start or
 * the outbox could not be updated. curl_global_init() must have run.
 */
int sync_upload_run(struct catalog_state *state,
    const struct sync_upload_options *o, struct sync_upload_result *result,
    char **cause);

#endif
