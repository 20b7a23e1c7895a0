/*
 * keyboard: the on-screen keyboard of the search screen, for kiosks with
 * a touch screen and no keys.
 *
 * Three layouts, each in the alphabetical order of its script (people who
 * rarely type look for a letter in the order they learnt, not in QWERTY):
 * Latin (a-z, with the extra letters of the interface language in their
 * place in its alphabet: Turkish ç ğ ı ö ş ü, Polish ą ć ę ł ń ó ś ź ż),
 * Arabic (with the hamza and teh marbuta forms, and for Farsi
 * پ چ ژ گ ک ی), Cyrillic (the Ukrainian alphabet with ’) and Ge'ez (the
 * Tigrinya consonants; a tap on one shows its seven vowel orders and its
 * wa form, a tap on one of those types it and brings the consonants back,
 * the two steps of Ethiopic keyboards), the letters from the language
 * table (lang.c), and a
 * layer of digits 0-9 for levels, codes and years ("A2", "mbo 2"): on
 * Arabic screens ٠-٩ and on Farsi screens ۰-۹, the digits ICU writes in
 * dates on those screens (catalog/fold.c folds them to 0-9). The
 * interface language picks the first layout; one key per other layout,
 * labelled with three of its own letters or digits ("abc", "أبج", "абв",
 * "ሀለሐ", "123"), switches. Then Space, Erase (the last letter), Clear and Show
 * results (N).
 *
 * The keys are laid out left to right in layout columns like the rest of
 * the kiosk (ui.c mirrors Arabic and Farsi screens); letters run in the
 * reading direction of their script, so Arabic letters start on the right
 * and Latin letters on the left whatever the screen's direction. Keys are
 * three rows high and about seven columns wide where the screen allows,
 * one row high and three wide at 40x12.
 */
#ifndef KIOSK_KEYBOARD_H
#define KIOSK_KEYBOARD_H

#include <stddef.h>
#include <wchar.h>

#define KIOSK_KEYBOARD_KEYS 64

enum kiosk_keyboard_script {
	KIOSK_KEYBOARD_LATIN,
	KIOSK_KEYBOARD_ARABIC,
	KIOSK_KEYBOARD_CYRILLIC,
	KIOSK_KEYBOARD_ETHIOPIC,	/* Ge'ez: consonant, then its order */
	KIOSK_KEYBOARD_DIGITS,		/* not a script: the digits layer */
	KIOSK_KEYBOARD_SCRIPTS
};

enum kiosk_keyboard_kind {
	KIOSK_KEY_LETTER,	/* a letter, or a digit of the digits layer */
	KIOSK_KEY_SWITCH,	/* to another layout */
	KIOSK_KEY_SPACE,
	KIOSK_KEY_ERASE,
	KIOSK_KEY_CLEAR,
	KIOSK_KEY_RESULTS
};

/* What the keyboard is for: search (Show results (N)), or a form's text
 * field (Done): any text, a phone number (0-9, + and Space only) or an
 * e-mail address (a-z with @ . - _, and 0-9). */
enum kiosk_keyboard_mode {
	KIOSK_KEYBOARD_SEARCH,
	KIOSK_KEYBOARD_TEXT,
	KIOSK_KEYBOARD_PHONE,
	KIOSK_KEYBOARD_EMAIL
};

/* What pressing a key asks of the owner. */
enum kiosk_keyboard_action {
	KIOSK_KEYBOARD_NONE,
	KIOSK_KEYBOARD_TYPE,		/* add *text */
	KIOSK_KEYBOARD_ERASE,		/* remove the last letter */
	KIOSK_KEYBOARD_CLEAR,		/* empty the field */
	KIOSK_KEYBOARD_RESULTS,		/* show the results */
	KIOSK_KEYBOARD_SWITCHED		/* new layout: place it again */
};

/* What an arrow, Tab or Shift-Tab did. */
enum kiosk_keyboard_move {
	KIOSK_KEYBOARD_UNHANDLED,
	KIOSK_KEYBOARD_MOVED,
	KIOSK_KEYBOARD_LEAVE_UP,	/* above the first row (or Shift-Tab) */
	KIOSK_KEYBOARD_LEAVE_DOWN	/* below the last row (or Tab) */
};

struct kiosk_keyboard_key {
	enum kiosk_keyboard_kind kind;
	int		 script;	/* SWITCH: the layout it goes to */
	char		 text[8];	/* LETTER: the UTF-8 letter */
	int		 row, y, x, w;
};

struct kiosk_keyboard {
	char		 lang[8];	/* interface language (extra letters) */
	int		 script;
	int		 focus;		/* key index or -1 */
	struct kiosk_keyboard_key keys[KIOSK_KEYBOARD_KEYS];
	size_t		 n;
	int		 y, x, h, w;	/* the rectangle given to place() */
	int		 key_h, gap_y, rows, used_h;
	size_t		 count;		/* results, for Show results (N) */
	int		 counted, capped;
	enum kiosk_keyboard_mode mode;
	char		 pending[8];	/* Ge'ez: the consonant chosen, its
					 * orders shown ("": the consonants) */
	char		 typed[8];	/* the syllable press() typed */
	int		 moved;		/* the last press changed the keys:
					 * the owner places them again */
};

/* The layout for interface language lang: ar/fa Arabic, uk Cyrillic,
 * every other Latin. No focus. */
void kiosk_keyboard_init(struct kiosk_keyboard *kb, const char *lang);
/* Use the keyboard for mode (init() gives SEARCH): PHONE shows only the
 * digits 0-9, + and Space; EMAIL the Latin letters with @ . - _ and a
 * digits layer (0-9 on every screen); TEXT and both others have Done
 * where search has Show results. No focus. */
void kiosk_keyboard_set_mode(struct kiosk_keyboard *kb,
    enum kiosk_keyboard_mode mode);
/* Rows the keyboard needs in w columns with keys key_h rows high (and a
 * row between rows of keys), or -1 when it does not fit in w. */
int kiosk_keyboard_height(struct kiosk_keyboard *kb, int w, int key_h);
/* Place the keys in a rectangle: the largest keys that fit (at most
 * three rows high); kb->used_h gets the rows used. */
void kiosk_keyboard_place(struct kiosk_keyboard *kb, int y, int x, int h,
    int w);
/* Draw; *cy,*cx get the focused key's position (or are left alone). */
void kiosk_keyboard_draw(struct kiosk_keyboard *kb, int *cy, int *cx);
/* The key at y,x or -1. */
int kiosk_keyboard_hit(struct kiosk_keyboard *kb, int y, int x);
/* Press key k; *text gets the letter for TYPE. SWITCH changes the layout
 * here (focus stays on the switch keys): the owner places it again. A
 * Ge'ez consonant gives SWITCHED too (its orders, focus on the first); an
 * order gives TYPE with kb->moved set (the consonants are back): the owner
 * places the keys again then as well. */
enum kiosk_keyboard_action kiosk_keyboard_press(struct kiosk_keyboard *kb,
    int k, const char **text);
/* Arrows move focus to the next key that way, Tab and Shift-Tab in
 * reading order. */
enum kiosk_keyboard_move kiosk_keyboard_move(struct kiosk_keyboard *kb,
    int is_key, wint_t ch);
/* Focus where: 1 the first key, 2 the last (Show results), 0 none. */
void kiosk_keyboard_focus(struct kiosk_keyboard *kb, int where);
/* The results the typed text finds (shown as "Show results (N)"). */
void kiosk_keyboard_set_count(struct kiosk_keyboard *kb, int counted,
    size_t n, int capped);
/* 1 when key k may be pressed again at once (a letter, Space, Erase):
 * a quick second tap on it is a second press, not a double tap. */
int kiosk_keyboard_repeats(const struct kiosk_keyboard *kb, int k);
/* The words for key k, to be read aloud: a new string. */
char *kiosk_keyboard_spoken(struct kiosk_keyboard *kb, int k);
/* "abc", "أبج", "абв", "123" (on Arabic screens "١٢٣", Farsi "۱۲۳"):
 * the label of a layout. */
const char *kiosk_keyboard_label(const struct kiosk_keyboard *kb,
    int script);

#endif
