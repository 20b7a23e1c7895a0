/*
 * main: leerpunt-catalog, the coordinator's and staff's tool.
 *
 * Global options come before the command (--config, --db, --help,
 * --version); each command parses its own options. The configuration file
 * is read before any command runs: a bad one stops the program. The command table below is the one
 * place that lists them.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/clock.h"
#include "catalog/cmd.h"
#include "catalog/config.h"
#include "catalog/db.h"
#include "catalog/safe.h"
#include "catalog/state.h"
#include "catalog/xmalloc.h"

#ifndef LP_PKGDATADIR
#define LP_PKGDATADIR "/usr/local/share/leerpunt"
#endif

static const struct cmd cmds[] = {
	{ "demo", cmd_demo, "",
	  "load the demo catalogue (themes and entries)" },
	{ "import", cmd_import, "[--format csv|edudex|ooapi|xcri] [--source NAME] "
	  "[--strict]\n    [--no-remove] [--force] FILE...",
	  "import course data; all files in one transaction" },
	{ "search", cmd_search, "[--lang LL] [--json] [--theme KEY] [--limit N] "
	  "[--offset N]\n    [--kind K] [--province P] [--mode M] [--free] "
	  "[--instruction-lang LL] [--level L]\n    [--within-days N] "
	  "[--near LAT,LON [--km KM]] [--sort relevance|name] [--today DATE]"
	  "\n    [--no-typos] [--reindex] (QUERY... | --batch [--timing] [--warm])",
	  "print entries that match the words" },
	{ "stats", cmd_stats, "[--json]",
	  "print the number of entries and the catalogue version" },
	{ "staff", cmd_staff, "add [--pin-stdin] NAME | remove NAME | list",
	  "manage staff accounts (PINs for staff mode)" },
	{ "keygen", cmd_keygen, "--kind office|kiosk|repo --out PREFIX",
	  "write a key pair to PREFIX.pub and PREFIX.secret" },
	{ "enrol", cmd_enrol, "--offering ID --consent yes (--from-stdin | "
	  "--name NAME (--phone P | --email E) [--note TEXT]) [--office-key "
	  "FILE]",
	  "enrol a person; the data is sealed for the office" },
	{ "outbox", cmd_outbox, "[--all] [--resend-sent]",
	  "show enrolments waiting to be sent (no personal data)" },
	{ "inbox", cmd_inbox, "--key OFFICE.secret --kiosks FILE [--json | "
	  "--ooapi] [--again] DIR", "office: read received enrolments" },
	{ "report", cmd_report, "--key OFFICE.secret --kiosks FILE "
	  "[--output DIR] DIR",
	  "office: tables and charts of the kiosks' use statistics" },
	{ "publish", cmd_publish, "--key FILE.secret --out DIR "
	  "[--expires-in DURATION] [--keep-deltas K] [--next-key FILE.pub] "
	  "[--state DIR]",
	  "write the catalogue as a repository for leerpunt-sync" },
	{ "config", cmd_config, "[KEY]",
	  "check and show the configuration file, or one value" },
};

#define NCMDS (sizeof cmds / sizeof cmds[0])

int
cmd_fail(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	char *msg, *safe;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* Messages quote input values: never let them drive the terminal. */
	safe = catalog_safe_line(msg);
	fprintf(stderr, "%s: %s\n", ctx->progname, safe);
	free(safe);
	free(msg);
	return 1;
}

void
cmd_usage(struct cmd_ctx *ctx, const char *name, FILE *f)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (strcmp(cmds[i].name, name) == 0)
			fprintf(f, "usage: %s [--config FILE] [--db PATH] [--state PATH] "
			    "%s %s\n",
			    ctx->progname, cmds[i].name, cmds[i].usage);
}

const char *
cmd_data_dir(void)
{
	const char *env = getenv("LEERPUNT_DATADIR");

	return env != NULL && *env != '\0' ? env : LP_PKGDATADIR;
}

/* Make the folder that will hold path, like mkdir -p. */
/* Make the folders above path that are missing; remember them in ctx. */
static int
cmd_make_parent(struct cmd_ctx *ctx, const char *path)
{
	char *dir = xstrdup(path), *p;
	struct stat st;
	int rc = 0;

	if ((p = strrchr(dir, '/')) == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (stat(dir, &st) != 0) {
				if (mkdir(dir, 0755) != 0 && errno != EEXIST)
					rc = -1;
				else if (ctx->nmade_dirs < (int)(sizeof
				    ctx->made_dirs / sizeof ctx->made_dirs[0]))
					ctx->made_dirs[ctx->nmade_dirs++] =
					    xstrdup(dir);
			}
			*p = c;
			if (c == '\0' || rc != 0)
				break;
		}
	}
	free(dir);
	return rc;
}

void
cmd_undo_new_db(struct cmd_ctx *ctx)
{
	static const char *const side[] = { "-wal", "-shm", "-journal" };
	struct catalog_db *db;
	char *cause = NULL, *f;
	int64_t version = -1;
	size_t i;

	if (!ctx->db_was_new)
		goto dirs;
	if ((db = catalog_db_open(ctx->db_path, CATALOG_DB_READONLY,
	    &cause)) != NULL) {
		version = catalog_db_version(db);
		catalog_db_close(db);
	}
	free(cause);
	if (version != 0)
		return;	/* something was stored after all: keep it all */
	for (i = 0; i < sizeof side / sizeof side[0]; i++) {
		f = xasprintf("%s%s", ctx->db_path, side[i]);
		unlink(f);
		free(f);
	}
	if (ctx->db_was_missing)
		unlink(ctx->db_path);
	else if (truncate(ctx->db_path, 0) != 0)
		cmd_fail(ctx, "%s: cannot empty it again: %s", ctx->db_path,
		    strerror(errno));
dirs:
	while (ctx->nmade_dirs > 0) {
		f = ctx->made_dirs[--ctx->nmade_dirs];
		rmdir(f);	/* fails, as it should, if anything is left */
		free(f);
	}
}

struct catalog_db *
cmd_open_db(struct cmd_ctx *ctx, int create, int readonly)
{
	struct catalog_db *db;
	char *cause = NULL;

	if (!create && access(ctx->db_path, F_OK) != 0) {
		cmd_fail(ctx, "%s: no catalogue here: load one with \"%s "
		    "demo\" or \"%s import\", or give --db", ctx->db_path,
		    ctx->progname, ctx->progname);
		return NULL;
	}
	if (create) {
		struct stat st;

		ctx->db_was_missing = stat(ctx->db_path, &st) != 0;
		ctx->db_was_new = ctx->db_was_missing ||
		    (S_ISREG(st.st_mode) && st.st_size == 0);
	}
	if (create && cmd_make_parent(ctx, ctx->db_path) != 0) {
		cmd_fail(ctx, "%s: cannot make its folder: %s", ctx->db_path,
		    strerror(errno));
		return NULL;
	}
	db = catalog_db_open(ctx->db_path, (create ? CATALOG_DB_CREATE |
	    CATALOG_DB_THEMES : 0) |
	    (readonly ? CATALOG_DB_READONLY : 0), &cause);
	if (db == NULL) {
		cmd_fail(ctx, "%s", cause);
		free(cause);
	}
	return db;
}

struct catalog_state *
cmd_open_state(struct cmd_ctx *ctx)
{
	struct catalog_state *state;
	char *cause = NULL;

	if ((state = catalog_state_open(ctx->state_path, &cause)) == NULL) {
		cmd_fail(ctx, "%s", cause);
		free(cause);
	}
	return state;
}

static void
usage(struct cmd_ctx *ctx, FILE *f)
{
	size_t i;

	fprintf(f, "usage: %s [--config FILE] [--db PATH] COMMAND [OPTIONS] "
	    "[ARGS]\n\n"
	    "Manage the Leerpunt course and community catalogue.\n\n"
	    "Commands:\n", ctx->progname);
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(f, "\nOptions:\n"
	    "  --config FILE  the configuration file (default %s;\n"
	    "                 LEERPUNT_CONFIG overrides it)\n"
	    "  --db PATH      the catalogue; without it LEERPUNT_DB, else \"db\"\n"
	    "                 in the configuration file, else %s\n"
	    "  --state PATH   the kiosk's state: staff, keys, outbox (default\n"
	    "                 %s; LEERPUNT_STATE overrides it)\n"
	    "  --help         show this help; COMMAND --help shows its usage\n"
	    "  --version      show the version\n",
	    catalog_config_default_label(), catalog_db_default_path(),
	    catalog_state_default_path());
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "state", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_config *cfg;
	struct cmd_ctx ctx;
	const char *config_path = NULL;
	char *cause = NULL;
	size_t i;
	int c, rc;

	xmalloc_keep_heap();
	ctx.progname = "leerpunt-catalog";
	if (catalog_clock_init() != 0) {
		fprintf(stderr, "leerpunt-catalog: %s=%s is not a date "
		    "(YYYY-MM-DD)\n", CATALOG_CLOCK_ENV,
		    getenv(CATALOG_CLOCK_ENV));
		return 2;
	}
	ctx.db_path = NULL;
	ctx.config = NULL;
	ctx.state_path = catalog_state_default_path();
	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			ctx.db_path = optarg;
			break;
		case 'c':
			config_path = optarg;
			break;
		case 's':
			ctx.state_path = optarg;
			break;
		case 'h':
			usage(&ctx, stdout);
			return 0;
		case 'V':
			printf("leerpunt-catalog %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(&ctx, stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		usage(&ctx, stderr);
		return 2;
	}
	if ((cfg = catalog_config_load(config_path, &cause)) == NULL) {
		cmd_fail(&ctx, "%s", cause);
		free(cause);
		return 2;
	}
	ctx.config = cfg;
	if (ctx.db_path == NULL)
		ctx.db_path = catalog_config_db_path(cfg);
	for (i = 0; i < NCMDS; i++) {
		if (strcmp(argv[optind], cmds[i].name) == 0) {
			argv += optind;
			argc -= optind;
			optind = 1;
			rc = cmds[i].run(&ctx, argc, argv);
			if (rc != 0)
				cmd_undo_new_db(&ctx);
			else
				while (ctx.nmade_dirs > 0)
					free(ctx.made_dirs[--ctx.nmade_dirs]);
			catalog_config_free(cfg);
			return rc;
		}
	}
	catalog_config_free(cfg);
	cmd_fail(&ctx, "unknown command \"%s\" (see %s --help)", argv[optind],
	    ctx.progname);
	return 2;
}
