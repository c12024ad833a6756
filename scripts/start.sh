#!/usr/bin/env bash
# The start command (README): installs what is missing, then starts the whole product with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/toolchain.sh
ensure_node
pnpm_run install --frozen-lockfile
exec node --import tsx scripts/dev.ts
