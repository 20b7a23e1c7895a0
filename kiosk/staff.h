/*
 * staff: the kiosk side of staff mode (issue 6) that is not a screen:
 * its settings (state database, office key, sync command, idle time), the
 * state database opened on first use, the long press on the top-right
 * corner that opens it, and "Send and update now": leerpunt-sync --once
 * run as a child process whose last line of output is shown.
 *
 * Staff mode itself is a flag: the PIN screen (screen_pin.c) sets it, the
 * app clears it after --staff-idle seconds without input or at the idle
 * reset, and screens marked staff_only leave the stack then.
 */
#ifndef KIOSK_STAFF_H
#define KIOSK_STAFF_H

#include <stdint.h>
#include <sys/types.h>

#include <curses.h>

struct catalog_state;

#define KIOSK_STAFF_IDLE 120		/* default seconds */
#define KIOSK_STAFF_LINE 200		/* bytes of sync output kept */

struct kiosk_staff {
	/* Settings from the command line (NULL: defaults). */
	const char		*state_path;
	const char		*office_key;
	const char		*sync_program;
	const char		*sync_repo;
	const char		*sync_inbox;
	const char		*db_path;
	const char		*config_path;	/* --config, passed to sync */
	const char		*kiosk_id;	/* the place, in enrolments */
	int			 idle;		/* seconds */

	int			 active;	/* staff mode is on */
	struct catalog_state	*state;		/* opened on first use */
	int64_t			 corner_press;	/* ms, 0: none */

	/* The sync child. */
	pid_t			 pid;		/* -1: none running */
	int			 fd;		/* its output, or -1 */
	char			 buf[KIOSK_STAFF_LINE];	/* partial line */
	size_t			 buflen;
	char			 line[KIOSK_STAFF_LINE];	/* last line */
	int			 status;	/* exit status, -1 unknown */
	int			 ran;		/* a sync ran since start */
};

void kiosk_staff_init(struct kiosk_staff *st);
/* Close the state database; stop and reap a running sync. */
void kiosk_staff_done(struct kiosk_staff *st);
/* The state database, opened (and made) on first use; NULL and *cause. */
struct catalog_state *kiosk_staff_state(struct kiosk_staff *st,
    char **cause);
/* A mouse event: 1 when it ends a long press (ms) on the top-right
 * corner (title rows, last cols columns). */
int kiosk_staff_corner(struct kiosk_staff *st, const MEVENT *ev,
    int title_h, int screen_cols, int64_t now, int cols, int ms);
/* Draw the "STAFF" mark at the right end of the title row y. */
void kiosk_staff_draw_mark(int y, int screen_cols);
/* Start leerpunt-sync --once; -1 and *cause (plain words) when it cannot
 * run or is not set up. */
int kiosk_staff_sync_start(struct kiosk_staff *st, char **cause);
/* Read the child's output and reap it: 1 when something changed. */
int kiosk_staff_sync_poll(struct kiosk_staff *st);
/* 1 while a sync runs. */
int kiosk_staff_sync_running(const struct kiosk_staff *st);

#endif
