/*
 * upload: PUT queued enrolments to the office inbox (see upload.h).
 *
 * One curl handle serves the run (connection reuse). A PUT's answer body
 * is read and dropped, and nothing a server sends can make this code
 * abort. Redirects are not followed (a 3xx is not a confirmation).
 *
 * Not every 2xx is a confirmation: a captive portal or a misconfigured
 * proxy in front of an http:// inbox answers 200 with an HTML page and
 * stores nothing. A record counts as delivered only when the answer is
 * 201 Created or 204 No Content (what WebDAV servers send for a stored
 * PUT), or carries an ETag that is the MD5 of the sealed bytes (what S3
 * and its copies send), or when a GET of the same URL right after returns
 * exactly the sealed bytes. Otherwise the record stays in the outbox.
 * Weekly statistics files (catalog/stats.h) ride along in the outbox and
 * go the same way, as KIOSK-ID/S2026-W48.stats. With SigV4 the payload's SHA-256
 * goes in x-amz-content-sha256, which S3 requires and curl then signs.
 * Errors stored in the outbox are short and hold no personal data (the
 * records are sealed anyway).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <sodium.h>

#include "catalog/clock.h"
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
	o->keep_sent = 7 * 86400L;
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

/* What an answer brought: its ETag, and (for the check) its body. */
struct upload_answer {
	char		 etag[80];
	unsigned char	*body;		/* NULL: drop the body */
	size_t		 cap;		/* at most this much is kept */
	size_t		 len;
	int		 over;		/* longer than cap */
};

/* Drop the answer's body, or keep up to cap bytes of it. */
static size_t
upload_discard(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct upload_answer *a = arg;
	size_t n = size * nmemb;

	if (a == NULL || a->body == NULL)
		return n;
	if (n > a->cap - a->len) {
		a->over = 1;
		return n;
	}
	memcpy(a->body + a->len, buf, n);
	a->len += n;
	return n;
}

/* Keep the ETag of the answer (quotes and W/ dropped). */
static size_t
upload_header(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct upload_answer *a = arg;
	size_t n = size * nmemb, len;
	const char *v;

	if (a == NULL)
		return n;
	if (n >= 5 && strncmp(buf, "HTTP/", 5) == 0)
		a->etag[0] = '\0';
	if (n <= 5 || strncasecmp(buf, "ETag:", 5) != 0)
		return n;
	v = buf + 5;
	len = n - 5;
	while (len > 0 && (*v == ' ' || *v == '\t' || *v == '"')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == '\r' || v[len - 1] == '\n' ||
	    v[len - 1] == ' ' || v[len - 1] == '"'))
		len--;
	if (len < sizeof a->etag) {
		memcpy(a->etag, v, len);
		a->etag[len] = '\0';
	}
	return n;
}

/* 1 when etag is the MD5 (hex) of the record, as S3 reports it. */
static int
upload_etag_matches(const char *etag, const unsigned char *data, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char hex[2 * EVP_MAX_MD_SIZE + 1];

	if (etag[0] == '\0' ||
	    EVP_Digest(data, len, md, &mdlen, EVP_md5(), NULL) != 1)
		return 0;
	sodium_bin2hex(hex, sizeof hex, md, mdlen);
	return strcasecmp(hex, etag) == 0;
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
	SETOPT(CURLOPT_HEADERFUNCTION, upload_header);
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

/*
 * GET url right after a PUT that the answer did not confirm: 0 when it
 * returns exactly the sealed bytes (the same credentials apply).
 */
static int
upload_check(CURL *c, const struct sync_upload_options *o, const char *url,
    const struct catalog_outbox_item *it)
{
	struct upload_answer answer;
	struct curl_slist *hdr = NULL;
	char line[128];
	long code = 0;
	CURLcode rc;
	int ok;

	memset(&answer, 0, sizeof answer);
	answer.cap = it->len;
	answer.body = xmalloc(it->len > 0 ? it->len : 1);
	if (o->kiosk_id != NULL) {
		snprintf(line, sizeof line, "Leerpunt-Kiosk: %s", o->kiosk_id);
		hdr = curl_slist_append(NULL, line);
	}
	curl_easy_setopt(c, CURLOPT_UPLOAD, 0L);
	curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &answer);
	rc = curl_easy_perform(c);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hdr);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	ok = rc == CURLE_OK && code == 200 && !answer.over &&
	    answer.len == it->len &&
	    sodium_memcmp(answer.body, it->record, it->len) == 0;
	free(answer.body);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	return ok ? 0 : -1;
}

/*
 * One PUT; 0 when the inbox confirmed it (see the top of this file), else
 * -1 with a short reason in err.
 */
static int
upload_put(CURL *c, const struct sync_upload_options *o, const char *url,
    const struct catalog_outbox_item *it, char *err, size_t errsize)
{
	struct upload_body body = { it->record, it->len, 0 };
	struct curl_slist *hdr = NULL, *h;
	unsigned char sum[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1], line[128];
	struct upload_answer answer;
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
	memset(&answer, 0, sizeof answer);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READDATA, &body);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)it->len);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &answer);
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
	if (code == 201 || code == 204 ||
	    upload_etag_matches(answer.etag, it->record, it->len))
		return 0;
	if (upload_check(c, o, url, it) == 0)
		return 0;
	snprintf(err, errsize, "HTTP %ld, but the inbox did not confirm it "
	    "(not 201 or 204, no matching ETag, and it could not be read "
	    "back): kept to send again", code);
	return -1;
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
	/* Sent records are kept for keep_sent seconds and retry times are
	 * timers (backoff), not the calendar: the wall clock. */
	if (catalog_outbox_forget_sent(state, (int64_t)time(NULL) -
	    o->keep_sent, NULL, cause) != 0)
		goto out;
	if (catalog_outbox_list(state, CATALOG_OUTBOX_DUE |
	    CATALOG_OUTBOX_RECORDS | CATALOG_OUTBOX_STATS, (int64_t)time(NULL),
	    &items, &n,
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
		url = xasprintf("%s/%s/%s.%s", base, items[i].kiosk_id,
		    items[i].receipt, items[i].stats ? "stats" : "enr");
		ok = 0;
		for (t = 0; t < (o->tries > 0 ? o->tries : 1) && !ok; t++) {
			if (t > 0)
				upload_sleep_ms(upload_backoff(o, t - 1));
			ok = upload_put(c, o, url, &items[i], err,
			    sizeof err) == 0;
		}
		if (ok) {
			if (catalog_outbox_mark_sent(state, items[i].receipt,
			    (int64_t)catalog_clock_now(), cause) != 0)
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
	if (catalog_outbox_forget_sent(state, (int64_t)catalog_clock_now() -
	    o->keep_sent, NULL, cause) != 0 ||
	    catalog_outbox_counts(state, &counts, cause) != 0)
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
