/*
 * fold: text normalisation for search (see fold.h).
 *
 * Per call the UTF-8 input is decoded once into UTF-16 with a table of
 * byte offsets (invalid sequences become U+FFFD), ICU's word break
 * iterator finds the words, and each word is folded: NFD, drop
 * non-spacing marks and the Arabic tatweel, NFKC case fold, and map the
 * Turkish dotless i to i (people type "i" on keyboards without it). The
 * buffers and the iterator live in the folder and are reused.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "catalog/fold.h"
#include "catalog/xmalloc.h"

#define FOLD_MAX_WORD 256	/* UTF-16 units; longer words are cut */

struct catalog_fold {
	UBreakIterator	*brk;
	const UNormalizer2 *nfd;
	const UNormalizer2 *nfkc_cf;
	UChar		*text;		/* decoded input */
	size_t		*offs;		/* byte offset of each UTF-16 unit */
	size_t		 cap;
	UChar		 a[FOLD_MAX_WORD * 4], b[FOLD_MAX_WORD * 4];
	char		 out[FOLD_MAX_WORD * 12];
};

struct catalog_fold *
catalog_fold_new(void)
{
	struct catalog_fold *f = xcalloc(1, sizeof *f);
	UErrorCode ec = U_ZERO_ERROR;

	f->brk = ubrk_open(UBRK_WORD, "", NULL, 0, &ec);
	f->nfd = unorm2_getNFDInstance(&ec);
	f->nfkc_cf = unorm2_getNFKCCasefoldInstance(&ec);
	if (U_FAILURE(ec)) {
		/* ICU data missing: nothing can be searched. */
		fprintf(stderr, "leerpunt: ICU is not usable: %s\n",
		    u_errorName(ec));
		abort();
	}
	return f;
}

void
catalog_fold_free(struct catalog_fold *f)
{
	if (f == NULL)
		return;
	ubrk_close(f->brk);
	free(f->text);
	free(f->offs);
	free(f);
}

/* Decode n bytes of UTF-8 into f->text; returns the UTF-16 length. */
static int32_t
catalog_fold_decode(struct catalog_fold *f, const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t need = n + 1, i = 0, k = 0;
	UChar32 c;

	if (n > INT32_MAX / 2)
		n = INT32_MAX / 2;
	if (need > f->cap) {
		f->text = xreallocarray(f->text, need, sizeof *f->text);
		f->offs = xreallocarray(f->offs, need + 1, sizeof *f->offs);
		f->cap = need;
	}
	while (i < n) {
		size_t start = i;
		int32_t ii = (int32_t)i;

		U8_NEXT(u, ii, (int32_t)n, c);
		i = (size_t)ii;
		if (c < 0)
			c = 0xfffd;
		if (U16_LENGTH(c) == 2) {
			f->offs[k] = start;
			f->text[k++] = U16_LEAD(c);
			f->offs[k] = start;
			f->text[k++] = U16_TRAIL(c);
		} else {
			f->offs[k] = start;
			f->text[k++] = (UChar)c;
		}
	}
	f->offs[k] = n;
	return (int32_t)k;
}

/* Fold one word (UTF-16) into f->out; returns its byte length or -1. */
static int32_t
catalog_fold_word(struct catalog_fold *f, const UChar *w, int32_t wlen)
{
	UErrorCode ec = U_ZERO_ERROR;
	int32_t n, m = 0, i, outlen = 0;

	if (wlen > FOLD_MAX_WORD)
		wlen = FOLD_MAX_WORD;
	n = unorm2_normalize(f->nfd, w, wlen, f->a, (int32_t)(sizeof f->a /
	    sizeof f->a[0]), &ec);
	if (U_FAILURE(ec))
		return -1;
	for (i = 0; i < n; ) {
		UChar32 c;
		int32_t j = i;

		U16_NEXT(f->a, i, n, c);
		if (u_charType(c) == U_NON_SPACING_MARK || c == 0x0640)
			continue;
		while (j < i)
			f->b[m++] = f->a[j++];
	}
	n = unorm2_normalize(f->nfkc_cf, f->b, m, f->a, (int32_t)(sizeof f->a /
	    sizeof f->a[0]), &ec);
	if (U_FAILURE(ec))
		return -1;
	for (i = 0; i < n; i++)
		if (f->a[i] == 0x0131)	/* dotless i */
			f->a[i] = 'i';
	u_strToUTF8(f->out, (int32_t)sizeof f->out, &outlen, f->a, n, &ec);
	if (U_FAILURE(ec) || ec == U_STRING_NOT_TERMINATED_WARNING)
		return -1;
	return outlen;
}

int
catalog_fold_words(struct catalog_fold *f, const char *utf8, size_t n,
    catalog_fold_cb cb, void *arg)
{
	UErrorCode ec = U_ZERO_ERROR;
	int32_t len, start, end, olen;
	int rc;

	if (n == 0)
		return 0;
	len = catalog_fold_decode(f, utf8, n);
	ubrk_setText(f->brk, f->text, len, &ec);
	if (U_FAILURE(ec))
		return 0;
	start = ubrk_first(f->brk);
	for (end = ubrk_next(f->brk); end != UBRK_DONE;
	    start = end, end = ubrk_next(f->brk)) {
		if (ubrk_getRuleStatus(f->brk) < UBRK_WORD_NONE_LIMIT)
			continue;
		olen = catalog_fold_word(f, f->text + start, end - start);
		if (olen <= 0)
			continue;
		rc = cb(arg, f->out, (size_t)olen, f->offs[start],
		    f->offs[end]);
		if (rc != 0)
			return rc;
	}
	return 0;
}

struct catalog_fold_join {
	char	*s;
	size_t	 len, cap;
};

static int
catalog_fold_join_cb(void *arg, const char *word, size_t len, size_t start,
    size_t end)
{
	struct catalog_fold_join *j = arg;

	(void)start;
	(void)end;
	if (j->len + len + 2 > j->cap) {
		j->cap = (j->len + len + 2) * 2;
		j->s = xreallocarray(j->s, j->cap, 1);
	}
	if (j->len > 0)
		j->s[j->len++] = ' ';
	memcpy(j->s + j->len, word, len);
	j->len += len;
	j->s[j->len] = '\0';
	return 0;
}

char *
catalog_fold_string(struct catalog_fold *f, const char *utf8)
{
	struct catalog_fold_join j = { NULL, 0, 0 };

	catalog_fold_words(f, utf8, strlen(utf8), catalog_fold_join_cb, &j);
	return j.s != NULL ? j.s : xstrdup("");
}
