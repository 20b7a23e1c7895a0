/*
 * call: "Ask staff" calls someone: the site's program (staff_call in the
 * configuration file) run with the kiosk's name.
 */
#ifndef KIOSK_CALL_H
#define KIOSK_CALL_H

/* Run program with the argument name (no shell; stdin, stdout and stderr
 * on /dev/null) and wait at most timeout_ms; 0 when it exited with status
 * 0 in time, -1 otherwise (not found, failed, killed for being slow). */
int kiosk_call_staff(const char *program, const char *name, int timeout_ms);

#endif
