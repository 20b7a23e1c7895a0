/*
 * widget_list: layout, drawing and input of the generic list (see
 * widget_list.h).
 *
 * Layout, top to bottom: the lead text, a blank row, the items, a blank
 * row, the pager row (three rows high on large screens).
 *
 * Numbers belong to choices, not to places on the page: the first nine
 * choices of a list are numbered 1 to 9 on whatever page, at whatever
 * screen size, and the digit chooses that choice. A digit for a choice
 * on another page turns to that page and puts focus on it without
 * choosing it (nothing is chosen that the person has not seen or heard);
 * the digit again, or Enter, chooses it. Choices after the ninth have no
 * number (a number must be one key) and are chosen with the arrows and
 * Enter or by touch, as at the staff desk (--desk, up to 30 one-row
 * choices a page). The pager says "Page 2 of 5", or "2/5" where that
 * does not fit between the buttons.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "catalog/xmalloc.h"
#include "kiosk/bidi.h"
#include "kiosk/bigfont.h"
#include "kiosk/lang.h"
#include "kiosk/layout.h"
#include "kiosk/widget_list.h"

#define KIOSK_LIST_MAX_PAGE 9
#define KIOSK_LIST_NUMBERED 9	/* choices 1..9 have a number */
#define KIOSK_LIST_MAX_DESK 30
/* Lists with pictograms get blocks of their big form's height from this
 * many rows on (the home screen's list at 80x24 is 19 rows). */
#define KIOSK_LIST_PICTO_TALL_H 16

void
kiosk_list_init(struct kiosk_list *l, enum kiosk_list_style style,
    kiosk_list_fetch_cb fetch, void *ctx)
{
	memset(l, 0, sizeof *l);
	l->style = style;
	l->fetch = fetch;
	l->ctx = ctx;
	l->per_page = 1;
	l->focus = style == KIOSK_LIST_BLOCKS ? 0 : -1;
	l->lead_role = KIOSK_ROLE_TEXT;
}

void
kiosk_list_done(struct kiosk_list *l)
{
	free(l->lead);
	free(l->lead_lines);
	l->lead = NULL;
	l->lead_lines = NULL;
}

void
kiosk_list_set_lead(struct kiosk_list *l, const char *text,
    enum kiosk_ui_role role)
{
	free(l->lead);
	l->lead = text != NULL ? kiosk_width_sanitize(text,
	    KIOSK_WIDTH_KEEP_NL) : NULL;
	l->lead_role = role;
}

static int
kiosk_list_has_prev(struct kiosk_list *l)
{
	return l->first > 0;
}

static int
kiosk_list_has_next(struct kiosk_list *l)
{
	return l->first + l->per_page < l->total;
}

/* The focus targets in order; returns how many. */
static int
kiosk_list_targets(struct kiosk_list *l, int *t)
{
	int	 n = 0;
	size_t	 i;

	if (l->style == KIOSK_LIST_BLOCKS) {
		for (i = 0; i < l->n; i++)
			t[n++] = (int)i;
	}
	if (kiosk_list_has_prev(l))
		t[n++] = KIOSK_LIST_PREV;
	if (kiosk_list_has_next(l))
		t[n++] = KIOSK_LIST_NEXT;
	return n;
}

int
kiosk_list_focusable(struct kiosk_list *l)
{
	int t[KIOSK_LIST_MAX_DESK + 2];

	return kiosk_list_targets(l, t) > 0;
}

/* Keep focus on something that exists after the page changed. */
static void
kiosk_list_fix_focus(struct kiosk_list *l)
{
	int t[KIOSK_LIST_MAX_DESK + 2], n, i;

	if (l->focus < 0)
		return;
	n = kiosk_list_targets(l, t);
	for (i = 0; i < n; i++) {
		if (t[i] == l->focus)
			return;
	}
	if (l->focus < KIOSK_LIST_PREV && l->n > 0) {
		l->focus = (int)l->n - 1;
		return;
	}
	l->focus = n > 0 ? t[0] : -1;
}

static void
kiosk_list_fetch(struct kiosk_list *l)
{
	l->items = NULL;
	l->n = 0;
	l->fetch(l, l->ctx);
	if (l->first >= l->total && l->total > 0) {
		l->first = (l->total - 1) / l->per_page * l->per_page;
		l->fetch(l, l->ctx);
	}
	if (l->n > l->per_page)
		l->n = l->per_page;
	kiosk_list_fix_focus(l);
}

/*
 * A grid (l->columns > 1, short labels such as the languages): the fewest
 * columns that show every item on one page, or as many as fit (each at
 * least l->col_min_w wide) so there are as few pages as possible.
 */
static void
kiosk_list_columns(struct kiosk_list *l, int desk)
{
	int	 max, c, rows = (int)l->per_page;

	if (desk || l->columns < 2 || l->col_min_w < 1)
		return;
	max = (l->w + 2) / (l->col_min_w + 2);
	if (max > l->columns)
		max = l->columns;
	for (c = 1; c <= max; c++) {
		l->ncols = c;
		if ((size_t)(rows * c) >= l->total)
			break;
	}
	if (l->ncols < 1)
		l->ncols = 1;
	l->per_page = (size_t)(rows * l->ncols);
	if (l->per_page > KIOSK_LIST_MAX_DESK)
		l->per_page = KIOSK_LIST_MAX_DESK;
}

/* Columns before a block's text: marker, number (big font), gaps. */
#define KIOSK_LIST_TEXT_INDENT 10

void
kiosk_list_layout(struct kiosk_list *l, int y, int x, int h, int w,
    int desk)
{
	int	 max_lead, lead_h, avail, tall, pager_rows;
	size_t	 per_small = 0;

	l->y = y;
	l->x = x;
	l->h = h < 1 ? 1 : h;
	l->w = w < 1 ? 1 : w;
	/* One column of blocks: their text within about 80 columns on a
	 * wide screen (the number and its gap come before it). Lines are
	 * wrapped by their owner, to the width it gives. */
	if (l->style == KIOSK_LIST_BLOCKS && l->columns <= 1 &&
	    l->w > KIOSK_LAYOUT_TEXT_COLS + KIOSK_LIST_TEXT_INDENT)
		l->w = KIOSK_LAYOUT_TEXT_COLS + KIOSK_LIST_TEXT_INDENT;
	l->desk = desk;
	/* The pager has rows only when the list has more than one page
	 * (first measured without it); it is three rows high where the
	 * list is tall enough (its rows may cost a choice a page, never a
	 * page of its own). */
	tall = kiosk_layout_pager_h(l->h, desk) > 1;
	l->pager_h = 0;
measure:
	if (l->style == KIOSK_LIST_BLOCKS) {
		l->block_h = desk ? (l->desk_rows > 1 ? l->desk_rows : 1) :
		    (l->h >= 36 ? 5 : 3);
		/* Room for the big pictograms (80x24 and up). */
		if (l->pictos && !desk && l->h >= KIOSK_LIST_PICTO_TALL_H)
			l->block_h = KIOSK_PICTO_BIG_ROWS;
		l->gap = desk ? 0 : 1;
	} else {
		l->block_h = 1;
		l->gap = 0;
	}
	free(l->lead_lines);
	l->lead_lines = NULL;
	l->nlead = 0;
	if (l->lead != NULL && *l->lead != '\0')
		l->nlead = kiosk_width_wrap(l->lead, l->w, &l->lead_lines);
	pager_rows = l->pager_h > 0 ? l->pager_h + kiosk_layout_gap(l->h) :
	    0;
	max_lead = l->h - pager_rows - 1 - l->block_h;
	if (max_lead < 1)
		max_lead = l->h >= 4 ? 1 : 0;
	if (l->nlead > (size_t)max_lead)
		l->nlead = (size_t)max_lead;
	lead_h = l->nlead > 0 ? (int)l->nlead + 1 : 0;
	l->items_y = l->y + lead_h;
	/* A blank row above the pager, unless space is tight; none above
	 * a three-row pager (set off by its colour) when that row gives a
	 * page one more item (at 80x24 a row of themes, a result). */
	avail = l->h - lead_h - pager_rows;
	if (pager_rows > l->pager_h && l->pager_h > 1 &&
	    (l->style != KIOSK_LIST_BLOCKS || (avail + 1 + l->gap) /
	    (l->block_h + l->gap) > (avail + l->gap) / (l->block_h + l->gap)))
		avail++;
	if (avail < l->block_h)
		l->block_h = avail < 1 ? 1 : avail;
	if (avail < 1)
		avail = 1;
	l->ncols = 1;
	if (l->style == KIOSK_LIST_BLOCKS) {
		l->per_page = (size_t)((avail + l->gap) /
		    (l->block_h + l->gap));
		if (l->per_page > (desk ? KIOSK_LIST_MAX_DESK :
		    KIOSK_LIST_MAX_PAGE))
			l->per_page = desk ? KIOSK_LIST_MAX_DESK :
			    KIOSK_LIST_MAX_PAGE;
		kiosk_list_columns(l, desk);
	} else
		l->per_page = (size_t)avail;
	if (l->per_page < 1)
		l->per_page = 1;
	if (l->pager_h == 0) {
		per_small = l->per_page;
		if (l->total > per_small) {
			l->pager_h = tall ? 3 : 1;
			goto measure;
		}
	}
	l->pager_y = l->y + l->h - l->pager_h;
	l->big = l->style == KIOSK_LIST_BLOCKS && !desk && l->block_h >= 3 &&
	    (l->ncols > 1 ? (l->w - (l->ncols - 1) * 2) / l->ncols >= 16 :
	    l->w >= 24);
	l->picto_rows = l->pictos && l->big ? kiosk_picto_fit(l->block_h) :
	    0;
	l->first = l->anchor - l->anchor % l->per_page;
	if (l->focus >= 0 && l->focus < KIOSK_LIST_PREV)
		l->focus = (int)(l->anchor - l->first);
	kiosk_list_fetch(l);
	/* The grid's columns depend on how many items there are: once
	 * more when the fetch found another number. */
	if (l->columns > 1 && l->cols_total != l->total) {
		l->cols_total = l->total;
		kiosk_list_layout(l, y, x, h, w, desk);
		return;
	}
	/* So does the pager (the total was not known before the fetch). */
	if ((l->total > per_small) != (l->pager_h > 0))
		kiosk_list_layout(l, y, x, h, w, desk);
}

void
kiosk_list_reload(struct kiosk_list *l)
{
	kiosk_list_fetch(l);
}

void
kiosk_list_rewind(struct kiosk_list *l)
{
	l->first = l->anchor = 0;
	l->focus = l->style == KIOSK_LIST_BLOCKS ? 0 : -1;
}

/* Width of the pager buttons. */
static int
kiosk_list_button_w(struct kiosk_list *l)
{
	int bw = l->w / 3;

	return bw > 24 ? 24 : bw;
}

static void
kiosk_list_draw_button(struct kiosk_list *l, int x, int bw,
    const char *label, int focused, int *cy, int *cx)
{
	enum kiosk_ui_role	 role = focused ? KIOSK_ROLE_FOCUS :
	    KIOSK_ROLE_CHOICE;
	int			 attr = kiosk_ui_attr(role) | A_BOLD;
	int			 mid = l->pager_y + l->pager_h / 2, cols;

	kiosk_ui_fill(l->pager_y, x, l->pager_h, bw, role);
	if (focused)
		kiosk_ui_str(mid, x, 1, ">", attr);
	cols = kiosk_width_cols(label, strlen(label));
	kiosk_ui_str(mid, x + (cols < bw - 2 ? (bw - cols) / 2 : 1), bw - 2,
	    label, attr);
	if (focused) {
		*cy = mid;
		*cx = x;
	}
}

static void
kiosk_list_draw_pager(struct kiosk_list *l, int *cy, int *cx)
{
	char	*page;
	int	 bw = kiosk_list_button_w(l), cols, mid;
	size_t	 pages;

	if (l->total <= l->per_page)
		return;
	pages = (l->total + l->per_page - 1) / l->per_page;
	mid = l->pager_y + l->pager_h / 2;
	/* Arrows alone where the person may not read the language yet. */
	if (kiosk_list_has_prev(l))
		kiosk_list_draw_button(l, l->x, bw, l->arrows ? "<<<" :
		    _("< Previous"), l->focus == KIOSK_LIST_PREV, cy, cx);
	if (kiosk_list_has_next(l))
		kiosk_list_draw_button(l, l->x + l->w - bw, bw, l->arrows ?
		    ">>>" : _("Next >"), l->focus == KIOSK_LIST_NEXT, cy, cx);
	page = xasprintf(_("Page %zu of %zu"), l->first / l->per_page + 1,
	    pages);
	cols = kiosk_width_cols(page, strlen(page));
	if (cols > l->w - 2 * bw - 2) {
		/* Where the words do not fit (40 columns): "2/18". */
		free(page);
		/* TRANSLATORS: the page position where "Page 2 of 18" does
		 * not fit (40 columns), e.g. "2/18": as short as that. */
		page = xasprintf(_("%zu/%zu"), l->first / l->per_page + 1,
		    pages);
		cols = kiosk_width_cols(page, strlen(page));
	}
	if (cols <= l->w - 2 * bw - 2)
		kiosk_ui_str(mid, l->x + (l->w - cols) / 2, cols, page,
		    kiosk_ui_attr(KIOSK_ROLE_TEXT));
	free(page);
}

/* "[mark]" at y,x in at most maxw columns; the columns used. */
static int
kiosk_list_draw_mark(const char *mark, int y, int x, int maxw)
{
	int used = 0;

	used += kiosk_ui_str(y, x + used, maxw - used, "[",
	    kiosk_ui_attr(KIOSK_ROLE_MARKED));
	used += kiosk_ui_str(y, x + used, maxw - used - 1, mark,
	    kiosk_ui_attr(KIOSK_ROLE_MARKED));
	used += kiosk_ui_str(y, x + used, maxw - used, "]",
	    kiosk_ui_attr(KIOSK_ROLE_MARKED));
	return used;
}

/* The detail line (detail, the rest of it->detail, or NULL) and the mark
 * of a block, starting at x. */
static void
kiosk_list_draw_detail(struct kiosk_list_item *it, const char *detail,
    int y, int x, int maxw, int attr)
{
	int used = 0;

	if (detail != NULL)
		used = kiosk_ui_str(y, x, maxw, detail, attr);
	if (it->mark != NULL && used + 3 < maxw) {
		if (used > 0)
			used++;
		kiosk_list_draw_mark(it->mark, y, x + used, maxw - used);
	}
}

/* Where block i of the page sits: a column of blocks, or a grid of
 * l->ncols columns (row by row) with a blank column between them. */
static void
kiosk_list_block_rect(struct kiosk_list *l, size_t i, int *by, int *bx,
    int *bw)
{
	int cols = l->ncols > 1 ? l->ncols : 1;

	*by = l->items_y + (int)(i / (size_t)cols) * (l->block_h + l->gap);
	*bw = cols > 1 ? (l->w - (cols - 1) * 2) / cols : l->w;
	*bx = l->x + (int)(i % (size_t)cols) * (*bw + 2);
}

static void
kiosk_list_draw_block(struct kiosk_list *l, size_t i, int *cy, int *cx)
{
	struct kiosk_list_item	*it = &l->items[i];
	struct kiosk_width_line	*lines = NULL;
	int			 focused = l->focus == (int)i;
	enum kiosk_ui_role	 role = focused ? KIOSK_ROLE_FOCUS :
	    KIOSK_ROLE_CHOICE;
	int			 attr = kiosk_ui_attr(role);
	int			 by, bx, bw, mid;
	struct kiosk_width_line	*dlines = NULL;
	int			 tx, tw, nl, nd, rows, ty, r, has_detail;
	size_t			 nwrap, ndwrap, abs = l->first + i;
	char			 num[24], *line, *mark = NULL;
	const char		*detail;
	int			 a;

	kiosk_list_block_rect(l, i, &by, &bx, &bw);
	mid = by + (l->block_h - 1) / 2;
	kiosk_ui_fill(by, bx, l->block_h, bw, role);
	if (focused) {
		kiosk_ui_str(mid, bx, 1, ">", attr | A_BOLD);
		*cy = mid;
		*cx = bx;
	}
	/* The choice's own number (widget_list.c above); the text starts
	 * in the same column with or without one. */
	if (abs < KIOSK_LIST_NUMBERED)
		snprintf(num, sizeof num, "%zu", abs + 1);
	else
		num[0] = '\0';
	if (l->big) {
		if (num[0] != '\0')
			kiosk_bigfont_draw(by + (l->block_h -
			    KIOSK_BIGFONT_ROWS) / 2, bx + 2,
			    (unsigned)(abs + 1), attr | A_BOLD);
		tx = bx + 2 + kiosk_bigfont_width(1) + 2;
		/* The pictogram between the number and the label, in the
		 * label's colour: it carries nothing a colour would. */
		if (l->picto_rows > 0 && tx + kiosk_picto_width(
		    l->picto_rows) + 2 + 8 < bx + bw) {
			if (it->picto != NULL)
				kiosk_picto_draw(it->picto, l->picto_rows,
				    by + (l->block_h - l->picto_rows) / 2, tx,
				    attr);
			tx += kiosk_picto_width(l->picto_rows) + 2;
		}
	} else {
		kiosk_ui_str(mid, bx + 2, 3, num, attr | A_BOLD);
		tx = bx + 2 + 1 + 2;
	}
	tw = bx + bw - tx - 1;
	if (tw < 1)
		return;
	has_detail = it->detail != NULL || it->mark != NULL;
	if (l->block_h == 1) {
		/* The detail follows the label: the label keeps its place. */
		r = kiosk_width_cols(it->label, strlen(it->label));
		r = kiosk_ui_para(by, tx, r < tw ? r : tw, it->label,
		    strlen(it->label), it->dir, attr | A_BOLD);
		detail = it->detail;
		for (a = 0; detail != NULL && a < KIOSK_LIST_ALTS &&
		    it->detail_alt[a] != NULL && kiosk_width_cols(detail,
		    strlen(detail)) > tw - r - 3; a++)
			detail = it->detail_alt[a];
		if (has_detail && r + 4 < tw)
			kiosk_list_draw_detail(it, detail, by, tx + r + 3,
			    tw - r - 3, attr);
		return;
	}
	/* The mark of a text in another language follows its title when
	 * the title's last line leaves room ("Welding [in English]"), not
	 * the line below it. */
	nwrap = kiosk_width_wrap(it->label, tw, &lines);
	if (it->mark != NULL && nwrap > 0 && (size_t)l->block_h > nwrap &&
	    lines[nwrap - 1].cols + 3 + kiosk_width_cols(it->mark,
	    strlen(it->mark)) <= tw) {
		mark = it->mark;
		has_detail = it->detail != NULL;
	}
	rows = l->block_h - has_detail;
	if (rows < 1)
		rows = 1;
	nl = nwrap < (size_t)rows ? (int)nwrap : rows;
	/* The detail wraps into the rows the label leaves; a shorter one
	 * when it does not fit. */
	detail = it->detail;
	ndwrap = detail != NULL ? kiosk_width_wrap(detail, tw, &dlines) : 0;
	for (a = 0; detail != NULL && a < KIOSK_LIST_ALTS &&
	    it->detail_alt[a] != NULL && (int)ndwrap > l->block_h - nl; a++) {
		free(dlines);
		dlines = NULL;
		detail = it->detail_alt[a];
		ndwrap = kiosk_width_wrap(detail, tw, &dlines);
	}
	nd = has_detail ? 1 : 0;
	if ((int)ndwrap > nd)
		nd = (int)ndwrap < l->block_h - nl ? (int)ndwrap :
		    l->block_h - nl;
	ty = by + (l->block_h - nl - nd) / 2;
	if (ty < by)
		ty = by;
	/* The label (catalogue text: each line in its own direction, but
	 * in the screen's place, next to the number: an English title on
	 * an Arabic screen must not sit a screen's width from it). The
	 * last shown line takes the rest, cut with "…". */
	for (r = 0; r < nl; r++) {
		int last = r == nl - 1 && (size_t)nl < nwrap;

		kiosk_ui_para(ty + r, tx, last || lines[r].cols > tw ? tw :
		    lines[r].cols, it->label + lines[r].off, last ?
		    strlen(it->label + lines[r].off) : lines[r].len, it->dir,
		    attr | A_BOLD);
	}
	if (mark != NULL && nl == (int)nwrap) {
		kiosk_list_draw_mark(mark, ty + nl - 1, tx + lines[nl - 1].cols +
		    1, tw - lines[nl - 1].cols - 1);
		/* Drawn: not again after the detail. */
		it->mark = NULL;
	}
	/* Every detail row but the last, then the rest and the mark; each
	 * row whole for its isolates (bidi.h). */
	for (r = 0; r + 1 < nd; r++) {
		line = kiosk_bidi_line(detail, dlines[r].off,
		    dlines[r].len);
		kiosk_ui_str(ty + nl + r, tx, tw, line, attr);
		free(line);
	}
	if (has_detail && ty + nl + r < by + l->block_h) {
		line = detail == NULL ? NULL : r < (int)ndwrap ?
		    kiosk_bidi_line(detail, dlines[r].off,
		    strlen(detail + dlines[r].off)) : xstrdup("");
		kiosk_list_draw_detail(it, line, ty + nl + r, tx, tw, attr);
		free(line);
	}
	if (mark != NULL)
		it->mark = mark;
	free(lines);
	free(dlines);
}

static void
kiosk_list_draw_line(struct kiosk_list *l, size_t i)
{
	struct kiosk_list_item	*it = &l->items[i];
	int			 y = l->items_y + (int)i, used, attr;

	attr = kiosk_ui_attr(it->role);
	/* A line in its own direction, aligned to its start; with a mark
	 * after it, in the screen's place. */
	used = l->w;
	if (it->mark != NULL) {
		used = kiosk_width_cols(it->label, strlen(it->label));
		used = used < l->w ? used : l->w;
	}
	used = kiosk_ui_para(y, l->x, used, it->label, strlen(it->label),
	    it->dir, attr);
	if (it->mark != NULL && used + 4 < l->w) {
		used += used > 0;
		used += kiosk_ui_str(y, l->x + used, l->w - used, "[",
		    kiosk_ui_attr(KIOSK_ROLE_MARKED));
		used += kiosk_ui_str(y, l->x + used, l->w - used - 1, it->mark,
		    kiosk_ui_attr(KIOSK_ROLE_MARKED));
		kiosk_ui_str(y, l->x + used, l->w - used, "]",
		    kiosk_ui_attr(KIOSK_ROLE_MARKED));
	}
}

void
kiosk_list_draw(struct kiosk_list *l, int *cy, int *cx)
{
	size_t	 i;
	int	 attr = kiosk_ui_attr(l->lead_role);

	kiosk_ui_fill(l->y, l->x, l->h, l->w, KIOSK_ROLE_TEXT);
	for (i = 0; i < l->nlead; i++) {
		if (l->lead_role != KIOSK_ROLE_TEXT)
			kiosk_ui_fill(l->y + (int)i, l->x, 1, l->w,
			    l->lead_role);
		kiosk_ui_text(l->y + (int)i, l->x, l->w,
		    l->lead + l->lead_lines[i].off, l->lead_lines[i].len, attr);
	}
	for (i = 0; i < l->n; i++) {
		if (l->style == KIOSK_LIST_BLOCKS)
			kiosk_list_draw_block(l, i, cy, cx);
		else
			kiosk_list_draw_line(l, i);
	}
	kiosk_list_draw_pager(l, cy, cx);
}

/* Turn a page; dir is -1 or 1. */
static void
kiosk_list_page(struct kiosk_list *l, int dir)
{
	if (dir > 0 && kiosk_list_has_next(l))
		l->first += l->per_page;
	else if (dir < 0 && kiosk_list_has_prev(l))
		l->first -= l->first < l->per_page ? l->first : l->per_page;
	else
		return;
	l->anchor = l->first;
	if (l->focus >= 0 && l->focus < KIOSK_LIST_PREV)
		l->focus = 0;
	kiosk_list_fetch(l);
}

/* Move focus by dir through the targets; 0 when it would leave. */
static int
kiosk_list_move(struct kiosk_list *l, int dir)
{
	int t[KIOSK_LIST_MAX_DESK + 2], n, i, cur = -1;

	n = kiosk_list_targets(l, t);
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (t[i] == l->focus)
			cur = i;
	}
	if (cur < 0)
		cur = dir > 0 ? 0 : n - 1;
	else if (cur + dir < 0 || cur + dir >= n)
		return 0;
	else
		cur += dir;
	l->focus = t[cur];
	if (l->focus < KIOSK_LIST_PREV)
		l->anchor = l->first + (size_t)l->focus;
	return 1;
}

/* Digit k + 1: choose choice k when it is on the page, else turn to its
 * page and put focus on it (see the top of this file). */
static enum kiosk_list_result
kiosk_list_digit(struct kiosk_list *l, size_t k, size_t *chosen)
{
	if (k >= l->total || k >= KIOSK_LIST_NUMBERED)
		return KIOSK_LIST_HANDLED;
	if (k >= l->first && k < l->first + l->n)
		return kiosk_list_click(l, (int)(k - l->first), chosen);
	l->first = k - k % l->per_page;
	l->anchor = k;
	l->focus = (int)(k - l->first);
	kiosk_list_fetch(l);
	return KIOSK_LIST_HANDLED;
}

size_t
kiosk_list_number(struct kiosk_list *l, size_t i)
{
	return l->first + i < KIOSK_LIST_NUMBERED ? l->first + i + 1 : 0;
}

enum kiosk_list_result
kiosk_list_key(struct kiosk_list *l, int is_key, wint_t ch, size_t *chosen)
{
	if (!is_key && ch == '\t')
		return kiosk_list_move(l, 1) ? KIOSK_LIST_HANDLED :
		    KIOSK_LIST_UNHANDLED;
	if (!is_key && (ch == '\r' || ch == '\n'))
		return kiosk_list_click(l, l->focus, chosen);
	if (!is_key && ch >= '1' && ch <= '9' &&
	    l->style == KIOSK_LIST_BLOCKS)
		return kiosk_list_digit(l, (size_t)(ch - '1'), chosen);
	if (!is_key)
		return KIOSK_LIST_UNHANDLED;
	switch (ch) {
	case KEY_DOWN:
		return kiosk_list_move(l, 1) ? KIOSK_LIST_HANDLED :
		    KIOSK_LIST_UNHANDLED;
	case KEY_UP:
	case KEY_BTAB:
		return kiosk_list_move(l, -1) ? KIOSK_LIST_HANDLED :
		    KIOSK_LIST_UNHANDLED;
	case KEY_LEFT:
	case KEY_RIGHT:
		if (l->focus != KIOSK_LIST_PREV && l->focus != KIOSK_LIST_NEXT)
			return KIOSK_LIST_UNHANDLED;
		kiosk_list_move(l, ch == KEY_RIGHT ? 1 : -1);
		return KIOSK_LIST_HANDLED;
	case KEY_NPAGE:
		kiosk_list_page(l, 1);
		return KIOSK_LIST_HANDLED;
	case KEY_PPAGE:
		kiosk_list_page(l, -1);
		return KIOSK_LIST_HANDLED;
	case KEY_ENTER:
		return kiosk_list_click(l, l->focus, chosen);
	}
	return KIOSK_LIST_UNHANDLED;
}

int
kiosk_list_hit(struct kiosk_list *l, int y, int x)
{
	int	 by, bx, bw = kiosk_list_button_w(l);
	size_t	 i;

	if (x < l->x || x >= l->x + l->w)
		return -1;
	if (y >= l->pager_y && y < l->pager_y + l->pager_h &&
	    l->total > l->per_page) {
		if (x < l->x + bw && kiosk_list_has_prev(l))
			return KIOSK_LIST_PREV;
		if (x >= l->x + l->w - bw && kiosk_list_has_next(l))
			return KIOSK_LIST_NEXT;
		return -1;
	}
	if (l->style != KIOSK_LIST_BLOCKS)
		return -1;
	for (i = 0; i < l->n; i++) {
		kiosk_list_block_rect(l, i, &by, &bx, &bw);
		if (y >= by && y < by + l->block_h && x >= bx && x < bx + bw)
			return (int)i;
	}
	return -1;
}

enum kiosk_list_result
kiosk_list_click(struct kiosk_list *l, int target, size_t *chosen)
{
	if (target == KIOSK_LIST_PREV || target == KIOSK_LIST_NEXT) {
		l->focus = target;
		kiosk_list_page(l, target == KIOSK_LIST_NEXT ? 1 : -1);
		return KIOSK_LIST_HANDLED;
	}
	if (target < 0 || (size_t)target >= l->n ||
	    l->style != KIOSK_LIST_BLOCKS)
		return KIOSK_LIST_UNHANDLED;
	l->focus = target;
	l->anchor = l->first + (size_t)target;
	*chosen = l->anchor;
	return KIOSK_LIST_CHOSEN;
}

void
kiosk_list_focus(struct kiosk_list *l, int where)
{
	int t[KIOSK_LIST_MAX_DESK + 2], n;

	n = kiosk_list_targets(l, t);
	if (where == 0 || n == 0)
		l->focus = -1;
	else
		l->focus = where == 1 ? t[0] : t[n - 1];
	if (l->focus >= 0 && l->focus < KIOSK_LIST_PREV)
		l->anchor = l->first + (size_t)l->focus;
}

void
kiosk_list_show(struct kiosk_list *l, struct kiosk_list_item *items,
    size_t n)
{
	size_t first = l->first < n ? l->first : n;

	l->total = n;
	l->items = items + first;
	l->n = n - first;
}

void
kiosk_list_items_free(struct kiosk_list_item *items, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		free(items[i].label);
		free(items[i].detail);
		for (j = 0; j < KIOSK_LIST_ALTS; j++)
			free(items[i].detail_alt[j]);
		free(items[i].mark);
	}
	free(items);
}
