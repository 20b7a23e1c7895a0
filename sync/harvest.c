/*
 * harvest: fetch each source whole, then import it in one go (harvest.h).
 *
 * A source is gathered into a list of resources (URL and bytes) before the
 * catalogue is touched. Each resource goes through harvest_get(): the kept
 * copy in the state folder (STATE/NAME/<hash of the URL>.res: one line of
 * JSON with the URL, ETag, Last-Modified and EDU-DEX lastEdited, then the
 * body, replaced atomically) gives the conditional headers and the bytes
 * for a 304; network errors, 5xx and 429 answers are retried with
 * doubling waits; other answers, a size cap or a signal end the source.
 * Credentials go only to the source URL's own scheme, host and port (an
 * EDU-DEX directory may name files elsewhere; they get none).
 *
 * The digest of a source (its format, and each resource's URL and bytes
 * in order) decides whether it is imported: the digest of the last
 * successful import is kept in the catalogue's local metadata. Once a
 * source was gathered whole, kept copies of URLs it no longer names are
 * deleted. A lock file in the state folder keeps two harvests apart.
 */
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sodium.h>

#include "catalog/config.h"
#include "catalog/csv.h"
#include "catalog/csvimport.h"
#include "catalog/db.h"
#include "catalog/edudex.h"
#include "catalog/import.h"
#include "catalog/keys.h"
#include "catalog/manifest.h"
#include "catalog/ooapi.h"
#include "catalog/publish.h"
#include "catalog/xcri.h"
#include "catalog/xmalloc.h"
#include "sync/fetch.h"
#include "sync/harvest.h"
#include "sync/sources.h"

#define HARVEST_MAX_PAGES 10000
#define HARVEST_MAX_RETRY_MS 60000L
#define HARVEST_META_MAX 8192		/* the JSON line of a kept copy */

/* Why gathering a source stopped. */
enum harvest_stop {
	HARVEST_FAIL = 1,	/* network, server, cap: keep what is there */
	HARVEST_BAD		/* the source sent something unusable */
};

struct harvest_res {
	char		*url;
	char		*body;
	size_t		 len;
	char		 file[40];	/* the kept copy's name */
	int		 directory;	/* an EDU-DEX directory */
};

struct harvest_ctx {
	const struct sync_harvest_options *opts;
	struct sync_fetch *fetch;
	const struct sync_source *src;
	struct sync_harvest_source *out;
	char		*dir;		/* STATE/NAME */
	char		*origin;	/* credentials go here only */
	const char	*bearer, *user, *password;
	int		 auth_on;
	struct harvest_res *v;
	size_t		 n, alloc;
	size_t		 total;
	char		**seen;		/* EDU-DEX directories visited */
	size_t		 nseen;
};

/* ---- small helpers ------------------------------------------------------ */

/* "scheme://host:port" of url, or NULL when it is not an http(s) URL. */
static char *
harvest_origin(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *o = NULL;

	if (u == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ==
	    CURLUE_OK && (strcasecmp(scheme, "http") == 0 ||
	    strcasecmp(scheme, "https") == 0))
		o = xasprintf("%s://%s:%s", scheme, host, port);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return o;
}

/* ref resolved against base; NULL unless the result is http(s). */
static char *
harvest_resolve(const char *base, const char *ref)
{
	CURLU *u = curl_url();
	char *s = NULL, *r = NULL, *o;

	if (u == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK &&
	    (o = harvest_origin(s)) != NULL) {
		free(o);
		r = xstrdup(s);
	}
	curl_free(s);
	curl_url_cleanup(u);
	return r;
}

/* 1 when the n bytes at p are the parameter pageNumber (with a value). */
static int
harvest_is_page_param(const char *p, size_t n)
{
	return (n == 10 || (n > 10 && p[10] == '=')) &&
	    strncmp(p, "pageNumber", 10) == 0;
}

/* url with its query parameter pageNumber set to page. */
static char *
harvest_page_url(const char *url, long page)
{
	const char *q = strchr(url, '?'), *p, *e;
	char *out, *tmp;

	if (q == NULL)
		return xasprintf("%s?pageNumber=%ld", url, page);
	out = xstrndup(url, (size_t)(q - url) + 1);
	for (p = q + 1; *p != '\0'; p = *e == '&' ? e + 1 : e) {
		e = p + strcspn(p, "&");
		if (e == p || harvest_is_page_param(p, (size_t)(e - p)))
			continue;
		tmp = xasprintf("%s%.*s&", out, (int)(e - p), p);
		free(out);
		out = tmp;
	}
	tmp = xasprintf("%spageNumber=%ld", out, page);
	free(out);
	return tmp;
}

/* The kept copy's file name for url: 32 hex digits of its SHA-256. */
static void
harvest_file_name(const char *url, char name[40])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	static const char hex[] = "0123456789abcdef";
	size_t i;

	crypto_hash_sha256(h, (const unsigned char *)url, strlen(url));
	for (i = 0; i < 16; i++) {
		name[2 * i] = hex[h[i] >> 4];
		name[2 * i + 1] = hex[h[i] & 15];
	}
	memcpy(name + 32, ".res", 5);
}

static int
harvest_mkdir(const char *path, char **cause)
{
	if (mkdir(path, 0750) != 0 && errno != EEXIST) {
		*cause = xasprintf("%s: cannot make the folder: %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- kept copies -------------------------------------------------------- */

struct harvest_kept {
	char		*etag;
	char		*last_modified;
	char		*last_edited;
	char		*body;
	size_t		 len;
};

static void
harvest_kept_done(struct harvest_kept *k)
{
	free(k->etag);
	free(k->last_modified);
	free(k->last_edited);
	free(k->body);
	memset(k, 0, sizeof *k);
}

static char *
harvest_json_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

/* Load the kept copy of url from path; 0 when there is one. */
static int
harvest_kept_load(const char *path, const char *url, struct harvest_kept *k)
{
	struct stat st;
	json_t *meta;
	const char *u;
	char *buf, *nl;
	FILE *f;
	size_t n;
	int rc = -1;

	memset(k, 0, sizeof *k);
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > (off_t)(SYNC_HARVEST_MAX_RESPONSE + HARVEST_META_MAX)) {
		fclose(f);
		return -1;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	n = fread(buf, 1, (size_t)st.st_size, f);
	fclose(f);
	buf[n] = '\0';
	if (n != (size_t)st.st_size || (nl = memchr(buf, '\n', n)) == NULL) {
		free(buf);
		return -1;
	}
	*nl = '\0';
	meta = json_loads(buf, 0, NULL);
	u = json_string_value(json_object_get(meta, "url"));
	if (u != NULL && strcmp(u, url) == 0) {
		k->etag = harvest_json_str(meta, "etag");
		k->last_modified = harvest_json_str(meta, "last_modified");
		k->last_edited = harvest_json_str(meta, "last_edited");
		k->len = n - (size_t)(nl + 1 - buf);
		k->body = xmalloc(k->len + 1);
		memcpy(k->body, nl + 1, k->len);
		k->body[k->len] = '\0';
		rc = 0;
	}
	json_decref(meta);
	free(buf);
	return rc;
}

/* Replace the kept copy at path (temporary file, fsync, rename). */
static int
harvest_kept_store(const char *path, const char *url, const char *etag,
    const char *last_modified, const char *last_edited, const char *body,
    size_t len, char **cause)
{
	json_t *meta;
	char *line, *tmp;
	FILE *f;
	int ok;

	meta = json_pack("{s:s}", "url", url);
	if (etag != NULL)
		json_object_set_new(meta, "etag", json_string(etag));
	if (last_modified != NULL)
		json_object_set_new(meta, "last_modified",
		    json_string(last_modified));
	if (last_edited != NULL)
		json_object_set_new(meta, "last_edited",
		    json_string(last_edited));
	line = json_dumps(meta, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(meta);
	if (line == NULL) {
		*cause = xasprintf("%s: cannot describe the kept copy", path);
		return -1;
	}
	tmp = xasprintf("%s.tmp", path);
	if ((f = fopen(tmp, "wb")) == NULL) {
		*cause = xasprintf("%s: %s", tmp, strerror(errno));
		free(line);
		free(tmp);
		return -1;
	}
	ok = fprintf(f, "%s\n", line) > 0 &&
	    fwrite(body, 1, len, f) == len && fflush(f) == 0 &&
	    fsync(fileno(f)) == 0;
	if (fclose(f) != 0)
		ok = 0;
	if (!ok || rename(tmp, path) != 0) {
		*cause = xasprintf("%s: cannot keep the download: %s", path,
		    strerror(errno));
		unlink(tmp);
		free(line);
		free(tmp);
		return -1;
	}
	free(line);
	free(tmp);
	return 0;
}

/* ---- fetching one resource ---------------------------------------------- */

/* Sleep ms milliseconds, or less when a signal asks to stop. */
static void
harvest_sleep(const struct sync_harvest_options *o, long ms)
{
	struct timespec ts;

	while (ms > 0 && !(o->stop != NULL && *o->stop)) {
		ts.tv_sec = 0;
		ts.tv_nsec = (ms > 200 ? 200 : ms) * 1000000L;
		nanosleep(&ts, NULL);
		ms -= 200;
	}
}

static void
harvest_push(struct harvest_ctx *c, const char *url, char *body, size_t len,
    const char *file)
{
	struct harvest_res *r;

	if (c->n == c->alloc) {
		c->alloc = c->alloc == 0 ? 16 : c->alloc * 2;
		c->v = xreallocarray(c->v, c->alloc, sizeof *c->v);
	}
	r = &c->v[c->n++];
	r->url = xstrdup(url);
	r->body = body;
	r->len = len;
	memcpy(r->file, file, sizeof r->file);
	r->directory = 0;
	c->total += len;
}

/* Credentials only for the source's own origin. */
static int
harvest_auth(struct harvest_ctx *c, const char *url, char **cause)
{
	char *o = harvest_origin(url);
	int want = o != NULL && c->origin != NULL && strcmp(o, c->origin) == 0 &&
	    (c->bearer != NULL || c->user != NULL);

	free(o);
	if (want == c->auth_on)
		return 0;
	c->auth_on = want;
	return want ? sync_fetch_auth(c->fetch, c->bearer, c->user,
	    c->password, cause) : sync_fetch_auth(c->fetch, NULL, NULL, NULL,
	    cause);
}

/*
 * Add url to the source: from the kept copy when lastEdited says it did
 * not change or the server answers 304, else fetched. 0, or a
 * harvest_stop and *cause.
 */
static int
harvest_get(struct harvest_ctx *c, const char *url, const char *last_edited,
    char **cause)
{
	const struct sync_harvest_options *o = c->opts;
	struct sync_fetch_cond cond;
	struct harvest_kept k;
	char name[40], *path, *body = NULL, *sub = NULL;
	size_t len = 0, cap;
	long code, wait = o->retry_ms > 0 ? o->retry_ms : SYNC_HARVEST_RETRY_MS;
	int64_t before;
	int rc, attempt, have;

	if (c->n >= SYNC_HARVEST_MAX_RESOURCES) {
		*cause = xasprintf("%s: more than %d files in one source", url,
		    SYNC_HARVEST_MAX_RESOURCES);
		return HARVEST_BAD;
	}
	if (c->total >= SYNC_HARVEST_MAX_SOURCE) {
		*cause = xasprintf("%s: the source is larger than %zu MiB",
		    url, SYNC_HARVEST_MAX_SOURCE >> 20);
		return HARVEST_BAD;
	}
	cap = SYNC_HARVEST_MAX_SOURCE - c->total;
	if (cap > SYNC_HARVEST_MAX_RESPONSE)
		cap = SYNC_HARVEST_MAX_RESPONSE;
	harvest_file_name(url, name);
	path = xasprintf("%s/%s", c->dir, name);
	have = harvest_kept_load(path, url, &k) == 0;
	if (have && last_edited != NULL && k.last_edited != NULL &&
	    strcmp(last_edited, k.last_edited) == 0 && k.len <= cap) {
		c->out->kept++;
		harvest_push(c, url, k.body, k.len, name);
		k.body = NULL;
		harvest_kept_done(&k);
		free(path);
		return 0;
	}
	if (harvest_auth(c, url, cause) != 0) {
		rc = HARVEST_FAIL;
		goto out;
	}
	for (attempt = 0;; attempt++) {
		memset(&cond, 0, sizeof cond);
		if (have) {
			cond.etag = k.etag;
			cond.last_modified = k.last_modified;
		}
		free(sub);
		sub = NULL;
		before = sync_fetch_received(c->fetch);
		c->out->requests++;
		rc = sync_fetch_buffer_cond(c->fetch, url, cap, &cond, &body,
		    &len, &sub);
		c->out->bytes += sync_fetch_received(c->fetch) - before;
		if (rc == SYNC_FETCH_OK) {
			c->out->fetched++;
			if (harvest_kept_store(path, url, cond.new_etag,
			    cond.new_last_modified, last_edited, body, len,
			    cause) != 0) {
				sync_fetch_cond_done(&cond);
				free(body);
				rc = HARVEST_FAIL;
				goto out;
			}
			sync_fetch_cond_done(&cond);
			harvest_push(c, url, body, len, name);
			rc = 0;
			goto out;
		}
		sync_fetch_cond_done(&cond);
		if (rc == SYNC_FETCH_NOT_MODIFIED && have) {
			c->out->not_modified++;
			/* The same bytes under a new lastEdited: note it. */
			if (last_edited != NULL && (k.last_edited == NULL ||
			    strcmp(k.last_edited, last_edited) != 0) &&
			    harvest_kept_store(path, url, k.etag,
			    k.last_modified, last_edited, k.body, k.len,
			    &sub) != 0) {
				free(sub);
				sub = NULL;
			}
			harvest_push(c, url, k.body, k.len, name);
			k.body = NULL;
			rc = 0;
			goto out;
		}
		if (rc == SYNC_FETCH_NOT_MODIFIED) {
			*cause = xasprintf("%s: the server answered 304 to an "
			    "unconditional request", url);
			rc = HARVEST_FAIL;
			goto out;
		}
		code = sync_fetch_status(c->fetch);
		if (rc != SYNC_FETCH_FAILED || attempt >= o->retries ||
		    (o->stop != NULL && *o->stop) ||
		    !(code == 0 || code == 429 || code >= 500))
			break;
		harvest_sleep(o, wait * 3 / 4 +
		    (long)randombytes_uniform((uint32_t)(wait / 2 + 1)));
		if (wait < HARVEST_MAX_RETRY_MS / 2)
			wait *= 2;
	}
	*cause = sub;
	sub = NULL;
	if (attempt > 0) {
		char *more = xasprintf("%s (after %d tr%s)", *cause,
		    attempt + 1, "ies");
		free(*cause);
		*cause = more;
	}
	rc = HARVEST_FAIL;
out:
	free(sub);
	harvest_kept_done(&k);
	free(path);
	return rc;
}

/* ---- the formats ---------------------------------------------------------- */

/* OOAPI: follow the pages of a collection. */
static int
harvest_ooapi(struct harvest_ctx *c, char **cause)
{
	char *url = xstrdup(c->src->url), *next;
	const struct harvest_res *r;
	json_t *doc, *has, *pn, *tp;
	long page = 1, got;
	int rc, more;

	for (;;) {
		if ((rc = harvest_get(c, url, NULL, cause)) != 0)
			break;
		r = &c->v[c->n - 1];
		doc = json_loadb(r->body, r->len, 0, NULL);
		has = json_object_get(doc, "hasNextPage");
		pn = json_object_get(doc, "pageNumber");
		tp = json_object_get(doc, "totalPages");
		got = json_is_integer(pn) ? (long)json_integer_value(pn) : page;
		if (json_is_boolean(has))
			more = json_is_true(has);
		else
			more = json_is_integer(tp) &&
			    got < (long)json_integer_value(tp);
		json_decref(doc);
		if (!more)
			break;
		if (got < page) {
			*cause = xasprintf("%s: page %ld says it is page %ld "
			    "and that more follow: the pages do not advance",
			    url, page, got);
			rc = HARVEST_BAD;
			break;
		}
		if (page >= HARVEST_MAX_PAGES) {
			*cause = xasprintf("%s: more than %d pages",
			    c->src->url, HARVEST_MAX_PAGES);
			rc = HARVEST_BAD;
			break;
		}
		page = got + 1;
		next = harvest_page_url(c->src->url, page);
		free(url);
		url = next;
	}
	free(url);
	return rc;
}

/* The trimmed text of an element (a new string, or NULL when empty). */
static char *
harvest_xml_text(xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *s = (const char *)t, *e;
	char *r = NULL;

	if (s == NULL)
		return NULL;
	s += strspn(s, " \t\r\n");
	e = s + strlen(s);
	while (e > s && strchr(" \t\r\n", e[-1]) != NULL)
		e--;
	if (e > s)
		r = xstrndup(s, (size_t)(e - s));
	xmlFree(t);
	return r;
}

static xmlNode *
harvest_xml_child(xmlNode *n, const char *name)
{
	for (n = n->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

static size_t
harvest_xml_count(xmlNode *n, const char *name)
{
	size_t k = 0;

	for (n = n->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			k++;
	return k;
}

/* EDU-DEX: a directory, its program files and its sub-directories. */
static int
harvest_edudex_dir(struct harvest_ctx *c, const char *url, int depth,
    char **cause)
{
	const struct harvest_res *r;
	xmlDoc *doc;
	xmlNode *root, *n, *e;
	char **prog = NULL, **edited = NULL, **subs = NULL, *t, *abs;
	size_t nprog = 0, nsubs = 0, i;
	int rc = 0;

	for (i = 0; i < c->nseen; i++)
		if (strcmp(c->seen[i], url) == 0)
			return 0;	/* named twice: fetched once */
	c->seen = xreallocarray(c->seen, c->nseen + 1, sizeof *c->seen);
	c->seen[c->nseen++] = xstrdup(url);
	if ((rc = harvest_get(c, url, NULL, cause)) != 0)
		return rc;
	c->v[c->n - 1].directory = 1;
	r = &c->v[c->n - 1];
	doc = xmlReadMemory(r->body, (int)(r->len > INT32_MAX ? INT32_MAX :
	    r->len), url, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		const xmlError *err = xmlGetLastError();

		*cause = xasprintf("%s: not well-formed XML%s%s", url,
		    err != NULL && err->message != NULL ? ": " : "",
		    err != NULL && err->message != NULL ? err->message : "");
		if ((t = strrchr(*cause, '\n')) != NULL && t[1] == '\0')
			*t = '\0';
		xmlFreeDoc(doc);
		return HARVEST_BAD;
	}
	if (strcmp((const char *)root->name, "edudexDirectory") != 0) {
		*cause = xasprintf("%s: not an EDU-DEX directory (the root "
		    "element is <%s>, not <edudexDirectory>)", url,
		    (const char *)root->name);
		xmlFreeDoc(doc);
		return HARVEST_BAD;
	}
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "programResource") == 0) {
			if (harvest_xml_count(n, "resourceUrl") > 1) {
				*cause = xasprintf("%s:%d: a programResource "
				    "with more than one resourceUrl", url,
				    n->line);
				rc = HARVEST_BAD;
				break;
			}
			if ((e = harvest_xml_child(n, "resourceUrl")) == NULL ||
			    (t = harvest_xml_text(e)) == NULL) {
				*cause = xasprintf("%s:%d: a programResource "
				    "without a resourceUrl", url, n->line);
				rc = HARVEST_BAD;
				break;
			}
			abs = harvest_resolve(url, t);
			if (abs == NULL) {
				*cause = xasprintf("%s:%d: resourceUrl \"%s\" "
				    "is not an http(s) URL", url, n->line, t);
				free(t);
				rc = HARVEST_BAD;
				break;
			}
			free(t);
			prog = xreallocarray(prog, nprog + 1, sizeof *prog);
			edited = xreallocarray(edited, nprog + 1,
			    sizeof *edited);
			prog[nprog] = abs;
			e = harvest_xml_child(n, "lastEdited");
			edited[nprog++] = e != NULL ? harvest_xml_text(e) : NULL;
		} else if (strcmp((const char *)n->name,
		    "instituteDataResource") == 0) {
			/* The provider's name: fetched like a program. */
			if ((t = harvest_xml_text(n)) == NULL)
				continue;
			if ((abs = harvest_resolve(url, t)) == NULL) {
				*cause = xasprintf("%s:%d: instituteDataResource "
				    "\"%s\" is not an http(s) URL", url, n->line,
				    t);
				free(t);
				rc = HARVEST_BAD;
				break;
			}
			free(t);
			prog = xreallocarray(prog, nprog + 1, sizeof *prog);
			edited = xreallocarray(edited, nprog + 1,
			    sizeof *edited);
			prog[nprog] = abs;
			edited[nprog++] = NULL;
		} else if (strcmp((const char *)n->name, "subDirectory") == 0) {
			if ((t = harvest_xml_text(n)) == NULL)
				continue;
			if ((abs = harvest_resolve(url, t)) == NULL) {
				*cause = xasprintf("%s:%d: subDirectory \"%s\" "
				    "is not an http(s) URL", url, n->line, t);
				free(t);
				rc = HARVEST_BAD;
				break;
			}
			free(t);
			subs = xreallocarray(subs, nsubs + 1, sizeof *subs);
			subs[nsubs++] = abs;
		}
	}
	xmlFreeDoc(doc);
	for (i = 0; rc == 0 && i < nprog; i++)
		rc = harvest_get(c, prog[i], edited[i], cause);
	if (rc == 0 && nsubs > 0 && depth >= SYNC_HARVEST_MAX_DEPTH) {
		*cause = xasprintf("%s: sub-directories nested more than %d "
		    "deep", url, SYNC_HARVEST_MAX_DEPTH);
		rc = HARVEST_BAD;
	}
	for (i = 0; rc == 0 && i < nsubs; i++)
		rc = harvest_edudex_dir(c, subs[i], depth + 1, cause);
	for (i = 0; i < nprog; i++) {
		free(prog[i]);
		free(edited[i]);
	}
	for (i = 0; i < nsubs; i++)
		free(subs[i]);
	free(prog);
	free(edited);
	free(subs);
	return rc;
}

/* Gather the whole source into c->v. */
static int
harvest_gather(struct harvest_ctx *c, char **cause)
{
	switch (c->src->format) {
	case SYNC_SOURCES_OOAPI:
		return harvest_ooapi(c, cause);
	case SYNC_SOURCES_EDUDEX:
		return harvest_edudex_dir(c, c->src->url, 0, cause);
	case SYNC_SOURCES_XCRI:
	case SYNC_SOURCES_CSV:
		break;
	}
	return harvest_get(c, c->src->url, NULL, cause);
}

/* The digest of what was gathered, as hex (65 bytes). */
static void
harvest_digest(const struct harvest_ctx *c, char hex[65])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES], len[8];
	const char *fmt = sync_sources_format_name(c->src->format);
	size_t i, j;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)fmt,
	    strlen(fmt) + 1);
	for (i = 0; i < c->n; i++) {
		crypto_hash_sha256_update(&st,
		    (const unsigned char *)c->v[i].url,
		    strlen(c->v[i].url) + 1);
		for (j = 0; j < 8; j++)
			len[j] = (unsigned char)((uint64_t)c->v[i].len >>
			    (8 * j));
		crypto_hash_sha256_update(&st, len, sizeof len);
		crypto_hash_sha256_update(&st,
		    (const unsigned char *)c->v[i].body, c->v[i].len);
	}
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

/* Delete kept copies the source no longer names. */
static void
harvest_prune(const struct harvest_ctx *c)
{
	DIR *d;
	struct dirent *de;
	size_t i, n;
	char *p;

	if ((d = opendir(c->dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 4 || (strcmp(de->d_name + n - 4, ".res") != 0 &&
		    strcmp(de->d_name + n - 4, ".tmp") != 0))
			continue;
		for (i = 0; i < c->n; i++)
			if (strcmp(c->v[i].file, de->d_name) == 0)
				break;
		if (i < c->n)
			continue;
		p = xasprintf("%s/%s", c->dir, de->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
}

/* The staged name of url: its kept copy's name with .xml. */
static char *
harvest_stage_path(const char *stage, const char *url)
{
	char name[40];

	harvest_file_name(url, name);
	memcpy(name + 32, ".xml", 5);
	return xasprintf("%s/%s", stage, name);
}

/* Point the text of e (a URL relative to base) at its staged file. */
static void
harvest_stage_ref(xmlNode *e, const char *base)
{
	char *t, *abs = NULL, *p;

	/* Whatever cannot be resolved names no file at all. */
	t = harvest_xml_text(e);
	if (t != NULL && (abs = harvest_resolve(base, t)) != NULL) {
		p = harvest_stage_path(".", abs);
		xmlNodeSetContent(e, (const xmlChar *)(p + 2));
		free(p);
	} else
		xmlNodeSetContent(e, (const xmlChar *)"missing.xml");
	free(abs);
	free(t);
}

/*
 * Make every URL an EDU-DEX directory names point to its staged file, so
 * the importer reads only what was fetched (never a path or file:// URL
 * that a feed wrote).
 */
static void
harvest_stage_refs(xmlNode *n, const char *base)
{
	xmlNode *e;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "programResource") == 0) {
			for (e = n->children; e != NULL; e = e->next)
				if (e->type == XML_ELEMENT_NODE &&
				    strcmp((const char *)e->name,
				    "resourceUrl") == 0)
					harvest_stage_ref(e, base);
		} else if (strcmp((const char *)n->name, "subDirectory") == 0 ||
		    strcmp((const char *)n->name, "instituteDataResource") == 0)
			harvest_stage_ref(n, base);
	}
}

/* 1 when bytes are XML whose root is an EDU-DEX directory. */
static int
harvest_is_directory(const char *body, size_t len)
{
	xmlDoc *doc;
	xmlNode *root;
	int r;

	doc = xmlReadMemory(body, (int)len, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	r = doc != NULL && (root = xmlDocGetRootElement(doc)) != NULL &&
	    strcmp((const char *)root->name, "edudexDirectory") == 0;
	xmlFreeDoc(doc);
	return r;
}

/*
 * EDU-DEX: the importer reads a directory and the files it names from a
 * folder, so write what was gathered to STATE/NAME/staging (each
 * directory with its URLs turned into the staged files' names) and import
 * the top directory from there. Messages name the URLs again.
 */
static int
harvest_edudex_import(struct harvest_ctx *c, struct catalog_import *imp,
    char **cause)
{
	char *stage = xasprintf("%s/staging", c->dir), *p, *top, *at, *msg;
	xmlDoc *doc;
	FILE *f;
	DIR *d;
	struct dirent *de;
	size_t i;
	int rc = -1, ok;

	if ((d = opendir(stage)) != NULL) {	/* a run that was cut short */
		while ((de = readdir(d)) != NULL)
			if (de->d_name[0] != '.') {
				p = xasprintf("%s/%s", stage, de->d_name);
				unlink(p);
				free(p);
			}
		closedir(d);
	}
	if (harvest_mkdir(stage, cause) != 0) {
		free(stage);
		return -1;
	}
	for (i = 0; i < c->n; i++) {
		p = harvest_stage_path(stage, c->v[i].url);
		if (c->v[i].directory) {
			doc = xmlReadMemory(c->v[i].body, (int)c->v[i].len,
			    c->v[i].url, NULL, XML_PARSE_NONET |
			    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
			if (doc != NULL && xmlDocGetRootElement(doc) != NULL)
				harvest_stage_refs(
				    xmlDocGetRootElement(doc)->children,
				    c->v[i].url);
			ok = doc != NULL && xmlSaveFile(p, doc) != -1;
			xmlFreeDoc(doc);
		} else if (harvest_is_directory(c->v[i].body, c->v[i].len)) {
			*cause = xasprintf("%s: a directory where a program "
			    "or institute file was expected", c->v[i].url);
			free(p);
			goto out;
		} else {
			ok = (f = fopen(p, "wb")) != NULL &&
			    fwrite(c->v[i].body, 1, c->v[i].len, f) ==
			    c->v[i].len;
			if (f != NULL && fclose(f) != 0)
				ok = 0;
		}
		if (!ok) {
			*cause = xasprintf("%s: cannot stage the file: %s", p,
			    strerror(errno));
			free(p);
			goto out;
		}
		free(p);
	}
	top = harvest_stage_path(stage, c->src->url);
	rc = catalog_edudex_import(imp, top, cause);
	free(top);
	if (rc != 0 && *cause != NULL) {
		for (i = 0; i < c->n; i++) {
			p = harvest_stage_path(stage, c->v[i].url);
			if ((at = strstr(*cause, p)) != NULL) {
				msg = xasprintf("%.*s%s%s", (int)(at - *cause),
				    *cause, c->v[i].url, at + strlen(p));
				free(*cause);
				*cause = msg;
			}
			free(p);
		}
	}
out:
	for (i = 0; i < c->n; i++) {
		p = harvest_stage_path(stage, c->v[i].url);
		unlink(p);
		free(p);
	}
	rmdir(stage);
	free(stage);
	return rc;
}

/* Import what was gathered in one session; 0, or -1 and *cause. */
static int
harvest_import(struct harvest_ctx *c, struct catalog_db *db, char **cause)
{
	struct catalog_import_summary sum;
	struct catalog_import *imp;
	struct catalog_ooapi_input *in;
	struct catalog_csv *csv;
	size_t i;
	int rc = -1;

	if ((imp = catalog_import_begin(db, c->src->name, cause)) == NULL)
		return -1;
	switch (c->src->format) {
	case SYNC_SOURCES_OOAPI:
		in = xcalloc(c->n, sizeof *in);
		for (i = 0; i < c->n; i++) {
			in[i].name = c->v[i].url;
			in[i].data = c->v[i].body;
			in[i].len = c->v[i].len;
		}
		rc = catalog_ooapi_import_buffers(imp, in, c->n, cause);
		free(in);
		break;
	case SYNC_SOURCES_XCRI:
		rc = catalog_xcri_import_memory(imp, c->v[0].url, c->v[0].body,
		    c->v[0].len, cause);
		break;
	case SYNC_SOURCES_CSV:
		csv = catalog_csv_new(c->v[0].url, c->v[0].body, c->v[0].len);
		rc = catalog_csvimport_read(imp, csv, cause);
		catalog_csv_free(csv);
		break;
	case SYNC_SOURCES_EDUDEX:
		rc = harvest_edudex_import(c, imp, cause);
		break;
	}
	if (rc != 0) {
		catalog_import_abort(imp);
		return -1;
	}
	if (catalog_import_commit(imp, &sum, cause) != 0)
		return -1;
	c->out->created = sum.created;
	c->out->updated = sum.updated;
	c->out->unchanged = sum.unchanged;
	c->out->removed = sum.removed;
	c->out->warnings = sum.skipped + sum.warnings;
	c->out->outcome = sum.created + sum.updated + sum.removed +
	    sum.themes > 0 ? SYNC_HARVEST_IMPORTED : SYNC_HARVEST_UNCHANGED;
	catalog_import_summary_done(&sum);
	return 0;
}

/* Read the source's secret file into the context. */
static int
harvest_secrets(struct harvest_ctx *c, char **secret, char **cause)
{
	char *colon;

	if (c->src->token_file != NULL) {
		if (catalog_config_read_secret(c->src->token_file, secret,
		    cause) != 0)
			return -1;
		c->bearer = *secret;
	} else if (c->src->auth_file != NULL) {
		if (catalog_config_read_secret(c->src->auth_file, secret,
		    cause) != 0)
			return -1;
		if ((colon = strchr(*secret, ':')) == NULL) {
			*cause = xasprintf("%s: the file must hold "
			    "USER:PASSWORD on one line", c->src->auth_file);
			return -1;
		}
		*colon = '\0';
		c->user = *secret;
		c->password = colon + 1;
	}
	return 0;
}

/* Harvest one source and import it when it changed. */
static void
harvest_source(const struct sync_harvest_options *opts, const char *state,
    struct sync_fetch *fetch, struct catalog_db *db,
    const struct sync_source *src, struct sync_harvest_source *out)
{
	struct harvest_ctx c;
	char *cause = NULL, *secret = NULL, *key, *last, hex[65];
	size_t i;
	int rc;

	memset(&c, 0, sizeof c);
	c.opts = opts;
	c.fetch = fetch;
	c.src = src;
	c.out = out;
	out->name = xstrdup(src->name);
	out->format = sync_sources_format_name(src->format);
	c.dir = xasprintf("%s/%s", state, src->name);
	c.origin = harvest_origin(src->url);
	if (harvest_mkdir(c.dir, &cause) != 0 ||
	    harvest_secrets(&c, &secret, &cause) != 0) {
		out->outcome = SYNC_HARVEST_FAILED;
		goto out;
	}
	rc = harvest_gather(&c, &cause);
	if (c.auth_on) {
		char *why = NULL;

		if (sync_fetch_auth(fetch, NULL, NULL, NULL, &why) != 0)
			free(why);
	}
	if (rc != 0) {
		out->outcome = rc == HARVEST_BAD ? SYNC_HARVEST_REFUSED :
		    SYNC_HARVEST_FAILED;
		goto out;
	}
	harvest_prune(&c);
	harvest_digest(&c, hex);
	key = xasprintf("harvest_digest:%s", src->name);
	last = catalog_db_meta_get(db, key);
	if (last != NULL && strcmp(last, hex) == 0)
		out->outcome = SYNC_HARVEST_NOT_MODIFIED;
	else if (harvest_import(&c, db, &cause) != 0)
		out->outcome = SYNC_HARVEST_REFUSED;
	else if (catalog_db_meta_set(db, key, hex, &cause) != 0) {
		/* Imported; only the next run will import it again. */
		free(cause);
		cause = NULL;
	}
	free(last);
	free(key);
out:
	if (out->outcome == SYNC_HARVEST_FAILED ||
	    out->outcome == SYNC_HARVEST_REFUSED)
		out->reason = cause != NULL ? cause :
		    xstrdup("unknown error");
	else
		free(cause);
	catalog_config_secret_free(secret);
	for (i = 0; i < c.n; i++) {
		free(c.v[i].url);
		free(c.v[i].body);
	}
	free(c.v);
	for (i = 0; i < c.nseen; i++)
		free(c.seen[i]);
	free(c.seen);
	free(c.dir);
	free(c.origin);
}

/* ---- publishing ---------------------------------------------------------- */

/* Publish when the catalogue's version was not published yet. */
static int
harvest_publish(const struct sync_harvest_options *opts,
    struct catalog_db *db, struct sync_harvest_result *res, char **cause)
{
	struct catalog_publish_options po;
	struct catalog_publish_result pr;
	struct catalog_manifest_signer signer;
	struct catalog_keys *key;
	char *done, ver[32];
	int rc;

	done = catalog_db_meta_get(db, "harvest_published_version");
	snprintf(ver, sizeof ver, "%lld", (long long)catalog_db_version(db));
	rc = done != NULL && strcmp(done, ver) == 0;
	free(done);
	if (rc || catalog_db_entry_count(db) == 0)
		return 0;
	if ((key = catalog_keys_read_secret(opts->publish_key,
	    CATALOG_KEYS_REPO, cause)) == NULL)
		return -1;
	memset(&po, 0, sizeof po);
	memcpy(signer.pk, key->pk, 32);
	signer.sk = key->sk;
	po.signers = &signer;
	po.nsigners = 1;
	po.keep_deltas = CATALOG_PUBLISH_KEEP_DELTAS;
	po.valid_for = opts->publish_valid_for;
	rc = catalog_publish_run(db, opts->publish_out, &po, &pr, cause);
	catalog_keys_free(key);
	if (rc != 0)
		return -1;
	res->published = 1;
	res->published_version = pr.version;
	res->published_deltas = pr.ndeltas;
	catalog_publish_result_done(&pr);
	if (catalog_db_meta_set(db, "harvest_published_version", ver,
	    cause) != 0)
		return -1;
	return 0;
}

/* ---- the run ------------------------------------------------------------- */

enum sync_status
sync_harvest_run(const struct sync_harvest_options *opts,
    struct sync_harvest_result *res, char **cause)
{
	struct sync_fetch_options fo;
	struct sync_sources srcs = { NULL, 0 };
	struct sync_fetch *fetch = NULL;
	struct catalog_db *db = NULL;
	char *state = NULL, *lockpath = NULL;
	enum sync_status st = SYNC_FAILED;
	int lockfd = -1, failed = 0, refused = 0;
	size_t i;

	memset(res, 0, sizeof *res);
	if (sync_sources_read(opts->sources, &srcs, cause) != 0)
		return SYNC_FAILED;
	state = opts->state != NULL ? xstrdup(opts->state) :
	    xasprintf("%s.harvest", opts->db);
	if (harvest_mkdir(state, cause) != 0)
		goto out;
	lockpath = xasprintf("%s/lock", state);
	if ((lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0640)) ==
	    -1 || flock(lockfd, LOCK_EX | LOCK_NB) != 0) {
		*cause = xasprintf("%s: %s", lockpath, errno == EWOULDBLOCK ?
		    "another harvest is running" : strerror(errno));
		goto out;
	}
	if ((db = catalog_db_open(opts->db, CATALOG_DB_CREATE |
	    CATALOG_DB_THEMES, cause)) == NULL)
		goto out;
	res->previous = catalog_db_version(db);
	memset(&fo, 0, sizeof fo);
	fo.cacert = opts->cacert;
	fo.timeout = opts->timeout;
	fo.stop = opts->stop;
	if ((fetch = sync_fetch_new(&fo, cause)) == NULL)
		goto out;
	res->v = xcalloc(srcs.n, sizeof *res->v);
	for (i = 0; i < srcs.n; i++) {
		if (opts->stop != NULL && *opts->stop) {
			*cause = xstrdup("stopped by a signal");
			goto out;
		}
		harvest_source(opts, state, fetch, db, &srcs.v[i],
		    &res->v[res->n++]);
		failed += res->v[i].outcome == SYNC_HARVEST_FAILED;
		refused += res->v[i].outcome == SYNC_HARVEST_REFUSED;
	}
	res->version = catalog_db_version(db);
	res->entries = catalog_db_entry_count(db);
	if (opts->publish_out != NULL && opts->publish_key != NULL) {
		char *why = NULL;

		if (harvest_publish(opts, db, res, &why) != 0) {
			res->publish_error = why;
			failed++;
		}
	}
	if (failed > 0)
		st = SYNC_FAILED;
	else if (refused > 0)
		st = SYNC_REFUSED;
	else
		st = res->version != res->previous ? SYNC_UPDATED :
		    SYNC_CURRENT;
out:
	catalog_db_close(db);
	sync_fetch_free(fetch);
	if (lockfd != -1)
		close(lockfd);
	free(lockpath);
	free(state);
	sync_sources_free(&srcs);
	return st;
}

void
sync_harvest_result_done(struct sync_harvest_result *res)
{
	size_t i;

	for (i = 0; i < res->n; i++) {
		free(res->v[i].name);
		free(res->v[i].reason);
	}
	free(res->v);
	free(res->publish_error);
	memset(res, 0, sizeof *res);
}

/* ---- reporting ----------------------------------------------------------- */

static const char *
harvest_outcome_name(enum sync_harvest_outcome o)
{
	switch (o) {
	case SYNC_HARVEST_IMPORTED:
		return "imported";
	case SYNC_HARVEST_UNCHANGED:
		return "unchanged";
	case SYNC_HARVEST_NOT_MODIFIED:
		return "not-modified";
	case SYNC_HARVEST_FAILED:
		return "failed";
	case SYNC_HARVEST_REFUSED:
		break;
	}
	return "refused";
}

char *
sync_harvest_line(const struct sync_harvest_source *s)
{
	char *req, *line;

	req = xasprintf("%zu request%s: %zu fetched, %zu not modified",
	    s->requests, s->requests == 1 ? "" : "s", s->fetched,
	    s->not_modified);
	if (s->kept > 0) {
		line = xasprintf("%s, %zu unchanged by lastEdited", req,
		    s->kept);
		free(req);
		req = line;
	}
	switch (s->outcome) {
	case SYNC_HARVEST_IMPORTED:
	case SYNC_HARVEST_UNCHANGED:
		line = xasprintf("%s (%s): %s; %zu created, %zu updated, %zu "
		    "removed, %zu warning%s", s->name, s->format, req,
		    s->created, s->updated, s->removed, s->warnings,
		    s->warnings == 1 ? "" : "s");
		break;
	case SYNC_HARVEST_NOT_MODIFIED:
		line = xasprintf("%s (%s): %s; not modified, not imported "
		    "again", s->name, s->format, req);
		break;
	case SYNC_HARVEST_FAILED:
		line = xasprintf("%s (%s): failed: %s; %s; its entries are "
		    "kept as they were", s->name, s->format, s->reason, req);
		break;
	default:
		line = xasprintf("%s (%s): refused: %s; %s; its entries are "
		    "kept as they were", s->name, s->format, s->reason, req);
		break;
	}
	free(req);
	return line;
}

char *
sync_harvest_json(const struct sync_harvest_result *res, enum sync_status st)
{
	static const char *const names[] = { "updated", "failed", "usage",
	    "current", "refused" };
	json_t *o, *a, *s;
	char *out;
	size_t i;

	a = json_array();
	for (i = 0; i < res->n; i++) {
		const struct sync_harvest_source *r = &res->v[i];

		s = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, "
		    "s:I, s:I, s:I, s:I}",
		    "name", r->name, "format", r->format,
		    "outcome", harvest_outcome_name(r->outcome),
		    "requests", (json_int_t)r->requests,
		    "fetched", (json_int_t)r->fetched,
		    "not_modified", (json_int_t)r->not_modified,
		    "kept", (json_int_t)r->kept,
		    "created", (json_int_t)r->created,
		    "updated", (json_int_t)r->updated,
		    "unchanged", (json_int_t)r->unchanged,
		    "removed", (json_int_t)r->removed,
		    "warnings", (json_int_t)r->warnings,
		    "bytes", (json_int_t)r->bytes);
		if (r->reason != NULL)
			json_object_set_new(s, "reason",
			    json_string(r->reason));
		json_array_append_new(a, s);
	}
	o = json_pack("{s:s, s:i, s:o, s:I, s:I, s:I}",
	    "status", (int)st < 5 ? names[st] : "failed", "exit", (int)st,
	    "sources", a, "version", (json_int_t)res->version,
	    "previous_version", (json_int_t)res->previous,
	    "entries", (json_int_t)res->entries);
	if (res->published)
		json_object_set_new(o, "published", json_pack("{s:I, s:I}",
		    "version", (json_int_t)res->published_version,
		    "deltas", (json_int_t)res->published_deltas));
	if (res->publish_error != NULL)
		json_object_set_new(o, "publish_error",
		    json_string(res->publish_error));
	out = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(o);
	return out != NULL ? out : xstrdup("{}");
}
