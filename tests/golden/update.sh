#!/bin/sh
# tests/golden/update.sh [BUILDDIR]: capture the golden screens again
# (kiosk-golden.test with GOLDEN_UPDATE=1) from a built tree, default
# _build. Check `git diff tests/golden` before committing: every change
# there must be one you meant.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$src/_build}" && pwd)
top_srcdir=$src top_builddir=$build LEERPUNT_LOCALEDIR=$build/locales \
    LEERPUNT_DATADIR=$src/catalog/data GOLDEN_UPDATE=1 \
    sh "$src/tests/integration/kiosk-golden.test"
