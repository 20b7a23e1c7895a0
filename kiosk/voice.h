/*
 * voice: the person's control over Read aloud (EN 301 549 5.1.3.x,
 * 8.2.1): louder and softer in five steps over 18 dB, slower and normal
 * speed, pause and continue, say it again. On keys (F4 softer, F5 louder,
 * F6 slower, F7 normal speed, F8 pause or continue, F3 say it again) and
 * on the "Voice" screen (the bar item Voice, shown while Read aloud is
 * on). Every control says its new state. Volume and speed go back to
 * normal at every new session (the idle reset).
 *
 * Volume steps are espeak-ng volumes 25, 50, 100, 141 and 200: -12, -6,
 * 0, +3 and +6 dB from normal (espeak-ng scales the amplitude in
 * proportion), so the loudest is 18 dB above the softest and normal 12 dB
 * above it. Speeds are 175 (normal, espeak-ng's own), 140 and 110 words
 * a minute.
 */
#ifndef KIOSK_VOICE_H
#define KIOSK_VOICE_H

struct kiosk_app;

#define KIOSK_VOICE_LEVELS	5
#define KIOSK_VOICE_NORMAL	2	/* the default level */
#define KIOSK_VOICE_SPEEDS	3	/* 0 normal, 1 slower, 2 slowest */

enum kiosk_voice_action {
	KIOSK_VOICE_LOUDER,
	KIOSK_VOICE_SOFTER,
	KIOSK_VOICE_SLOWER,
	KIOSK_VOICE_NORMAL_SPEED,
	KIOSK_VOICE_PAUSE,	/* pause, or continue when paused */
	KIOSK_VOICE_REPEAT
};

struct kiosk_voice {
	int	 level;		/* 0 .. KIOSK_VOICE_LEVELS - 1 */
	int	 speed;		/* 0 .. KIOSK_VOICE_SPEEDS - 1 */
	int	 paused;
};

/* espeak-ng's volume and rate of a level and a speed. */
int kiosk_voice_volume(int level);
int kiosk_voice_rate(int speed);
/* Back to normal volume and speed (a new session). */
void kiosk_voice_reset(struct kiosk_app *app);
/* Do a control and say the new state (turns Read aloud on if off). */
void kiosk_voice_do(struct kiosk_app *app, enum kiosk_voice_action a);
/* The state in words ("Volume 3 of 5. Normal speed."), a new string. */
char *kiosk_voice_state(struct kiosk_app *app);
/* The F key of a control, a curses key code; the action of a key, or -1. */
int kiosk_voice_key_action(int key);

#endif
