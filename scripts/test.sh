#!/usr/bin/env bash
# The test command (README): installs what is missing, then runs every test (unit, integration, browser)
# against real PostgreSQL, Redis, SMTP, OIDC and Chromium. Prints "N passed, N failed" last.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/toolchain.sh
ensure_node
ensure_chromium
pnpm_run install --frozen-lockfile
exec node --import tsx scripts/run-tests.ts "$@"
