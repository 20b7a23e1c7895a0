/*
 * fetch: size-capped downloads with libcurl.
 *
 * One handle serves every request of a run (connection reuse). Only
 * http, https and file URLs are fetched; redirects may only lead to http
 * or https (https only, when the repository is https), TLS is always
 * verified, and every transfer has a connect timeout, an overall timeout
 * and a low-speed limit. Proxies come from the environment (libcurl's
 * default). Nothing is written past the cap a caller gives: a longer body
 * is cut off and reported as SYNC_FETCH_TOO_LARGE.
 *
 * The manifest is fetched conditionally (If-None-Match with the stored
 * ETag, If-Modified-Since with the stored Last-Modified), so an unchanged
 * repository costs one small request answered 304. Files are fetched with
 * resume: bytes already in the staging file are kept and only the rest is
 * asked for with a Range request (a server that ignores Range sends the
 * whole file, which then replaces the partial one).
 */
#ifndef SYNC_FETCH_H
#define SYNC_FETCH_H

#include <stddef.h>
#include <stdint.h>

#define SYNC_FETCH_OK 0
#define SYNC_FETCH_FAILED (-1)		/* network, server or disk */
#define SYNC_FETCH_TOO_LARGE (-2)	/* body longer than the cap */
#define SYNC_FETCH_STOPPED (-3)		/* *stop was set (a signal) */
#define SYNC_FETCH_NOT_MODIFIED 1	/* 304: the manifest is unchanged */

#include <signal.h>

struct sync_fetch_options {
	const char	*cacert;	/* CA bundle, or NULL for the system's */
	long		 timeout;	/* seconds per transfer */
	int		 https_only;	/* refuse redirects to http:// */
	int64_t		 max_rate;	/* bytes per second, 0 for no limit */
	int		 progress;	/* draw a progress bar on stderr */
	volatile sig_atomic_t *stop;	/* abort transfers when set, or NULL */
};

/* A conditional request: what the last answer said, and this one's. */
struct sync_fetch_cond {
	const char	*etag;		/* send If-None-Match, or NULL */
	const char	*last_modified;	/* send If-Modified-Since, or NULL */
	char		*new_etag;	/* from this answer (new string) */
	char		*new_last_modified;
};

struct sync_fetch;

struct sync_fetch *sync_fetch_new(const struct sync_fetch_options *opts,
    char **cause);
void sync_fetch_free(struct sync_fetch *f);

/* Fetch url into a new buffer (*buf, *len) of at most cap bytes. */
int sync_fetch_buffer(struct sync_fetch *f, const char *url, size_t cap,
    char **buf, size_t *len, char **cause);
/* Fetch url into the file path (created or truncated), at most cap bytes. */
int sync_fetch_file(struct sync_fetch *f, const char *url, const char *path,
    int64_t cap, char **cause);
/*
 * Like sync_fetch_buffer, but conditional (c may give an ETag and a date):
 * SYNC_FETCH_NOT_MODIFIED when the server answers 304. c->new_* are set
 * from the answer's headers (free them with sync_fetch_cond_done).
 */
int sync_fetch_buffer_cond(struct sync_fetch *f, const char *url,
    size_t cap, struct sync_fetch_cond *c, char **buf, size_t *len,
    char **cause);
void sync_fetch_cond_done(struct sync_fetch_cond *c);
/*
 * Complete the file path to size bytes from url: bytes already there are
 * kept and only the rest is requested (Range); nothing past size is
 * written. A file already size bytes long costs no request.
 */
int sync_fetch_resume(struct sync_fetch *f, const char *url, const char *path,
    int64_t size, char **cause);
/* Bytes received by transfers of f so far (bodies only). */
int64_t sync_fetch_received(const struct sync_fetch *f);
/* The HTTP status of the last answer (0 when there was none). */
long sync_fetch_status(const struct sync_fetch *f);
/*
 * Credentials for the following requests: a bearer token, or a user and
 * password (basic auth), or all NULL for none. libcurl sends them only to
 * the host of the URL asked for, never to the host a redirect leads to.
 * The strings must live until the next call.
 */
int sync_fetch_auth(struct sync_fetch *f, const char *bearer,
    const char *user, const char *password, char **cause);

#endif
