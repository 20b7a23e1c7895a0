/*
 * main: leerpunt-sync, the catalogue sync agent's command line.
 *
 * leerpunt-sync --repo URL --once [--db PATH] checks a repository once
 * and updates the catalogue when it offers a newer version. It is meant
 * to run from a timer; the exit status tells a script what happened (see
 * usage() and docs/sync.md), and exactly one line reports it: success on
 * standard output (silenced by --quiet), failure on standard error.
 *
 * With --inbox URL the same run also uploads queued enrolments from the
 * state database (sync/upload.h, docs/enrolment.md); with --once and no
 * --repo it only uploads. Credentials for the inbox come from the
 * environment, never from the command line (which others can see).
 *
 * The configuration file (--config, catalog/config.h) gives the
 * repository, catalogue, CA file, inbox and inbox credentials (the
 * password and token from their secret files) when the command line and
 * the environment do not.
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
#include "catalog/state.h"
#include "sync/agent.h"
#include "sync/upload.h"

/* Exit status: sync went well (or was not asked) but enrolments wait. */
#define SYNC_MAIN_WAITING 5

#define SYNC_MAIN_TIMEOUT 600L	/* seconds per transfer by default */

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: leerpunt-sync --repo URL --once [options]\n"
	    "       leerpunt-sync [--repo URL] --inbox URL --once [options]\n"
	    "\n"
	    "Check a catalogue repository once and apply a newer catalogue.\n"
	    "URL is an http://, https:// or file:// URL, or a directory\n"
	    "(for example a USB stick). With --inbox, also send the queued\n"
	    "enrolments (sealed for the office) by HTTP PUT to\n"
	    "URL/KIOSK-ID/RECEIPT.enr; without --repo, only send them.\n"
	    "\n"
	    "  --config FILE      the configuration file (default\n"
	    "                     %s); its repository,\n"
	    "                     db, cacert and inbox settings apply when\n"
	    "                     the options and environment do not give them\n"
	    "  --repo URL         the repository to sync from\n"
	    "  --inbox URL        the office's inbox (WebDAV or S3 bucket URL)\n"
	    "  --state PATH       the kiosk's state (default: $LEERPUNT_STATE\n"
	    "                     or %s)\n"
	    "  --inbox-sigv4 SPEC sign for S3, e.g. aws:amz:eu-west-1:s3\n"
	    "  --retry-delay MS   first wait before retrying a PUT (default\n"
	    "                     1000; doubles, with jitter, up to 300 s)\n"
	    "  Inbox credentials: LEERPUNT_INBOX_USER and LEERPUNT_INBOX_PASSWORD\n"
	    "  (basic auth, or the S3 access key and secret), or\n"
	    "  LEERPUNT_INBOX_TOKEN (bearer token).\n"
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
	    "     the catalogue is unchanged\n"
	    "  5  the catalogue part went well (or was not asked for), but\n"
	    "     some enrolments are still waiting to be sent\n",
	    catalog_config_default_path(), catalog_state_default_path(),
	    catalog_db_default_path(),
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

/* The configuration and the secrets read for it, freed at exit. */
static struct catalog_config *sync_main_cfg;
static char *sync_main_password, *sync_main_token;

static void
sync_main_config_free(void)
{
	catalog_config_free(sync_main_cfg);
	catalog_config_secret_free(sync_main_password);
	catalog_config_secret_free(sync_main_token);
}

/*
 * Read the configuration file and fill in what the command line and the
 * environment left open. -1 (message printed) when the file or a secret
 * file it names is bad.
 */
static int
sync_main_config(const char *path, struct sync_agent_options *opts,
    struct sync_upload_options *up)
{
	struct catalog_config *cfg;
	char *cause = NULL;

	if ((cfg = catalog_config_load(path, &cause)) == NULL)
		goto fail;
	sync_main_cfg = cfg;
	atexit(sync_main_config_free);
	if (opts->repo == NULL)
		opts->repo = cfg->repository;
	if (opts->cacert == NULL)
		opts->cacert = cfg->cacert;
	if (opts->db == NULL)
		opts->db = catalog_config_db_path(cfg);
	if (up->inbox == NULL)
		up->inbox = cfg->inbox;
	up->user = getenv("LEERPUNT_INBOX_USER");
	up->password = getenv("LEERPUNT_INBOX_PASSWORD");
	up->bearer = getenv("LEERPUNT_INBOX_TOKEN");
	if (up->inbox == NULL)
		return 0;
	if (up->user == NULL)
		up->user = cfg->inbox_user;
	if (up->password == NULL && cfg->inbox_password_file != NULL) {
		if (catalog_config_read_secret(cfg->inbox_password_file,
		    &sync_main_password, &cause) != 0)
			goto fail;
		up->password = sync_main_password;
	}
	if (up->bearer == NULL && cfg->inbox_token_file != NULL) {
		if (catalog_config_read_secret(cfg->inbox_token_file,
		    &sync_main_token, &cause) != 0)
			goto fail;
		up->bearer = sync_main_token;
	}
	return 0;
fail:
	sync_main_print_safe("leerpunt-sync: ", cause);
	free(cause);
	return -1;
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
	    OPT_INBOX, OPT_STATE, OPT_SIGV4, OPT_DELAY, OPT_CONFIG };
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, OPT_REPO },
		{ "once", no_argument, NULL, OPT_ONCE },
		{ "db", required_argument, NULL, OPT_DB },
		{ "cacert", required_argument, NULL, OPT_CACERT },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "inbox", required_argument, NULL, OPT_INBOX },
		{ "state", required_argument, NULL, OPT_STATE },
		{ "inbox-sigv4", required_argument, NULL, OPT_SIGV4 },
		{ "retry-delay", required_argument, NULL, OPT_DELAY },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct sync_agent_options opts;
	struct sync_agent_result res;
	struct sync_upload_options up;
	struct sync_upload_result upres;
	struct catalog_state *state;
	const char *state_path = NULL, *config_path = NULL;
	enum sync_status st = SYNC_CURRENT;
	char *cause = NULL, *end;
	int c, once = 0, quiet = 0, timeout_set = 0, status;
	long delay;

	memset(&opts, 0, sizeof opts);
	opts.timeout = SYNC_MAIN_TIMEOUT;
	sync_upload_defaults(&up);
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
		case OPT_TIMEOUT:
			if ((opts.timeout = sync_main_seconds(optarg)) < 0) {
				fprintf(stderr, "leerpunt-sync: --timeout: "
				    "\"%s\" is not a number of seconds "
				    "(1 to 86400)\n", optarg);
				return SYNC_USAGE;
			}
			timeout_set = 1;
			break;
		case OPT_INBOX:
			up.inbox = optarg;
			break;
		case OPT_STATE:
			state_path = optarg;
			break;
		case OPT_CONFIG:
			config_path = optarg;
			break;
		case OPT_SIGV4:
			up.aws_sigv4 = optarg;
			break;
		case OPT_DELAY:
			errno = 0;
			delay = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    delay < 1 || delay > 300000) {
				fprintf(stderr, "leerpunt-sync: --retry-delay: "
				    "\"%s\" is not a number of milliseconds "
				    "(1 to 300000)\n", optarg);
				return SYNC_USAGE;
			}
			up.delay_ms = delay;
			if (up.max_delay_ms < delay)
				up.max_delay_ms = delay;
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
	if (sync_main_config(config_path, &opts, &up) != 0)
		return SYNC_USAGE;
	if (opts.repo == NULL && up.inbox == NULL) {
		fprintf(stderr, "leerpunt-sync: --repo URL or --inbox URL (or "
		    "repository or inbox in the configuration file) is "
		    "required (see --help)\n");
		return SYNC_USAGE;
	}
	if (!once) {
		fprintf(stderr, "leerpunt-sync: --once is required: each run "
		    "checks the repository once (run it from a timer)\n");
		return SYNC_USAGE;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "leerpunt-sync: failed: cannot initialise "
		    "libcurl\n");
		return SYNC_FAILED;
	}
	if (opts.repo == NULL)
		goto upload;
	st = sync_agent_run(&opts, &res, &cause);

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
	cause = NULL;
upload:
	status = (int)st;
	if (up.inbox == NULL) {
		curl_global_cleanup();
		return status;
	}
	if (timeout_set)
		up.timeout = opts.timeout;
	up.cacert = opts.cacert;
	if (state_path == NULL)
		state_path = catalog_state_default_path();
	if ((state = catalog_state_open(state_path, &cause)) == NULL ||
	    sync_upload_run(state, &up, &upres, &cause) != 0) {
		sync_main_print_safe("leerpunt-sync: upload failed: ", cause);
		catalog_state_close(state);
		free(cause);
		curl_global_cleanup();
		return opts.repo != NULL && status != SYNC_UPDATED &&
		    status != SYNC_CURRENT ? status : SYNC_FAILED;
	}
	catalog_state_close(state);
	curl_global_cleanup();
	if (upres.waiting > 0)
		fprintf(stderr, "leerpunt-sync: %zu enrolment%s sent, %zu "
		    "still waiting (will retry)\n", upres.sent,
		    upres.sent == 1 ? "" : "s", upres.waiting);
	else if (!quiet)
		printf("%zu enrolment%s sent, none waiting\n", upres.sent,
		    upres.sent == 1 ? "" : "s");
	if (opts.repo != NULL && status != SYNC_UPDATED &&
	    status != SYNC_CURRENT)
		return status;
	return upres.waiting > 0 ? SYNC_MAIN_WAITING : status == SYNC_CURRENT &&
	    opts.repo != NULL ? SYNC_CURRENT : 0;
}
