/*
 * qr: "take it with you": a QR code of an entry's link (or contact) on
 * the detail screen, drawn with half blocks: each character cell holds
 * two modules, one above the other (" ", "▀", "▄", "█"), dark ink on
 * light paper in every theme (role QR), with a light quiet zone of four
 * modules when there is room and two at least. The link is written as
 * text under the code beside the text (after a blank row where there is
 * room: at 80x24 there is not), or beside the code under the text on
 * narrow screens. When the code does
 * not fit, or libqrencode is not built in, the panel says so in words and
 * shows the link.
 */
#ifndef KIOSK_QR_H
#define KIOSK_QR_H

struct kiosk_qr;

enum kiosk_qr_place {
	KIOSK_QR_NONE,		/* nothing to take along */
	KIOSK_QR_SIDE,		/* right of the text */
	KIOSK_QR_BELOW,		/* under the text */
	KIOSK_QR_NOTE		/* a note and the link only */
};

struct kiosk_qr_panel {
	struct kiosk_qr		*qr;		/* NULL: not available */
	char			*link;		/* sanitised, or NULL */
	enum kiosk_qr_place	 place;
	int			 quiet;		/* modules of quiet zone */
	int			 y, x, h, w;	/* the panel */
	int			 code_cols, code_rows;
	int			 gap;		/* SIDE: a blank row between the
						 * code and the link */
};

/* Encode text (NULL when libqrencode is missing or it is too long). */
struct kiosk_qr *kiosk_qr_new(const char *text);
void kiosk_qr_free(struct kiosk_qr *q);
/* Modules per side, without the quiet zone. */
int kiosk_qr_modules(const struct kiosk_qr *q);
/* 1 when the module at row, col (inside the quiet zone too) is dark. */
int kiosk_qr_dark(const struct kiosk_qr *q, int quiet, int row, int col);
/* Columns and rows of the code with a quiet zone of quiet modules. */
void kiosk_qr_size(const struct kiosk_qr *q, int quiet, int *cols,
    int *rows);
/* One row (0-based) of half blocks, a new string. */
char *kiosk_qr_row(const struct kiosk_qr *q, int quiet, int row);

/* The panel of a detail screen for link (may be NULL). */
void kiosk_qr_panel_init(struct kiosk_qr_panel *p, const char *link);
void kiosk_qr_panel_done(struct kiosk_qr_panel *p);
/* Place the panel in the body y,x,h,w; *text_w and *text_h get what is
 * left for the text, which keeps the top left corner. */
void kiosk_qr_panel_layout(struct kiosk_qr_panel *p, int y, int x, int h,
    int w, int *text_w, int *text_h);
void kiosk_qr_panel_draw(struct kiosk_qr_panel *p);

#endif
