/*
 * width: sanitising, measuring, cutting and wrapping text (see width.h).
 *
 * Columns are counted as the terminal will draw them, not as a font
 * with emoji ligatures would: ncurses (and xterm) give every code point
 * its own width (East Asian Wide or Fullwidth, or an emoji with emoji
 * presentation: 2; a combining mark or format character, U+FE0F
 * included: 0; else 1) and a grapheme cluster takes their sum, so an
 * emoji with a skin tone takes 4 and the NL flag 2. Emoji joined by a
 * zero-width joiner (a family) are one picture only on some terminals
 * (tmux draws it 2 wide, ncurses counts 6), so sanitising drops such
 * joiners: every terminal then draws the emoji side by side, as counted.
 * Cuts fall between clusters only. The ICU iterators are opened once and
 * reused; they see the UTF-8 text through a UText, so every boundary is
 * a byte offset.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "catalog/xmalloc.h"
#include "kiosk/width.h"

static UBreakIterator *kiosk_width_char_bi;
static UBreakIterator *kiosk_width_line_bi;

/* A break iterator of the given type over s[0..len), or NULL. */
static UBreakIterator *
kiosk_width_iter(UBreakIteratorType type, UText *ut, const char *s,
    size_t len)
{
	UBreakIterator **slot;
	UErrorCode st = U_ZERO_ERROR;

	slot = type == UBRK_LINE ? &kiosk_width_line_bi :
	    &kiosk_width_char_bi;
	if (*slot == NULL) {
		*slot = ubrk_open(type, "", NULL, 0, &st);
		if (U_FAILURE(st)) {
			*slot = NULL;
			return NULL;
		}
	}
	utext_openUTF8(ut, s, (int64_t)len, &st);
	if (U_FAILURE(st))
		return NULL;
	ubrk_setUText(*slot, ut, &st);
	if (U_FAILURE(st)) {
		utext_close(ut);
		return NULL;
	}
	return *slot;
}

void
kiosk_width_done(void)
{
	if (kiosk_width_char_bi != NULL)
		ubrk_close(kiosk_width_char_bi);
	if (kiosk_width_line_bi != NULL)
		ubrk_close(kiosk_width_line_bi);
	kiosk_width_char_bi = kiosk_width_line_bi = NULL;
}

/* 1 when c must never reach the terminal. */
static int
kiosk_width_is_control(UChar32 c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
		return 1;
	/* Bidi embedding, override and isolate controls. */
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return 1;
	return 0;
}

char *
kiosk_width_sanitize(const char *s, int flags)
{
	int32_t	 i = 0, o = 0, len;
	UChar32	 c, pict = 0;
	uint8_t	*out;
	int	 keep_nl = flags & KIOSK_WIDTH_KEEP_NL;

	if (s == NULL)
		return xstrdup("");
	len = (int32_t)strnlen(s, INT32_MAX / 4);
	/* U+FFFD (3 bytes) replaces at most one byte each. */
	out = xmalloc((size_t)len * 3 + 1);
	while (i < len) {
		U8_NEXT(s, i, len, c);
		if (c < 0 || (c >= 0xfdd0 && c <= 0xfdef) ||
		    (c & 0xfffe) == 0xfffe)
			c = 0xfffd;
		if (c == '\r') {
			if (i < len && s[i] == '\n')
				continue;
			c = '\n';
		}
		if (c == 0x2028 || c == 0x2029 || c == 0x85)
			c = '\n';
		if (c == '\n')
			c = keep_nl ? '\n' : ' ';
		else if (c == '\t')
			c = ' ';
		else if (kiosk_width_is_control(c))
			continue;
		/* An emoji ZWJ sequence: keep its emoji, not the joiner. */
		if (c == 0x200d && pict)
			continue;
		if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC))
			pict = 1;
		else if (c != 0xfe0f &&
		    !u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER))
			pict = 0;
		U8_APPEND_UNSAFE(out, o, c);
	}
	out[o] = '\0';
	return (char *)out;
}

/* Columns of one code point on its own. */
static int
kiosk_width_cp(UChar32 c)
{
	int8_t	 type = u_charType(c);
	int	 ea;

	if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
	    type == U_FORMAT_CHAR || type == U_CONTROL_CHAR)
		return 0;
	if (c >= 0x1160 && c <= 0x11ff)	/* Hangul medial vowels, finals */
		return 0;
	/* Regional indicators: a flag is a pair, each 1 wide for wcwidth(). */
	if (u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR))
		return 1;
	ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
	if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH)
		return 2;
	if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION))
		return 2;
	return 1;
}

/* Columns of the cluster s[start..end): the sum of its code points'. */
static int
kiosk_width_cluster(const char *s, int32_t start, int32_t end)
{
	int32_t	 i = start;
	UChar32	 c;
	int	 w = 0;

	while (i < end) {
		U8_NEXT(s, i, end, c);
		w += kiosk_width_cp(c < 0 ? 0xfffd : c);
	}
	return w;
}

/* 1 when s[0..len) is all printable ASCII (one column a byte). */
static int
kiosk_width_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return 0;
	}
	return 1;
}

int
kiosk_width_cols(const char *s, size_t len)
{
	int cols = 0;

	kiosk_width_cut(s, len, INT32_MAX, &cols);
	return cols;
}

size_t
kiosk_width_cut(const char *s, size_t len, int maxcols, int *cols)
{
	UText		 ut = UTEXT_INITIALIZER;
	UBreakIterator	*bi;
	int32_t		 prev, next;
	int		 used = 0, w;

	if (maxcols < 0)
		maxcols = 0;
	if (kiosk_width_ascii(s, len)) {
		if (len > (size_t)maxcols)
			len = (size_t)maxcols;
		if (cols != NULL)
			*cols = (int)len;
		return len;
	}
	bi = kiosk_width_iter(UBRK_CHARACTER, &ut, s, len);
	if (bi == NULL) {
		if (cols != NULL)
			*cols = 0;
		return 0;
	}
	prev = ubrk_first(bi);
	while ((next = ubrk_next(bi)) != UBRK_DONE) {
		w = kiosk_width_cluster(s, prev, next);
		if (used + w > maxcols)
			break;
		used += w;
		prev = next;
	}
	utext_close(&ut);
	if (cols != NULL)
		*cols = used;
	return (size_t)prev;
}

size_t
kiosk_width_prev(const char *s, size_t len)
{
	UText		 ut = UTEXT_INITIALIZER;
	UBreakIterator	*bi;
	int32_t		 b;

	if (len == 0)
		return 0;
	if ((unsigned char)s[len - 1] < 0x80 &&
	    (len == 1 || (unsigned char)s[len - 2] < 0x80))
		return len - 1;
	bi = kiosk_width_iter(UBRK_CHARACTER, &ut, s, len);
	if (bi == NULL)
		return len - 1;
	b = ubrk_preceding(bi, (int32_t)len);
	utext_close(&ut);
	return b == UBRK_DONE ? 0 : (size_t)b;
}

/* Append one line to *lines. */
static void
kiosk_width_add(struct kiosk_width_line **lines, size_t *n, size_t *alloc,
    const char *s, size_t off, size_t len)
{
	while (len > 0 && s[off + len - 1] == ' ')
		len--;
	if (*n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 8;
		*lines = xreallocarray(*lines, *alloc, sizeof **lines);
	}
	(*lines)[*n].off = off;
	(*lines)[*n].len = len;
	(*lines)[*n].cols = kiosk_width_cols(s + off, len);
	(*n)++;
}

/* Columns of s[from..to) without trailing spaces. */
static int
kiosk_width_trimmed(const char *s, size_t from, size_t to)
{
	while (to > from && s[to - 1] == ' ')
		to--;
	return kiosk_width_cols(s + from, to - from);
}

/* 1 when s[0..len) holds needle. */
static int
kiosk_width_has(const char *s, size_t len, const char *needle)
{
	size_t nl = strlen(needle), i;

	for (i = 0; i + nl <= len; i++)
		if (memcmp(s + i, needle, nl) == 0)
			return 1;
	return 0;
}

/*
 * 1 when the line-break opportunity at b in s[ps..pe) must not be used:
 * phone numbers and amounts stay whole ("14 010", "+31 6 1234 5678",
 * "€ 975": a space between a digit or currency sign and a digit), and so
 * do e-mail addresses and links (a break inside a run of non-blanks
 * holding "@", "://" or "www.").
 */
static int
kiosk_width_keep(const char *s, size_t ps, size_t pe, size_t b)
{
	size_t	 ts, te;
	int	 before_digit;

	if (b <= ps || b >= pe)
		return 0;
	if (s[b - 1] == ' ') {
		if (b - 1 <= ps || !(s[b] >= '0' && s[b] <= '9'))
			return 0;
		before_digit = s[b - 2] >= '0' && s[b - 2] <= '9';
		/* € is E2 82 AC */
		if (!before_digit && b - 1 >= ps + 3 &&
		    memcmp(s + b - 4, "\xe2\x82\xac", 3) == 0)
			before_digit = 1;
		return before_digit;
	}
	for (ts = b; ts > ps && s[ts - 1] != ' '; ts--)
		;
	for (te = b; te < pe && s[te] != ' '; te++)
		;
	return memchr(s + ts, '@', te - ts) != NULL ||
	    kiosk_width_has(s + ts, te - ts, "://") ||
	    kiosk_width_has(s + ts, te - ts, "www.");
}

/* Wrap one paragraph s[ps..pe) (no "\n" inside). */
static void
kiosk_width_wrap_para(const char *s, size_t ps, size_t pe, int maxcols,
    struct kiosk_width_line **lines, size_t *n, size_t *alloc)
{
	UText		 ut = UTEXT_INITIALIZER;
	UBreakIterator	*bi;
	size_t		 start = ps, pos = ps, b, cut;
	int32_t		 r;

	bi = kiosk_width_iter(UBRK_LINE, &ut, s + ps, pe - ps);
	if (bi == NULL) {
		kiosk_width_add(lines, n, alloc, s, ps, pe - ps);
		return;
	}
	ubrk_first(bi);
	r = ubrk_next(bi);
	while (r != UBRK_DONE) {
		b = ps + (size_t)r;
		if (kiosk_width_keep(s, ps, pe, b)) {
			r = ubrk_next(bi);
			continue;
		}
		if (kiosk_width_trimmed(s, start, b) <= maxcols) {
			pos = b;
			r = ubrk_next(bi);
			continue;
		}
		if (pos > start) {
			/* The line ends at the previous opportunity. */
			kiosk_width_add(lines, n, alloc, s, start, pos - start);
			start = pos;
			continue;
		}
		/* One word wider than the line: cut it between clusters. */
		cut = kiosk_width_cut(s + start, b - start, maxcols, NULL);
		if (cut == 0)
			cut = kiosk_width_cut(s + start, b - start, 2, NULL);
		if (cut == 0)
			cut = b - start;
		kiosk_width_add(lines, n, alloc, s, start, cut);
		start = pos = start + cut;
	}
	utext_close(&ut);
	if (start < pe)
		kiosk_width_add(lines, n, alloc, s, start, pe - start);
}

size_t
kiosk_width_wrap(const char *s, int maxcols, struct kiosk_width_line **lines)
{
	size_t		 n = 0, alloc = 0, ps = 0, pe, len = strlen(s);
	const char	*nl;

	*lines = NULL;
	if (maxcols < 1)
		maxcols = 1;
	for (;;) {
		nl = memchr(s + ps, '\n', len - ps);
		pe = nl != NULL ? (size_t)(nl - s) : len;
		if (pe == ps)
			kiosk_width_add(lines, &n, &alloc, s, ps, 0);
		else
			kiosk_width_wrap_para(s, ps, pe, maxcols, lines, &n,
			    &alloc);
		if (nl == NULL)
			break;
		ps = pe + 1;
	}
	return n;
}
