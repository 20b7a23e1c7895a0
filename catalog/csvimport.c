/*
 * csvimport: the Leerpunt CSV format into an import (see csvimport.h).
 *
 * The header is mapped once to a table of column roles; each row is then
 * read through that table into a record (record.c checks the values). An
 * entry's continuation rows (same id, entry columns empty) add offerings.
 * Records are put when the next entry starts, so an error in a record
 * names the line where that entry began.
 *
 * A bad value in an optional column (start, end, duration, hours_per_week,
 * mode, cost, instruction_lang, lat, lon) is dropped with a warning
 * (catalog_import_warn) naming FILE:LINE:COLUMN, and the entry is kept;
 * with CATALOG_IMPORT_STRICT the warning is an error. id, kind, title,
 * provider, themes and the header stay strict.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/csv.h"
#include "catalog/csvimport.h"
#include "catalog/import.h"
#include "catalog/record.h"
#include "catalog/xmalloc.h"

enum csv_role {
	R_ID, R_KIND, R_PROVIDER, R_THEMES, R_LEVEL, R_CITY, R_PROVINCE,
	R_LAT, R_LON, R_CONTACT, R_LINK, R_TEXT,
	/* offering columns: from here on */
	R_OFFERING, R_START, R_END, R_DURATION, R_HOURS, R_MODE, R_PLACE,
	R_COST, R_ILANG,
	/* themes file */
	R_THEME, R_POSITION, R_LABEL, R_HINT,
	R_COUNT
};

static const char *const csv_role_names[R_COUNT] = {
	"id", "kind", "provider", "themes", "level", "city", "province",
	"lat", "lon", "contact", "link", NULL,
	"offering", "start", "end", "duration", "hours_per_week", "mode",
	"place", "cost", "instruction_lang",
	"theme", "position", NULL, NULL
};

struct csv_col {
	enum csv_role	 role;
	int		 field;		/* R_TEXT: enum catalog_field */
	char		 lang[CATALOG_LANG_MAX];
};

struct csv_state {
	struct catalog_import *imp;
	struct catalog_csv *csv;
	struct csv_col	*cols;
	size_t		 ncols;
	int		 has[R_COUNT];
	struct catalog_record *rec;	/* entry being read */
	size_t		 rec_line;
};

static int
csv_fail(struct csv_state *s, const struct catalog_csv_field *f,
    char *reason, char **cause)
{
	*cause = xasprintf("%s:%zu:%zu: %s", catalog_csv_name(s->csv),
	    f->line, f->column, reason);
	free(reason);
	return -1;
}

/*
 * A bad optional value at f (one of the row fs), dropped: a warning
 * "FILE:LINE:COLUMN: NAME: reason: value dropped" and 0, or under
 * --strict an error (-1 and *cause). Frees reason.
 */
static int
csv_warn(struct csv_state *s, const struct catalog_csv_field *fs,
    const struct catalog_csv_field *f, char *reason, char **cause)
{
	char *text;
	int rc;

	text = xasprintf("%s:%zu:%zu: %s: %s: value dropped",
	    catalog_csv_name(s->csv), f->line, f->column,
	    csv_role_names[s->cols[f - fs].role], reason);
	free(reason);
	rc = catalog_import_warn(s->imp, text, cause);
	free(text);
	return rc;
}

/* Map header name to a column; -1 and *reason when it is not known. */
static int
csv_map_column(const char *name, int themes_file, struct csv_col *col,
    char **reason)
{
	const char *us;
	char *field;
	int i, f;

	memset(col, 0, sizeof *col);
	for (i = 0; i < R_COUNT; i++) {
		if (csv_role_names[i] == NULL ||
		    strcmp(name, csv_role_names[i]) != 0)
			continue;
		if (themes_file != (i == R_THEME || i == R_POSITION))
			break;
		col->role = (enum csv_role)i;
		return 0;
	}
	if ((us = strrchr(name, '_')) == NULL || us == name || us[1] == '\0') {
		*reason = xasprintf("unknown column \"%s\"", name);
		return -1;
	}
	field = xstrndup(name, (size_t)(us - name));
	col->role = R_COUNT;
	if (themes_file) {
		if (strcmp(field, "label") == 0)
			col->role = R_LABEL;
		else if (strcmp(field, "hint") == 0)
			col->role = R_HINT;
	} else if ((f = catalog_record_field_parse(field)) >= 0) {
		col->role = R_TEXT;
		col->field = f;
	}
	free(field);
	if (col->role == R_COUNT) {
		*reason = xasprintf("unknown column \"%s\"", name);
		return -1;
	}
	if (catalog_lang_primary(us + 1, col->lang, sizeof col->lang) != 0) {
		*reason = xasprintf("column \"%s\": \"%s\" is not a language "
		    "tag", name, us + 1);
		return -1;
	}
	return 0;
}

static int
csv_read_header(struct csv_state *s, const struct catalog_csv_field *fs,
    size_t n, int *themes_file, char **cause)
{
	size_t i, j;
	char *reason = NULL;

	*themes_file = 0;
	for (i = 0; i < n; i++)
		if (strcmp(fs[i].value, "theme") == 0)
			*themes_file = 1;
	s->cols = xcalloc(n, sizeof *s->cols);
	s->ncols = n;
	for (i = 0; i < n; i++) {
		if (csv_map_column(fs[i].value, *themes_file, &s->cols[i],
		    &reason) != 0)
			return csv_fail(s, &fs[i], reason, cause);
		for (j = 0; j < i; j++)
			if (strcmp(fs[i].value, fs[j].value) == 0)
				return csv_fail(s, &fs[i], xasprintf("column "
				    "\"%s\" appears twice", fs[i].value), cause);
		s->has[s->cols[i].role] = 1;
	}
	if (*themes_file) {
		if (!s->has[R_LABEL])
			return csv_fail(s, &fs[0], xstrdup("a themes file "
			    "needs a label column such as label_nl"), cause);
		return 0;
	}
	for (i = R_ID; i <= R_THEMES; i++)
		if (!s->has[i])
			return csv_fail(s, &fs[0], xasprintf("the header has "
			    "no \"%s\" column (a themes file needs \"theme\")",
			    csv_role_names[i]), cause);
	for (i = 0; i < n; i++)
		if (s->cols[i].role == R_TEXT &&
		    s->cols[i].field == CATALOG_FIELD_TITLE)
			return 0;
	return csv_fail(s, &fs[0], xstrdup("the header has no title column "
	    "such as title_nl"), cause);
}

static int
csv_theme_row(struct csv_state *s, const struct catalog_csv_field *fs,
    char **cause)
{
	const struct catalog_csv_field *keyf = NULL;
	char *reason = NULL, *end;
	long position = 0;
	size_t i, j;
	int any = 0;

	for (i = 0; i < s->ncols; i++) {
		if (s->cols[i].role == R_THEME)
			keyf = &fs[i];
		else if (s->cols[i].role == R_POSITION && *fs[i].value) {
			position = strtol(fs[i].value, &end, 10);
			if (*end != '\0' || position < -100000 ||
			    position > 100000)
				return csv_fail(s, &fs[i], xasprintf("position "
				    "\"%s\" is not a whole number",
				    fs[i].value), cause);
		}
	}
	{
		struct catalog_record *tmp = catalog_record_new();
		int rc = catalog_record_add_theme(tmp, keyf->value, &reason);

		catalog_record_free(tmp);
		if (rc != 0)
			return csv_fail(s, keyf, reason, cause);
	}
	for (i = 0; i < s->ncols; i++) {
		const char *hint = NULL;

		if (s->cols[i].role != R_LABEL || *fs[i].value == '\0')
			continue;
		for (j = 0; j < s->ncols; j++)
			if (s->cols[j].role == R_HINT &&
			    strcmp(s->cols[j].lang, s->cols[i].lang) == 0 &&
			    *fs[j].value)
				hint = fs[j].value;
		if (catalog_import_theme(s->imp, keyf->value, (int)position,
		    s->cols[i].lang, fs[i].value, hint, &reason) != 0)
			return csv_fail(s, &fs[i], reason, cause);
		any = 1;
	}
	if (!any)
		return csv_fail(s, keyf, xasprintf("theme \"%s\" has no label",
		    keyf->value), cause);
	return 0;
}

static int
csv_flush(struct csv_state *s, char **cause)
{
	char *reason = NULL;
	int rc = 0;

	if (s->rec == NULL)
		return 0;
	if (catalog_import_put(s->imp, s->rec, &reason) != 0) {
		*cause = xasprintf("%s:%zu:1: %s", catalog_csv_name(s->csv),
		    s->rec_line, reason);
		free(reason);
		rc = -1;
	}
	catalog_record_free(s->rec);
	s->rec = NULL;
	return rc;
}

static int
csv_offering_cols(struct csv_state *s, const struct catalog_csv_field *fs,
    char **cause)
{
	struct catalog_record_offering *o = NULL;
	char *reason = NULL, *end;
	size_t i;
	long h;
	int rc = 0;

	for (i = 0; i < s->ncols && rc == 0; i++) {
		const char *v = fs[i].value;

		if (s->cols[i].role < R_OFFERING || s->cols[i].role > R_ILANG ||
		    *v == '\0')
			continue;
		if (o == NULL)
			o = catalog_record_add_offering(s->rec);
		switch (s->cols[i].role) {
		case R_OFFERING:
			catalog_record_set_string(&o->key, v);
			break;
		case R_START:
			rc = catalog_record_offering_set_date(&o->start, v,
			    &reason);
			break;
		case R_END:
			rc = catalog_record_offering_set_date(&o->end, v,
			    &reason);
			break;
		case R_DURATION:
			rc = catalog_record_offering_set_duration(o, v,
			    &reason);
			break;
		case R_HOURS:
			h = strtol(v, &end, 10);
			if (*end != '\0' || h < 1 || h > 80) {
				reason = xasprintf("hours_per_week \"%s\" is "
				    "not a whole number from 1 to 80", v);
				rc = -1;
			} else
				o->hours_per_week = (int)h;
			break;
		case R_MODE:
			rc = catalog_record_offering_set_mode(o, v, &reason);
			break;
		case R_PLACE:
			catalog_record_set_string(&o->place, v);
			break;
		case R_COST:
			rc = catalog_record_offering_set_cost(o, v, &reason);
			break;
		case R_ILANG:
			rc = catalog_record_offering_set_lang(o, v, &reason);
			break;
		default:
			break;
		}
		/* Every offering value is optional: drop a bad one. */
		if (rc != 0) {
			if (csv_warn(s, fs, &fs[i], reason, cause) != 0)
				return -1;
			rc = 0;
		}
	}
	return 0;
}

static int
csv_parse_coord(const char *v, double *out)
{
	char *end;

	*out = strtod(v, &end);
	return *end == '\0' && end != v && isfinite(*out) ? 0 : -1;
}

static int
csv_entry_row(struct csv_state *s, const struct catalog_csv_field *fs,
    char **cause)
{
	const struct catalog_csv_field *idf = NULL, *latf = NULL, *lonf = NULL;
	char *reason = NULL, *tok, *save = NULL, *list;
	double lat = 0, lon = 0;
	size_t i;
	int entry_cols = 0, badgeo = 0, rc = 0;

	for (i = 0; i < s->ncols; i++) {
		if (s->cols[i].role == R_ID)
			idf = &fs[i];
		else if (s->cols[i].role < R_OFFERING && *fs[i].value)
			entry_cols = 1;
	}
	if (*idf->value == '\0')
		return csv_fail(s, idf, xstrdup("the id is empty"), cause);
	if (s->rec != NULL && strcmp(s->rec->key, idf->value) == 0) {
		if (entry_cols)
			return csv_fail(s, idf, xasprintf("entry %s continues "
			    "here: leave every column but id and the offering "
			    "columns empty", idf->value), cause);
		return csv_offering_cols(s, fs, cause);
	}
	if (csv_flush(s, cause) != 0)
		return -1;
	s->rec = catalog_record_new();
	s->rec_line = idf->line;
	if (catalog_record_set_key(s->rec, idf->value, &reason) != 0)
		return csv_fail(s, idf, reason, cause);
	for (i = 0; i < s->ncols && rc == 0; i++) {
		const char *v = fs[i].value;
		struct catalog_record *r = s->rec;

		if (*v == '\0' && s->cols[i].role != R_KIND &&
		    s->cols[i].role != R_PROVIDER &&
		    s->cols[i].role != R_THEMES)
			continue;
		switch (s->cols[i].role) {
		case R_KIND:
			rc = catalog_record_set_kind(r, v, &reason);
			break;
		case R_PROVIDER:
			if (*v == '\0') {
				reason = xstrdup("the provider is empty");
				rc = -1;
			} else
				catalog_record_set_string(&r->provider, v);
			break;
		case R_THEMES:
			if (*v == '\0') {
				reason = xstrdup("no theme given");
				rc = -1;
				break;
			}
			list = xstrdup(v);
			for (tok = strtok_r(list, ";", &save); tok != NULL &&
			    rc == 0; tok = strtok_r(NULL, ";", &save)) {
				tok += strspn(tok, " ");
				tok[strcspn(tok, " ")] = '\0';
				if (*tok == '\0')
					continue;
				if (!catalog_import_has_theme(s->imp, tok)) {
					reason = xasprintf("theme \"%s\" does "
					    "not exist (import a themes file "
					    "first)", tok);
					rc = -1;
				} else
					rc = catalog_record_add_theme(r, tok,
					    &reason);
			}
			free(list);
			break;
		case R_LEVEL:
			rc = catalog_record_set_level(r, v, &reason);
			break;
		case R_CITY:
			catalog_record_set_string(&r->city, v);
			break;
		case R_PROVINCE:
			catalog_record_set_string(&r->province, v);
			break;
		case R_LAT:
			latf = &fs[i];
			if (csv_parse_coord(v, &lat) != 0) {
				if (csv_warn(s, fs, &fs[i], xasprintf(
				    "lat \"%s\" is not a number", v),
				    cause) != 0)
					return -1;
				badgeo = 1;
			}
			break;
		case R_LON:
			lonf = &fs[i];
			if (csv_parse_coord(v, &lon) != 0) {
				if (csv_warn(s, fs, &fs[i], xasprintf(
				    "lon \"%s\" is not a number", v),
				    cause) != 0)
					return -1;
				badgeo = 1;
			}
			break;
		case R_CONTACT:
			catalog_record_set_string(&r->contact, v);
			break;
		case R_LINK:
			rc = catalog_record_set_link(r, v, &reason);
			break;
		case R_TEXT:
			rc = catalog_record_add_text(r, s->cols[i].field,
			    s->cols[i].lang, v, &reason);
			break;
		default:
			break;
		}
		if (rc != 0)
			return csv_fail(s, &fs[i], reason, cause);
	}
	/* The position is optional: a half or bad one is dropped whole. */
	if (!badgeo && (latf == NULL) != (lonf == NULL)) {
		if (csv_warn(s, fs, latf != NULL ? latf : lonf, xstrdup("give "
		    "both lat and lon, or neither"), cause) != 0)
			return -1;
	} else if (!badgeo && latf != NULL &&
	    catalog_record_set_geo(s->rec, lat, lon, &reason) != 0) {
		if (csv_warn(s, fs, latf, reason, cause) != 0)
			return -1;
	}
	return csv_offering_cols(s, fs, cause);
}

int
catalog_csvimport_read(struct catalog_import *imp, struct catalog_csv *csv,
    char **cause)
{
	struct csv_state s;
	const struct catalog_csv_field *fs;
	size_t n, i;
	int rc, themes_file = 0, header = 1, empty;

	memset(&s, 0, sizeof s);
	s.imp = imp;
	s.csv = csv;
	while ((rc = catalog_csv_next(csv, &fs, &n, cause)) == 1) {
		for (empty = 1, i = 0; i < n; i++)
			if (*fs[i].value != '\0')
				empty = 0;
		if (empty)
			continue;
		if (header) {
			header = 0;
			if (csv_read_header(&s, fs, n, &themes_file,
			    cause) != 0) {
				rc = -1;
				break;
			}
			continue;
		}
		if (n != s.ncols) {
			rc = csv_fail(&s, &fs[n < s.ncols ? n - 1 : s.ncols],
			    xasprintf("this row has %zu fields, the header "
			    "has %zu", n, s.ncols), cause);
			break;
		}
		if (themes_file)
			rc = csv_theme_row(&s, fs, cause);
		else
			rc = csv_entry_row(&s, fs, cause);
		if (rc != 0)
			break;
	}
	if (rc == 0 && header) {
		*cause = xasprintf("%s:1:1: the file is empty (a header row "
		    "is needed)", catalog_csv_name(csv));
		rc = -1;
	}
	if (rc == 0)
		rc = csv_flush(&s, cause);
	catalog_record_free(s.rec);
	free(s.cols);
	return rc == 0 ? 0 : -1;
}

int
catalog_csvimport_file(struct catalog_import *imp, const char *path,
    char **cause)
{
	struct catalog_csv *csv = catalog_csv_open(path, cause);
	int rc;

	if (csv == NULL)
		return -1;
	rc = catalog_csvimport_read(imp, csv, cause);
	catalog_csv_free(csv);
	return rc;
}

int
catalog_csvimport_sniff(const char *head, size_t n)
{
	size_t i;

	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0) {
		head += 3;
		n -= 3;
	}
	/*
	 * A header line of names and commas that names id or theme; a name
	 * may be quoted ("id") and have spaces around it, as spreadsheets
	 * write it.
	 */
	for (i = 0; i < n && head[i] != '\n' && head[i] != '\r'; i++)
		if (head[i] == '{' || head[i] == '<')
			return 0;
	n = i;
	for (i = 0; i < n;) {
		size_t b, e;

		while (i < n && (head[i] == ' ' || head[i] == '\t'))
			i++;
		b = i;
		while (i < n && head[i] != ',')
			i++;
		e = i++;
		while (e > b && (head[e - 1] == ' ' || head[e - 1] == '\t'))
			e--;
		if (e - b >= 2 && head[b] == '"' && head[e - 1] == '"') {
			b++;
			e--;
		}
		if ((e - b == 2 && memcmp(head + b, "id", 2) == 0) ||
		    (e - b == 5 && memcmp(head + b, "theme", 5) == 0))
			return 1;
	}
	return 0;
}
