/*
 * json: typed access to jansson values for the JSON readers (ooapi.c,
 * edudex.c, manifest.c): the name of a value's type for messages, and a
 * JSON pointer (RFC 6901) that follows a walk so that an error can name
 * its place ("/items/3/name") without building strings on the happy
 * path.
 */
#ifndef CATALOG_JSON_H
#define CATALOG_JSON_H

#include <stddef.h>

#include <jansson.h>

/*
 * "an object", "an array", "a string", "a number", "true or false",
 * "null"; with exact, numbers are "an integer" or "a number with a
 * fraction".
 */
const char *catalog_json_type_name(const json_t *v, int exact);

/* A JSON pointer being built; all zero is the empty pointer. */
struct catalog_json_path {
	char		*s;
	size_t		 len, cap;
};

/* Set the pointer to s (a stored pointer, "" for the document). */
void catalog_json_path_set(struct catalog_json_path *p, const char *s);
/* Append "/key" (escaped); returns the length catalog_json_path_pop takes. */
size_t catalog_json_path_key(struct catalog_json_path *p, const char *key);
/* Append "/i"; returns the length to pop back to. */
size_t catalog_json_path_index(struct catalog_json_path *p, size_t i);
void catalog_json_path_pop(struct catalog_json_path *p, size_t old);
/* The pointer for a message: "/" for the whole document. */
const char *catalog_json_path_str(const struct catalog_json_path *p);
void catalog_json_path_free(struct catalog_json_path *p);

#endif
