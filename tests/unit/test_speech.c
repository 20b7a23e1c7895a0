/*
 * test_speech: kiosk/speech.c against the real espeak-ng, synthesising
 * into memory through the synth callback: speech is produced for Dutch,
 * English and Arabic, a key press stops it at once, Tigrinya (no voice in
 * Debian 12) is refused rather than spoken with the previous voice; pieces
 * marked with their language are said with their own voice (checked in
 * espeak-ng's phoneme trace) and written to the transcript one line per
 * language, escaped for SSML, and a language without a voice falls back to
 * the interface voice. The voice controls (kiosk/voice.c) are measured
 * in the samples: each volume step's loudness in dB against the softest
 * (the loudest at least 18 dB above it, normal at least 12 dB), and a
 * slower speed makes the same text longer.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <math.h>

#include <cmocka.h>
#include <espeak-ng/speak_lib.h>

#include "kiosk/speech.h"
#include "kiosk/voice.h"

/* About two seconds of audio at 22050 Hz. */
#define MIN_SAMPLES 20000

static const char *const text_nl = "Wat wilt u leren? Nummer 1: zoeken "
    "door een woord te typen. Nummer 2: techniek. Nummer 3: energie.";
static const char *const text_en = "What do you want to learn? Number 1: "
    "search by typing a word. Number 2: technical work. Number 3: energy.";
static const char *const text_ar = "\xd9\x85\xd8\xa7\xd8\xb0\xd8\xa7 "
    "\xd8\xaa\xd8\xb1\xd9\x8a\xd8\xaf \xd8\xa3\xd9\x86 \xd8\xaa\xd8\xaa"
    "\xd8\xb9\xd9\x84\xd9\x85\xd8\x9f \xd8\xa7\xd9\x84\xd8\xb1\xd9\x82"
    "\xd9\x85 1: \xd8\xa7\xd8\xa8\xd8\xad\xd8\xab \xd8\xa8\xd9\x83\xd8\xaa"
    "\xd8\xa7\xd8\xa8\xd8\xa9 \xd9\x83\xd9\x84\xd9\x85\xd8\xa9.";

struct sink {
	long	 samples;
	long	 nonzero;
	int	 calls;
	int	 key_fd;	/* write end: "press a key" after 2 calls */
};

static int
collect(const short *s, int n, void *ctx)
{
	struct sink	*k = ctx;
	int		 i;

	k->samples += n;
	for (i = 0; i < n; i++)
		k->nonzero += s[i] != 0;
	if (++k->calls == 2 && k->key_fd >= 0 && write(k->key_fd, "x", 1) != 1)
		fail_msg("cannot press a key");
	return 0;
}

/* Synthesise text in lang synchronously; the samples made. */
static long
say(const char *lang, const char *text)
{
	struct kiosk_speech	*sp = kiosk_speech_new(KIOSK_SPEECH_SYNC);
	struct sink		 k = { 0, 0, 0, -1 };

	kiosk_speech_set_sink(sp, collect, &k);
	assert_int_equal(kiosk_speech_set_lang(sp, lang), 0);
	assert_null(kiosk_speech_problem(sp));
	assert_int_equal(kiosk_speech_speak(sp, text, KIOSK_SPEECH_NOW), 0);
	kiosk_speech_free(sp);
	assert_true(k.nonzero > k.samples / 4);
	return k.samples;
}

static void
test_languages(void **state)
{
	(void)state;
	assert_true(say("nl", text_nl) > MIN_SAMPLES);
	assert_true(say("en", text_en) > MIN_SAMPLES);
	assert_true(say("ar", text_ar) > MIN_SAMPLES);
}

/* A key press during synthesis stops it: far fewer samples. */
static void
test_key_stops(void **state)
{
	struct kiosk_speech	*sp;
	struct sink		 k = { 0, 0, 0, -1 };
	long			 full;
	int			 fds[2];

	(void)state;
	full = say("en", text_en);
	assert_int_equal(pipe(fds), 0);
	k.key_fd = fds[1];
	sp = kiosk_speech_new(KIOSK_SPEECH_SYNC);
	kiosk_speech_set_sink(sp, collect, &k);
	kiosk_speech_set_input_fd(sp, fds[0]);
	assert_int_equal(kiosk_speech_set_lang(sp, "en"), 0);
	kiosk_speech_speak(sp, text_en, KIOSK_SPEECH_NOW);
	kiosk_speech_free(sp);
	close(fds[0]);
	close(fds[1]);
	assert_true(k.samples > 0);
	assert_true(k.samples < full / 2);
}

/* Asynchronous output (as the kiosk uses it): stop() ends it and
 * nothing arrives afterwards. In a child: espeak-ng has one output per
 * process. */
static int
stop_async_child(void)
{
	struct kiosk_speech	*sp = kiosk_speech_new(KIOSK_SPEECH_MEMORY);
	struct sink		 k = { 0, 0, 0, -1 };
	volatile long		 at_stop;

	kiosk_speech_set_sink(sp, collect, &k);
	if (kiosk_speech_set_lang(sp, "nl") != 0)
		return 2;
	if (kiosk_speech_speak(sp, text_nl, KIOSK_SPEECH_NOW) != 0)
		return 3;
	kiosk_speech_stop(sp);
	if (kiosk_speech_busy(sp))
		return 4;
	at_stop = k.samples;
	usleep(200000);
	if (k.samples != at_stop)
		return 5;
	kiosk_speech_free(sp);
	return 0;
}

static void
test_stop_async(void **state)
{
	pid_t	 pid;
	int	 status;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(stop_async_child());
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_no_voice(void **state)
{
	struct kiosk_speech	*sp = kiosk_speech_new(KIOSK_SPEECH_SYNC);
	struct sink		 k = { 0, 0, 0, -1 };

	(void)state;
	kiosk_speech_set_sink(sp, collect, &k);
	assert_int_equal(kiosk_speech_set_lang(sp, "ar"), 0);
	/* Tigrinya: no voice; the Arabic one must not be used instead. */
	assert_int_equal(kiosk_speech_set_lang(sp, "ti"), -1);
	assert_non_null(kiosk_speech_problem(sp));
	assert_int_equal(kiosk_speech_speak(sp, "test", KIOSK_SPEECH_NOW), -1);
	assert_int_equal(k.samples, 0);
	/* Back to a language with a voice: speech works again. */
	assert_int_equal(kiosk_speech_set_lang(sp, "nl"), 0);
	assert_null(kiosk_speech_problem(sp));
	kiosk_speech_free(sp);
}

/* The whole of file f from the start, NUL-terminated (a new string). */
static char *
slurp(FILE *f)
{
	char	*buf;
	long	 n;

	assert_int_equal(fflush(f), 0);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	return buf;
}

/* Append text marked as in lang to *s. */
static void
join(char **s, const char *lang, const char *text)
{
	char	*piece = lang != NULL ? kiosk_speech_in(lang, text) :
	    strdup(text);
	char	*n;

	assert_non_null(piece);
	n = malloc(strlen(*s) + strlen(piece) + 1);
	assert_non_null(n);
	strcpy(n, *s);
	strcat(n, piece);
	free(*s);
	free(piece);
	*s = n;
}

static void
test_pieces(void **state)
{
	struct kiosk_speech	*sp = kiosk_speech_new(KIOSK_SPEECH_SYNC);
	struct sink		 k = { 0, 0, 0, -1 };
	char			 dir[] = "/tmp/test_speech.XXXXXX", path[64];
	char			*text, *said, *trace;
	FILE			*f, *ph;
	struct stat		 st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/said.txt", dir);
	kiosk_speech_set_sink(sp, collect, &k);
	kiosk_speech_set_transcript(sp, path);
	assert_int_equal(kiosk_speech_set_lang(sp, "en"), 0);
	text = strdup("Number 1: ");
	assert_non_null(text);
	join(&text, "nl", "Nederlands.");
	join(&text, NULL, " Number 2: ");
	/* a tag with a region is said with the voice of its language */
	join(&text, "ar-EG", "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8"
	    "\xd9\x8a\xd8\xa9.");
	join(&text, NULL, " Number 3: ");
	/* no Tigrinya voice: the interface voice says the language's
	 * name, not the Ethiopic letters one by one */
	join(&text, "ti", "\xe1\x89\xb5\xe1\x8c\x8d\xe1\x88\xad\xe1"
	    "\x8a\x9b.");
	join(&text, NULL, " Number 4: ");
	/* markup in the text is text; a mark inside a piece is dropped */
	join(&text, "nl", "A <b> & \"c\" \x0e\x0f" "en\x0e.");
	join(&text, "en", " English. Number three.");
	ph = tmpfile();
	assert_non_null(ph);
	espeak_SetPhonemeTrace(espeakPHONEMES_SHOW, ph);
	assert_int_equal(kiosk_speech_speak(sp, text, KIOSK_SPEECH_NOW), 0);
	assert_int_equal(kiosk_speech_speak(sp, "Number four.",
	    KIOSK_SPEECH_NOW), 0);
	espeak_SetPhonemeTrace(0, NULL);
	kiosk_speech_free(sp);
	assert_true(k.nonzero > k.samples / 4);

	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	f = fopen(path, "r");
	assert_non_null(f);
	said = slurp(f);
	fclose(f);
	assert_string_equal(said,
	    "en\tNumber 1:\n"
	    "nl\tNederlands.\n"
	    "en\tNumber 2:\n"
	    "ar\t\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9.\n"
	    "en\tNumber 3: Tigrinya. Number 4:\n"
	    "nl\tA <b> & \"c\" en.\n"
	    "en\tEnglish. Number three.\n"
	    "en\tNumber four.\n");
	/* What espeak-ng said: Dutch "Nederlands", then English again
	 * (espeak-ng 1.51 keeps the Dutch voice after </voice> when the
	 * interface voice is asked for as "en"), also in the next text. */
	trace = slurp(ph);
	fclose(ph);
	assert_non_null(strstr(trace, "n'e:d@rl,Ants"));
	assert_non_null(strstr(trace, "Tr'i:"));
	assert_non_null(strstr(trace, "f'o@"));
	assert_null(strstr(trace, "(en)n'Vmb3"));
	free(trace);
	free(said);
	free(text);
	unlink(path);
	rmdir(dir);
}

struct energy {
	double	 sum;		/* of squares */
	long	 samples;
};

static int
measure(const short *s, int n, void *ctx)
{
	struct energy	*e = ctx;
	int		 i;

	for (i = 0; i < n; i++)
		e->sum += (double)s[i] * s[i];
	e->samples += n;
	return 0;
}

/* The same English text at volume level and speed: its energy. */
static struct energy
say_at(int level, int speed)
{
	struct kiosk_speech	*sp = kiosk_speech_new(KIOSK_SPEECH_SYNC);
	struct energy		 e = { 0, 0 };

	kiosk_speech_set_sink(sp, measure, &e);
	assert_int_equal(kiosk_speech_set_lang(sp, "en"), 0);
	kiosk_speech_set_prosody(sp, kiosk_voice_volume(level),
	    kiosk_voice_rate(speed));
	assert_int_equal(kiosk_speech_speak(sp, text_en, KIOSK_SPEECH_NOW),
	    0);
	kiosk_speech_free(sp);
	assert_true(e.samples > MIN_SAMPLES);
	return e;
}

static void
test_voice_steps(void **state)
{
	struct energy	 e[KIOSK_VOICE_LEVELS], slow;
	double		 db;
	int		 i;

	(void)state;
	for (i = 0; i < KIOSK_VOICE_LEVELS; i++)
		e[i] = say_at(i, 0);
	for (i = 1; i < KIOSK_VOICE_LEVELS; i++) {
		db = 10 * log10(e[i].sum / e[0].sum);
		print_message("# volume level %d: %+.1f dB against level 1\n",
		    i + 1, db);
		assert_true(e[i].sum > e[i - 1].sum);
	}
	/* At least 18 dB from the softest to the loudest; normal (the
	 * default) at least 12 dB above the softest. */
	assert_true(10 * log10(e[KIOSK_VOICE_LEVELS - 1].sum / e[0].sum) >=
	    18.0 - 0.5);
	assert_true(10 * log10(e[KIOSK_VOICE_NORMAL].sum / e[0].sum) >=
	    12.0 - 0.5);
	/* Slower: the same words take longer. */
	slow = say_at(KIOSK_VOICE_NORMAL, KIOSK_VOICE_SPEEDS - 1);
	print_message("# slowest: %ld samples, normal %ld\n", slow.samples,
	    e[KIOSK_VOICE_NORMAL].samples);
	assert_true(slow.samples > e[KIOSK_VOICE_NORMAL].samples * 13 / 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stop_async),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_key_stops),
		cmocka_unit_test(test_no_voice),
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_voice_steps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
