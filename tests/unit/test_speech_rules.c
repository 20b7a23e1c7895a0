/*
 * test_speech_rules: the privacy rules of kiosk/speech.c, checked in the
 * transcript (what is handed to espeak-ng, synthesised synchronously into
 * a sink that drops the samples): a SECRET field says only that it is
 * hidden, a PERSONAL one its text only with a headset, the idle reset
 * ends the headset, an error names the field once, receipts are spelled
 * character by character, and the transcript file is the owner's only,
 * one line per text.
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
#include <unistd.h>

#include <cmocka.h>

#include "kiosk/app.h"
#include "kiosk/speech.h"

struct fixture {
	char			 dir[64];
	char			 path[96];
	struct kiosk_app	 app;
};

static int
drop(const short *s, int n, void *ctx)
{
	(void)s;
	(void)n;
	(void)ctx;
	return 0;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/test_speech_rules.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/said.txt", f->dir);
	f->app.speech = kiosk_speech_new(KIOSK_SPEECH_SYNC);
	kiosk_speech_set_sink(f->app.speech, drop, NULL);
	kiosk_speech_set_transcript(f->app.speech, f->path);
	if (kiosk_speech_set_lang(f->app.speech, "en") != 0)
		return -1;
	f->app.speech_on = 1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	kiosk_speech_reset(&f->app);
	kiosk_speech_free(f->app.speech);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* The transcript so far (a new string). */
static char *
said(struct fixture *f)
{
	FILE	*fp = fopen(f->path, "r");
	char	*buf = calloc(1, 4096);
	size_t	 n;

	assert_non_null(fp);
	assert_non_null(buf);
	n = fread(buf, 1, 4095, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
test_secret(void **state)
{
	struct fixture	*f = *state;
	char		*t;

	t = kiosk_speech_field_text(&f->app, "PIN:", "4829",
	    KIOSK_SPEECH_SECRET);
	assert_string_equal(t, "PIN: hidden");
	free(t);
	/* Even with a headset. */
	kiosk_speech_set_headset(&f->app, 1);
	kiosk_speech_field(&f->app, "PIN:", "4829", KIOSK_SPEECH_SECRET);
	t = said(f);
	assert_string_equal(t, "en\tPIN: hidden\n");
	free(t);
}

static void
test_personal(void **state)
{
	struct fixture	*f = *state;
	char		*t;

	kiosk_speech_field(&f->app, "Name:", "Zoltan Qwertyberg",
	    KIOSK_SPEECH_PERSONAL);
	kiosk_speech_set_headset(&f->app, 1);
	kiosk_speech_field(&f->app, "Name:", "Zoltan Qwertyberg",
	    KIOSK_SPEECH_PERSONAL);
	kiosk_speech_field(&f->app, "Phone:", "", KIOSK_SPEECH_PERSONAL);
	/* The next person: no headset until staff say so again. */
	kiosk_speech_reset(&f->app);
	assert_int_equal(f->app.headset, 0);
	f->app.speech_on = 1;
	kiosk_speech_field(&f->app, "E-mail:", "zq@example.org",
	    KIOSK_SPEECH_PERSONAL);
	t = said(f);
	assert_string_equal(t,
	    "en\tName: not read aloud without a headset\n"
	    "en\tName: Zoltan Qwertyberg\n"
	    "en\tPhone: empty\n"
	    "en\tE-mail: not read aloud without a headset\n");
	free(t);
}

static void
test_speech_off(void **state)
{
	struct fixture	*f = *state;
	char		*t;

	f->app.speech_on = 0;
	kiosk_speech_set_headset(&f->app, 1);
	kiosk_speech_field(&f->app, "Name:", "Zoltan", KIOSK_SPEECH_PERSONAL);
	kiosk_speech_error(&f->app, "Phone:", "too short");
	kiosk_speech_say(&f->app, "hello", KIOSK_SPEECH_NOW);
	t = said(f);
	assert_string_equal(t, "");
	free(t);
}

static void
test_error(void **state)
{
	struct fixture	*f = *state;
	char		*t;

	/* The catalogue's message names the field already. */
	kiosk_speech_error(&f->app, "Phone:", "Phone: write 8 to 15 digits.");
	kiosk_speech_error(&f->app, "E-mail:", "not an e-mail address.");
	/* Only a whole name is dropped from the front. */
	kiosk_speech_error(&f->app, "Phone:", "Phone or e-mail: fill one in.");
	t = said(f);
	assert_string_equal(t,
	    "en\tError in Phone: write 8 to 15 digits.\n"
	    "en\tError in E-mail: not an e-mail address.\n"
	    "en\tError in Phone: Phone or e-mail: fill one in.\n");
	free(t);
}

static void
test_spell(void **state)
{
	char *t;

	(void)state;
	t = kiosk_speech_spell("K7QX-M4PA");
	assert_string_equal(t, "K 7 Q X, M 4 P A");
	free(t);
	t = kiosk_speech_spell("");
	assert_string_equal(t, "");
	free(t);
	t = kiosk_speech_spell("-AB--C-");
	assert_string_equal(t, "A B, C");
	free(t);
	/* A character of several bytes stays whole. */
	t = kiosk_speech_spell("\xc3\x84" "B");
	assert_string_equal(t, "\xc3\x84 B");
	free(t);
}

static void
test_receipt(void **state)
{
	struct fixture	*f = *state;
	char		*code, *t;

	code = kiosk_speech_spell("K7QX-M4PA");
	kiosk_speech_receipt(&f->app, code);
	free(code);
	assert_string_equal(f->app.receipt, "K 7 Q X, M 4 P A");
	t = said(f);
	assert_string_equal(t, "en\tK 7 Q X, M 4 P A\n");
	free(t);
}

static void
test_transcript_file(void **state)
{
	struct fixture	*f = *state;
	struct stat	 st;
	char		*t;

	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* A line break in a text is a pause, not a second line. */
	kiosk_speech_say(&f->app, "Enrolments: 0 waiting.\nLast update: never.",
	    KIOSK_SPEECH_NOW);
	t = said(f);
	assert_string_equal(t,
	    "en\tEnrolments: 0 waiting. Last update: never.\n");
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_secret, setup, teardown),
		cmocka_unit_test_setup_teardown(test_personal, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_speech_off, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_error, setup, teardown),
		cmocka_unit_test(test_spell),
		cmocka_unit_test_setup_teardown(test_receipt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transcript_file, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
