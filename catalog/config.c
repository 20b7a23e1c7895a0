/*
 * config: read leerpunt.conf strictly (see config.h).
 *
 * One table lists every key with its type and where its value goes; the
 * reader, the duplicate check, catalog_config_get() and the key list all
 * walk that table, so a new key is one line there plus its documentation.
 * A line is checked whole (no NUL, no control character, key syntax, the
 * "=", quoting) before its value is checked against the key's type.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>
#include <unicode/ustring.h>

#include "catalog/config.h"
#include "catalog/db.h"
#include "catalog/lang.h"
#include "catalog/xmalloc.h"

#ifndef LP_SYSCONFDIR
#define LP_SYSCONFDIR "/usr/local/etc"
#endif

#define CONFIG_LINE_MAX 4096	/* bytes in one line */
#define CONFIG_TEXT_MAX 200	/* bytes in a text value */
#define CONFIG_NAME_MAX 64	/* bytes in a name (kiosk_id) */
#define CONFIG_SECRET_MAX 1024	/* bytes in a secret file */

enum config_type {
	CONFIG_PATH,		/* absolute path */
	CONFIG_REPO_URL,	/* http(s):// or file:// URL, or a folder */
	CONFIG_HTTP_URL,	/* http(s):// URL */
	CONFIG_IDS_URL,		/* http(s):// URL with "{ids}" once */
	CONFIG_NAME,		/* letters, digits, . _ - */
	CONFIG_TEXT,		/* UTF-8 text */
	CONFIG_INT,		/* whole number in [lo, hi] */
	CONFIG_LANGS,		/* comma-separated language tags */
	CONFIG_ENUM		/* one of words */
};

struct config_key {
	const char		*name;
	enum config_type	 type;
	size_t			 off;	/* offset in struct catalog_config */
	long			 lo, hi;
	const char *const	*words;
	int			 secret;	/* names a secret file */
};

static const char *const config_themes[] = {
	"high-contrast", "light", "mono", NULL
};

static const char *const config_yes_no[] = { "yes", "no", NULL };

#define CONFIG_OFF(f) offsetof(struct catalog_config, f)

static const struct config_key config_keys[] = {
	{ "db", CONFIG_PATH, CONFIG_OFF(db), 0, 0, NULL, 0 },
	{ "repository", CONFIG_REPO_URL, CONFIG_OFF(repository), 0, 0, NULL,
	  0 },
	{ "repository_key", CONFIG_PATH, CONFIG_OFF(repository_key), 0, 0,
	  NULL, 0 },
	{ "cacert", CONFIG_PATH, CONFIG_OFF(cacert), 0, 0, NULL, 0 },
	{ "inbox", CONFIG_HTTP_URL, CONFIG_OFF(inbox), 0, 0, NULL, 0 },
	{ "inbox_user", CONFIG_TEXT, CONFIG_OFF(inbox_user), 0, 0, NULL, 0 },
	{ "inbox_password_file", CONFIG_PATH, CONFIG_OFF(inbox_password_file),
	  0, 0, NULL, 1 },
	{ "inbox_token_file", CONFIG_PATH, CONFIG_OFF(inbox_token_file), 0, 0,
	  NULL, 1 },
	{ "kiosk_id", CONFIG_NAME, CONFIG_OFF(kiosk_id), 0, 0, NULL, 0 },
	{ "idle_timeout", CONFIG_INT, CONFIG_OFF(idle_timeout), 30, 86400,
	  NULL, 0 },
	{ "languages", CONFIG_LANGS, CONFIG_OFF(languages), 0, 0, NULL, 0 },
	{ "home_region", CONFIG_TEXT, CONFIG_OFF(home_region), 0, 0, NULL, 0 },
	{ "theme", CONFIG_ENUM, CONFIG_OFF(theme), 0, 0, config_themes, 0 },
	{ "font_size", CONFIG_INT, CONFIG_OFF(font_size), 8, 96, NULL, 0 },
	{ "staff_call", CONFIG_PATH, CONFIG_OFF(staff_call), 0, 0, NULL, 0 },
	{ "statistics", CONFIG_ENUM, CONFIG_OFF(statistics), 0, 0,
	  config_yes_no, 0 },
	{ "stale_days", CONFIG_INT, CONFIG_OFF(stale_days), 1, 3650, NULL,
	  0 },
	{ "shortlist_url", CONFIG_IDS_URL, CONFIG_OFF(shortlist_url), 0, 0,
	  NULL, 0 },
};

#define CONFIG_NKEYS (sizeof config_keys / sizeof config_keys[0])

int
catalog_config_statistics(const struct catalog_config *cfg)
{
	return cfg != NULL && cfg->statistics != NULL &&
	    strcmp(cfg->statistics, "yes") == 0;
}

const char *
catalog_config_default_path(void)
{
	const char *env = getenv("LEERPUNT_CONFIG");

	return env != NULL ? env : LP_SYSCONFDIR "/leerpunt/leerpunt.conf";
}

const char *
catalog_config_default_label(void)
{
	const char *p = catalog_config_default_path();

	return *p != '\0' ? p : "none: LEERPUNT_CONFIG is empty";
}

struct catalog_config *
catalog_config_new(void)
{
	return xcalloc(1, sizeof (struct catalog_config));
}

void
catalog_config_free(struct catalog_config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < CONFIG_NKEYS; i++) {
		const struct config_key *k = &config_keys[i];

		if (k->type != CONFIG_INT && k->type != CONFIG_LANGS)
			free(*(char **)((char *)cfg + k->off));
	}
	for (i = 0; i < cfg->nlanguages; i++)
		free(cfg->languages[i]);
	free(cfg->path);
	free(cfg);
}

const char *
catalog_config_key(size_t n)
{
	return n < CONFIG_NKEYS ? config_keys[n].name : NULL;
}

static const struct config_key *
config_find(const char *name)
{
	size_t i;

	for (i = 0; i < CONFIG_NKEYS; i++)
		if (strcmp(config_keys[i].name, name) == 0)
			return &config_keys[i];
	return NULL;
}

int
catalog_config_key_is_secret(const char *key)
{
	const struct config_key *k = config_find(key);

	return k == NULL ? -1 : k->secret;
}

char *
catalog_config_get(const struct catalog_config *cfg, const char *key)
{
	const struct config_key *k = config_find(key);
	const char *s;
	char *out, *next;
	size_t i;

	if (k == NULL)
		return NULL;
	switch (k->type) {
	case CONFIG_INT:
		if (*(const long *)((const char *)cfg + k->off) == 0)
			return NULL;
		return xasprintf("%ld",
		    *(const long *)((const char *)cfg + k->off));
	case CONFIG_LANGS:
		if (cfg->nlanguages == 0)
			return NULL;
		out = xstrdup(cfg->languages[0]);
		for (i = 1; i < cfg->nlanguages; i++) {
			next = xasprintf("%s, %s", out, cfg->languages[i]);
			free(out);
			out = next;
		}
		return out;
	default:
		s = *(char *const *)((const char *)cfg + k->off);
		return s != NULL ? xstrdup(s) : NULL;
	}
}

const char *
catalog_config_db_path(const struct catalog_config *cfg)
{
	const char *env = getenv("LEERPUNT_DB");

	if (env != NULL && *env != '\0')
		return env;
	if (cfg != NULL && cfg->db != NULL)
		return cfg->db;
	return catalog_db_default_path();
}

int
catalog_config_name_valid(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') ||
		    (p != s && strchr("._-", *p) != NULL)))
			return 0;
	}
	return p != s && p - s <= CONFIG_NAME_MAX;
}

const char *
catalog_config_kiosk_id(const struct catalog_config *cfg, char *buf,
    size_t size)
{
	char host[256], *dot;

	if (cfg != NULL && cfg->kiosk_id != NULL) {
		snprintf(buf, size, "%s", cfg->kiosk_id);
		return buf;
	}
	memset(host, 0, sizeof host);
	if (gethostname(host, sizeof host - 1) == 0) {
		if (strlen(host) > CONFIG_NAME_MAX &&
		    (dot = strchr(host, '.')) != NULL)
			*dot = '\0';	/* a long FQDN: its first label */
		if (catalog_config_name_valid(host)) {
			snprintf(buf, size, "%s", host);
			return buf;
		}
	}
	snprintf(buf, size, "%s", CATALOG_CONFIG_KIOSK_ID_UNNAMED);
	return buf;
}

/* 1 when s is valid UTF-8 (ICU decides). */
static int
config_utf8_valid(const char *s)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t len = 0;

	u_strFromUTF8(NULL, 0, &len, s, -1, &err);
	return err != U_INVALID_CHAR_FOUND && err != U_ILLEGAL_ARGUMENT_ERROR;
}

/* 1 when s, after the scheme, names a host: something before the path. */
static int
config_has_host(const char *rest)
{
	return *rest != '\0' && *rest != '/' && strchr(rest, ' ') == NULL &&
	    strchr(rest, '\t') == NULL;
}

int
catalog_config_url_has_userinfo(const char *url)
{
	const char *p = strstr(url, "://");
	size_t n;

	if (p == NULL)
		return 0;
	p += 3;
	n = strcspn(p, "/?#");
	return memchr(p, '@', n) != NULL;
}

/* 1 when s is an http:// or https:// URL with a host. */
static int
config_http_url(const char *s)
{
	if (strncmp(s, "http://", 7) == 0)
		return config_has_host(s + 7);
	if (strncmp(s, "https://", 8) == 0)
		return config_has_host(s + 8);
	return 0;
}

/* Parse the language list s into cfg; -1 and *reason when bad. */
static int
config_langs(struct catalog_config *cfg, const char *key, const char *s,
    char **reason)
{
	char *copy = xstrdup(s), *item, *save = NULL, *end;
	char canon[CATALOG_LANG_MAX];
	size_t i;
	int rc = -1;

	if (s[strlen(s) - 1] == ',' || s[0] == ',' || strstr(s, ",,")) {
		*reason = xasprintf("%s: \"%s\" has an empty item (write "
		    "tags separated by commas: nl, en, ar)", key, s);
		goto fail;
	}
	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		while (*item == ' ' || *item == '\t')
			item++;
		end = item + strlen(item);
		while (end > item && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (*item == '\0') {
			*reason = xasprintf("%s: \"%s\" has an empty item "
			    "(write tags separated by commas: nl, en, ar)",
			    key, s);
			goto fail;
		}
		if (catalog_lang_canon(item, canon, sizeof canon) != 0) {
			*reason = xasprintf("%s: \"%s\" is not a language tag "
			    "(use codes such as nl, en, ar, ti)", key, item);
			goto fail;
		}
		for (i = 0; i < cfg->nlanguages; i++) {
			if (strcmp(cfg->languages[i], canon) == 0) {
				*reason = xasprintf("%s: %s is listed twice",
				    key, canon);
				goto fail;
			}
		}
		if (cfg->nlanguages == CATALOG_CONFIG_MAX_LANGS) {
			*reason = xasprintf("%s: more than %d languages", key,
			    CATALOG_CONFIG_MAX_LANGS);
			goto fail;
		}
		cfg->languages[cfg->nlanguages++] = xstrdup(canon);
	}
	rc = 0;
fail:
	if (rc != 0) {
		for (i = 0; i < cfg->nlanguages; i++)
			free(cfg->languages[i]);
		cfg->nlanguages = 0;
	}
	free(copy);
	return rc;
}

/* Check value against the type of k and store it; -1 and *reason if bad. */
static int
config_set(struct catalog_config *cfg, const struct config_key *k,
    const char *value, char **reason)
{
	char **slot = (char **)((char *)cfg + k->off);
	const char *p;
	char *end;
	long n;
	size_t i;

	switch (k->type) {
	case CONFIG_PATH:
		if (value[0] != '/' || strlen(value) >= 4096) {
			*reason = xasprintf("%s: \"%.80s\" is not an absolute "
			    "path (it must start with /)", k->name, value);
			return -1;
		}
		break;
	case CONFIG_REPO_URL:
		if (catalog_config_url_has_userinfo(value)) {
			*reason = xasprintf("%s: " CATALOG_CONFIG_USERINFO_HELP,
			    k->name);
			return -1;
		}
		if (!config_http_url(value) &&
		    strncmp(value, "file:///", 8) != 0 && value[0] != '/') {
			*reason = xasprintf("%s: \"%.80s\" is not an http://, "
			    "https:// or file:/// URL or an absolute folder "
			    "path", k->name, value);
			return -1;
		}
		break;
	case CONFIG_HTTP_URL:
	case CONFIG_IDS_URL:
		if (catalog_config_url_has_userinfo(value)) {
			*reason = xasprintf("%s: " CATALOG_CONFIG_USERINFO_HELP,
			    k->name);
			return -1;
		}
		if (!config_http_url(value)) {
			*reason = xasprintf("%s: \"%.80s\" is not an http:// "
			    "or https:// URL with a host name", k->name, value);
			return -1;
		}
		if (k->type == CONFIG_IDS_URL && ((p = strstr(value,
		    "{ids}")) == NULL || strstr(p + 1, "{ids}") != NULL)) {
			*reason = xasprintf("%s: \"%.80s\" must hold {ids} "
			    "once, where the kiosk puts the entries' keys "
			    "(https://example.org/list?ids={ids})", k->name,
			    value);
			return -1;
		}
		break;
	case CONFIG_NAME:
		if (!catalog_config_name_valid(value)) {
			*reason = xasprintf("%s: \"%.80s\" is not a name (up to "
			    "%d letters, digits, '.', '_' or '-', starting "
			    "with a letter or digit)", k->name, value,
			    CONFIG_NAME_MAX);
			return -1;
		}
		break;
	case CONFIG_TEXT:
		if (!config_utf8_valid(value)) {
			*reason = xasprintf("%s: the value is not valid UTF-8 "
			    "(save the file as UTF-8)", k->name);
			return -1;
		}
		if (strlen(value) > CONFIG_TEXT_MAX) {
			*reason = xasprintf("%s: the value is longer than %d "
			    "bytes", k->name, CONFIG_TEXT_MAX);
			return -1;
		}
		break;
	case CONFIG_INT:
		errno = 0;
		n = strtol(value, &end, 10);
		if (errno != 0 || end == value || *end != '\0' ||
		    n < k->lo || n > k->hi || !(*value >= '0' &&
		    *value <= '9')) {
			*reason = xasprintf("%s: \"%.80s\" is not a whole number "
			    "from %ld to %ld", k->name, value, k->lo, k->hi);
			return -1;
		}
		*(long *)((char *)cfg + k->off) = n;
		return 0;
	case CONFIG_LANGS:
		return config_langs(cfg, k->name, value, reason);
	case CONFIG_ENUM:
		for (i = 0; k->words[i] != NULL; i++)
			if (strcmp(k->words[i], value) == 0)
				break;
		if (k->words[i] == NULL) {
			char *list = xstrdup(k->words[0]), *next;

			for (i = 1; k->words[i] != NULL; i++) {
				next = xasprintf("%s, %s", list, k->words[i]);
				free(list);
				list = next;
			}
			*reason = xasprintf("%s: \"%.80s\" is not one of: %s",
			    k->name, value, list);
			free(list);
			return -1;
		}
		break;
	}
	*slot = xstrdup(value);
	return 0;
}

/*
 * Take the value after "=": trim blanks, or unquote "...". The result is
 * written over the line itself. -1 and *reason when the quoting is bad.
 */
static int
config_value(char *s, char **value, char **reason)
{
	char *out, *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '"') {
		end = s + strlen(s);
		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		*value = s;
		return 0;
	}
	*value = out = s;
	for (s++; *s != '"'; s++) {
		if (*s == '\0') {
			*reason = xstrdup("no closing quote (\")");
			return -1;
		}
		if (*s == '\\') {
			s++;
			if (*s != '"' && *s != '\\') {
				*reason = xstrdup("only \\\" and \\\\ may follow "
				    "a backslash inside quotes");
				return -1;
			}
		}
		*out++ = *s;
	}
	for (s++; *s == ' ' || *s == '\t'; s++)
		;
	if (*s != '\0') {
		*reason = xstrdup("text after the closing quote");
		return -1;
	}
	*out = '\0';
	return 0;
}

/*
 * One line (without its newline) of a file; seen[i] is the line that set
 * key i, 0 when none yet. -1 and *reason when the line is bad.
 */
static int
config_line(struct catalog_config *cfg, char *line, size_t len,
    size_t lineno, size_t seen[], char **reason)
{
	const struct config_key *k;
	char *p = line, *key, *value = NULL;
	size_t i;

	if (strlen(line) != len) {
		*reason = xstrdup("the line holds a NUL byte (is this a text "
		    "file?)");
		return -1;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			*reason = xasprintf("control character 0x%02x in the "
			    "line%s", c, c == '\r' ? " (save the file with "
			    "Unix line ends)" : "");
			return -1;
		}
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || *p == '#')
		return 0;
	key = p;
	while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
	    *p == '_')
		p++;
	if (p == key) {
		*reason = xstrdup("expected \"key = value\" (keys are lower "
		    "case letters, digits and _)");
		return -1;
	}
	if (*p != ' ' && *p != '\t' && *p != '=' && *p != '\0') {
		*reason = xstrdup("expected \"key = value\" (keys are lower "
		    "case letters, digits and _)");
		return -1;
	}
	if (*p == ' ' || *p == '\t') {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
	}
	if (*p != '=') {
		*reason = xasprintf("expected \"=\" after \"%.40s\"", key);
		return -1;
	}
	*p++ = '\0';
	if ((k = config_find(key)) == NULL) {
		*reason = xasprintf("unknown key \"%.40s\" (see "
		    "docs/configuration.md)", key);
		return -1;
	}
	if (seen[k - config_keys] != 0) {
		*reason = xasprintf("duplicate key \"%s\" (first set on line "
		    "%zu)", key, seen[k - config_keys]);
		return -1;
	}
	if (config_value(p, &value, reason) != 0)
		return -1;
	if (*value == '\0') {
		*reason = xasprintf("%s has no value (remove the line to use "
		    "the default)", key);
		return -1;
	}
	if (config_set(cfg, k, value, reason) != 0)
		return -1;
	seen[k - config_keys] = lineno;
	return 0;
}

int
catalog_config_read(struct catalog_config *cfg, const char *path,
    char **cause)
{
	size_t seen[CONFIG_NKEYS] = { 0 };
	FILE *f = NULL;
	struct stat st;
	char *line = NULL, *reason = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	int rc = -1;

	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: cannot read the configuration: %s",
		    path, strerror(errno));
		goto fail;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: the configuration is not a regular "
		    "file", path);
		goto fail;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		*cause = xasprintf("%s: others may change the configuration "
		    "(mode %04o): make it writable by its owner only "
		    "(chmod go-w %s)", path, (unsigned)(st.st_mode & 07777),
		    path);
		goto fail;
	}
	while ((len = getline(&line, &cap, f)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		/* A byte order mark, as Windows editors write: not text. */
		if (lineno == 1 && len >= 3 &&
		    memcmp(line, "\xef\xbb\xbf", 3) == 0) {
			memmove(line, line + 3, (size_t)len - 2);
			len -= 3;
		}
		if ((size_t)len > CONFIG_LINE_MAX) {
			*cause = xasprintf("%s:%zu: the line is longer than %d "
			    "bytes", path, lineno, CONFIG_LINE_MAX);
			goto fail;
		}
		if (config_line(cfg, line, (size_t)len, lineno, seen,
		    &reason) != 0) {
			*cause = xasprintf("%s:%zu: %s", path, lineno, reason);
			goto fail;
		}
	}
	if (ferror(f)) {
		*cause = xasprintf("%s: cannot read the configuration: %s",
		    path, strerror(errno));
		goto fail;
	}
	free(cfg->path);
	cfg->path = xstrdup(path);
	rc = 0;
fail:
	free(reason);
	free(line);
	if (f != NULL)
		fclose(f);
	return rc;
}

struct catalog_config *
catalog_config_load(const char *path, char **cause)
{
	struct catalog_config *cfg = catalog_config_new();

	if (path == NULL) {
		path = catalog_config_default_path();
		if (*path == '\0' || (access(path, F_OK) != 0 &&
		    errno == ENOENT))
			return cfg;
	}
	if (catalog_config_read(cfg, path, cause) != 0) {
		catalog_config_free(cfg);
		return NULL;
	}
	return cfg;
}

int
catalog_config_read_secret(const char *path, char **value, char **cause)
{
	char buf[CONFIG_SECRET_MAX + 2];
	struct stat st;
	ssize_t n;
	size_t len = 0, i;
	int fd = -1, rc = -1;

	*value = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*cause = xasprintf("%s: cannot read the secret file: %s", path,
		    strerror(errno));
		goto fail;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: the secret file is not a regular file",
		    path);
		goto fail;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		*cause = xasprintf("%s: others may read the secret file (mode "
		    "%04o): make it private with chmod 600 %s", path,
		    (unsigned)(st.st_mode & 07777), path);
		goto fail;
	}
	while (len < sizeof buf - 1 &&
	    (n = read(fd, buf + len, sizeof buf - 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*cause = xasprintf("%s: cannot read the secret file: "
			    "%s", path, strerror(errno));
			goto fail;
		}
		len += (size_t)n;
	}
	if (len > 0 && buf[len - 1] == '\n')
		len--;
	if (len > CONFIG_SECRET_MAX) {
		*cause = xasprintf("%s: the secret file is longer than %d "
		    "bytes", path, CONFIG_SECRET_MAX);
		goto fail;
	}
	if (len == 0) {
		*cause = xasprintf("%s: the secret file is empty", path);
		goto fail;
	}
	for (i = 0; i < len; i++) {
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f) {
			*cause = xasprintf("%s: the secret must be one line "
			    "without control characters", path);
			goto fail;
		}
	}
	*value = xstrndup(buf, len);
	rc = 0;
fail:
	sodium_memzero(buf, sizeof buf);
	if (fd != -1)
		close(fd);
	return rc;
}

void
catalog_config_secret_free(char *value)
{
	if (value == NULL)
		return;
	sodium_memzero(value, strlen(value));
	free(value);
}
