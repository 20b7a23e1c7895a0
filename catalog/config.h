/*
 * config: the one configuration file of a Leerpunt installation.
 *
 * $(sysconfdir)/leerpunt/leerpunt.conf (or --config FILE) holds simple
 * "key = value" lines; a line starting with # is a comment, blank lines are
 * ignored, and a value may be put in double quotes (\" and \\ inside). It
 * is read strictly: any bad line (no "=", unknown key, bad value, duplicate
 * key) makes the whole read fail with "FILE:LINE: reason", and the program
 * refuses to start rather than guess. Each key has a type (path, URL, name,
 * text, whole number in a range, language list, one of a few words) that
 * its value must satisfy; docs/configuration.md lists them.
 *
 * Secrets are never in this file: inbox_password_file and inbox_token_file
 * name files that catalog_config_read_secret() reads only when a program
 * needs them, refusing a file others may read. Precedence is for the
 * programs: command line, then the environment (LEERPUNT_DB), then this
 * file, then the built-in default.
 */
#ifndef CATALOG_CONFIG_H
#define CATALOG_CONFIG_H

/*
 * A quoted #include "config.h" in a file of catalog/ finds this header
 * before autoconf's (the including file's folder is searched first), so
 * this header brings autoconf's config.h in itself; <config.h> searches
 * only the -I folders (-I$(top_builddir) holds it).
 */
#include <config.h>

#include <stddef.h>

#define CATALOG_CONFIG_MAX_LANGS 16

struct catalog_config {
	char	*path;			/* the file read, NULL when none */
	char	*db;			/* catalogue file */
	char	*repository;		/* update repository URL or folder */
	char	*repository_key;	/* trusted public key file */
	char	*cacert;		/* CA certificates for https */
	char	*inbox;			/* office inbox URL */
	char	*inbox_user;
	char	*inbox_password_file;	/* secret file */
	char	*inbox_token_file;	/* secret file */
	char	*kiosk_id;
	long	 idle_timeout;		/* seconds, 0 when not set */
	char	*languages[CATALOG_CONFIG_MAX_LANGS]; /* in the order offered */
	size_t	 nlanguages;
	char	*home_region;
	char	*theme;			/* high-contrast, light or mono */
	long	 font_size;		/* points, 0 when not set */
	char	*staff_call;		/* program Ask staff runs, or NULL */
	char	*statistics;		/* "yes" or "no" (stats.h) */
	long	 stale_days;		/* days before visitors see the
					 * catalogue's age; 0 when not set */
	char	*shortlist_url;		/* http(s) link with "{ids}", or NULL */
};

/* 1 when cfg (may be NULL) turns the use statistics on; off by default. */
int catalog_config_statistics(const struct catalog_config *cfg);

/* $LEERPUNT_CONFIG, else $(sysconfdir)/leerpunt/leerpunt.conf; "" = none. */
const char *catalog_config_default_path(void);
/* The default for --help: the path, or "none" words when "" (English). */
const char *catalog_config_default_label(void);

/*
 * Read the configuration: the file at path (which must exist), or with
 * path NULL the default file if there is one. NULL and *cause
 * ("FILE:LINE: reason") when the file or any line in it is bad.
 */
struct catalog_config *catalog_config_load(const char *path, char **cause);
/* An empty configuration (every key unset). */
struct catalog_config *catalog_config_new(void);
/* Read the lines of the file at path into cfg; -1 and *cause when bad. */
int catalog_config_read(struct catalog_config *cfg, const char *path,
    char **cause);
void catalog_config_free(struct catalog_config *cfg);

/* The n-th key name (in the order of docs/configuration.md), NULL at end. */
const char *catalog_config_key(size_t n);
/* 1 when key names a file holding a secret. -1 when no such key. */
int catalog_config_key_is_secret(const char *key);
/* The value of key as written in the file, new string; NULL when unset. */
char *catalog_config_get(const struct catalog_config *cfg, const char *key);

/*
 * The catalogue path without --db: $LEERPUNT_DB, else "db" from cfg (may
 * be NULL), else the built-in default.
 */
const char *catalog_config_db_path(const struct catalog_config *cfg);

/*
 * 1 when s is a name: 1 to 64 ASCII letters, digits, '.', '_' or '-',
 * starting with a letter or digit (the type of kiosk_id).
 */
int catalog_config_name_valid(const char *s);

/*
 * 1 when the URL url carries a user name or password ("user:pw@host"):
 * programs refuse those, since a URL is printed in messages and stored.
 * CATALOG_CONFIG_USERINFO_HELP says what to use instead.
 */
int catalog_config_url_has_userinfo(const char *url);
#define CATALOG_CONFIG_USERINFO_HELP \
	"a user name or password in the URL is not accepted (it would show " \
	"in messages and be stored); a repository needs none, and an inbox " \
	"takes them from LEERPUNT_INBOX_USER and LEERPUNT_INBOX_PASSWORD (or " \
	"LEERPUNT_INBOX_TOKEN), or inbox_user and inbox_password_file in " \
	"the configuration file"

#define CATALOG_CONFIG_NAME_SIZE 65	/* a name and its NUL */
#define CATALOG_CONFIG_KIOSK_ID_UNNAMED "unnamed"

/*
 * The name of this kiosk (the place that captures enrolments), into buf
 * (CATALOG_CONFIG_NAME_SIZE bytes): kiosk_id from cfg (may be NULL), else
 * the host name when it is a valid name (a longer one cut at its first
 * dot), else "unnamed". Not personal data. Returns buf.
 */
const char *catalog_config_kiosk_id(const struct catalog_config *cfg,
    char *buf, size_t size);

/*
 * Read a secret (password, token) from path: a regular file that only its
 * owner may read or write, one line of at most 1024 bytes, a final newline
 * allowed. The caller frees *value (the bytes are wiped first by
 * catalog_config_secret_free). -1 and *cause when refused.
 */
int catalog_config_read_secret(const char *path, char **value, char **cause);
void catalog_config_secret_free(char *value);

#endif
