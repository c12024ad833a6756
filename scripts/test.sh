#!/usr/bin/env bash
# The test command (README): installs what is missing, then runs every test (unit, integration, browser)
# against real PostgreSQL, Redis, SMTP, OIDC and Chromium. Prints "N passed, N failed" last.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/toolchain.sh
ensure_node
ensure_chromium
pnpm_run install --frozen-lockfile
# A full run also type-checks every package and app; a type error counts as one failed test.
export TERMIN_TYPECHECK_FAILED=0
if [ $# -eq 0 ]; then
  echo "Type-checking every package and app …"
  if ! "${PNPM[@]}" -r --reporter=append-only typecheck > .typecheck.log 2>&1; then
    grep -E "error|Error" .typecheck.log | head -40 >&2
    export TERMIN_TYPECHECK_FAILED=1
  fi
fi
exec node --import tsx scripts/run-tests.ts "$@"
