/*
 * textsize: Bigger text, through xterm's font operations or the block
 * font (see textsize.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/lang.h"
#include "kiosk/screen.h"
#include "kiosk/speech.h"
#include "kiosk/textsize.h"

static const int kiosk_textsize_percent[KIOSK_TEXTSIZE_STEPS] = {
	100, 125, 150, 200
};

/* A face name goes into a control sequence: letters, digits, blanks,
 * '-' and '_' only (no ':' that would start an Xft property). */
static int
kiosk_textsize_face_ok(const char *s)
{
	if (*s == '\0' || strlen(s) >= KIOSK_TEXTSIZE_FACE_MAX)
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == ' ' || *s == '-' ||
		    *s == '_'))
			return 0;
	return 1;
}

void
kiosk_textsize_init(struct kiosk_textsize *t)
{
	const char	*face = getenv("LEERPUNT_XTERM_FACE");
	const char	*size = getenv("LEERPUNT_XTERM_SIZE");
	char		*end;
	long		 n;

	memset(t, 0, sizeof *t);
	if (face == NULL || size == NULL || !kiosk_textsize_face_ok(face))
		return;
	errno = 0;
	n = strtol(size, &end, 10);
	if (errno != 0 || end == size || *end != '\0' || n < 4 || n > 200)
		return;
	snprintf(t->face, sizeof t->face, "%s", face);
	t->base = (int)n;
	t->xterm = 1;
}

int
kiosk_textsize_points(const struct kiosk_textsize *t, int step)
{
	if (step < 0)
		step = 0;
	if (step >= KIOSK_TEXTSIZE_STEPS)
		step = KIOSK_TEXTSIZE_STEPS - 1;
	return (t->base * kiosk_textsize_percent[step] + 50) / 100;
}

int
kiosk_textsize_larger(const struct kiosk_textsize *t)
{
	return t->xterm ? t->step > 0 : t->blocks;
}

int
kiosk_textsize_at_max(const struct kiosk_textsize *t)
{
	return t->xterm ? t->step == KIOSK_TEXTSIZE_STEPS - 1 : t->blocks;
}

/* Ask xterm for the face at the size of the current step. The reply is
 * a resize (SIGWINCH), which the main loop lays out for. */
static void
kiosk_textsize_send(const struct kiosk_textsize *t)
{
	char	 buf[128];
	int	 n;
	ssize_t	 w;

	n = snprintf(buf, sizeof buf, "\033]50;xft:%s:size=%d\a", t->face,
	    kiosk_textsize_points(t, t->step));
	if (n <= 0 || (size_t)n >= sizeof buf)
		return;
	/* After curses' own output, which refresh() has flushed. */
	fflush(stdout);
	do
		w = write(STDOUT_FILENO, buf, (size_t)n);
	while (w < 0 && errno == EINTR);
}

void
kiosk_textsize_do(struct kiosk_app *app, int dir)
{
	struct kiosk_textsize	*t = &app->textsize;
	const char		*what = NULL;
	char			*said;

	if (!t->xterm) {
		if (dir == 0)
			dir = t->blocks ? -1 : 1;
		if ((dir > 0) == t->blocks) {
			what = dir > 0 ? _("This is the biggest text.") :
			    _("This is the normal text size.");
			if (app->speech_on)
				kiosk_speech_say(app, what, KIOSK_SPEECH_NOW);
			return;
		}
		t->blocks = dir > 0;
		if (t->blocks) {
			/* Say what this screen can and cannot do. */
			kiosk_app_push(app, kiosk_screen_notice_new(app,
			    _("Bigger text"),
			    _("This screen cannot make its letters bigger. "
			    "Headings are now shown in large block letters "
			    "where they can be.\nPress Bigger text again, or "
			    "F10, to go back.")));
			return;
		}
		kiosk_app_relayout(app);
		if (app->speech_on)
			kiosk_speech_say(app, _("Normal text size."),
			    KIOSK_SPEECH_NOW);
		return;
	}
	if (dir == 0)
		t->step = t->step + 1 < KIOSK_TEXTSIZE_STEPS ? t->step + 1 : 0;
	else if (dir > 0 && t->step + 1 < KIOSK_TEXTSIZE_STEPS)
		t->step++;
	else if (dir < 0 && t->step > 0)
		t->step--;
	else
		what = dir > 0 ? _("This is the biggest text.") :
		    _("This is the normal text size.");
	if (what == NULL) {
		kiosk_textsize_send(t);
		/* The bar's label may change before the resize comes. */
		kiosk_app_relayout(app);
	}
	if (!app->speech_on)
		return;
	/* TRANSLATORS: the text size now, e.g. "Text size 2 of 4." */
	said = xasprintf(_("Text size %d of %d."), t->step + 1,
	    KIOSK_TEXTSIZE_STEPS);
	if (what != NULL) {
		char *both = xasprintf("%s %s", what, said);

		free(said);
		said = both;
	}
	kiosk_speech_say(app, said, KIOSK_SPEECH_NOW);
	free(said);
}

void
kiosk_textsize_reset(struct kiosk_app *app)
{
	struct kiosk_textsize *t = &app->textsize;

	if (t->xterm && t->step != 0) {
		t->step = 0;
		kiosk_textsize_send(t);
	}
	t->step = 0;
	t->blocks = 0;
}

int
kiosk_textsize_key_dir(int key)
{
	if (key == KEY_F(9))
		return 1;
	if (key == KEY_F(10))
		return -1;
	return 0;
}
