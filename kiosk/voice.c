/*
 * voice: volume, speed, pause and repeat for Read aloud (see voice.h).
 */
#include "config.h"

#include <stdlib.h>

#include <curses.h>

#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/lang.h"
#include "kiosk/speech.h"
#include "kiosk/voice.h"

static const int kiosk_voice_volumes[KIOSK_VOICE_LEVELS] = {
	25, 50, 100, 141, 200
};
static const int kiosk_voice_rates[KIOSK_VOICE_SPEEDS] = { 175, 140, 110 };

int
kiosk_voice_volume(int level)
{
	if (level < 0)
		level = 0;
	if (level >= KIOSK_VOICE_LEVELS)
		level = KIOSK_VOICE_LEVELS - 1;
	return kiosk_voice_volumes[level];
}

int
kiosk_voice_rate(int speed)
{
	if (speed < 0)
		speed = 0;
	if (speed >= KIOSK_VOICE_SPEEDS)
		speed = KIOSK_VOICE_SPEEDS - 1;
	return kiosk_voice_rates[speed];
}

static void
kiosk_voice_apply(struct kiosk_app *app)
{
	if (app->speech != NULL)
		kiosk_speech_set_prosody(app->speech,
		    kiosk_voice_volume(app->voice.level),
		    kiosk_voice_rate(app->voice.speed));
}

void
kiosk_voice_reset(struct kiosk_app *app)
{
	app->voice.level = KIOSK_VOICE_NORMAL;
	app->voice.speed = 0;
	app->voice.paused = 0;
	kiosk_voice_apply(app);
}

char *
kiosk_voice_state(struct kiosk_app *app)
{
	const char *speed;

	speed = app->voice.speed == 0 ? _("Normal speed.") :
	    app->voice.speed == 1 ? _("Slower.") : _("Slowest.");
	return xasprintf(_("Volume %d of %d. %s"), app->voice.level + 1,
	    KIOSK_VOICE_LEVELS, speed);
}

void
kiosk_voice_do(struct kiosk_app *app, enum kiosk_voice_action a)
{
	const char	*what = NULL;
	char		*state, *said;

	switch (a) {
	case KIOSK_VOICE_LOUDER:
		if (app->voice.level + 1 < KIOSK_VOICE_LEVELS) {
			app->voice.level++;
			what = _("Louder.");
		} else
			what = _("This is the loudest.");
		break;
	case KIOSK_VOICE_SOFTER:
		if (app->voice.level > 0) {
			app->voice.level--;
			what = _("Softer.");
		} else
			what = _("This is the softest.");
		break;
	case KIOSK_VOICE_SLOWER:
		if (app->voice.speed + 1 < KIOSK_VOICE_SPEEDS)
			app->voice.speed++;
		break;
	case KIOSK_VOICE_NORMAL_SPEED:
		app->voice.speed = 0;
		break;
	case KIOSK_VOICE_PAUSE:
		if (!app->voice.paused) {
			/* Keep the text and the word reached. */
			app->voice.paused = 1;
			if (app->speech != NULL)
				kiosk_speech_pause(app->speech);
			kiosk_speech_say(app, _("Paused. Press again to "
			    "continue."), KIOSK_SPEECH_NOW);
			return;
		}
		app->voice.paused = 0;
		/* Continue where it stopped; the screen from its start
		 * when nothing was being said. */
		if (!app->speech_on || app->speech == NULL ||
		    kiosk_speech_resume(app->speech) != 0)
			kiosk_speech_read(app);
		return;
	case KIOSK_VOICE_REPEAT:
		app->voice.paused = 0;
		kiosk_speech_read(app);
		return;
	}
	app->voice.paused = 0;
	kiosk_voice_apply(app);
	if (!app->speech_on) {
		/* A voice control means the person wants to hear: the
		 * screen is read, at the new setting. */
		kiosk_speech_read(app);
		return;
	}
	state = kiosk_voice_state(app);
	said = what != NULL ? xasprintf("%s %s", what, state) : xstrdup(state);
	kiosk_speech_say(app, said, KIOSK_SPEECH_NOW);
	free(said);
	free(state);
}

int
kiosk_voice_key_action(int key)
{
	if (key == KEY_F(4))
		return KIOSK_VOICE_SOFTER;
	if (key == KEY_F(5))
		return KIOSK_VOICE_LOUDER;
	if (key == KEY_F(6))
		return KIOSK_VOICE_SLOWER;
	if (key == KEY_F(7))
		return KIOSK_VOICE_NORMAL_SPEED;
	if (key == KEY_F(8))
		return KIOSK_VOICE_PAUSE;
	return -1;
}
