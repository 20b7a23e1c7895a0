/*
 * record: the write model that importers fill (see record.h).
 *
 * All checking of values lives here so that the CSV, OOAPI and XCRI-CAP
 * importers accept and refuse exactly the same things, and report them
 * with the same words. Text is checked to be valid UTF-8 and bounded.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "catalog/record.h"
#include "catalog/vocab.h"
#include "catalog/xmalloc.h"

#define RECORD_MAX_TEXT (64 * 1024)	/* bytes in one text value */
#define RECORD_MAX_KEY 200
#define RECORD_MAX_LINK 2048
#define RECORD_MAX_THEMES 16
#define RECORD_MAX_OFFERINGS 500
#define RECORD_MAX_DURATION_DAYS 10958	/* thirty years (real feeds run programmes for 15) */

static const char *const record_fields[CATALOG_FIELD_COUNT] = {
	"title", "summary", "description", "outcome", "join", "cost_note",
	"keywords"
};

struct catalog_record *
catalog_record_new(void)
{
	struct catalog_record *r = xcalloc(1, sizeof *r);

	r->kind = -1;
	return r;
}

void
catalog_record_free(struct catalog_record *r)
{
	size_t i;

	if (r == NULL)
		return;
	free(r->key);
	free(r->provider);
	free(r->level);
	free(r->city);
	free(r->province);
	free(r->contact);
	free(r->link);
	for (i = 0; i < r->nthemes; i++)
		free(r->themes[i]);
	free(r->themes);
	for (i = 0; i < r->ntexts; i++)
		free(r->texts[i].value);
	free(r->texts);
	for (i = 0; i < r->nofferings; i++) {
		struct catalog_record_offering *o = &r->offerings[i];

		free(o->key);
		free(o->start);
		free(o->end);
		free(o->duration);
		free(o->place);
	}
	free(r->offerings);
	free(r);
}

int
catalog_record_field_parse(const char *name)
{
	int i;

	for (i = 0; i < CATALOG_FIELD_COUNT; i++)
		if (strcmp(name, record_fields[i]) == 0)
			return i;
	return -1;
}

const char *
catalog_record_field_name(enum catalog_field f)
{
	return (unsigned)f < CATALOG_FIELD_COUNT ? record_fields[f] : "?";
}

/* 1 when s (n bytes) is valid UTF-8 without NUL. */
static int
record_utf8_valid(const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	int32_t i = 0;
	UChar32 c;

	if (n > INT32_MAX)
		return 0;
	while (i < (int32_t)n) {
		U8_NEXT(u, i, (int32_t)n, c);
		if (c <= 0)
			return 0;
	}
	return 1;
}

/* Check a free-text value: UTF-8 and bounded. */
static int
record_check_text(const char *what, const char *value, size_t max,
    char **cause)
{
	size_t n = strlen(value);

	if (n > max) {
		*cause = xasprintf("%s is too long (%zu bytes, at most %zu)",
		    what, n, max);
		return -1;
	}
	if (!record_utf8_valid(value, n)) {
		*cause = xasprintf("%s is not valid UTF-8", what);
		return -1;
	}
	return 0;
}

int
catalog_record_set_key(struct catalog_record *r, const char *key,
    char **cause)
{
	size_t i, n = strlen(key);

	if (n == 0 || n > RECORD_MAX_KEY) {
		*cause = xasprintf("id must be 1 to %d characters",
		    RECORD_MAX_KEY);
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)key[i];

		if (!isalnum(c) && strchr("._:/-", c) == NULL) {
			*cause = xasprintf("id \"%s\" may hold only letters, "
			    "digits and . _ : / -", key);
			return -1;
		}
	}
	free(r->key);
	r->key = xstrdup(key);
	return 0;
}

int
catalog_record_set_kind(struct catalog_record *r, const char *kind,
    char **cause)
{
	int k = catalog_entry_kind_parse(kind);

	if (k < 0) {
		*cause = xasprintf("kind \"%s\" is not one of course, "
		    "community, fieldlab, mentor, learning-house", kind);
		return -1;
	}
	r->kind = k;
	return 0;
}

int
catalog_record_set_level(struct catalog_record *r, const char *level,
    char **cause)
{
	if (catalog_vocab_level_find(level) != NULL) {
		free(r->level);
		r->level = xstrdup(level);
		return 0;
	}
	*cause = xasprintf("level \"%s\" is not one of none, mbo, mbo1..mbo4, "
	    "hbo, wo, nlqf1..nlqf8", level);
	return -1;
}

int
catalog_record_parse_geo(const char *s, double *lat, double *lon)
{
	char *end;

	errno = 0;
	*lat = strtod(s, &end);
	if (end == s || *end != ',' || errno != 0)
		return -1;
	s = end + 1;
	*lon = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0)
		return -1;
	return isfinite(*lat) && isfinite(*lon) && *lat >= -90 &&
	    *lat <= 90 && *lon >= -180 && *lon <= 180 ? 0 : -1;
}

int
catalog_record_set_geo(struct catalog_record *r, double lat, double lon,
    char **cause)
{
	if (!isfinite(lat) || !isfinite(lon) || lat < -90 || lat > 90 ||
	    lon < -180 || lon > 180) {
		*cause = xasprintf("position %g,%g is not a latitude and "
		    "longitude", lat, lon);
		return -1;
	}
	r->has_geo = 1;
	r->lat = lat;
	r->lon = lon;
	return 0;
}

int
catalog_record_set_link(struct catalog_record *r, const char *link,
    char **cause)
{
	size_t i, n = strlen(link);

	if (strncmp(link, "https://", 8) != 0 &&
	    strncmp(link, "http://", 7) != 0) {
		*cause = xasprintf("link \"%.60s\" must start with https:// "
		    "or http://", link);
		return -1;
	}
	if (n > RECORD_MAX_LINK) {
		*cause = xasprintf("link is too long (%zu bytes)", n);
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)link[i];

		if (c <= ' ' || c >= 0x7f) {
			*cause = xasprintf("link \"%.60s\" has a space or a "
			    "character that is not allowed in a link", link);
			return -1;
		}
	}
	free(r->link);
	r->link = xstrdup(link);
	return 0;
}

void
catalog_record_set_string(char **slot, const char *value)
{
	free(*slot);
	*slot = (value != NULL && *value != '\0') ? xstrdup(value) : NULL;
}

int
catalog_record_add_theme(struct catalog_record *r, const char *theme,
    char **cause)
{
	size_t i, n = strlen(theme);

	if (n == 0 || n > 40) {
		*cause = xstrdup("theme key must be 1 to 40 characters");
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)theme[i];

		if (!(islower(c) || isdigit(c) || c == '-')) {
			*cause = xasprintf("theme \"%s\" may hold only a-z, "
			    "0-9 and -", theme);
			return -1;
		}
	}
	for (i = 0; i < r->nthemes; i++)
		if (strcmp(r->themes[i], theme) == 0)
			return 0;
	if (r->nthemes == RECORD_MAX_THEMES) {
		*cause = xasprintf("more than %d themes", RECORD_MAX_THEMES);
		return -1;
	}
	r->themes = xreallocarray(r->themes, r->nthemes + 1,
	    sizeof *r->themes);
	r->themes[r->nthemes++] = xstrdup(theme);
	return 0;
}

int
catalog_record_add_text(struct catalog_record *r, enum catalog_field f,
    const char *lang, const char *value, char **cause)
{
	char primary[CATALOG_LANG_MAX];
	struct catalog_record_text *t;
	size_t i;

	if ((unsigned)f >= CATALOG_FIELD_COUNT) {
		*cause = xstrdup("unknown text field");
		return -1;
	}
	if (catalog_lang_primary(lang, primary, sizeof primary) != 0) {
		*cause = xasprintf("\"%s\" is not a language tag", lang);
		return -1;
	}
	if (record_check_text(record_fields[f], value, RECORD_MAX_TEXT,
	    cause) != 0)
		return -1;
	for (i = 0; i < r->ntexts; i++) {
		t = &r->texts[i];
		if (t->field == f && strcmp(t->lang, primary) == 0) {
			free(t->value);
			t->value = xstrdup(value);
			return 0;
		}
	}
	r->texts = xreallocarray(r->texts, r->ntexts + 1, sizeof *r->texts);
	t = &r->texts[r->ntexts++];
	t->field = f;
	memcpy(t->lang, primary, sizeof t->lang);
	t->value = xstrdup(value);
	return 0;
}

struct catalog_record_offering *
catalog_record_add_offering(struct catalog_record *r)
{
	struct catalog_record_offering *o;

	r->offerings = xreallocarray(r->offerings, r->nofferings + 1,
	    sizeof *r->offerings);
	o = &r->offerings[r->nofferings++];
	memset(o, 0, sizeof *o);
	o->cost_cents = -1;
	o->mode = CATALOG_MODE_UNKNOWN;
	return o;
}

int
catalog_record_offering_set_date(char **slot, const char *date, char **cause)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, leap, i;

	for (i = 0; i < 10; i++) {
		if ((i == 4 || i == 7) ? date[i] != '-' :
		    !isdigit((unsigned char)date[i]))
			goto bad;
	}
	if (date[10] != '\0')
		goto bad;
	y = atoi(date);
	m = atoi(date + 5);
	d = atoi(date + 8);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		goto bad;
	free(*slot);
	*slot = xstrdup(date);
	return 0;
bad:
	*cause = xasprintf("date \"%.40s\" is not a date like 2027-01-31",
	    date);
	return -1;
}

int
catalog_record_offering_set_duration(struct catalog_record_offering *o,
    const char *iso, char **cause)
{
	const char *p = iso;
	int in_time = 0, parts = 0, at_t = 0;
	double days = 0;
	long n;

	if (*p++ != 'P')
		goto bad;
	while (*p != '\0') {
		if (*p == 'T' && !in_time) {
			in_time = 1;
			at_t = parts;
			p++;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			goto bad;
		for (n = 0; isdigit((unsigned char)*p); p++)
			if ((n = n * 10 + (*p - '0')) > 999999)
				goto toolong;
		if (*p == '\0' || strchr(in_time ? "HMS" : "YMWD", *p) == NULL)
			goto bad;
		switch (in_time ? tolower((unsigned char)*p) : *p) {
		case 'Y': days += n * 365.25; break;
		case 'M': days += n * 30.44; break;
		case 'W': days += n * 7.0; break;
		case 'D': days += n; break;
		case 'h': days += n / 24.0; break;
		case 'm': days += n / 1440.0; break;
		default: days += n / 86400.0; break;
		}
		p++;
		parts++;
	}
	if (parts == 0 || (in_time && parts == at_t) || p - iso > 32)
		goto bad;
	if (days > RECORD_MAX_DURATION_DAYS)
		goto toolong;
	free(o->duration);
	o->duration = xstrdup(iso);
	return 0;
bad:
	*cause = xasprintf("duration \"%.40s\" is not like P10W, P6M or "
	    "PT40H", iso);
	return -1;
toolong:
	*cause = xasprintf("duration \"%.40s\" is longer than %d years: not "
	    "a course", iso, RECORD_MAX_DURATION_DAYS / 365);
	return -1;
}

int
catalog_record_offering_set_mode(struct catalog_record_offering *o,
    const char *mode, char **cause)
{
	int m = catalog_entry_mode_parse(mode);

	if (m <= 0) {
		*cause = xasprintf("mode \"%s\" is not one of onsite, online, "
		    "blended", mode);
		return -1;
	}
	o->mode = m;
	return 0;
}

int
catalog_record_offering_set_cost(struct catalog_record_offering *o,
    const char *euros, char **cause)
{
	const char *p = euros;
	int64_t whole = 0, cents = 0;
	int digits = 0, decimals = 0;

	while (isdigit((unsigned char)*p) && digits < 9) {
		whole = whole * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0)
		goto bad;
	if (*p == '.' || *p == ',') {
		p++;
		while (isdigit((unsigned char)*p) && decimals < 2) {
			cents = cents * 10 + (*p++ - '0');
			decimals++;
		}
		if (decimals == 0)
			goto bad;
		if (decimals == 1)
			cents *= 10;
	}
	if (*p != '\0')
		goto bad;
	o->cost_cents = whole * 100 + cents;
	return 0;
bad:
	*cause = xasprintf("cost \"%.40s\" is not an amount in euros like 0, "
	    "450 or 1250.50", euros);
	return -1;
}

int
catalog_record_offering_set_lang(struct catalog_record_offering *o,
    const char *lang, char **cause)
{
	if (catalog_lang_primary(lang, o->lang, sizeof o->lang) != 0) {
		*cause = xasprintf("\"%s\" is not a language tag", lang);
		return -1;
	}
	return 0;
}

int
catalog_record_check(const struct catalog_record *r, char **cause)
{
	const char *fields[] = { r->provider, r->city, r->province,
	    r->contact };
	const char *names[] = { "provider", "city", "province", "contact" };
	size_t i;

	if (r->key == NULL) {
		*cause = xstrdup("the entry has no id");
		return -1;
	}
	if (r->kind < 0) {
		*cause = xasprintf("entry %s has no kind", r->key);
		return -1;
	}
	if (r->provider == NULL) {
		*cause = xasprintf("entry %s has no provider", r->key);
		return -1;
	}
	if (r->nthemes == 0) {
		*cause = xasprintf("entry %s has no theme", r->key);
		return -1;
	}
	for (i = 0; i < r->ntexts; i++)
		if (r->texts[i].field == CATALOG_FIELD_TITLE)
			break;
	if (i == r->ntexts) {
		*cause = xasprintf("entry %s has no title in any language",
		    r->key);
		return -1;
	}
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (fields[i] != NULL && record_check_text(names[i],
		    fields[i], 1024, cause) != 0)
			return -1;
	for (i = 0; i < r->nofferings; i++) {
		if (r->offerings[i].place != NULL &&
		    record_check_text("place", r->offerings[i].place, 1024,
		    cause) != 0)
			return -1;
	}
	for (i = 0; i < r->nofferings; i++) {
		const struct catalog_record_offering *o = &r->offerings[i];

		if (o->start != NULL && o->end != NULL &&
		    strcmp(o->end, o->start) < 0) {
			*cause = xasprintf("entry %s: offering %s ends on %s, "
			    "before it starts on %s", r->key, o->key != NULL ?
			    o->key : "(without id)", o->end, o->start);
			return -1;
		}
	}
	if (r->nofferings > RECORD_MAX_OFFERINGS) {
		*cause = xasprintf("entry %s has more than %d offerings",
		    r->key, RECORD_MAX_OFFERINGS);
		return -1;
	}
	return 0;
}
