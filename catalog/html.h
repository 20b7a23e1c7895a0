/*
 * html: HTML and XHTML fragments to plain text, for the importers.
 *
 * Course feeds put markup in their texts: OOAPI values carry HTML as
 * strings ("<p>...</p>"), XCRI-CAP descriptions carry XHTML elements. The
 * kiosk shows plain text only, so both become text here: libxml2's HTML
 * parser reads the strings (never regular expressions), and one tree walk
 * serves both. Block elements (p, div, li, tr, h1-h6, br...) become line
 * breaks, runs of white space inside a line become one space, character
 * references are decoded, and control characters other than the line
 * break are dropped so nothing from a feed can reach a terminal.
 *
 * The walk follows internal entity references (XML feeds may declare them)
 * with a budget, so an entity that expands to huge text fails with
 * "entity expansion limit" instead of eating memory. Output longer than
 * CATALOG_HTML_MAX fails too.
 */
#ifndef CATALOG_HTML_H
#define CATALOG_HTML_H

#include <stddef.h>

#include <libxml/tree.h>

#define CATALOG_HTML_MAX (64 * 1024)	/* longest plain text, in bytes */

/*
 * Plain text of an HTML fragment (len bytes of UTF-8); text without markup
 * is only tidied. NULL and *cause when the result would be too long.
 */
char *catalog_html_to_text(const char *html, size_t len, char **cause);

/*
 * Text that is not markup (a city, a street), tidied the same way: white
 * space folded, control characters dropped. Never NULL: text longer than
 * the limit is cut at a character boundary.
 */
char *catalog_html_tidy(const char *text);

/*
 * Plain text of the children of an XML element (text, XHTML elements and
 * internal entity references). *budget is the number of entity
 * references the whole document may still follow; it is decreased. NULL
 * and *cause when too long or when the budget runs out.
 */
char *catalog_html_node_text(const xmlNode *node, size_t *budget,
    char **cause);

#endif
