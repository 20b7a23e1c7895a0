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

# --- tmux: drive a full-screen program on a private tmux server ------------
# tmux_start W H COMMAND...: start COMMAND (one shell string) in a W x H
# pane on a private server (socket $TMUX_SOCK, killed at exit). The pane
# stays after the program ends, so its exit can be checked.
TMUX_SOCK="lp-test-$$-$(date +%s)"
TMUX_TARGET=
_lp_tmux_n=0
tmux_start() {
	_w=$1; _h=$2; shift 2
	[ "$_lp_tmux_n" -gt 0 ] ||
		at_exit "tmux -L '$TMUX_SOCK' kill-server 2>/dev/null"
	_lp_tmux_n=$((_lp_tmux_n + 1))
	_old=$TMUX_TARGET
	TMUX_TARGET="t$_lp_tmux_n"
	# The new session first: killing the last one would stop the server.
	LANG=C.UTF-8 tmux -u -L "$TMUX_SOCK" -f /dev/null new-session -d \
	    -s "$TMUX_TARGET" -x "$_w" -y "$_h" "$*" || return 1
	tmux -L "$TMUX_SOCK" set-option -t "$TMUX_TARGET" remain-on-exit on \
	    >/dev/null
	[ -z "$_old" ] || tmux -L "$TMUX_SOCK" kill-session -t "$_old" \
	    2>/dev/null
	return 0
}
# tmux_keys KEY...: send tmux key names (Enter, BSpace, C-c, NPage, 1).
tmux_keys() { tmux -L "$TMUX_SOCK" send-keys -t "$TMUX_TARGET" "$@"; }
# tmux_type TEXT: send TEXT literally (escape sequences too).
tmux_type() { tmux -L "$TMUX_SOCK" send-keys -t "$TMUX_TARGET" -l "$1"; }
# tmux_screen: the visible pane as text.
tmux_screen() { tmux -L "$TMUX_SOCK" capture-pane -p -t "$TMUX_TARGET"; }
# tmux_format FORMAT: a tmux format for the pane (#{pane_dead}, ...).
tmux_format() { tmux -L "$TMUX_SOCK" display-message -p -t "$TMUX_TARGET" "$1"; }
tmux_resize() { tmux -L "$TMUX_SOCK" resize-window -t "$TMUX_TARGET" -x "$1" -y "$2"; }
# tmux_click X Y [X2 Y2]: SGR 1006 press at X,Y (1-based) and release at
# X2,Y2 (default the same cell).
# Both reports go in one write, as a terminal sends them.
tmux_click() {
	tmux_type "$(printf '\033[<0;%s;%sM\033[<0;%s;%sm' "$1" "$2" \
	    "${3:-$1}" "${4:-$2}")"
}
# tmux_tap X Y: a tap on a screen that has just appeared. The kiosk takes
# no tap in the first 300 ms after a screen change (a double tap must not
# act on the next screen), so this waits that out first.
tmux_tap() { sleep 0.4; tmux_click "$@"; }
# (tmux_press, tmux_double_tap and tap_text wait out that guard too.)
# tmux_press X Y: an SGR 1006 press at X,Y with no release (a finger that
# slid off the screen, a lost report).
tmux_press() { sleep 0.4; tmux_type "$(printf '\033[<0;%s;%sM' "$1" "$2")"; }
# tmux_double_tap X Y: two taps at X,Y in one write (a quick double tap
# reaches the kiosk as one burst).
tmux_double_tap() {
	sleep 0.4	# past the guard of a screen that has just appeared
	tmux_type "$(printf '\033[<0;%s;%sM\033[<0;%s;%sm\033[<0;%s;%sM\033[<0;%s;%sm' \
	    "$1" "$2" "$1" "$2" "$1" "$2" "$1" "$2")"
}
# screen_at TEXT [SKIP_PATTERN]: "X Y" (1-based) of the first TEXT on the
# screen that stands between blanks (or the line's ends), top row first,
# in terminal columns (wide characters count two); rows matching the
# grep -E SKIP_PATTERN are passed over. Empty when not found.
screen_at() {
	tmux_screen | python3 -c '
import re, sys, unicodedata
t, skip = sys.argv[1], sys.argv[2]
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in s)
for y, line in enumerate(sys.stdin.read().split("\n")):
    if skip and re.search(skip, line):
        continue
    i = (" " + line + " ").find(" " + t + " ")
    if i >= 0:
        print(cols(line[:i]) + 1, y + 1)
        break
' "$1" "${2:-}"
}
# tap_text TEXT [SKIP_PATTERN]: tap TEXT where screen_at finds it; 1 when
# it is not on the screen.
tap_text() {
	_xy=$(screen_at "$@")
	[ -n "$_xy" ] || { diag "no '$1' on the screen:" "$(tmux_screen)"; return 1; }
	# shellcheck disable=SC2086
	tmux_tap $_xy
}
# pin_tap DIGIT|Erase|OK: tap a key of the staff PIN pad, whose digits are
# drawn in the big font (three rows of block characters) where the screen
# allows and as plain digits at 40x12.
pin_tap() {
	_xy=$(tmux_screen | python3 -c '
import sys
k = sys.argv[1]
lines = sys.stdin.read().split("\n")
def find(t):
    for y, l in enumerate(lines):
        i = (" " + l + " ").find(" " + t + " ")
        if i >= 0 and "PIN:" not in l:
            return i, y
    return None
e, o = find("Erase"), find("OK")
if e is None or o is None:
    sys.exit(0)
if k in ("Erase", "OK"):
    x, y = e if k == "Erase" else o
    print(x + 1, y + 1)
    sys.exit(0)
big = [y for y, l in enumerate(lines) if "\u2580" in l or "\u2588" in l]
if not big:
    r = find(k)
    if r:
        print(r[0] + 1, r[1] + 1)
    sys.exit(0)
bands = []
for y in big:
    if bands and y == bands[-1][-1] + 1:
        bands[-1].append(y)
    else:
        bands.append([y])
mids = [b[len(b) // 2] for b in bands]
left, right = e[0] + 2, o[0]
cols = [left, (left + right) // 2, right]
d = int(k)
r, c = ((d - 1) // 3, (d - 1) % 3) if d else (3, 1)
print(cols[c] + 1, mids[r] + 1)
' "$1")
	[ -n "$_xy" ] || { diag "no PIN key '$1':" "$(tmux_screen)"; return 1; }
	# shellcheck disable=SC2086
	tmux_tap $_xy
}
_lp_screen_has() { tmux_screen | grep -Eq -- "$1"; }
_lp_screen_lacks() { ! tmux_screen | grep -Eq -- "$1"; }
# tmux_wait SECONDS PATTERN: wait until the screen matches (grep -E).
tmux_wait() { wait_for "$1" _lp_screen_has "$2"; }
# tmux_wait_gone SECONDS PATTERN: wait until the screen no longer matches.
tmux_wait_gone() { wait_for "$1" _lp_screen_lacks "$2"; }
# check_screen DESCRIPTION PATTERN [SECONDS]: ok when the screen shows
# PATTERN within SECONDS (default 10); the screen goes to the log if not.
check_screen() {
	if tmux_wait "${3:-10}" "$2"; then ok "$1"
	else not_ok "$1"; diag "pattern '$2' not on screen:" "$(tmux_screen)"; fi
}
check_screen_lacks() {
	if tmux_wait_gone "${3:-10}" "$2"; then ok "$1"
	else not_ok "$1"; diag "pattern '$2' still on screen:" "$(tmux_screen)"; fi
}
_lp_pane_dead() { [ "$(tmux_format '#{pane_dead}')" = 1 ]; }
_lp_pane_status() { [ -n "$(tmux_format '#{pane_dead_status}')" ]; }
# tmux_wait_exit SECONDS: wait until the program in the pane has ended
# and its exit status is known (#{pane_dead_status}).
tmux_wait_exit() { wait_for "$1" _lp_pane_dead && wait_for "$1" _lp_pane_status; }
