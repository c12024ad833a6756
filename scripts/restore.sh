#!/usr/bin/env bash
# Restores a dump of scripts/backup.sh into an empty database, in one transaction: either all of it
# lands or nothing does. Stop api, worker and migrate first (docker compose stop api worker).
#   scripts/restore.sh backups/termin-20260101T020000Z.dump
#   TERMIN_DATABASE_URL=postgresql://… scripts/restore.sh <dump>   # any server, with local pg_restore
# The restored objects belong to the login that restores them (the app role `termin` on the server).
set -euo pipefail
dump="${1:?usage: scripts/restore.sh <dump file>}"
[ -r "$dump" ] || { echo "cannot read $dump" >&2; exit 1; }
pg_restore --list "$dump" > /dev/null

if [ -n "${TERMIN_DATABASE_URL:-}" ]; then
  pg_restore --no-owner --no-acl --single-transaction --exit-on-error --dbname="$TERMIN_DATABASE_URL" "$dump"
else
  docker compose ${COMPOSE_FILE_ARGS:-} exec -T postgres \
    sh -c 'PGPASSWORD="$TERMIN_DB_PASSWORD" pg_restore --no-owner --no-acl --single-transaction --exit-on-error -h 127.0.0.1 -U termin -d termin' < "$dump"
fi
echo "Restored $dump"
