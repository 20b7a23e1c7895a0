/*
 * main: leerpunt-sync, the catalogue sync agent's command line.
 *
 * leerpunt-sync --repo URL --pubkey FILE --once checks a repository once
 * and updates the catalogue when it offers a newer, correctly signed
 * version; --daemon keeps checking. Every outcome is exactly one line on
 * standard error (or syslog with --syslog); with --once the exit status
 * tells a script what happened (see usage() and docs/sync.md).
 *
 * Daemon: a check every --interval; after a failure (offline, server
 * down) the next try comes after an exponential back-off with jitter
 * (5 s, 10 s, 20 s ... at most the interval), and at once (after a 2 s
 * settle) when the kernel reports a network change: a netlink socket
 * subscribed to link, address and route changes (RTMGRP_LINK,
 * RTMGRP_IPV4_IFADDR, RTMGRP_IPV6_IFADDR, RTMGRP_IPV4_ROUTE). Without
 * netlink (a container, say) the back-off timer alone decides. SIGTERM
 * and SIGINT stop a transfer at once, never an apply (which is one short
 * transaction), and end the daemon with status 0.
 *
 * With --inbox URL the same run also uploads queued enrolments from the
 * state database (sync/upload.h, docs/enrolment.md); with --once and no
 * --repo it only uploads. Credentials for the inbox come from the
 * environment, never from the command line (which others can see).
 *
 * With --harvest FILE the same program runs on the publisher instead:
 * it fetches the providers' feeds listed in FILE, imports what changed
 * into --db and, with --publish-key and --publish-out, publishes a new
 * signed version (sync/harvest.h, docs/harvest.md); --once and --daemon
 * work as for sync, one summary line per source.
 *
 * The configuration file (--config, catalog/config.h) gives the
 * repository and its key, catalogue, CA file, inbox and inbox credentials
 * (password and token from their secret files) when the command line and
 * the environment do not.
 */
#include "config.h"

#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "catalog/clock.h"
#include "catalog/config.h"
#include "catalog/db.h"
#include "catalog/enrol.h"
#include "catalog/keys.h"
#include "catalog/publish.h"
#include "catalog/state.h"
#include "catalog/stats.h"
#include "catalog/xmalloc.h"
#include "sync/agent.h"
#include "sync/harvest.h"
#include "sync/sources.h"
#include "sync/upload.h"

/* Exit status: sync went well (or was not asked) but enrolments wait. */
#define SYNC_MAIN_WAITING 5

#define SYNC_MAIN_TIMEOUT 600L		/* seconds per transfer by default */
#define SYNC_MAIN_INTERVAL 3600		/* seconds between daemon checks */
#define SYNC_MAIN_BACKOFF 5		/* first daemon retry, seconds */
#define SYNC_MAIN_RETRY_WAIT 1		/* first --once retry, seconds */
#define SYNC_MAIN_SETTLE 2		/* after a network change, seconds */
#define SYNC_MAIN_MAX_RETRIES 100

static volatile sig_atomic_t sync_main_stop;
static int sync_main_syslog;

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: leerpunt-sync --repo URL --pubkey FILE (--once | --daemon) "
	    "[options]\n"
	    "       leerpunt-sync [--repo URL --pubkey FILE] --inbox URL "
	    "(--once | --daemon)\n"
	    "       leerpunt-sync --harvest FILE --db PUBLISHER.db (--once | "
	    "--daemon)\n"
	    "                     [--publish-key FILE --publish-out DIR]\n"
	    "\n"
	    "Check a catalogue repository and apply a newer, signed catalogue.\n"
	    "URL is an http://, https:// or file:// URL, or a directory\n"
	    "(for example a USB stick). With --inbox, also send the queued\n"
	    "enrolments (sealed for the office) by HTTP PUT to\n"
	    "URL/KIOSK-ID/RECEIPT.enr; without --repo, only send them.\n"
	    "\n"
	    "  --config FILE       the configuration file (default\n"
	    "                      %s); its repository,\n"
	    "                      repository_key, db, cacert and inbox\n"
	    "                      settings apply when the options and the\n"
	    "                      environment do not give them\n"
	    "  --repo URL          the repository to sync from\n"
	    "  --pubkey FILE       the repository's public key (repo .pub file)\n"
	    "  --once              check once and exit\n"
	    "  --daemon            keep checking; back off while offline\n"
	    "  --interval TIME     daemon: minutes between checks, or a\n"
	    "                      duration like 30m or 6h (default 60)\n"
	    "  --retries N         --once: try again up to N times after a\n"
	    "                      failure, waiting 1 s, 2 s, 4 s ... (default 0)\n"
	    "  --db PATH           the catalogue (default: $LEERPUNT_DB, db in\n"
	    "                      the configuration file, or %s)\n"
	    "  --cacert FILE       trust the CA certificates in FILE for https\n"
	    "  --timeout SECONDS   give up a download after SECONDS (default %ld)\n"
	    "  --max-rate RATE     at most RATE bytes per second (k and M\n"
	    "                      suffixes: 8k is 8192)\n"
	    "  --progress          show a progress bar (on a terminal)\n"
	    "  --syslog            report to syslog instead of standard error\n"
	    "  --inbox URL         the office's inbox (WebDAV or S3 bucket URL)\n"
	    "  --state PATH        the kiosk's state (default: $LEERPUNT_STATE\n"
	    "                      or %s)\n"
	    "  --inbox-sigv4 SPEC  sign for S3, e.g. aws:amz:eu-west-1:s3\n"
	    "  --retry-delay MS    first wait before retrying a PUT (default\n"
	    "                      1000; doubles, with jitter, up to 300 s)\n"
	    "  --keep-sent TIME    keep a sent enrolment's sealed record this\n"
	    "                      long, to send it again (default 7d; 0:\n"
	    "                      delete it once the inbox confirmed it)\n"
	    "  Inbox credentials: LEERPUNT_INBOX_USER and LEERPUNT_INBOX_PASSWORD\n"
	    "  (basic auth, or the S3 access key and secret), or\n"
	    "  LEERPUNT_INBOX_TOKEN (bearer token).\n"
	    "\n"
	    "Publisher (--harvest):\n"
	    "  --harvest FILE      fetch the sources in FILE (one a line: NAME\n"
	    "                      FORMAT URL [token-file=PATH|auth-file=PATH],\n"
	    "                      FORMAT ooapi, xcri, edudex or csv) and import\n"
	    "                      each changed source whole under its NAME\n"
	    "  --harvest-state DIR kept downloads (default: the catalogue's\n"
	    "                      path with .harvest added)\n"
	    "  --retries N         retry a failed request up to N times (default\n"
	    "                      %d), waiting --retry-delay, then twice as long\n"
	    "  --publish-key FILE  sign with this repository secret key ...\n"
	    "  --publish-out DIR   ... and publish to DIR after a change\n"
	    "  --publish-expires TIME  manifests expire after TIME, e.g. 7d\n"
	    "                      (default: they do not expire)\n"
	    "  --json              one line of JSON per run on standard output\n"
	    "  Exit status as below: 0 the catalogue changed, 3 nothing changed,\n"
	    "  1 a source could not be fetched (or publishing failed), 4 a\n"
	    "  source's data was refused; the other sources are imported.\n"
	    "\n"
	    "  -q, --quiet         report failures only\n"
	    "  -h, --help          show this help\n"
	    "  -V, --version       show the version\n"
	    "\n"
	    "Exit status (--once):\n"
	    "  0  updated to a newer catalogue\n"
	    "  1  failed: could not fetch or apply (network, server, disk);\n"
	    "     the catalogue is unchanged, try again later\n"
	    "  2  usage error\n"
	    "  3  already current: the repository has this version\n"
	    "  4  refused: the repository offered something unsafe or unusable\n"
	    "     (bad or missing signature, rollback, bad size or checksum,\n"
	    "     expired, unknown schema); the catalogue is unchanged\n"
	    "  5  the catalogue part went well (or was not asked for), but\n"
	    "     some enrolments are still waiting to be sent\n",
	    catalog_config_default_label(), catalog_db_default_path(),
	    SYNC_MAIN_TIMEOUT, catalog_state_default_path(),
	    SYNC_HARVEST_RETRIES);
}

/*
 * One report line: to syslog, or to stderr with control characters (C0,
 * DEL, and C1 in UTF-8) shown as '?', since messages quote what a
 * repository sent.
 */
static void
sync_main_log(int prio, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	const unsigned char *p;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1) {
		va_end(ap);
		return;
	}
	va_end(ap);
	for (p = (const unsigned char *)msg; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			*(unsigned char *)p = '?';
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			*(unsigned char *)p = '?';
			*(unsigned char *)(p + 1) = '?';
			p++;
		}
	}
	if (sync_main_syslog)
		syslog(prio, "%s", msg);
	else
		fprintf(stderr, "leerpunt-sync: %s\n", msg);
	free(msg);
}

/* The configuration and the secrets read for it, freed at exit. */
static struct catalog_config *sync_main_cfg;
static char sync_main_kiosk_id[CATALOG_CONFIG_NAME_SIZE];
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
    struct sync_upload_options *up, const char **pubkey)
{
	struct catalog_config *cfg;
	char *cause = NULL;

	if ((cfg = catalog_config_load(path, &cause)) == NULL)
		goto fail;
	sync_main_cfg = cfg;
	atexit(sync_main_config_free);
	if (opts->repo == NULL)
		opts->repo = cfg->repository;
	if (*pubkey == NULL)
		*pubkey = cfg->repository_key;
	if (opts->cacert == NULL)
		opts->cacert = cfg->cacert;
	if (opts->db == NULL)
		opts->db = catalog_config_db_path(cfg);
	if (up->inbox == NULL)
		up->inbox = cfg->inbox;
	up->kiosk_id = catalog_config_kiosk_id(cfg, sync_main_kiosk_id,
	    sizeof sync_main_kiosk_id);
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
	sync_main_log(LOG_ERR, "%s", cause);
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

/* "8000", "8k", "2M" as bytes per second (k = 1024); -1 when invalid. */
static int64_t
sync_main_rate(const char *s)
{
	char *end;
	long long v;
	int64_t mult = 1;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || v <= 0)
		return -1;
	if (*end == 'k' || *end == 'K')
		mult = 1024;
	else if (*end == 'm' || *end == 'M')
		mult = 1024 * 1024;
	else if (*end != '\0')
		return -1;
	if (mult != 1 && end[1] != '\0')
		return -1;
	if (v > (long long)(INT64_MAX / mult) || v * mult > ((int64_t)1 << 40))
		return -1;
	return (int64_t)v * mult;
}

/* --interval: minutes, or a duration with a unit; -1 when invalid. */
static long
sync_main_interval(const char *s)
{
	time_t t;
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno == 0 && end != s && *end == '\0')
		return v >= 1 && v <= 7 * 24 * 60 ? v * 60 : -1;
	if (catalog_publish_duration(s, &t) != 0 || t > 7 * 86400)
		return -1;
	return (long)t;
}

static void
sync_main_on_signal(int sig)
{
	(void)sig;
	sync_main_stop = 1;
}

/* A netlink socket that reports network changes, or -1. */
static int
sync_main_netlink(void)
{
	struct sockaddr_nl sa;
	int fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    NETLINK_ROUTE);
	if (fd == -1)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.nl_family = AF_NETLINK;
	sa.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR |
	    RTMGRP_IPV4_ROUTE;
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Read and forget whatever the netlink socket holds. */
static void
sync_main_drain(int fd)
{
	char buf[8192];

	while (recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0)
		;
}

/*
 * Sleep up to seconds, or until a signal; with wake_on_net, also until the
 * network changes (then after a short settle). Returns 1 when woken by
 * the network, 0 otherwise.
 */
static int
sync_main_wait(long seconds, int nlfd, int wake_on_net)
{
	struct timespec end, now, left;
	struct pollfd pfd;
	sigset_t block, old;
	int rc, woke = 0;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += seconds;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	for (;;) {
		sigprocmask(SIG_BLOCK, &block, &old);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (sync_main_stop || now.tv_sec > end.tv_sec ||
		    (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec)) {
			sigprocmask(SIG_SETMASK, &old, NULL);
			return woke;
		}
		left.tv_sec = end.tv_sec - now.tv_sec;
		left.tv_nsec = end.tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_sec--;
			left.tv_nsec += 1000000000L;
		}
		pfd.fd = nlfd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		rc = ppoll(&pfd, nlfd != -1 ? 1 : 0, &left, &old);
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (rc > 0 && (pfd.revents & POLLIN)) {
			sync_main_drain(nlfd);
			if (wake_on_net && !woke) {
				/* Let DHCP and routes settle, then go. */
				woke = 1;
				clock_gettime(CLOCK_MONOTONIC, &end);
				end.tv_sec += SYNC_MAIN_SETTLE;
			}
		}
	}
}

/* Report one outcome; returns st. */
static enum sync_status
sync_main_report(enum sync_status st, const struct sync_agent_result *res,
    const char *cause, int quiet, const char *retry)
{
	switch (st) {
	case SYNC_UPDATED:
		if (!quiet)
			sync_main_log(LOG_INFO, "updated to version %lld (%lld "
			    "entries) from version %lld by %s; %lld bytes "
			    "fetched", (long long)res->version,
			    (long long)res->entries, (long long)res->previous,
			    res->via, (long long)res->received);
		break;
	case SYNC_CURRENT:
		if (!quiet)
			sync_main_log(LOG_INFO, "already current (version "
			    "%lld)%s; %lld bytes fetched", (long long)res->version,
			    res->not_modified ? ", repository not modified" : "",
			    (long long)res->received);
		break;
	case SYNC_REFUSED:
		sync_main_log(LOG_ERR, "refused: %s", cause);
		break;
	default:
		if (sync_main_stop)
			sync_main_log(LOG_NOTICE, "stopped: %s", cause);
		else
			sync_main_log(LOG_WARNING, "failed: %s%s", cause,
			    retry != NULL ? retry : "");
		break;
	}
	return st;
}

/* Report a harvest: one line per source, and JSON with --json. */
static void
sync_main_harvest_report(enum sync_status st,
    const struct sync_harvest_result *res, const char *cause, int quiet,
    int json, const char *retry)
{
	char *line;
	size_t i;

	for (i = 0; i < res->n; i++) {
		const struct sync_harvest_source *s = &res->v[i];
		int bad = s->outcome == SYNC_HARVEST_FAILED ||
		    s->outcome == SYNC_HARVEST_REFUSED;

		if (quiet && !bad)
			continue;
		line = sync_harvest_line(s);
		sync_main_log(bad ? LOG_WARNING : LOG_INFO, "%s", line);
		free(line);
	}
	if (res->published && !quiet)
		sync_main_log(LOG_INFO, "published version %lld (%zu "
		    "delta%s)", (long long)res->published_version,
		    res->published_deltas, res->published_deltas == 1 ? "" :
		    "s");
	if (res->publish_error != NULL)
		sync_main_log(LOG_ERR, "publishing failed: %s",
		    res->publish_error);
	if (cause != NULL)
		sync_main_log(LOG_ERR, "harvest failed: %s%s", cause,
		    retry != NULL ? retry : "");
	else if (!quiet || st == SYNC_FAILED || st == SYNC_REFUSED)
		sync_main_log(st == SYNC_FAILED || st == SYNC_REFUSED ?
		    LOG_WARNING : LOG_INFO, "harvest: catalogue version %lld "
		    "(%lld entries)%s%s", (long long)res->version,
		    (long long)res->entries, st == SYNC_UPDATED ? ", changed" :
		    st == SYNC_CURRENT ? ", nothing changed" :
		    ", not every source could be imported",
		    retry != NULL ? retry : "");
	if (json) {
		line = sync_harvest_json(res, st);
		printf("%s\n", line);
		fflush(stdout);
		free(line);
	}
}

/* The delay before retry number n (1, 2, ...), with jitter, at most cap. */
static long
sync_main_backoff(long base, int n, long cap)
{
	long d = base;
	int i;

	for (i = 1; i < n && d < cap; i++)
		d *= 2;
	if (d > cap)
		d = cap;
	/* +-25 % jitter so that many kiosks do not come back in step. */
	d = d * 3 / 4 + (long)randombytes_uniform((uint32_t)(d / 2 + 1));
	return d < 1 ? 1 : d;
}

/*
 * Seal the use statistics of every week that has ended (catalog/stats.h)
 * into the outbox, so they go with the enrolments; with statistics not
 * switched on, delete any counts instead. The office key is
 * needed only when there is such a week; a failure is logged and the
 * upload goes on (the week waits for the next run).
 */
static void
sync_main_seal_stats(struct catalog_state *state, const char *kiosk_name)
{
	struct catalog_keys *office;
	char *cause = NULL, *why = NULL;
	size_t n = 0;

	if (!catalog_config_statistics(sync_main_cfg)) {
		/* Switched off: what was counted and not sent goes. */
		if (catalog_stats_discard(state, &cause) != 0)
			sync_main_log(LOG_WARNING, "%s", cause);
		free(cause);
		return;
	}
	office = catalog_keys_read_public(catalog_enrol_office_key_path(),
	    CATALOG_KEYS_OFFICE, &why);
	if (catalog_stats_seal(state, office != NULL ? office->pk : NULL,
	    kiosk_name != NULL ? kiosk_name : CATALOG_CONFIG_KIOSK_ID_UNNAMED,
	    &n, &cause) != 0)
		sync_main_log(LOG_WARNING, "use statistics not sealed: %s%s%s",
		    cause, why != NULL ? ": " : "", why != NULL ? why : "");
	else if (n > 0)
		sync_main_log(LOG_INFO, "use statistics of %zu week%s sealed "
		    "for the office", n, n == 1 ? "" : "s");
	free(why);
	free(cause);
	catalog_keys_free(office);
}

/*
 * Send the queued enrolments (--inbox). Returns the status to exit with,
 * given the catalogue check's status st (or -1 when there was none).
 */
static int
sync_main_upload(struct sync_upload_options *up, const char *state_path,
    int st, int quiet)
{
	struct sync_upload_result upres;
	struct catalog_state *state;
	char *cause = NULL;

	if ((state = catalog_state_open(state_path, &cause)) != NULL)
		sync_main_seal_stats(state, up->kiosk_id);
	if (state == NULL || sync_upload_run(state, up, &upres, &cause) != 0) {
		sync_main_log(LOG_WARNING, "upload failed: %s", cause);
		catalog_state_close(state);
		free(cause);
		return st != -1 && st != SYNC_UPDATED && st != SYNC_CURRENT ?
		    st : SYNC_FAILED;
	}
	catalog_state_close(state);
	if (upres.waiting > 0)
		sync_main_log(LOG_WARNING, "%zu enrolment%s sent, %zu still "
		    "waiting (will retry)%s%s", upres.sent, upres.sent == 1 ?
		    "" : "s", upres.waiting, upres.last_error[0] != '\0' ?
		    "; last error: " : "", upres.last_error);
	else if (!quiet)
		sync_main_log(LOG_INFO, "%zu enrolment%s sent, none waiting",
		    upres.sent, upres.sent == 1 ? "" : "s");
	if (st != -1 && st != SYNC_UPDATED && st != SYNC_CURRENT)
		return st;
	return upres.waiting > 0 ? SYNC_MAIN_WAITING : st == SYNC_CURRENT ?
	    SYNC_CURRENT : 0;
}

int
main(int argc, char **argv)
{
	enum { OPT_REPO = 256, OPT_ONCE, OPT_DAEMON, OPT_DB, OPT_CACERT,
	    OPT_TIMEOUT, OPT_PUBKEY, OPT_INTERVAL, OPT_RETRIES, OPT_MAX_RATE,
	    OPT_PROGRESS, OPT_SYSLOG, OPT_INBOX, OPT_STATE, OPT_SIGV4,
	    OPT_DELAY, OPT_CONFIG, OPT_HARVEST, OPT_HARVEST_STATE, OPT_JSON,
	    OPT_PUBLISH_KEY, OPT_PUBLISH_OUT, OPT_PUBLISH_EXPIRES,
	    OPT_KEEP_SENT };
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, OPT_REPO },
		{ "pubkey", required_argument, NULL, OPT_PUBKEY },
		{ "once", no_argument, NULL, OPT_ONCE },
		{ "daemon", no_argument, NULL, OPT_DAEMON },
		{ "interval", required_argument, NULL, OPT_INTERVAL },
		{ "retries", required_argument, NULL, OPT_RETRIES },
		{ "db", required_argument, NULL, OPT_DB },
		{ "cacert", required_argument, NULL, OPT_CACERT },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "max-rate", required_argument, NULL, OPT_MAX_RATE },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "syslog", no_argument, NULL, OPT_SYSLOG },
		{ "inbox", required_argument, NULL, OPT_INBOX },
		{ "state", required_argument, NULL, OPT_STATE },
		{ "inbox-sigv4", required_argument, NULL, OPT_SIGV4 },
		{ "retry-delay", required_argument, NULL, OPT_DELAY },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "harvest", required_argument, NULL, OPT_HARVEST },
		{ "harvest-state", required_argument, NULL, OPT_HARVEST_STATE },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "publish-key", required_argument, NULL, OPT_PUBLISH_KEY },
		{ "publish-out", required_argument, NULL, OPT_PUBLISH_OUT },
		{ "publish-expires", required_argument, NULL,
		    OPT_PUBLISH_EXPIRES },
		{ "keep-sent", required_argument, NULL, OPT_KEEP_SENT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct sync_agent_options opts;
	struct sync_agent_result res;
	struct sync_upload_options up;
	struct sync_harvest_options hv;
	struct sync_harvest_result hres;
	struct catalog_keys *key = NULL;
	struct sigaction sa;
	enum sync_status st = SYNC_FAILED;
	const char *pubkey = NULL, *state_path = NULL, *config_path = NULL;
	char *cause = NULL, *end, retry[64];
	long interval = SYNC_MAIN_INTERVAL, wait, delay;
	int c, once = 0, daemon = 0, quiet = 0, retries = 0, failures;
	int nlfd = -1, woke, timeout_set = 0, status = 0;
	int json = 0, retries_set = 0, delay_set = 0;

	xmalloc_keep_heap();
	if (catalog_clock_init() != 0) {
		fprintf(stderr, "leerpunt-sync: %s=%s is not a date "
		    "(YYYY-MM-DD)\n", CATALOG_CLOCK_ENV,
		    getenv(CATALOG_CLOCK_ENV));
		return 2;
	}
	memset(&opts, 0, sizeof opts);
	opts.timeout = SYNC_MAIN_TIMEOUT;
	opts.stop = &sync_main_stop;
	sync_upload_defaults(&up);
	memset(&hv, 0, sizeof hv);
	hv.stop = &sync_main_stop;
	while ((c = getopt_long(argc, argv, "qhV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_REPO:
			opts.repo = optarg;
			break;
		case OPT_PUBKEY:
			pubkey = optarg;
			break;
		case OPT_ONCE:
			once = 1;
			break;
		case OPT_DAEMON:
			daemon = 1;
			break;
		case OPT_INTERVAL:
			if ((interval = sync_main_interval(optarg)) < 0) {
				fprintf(stderr, "leerpunt-sync: --interval: "
				    "\"%s\" is not a number of minutes or a "
				    "duration like 30m (at most 7 days)\n",
				    optarg);
				return SYNC_USAGE;
			}
			break;
		case OPT_RETRIES:
			errno = 0;
			retries = (int)strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    retries < 0 || retries > SYNC_MAIN_MAX_RETRIES) {
				fprintf(stderr, "leerpunt-sync: --retries: "
				    "\"%s\" is not a number from 0 to %d\n",
				    optarg, SYNC_MAIN_MAX_RETRIES);
				return SYNC_USAGE;
			}
			retries_set = 1;
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
		case OPT_CONFIG:
			config_path = optarg;
			break;
		case OPT_STATE:
			state_path = optarg;
			break;
		case OPT_HARVEST:
			hv.sources = optarg;
			break;
		case OPT_HARVEST_STATE:
			hv.state = optarg;
			break;
		case OPT_JSON:
			json = 1;
			break;
		case OPT_PUBLISH_KEY:
			hv.publish_key = optarg;
			break;
		case OPT_PUBLISH_OUT:
			hv.publish_out = optarg;
			break;
		case OPT_PUBLISH_EXPIRES:
			if (catalog_publish_duration(optarg,
			    &hv.publish_valid_for) != 0) {
				fprintf(stderr, "leerpunt-sync: "
				    "--publish-expires: \"%s\" is not a "
				    "duration (like 7d, 12h or 30m)\n", optarg);
				return SYNC_USAGE;
			}
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
			delay_set = 1;
			if (up.max_delay_ms < delay)
				up.max_delay_ms = delay;
			break;
		case OPT_KEEP_SENT: {
			time_t t;

			if (strcmp(optarg, "0") == 0)
				t = 0;
			else if (catalog_publish_duration(optarg, &t) != 0) {
				fprintf(stderr, "leerpunt-sync: --keep-sent: "
				    "\"%s\" is not 0 or a duration like 7d or "
				    "12h\n", optarg);
				return SYNC_USAGE;
			}
			up.keep_sent = (long)t;
			break;
		}
		case OPT_MAX_RATE:
			if ((opts.max_rate = sync_main_rate(optarg)) < 0) {
				fprintf(stderr, "leerpunt-sync: --max-rate: "
				    "\"%s\" is not a rate in bytes per second "
				    "(like 8000, 8k or 1M)\n", optarg);
				return SYNC_USAGE;
			}
			break;
		case OPT_PROGRESS:
			opts.progress = isatty(STDERR_FILENO);
			break;
		case OPT_SYSLOG:
			sync_main_syslog = 1;
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
	if (hv.sources != NULL && (opts.repo != NULL || up.inbox != NULL ||
	    pubkey != NULL)) {
		fprintf(stderr, "leerpunt-sync: --harvest runs on the "
		    "publisher: give it without --repo, --pubkey and --inbox\n");
		return SYNC_USAGE;
	}
	if (hv.sources == NULL && (hv.state != NULL || json ||
	    hv.publish_key != NULL || hv.publish_out != NULL)) {
		fprintf(stderr, "leerpunt-sync: --harvest-state, --json and "
		    "--publish-* go with --harvest FILE\n");
		return SYNC_USAGE;
	}
	if ((hv.publish_key == NULL) != (hv.publish_out == NULL)) {
		fprintf(stderr, "leerpunt-sync: give both --publish-key FILE "
		    "and --publish-out DIR, or neither\n");
		return SYNC_USAGE;
	}
	if (sync_main_config(config_path, &opts, &up, &pubkey) != 0)
		return SYNC_USAGE;
	if (hv.sources != NULL) {
		struct sync_sources srcs;

		/* Checked now; read again by every run (it may change). */
		if (sync_sources_read(hv.sources, &srcs, &cause) != 0) {
			fprintf(stderr, "leerpunt-sync: --harvest: %s\n", cause);
			free(cause);
			return SYNC_USAGE;
		}
		sync_sources_free(&srcs);
		/* The configuration's kiosk settings do not apply. */
		opts.repo = NULL;
		up.inbox = NULL;
		pubkey = NULL;
	}
	if (opts.repo == NULL && up.inbox == NULL && hv.sources == NULL) {
		fprintf(stderr, "leerpunt-sync: --repo URL or --inbox URL (or "
		    "repository or inbox in the configuration file) is "
		    "required (see --help)\n");
		return SYNC_USAGE;
	}
	if ((opts.repo != NULL &&
	    catalog_config_url_has_userinfo(opts.repo)) ||
	    (up.inbox != NULL && catalog_config_url_has_userinfo(up.inbox))) {
		fprintf(stderr, "leerpunt-sync: %s: "
		    CATALOG_CONFIG_USERINFO_HELP "\n", opts.repo != NULL &&
		    catalog_config_url_has_userinfo(opts.repo) ? "--repo" :
		    "--inbox");
		return SYNC_USAGE;
	}
	if (once == daemon) {
		fprintf(stderr, "leerpunt-sync: give either --once (check once, "
		    "for a timer) or --daemon (keep checking)\n");
		return SYNC_USAGE;
	}
	if (pubkey == NULL && opts.repo != NULL) {
		fprintf(stderr, "leerpunt-sync: --pubkey FILE (or "
		    "repository_key in the configuration file) is required: "
		    "the repository's public key (only signed catalogues are "
		    "applied)\n");
		return SYNC_USAGE;
	}
	if (pubkey != NULL) {
		if ((key = catalog_keys_read_public(pubkey, CATALOG_KEYS_REPO,
		    &cause)) == NULL) {
			fprintf(stderr, "leerpunt-sync: --pubkey: %s\n", cause);
			free(cause);
			return SYNC_USAGE;
		}
		opts.pubkey = key->pk;
	}
	if (opts.db == NULL)
		opts.db = catalog_db_default_path();
	hv.db = opts.db;
	hv.cacert = opts.cacert;
	hv.timeout = opts.timeout;
	hv.retries = retries_set ? retries : SYNC_HARVEST_RETRIES;
	hv.retry_ms = delay_set ? up.delay_ms : SYNC_HARVEST_RETRY_MS;
	if (hv.sources != NULL)
		retries = 0;	/* per request, not per run */
	if (timeout_set)
		up.timeout = opts.timeout;
	up.cacert = opts.cacert;
	if (state_path == NULL)
		state_path = catalog_state_default_path();
	if (sync_main_syslog)
		openlog("leerpunt-sync", LOG_PID, LOG_DAEMON);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = sync_main_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    sodium_init() < 0) {
		sync_main_log(LOG_ERR, "failed: cannot initialise libcurl or "
		    "libsodium");
		catalog_keys_free(key);
		return SYNC_FAILED;
	}
	if (daemon)
		nlfd = sync_main_netlink();

	for (failures = 0; !sync_main_stop; ) {
		retry[0] = '\0';
		wait = interval;
		if (opts.repo != NULL) {
			cause = NULL;
			st = sync_agent_run(&opts, &res, &cause);
			failures = st == SYNC_FAILED ? failures + 1 : 0;
			if (st == SYNC_FAILED && !sync_main_stop) {
				if (daemon)
					wait = sync_main_backoff(
					    SYNC_MAIN_BACKOFF, failures,
					    interval);
				else
					wait = sync_main_backoff(
					    SYNC_MAIN_RETRY_WAIT, failures, 60);
				if (daemon || failures <= retries)
					snprintf(retry, sizeof retry, "; trying "
					    "again in %ld s", wait);
			}
			sync_main_report(st, &res, cause != NULL ? cause : "",
			    quiet, retry[0] != '\0' ? retry : NULL);
			free(cause);
			if (once && st == SYNC_FAILED && failures <= retries &&
			    !sync_main_stop) {
				sync_main_wait(wait, -1, 0);
				continue;
			}
		} else if (hv.sources != NULL) {
			cause = NULL;
			st = sync_harvest_run(&hv, &hres, &cause);
			failures = st == SYNC_FAILED ? failures + 1 : 0;
			if (st == SYNC_FAILED && daemon && !sync_main_stop) {
				wait = sync_main_backoff(SYNC_MAIN_BACKOFF,
				    failures, interval);
				snprintf(retry, sizeof retry, "; trying again "
				    "in %ld s", wait);
			}
			sync_main_harvest_report(st, &hres, cause, quiet, json,
			    retry[0] != '\0' ? retry : NULL);
			sync_harvest_result_done(&hres);
			free(cause);
		}
		status = (int)st;
		if (up.inbox != NULL && !sync_main_stop)
			status = sync_main_upload(&up, state_path,
			    opts.repo != NULL ? (int)st : -1, quiet);
		if (once || sync_main_stop)
			break;
		woke = sync_main_wait(wait, nlfd, st == SYNC_FAILED);
		if (woke && !quiet)
			sync_main_log(LOG_INFO, "the network changed: checking "
			    "now");
	}
	if (nlfd != -1)
		close(nlfd);
	curl_global_cleanup();
	catalog_keys_free(key);
	if (sync_main_syslog)
		closelog();
	if (daemon)
		return sync_main_stop ? 0 : status;
	return status;
}
