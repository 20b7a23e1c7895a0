/*
 * xcri: importing XCRI-CAP 1.2 XML (see xcri.h, docs/xcri-import.md).
 *
 * The document is parsed in chunks (libxml2's push parser builds the
 * tree) and walked as it grows: for each provider its id, name, place and
 * contact; for each course, as soon as its end tag has been read, a
 * record with its texts and an offering for each presentation; then the
 * course's content is freed (an empty element stays, so that paths in
 * messages still count it). So memory holds one chunk's courses, not the
 * feed. A provider's own elements come before its courses in XCRI-CAP;
 * a provider whose dc:identifier or dc:title is not there by its first
 * course is kept whole and read at its end, as before. Elements are matched by
 * namespace and local name; XCRI-CAP feeds mix the XCRI and MLO
 * namespaces for the same elements (start, end, duration...), so both are
 * accepted where they occur in the wild. Unknown elements are ignored.
 *
 * All text goes through catalog_html_node_text(), which turns XHTML into
 * plain text, follows internal entities within one budget for the whole
 * document, and enforces the length limit.
 *
 * An optional value with a bad shape (a start, end or duration that is
 * not a date or interval, an unknown attendanceMode, an unknown language
 * of instruction or xml:lang, a cost the catalogue cannot hold, geo:lat
 * or geo:long that are not a position, a link that is not one) is dropped
 * with a warning (catalog_import_warn) naming FILE:LINE, the element path
 * and the reason, and the course is kept; a text holding escaped HTML
 * ("&lt;p&gt;") is read as HTML, with a warning. With
 * CATALOG_IMPORT_STRICT a warning is an error. A missing dc:identifier or
 * dc:title stays an error.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include "catalog/feed.h"
#include "catalog/html.h"
#include "catalog/import.h"
#include "catalog/isced.h"
#include "catalog/lang.h"
#include "catalog/record.h"
#include "catalog/xcri.h"
#include "catalog/xmalloc.h"

#define NS_XCRI "http://xcri.org/profiles/1.2/catalog"
#define NS_MLO "http://purl.org/net/mlo"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_XSI "http://www.w3.org/2001/XMLSchema-instance"
#define NS_GEO "http://www.w3.org/2003/01/geo/wgs84_pos"

#define XCRI_DEFAULT_LANG "en"		/* for texts without xml:lang */
#define XCRI_ENTITY_BUDGET 100000	/* entity references per document */

/* A namespace set an element may be in. */
enum xcri_ns { XNS_XCRI, XNS_MLO, XNS_DC, XNS_GEO, XNS_ANY_CAP };

struct xcri {
	struct catalog_import *imp;
	struct catalog_isced *isced;
	const char	*file;
	size_t		 budget;
	const char	*entity;	/* the last entity not read, or NULL */
};

/* --- elements and places -------------------------------------------------- */

static int
xcri_is(const xmlNode *n, enum xcri_ns ns, const char *name)
{
	const char	*uri;

	if (n == NULL || n->type != XML_ELEMENT_NODE ||
	    strcmp((const char *)n->name, name) != 0)
		return 0;
	uri = n->ns != NULL ? (const char *)n->ns->href : "";
	switch (ns) {
	case XNS_XCRI:
		return strcmp(uri, NS_XCRI) == 0;
	case XNS_MLO:
		return strcmp(uri, NS_MLO) == 0;
	case XNS_DC:
		return strcmp(uri, NS_DC) == 0;
	case XNS_GEO:
		return strcmp(uri, NS_GEO) == 0;
	case XNS_ANY_CAP:
		return strcmp(uri, NS_XCRI) == 0 || strcmp(uri, NS_MLO) == 0;
	}
	return 0;
}

/* The first child element of n that xcri_is() matches, after prev. */
static const xmlNode *
xcri_next(const xmlNode *n, const xmlNode *prev, enum xcri_ns ns,
    const char *name)
{
	const xmlNode	*c;

	for (c = prev != NULL ? prev->next : n->children; c != NULL;
	    c = c->next) {
		if (xcri_is(c, ns, name))
			return c;
	}
	return NULL;
}

#define xcri_child(n, ns, name) xcri_next((n), NULL, (ns), (name))
#define XCRI_EACH(c, n, ns, name) \
	for ((c) = xcri_child((n), (ns), (name)); (c) != NULL; \
	    (c) = xcri_next((n), (c), (ns), (name)))

/* "/catalog/provider[1]/course[4]/mlo:start[1]" for n. */
static char *
xcri_path(const xmlNode *n)
{
	const xmlNode	*s;
	char		*path = xstrdup(""), *seg, *p;
	size_t		 idx;

	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		idx = 1;
		for (s = n->prev; s != NULL; s = s->prev) {
			if (s->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)s->name,
			    (const char *)n->name) == 0 && s->ns == n->ns)
				idx++;
		}
		if (n->parent == NULL || n->parent->type != XML_ELEMENT_NODE)
			seg = xasprintf("/%s%s%s", n->ns != NULL &&
			    n->ns->prefix != NULL ? (const char *)n->ns->prefix :
			    "", n->ns != NULL && n->ns->prefix != NULL ? ":" : "",
			    (const char *)n->name);
		else
			seg = xasprintf("/%s%s%s[%zu]", n->ns != NULL &&
			    n->ns->prefix != NULL ? (const char *)n->ns->prefix :
			    "", n->ns != NULL && n->ns->prefix != NULL ? ":" : "",
			    (const char *)n->name, idx);
		p = xasprintf("%s%s", seg, path);
		free(seg);
		free(path);
		path = p;
	}
	return path;
}

/* *cause = "FILE:LINE: PATH: message"; returns -1. */
static int __attribute__((format(printf, 4, 5)))
xcri_fail(struct xcri *x, const xmlNode *n, char **cause, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*msg, *path;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	path = xcri_path(n);
	*cause = xasprintf("%s:%ld: %s: %s", x->file, xmlGetLineNo(n), path,
	    msg);
	free(path);
	free(msg);
	return -1;
}

/*
 * An optional value at n dropped: a warning "FILE:LINE: PATH: message"
 * and 0, or under --strict -1 and *cause.
 */
static int __attribute__((format(printf, 4, 5)))
xcri_warn(struct xcri *x, const xmlNode *n, char **cause, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*msg, *path, *text;
	int	 rc;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	path = xcri_path(n);
	text = xasprintf("%s:%ld: %s: %s", x->file, xmlGetLineNo(n), path,
	    msg);
	rc = catalog_import_warn(x->imp, text, cause);
	free(text);
	free(path);
	free(msg);
	return rc;
}

static int
xcri_warn_cause(struct xcri *x, const xmlNode *n, char **cause, char *why)
{
	int	 rc;

	rc = xcri_warn(x, n, cause, "%s: value dropped", why);
	free(why);
	return rc;
}

static int
xcri_fail_cause(struct xcri *x, const xmlNode *n, char **cause, char *why)
{
	xcri_fail(x, n, cause, "%s", why);
	free(why);
	return -1;
}

/* The first entity reference under n that was not expanded, or NULL. */
static const xmlNode *
xcri_entity_ref(const xmlNode *n)
{
	const xmlNode *c, *r;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ENTITY_REF_NODE)
			return c;
		if (c->type == XML_ELEMENT_NODE && (r = xcri_entity_ref(c)) != NULL)
			return r;
	}
	return NULL;
}

/* Plain text of element n (NULL and *cause on a limit). */
static char *
xcri_text(struct xcri *x, const xmlNode *n, char **cause)
{
	const xmlNode	*ref;
	char		*why = NULL, *s;

	if ((s = catalog_html_node_text(n, &x->budget, &why)) == NULL) {
		xcri_fail_cause(x, n, cause, why);
		return NULL;
	}
	/* Entities are never loaded (no XXE): say which one went missing,
	 * or "course without dc:title" would be all the coordinator sees. */
	if ((ref = xcri_entity_ref(n)) == NULL)
		return s;
	x->entity = (const char *)ref->name;
	if (xcri_warn(x, n, cause, "the entity &%.40s; is not read (external "
	    "and undeclared entities are never loaded): the text is used "
	    "without it", x->entity) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

/* The text of the first child matching, or NULL (*failed on error). */
static char *
xcri_child_text(struct xcri *x, const xmlNode *n, enum xcri_ns ns,
    const char *name, char **cause, int *failed)
{
	const xmlNode	*c;
	char		*s;

	*failed = 0;
	XCRI_EACH(c, n, ns, name) {
		if ((s = xcri_text(x, c, cause)) == NULL) {
			*failed = 1;
			return NULL;
		}
		if (*s != '\0')
			return s;
		free(s);
	}
	return NULL;
}

/* Attribute value (trimmed is not needed: these are tokens), or NULL. */
static char *
xcri_attr(const xmlNode *n, const char *name, const char *ns)
{
	xmlChar	*v;
	char	*s;

	v = ns != NULL ? xmlGetNsProp(n, (const xmlChar *)name,
	    (const xmlChar *)ns) : xmlGetNoNsProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* 1 when n has an xsi:type (a refined element, not the plain one). */
static int
xcri_typed(const xmlNode *n)
{
	return xmlHasNsProp(n, (const xmlChar *)"type",
	    (const xmlChar *)NS_XSI) != NULL;
}

/* The id of n: its first untyped dc:identifier, else any; NULL if none. */
static char *
xcri_identifier(struct xcri *x, const xmlNode *n, char **cause, int *failed)
{
	const xmlNode	*c, *pick = NULL;
	char		*s;

	*failed = 0;
	XCRI_EACH(c, n, XNS_DC, "identifier") {
		if (!xcri_typed(c)) {
			pick = c;
			break;
		}
		if (pick == NULL)
			pick = c;
	}
	if (pick == NULL)
		return NULL;
	if ((s = xcri_text(x, pick, cause)) == NULL) {
		*failed = 1;
		return NULL;
	}
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* --- texts -------------------------------------------------------------- */

/*
 * 1 when plain text s holds what looks like an HTML tag ("<p>", "</b>",
 * "<br/>", "<!--"): markup a feed escaped instead of writing XHTML.
 */
static int
xcri_has_markup(const char *s)
{
	const char	*p;

	for (p = strchr(s, '<'); p != NULL; p = strchr(p + 1, '<')) {
		if (isalpha((unsigned char)p[1]) || p[1] == '!' ||
		    (p[1] == '/' && isalpha((unsigned char)p[2])))
			return strchr(p, '>') != NULL;
	}
	return 0;
}

/* Add the text of element n in its xml:lang, joined with sep. */
static int
xcri_texts_add(struct xcri *x, struct catalog_feed_texts *t,
    const xmlNode *n, const char *sep, char **cause)
{
	xmlChar			*lang;
	char			 primary[CATALOG_LANG_MAX], *s, *joined;
	char			*why = NULL;
	int			 bad, rc;

	if ((s = xcri_text(x, n, cause)) == NULL)
		return -1;
	if (xcri_has_markup(s)) {	/* meaning clear: read as HTML */
		joined = catalog_html_to_text(s, strlen(s), &why);
		free(s);
		if (joined == NULL)
			return xcri_fail_cause(x, n, cause, why);
		s = joined;
		if (xcri_warn(x, n, cause, "escaped HTML markup where text or "
		    "XHTML is expected: read as text with the markup "
		    "removed") != 0) {
			free(s);
			return -1;
		}
	}
	if (*s == '\0') {
		free(s);
		return 0;
	}
	lang = xmlNodeGetLang(n);
	bad = catalog_lang_primary(lang != NULL ? (const char *)lang :
	    XCRI_DEFAULT_LANG, primary, sizeof primary) != 0;
	if (bad) {	/* which language it is is not clear: dropped */
		rc = xcri_warn(x, n, cause, "xml:lang \"%.40s\" is not a "
		    "language tag: text dropped", (const char *)lang);
		xmlFree(lang);
		free(s);
		return rc;
	}
	xmlFree(lang);
	rc = catalog_feed_texts_add(t, primary, s, sep, &why);
	free(s);
	if (rc != 0)
		return xcri_fail_cause(x, n, cause, why);
	return 0;
}

static int
xcri_texts_put(struct xcri *x, const xmlNode *n, struct catalog_record *r,
    enum catalog_field f, struct catalog_feed_texts *t, char **cause)
{
	char	*why = NULL;

	if (catalog_feed_texts_put(t, r, f, &why) != 0)
		return xcri_fail_cause(x, n, cause, why);
	return 0;
}

/* A child of course that gives a text: namespace, name, plain only. */
struct xcri_source {
	enum xcri_ns	 ns;
	const char	*name;
	int		 untyped;	/* skip elements with an xsi:type */
};

static const struct xcri_source xcri_title[] = {
	{ XNS_DC, "title", 0 }, { 0, NULL, 0 }
};
static const struct xcri_source xcri_summary[] = {
	{ XNS_ANY_CAP, "abstract", 0 }, { 0, NULL, 0 }
};
static const struct xcri_source xcri_description[] = {
	{ XNS_DC, "description", 1 }, { 0, NULL, 0 }
};
static const struct xcri_source xcri_outcome[] = {
	{ XNS_ANY_CAP, "learningOutcome", 0 },
	{ XNS_MLO, "objective", 0 }, { 0, NULL, 0 }
};
static const struct xcri_source xcri_join[] = {
	{ XNS_ANY_CAP, "applicationProcedure", 0 },
	{ XNS_MLO, "prerequisite", 0 }, { 0, NULL, 0 }
};

/* Gather the sources' texts of course into field f of r. */
static int
xcri_field(struct xcri *x, const xmlNode *course, struct catalog_record *r,
    enum catalog_field f, const struct xcri_source *src, const char *sep,
    char **cause)
{
	struct catalog_feed_texts t = { NULL, 0 };
	const xmlNode		*c;
	int			 rc = -1;

	for (; src->name != NULL; src++) {
		XCRI_EACH(c, course, src->ns, src->name) {
			if (src->untyped && xcri_typed(c))
				continue;
			if (xcri_texts_add(x, &t, c, sep, cause) != 0)
				goto fail;
		}
	}
	rc = xcri_texts_put(x, course, r, f, &t, cause);
fail:
	catalog_feed_texts_done(&t);
	return rc;
}

/* --- values ------------------------------------------------------------- */

/*
 * A date from a dtf attribute (W3C date/time): the YYYY-MM-DD part, or
 * NULL for a partial date ("2015-09"), which the catalogue cannot hold.
 * -1 when dtf is not a W3C date at all.
 */
static int
xcri_dtf(const char *dtf, char *out, size_t outsz)
{
	size_t	 n = strlen(dtf), i;

	out[0] = '\0';
	for (i = 0; i < n && i < 10; i++) {
		if ((i == 4 || i == 7) ? dtf[i] != '-' :
		    !isdigit((unsigned char)dtf[i]))
			return -1;
	}
	if (n == 4 || n == 7)
		return 0;
	if (n < 10 || (n > 10 && dtf[10] != 'T'))
		return -1;
	snprintf(out, outsz, "%.10s", dtf);
	return 0;
}

/* attendanceMode identifiers of the XCRI-CAP 1.2 vocabulary. */
static const struct {
	const char	*id;
	const char	*mode;
} xcri_modes[] = {
	{ "CM", "onsite" },	/* campus */
	{ "WB", "onsite" },	/* work-based */
	{ "DA", "blended" },	/* distance with attendance */
	{ "MM", "blended" },	/* mixed mode */
	{ "DS", "online" },	/* distance without attendance */
	{ "NC", "online" },	/* face-to-face non-campus: online class */
	{ "ON", "online" },	/* online (no attendance) */
};

/*
 * A cost text in euros as "1250.50" into out; "0" for free. 0 when it is
 * one, -1 when the text is something else (another currency, words).
 */
static int
xcri_euros(const char *text, char *out, size_t outsz)
{
	char	 buf[64], digits[64];
	char	*p, *q, *sep;
	size_t	 n, i, k, after;
	int	 euro = 0;

	if (strlen(text) >= sizeof buf)
		return -1;
	snprintf(buf, sizeof buf, "%s", text);
	for (p = buf; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strcmp(buf, "free") == 0 || strcmp(buf, "gratis") == 0 ||
	    strcmp(buf, "kosteloos") == 0 || strcmp(buf, "no cost") == 0) {
		snprintf(out, outsz, "0");
		return 0;
	}
	/* Remove one euro marker at the start or the end. */
	p = buf;
	if (strncmp(p, "\xe2\x82\xac", 3) == 0)
		p += 3, euro = 1;
	else if (strncmp(p, "eur", 3) == 0)
		p += 3, euro = 1;
	while (*p == ' ')
		p++;
	n = strlen(p);
	while (n > 0 && p[n - 1] == ' ')
		p[--n] = '\0';
	if (!euro) {
		if (n >= 3 && strcmp(p + n - 3, "\xe2\x82\xac") == 0)
			n -= 3, euro = 1;
		else if (n >= 5 && strcmp(p + n - 5, "euros") == 0)
			n -= 5, euro = 1;
		else if (n >= 4 && strcmp(p + n - 4, "euro") == 0)
			n -= 4, euro = 1;
		else if (n >= 3 && strcmp(p + n - 3, "eur") == 0)
			n -= 3, euro = 1;
		p[n] = '\0';
		while (n > 0 && p[n - 1] == ' ')
			p[--n] = '\0';
	}
	if (!euro || n == 0)
		return -1;
	/* The last '.' or ',' is the decimal mark if 1 or 2 digits follow. */
	sep = NULL;
	for (q = p; *q != '\0'; q++) {
		if (*q == '.' || *q == ',')
			sep = q;
		else if (!isdigit((unsigned char)*q))
			return -1;
	}
	after = sep != NULL ? strlen(sep + 1) : 0;
	for (i = 0, k = 0; p[i] != '\0' && k + 2 < sizeof digits; i++) {
		if (isdigit((unsigned char)p[i]))
			digits[k++] = p[i];
		else if (&p[i] == sep && (after == 1 || after == 2))
			digits[k++] = '.';
		else if (after == 0 || after == 3 || &p[i] != sep) {
			/* a thousands separator: must group 3 digits */
			if (strspn(p + i + 1, "0123456789") != 3)
				return -1;
		} else
			return -1;
	}
	digits[k] = '\0';
	if (k == 0 || digits[0] == '.')
		return -1;
	snprintf(out, outsz, "%s", digits);
	return 0;
}

/* One line for a place: title, address lines, postcode and town. */
static char *
xcri_place_line(struct xcri *x, const xmlNode *prov, char **cause,
    int *failed)
{
	static const char *const parts[] = { "address", "town", "postcode" };
	const xmlNode	*loc, *c;
	char		*line = NULL, *s, *p;
	size_t		 k;

	*failed = 0;
	if ((s = xcri_child_text(x, prov, XNS_DC, "title", cause,
	    failed)) != NULL)
		line = s;
	if (*failed)
		return NULL;
	if ((loc = xcri_child(prov, XNS_MLO, "location")) == NULL)
		return line;
	for (k = 0; k < 3; k++) {	/* address lines, town, postcode */
		XCRI_EACH(c, loc, XNS_MLO, parts[k]) {
			if ((s = xcri_text(x, c, cause)) == NULL) {
				free(line);
				*failed = 1;
				return NULL;
			}
			if (*s != '\0' &&
			    (line == NULL || strstr(line, s) == NULL)) {
				p = xasprintf("%s%s%s", line != NULL ? line :
				    "", line != NULL ? ", " : "", s);
				free(line);
				line = p;
			}
			free(s);
		}
	}
	if (line != NULL) {	/* one line: address lines may hold breaks */
		for (p = line; *p != '\0'; p++) {
			if (*p == '\n')
				*p = ' ';
		}
	}
	return line;
}

/*
 * City, position and (for a provider) contact of a location: loc is the
 * provider's mlo:location, found once per provider by the caller (looking
 * it up per course scanned all the provider's courses: O(n^2)).
 */
static int
xcri_location(struct xcri *x, const xmlNode *loc, struct catalog_record *r,
    int contact, char **cause)
{
	char		*town = NULL, *lat = NULL, *lon = NULL, *phone = NULL;
	char		*email = NULL, *why = NULL, *end1, *end2, *s;
	double		 la, lo;
	int		 failed, rc = -1;

	if (loc == NULL)
		return 0;
	town = xcri_child_text(x, loc, XNS_MLO, "town", cause, &failed);
	if (failed)
		goto fail;
	lat = xcri_child_text(x, loc, XNS_GEO, "lat", cause, &failed);
	if (failed)
		goto fail;
	lon = xcri_child_text(x, loc, XNS_GEO, "long", cause, &failed);
	if (failed)
		goto fail;
	if (r->city == NULL && town != NULL)
		catalog_record_set_string(&r->city, town);
	if (!r->has_geo && lat != NULL && lon != NULL) {
		la = strtod(lat, &end1);
		lo = strtod(lon, &end2);
		if (*end1 != '\0' || *end2 != '\0' || end1 == lat ||
		    end2 == lon) {
			if (xcri_warn(x, loc, cause, "geo:lat and geo:long "
			    "must be numbers: position dropped") != 0)
				goto fail;
		} else if (catalog_record_set_geo(r, la, lo, &why) != 0 &&
		    xcri_warn_cause(x, loc, cause, why) != 0)
			goto fail;
	}
	if (contact && r->contact == NULL) {
		phone = xcri_child_text(x, loc, XNS_MLO, "phone", cause,
		    &failed);
		if (failed)
			goto fail;
		email = xcri_child_text(x, loc, XNS_MLO, "email", cause,
		    &failed);
		if (failed)
			goto fail;
		if (phone != NULL || email != NULL) {
			s = xasprintf("%s%s%s", phone != NULL ? phone : "",
			    phone != NULL && email != NULL ? ", " : "",
			    email != NULL ? email : "");
			catalog_record_set_string(&r->contact, s);
			free(s);
		}
	}
	rc = 0;
fail:
	free(town);
	free(lat);
	free(lon);
	free(phone);
	free(email);
	return rc;
}

/* Themes from dc:subject elements that carry an ISCED code. */
static int
xcri_themes(struct xcri *x, const xmlNode *course, struct catalog_record *r,
    char **cause)
{
	const xmlNode	*c;
	char		*type, *code;
	const char	*theme;
	char		*why = NULL;

	XCRI_EACH(c, course, XNS_DC, "subject") {
		type = xcri_attr(c, "type", NS_XSI);
		code = xcri_attr(c, "identifier", NULL);
		theme = NULL;
		if (type != NULL && code != NULL &&
		    strcasestr(type, "isced") != NULL)
			theme = catalog_isced_theme(x->isced, code);
		free(type);
		free(code);
		if (theme == NULL)
			continue;
		if (!catalog_import_has_theme(x->imp, theme))
			return xcri_fail(x, c, cause, "theme '%s' is not in the "
			    "catalogue: import the themes first", theme);
		if (catalog_record_add_theme(r, theme, &why) != 0)
			return xcri_fail_cause(x, c, cause, why);
	}
	if (catalog_feed_theme_default(x->imp, r,
	    catalog_isced_default(x->isced), &why) != 0)
		return xcri_fail_cause(x, course, cause, why);
	return 0;
}

/* --- presentations --------------------------------------------------------- */

/* A date element (start, end) with a dtf attribute into *slot. */
static int
xcri_date(struct xcri *x, const xmlNode *pres, const char *name, char **slot,
    char **cause)
{
	const xmlNode	*c;
	char		*dtf, date[16], *why = NULL;
	int		 rc = 0;

	if ((c = xcri_child(pres, XNS_ANY_CAP, name)) == NULL ||
	    (dtf = xcri_attr(c, "dtf", NULL)) == NULL)
		return 0;
	if (xcri_dtf(dtf, date, sizeof date) != 0)
		rc = xcri_warn(x, c, cause, "dtf \"%.40s\" is not a date like "
		    "2027-01-31: value dropped", dtf);
	else if (date[0] != '\0' &&
	    catalog_record_offering_set_date(slot, date, &why) != 0)
		rc = xcri_warn_cause(x, c, cause, why);
	free(dtf);
	return rc;
}

/* The cost of a presentation: euros, or a note for the entry. */
static int
xcri_cost(struct xcri *x, const xmlNode *pres,
    struct catalog_record_offering *off, struct catalog_feed_texts *notes,
    char **cause)
{
	const xmlNode	*c;
	char		*s, euros[64], *why = NULL;
	int		 rc = 0;

	if ((c = xcri_child(pres, XNS_MLO, "cost")) == NULL)
		return 0;
	if ((s = xcri_text(x, c, cause)) == NULL)
		return -1;
	if (xcri_euros(s, euros, sizeof euros) == 0) {
		if (catalog_record_offering_set_cost(off, euros, &why) != 0)
			rc = xcri_warn_cause(x, c, cause, why);
	} else if (*s != '\0' && notes->n == 0)
		rc = xcri_texts_add(x, notes, c, "; ", cause);
	free(s);
	return rc;
}

static int
xcri_presentation(struct xcri *x, const xmlNode *pres, size_t idx,
    struct catalog_record *r, struct catalog_feed_texts *notes, char **cause)
{
	struct catalog_record_offering	*off;
	const xmlNode			*c, *venue, *vprov;
	char				*id, *part, *s, *why = NULL, lang[16];
	size_t				 i;
	int				 failed, rc = 0;

	off = catalog_record_add_offering(r);
	id = xcri_identifier(x, pres, cause, &failed);
	if (failed)
		return -1;
	part = id != NULL ? catalog_feed_key_part(id) : NULL;
	free(id);
	for (i = 0; part != NULL && i + 1 < r->nofferings; i++) {
		if (strcmp(r->offerings[i].key, part) == 0) {
			free(part);	/* feeds reuse the course URL */
			part = NULL;
		}
	}
	off->key = part != NULL ? part : xasprintf("presentation-%zu", idx);

	if (xcri_date(x, pres, "start", &off->start, cause) != 0 ||
	    xcri_date(x, pres, "end", &off->end, cause) != 0)
		return -1;
	if ((c = xcri_child(pres, XNS_ANY_CAP, "duration")) != NULL &&
	    (s = xcri_attr(c, "interval", NULL)) != NULL) {
		if (catalog_record_offering_set_duration(off, s, &why) != 0 &&
		    xcri_warn_cause(x, c, cause, why) != 0) {
			free(s);
			return -1;
		}
		free(s);
	}
	if ((c = xcri_child(pres, XNS_ANY_CAP, "attendanceMode")) != NULL &&
	    (s = xcri_attr(c, "identifier", NULL)) != NULL) {
		for (i = 0; i < sizeof xcri_modes / sizeof xcri_modes[0]; i++) {
			if (strcmp(s, xcri_modes[i].id) == 0)
				break;
		}
		if (i == sizeof xcri_modes / sizeof xcri_modes[0])
			rc = xcri_warn(x, c, cause, "attendanceMode \"%.40s\" "
			    "is not in the XCRI-CAP 1.2 vocabulary: value "
			    "dropped", s);
		else if (catalog_record_offering_set_mode(off,
		    xcri_modes[i].mode, &why) != 0)
			rc = xcri_warn_cause(x, c, cause, why);
		free(s);
		if (rc != 0)
			return -1;
	}
	if ((c = xcri_child(pres, XNS_MLO, "languageOfInstruction")) != NULL) {
		if ((s = xcri_text(x, c, cause)) == NULL)
			return -1;
		catalog_feed_lang(s, lang, sizeof lang);
		if (*s != '\0' &&
		    catalog_record_offering_set_lang(off, lang, &why) != 0) {
			free(why);	/* names lang, maybe cut short */
			rc = xcri_warn(x, c, cause, "\"%.40s\" is not a "
			    "language tag: value dropped", s);
		}
		free(s);
		if (rc != 0)
			return -1;
	}
	if (xcri_cost(x, pres, off, notes, cause) != 0)
		return -1;
	if ((venue = xcri_child(pres, XNS_XCRI, "venue")) != NULL &&
	    (vprov = xcri_child(venue, XNS_XCRI, "provider")) != NULL) {
		off->place = xcri_place_line(x, vprov, cause, &failed);
		if (failed)
			return -1;
		if (xcri_location(x, xcri_child(vprov, XNS_MLO, "location"),
		    r, 0, cause) != 0)
			return -1;
	}
	return 0;
}

/* --- courses and providers -------------------------------------------------- */

struct xcri_provider {
	const xmlNode	*node;
	const xmlNode	*location;	/* its mlo:location, or NULL */
	char		*id;
	char		*name;
	char		*url;
};

static int
xcri_link(struct xcri *x, const xmlNode *n, struct catalog_record *r,
    const char *url, char **cause)
{
	char	*fixed = NULL, *why = NULL;
	int	 rc = 0;

	if (url == NULL || *url == '\0')
		return 0;
	if (strstr(url, "://") == NULL && strncmp(url, "www.", 4) == 0)
		url = fixed = xasprintf("http://%s", url);
	if (catalog_record_set_link(r, url, &why) != 0)
		rc = xcri_warn_cause(x, n, cause, why);
	free(fixed);
	return rc;
}

static int
xcri_course(struct xcri *x, struct xcri_provider *p, const xmlNode *course,
    char **cause)
{
	struct catalog_record	*r = catalog_record_new();
	struct catalog_feed_texts notes = { NULL, 0 };
	const xmlNode		*c;
	char			*id = NULL, *part = NULL, *key = NULL;
	char			*url = NULL, *why = NULL;
	size_t			 n = 0;
	int			 failed, rc = -1;

	x->entity = NULL;
	if ((id = xcri_identifier(x, course, cause, &failed)) == NULL) {
		if (!failed)
			xcri_fail(x, course, cause, "course without "
			    "dc:identifier");
		goto fail;
	}
	part = catalog_feed_key_part(p->id);
	key = xasprintf("xcri:%s/", part);
	free(part);
	part = catalog_feed_key_part(id);
	free(id);
	id = xasprintf("%s%s", key, part);
	if (catalog_record_set_key(r, id, &why) != 0 ||
	    catalog_record_set_kind(r, "course", &why) != 0) {
		xcri_fail_cause(x, course, cause, why);
		goto fail;
	}
	catalog_record_set_string(&r->provider, p->name);

	if (xcri_field(x, course, r, CATALOG_FIELD_TITLE, xcri_title, " / ",
	    cause) != 0)
		goto fail;
	if (r->ntexts == 0 && x->entity != NULL) {
		xcri_fail(x, course, cause, "course without dc:title: its text "
		    "is the entity &%.40s;, which is not read (external and "
		    "undeclared entities are never loaded)", x->entity);
		goto fail;
	}
	if (r->ntexts == 0) {
		xcri_fail(x, course, cause, "course without dc:title");
		goto fail;
	}
	if (xcri_field(x, course, r, CATALOG_FIELD_SUMMARY, xcri_summary,
	    "\n\n", cause) != 0 ||
	    xcri_field(x, course, r, CATALOG_FIELD_DESCRIPTION,
	    xcri_description, "\n\n", cause) != 0 ||
	    xcri_field(x, course, r, CATALOG_FIELD_OUTCOME, xcri_outcome,
	    "\n\n", cause) != 0 ||
	    xcri_field(x, course, r, CATALOG_FIELD_JOIN, xcri_join, "\n\n",
	    cause) != 0)
		goto fail;

	url = xcri_child_text(x, course, XNS_MLO, "url", cause, &failed);
	if (failed)
		goto fail;
	if (xcri_link(x, course, r, url != NULL ? url : p->url, cause) != 0)
		goto fail;
	if (xcri_themes(x, course, r, cause) != 0)
		goto fail;

	XCRI_EACH(c, course, XNS_XCRI, "presentation") {
		if (xcri_presentation(x, c, ++n, r, &notes, cause) != 0)
			goto fail;
	}
	if (xcri_texts_put(x, course, r, CATALOG_FIELD_COST_NOTE, &notes,
	    cause) != 0)
		goto fail;
	/* Where the provider is, when no venue says otherwise. */
	if (xcri_location(x, p->location, r, 1, cause) != 0)
		goto fail;
	if (catalog_record_check(r, &why) != 0 ||
	    catalog_import_put(x->imp, r, &why) != 0) {
		xcri_fail_cause(x, course, cause, why);
		goto fail;
	}
	rc = 0;
fail:
	catalog_feed_texts_done(&notes);
	free(id);
	free(part);
	free(key);
	free(url);
	catalog_record_free(r);
	return rc;
}

static void
xcri_provider_end(struct xcri_provider *p)
{
	free(p->id);
	free(p->name);
	free(p->url);
	memset(p, 0, sizeof *p);
}

/* A provider's id, name, link and place into *p (zeroed first). */
static int
xcri_provider_begin(struct xcri *x, const xmlNode *prov,
    struct xcri_provider *p, char **cause)
{
	int	 failed;

	memset(p, 0, sizeof *p);
	p->node = prov;
	p->location = xcri_child(prov, XNS_MLO, "location");
	if ((p->id = xcri_identifier(x, prov, cause, &failed)) == NULL) {
		if (!failed)
			xcri_fail(x, prov, cause, "provider without "
			    "dc:identifier");
		goto fail;
	}
	p->name = xcri_child_text(x, prov, XNS_DC, "title", cause, &failed);
	if (failed)
		goto fail;
	if (p->name == NULL) {
		xcri_fail(x, prov, cause, "provider without dc:title");
		goto fail;
	}
	p->url = xcri_child_text(x, prov, XNS_MLO, "url", cause, &failed);
	if (failed)
		goto fail;
	return 0;
fail:
	xcri_provider_end(p);
	return -1;
}

/* A whole provider with all its courses. */
static int
xcri_provider(struct xcri *x, const xmlNode *prov, char **cause)
{
	struct xcri_provider	 p;
	const xmlNode		*c;
	int			 rc = -1;

	if (xcri_provider_begin(x, prov, &p, cause) != 0)
		return -1;
	XCRI_EACH(c, prov, XNS_XCRI, "course") {
		if (xcri_course(x, &p, c, cause) != 0)
			goto fail;
	}
	rc = 0;
fail:
	xcri_provider_end(&p);
	return rc;
}

#define XCRI_CHUNK (256 * 1024)	/* bytes given to the parser at a time */

/* A provider being read (see the top). */
struct xcri_stream_prov {
	const xmlNode	*node;
	struct xcri_provider p;
	const xmlNode	*last;		/* its last course mapped */
	enum { XP_NEW, XP_COURSES, XP_WAIT, XP_DONE } state;
};

struct xcri_stream {
	xmlParserCtxt	*ctxt;
	struct xcri_stream_prov *v;
	size_t		 n;
};

/* *cause for the parser's (first) error. */
static void
xcri_parse_error(struct xcri *x, xmlParserCtxt *ctxt, char **cause)
{
	const xmlError	*err = xmlCtxtGetLastError(ctxt);
	char		*msg = NULL;
	size_t		 n;

	if (err != NULL && err->message != NULL) {
		msg = xstrdup(err->message);
		n = strlen(msg);
		while (n > 0 && isspace((unsigned char)msg[n - 1]))
			msg[--n] = '\0';
	}
	if (err != NULL && err->code == XML_ERR_ENTITY_LOOP)
		*cause = xasprintf("%s:%d: entity expansion limit: the "
		    "entities expand to far more text than the file holds "
		    "(an entity bomb?)", x->file, err->line);
	else if (err != NULL)
		*cause = xasprintf("%s:%d: not well-formed XML: %s", x->file,
		    err->line, msg != NULL ? msg : "error");
	else
		*cause = xasprintf("%s: not well-formed XML", x->file);
	free(msg);
}

/* Parser messages are told through *cause, never printed. */
#if LIBXML_VERSION >= 21200
static void
xcri_quiet(void *ctx, const xmlError *err)
#else
static void
xcri_quiet(void *ctx, xmlError *err)
#endif
{
	(void)ctx;
	(void)err;
}

/* 1 when element n is still open in the parser (its end not read). */
static int
xcri_open(const xmlParserCtxt *ctxt, const xmlNode *n)
{
	int	 i;

	for (i = 0; i < ctxt->nodeNr; i++) {
		if (ctxt->nodeTab[i] == n)
			return 1;
	}
	return 0;
}

/* Map the courses of provider sp read so far (all when it has ended). */
static int
xcri_stream_provider(struct xcri *x, struct xcri_stream *st,
    struct xcri_stream_prov *sp, int final, char **cause)
{
	const xmlNode	*c, *next;
	xmlNode		*mapped;
	int		 open = !final && xcri_open(st->ctxt, sp->node);

	if (sp->state == XP_NEW) {
		if ((c = xcri_child(sp->node, XNS_XCRI, "course")) == NULL &&
		    open)
			return 0;
		if (c != NULL && xcri_child(sp->node, XNS_DC,
		    "identifier") != NULL && xcri_child(sp->node, XNS_DC,
		    "title") != NULL) {
			if (xcri_provider_begin(x, sp->node, &sp->p,
			    cause) != 0)
				return -1;
			sp->state = XP_COURSES;
		} else
			sp->state = XP_WAIT;
	}
	if (sp->state == XP_WAIT) {
		if (open)
			return 0;
		sp->state = XP_DONE;
		return xcri_provider(x, sp->node, cause);
	}
	if (sp->last != NULL)
		c = xcri_next(sp->node, sp->last, XNS_XCRI, "course");
	else
		c = xcri_child(sp->node, XNS_XCRI, "course");
	while (c != NULL) {
		if (open && xcri_open(st->ctxt, c))
			break;
		if (xcri_course(x, &sp->p, c, cause) != 0)
			return -1;
		next = xcri_next(sp->node, c, XNS_XCRI, "course");
		/* Mapped: free its content, keep the element for paths. */
		mapped = (xmlNode *)(uintptr_t)c;
		xmlFreeNodeList(mapped->children);
		mapped->children = NULL;
		mapped->last = NULL;
		sp->last = c;
		c = next;
	}
	if (!open) {
		xcri_provider_end(&sp->p);
		sp->state = XP_DONE;
	}
	return 0;
}

/* Map what the parser has read so far (all of it when final). */
static int
xcri_stream_step(struct xcri *x, struct xcri_stream *st, int final,
    char **cause)
{
	const xmlNode	*root, *c;
	size_t		 i;

	if (st->ctxt->myDoc == NULL ||
	    (root = xmlDocGetRootElement(st->ctxt->myDoc)) == NULL ||
	    !xcri_is(root, XNS_XCRI, "catalog"))
		return 0;	/* told at the end */
	XCRI_EACH(c, root, XNS_XCRI, "provider") {
		for (i = 0; i < st->n && st->v[i].node != c; i++)
			;
		if (i == st->n) {
			st->v = xreallocarray(st->v, st->n + 1,
			    sizeof *st->v);
			memset(&st->v[st->n], 0, sizeof *st->v);
			st->v[st->n++].node = c;
		}
		if (st->v[i].state == XP_DONE)
			continue;
		if (xcri_stream_provider(x, st, &st->v[i], final, cause) != 0)
			return -1;
	}
	return 0;
}

static int
xcri_run(struct xcri *x, const char *data, size_t len, char **cause)
{
	struct xcri_stream	 st;
	const xmlNode		*root;
	size_t			 off, n, i;
	int			 rc = -1;

	memset(&st, 0, sizeof st);
	if (len > CATALOG_FEED_MAX || len > (size_t)INT32_MAX) {
		*cause = xasprintf("%s: file is larger than the limit of %d "
		    "MiB", x->file, CATALOG_FEED_MAX / (1024 * 1024));
		return -1;
	}
	if ((x->isced = catalog_isced_load(NULL, cause)) == NULL)
		return -1;
	if ((st.ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0,
	    x->file)) == NULL) {
		*cause = xasprintf("%s: cannot start the XML parser", x->file);
		goto fail;
	}
	/* No XML_PARSE_NOENT, DTDLOAD or HUGE: no entity is substituted by
	 * the parser and no external one is ever read. */
	xmlCtxtUseOptions(st.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	st.ctxt->sax->serror = xcri_quiet;
	st.ctxt->vctxt.error = NULL;
	st.ctxt->vctxt.warning = NULL;
	for (off = 0; off < len; off += n) {
		n = len - off < XCRI_CHUNK ? len - off : XCRI_CHUNK;
		if (xmlParseChunk(st.ctxt, data + off, (int)n, 0) != 0 ||
		    !st.ctxt->wellFormed) {
			xcri_parse_error(x, st.ctxt, cause);
			goto fail;
		}
		if (xcri_stream_step(x, &st, 0, cause) != 0)
			goto fail;
	}
	if (xmlParseChunk(st.ctxt, NULL, 0, 1) != 0 || !st.ctxt->wellFormed ||
	    st.ctxt->myDoc == NULL) {
		xcri_parse_error(x, st.ctxt, cause);
		goto fail;
	}
	root = xmlDocGetRootElement(st.ctxt->myDoc);
	if (root == NULL || !xcri_is(root, XNS_XCRI, "catalog")) {
		*cause = xasprintf("%s: not an XCRI-CAP 1.2 catalog (the root "
		    "element must be catalog in namespace %s)", x->file,
		    NS_XCRI);
		goto fail;
	}
	rc = xcri_stream_step(x, &st, 1, cause);
fail:
	for (i = 0; i < st.n; i++)
		xcri_provider_end(&st.v[i].p);
	free(st.v);
	if (st.ctxt != NULL) {
		xmlFreeDoc(st.ctxt->myDoc);
		st.ctxt->myDoc = NULL;
		xmlFreeParserCtxt(st.ctxt);
	}
	catalog_isced_free(x->isced);
	return rc;
}

int
catalog_xcri_import_memory(struct catalog_import *imp, const char *name,
    const char *data, size_t len, char **cause)
{
	struct xcri	 x;

	memset(&x, 0, sizeof x);
	x.imp = imp;
	x.file = name;
	x.budget = XCRI_ENTITY_BUDGET;
	return xcri_run(&x, data, len, cause);
}

int
catalog_xcri_import(struct catalog_import *imp, const char *file,
    char **cause)
{
	char	*buf;
	size_t	 len;
	int	 rc;

	if ((buf = catalog_feed_read(file, CATALOG_FEED_MAX, &len,
	    cause)) == NULL)
		return -1;
	rc = catalog_xcri_import_memory(imp, file, buf, len, cause);
	free(buf);
	return rc;
}

int
catalog_xcri_sniff(const char *head, size_t n)
{
	size_t	 i = 0;

	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && isspace((unsigned char)head[i]))
		i++;
	if (i == n || head[i] != '<')
		return 0;
	return memmem(head, n, NS_XCRI, strlen(NS_XCRI)) != NULL;
}
