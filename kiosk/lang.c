/*
 * lang: interface languages and gettext (see lang.h).
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog/lang.h"
#include "catalog/xmalloc.h"
#include "kiosk/lang.h"

#ifndef LP_LOCALEDIR
#define LP_LOCALEDIR "/usr/share/locale"
#endif

/*
 * Every language with a catalogue in locales/, in the default order.
 * Digits: 0-9 for every language, Arabic and Farsi too (ICU writes their
 * dates with them then, format.c): the big choice numbers, the number
 * keys and the catalogue's own text (MBO 2, A2, prices) are 0-9, so only
 * 0-9 keeps every line to one kind of digit (docs/languages.md).
 */
#define KIOSK_LANG_LATIN "a b c d e f g h i j k l m n o p q r s t u v w x y z"
#define KIOSK_LANG_WESTERN "0 1 2 3 4 5 6 7 8 9"
static const struct kiosk_lang_info kiosk_lang_rows[] = {
	{ "nl", "Nederlands", "Kies een taal", 0, "Latn", KIOSK_LANG_LATIN,
	    KIOSK_LANG_WESTERN, 2 },
	{ "en", "English", "Choose a language", 0, "Latn", KIOSK_LANG_LATIN,
	    KIOSK_LANG_WESTERN, 2 },
	{ "ar", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
	    "\u0627\u062e\u062a\u0631 \u0644\u063a\u0629", 1, "Arab",
	    "ا أ إ آ ب ت ة ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ؤ "
	    "ي ى ئ ء", KIOSK_LANG_WESTERN, 6 },
	/* Ge'ez: the consonants (first order) of the Tigrinya alphabet;
	 * the keyboard offers a consonant's orders after it (geez.c). */
	{ "ti", "\u1275\u130d\u122d\u129b",
	    "\u124b\u1295\u124b \u121d\u1228\u1339", 0, "Ethi",
	    "ሀ ለ ሐ መ ረ ሰ ሸ ቀ ቐ በ ቨ ተ ቸ ነ ኘ አ ከ ኸ ወ ዐ ዘ ዠ የ ደ ጀ ገ ጠ ጨ ጰ ጸ "
	    "ፀ ፈ ፐ", KIOSK_LANG_WESTERN, 2 },
	{ "uk", "\u0423\u043a\u0440\u0430\u0457\u043d\u0441\u044c\u043a\u0430",
	    "\u0412\u0438\u0431\u0435\u0440\u0456\u0442\u044c \u043c\u043e\u0432\u0443", 0,
	    "Cyrl", "а б в г ґ д е є ж з и і ї й к л м н о п р с т у ф х ц ч ш "
	    "щ ь ю я \u2019", KIOSK_LANG_WESTERN, 3 },
	{ "tr", "T\u00fcrk\u00e7e", "Bir dil se\u00e7in", 0, "Latn",
	    "a b c ç d e f g ğ h ı i j k l m n o ö p q r s ş t u ü v w x y z",
	    KIOSK_LANG_WESTERN, 2 },
	{ "pl", "Polski", "Wybierz j\u0119zyk", 0, "Latn",
	    "a ą b c ć d e ę f g h i j k l ł m n ń o ó p q r s ś t u v w x y z "
	    "ź ż", KIOSK_LANG_WESTERN, 3 },
	{ "fa", "\u0641\u0627\u0631\u0633\u06cc",
	    "\u06cc\u06a9 \u0632\u0628\u0627\u0646 \u0627\u0646\u062a\u062e\u0627\u0628 \u06a9\u0646\u06cc\u062f", 1,
	    "Arab", "ا أ إ آ ب پ ت ة ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ك ک "
	    "گ ل م ن ه و ؤ ي ی ى ئ ء", KIOSK_LANG_WESTERN, 2 },
};
#define KIOSK_LANG_NROWS (sizeof kiosk_lang_rows / sizeof kiosk_lang_rows[0])

/* The offered languages in first-screen order (pointers into rows). */
static struct kiosk_lang_info kiosk_lang_order[KIOSK_LANG_NROWS];
static size_t kiosk_lang_norder;

/* The LC_MESSAGES locale name re-applied on every switch. */
static char kiosk_lang_messages[64] = "C.UTF-8";

int
kiosk_lang_init(char **cause)
{
	const char *dir, *cur;

	if (setlocale(LC_ALL, "") == NULL ||
	    strcasecmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		if (setlocale(LC_ALL, "C.UTF-8") == NULL ||
		    strcasecmp(nl_langinfo(CODESET), "UTF-8") != 0) {
			*cause = xstrdup("no UTF-8 locale is available "
			    "(set LANG to one, e.g. C.UTF-8)");
			return -1;
		}
	}
	cur = setlocale(LC_MESSAGES, NULL);
	if (cur == NULL || strcmp(cur, "C") == 0 ||
	    strcmp(cur, "POSIX") == 0) {
		if (setlocale(LC_MESSAGES, "C.UTF-8") != NULL)
			cur = "C.UTF-8";
	}
	if (cur != NULL && strlen(cur) < sizeof kiosk_lang_messages)
		strcpy(kiosk_lang_messages, cur);
	dir = getenv("LEERPUNT_LOCALEDIR");
	bindtextdomain("leerpunt", dir != NULL && *dir != '\0' ? dir :
	    LP_LOCALEDIR);
	bind_textdomain_codeset("leerpunt", "UTF-8");
	textdomain("leerpunt");
	return 0;
}

/* The row of a primary language code, or NULL. */
static const struct kiosk_lang_info *
kiosk_lang_row(const char *primary)
{
	size_t i;

	for (i = 0; i < KIOSK_LANG_NROWS; i++) {
		if (strcmp(kiosk_lang_rows[i].code, primary) == 0)
			return &kiosk_lang_rows[i];
	}
	return NULL;
}

const char *
kiosk_lang_known(void)
{
	static char	 buf[KIOSK_LANG_NROWS * 4];
	size_t		 i;

	if (buf[0] == '\0')
		for (i = 0; i < KIOSK_LANG_NROWS; i++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
			    "%s%s", i > 0 ? ", " : "", kiosk_lang_rows[i].code);
	return buf;
}

const struct kiosk_lang_info *
kiosk_lang_of_script(const char *script)
{
	size_t i;

	for (i = 0; i < KIOSK_LANG_NROWS; i++)
		if (strcmp(kiosk_lang_rows[i].script, script) == 0)
			return &kiosk_lang_rows[i];
	return NULL;
}

void
kiosk_lang_print(FILE *f)
{
	const struct kiosk_lang_info	*r;
	char				 digits[64];
	size_t				 i, j, k;

	for (i = 0; i < KIOSK_LANG_NROWS; i++) {
		r = &kiosk_lang_rows[i];
		/* "0 1 ... 9" as "0123456789" */
		for (j = k = 0; r->digits[j] != '\0' && k + 1 < sizeof digits;
		    j++)
			if (r->digits[j] != ' ')
				digits[k++] = r->digits[j];
		digits[k] = '\0';
		fprintf(f, "%s\t%s\t%s\t%d\t%s\t%s\n", r->code, r->script,
		    r->rtl ? "rtl" : "ltr", r->nplurals, digits, r->name);
	}
}

int
kiosk_lang_set_order(const char *list, char **cause)
{
	struct kiosk_lang_info		 order[KIOSK_LANG_NROWS];
	const struct kiosk_lang_info	*row;
	char				*copy = xstrdup(list), *tok, *save = NULL;
	char				 primary[CATALOG_LANG_MAX];
	size_t				 n = 0, i;

	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		row = NULL;
		if (catalog_lang_primary(tok, primary, sizeof primary) == 0)
			row = kiosk_lang_row(primary);
		if (row == NULL) {
			*cause = xasprintf("unknown language \"%s\" (known: %s)",
			    tok, kiosk_lang_known());
			goto fail;
		}
		for (i = 0; i < n; i++) {
			if (strcmp(order[i].code, row->code) == 0) {
				*cause = xasprintf("language \"%s\" is "
				    "listed twice", tok);
				goto fail;
			}
		}
		order[n++] = *row;
	}
	if (n == 0) {
		*cause = xstrdup("the list of languages is empty");
		goto fail;
	}
	memcpy(kiosk_lang_order, order, n * sizeof order[0]);
	kiosk_lang_norder = n;
	free(copy);
	return 0;
fail:
	free(copy);
	return -1;
}

const struct kiosk_lang_info *
kiosk_lang_all(size_t *n)
{
	*n = KIOSK_LANG_NROWS;
	return kiosk_lang_rows;
}

const struct kiosk_lang_info *
kiosk_lang_table(size_t *n)
{
	if (kiosk_lang_norder == 0) {
		memcpy(kiosk_lang_order, kiosk_lang_rows,
		    sizeof kiosk_lang_rows);
		kiosk_lang_norder = KIOSK_LANG_NROWS;
	}
	*n = kiosk_lang_norder;
	return kiosk_lang_order;
}

const struct kiosk_lang_info *
kiosk_lang_find(const char *code)
{
	char	 primary[CATALOG_LANG_MAX];

	if (code == NULL || catalog_lang_primary(code, primary,
	    sizeof primary) != 0)
		return NULL;
	return kiosk_lang_row(primary);
}

const char *
kiosk_lang_default(void)
{
	static const char *const vars[] = {
		"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"
	};
	const struct kiosk_lang_info *info;
	const char	*v;
	char		 buf[CATALOG_LANG_MAX];
	size_t		 i, len;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		v = getenv(vars[i]);
		if (v == NULL || *v == '\0')
			continue;
		/* "nl_NL.UTF-8:en" -> "nl_NL" */
		len = strcspn(v, ".:@");
		if (len >= sizeof buf)
			continue;
		memcpy(buf, v, len);
		buf[len] = '\0';
		if ((info = kiosk_lang_find(buf)) != NULL)
			return info->code;
		if (i > 0)	/* LC_ALL=C etc. decides: English. */
			break;
	}
	return "en";
}

/* GNU gettext's documented way to drop its cache of translations. */
extern int _nl_msg_cat_cntr;

void
kiosk_lang_switch(const char *code)
{
	setenv("LANGUAGE", code, 1);
	setlocale(LC_MESSAGES, kiosk_lang_messages);
	/* setlocale() to the same name keeps the cache: without this, Dutch
	 * texts stay after switching from Dutch to English. */
	++_nl_msg_cat_cntr;
}
