/*
 * ooapi: importing OOAPI v5 JSON (see ooapi.h, docs/ooapi-import.md).
 *
 * Two reads of the files, so that memory does not grow with the feed:
 * only one parsed file is held at a time, plus the organizations and
 * whatever waits for an offering in a later file.
 *
 * Index (first read): each file is parsed with jansson, walked once to
 * enforce the depth and string-length limits, and its objects are noted
 * with kind, id, file and the JSON pointer of each (expanded objects
 * inside others, such as an offering's "course", are noted too); only
 * organizations are kept. Then the objects are sorted by kind and id,
 * duplicates are found, the organizations counted, and every offering is
 * linked to its program or course, whose "last file" is the last file
 * holding it or one of its offerings.
 *
 * Map (second read): each file is parsed again and its objects are bound
 * to their index entries in the same walk. Programs and courses are
 * mapped, given their offerings (in offering id order), checked and put
 * in the order of the files, as soon as their last file has been read;
 * until then their JSON (and that of offerings in earlier files) is
 * kept. Records are freed once put.
 *
 * Read once: when no file holds an offering, a file that holds no
 * organization needs nothing from the others but their organizations,
 * so it is skipped by the index and mapped as it is read (its duplicates
 * are found with a hash of the ids seen; see ooapi_plan). That saves a
 * third of a typical import: parsing is its largest part.
 *
 * A JSON pointer (catalog_json_path, json.c) follows the walk so that
 * any error can name its place without building strings on the happy
 * path.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "catalog/feed.h"
#include "catalog/html.h"
#include "catalog/import.h"
#include "catalog/isced.h"
#include "catalog/json.h"
#include "catalog/lang.h"
#include "catalog/ooapi.h"
#include "catalog/record.h"
#include "catalog/xmalloc.h"

#define OOAPI_MAX_ID 256		/* longest id kept */
#define OOAPI_HOURS_PER_ECTS 28		/* Dutch rule: 1 EC is 28 hours */
#define OOAPI_HOURS_PER_SP 40		/* old Dutch studiepunt */

enum ooapi_type {
	OOAPI_ORG,
	OOAPI_SPEC,		/* program or course: becomes an entry */
	OOAPI_OFFERING,
	OOAPI_OTHER
};

/* How each kind of OOAPI object is told: by its id member. */
static const struct ooapi_kind {
	const char	*id;
	enum ooapi_type	 type;
	const char	*name;
} ooapi_kinds[] = {
	{ "offeringId", OOAPI_OFFERING, "offering" },
	{ "courseId", OOAPI_SPEC, "course" },
	{ "programId", OOAPI_SPEC, "program" },
	{ "organizationId", OOAPI_ORG, "organization" },
	{ "personId", OOAPI_OTHER, "person" },
	{ "componentId", OOAPI_OTHER, "component" },
	{ "educationSpecificationId", OOAPI_OTHER, "education specification" },
	{ "academicSessionId", OOAPI_OTHER, "academic session" },
	{ "associationId", OOAPI_OTHER, "association" },
	{ "groupId", OOAPI_OTHER, "group" },
	{ "buildingId", OOAPI_OTHER, "building" },
	{ "roomId", OOAPI_OTHER, "room" },
	{ "newsFeedId", OOAPI_OTHER, "news feed" },
	{ "newsItemId", OOAPI_OTHER, "news item" },
};
#define OOAPI_NKINDS (sizeof ooapi_kinds / sizeof ooapi_kinds[0])

/* OOAPI "level" to catalogue level (NLQF where the spec gives it). */
static const struct {
	const char	*ooapi;
	const char	*level;
} ooapi_levels[] = {
	{ "secondary vocational education 1", "mbo1" },
	{ "secondary vocational education 2", "mbo2" },
	{ "secondary vocational education 3", "mbo3" },
	{ "secondary vocational education 4", "mbo4" },
	{ "associate degree", "nlqf5" },
	{ "bachelor", "nlqf6" },
	{ "master", "nlqf7" },
	{ "doctoral", "nlqf8" },
};

struct ooapi_obj {
	json_t		*json;		/* while its file is read, or held */
	const char	*file;
	char		*ptr;
	const struct ooapi_kind *kind;
	char		*id;
	size_t		 fileno;	/* index of its file */
	size_t		 last;		/* spec: last file of it or an offering */
	char		*ref;		/* offering: its course or program id */
	struct ooapi_obj *parent;	/* offering: its chosen spec */
	struct ooapi_obj **offs;	/* spec: its offerings, by id */
	size_t		 noffs;
	int		 expanded;	/* found inside another object */
	int		 skip;		/* a duplicate of a chosen object */
	int		 held;		/* json is referenced by us */
	int		 done;		/* spec: put (or skipped) */
	struct catalog_record *rec;
};

struct ooapi_page {
	const char	*file;
	const char	*kind;		/* name of the item kind, or NULL */
	json_int_t	 number;
	int		 has_next;
};

struct ooapi {
	struct catalog_import *imp;
	struct catalog_isced *isced;
	char		**files;	/* names, owned */
	size_t		 nfiles;
	int		 pass;		/* 1: index, 2: map */
	int		 binding;	/* pass 2 of an indexed file */
	int		 single;	/* a file read once (see ooapi_run) */
	char		*once;		/* per file: 1 when read once */
	struct ooapi_obj *bobjs;	/* the objects of a file read once */
	size_t		 nb, capb;
	struct ooapi_seen *seen;	/* hash of ids of specs read once */
	size_t		 nseen, capseen;
	size_t		 fileno;	/* file being read */
	size_t		 bind;		/* pass 2: next object to bind */
	size_t		 next_put;	/* pass 2: next object to put */
	struct ooapi_obj *objs;
	size_t		 nobjs, capobjs;
	struct ooapi_obj **index;	/* sorted by type, id */
	struct ooapi_page *pages;
	size_t		 npages;
	struct catalog_json_path path;
	const char	*file;		/* being read */
	struct ooapi_obj *only_org;	/* the import's one organization */
	size_t		 norgs;		/* organizations (chosen objects) */
};

/* A program or course of a file read once: for finding duplicates. */
struct ooapi_seen {
	char		*id;
	const char	*file;
	char		*ptr;
};

/* --- JSON pointers ------------------------------------------------------ */

/* A stored pointer for a message ("/" for the whole document). */
static const char *
path_show(const char *ptr)
{
	return *ptr != '\0' ? ptr : "/";
}

/* Set *cause to "FILE: POINTER: message" and return -1. */
static int __attribute__((format(printf, 3, 4)))
ooapi_fail(struct ooapi *o, char **cause, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	*cause = xasprintf("%s: %s: %s", o->file,
	    catalog_json_path_str(&o->path), msg);
	free(msg);
	return -1;
}

/* The same with the cause of a setter. */
static int
ooapi_fail_cause(struct ooapi *o, char **cause, char *why)
{
	ooapi_fail(o, cause, "%s", why);
	free(why);
	return -1;
}

/* --- typed access ------------------------------------------------------- */


/*
 * Member key of obj when it has the JSON type type: 0 and *out (NULL when
 * absent or null), or -1 and *cause naming the member and what was
 * expected (what: "a string") when it has another type.
 */
static int
ooapi_member(struct ooapi *o, json_t *obj, const char *key, json_type type,
    const char *what, json_t **out, char **cause)
{
	json_t	*j = json_object_get(obj, key);
	size_t	 old;

	*out = NULL;
	if (j == NULL || json_is_null(j))
		return 0;
	if (json_typeof(j) != type) {
		old = catalog_json_path_key(&o->path, key);
		ooapi_fail(o, cause, "expected %s, not %s", what,
		    catalog_json_type_name(j, 0));
		catalog_json_path_pop(&o->path, old);
		return -1;
	}
	*out = j;
	return 0;
}

/* The same for a string, as its text (or NULL). */
static int
ooapi_string(struct ooapi *o, json_t *obj, const char *key,
    const char **out, char **cause)
{
	json_t	*j;

	*out = NULL;
	if (ooapi_member(o, obj, key, JSON_STRING, "a string", &j, cause) != 0)
		return -1;
	*out = j != NULL ? json_string_value(j) : NULL;
	return 0;
}

/* The same for an array (or NULL). */
static int
ooapi_array(struct ooapi *o, json_t *obj, const char *key, json_t **out,
    char **cause)
{
	return ooapi_member(o, obj, key, JSON_ARRAY, "an array", out, cause);
}

/* The same for an object (or NULL). */
static int
ooapi_object(struct ooapi *o, json_t *obj, const char *key, json_t **out,
    char **cause)
{
	return ooapi_member(o, obj, key, JSON_OBJECT, "an object", out, cause);
}

/* The same for a number (*set is 0 when absent). */
static int
ooapi_number(struct ooapi *o, json_t *obj, const char *key, double *out,
    int *set, char **cause)
{
	json_t	*j = json_object_get(obj, key);
	size_t	 old;

	*set = 0;
	if (j == NULL || json_is_null(j))
		return 0;
	if (!json_is_number(j)) {
		old = catalog_json_path_key(&o->path, key);
		ooapi_fail(o, cause, "expected a number, not %s",
		    catalog_json_type_name(j, 0));
		catalog_json_path_pop(&o->path, old);
		return -1;
	}
	*out = json_number_value(j);
	*set = 1;
	return 0;
}

/* --- loading ---------------------------------------------------------- */

/* Enforce the nesting and string-length limits on the whole document. */
static int
ooapi_check(struct ooapi *o, json_t *j, int depth, char **cause)
{
	const char	*key;
	json_t		*v;
	size_t		 i, old;

	if (json_is_string(j)) {
		if (json_string_length(j) > CATALOG_FEED_MAX_TEXT)
			return ooapi_fail(o, cause, "text of %zu bytes is "
			    "longer than the limit of %d bytes",
			    json_string_length(j), CATALOG_FEED_MAX_TEXT);
		return 0;
	}
	if (!json_is_object(j) && !json_is_array(j))
		return 0;
	if (depth >= CATALOG_FEED_MAX_DEPTH)
		return ooapi_fail(o, cause, "nested deeper than the limit of "
		    "%d levels", CATALOG_FEED_MAX_DEPTH);
	if (json_is_array(j)) {
		json_array_foreach(j, i, v) {
			old = catalog_json_path_index(&o->path, i);
			if (ooapi_check(o, v, depth + 1, cause) != 0)
				return -1;
			catalog_json_path_pop(&o->path, old);
		}
		return 0;
	}
	json_object_foreach(j, key, v) {
		if (strlen(key) > CATALOG_FEED_MAX_TEXT)
			return ooapi_fail(o, cause, "member name longer than "
			    "%d bytes", CATALOG_FEED_MAX_TEXT);
		old = catalog_json_path_key(&o->path, key);
		if (ooapi_check(o, v, depth + 1, cause) != 0)
			return -1;
		catalog_json_path_pop(&o->path, old);
	}
	return 0;
}

static const struct ooapi_kind *
ooapi_kind_of(json_t *obj)
{
	size_t	 i;

	for (i = 0; i < OOAPI_NKINDS; i++) {
		if (json_object_get(obj, ooapi_kinds[i].id) != NULL)
			return &ooapi_kinds[i];
	}
	return NULL;
}

static int ooapi_collect_obj(struct ooapi *o, json_t *j, int expanded,
    char **cause);

/* The id of the course or program an offering is for (a copy), or NULL. */
static char *
ooapi_parent_ref(json_t *off)
{
	static const char *const keys[] = { "course", "program" };
	static const char *const ids[] = { "courseId", "programId" };
	json_t		*j;
	size_t		 i;

	for (i = 0; i < 2; i++) {
		j = json_object_get(off, keys[i]);
		if (json_is_object(j))
			j = json_object_get(j, ids[i]);
		if (json_is_string(j))
			return xstrdup(json_string_value(j));
	}
	return NULL;
}

/* Collect an expanded object in member key of obj, if it is one. */
static int
ooapi_collect_member(struct ooapi *o, json_t *obj, const char *key,
    char **cause)
{
	json_t	*j = json_object_get(obj, key);
	size_t	 old;
	int	 rc;

	if (!json_is_object(j))
		return 0;
	old = catalog_json_path_key(&o->path, key);
	rc = ooapi_collect_obj(o, j, 1, cause);
	catalog_json_path_pop(&o->path, old);
	return rc;
}

/* Note the object at the current path (or skip it with a reason). */
static int
ooapi_collect_obj(struct ooapi *o, json_t *j, int expanded, char **cause)
{
	const struct ooapi_kind	*kind;
	const char		*id;
	struct ooapi_obj	*ob;
	char			*reason;
	size_t			 i, old;

	if (!json_is_object(j))
		return ooapi_fail(o, cause, "expected an OOAPI object, not %s",
		    catalog_json_type_name(j, 0));
	if ((kind = ooapi_kind_of(j)) == NULL) {
		if (o->binding)
			return 0;
		reason = xasprintf("%s: %s: not an OOAPI organization, "
		    "program, course or offering (no organizationId, "
		    "programId, courseId or offeringId): skipped", o->file,
		    catalog_json_path_str(&o->path));
		catalog_import_skip(o->imp, reason);
		free(reason);
		return 0;
	}
	if (kind->type == OOAPI_OTHER) {
		if (o->binding)
			return 0;
		reason = xasprintf("%s: %s: a %s (%s) is not course data: "
		    "skipped", o->file, catalog_json_path_str(&o->path), kind->name,
		    kind->id);
		catalog_import_skip(o->imp, reason);
		free(reason);
		return 0;
	}
	if (ooapi_string(o, j, kind->id, &id, cause) != 0)
		return -1;
	old = catalog_json_path_key(&o->path, kind->id);
	if (id == NULL || *id == '\0') {
		ooapi_fail(o, cause, "the %s has no id", kind->name);
		catalog_json_path_pop(&o->path, old);
		return -1;
	}
	if (strlen(id) > OOAPI_MAX_ID) {
		ooapi_fail(o, cause, "id longer than %d bytes", OOAPI_MAX_ID);
		catalog_json_path_pop(&o->path, old);
		return -1;
	}
	for (i = 0; id[i] != '\0'; i++) {
		if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f) {
			ooapi_fail(o, cause, "control character in id");
			catalog_json_path_pop(&o->path, old);
			return -1;
		}
	}
	catalog_json_path_pop(&o->path, old);

	if (o->binding) {
		/* The same walk of the same file meets the same objects. */
		if (o->bind >= o->nobjs || o->objs[o->bind].kind != kind ||
		    o->objs[o->bind].fileno != o->fileno ||
		    strcmp(o->objs[o->bind].id, id) != 0)
			return ooapi_fail(o, cause, "the file changed while "
			    "it was imported");
		ob = &o->objs[o->bind++];
		if (!ob->held)	/* organizations are held from pass 1 */
			ob->json = j;
	} else {
		if (o->nobjs == o->capobjs) {
			o->capobjs = o->capobjs == 0 ? 64 : o->capobjs * 2;
			o->objs = xreallocarray(o->objs, o->capobjs,
			    sizeof *o->objs);
		}
		ob = &o->objs[o->nobjs++];
		memset(ob, 0, sizeof *ob);
		ob->file = o->file;
		ob->fileno = o->fileno;
		ob->last = o->fileno;
		ob->ptr = xstrdup(o->path.len > 0 ? o->path.s : "");
		ob->kind = kind;
		ob->id = xstrdup(id);
		ob->expanded = expanded;
		if (o->single)		/* mapped right after this walk */
			ob->json = j;
		else if (kind->type == OOAPI_ORG) {	/* kept for providers */
			ob->json = json_incref(j);
			ob->held = 1;
		} else if (kind->type == OOAPI_OFFERING)
			ob->ref = ooapi_parent_ref(j);
	}

	if (kind->type == OOAPI_OFFERING) {
		if (ooapi_collect_member(o, j, "course", cause) != 0 ||
		    ooapi_collect_member(o, j, "program", cause) != 0)
			return -1;
	}
	if (ooapi_collect_member(o, j, "organization", cause) != 0)
		return -1;
	return 0;
}

/* Collect every object of a parsed file (object, array or page). */
static int
ooapi_collect(struct ooapi *o, json_t *root, char **cause)
{
	struct ooapi_page	*pg = NULL;
	const struct ooapi_kind	*kind;
	json_t			*items, *v, *num, *next;
	size_t			 i, old;

	if (json_is_array(root)) {
		json_array_foreach(root, i, v) {
			old = catalog_json_path_index(&o->path, i);
			if (ooapi_collect_obj(o, v, 0, cause) != 0)
				return -1;
			catalog_json_path_pop(&o->path, old);
		}
		return 0;
	}
	if (!json_is_object(root))
		return ooapi_fail(o, cause, "expected an OOAPI object, an array "
		    "or a page of items, not %s", catalog_json_type_name(root, 0));
	if ((items = json_object_get(root, "items")) == NULL ||
	    ooapi_kind_of(root) != NULL)
		return ooapi_collect_obj(o, root, 0, cause);

	if (ooapi_array(o, root, "items", &items, cause) != 0)
		return -1;
	num = json_object_get(root, "pageNumber");
	next = json_object_get(root, "hasNextPage");
	if (num != NULL && (!json_is_integer(num) ||
	    json_integer_value(num) < 1)) {
		old = catalog_json_path_key(&o->path, "pageNumber");
		ooapi_fail(o, cause, "expected a page number from 1");
		catalog_json_path_pop(&o->path, old);
		return -1;
	}
	if (next != NULL && !json_is_boolean(next)) {
		old = catalog_json_path_key(&o->path, "hasNextPage");
		ooapi_fail(o, cause, "expected true or false, not %s",
		    catalog_json_type_name(next, 0));
		catalog_json_path_pop(&o->path, old);
		return -1;
	}
	if (o->binding)
		goto items;
	o->pages = xreallocarray(o->pages, o->npages + 1, sizeof *o->pages);
	pg = &o->pages[o->npages++];
	pg->file = o->file;
	pg->number = num != NULL ? json_integer_value(num) : 1;
	pg->has_next = next != NULL && json_is_true(next);
	pg->kind = NULL;
items:
	if (items == NULL)
		return 0;
	json_array_foreach(items, i, v) {
		if (!o->binding && pg->kind == NULL && json_is_object(v) &&
		    (kind = ooapi_kind_of(v)) != NULL)
			pg->kind = kind->name;
		old = catalog_json_path_key(&o->path, "items");
		catalog_json_path_index(&o->path, i);
		if (ooapi_collect_obj(o, v, 0, cause) != 0)
			return -1;
		catalog_json_path_pop(&o->path, old);
	}
	return 0;
}

/*
 * Parse input number fileno and collect (pass 1) or bind (pass 2) its
 * objects; the parsed document is returned in *rootp (the caller
 * releases it).
 */
static int
ooapi_load(struct ooapi *o, size_t fileno, const char *name,
    const char *data, size_t len, json_t **rootp, char **cause)
{
	json_error_t	 err;
	json_t		*root;

	*rootp = NULL;
	o->fileno = fileno;
	o->file = o->files[fileno];
	catalog_json_path_set(&o->path, "");

	if (len > CATALOG_FEED_MAX) {
		*cause = xasprintf("%s: file is larger than the limit of %d "
		    "MiB", name, CATALOG_FEED_MAX / (1024 * 1024));
		return -1;
	}
	/* A byte order mark, as Windows tools write: not JSON, skipped. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	if (root == NULL) {
		*cause = xasprintf("%s:%d:%d: not valid JSON: %s", name,
		    err.line, err.column, err.text);
		return -1;
	}
	*rootp = root;
	if (!o->binding && ooapi_check(o, root, 0, cause) != 0)
		return -1;
	catalog_json_path_set(&o->path, "");
	return ooapi_collect(o, root, cause);
}

/* Every page that says there is a next page must have it in the import. */
static int
ooapi_check_pages(struct ooapi *o, char **cause)
{
	struct ooapi_page	*a, *b;
	size_t			 i, j;

	for (i = 0; i < o->npages; i++) {
		a = &o->pages[i];
		if (!a->has_next)
			continue;
		for (j = 0; j < o->npages; j++) {
			b = &o->pages[j];
			if (b->number == a->number + 1 && (a->kind == NULL ||
			    b->kind == NULL || strcmp(a->kind, b->kind) == 0))
				break;
		}
		if (j == o->npages) {
			*cause = xasprintf("%s: page %lld has a next page, but "
			    "page %lld is not in this import: give all pages "
			    "together (entries on missing pages would be "
			    "removed)", a->file, (long long)a->number,
			    (long long)a->number + 1);
			return -1;
		}
	}
	return 0;
}

/* --- resolving -------------------------------------------------------- */

static int
ooapi_cmp(const void *a, const void *b)
{
	const struct ooapi_obj	*x = *(const struct ooapi_obj *const *)a;
	const struct ooapi_obj	*y = *(const struct ooapi_obj *const *)b;
	int			 c;

	if (x->kind->type != y->kind->type)
		return (int)x->kind->type - (int)y->kind->type;
	if ((c = strcmp(x->id, y->id)) != 0)
		return c;
	if (x->expanded != y->expanded)	/* the full object first */
		return x->expanded - y->expanded;
	return x < y ? -1 : x > y;
}

/* The chosen object of type with id, or NULL. */
static struct ooapi_obj *
ooapi_find(struct ooapi *o, enum ooapi_type type, const char *id)
{
	size_t			 lo = 0, hi = o->nobjs, mid;
	struct ooapi_obj	*ob;
	int			 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		ob = o->index[mid];
		c = (int)ob->kind->type - (int)type;
		if (c == 0)
			c = strcmp(ob->id, id);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < o->nobjs && o->index[lo]->kind->type == type &&
	    strcmp(o->index[lo]->id, id) == 0)
		return o->index[lo];
	return NULL;
}

/* Sort, and refuse two full objects of the same kind with the same id. */
static int
ooapi_index(struct ooapi *o, char **cause)
{
	struct ooapi_obj	*a, *b;
	size_t			 i;

	o->index = xreallocarray(NULL, o->nobjs + 1, sizeof *o->index);
	for (i = 0; i < o->nobjs; i++)
		o->index[i] = &o->objs[i];
	if (o->nobjs > 0)
		qsort(o->index, o->nobjs, sizeof *o->index, ooapi_cmp);
	for (i = 1; i < o->nobjs; i++) {
		a = o->index[i - 1];
		b = o->index[i];
		if (a->kind->type != b->kind->type || strcmp(a->id, b->id) != 0)
			continue;
		b->skip = 1;
		if (a->expanded || b->expanded || a->kind->type == OOAPI_ORG)
			continue;
		*cause = xasprintf("%s: %s: %s %s is also at %s: %s", b->file,
		    path_show(b->ptr), b->kind->name, b->id, a->file,
		    path_show(a->ptr));
		return -1;
	}
	/*
	 * "The only organization of the import" is asked for each course
	 * whose organization is not found by reference: count once here,
	 * not per course (that was O(n^2): 94% of a 1M import).
	 */
	o->norgs = 0;
	o->only_org = NULL;
	for (i = 0; i < o->nobjs; i++) {
		a = &o->objs[i];
		if (a->kind->type != OOAPI_ORG)
			continue;
		if (!a->skip) {
			o->only_org = a;
			o->norgs++;
		} else if (a->held) {	/* a duplicate is never read */
			json_decref(a->json);
			a->json = NULL;
			a->held = 0;
		}
	}
	return 0;
}

/*
 * Link every offering to its program or course (or skip it with a
 * reason); a spec's offerings are listed in offering id order and its
 * last file is the last one holding it or one of them.
 */
static void
ooapi_link(struct ooapi *o)
{
	struct ooapi_obj	*ob, *parent;
	char			*reason;
	size_t			 i;

	for (i = 0; i < o->nobjs; i++) {
		ob = o->index[i];
		if (ob->kind->type != OOAPI_OFFERING || ob->skip)
			continue;
		parent = ob->ref != NULL ?
		    ooapi_find(o, OOAPI_SPEC, ob->ref) : NULL;
		if (parent == NULL) {
			if (ob->ref == NULL)
				reason = xasprintf("%s: %s: offering %s names "
				    "no course or program: skipped", ob->file,
				    path_show(ob->ptr), ob->id);
			else
				reason = xasprintf("%s: %s: offering %s is for "
				    "%s, which is not in this import: skipped "
				    "(import its file together with this one)",
				    ob->file, path_show(ob->ptr), ob->id,
				    ob->ref);
			catalog_import_skip(o->imp, reason);
			free(reason);
			continue;
		}
		ob->parent = parent;
		parent->noffs++;
		if (ob->fileno > parent->last)
			parent->last = ob->fileno;
	}
	for (i = 0; i < o->nobjs; i++) {
		ob = &o->objs[i];
		if (ob->noffs > 0)
			ob->offs = xreallocarray(NULL, ob->noffs,
			    sizeof *ob->offs);
		ob->noffs = 0;
	}
	for (i = 0; i < o->nobjs; i++) {
		ob = o->index[i];
		if (ob->parent != NULL)
			ob->parent->offs[ob->parent->noffs++] = ob;
	}
}

/* --- texts -------------------------------------------------------------- */

/* Add one value (plain text) in lang, joined to earlier ones with sep. */
static int
ooapi_texts_add(struct ooapi *o, struct catalog_feed_texts *t,
    const char *lang, const char *value, const char *sep, char **cause)
{
	char	*why = NULL;

	if (catalog_feed_texts_add(t, lang, value, sep, &why) != 0)
		return ooapi_fail_cause(o, cause, why);
	return 0;
}

/* Gather one LanguageTypedString object at the current path. */
static int
ooapi_lts(struct ooapi *o, json_t *j, struct catalog_feed_texts *t,
    const char *sep, char **cause)
{
	const char	*lang, *value;
	char		 primary[CATALOG_LANG_MAX], *text, *why = NULL;
	size_t		 old;
	int		 rc;

	if (!json_is_object(j))
		return ooapi_fail(o, cause, "expected a {language, value} "
		    "object, not %s", catalog_json_type_name(j, 0));
	if (ooapi_string(o, j, "language", &lang, cause) != 0 ||
	    ooapi_string(o, j, "value", &value, cause) != 0)
		return -1;
	if (value == NULL)
		return 0;
	if (lang == NULL)
		return ooapi_fail(o, cause, "text without a language");
	if (catalog_lang_primary(lang, primary, sizeof primary) != 0) {
		old = catalog_json_path_key(&o->path, "language");
		ooapi_fail(o, cause, "'%s' is not a language tag", lang);
		catalog_json_path_pop(&o->path, old);
		return -1;
	}
	old = catalog_json_path_key(&o->path, "value");
	if ((text = catalog_html_to_text(value, strlen(value), &why)) == NULL) {
		catalog_json_path_pop(&o->path, old);
		return ooapi_fail_cause(o, cause, why);
	}
	rc = 0;
	if (*text != '\0')
		rc = ooapi_texts_add(o, t, primary, text, sep, cause);
	free(text);
	catalog_json_path_pop(&o->path, old);
	return rc;
}

/*
 * Gather member key of obj: an array of {language, value}, or (as for
 * learningOutcomes) an array of such arrays.
 */
static int
ooapi_gather(struct ooapi *o, json_t *obj, const char *key,
    struct catalog_feed_texts *t, const char *sep, char **cause)
{
	json_t	*arr, *v, *w;
	size_t	 i, k, old, old2;
	char	*msg, *text, *why = NULL;
	int	 rc;

	v = json_object_get(obj, key);
	if (json_is_string(v) || json_is_object(v)) {
		/*
		 * A plain string (as in the OOAPI v5 beta documentation many
		 * providers copied) is an untagged text: read as Dutch, the
		 * language of Dutch course data; one {language, value} not in
		 * an array is read as one. Both with a warning.
		 */
		old = catalog_json_path_key(&o->path, key);
		msg = xasprintf("%s: %s: %s", o->file, catalog_json_path_str(&o->path),
		    json_is_string(v) ? "a text without a language where an "
		    "array of {language, value} is expected: read as Dutch" :
		    "one {language, value} where an array is expected: read "
		    "as one");
		rc = catalog_import_warn(o->imp, msg, cause);
		free(msg);
		if (rc == 0 && json_is_object(v))
			rc = ooapi_lts(o, v, t, sep, cause);
		else if (rc == 0 && *json_string_value(v) != '\0') {
			text = catalog_html_to_text(json_string_value(v),
			    json_string_length(v), &why);
			if (text == NULL)
				rc = ooapi_fail_cause(o, cause, why);
			else if (*text != '\0')
				rc = ooapi_texts_add(o, t, "nl", text, sep,
				    cause);
			free(text);
		}
		catalog_json_path_pop(&o->path, old);
		return rc;
	}
	if (ooapi_array(o, obj, key, &arr, cause) != 0)
		return -1;
	if (arr == NULL)
		return 0;
	old = catalog_json_path_key(&o->path, key);
	json_array_foreach(arr, i, v) {
		old2 = catalog_json_path_index(&o->path, i);
		if (json_is_array(v)) {
			json_array_foreach(v, k, w) {
				size_t	 old3 = catalog_json_path_index(&o->path, k);

				if (ooapi_lts(o, w, t, sep, cause) != 0)
					return -1;
				catalog_json_path_pop(&o->path, old3);
			}
		} else if (ooapi_lts(o, v, t, sep, cause) != 0)
			return -1;
		catalog_json_path_pop(&o->path, old2);
	}
	catalog_json_path_pop(&o->path, old);
	return 0;
}

/* Gather keys (NULL-terminated) of obj into field f of r. */
static int
ooapi_field(struct ooapi *o, json_t *obj, struct catalog_record *r,
    enum catalog_field f, const char *sep, const char *const *keys,
    char **cause)
{
	struct catalog_feed_texts t = { NULL, 0 };
	char			*why = NULL;
	int			 rc = -1;

	for (; *keys != NULL; keys++) {
		if (ooapi_gather(o, obj, *keys, &t, sep, cause) != 0)
			goto fail;
	}
	if (catalog_feed_texts_put(&t, r, f, &why) != 0)
		ooapi_fail_cause(o, cause, why);
	else
		rc = 0;
fail:
	catalog_feed_texts_done(&t);
	return rc;
}

/*
 * The text of member key in the language a Dutch kiosk prefers (nl, en,
 * then the first); NULL when there is none.
 */
static char *
ooapi_pick(struct ooapi *o, json_t *obj, const char *key, char **cause,
    int *failed)
{
	struct catalog_feed_texts t = { NULL, 0 };
	static const char *const prefer[] = { "nl", "en" };
	char			*s = NULL;
	size_t			 i, k;

	*failed = 0;
	if (ooapi_gather(o, obj, key, &t, " / ", cause) != 0) {
		*failed = 1;
		return NULL;
	}
	for (k = 0; k < 2 && s == NULL; k++) {
		for (i = 0; i < t.n; i++) {
			if (strcmp(t.v[i].lang, prefer[k]) == 0) {
				s = xstrdup(t.v[i].value);
				break;
			}
		}
	}
	if (s == NULL && t.n > 0)
		s = xstrdup(t.v[0].value);
	catalog_feed_texts_done(&t);
	return s;
}

/* --- addresses, providers and other members ----------------------------- */

/* The address of obj to show: teaching, then visit, then the first. */
static int
ooapi_address(struct ooapi *o, json_t *obj, json_t **out, size_t *at,
    char **cause)
{
	static const char *const prefer[] = { "teaching", "visit", NULL };
	json_t		*arr, *v;
	const char	*type;
	size_t		 i, k, old;

	*out = NULL;
	if (ooapi_array(o, obj, "addresses", &arr, cause) != 0)
		return -1;
	if (arr == NULL || json_array_size(arr) == 0)
		return 0;
	old = catalog_json_path_key(&o->path, "addresses");
	json_array_foreach(arr, i, v) {
		catalog_json_path_index(&o->path, i);
		if (!json_is_object(v)) {
			ooapi_fail(o, cause, "expected an address object, not "
			    "%s", catalog_json_type_name(v, 0));
			catalog_json_path_pop(&o->path, old);
			return -1;
		}
		if (ooapi_string(o, v, "addressType", &type, cause) != 0) {
			catalog_json_path_pop(&o->path, old);
			return -1;
		}
		catalog_json_path_pop(&o->path, old + strlen("/addresses"));
	}
	catalog_json_path_pop(&o->path, old);
	for (k = 0; prefer[k] != NULL && *out == NULL; k++) {
		json_array_foreach(arr, i, v) {
			type = json_string_value(json_object_get(v,
			    "addressType"));
			if (type != NULL && strcmp(type, prefer[k]) == 0) {
				*out = v;
				*at = i;
				break;
			}
		}
	}
	if (*out == NULL) {
		*out = json_array_get(arr, 0);
		*at = 0;
	}
	return 0;
}

/* Set city, and geo position if given, of r from address a at index at. */
static int
ooapi_set_place(struct ooapi *o, struct catalog_record *r, json_t *a,
    size_t at, char **cause)
{
	const char	*city;
	json_t		*geo;
	double		 lat = 0, lon = 0;
	int		 has_lat, has_lon, rc = -1;
	char		*why = NULL, *tidy;
	size_t		 old;

	old = catalog_json_path_key(&o->path, "addresses");
	catalog_json_path_index(&o->path, at);
	if (ooapi_string(o, a, "city", &city, cause) != 0)
		goto fail;
	if (ooapi_object(o, a, "geolocation", &geo, cause) != 0)
		goto fail;
	if (geo == NULL &&	/* a spelling seen in the wild */
	    ooapi_object(o, a, "geoLocation", &geo, cause) != 0)
		goto fail;
	if (city != NULL && *city != '\0') {
		tidy = catalog_html_tidy(city);
		catalog_record_set_string(&r->city, tidy);
		free(tidy);
	}
	if (geo != NULL) {
		catalog_json_path_key(&o->path, json_object_get(a, "geolocation") != NULL ?
		    "geolocation" : "geoLocation");
		if (ooapi_number(o, geo, "latitude", &lat, &has_lat,
		    cause) != 0 ||
		    ooapi_number(o, geo, "longitude", &lon, &has_lon,
		    cause) != 0)
			goto fail;
		if (has_lat && has_lon &&
		    catalog_record_set_geo(r, lat, lon, &why) != 0) {
			ooapi_fail_cause(o, cause, why);
			goto fail;
		}
	}
	rc = 0;
fail:
	catalog_json_path_pop(&o->path, old);
	return rc;
}

/* One line for an offering's place: "street number, postcode city". */
static char *
ooapi_place_line(json_t *a)
{
	const char	*street, *number, *postcode, *city;
	char		*s, *tidy;

	street = json_string_value(json_object_get(a, "street"));
	number = json_string_value(json_object_get(a, "streetNumber"));
	postcode = json_string_value(json_object_get(a, "postalCode"));
	city = json_string_value(json_object_get(a, "city"));
	if (street == NULL && city == NULL)
		return NULL;
	s = xasprintf("%s%s%s%s%s%s%s", street != NULL ? street : "",
	    street != NULL && number != NULL ? " " : "",
	    street != NULL && number != NULL ? number : "",
	    street != NULL && (postcode != NULL || city != NULL) ? ", " : "",
	    postcode != NULL ? postcode : "",
	    postcode != NULL && city != NULL ? " " : "",
	    city != NULL ? city : "");
	tidy = catalog_html_tidy(s);
	free(s);
	return tidy;
}

/* 1 when s looks like a UUID (the usual form of an OOAPI reference). */
static int
ooapi_is_uuid(const char *s)
{
	size_t	 i;

	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i]))
			return 0;
	}
	return 1;
}

/* Name of an organization object: its name, else its shortName. */
static char *
ooapi_org_name(struct ooapi *o, struct ooapi_obj *org, char **cause,
    int *failed)
{
	const char	*shortname;
	char		*name;

	catalog_json_path_set(&o->path, org->ptr);
	o->file = org->file;
	name = ooapi_pick(o, org->json, "name", cause, failed);
	if (name != NULL || *failed)
		return name;
	if (ooapi_string(o, org->json, "shortName", &shortname, cause) != 0) {
		*failed = 1;
		return NULL;
	}
	return shortname != NULL && *shortname != '\0' ?
	    catalog_html_tidy(shortname) : NULL;
}

/*
 * Provider of a program or course: its organization (by reference or
 * expanded), a reference that is a name rather than an id, the only
 * organization of the import, or the host of its link. NULL if none.
 */
static char *
ooapi_provider(struct ooapi *o, struct ooapi_obj *spec, char **cause,
    int *failed)
{
	json_t			*org = json_object_get(spec->json,
				    "organization");
	struct ooapi_obj	*found = NULL;
	const char		*ref = NULL, *link, *host, *end;
	char			*s, *tidy;

	*failed = 0;
	if (json_is_object(org))
		ref = json_string_value(json_object_get(org,
		    "organizationId"));
	else if (json_is_string(org))
		ref = json_string_value(org);
	if (ref != NULL)
		found = ooapi_find(o, OOAPI_ORG, ref);
	if (found != NULL)
		return ooapi_org_name(o, found, cause, failed);
	if (ref != NULL && json_is_string(org) && *ref != '\0' &&
	    !ooapi_is_uuid(ref))
		return catalog_html_tidy(ref);
	if (o->norgs == 1)	/* counted once, by ooapi_index() */
		return ooapi_org_name(o, o->only_org, cause, failed);
	link = json_string_value(json_object_get(spec->json, "link"));
	if (link != NULL && (host = strstr(link, "://")) != NULL) {
		host += 3;
		if (strncmp(host, "www.", 4) == 0)
			host += 4;
		end = host + strcspn(host, "/:?#");
		if (end > host) {
			s = xstrndup(host, (size_t)(end - host));
			tidy = catalog_html_tidy(s);
			free(s);
			return tidy;
		}
	}
	return NULL;
}

/* Level from "level", else from "levelOfQualification" (NLQF). */
static int
ooapi_set_level(struct ooapi *o, json_t *obj, struct catalog_record *r,
    char **cause)
{
	const char	*level, *nlqf;
	char		 buf[16], *why = NULL;
	size_t		 i, old;

	if (ooapi_string(o, obj, "level", &level, cause) != 0 ||
	    ooapi_string(o, obj, "levelOfQualification", &nlqf, cause) != 0)
		return -1;
	for (i = 0; level != NULL &&
	    i < sizeof ooapi_levels / sizeof ooapi_levels[0]; i++) {
		if (strcmp(level, ooapi_levels[i].ooapi) == 0) {
			old = catalog_json_path_key(&o->path, "level");
			if (catalog_record_set_level(r, ooapi_levels[i].level,
			    &why) != 0) {
				ooapi_fail_cause(o, cause, why);
				catalog_json_path_pop(&o->path, old);
				return -1;
			}
			catalog_json_path_pop(&o->path, old);
			return 0;
		}
	}
	/* "4+" is a level 4 with extras; other values say nothing useful. */
	if (nlqf != NULL && nlqf[0] >= '1' && nlqf[0] <= '8' &&
	    (nlqf[1] == '\0' || strcmp(nlqf + 1, "+") == 0)) {
		snprintf(buf, sizeof buf, "nlqf%c", nlqf[0]);
		old = catalog_json_path_key(&o->path, "levelOfQualification");
		if (catalog_record_set_level(r, buf, &why) != 0) {
			ooapi_fail_cause(o, cause, why);
			catalog_json_path_pop(&o->path, old);
			return -1;
		}
		catalog_json_path_pop(&o->path, old);
	}
	return 0;
}

/* Themes from "fieldsOfStudy" (codes in a string or an array). */
static int
ooapi_set_themes(struct ooapi *o, json_t *obj, struct catalog_record *r,
    char **cause)
{
	json_t		*f = json_object_get(obj, "fieldsOfStudy"), *v;
	const char	*s, *theme;
	char		 code[8], *why = NULL;
	size_t		 i, n, k, old;
	int		 rc = -1;

	old = catalog_json_path_key(&o->path, "fieldsOfStudy");
	n = json_is_array(f) ? json_array_size(f) : 1;
	for (i = 0; f != NULL && !json_is_null(f) && i < n; i++) {
		v = json_is_array(f) ? json_array_get(f, i) : f;
		if (!json_is_string(v)) {
			ooapi_fail(o, cause, "expected ISCED-F codes, not %s",
			    catalog_json_type_name(v, 0));
			goto fail;
		}
		s = json_string_value(v);
		while (*s != '\0') {	/* codes split by space, comma, ';' */
			s += strspn(s, " ,;");
			k = strcspn(s, " ,;");
			if (k == 0)
				break;
			snprintf(code, sizeof code, "%.*s",
			    (int)(k < 7 ? k : 7), s);
			s += k;
			if ((theme = catalog_isced_theme(o->isced, code)) ==
			    NULL)
				continue;	/* not a code: default below */
			if (!catalog_import_has_theme(o->imp, theme)) {
				ooapi_fail(o, cause, "theme '%s' (for ISCED-F "
				    "%s) is not in the catalogue: import the "
				    "themes first", theme, code);
				goto fail;
			}
			if (catalog_record_add_theme(r, theme, &why) != 0) {
				ooapi_fail_cause(o, cause, why);
				goto fail;
			}
		}
	}
	catalog_json_path_pop(&o->path, old);
	if (catalog_feed_theme_default(o->imp, r,
	    catalog_isced_default(o->isced), &why) != 0)
		return ooapi_fail_cause(o, cause, why);
	rc = 0;
fail:
	catalog_json_path_pop(&o->path, old);
	return rc;
}

/* Mode from "modeOfDelivery" (a string or an array); NULL if unknown. */
static const char *
ooapi_mode(json_t *obj)
{
	json_t		*m = json_object_get(obj, "modeOfDelivery"), *v;
	const char	*s;
	size_t		 i, n;
	int		 onsite = 0, online = 0;

	n = json_is_array(m) ? json_array_size(m) : 1;
	for (i = 0; m != NULL && i < n; i++) {
		v = json_is_array(m) ? json_array_get(m, i) : m;
		if ((s = json_string_value(v)) == NULL)
			continue;
		if (strcmp(s, "online") == 0 ||
		    strcmp(s, "distance-learning") == 0)
			online = 1;
		else if (strcmp(s, "on campus") == 0 ||
		    strcmp(s, "situated") == 0)
			onsite = 1;
		else if (strcmp(s, "hybrid") == 0)
			online = onsite = 1;
	}
	if (online && onsite)
		return "blended";
	if (online)
		return "online";
	if (onsite)
		return "onsite";
	return NULL;
}

/* Total study hours from "studyLoad"; 0 when unknown. */
static double
ooapi_study_hours(json_t *obj)
{
	json_t		*load = json_object_get(obj, "studyLoad");
	const char	*unit;
	double		 value;

	if (!json_is_object(load) ||
	    !json_is_number(json_object_get(load, "value")) ||
	    (unit = json_string_value(json_object_get(load,
	    "studyLoadUnit"))) == NULL)
		return 0;
	value = json_number_value(json_object_get(load, "value"));
	if (value <= 0 || value > 100000)
		return 0;
	if (strcmp(unit, "ects") == 0)
		return value * OOAPI_HOURS_PER_ECTS;
	if (strcmp(unit, "sp") == 0)
		return value * OOAPI_HOURS_PER_SP;
	if (strcmp(unit, "sbu") == 0 || strcmp(unit, "hour") == 0 ||
	    strcmp(unit, "contacttime") == 0)
		return value;
	return 0;
}

/* Days since 1970-01-01 of a YYYY-MM-DD date; -1 when not one. */
static long
ooapi_days(const char *s)
{
	int	 y, m, d, era;
	unsigned yoe, doy, doe;
	char	 tail;

	if (s == NULL || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	/* Howard Hinnant's days_from_civil. */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (long)era * 146097 + (long)doe - 719468;
}

/* Weeks in an ISO 8601 duration such as P10W, P6M, P1Y, P30D; 0 if not. */
static double
ooapi_duration_weeks(const char *iso)
{
	double	 n;
	char	 unit, tail;

	if (iso == NULL || sscanf(iso, "P%lf%c%c", &n, &unit, &tail) != 2 ||
	    n <= 0)
		return 0;
	switch (unit) {
	case 'W':
		return n;
	case 'D':
		return n / 7;
	case 'M':
		return n * 52.0 / 12;
	case 'Y':
		return n * 52;
	}
	return 0;
}

/* Cost for a regular participant from "priceInformation", in euros. */
static int
ooapi_cost(struct ooapi *o, json_t *obj, const char **euros, char **cause)
{
	json_t		*arr, *v;
	const char	*type, *amount, *currency, *any = NULL;
	size_t		 i, old, n = 0;

	*euros = NULL;
	if (ooapi_array(o, obj, "priceInformation", &arr, cause) != 0)
		return -1;
	if (arr == NULL)
		return 0;
	old = catalog_json_path_key(&o->path, "priceInformation");
	json_array_foreach(arr, i, v) {
		catalog_json_path_index(&o->path, i);
		if (!json_is_object(v)) {
			ooapi_fail(o, cause, "expected a cost object, not %s",
			    catalog_json_type_name(v, 0));
			catalog_json_path_pop(&o->path, old);
			return -1;
		}
		if (ooapi_string(o, v, "costType", &type, cause) != 0 ||
		    ooapi_string(o, v, "amount", &amount, cause) != 0 ||
		    ooapi_string(o, v, "currency", &currency, cause) != 0) {
			catalog_json_path_pop(&o->path, old);
			return -1;
		}
		catalog_json_path_pop(&o->path, old + strlen("/priceInformation"));
		if (amount == NULL || (currency != NULL &&
		    strcasecmp(currency, "EUR") != 0))
			continue;	/* only euros are shown */
		if (type != NULL && strcmp(type, "total costs") == 0) {
			*euros = amount;
			break;
		}
		if (type == NULL || strcmp(type, "STAP eligible") != 0) {
			any = amount;
			n++;
		}
	}
	catalog_json_path_pop(&o->path, old);
	if (*euros == NULL && n == 1)
		*euros = any;
	return 0;
}

/*
 * Fill offering off from the OOAPI object obj (an offering, or the course
 * itself when it has no offerings); spec is the program or course.
 */
static int
ooapi_fill_offering(struct ooapi *o, struct catalog_record_offering *off,
    json_t *obj, json_t *spec, int is_offering, char **cause)
{
	const char	*start, *end, *lang, *mode, *duration = NULL, *euros;
	json_t		*addr;
	char		*why = NULL, *place, dur[32], lang2[CATALOG_LANG_MAX];
	double		 weeks = 0, hours;
	long		 d0, d1;
	size_t		 at, old;

#define OOAPI_SET(key, call) do {					\
	old = catalog_json_path_key(&o->path, key);					\
	if ((call) != 0) {						\
		ooapi_fail_cause(o, cause, why);			\
		catalog_json_path_pop(&o->path, old);				\
		return -1;						\
	}								\
	catalog_json_path_pop(&o->path, old);					\
} while (0)

	if (ooapi_string(o, obj, is_offering ? "startDate" : "firstStartDate",
	    &start, cause) != 0 ||
	    ooapi_string(o, obj, "endDate", &end, cause) != 0 ||
	    ooapi_string(o, obj, "teachingLanguage", &lang, cause) != 0)
		return -1;
	if (!is_offering) {
		end = NULL;
		if (ooapi_string(o, obj, "duration", &duration, cause) != 0)
			return -1;
	}
	if (start != NULL)
		OOAPI_SET(is_offering ? "startDate" : "firstStartDate",
		    catalog_record_offering_set_date(&off->start, start, &why));
	if (end != NULL)
		OOAPI_SET("endDate",
		    catalog_record_offering_set_date(&off->end, end, &why));
	if (lang == NULL && spec != obj)
		lang = json_string_value(json_object_get(spec,
		    "teachingLanguage"));
	if (lang != NULL) {
		catalog_feed_lang(lang, lang2, sizeof lang2);
		OOAPI_SET("teachingLanguage",
		    catalog_record_offering_set_lang(off, lang2, &why));
	}
	if ((mode = ooapi_mode(obj)) == NULL && spec != obj)
		mode = ooapi_mode(spec);
	if (mode != NULL)
		OOAPI_SET("modeOfDelivery",
		    catalog_record_offering_set_mode(off, mode, &why));

	d0 = ooapi_days(start);
	d1 = ooapi_days(end);
	if (d0 >= 0 && d1 >= d0) {
		weeks = (double)((d1 - d0 + 7) / 7);
		snprintf(dur, sizeof dur, "P%ldW", (d1 - d0 + 7) / 7);
		OOAPI_SET("endDate",
		    catalog_record_offering_set_duration(off, dur, &why));
	} else if (duration != NULL) {
		OOAPI_SET("duration",
		    catalog_record_offering_set_duration(off, duration, &why));
		weeks = ooapi_duration_weeks(duration);
	}
	hours = ooapi_study_hours(spec);
	if (weeks >= 1 && hours > 0 && hours / weeks >= 1 &&
	    hours / weeks <= 60)
		off->hours_per_week = (int)(hours / weeks + 0.5);

	if (is_offering) {
		if (ooapi_cost(o, obj, &euros, cause) != 0)
			return -1;
		if (euros != NULL)
			OOAPI_SET("priceInformation",
			    catalog_record_offering_set_cost(off, euros, &why));
	}
	if (ooapi_address(o, obj, &addr, &at, cause) != 0)
		return -1;
	if (addr != NULL && (place = ooapi_place_line(addr)) != NULL) {
		free(off->place);
		off->place = place;
	}
#undef OOAPI_SET
	return 0;
}

/* 1 when a course or program says anything about how it is given. */
static int
ooapi_has_course_offering(json_t *spec)
{
	return json_is_string(json_object_get(spec, "firstStartDate")) ||
	    json_is_string(json_object_get(spec, "teachingLanguage")) ||
	    json_is_string(json_object_get(spec, "duration")) ||
	    ooapi_mode(spec) != NULL;
}

/* --- records -------------------------------------------------------------- */

static const char *const ooapi_title_keys[] = { "name", NULL };
static const char *const ooapi_desc_keys[] = { "description", NULL };
static const char *const ooapi_outcome_keys[] = { "learningOutcomes", NULL };
static const char *const ooapi_join_keys[] = { "enrollment",
	"admissionRequirements", NULL };

static int
ooapi_has_title(const struct catalog_record *r)
{
	size_t	 i;

	for (i = 0; i < r->ntexts; i++) {
		if (r->texts[i].field == CATALOG_FIELD_TITLE)
			return 1;
	}
	return 0;
}

/* Build the record of a program or course (offerings come later). */
static int
ooapi_spec_record(struct ooapi *o, struct ooapi_obj *ob, char **cause)
{
	struct catalog_record	*r = catalog_record_new();
	const char		*link;
	char			*key = NULL, *why = NULL, *provider = NULL;
	char			*part;
	json_t			*addr;
	size_t			 at, old;
	int			 failed;

	o->file = ob->file;
	catalog_json_path_set(&o->path, ob->ptr);
	part = catalog_feed_key_part(ob->id);
	key = xasprintf("ooapi:%s", part);
	free(part);
	old = catalog_json_path_key(&o->path, ob->kind->id);
	if (catalog_record_set_key(r, key, &why) != 0 ||
	    catalog_record_set_kind(r, "course", &why) != 0) {
		ooapi_fail_cause(o, cause, why);
		goto fail;
	}
	catalog_json_path_pop(&o->path, old);

	if (ooapi_field(o, ob->json, r, CATALOG_FIELD_TITLE, " / ",
	    ooapi_title_keys, cause) != 0 ||
	    ooapi_field(o, ob->json, r, CATALOG_FIELD_DESCRIPTION, "\n\n",
	    ooapi_desc_keys, cause) != 0 ||
	    ooapi_field(o, ob->json, r, CATALOG_FIELD_OUTCOME, "\n",
	    ooapi_outcome_keys, cause) != 0 ||
	    ooapi_field(o, ob->json, r, CATALOG_FIELD_JOIN, "\n\n",
	    ooapi_join_keys, cause) != 0)
		goto fail;
	if (!ooapi_has_title(r)) {
		ooapi_fail(o, cause, "the %s %s has no name", ob->kind->name,
		    ob->id);
		goto fail;
	}

	if (ooapi_string(o, ob->json, "link", &link, cause) != 0)
		goto fail;
	if (link != NULL && *link != '\0') {
		old = catalog_json_path_key(&o->path, "link");
		if (catalog_record_set_link(r, link, &why) != 0) {
			ooapi_fail_cause(o, cause, why);
			goto fail;
		}
		catalog_json_path_pop(&o->path, old);
	}
	if (ooapi_set_level(o, ob->json, r, cause) != 0 ||
	    ooapi_set_themes(o, ob->json, r, cause) != 0)
		goto fail;
	if (ooapi_address(o, ob->json, &addr, &at, cause) != 0)
		goto fail;
	if (addr != NULL && ooapi_set_place(o, r, addr, at, cause) != 0)
		goto fail;

	provider = ooapi_provider(o, ob, cause, &failed);
	o->file = ob->file;
	catalog_json_path_set(&o->path, ob->ptr);
	if (failed)
		goto fail;
	if (provider != NULL)
		catalog_record_set_string(&r->provider, provider);
	free(provider);
	free(key);
	ob->rec = r;
	return 0;

fail:
	free(key);
	catalog_record_free(r);
	return -1;
}

/* Attach an offering to its program or course (linked by ooapi_link). */
static int
ooapi_offering(struct ooapi *o, struct ooapi_obj *ob, char **cause)
{
	struct ooapi_obj		*parent = ob->parent;
	struct catalog_record_offering	*off;
	json_t				*addr;
	size_t				 i, at;

	o->file = ob->file;
	catalog_json_path_set(&o->path, ob->ptr);
	for (i = 0; i < parent->rec->nofferings; i++) {
		if (strcmp(parent->rec->offerings[i].key, ob->id) == 0)
			return ooapi_fail(o, cause, "offering %s twice in %s",
			    ob->id, parent->id);
	}
	off = catalog_record_add_offering(parent->rec);
	off->key = xstrdup(ob->id);
	if (ooapi_fill_offering(o, off, ob->json, parent->json, 1, cause) != 0)
		return -1;
	/* No address of its own: the entry is where its first offering is. */
	if (parent->rec->city == NULL) {
		if (ooapi_address(o, ob->json, &addr, &at, cause) != 0)
			return -1;
		if (addr != NULL &&
		    ooapi_set_place(o, parent->rec, addr, at, cause) != 0)
			return -1;
	}
	return 0;
}

/* Give a program or course without offerings one from its own data. */
static int
ooapi_course_offering(struct ooapi *o, struct ooapi_obj *ob, char **cause)
{
	struct catalog_record_offering	*off;

	if (ob->rec->nofferings > 0 || !ooapi_has_course_offering(ob->json))
		return 0;
	o->file = ob->file;
	catalog_json_path_set(&o->path, ob->ptr);
	off = catalog_record_add_offering(ob->rec);
	off->key = xstrdup(ob->kind->name);
	return ooapi_fill_offering(o, off, ob->json, ob->json, 0, cause);
}

/* Fill in what the offerings tell about the entry, check and store it. */
static int
ooapi_put(struct ooapi *o, struct ooapi_obj *ob, char **cause)
{
	struct catalog_record	*r = ob->rec;
	char			*why = NULL, *reason;

	o->file = ob->file;
	catalog_json_path_set(&o->path, ob->ptr);
	if (r->provider == NULL) {
		reason = xasprintf("%s: %s: %s %s has no organization (give "
		    "its organization file in the same import): skipped",
		    ob->file, path_show(ob->ptr), ob->kind->name, ob->id);
		catalog_import_skip(o->imp, reason);
		free(reason);
		return 0;
	}
	o->file = ob->file;
	catalog_json_path_set(&o->path, ob->ptr);
	if (catalog_record_check(r, &why) != 0 ||
	    catalog_import_put(o->imp, r, &why) != 0)
		return ooapi_fail_cause(o, cause, why);
	return 0;
}

/* Release the JSON we hold of ob. */
static void
ooapi_release(struct ooapi_obj *ob)
{
	if (ob->held)
		json_decref(ob->json);
	ob->json = NULL;
	ob->held = 0;
}

/* Map a program or course with its offerings, put it and free it. */
static int
ooapi_finish(struct ooapi *o, struct ooapi_obj *ob, char **cause)
{
	size_t	 i;
	int	 rc = -1;

	if (ooapi_spec_record(o, ob, cause) != 0)
		return -1;
	for (i = 0; i < ob->noffs; i++) {
		if (ooapi_offering(o, ob->offs[i], cause) != 0)
			goto out;
	}
	if (ooapi_course_offering(o, ob, cause) != 0 ||
	    ooapi_put(o, ob, cause) != 0)
		goto out;
	rc = 0;
out:
	catalog_record_free(ob->rec);
	ob->rec = NULL;
	ob->done = 1;
	ooapi_release(ob);
	for (i = 0; i < ob->noffs; i++)
		ooapi_release(ob->offs[i]);
	return rc;
}

/*
 * After file fileno is bound: put, in the order of the files, every
 * program and course whose last file has been read; hold the JSON of
 * those of this file that must wait, and of their waiting offerings.
 */
static int
ooapi_map_file(struct ooapi *o, size_t fileno, size_t first, size_t end,
    char **cause)
{
	struct ooapi_obj	*ob;
	size_t			 i;

	for (; o->next_put < o->nobjs; o->next_put++) {
		ob = &o->objs[o->next_put];
		if (ob->fileno > fileno)
			break;
		if (ob->kind->type != OOAPI_SPEC || ob->skip)
			continue;
		if (ob->last > fileno)
			break;
		if (ooapi_finish(o, ob, cause) != 0)
			return -1;
	}
	for (i = first; i < end; i++) {	/* the objects of this file */
		ob = &o->objs[i];
		if (ob->held || ob->json == NULL)
			continue;
		if ((ob->kind->type == OOAPI_SPEC && !ob->skip && !ob->done) ||
		    (ob->kind->type == OOAPI_OFFERING && ob->parent != NULL &&
		    !ob->parent->done)) {
			json_incref(ob->json);
			ob->held = 1;
		} else
			ob->json = NULL;
	}
	return 0;
}

/* The slot of id in the hash of specs read once (empty if absent). */
static struct ooapi_seen *
ooapi_seen_slot(struct ooapi *o, const char *id)
{
	const unsigned char	*p;
	uint32_t		 h = 2166136261u;
	size_t			 i;

	for (p = (const unsigned char *)id; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	for (i = h & (o->capseen - 1);; i = (i + 1) & (o->capseen - 1)) {
		if (o->seen[i].id == NULL || strcmp(o->seen[i].id, id) == 0)
			return &o->seen[i];
	}
}

/* Note spec ob of a file read once; -1 and *cause if its id is taken. */
static int
ooapi_seen_add(struct ooapi *o, struct ooapi_obj *ob, char **cause)
{
	struct ooapi_obj	*found;
	struct ooapi_seen	*sl, *old;
	size_t			 i, oldcap;

	if ((found = ooapi_find(o, OOAPI_SPEC, ob->id)) != NULL) {
		if (found->fileno < ob->fileno)
			*cause = xasprintf("%s: %s: %s %s is also at %s: %s",
			    ob->file, path_show(ob->ptr), ob->kind->name,
			    ob->id, found->file, path_show(found->ptr));
		else
			*cause = xasprintf("%s: %s: %s %s is also at %s: %s",
			    found->file, path_show(found->ptr),
			    found->kind->name, found->id, ob->file,
			    path_show(ob->ptr));
		return -1;
	}
	if (2 * (o->nseen + 1) > o->capseen) {
		old = o->seen;
		oldcap = o->capseen;
		o->capseen = oldcap == 0 ? 1024 : 2 * oldcap;
		o->seen = xreallocarray(NULL, o->capseen, sizeof *o->seen);
		memset(o->seen, 0, o->capseen * sizeof *o->seen);
		for (i = 0; i < oldcap; i++) {
			if (old[i].id != NULL)
				*ooapi_seen_slot(o, old[i].id) = old[i];
		}
		free(old);
	}
	sl = ooapi_seen_slot(o, ob->id);
	if (sl->id != NULL) {
		*cause = xasprintf("%s: %s: %s %s is also at %s: %s", ob->file,
		    path_show(ob->ptr), ob->kind->name, ob->id, sl->file,
		    path_show(sl->ptr));
		return -1;
	}
	sl->id = xstrdup(ob->id);
	sl->file = ob->file;
	sl->ptr = xstrdup(ob->ptr);
	o->nseen++;
	return 0;
}

static void
ooapi_free_bobjs(struct ooapi *o)
{
	size_t	 i;

	for (i = 0; i < o->nb; i++) {
		free(o->bobjs[i].ptr);
		free(o->bobjs[i].id);
		free(o->bobjs[i].ref);
		catalog_record_free(o->bobjs[i].rec);
	}
	o->nb = 0;
}

/*
 * Map, check and put the programs and courses of a file read once, in
 * order (such a file holds no organization and the import no offering).
 */
static int
ooapi_map_once(struct ooapi *o, char **cause)
{
	struct ooapi_obj	*ob;
	size_t			 i;

	for (i = 0; i < o->nb; i++) {
		ob = &o->bobjs[i];
		if (ob->kind->type != OOAPI_SPEC)
			continue;
		if (ooapi_seen_add(o, ob, cause) != 0 ||
		    ooapi_finish(o, ob, cause) != 0)
			return -1;
	}
	ooapi_free_bobjs(o);
	return 0;
}

/*
 * Which files are read once: with no offering anywhere in the import
 * (no "offeringId" in any file), a file that holds no organization
 * either has only programs and courses that need nothing from other
 * files but the organizations, so it is mapped as it is read. A \\u
 * escape that could spell a member name counts as both. 0, or -1 and
 * *cause when a file cannot be read.
 */
static int
ooapi_plan(struct ooapi *o, const struct catalog_ooapi_input *in,
    const char *const *names, size_t n, char **buf, size_t *cap,
    char **cause)
{
	static const char *const escapes[] = { "\\u004", "\\u005", "\\u006",
	    "\\u007", NULL };
	const char	*data;
	size_t		 i, k, len;
	int		 offers = 0, orgs, esc;

	for (i = 0; i < n; i++) {
		if (in != NULL) {
			data = in[i].data;
			len = in[i].len;
		} else {
			if (catalog_feed_read_into(names[i], CATALOG_FEED_MAX,
			    buf, cap, &len, cause) != 0)
				return -1;
			data = *buf;
		}
		for (esc = 0, k = 0; escapes[k] != NULL && !esc; k++)
			esc = memmem(data, len, escapes[k],
			    strlen(escapes[k])) != NULL;
		orgs = memmem(data, len, "organizationId", 14) != NULL;
		if (esc || memmem(data, len, "offeringId", 10) != NULL)
			offers = 1;
		o->once[i] = !esc && !orgs;
	}
	if (offers)
		memset(o->once, 0, n);
	return 0;
}

static void
ooapi_done(struct ooapi *o)
{
	size_t	 i;

	for (i = 0; i < o->nobjs; i++) {
		ooapi_release(&o->objs[i]);
		free(o->objs[i].ptr);
		free(o->objs[i].id);
		free(o->objs[i].ref);
		free(o->objs[i].offs);
		catalog_record_free(o->objs[i].rec);
	}
	free(o->objs);
	free(o->index);
	ooapi_free_bobjs(o);
	free(o->bobjs);
	for (i = 0; i < o->capseen; i++) {
		free(o->seen[i].id);
		free(o->seen[i].ptr);
	}
	free(o->seen);
	free(o->once);
	for (i = 0; i < o->nfiles; i++)
		free(o->files[i]);
	free(o->files);
	free(o->pages);
	catalog_json_path_free(&o->path);
	catalog_isced_free(o->isced);
}

/*
 * Import n inputs named names: in memory (in), or files (in is NULL).
 * Each is read twice (see the top), or once (see ooapi_plan); only one
 * parsed file is held at a time.
 */
static int
ooapi_run(struct catalog_import *imp, const struct catalog_ooapi_input *in,
    const char *const *names, size_t n, char **cause)
{
	struct ooapi	 o;
	struct ooapi_obj *sv;
	const char	*name, *data;
	char		*buf = NULL;
	json_t		*root;
	size_t		 i, len, first, cap = 0, svn, svcap;
	int		 rc = -1, anyonce = 0;

	memset(&o, 0, sizeof o);
	o.imp = imp;
	o.file = "";
	o.files = xreallocarray(NULL, n + 1, sizeof *o.files);
	for (i = 0; i < n; i++)
		o.files[o.nfiles++] = xstrdup(names[i]);
	o.once = xreallocarray(NULL, n + 1, 1);
	if ((o.isced = catalog_isced_load(NULL, cause)) == NULL ||
	    ooapi_plan(&o, in, names, n, &buf, &cap, cause) != 0)
		goto fail;
	for (i = 0; i < n; i++)
		anyonce |= o.once[i];
	for (o.pass = 1; o.pass <= 2; o.pass++) {
		if (o.pass == 2) {
			/* Pages of files read once are known at the end. */
			if ((!anyonce && ooapi_check_pages(&o, cause) != 0) ||
			    ooapi_index(&o, cause) != 0) {
				rc = -1;
				goto fail;
			}
			ooapi_link(&o);
		}
		for (i = 0; i < n; i++) {
			if (o.pass == 1 && o.once[i])
				continue;
			name = o.files[i];
			if (in != NULL) {
				data = in[i].data;
				len = in[i].len;
			} else {
				if (catalog_feed_read_into(name,
				    CATALOG_FEED_MAX, &buf, &cap, &len,
				    cause) != 0) {
					rc = -1;
					goto fail;
				}
				data = buf;
			}
			o.single = o.once[i];
			o.binding = o.pass == 2 && !o.single;
			if (o.single) {	/* collect into bobjs */
				sv = o.objs;
				svn = o.nobjs;
				svcap = o.capobjs;
				o.objs = o.bobjs;
				o.nobjs = 0;
				o.capobjs = o.capb;
				rc = ooapi_load(&o, i, name, data, len, &root,
				    cause);
				o.bobjs = o.objs;
				o.nb = o.nobjs;
				o.capb = o.capobjs;
				o.objs = sv;
				o.nobjs = svn;
				o.capobjs = svcap;
				if (rc == 0)
					rc = ooapi_map_once(&o, cause);
				json_decref(root);
				if (rc != 0) {
					rc = -1;
					goto fail;
				}
				continue;
			}
			first = o.bind;
			rc = ooapi_load(&o, i, name, data, len, &root, cause);
			if (rc == 0 && o.pass == 2 && (o.bind < o.nobjs &&
			    o.objs[o.bind].fileno == i)) {
				o.file = o.files[i];
				catalog_json_path_set(&o.path, "");
				rc = ooapi_fail(&o, cause, "the file changed "
				    "while it was imported");
			}
			if (rc == 0 && o.pass == 2)
				rc = ooapi_map_file(&o, i, first, o.bind,
				    cause);
			json_decref(root);
			if (rc != 0) {
				rc = -1;
				goto fail;
			}
		}
	}
	if (anyonce && ooapi_check_pages(&o, cause) != 0) {
		rc = -1;
		goto fail;
	}
	rc = 0;
fail:
	free(buf);
	ooapi_done(&o);
	return rc;
}

int
catalog_ooapi_import_buffers(struct catalog_import *imp,
    const struct catalog_ooapi_input *in, size_t n, char **cause)
{
	const char	**names = xreallocarray(NULL, n + 1, sizeof *names);
	size_t		  i;
	int		  rc;

	for (i = 0; i < n; i++)
		names[i] = in[i].name;
	rc = ooapi_run(imp, in, names, n, cause);
	free(names);
	return rc;
}

int
catalog_ooapi_import(struct catalog_import *imp, const char *const *files,
    size_t nfiles, char **cause)
{
	return ooapi_run(imp, NULL, files, nfiles, cause);
}

int
catalog_ooapi_sniff(const char *head, size_t n)
{
	static const char *const marks[] = {
		"\"courseId\"", "\"programId\"", "\"offeringId\"",
		"\"organizationId\"", "\"personId\"", "\"pageNumber\"",
		"\"hasNextPage\"", NULL
	};
	size_t	 i = 0, k;

	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && isspace((unsigned char)head[i]))
		i++;
	if (i == n || (head[i] != '{' && head[i] != '['))
		return 0;
	for (k = 0; marks[k] != NULL; k++) {
		if (memmem(head, n, marks[k], strlen(marks[k])) != NULL)
			return 1;
	}
	return 0;
}
