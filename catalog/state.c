/*
 * state: the kiosk's writable state database (see state.h).
 *
 * The file is created with open(2) mode 0600 before SQLite sees it, and an
 * existing file is narrowed to 0600, so the kiosk's secret key and the
 * sealed enrolments are readable only by the kiosk's user. secure_delete
 * overwrites deleted records (sent enrolments) instead of leaving them in
 * free pages. Migrations are an append-only list, as in db.c.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/stateint.h"
#include "catalog/xmalloc.h"

#ifndef LP_LOCALSTATEDIR
#define LP_LOCALSTATEDIR "/var"
#endif

struct catalog_state {
	sqlite3		*sq;
	char		*path;
};

static const char *const catalog_state_migrations[] = {
	/* 1: staff, lock-out, kiosk identity, outbox. */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE staff ("
	"  name TEXT PRIMARY KEY,"
	"  hash TEXT NOT NULL,"
	"  created INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE lockout ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  failures INTEGER NOT NULL,"
	"  locked_until INTEGER NOT NULL"
	");"
	"INSERT INTO lockout(id, failures, locked_until) VALUES (1, 0, 0);"
	"CREATE TABLE kiosk_identity ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  kiosk_id TEXT NOT NULL,"
	"  public_key BLOB NOT NULL,"
	"  secret_key BLOB NOT NULL,"
	"  created INTEGER NOT NULL"
	");"
	"CREATE TABLE outbox ("
	"  receipt TEXT PRIMARY KEY,"
	"  offering_id INTEGER NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_try INTEGER NOT NULL DEFAULT 0,"
	"  sent_at INTEGER,"
	"  last_error TEXT,"
	"  record BLOB,"
	"  CHECK ((status = 'sent') = (record IS NULL))"
	");"
	"CREATE INDEX outbox_status ON outbox(status, next_try);",
	/*
	 * 2: a sent record keeps its sealed bytes for a grace period (so a
	 * site can send it again); a pending one must have them.
	 */
	"CREATE TABLE outbox_new ("
	"  receipt TEXT PRIMARY KEY,"
	"  offering_id INTEGER NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_try INTEGER NOT NULL DEFAULT 0,"
	"  sent_at INTEGER,"
	"  last_error TEXT,"
	"  record BLOB,"
	"  CHECK (status = 'sent' OR record IS NOT NULL)"
	");"
	"INSERT INTO outbox_new SELECT receipt, offering_id, created, status,"
	"  attempts, next_try, sent_at, last_error, record FROM outbox;"
	"DROP TABLE outbox;"
	"ALTER TABLE outbox_new RENAME TO outbox;"
	"CREATE INDEX outbox_status ON outbox(status, next_try);",
	/*
	 * 3: use statistics (stats.h): counts per day, search words that
	 * found nothing with the number of sessions that typed them per
	 * week, the weeks already sealed; the outbox also carries the
	 * sealed weekly statistics files (kind 'stats').
	 */
	"ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'enr'"
	"  CHECK (kind IN ('enr', 'stats'));"
	"CREATE TABLE stats_count ("
	"  day TEXT NOT NULL CHECK (length(day) = 10),"
	"  what TEXT NOT NULL,"
	"  key TEXT NOT NULL DEFAULT '',"
	"  n INTEGER NOT NULL CHECK (n >= 0),"
	"  PRIMARY KEY (day, what, key)"
	") WITHOUT ROWID;"
	"CREATE TABLE stats_word ("
	"  week TEXT NOT NULL CHECK (length(week) = 8),"
	"  word TEXT NOT NULL,"
	"  sessions INTEGER NOT NULL CHECK (sessions > 0),"
	"  PRIMARY KEY (week, word)"
	") WITHOUT ROWID;"
	"CREATE TABLE stats_sealed ("
	"  week TEXT PRIMARY KEY CHECK (length(week) = 8)"
	") WITHOUT ROWID;",
};

#define CATALOG_STATE_NMIGRATIONS \
	((int)(sizeof catalog_state_migrations / \
	    sizeof catalog_state_migrations[0]))

int
catalog_state_schema_version(void)
{
	return CATALOG_STATE_NMIGRATIONS;
}

const char *
catalog_state_default_path(void)
{
	const char *env = getenv("LEERPUNT_STATE");

	if (env != NULL && *env != '\0')
		return env;
	return LP_LOCALSTATEDIR "/lib/leerpunt/state.db";
}

sqlite3 *
catalog_state_sqlite(struct catalog_state *state)
{
	return state->sq;
}

const char *
catalog_state_path(struct catalog_state *state)
{
	return state->path;
}

char *
catalog_state_error(struct catalog_state *state, const char *what)
{
	return xasprintf("%s: %s: %s", state->path, what,
	    sqlite3_errmsg(state->sq));
}

int
catalog_state_exec(struct catalog_state *state, const char *sql, char **cause)
{
	char *err = NULL;

	if (sqlite3_exec(state->sq, sql, NULL, NULL, &err) != SQLITE_OK) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", state->path,
			    err != NULL ? err : sqlite3_errmsg(state->sq));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

sqlite3_stmt *
catalog_state_prepare(struct catalog_state *state, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(state->sq, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "leerpunt: %s: cannot prepare \"%s\": %s\n",
		    state->path, sql, sqlite3_errmsg(state->sq));
		abort();
	}
	return st;
}

/* Make the folders above path (mode 0700 for new ones), like mkdir -p. */
static int
catalog_state_make_parent(const char *path, char **cause)
{
	char *dir = xstrdup(path), *p;

	if ((p = strrchr(dir, '/')) == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				*cause = xasprintf("%s: cannot make folder %s: "
				    "%s", path, dir, strerror(errno));
				free(dir);
				return -1;
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	free(dir);
	return 0;
}

/* Create the file with mode 0600, or narrow an existing one to 0600. */
static int
catalog_state_private_file(const char *path, char **cause)
{
	struct stat sb;
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd == -1) {
		*cause = xasprintf("%s: cannot open state database: %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || (!S_ISREG(sb.st_mode))) {
		*cause = xasprintf("%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if ((sb.st_mode & 077) != 0 && fchmod(fd, 0600) != 0) {
		*cause = xasprintf("%s: others may read it and it cannot be "
		    "made private (chmod 600): %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int
catalog_state_migrate(struct catalog_state *state, char **cause)
{
	sqlite3_stmt *st;
	char *sql;
	int v = -1, i;

	st = catalog_state_prepare(state, "PRAGMA user_version");
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (v < 0) {
		*cause = catalog_state_error(state, "not a state database");
		return -1;
	}
	if (v > CATALOG_STATE_NMIGRATIONS) {
		*cause = xasprintf("%s: state schema %d is newer than this "
		    "program understands (%d): update Leerpunt", state->path,
		    v, CATALOG_STATE_NMIGRATIONS);
		return -1;
	}
	for (i = v; i < CATALOG_STATE_NMIGRATIONS; i++) {
		sql = xasprintf("BEGIN IMMEDIATE; %s; PRAGMA user_version = %d;"
		    " COMMIT;", catalog_state_migrations[i], i + 1);
		if (catalog_state_exec(state, sql, cause) != 0) {
			free(sql);
			sqlite3_exec(state->sq, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		free(sql);
	}
	return 0;
}

struct catalog_state *
catalog_state_open(const char *path, char **cause)
{
	struct catalog_state *state = xcalloc(1, sizeof *state);

	state->path = xstrdup(path);
	if (catalog_state_make_parent(path, cause) != 0 ||
	    catalog_state_private_file(path, cause) != 0)
		goto fail;
	if (sqlite3_open_v2(path, &state->sq, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s: cannot open state database: %s", path,
		    state->sq != NULL ? sqlite3_errmsg(state->sq) :
		    "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(state->sq, 1);
	sqlite3_busy_timeout(state->sq, 10000);
	if (catalog_state_exec(state, "PRAGMA journal_mode = WAL", cause) != 0 ||
	    catalog_state_exec(state, "PRAGMA secure_delete = ON", cause) != 0 ||
	    catalog_state_exec(state, "PRAGMA synchronous = FULL", cause) != 0)
		goto fail;
	if (catalog_state_migrate(state, cause) != 0)
		goto fail;
	return state;

fail:
	catalog_state_close(state);
	return NULL;
}

void
catalog_state_close(struct catalog_state *state)
{
	if (state == NULL)
		return;
	sqlite3_close_v2(state->sq);
	free(state->path);
	free(state);
}
