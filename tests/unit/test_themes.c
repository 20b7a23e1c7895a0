/*
 * test_themes: the standard themes (catalog/data/themes.csv) in every
 * interface language. The CSV importer takes every label_LL and hint_LL
 * column (each one reads back in its language), and in every language of
 * the kiosk's table each theme has a label and a hint of that language,
 * none of them the English text (so no interface language shows an
 * English theme name or hint).
 */
#include "unit.h"

#include "catalog/csv.h"
#include "catalog/theme.h"
#include "kiosk/lang.h"

#define MAXCOLS 64
#define MAXROWS 64

static char *head[MAXCOLS];
static char *cell[MAXROWS][MAXCOLS];
static size_t ncols, nrows;

static void
read_csv(void)
{
	const char *dir = getenv("LEERPUNT_DATADIR");
	const struct catalog_csv_field *f;
	struct catalog_csv *c;
	char *cause = NULL, *path;
	size_t n, i;
	int first = 1, rc;

	path = xasprintf("%s/themes.csv", dir != NULL ? dir : "catalog/data");
	c = catalog_csv_open(path, &cause);
	if (c == NULL)
		fail_msg("%s", cause);
	while ((rc = catalog_csv_next(c, &f, &n, &cause)) == 1) {
		assert_true(n <= MAXCOLS);
		if (first) {
			for (i = 0; i < n; i++)
				head[i] = xstrdup(f[i].value);
			ncols = n;
			first = 0;
			continue;
		}
		assert_int_equal(n, ncols);
		assert_true(nrows < MAXROWS);
		for (i = 0; i < n; i++)
			cell[nrows][i] = xstrdup(f[i].value);
		nrows++;
	}
	if (rc != 0)
		fail_msg("%s", cause);
	catalog_csv_free(c);
	free(path);
}

static size_t
column(const char *name)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		if (strcmp(head[i], name) == 0)
			return i;
	fail_msg("themes.csv has no column %s", name);
	return 0;
}

static const struct catalog_theme *
theme(const struct catalog_theme *t, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].key, key) == 0)
			return &t[i];
	fail_msg("no theme %s", key);
	return NULL;
}

/* Every label_LL and hint_LL column is imported: it reads back, in LL. */
static void
test_every_column(void **state)
{
	struct unit_db *u = unit_themed_db();
	struct catalog_theme *t;
	const struct catalog_theme *one;
	size_t n, c, r, key = column("theme"), seen = 0;
	int hint;

	(void)state;
	for (c = 0; c < ncols; c++) {
		const char *lang;

		hint = strncmp(head[c], "hint_", 5) == 0;
		if (!hint && strncmp(head[c], "label_", 6) != 0)
			continue;
		lang = head[c] + (hint ? 5 : 6);
		t = catalog_theme_list(u->db, lang, &n);
		assert_int_equal(n, nrows);
		for (r = 0; r < nrows; r++) {
			one = theme(t, n, cell[r][key]);
			if (hint) {
				assert_non_null(one->hint.value);
				assert_string_equal(one->hint.value, cell[r][c]);
				assert_string_equal(one->hint.lang, lang);
			} else {
				assert_string_equal(one->label.value, cell[r][c]);
				assert_string_equal(one->label.lang, lang);
			}
		}
		catalog_theme_list_free(t, n);
		seen++;
	}
	/* a label and a hint column for each of the eight languages */
	assert_true(seen >= 16);
	unit_db_free(u);
}

/* No interface language shows an English theme name or hint. */
static void
test_no_english(void **state)
{
	struct unit_db *u = unit_themed_db();
	const struct kiosk_lang_info *langs;
	struct catalog_theme *t, *en;
	size_t nl, n, nen, i, r;

	(void)state;
	langs = kiosk_lang_table(&nl);
	assert_true(nl >= 8);
	en = catalog_theme_list(u->db, "en", &nen);
	assert_int_equal(nen, nrows);
	for (i = 0; i < nl; i++) {
		const char *code = langs[i].code;

		t = catalog_theme_list(u->db, code, &n);
		assert_int_equal(n, nen);
		for (r = 0; r < n; r++) {
			assert_string_equal(t[r].key, en[r].key);
			if (strcmp(t[r].label.lang, code) != 0 ||
			    t[r].hint.value == NULL ||
			    strcmp(t[r].hint.lang, code) != 0)
				fail_msg("%s: theme %s has no %s label and "
				    "hint", code, t[r].key, code);
			if (strcmp(code, "en") == 0)
				continue;
			if (strcmp(t[r].label.value, en[r].label.value) == 0 ||
			    strcmp(t[r].hint.value, en[r].hint.value) == 0)
				fail_msg("%s: theme %s is in English", code,
				    t[r].key);
		}
		catalog_theme_list_free(t, n);
	}
	catalog_theme_list_free(en, nen);
	unit_db_free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_column),
		cmocka_unit_test(test_no_english),
	};

	read_csv();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
