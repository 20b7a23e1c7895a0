/*
 * lang: language tags and the fallback chain (see lang.h).
 *
 * ICU parses and canonicalises tags (uloc_forLanguageTag, then
 * uloc_toLanguageTag); we only normalise '_' to '-' first because
 * spreadsheets and POSIX locales write "nl_NL".
 */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include <unicode/uloc.h>

#include "catalog/lang.h"

/* Parse tag into an ICU locale id; -1 when it is not a well-formed tag. */
static int
catalog_lang_locale(const char *tag, char *loc, size_t locsz)
{
	char buf[96], canon[ULOC_FULLNAME_CAPACITY];
	UErrorCode ec = U_ZERO_ERROR;
	int32_t parsed = 0, len;
	size_t i, n;

	if (tag == NULL)
		return -1;
	n = strlen(tag);
	if (n == 0 || n >= sizeof buf)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)tag[i];

		if (c == '_')
			c = '-';
		if (!isalnum(c) && c != '-')
			return -1;
		buf[i] = (char)c;
	}
	buf[n] = '\0';
	len = uloc_forLanguageTag(buf, canon, (int32_t)sizeof canon, &parsed,
	    &ec);
	if (U_FAILURE(ec) || ec == U_STRING_NOT_TERMINATED_WARNING ||
	    len <= 0 || (size_t)parsed != n)
		return -1;
	/* CLDR aliases: "nld" and "dut" become "nl", "iw" becomes "he". */
	len = uloc_canonicalize(canon, loc, (int32_t)locsz, &ec);
	if (U_FAILURE(ec) || ec == U_STRING_NOT_TERMINATED_WARNING || len <= 0)
		return -1;
	return 0;
}

int
catalog_lang_canon(const char *tag, char *out, size_t outsz)
{
	char loc[ULOC_FULLNAME_CAPACITY];
	UErrorCode ec = U_ZERO_ERROR;
	int32_t len;

	if (catalog_lang_locale(tag, loc, sizeof loc) != 0)
		return -1;
	len = uloc_toLanguageTag(loc, out, (int32_t)outsz, 1, &ec);
	if (U_FAILURE(ec) || ec == U_STRING_NOT_TERMINATED_WARNING ||
	    len <= 0 || strcmp(out, "und") == 0)
		return -1;
	return 0;
}

/*
 * A feed asks for the same few tags for every text, and ICU's parse is
 * most of an import's language handling: the last tags asked for in this
 * thread are remembered with their answers (well-formed ones only).
 */
#define LANG_MEMO 8
#define LANG_MEMO_TAG 16
static _Thread_local struct {
	char tag[LANG_MEMO_TAG];
	char primary[LANG_MEMO_TAG];
} lang_memo[LANG_MEMO];
static _Thread_local unsigned lang_memo_next;

int
catalog_lang_primary(const char *tag, char *out, size_t outsz)
{
	char loc[ULOC_FULLNAME_CAPACITY];
	UErrorCode ec = U_ZERO_ERROR;
	int32_t len;
	size_t i, n;

	n = tag != NULL ? strlen(tag) : 0;
	if (n > 0 && n < LANG_MEMO_TAG) {
		for (i = 0; i < LANG_MEMO; i++) {
			if (strcmp(lang_memo[i].tag, tag) != 0)
				continue;
			if (strlen(lang_memo[i].primary) >= outsz)
				break;
			strcpy(out, lang_memo[i].primary);
			return 0;
		}
	}
	if (catalog_lang_locale(tag, loc, sizeof loc) != 0)
		return -1;
	len = uloc_getLanguage(loc, out, (int32_t)outsz, &ec);
	if (U_FAILURE(ec) || ec == U_STRING_NOT_TERMINATED_WARNING ||
	    len <= 0)
		return -1;
	if (n > 0 && n < LANG_MEMO_TAG && (size_t)len < LANG_MEMO_TAG) {
		i = lang_memo_next++ % LANG_MEMO;
		memcpy(lang_memo[i].tag, tag, n + 1);
		memcpy(lang_memo[i].primary, out, (size_t)len + 1);
	}
	return 0;
}

size_t
catalog_lang_chain(const char *lang, const char *chain[3])
{
	static const char *const fallbacks[] = { "en", "nl" };
	size_t n = 0, i, j;

	if (lang != NULL && *lang != '\0')
		chain[n++] = lang;
	for (i = 0; i < 2; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(chain[j], fallbacks[i]) == 0)
				break;
		if (j == n)
			chain[n++] = fallbacks[i];
	}
	return n;
}

int
catalog_lang_is_rtl(const char *lang)
{
	char loc[ULOC_FULLNAME_CAPACITY], full[ULOC_FULLNAME_CAPACITY];
	UErrorCode ec = U_ZERO_ERROR;

	if (catalog_lang_locale(lang, loc, sizeof loc) != 0)
		return 0;
	/* Add the likely script so "ar" is known as Arabic script. */
	uloc_addLikelySubtags(loc, full, sizeof full, &ec);
	if (U_FAILURE(ec))
		return 0;
	return uloc_isRightToLeft(full) ? 1 : 0;
}
