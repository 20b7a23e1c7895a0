/*
 * fetch: size-capped downloads with libcurl (see fetch.h).
 *
 * The cap is enforced twice: CURLOPT_MAXFILESIZE_LARGE refuses a body
 * whose announced length is too long before it starts, and the write
 * callback refuses the first byte past the cap whatever the server
 * announced (a lying or missing Content-Length). Buffers grow with
 * realloc() and a failure is an error, not an abort: sync never aborts on
 * what the network sends.
 *
 * Resuming: the file is opened for appending and a Range header
 * (CURLOPT_RANGE; CURLOPT_RESUME_FROM_LARGE for file://, where libcurl
 * seeks) asks for the rest. Not CURLOPT_RESUME_FROM_LARGE over HTTP:
 * libcurl then fails a 200 answer ("Requested range was not delivered")
 * and a server that ignores Range would stop every later run. The first
 * body bytes tell whether the server honoured the Range (206 starting at
 * the offset, or file://) or sent everything (200): then the partial
 * file is truncated and the whole body taken, still capped at the size.
 * A 206 for another range is refused.
 * The maximum file size given to libcurl is the whole file's, so a server
 * that ignores Range is not mistaken for one sending too much.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "catalog/xmalloc.h"
#include "sync/fetch.h"

#define SYNC_FETCH_CONNECT_TIMEOUT 30L	/* seconds */
#define SYNC_FETCH_LOW_SPEED 100L	/* bytes per second ... */
#define SYNC_FETCH_LOW_SPEED_TIME 60L	/* ... for this many seconds */
#define SYNC_FETCH_MAX_REDIRS 5L
#define SYNC_FETCH_HEADER_MAX 256	/* longest ETag or date we keep */

struct sync_fetch {
	CURL		*curl;
	char		 error[CURL_ERROR_SIZE];
	int64_t		 max_rate;	/* bytes per second, 0: no limit */
	int		 progress;
	int		 bar;		/* a progress bar is on the screen */
	volatile sig_atomic_t *stop;
	int64_t		 received;
};

/* Where a transfer's body goes: a growing buffer or a file. */
struct sync_fetch_sink {
	struct sync_fetch *fetch;
	char		*buf;
	size_t		 alloc;
	FILE		*file;
	int64_t		 cap;
	int64_t		 got;
	int64_t		 offset;	/* resumed after this many bytes */
	int		 started;	/* the first body bytes have come */
	struct timespec	 t0;		/* when they came */
	int		 too_large;
	int		 bad_range;	/* a 206 for another range */
	int		 write_error;	/* errno of a failed write, or -1 OOM */
	int64_t		 range_start;	/* of a Content-Range, -1: none */
	char		 etag[SYNC_FETCH_HEADER_MAX];
	char		 last_modified[SYNC_FETCH_HEADER_MAX];
};

/*
 * First body bytes of a resumed transfer: a 200 answer over HTTP means
 * the server sent the whole file, so drop what was there.
 */
static int
sync_fetch_first(struct sync_fetch_sink *s)
{
	long code = 0;
	char *scheme = NULL;

	s->started = 1;
	clock_gettime(CLOCK_MONOTONIC, &s->t0);
	if (s->file == NULL || s->offset == 0)
		return 0;
	curl_easy_getinfo(s->fetch->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(s->fetch->curl, CURLINFO_SCHEME, &scheme);
	if (scheme == NULL || strncasecmp(scheme, "http", 4) != 0)
		return 0;
	if (code == 206 && s->range_start != s->offset) {
		/* Start from byte 0 next time. */
		if (fflush(s->file) != 0 || ftruncate(fileno(s->file), 0) != 0)
			s->write_error = errno != 0 ? errno : EIO;
		s->bad_range = 1;
		return -1;
	}
	if (code != 200)
		return 0;
	if (fflush(s->file) != 0 || ftruncate(fileno(s->file), 0) != 0 ||
	    fseeko(s->file, 0, SEEK_SET) != 0) {
		s->write_error = errno != 0 ? errno : EIO;
		return -1;
	}
	s->cap += s->offset;
	s->offset = 0;
	return 0;
}

/*
 * --max-rate: before taking more bytes, sleep until the transfer's
 * average is back under the limit. libcurl's own limit
 * (CURLOPT_MAX_RECV_SPEED_LARGE, also set) lets short transfers through
 * at full speed in the libcurl of Debian 12; while this callback sleeps,
 * libcurl reads nothing, the TCP window closes and the sender slows down.
 * -1 when a signal asks to stop.
 */
static int
sync_fetch_throttle(struct sync_fetch_sink *s)
{
	struct timespec now, ts;
	double due, elapsed;

	if (s->fetch->max_rate <= 0)
		return 0;
	for (;;) {
		if (s->fetch->stop != NULL && *s->fetch->stop)
			return -1;
		clock_gettime(CLOCK_MONOTONIC, &now);
		elapsed = (double)(now.tv_sec - s->t0.tv_sec) +
		    (double)(now.tv_nsec - s->t0.tv_nsec) / 1e9;
		due = (double)s->got / (double)s->fetch->max_rate;
		if (elapsed >= due)
			return 0;
		due -= elapsed;
		if (due > 0.5)
			due = 0.5;	/* look at the stop flag now and then */
		ts.tv_sec = (time_t)due;
		ts.tv_nsec = (long)((due - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
	}
}

static size_t
sync_fetch_write(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct sync_fetch_sink *s = arg;
	size_t n = size * nmemb, want;
	char *nbuf;

	if (n == 0)
		return 0;
	if (!s->started && sync_fetch_first(s) != 0)
		return 0;
	if (sync_fetch_throttle(s) != 0)
		return 0;
	if ((int64_t)n > s->cap - s->got) {
		s->too_large = 1;
		return 0;
	}
	if (s->file != NULL) {
		if (fwrite(ptr, 1, n, s->file) != n) {
			s->write_error = errno != 0 ? errno : EIO;
			return 0;
		}
	} else {
		if ((size_t)s->got + n + 1 > s->alloc) {
			want = s->alloc == 0 ? 16384 : s->alloc;
			while (want < (size_t)s->got + n + 1)
				want *= 2;
			if ((nbuf = realloc(s->buf, want)) == NULL) {
				s->write_error = -1;
				return 0;
			}
			s->buf = nbuf;
			s->alloc = want;
		}
		memcpy(s->buf + s->got, ptr, n);
		s->buf[s->got + n] = '\0';
	}
	s->got += (int64_t)n;
	return n;
}

/* Keep the ETag and Last-Modified of the final answer. */
static size_t
sync_fetch_header(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct sync_fetch_sink *s = arg;
	size_t n = size * nmemb, len;
	char *dst = NULL;
	const char *v;

	if (n >= 5 && strncmp(ptr, "HTTP/", 5) == 0) {
		s->etag[0] = s->last_modified[0] = '\0';	/* a new answer */
		s->range_start = -1;
		return n;
	}
	if (n > 14 && strncasecmp(ptr, "Content-Range:", 14) == 0) {
		long long start;

		if (sscanf(ptr + 14, " bytes %lld-", &start) == 1 &&
		    start >= 0)
			s->range_start = start;
		return n;
	}
	if (n > 5 && strncasecmp(ptr, "ETag:", 5) == 0) {
		dst = s->etag;
		v = ptr + 5;
	} else if (n > 14 && strncasecmp(ptr, "Last-Modified:", 14) == 0) {
		dst = s->last_modified;
		v = ptr + 14;
	} else
		return n;
	len = n - (size_t)(v - ptr);
	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == '\r' || v[len - 1] == '\n' ||
	    v[len - 1] == ' '))
		len--;
	if (len == 0 || len >= SYNC_FETCH_HEADER_MAX ||
	    memchr(v, '\0', len) != NULL)
		dst[0] = '\0';		/* odd values are not kept */
	else {
		memcpy(dst, v, len);
		dst[len] = '\0';
	}
	return n;
}

/* Stop on a signal; draw the progress bar. */
static int
sync_fetch_xferinfo(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct sync_fetch_sink *s = arg;
	struct sync_fetch *f = s->fetch;
	int64_t now, total;
	int pct, i;
	char bar[31];

	(void)ultotal;
	(void)ulnow;
	if (f->stop != NULL && *f->stop)
		return 1;
	if (!f->progress || dltotal <= 0)
		return 0;
	now = s->offset + (int64_t)dlnow;
	total = s->offset + (int64_t)dltotal;
	pct = (int)(now * 100 / total);
	for (i = 0; i < 30; i++)
		bar[i] = i < pct * 30 / 100 ? '#' : '.';
	bar[30] = '\0';
	fprintf(stderr, "\r[%s] %3d%% %lld/%lld kB", bar, pct,
	    (long long)(now / 1024), (long long)(total / 1024));
	f->bar = 1;
	return 0;
}

struct sync_fetch *
sync_fetch_new(const struct sync_fetch_options *opts, char **cause)
{
	struct sync_fetch *f = xcalloc(1, sizeof *f);
	CURL *c;
	long connect;
	CURLcode rc = CURLE_OK;

	f->progress = opts->progress;
	f->max_rate = opts->max_rate;
	f->stop = opts->stop;
	if ((c = f->curl = curl_easy_init()) == NULL) {
		*cause = xstrdup("cannot initialise libcurl");
		goto fail;
	}
	connect = SYNC_FETCH_CONNECT_TIMEOUT;
	if (opts->timeout > 0 && opts->timeout < connect)
		connect = opts->timeout;

#define SETOPT(o, v) do { if (rc == CURLE_OK) rc = curl_easy_setopt(c, o, v); } while (0)
#if LIBCURL_VERSION_NUM >= 0x075500
	SETOPT(CURLOPT_PROTOCOLS_STR, "http,https,file");
	SETOPT(CURLOPT_REDIR_PROTOCOLS_STR,
	    opts->https_only ? "https" : "http,https");
#else
	SETOPT(CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS | CURLPROTO_FILE));
	SETOPT(CURLOPT_REDIR_PROTOCOLS, opts->https_only ?
	    (long)CURLPROTO_HTTPS : (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	SETOPT(CURLOPT_FOLLOWLOCATION, 1L);
	SETOPT(CURLOPT_MAXREDIRS, SYNC_FETCH_MAX_REDIRS);
	SETOPT(CURLOPT_FAILONERROR, 1L);
	SETOPT(CURLOPT_SSL_VERIFYPEER, 1L);
	SETOPT(CURLOPT_SSL_VERIFYHOST, 2L);
	if (opts->cacert != NULL)
		SETOPT(CURLOPT_CAINFO, opts->cacert);
	SETOPT(CURLOPT_CONNECTTIMEOUT, connect);
	if (opts->timeout > 0)
		SETOPT(CURLOPT_TIMEOUT, opts->timeout);
	SETOPT(CURLOPT_LOW_SPEED_LIMIT, SYNC_FETCH_LOW_SPEED);
	SETOPT(CURLOPT_LOW_SPEED_TIME, SYNC_FETCH_LOW_SPEED_TIME);
	SETOPT(CURLOPT_NOSIGNAL, 1L);
	SETOPT(CURLOPT_USERAGENT, "leerpunt-sync/" PACKAGE_VERSION);
	SETOPT(CURLOPT_ERRORBUFFER, f->error);
	SETOPT(CURLOPT_WRITEFUNCTION, sync_fetch_write);
	SETOPT(CURLOPT_HEADERFUNCTION, sync_fetch_header);
	SETOPT(CURLOPT_XFERINFOFUNCTION, sync_fetch_xferinfo);
	SETOPT(CURLOPT_NOPROGRESS, 0L);
	if (opts->max_rate > 0) {
		SETOPT(CURLOPT_MAX_RECV_SPEED_LARGE,
		    (curl_off_t)opts->max_rate);
		/* Small reads, so no burst outruns the limit. */
		SETOPT(CURLOPT_BUFFERSIZE, opts->max_rate / 4 < 1024 ? 1024L :
		    opts->max_rate / 4 > CURL_MAX_WRITE_SIZE ?
		    (long)CURL_MAX_WRITE_SIZE : (long)(opts->max_rate / 4));
	}
#undef SETOPT
	if (rc != CURLE_OK) {
		*cause = xasprintf("cannot set up libcurl: %s",
		    curl_easy_strerror(rc));
		goto fail;
	}
	return f;

fail:
	sync_fetch_free(f);
	return NULL;
}

void
sync_fetch_free(struct sync_fetch *f)
{
	if (f == NULL)
		return;
	if (f->curl != NULL)
		curl_easy_cleanup(f->curl);
	free(f);
}

/* Run one transfer of url into s; SYNC_FETCH_* and *cause. */
static int
sync_fetch_run(struct sync_fetch *f, const char *url,
    struct sync_fetch_sink *s, struct curl_slist *headers, char **cause)
{
	CURLcode rc;
	curl_off_t got = 0;
	long code = 0;
	char *scheme = NULL, range[32];

	f->error[0] = '\0';
	s->fetch = f;
	curl_easy_setopt(f->curl, CURLOPT_URL, url);
	curl_easy_setopt(f->curl, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(f->curl, CURLOPT_HEADERDATA, s);
	curl_easy_setopt(f->curl, CURLOPT_XFERINFODATA, s);
	curl_easy_setopt(f->curl, CURLOPT_HTTPHEADER, headers);
	s->range_start = -1;
	if (s->offset > 0 && strncasecmp(url, "http", 4) == 0) {
		snprintf(range, sizeof range, "%lld-", (long long)s->offset);
		curl_easy_setopt(f->curl, CURLOPT_RANGE, range);
	} else
		curl_easy_setopt(f->curl, CURLOPT_RESUME_FROM_LARGE,
		    (curl_off_t)s->offset);
	curl_easy_setopt(f->curl, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)(s->cap + s->offset));
	rc = curl_easy_perform(f->curl);
	curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &code);
	if (curl_easy_getinfo(f->curl, CURLINFO_SIZE_DOWNLOAD_T, &got) ==
	    CURLE_OK)
		f->received += (int64_t)got;
	curl_easy_setopt(f->curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(f->curl, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)0);
	curl_easy_setopt(f->curl, CURLOPT_RANGE, NULL);
	if (f->bar) {
		fputc('\n', stderr);
		f->bar = 0;
	}

	if (f->stop != NULL && *f->stop && rc != CURLE_OK) {
		*cause = xasprintf("%s: stopped by a signal", url);
		return SYNC_FETCH_STOPPED;
	}
	if (s->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
		*cause = xasprintf("%s: longer than the %lld bytes expected",
		    url, (long long)(s->cap + s->offset));
		return SYNC_FETCH_TOO_LARGE;
	}
	if (s->bad_range) {
		*cause = xasprintf("%s: the server sent another range than "
		    "the bytes from %lld asked for", url, (long long)s->offset);
		return SYNC_FETCH_FAILED;
	}
	if (s->write_error == -1) {
		*cause = xasprintf("%s: out of memory", url);
		return SYNC_FETCH_FAILED;
	}
	if (s->write_error != 0) {
		*cause = xasprintf("%s: cannot store the download: %s", url,
		    strerror(s->write_error));
		return SYNC_FETCH_FAILED;
	}
	if (rc == CURLE_HTTP_RETURNED_ERROR) {
		*cause = xasprintf("%s: the server answered HTTP %ld", url,
		    code);
		return SYNC_FETCH_FAILED;
	}
	if (rc != CURLE_OK) {
		*cause = xasprintf("%s: %s%s%s%s", url, curl_easy_strerror(rc),
		    f->error[0] != '\0' ? " (" : "", f->error,
		    f->error[0] != '\0' ? ")" : "");
		return SYNC_FETCH_FAILED;
	}
	curl_easy_getinfo(f->curl, CURLINFO_SCHEME, &scheme);
	if (scheme != NULL && strncasecmp(scheme, "http", 4) == 0) {
		if (code == 304 && headers != NULL)
			return SYNC_FETCH_NOT_MODIFIED;
		if (code != 200 && !(code == 206 && s->offset > 0)) {
			*cause = xasprintf("%s: the server answered HTTP %ld, "
			    "not 200", url, code);
			return SYNC_FETCH_FAILED;
		}
	}
	return SYNC_FETCH_OK;
}

int
sync_fetch_buffer(struct sync_fetch *f, const char *url, size_t cap,
    char **buf, size_t *len, char **cause)
{
	struct sync_fetch_cond c;
	int rc;

	memset(&c, 0, sizeof c);
	rc = sync_fetch_buffer_cond(f, url, cap, &c, buf, len, cause);
	sync_fetch_cond_done(&c);
	return rc;
}

void
sync_fetch_cond_done(struct sync_fetch_cond *c)
{
	free(c->new_etag);
	free(c->new_last_modified);
	c->new_etag = c->new_last_modified = NULL;
}

int
sync_fetch_buffer_cond(struct sync_fetch *f, const char *url, size_t cap,
    struct sync_fetch_cond *c, char **buf, size_t *len, char **cause)
{
	struct sync_fetch_sink s;
	struct curl_slist *headers = NULL, *h;
	char *line;
	int rc;

	memset(&s, 0, sizeof s);
	s.cap = (int64_t)cap;
	if (c->etag != NULL) {
		line = xasprintf("If-None-Match: %s", c->etag);
		h = curl_slist_append(headers, line);
		free(line);
		if (h == NULL)
			goto oom;
		headers = h;
	}
	if (c->last_modified != NULL) {
		line = xasprintf("If-Modified-Since: %s", c->last_modified);
		h = curl_slist_append(headers, line);
		free(line);
		if (h == NULL)
			goto oom;
		headers = h;
	}
	rc = sync_fetch_run(f, url, &s, headers, cause);
	curl_slist_free_all(headers);
	if (rc == SYNC_FETCH_OK || rc == SYNC_FETCH_NOT_MODIFIED) {
		if (s.etag[0] != '\0')
			c->new_etag = xstrdup(s.etag);
		if (s.last_modified[0] != '\0')
			c->new_last_modified = xstrdup(s.last_modified);
	}
	if (rc != SYNC_FETCH_OK) {
		free(s.buf);
		return rc;
	}
	if (s.buf == NULL)
		s.buf = xcalloc(1, 1);
	*buf = s.buf;
	*len = (size_t)s.got;
	return SYNC_FETCH_OK;

oom:
	curl_slist_free_all(headers);
	*cause = xasprintf("%s: out of memory", url);
	return SYNC_FETCH_FAILED;
}

int
sync_fetch_file(struct sync_fetch *f, const char *url, const char *path,
    int64_t cap, char **cause)
{
	struct sync_fetch_sink s;
	int rc;

	memset(&s, 0, sizeof s);
	s.cap = cap;
	if ((s.file = fopen(path, "wb")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return SYNC_FETCH_FAILED;
	}
	rc = sync_fetch_run(f, url, &s, NULL, cause);
	if (fclose(s.file) != 0 && rc == SYNC_FETCH_OK) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		rc = SYNC_FETCH_FAILED;
	}
	return rc;
}

int
sync_fetch_resume(struct sync_fetch *f, const char *url, const char *path,
    int64_t size, char **cause)
{
	struct sync_fetch_sink s;
	struct stat sb;
	int rc;

	memset(&s, 0, sizeof s);
	if ((s.file = fopen(path, "ab")) == NULL ||
	    fstat(fileno(s.file), &sb) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		if (s.file != NULL)
			fclose(s.file);
		return SYNC_FETCH_FAILED;
	}
	s.offset = (int64_t)sb.st_size;
	if (s.offset > size) {		/* not ours to keep */
		if (ftruncate(fileno(s.file), 0) != 0) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			fclose(s.file);
			return SYNC_FETCH_FAILED;
		}
		s.offset = 0;
	}
	if (s.offset == size) {
		fclose(s.file);
		return SYNC_FETCH_OK;
	}
	s.cap = size - s.offset;
	rc = sync_fetch_run(f, url, &s, NULL, cause);
	if (fflush(s.file) != 0 || fsync(fileno(s.file)) != 0) {
		if (rc == SYNC_FETCH_OK) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			rc = SYNC_FETCH_FAILED;
		}
	}
	if (fclose(s.file) != 0 && rc == SYNC_FETCH_OK) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		rc = SYNC_FETCH_FAILED;
	}
	return rc;
}

int64_t
sync_fetch_received(const struct sync_fetch *f)
{
	return f->received;
}

long
sync_fetch_status(const struct sync_fetch *f)
{
	long code = 0;

	if (curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &code) !=
	    CURLE_OK)
		return 0;
	return code;
}

int
sync_fetch_auth(struct sync_fetch *f, const char *bearer, const char *user,
    const char *password, char **cause)
{
	CURLcode rc = CURLE_OK;

#define SETOPT(o, v) do { if (rc == CURLE_OK) rc = curl_easy_setopt(f->curl, o, v); } while (0)
	SETOPT(CURLOPT_UNRESTRICTED_AUTH, 0L);
	SETOPT(CURLOPT_XOAUTH2_BEARER, bearer);
	SETOPT(CURLOPT_USERNAME, user);
	SETOPT(CURLOPT_PASSWORD, password);
	SETOPT(CURLOPT_HTTPAUTH, bearer != NULL ? (long)CURLAUTH_BEARER :
	    (long)CURLAUTH_BASIC);
#undef SETOPT
	if (rc != CURLE_OK) {
		*cause = xasprintf("cannot set the credentials: %s",
		    curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}
