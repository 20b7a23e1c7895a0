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
 */
#ifndef SYNC_FETCH_H
#define SYNC_FETCH_H

#include <stddef.h>
#include <stdint.h>

#define SYNC_FETCH_OK 0
#define SYNC_FETCH_FAILED (-1)		/* network, server or disk */
#define SYNC_FETCH_TOO_LARGE (-2)	/* body longer than the cap */

struct sync_fetch_options {
	const char	*cacert;	/* CA bundle, or NULL for the system's */
	long		 timeout;	/* seconds per transfer */
	int		 https_only;	/* refuse redirects to http:// */
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

#endif
