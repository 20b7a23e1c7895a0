/*
 * csv: an RFC 4180 reader that knows where every field starts (see csv.h).
 *
 * The whole file is read into memory (it is capped), then records are cut
 * one at a time. Columns count characters, not bytes, so the position
 * matches what a spreadsheet or an editor shows.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "catalog/csv.h"
#include "catalog/xmalloc.h"

struct catalog_csv {
	char		*name;
	char		*buf;
	size_t		 len, pos;
	size_t		 line, column;	/* of buf[pos] */
	struct catalog_csv_field *fields;
	size_t		 nfields, cap;
	char		*val;		/* field being read */
	size_t		 vlen, vcap;
};

struct catalog_csv *
catalog_csv_new(const char *name, const char *buf, size_t n)
{
	struct catalog_csv *c = xcalloc(1, sizeof *c);

	c->name = xstrdup(name);
	c->buf = xmalloc(n + 1);
	memcpy(c->buf, buf, n);
	c->buf[n] = '\0';
	c->len = n;
	c->line = c->column = 1;
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		c->pos = 3;
	return c;
}

struct catalog_csv *
catalog_csv_open(const char *path, char **cause)
{
	struct catalog_csv *c = NULL;
	FILE *f;
	char *buf = NULL;
	size_t n = 0, cap = 0, r;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: cannot open: %s", path,
		    strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n + 65536 > cap) {
			cap = (n + 65536) * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (n > CATALOG_CSV_MAX_FILE) {
			*cause = xasprintf("%s: file is larger than %u MiB",
			    path, CATALOG_CSV_MAX_FILE / (1024 * 1024));
			goto out;
		}
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		*cause = xasprintf("%s: cannot read: %s", path,
		    strerror(errno));
		goto out;
	}
	c = catalog_csv_new(path, buf, n);
out:
	fclose(f);
	free(buf);
	return c;
}

void
catalog_csv_free(struct catalog_csv *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nfields; i++)
		free(c->fields[i].value);
	free(c->fields);
	free(c->val);
	free(c->buf);
	free(c->name);
	free(c);
}

const char *
catalog_csv_name(struct catalog_csv *c)
{
	return c->name;
}

static void
csv_val_add(struct catalog_csv *c, const char *s, size_t n)
{
	if (c->vlen + n + 1 > c->vcap) {
		c->vcap = (c->vlen + n + 1) * 2;
		c->val = xreallocarray(c->val, c->vcap, 1);
	}
	memcpy(c->val + c->vlen, s, n);
	c->vlen += n;
	c->val[c->vlen] = '\0';
}

static void
csv_field_push(struct catalog_csv *c, size_t line, size_t column)
{
	struct catalog_csv_field *f;

	if (c->nfields == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->fields = xreallocarray(c->fields, c->cap, sizeof *c->fields);
	}
	f = &c->fields[c->nfields++];
	f->value = xstrndup(c->val != NULL ? c->val : "", c->vlen);
	f->line = line;
	f->column = column;
	c->vlen = 0;
}

/*
 * Take one character at pos into the current value (when keep), moving
 * line and column; -1 on invalid UTF-8 or NUL.
 */
static int
csv_take(struct catalog_csv *c, int keep, char **cause)
{
	int32_t i = (int32_t)c->pos;
	UChar32 ch;
	size_t start = c->pos;

	U8_NEXT((const uint8_t *)c->buf, i, (int32_t)c->len, ch);
	if (ch <= 0) {
		*cause = xasprintf("%s:%zu:%zu: %s", c->name, c->line,
		    c->column, ch == 0 ? "NUL byte in the file" :
		    "invalid UTF-8 (save the file as UTF-8)");
		return -1;
	}
	c->pos = (size_t)i;
	if (keep)
		csv_val_add(c, c->buf + start, c->pos - start);
	if (ch == '\n') {
		c->line++;
		c->column = 1;
	} else
		c->column++;
	return 0;
}

int
catalog_csv_next(struct catalog_csv *c,
    const struct catalog_csv_field **fields, size_t *n, char **cause)
{
	size_t i, fline, fcol, qline, qcol;
	int quoted;

	for (i = 0; i < c->nfields; i++)
		free(c->fields[i].value);
	c->nfields = 0;
	if (c->pos >= c->len)
		return 0;
	if (c->len > INT32_MAX) {
		*cause = xasprintf("%s: file too large", c->name);
		return -1;
	}
	for (;;) {
		/* Start of a field. */
		fline = c->line;
		fcol = c->column;
		c->vlen = 0;
		quoted = c->pos < c->len && c->buf[c->pos] == '"';
		if (quoted) {
			qline = c->line;
			qcol = c->column;
			csv_take(c, 0, cause);
			for (;;) {
				if (c->pos >= c->len) {
					*cause = xasprintf("%s:%zu:%zu: the "
					    "quote opened here is never closed",
					    c->name, qline, qcol);
					return -1;
				}
				if (c->buf[c->pos] == '"') {
					if (c->pos + 1 < c->len &&
					    c->buf[c->pos + 1] == '"') {
						csv_take(c, 1, cause);
						csv_take(c, 0, cause);
						continue;
					}
					csv_take(c, 0, cause);
					break;
				}
				if (csv_take(c, 1, cause) != 0)
					return -1;
			}
			if (c->pos < c->len && c->buf[c->pos] != ',' &&
			    c->buf[c->pos] != '\n' && c->buf[c->pos] != '\r') {
				*cause = xasprintf("%s:%zu:%zu: text after the "
				    "closing quote (write \"\" for a quote "
				    "inside a quoted field)", c->name, c->line,
				    c->column);
				return -1;
			}
		} else {
			while (c->pos < c->len && c->buf[c->pos] != ',' &&
			    c->buf[c->pos] != '\n' && c->buf[c->pos] != '\r') {
				if (c->buf[c->pos] == '"') {
					*cause = xasprintf("%s:%zu:%zu: a quote "
					    "inside a field that does not "
					    "start with a quote", c->name,
					    c->line, c->column);
					return -1;
				}
				if (csv_take(c, 1, cause) != 0)
					return -1;
			}
		}
		csv_field_push(c, fline, fcol);
		if (c->pos >= c->len)
			break;
		if (c->buf[c->pos] == ',') {
			csv_take(c, 0, cause);
			continue;
		}
		/* End of record: CRLF, LF or a lone CR. */
		if (c->buf[c->pos] == '\r') {
			c->pos++;
			if (c->pos < c->len && c->buf[c->pos] == '\n')
				c->pos++;
			c->line++;
			c->column = 1;
		} else
			csv_take(c, 0, cause);
		break;
	}
	*fields = c->fields;
	*n = c->nfields;
	return 1;
}
