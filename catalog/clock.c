/*
 * clock: the one calendar clock (see clock.h).
 *
 * Design: a process-wide offset added to time(NULL). Unset, the offset is
 * 0 and the clock is the wall clock. Set to a day, the offset makes "now"
 * read noon of that day at the moment it was set, and the clock then runs
 * at real speed. Day arithmetic uses days since the epoch with Howard
 * Hinnant's civil-from-days algorithm, so dates never pass through
 * mktime() and its time-zone rules.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/clock.h"

static int	clock_ready;
static int	clock_set;
static time_t	clock_offset;

static long
clock_days_from_civil(long y, unsigned m, unsigned d)
{
	long		era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void
clock_civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long		era;
	unsigned	doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

int
catalog_clock_parse_day(const char *ymd, long *day)
{
	unsigned	m, d, mm, dd;
	long		y, yy, z;
	int		n = 0;

	if (ymd == NULL || strlen(ymd) != 10 || ymd[4] != '-' || ymd[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (ymd[i] < '0' || ymd[i] > '9'))
			return -1;
	if (sscanf(ymd, "%4ld-%2u-%2u%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	z = clock_days_from_civil(y, m, d);
	clock_civil_from_days(z, &yy, &mm, &dd);
	if (yy != y || mm != m || dd != d)	/* 2025-02-30 */
		return -1;
	*day = z;
	return 0;
}

void
catalog_clock_format_day(long day, char out[11])
{
	unsigned	m, d;
	long		y;

	clock_civil_from_days(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;
	snprintf(out, 11, "%04ld-%02u-%02u", y, m, d);
}

int
catalog_clock_set_today(const char *ymd)
{
	struct tm	tm;
	time_t		noon;
	long		day;
	long		y;
	unsigned	m, d;

	clock_ready = 1;
	if (ymd == NULL) {
		clock_set = 0;
		clock_offset = 0;
		return 0;
	}
	if (catalog_clock_parse_day(ymd, &day) != 0)
		return -1;
	clock_civil_from_days(day, &y, &m, &d);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = (int)(y - 1900);
	tm.tm_mon = (int)m - 1;
	tm.tm_mday = (int)d;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	if ((noon = mktime(&tm)) == (time_t)-1)
		return -1;
	clock_offset = noon - time(NULL);
	clock_set = 1;
	return 0;
}

int
catalog_clock_init(void)
{
	const char	*v;

	if (clock_ready)
		return 0;
	clock_ready = 1;
	v = getenv(CATALOG_CLOCK_ENV);
	if (v == NULL || *v == '\0')
		return 0;
	return catalog_clock_set_today(v) == 0 ? 0 : -1;
}

int
catalog_clock_is_set(void)
{
	(void)catalog_clock_init();
	return clock_set;
}

time_t
catalog_clock_now(void)
{
	(void)catalog_clock_init();
	return time(NULL) + clock_offset;
}

void
catalog_clock_today(char out[11])
{
	struct tm	tm;
	time_t		now = catalog_clock_now();

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		snprintf(out, 11, "1970-01-01");
}

long
catalog_clock_day(void)
{
	char	today[11];
	long	day = 0;

	catalog_clock_today(today);
	(void)catalog_clock_parse_day(today, &day);
	return day;
}
