/*
 * call: run the site's staff_call program for "Ask staff" (see call.h).
 *
 * The program is started with fork/exec, never through a shell, and its
 * only argument is the kiosk's name (a checked kiosk_id: letters, digits,
 * . _ -). The kiosk waits for it a few seconds at most, polling, and
 * kills a program that takes longer, so a hanging script cannot freeze
 * the screen. Only an exit with status 0 counts as "staff were called".
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/call.h"

int
kiosk_call_staff(const char *program, const char *name, int timeout_ms)
{
	struct timespec	 pause = { 0, 20 * 1000000L };
	pid_t		 pid, r;
	int		 status = 0, nul, waited = 0;

	if (program == NULL || *program == '\0')
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		nul = open("/dev/null", O_RDWR);
		if (nul < 0 || dup2(nul, STDIN_FILENO) < 0 ||
		    dup2(nul, STDOUT_FILENO) < 0 ||
		    dup2(nul, STDERR_FILENO) < 0)
			_exit(127);
		execl(program, program, name != NULL ? name : "",
		    (char *)NULL);
		_exit(127);
	}
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return -1;
		if (waited >= timeout_ms) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			return -1;
		}
		nanosleep(&pause, NULL);
		waited += 20;
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}
