/*
 * qr: encoding with libqrencode and drawing with half blocks (see qr.h).
 *
 * Ink is the glyph's foreground: "▀" inks the upper module, "▄" the lower
 * one. The QR role is black on white in the colour themes and reverse
 * video in mono, so ink is always the dark colour. Error correction level
 * M; level L when the text is too long for M in the space there is.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#ifdef HAVE_QRENCODE
#include <qrencode.h>
#endif

#include "catalog/xmalloc.h"
#include "kiosk/bidi.h"
#include "kiosk/lang.h"
#include "kiosk/qr.h"
#include "kiosk/ui.h"
#include "kiosk/width.h"

#define KIOSK_QR_MAX_TEXT 300	/* bytes; longer links are not encoded */
#define KIOSK_QR_MIN_TEXT_W 30	/* columns the text keeps beside it */

struct kiosk_qr {
	int		 width;		/* modules per side */
	unsigned char	*dark;		/* width * width, 1 = dark */
};

struct kiosk_qr *
kiosk_qr_new(const char *text)
{
#ifdef HAVE_QRENCODE
	struct kiosk_qr	*q;
	QRcode		*code;
	int		 i, n;

	if (text == NULL || *text == '\0' || strlen(text) > KIOSK_QR_MAX_TEXT)
		return NULL;
	code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (code == NULL)
		return NULL;
	q = xcalloc(1, sizeof *q);
	q->width = code->width;
	n = code->width * code->width;
	q->dark = xmalloc((size_t)n);
	for (i = 0; i < n; i++)
		q->dark[i] = code->data[i] & 1;
	QRcode_free(code);
	return q;
#else
	(void)text;
	return NULL;
#endif
}

void
kiosk_qr_free(struct kiosk_qr *q)
{
	if (q == NULL)
		return;
	free(q->dark);
	free(q);
}

int
kiosk_qr_modules(const struct kiosk_qr *q)
{
	return q->width;
}

int
kiosk_qr_dark(const struct kiosk_qr *q, int quiet, int row, int col)
{
	row -= quiet;
	col -= quiet;
	if (row < 0 || col < 0 || row >= q->width || col >= q->width)
		return 0;
	return q->dark[row * q->width + col];
}

void
kiosk_qr_size(const struct kiosk_qr *q, int quiet, int *cols, int *rows)
{
	*cols = q->width + 2 * quiet;
	*rows = (q->width + 2 * quiet + 1) / 2;
}

char *
kiosk_qr_row(const struct kiosk_qr *q, int quiet, int row)
{
	static const char *const cell[4] = {
		" ", "\xe2\x96\x80", "\xe2\x96\x84", "\xe2\x96\x88"
	};
	int	 cols, rows, c, top, bottom;
	char	*s, *p;

	kiosk_qr_size(q, quiet, &cols, &rows);
	p = s = xmalloc((size_t)cols * 3 + 1);
	for (c = 0; c < cols; c++) {
		top = kiosk_qr_dark(q, quiet, 2 * row, c);
		bottom = kiosk_qr_dark(q, quiet, 2 * row + 1, c);
		strcpy(p, cell[top | bottom << 1]);
		p += strlen(p);
	}
	*p = '\0';
	return s;
}

void
kiosk_qr_panel_init(struct kiosk_qr_panel *p, const char *link)
{
	memset(p, 0, sizeof *p);
	if (link == NULL || *link == '\0')
		return;
	p->link = kiosk_width_sanitize(link, 0);
	p->qr = kiosk_qr_new(link);
}

void
kiosk_qr_panel_done(struct kiosk_qr_panel *p)
{
	kiosk_qr_free(p->qr);
	free(p->link);
	memset(p, 0, sizeof *p);
}

/* Rows the wrapped text s takes in w columns. */
static int
kiosk_qr_text_rows(const char *s, int w)
{
	struct kiosk_width_line	*lines = NULL;
	size_t			 n = kiosk_width_wrap(s, w, &lines);

	free(lines);
	return (int)n;
}

/* The note shown instead of a code; the link in it reads left to right
 * (an isolate, bidi.h). */
static char *
kiosk_qr_note(struct kiosk_qr_panel *p)
{
	char *link = kiosk_bidi_isolate(p->link, KIOSK_BIDI_LTR), *s;

	if (p->qr == NULL)
		s = xasprintf(_("A QR code is not available on this "
		    "kiosk. The link: %s"), link);
	else
		s = xasprintf(_("The screen is too small for the QR code. The "
		    "link: %s"), link);
	free(link);
	return s;
}

void
kiosk_qr_panel_layout(struct kiosk_qr_panel *p, int y, int x, int h, int w,
    int *text_w, int *text_h)
{
	static const int quiets[] = { 4, 2 };
	char	*note;
	int	 i, cols, rows, link_rows, nrows;

	*text_w = w;
	*text_h = h;
	p->place = KIOSK_QR_NONE;
	if (p->link == NULL)
		return;
	for (i = 0; p->qr != NULL && i < 2; i++) {
		p->quiet = quiets[i];
		kiosk_qr_size(p->qr, p->quiet, &cols, &rows);
		p->code_cols = cols;
		p->code_rows = rows;
		/* Beside the text, the link under the code. */
		link_rows = kiosk_qr_text_rows(p->link, cols);
		if (w - cols - 2 >= KIOSK_QR_MIN_TEXT_W && rows <= h) {
			p->place = KIOSK_QR_SIDE;
			p->w = cols;
			/* The link under the code, after a blank row
			 * where there is room (the quiet zone sets the
			 * code off anyway). */
			p->gap = rows + 1 + link_rows <= h;
			p->h = rows + p->gap + link_rows <= h ? rows +
			    p->gap + link_rows : rows;
			p->x = x + w - cols;
			p->y = y;
			*text_w = w - cols - 2;
			return;
		}
		/* Under the text: the link beside the code, or below. */
		link_rows = w - cols - 2 >= 16 ? 0 :
		    kiosk_qr_text_rows(p->link, w) + 1;
		if (cols <= w && rows + link_rows + 6 <= h) {
			p->place = KIOSK_QR_BELOW;
			p->w = w;
			p->h = rows + link_rows;
			p->x = x;
			p->y = y + h - p->h;
			*text_h = h - p->h - 1;
			return;
		}
	}
	note = kiosk_qr_note(p);
	nrows = kiosk_qr_text_rows(note, w);
	free(note);
	if (nrows > 3)
		nrows = 3;
	if (h < nrows + 4)
		return;
	p->place = KIOSK_QR_NOTE;
	p->x = x;
	p->w = w;
	p->h = nrows;
	p->y = y + h - nrows;
	*text_h = h - nrows - 1;
}

/* Wrapped text of direction dir in the rectangle y,x,h,w (each line
 * whole for the isolates in it). */
static void
kiosk_qr_draw_text(const char *s, enum kiosk_bidi_dir dir, int y, int x,
    int h, int w, int attr)
{
	struct kiosk_width_line	*lines = NULL;
	size_t			 n = kiosk_width_wrap(s, w, &lines), i;
	char			*line;

	for (i = 0; i < n && (int)i < h; i++) {
		line = kiosk_bidi_line(s, lines[i].off, lines[i].len);
		kiosk_ui_para(y + (int)i, x, w, line, strlen(line), dir, attr);
		free(line);
	}
	free(lines);
}

void
kiosk_qr_panel_draw(struct kiosk_qr_panel *p)
{
	int	 attr = kiosk_ui_attr(KIOSK_ROLE_QR), text = kiosk_ui_attr(
	    KIOSK_ROLE_TEXT), r;
	char	*row, *note;

	switch (p->place) {
	case KIOSK_QR_NONE:
		return;
	case KIOSK_QR_NOTE:
		note = kiosk_qr_note(p);
		kiosk_qr_draw_text(note, KIOSK_BIDI_SCREEN, p->y, p->x, p->h,
		    p->w,
		    kiosk_ui_attr(KIOSK_ROLE_WARNING));
		free(note);
		return;
	case KIOSK_QR_SIDE:
	case KIOSK_QR_BELOW:
		break;
	}
	for (r = 0; r < p->code_rows; r++) {
		row = kiosk_qr_row(p->qr, p->quiet, r);
		kiosk_ui_cells(p->y + r, p->x, p->code_cols, row, attr);
		free(row);
	}
	if (p->place == KIOSK_QR_SIDE && p->h > p->code_rows)
		kiosk_qr_draw_text(p->link, KIOSK_BIDI_LTR,
		    p->y + p->code_rows + p->gap, p->x,
		    p->h - p->code_rows - p->gap, p->w, text);
	else if (p->place == KIOSK_QR_BELOW && p->h > p->code_rows)
		kiosk_qr_draw_text(p->link, KIOSK_BIDI_LTR,
		    p->y + p->code_rows + 1, p->x, p->h - p->code_rows - 1,
		    p->w, text);
	else if (p->place == KIOSK_QR_BELOW)
		kiosk_qr_draw_text(p->link, KIOSK_BIDI_LTR,
		    p->y + p->code_rows / 2, p->x + p->code_cols + 2,
		    p->code_rows / 2,
		    p->w - p->code_cols - 2, text);
}
