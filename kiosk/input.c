/*
 * input: curses input decoded into kiosk actions (see input.h).
 *
 * curses waits ESCDELAY after an Escape for the rest of a sequence it
 * knows; when the bytes match none it hands out the Escape and leaves
 * the rest queued. So an Escape followed at once by "[" or "O" is the
 * start of an unknown sequence (or a touch report, decoded): it is read
 * to its final byte (0x40-0x7E, ECMA-48) and dropped. An Escape followed
 * by nothing is Home, and one followed by anything else (a key curses
 * knew, Escape then F2, or a character typed at once after it) is Home
 * and then that input.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "kiosk/input.h"

#define KIOSK_INPUT_SEQ_MAX 64	/* longest unknown sequence read */

void
kiosk_input_init(struct kiosk_input *in)
{
	memset(in, 0, sizeof *in);
}

void
kiosk_input_decode(int r, wint_t ch, struct kiosk_action *a)
{
	memset(a, 0, sizeof *a);
	a->is_key = r == KEY_CODE_YES;
	a->ch = ch;
	if (a->is_key) {
		switch (ch) {
		case KEY_RESIZE:	a->kind = KIOSK_ACT_RESIZE; break;
		case KEY_MOUSE:		a->kind = KIOSK_ACT_MOUSE; break;
		case KEY_BACKSPACE:	a->kind = KIOSK_ACT_BACK; break;
		case KEY_ENTER:		a->kind = KIOSK_ACT_ENTER; break;
		case KEY_BTAB:		a->kind = KIOSK_ACT_PREV; break;
		case KEY_UP:		a->kind = KIOSK_ACT_UP; break;
		case KEY_DOWN:		a->kind = KIOSK_ACT_DOWN; break;
		case KEY_LEFT:		a->kind = KIOSK_ACT_LEFT; break;
		case KEY_RIGHT:		a->kind = KIOSK_ACT_RIGHT; break;
		case KEY_PPAGE:		a->kind = KIOSK_ACT_PAGE_UP; break;
		case KEY_NPAGE:		a->kind = KIOSK_ACT_PAGE_DOWN; break;
		default:
			if (ch == KEY_F(1))
				a->kind = KIOSK_ACT_HELP;
			else if (ch == KEY_F(2))
				a->kind = KIOSK_ACT_LANGUAGE;
			else if (ch == KEY_F(3))
				a->kind = KIOSK_ACT_READ;
			else if (ch == KEY_F(12))
				a->kind = KIOSK_ACT_STAFF;
			else
				a->kind = KIOSK_ACT_KEY;
		}
		return;
	}
	switch (ch) {
	case 27:	a->kind = KIOSK_ACT_HOME; return;
	case 127:
	case 8:		a->kind = KIOSK_ACT_BACK; return;
	case '\r':
	case '\n':	a->kind = KIOSK_ACT_ENTER; return;
	case '\t':	a->kind = KIOSK_ACT_NEXT; return;
	case 3:		a->kind = KIOSK_ACT_INTERRUPT; return;
	}
	if (ch >= '0' && ch <= '9') {
		a->kind = KIOSK_ACT_CHOOSE;
		a->n = (int)(ch - '0');
	} else if (ch < 0x20 || (ch >= 0x7f && ch < 0xa0))
		a->kind = KIOSK_ACT_NONE;	/* C0, DEL, C1: dropped */
	else
		a->kind = KIOSK_ACT_CHAR;
}

/* get_wch, or the one result read ahead. */
static int
kiosk_input_get(struct kiosk_input *in, wint_t *ch)
{
	if (in->pending) {
		in->pending = 0;
		*ch = in->pending_ch;
		return in->pending_r;
	}
	return get_wch(ch);
}

int
kiosk_input_sgr(const char *s, struct kiosk_touch *t)
{
	long	 v[3];
	char	*end;
	int	 i;

	for (i = 0; i < 3; i++) {
		if (*s < '0' || *s > '9')
			return 0;
		v[i] = strtol(s, &end, 10);
		if (end - s > 5)
			return 0;
		s = end;
		if (i < 2 && *s++ != ';')
			return 0;
	}
	if ((*s != 'M' && *s != 'm') || s[1] != '\0')
		return 0;
	/* Button 1 with any of Shift, Meta, Control; no motion or wheel. */
	if ((v[0] & ~(4L | 8L | 16L)) != 0 || v[1] < 1 || v[2] < 1)
		return 0;
	t->x = (int)v[1] - 1;
	t->y = (int)v[2] - 1;
	t->press = *s == 'M';
	return 1;
}

/* Read the rest of a sequence after ESC and first (the byte after ESC:
 * "[" or "O"): parameters and intermediates up to the final byte. A
 * touch report is decoded into a; anything else is dropped. */
static void
kiosk_input_sequence(wint_t first, struct kiosk_action *a)
{
	char	 buf[KIOSK_INPUT_SEQ_MAX + 1];
	wint_t	 ch;
	size_t	 n = 0;
	int	 r;

	a->kind = KIOSK_ACT_NONE;
	a->ch = 27;
	/* The terminal writes a report at once; wait a little in case a
	 * slow line splits it. */
	timeout(50);
	while (n < KIOSK_INPUT_SEQ_MAX) {
		r = get_wch(&ch);
		if (r == ERR || r == KEY_CODE_YES) {
			n = 0;
			break;
		}
		buf[n++] = ch < 0x80 ? (char)ch : '?';
		if (ch >= 0x40 && ch <= 0x7e)
			break;
	}
	timeout(0);
	buf[n] = '\0';
	if (first == '[' && n > 1 && buf[0] == '<' &&
	    kiosk_input_sgr(buf + 1, &a->touch))
		a->kind = KIOSK_ACT_TOUCH;
}

int
kiosk_input_read(struct kiosk_input *in, int wait_ms,
    struct kiosk_action *a)
{
	wint_t	 ch, next;
	int	 r, r2;

	memset(a, 0, sizeof *a);
	if (!in->pending) {
		timeout(wait_ms);
		r = get_wch(&ch);
		timeout(0);
	} else
		r = kiosk_input_get(in, &ch);
	if (r == ERR)
		return 0;
	if (r == KEY_CODE_YES || ch != 27) {
		kiosk_input_decode(r, ch, a);
		return 1;
	}
	/* An Escape: alone, or the start of something curses did not
	 * know. What is already queued belongs to it. */
	timeout(0);
	r2 = get_wch(&next);
	if (r2 == ERR || r2 == KEY_CODE_YES ||
	    (next != '[' && next != 'O')) {
		if (r2 != ERR) {
			in->pending = 1;
			in->pending_r = r2;
			in->pending_ch = next;
		}
		kiosk_input_decode(OK, 27, a);
		return 1;
	}
	/* A touch, or an unknown sequence (dropped). */
	kiosk_input_sequence(next, a);
	return 1;
}
