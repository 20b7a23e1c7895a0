/*
 * lang: the kiosk's interface languages and gettext.
 *
 * The language table lists each language in its own name and script, so
 * the first screen can show them before anything else is known; adding a
 * language is one row here plus locales/LL.po. The row also gives the
 * on-screen keyboard (script, letters, digits) and the number of plural
 * forms its catalogue must have; `leerpunt --list-languages` prints the
 * table, and the tests and docs loop over that. The order (and which are
 * offered) can be set at start; the default order puts Dutch first and
 * then the languages newcomers read most. Switching at runtime sets
 * LANGUAGE and re-applies LC_MESSAGES (glibc reloads the catalogue then);
 * LC_MESSAGES is never "C", which would make gettext ignore LANGUAGE.
 */
#ifndef KIOSK_LANG_H
#define KIOSK_LANG_H

#include <stddef.h>
#include <stdio.h>
#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

struct kiosk_lang_info {
	const char	*code;		/* BCP 47 primary tag */
	const char	*name;		/* in its own language */
	const char	*prompt;	/* "Choose a language" in it */
	int		 rtl;		/* written right to left */
	const char	*script;	/* ISO 15924: Latn, Arab, Cyrl, Ethi;
					 * the on-screen keyboard's first
					 * layout */
	const char	*letters;	/* that layout's keys in the order of
					 * the language's alphabet, space
					 * separated; the first row of a
					 * script gives the keys of that
					 * script's layout in other languages */
	const char	*digits;	/* the digits 0-9 as the language
					 * writes them, space separated */
	int		 nplurals;	/* plural forms (gettext) */
};

/* Locale and gettext set-up; -1 and *cause when no UTF-8 locale works. */
int kiosk_lang_init(char **cause);
/* Offer only the languages in list ("nl,en,ar"), in that order, on the
 * first screen; -1 and *cause for an unknown or repeated code. */
int kiosk_lang_set_order(const char *list, char **cause);
/* The codes of all known languages, comma separated (for messages). */
const char *kiosk_lang_known(void);
/* Every known language in the table's order, offered or not; *n is set. */
const struct kiosk_lang_info *kiosk_lang_all(size_t *n);
/* The first row written in script (ISO 15924), or NULL. */
const struct kiosk_lang_info *kiosk_lang_of_script(const char *script);
/* Print the table, one language a line: code, script, direction,
 * plural forms, digits, name (leerpunt --list-languages). */
void kiosk_lang_print(FILE *f);
/* The offered languages, in first-screen order; *n is set. */
const struct kiosk_lang_info *kiosk_lang_table(size_t *n);
/* The row for code (any case, "nl-BE" finds "nl"), or NULL. */
const struct kiosk_lang_info *kiosk_lang_find(const char *code);
/* The interface language the environment asks for, "en" if none fits. */
const char *kiosk_lang_default(void);
/* Show every following message in the language code. */
void kiosk_lang_switch(const char *code);

#endif
