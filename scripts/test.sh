#!/usr/bin/env bash
# The test command (README): installs what is missing, then runs every test (unit, integration, browser)
# against real PostgreSQL, Redis, SMTP, OIDC and Chromium. Prints "N passed, N failed" last.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/toolchain.sh
ensure_node
ensure_chromium
ensure_pg_client
pnpm_run install --frozen-lockfile
# A full run also type-checks, lints and format-checks every package and app; each of the three that
# fails counts as one failed test. TERMIN_STATIC_CHECKS=1 runs them for a partial run too.
export TERMIN_TYPECHECK_FAILED=0 TERMIN_LINT_FAILED=0 TERMIN_FORMAT_FAILED=0
if [ $# -eq 0 ] || [ "${TERMIN_STATIC_CHECKS:-0}" = 1 ]; then
  echo "Type-checking every package and app …"
  if ! "${PNPM[@]}" -r --reporter=append-only typecheck > .typecheck.log 2>&1; then
    grep -E "error|Error" .typecheck.log | head -40 >&2
    export TERMIN_TYPECHECK_FAILED=1
  fi
  echo "Linting …"
  if ! lint_output="$("${PNPM[@]}" --silent lint 2>&1)"; then
    printf '%s\n' "$lint_output" | head -60 >&2
    export TERMIN_LINT_FAILED=1
  fi
  echo "Checking the format …"
  if ! format_output="$("${PNPM[@]}" --silent format:check 2>&1)"; then
    # One line per file that differs, then Prettier's count; `pnpm format` rewrites them.
    unformatted="$(printf '%s\n' "$format_output" | grep -E '^\[(warn|error)\]' || true)"
    printf '%s\n' "$unformatted" | head -40 >&2
    if [ "$(printf '%s\n' "$unformatted" | wc -l)" -gt 40 ]; then printf '%s\n' "$unformatted" | tail -n 1 >&2; fi
    echo "Run \`pnpm format\` to rewrite them." >&2
    export TERMIN_FORMAT_FAILED=1
  fi
fi
exec node --import tsx scripts/run-tests.ts "$@"
