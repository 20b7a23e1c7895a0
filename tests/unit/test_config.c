/*
 * test_config: the configuration file parser (catalog/config.c): every
 * kind of error with FILE:LINE, comments, blank lines, blanks around "=",
 * quoting, each value type, and the permission checks on the file itself
 * and on secret files.
 */
#include "unit.h"

#include <sys/stat.h>

#include "catalog/config.h"

struct fixture {
	char	 dir[64];
	char	*path;
};

static int
setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);

	snprintf(fx->dir, sizeof fx->dir, "/tmp/leerpunt-config.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	fx->path = xasprintf("%s/leerpunt.conf", fx->dir);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	char *cmd = xasprintf("rm -rf '%s'", fx->dir);

	if (system(cmd) != 0)
		fprintf(stderr, "# cannot remove %s\n", fx->dir);
	free(cmd);
	free(fx->path);
	free(fx);
	return 0;
}

/* Write text (len bytes) to path with mode. */
static void
write_file(const char *path, const char *text, size_t len, mode_t mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, mode), 0);
}

/* Load text as a config file; returns the config or NULL with *cause. */
static struct catalog_config *
load(struct fixture *fx, const char *text, char **cause)
{
	write_file(fx->path, text, strlen(text), 0644);
	*cause = NULL;
	return catalog_config_load(fx->path, cause);
}

/* The text must be refused with "FILE:line: " and reason in the message. */
static void
refused(struct fixture *fx, const char *text, int line, const char *reason)
{
	struct catalog_config *cfg;
	char *cause = NULL, *prefix;

	cfg = load(fx, text, &cause);
	if (cfg != NULL)
		fail_msg("accepted: %s", text);
	assert_non_null(cause);
	prefix = xasprintf("%s:%d: ", fx->path, line);
	if (strncmp(cause, prefix, strlen(prefix)) != 0 ||
	    strstr(cause, reason) == NULL)
		fail_msg("for \"%s\": got \"%s\", want \"%s...%s\"", text,
		    cause, prefix, reason);
	free(prefix);
	free(cause);
}

static void
test_full_file(void **state)
{
	struct catalog_config *cfg;
	char *cause, *v;

	cfg = load(*state,
	    "# Leerpunt at the Delft library\n"
	    "\n"
	    "   # an indented comment\n"
	    "db = /var/lib/leerpunt/catalog.db\n"
	    "repository=https://updates.example.org/leerpunt/\n"
	    "repository_key = /etc/leerpunt/repo.pub\n"
	    "cacert = /etc/ssl/certs/ca-certificates.crt\n"
	    "inbox = https://office.example.org/inbox/\n"
	    "inbox_user = kiosk-delft\n"
	    "inbox_password_file = /etc/leerpunt/inbox.secret\n"
	    "kiosk_id = delft-library-1\n"
	    "\tidle_timeout\t=\t120  \n"
	    "languages = nl, en,ar ,  ti\n"
	    "home_region = \"Zuid-Holland # Delft\"\n"
	    "theme = high-contrast\n"
	    "font_size = 28\n", &cause);
	if (cfg == NULL)
		fail_msg("%s", cause);
	assert_string_equal(cfg->db, "/var/lib/leerpunt/catalog.db");
	assert_string_equal(cfg->repository,
	    "https://updates.example.org/leerpunt/");
	assert_string_equal(cfg->repository_key, "/etc/leerpunt/repo.pub");
	assert_string_equal(cfg->inbox, "https://office.example.org/inbox/");
	assert_string_equal(cfg->inbox_user, "kiosk-delft");
	assert_string_equal(cfg->inbox_password_file,
	    "/etc/leerpunt/inbox.secret");
	assert_null(cfg->inbox_token_file);
	assert_string_equal(cfg->kiosk_id, "delft-library-1");
	assert_int_equal(cfg->idle_timeout, 120);
	assert_int_equal(cfg->nlanguages, 4);
	assert_string_equal(cfg->languages[0], "nl");
	assert_string_equal(cfg->languages[2], "ar");
	assert_string_equal(cfg->languages[3], "ti");
	assert_string_equal(cfg->home_region, "Zuid-Holland # Delft");
	assert_string_equal(cfg->theme, "high-contrast");
	assert_int_equal(cfg->font_size, 28);
	assert_string_equal(cfg->path, ((struct fixture *)*state)->path);

	v = catalog_config_get(cfg, "languages");
	assert_string_equal(v, "nl, en, ar, ti");
	free(v);
	v = catalog_config_get(cfg, "font_size");
	assert_string_equal(v, "28");
	free(v);
	assert_null(catalog_config_get(cfg, "inbox_token_file"));
	assert_null(catalog_config_get(cfg, "no_such_key"));
	assert_int_equal(catalog_config_key_is_secret("inbox_password_file"), 1);
	assert_int_equal(catalog_config_key_is_secret("inbox"), 0);
	assert_int_equal(catalog_config_key_is_secret("nope"), -1);
	catalog_config_free(cfg);
}

static void
test_empty_and_comments_only(void **state)
{
	struct catalog_config *cfg;
	char *cause;

	cfg = load(*state, "", &cause);
	assert_non_null(cfg);
	assert_null(cfg->repository);
	assert_int_equal(cfg->idle_timeout, 0);
	catalog_config_free(cfg);
	/* No final newline; a # after blanks is a comment. */
	cfg = load(*state, "# only comments\n  \t\n   # x = y\ntheme = mono",
	    &cause);
	assert_non_null(cfg);
	assert_string_equal(cfg->theme, "mono");
	catalog_config_free(cfg);
}

static void
test_quoting(void **state)
{
	struct catalog_config *cfg;
	char *cause;

	cfg = load(*state, "home_region = \"  \\\"De Kop\\\" \\\\ Noord  \"  \n",
	    &cause);
	if (cfg == NULL)
		fail_msg("%s", cause);
	assert_string_equal(cfg->home_region, "  \"De Kop\" \\ Noord  ");
	catalog_config_free(cfg);
	refused(*state, "home_region = \"Delft\n", 1, "no closing quote");
	refused(*state, "home_region = \"Delft\" x\n", 1,
	    "text after the closing quote");
	refused(*state, "home_region = \"a\\nb\"\n", 1, "backslash");
	refused(*state, "home_region = \"\"\n", 1, "has no value");
}

static void
test_syntax_errors(void **state)
{
	refused(*state, "# fine\ntheme\n", 2, "expected \"=\" after \"theme\"");
	refused(*state, "\n\n= mono\n", 3, "expected \"key = value\"");
	refused(*state, "Theme = mono\n", 1, "expected \"key = value\"");
	refused(*state, "the-me = mono\n", 1, "expected \"key = value\"");
	refused(*state, "theme mono\n", 1, "expected \"=\"");
	refused(*state, "theme =\n", 1, "theme has no value");
	refused(*state, "theme =    \n", 1, "theme has no value");
	refused(*state, "theme = mono\r\n", 1, "Unix line ends");
	refused(*state, "theme = mo\x1bno\n", 1, "control character 0x1b");
}

static void
test_nul_byte(void **state)
{
	struct fixture *fx = *state;
	char *cause = NULL;

	write_file(fx->path, "theme = mono\nfont_size = 2\0\n", 27, 0644);
	assert_null(catalog_config_load(fx->path, &cause));
	assert_non_null(strstr(cause, ":2: "));
	assert_non_null(strstr(cause, "NUL byte"));
	free(cause);
}

static void
test_long_line(void **state)
{
	char *text = xmalloc(5000);

	memcpy(text, "home_region = ", 14);
	memset(text + 14, 'a', 4900);
	strcpy(text + 4914, "\n");
	refused(*state, text, 1, "longer than 4096 bytes");
	text[300] = '\n';
	text[301] = '\0';
	refused(*state, text, 1, "longer than 200 bytes");
	free(text);
}

static void
test_unknown_and_duplicate(void **state)
{
	refused(*state, "theme = mono\ncolour = red\n", 2,
	    "unknown key \"colour\"");
	refused(*state, "theme = mono\n# again:\ntheme = light\n", 3,
	    "duplicate key \"theme\" (first set on line 1)");
	/* A bad value does not count as set, but stops the read anyway. */
	refused(*state, "font_size = 7\nfont_size = 20\n", 1,
	    "not a whole number from 8 to 96");
}

static void
test_values(void **state)
{
	refused(*state, "db = catalog.db\n", 1, "not an absolute path");
	refused(*state, "repository = ftp://example.org/\n", 1,
	    "not an http://, https:// or file:/// URL");
	refused(*state, "repository = https:///nohost\n", 1, "not an http://");
	refused(*state, "repository = file://relative\n", 1, "not an http://");
	refused(*state, "inbox = /srv/inbox\n", 1, "not an http:// or "
	    "https:// URL");
	refused(*state, "inbox = http://exa mple.org/\n", 1, "not an http://");
	refused(*state, "shortlist_url = https://example.org/list\n", 1,
	    "must hold {ids} once");
	refused(*state, "shortlist_url = https://e.org/{ids}/{ids}\n", 1,
	    "must hold {ids} once");
	refused(*state, "shortlist_url = /srv/list?{ids}\n", 1,
	    "not an http://");
	refused(*state, "kiosk_id = -delft\n", 1, "is not a name");
	refused(*state, "kiosk_id = delft library\n", 1, "is not a name");
	refused(*state, "idle_timeout = 29\n", 1, "from 30 to 86400");
	refused(*state, "idle_timeout = 86401\n", 1, "from 30 to 86400");
	refused(*state, "idle_timeout = 90s\n", 1, "\"90s\" is not a whole");
	refused(*state, "idle_timeout = +90\n", 1, "is not a whole");
	refused(*state, "idle_timeout = 99999999999999999999999\n", 1,
	    "is not a whole");
	refused(*state, "font_size = 97\n", 1, "from 8 to 96");
	refused(*state, "stale_days = 0\n", 1, "from 1 to 3650");
	refused(*state, "theme = dark\n", 1,
	    "\"dark\" is not one of: high-contrast, light, mono");
	refused(*state, "languages = nl, en, nl\n", 1, "nl is listed twice");
	refused(*state, "languages = nl,,en\n", 1, "empty item");
	refused(*state, "languages = nl, en,\n", 1, "empty item");
	refused(*state, "languages = nl, x!\n", 1, "\"x!\" is not a language");
	refused(*state, "home_region = Delft\xff\n", 1, "not valid UTF-8");
}

static void
test_accepted_values(void **state)
{
	struct catalog_config *cfg;
	char *cause;

	cfg = load(*state, "repository = /media/usb/leerpunt\n"
	    "inbox = http://127.0.0.1:8080/in\n"
	    "languages = NL_nl, en-gb\n"
	    "idle_timeout = 30\nfont_size = 96\n", &cause);
	if (cfg == NULL)
		fail_msg("%s", cause);
	assert_string_equal(cfg->repository, "/media/usb/leerpunt");
	assert_string_equal(cfg->languages[0], "nl-NL");
	assert_string_equal(cfg->languages[1], "en-GB");
	catalog_config_free(cfg);
	cfg = load(*state, "repository = file:///srv/repo\n", &cause);
	assert_non_null(cfg);
	catalog_config_free(cfg);
}

static void
test_file_checks(void **state)
{
	struct fixture *fx = *state;
	char *cause = NULL, *missing;

	write_file(fx->path, "theme = mono\n", 13, 0664);
	assert_null(catalog_config_load(fx->path, &cause));
	assert_non_null(strstr(cause, "others may change the configuration"));
	free(cause);
	missing = xasprintf("%s/none.conf", fx->dir);
	assert_null(catalog_config_load(missing, &cause));
	assert_non_null(strstr(cause, "none.conf: cannot read"));
	free(cause);
	assert_null(catalog_config_load(fx->dir, &cause));
	assert_non_null(strstr(cause, "not a regular file"));
	free(cause);

	/* Without --config the default is optional, or "" for none. */
	setenv("LEERPUNT_CONFIG", missing, 1);
	{
		struct catalog_config *cfg = catalog_config_load(NULL, &cause);

		assert_non_null(cfg);
		assert_null(cfg->path);
		catalog_config_free(cfg);
	}
	setenv("LEERPUNT_CONFIG", fx->path, 1);
	assert_null(catalog_config_load(NULL, &cause));	/* still 0664 */
	free(cause);
	unsetenv("LEERPUNT_CONFIG");
	free(missing);
}

static void
test_db_precedence(void **state)
{
	struct catalog_config *cfg;
	char *cause;

	cfg = load(*state, "db = /srv/from-config.db\n", &cause);
	assert_non_null(cfg);
	setenv("LEERPUNT_DB", "/srv/from-env.db", 1);
	assert_string_equal(catalog_config_db_path(cfg), "/srv/from-env.db");
	unsetenv("LEERPUNT_DB");
	assert_string_equal(catalog_config_db_path(cfg), "/srv/from-config.db");
	catalog_config_free(cfg);
	assert_string_equal(catalog_config_db_path(NULL),
	    catalog_db_default_path());
}

static void
test_secret(void **state)
{
	struct fixture *fx = *state;
	char *path = xasprintf("%s/inbox.secret", fx->dir);
	char *value = NULL, *cause = NULL;

	write_file(path, "s3cr3t pass\n", 12, 0600);
	assert_int_equal(catalog_config_read_secret(path, &value, &cause), 0);
	assert_string_equal(value, "s3cr3t pass");
	catalog_config_secret_free(value);

	write_file(path, "s3cr3t\n", 7, 0640);
	assert_int_equal(catalog_config_read_secret(path, &value, &cause), -1);
	assert_null(value);
	assert_non_null(strstr(cause, "others may read the secret file "
	    "(mode 0640): make it private with chmod 600"));
	free(cause);
	write_file(path, "s3cr3t\n", 7, 0604);
	assert_int_equal(catalog_config_read_secret(path, &value, &cause), -1);
	free(cause);

	write_file(path, "", 0, 0400);
	assert_int_equal(catalog_config_read_secret(path, &value, &cause), -1);
	assert_non_null(strstr(cause, "is empty"));
	free(cause);
	assert_int_equal(chmod(path, 0600), 0);
	write_file(path, "two\nlines\n", 10, 0600);
	assert_int_equal(catalog_config_read_secret(path, &value, &cause), -1);
	assert_non_null(strstr(cause, "one line"));
	free(cause);
	{
		char big[1100];

		memset(big, 'x', sizeof big);
		write_file(path, big, sizeof big, 0600);
	}
	assert_int_equal(catalog_config_read_secret(path, &value, &cause), -1);
	assert_non_null(strstr(cause, "longer than 1024"));
	free(cause);
	assert_int_equal(catalog_config_read_secret(fx->dir, &value, &cause),
	    -1);
	assert_non_null(strstr(cause, "not a regular file"));
	free(cause);
	unlink(path);
	assert_int_equal(catalog_config_read_secret(path, &value, &cause), -1);
	assert_non_null(strstr(cause, "cannot read the secret file"));
	free(cause);
	free(path);
}

/* The kiosk id: the configured one, else the host name, else "unnamed". */
static void
test_kiosk_id(void **state)
{
	struct catalog_config *cfg;
	char buf[CATALOG_CONFIG_NAME_SIZE], host[256], *cause;

	cfg = load(*state, "kiosk_id = delft-library-1\n", &cause);
	assert_non_null(cfg);
	assert_string_equal(catalog_config_kiosk_id(cfg, buf, sizeof buf),
	    "delft-library-1");
	catalog_config_free(cfg);

	memset(host, 0, sizeof host);
	assert_int_equal(gethostname(host, sizeof host - 1), 0);
	catalog_config_kiosk_id(NULL, buf, sizeof buf);
	assert_true(catalog_config_name_valid(buf));
	if (catalog_config_name_valid(host))
		assert_string_equal(buf, host);
	else if (strchr(host, '.') == NULL)
		assert_string_equal(buf, CATALOG_CONFIG_KIOSK_ID_UNNAMED);

	assert_true(catalog_config_name_valid("a"));
	assert_true(catalog_config_name_valid("kiosk-3.oba_noord"));
	assert_false(catalog_config_name_valid(""));
	assert_false(catalog_config_name_valid("-delft"));
	assert_false(catalog_config_name_valid("delft library"));
	assert_false(catalog_config_name_valid("delft\r\nX-Evil: 1"));
	assert_false(catalog_config_name_valid("delft:1"));
	memset(host, 'k', 65);
	host[65] = '\0';
	assert_false(catalog_config_name_valid(host));
	host[64] = '\0';
	assert_true(catalog_config_name_valid(host));
}

static void
test_key_list(void **state)
{
	size_t n;

	(void)state;
	for (n = 0; catalog_config_key(n) != NULL; n++)
		assert_int_not_equal(catalog_config_key_is_secret(
		    catalog_config_key(n)), -1);
	assert_int_equal(n, 18);	/* stale_days (15), statistics (18),
					   shortlist_url (19) */
	assert_string_equal(catalog_config_key(0), "db");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_and_comments_only,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_quoting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_errors, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nul_byte, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_and_duplicate,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accepted_values, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_file_checks, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_db_precedence, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_secret, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kiosk_id, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
