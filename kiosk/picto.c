/*
 * picto: pictograms from a designer's data file (see picto.h).
 *
 * Design note. The file is plain lines, not C, so a designer edits
 * pixels ('#', '.') at double vertical resolution: two pixel rows become
 * one terminal row of upper-half, lower-half and full blocks, which keeps
 * pixels square on a terminal whose cells are twice as tall as wide. Two
 * fixed sizes (10x10 and 6x6 pixels) keep the home screen's layout
 * independent of the designs. Every mistake is an error naming the file
 * and line: a kiosk must not show half a picture or read out nothing. The
 * say lines are per interface language (kiosk/lang.c's table) and are
 * required for each, so reading aloud always says what a picture shows.
 * The loaded set is one process-wide table, read once at start.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <unicode/utf8.h>

#include "catalog/xmalloc.h"
#include "kiosk/lang.h"
#include "kiosk/picto.h"
#include "kiosk/ui.h"

#ifndef LP_PKGDATADIR
#define LP_PKGDATADIR "/usr/share/leerpunt"
#endif

#define KIOSK_PICTO_MAX_LANGS	16
#define KIOSK_PICTO_MAX_KEY	32
#define KIOSK_PICTO_MAX_SAY	200

struct kiosk_picto {
	char	*key;
	size_t	 line;			/* of its "picto" line */
	char	*say[KIOSK_PICTO_MAX_LANGS];	/* by kiosk_lang_all() row */
	char	*big[KIOSK_PICTO_BIG_ROWS];
	char	*small[KIOSK_PICTO_SMALL_ROWS];
	int	 has_big, has_small;
};

struct kiosk_picto_set {
	struct kiosk_picto	*p;
	size_t			 n;
};

static struct kiosk_picto_set *kiosk_picto_set_loaded;

static void
kiosk_picto_free_one(struct kiosk_picto *p)
{
	size_t i;

	free(p->key);
	for (i = 0; i < KIOSK_PICTO_MAX_LANGS; i++)
		free(p->say[i]);
	for (i = 0; i < KIOSK_PICTO_BIG_ROWS; i++)
		free(p->big[i]);
	for (i = 0; i < KIOSK_PICTO_SMALL_ROWS; i++)
		free(p->small[i]);
}

void
kiosk_picto_set_free(struct kiosk_picto_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		kiosk_picto_free_one(&set->p[i]);
	free(set->p);
	free(set);
}

/* The index of a language in kiosk_lang_all(), or -1. */
static int
kiosk_picto_lang_index(const char *code, size_t len)
{
	const struct kiosk_lang_info	*all;
	size_t				 n, i;

	all = kiosk_lang_all(&n);
	for (i = 0; i < n && i < KIOSK_PICTO_MAX_LANGS; i++) {
		if (strlen(all[i].code) == len &&
		    memcmp(all[i].code, code, len) == 0)
			return (int)i;
	}
	return -1;
}

/* 1 when s[0..len) is UTF-8 without control characters. */
static int
kiosk_picto_text_ok(const char *s, size_t len)
{
	int32_t	 i = 0;
	UChar32	 c;

	while ((size_t)i < len) {
		U8_NEXT(s, i, (int32_t)len, c);
		if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 ||
		    c == 0x2029)
			return 0;
	}
	return 1;
}

/* One cell from two pixels. */
static const char *
kiosk_picto_cell(int top, int bottom)
{
	if (top && bottom)
		return "\u2588";
	if (top)
		return "\u2580";
	if (bottom)
		return "\u2584";
	return " ";
}

/* Turn 2 * nrows pixel rows of w pixels into nrows rows of cells. */
static void
kiosk_picto_cells(char px[][KIOSK_PICTO_BIG_W + 1], int nrows, int w,
    char **out)
{
	int	 r, c;
	size_t	 used;
	char	*row;

	for (r = 0; r < nrows; r++) {
		row = xmalloc((size_t)w * 3 + 1);
		used = 0;
		for (c = 0; c < w; c++) {
			const char *cell = kiosk_picto_cell(
			    px[2 * r][c] == '#', px[2 * r + 1][c] == '#');

			memcpy(row + used, cell, strlen(cell));
			used += strlen(cell);
		}
		row[used] = '\0';
		out[r] = row;
	}
}

/* The checks at the end of a design: both sizes, every language. */
static int
kiosk_picto_complete(const struct kiosk_picto *p, const char *name,
    char **cause)
{
	const struct kiosk_lang_info	*all;
	size_t				 n, i;

	if (!p->has_big || !p->has_small) {
		*cause = xasprintf("%s:%zu: pictogram \"%s\" has no %s form",
		    name, p->line, p->key, !p->has_big ? "big" : "small");
		return -1;
	}
	all = kiosk_lang_all(&n);
	for (i = 0; i < n && i < KIOSK_PICTO_MAX_LANGS; i++) {
		if (p->say[i] == NULL) {
			*cause = xasprintf("%s:%zu: pictogram \"%s\" has no "
			    "\"say %s\" line (what it shows, read aloud)",
			    name, p->line, p->key, all[i].code);
			return -1;
		}
	}
	return 0;
}

static int
kiosk_picto_key_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > KIOSK_PICTO_MAX_KEY)
		return 0;
	for (i = 0; i < len; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		    s[i] == '_'))
			return 0;
	}
	return 1;
}

struct kiosk_picto_set *
kiosk_picto_parse(const char *text, size_t len, const char *name,
    char **cause)
{
	struct kiosk_picto_set	*set = xcalloc(1, sizeof *set);
	struct kiosk_picto	*cur = NULL;
	char			 px[2 * KIOSK_PICTO_BIG_ROWS]
				    [KIOSK_PICTO_BIG_W + 1];
	const char		*line, *end, *nl, *arg;
	size_t			 lineno = 0, ll, i, cap = 0;
	int			 want = 0, got = 0, w = 0, li;

	*cause = NULL;
	for (line = text, end = text + len; line < end; line = nl + 1) {
		lineno++;
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			nl = end;
		ll = (size_t)(nl - line);
		if (ll > 0 && line[ll - 1] == '\r')
			ll--;
		if (want > 0) {
			/* A pixel row of the size being read. */
			for (i = 0; i < ll && (line[i] == '#' ||
			    line[i] == '.'); i++)
				;
			if (ll != (size_t)w || i < ll) {
				*cause = xasprintf("%s:%zu: a row of the %s "
				    "form of \"%s\" must be %d pixels, each "
				    "'#' or '.'", name, lineno, w ==
				    KIOSK_PICTO_BIG_W ? "big" : "small",
				    cur->key, w);
				goto fail;
			}
			memcpy(px[got], line, ll);
			px[got][ll] = '\0';
			if (++got == want) {
				if (w == KIOSK_PICTO_BIG_W) {
					kiosk_picto_cells(px,
					    KIOSK_PICTO_BIG_ROWS, w, cur->big);
					cur->has_big = 1;
				} else {
					kiosk_picto_cells(px,
					    KIOSK_PICTO_SMALL_ROWS, w,
					    cur->small);
					cur->has_small = 1;
				}
				want = 0;
			}
			continue;
		}
		if (ll == 0 || line[0] == '#')
			continue;
		if (ll >= 6 && memcmp(line, "picto ", 6) == 0) {
			if (cur != NULL &&
			    kiosk_picto_complete(cur, name, cause) != 0)
				goto fail;
			arg = line + 6;
			if (!kiosk_picto_key_ok(arg, ll - 6)) {
				*cause = xasprintf("%s:%zu: a pictogram's key "
				    "is one word of a-z, 0-9, - and _ (a "
				    "theme's key, search or near)", name,
				    lineno);
				goto fail;
			}
			for (i = 0; i < set->n; i++) {
				if (strlen(set->p[i].key) == ll - 6 &&
				    memcmp(set->p[i].key, arg, ll - 6) == 0) {
					*cause = xasprintf("%s:%zu: pictogram "
					    "\"%s\" is already drawn at line "
					    "%zu", name, lineno,
					    set->p[i].key, set->p[i].line);
					goto fail;
				}
			}
			if (set->n == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				set->p = xreallocarray(set->p, cap,
				    sizeof *set->p);
			}
			cur = &set->p[set->n++];
			memset(cur, 0, sizeof *cur);
			cur->key = xstrndup(arg, ll - 6);
			cur->line = lineno;
			continue;
		}
		if (cur == NULL) {
			*cause = xasprintf("%s:%zu: expected \"picto KEY\" "
			    "first", name, lineno);
			goto fail;
		}
		if (ll >= 4 && memcmp(line, "say ", 4) == 0) {
			arg = line + 4;
			i = strcspn(arg, " ");
			if (i >= ll - 4 || (li = kiosk_picto_lang_index(arg,
			    i)) < 0) {
				*cause = xasprintf("%s:%zu: expected \"say "
				    "LANG TEXT\" with LANG one of %s", name,
				    lineno, kiosk_lang_known());
				goto fail;
			}
			if (cur->say[li] != NULL) {
				*cause = xasprintf("%s:%zu: pictogram \"%s\" "
				    "already says what it shows in %.*s",
				    name, lineno, cur->key, (int)i, arg);
				goto fail;
			}
			arg += i + 1;
			if (ll - 4 - i - 1 == 0 || ll - 4 - i - 1 >
			    KIOSK_PICTO_MAX_SAY || !kiosk_picto_text_ok(arg,
			    ll - 4 - i - 1)) {
				*cause = xasprintf("%s:%zu: the text must be "
				    "1 to %d bytes of UTF-8 without control "
				    "characters", name, lineno,
				    KIOSK_PICTO_MAX_SAY);
				goto fail;
			}
			cur->say[li] = xstrndup(arg, ll - 4 - i - 1);
			continue;
		}
		if ((ll == 3 && memcmp(line, "big", 3) == 0) ||
		    (ll == 5 && memcmp(line, "small", 5) == 0)) {
			int big = ll == 3;

			if (big ? cur->has_big : cur->has_small) {
				*cause = xasprintf("%s:%zu: pictogram \"%s\" "
				    "already has a %s form", name, lineno,
				    cur->key, big ? "big" : "small");
				goto fail;
			}
			w = big ? KIOSK_PICTO_BIG_W : KIOSK_PICTO_SMALL_W;
			want = 2 * (big ? KIOSK_PICTO_BIG_ROWS :
			    KIOSK_PICTO_SMALL_ROWS);
			got = 0;
			continue;
		}
		*cause = xasprintf("%s:%zu: expected picto, say, big or small "
		    "(or # for a comment)", name, lineno);
		goto fail;
	}
	if (want > 0) {
		*cause = xasprintf("%s:%zu: the %s form of \"%s\" has %d of "
		    "its %d rows", name, lineno, w == KIOSK_PICTO_BIG_W ?
		    "big" : "small", cur->key, got, want);
		goto fail;
	}
	if (cur != NULL && kiosk_picto_complete(cur, name, cause) != 0)
		goto fail;
	if (set->n == 0) {
		*cause = xasprintf("%s: no pictograms", name);
		goto fail;
	}
	return set;
fail:
	/* A half-read form has rows in no pointer yet: nothing to free. */
	kiosk_picto_set_free(set);
	return NULL;
}

size_t
kiosk_picto_count(const struct kiosk_picto_set *set)
{
	return set != NULL ? set->n : 0;
}

const char *
kiosk_picto_key(const struct kiosk_picto_set *set, size_t i)
{
	return set != NULL && i < set->n ? set->p[i].key : NULL;
}

/* Read all of path; NULL and errno when it cannot. */
static char *
kiosk_picto_slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 cap = 0, n = 0, r;
	int	 e;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (cap - n < 4096) {
			if (cap > (size_t)1 << 24) {
				fclose(f);
				free(buf);
				errno = EFBIG;
				return NULL;
			}
			cap = cap == 0 ? 8192 : cap * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	e = ferror(f);
	fclose(f);
	if (e) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	*len = n;
	return buf;
}

int
kiosk_picto_load(char **cause)
{
	struct kiosk_picto_set	*set;
	const char		*dir = getenv("LEERPUNT_DATADIR");
	char			*path, *text;
	size_t			 len = 0;

	if (dir == NULL || *dir == '\0')
		dir = LP_PKGDATADIR;
	path = xasprintf("%s/%s", dir, KIOSK_PICTO_FILE);
	if ((text = kiosk_picto_slurp(path, &len)) == NULL) {
		if (errno != ENOENT) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			free(path);
			return -1;
		}
		free(path);
		set = kiosk_picto_parse((const char *)kiosk_picto_std_txt,
		    kiosk_picto_std_txt_len, "(built-in) " KIOSK_PICTO_FILE,
		    cause);
	} else {
		set = kiosk_picto_parse(text, len, path, cause);
		free(text);
		free(path);
	}
	if (set == NULL)
		return -1;
	kiosk_picto_set_free(kiosk_picto_set_loaded);
	kiosk_picto_set_loaded = set;
	return 0;
}

const struct kiosk_picto_set *
kiosk_picto_loaded(void)
{
	char *cause = NULL;

	if (kiosk_picto_set_loaded == NULL) {
		kiosk_picto_set_loaded = kiosk_picto_parse(
		    (const char *)kiosk_picto_std_txt,
		    kiosk_picto_std_txt_len, KIOSK_PICTO_FILE, &cause);
		/* The build checks the built-in file (test_picto). */
		free(cause);
	}
	return kiosk_picto_set_loaded;
}

void
kiosk_picto_unload(void)
{
	kiosk_picto_set_free(kiosk_picto_set_loaded);
	kiosk_picto_set_loaded = NULL;
}

const struct kiosk_picto *
kiosk_picto_find(const struct kiosk_picto_set *set, const char *key)
{
	size_t i;

	if (set == NULL)
		set = kiosk_picto_loaded();
	if (set == NULL || key == NULL)
		return NULL;
	for (i = 0; i < set->n; i++) {
		if (strcmp(set->p[i].key, key) == 0)
			return &set->p[i];
	}
	return NULL;
}

const char *
kiosk_picto_say(const struct kiosk_picto *p, const char *lang)
{
	const struct kiosk_lang_info	*info = kiosk_lang_find(lang);
	int				 i = -1;

	if (info != NULL)
		i = kiosk_picto_lang_index(info->code, strlen(info->code));
	if (i < 0 || p->say[i] == NULL)
		i = kiosk_picto_lang_index("en", 2);
	return i >= 0 ? p->say[i] : NULL;
}

const char *
kiosk_picto_row(const struct kiosk_picto *p, int rows, int r)
{
	if (r < 0)
		return NULL;
	if (rows == KIOSK_PICTO_BIG_ROWS && r < rows)
		return p->big[r];
	if (rows == KIOSK_PICTO_SMALL_ROWS && r < rows)
		return p->small[r];
	return NULL;
}

int
kiosk_picto_width(int rows)
{
	if (rows == KIOSK_PICTO_BIG_ROWS)
		return KIOSK_PICTO_BIG_W;
	if (rows == KIOSK_PICTO_SMALL_ROWS)
		return KIOSK_PICTO_SMALL_W;
	return 0;
}

int
kiosk_picto_fit(int rows)
{
	if (rows >= KIOSK_PICTO_BIG_ROWS)
		return KIOSK_PICTO_BIG_ROWS;
	if (rows >= KIOSK_PICTO_SMALL_ROWS)
		return KIOSK_PICTO_SMALL_ROWS;
	return 0;
}

int
kiosk_picto_draw(const struct kiosk_picto *p, int rows, int y, int x,
    int attr)
{
	int w = kiosk_picto_width(rows), r;

	if (w == 0)
		return 0;
	for (r = 0; r < rows; r++)
		kiosk_ui_cells(y + r, x, w, kiosk_picto_row(p, rows, r), attr);
	return w;
}
