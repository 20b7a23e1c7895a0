/*
 * main: leerpunt-sync, the catalogue sync agent's command line.
 *
 * leerpunt-sync --repo URL --once [--db PATH] checks a repository once
 * and updates the catalogue when it offers a newer version. It is meant
 * to run from a timer; the exit status tells a script what happened (see
 * usage() and docs/sync.md), and exactly one line reports it: success on
 * standard output (silenced by --quiet), failure on standard error.
 *
 * The configuration file (--config, catalog/config.h) gives the
 * repository, catalogue and CA file when the command line does not.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "catalog/config.h"
#include "catalog/db.h"
#include "sync/agent.h"

#define SYNC_MAIN_TIMEOUT 600L	/* seconds per transfer by default */

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: leerpunt-sync --repo URL --once [options]\n"
	    "\n"
	    "Check a catalogue repository once and apply a newer catalogue.\n"
	    "URL is an http://, https:// or file:// URL, or a directory\n"
	    "(for example a USB stick).\n"
	    "\n"
	    "  --config FILE      the configuration file (default\n"
	    "                     %s); its repository, db\n"
	    "                     and cacert apply when the options are not\n"
	    "                     given\n"
	    "  --repo URL         the repository to sync from\n"
	    "  --once             check once and exit (required)\n"
	    "  --db PATH          the catalogue (default: $LEERPUNT_DB, db in\n"
	    "                     the configuration file, or %s)\n"
	    "  --cacert FILE      trust the CA certificates in FILE for https\n"
	    "  --timeout SECONDS  give up a download after SECONDS (default %ld)\n"
	    "  -q, --quiet        print nothing on success\n"
	    "  -h, --help         show this help\n"
	    "  -V, --version      show the version\n"
	    "\n"
	    "Exit status:\n"
	    "  0  updated to a newer catalogue\n"
	    "  1  failed: could not fetch or apply (network, server, disk);\n"
	    "     the catalogue is unchanged, try again later\n"
	    "  2  usage error\n"
	    "  3  already current: the repository has this version\n"
	    "  4  refused: the repository offered something unsafe or unusable\n"
	    "     (rollback, bad size or checksum, expired, unknown schema);\n"
	    "     the catalogue is unchanged\n",
	    catalog_config_default_path(), catalog_db_default_path(),
	    SYNC_MAIN_TIMEOUT);
}

/*
 * Print msg on stderr with control characters (C0, DEL, and C1 in UTF-8)
 * shown as '?': messages quote what a repository sent.
 */
static void
sync_main_print_safe(const char *prefix, const char *msg)
{
	const unsigned char *p = (const unsigned char *)msg;

	fputs(prefix, stderr);
	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			fputc('?', stderr);
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			fputc('?', stderr);
			p++;
		} else
			fputc(*p, stderr);
	}
	fputc('\n', stderr);
}

/* Parse a positive number of seconds; -1 when invalid. */
static long
sync_main_seconds(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v <= 0 || v > 86400)
		return -1;
	return v;
}

int
main(int argc, char **argv)
{
	enum { OPT_REPO = 256, OPT_ONCE, OPT_DB, OPT_CACERT, OPT_TIMEOUT,
	    OPT_CONFIG };
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, OPT_REPO },
		{ "once", no_argument, NULL, OPT_ONCE },
		{ "db", required_argument, NULL, OPT_DB },
		{ "cacert", required_argument, NULL, OPT_CACERT },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct sync_agent_options opts;
	struct sync_agent_result res;
	enum sync_status st;
	struct catalog_config *cfg;
	const char *config_path = NULL;
	char *cause = NULL;
	int c, once = 0, quiet = 0;

	memset(&opts, 0, sizeof opts);
	opts.timeout = SYNC_MAIN_TIMEOUT;
	while ((c = getopt_long(argc, argv, "qhV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_REPO:
			opts.repo = optarg;
			break;
		case OPT_ONCE:
			once = 1;
			break;
		case OPT_DB:
			opts.db = optarg;
			break;
		case OPT_CACERT:
			opts.cacert = optarg;
			break;
		case OPT_CONFIG:
			config_path = optarg;
			break;
		case OPT_TIMEOUT:
			if ((opts.timeout = sync_main_seconds(optarg)) < 0) {
				fprintf(stderr, "leerpunt-sync: --timeout: "
				    "\"%s\" is not a number of seconds "
				    "(1 to 86400)\n", optarg);
				return SYNC_USAGE;
			}
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("leerpunt-sync %s (%s)\n", PACKAGE_VERSION,
			    curl_version());
			return 0;
		default:
			usage(stderr);
			return SYNC_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "leerpunt-sync: unexpected argument \"%s\"\n",
		    argv[optind]);
		return SYNC_USAGE;
	}
	if ((cfg = catalog_config_load(config_path, &cause)) == NULL) {
		sync_main_print_safe("leerpunt-sync: ", cause);
		free(cause);
		return SYNC_USAGE;
	}
	if (opts.repo == NULL)
		opts.repo = cfg->repository;
	if (opts.cacert == NULL)
		opts.cacert = cfg->cacert;
	if (opts.db == NULL)
		opts.db = catalog_config_db_path(cfg);
	if (opts.repo == NULL) {
		catalog_config_free(cfg);
		fprintf(stderr, "leerpunt-sync: --repo URL (or repository "
		    "in the configuration file) is required (see --help)\n");
		return SYNC_USAGE;
	}
	if (!once) {
		catalog_config_free(cfg);
		fprintf(stderr, "leerpunt-sync: --once is required: each run "
		    "checks the repository once (run it from a timer)\n");
		return SYNC_USAGE;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "leerpunt-sync: failed: cannot initialise "
		    "libcurl\n");
		catalog_config_free(cfg);
		return SYNC_FAILED;
	}
	st = sync_agent_run(&opts, &res, &cause);
	curl_global_cleanup();

	switch (st) {
	case SYNC_UPDATED:
		if (!quiet)
			printf("updated to version %lld (%lld entries)\n",
			    (long long)res.version, (long long)res.entries);
		break;
	case SYNC_CURRENT:
		if (!quiet)
			printf("already current (version %lld)\n",
			    (long long)res.version);
		break;
	case SYNC_REFUSED:
		sync_main_print_safe("leerpunt-sync: refused: ", cause);
		break;
	default:
		sync_main_print_safe("leerpunt-sync: failed: ", cause);
		break;
	}
	free(cause);
	catalog_config_free(cfg);
	return (int)st;
}
