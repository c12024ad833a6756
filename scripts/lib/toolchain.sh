# Shared by the start and test commands. Needs only Node >= 20.19 on the machine.
# pnpm is resolved here once and handed to every child process as TERMIN_PNPM (a JSON argv), so the
# test harness and the benchmarks run the same pnpm and never a bare `pnpm` from the PATH.
PNPM_VERSION="$(node -p 'require("./package.json").packageManager.split("@")[1]' 2>/dev/null || echo 10.34.9)"

ensure_node() {
  if ! command -v node >/dev/null 2>&1; then
    echo "Node.js >= 20.19 is needed: https://nodejs.org (Debian: apt-get install nodejs)" >&2; exit 1
  fi
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "Node.js >= 20.19 is needed, found $(node --version)." >&2; exit 1
  fi
  local installed
  installed="$(command -v pnpm 2>/dev/null || true)"
  if [ -n "$installed" ] && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    PNPM=("$installed")
  else
    PNPM=("$(dirname "$(command -v node)")/npx" --yes "pnpm@${PNPM_VERSION}")
  fi
  TERMIN_PNPM="$(node -e 'console.log(JSON.stringify(process.argv.slice(1)))' "${PNPM[@]}")"
  export TERMIN_PNPM
}

pnpm_run() {
  "${PNPM[@]}" "$@"
}

# Browser tests drive Debian's chromium; install it when missing and we may (root or sudo).
ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then return; fi
  if command -v chromium >/dev/null 2>&1; then return; fi
  local sudo=""
  if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "Chromium is needed for the browser tests: apt-get install chromium (or set CHROMIUM_PATH)." >&2; exit 1
    fi
  fi
  echo "Installing chromium for the browser tests …"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

# The backup test runs scripts/backup.sh and restore.sh, which need pg_dump and pg_restore; install
# Debian's PostgreSQL client when they are missing and we may (root or sudo). pg_dump must be at
# least the server's major version.
ensure_pg_client() {
  if command -v pg_dump >/dev/null 2>&1 && command -v pg_restore >/dev/null 2>&1; then return; fi
  local sudo=""
  if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "pg_dump and pg_restore are needed for the backup test: apt-get install postgresql-client." >&2; exit 1
    fi
  fi
  echo "Installing postgresql-client for the backup test …"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-client >/dev/null
}
