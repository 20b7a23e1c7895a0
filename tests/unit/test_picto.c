/*
 * test_picto: the pictograms file (catalog/data/pictograms.txt) and its
 * parser. The built-in copy parses; Search, Near me and every standard
 * theme have a picture in both sizes that differs from every other and
 * says what it shows in every interface language (not in English where
 * the language is another); pixels become the right block characters;
 * every kind of mistake is refused with FILE:LINE; a file in the data
 * folder replaces the built-in one and a wrong one is an error.
 */
#include "unit.h"

#include <sys/stat.h>

#include "catalog/theme.h"
#include "kiosk/lang.h"
#include "kiosk/picto.h"

static struct kiosk_picto_set *
parse(const char *text, char **cause)
{
	return kiosk_picto_parse(text, strlen(text), "t.txt", cause);
}

static void
test_builtin_complete(void **state)
{
	const struct kiosk_picto_set	*set;
	const struct kiosk_picto	*p, *q;
	const struct kiosk_lang_info	*all;
	struct catalog_theme		*t;
	struct unit_db			*u = unit_themed_db();
	size_t				 n, nl, i, j, k, nkeys;
	const char			*keys[64];
	int				 rows, r, same;

	(void)state;
	kiosk_picto_unload();
	set = kiosk_picto_loaded();
	assert_non_null(set);
	keys[0] = "search";
	keys[1] = "near";
	t = catalog_theme_list(u->db, "en", &n);
	assert_true(n >= 10 && n + 2 <= 64);
	for (i = 0; i < n; i++)
		keys[i + 2] = t[i].key;
	nkeys = n + 2;
	all = kiosk_lang_all(&nl);
	assert_int_equal(nl, 8);
	for (i = 0; i < nkeys; i++) {
		if ((p = kiosk_picto_find(set, keys[i])) == NULL)
			fail_msg("no pictogram for \"%s\"", keys[i]);
		for (k = 0; k < nl; k++) {
			const char *say = kiosk_picto_say(p, all[k].code);

			assert_non_null(say);
			if (strcmp(all[k].code, "en") != 0 &&
			    strcmp(say, kiosk_picto_say(p, "en")) == 0)
				fail_msg("%s: %s says it in English", keys[i],
				    all[k].code);
		}
		/* Every row of both forms is full width, not all blank. */
		for (rows = KIOSK_PICTO_SMALL_ROWS; rows <=
		    KIOSK_PICTO_BIG_ROWS; rows += 2) {
			int ink = 0;

			for (r = 0; r < rows; r++) {
				const char *row = kiosk_picto_row(p, rows, r);

				assert_non_null(row);
				ink |= strspn(row, " ") < strlen(row);
			}
			assert_true(ink);
		}
		/* No two pictures alike, in either size. */
		for (j = 0; j < i; j++) {
			q = kiosk_picto_find(set, keys[j]);
			for (rows = KIOSK_PICTO_SMALL_ROWS; rows <=
			    KIOSK_PICTO_BIG_ROWS; rows += 2) {
				same = 1;
				for (r = 0; r < rows; r++)
					same &= strcmp(kiosk_picto_row(p,
					    rows, r), kiosk_picto_row(q, rows,
					    r)) == 0;
				if (same)
					fail_msg("%s and %s look the same",
					    keys[i], keys[j]);
			}
		}
	}
	/* A language the kiosk does not have: English. */
	p = kiosk_picto_find(set, "care");
	assert_string_equal(kiosk_picto_say(p, "de"), "a heart");
	assert_string_equal(kiosk_picto_say(p, "nl-BE"), "een hart");
	assert_null(kiosk_picto_find(set, "nothing"));
	catalog_theme_list_free(t, n);
	unit_db_free(u);
	kiosk_picto_unload();
}

/* A whole valid design with the given say lines and forms. */
#define SAY_ALL "say nl a\nsay en b\nsay ar c\nsay uk d\nsay tr e\n" \
	"say pl f\nsay fa g\nsay ti h\n"
#define BIG10 "##########\n#........#\n#........#\n#........#\n" \
	"#........#\n#........#\n#........#\n#........#\n#........#\n" \
	"##########\n"
#define SMALL6 "#.....\n.#....\n..#...\n...#..\n....#.\n.....#\n"

static void
test_cells(void **state)
{
	struct kiosk_picto_set		*set;
	const struct kiosk_picto	*p;
	char				*cause = NULL;

	(void)state;
	set = parse("# a comment\n\npicto box\r\n" SAY_ALL "big\n" BIG10
	    "small\n" SMALL6, &cause);
	if (set == NULL)
		fail_msg("%s", cause);
	assert_int_equal(kiosk_picto_count(set), 1);
	assert_string_equal(kiosk_picto_key(set, 0), "box");
	p = kiosk_picto_find(set, "box");
	assert_non_null(p);
	assert_string_equal(kiosk_picto_row(p, 5, 0),
	    "\u2588\u2580\u2580\u2580\u2580\u2580\u2580\u2580\u2580\u2588");
	assert_string_equal(kiosk_picto_row(p, 5, 2),
	    "\u2588        \u2588");
	assert_string_equal(kiosk_picto_row(p, 5, 4),
	    "\u2588\u2584\u2584\u2584\u2584\u2584\u2584\u2584\u2584\u2588");
	assert_string_equal(kiosk_picto_row(p, 3, 0), "\u2580\u2584    ");
	assert_string_equal(kiosk_picto_row(p, 3, 2), "    \u2580\u2584");
	assert_null(kiosk_picto_row(p, 3, 3));
	assert_null(kiosk_picto_row(p, 4, 0));
	assert_string_equal(kiosk_picto_say(p, "ti"), "h");
	assert_int_equal(kiosk_picto_fit(4), 3);
	assert_int_equal(kiosk_picto_fit(7), 5);
	assert_int_equal(kiosk_picto_fit(2), 0);
	assert_int_equal(kiosk_picto_width(5), 10);
	assert_int_equal(kiosk_picto_width(3), 6);
	kiosk_picto_set_free(set);
}

static void
test_errors(void **state)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "say nl a\n", "t.txt:1: expected \"picto KEY\"" },
		{ "picto Box\n", "t.txt:1: a pictogram's key" },
		{ "picto box\nsay xx a\n", "t.txt:2: expected \"say LANG" },
		{ "picto box\nsay nl\n", "t.txt:2: expected \"say LANG" },
		{ "picto box\nsay nl a\x01\n", "t.txt:2: the text must" },
		{ "picto box\nsay nl a\nsay nl b\n",
		    "t.txt:3: pictogram \"box\" already says" },
		{ "picto box\n" SAY_ALL "big\n##########\n#........\n",
		    "t.txt:12: a row of the big form of \"box\" must be 10" },
		{ "picto box\n" SAY_ALL "small\n#....x\n",
		    "t.txt:11: a row of the small form" },
		{ "picto box\n" SAY_ALL "small\n#.....\n",
		    "t.txt:11: the small form of \"box\" has 1 of its 6" },
		{ "picto box\n" SAY_ALL "big\n" BIG10 "big\n",
		    "t.txt:21: pictogram \"box\" already has a big form" },
		{ "picto box\n" SAY_ALL "big\n" BIG10,
		    "t.txt:1: pictogram \"box\" has no small form" },
		{ "picto box\nsay nl a\nbig\n" BIG10 "small\n" SMALL6,
		    "t.txt:1: pictogram \"box\" has no \"say en\" line" },
		{ "picto box\n" SAY_ALL "big\n" BIG10 "small\n" SMALL6
		    "picto box\n", "t.txt:28: pictogram \"box\" is already "
		    "drawn at line 1" },
		{ "picto box\n" SAY_ALL "big\n" BIG10 "small\n" SMALL6
		    "picto two\n" SAY_ALL "small\n" SMALL6,
		    "t.txt:28: pictogram \"two\" has no big form" },
		{ "picto box\nwide\n", "t.txt:2: expected picto, say, big" },
		{ "# only a comment\n", "t.txt: no pictograms" },
	};
	struct kiosk_picto_set	*set;
	char			*cause;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		set = parse(bad[i].text, &cause);
		if (set != NULL)
			fail_msg("case %zu: accepted", i);
		assert_non_null(cause);
		if (strncmp(cause, bad[i].want, strlen(bad[i].want)) != 0)
			fail_msg("case %zu: \"%s\", want \"%s...\"", i, cause,
			    bad[i].want);
		free(cause);
	}
}

static void
test_load(void **state)
{
	char	 dir[64], *path, *cause = NULL, *old;
	FILE	*f;

	(void)state;
	old = getenv("LEERPUNT_DATADIR") != NULL ?
	    xstrdup(getenv("LEERPUNT_DATADIR")) : NULL;
	snprintf(dir, sizeof dir, "/tmp/leerpunt-picto.XXXXXX");
	assert_non_null(mkdtemp(dir));
	setenv("LEERPUNT_DATADIR", dir, 1);
	/* No file there: the built-in designs. */
	assert_int_equal(kiosk_picto_load(&cause), 0);
	assert_non_null(kiosk_picto_find(NULL, "career"));
	/* A file there replaces them. */
	path = xasprintf("%s/%s", dir, KIOSK_PICTO_FILE);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("picto box\n" SAY_ALL "big\n" BIG10 "small\n" SMALL6, f);
	fclose(f);
	assert_int_equal(kiosk_picto_load(&cause), 0);
	assert_non_null(kiosk_picto_find(NULL, "box"));
	assert_null(kiosk_picto_find(NULL, "career"));
	/* A wrong one is an error naming it and the line; the designs
	 * loaded before stay. */
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("picto box\n" SAY_ALL "big\n##\n", f);
	fclose(f);
	assert_int_equal(kiosk_picto_load(&cause), -1);
	{
		char *want = xasprintf("%s:11: a row of the big form", path);

		if (strncmp(cause, want, strlen(want)) != 0)
			fail_msg("\"%s\", want \"%s\"", cause, want);
		free(want);
	}
	free(cause);
	assert_non_null(kiosk_picto_find(NULL, "box"));
	unlink(path);
	rmdir(dir);
	free(path);
	kiosk_picto_unload();
	if (old != NULL)
		setenv("LEERPUNT_DATADIR", old, 1);
	free(old);
}

/* The file in catalog/data is the one the build embedded. */
static void
test_same_as_file(void **state)
{
	const char	*dir = getenv("LEERPUNT_DATADIR");
	char		*path, *buf;
	FILE		*f;
	size_t		 n;

	(void)state;
	path = xasprintf("%s/%s", dir != NULL ? dir : "catalog/data",
	    KIOSK_PICTO_FILE);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("%s: cannot open", path);
	buf = xmalloc(kiosk_picto_std_txt_len + 2);
	n = fread(buf, 1, kiosk_picto_std_txt_len + 1, f);
	fclose(f);
	assert_int_equal(n, kiosk_picto_std_txt_len);
	assert_memory_equal(buf, kiosk_picto_std_txt, n);
	free(buf);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_complete),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_same_as_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
