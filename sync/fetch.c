/*
 * fetch: size-capped downloads with libcurl (see fetch.h).
 *
 * The cap is enforced twice: CURLOPT_MAXFILESIZE_LARGE refuses a body
 * whose announced length is too long before it starts, and the write
 * callback refuses the first byte past the cap whatever the server
 * announced (a lying or missing Content-Length). Buffers grow with
 * realloc() and a failure is an error, not an abort: sync never aborts on
 * what the network sends.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "catalog/xmalloc.h"
#include "sync/fetch.h"

#define SYNC_FETCH_CONNECT_TIMEOUT 30L	/* seconds */
#define SYNC_FETCH_LOW_SPEED 100L	/* bytes per second ... */
#define SYNC_FETCH_LOW_SPEED_TIME 60L	/* ... for this many seconds */
#define SYNC_FETCH_MAX_REDIRS 5L

struct sync_fetch {
	CURL		*curl;
	char		 error[CURL_ERROR_SIZE];
};

/* Where a transfer's body goes: a growing buffer or a file. */
struct sync_fetch_sink {
	char		*buf;
	size_t		 alloc;
	FILE		*file;
	int64_t		 cap;
	int64_t		 got;
	int		 too_large;
	int		 write_error;	/* errno of a failed write, or -1 OOM */
};

static size_t
sync_fetch_write(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct sync_fetch_sink *s = arg;
	size_t n = size * nmemb, want;
	char *nbuf;

	if (n == 0)
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

struct sync_fetch *
sync_fetch_new(const struct sync_fetch_options *opts, char **cause)
{
	struct sync_fetch *f = xcalloc(1, sizeof *f);
	CURL *c;
	long connect;
	CURLcode rc = CURLE_OK;

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
    struct sync_fetch_sink *s, char **cause)
{
	CURLcode rc;
	long code = 0;
	char *scheme = NULL;

	f->error[0] = '\0';
	curl_easy_setopt(f->curl, CURLOPT_URL, url);
	curl_easy_setopt(f->curl, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(f->curl, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)s->cap);
	rc = curl_easy_perform(f->curl);
	curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &code);

	if (s->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
		*cause = xasprintf("%s: longer than the %lld bytes expected",
		    url, (long long)s->cap);
		return SYNC_FETCH_TOO_LARGE;
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
	if (scheme != NULL && strncasecmp(scheme, "http", 4) == 0 &&
	    code != 200) {
		*cause = xasprintf("%s: the server answered HTTP %ld, not 200",
		    url, code);
		return SYNC_FETCH_FAILED;
	}
	return SYNC_FETCH_OK;
}

int
sync_fetch_buffer(struct sync_fetch *f, const char *url, size_t cap,
    char **buf, size_t *len, char **cause)
{
	struct sync_fetch_sink s;
	int rc;

	memset(&s, 0, sizeof s);
	s.cap = (int64_t)cap;
	rc = sync_fetch_run(f, url, &s, cause);
	if (rc != SYNC_FETCH_OK) {
		free(s.buf);
		return rc;
	}
	if (s.buf == NULL)
		s.buf = xcalloc(1, 1);
	*buf = s.buf;
	*len = (size_t)s.got;
	return SYNC_FETCH_OK;
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
	rc = sync_fetch_run(f, url, &s, cause);
	if (fclose(s.file) != 0 && rc == SYNC_FETCH_OK) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		rc = SYNC_FETCH_FAILED;
	}
	return rc;
}
