/*
 * field: a one-line text field: a label, the typed text (the end of it
 * when long, cut by grapheme cluster) and the cursor. The text lives in a
 * buffer the owner provides, so personal data can sit in locked memory
 * that the owner wipes; the field never copies it elsewhere.
 */
#ifndef KIOSK_FIELD_H
#define KIOSK_FIELD_H

#include <stddef.h>
#include <wchar.h>

struct kiosk_field {
	int	 y, x, h, w;
	char	*buf;		/* NUL-terminated UTF-8, owner's memory */
	size_t	 cap;		/* bytes of buf, NUL included */
	size_t	 len;
	char	*label;		/* sanitised copy */
	int	 mask;		/* show dots instead of the text */
	int	 label_w;	/* most columns of the label (0: a third
				 * of the field's width) */
};

void kiosk_field_init(struct kiosk_field *f, char *buf, size_t cap,
    const char *label);
void kiosk_field_done(struct kiosk_field *f);
/* Say the label anew (the interface language changed). */
void kiosk_field_set_label(struct kiosk_field *f, const char *label);
void kiosk_field_place(struct kiosk_field *f, int y, int x, int h, int w);
/* Draw; when focused, *cy,*cx get the cursor position. */
void kiosk_field_draw(struct kiosk_field *f, int focused, int *cy, int *cx);
/* Typing and Backspace: 1 when the text changed, 0 when the key is not
 * for the field (Backspace on an empty field is not). */
int kiosk_field_key(struct kiosk_field *f, int is_key, wint_t ch);
int kiosk_field_hit(struct kiosk_field *f, int y, int x);
/* Empty the field and wipe its buffer. */
void kiosk_field_clear(struct kiosk_field *f);

#endif
