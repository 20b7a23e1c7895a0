/*
 * html: HTML and XHTML fragments to plain text (see html.h).
 *
 * One walker appends the text of a node tree to a growing buffer. White
 * space is not copied but remembered as a pending separator (space, line
 * break or paragraph break), the strongest one wins, and it is written
 * only before the next visible character: so leading and trailing space
 * vanish and markup like "<p> a </p> <p>b</p>" becomes "a\n\nb".
 */
#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>

#include "catalog/html.h"
#include "catalog/xmalloc.h"

#define HTML_MAX_DEPTH 256		/* element nesting followed */
#define HTML_MAX_NODES 1000000		/* nodes visited per text */

enum html_sep { SEP_NONE, SEP_SPACE, SEP_LINE, SEP_PARA };

struct html_buf {
	char		*s;
	size_t		 len, cap;
	enum html_sep	 pending;
	size_t		 nodes;
	size_t		*budget;	/* entity references left */
	char		*cause;
};

/* Elements whose content is not text for a reader. */
static const char *const html_skip[] = {
	"script", "style", "head", "template", "noscript", "object", NULL
};
/* Elements that start and end a paragraph. */
static const char *const html_para[] = {
	"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
	"dl", "section", "article", "blockquote", "pre", "header", "footer",
	"address", "figure", "hr", NULL
};
/* Elements that start and end a line. */
static const char *const html_line[] = {
	"br", "li", "tr", "dt", "dd", "caption", "thead", "tbody", NULL
};
/* Elements separated from their neighbours by a space. */
static const char *const html_cell[] = { "td", "th", NULL };

static int
html_in(const xmlChar *name, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (xmlStrcasecmp(name, (const xmlChar *)*list) == 0)
			return 1;
	}
	return 0;
}

static void
html_sep(struct html_buf *b, enum html_sep sep)
{
	if (sep > b->pending)
		b->pending = sep;
}

static int
html_put(struct html_buf *b, const char *p, size_t n)
{
	if (b->len + n + 3 > CATALOG_HTML_MAX) {
		if (b->cause == NULL)
			b->cause = xasprintf("text longer than %d bytes",
			    CATALOG_HTML_MAX);
		return -1;
	}
	if (b->len + n + 3 > b->cap) {
		b->cap = (b->len + n + 3) * 2;
		if (b->cap > CATALOG_HTML_MAX + 1)
			b->cap = CATALOG_HTML_MAX + 1;
		b->s = xreallocarray(b->s, 1, b->cap);
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	return 0;
}

/* Length of the valid UTF-8 sequence at p (n bytes left), 0 if invalid. */
static size_t
html_utf8_len(const unsigned char *p, size_t n, unsigned int *cp)
{
	size_t	 len, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, *cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, *cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, *cp = p[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && (*cp < 0x800 || (*cp >= 0xd800 && *cp <= 0xdfff))) ||
	    (len == 4 && (*cp < 0x10000 || *cp > 0x10ffff)))
		return 0;
	return len;
}

/* Append n visible bytes after the pending separator. */
static int
html_visible(struct html_buf *b, const char *p, size_t n)
{
	static const char *const seps[] = { "", " ", "\n", "\n\n" };

	if (b->len > 0 && b->pending != SEP_NONE &&
	    html_put(b, seps[b->pending], strlen(seps[b->pending])) != 0)
		return -1;
	b->pending = SEP_NONE;
	return html_put(b, p, n);
}

/* Append text, folding white space and dropping control characters. */
static int
html_text(struct html_buf *b, const char *text, size_t n)
{
	const unsigned char	*p = (const unsigned char *)text;
	size_t			 i = 0, len;
	unsigned int		 cp;

	while (i < n) {
		/* A run of printable ASCII other than space: one copy. */
		for (len = 0; i + len < n && p[i + len] > 0x20 &&
		    p[i + len] < 0x7f; len++)
			;
		if (len > 0) {
			if (html_visible(b, text + i, len) != 0)
				return -1;
			i += len;
			continue;
		}
		len = html_utf8_len(p + i, n - i, &cp);
		if (len == 0) {		/* not UTF-8: drop the byte */
			i++;
			continue;
		}
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == '\f' || cp == 0xa0 || cp == 0x2028 || cp == 0x2029) {
			html_sep(b, SEP_SPACE);
		} else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			/* control character: never shown */
		} else if (html_visible(b, text + i, len) != 0)
			return -1;
		i += len;
	}
	return 0;
}

static int html_walk(struct html_buf *b, const xmlNode *n, int depth);

static int
html_children(struct html_buf *b, const xmlNode *n, int depth)
{
	for (; n != NULL; n = n->next) {
		if (html_walk(b, n, depth) != 0)
			return -1;
	}
	return 0;
}

/* Follow an entity reference: internal entities only, within budget. */
static int
html_entity(struct html_buf *b, const xmlNode *n, int depth)
{
	const xmlEntity	*ent = (const xmlEntity *)n->children;

	if (ent == NULL || ent->type != XML_ENTITY_DECL)
		return 0;
	if (ent->etype != XML_INTERNAL_GENERAL_ENTITY &&
	    ent->etype != XML_INTERNAL_PREDEFINED_ENTITY)
		return 0;	/* external entities are never read */
	if (b->budget == NULL || *b->budget == 0) {
		if (b->cause == NULL)
			b->cause = xstrdup("entity expansion limit: too many "
			    "entity references");
		return -1;
	}
	(*b->budget)--;
	if (ent->children != NULL)
		return html_children(b, ent->children, depth + 1);
	if (ent->content != NULL)
		return html_text(b, (const char *)ent->content,
		    strlen((const char *)ent->content));
	return 0;
}

static int
html_walk(struct html_buf *b, const xmlNode *n, int depth)
{
	enum html_sep	 sep = SEP_NONE;
	int		 rc;

	if (depth > HTML_MAX_DEPTH) {
		if (b->cause == NULL)
			b->cause = xasprintf("markup nested deeper than %d",
			    HTML_MAX_DEPTH);
		return -1;
	}
	if (++b->nodes > HTML_MAX_NODES) {
		if (b->cause == NULL)
			b->cause = xasprintf("more than %d nodes in one text",
			    HTML_MAX_NODES);
		return -1;
	}
	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content == NULL)
			return 0;
		return html_text(b, (const char *)n->content,
		    strlen((const char *)n->content));
	case XML_ENTITY_REF_NODE:
		return html_entity(b, n, depth);
	case XML_ELEMENT_NODE:
		break;
	default:
		return 0;	/* comments, processing instructions */
	}
	if (html_in(n->name, html_skip))
		return 0;
	if (html_in(n->name, html_para))
		sep = SEP_PARA;
	else if (html_in(n->name, html_line))
		sep = SEP_LINE;
	else if (html_in(n->name, html_cell))
		sep = SEP_SPACE;
	html_sep(b, sep);
	rc = html_children(b, n->children, depth + 1);
	html_sep(b, sep);
	return rc;
}

/* Finish: the text, or NULL and the cause. */
static char *
html_finish(struct html_buf *b, char **cause)
{
	char	*s;

	if (b->cause != NULL) {
		*cause = b->cause;
		free(b->s);
		return NULL;
	}
	s = xstrndup(b->s != NULL ? b->s : "", b->len);
	free(b->s);
	return s;
}

char *
catalog_html_node_text(const xmlNode *node, size_t *budget, char **cause)
{
	struct html_buf	 b;

	memset(&b, 0, sizeof b);
	b.budget = budget;
	if (node != NULL)
		html_children(&b, node->children, 0);
	return html_finish(&b, cause);
}

char *
catalog_html_to_text(const char *html, size_t len, char **cause)
{
	struct html_buf	 b;
	htmlDocPtr	 doc = NULL;

	memset(&b, 0, sizeof b);
	if (memchr(html, '<', len) == NULL && memchr(html, '&', len) == NULL) {
		html_text(&b, html, len);
		return html_finish(&b, cause);
	}
	if (len > 16 * (size_t)CATALOG_HTML_MAX) {
		*cause = xasprintf("markup longer than %d bytes",
		    16 * CATALOG_HTML_MAX);
		return NULL;
	}
	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NODEFDTD | HTML_PARSE_RECOVER);
	if (doc != NULL) {
		html_children(&b, doc->children, 0);
		xmlFreeDoc(doc);
	} else
		html_text(&b, html, len);	/* nothing parsed: keep text */
	return html_finish(&b, cause);
}

char *
catalog_html_tidy(const char *text)
{
	struct html_buf	 b;
	char		*s;

	memset(&b, 0, sizeof b);
	if (html_text(&b, text, strlen(text)) != 0) {
		free(b.cause);	/* keep what fitted */
		b.cause = NULL;
	}
	s = xstrndup(b.s != NULL ? b.s : "", b.len);
	free(b.s);
	return s;
}
