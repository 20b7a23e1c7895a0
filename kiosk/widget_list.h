/*
 * widget_list: the one list widget of the kiosk (tmux mode-tree.c idea).
 *
 * Every list on every screen is a kiosk_list: languages, themes, results,
 * the lines of an entry, the one choice of a warning. It draws an optional
 * lead text, one page of items and a pager row with large Previous/Next
 * buttons, and turns keys and clicks into focus moves, page turns and
 * choices. Items come from the owning screen through fetch(), one page at
 * a time, so a result list of thousands costs one page of memory.
 *
 * Styles: BLOCKS are numbered choices, each a block of at least three rows
 * across the width with a gap between (one row each at the staff desk);
 * a choice's number is its place in the list, the same on every page,
 * for the first nine (widget_list.c);
 * LINES are plain lines of text that page but cannot be chosen.
 * The anchor is the item kept in view when the layout changes.
 */
#ifndef KIOSK_WIDGET_LIST_H
#define KIOSK_WIDGET_LIST_H

#include <stddef.h>
#include <wchar.h>

#include "kiosk/picto.h"
#include "kiosk/ui.h"
#include "kiosk/width.h"

enum kiosk_list_style {
	KIOSK_LIST_BLOCKS,
	KIOSK_LIST_LINES
};

/* Click targets besides the item index on the page. */
#define KIOSK_LIST_PREV 100
#define KIOSK_LIST_NEXT 101

/* What a key or click did. */
enum kiosk_list_result {
	KIOSK_LIST_UNHANDLED,	/* not for the list (or focus leaves it) */
	KIOSK_LIST_HANDLED,
	KIOSK_LIST_CHOSEN	/* *chosen is the absolute item index */
};

#define KIOSK_LIST_ALTS 3

struct kiosk_list_item {
	char		*label;		/* sanitised UTF-8 */
	char		*detail;	/* second line or NULL */
	/* Shorter details, tried in turn when detail does not fit its
	 * rows (NULL: none); the last one is used when none fits. A list
	 * of offers keeps the price: shorter date, then no date, then
	 * the price alone. Read aloud says detail. */
	char		*detail_alt[KIOSK_LIST_ALTS];
	char		*mark;		/* e.g. language mark, or NULL */
	char		 lang[16];	/* language of the label, for the
					 * voice ("": the interface's) */
	int		 lang_inner;	/* lang is that of the isolated
					 * pieces in label (bidi.h) only */
	int		 cont;		/* LINES: the next line of the same
					 * paragraph: said as one text */
	enum kiosk_ui_role role;	/* LINES: role of the line */
	enum kiosk_bidi_dir dir;	/* of the label: SCREEN for interface
					 * text, else catalogue text's own */
	const struct kiosk_picto *picto; /* BLOCKS: a pictogram beside the
					 * label, or NULL (picto.h) */
	const char	*picto_say;	/* what it shows, read aloud (owned
					 * by the loaded pictograms) */
};

struct kiosk_list;
typedef void (*kiosk_list_fetch_cb)(struct kiosk_list *l, void *ctx);

struct kiosk_list {
	enum kiosk_list_style	 style;
	int			 desk;
	int			 y, x, h, w;

	char			*lead;		/* text above the items */
	enum kiosk_ui_role	 lead_role;

	/* fetch() fills items/n and total for [first, first + per_page). */
	kiosk_list_fetch_cb	 fetch;
	void			*ctx;
	struct kiosk_list_item	*items;
	size_t			 n;
	size_t			 total;
	size_t			 first;
	size_t			 per_page;
	size_t			 anchor;

	int			 focus;	/* -1, item on page, PREV, NEXT */

	/* Set by the owner: a grid of up to columns blocks a row, each at
	 * least col_min_w wide (0 or 1: one column); arrows: the pager
	 * shows "<<<" and ">>>", no words (the language screen). */
	int			 columns, col_min_w, arrows;
	/* Rows of a block in the desk layout (0: one), so a detail that
	 * does not fit beside the label wraps below it (the staff menu). */
	int			 desk_rows;

	/* Set by the owner: items have pictograms; blocks are made tall
	 * enough for the big form where the list has the room. */
	int			 pictos;

	/* Computed by layout. */
	struct kiosk_width_line	*lead_lines;
	size_t			 nlead;
	int			 block_h, gap, items_y, pager_y, pager_h;
	int			 big;
	int			 picto_rows;	/* form drawn: 0, 3 or 5 */
	int			 ncols;		/* grid columns in use */
	size_t			 cols_total;	/* total they were made for */
};

void kiosk_list_init(struct kiosk_list *l, enum kiosk_list_style style,
    kiosk_list_fetch_cb fetch, void *ctx);
void kiosk_list_done(struct kiosk_list *l);
/* Set the lead text (copied and sanitised; NULL for none). */
void kiosk_list_set_lead(struct kiosk_list *l, const char *text,
    enum kiosk_ui_role role);
/* Place the list in a rectangle, page to the anchor and fetch. */
void kiosk_list_layout(struct kiosk_list *l, int y, int x, int h, int w,
    int desk);
/* Fetch the page again (the data changed), keeping the place. */
void kiosk_list_reload(struct kiosk_list *l);
/* Back to the first page, no focus. */
void kiosk_list_rewind(struct kiosk_list *l);
/* Draw; *cy,*cx get the focused item's position (or are left alone). */
void kiosk_list_draw(struct kiosk_list *l, int *cy, int *cx);
/* Handle a key (is_key: a curses KEY_ code, else a character). */
enum kiosk_list_result kiosk_list_key(struct kiosk_list *l, int is_key,
    wint_t ch, size_t *chosen);
/* The target at y,x or -1. */
int kiosk_list_hit(struct kiosk_list *l, int y, int x);
/* Act on a target from kiosk_list_hit(). */
enum kiosk_list_result kiosk_list_click(struct kiosk_list *l, int target,
    size_t *chosen);
/* Focus: where 0 none, 1 the first target, 2 the last. */
void kiosk_list_focus(struct kiosk_list *l, int where);
/* The number of item i of the page (1..9), or 0 when it has none. */
size_t kiosk_list_number(struct kiosk_list *l, size_t i);
/* Free n items and their strings. */
void kiosk_list_items_free(struct kiosk_list_item *items, size_t n);
/* For a fetch over items held in memory: the list shows items[0..n)
 * from its first item on (total n). */
void kiosk_list_show(struct kiosk_list *l, struct kiosk_list_item *items,
    size_t n);
/* 1 when the list has a target that can take focus. */
int kiosk_list_focusable(struct kiosk_list *l);

#endif
