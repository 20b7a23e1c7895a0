/*
 * test_speech: kiosk/speech.c against the real espeak-ng, synthesising
 * into memory through the synth callback: speech is produced for Dutch,
 * English and Arabic, a key press stops it at once, Tigrinya (no voice in
 * Debian 12) is refused rather than spoken with the previous voice.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "kiosk/speech.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stop_async),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_key_stops),
		cmocka_unit_test(test_no_voice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
