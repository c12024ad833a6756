#!/usr/bin/env bash
# The start command (README): installs what is missing, then starts the whole product with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/toolchain.sh
ensure_node
pnpm_run install --frozen-lockfile
# The start command runs in a session of its own, so Ctrl-C reaches only it (forwarded below) and
# not the database it started: it stops the apps first and PostgreSQL and Redis last.
setsid node --import tsx scripts/dev.ts &
pid=$!
trap 'kill -INT "$pid" 2>/dev/null' INT TERM
while kill -0 "$pid" 2>/dev/null; do wait "$pid" || true; done
