/*
 * safe: catalogue text made safe to print on a terminal (see safe.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "catalog/safe.h"
#include "catalog/xmalloc.h"

/* 1 for code points that must never reach a terminal raw. */
static int
safe_is_control(int32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

char *
catalog_safe_line(const char *s)
{
	const uint8_t *u = (const uint8_t *)s;
	int32_t i = 0, n, start;
	size_t k = 0;
	char *out;
	UChar32 c;

	if (s == NULL)
		return xstrdup("");
	n = (int32_t)strnlen(s, INT32_MAX / 4);
	out = xmalloc((size_t)n * 3 + 1);	/* U+FFFD is 3 bytes */
	while (i < n) {
		start = i;
		U8_NEXT(u, i, n, c);
		if (c < 0) {
			memcpy(out + k, "\xef\xbf\xbd", 3);
			k += 3;
		} else if (c == '\t' || c == '\n' || c == '\r')
			out[k++] = ' ';
		else if (safe_is_control(c))
			out[k++] = '?';
		else {
			memcpy(out + k, s + start, (size_t)(i - start));
			k += (size_t)(i - start);
		}
	}
	out[k] = '\0';
	return out;
}

void
catalog_safe_csv_field(FILE *out, const char *text, int last)
{
	char *s = catalog_safe_line(text);	/* no control characters */
	int defuse = 0;
	const char *p;

	if (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
		defuse = 1;
	else if (s[0] == '+' || s[0] == '-')
		for (p = s; *p != '\0'; p++)
			if (strchr("0123456789 +-", *p) == NULL)
				defuse = 1;
	fputc('"', out);
	if (defuse)
		fputc('\'', out);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
	fputc(last ? '\n' : ',', out);
	free(s);
}
