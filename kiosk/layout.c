/*
 * layout: the size rules of the kiosk's screens (see layout.h).
 */
#include "config.h"

#include "kiosk/layout.h"

int
kiosk_layout_large(int rows)
{
	return rows >= KIOSK_LAYOUT_LARGE_ROWS;
}

int
kiosk_layout_title_h(int rows)
{
	return kiosk_layout_large(rows) ? 3 : 1;
}

int
kiosk_layout_bar_h(int rows, int dense)
{
	return rows >= (dense ? KIOSK_LAYOUT_LARGE_ROWS :
	    KIOSK_LAYOUT_BAR_ROWS) ? 3 : 1;
}

int
kiosk_layout_button_h(int h, int desk)
{
	return h >= KIOSK_LAYOUT_LARGE_ROWS && !desk ? 3 : 1;
}

int
kiosk_layout_pager_h(int h, int desk)
{
	return h >= KIOSK_LAYOUT_PAGER_ROWS && !desk ? 3 : 1;
}

int
kiosk_layout_gap(int h)
{
	return h >= KIOSK_LAYOUT_GAP_ROWS;
}

int
kiosk_layout_margin(int cols)
{
	return cols >= KIOSK_LAYOUT_MARGIN_COLS ? 2 : 0;
}

int
kiosk_layout_text_w(int w)
{
	return w > KIOSK_LAYOUT_TEXT_COLS ? KIOSK_LAYOUT_TEXT_COLS : w;
}
