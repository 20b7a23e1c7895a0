# tests/lib.sh: shared helpers for integration tests (sourced, POSIX sh/bash).
#
# Each test prints TAP: call tap_plan N first, then ok/not_ok/check for each
# assertion. A temporary directory $TMP is made and removed on exit; add
# your own cleanup with at_exit "command".

: "${top_builddir:?top_builddir must be set (run through make check)}"
: "${top_srcdir:?top_srcdir must be set (run through make check)}"
LEERPUNT_SHARED=${LEERPUNT_SHARED:-$top_srcdir/../shared}
CATALOG=$top_builddir/catalog/leerpunt-catalog
KIOSK=$top_builddir/kiosk/leerpunt
SYNC=$top_builddir/sync/leerpunt-sync
export LEERPUNT_DATADIR=${LEERPUNT_DATADIR:-$top_srcdir/catalog/data}
export LEERPUNT_LOCALEDIR=${LEERPUNT_LOCALEDIR:-$top_builddir/locales}
unset LEERPUNT_DB

TAP_N=0
TAP_FAILED=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/leerpunt-test.XXXXXX")
_lp_exit_cmds="rm -rf '$TMP'"
at_exit() { _lp_exit_cmds="$1; $_lp_exit_cmds"; }
trap 'eval "$_lp_exit_cmds"' EXIT
trap 'exit 130' INT TERM

tap_plan() { echo "1..$1"; }
ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $*"; }
not_ok() { TAP_N=$((TAP_N + 1)); TAP_FAILED=$((TAP_FAILED + 1)); echo "not ok $TAP_N - $*"; }
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }

# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	_d=$1; shift
	if "$@" >"$TMP/check.out" 2>&1; then ok "$_d"
	else not_ok "$_d"; diag "command: $*" "$(tail -n 20 "$TMP/check.out")"; fi
}
# check_fails DESCRIPTION COMMAND...: ok when the command fails.
check_fails() {
	_d=$1; shift
	if "$@" >"$TMP/check.out" 2>&1; then
		not_ok "$_d"; diag "command unexpectedly succeeded: $*"
	else ok "$_d"; fi
}
# check_grep DESCRIPTION PATTERN FILE: ok when FILE contains PATTERN (grep -E).
check_grep() {
	if grep -Eq -- "$2" "$3"; then ok "$1"
	else not_ok "$1"; diag "pattern '$2' not in $3:" "$(head -n 40 "$3")"; fi
}
check_no_grep() {
	if grep -Eq -- "$2" "$3"; then not_ok "$1"; diag "pattern '$2' found in $3"
	else ok "$1"; fi
}
# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1"
	else not_ok "$1"; diag "expected: $2" "actual:   $3"; fi
}

# free_port: print a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_for SECONDS COMMAND...: retry COMMAND every 0.1 s until it succeeds.
wait_for() {
	_t=$(( $1 * 10 )); shift
	while [ "$_t" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1; _t=$((_t - 1))
	done
	return 1
}

# demo_db PATH: a catalogue with the demo data.
demo_db() { "$CATALOG" --db "$1" demo >/dev/null; }

# tap_done: exit status for the harness.
tap_done() { [ "$TAP_FAILED" -eq 0 ]; }
