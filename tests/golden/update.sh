#!/bin/sh
# tests/golden/update.sh [BUILDDIR]: capture the golden screens again
# (kiosk-golden.test with GOLDEN_UPDATE=1) from a built tree, default
# _build. Check `git diff tests/golden` before committing: every change
# there must be one you meant.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$src/_build}" && pwd)
# The suite's day (TEST_TODAY in Makefile.am): the demo's dates and the
# kiosk's "today" are those of the checks.
top_srcdir=$src top_builddir=$build LEERPUNT_LOCALEDIR=$build/locales \
    LEERPUNT_TODAY=2026-11-27 \
    LEERPUNT_DATADIR=$src/catalog/data GOLDEN_UPDATE=1 \
    sh "$src/tests/integration/kiosk-golden.test"
