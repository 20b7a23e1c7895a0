/*
 * slip: a short plain-text slip to take home (what, where, when,
 * contact, link), printed through the system's `lp` when a printer is
 * configured (--printer NAME). lp runs with fork/exec, no shell, the
 * slip on its standard input; its output is discarded so nothing reaches
 * the kiosk screen.
 */
#ifndef KIOSK_SLIP_H
#define KIOSK_SLIP_H

/* Print text on printer with `lp -d printer`; 0, or -1 and *cause. */
int kiosk_slip_print(const char *printer, const char *text, char **cause);

#endif
