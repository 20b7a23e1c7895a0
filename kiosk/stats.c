/*
 * stats: counting calls from the screens into catalog/stats.c (see
 * stats.h). The counter lives in the app; the state database is the one
 * staff mode uses (kiosk_staff_state), opened at the first count. The
 * last search is remembered as a keyed hash only (to count the same
 * query once when a person opens several of its results), and forgotten
 * with the session.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "kiosk/app.h"
#include "kiosk/filter.h"
#include "kiosk/screen_ask.h"
#include "kiosk/stats.h"

void
kiosk_stats_open(struct kiosk_app *app, int on)
{
	app->stats_on = on;
}

void
kiosk_stats_close(struct kiosk_app *app)
{
	catalog_stats_free(app->stats);
	app->stats = NULL;
	app->stats_on = 0;
}

int
kiosk_stats_on(const struct kiosk_app *app)
{
	return app->stats_on;
}

/* The counter, made on first use; NULL when off or the state fails. */
static struct catalog_stats *
kiosk_stats_get(struct kiosk_app *app)
{
	struct catalog_state *state;
	char *cause = NULL;

	if (!app->stats_on)
		return NULL;
	if (app->stats == NULL) {
		if ((state = kiosk_staff_state(&app->staff, &cause)) == NULL) {
			free(cause);
			return NULL;
		}
		app->stats = catalog_stats_new(state);
	}
	return app->stats;
}

void
kiosk_stats_input(struct kiosk_app *app)
{
	struct catalog_stats *st = kiosk_stats_get(app);
	char *cause = NULL;

	if (st == NULL || catalog_stats_in_session(st))
		return;
	app->stats_staff = 0;
	memset(app->stats_last, 0, sizeof app->stats_last);
	if (catalog_stats_begin(st, &cause) != 0)
		free(cause);
}

void
kiosk_stats_staff(struct kiosk_app *app)
{
	app->stats_staff = 1;
}

void
kiosk_stats_end(struct kiosk_app *app, const char *how)
{
	struct catalog_stats *st = kiosk_stats_get(app);
	char *cause = NULL;

	if (st == NULL)
		return;
	if (catalog_stats_end(st, app->stats_staff ? "staff" : how,
	    &cause) != 0)
		free(cause);
	app->stats_staff = 0;
	sodium_memzero(app->stats_last, sizeof app->stats_last);
}

void
kiosk_stats_count(struct kiosk_app *app, enum catalog_stats_kind kind,
    const char *key)
{
	struct catalog_stats *st = kiosk_stats_get(app);
	char *cause = NULL;

	if (st != NULL && catalog_stats_count(st, kind, key, &cause) != 0)
		free(cause);
}

void
kiosk_stats_search(struct kiosk_app *app, const char *query, size_t found)
{
	struct catalog_stats *st = kiosk_stats_get(app);
	static unsigned char key[crypto_generichash_KEYBYTES];
	static int keyed;
	unsigned char h[sizeof app->stats_last];
	char *cause = NULL;

	if (st == NULL || query == NULL || query[strspn(query, " ")] == '\0')
		return;
	if (!keyed) {
		if (sodium_init() < 0)
			return;
		randombytes_buf(key, sizeof key);
		keyed = 1;
	}
	crypto_generichash(h, sizeof h, (const unsigned char *)query,
	    strlen(query), key, sizeof key);
	if (sodium_memcmp(h, app->stats_last, sizeof h) == 0)
		return;
	memcpy(app->stats_last, h, sizeof h);
	if (catalog_stats_search(st, query, found, &cause) != 0)
		free(cause);
}

void
kiosk_stats_question(struct kiosk_app *app, int kind)
{
	const char *name;

	switch (kind) {
	case KIOSK_FILTER_WHERE:
	case KIOSK_ASK_PROVINCES:
		name = "where";
		break;
	case KIOSK_ASK_RADIUS:
		name = "how-far";
		break;
	case KIOSK_FILTER_WHEN:
		name = "when";
		break;
	case KIOSK_FILTER_COST:
		name = "cost";
		break;
	case KIOSK_FILTER_MODE:
		name = "online-or-on-site";
		break;
	case KIOSK_FILTER_LANG:
		name = "language";
		break;
	case KIOSK_FILTER_WORD:
		name = "word";
		break;
	default:
		name = "other";
		break;
	}
	kiosk_stats_count(app, CATALOG_STATS_QUESTION, name);
}
