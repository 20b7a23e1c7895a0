#!/bin/sh
# bench-search: search latency per keystroke (p50, p99, max, wall and CPU
# time) with and without filters, import time, database size against the
# raw text and peak memory, on deterministic synthetic catalogues of
# BENCH_SEARCH_SIZES entries (default 10000,100000; add 1000000 for the
# large run: about 40 minutes). Prints Markdown for BENCHMARKS.md. The
# generated data and databases stay in $top_builddir/bench-work/search.
# Targets (see BENCHMARKS.md): p99 <= 10 ms at 100k, <= 50 ms at 1M; a
# missed one fails the run. BENCH_SEARCH_CLOCK=cpu judges the search's
# CPU time instead of the wall clock (on a machine shared with builds).
# Each new search process warms the catalogue first as the kiosk does
# (search --warm); BENCH_SEARCH_WARM=0 measures without (for comparison).
set -eu
: "${top_srcdir:?}" "${top_builddir:?}"
command -v python3 >/dev/null || { echo "bench-search: python3 not found" >&2; exit 1; }
exec python3 "$top_srcdir/tests/bench/bench-search.py" \
	--catalog "$top_builddir/catalog/leerpunt-catalog" \
	--sizes "${BENCH_SEARCH_SIZES:-10000,100000}" \
	--work "$top_builddir/bench-work/search" \
	--clock "${BENCH_SEARCH_CLOCK:-wall}" ${BENCH_SEARCH_REUSE:+--reuse} \
	$([ "${BENCH_SEARCH_WARM:-1}" = 0 ] && echo --no-warm)
