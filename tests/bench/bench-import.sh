#!/bin/sh
# bench-import: time and peak memory of `leerpunt-catalog import` into a new
# catalogue (issue 13 and issue 17 item 8), one line per run:
#  - 100,000 OOAPI v5 courses in four languages, 100 paged files plus an
#    organization file (tests/bench/gen-ooapi.py);
#  - 100,000 EDU-DEX programs as Data API JSON lists of 1,000
#    (tests/bench/gen-edudex.py), runs and all;
#  - 100,000 XCRI-CAP courses of one provider (tests/bench/gen-xcri.py);
#  - with BENCH_IMPORT_1M=1 also 1,000,000 OOAPI courses (it must finish
#    within 10 times the 100k time).
# Targets: <= 15 s and <= 300 MiB a 100k import (BENCH_IMPORT_LIMIT_S,
# BENCH_IMPORT_LIMIT_MIB). Time and peak memory come from /usr/bin/time -v
# (Debian package time); CPU (user + system) is printed too, since wall time
# on a busy machine says little. BENCH_IMPORT_SIZE changes 100000. Exits 1 when a
# target is missed. Needs top_srcdir and top_builddir (make bench), python3.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
CATALOG=$top_builddir/catalog/leerpunt-catalog
export LEERPUNT_DATADIR=${LEERPUNT_DATADIR:-$top_srcdir/catalog/data}
export LEERPUNT_TODAY=${LEERPUNT_TODAY:-2026-11-27}
N=${BENCH_IMPORT_SIZE:-100000}
LIMIT_S=${BENCH_IMPORT_LIMIT_S:-15}
LIMIT_MIB=${BENCH_IMPORT_LIMIT_MIB:-300}
[ -x /usr/bin/time ] || { echo "bench-import: /usr/bin/time not found: install the Debian package time" >&2; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/leerpunt-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
status=0

# run NAME LIMIT_S FILE...: import FILEs into a new catalogue, print a line.
run() {
	_name=$1 _limit=$2
	shift 2
	rm -f "$TMP/c.db" "$TMP/c.db-wal" "$TMP/c.db-shm"
	/usr/bin/time -v "$CATALOG" --db "$TMP/c.db" import "$@" \
	    >"$TMP/out" 2>"$TMP/time"
	_rc=$?
	_wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$TMP/time" |
	    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }')
	_cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$TMP/time" |
	    awk '{ s += $1 } END { printf "%.1f", s }')
	_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/time")
	_mib=$((_kib / 1024))
	_db=$(($(stat -c %s "$TMP/c.db" 2>/dev/null || echo 0) / 1048576))
	_ok=ok
	if [ "$_rc" -ne 0 ] || [ "$(awk "BEGIN { print ($_wall <= $_limit) }")" != 1 ] ||
	    [ "$_mib" -gt "$LIMIT_MIB" ]; then
		_ok=MISSED
		status=1
	fi
	printf 'bench-import: %s: %s s (<= %s; CPU %s s), %d MiB peak (<= %d), database %d MiB, exit %d: %s\n' \
	    "$_name" "$_wall" "$_limit" "$_cpu" "$_mib" "$LIMIT_MIB" "$_db" "$_rc" "$_ok"
	printf '  %s\n' "$(head -n 1 "$TMP/out")"
	[ "$_rc" -eq 0 ] || tail -n 3 "$TMP/time" | sed 's/^/  /'
	LAST_WALL=$_wall
}

python3 "$top_srcdir/tests/bench/gen-ooapi.py" "$N" "$TMP/ooapi"
run "OOAPI $N courses ($(du -sm "$TMP/ooapi" | cut -f1) MB JSON, $(ls "$TMP/ooapi" | wc -l) files)" \
    "$LIMIT_S" "$TMP"/ooapi/*.json
ooapi_wall=$LAST_WALL
rm -rf "$TMP/ooapi"

python3 "$top_srcdir/tests/bench/gen-edudex.py" "$N" "$TMP/edudex"
run "EDU-DEX $N programs ($(du -sm "$TMP/edudex" | cut -f1) MB Data API JSON)" \
    "$LIMIT_S" "$TMP"/edudex/*.json
rm -rf "$TMP/edudex"

python3 "$top_srcdir/tests/bench/gen-xcri.py" "$N" 1 short >"$TMP/xcri.xml"
run "XCRI-CAP $N courses of one provider ($(du -sm "$TMP/xcri.xml" | cut -f1) MB)" \
    "$LIMIT_S" "$TMP/xcri.xml"
rm -f "$TMP/xcri.xml"

if [ "${BENCH_IMPORT_1M:-0}" = 1 ]; then
	python3 "$top_srcdir/tests/bench/gen-ooapi.py" $((N * 10)) "$TMP/ooapi" 1000
	LIMIT_MIB=$((LIMIT_MIB * 100))	# memory is reported, time is the target
	run "OOAPI $((N * 10)) courses (1000 files)" \
	    "$(awk "BEGIN { print $ooapi_wall * 10 }")" "$TMP"/ooapi/*.json
fi
exit $status
