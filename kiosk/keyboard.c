/*
 * keyboard: the on-screen keyboard (see keyboard.h).
 *
 * Layout: letters (or digits) in rows of C keys, then the other keys
 * (switches, Space, Erase, Clear, Show results) flowed into rows of the
 * same width, each as wide as its label needs and the row's spare
 * columns shared out. place() tries keys three, two and one rows high,
 * with a blank row between rows of keys or without, and for each from
 * about seven columns per key down to three; the first that fits wins.
 * Navigation is by geometry: Up and Down go to the key of the next row
 * nearest in column.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "catalog/fold.h"
#include "catalog/xmalloc.h"
#include "kiosk/geez.h"
#include "kiosk/keyboard.h"
#include "kiosk/lang.h"
#include "kiosk/ui.h"
#include "kiosk/width.h"

#define KIOSK_KEYBOARD_MAX_COLS 14	/* letter keys in a row */
#define KIOSK_KEYBOARD_KEY_W 7		/* preferred key width */
#define KIOSK_KEYBOARD_MAX_W 12		/* widest letter key */
#define KIOSK_KEYBOARD_GAP_X 1

/* A form's phone and e-mail fields: what the numbers and addresses are
 * written with, whatever the screen's language. */
static const char kiosk_keyboard_phone[] = "1 2 3 4 5 6 7 8 9 0 +";
static const char kiosk_keyboard_email[] =
    "a b c d e f g h i j k l m n o p q r s t u v w x y z @ . - _";
static const char kiosk_keyboard_email_digits[] =
    "0 1 2 3 4 5 6 7 8 9 @ . - _";

/* The ISO 15924 code of a letter layout. */
static const char *
kiosk_keyboard_iso(int script)
{
	switch (script) {
	case KIOSK_KEYBOARD_ARABIC:
		return "Arab";
	case KIOSK_KEYBOARD_CYRILLIC:
		return "Cyrl";
	case KIOSK_KEYBOARD_ETHIOPIC:
		return "Ethi";
	default:
		return "Latn";
	}
}

/* The interface language's row (kiosk/lang.c), English if none. */
static const struct kiosk_lang_info *
kiosk_keyboard_row(const char *lang)
{
	const struct kiosk_lang_info *r = kiosk_lang_find(lang);

	return r != NULL ? r : kiosk_lang_find("en");
}

/* "123" in the language's digits (the table's), for the digits key. */
static const char *
kiosk_keyboard_123(const char *lang)
{
	static char	 buf[16];
	const char	*d = kiosk_keyboard_row(lang)->digits;
	size_t		 len;

	/* "0 1 2 3 ...": the second to the fourth. */
	d += strcspn(d, " ");
	d += strspn(d, " ");
	buf[0] = '\0';
	while (*d != '\0' && strlen(buf) + 8 < sizeof buf &&
	    catalog_fold_letters(buf) < 3) {
		len = strcspn(d, " ");
		strncat(buf, d, len);
		d += len;
		d += strspn(d, " ");
	}
	return buf;
}

const char *
kiosk_keyboard_label(const struct kiosk_keyboard *kb, int script)
{
	switch (script) {
	case KIOSK_KEYBOARD_ARABIC:
		return "أبج";
	case KIOSK_KEYBOARD_CYRILLIC:
		return "абв";
	case KIOSK_KEYBOARD_ETHIOPIC:
		return "ሀለሐ";
	case KIOSK_KEYBOARD_DIGITS:
		if (kb->mode == KIOSK_KEYBOARD_EMAIL)
			return "123";
		return kiosk_keyboard_123(kb->lang);
	default:
		return "abc";
	}
}

/*
 * The letters of script for interface language lang, from the language
 * table: the language's own when it is written in that script (Turkish
 * and Polish letters, Farsi's), else those of the first language that is
 * (Dutch for Latin, Arabic, Tigrinya, Ukrainian). Digits: the language's.
 */
static const char *
kiosk_keyboard_letters(int script, const char *lang)
{
	const struct kiosk_lang_info	*r = kiosk_keyboard_row(lang);
	const char			*iso = kiosk_keyboard_iso(script);

	if (script == KIOSK_KEYBOARD_DIGITS)
		return r->digits;
	if (strcmp(r->script, iso) != 0)
		r = kiosk_lang_of_script(iso);
	return r != NULL ? r->letters : "";
}

static void
kiosk_keyboard_add(struct kiosk_keyboard *kb, enum kiosk_keyboard_kind kind,
    int script, const char *text, size_t len)
{
	struct kiosk_keyboard_key *k;

	if (kb->n >= KIOSK_KEYBOARD_KEYS)
		return;
	k = &kb->keys[kb->n++];
	memset(k, 0, sizeof *k);
	k->kind = kind;
	k->script = script;
	if (len >= sizeof k->text)
		len = sizeof k->text - 1;
	memcpy(k->text, text, len);
}

/* The keys of the current layout. */
static void
kiosk_keyboard_build(struct kiosk_keyboard *kb)
{
	const char	*p = kiosk_keyboard_letters(kb->script, kb->lang);
	char		 orders[KIOSK_GEEZ_FORMS][8];
	size_t		 len, i, n;
	int		 s;

	if (kb->mode == KIOSK_KEYBOARD_PHONE)
		p = kiosk_keyboard_phone;
	else if (kb->mode == KIOSK_KEYBOARD_EMAIL)
		p = kb->script == KIOSK_KEYBOARD_DIGITS ?
		    kiosk_keyboard_email_digits : kiosk_keyboard_email;

	kb->n = 0;
	/* Ge'ez, second step: the orders of the chosen consonant. */
	if (kb->script == KIOSK_KEYBOARD_ETHIOPIC && kb->pending[0] != '\0') {
		n = kiosk_geez_orders(kb->pending, orders);
		for (i = 0; i < n; i++)
			kiosk_keyboard_add(kb, KIOSK_KEY_LETTER, kb->script,
			    orders[i], strlen(orders[i]));
		p = "";
	}
	while (*p != '\0') {
		len = strcspn(p, " ");
		if (len > 0)
			kiosk_keyboard_add(kb, KIOSK_KEY_LETTER, kb->script, p,
			    len);
		p += len;
		p += strspn(p, " ");
	}
	for (s = 0; s < KIOSK_KEYBOARD_SCRIPTS; s++)
		if ((s != kb->script || kb->pending[0] != '\0') &&
		    (kb->mode == KIOSK_KEYBOARD_SEARCH ||
		    kb->mode == KIOSK_KEYBOARD_TEXT ||
		    (kb->mode == KIOSK_KEYBOARD_EMAIL &&
		    (s == KIOSK_KEYBOARD_LATIN || s == KIOSK_KEYBOARD_DIGITS))))
			kiosk_keyboard_add(kb, KIOSK_KEY_SWITCH, s, "", 0);
	if (kb->mode != KIOSK_KEYBOARD_EMAIL)
		kiosk_keyboard_add(kb, KIOSK_KEY_SPACE, kb->script, " ", 1);
	kiosk_keyboard_add(kb, KIOSK_KEY_ERASE, kb->script, "", 0);
	kiosk_keyboard_add(kb, KIOSK_KEY_CLEAR, kb->script, "", 0);
	kiosk_keyboard_add(kb, KIOSK_KEY_RESULTS, kb->script, "", 0);
}

void
kiosk_keyboard_init(struct kiosk_keyboard *kb, const char *lang)
{
	int s;

	memset(kb, 0, sizeof *kb);
	snprintf(kb->lang, sizeof kb->lang, "%s", lang != NULL ? lang : "");
	kb->lang[strcspn(kb->lang, "-_")] = '\0';
	/* The layout of the language's script (lang.c's table). */
	kb->script = KIOSK_KEYBOARD_LATIN;
	for (s = 0; s < KIOSK_KEYBOARD_DIGITS; s++)
		if (strcmp(kiosk_keyboard_row(kb->lang)->script,
		    kiosk_keyboard_iso(s)) == 0)
			kb->script = s;
	kb->focus = -1;
	kiosk_keyboard_build(kb);
}

void
kiosk_keyboard_set_mode(struct kiosk_keyboard *kb,
    enum kiosk_keyboard_mode mode)
{
	kb->mode = mode;
	kb->pending[0] = '\0';
	if (mode == KIOSK_KEYBOARD_PHONE)
		kb->script = KIOSK_KEYBOARD_DIGITS;
	else if (mode == KIOSK_KEYBOARD_EMAIL)
		kb->script = KIOSK_KEYBOARD_LATIN;
	kb->focus = -1;
	kiosk_keyboard_build(kb);
}

void
kiosk_keyboard_set_count(struct kiosk_keyboard *kb, int counted, size_t n,
    int capped)
{
	kb->counted = counted;
	kb->count = n;
	kb->capped = capped;
}

/* The label of a key other than a letter; for Show results with the
 * count (widest: with "1000+", for the layout). A new string. */
static char *
kiosk_keyboard_key_label(struct kiosk_keyboard *kb,
    const struct kiosk_keyboard_key *k, int widest)
{
	char num[32];

	switch (k->kind) {
	case KIOSK_KEY_LETTER:
		return xstrdup(k->text);
	case KIOSK_KEY_SWITCH:
		return xstrdup(kiosk_keyboard_label(kb, k->script));
	case KIOSK_KEY_SPACE:
		return xstrdup(_("Space"));
	case KIOSK_KEY_ERASE:
		return xstrdup(_("Erase"));
	case KIOSK_KEY_CLEAR:
		return xstrdup(_("Clear"));
	case KIOSK_KEY_RESULTS:
		if (kb->mode != KIOSK_KEYBOARD_SEARCH)
			return xstrdup(_("Done"));
		if (!widest && !kb->counted)
			return xstrdup(_("Show results"));
		if (widest)
			snprintf(num, sizeof num, "1000+");
		else
			snprintf(num, sizeof num, "%zu%s", kb->count,
			    kb->capped ? "+" : "");
		return xasprintf(_("Show results (%s)"), num);
	}
	return xstrdup("");
}

static int
kiosk_keyboard_is_rtl(int script)
{
	return script == KIOSK_KEYBOARD_ARABIC;
}

/*
 * Lay the keys out in C letter columns of kw columns each, rows kh high
 * with gy blank rows between, from y0,x0 (place: set each key's place).
 * Returns the number of rows of keys.
 */
static int
kiosk_keyboard_flow(struct kiosk_keyboard *kb, int C, int kw, int kh, int gy,
    int y0, int x0, int place)
{
	int	 width = C * kw + (C - 1) * KIOSK_KEYBOARD_GAP_X;
	int	 row = 0, col = 0, used = 0, rowfirst = -1, i, j, spare, each;
	int	 reverse = kiosk_keyboard_is_rtl(kb->script) != kiosk_ui_rtl();
	int	 kwid[KIOSK_KEYBOARD_KEYS];
	char	*label;
	size_t	 k;

	for (k = 0; k < kb->n; k++) {
		if (kb->keys[k].kind != KIOSK_KEY_LETTER) {
			label = kiosk_keyboard_key_label(kb, &kb->keys[k], 1);
			kwid[k] = kiosk_width_cols(label, strlen(label)) + 2;
			free(label);
			if (kwid[k] < kw)
				kwid[k] = kw;
			if (kwid[k] > width)
				kwid[k] = width;
		} else
			kwid[k] = kw;
	}
	/* Letters. */
	for (k = 0; k < kb->n && kb->keys[k].kind == KIOSK_KEY_LETTER; k++) {
		if (col == C) {
			col = 0;
			row++;
		}
		if (place) {
			kb->keys[k].row = row;
			kb->keys[k].w = kw;
			kb->keys[k].y = y0 + row * (kh + gy);
			kb->keys[k].x = x0 + (reverse ? C - 1 - col : col) *
			    (kw + KIOSK_KEYBOARD_GAP_X);
		}
		col++;
	}
	if (k > 0)
		row++;
	/* The other keys, flowed; spare columns shared out per row. */
	for (; k <= kb->n; k++) {
		if (k < kb->n && (rowfirst < 0 || used + KIOSK_KEYBOARD_GAP_X +
		    kwid[k] <= width)) {
			used += (rowfirst < 0 ? 0 : KIOSK_KEYBOARD_GAP_X) +
			    kwid[k];
			if (rowfirst < 0)
				rowfirst = (int)k;
			continue;
		}
		if (rowfirst < 0)
			break;
		if (place) {
			spare = width - used;
			each = spare / ((int)k - rowfirst);
			col = x0;
			for (i = rowfirst; i < (int)k; i++) {
				j = kwid[i] + each;
				if (i == (int)k - 1)
					j = x0 + width - col;
				kb->keys[i].row = row;
				kb->keys[i].w = j;
				kb->keys[i].y = y0 + row * (kh + gy);
				kb->keys[i].x = col;
				col += j + KIOSK_KEYBOARD_GAP_X;
			}
		}
		row++;
		rowfirst = -1;
		used = 0;
		if (k < kb->n)
			k--;	/* this key starts the next row */
	}
	return row;
}

static int
kiosk_keyboard_letter_count(struct kiosk_keyboard *kb)
{
	size_t k = 0;

	while (k < kb->n && kb->keys[k].kind == KIOSK_KEY_LETTER)
		k++;
	return (int)k;
}

/* The key width for C columns in w, or 0 when they do not fit. */
static int
kiosk_keyboard_key_w(int w, int C)
{
	int kw = (w - (C - 1) * KIOSK_KEYBOARD_GAP_X) / C;

	if (kw < 3)
		return 0;
	return kw > KIOSK_KEYBOARD_MAX_W ? KIOSK_KEYBOARD_MAX_W : kw;
}

/* Try to fit keys kh rows high with gy between in w by h; 1 and the
 * columns and key width when they do. */
static int
kiosk_keyboard_fit(struct kiosk_keyboard *kb, int w, int h, int kh, int gy,
    int *C_out, int *kw_out, int *h_out)
{
	int L = kiosk_keyboard_letter_count(kb);
	int C, Cmax, Cpref, kw, rows, need;

	Cmax = (w + KIOSK_KEYBOARD_GAP_X) / (3 + KIOSK_KEYBOARD_GAP_X);
	if (Cmax > KIOSK_KEYBOARD_MAX_COLS)
		Cmax = KIOSK_KEYBOARD_MAX_COLS;
	if (Cmax > L)
		Cmax = L;
	Cpref = (w + KIOSK_KEYBOARD_GAP_X) / (KIOSK_KEYBOARD_KEY_W +
	    KIOSK_KEYBOARD_GAP_X);
	if (Cpref > Cmax)
		Cpref = Cmax;
	if (Cpref < 1)
		Cpref = 1;
	/* Digits: two rows of five at every size, like a keypad, with
	 * keys as wide as they can be (at 40 columns seven, not three). */
	if (kb->script == KIOSK_KEYBOARD_DIGITS && Cmax >= 5)
		Cpref = Cmax = 5;
	for (C = Cpref; C <= Cmax; C++) {
		if ((kw = kiosk_keyboard_key_w(w, C)) == 0)
			break;
		rows = kiosk_keyboard_flow(kb, C, kw, kh, gy, 0, 0, 0);
		need = rows * kh + (rows - 1) * gy;
		if (need <= h) {
			*C_out = C;
			*kw_out = kw;
			*h_out = need;
			return 1;
		}
	}
	return 0;
}

int
kiosk_keyboard_height(struct kiosk_keyboard *kb, int w, int key_h)
{
	int C, kw, need;

	if (!kiosk_keyboard_fit(kb, w, 10000, key_h, 1, &C, &kw, &need))
		return -1;
	return need;
}

void
kiosk_keyboard_place(struct kiosk_keyboard *kb, int y, int x, int h, int w)
{
	int	 kh, gy, C = 1, kw = 3, need = 0, width, found = 0;

	kb->y = y;
	kb->x = x;
	kb->h = h;
	kb->w = w;
	for (kh = 3; kh >= 1 && !found; kh--)
		for (gy = 1; gy >= 0 && !found; gy--)
			if (kiosk_keyboard_fit(kb, w, h, kh, gy, &C, &kw,
			    &need)) {
				kb->key_h = kh;
				kb->gap_y = gy;
				found = 1;
			}
	if (!found) {
		/* Too small even for one-row keys: the most that fits. */
		kb->key_h = 1;
		kb->gap_y = 0;
		C = (w + KIOSK_KEYBOARD_GAP_X) / (3 + KIOSK_KEYBOARD_GAP_X);
		if (C < 1)
			C = 1;
		kw = (w - (C - 1) * KIOSK_KEYBOARD_GAP_X) / C;
		if (kw < 1)
			kw = 1;
	}
	width = C * kw + (C - 1) * KIOSK_KEYBOARD_GAP_X;
	kb->rows = kiosk_keyboard_flow(kb, C, kw, kb->key_h, kb->gap_y, y,
	    x + (w - width) / 2, 1);
	kb->used_h = kb->rows * kb->key_h + (kb->rows - 1) * kb->gap_y;
	if (kb->used_h > h)
		kb->used_h = h;
}

/* 1 when key k lies inside the keyboard's rectangle. */
static int
kiosk_keyboard_shown(struct kiosk_keyboard *kb, size_t k)
{
	return kb->keys[k].y + kb->key_h <= kb->y + kb->h;
}

void
kiosk_keyboard_draw(struct kiosk_keyboard *kb, int *cy, int *cx)
{
	struct kiosk_keyboard_key	*key;
	enum kiosk_ui_role		 role;
	char				*label;
	int				 attr, cols, mid, lx;
	size_t				 k;

	for (k = 0; k < kb->n; k++) {
		key = &kb->keys[k];
		if (!kiosk_keyboard_shown(kb, k))
			continue;
		role = (int)k == kb->focus ? KIOSK_ROLE_FOCUS :
		    KIOSK_ROLE_CHOICE;
		attr = kiosk_ui_attr(role) | A_BOLD;
		kiosk_ui_fill(key->y, key->x, kb->key_h, key->w, role);
		mid = key->y + (kb->key_h - 1) / 2;
		label = kiosk_keyboard_key_label(kb, key, 0);
		cols = kiosk_width_cols(label, strlen(label));
		lx = cols < key->w - 1 ? key->x + (key->w - cols) / 2 :
		    key->x + (key->w > 2);
		/* Focus shows by a marker too, not only by colour. */
		if ((int)k == kb->focus) {
			/* (A key too narrow for "> x" shows focus by its
			 * reverse colours and the cursor.) */
			if (lx > key->x + 1)
				kiosk_ui_str(mid, key->x, 1, ">", attr);
			*cy = mid;
			*cx = key->x;
		}
		kiosk_ui_str(mid, lx, key->w - (lx - key->x) - (key->w > 2),
		    label, attr);
		free(label);
	}
}

int
kiosk_keyboard_hit(struct kiosk_keyboard *kb, int y, int x)
{
	struct kiosk_keyboard_key	*key;
	size_t				 k;

	for (k = 0; k < kb->n; k++) {
		key = &kb->keys[k];
		if (kiosk_keyboard_shown(kb, k) && y >= key->y &&
		    y < key->y + kb->key_h && x >= key->x &&
		    x < key->x + key->w)
			return (int)k;
	}
	return -1;
}

enum kiosk_keyboard_action
kiosk_keyboard_press(struct kiosk_keyboard *kb, int k, const char **text)
{
	struct kiosk_keyboard_key	*key;
	char				 orders[8];
	size_t				 i;
	int				 first_switch = -1;

	kb->moved = 0;
	if (k < 0 || (size_t)k >= kb->n)
		return KIOSK_KEYBOARD_NONE;
	key = &kb->keys[k];
	switch (key->kind) {
	case KIOSK_KEY_LETTER:
		if (kb->script != KIOSK_KEYBOARD_ETHIOPIC) {
			*text = key->text;
			return KIOSK_KEYBOARD_TYPE;
		}
		if (kb->pending[0] == '\0' &&
		    kiosk_geez_is_consonant(key->text)) {
			/* First step: the consonant's orders come up,
			 * focus on the first. */
			snprintf(kb->pending, sizeof kb->pending, "%s",
			    key->text);
			kiosk_keyboard_build(kb);
			if (kb->focus >= 0)
				kb->focus = 0;
			kb->moved = 1;
			return KIOSK_KEYBOARD_SWITCHED;
		}
		/* Second step: type the syllable, back to the consonants
		 * with focus on the one just used. */
		snprintf(kb->typed, sizeof kb->typed, "%s", key->text);
		snprintf(orders, sizeof orders, "%s", kb->pending);
		kb->pending[0] = '\0';
		kiosk_keyboard_build(kb);
		for (i = 0; i < kb->n && kb->focus >= 0; i++)
			if (kb->keys[i].kind == KIOSK_KEY_LETTER &&
			    strcmp(kb->keys[i].text, orders) == 0)
				kb->focus = (int)i;
		kb->moved = 1;
		*text = kb->typed;
		return KIOSK_KEYBOARD_TYPE;
	case KIOSK_KEY_SPACE:
		*text = key->text;
		return KIOSK_KEYBOARD_TYPE;
	case KIOSK_KEY_ERASE:
		return KIOSK_KEYBOARD_ERASE;
	case KIOSK_KEY_CLEAR:
		return KIOSK_KEYBOARD_CLEAR;
	case KIOSK_KEY_RESULTS:
		return KIOSK_KEYBOARD_RESULTS;
	case KIOSK_KEY_SWITCH:
		kb->script = key->script;
		kb->pending[0] = '\0';
		kiosk_keyboard_build(kb);
		for (i = 0; i < kb->n && first_switch < 0; i++)
			if (kb->keys[i].kind == KIOSK_KEY_SWITCH)
				first_switch = (int)i;
		/* The keys moved: focus stays on the first switch key. */
		if (kb->focus >= 0)
			kb->focus = first_switch;
		return KIOSK_KEYBOARD_SWITCHED;
	}
	return KIOSK_KEYBOARD_NONE;
}

static int
kiosk_keyboard_mid(const struct kiosk_keyboard_key *key)
{
	return 2 * key->x + key->w;
}

/* The key in row nearest in column to key from, or -1. */
static int
kiosk_keyboard_in_row(struct kiosk_keyboard *kb, int row, int from)
{
	int	 best = -1, d, bestd = 0, m = kiosk_keyboard_mid(&kb->keys[from]);
	size_t	 k;

	for (k = 0; k < kb->n; k++) {
		if (kb->keys[k].row != row || !kiosk_keyboard_shown(kb, k))
			continue;
		d = abs(kiosk_keyboard_mid(&kb->keys[k]) - m);
		if (best < 0 || d < bestd) {
			best = (int)k;
			bestd = d;
		}
	}
	return best;
}

/* The next key to the right (dir 1) or left (-1) in layout columns,
 * going on to the next or previous row at the end of one. */
static int
kiosk_keyboard_side(struct kiosk_keyboard *kb, int from, int dir)
{
	const struct kiosk_keyboard_key *f = &kb->keys[from];
	int	 best = -1, row, d, bestd = 0;
	size_t	 k;

	for (k = 0; k < kb->n; k++) {
		if (kb->keys[k].row != f->row || (int)k == from)
			continue;
		d = (kb->keys[k].x - f->x) * dir;
		if (d > 0 && (best < 0 || d < bestd)) {
			best = (int)k;
			bestd = d;
		}
	}
	if (best >= 0)
		return best;
	/* Wrap: the far end of the next row that way. */
	row = f->row + dir;
	for (k = 0; k < kb->n; k++) {
		if (kb->keys[k].row != row || !kiosk_keyboard_shown(kb, k))
			continue;
		if (best < 0 || (kb->keys[k].x - kb->keys[best].x) * dir < 0)
			best = (int)k;
	}
	return best >= 0 ? best : from;
}

enum kiosk_keyboard_move
kiosk_keyboard_move(struct kiosk_keyboard *kb, int is_key, wint_t ch)
{
	int next;

	if (kb->focus < 0 || (size_t)kb->focus >= kb->n)
		return KIOSK_KEYBOARD_UNHANDLED;
	if (!is_key && ch == '\t') {
		if ((size_t)kb->focus + 1 >= kb->n ||
		    !kiosk_keyboard_shown(kb, (size_t)kb->focus + 1))
			return KIOSK_KEYBOARD_LEAVE_DOWN;
		kb->focus++;
		return KIOSK_KEYBOARD_MOVED;
	}
	if (!is_key)
		return KIOSK_KEYBOARD_UNHANDLED;
	switch (ch) {
	case KEY_BTAB:
		if (kb->focus == 0)
			return KIOSK_KEYBOARD_LEAVE_UP;
		kb->focus--;
		return KIOSK_KEYBOARD_MOVED;
	case KEY_UP:
		if (kb->keys[kb->focus].row == 0)
			return KIOSK_KEYBOARD_LEAVE_UP;
		next = kiosk_keyboard_in_row(kb, kb->keys[kb->focus].row - 1,
		    kb->focus);
		break;
	case KEY_DOWN:
		next = kiosk_keyboard_in_row(kb, kb->keys[kb->focus].row + 1,
		    kb->focus);
		if (next < 0)
			return KIOSK_KEYBOARD_LEAVE_DOWN;
		break;
	case KEY_LEFT:
	case KEY_RIGHT:
		next = kiosk_keyboard_side(kb, kb->focus, ch == KEY_RIGHT ?
		    1 : -1);
		break;
	default:
		return KIOSK_KEYBOARD_UNHANDLED;
	}
	if (next >= 0)
		kb->focus = next;
	return KIOSK_KEYBOARD_MOVED;
}

void
kiosk_keyboard_focus(struct kiosk_keyboard *kb, int where)
{
	size_t k;

	if (where == 0 || kb->n == 0) {
		kb->focus = -1;
		return;
	}
	if (where == 1) {
		kb->focus = 0;
		return;
	}
	for (k = kb->n; k-- > 0;)
		if (kiosk_keyboard_shown(kb, k)) {
			kb->focus = (int)k;
			return;
		}
	kb->focus = 0;
}

char *
kiosk_keyboard_spoken(struct kiosk_keyboard *kb, int k)
{
	const struct kiosk_keyboard_key *key;

	if (k < 0 || (size_t)k >= kb->n)
		return NULL;
	key = &kb->keys[k];
	if (key->kind == KIOSK_KEY_SWITCH) {
		switch (key->script) {
		case KIOSK_KEYBOARD_ARABIC:
			return xstrdup(_("Arabic letters"));
		case KIOSK_KEYBOARD_CYRILLIC:
			return xstrdup(_("Cyrillic letters"));
		case KIOSK_KEYBOARD_ETHIOPIC:
			return xstrdup(_("Ge'ez letters"));
		case KIOSK_KEYBOARD_DIGITS:
			return xstrdup(_("Digits"));
		default:
			return xstrdup(_("Latin letters"));
		}
	}
	return kiosk_keyboard_key_label(kb, key, 0);
}

int
kiosk_keyboard_repeats(const struct kiosk_keyboard *kb, int k)
{
	if (k < 0 || (size_t)k >= kb->n)
		return 0;
	/* A Ge'ez consonant changes the keys, like a layout key. */
	if (kb->keys[k].kind == KIOSK_KEY_LETTER &&
	    kb->script == KIOSK_KEYBOARD_ETHIOPIC && kb->pending[0] == '\0')
		return 0;
	return kb->keys[k].kind == KIOSK_KEY_LETTER ||
	    kb->keys[k].kind == KIOSK_KEY_SPACE ||
	    kb->keys[k].kind == KIOSK_KEY_ERASE;
}
