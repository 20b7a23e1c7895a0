/*
 * button: one wide button outside a list, such as "0 Show all now" above
 * the questions or "0 Choices" above a result list. It is drawn like a
 * list block (a number, a label, a focus marker) so a person sees one kind
 * of choice everywhere; the owning screen decides what it does.
 */
#ifndef KIOSK_BUTTON_H
#define KIOSK_BUTTON_H

struct kiosk_button {
	int	 y, x, h, w;
	char	 key;		/* digit shown and pressed, or 0 for none */
	char	*label;		/* sanitised */
};

void kiosk_button_init(struct kiosk_button *b, char key);
void kiosk_button_done(struct kiosk_button *b);
/* Replace the label (copied and sanitised). */
void kiosk_button_set(struct kiosk_button *b, const char *label);
void kiosk_button_place(struct kiosk_button *b, int y, int x, int h, int w);
/* Draw; when focused *cy,*cx get its position. */
void kiosk_button_draw(struct kiosk_button *b, int focused, int *cy,
    int *cx);
/* 1 when y,x is on the button. */
int kiosk_button_hit(struct kiosk_button *b, int y, int x);

#endif
