/*
 * upload: PUT queued enrolments to the office inbox (see upload.h).
 *
 * One curl handle serves the run (connection reuse). Answers are never
 * kept: the body is read and dropped, only the status code counts, and
 * nothing a server sends can make this code abort. Redirects are not
 * followed (a 3xx is not a confirmation). With SigV4 the payload's SHA-256
 * goes in x-amz-content-sha256, which S3 requires and curl then signs.
 * Errors stored in the outbox are short and hold no personal data (the
 * records are sealed anyway).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "catalog/config.h"
#include "catalog/outbox.h"
#include "catalog/state.h"
#include "catalog/xmalloc.h"
#include "sync/upload.h"

struct upload_body {
	const unsigned char *data;
	size_t		 len;
	size_t		 off;
};

void
sync_upload_defaults(struct sync_upload_options *o)
{
	memset(o, 0, sizeof *o);
	o->timeout = 60;
	o->tries = 4;
	o->delay_ms = 1000;
	o->max_delay_ms = 300000;
	o->give_up_after = 3;
}

static size_t
upload_read(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct upload_body *b = arg;
	size_t n = size * nmemb;

	if (n > b->len - b->off)
		n = b->len - b->off;
	memcpy(buf, b->data + b->off, n);
	b->off += n;
	return n;
}

/* Drop the answer's body: only the status code matters. */
static size_t
upload_discard(char *buf, size_t size, size_t nmemb, void *arg)
{
	(void)buf;
	(void)arg;
	return size * nmemb;
}

static void
upload_sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Backoff before try n (0-based): random in [d/2, d], d = delay * 2^n. */
static long
upload_backoff(const struct sync_upload_options *o, int n)
{
	long d = o->delay_ms;

	while (n-- > 0 && d < o->max_delay_ms)
		d *= 2;
	if (d > o->max_delay_ms)
		d = o->max_delay_ms;
	if (d < 2)
		return d;
	return d / 2 + (long)randombytes_uniform((uint32_t)(d / 2 + 1));
}

/* Set up the handle for PUTs; -1 and *cause. */
static int
upload_setup(CURL *c, const struct sync_upload_options *o, char **cause)
{
	CURLcode rc = CURLE_OK;

#define SETOPT(opt, v) do { if (rc == CURLE_OK) \
	rc = curl_easy_setopt(c, opt, v); } while (0)
	SETOPT(CURLOPT_UPLOAD, 1L);
	SETOPT(CURLOPT_READFUNCTION, upload_read);
	SETOPT(CURLOPT_WRITEFUNCTION, upload_discard);
	SETOPT(CURLOPT_NOSIGNAL, 1L);
	SETOPT(CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
	SETOPT(CURLOPT_PROTOCOLS_STR, "http,https");
#else
	SETOPT(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	SETOPT(CURLOPT_CONNECTTIMEOUT, o->timeout < 30 ? o->timeout : 30L);
	SETOPT(CURLOPT_TIMEOUT, o->timeout);
	SETOPT(CURLOPT_LOW_SPEED_LIMIT, 1L);
	SETOPT(CURLOPT_LOW_SPEED_TIME, o->timeout);
	SETOPT(CURLOPT_USERAGENT, "leerpunt-sync/" PACKAGE_VERSION);
	if (o->cacert != NULL)
		SETOPT(CURLOPT_CAINFO, o->cacert);
	if (o->aws_sigv4 != NULL) {
#if LIBCURL_VERSION_NUM >= 0x074b00
		SETOPT(CURLOPT_AWS_SIGV4, o->aws_sigv4);
#else
		*cause = xstrdup("this libcurl is too old for S3 (SigV4 needs "
		    "7.75 or later)");
		return -1;
#endif
	}
	if (o->bearer != NULL) {
		SETOPT(CURLOPT_HTTPAUTH, (long)CURLAUTH_BEARER);
		SETOPT(CURLOPT_XOAUTH2_BEARER, o->bearer);
	} else if (o->user != NULL) {
		if (o->aws_sigv4 == NULL)
			SETOPT(CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		SETOPT(CURLOPT_USERNAME, o->user);
		SETOPT(CURLOPT_PASSWORD, o->password != NULL ? o->password : "");
	}
#undef SETOPT
	if (rc != CURLE_OK) {
		*cause = xasprintf("cannot set up the upload: %s",
		    curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}

/* One PUT; 0 on a 2xx answer, else -1 with a short reason in err. */
static int
upload_put(CURL *c, const struct sync_upload_options *o, const char *url,
    const struct catalog_outbox_item *it, char *err, size_t errsize)
{
	struct upload_body body = { it->record, it->len, 0 };
	struct curl_slist *hdr = NULL, *h;
	unsigned char sum[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1], line[128];
	long code = 0;
	CURLcode rc;

	h = curl_slist_append(hdr, "Content-Type: application/octet-stream");
	if (h != NULL)
		hdr = h;
	/* No "Expect: 100-continue" wait for WebDAV. Not with SigV4: libcurl
	 * before 8.3 signs the removed header as "expect:" all the same, and
	 * S3 refuses a signed header that was never sent (curl issue 11664);
	 * S3 answers 100-continue at once. */
	if (o->aws_sigv4 == NULL &&
	    (h = curl_slist_append(hdr, "Expect:")) != NULL)
		hdr = h;
	if (o->kiosk_id != NULL) {
		snprintf(line, sizeof line, "Leerpunt-Kiosk: %s", o->kiosk_id);
		if ((h = curl_slist_append(hdr, line)) != NULL)
			hdr = h;
	}
	if (o->aws_sigv4 != NULL) {
		crypto_hash_sha256(sum, it->record, it->len);
		sodium_bin2hex(hex, sizeof hex, sum, sizeof sum);
		snprintf(line, sizeof line, "x-amz-content-sha256: %s", hex);
		if ((h = curl_slist_append(hdr, line)) != NULL)
			hdr = h;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_READDATA, &body);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)it->len);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	rc = curl_easy_perform(c);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hdr);
	if (rc != CURLE_OK) {
		snprintf(err, errsize, "%s", curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (code < 200 || code > 299) {
		if (code == 401)
			snprintf(err, errsize, "HTTP 401: the inbox wants "
			    "other credentials");
		else if (code == 403)
			snprintf(err, errsize, "HTTP 403: the inbox refused "
			    "these credentials");
		else
			snprintf(err, errsize, "HTTP %ld", code);
		return -1;
	}
	return 0;
}

int
sync_upload_run(struct catalog_state *state,
    const struct sync_upload_options *o, struct sync_upload_result *r,
    char **cause)
{
	struct catalog_outbox_item *items = NULL;
	struct catalog_outbox_counts counts;
	size_t n = 0, i, blen;
	char err[256], *url = NULL, *base = NULL;
	int t, ok, in_a_row = 0, rc = -1;
	CURL *c = NULL;

	memset(r, 0, sizeof r[0]);
	if (o->inbox == NULL || (strncmp(o->inbox, "http://", 7) != 0 &&
	    strncmp(o->inbox, "https://", 8) != 0)) {
		*cause = xstrdup("the inbox must be an http:// or https:// URL");
		return -1;
	}
	/* A name cannot break the header line (no CR, LF or colon). */
	if (o->kiosk_id != NULL && !catalog_config_name_valid(o->kiosk_id)) {
		*cause = xasprintf("the kiosk id \"%.80s\" is not a name",
		    o->kiosk_id);
		return -1;
	}
	if (sodium_init() < 0) {
		*cause = xstrdup("libsodium cannot start");
		return -1;
	}
	base = xstrdup(o->inbox);
	blen = strlen(base);
	while (blen > 0 && base[blen - 1] == '/')
		base[--blen] = '\0';
	/* Retry times are a timer (backoff), not the calendar: wall clock. */
	if (catalog_outbox_list(state, CATALOG_OUTBOX_DUE |
	    CATALOG_OUTBOX_RECORDS, (int64_t)time(NULL), &items, &n,
	    cause) != 0)
		goto out;
	if (n > 0) {
		if ((c = curl_easy_init()) == NULL) {
			*cause = xstrdup("cannot start libcurl");
			goto out;
		}
		if (upload_setup(c, o, cause) != 0)
			goto out;
	}
	for (i = 0; i < n; i++) {
		if (items[i].record == NULL || items[i].kiosk_id[0] == '\0')
			continue;
		free(url);
		url = xasprintf("%s/%s/%s.enr", base, items[i].kiosk_id,
		    items[i].receipt);
		ok = 0;
		for (t = 0; t < (o->tries > 0 ? o->tries : 1) && !ok; t++) {
			if (t > 0)
				upload_sleep_ms(upload_backoff(o, t - 1));
			ok = upload_put(c, o, url, &items[i], err,
			    sizeof err) == 0;
		}
		if (ok) {
			if (catalog_outbox_mark_sent(state, items[i].receipt,
			    (int64_t)time(NULL), cause) != 0)
				goto out;
			r->sent++;
			in_a_row = 0;
			continue;
		}
		r->failed++;
		snprintf(r->last_error, sizeof r->last_error, "%s", err);
		if (catalog_outbox_mark_failed(state, items[i].receipt,
		    (int64_t)time(NULL) + (upload_backoff(o, items[i].attempts +
		    t) + 999) / 1000, err, cause) != 0)
			goto out;
		if (o->give_up_after > 0 && ++in_a_row >= o->give_up_after)
			break;		/* the office is unreachable */
	}
	if (catalog_outbox_counts(state, &counts, cause) != 0)
		goto out;
	r->waiting = (size_t)(counts.queued + counts.failed);
	rc = 0;
out:
	if (c != NULL)
		curl_easy_cleanup(c);
	catalog_outbox_list_free(items, n);
	free(url);
	free(base);
	return rc;
}
