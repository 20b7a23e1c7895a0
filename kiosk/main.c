/*
 * main: the kiosk program `leerpunt`: options, opening the catalogue
 * read-only, then the app loop (app.c). Errors before the screen starts
 * go to stderr with what failed and what to do. The configuration file
 * (--config, catalog/config.h) gives db, idle_timeout, theme, languages
 * and home_region (the home province) when the options and the
 * environment do not; a bad file stops the kiosk before the screen starts.
 *
 * For tests only, LEERPUNT_SPEECH=memory synthesises speech into memory
 * instead of the sound device, and LEERPUNT_SPEECH_TRANSCRIPT=FILE
 * appends every spoken text to FILE (mode 0600): what the speaker says,
 * so never a PIN, and personal data only with a headset. Not for kiosks
 * in use.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/clock.h"
#include "catalog/config.h"
#include "catalog/db.h"
#include "catalog/enrol.h"
#include "catalog/record.h"
#include "catalog/state.h"
#include "catalog/vocab.h"
#include "catalog/xmalloc.h"
#include "kiosk/app.h"
#include "kiosk/filter.h"
#include "kiosk/lang.h"
#include "kiosk/picto.h"
#include "kiosk/screen.h"
#include "kiosk/speech.h"
#include "kiosk/stats.h"
#include "kiosk/ui.h"
#include "kiosk/width.h"

static void
kiosk_main_usage(FILE *f)
{
	/* "nl,en,...": every language of the table (lang.c). */
	char		*langs = xstrdup(kiosk_lang_known()), *r, *w;
	const char	*cp;

	for (r = w = langs; *r != '\0'; r++)
		if (*r != ' ')
			*w++ = *r;
	*w = '\0';
	fprintf(f, _("Usage: leerpunt [OPTION]...\n"
	    "Course and learning-community catalogue for public kiosks.\n"
	    "\n"
	    "  --db PATH              catalogue file (default: %s)\n"
	    "  --lang LL              start in this language (skip the "
	    "first screen)\n"
	    "  --idle-timeout SECONDS warn and start again after this idle "
	    "time (default 90)\n"
	    "  --no-lock              allow quitting with q or Ctrl-C\n"
	    "  --desk                 staff desk layout: normal type, more "
	    "per screen\n"
	    "  --theme NAME           high-contrast (default), light or "
	    "mono\n"
	    "  --languages LL,LL,...  languages on the first screen, in "
	    "this order\n"
	    "                         (default %s)\n"
	    "  --printer NAME         print slips on this printer (lp -d "
	    "NAME)\n"
	    "  --home LAT,LON         where the kiosk is, for \"Near me\" and "
	    "distances\n"
	    "  --province NAME        without --home: home province for "
	    "\"Near me\"\n"
	    "                         (or LEERPUNT_PROVINCE)\n"
	    "  --state PATH           staff accounts and enrolments (default: "
	    "%s)\n"
	    "  --office-key FILE      the office's public key for enrolling "
	    "(default: %s)\n"
	    "  --staff-idle SECONDS   staff mode ends after this idle time "
	    "(default 120)\n"
	    "  --sync-repo URL        \"Send and update now\" runs "
	    "leerpunt-sync --once\n"
	    "  --sync-inbox URL         with this repository and inbox\n"
	    "  --sync-program PATH    the leerpunt-sync to run (default: from "
	    "PATH)\n"
	    "  --list-languages       print the interface languages, one a "
	    "line\n"
	    "  --help                 show this help\n"
	    "  --version              show the version\n"),
	    catalog_db_default_path(), langs, catalog_state_default_path(),
	    catalog_enrol_office_key_path());
	free(langs);
	cp = catalog_config_default_path();
	fprintf(f, _("  --config FILE          configuration file (default: %s)\n"),
	    *cp != '\0' ? cp : _("none, LEERPUNT_CONFIG is empty"));
}

/* Parse a number of seconds in [lo, hi]; -1 when bad. */
static long
kiosk_main_seconds(const char *s, long lo, long hi)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		return -1;
	return v;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ "idle-timeout", required_argument, NULL, 'i' },
		{ "no-lock", no_argument, NULL, 'n' },
		{ "desk", no_argument, NULL, 'k' },
		{ "theme", required_argument, NULL, 't' },
		{ "languages", required_argument, NULL, 'L' },
		{ "printer", required_argument, NULL, 'R' },
		{ "province", required_argument, NULL, 'p' },
		{ "home", required_argument, NULL, 'H' },
		{ "state", required_argument, NULL, 's' },
		{ "office-key", required_argument, NULL, 'o' },
		{ "staff-idle", required_argument, NULL, 'S' },
		{ "sync-repo", required_argument, NULL, 'r' },
		{ "sync-inbox", required_argument, NULL, 'I' },
		{ "sync-program", required_argument, NULL, 'P' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "list-languages", no_argument, NULL, 'T' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct kiosk_lang_info	*lang = NULL;
	struct catalog_db		*db = NULL;
	struct kiosk_app		 app;
	const char			*path = NULL, *theme = NULL;
	const char			*printer = NULL, *env;
	const char			*config_path = NULL;
	struct catalog_config		*cfg = NULL;
	char				*langs;
	char				 kiosk_id[CATALOG_CONFIG_NAME_SIZE];
	char				*cause = NULL;
	const char			*province = NULL, *state = NULL;
	const char			*office = NULL, *repo = NULL, *inbox = NULL;
	const char			*program = NULL;
	int				 c, lock = 1, desk = 0, rc = 1;
	int				 has_home = 0;
	double				 home_lat = 0, home_lon = 0;
	int				 langs_set = 0;
	long				 idle = 0, staff_idle = KIOSK_STAFF_IDLE;

	/* Enrolments hold personal data: no core dumps, no ptrace. */
	catalog_enrol_harden();
	if (kiosk_lang_init(&cause) != 0) {
		fprintf(stderr, "leerpunt: %s\n", cause);
		free(cause);
		return 1;
	}
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'l':
			if ((lang = kiosk_lang_find(optarg)) == NULL) {
				fprintf(stderr, _("leerpunt: unknown language "
				    "\"%s\" (known: %s)\n"), optarg,
				    kiosk_lang_known());
				return 2;
			}
			break;
		case 'L':
			if (kiosk_lang_set_order(optarg, &cause) != 0) {
				fprintf(stderr, "leerpunt: --languages: %s\n",
				    cause);
				free(cause);
				return 2;
			}
			langs_set = 1;
			break;
		case 'c':
			config_path = optarg;
			break;
		case 'R':
			if (*optarg == '\0' || *optarg == '-' ||
			    strpbrk(optarg, " \t\n/") != NULL) {
				fprintf(stderr, _("leerpunt: --printer needs "
				    "the name of a printer, not \"%s\"\n"),
				    optarg);
				return 2;
			}
			printer = optarg;
			break;
		case 'i':
			if ((idle = kiosk_main_seconds(optarg, 1,
			    24 * 3600)) < 0) {
				fprintf(stderr, _("leerpunt: --idle-timeout "
				    "needs seconds from 1 to 86400, not "
				    "\"%s\"\n"), optarg);
				return 2;
			}
			break;
		case 'n':
			lock = 0;
			break;
		case 'k':
			desk = 1;
			break;
		case 't':
			if (!kiosk_ui_theme_valid(optarg)) {
				fprintf(stderr, _("leerpunt: unknown theme "
				    "\"%s\" (use high-contrast, light or "
				    "mono)\n"), optarg);
				return 2;
			}
			theme = optarg;
			break;
		case 'p':
			if ((province = catalog_vocab_province_find(optarg)) ==
			    NULL) {
				fprintf(stderr, _("leerpunt: unknown province "
				    "\"%s\" (use its Dutch name, e.g. "
				    "Zuid-Holland)\n"), optarg);
				return 2;
			}
			break;
		case 'H':
			if (catalog_record_parse_geo(optarg, &home_lat, &home_lon) !=
			    0) {
				fprintf(stderr, _("leerpunt: --home needs "
				    "latitude,longitude in degrees, e.g. "
				    "51.92,4.48, not \"%s\"\n"), optarg);
				return 2;
			}
			has_home = 1;
			break;
		case 's':
			state = optarg;
			break;
		case 'o':
			office = optarg;
			break;
		case 'S':
			if ((staff_idle = kiosk_main_seconds(optarg, 5,
			    24 * 3600)) < 0) {
				fprintf(stderr, _("leerpunt: --staff-idle "
				    "needs seconds from 5 to 86400, not "
				    "\"%s\"\n"), optarg);
				return 2;
			}
			break;
		case 'r':
			repo = optarg;
			break;
		case 'I':
			inbox = optarg;
			break;
		case 'P':
			program = optarg;
			break;
		case 'T':
			kiosk_lang_print(stdout);
			return 0;
		case 'h':
			kiosk_main_usage(stdout);
			return 0;
		case 'V':
			printf("leerpunt %s\n", PACKAGE_VERSION);
			return 0;
		default:
			kiosk_main_usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, _("leerpunt: unexpected argument \"%s\"\n"),
		    argv[optind]);
		kiosk_main_usage(stderr);
		return 2;
	}
	if ((cfg = catalog_config_load(config_path, &cause)) == NULL) {
		fprintf(stderr, "leerpunt: %s\n", cause);
		free(cause);
		return 2;
	}
	/* The pictograms: a designer's file with a mistake stops here,
	 * naming the file and line (picto.h). */
	if (kiosk_picto_load(&cause) != 0) {
		fprintf(stderr, "leerpunt: %s\n", cause);
		free(cause);
		catalog_config_free(cfg);
		return 2;
	}
	if (!langs_set && cfg->nlanguages > 0) {
		langs = catalog_config_get(cfg, "languages");
		if (kiosk_lang_set_order(langs, &cause) != 0) {
			fprintf(stderr, "leerpunt: %s: languages: %s\n",
			    cfg->path, cause);
			free(cause);
			free(langs);
			catalog_config_free(cfg);
			return 2;
		}
		free(langs);
	}
	if (path == NULL)
		path = catalog_config_db_path(cfg);
	if (idle == 0)
		idle = cfg->idle_timeout != 0 ? cfg->idle_timeout : 90;
	if (theme == NULL)
		theme = cfg->theme != NULL ? cfg->theme : "high-contrast";
	if (province == NULL && getenv("LEERPUNT_PROVINCE") != NULL &&
	    *getenv("LEERPUNT_PROVINCE") != '\0' &&
	    (province = catalog_vocab_province_find(
	    getenv("LEERPUNT_PROVINCE"))) == NULL) {
		fprintf(stderr, _("leerpunt: unknown province \"%s\" in "
		    "LEERPUNT_PROVINCE\n"), getenv("LEERPUNT_PROVINCE"));
		catalog_config_free(cfg);
		return 2;
	}
	if (province == NULL && cfg->home_region != NULL &&
	    (province = catalog_vocab_province_find(cfg->home_region)) ==
	    NULL) {
		fprintf(stderr, "leerpunt: %s: home_region\n", cfg->path);
		fprintf(stderr, _("leerpunt: unknown province \"%s\" (use its "
		    "Dutch name, e.g. Zuid-Holland)\n"), cfg->home_region);
		catalog_config_free(cfg);
		return 2;
	}
	/* Tests fix the date so counts do not change with the calendar. */
	if (catalog_clock_init() != 0) {
		fprintf(stderr, _("leerpunt: %s=%s is not a date "
		    "(YYYY-MM-DD)\n"), CATALOG_CLOCK_ENV,
		    getenv(CATALOG_CLOCK_ENV));
		catalog_config_free(cfg);
		return 2;
	}
	if (access(path, R_OK) != 0) {
		fprintf(stderr, _("leerpunt: there is no catalogue at %s (%s)\n"
		    "Load one with: leerpunt-catalog --db %s demo\n"
		    "or import data with: leerpunt-catalog --db %s import ...\n"),
		    path, strerror(errno), path, path);
		catalog_config_free(cfg);
		return 1;
	}
	db = catalog_db_open(path, CATALOG_DB_READONLY, &cause);
	if (db == NULL) {
		fprintf(stderr, _("leerpunt: cannot open the catalogue %s: %s\n"
		    "Load one with: leerpunt-catalog --db %s demo\n"),
		    path, cause, path);
		free(cause);
		catalog_config_free(cfg);
		return 1;
	}
	kiosk_app_init(&app, db, lang != NULL ? lang->code :
	    kiosk_lang_default(), lock, desk, (int)idle);
	app.printer = printer;
	app.staff_call = cfg != NULL ? cfg->staff_call : NULL;
	app.stale_days = cfg != NULL && cfg->stale_days > 0 ?
	    (int)cfg->stale_days : KIOSK_APP_STALE_DAYS;
	app.shortlist_url = cfg != NULL ? cfg->shortlist_url : NULL;
	env = getenv("LEERPUNT_SPEECH");
	app.speech = kiosk_speech_new(env != NULL && strcmp(env, "memory") ==
	    0 ? KIOSK_SPEECH_MEMORY : KIOSK_SPEECH_PLAYBACK);
	if ((env = getenv("LEERPUNT_SPEECH_TRANSCRIPT")) != NULL && *env != '\0')
		kiosk_speech_set_transcript(app.speech, env);
	kiosk_speech_set_lang(app.speech, app.lang);
	if ((env = getenv("LEERPUNT_SPEECH_PARAMS")) != NULL && *env != '\0')
		kiosk_speech_set_params_log(app.speech, env);
	kiosk_voice_reset(&app);
	app.home_province = province;
	app.has_home = has_home;
	app.home_lat = home_lat;
	app.home_lon = home_lon;
	app.staff.state_path = state;
	app.staff.office_key = office;
	app.staff.idle = (int)staff_idle;
	app.staff.sync_repo = repo;
	app.staff.sync_inbox = inbox;
	app.staff.sync_program = program;
	app.staff.db_path = path;
	app.staff.config_path = config_path;
	app.staff.kiosk_id = catalog_config_kiosk_id(cfg, kiosk_id,
	    sizeof kiosk_id);
	kiosk_stats_open(&app, catalog_config_statistics(cfg));
	if (kiosk_ui_init(theme, lock, &cause) != 0) {
		fprintf(stderr, "leerpunt: %s\n", cause);
		free(cause);
		goto fail;
	}
	kiosk_app_push(&app, kiosk_screen_lang_new(&app));
	if (lang != NULL)
		kiosk_app_push(&app, kiosk_screen_home_new(&app));
	/* 1 when the input ended: systemd starts the kiosk again. */
	rc = kiosk_app_run(&app);
	kiosk_ui_done();
fail:
	kiosk_app_done(&app);
	kiosk_speech_free(app.speech);
	catalog_db_close(db);
	kiosk_width_done();
	kiosk_picto_unload();
	catalog_config_free(cfg);
	return rc;
}
