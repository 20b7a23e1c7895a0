/*
 * layout: the size rules of the kiosk's screens, in one place.
 *
 * A person touches the screen, so targets grow with the terminal: the
 * bar is three rows high from 24 rows; the title, buttons and fields
 * on a large screen (30 rows and more); a list's pager is three rows
 * high once the list has KIOSK_LAYOUT_PAGER_ROWS rows and more than one
 * page (so from 80x24), and a button at the foot of a body from 24 rows.
 * A list whose items fit on one page gives the pager no rows, so at
 * 80x24 a question's four answers stay on one page under the three-row
 * bar (widget_list.c), and a question with more answers than that lays
 * them out side by side (screen_ask.c). A blank row separates parts from 16 rows;
 * the body keeps a margin of two columns from 80 columns; text lines
 * stay within about 80 columns on a wide screen (a line of 200 columns
 * is hard to follow). At the staff desk (--desk) everything is one row:
 * normal type, more on a screen.
 */
#ifndef KIOSK_LAYOUT_H
#define KIOSK_LAYOUT_H

#define KIOSK_LAYOUT_LARGE_ROWS 30	/* three-row title, buttons, fields */
#define KIOSK_LAYOUT_BAR_ROWS 24	/* a three-row bar */
#define KIOSK_LAYOUT_FOOT_ROWS 24	/* a three-row button at the foot */
#define KIOSK_LAYOUT_PAGER_ROWS 18	/* list rows for a three-row pager */
#define KIOSK_LAYOUT_GAP_ROWS 16	/* blank rows between parts */
#define KIOSK_LAYOUT_MARGIN_COLS 80	/* a margin of two columns */
#define KIOSK_LAYOUT_TEXT_COLS 80	/* longest text line */

/* Rows of the title (terminal rows). */
int kiosk_layout_title_h(int rows);
/* 1 when the terminal is large (three-row title, a blank row under it). */
int kiosk_layout_large(int rows);
/* Rows of one row of the bar (terminal rows); dense: a staff screen,
 * whose choices and hints need the rows. */
int kiosk_layout_bar_h(int rows, int dense);
/* Rows of a button or a text field in a body of h rows. */
int kiosk_layout_button_h(int h, int desk);
/* Rows of a list's pager in a list of h rows. */
int kiosk_layout_pager_h(int h, int desk);
/* A blank row between parts of a body of h rows: 1 or 0. */
int kiosk_layout_gap(int h);
/* Columns of margin left and right (terminal columns). */
int kiosk_layout_margin(int cols);
/* Columns for text and a field with its button in a body w wide. */
int kiosk_layout_text_w(int w);

#endif
