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
  # The three run side by side (the type-check waits on one package after another much of the time);
  # each one's output is shown after all have finished.
  echo "Type-checking, linting and checking the format of every package and app …"
  # Every package but the Svelte ones as one TypeScript program (each shared file checked once,
  # not again by every package that imports it), then svelte-check for those four.
  (
    node node_modules/typescript/bin/tsc -p tsconfig.typecheck.json &&
      "${PNPM[@]}" --filter @termin/ui --filter @termin/citizen --filter @termin/admin --filter @termin/staff --reporter=append-only typecheck
  ) > .typecheck.log 2>&1 &
  typecheck_pid=$!
  "${PNPM[@]}" --silent lint > .lint.log 2>&1 &
  lint_pid=$!
  "${PNPM[@]}" --silent format:check > .format.log 2>&1 &
  format_pid=$!
  if ! wait "$typecheck_pid"; then
    grep -E "error|Error" .typecheck.log | head -40 >&2
    export TERMIN_TYPECHECK_FAILED=1
  fi
  if ! wait "$lint_pid"; then
    head -60 .lint.log >&2
    export TERMIN_LINT_FAILED=1
  fi
  if ! wait "$format_pid"; then
    # One line per file that differs, then Prettier's count; `pnpm format` rewrites them.
    unformatted="$(grep -E '^\[(warn|error)\]' .format.log || true)"
    printf '%s\n' "$unformatted" | head -40 >&2
    if [ "$(printf '%s\n' "$unformatted" | wc -l)" -gt 40 ]; then printf '%s\n' "$unformatted" | tail -n 1 >&2; fi
    echo "Run \`pnpm format\` to rewrite them." >&2
    export TERMIN_FORMAT_FAILED=1
  fi
fi
exec node --import tsx scripts/run-tests.ts "$@"
