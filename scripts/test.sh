#!/usr/bin/env bash
# Sets everything up on a fresh Debian machine and runs the whole test suite.
# Extra arguments go to pytest (e.g. scripts/test.sh tests/shared -k tracking).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
cd "$TAMBO_ROOT"

ensure_debian_packages "${QT_RUNTIME_PACKAGES[@]}"
# The console's browser tests drive Debian's Chromium with Playwright (no browser download).
ensure_debian_packages chromium chromium-driver
# The deployment tests run the nginx example (TLS in front of gunicorn) with nginx's own binary.
ensure_debian_packages nginx
ensure_venv
start_test_postgres

export QT_QPA_PLATFORM=offscreen
export TAMBO_TEST_ARTIFACTS="${TAMBO_TEST_ARTIFACTS:-$TAMBO_ROOT/test-artifacts}"
mkdir -p "$TAMBO_TEST_ARTIFACTS"

say "ruff"
"$VENV/bin/ruff" check --quiet .
say "pytest"
workers=$(( $(nproc) < 4 ? $(nproc) : 4 ))
exec "$VENV/bin/pytest" -n "$workers" -q "$@"
