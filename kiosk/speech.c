/*
 * speech: espeak-ng output and what the kiosk says (see speech.h).
 *
 * espeak-ng keeps its state per process, so one kiosk_speech exists at a
 * time, and the engine is initialised once per process with one output
 * (espeak-ng 1.51 hangs in a second espeak_Terminate()); it is left to
 * the end of the process. PLAYBACK output is asynchronous: espeak_Synth() returns at once
 * and espeak_Cancel() stops the sound. MEMORY output is asynchronous too,
 * but samples go to a sink through the synth callback; SYNC output runs in
 * the caller, and the callback stops synthesis when the input fd has
 * something to read (a key press). PLAYBACK is only started when a sound
 * device exists: ALSA would otherwise write errors over the screen.
 *
 * Pause and continue: the synth callback notes the character position of
 * each word of the last text said at once (espeak-ng reports it as the
 * word is played); pausing keeps that text and position, and continuing
 * has espeak-ng start the same text at that word. LEERPUNT_SPEECH_PACED
 * (tests) makes MEMORY output take as long as playing it would.
 *
 * The words come from the top screen: its title and language mark, its
 * speak() op or, for the list screens (data starting with a kiosk_list),
 * the lead, the numbered choices of the page, the page number and focus.
 *
 * Each piece is said in its own language: a text made with
 * kiosk_speech_in() carries its language code between two marks (SO code
 * SI ... SO SI) through the words of a screen, and kiosk_speech_speak()
 * cuts the words there into pieces. All pieces go to espeak-ng in one
 * SSML document (one espeak_Synth(): the order stays and espeak_Cancel()
 * stops all of it), a piece in another language inside <voice
 * xml:lang="...">, its text escaped by libxml2. A language without a voice
 * (Tigrinya) is said with the interface voice. The xml:lang is the
 * language of the voice espeak-ng itself lists for the code ("en-gb" for
 * "en"): espeak-ng 1.51 does not go back from a <voice> to the voice set
 * with "en" (nor in the next espeak_Synth()), but does for "en-gb".
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_ESPEAK
#include <espeak-ng/speak_lib.h>
#endif
#include <libxml/entities.h>

#include "catalog/fold.h"
#include "catalog/lang.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/bidi.h"
#include "kiosk/button.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"
#include "kiosk/screen.h"
#include "kiosk/speech.h"
#include "kiosk/widget_list.h"

enum kiosk_speech_state {
	KIOSK_SPEECH_OK,
	KIOSK_SPEECH_NOT_BUILT,
	KIOSK_SPEECH_NO_DEVICE,
	KIOSK_SPEECH_FAILED,
	KIOSK_SPEECH_NO_VOICE
};

/* The marks around a piece in its own language (kiosk_speech_in()):
 * Shift Out, the code, Shift In; Shift Out, Shift In ends it. Screen
 * text never holds C0 controls (width.h sanitises it), and
 * kiosk_speech_in() drops these two from what it marks. */
#define KIOSK_SPEECH_SO '\x0e'
#define KIOSK_SPEECH_SI '\x0f'

#define KIOSK_SPEECH_VOICES 16	/* languages whose voice is looked up */

/* The output espeak-ng was initialised with, or -1. */
static int kiosk_speech_engine = -1;

/* A language code and the language of its espeak-ng voice ("" none). */
struct kiosk_speech_voice {
	char	code[CATALOG_LANG_MAX];
	char	tag[CATALOG_LANG_MAX];
};

struct kiosk_speech {
	enum kiosk_speech_output out;
	enum kiosk_speech_state	 state;		/* of the engine */
	int			 voice;		/* 1: voice of lang set */
	char			 lang[16];
	char			 tag[CATALOG_LANG_MAX];	/* its voice's */
	struct kiosk_speech_voice voices[KIOSK_SPEECH_VOICES];
	size_t			 nvoices;
	char			*problem;	/* message last made */
	kiosk_speech_sink	 sink;
	void			*ctx;
	int			 input_fd;
	FILE			*transcript;
	int			 volume, rate;	/* espeak-ng's; 0: its own */
	FILE			*params;	/* test hook, or NULL */
	int			 paced;		/* MEMORY in real time */
	/* The last text said at once, its espeak-ng id and the position
	 * it was started from; what Pause kept of it for Continue. Wiped:
	 * it may hold personal data. The synth callback notes the word
	 * being said (its text's id in the high 32 bits, its position in
	 * the low) and the id of the last text said to its end (texts end
	 * in the order given): both carry the id, because espeak-ng may
	 * report on a text before espeak_Synth() has returned its id. */
	char			*cur_ssml;
	unsigned int		 cur_id;	/* the kiosk's thread only */
	unsigned int		 cur_from;
	atomic_ullong		 word_at;
	atomic_uint		 done_id;
	atomic_int		 stopping;	/* paced: cut synthesis */
	char			*resume_ssml;
	unsigned int		 resume_pos;
};

static int kiosk_speech_rate_hz = 22050;

/* 1 when a sound device (ALSA playback, or a sound server) exists. */
static int
kiosk_speech_has_device(void)
{
	const char	*run = getenv("XDG_RUNTIME_DIR");
	char		 path[512];
	DIR		*dir;
	struct dirent	*de;
	int		 found = 0;

	if (getenv("PULSE_SERVER") != NULL)
		return 1;
	if (run != NULL) {
		snprintf(path, sizeof path, "%s/pulse/native", run);
		if (access(path, F_OK) == 0)
			return 1;
		snprintf(path, sizeof path, "%s/pipewire-0", run);
		if (access(path, F_OK) == 0)
			return 1;
	}
	if ((dir = opendir("/dev/snd")) == NULL)
		return 0;
	while (!found && (de = readdir(dir)) != NULL) {
		/* pcmC0D0p: a playback device */
		size_t n = strlen(de->d_name);
		found = strncmp(de->d_name, "pcmC", 4) == 0 && n > 4 &&
		    de->d_name[n - 1] == 'p';
	}
	closedir(dir);
	return found;
}

/* Wipe and free a text that may hold personal data (read with a
 * headset). */
static void
kiosk_speech_wipe(char *text)
{
	if (text == NULL)
		return;
	explicit_bzero(text, strlen(text));
	free(text);
}

#ifdef HAVE_ESPEAK
/* espeak-ng calls this with samples (MEMORY, SYNC); 1 stops synthesis. */
static int
kiosk_speech_cb(short *wav, int n, espeak_EVENT *ev)
{
	struct kiosk_speech	*sp = ev != NULL ? ev->user_data : NULL;
	struct pollfd		 pfd;

	if (sp == NULL)
		return 0;
	/* espeak_Cancel() waits for synthesis to end: paced, that would
	 * be as long as the text takes to say. */
	if (sp->paced && atomic_load(&sp->stopping))
		return 1;
	for (; ev != NULL && ev->type != espeakEVENT_LIST_TERMINATED; ev++)
		if (ev->type == espeakEVENT_WORD && ev->text_position > 0)
			atomic_store(&sp->word_at,
			    (unsigned long long)ev->unique_identifier << 32 |
			    (unsigned int)ev->text_position);
		else if (ev->type == espeakEVENT_MSG_TERMINATED) {
			atomic_store(&sp->done_id, ev->unique_identifier);
			if (sp->params != NULL)
				fputs("end\n", sp->params);
		}
	if (wav != NULL && n > 0 && sp->sink != NULL &&
	    sp->sink(wav, n, sp->ctx) != 0)
		return 1;
	if (wav != NULL && n > 0 && sp->paced && kiosk_speech_rate_hz > 0)
		usleep((useconds_t)((long long)n * 1000000 /
		    kiosk_speech_rate_hz));
	if (sp->out == KIOSK_SPEECH_SYNC && sp->input_fd >= 0) {
		pfd.fd = sp->input_fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, 0) > 0)
			return 1;
	}
	return 0;
}

/* Stop what espeak-ng is saying or synthesising. */
static void
kiosk_speech_cancel(struct kiosk_speech *sp)
{
	atomic_store(&sp->stopping, 1);
	espeak_Cancel();
	atomic_store(&sp->stopping, 0);
}
#endif

struct kiosk_speech *
kiosk_speech_new(enum kiosk_speech_output out)
{
	struct kiosk_speech *sp = xcalloc(1, sizeof *sp);

	sp->out = out;
	sp->input_fd = -1;
#ifdef HAVE_ESPEAK
	{
		espeak_AUDIO_OUTPUT	 eo;
		int			 rate;

		if (out == KIOSK_SPEECH_PLAYBACK && !kiosk_speech_has_device()) {
			sp->state = KIOSK_SPEECH_NO_DEVICE;
			return sp;
		}
		eo = out == KIOSK_SPEECH_PLAYBACK ? AUDIO_OUTPUT_PLAYBACK :
		    out == KIOSK_SPEECH_MEMORY ? AUDIO_OUTPUT_RETRIEVAL :
		    AUDIO_OUTPUT_SYNCHRONOUS;
		if (kiosk_speech_engine != (int)out) {
			if (kiosk_speech_engine != -1) {
				sp->state = KIOSK_SPEECH_FAILED;
				return sp;
			}
			rate = espeak_Initialize(eo, 100, NULL,
			    espeakINITIALIZE_DONT_EXIT);
			if (rate <= 0) {
				sp->state = KIOSK_SPEECH_FAILED;
				return sp;
			}
			kiosk_speech_engine = (int)out;
			kiosk_speech_rate_hz = rate;
		}
		sp->paced = out == KIOSK_SPEECH_MEMORY &&
		    getenv("LEERPUNT_SPEECH_PACED") != NULL;
		espeak_SetSynthCallback(kiosk_speech_cb);
		sp->state = KIOSK_SPEECH_OK;
	}
#else
	sp->state = KIOSK_SPEECH_NOT_BUILT;
#endif
	return sp;
}

void
kiosk_speech_free(struct kiosk_speech *sp)
{
	if (sp == NULL)
		return;
#ifdef HAVE_ESPEAK
	if (sp->state != KIOSK_SPEECH_NOT_BUILT &&
	    sp->state != KIOSK_SPEECH_NO_DEVICE &&
	    sp->state != KIOSK_SPEECH_FAILED) {
		if (sp->out != KIOSK_SPEECH_SYNC)
			espeak_Cancel();
	}
#endif
	if (sp->transcript != NULL)
		fclose(sp->transcript);
	if (sp->params != NULL)
		fclose(sp->params);
	kiosk_speech_wipe(sp->cur_ssml);
	kiosk_speech_wipe(sp->resume_ssml);
	free(sp->problem);
	free(sp);
}

void
kiosk_speech_set_sink(struct kiosk_speech *sp, kiosk_speech_sink sink,
    void *ctx)
{
	sp->sink = sink;
	sp->ctx = ctx;
}

void
kiosk_speech_set_input_fd(struct kiosk_speech *sp, int fd)
{
	sp->input_fd = fd;
}

void
kiosk_speech_set_params_log(struct kiosk_speech *sp, const char *path)
{
	if (sp->params != NULL)
		fclose(sp->params);
	sp->params = path != NULL ? fopen(path, "ae") : NULL;
	if (sp->params != NULL)
		setvbuf(sp->params, NULL, _IOLBF, 0);
}

void
kiosk_speech_set_prosody(struct kiosk_speech *sp, int volume, int rate)
{
	sp->volume = volume;
	sp->rate = rate;
}

void
kiosk_speech_set_transcript(struct kiosk_speech *sp, const char *path)
{
	int fd;

	if (sp->transcript != NULL)
		fclose(sp->transcript);
	sp->transcript = NULL;
	if (path == NULL)
		return;
	/* Owner only: with a headset it holds what the speaker says. */
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0600)) == -1)
		return;
	if ((sp->transcript = fdopen(fd, "a")) == NULL) {
		close(fd);
		return;
	}
	setvbuf(sp->transcript, NULL, _IOLBF, 0);
}

/* The language of the espeak-ng voice for code ("en-gb" for "en"), or
 * NULL when there is none. A voice of espeak-ng's own (not an MBROLA
 * voice, whose data is a separate package); looked up once per code. */
static const char *
kiosk_speech_voice_tag(struct kiosk_speech *sp, const char *code)
{
	struct kiosk_speech_voice	*v;
	size_t				 i;

	for (i = 0; i < sp->nvoices; i++) {
		if (strcmp(sp->voices[i].code, code) == 0)
			return sp->voices[i].tag[0] != '\0' ?
			    sp->voices[i].tag : NULL;
	}
	if (sp->nvoices == KIOSK_SPEECH_VOICES)
		sp->nvoices = 0;	/* more codes than a kiosk has */
	v = &sp->voices[sp->nvoices++];
	snprintf(v->code, sizeof v->code, "%s", code);
	v->tag[0] = '\0';
#ifdef HAVE_ESPEAK
	if (sp->state == KIOSK_SPEECH_OK || sp->state == KIOSK_SPEECH_NO_VOICE) {
		const espeak_VOICE	**list;
		espeak_VOICE		  spec;

		memset(&spec, 0, sizeof spec);
		spec.languages = v->code;
		/* Best match first; languages: a priority byte, then the
		 * language, for each language of the voice. */
		list = espeak_ListVoices(&spec);
		for (i = 0; list != NULL && list[i] != NULL; i++) {
			if (list[i]->identifier == NULL ||
			    strncmp(list[i]->identifier, "mb/", 3) == 0 ||
			    list[i]->languages == NULL ||
			    list[i]->languages[0] == '\0')
				continue;
			snprintf(v->tag, sizeof v->tag, "%s",
			    list[i]->languages + 1);
			break;
		}
	}
#endif
	return v->tag[0] != '\0' ? v->tag : NULL;
}

int
kiosk_speech_set_lang(struct kiosk_speech *sp, const char *code)
{
	snprintf(sp->lang, sizeof sp->lang, "%s", code);
	sp->voice = 0;
	sp->tag[0] = '\0';
#ifdef HAVE_ESPEAK
	if (sp->state == KIOSK_SPEECH_OK || sp->state == KIOSK_SPEECH_NO_VOICE) {
		espeak_VOICE	 v;
		const char	*tag = kiosk_speech_voice_tag(sp, sp->lang);

		/* Not found leaves the old voice: never speak with it. */
		memset(&v, 0, sizeof v);
		v.languages = tag != NULL ? tag : sp->lang;
		if (tag != NULL && espeak_SetVoiceByProperties(&v) == EE_OK) {
			snprintf(sp->tag, sizeof sp->tag, "%s", tag);
			sp->voice = 1;
			sp->state = KIOSK_SPEECH_OK;
		} else
			sp->state = KIOSK_SPEECH_NO_VOICE;
	}
#endif
	return sp->voice ? 0 : -1;
}

const char *
kiosk_speech_problem(struct kiosk_speech *sp)
{
	struct kiosk_format	*fmt;
	char			*name;

	free(sp->problem);
	sp->problem = NULL;
	switch (sp->state) {
	case KIOSK_SPEECH_OK:
		return sp->voice ? NULL : _("Reading aloud does not work "
		    "right now. Please ask a staff member to read with you.");
	case KIOSK_SPEECH_NOT_BUILT:
		return _("Reading aloud is not installed on this kiosk.\n"
		    "Please ask a staff member to read with you.");
	case KIOSK_SPEECH_NO_DEVICE:
		return _("Reading aloud does not work: this kiosk has no "
		    "sound device.\nPlease ask a staff member to read with "
		    "you.");
	case KIOSK_SPEECH_FAILED:
		return _("Reading aloud does not work right now.\n"
		    "Please ask a staff member to read with you.");
	case KIOSK_SPEECH_NO_VOICE:
		break;
	}
	fmt = kiosk_format_new(sp->lang);
	name = kiosk_format_lang_name(fmt, sp->lang);
	kiosk_format_free(fmt);
	sp->problem = xasprintf(_("Reading aloud is not available in %s.\n"
	    "Please ask a staff member to read with you, or choose another "
	    "language."), name);
	free(name);
	return sp->problem;
}

char *
kiosk_speech_in(const char *lang, const char *text)
{
	char		 code[CATALOG_LANG_MAX];
	const char	*p;
	char		*out, *o;
	int		 marked;

	if (text == NULL)
		return NULL;
	marked = lang != NULL && catalog_lang_primary(lang, code,
	    sizeof code) == 0;
	o = out = xmalloc(strlen(text) + sizeof code + 5);
	if (marked) {
		*o++ = KIOSK_SPEECH_SO;
		o = stpcpy(o, code);
		*o++ = KIOSK_SPEECH_SI;
	}
	for (p = text; *p != '\0'; p++) {
		if (*p != KIOSK_SPEECH_SO && *p != KIOSK_SPEECH_SI)
			*o++ = *p;
	}
	if (marked) {
		*o++ = KIOSK_SPEECH_SO;
		*o++ = KIOSK_SPEECH_SI;
	}
	*o = '\0';
	return out;
}

/* A run of a spoken text between language marks, and the language it is
 * said in (the interface's when its own has no voice). */
struct kiosk_speech_piece {
	const char	*text;
	size_t		 len;
	char		*name;		/* text, when it is the name of a
					 * language without a voice */
	char		 lang[CATALOG_LANG_MAX];
	char		 tag[CATALOG_LANG_MAX];	/* its voice's language */
};

/* Cut text at the language marks into runs (pc has room for one more
 * than text has SO marks). Returns the count. */
static size_t
kiosk_speech_cut(struct kiosk_speech *sp, const char *text,
    struct kiosk_speech_piece *pc)
{
	char		 want[CATALOG_LANG_MAX];
	const char	*p = text, *end, *tag = sp->tag, *code = sp->lang;
	size_t		 n = 0, len;
	int		 voiceless = 0;

	while (*p != '\0') {
		if (*p == KIOSK_SPEECH_SO) {
			/* SO code SI: a piece in code; SO SI: back */
			end = strchr(p + 1, KIOSK_SPEECH_SI);
			len = end != NULL ? (size_t)(end - p - 1) : 0;
			code = sp->lang;
			tag = sp->tag;
			voiceless = 0;
			if (len > 0 && len < sizeof want) {
				memcpy(want, p + 1, len);
				want[len] = '\0';
				if (kiosk_speech_voice_tag(sp, want) != NULL) {
					code = want;
					tag = kiosk_speech_voice_tag(sp, want);
				} else
					voiceless = 1;
			}
			p = end != NULL ? end + 1 : p + 1;
			continue;
		}
		len = strcspn(p, "\x0e");
		pc[n].text = p;
		pc[n].len = len;
		/*
		 * The interface voice would read a script it does not know
		 * (Tigrinya's Ethiopic) letter by letter: it says the
		 * language's name instead ("Tigrinya"). Latin text in a
		 * language without a voice is still read.
		 */
		if (voiceless && catalog_fold_non_latin(p, len)) {
			struct kiosk_format *fmt = kiosk_format_new(sp->lang);
			char *name = kiosk_format_lang_name(fmt, want);

			kiosk_format_free(fmt);
			/* The piece's closing full stop stays. */
			if (name != NULL) {
				pc[n].name = xasprintf("%s%s", name, len > 0 &&
				    strchr(".?!:", p[len - 1]) != NULL ? "." :
				    "");
				free(name);
				pc[n].text = pc[n].name;
				pc[n].len = strlen(pc[n].name);
			}
		}
		/* the same voice is the same language ("en" on an en screen) */
		snprintf(pc[n].lang, sizeof pc[n].lang, "%s",
		    strcmp(tag, sp->tag) == 0 ? sp->lang : code);
		snprintf(pc[n].tag, sizeof pc[n].tag, "%s", tag);
		n++;
		p += len;
	}
	return n;
}

/* The transcript line of runs pc[0..n) (one language): "LANG<TAB>text"
 * with line breaks as spaces and no blanks at either end; nothing when
 * they hold only blanks. */
static void
kiosk_speech_line(FILE *f, const struct kiosk_speech_piece *pc, size_t n)
{
	const char	*p, *e;
	size_t		 i, pending = 0;
	int		 started = 0;

	for (i = 0; i < n; i++) {
		for (p = pc[i].text, e = p + pc[i].len; p < e; p++) {
			if (*p == ' ' || *p == '\n') {
				pending += started;
				continue;
			}
			if (!started)
				fprintf(f, "%s\t", pc[0].lang);
			for (; pending > 0; pending--)
				putc(' ', f);
			putc(*p, f);
			started = 1;
		}
	}
	if (started)
		putc('\n', f);
}

/* The SSML document of runs pc[0..np): text escaped, runs in another
 * language than the interface's in a <voice>. A new string. */
static char *
kiosk_speech_ssml(struct kiosk_speech *sp,
    const struct kiosk_speech_piece *pc, size_t np)
{
	xmlChar	**esc;
	char	 *out, *o, *run;
	size_t	  i, size = sizeof "<speak></speak>";
	int	  other;

	esc = xcalloc(np + 1, sizeof *esc);
	for (i = 0; i < np; i++) {
		run = xstrndup(pc[i].text, pc[i].len);
		esc[i] = xmlEncodeSpecialChars(NULL, (const xmlChar *)run);
		kiosk_speech_wipe(run);
		if (esc[i] == NULL)
			abort();	/* out of memory, as xmalloc */
		size += strlen((char *)esc[i]) + strlen(pc[i].tag) +
		    sizeof "<voice xml:lang=\"\"></voice>";
	}
	o = out = xmalloc(size);
	o = stpcpy(o, "<speak>");
	for (i = 0; i < np; i++) {
		other = strcmp(pc[i].tag, sp->tag) != 0;
		if (other)
			o += sprintf(o, "<voice xml:lang=\"%s\">", pc[i].tag);
		o = stpcpy(o, (char *)esc[i]);
		if (other)
			o = stpcpy(o, "</voice>");
		explicit_bzero(esc[i], strlen((char *)esc[i]));
		xmlFree(esc[i]);
	}
	stpcpy(o, "</speak>");
	free(esc);
	return out;
}

int
kiosk_speech_speak(struct kiosk_speech *sp, const char *text,
    enum kiosk_speech_priority pri)
{
	struct kiosk_speech_piece	*pc;
	const char			*p;
	char				*plain, *ssml;
	size_t				 np, n = 1, i, j;
	int				 r = -1;
#ifdef HAVE_ESPEAK
	unsigned int			 uid = 0;
#endif

	if (sp->state != KIOSK_SPEECH_OK || !sp->voice || text == NULL ||
	    *text == '\0')
		return -1;
	/* The isolates that keep catalogue text in its direction on
	 * screen (bidi.h) are not for the voice. */
	plain = kiosk_bidi_strip(text, strlen(text));
	for (p = plain; (p = strchr(p, KIOSK_SPEECH_SO)) != NULL; p++)
		n++;
	pc = xcalloc(n, sizeof *pc);
	np = kiosk_speech_cut(sp, plain, pc);
	/* What espeak-ng is given for this text (in MEMORY and PLAYBACK
	 * output it takes them in order with the text, so it cannot
	 * report them back yet); before the transcript line, so a test
	 * that saw the words finds them. */
	if (sp->params != NULL)
		fprintf(sp->params, "volume=%d rate=%d\n", sp->volume,
		    sp->rate);
	if (sp->transcript != NULL) {
		/* One line per piece in one language, as said. */
		for (i = 0; i < np; i = j) {
			for (j = i; j < np && strcmp(pc[j].lang, pc[i].lang) ==
			    0; j++)
				;
			kiosk_speech_line(sp->transcript, pc + i, j - i);
		}
	}
	ssml = kiosk_speech_ssml(sp, pc, np);
#ifdef HAVE_ESPEAK
	/* SYNC output: nothing is being said while we are here. */
	if (pri == KIOSK_SPEECH_NOW && sp->out != KIOSK_SPEECH_SYNC)
		kiosk_speech_cancel(sp);
	/* The person's volume and speed (voice.c), for every text. */
	if (sp->volume > 0)
		espeak_SetParameter(espeakVOLUME, sp->volume, 0);
	if (sp->rate > 0)
		espeak_SetParameter(espeakRATE, sp->rate, 0);
	if (pri == KIOSK_SPEECH_NOW) {
		sp->cur_id = 0;
		sp->cur_from = 0;
	}
	if (espeak_Synth(ssml, strlen(ssml) + 1, 0, POS_CHARACTER, 0,
	    espeakCHARS_UTF8 | espeakSSML | espeakENDPAUSE, &uid, sp) ==
	    EE_OK) {
		r = 0;
		if (pri == KIOSK_SPEECH_NOW) {
			sp->cur_id = uid;
			kiosk_speech_wipe(sp->cur_ssml);
			sp->cur_ssml = xstrdup(ssml);
		}
	}
#else
	(void)pri;
#endif
	kiosk_speech_wipe(ssml);
	kiosk_speech_wipe(plain);
	for (i = 0; i < np; i++)
		free(pc[i].name);
	free(pc);
	return r;
}

void
kiosk_speech_stop(struct kiosk_speech *sp)
{
#ifdef HAVE_ESPEAK
	if (sp->state == KIOSK_SPEECH_OK && sp->out != KIOSK_SPEECH_SYNC)
		kiosk_speech_cancel(sp);
#else
	(void)sp;
#endif
}

void
kiosk_speech_pause(struct kiosk_speech *sp)
{
	unsigned int		id = sp->cur_id;
	unsigned long long	at = atomic_load(&sp->word_at);
	int			done = id != 0 &&
				    atomic_load(&sp->done_id) >= id;

	kiosk_speech_stop(sp);
	kiosk_speech_wipe(sp->resume_ssml);
	sp->resume_ssml = NULL;
	/* Said to its end: Continue reads the screen again. */
	if (done)
		kiosk_speech_wipe(sp->cur_ssml);
	else
		sp->resume_ssml = sp->cur_ssml;
	/* No word of it reported yet: from where it was started. */
	sp->resume_pos = id != 0 && (unsigned int)(at >> 32) == id ?
	    (unsigned int)at : sp->cur_from;
	sp->cur_ssml = NULL;
	sp->cur_id = 0;
}

int
kiosk_speech_resume(struct kiosk_speech *sp)
{
	int r = -1;

	if (sp->resume_ssml == NULL || sp->state != KIOSK_SPEECH_OK)
		return -1;
	if (sp->transcript != NULL)
		fprintf(sp->transcript, "%s\t[continued from character %u]\n",
		    sp->lang, sp->resume_pos);
#ifdef HAVE_ESPEAK
	{
		unsigned int uid = 0;

		kiosk_speech_cancel(sp);
		sp->cur_id = 0;
		sp->cur_from = sp->resume_pos;
		if (sp->volume > 0)
			espeak_SetParameter(espeakVOLUME, sp->volume, 0);
		if (sp->rate > 0)
			espeak_SetParameter(espeakRATE, sp->rate, 0);
		if (espeak_Synth(sp->resume_ssml, strlen(sp->resume_ssml) + 1,
		    sp->resume_pos, POS_CHARACTER, 0, espeakCHARS_UTF8 |
		    espeakSSML | espeakENDPAUSE, &uid, sp) == EE_OK) {
			r = 0;
			sp->cur_id = uid;
		}
	}
#endif
	/* Said again from there: it is the text being said now. */
	kiosk_speech_wipe(sp->cur_ssml);
	sp->cur_ssml = sp->resume_ssml;
	sp->resume_ssml = NULL;
	return r;
}

void
kiosk_speech_forget(struct kiosk_speech *sp)
{
	kiosk_speech_wipe(sp->cur_ssml);
	kiosk_speech_wipe(sp->resume_ssml);
	sp->cur_ssml = sp->resume_ssml = NULL;
	sp->cur_id = 0;
}

int
kiosk_speech_busy(struct kiosk_speech *sp)
{
#ifdef HAVE_ESPEAK
	if (sp->state == KIOSK_SPEECH_OK)
		return espeak_IsPlaying() != 0;
#else
	(void)sp;
#endif
	return 0;
}

/* --- what the kiosk says ------------------------------------------- */

struct kiosk_speech_buf {
	char	*s;
};

/* Append a sentence (text ends with ". " unless it has an end mark; a
 * piece in its own language at the end keeps the mark inside). */
static void
kiosk_speech_add(struct kiosk_speech_buf *b, const char *text)
{
	char	*n, *plain;
	size_t	 len;
	int	 close = 0;

	if (text == NULL)
		return;
	plain = kiosk_bidi_strip(text, strlen(text));
	text = plain;
	len = strlen(text);
	if (len >= 2 && text[len - 2] == KIOSK_SPEECH_SO &&
	    text[len - 1] == KIOSK_SPEECH_SI) {
		close = 1;
		len -= 2;
	}
	/* A lead may end with an empty line. */
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
		len--;
	if (len == 0 || (close && text[len - 1] == KIOSK_SPEECH_SI)) {
		kiosk_speech_wipe(plain);
		return;
	}
	n = xasprintf("%s%s%.*s%s%s", b->s != NULL ? b->s : "",
	    b->s != NULL ? " " : "", (int)len, text,
	    strchr(".?!:\xd8\x9f", text[len - 1]) != NULL ? "" : ".",
	    close ? "\x0e\x0f" : "");
	kiosk_speech_wipe(b->s);
	kiosk_speech_wipe(plain);
	b->s = n;
}

/* 1 when the screen's data begins with a kiosk_list (see screen.h). */
static int
kiosk_speech_is_list(struct kiosk_screen *s)
{
	return s->ops->focus == kiosk_screen_focus_list;
}

/* "Number 2: Care and welfare, For people who..." */
static char *
kiosk_speech_item(struct kiosk_list *l, size_t i)
{
	struct kiosk_list_item	*it = &l->items[i];
	char			*label, *said, *s;
	size_t			 num = kiosk_list_number(l, i);

	/* The label in its own language (a title, a language's name). */
	said = it->lang[0] != '\0' ? kiosk_speech_in(it->lang, it->label) :
	    xstrdup(it->label);
	/* Then what its pictogram shows, then the detail. */
	if (it->picto_say != NULL) {
		char *pic = xasprintf(_("picture: %s"), it->picto_say);

		s = xasprintf("%s, %s", said, pic);
		free(pic);
		free(said);
		said = s;
	}
	label = it->detail != NULL ? xasprintf("%s, %s", said, it->detail) :
	    xstrdup(said);
	free(said);
	if (num == 0)
		return label;
	s = xasprintf(_("Number %zu: %s"), num, label);
	free(label);
	return s;
}

/*
 * Lines i.. of one paragraph (each after the first marked cont) as one
 * text, in its language: the whole of it, or (lang_inner) its isolated
 * pieces, whose isolates become the marks of kiosk_speech_in(). *i ends
 * on the paragraph's last line.
 */
static char *
kiosk_speech_para(struct kiosk_list *l, size_t *i)
{
	const struct kiosk_list_item *it = &l->items[*i];
	char	*text = xstrdup(it->label), *n, *out, *o;
	char	 code[CATALOG_LANG_MAX];
	size_t	 k;

	while (*i + 1 < l->n && l->items[*i + 1].cont) {
		(*i)++;
		n = xasprintf("%s %s", text, l->items[*i].label);
		free(text);
		text = n;
	}
	if (it->lang[0] == '\0' || catalog_lang_primary(it->lang, code,
	    sizeof code) != 0)
		return text;
	if (!it->lang_inner) {
		n = kiosk_speech_in(it->lang, text);
		free(text);
		return n;
	}
	/* An isolate (3 bytes) becomes at most a code and two marks. */
	o = out = xmalloc(strlen(text) + strlen(text) / 3 * (sizeof code + 2) +
	    1);
	for (k = 0; text[k] != '\0'; k++) {
		if (strncmp(text + k, KIOSK_BIDI_LRI, 3) == 0 ||
		    strncmp(text + k, KIOSK_BIDI_RLI, 3) == 0 ||
		    strncmp(text + k, KIOSK_BIDI_FSI, 3) == 0) {
			*o++ = KIOSK_SPEECH_SO;
			o = stpcpy(o, code);
			*o++ = KIOSK_SPEECH_SI;
			k += 2;
		} else if (strncmp(text + k, KIOSK_BIDI_PDI, 3) == 0) {
			*o++ = KIOSK_SPEECH_SO;
			*o++ = KIOSK_SPEECH_SI;
			k += 2;
		} else if (text[k] != KIOSK_SPEECH_SO &&
		    text[k] != KIOSK_SPEECH_SI)
			*o++ = text[k];
	}
	*o = '\0';
	free(text);
	return out;
}

/* The focused target of a list, or NULL. */
static char *
kiosk_speech_list_focus(struct kiosk_list *l)
{
	if (l->focus == KIOSK_LIST_PREV)
		return xstrdup(_("Previous page"));
	if (l->focus == KIOSK_LIST_NEXT)
		return xstrdup(_("Next page"));
	if (l->focus >= 0 && (size_t)l->focus < l->n &&
	    l->style == KIOSK_LIST_BLOCKS)
		return kiosk_speech_item(l, (size_t)l->focus);
	return NULL;
}

char *
kiosk_speech_list_text(struct kiosk_list *l, int focus_only)
{
	struct kiosk_speech_buf	 b = { NULL };
	char			*t;
	size_t			 i;

	if (focus_only)
		return kiosk_speech_list_focus(l);
	if (l->lead != NULL)
		kiosk_speech_add(&b, l->lead);
	for (i = 0; i < l->n; i++) {
		if (l->style == KIOSK_LIST_BLOCKS) {
			t = kiosk_speech_item(l, i);
			kiosk_speech_add(&b, t);
			free(t);
		} else {
			t = kiosk_speech_para(l, &i);
			kiosk_speech_add(&b, t);
			free(t);
		}
	}
	if (l->total > l->per_page) {
		t = xasprintf(_("Page %zu of %zu"), l->first / l->per_page + 1,
		    (l->total + l->per_page - 1) / l->per_page);
		kiosk_speech_add(&b, t);
		free(t);
	}
	return b.s;
}

/* The focused item of the top screen (or of the bar), or NULL. */
static char *
kiosk_speech_focus(struct kiosk_app *app, struct kiosk_screen *s)
{
	if (app->bar_focus >= 0 && !s->no_bar)
		return xasprintf(_("Button: %s"),
		    kiosk_bar_text(&app->bar, app->bar_focus));
	if (s->ops->speak != NULL)
		return s->ops->speak(s, app, 1);
	if (kiosk_speech_is_list(s))
		return kiosk_speech_list_text(s->data, 1);
	return NULL;
}

/* Everything on the top screen, in reading order. */
static char *
kiosk_speech_screen(struct kiosk_app *app, struct kiosk_screen *s)
{
	struct kiosk_speech_buf	 b = { NULL };
	char			*t;
	int			 i;

	kiosk_speech_add(&b, s->title_said != NULL ? s->title_said : s->title);
	if (s->title_mark != NULL) {
		t = xasprintf(_("in %s"), s->title_mark);
		kiosk_speech_add(&b, t);
		free(t);
	}
	t = s->ops->speak != NULL ? s->ops->speak(s, app, 0) :
	    kiosk_speech_is_list(s) ? kiosk_speech_list_text(s->data, 0) :
	    NULL;
	kiosk_speech_add(&b, t);
	kiosk_speech_wipe(t);
	if ((t = kiosk_speech_focus(app, s)) != NULL) {
		char *f = xasprintf(_("Selected: %s"), t);

		kiosk_speech_add(&b, f);
		free(f);
		free(t);
	}
	if (!s->no_bar) {
		t = xstrdup(_("Buttons at the bottom:"));
		for (i = 0; i < KIOSK_BAR_COUNT; i++) {
			char *n;

			if (!app->bar.shown[i])
				continue;
			n = xasprintf("%s %s%s", t,
			    kiosk_bar_text(&app->bar, i),
			    kiosk_bar_next(&app->bar, i, 1) < KIOSK_BAR_COUNT ?
			    "," : "");
			free(t);
			t = n;
		}
		kiosk_speech_add(&b, t);
		free(t);
	}
	return b.s;
}

static struct kiosk_screen *
kiosk_speech_top(struct kiosk_app *app)
{
	return app->depth > 0 ? app->stack[app->depth - 1] : NULL;
}

/* Remember what was said of screen s, for follow(). */
static void
kiosk_speech_mark(struct kiosk_app *app, struct kiosk_screen *s)
{
	app->spoken_screen = s;
	app->spoken_depth = app->depth;
	free(app->spoken_title);
	app->spoken_title = xstrdup(s->title != NULL ? s->title : "");
	free(app->spoken_focus);
	app->spoken_focus = kiosk_speech_focus(app, s);
}

void
kiosk_speech_read(struct kiosk_app *app)
{
	struct kiosk_screen	*s = kiosk_speech_top(app);
	const char		*problem;
	char			*text;

	if (s == NULL)
		return;
	if ((problem = kiosk_speech_problem(app->speech)) != NULL) {
		kiosk_app_push(app, kiosk_screen_notice_new(app,
		    _("Read aloud"), problem));
		return;
	}
	app->speech_on = 1;
	text = kiosk_speech_screen(app, s);
	kiosk_speech_speak(app->speech, text, KIOSK_SPEECH_NOW);
	kiosk_speech_wipe(text);
	if (app->receipt != NULL && (app->receipt_screen == NULL ||
	    app->receipt_screen == s)) {
		app->receipt_screen = s;
		kiosk_speech_speak(app->speech, app->receipt,
		    KIOSK_SPEECH_AFTER);
	}
	kiosk_speech_mark(app, s);
}

void
kiosk_speech_input(struct kiosk_app *app)
{
	if (app->speech != NULL)
		kiosk_speech_stop(app->speech);
}

void
kiosk_speech_follow(struct kiosk_app *app)
{
	struct kiosk_screen	*s = kiosk_speech_top(app);
	char			*text;

	if (!app->speech_on || s == NULL)
		return;
	if (s != app->spoken_screen || app->depth != app->spoken_depth ||
	    app->spoken_title == NULL || strcmp(app->spoken_title,
	    s->title != NULL ? s->title : "") != 0) {
		text = kiosk_speech_screen(app, s);
		kiosk_speech_speak(app->speech, text, KIOSK_SPEECH_NOW);
		kiosk_speech_wipe(text);
		/* A receipt belongs to the screen shown after it was made. */
		if (app->receipt != NULL && app->receipt_screen == NULL) {
			app->receipt_screen = s;
			kiosk_speech_speak(app->speech, app->receipt,
			    KIOSK_SPEECH_AFTER);
		} else if (app->receipt != NULL) {
			free(app->receipt);
			app->receipt = NULL;
		}
		kiosk_speech_mark(app, s);
		return;
	}
	text = kiosk_speech_focus(app, s);
	if (text != NULL && (app->spoken_focus == NULL ||
	    strcmp(text, app->spoken_focus) != 0))
		kiosk_speech_speak(app->speech, text, KIOSK_SPEECH_NOW);
	free(app->spoken_focus);
	app->spoken_focus = text;
}

void
kiosk_speech_reset(struct kiosk_app *app)
{
	kiosk_speech_input(app);
	if (app->speech != NULL)
		kiosk_speech_forget(app->speech);
	app->speech_on = 0;
	app->headset = 0;
	app->spoken_screen = NULL;
	app->spoken_depth = 0;
	free(app->spoken_title);
	free(app->spoken_focus);
	if (app->receipt != NULL)
		explicit_bzero(app->receipt, strlen(app->receipt));
	free(app->receipt);
	app->spoken_title = app->spoken_focus = app->receipt = NULL;
	app->receipt_screen = NULL;
}

void
kiosk_speech_say(struct kiosk_app *app, const char *text,
    enum kiosk_speech_priority pri)
{
	if (app->speech_on && app->speech != NULL)
		kiosk_speech_speak(app->speech, text, pri);
}

/* A field's name as said: its label without the colon it is shown with
 * ("Name:" -> "Name"). A new string. */
static char *
kiosk_speech_name(const char *label)
{
	size_t n = strlen(label);

	while (n > 0 && (label[n - 1] == ':' || label[n - 1] == ' '))
		n--;
	return xstrndup(label, n);
}

char *
kiosk_speech_field_text(struct kiosk_app *app, const char *label,
    const char *value, enum kiosk_speech_kind kind)
{
	char *name, *text;

	name = kiosk_speech_name(label);
	if (kind == KIOSK_SPEECH_SECRET)
		text = xasprintf(_("%s: hidden"), name);
	else if (kind == KIOSK_SPEECH_PERSONAL && !app->headset)
		text = xasprintf(_("%s: not read aloud without a headset"),
		    name);
	else
		text = xasprintf(_("%s: %s"), name, value != NULL &&
		    *value != '\0' ? value : _("empty"));
	free(name);
	return text;
}

void
kiosk_speech_field(struct kiosk_app *app, const char *label,
    const char *value, enum kiosk_speech_kind kind)
{
	char *text;

	if (!app->speech_on)
		return;
	text = kiosk_speech_field_text(app, label, value, kind);
	kiosk_speech_say(app, text, KIOSK_SPEECH_NOW);
	kiosk_speech_wipe(text);
}

void
kiosk_speech_error(struct kiosk_app *app, const char *field,
    const char *problem)
{
	char	*name, *text;
	size_t	 n;

	if (!app->speech_on)
		return;
	name = kiosk_speech_name(field);
	n = strlen(name);
	/* "Phone: write 8 to 15 digits" names the field already. */
	if (n > 0 && strncmp(problem, name, n) == 0 && problem[n] == ':') {
		problem += n + 1;
		while (*problem == ' ')
			problem++;
	}
	text = xasprintf(_("Error in %s: %s"), name, problem);
	kiosk_speech_say(app, text, KIOSK_SPEECH_NOW);
	free(text);
	free(name);
}

void
kiosk_speech_receipt(struct kiosk_app *app, const char *text)
{
	free(app->receipt);
	app->receipt = xstrdup(text);
	app->receipt_screen = NULL;
	kiosk_speech_say(app, text, KIOSK_SPEECH_AFTER);
}

char *
kiosk_speech_spell(const char *code)
{
	char	*out, *o;
	int	 group = 0;

	/* Each character, a space, and ", " for a dash: at most 3 each. */
	o = out = xmalloc(3 * strlen(code) + 1);
	for (; *code != '\0'; code++) {
		if (*code == '-' || *code == ' ') {
			group = 1;
			continue;
		}
		/* A UTF-8 continuation byte stays with its character. */
		if (o > out && ((unsigned char)*code & 0xc0) != 0x80) {
			if (group)
				*o++ = ',';
			*o++ = ' ';
		}
		group = 0;
		*o++ = *code;
	}
	*o = '\0';
	return out;
}

void
kiosk_speech_renew(struct kiosk_app *app)
{
	app->spoken_screen = NULL;
}

void
kiosk_speech_pressed(struct kiosk_app *app, const char *text)
{
	struct kiosk_screen *s = kiosk_speech_top(app);

	if (!app->speech_on || app->speech == NULL || s == NULL)
		return;
	kiosk_speech_speak(app->speech, text, KIOSK_SPEECH_NOW);
	free(app->spoken_focus);
	app->spoken_focus = kiosk_speech_focus(app, s);
}

void
kiosk_speech_set_headset(struct kiosk_app *app, int on)
{
	app->headset = on != 0;
}

char *
kiosk_speech_with_button(struct kiosk_list *l, const struct kiosk_button *b,
    int button_focused, int focus_only)
{
	char *first, *t;

	first = xasprintf(_("Number %zu: %s"), (size_t)(b->key - '0'),
	    b->label != NULL ? b->label : "");
	t = kiosk_speech_with(l, first, button_focused, focus_only);
	free(first);
	return t;
}

char *
kiosk_speech_with(struct kiosk_list *l, const char *first, int first_focused,
    int focus_only)
{
	struct kiosk_speech_buf	 b = { NULL };
	char			*t;

	if (focus_only)
		return first_focused ? (first != NULL ? xstrdup(first) : NULL) :
		    kiosk_speech_list_text(l, 1);
	kiosk_speech_add(&b, first);
	t = kiosk_speech_list_text(l, 0);
	kiosk_speech_add(&b, t);
	free(t);
	return b.s;
}
