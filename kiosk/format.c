/*
 * format: values in words (see format.h). Every returned string is new,
 * UTF-8 and free of control characters.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "catalog/clock.h"
#include "catalog/xmalloc.h"
#include "kiosk/format.h"
#include "kiosk/lang.h"
#include "kiosk/width.h"

struct kiosk_format {
	char		 lang[CATALOG_LANG_MAX];
	UDateFormat	*date;
	UDateFormat	*date_short;	/* "Dec 21, 2026" */
	UNumberFormat	*money;
};

struct kiosk_format *
kiosk_format_new(const char *lang)
{
	struct kiosk_format	*f = xcalloc(1, sizeof *f);
	UDateTimePatternGenerator *gen;
	UErrorCode		 st = U_ZERO_ERROR;
	UChar			 skeleton[16], pattern[64];
	char			 dateloc[CATALOG_LANG_MAX + 40];
	char			 numloc[CATALOG_LANG_MAX + 24];
	const struct kiosk_lang_info *info;
	int32_t			 n;
	int			 latn;

	snprintf(f->lang, sizeof f->lang, "%s", lang);
	/* The digits of the language table (lang.c; docs/languages.md):
	 * where they are 0-9, ICU writes dates and money with them too, so
	 * no line mixes two kinds of digits (Arabic's default is ٠-٩). */
	info = kiosk_lang_find(f->lang);
	latn = info == NULL || info->digits[0] == '0';
	/* Course dates are Dutch dates: always the Gregorian calendar, also
	 * where the language's default is another one (fa: Solar Hijri). */
	snprintf(dateloc, sizeof dateloc, "%s@calendar=gregorian%s", f->lang,
	    latn ? ";numbers=latn" : "");
	snprintf(numloc, sizeof numloc, "%s%s", f->lang,
	    latn ? "@numbers=latn" : "");
	gen = udatpg_open(dateloc, &st);
	if (U_SUCCESS(st)) {
		u_uastrcpy(skeleton, "yMMMMd");	/* "10 januari 2027": whole words read and speak better */
		n = udatpg_getBestPattern(gen, skeleton, -1, pattern,
		    (int32_t)(sizeof pattern / sizeof pattern[0]), &st);
		if (U_SUCCESS(st) && n > 0)
			f->date = udat_open(UDAT_PATTERN, UDAT_PATTERN,
			    dateloc, u"UTC", -1, pattern, n, &st);
		if (U_FAILURE(st))
			f->date = NULL;
		st = U_ZERO_ERROR;
		u_uastrcpy(skeleton, "yMMMd");
		n = udatpg_getBestPattern(gen, skeleton, -1, pattern,
		    (int32_t)(sizeof pattern / sizeof pattern[0]), &st);
		if (U_SUCCESS(st) && n > 0)
			f->date_short = udat_open(UDAT_PATTERN, UDAT_PATTERN,
			    dateloc, u"UTC", -1, pattern, n, &st);
		if (U_FAILURE(st))
			f->date_short = NULL;
		udatpg_close(gen);
	}
	st = U_ZERO_ERROR;
	f->money = unum_open(UNUM_CURRENCY, NULL, 0, numloc, NULL, &st);
	if (U_FAILURE(st))
		f->money = NULL;
	return f;
}

void
kiosk_format_free(struct kiosk_format *f)
{
	if (f == NULL)
		return;
	if (f->date != NULL)
		udat_close(f->date);
	if (f->date_short != NULL)
		udat_close(f->date_short);
	if (f->money != NULL)
		unum_close(f->money);
	free(f);
}

/* A new sanitised UTF-8 copy of ICU text. */
static char *
kiosk_format_utf8(const UChar *u, int32_t n)
{
	char		 buf[512];
	UErrorCode	 st = U_ZERO_ERROR;

	u_strToUTF8(buf, sizeof buf, NULL, u, n, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		return NULL;
	return kiosk_width_sanitize(buf, 0);
}

static char *kiosk_format_date_with(struct kiosk_format *f,
    UDateFormat *fmt, const char *ymd);

char *
kiosk_format_date(struct kiosk_format *f, const char *ymd)
{
	return kiosk_format_date_with(f, f->date, ymd);
}

char *
kiosk_format_date_short(struct kiosk_format *f, const char *ymd)
{
	return kiosk_format_date_with(f, f->date_short, ymd);
}

static char *
kiosk_format_date_with(struct kiosk_format *f, UDateFormat *fmt,
    const char *ymd)
{
	struct tm	 tm, back;
	UChar		 out[128];
	UErrorCode	 st = U_ZERO_ERROR;
	int32_t		 n;
	int		 y, m, d;
	char		 tail;
	time_t		 t;

	if (ymd == NULL || sscanf(ymd, "%4d-%2d-%2d%c", &y, &m, &d,
	    &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return NULL;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	t = timegm(&tm);
	/* timegm() would turn 2027-02-30 into 2 March: refuse it instead. */
	if (gmtime_r(&t, &back) == NULL || back.tm_mday != d ||
	    back.tm_mon != m - 1)
		return NULL;
	(void)f;
	if (fmt == NULL)
		return kiosk_width_sanitize(ymd, 0);
	n = udat_format(fmt, (UDate)t * 1000.0, out,
	    (int32_t)(sizeof out / sizeof out[0]), NULL, &st);
	if (U_FAILURE(st))
		return kiosk_width_sanitize(ymd, 0);
	return kiosk_format_utf8(out, n);
}

char *
kiosk_format_cost(struct kiosk_format *f, int64_t cents)
{
	UChar		 out[64];
	UErrorCode	 st = U_ZERO_ERROR;
	int32_t		 n;
	char		*s;

	if (cents < 0)
		return xstrdup(_("Price not known"));
	if (cents == 0)
		return xstrdup(_("Free"));
	if (f->money != NULL) {
		unum_setAttribute(f->money, UNUM_MIN_FRACTION_DIGITS,
		    cents % 100 != 0 ? 2 : 0);
		unum_setAttribute(f->money, UNUM_MAX_FRACTION_DIGITS,
		    cents % 100 != 0 ? 2 : 0);
		n = unum_formatDoubleCurrency(f->money, (double)cents / 100.0,
		    (UChar *)u"EUR", out, (int32_t)(sizeof out /
		    sizeof out[0]), NULL, &st);
		if (U_SUCCESS(st) && (s = kiosk_format_utf8(out, n)) != NULL)
			return s;
	}
	return xasprintf("EUR %lld.%02lld", (long long)(cents / 100),
	    (long long)(cents % 100));
}

char *
kiosk_format_lang_name(struct kiosk_format *f, const char *tag)
{
	UChar		 out[96];
	UErrorCode	 st = U_ZERO_ERROR;
	int32_t		 n;
	char		*s;

	if (tag == NULL || *tag == '\0')
		return NULL;
	n = uloc_getDisplayLanguage(tag, f->lang, out,
	    (int32_t)(sizeof out / sizeof out[0]), &st);
	if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING || n == 0 ||
	    (s = kiosk_format_utf8(out, n)) == NULL)
		return kiosk_width_sanitize(tag, 0);
	return s;
}

char *
kiosk_format_mark(struct kiosk_format *f, const struct catalog_text *t)
{
	char a[CATALOG_LANG_MAX], b[CATALOG_LANG_MAX];

	if (t->value == NULL || t->lang[0] == '\0')
		return NULL;
	if (catalog_lang_primary(t->lang, a, sizeof a) == 0 &&
	    catalog_lang_primary(f->lang, b, sizeof b) == 0 &&
	    strcmp(a, b) == 0)
		return NULL;
	return kiosk_format_lang_name(f, t->lang);
}

char *
kiosk_format_duration(const char *iso)
{
	char	*end, unit;
	long	 v;
	int	 n;

	/* strtol, not sscanf: a number too big for int is no duration. */
	if (iso == NULL || iso[0] != 'P' || !isdigit((unsigned char)iso[1]))
		return NULL;
	v = strtol(iso + 1, &end, 10);
	unit = *end;
	if (v <= 0 || v > 9999 || unit == '\0' || end[1] != '\0')
		return NULL;
	n = (int)v;
	switch (unit) {
	case 'D':
		return xasprintf(ngettext("%d day", "%d days", n), n);
	case 'W':
		return xasprintf(ngettext("%d week", "%d weeks", n), n);
	case 'M':
		return xasprintf(ngettext("%d month", "%d months", n), n);
	case 'Y':
		return xasprintf(ngettext("%d year", "%d years", n), n);
	}
	return NULL;
}

char *
kiosk_format_level(const char *level)
{
	int n;

	if (level == NULL || *level == '\0')
		return NULL;
	if (strcmp(level, "none") == 0)
		return xstrdup(_("No diploma needed"));
	if (sscanf(level, "mbo%d", &n) == 1)
		return xasprintf(_("MBO level %d"), n);
	if (sscanf(level, "nlqf%d", &n) == 1)
		return xasprintf(_("NLQF level %d"), n);
	if (strcmp(level, "hbo") == 0)
		return xstrdup(_("HBO (higher vocational)"));
	if (strcmp(level, "wo") == 0)
		return xstrdup(_("WO (university)"));
	return kiosk_width_sanitize(level, 0);
}

const char *
kiosk_format_kind(enum catalog_kind kind)
{
	switch (kind) {
	case CATALOG_KIND_COURSE:
		return _("Course");
	case CATALOG_KIND_COMMUNITY:
		return _("Learning community");
	case CATALOG_KIND_FIELDLAB:
		return _("Fieldlab: learn at work on real tasks");
	case CATALOG_KIND_MENTOR:
		return _("Mentor programme");
	case CATALOG_KIND_LEARNING_HOUSE:
		return _("Learning house in the neighbourhood");
	case CATALOG_KIND_COUNT:
		break;
	}
	return _("Other");
}

const char *
kiosk_format_mode(enum catalog_mode mode)
{
	switch (mode) {
	case CATALOG_MODE_ONSITE:
		return _("On site");
	case CATALOG_MODE_ONLINE:
		return _("Online");
	case CATALOG_MODE_BLENDED:
		return _("Partly online, partly on site");
	case CATALOG_MODE_UNKNOWN:
		break;
	}
	return NULL;
}

char *
kiosk_format_km(double km)
{
	if (!(km >= 0) || km > 40000)
		return NULL;
	if (km < 1)
		return xstrdup(_("under 1 km"));
	return xasprintf(_("%ld km"), (long)(km + 0.5));
}

long
kiosk_format_age(int never, time_t synced)
{
	struct tm	 tm;
	char		 ymd[16];
	long		 then, n;

	if (never || localtime_r(&synced, &tm) == NULL ||
	    strftime(ymd, sizeof ymd, "%Y-%m-%d", &tm) != 10 ||
	    catalog_clock_parse_day(ymd, &then) != 0)
		return -1;
	n = catalog_clock_day() - then;
	return n < 0 ? 0 : n;	/* a clock that was ahead: today */
}

char *
kiosk_format_updated(int never, time_t synced)
{
	long n = kiosk_format_age(never, synced);

	if (n < 0)
		return xstrdup(_("Not updated yet"));
	if (n == 0)
		return xstrdup(_("Updated today"));
	if (n == 1)
		return xstrdup(_("Updated yesterday"));
	if (n > 99999)
		n = 99999;
	return xasprintf(ngettext("Updated %d day ago", "Updated %d days ago",
	    (unsigned long)n), (int)n);
}

char *
kiosk_format_glue(const char *s)
{
	size_t	 i, o = 0, len = strlen(s);
	char	*out = xmalloc(len * 2 + 1);

	for (i = 0; i < len; i++) {
		if (s[i] == ' ' && ((i > 0 && s[i - 1] >= '0' &&
		    s[i - 1] <= '9') || (s[i + 1] >= '0' && s[i + 1] <= '9'))) {
			out[o++] = '\xc2';
			out[o++] = '\xa0';
		} else
			out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

void
kiosk_format_join(char **s, char *part)
{
	char *n;

	if (part == NULL || *part == '\0') {
		free(part);
		return;
	}
	if (*s == NULL) {
		*s = part;
		return;
	}
	n = xasprintf("%s \xc2\xb7 %s", *s, part);
	free(*s);
	free(part);
	*s = n;
}
