/*
 * width: every display-width decision of the kiosk.
 *
 * Catalogue text is untrusted UTF-8. kiosk_width_sanitize() makes a copy
 * that is safe to hand to the terminal: invalid bytes become U+FFFD and
 * control characters (C0, DEL, C1, so every escape sequence loses its ESC)
 * and bidi override controls are dropped. The other functions measure,
 * cut and wrap sanitised text by grapheme cluster and terminal column, with
 * ICU break iterators, so a cut never splits "e" from its accent or an
 * emoji from its modifier.
 */
#ifndef KIOSK_WIDTH_H
#define KIOSK_WIDTH_H

#include <stddef.h>

#define KIOSK_WIDTH_KEEP_NL 0x1	/* keep line breaks (as "\n") */

struct kiosk_width_line {
	size_t	 off;		/* byte offset in the wrapped text */
	size_t	 len;		/* bytes, without trailing spaces */
	int	 cols;		/* columns of those bytes */
};

/* A new terminal-safe copy of s (NULL gives ""). */
char *kiosk_width_sanitize(const char *s, int flags);
/* Columns taken by len bytes of sanitised text. */
int kiosk_width_cols(const char *s, size_t len);
/* Bytes of the longest prefix of s[0..len) that fits in maxcols columns,
 * made of whole clusters; its width goes to *cols if not NULL. */
size_t kiosk_width_cut(const char *s, size_t len, int maxcols, int *cols);
/* Byte offset where the last grapheme cluster of s[0..len) starts. */
size_t kiosk_width_prev(const char *s, size_t len);
/* Word-wrap s into lines of at most maxcols columns (line break rules of
 * ICU, "\n" forces a break, over-long words are cut between clusters);
 * returns the number of lines, *lines is a new array. */
size_t kiosk_width_wrap(const char *s, int maxcols,
    struct kiosk_width_line **lines);
/* Release the cached ICU iterators (at exit). */
void kiosk_width_done(void);

#endif
