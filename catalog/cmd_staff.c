/*
 * cmd_staff: leerpunt-catalog staff add [--pin-stdin] NAME | remove NAME |
 * list
 *
 * The PIN is asked twice on the terminal with echo off, or read as one line
 * from standard input with --pin-stdin (for scripts). It is kept in locked
 * memory, wiped after hashing, and never printed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "catalog/clock.h"
#include "catalog/cmd.h"
#include "catalog/enrol.h"
#include "catalog/staff.h"
#include "catalog/state.h"

#define PIN_BUF 64

/* Read one line (without newline) from fd into buf; -1 on EOF/error. */
static int
staff_read_line(int fd, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;
	char c;

	for (;;) {
		r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (n == 0)
				return -1;
			break;
		}
		if (c == '\n')
			break;
		if (n + 1 < size)
			buf[n++] = c;
		else
			n = size;	/* too long: make it invalid below */
	}
	if (n >= size) {
		buf[0] = 'x';
		buf[1] = '\0';
		return 0;
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	return 0;
}

/* Ask for the PIN on the terminal without echo. */
static int
staff_ask(int tty, const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	int rc;

	if (tcgetattr(tty, &old) != 0)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	if (write(tty, prompt, strlen(prompt)) < 0 ||
	    tcsetattr(tty, TCSAFLUSH, &quiet) != 0)
		return -1;
	rc = staff_read_line(tty, buf, size);
	tcsetattr(tty, TCSAFLUSH, &old);
	if (write(tty, "\n", 1) < 0)
		rc = -1;
	return rc;
}

static int
staff_add(struct cmd_ctx *ctx, const char *name, int pin_stdin)
{
	struct catalog_state *state = NULL;
	char *pin = NULL, *again, *cause = NULL;
	int tty = -1, rc = 1;

	if (catalog_staff_name_check(name, &cause) != 0)
		goto fail;
	if ((pin = sodium_malloc(2 * PIN_BUF)) == NULL) {
		cmd_fail(ctx, "out of memory");
		return 1;
	}
	again = pin + PIN_BUF;
	if (pin_stdin) {
		if (staff_read_line(STDIN_FILENO, pin, PIN_BUF) != 0) {
			cause = strdup("no PIN on standard input");
			goto fail;
		}
	} else {
		if ((tty = open("/dev/tty", O_RDWR | O_CLOEXEC)) == -1) {
			cause = strdup("no terminal to ask for the PIN; use "
			    "--pin-stdin");
			goto fail;
		}
		if (staff_ask(tty, "PIN (4 to 8 digits): ", pin, PIN_BUF) != 0 ||
		    staff_ask(tty, "The same PIN again: ", again,
		    PIN_BUF) != 0) {
			cause = strdup("cannot read the PIN from the terminal");
			goto fail;
		}
		if (sodium_memcmp(pin, again, PIN_BUF) != 0) {
			cause = strdup("the two PINs differ; nothing was saved");
			goto fail;
		}
	}
	if (!catalog_staff_pin_valid(pin)) {
		cause = strdup("a PIN has 4 to 8 digits and nothing else");
		goto fail;
	}
	if ((state = cmd_open_state(ctx)) == NULL)
		goto out;
	if (catalog_staff_add(state, name, pin, (int64_t)catalog_clock_now(),
	    &cause) != 0)
		goto fail;
	printf("staff account \"%s\" added\n", name);
	rc = 0;
	goto out;
fail:
	cmd_fail(ctx, "staff add: %s", cause);
out:
	free(cause);
	if (tty != -1)
		close(tty);
	if (pin != NULL)
		sodium_free(pin);
	catalog_state_close(state);
	return rc;
}

int
cmd_staff(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "pin-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_state *state;
	char **names, *cause = NULL;
	size_t n, i;
	int c, pin_stdin = 0, rc = 0;
	const char *sub;

	catalog_enrol_harden();
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cmd_usage(ctx, "staff", stdout);
			return 0;
		default:
			cmd_usage(ctx, "staff", stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		cmd_usage(ctx, "staff", stderr);
		return 2;
	}
	sub = argv[optind];
	argv += optind;
	argc -= optind;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			pin_stdin = 1;
			break;
		default:
			cmd_usage(ctx, "staff", c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	if (strcmp(sub, "add") == 0 && optind + 1 == argc)
		return staff_add(ctx, argv[optind], pin_stdin);
	if (strcmp(sub, "remove") == 0 && optind + 1 == argc && !pin_stdin) {
		if ((state = cmd_open_state(ctx)) == NULL)
			return 1;
		if (catalog_staff_remove(state, argv[optind], &cause) != 0)
			rc = cmd_fail(ctx, "staff remove: %s", cause);
		else
			printf("staff account \"%s\" removed\n", argv[optind]);
		free(cause);
		catalog_state_close(state);
		return rc;
	}
	if (strcmp(sub, "list") == 0 && optind == argc && !pin_stdin) {
		if ((state = cmd_open_state(ctx)) == NULL)
			return 1;
		if (catalog_staff_list(state, &names, &n, &cause) != 0)
			rc = cmd_fail(ctx, "staff list: %s", cause);
		else {
			for (i = 0; i < n; i++)
				puts(names[i]);
			catalog_staff_list_free(names, n);
		}
		free(cause);
		catalog_state_close(state);
		return rc;
	}
	cmd_usage(ctx, "staff", stderr);
	return 2;
}
