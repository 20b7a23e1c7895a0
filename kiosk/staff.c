/*
 * staff: staff-mode settings, the state database, the corner long press
 * and the sync child (see staff.h).
 *
 * The sync runs as `leerpunt-sync --once` with the kiosk's configuration
 * file, catalogue and state paths and the configured repository and inbox, stdin from
 * /dev/null and stdout and stderr into a non-blocking pipe read once a
 * second, so the kiosk keeps answering while it runs. Only its last line
 * is kept (sanitised when drawn); sync prints no personal data.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog/state.h"
#include "catalog/xmalloc.h"
#include "kiosk/lang.h"
#include "kiosk/staff.h"
#include "kiosk/width.h"
#include "kiosk/ui.h"

void
kiosk_staff_init(struct kiosk_staff *st)
{
	memset(st, 0, sizeof *st);
	st->idle = KIOSK_STAFF_IDLE;
	st->pid = -1;
	st->fd = -1;
	st->status = -1;
}

void
kiosk_staff_done(struct kiosk_staff *st)
{
	if (st->pid > 0) {
		kill(st->pid, SIGTERM);
		while (waitpid(st->pid, NULL, 0) < 0 && errno == EINTR)
			;
		st->pid = -1;
	}
	if (st->fd >= 0)
		close(st->fd);
	st->fd = -1;
	catalog_state_close(st->state);
	st->state = NULL;
	st->active = 0;
}

struct catalog_state *
kiosk_staff_state(struct kiosk_staff *st, char **cause)
{
	if (st->state == NULL)
		st->state = catalog_state_open(st->state_path != NULL ?
		    st->state_path : catalog_state_default_path(), cause);
	return st->state;
}

int
kiosk_staff_corner(struct kiosk_staff *st, const MEVENT *ev, int title_h,
    int screen_cols, int64_t now, int cols, int ms)
{
	int in = ev->y < title_h && ev->x >= screen_cols - cols;

	if (ev->bstate & BUTTON1_PRESSED) {
		st->corner_press = in ? (now > 0 ? now : 1) : 0;
		return 0;
	}
	if (!(ev->bstate & BUTTON1_RELEASED))
		return 0;
	if (st->corner_press != 0 && in && now - st->corner_press >= ms) {
		st->corner_press = 0;
		return 1;
	}
	st->corner_press = 0;
	return 0;
}

void
kiosk_staff_draw_mark(int y, int screen_cols)
{
	const char *mark = _("STAFF");
	int w = kiosk_width_cols(mark, strlen(mark)) + 2;	/* columns */

	if (screen_cols < w + 20)
		return;
	kiosk_ui_fill(y, screen_cols - w, 1, w, KIOSK_ROLE_WARNING);
	kiosk_ui_str(y, screen_cols - w + 1, w - 2, mark,
	    kiosk_ui_attr(KIOSK_ROLE_WARNING));
}

int
kiosk_staff_sync_running(const struct kiosk_staff *st)
{
	return st->pid > 0;
}

int
kiosk_staff_sync_start(struct kiosk_staff *st, char **cause)
{
	const char	*argv[16];
	int		 p[2], n = 0, devnull;
	pid_t		 pid;

	if (st->pid > 0) {
		*cause = xstrdup(_("A sync is already running."));
		return -1;
	}
	if (st->sync_repo == NULL && st->sync_inbox == NULL) {
		*cause = xstrdup(_("Sending and updating is not set up on this "
		    "kiosk (no --sync-repo or --sync-inbox)."));
		return -1;
	}
	argv[n++] = st->sync_program != NULL ? st->sync_program :
	    "leerpunt-sync";
	argv[n++] = "--once";
	if (st->config_path != NULL) {
		argv[n++] = "--config";
		argv[n++] = st->config_path;
	}
	if (st->db_path != NULL) {
		argv[n++] = "--db";
		argv[n++] = st->db_path;
	}
	if (st->state_path != NULL) {
		argv[n++] = "--state";
		argv[n++] = st->state_path;
	}
	if (st->sync_repo != NULL) {
		argv[n++] = "--repo";
		argv[n++] = st->sync_repo;
	}
	if (st->sync_inbox != NULL) {
		argv[n++] = "--inbox";
		argv[n++] = st->sync_inbox;
	}
	argv[n] = NULL;
	if (pipe2(p, O_CLOEXEC) != 0) {
		*cause = xasprintf(_("Cannot start the sync: %s."),
		    strerror(errno));
		return -1;
	}
	if ((pid = fork()) < 0) {
		*cause = xasprintf(_("Cannot start the sync: %s."),
		    strerror(errno));
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		devnull = open("/dev/null", O_RDONLY);
		if (devnull >= 0)
			dup2(devnull, 0);
		dup2(p[1], 1);
		dup2(p[1], 2);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		execvp(argv[0], (char *const *)argv);
		dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(p[1]);
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	st->pid = pid;
	st->fd = p[0];
	st->buflen = 0;
	st->line[0] = '\0';
	st->status = -1;
	st->ran = 1;
	return 0;
}

/* Take complete lines out of buf; keep the last non-empty one. */
static void
kiosk_staff_lines(struct kiosk_staff *st, int flush)
{
	char	*nl;
	size_t	 len;

	while ((nl = memchr(st->buf, '\n', st->buflen)) != NULL ||
	    (flush && st->buflen > 0)) {
		len = nl != NULL ? (size_t)(nl - st->buf) : st->buflen;
		if (len > 0) {
			memcpy(st->line, st->buf, len);
			st->line[len] = '\0';
		}
		if (nl != NULL)
			len++;
		memmove(st->buf, st->buf + len, st->buflen - len);
		st->buflen -= len;
	}
}

int
kiosk_staff_sync_poll(struct kiosk_staff *st)
{
	ssize_t	 r;
	int	 changed = 0, status;

	while (st->fd >= 0) {
		if (st->buflen == sizeof st->buf - 1) {
			/* A line longer than we keep: keep its start. */
			st->buf[st->buflen] = '\n';
			st->buflen++;
			kiosk_staff_lines(st, 0);
		}
		r = read(st->fd, st->buf + st->buflen,
		    sizeof st->buf - 1 - st->buflen);
		if (r > 0) {
			st->buflen += (size_t)r;
			kiosk_staff_lines(st, 0);
			changed = 1;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN)
			break;
		kiosk_staff_lines(st, 1);
		close(st->fd);
		st->fd = -1;
		changed = 1;
	}
	if (st->pid > 0 && st->fd < 0 &&
	    waitpid(st->pid, &status, WNOHANG) == st->pid) {
		st->pid = -1;
		st->status = WIFEXITED(status) ? WEXITSTATUS(status) :
		    128 + WTERMSIG(status);
		changed = 1;
	}
	return changed;
}
