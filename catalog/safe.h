/*
 * safe: catalogue text made safe to print on a terminal.
 *
 * Catalogue text and network data are untrusted: an entry title may hold
 * an escape sequence that sets the terminal's title, clears the screen or
 * worse. Command-line tools print such text only through this module.
 * (The kiosk has its own, column-aware version in kiosk/width.c.)
 */
#ifndef CATALOG_SAFE_H
#define CATALOG_SAFE_H

#include <stdio.h>

/*
 * A copy of s for one line of terminal output: C0 and C1 controls, DEL
 * and bidirectional overrides become '?', tabs and line breaks a space,
 * invalid UTF-8 U+FFFD. NULL gives "".
 */
char *catalog_safe_line(const char *s);

/*
 * Write text as one quoted CSV field (then ',' or, when last, a line
 * end): made one safe line, quotes doubled, and a leading apostrophe when
 * a spreadsheet would run it as a formula (=, @, + or - before anything
 * but a number).
 */
void catalog_safe_csv_field(FILE *out, const char *text, int last);

#endif
