/*
 * speech: reading the kiosk aloud with espeak-ng (EN 301 549 5.1.3).
 *
 * Speech is off until the person presses Read aloud (F3); from then on the
 * kiosk reads every new screen (heading, numbered choices, focus) and
 * every focus change, in the interface language, until the next person
 * (reset). Any input stops speech at once; Read aloud again repeats.
 * PINs are never spoken; names, phone numbers and e-mail addresses only
 * after staff confirmed a headset (kiosk_speech_set_headset()).
 * Where speech cannot work (built without espeak-ng, no sound device, no
 * voice for the language: Tigrinya in Debian 12) kiosk_speech_problem()
 * says why, in words for the screen, and nothing is spoken with a wrong
 * voice. Without HAVE_ESPEAK this module still builds and explains.
 */
#ifndef KIOSK_SPEECH_H
#define KIOSK_SPEECH_H

#include <stddef.h>

struct kiosk_app;
struct kiosk_speech;

enum kiosk_speech_output {
	KIOSK_SPEECH_PLAYBACK,	/* the sound device, if there is one */
	KIOSK_SPEECH_MEMORY,	/* samples to a sink, asynchronously */
	KIOSK_SPEECH_SYNC	/* samples to a sink, in the caller */
};

/* What a text is, for the privacy rules. */
enum kiosk_speech_kind {
	KIOSK_SPEECH_PLAIN,
	KIOSK_SPEECH_PERSONAL,	/* name, phone, e-mail: headset only */
	KIOSK_SPEECH_SECRET	/* PIN, masked field: never */
};

/* Priority of kiosk_speech_say(). */
enum kiosk_speech_priority {
	KIOSK_SPEECH_NOW,	/* stop what is being said, say this */
	KIOSK_SPEECH_AFTER	/* say this after what is being said */
};

/* Volume (espeak-ng's espeakVOLUME, 100 normal) and rate (words a
 * minute) for every text from now on; 0 leaves espeak-ng's own. */
void kiosk_speech_set_prosody(struct kiosk_speech *sp, int volume,
    int rate);
/* For tests only: append "volume=V rate=R" to path, the values
 * espeak-ng is given before every text (NULL: stop). */
void kiosk_speech_set_params_log(struct kiosk_speech *sp,
    const char *path);
/* Receives synthesised samples (MEMORY and SYNC); return 1 to stop. */
typedef int (*kiosk_speech_sink)(const short *samples, int n, void *ctx);

/* Start speech (espeak-ng is initialised once per process). Never fails:
 * problems are remembered and told by kiosk_speech_problem(). */
struct kiosk_speech *kiosk_speech_new(enum kiosk_speech_output out);
void kiosk_speech_free(struct kiosk_speech *sp);
/* Where samples go in MEMORY and SYNC output. */
void kiosk_speech_set_sink(struct kiosk_speech *sp, kiosk_speech_sink sink,
    void *ctx);
/* In SYNC output: fd is polled while speaking; input there stops speech
 * (-1: none). */
void kiosk_speech_set_input_fd(struct kiosk_speech *sp, int fd);
/* Use the voice of language code; 0, or -1 when there is none. */
int kiosk_speech_set_lang(struct kiosk_speech *sp, const char *code);
/* NULL when speech works in the current language, else why not (in the
 * interface language, for the screen). */
const char *kiosk_speech_problem(struct kiosk_speech *sp);
/* Speak UTF-8 text; 0, or -1 when it cannot be spoken. */
int kiosk_speech_speak(struct kiosk_speech *sp, const char *text,
    enum kiosk_speech_priority pri);
/* text (may be NULL) marked as being in language lang (a BCP 47 tag;
 * NULL: the interface's): the words of a screen may hold such pieces,
 * and each is said with its language's voice, or the interface voice
 * when it has none; the transcript names the language each piece was
 * said in. A new string (NULL for NULL). */
char *kiosk_speech_in(const char *lang, const char *text);
/* Stop speaking at once. */
void kiosk_speech_stop(struct kiosk_speech *sp);
/* Pause: stop, keeping the text being said and the word reached. */
void kiosk_speech_pause(struct kiosk_speech *sp);
/* Continue it from that word; -1 when nothing was paused. */
int kiosk_speech_resume(struct kiosk_speech *sp);
/* Forget what was said and paused (the next person). */
void kiosk_speech_forget(struct kiosk_speech *sp);
/* 1 while speaking. */
int kiosk_speech_busy(struct kiosk_speech *sp);
/* A copy of every spoken text goes to path, mode 0600, one line
 * "LANG<TAB>text" for each piece said in one language (tests only: it
 * holds what the speaker says, so personal data read with a headset
 * too; never PINs, which are never spoken; NULL: none). */
void kiosk_speech_set_transcript(struct kiosk_speech *sp, const char *path);

struct kiosk_list;
/* The words of a list: lead, numbered choices, page (focus_only: only
 * the focused target, or NULL). A new string or NULL. */
char *kiosk_speech_list_text(struct kiosk_list *l, int focus_only);
/* The same for a screen with one thing above its list (a button such as
 * "0 Show all now", or a text field): first, then the list; focus_only:
 * first when first_focused, else the list's focused target. */
char *kiosk_speech_with(struct kiosk_list *l, const char *first,
    int first_focused, int focus_only);
struct kiosk_button;
/* kiosk_speech_with() for a numbered button above the list: "Number 0:
 * Show all now", then the list. */
char *kiosk_speech_with_button(struct kiosk_list *l,
    const struct kiosk_button *b, int button_focused, int focus_only);

/*
 * The app's side: the API screens call. All do nothing while speech is
 * off, except kiosk_speech_read() which turns it on.
 */
/* Read aloud pressed: speech on, read the whole screen (again). */
void kiosk_speech_read(struct kiosk_app *app);
/* Any input: stop speaking at once. */
void kiosk_speech_input(struct kiosk_app *app);
/* After input was handled: speak a new screen or a new focus. */
void kiosk_speech_follow(struct kiosk_app *app);
/* The next person: speech off, headset off, silence. */
void kiosk_speech_reset(struct kiosk_app *app);
/* Say text (e.g. a confirmation) if speech is on. */
void kiosk_speech_say(struct kiosk_app *app, const char *text,
    enum kiosk_speech_priority pri);
/* Say a field and its value by the privacy rules: PLAIN as it is,
 * PERSONAL only with a headset, SECRET never (only that it is hidden). */
void kiosk_speech_field(struct kiosk_app *app, const char *label,
    const char *value, enum kiosk_speech_kind kind);
/* The words kiosk_speech_field() says, for a screen's speak(): a new
 * string (wipe it before freeing when kind is PERSONAL). A label's
 * trailing colon is dropped. */
char *kiosk_speech_field_text(struct kiosk_app *app, const char *label,
    const char *value, enum kiosk_speech_kind kind);
/* An input error: the field's name and what is wrong, said at once
 * (a problem that begins with the field's name does not say it twice). */
void kiosk_speech_error(struct kiosk_app *app, const char *field,
    const char *problem);
/* A receipt or confirmation: said at once, and once more on repeat. */
void kiosk_speech_receipt(struct kiosk_app *app, const char *text);
/* A code ("K7QX-M4PA") to be said one letter or digit at a time:
 * "K 7 Q X, M 4 P A". A new string. */
char *kiosk_speech_spell(const char *code);
/* The top screen shows something new in place (a new step): read all of
 * it at the next follow, as if it were a new screen. */
void kiosk_speech_renew(struct kiosk_app *app);
/* A key of an on-screen keyboard was pressed: say its words at once. The
 * focus the press left behind counts as spoken, so the reading of the
 * focus after this input does not talk over them. */
void kiosk_speech_pressed(struct kiosk_app *app, const char *text);
/* Staff confirmed (1) or ended (0) the use of a headset. */
void kiosk_speech_set_headset(struct kiosk_app *app, int on);

#endif
