#!/bin/sh
# bench-import-xcri: time `leerpunt-catalog import` of a generated XCRI-CAP
# feed (tests/bench/gen-xcri.py: 320 courses, 747 presentations) into a
# fresh catalogue, and once more as a re-import (all unchanged). Target:
# under 2 seconds each. Prints one line per measurement; exits 1 when a
# target is missed. Needs top_srcdir and top_builddir (make bench sets
# them) and python3.
set -e
: "${top_srcdir:?}" "${top_builddir:?}"
CATALOG=$top_builddir/catalog/leerpunt-catalog
export LEERPUNT_DATADIR=${LEERPUNT_DATADIR:-$top_srcdir/catalog/data}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/leerpunt-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
COURSES=${BENCH_COURSES:-320}
LIMIT=2.0

python3 "$top_srcdir/tests/bench/gen-xcri.py" "$COURSES" >"$TMP/feed.xml"
npres=$(grep -c '<presentation>' "$TMP/feed.xml")
"$CATALOG" --db "$TMP/c.db" import "$LEERPUNT_DATADIR/themes.csv" >/dev/null

now() { date +%s.%N; }
status=0
for run in "first import" "re-import"; do
	t0=$(now)
	"$CATALOG" --db "$TMP/c.db" import "$TMP/feed.xml" >"$TMP/out"
	t1=$(now)
	secs=$(awk "BEGIN { printf \"%.3f\", $t1 - $t0 }")
	verdict=$(awk "BEGIN { print ($secs < $LIMIT) ? 1 : 0 }")
	printf 'bench-import-xcri: %s of %d courses, %d presentations, ' \
	    "$run" "$COURSES" "$npres"
	printf '%d bytes: %s s (target < %s s) %s\n' \
	    "$(wc -c <"$TMP/feed.xml")" "$secs" "$LIMIT" \
	    "$([ "$verdict" = 1 ] && echo ok || echo SLOW)"
	printf '  %s\n' "$(head -n 1 "$TMP/out")"
	[ "$verdict" = 1 ] || status=1
done
exit $status
