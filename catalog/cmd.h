/*
 * cmd: the commands of leerpunt-catalog, one file each (cmd_NAME.c).
 *
 * main.c parses the global options and dispatches on the command name
 * through the table in main.c. A command returns the exit status:
 * 0 success, 1 failure (a message was printed), 2 wrong usage.
 */
#ifndef CATALOG_CMD_H
#define CATALOG_CMD_H

#include <stdio.h>

struct catalog_db;
struct catalog_config;

struct cmd_ctx {
	const char	*progname;
	const char	*db_path;
	const struct catalog_config *config;	/* never NULL */
	const char	*state_path;	/* the kiosk's state database */
	/* What cmd_open_db made for a new catalogue, undone when the command
	 * fails before storing anything (cmd_undo_new_db). */
	int		 db_was_new;	/* the file was missing or 0 bytes */
	int		 db_was_missing; /* ... missing: remove, not empty it */
	char		*made_dirs[16];	/* folders made, outermost first */
	int		 nmade_dirs;
};

struct cmd {
	const char	*name;
	int		 (*run)(struct cmd_ctx *ctx, int argc, char **argv);
	const char	*usage;		/* arguments after the name */
	const char	*summary;	/* one line for --help */
};

int cmd_demo(struct cmd_ctx *, int, char **);
int cmd_import(struct cmd_ctx *, int, char **);
int cmd_search(struct cmd_ctx *, int, char **);
int cmd_stats(struct cmd_ctx *, int, char **);
int cmd_staff(struct cmd_ctx *, int, char **);
int cmd_keygen(struct cmd_ctx *, int, char **);
int cmd_enrol(struct cmd_ctx *, int, char **);
int cmd_outbox(struct cmd_ctx *, int, char **);
int cmd_inbox(struct cmd_ctx *, int, char **);
int cmd_report(struct cmd_ctx *, int, char **);
int cmd_publish(struct cmd_ctx *, int, char **);
int cmd_config(struct cmd_ctx *, int, char **);

/* Print "progname: message" to stderr; returns 1 for "return cmd_fail()". */
int cmd_fail(struct cmd_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Print usage of the command named name to f. */
void cmd_usage(struct cmd_ctx *ctx, const char *name, FILE *f);
/* Open the catalogue; with create, make it (and its folder) if missing. */
struct catalog_db *cmd_open_db(struct cmd_ctx *ctx, int create, int readonly);
/*
 * After a failed command: a catalogue that cmd_open_db made new and that
 * still holds no catalogue version is taken away again (a 0-byte file is
 * left at 0 bytes), and so are the folders made for it, so that "nothing
 * was imported; the catalogue is unchanged" is true.
 */
void cmd_undo_new_db(struct cmd_ctx *ctx);
/* Open the state database (--state, $LEERPUNT_STATE or the default). */
struct catalog_state *cmd_open_state(struct cmd_ctx *ctx);
/* The folder holding themes.csv and demo.csv. */
const char *cmd_data_dir(void);

#endif
