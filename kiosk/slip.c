/*
 * slip: printing through lp (see slip.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog/xmalloc.h"
#include "kiosk/slip.h"

int
kiosk_slip_print(const char *printer, const char *text, char **cause)
{
	struct sigaction	 sa, old;
	int			 fds[2] = { -1, -1 }, status, nul;
	pid_t			 pid;
	size_t			 len = strlen(text), off = 0;
	ssize_t			 w;

	if (pipe(fds) != 0) {
		*cause = xasprintf("pipe: %s", strerror(errno));
		return -1;
	}
	/* lp may close its input early: no SIGPIPE for the kiosk. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, &old);
	pid = fork();
	if (pid < 0) {
		*cause = xasprintf("fork: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0) {
		nul = open("/dev/null", O_RDWR);
		if (dup2(fds[0], STDIN_FILENO) < 0 || nul < 0 ||
		    dup2(nul, STDOUT_FILENO) < 0 || dup2(nul, STDERR_FILENO) < 0)
			_exit(127);
		close(fds[0]);
		close(fds[1]);
		close(nul);
		execlp("lp", "lp", "-d", printer, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	fds[0] = -1;
	while (off < len) {
		w = write(fds[1], text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(fds[1]);
	fds[1] = -1;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			*cause = xasprintf("waitpid: %s", strerror(errno));
			goto fail;
		}
	}
	sigaction(SIGPIPE, &old, NULL);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		*cause = xstrdup("lp could not be run (is CUPS installed?)");
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || off < len) {
		*cause = xasprintf("lp -d %s failed (status %d)", printer,
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	return 0;
fail:
	sigaction(SIGPIPE, &old, NULL);
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	return -1;
}
