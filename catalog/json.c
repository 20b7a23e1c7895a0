/*
 * json: type names and JSON pointers for the JSON readers (see json.h).
 *
 * The pointer is one growing buffer: a walk appends a segment before it
 * looks into a member and pops back to the returned length after, so the
 * path of the current place is always there for a message and costs a
 * copy of the key, not an allocation.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/json.h"
#include "catalog/xmalloc.h"

const char *
catalog_json_type_name(const json_t *v, int exact)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return exact ? "an integer" : "a number";
	case JSON_REAL:
		return exact ? "a number with a fraction" : "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "true or false";
	case JSON_NULL:
		return "null";
	}
	return "something else";
}

static void
json_path_grow(struct catalog_json_path *p, size_t add)
{
	if (p->len + add + 1 > p->cap) {
		p->cap = (p->len + add + 1) * 2;
		p->s = xreallocarray(p->s, 1, p->cap);
	}
}

void
catalog_json_path_set(struct catalog_json_path *p, const char *s)
{
	size_t	 n = strlen(s);

	p->len = 0;
	json_path_grow(p, n);
	memcpy(p->s, s, n + 1);
	p->len = n;
}

size_t
catalog_json_path_key(struct catalog_json_path *p, const char *key)
{
	size_t	 old = p->len;

	json_path_grow(p, 2 * strlen(key) + 1);
	p->s[p->len++] = '/';
	for (; *key != '\0'; key++) {
		if (*key == '~' || *key == '/') {	/* RFC 6901 */
			p->s[p->len++] = '~';
			p->s[p->len++] = *key == '~' ? '0' : '1';
		} else
			p->s[p->len++] = *key;
	}
	p->s[p->len] = '\0';
	return old;
}

size_t
catalog_json_path_index(struct catalog_json_path *p, size_t i)
{
	size_t	 old = p->len;

	json_path_grow(p, 24);
	p->len += (size_t)snprintf(p->s + p->len, 24, "/%zu", i);
	return old;
}

void
catalog_json_path_pop(struct catalog_json_path *p, size_t old)
{
	p->len = old;
	if (p->s != NULL)
		p->s[old] = '\0';
}

const char *
catalog_json_path_str(const struct catalog_json_path *p)
{
	return p->len == 0 ? "/" : p->s;
}

void
catalog_json_path_free(struct catalog_json_path *p)
{
	free(p->s);
	memset(p, 0, sizeof *p);
}
