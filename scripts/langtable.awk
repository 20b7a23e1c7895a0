# langtable.awk: fills the interface languages into a man page or the
# example configuration, from the kiosk's one language table (kiosk/lang.c)
# as `leerpunt --list-languages` prints it: code, script, direction,
# plural forms, digits and name, tab separated, in the default order.
#
#     awk -v table=kiosk/languages.txt -f langtable.awk IN >OUT
#
# Design note: the docs never list languages of their own, so a new row in
# the table reaches them at the next build (Makefile.am runs this). In IN,
# @LANGUAGES@ becomes the codes joined by commas ("nl,en,..."),
# @LANGUAGES_SPACED@ the same joined by ", ", a line @LANGUAGE_TABLE_MAN@
# one .TP entry per language (code; name, script, direction) and a line
# @LANGUAGE_TABLE_CONF@ one comment line per language. An empty or
# malformed table is an error, never an empty list.
BEGIN {
	n = 0
	while ((rc = (getline line < table)) > 0) {
		if (split(line, f, "\t") != 6 || f[1] !~ /^[a-z][a-z][a-z]?$/ ||
		    (f[3] != "ltr" && f[3] != "rtl")) {
			printf "langtable.awk: %s:%d: not a row of " \
			    "leerpunt --list-languages: %s\n", table, n + 1,
			    line > "/dev/stderr"
			failed = 1
			exit 1
		}
		n++
		code[n] = f[1]; script[n] = f[2]; dir[n] = f[3]; name[n] = f[6]
	}
	if (rc < 0 || n == 0) {
		printf "langtable.awk: %s: no languages (could not read it?)\n",
		    table > "/dev/stderr"
		failed = 1
		exit 1
	}
	comma = code[1]
	spaced = code[1]
	for (i = 2; i <= n; i++) {
		comma = comma "," code[i]
		spaced = spaced ", " code[i]
	}
}
$0 == "@LANGUAGE_TABLE_MAN@" {
	for (i = 1; i <= n; i++) {
		print ".TP"
		print ".B " code[i]
		printf "%s: %s script, %s\n", name[i], script[i],
		    dir[i] == "rtl" ? "right to left" : "left to right"
	}
	next
}
$0 == "@LANGUAGE_TABLE_CONF@" {
	for (i = 1; i <= n; i++)
		printf "#   %-4s%s (%s, %s)\n", code[i], name[i], script[i],
		    dir[i] == "rtl" ? "right to left" : "left to right"
	next
}
{
	gsub(/@LANGUAGES_SPACED@/, spaced)
	gsub(/@LANGUAGES@/, comma)
	print
}
END {
	if (failed)
		exit 1
}
