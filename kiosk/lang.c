/*
 * lang: interface languages and gettext (see lang.h).
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog/lang.h"
#include "catalog/xmalloc.h"
#include "kiosk/lang.h"

#ifndef LP_LOCALEDIR
#define LP_LOCALEDIR "/usr/share/locale"
#endif

/* More rows (ar, ti, uk, tr, pl, fa) come with their translations. */
static const struct kiosk_lang_info kiosk_lang_rows[] = {
	{ "nl", "Nederlands", "Kies een taal" },
	{ "en", "English", "Choose a language" },
};

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

const struct kiosk_lang_info *
kiosk_lang_table(size_t *n)
{
	*n = sizeof kiosk_lang_rows / sizeof kiosk_lang_rows[0];
	return kiosk_lang_rows;
}

const struct kiosk_lang_info *
kiosk_lang_find(const char *code)
{
	char	 primary[CATALOG_LANG_MAX];
	size_t	 i, n;

	if (code == NULL || catalog_lang_primary(code, primary,
	    sizeof primary) != 0)
		return NULL;
	kiosk_lang_table(&n);
	for (i = 0; i < n; i++) {
		if (strcmp(kiosk_lang_rows[i].code, primary) == 0)
			return &kiosk_lang_rows[i];
	}
	return NULL;
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

void
kiosk_lang_switch(const char *code)
{
	setenv("LANGUAGE", code, 1);
	setlocale(LC_MESSAGES, kiosk_lang_messages);
}
