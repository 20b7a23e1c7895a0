/*
 * ui: curses set-up, themes and drawing primitives (see ui.h).
 *
 * Input is raw (no signals from Ctrl-C, Ctrl-Z, Ctrl-\): the kiosk decides
 * what those keys do. Mouse reports are asked for with press and release
 * of button 1 only and mouseinterval(0), so ncurses reports both instead
 * of making clicks; with TERM=xterm-256color ncurses turns on SGR (1006)
 * reports.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "catalog/xmalloc.h"
#include "kiosk/bidi.h"
#include "kiosk/ui.h"
#include "kiosk/width.h"

struct kiosk_ui_style {
	short	 fg, bg;	/* -1: no colour pair */
	int	 attr;
};

struct kiosk_ui_theme {
	const char		*name;
	struct kiosk_ui_style	 roles[KIOSK_ROLE_COUNT];
};

/*
 * Contrast (xterm palette): white/black, yellow/black, white/blue and
 * black/cyan, black/yellow, black/white all reach 7:1.
 */
static const struct kiosk_ui_theme kiosk_ui_themes[] = {
	{ "high-contrast", {
		[KIOSK_ROLE_TEXT] = { COLOR_WHITE, COLOR_BLACK, 0 },
		[KIOSK_ROLE_TITLE] = { COLOR_YELLOW, COLOR_BLACK, A_BOLD },
		[KIOSK_ROLE_CHOICE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
		[KIOSK_ROLE_FOCUS] = { COLOR_BLACK, COLOR_YELLOW,
		    A_BOLD | A_REVERSE },
		[KIOSK_ROLE_BAR] = { COLOR_BLACK, COLOR_CYAN, 0 },
		[KIOSK_ROLE_WARNING] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[KIOSK_ROLE_MARKED] = { COLOR_BLACK, COLOR_WHITE, 0 },
		[KIOSK_ROLE_FIELD] = { COLOR_BLACK, COLOR_WHITE, A_UNDERLINE },
		[KIOSK_ROLE_HEADING] = { COLOR_YELLOW, COLOR_BLACK, A_BOLD },
		[KIOSK_ROLE_QR] = { COLOR_BLACK, COLOR_WHITE, 0 },
	} },
	{ "light", {
		[KIOSK_ROLE_TEXT] = { COLOR_BLACK, COLOR_WHITE, 0 },
		[KIOSK_ROLE_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
		[KIOSK_ROLE_CHOICE] = { COLOR_BLACK, COLOR_CYAN, 0 },
		[KIOSK_ROLE_FOCUS] = { COLOR_WHITE, COLOR_BLACK,
		    A_BOLD | A_REVERSE },
		[KIOSK_ROLE_BAR] = { COLOR_WHITE, COLOR_BLUE, 0 },
		[KIOSK_ROLE_WARNING] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[KIOSK_ROLE_MARKED] = { COLOR_WHITE, COLOR_BLACK, 0 },
		[KIOSK_ROLE_FIELD] = { COLOR_WHITE, COLOR_BLACK, A_UNDERLINE },
		[KIOSK_ROLE_HEADING] = { COLOR_BLUE, COLOR_WHITE, A_BOLD },
		[KIOSK_ROLE_QR] = { COLOR_BLACK, COLOR_WHITE, 0 },
	} },
	{ "mono", {
		[KIOSK_ROLE_TEXT] = { -1, -1, 0 },
		[KIOSK_ROLE_TITLE] = { -1, -1, A_BOLD | A_UNDERLINE },
		[KIOSK_ROLE_CHOICE] = { -1, -1, A_REVERSE },
		[KIOSK_ROLE_FOCUS] = { -1, -1, A_BOLD | A_UNDERLINE },
		[KIOSK_ROLE_BAR] = { -1, -1, A_REVERSE },
		[KIOSK_ROLE_WARNING] = { -1, -1, A_BOLD | A_REVERSE },
		[KIOSK_ROLE_MARKED] = { -1, -1, A_UNDERLINE },
		[KIOSK_ROLE_FIELD] = { -1, -1, A_UNDERLINE },
		[KIOSK_ROLE_HEADING] = { -1, -1, A_BOLD },
		/* Reverse video: ink in the (dark) background colour on
		 * paper in the (light) text colour. */
		[KIOSK_ROLE_QR] = { -1, -1, A_REVERSE },
	} },
};
#define KIOSK_UI_NTHEMES (sizeof kiosk_ui_themes / sizeof kiosk_ui_themes[0])

/*
 * Colour pairs store fg/bg as given; A_REVERSE in a coloured theme swaps
 * them back, so the pair for FOCUS is written reversed: the terminal's
 * reverse video then still shows focus on terminals that drop colour.
 */
static int kiosk_ui_attrs[KIOSK_ROLE_COUNT];
static volatile sig_atomic_t kiosk_ui_active;
static int kiosk_ui_rtl_on;

/* Back to implicit BiDi mode: at exit and on a fatal signal. */
static void
kiosk_ui_bidi_restore(void)
{
	ssize_t r;

	r = write(STDOUT_FILENO, KIOSK_BIDI_IMPLICIT,
	    sizeof KIOSK_BIDI_IMPLICIT - 1);
	(void)r;
}

static void
kiosk_ui_fatal(int sig)
{
	if (kiosk_ui_active) {
		kiosk_ui_active = 0;
		endwin();
		kiosk_ui_bidi_restore();
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
kiosk_ui_signals(int lock)
{
	static const int fatal[] = {
		SIGTERM, SIGHUP, SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL
	};
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = kiosk_ui_fatal;
	for (i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		sigaction(fatal[i], &sa, NULL);
	if (lock)
		sa.sa_handler = SIG_IGN;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	if (lock)
		sigaction(SIGTSTP, &sa, NULL);
}

int
kiosk_ui_theme_valid(const char *name)
{
	size_t i;

	for (i = 0; i < KIOSK_UI_NTHEMES; i++) {
		if (strcmp(kiosk_ui_themes[i].name, name) == 0)
			return 1;
	}
	return 0;
}

/* Fill kiosk_ui_attrs from the theme, falling back to mono. */
static void
kiosk_ui_colours(const char *name)
{
	const struct kiosk_ui_theme	*t = &kiosk_ui_themes[KIOSK_UI_NTHEMES - 1];
	const struct kiosk_ui_style	*st;
	size_t				 i;
	int				 colour;

	for (i = 0; i < KIOSK_UI_NTHEMES; i++) {
		if (strcmp(kiosk_ui_themes[i].name, name) == 0)
			t = &kiosk_ui_themes[i];
	}
	colour = has_colors() && start_color() == OK && COLOR_PAIRS > 
	    KIOSK_ROLE_COUNT;
	if (!colour)
		t = &kiosk_ui_themes[KIOSK_UI_NTHEMES - 1];
	for (i = 0; i < KIOSK_ROLE_COUNT; i++) {
		st = &t->roles[i];
		kiosk_ui_attrs[i] = st->attr;
		if (!colour || st->fg < 0)
			continue;
		if (st->attr & A_REVERSE)
			init_pair((short)(i + 1), st->bg, st->fg);
		else
			init_pair((short)(i + 1), st->fg, st->bg);
		kiosk_ui_attrs[i] |= (int)COLOR_PAIR((int)i + 1);
	}
	bkgdset((chtype)' ' | (chtype)kiosk_ui_attrs[KIOSK_ROLE_TEXT]);
}

int
kiosk_ui_init(const char *theme, int lock, char **cause)
{
	const char *term = getenv("TERM");

	if (newterm(NULL, stdout, stdin) == NULL) {
		*cause = xasprintf("cannot use the terminal type \"%s\" "
		    "(set TERM, e.g. TERM=xterm-256color)",
		    term != NULL ? term : "");
		return -1;
	}
	kiosk_ui_active = 1;
	kiosk_ui_signals(lock);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(250);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED, NULL);
	mouseinterval(0);
	/* curses turns the terminal's touch reports on (and off at the
	 * end); input.c decodes the SGR 1006 reports itself. */
	keyok(KEY_MOUSE, FALSE);
	kiosk_ui_colours(theme);
	erase();
	/* We reorder right-to-left text ourselves (bidi.c). */
	fputs(KIOSK_BIDI_EXPLICIT, stdout);
	fflush(stdout);
	return 0;
}

void
kiosk_ui_done(void)
{
	if (kiosk_ui_active) {
		kiosk_ui_active = 0;
		erase();
		refresh();
		endwin();
		fflush(stdout);
		kiosk_ui_bidi_restore();
	}
}

int
kiosk_ui_attr(enum kiosk_ui_role role)
{
	return kiosk_ui_attrs[role];
}

void
kiosk_ui_fill(int y, int x, int h, int w, enum kiosk_ui_role role)
{
	int	 r;

	if (w <= 0)
		return;
	x = kiosk_ui_x(x, w);
	attrset(kiosk_ui_attrs[role]);
	for (r = 0; r < h; r++)
		mvhline(y + r, x, ' ', w);
	attrset(A_NORMAL);
}

/*
 * Text too wide for maxcols: a new string of the words that fit in
 * maxcols - 1 (cut between clusters when the first word alone is too
 * wide) and "…", so a cut never looks like the whole text ("starts
 * December 1, 2" was read as a date). *cols gets its width.
 */
static char *
kiosk_ui_ellipsis(const char *s, size_t len, int maxcols, int *cols)
{
	struct kiosk_width_line	*lines = NULL;
	char			*copy, *out;
	size_t			 n;

	copy = xstrndup(s, len);
	n = kiosk_width_wrap(copy, maxcols - 1, &lines) > 0 ? lines[0].len : 0;
	if (n > 0 && lines[0].cols > maxcols - 1)
		n = kiosk_width_cut(copy, n, maxcols - 1, NULL);
	*cols = kiosk_width_cols(copy, n) + 1;
	out = xasprintf("%.*s\xe2\x80\xa6", (int)n, copy);
	free(lines);
	free(copy);
	return out;
}

int
kiosk_ui_para(int y, int x, int maxcols, const char *s, size_t len,
    enum kiosk_bidi_dir dir, int attr)
{
	size_t	 n;
	int	 cols, rtl, sx;
	char	*cut = NULL, *vis;

	if (maxcols <= 0 || s == NULL)
		return 0;
	rtl = dir == KIOSK_BIDI_SCREEN ? kiosk_ui_rtl_on : dir == KIOSK_BIDI_RTL;
	n = kiosk_width_cut(s, len, maxcols, &cols);
	if (n < len && maxcols >= 2) {
		cut = kiosk_ui_ellipsis(s, len, maxcols, &cols);
		s = cut;
		n = strlen(cut);
	}
	/* At the start of its own direction: the screen's side, or the
	 * other end of the maxcols columns it may take. */
	sx = rtl == kiosk_ui_rtl_on ? kiosk_ui_x(x, cols) :
	    kiosk_ui_x(x + maxcols - cols, cols);
	attrset(attr);
	if (kiosk_bidi_needed(s, n, rtl) &&
	    (vis = kiosk_bidi_visual(s, n, rtl)) != NULL) {
		mvaddstr(y, sx, vis);
		free(vis);
	} else
		mvaddnstr(y, sx, s, (int)n);
	attrset(A_NORMAL);
	free(cut);
	return cols;
}

int
kiosk_ui_text(int y, int x, int maxcols, const char *s, size_t len, int attr)
{
	return kiosk_ui_para(y, x, maxcols, s, len, KIOSK_BIDI_SCREEN, attr);
}

int
kiosk_ui_str(int y, int x, int maxcols, const char *s, int attr)
{
	return kiosk_ui_text(y, x, maxcols, s, s != NULL ? strlen(s) : 0,
	    attr);
}

void
kiosk_ui_set_rtl(int rtl)
{
	kiosk_ui_rtl_on = rtl != 0;
}

int
kiosk_ui_rtl(void)
{
	return kiosk_ui_rtl_on;
}

int
kiosk_ui_x(int x, int w)
{
	return kiosk_ui_rtl_on ? COLS - x - w : x;
}

void
kiosk_ui_beep(void)
{
	beep();
}

void
kiosk_ui_move(int y, int x)
{
	move(y, kiosk_ui_x(x, 1));
}

int
kiosk_ui_touch_x(int x)
{
	return kiosk_ui_x(x, 1);
}

void
kiosk_ui_cells(int y, int x, int w, const char *s, int attr)
{
	attrset(attr);
	mvaddstr(y, kiosk_ui_x(x, w), s);
	attrset(A_NORMAL);
}

void
kiosk_ui_invert(int y, int x)
{
	cchar_t	 cc;
	wchar_t	 wch[CCHARW_MAX + 1];
	attr_t	 attrs;
	short	 pair;

	if (mvin_wch(y, kiosk_ui_x(x, 1), &cc) == ERR ||
	    getcchar(&cc, wch, &attrs, &pair, NULL) == ERR)
		return;
	/* A wide character's second cell comes back as a blank one: leave
	 * it, the first cell carries the attribute. */
	if (wch[0] == L'\0')
		return;
	attrs ^= A_REVERSE;
	attrs |= A_BOLD;
	if (setcchar(&cc, wch, attrs, pair, NULL) == OK)
		mvadd_wch(y, kiosk_ui_x(x, 1), &cc);
}
