#!/usr/bin/env bash
# Dumps the application database (custom format, compressed) into BACKUP_DIR and prunes old dumps.
#   scripts/backup.sh                 # on the server, through the compose project's postgres service
#   TERMIN_DATABASE_URL=postgresql://… scripts/backup.sh   # any reachable server, with local pg_dump
# Settings: BACKUP_DIR (default ./backups), BACKUP_KEEP_DAYS (default 14; 0 keeps everything).
# Prints the path of the new dump. The dump holds citizens' contact data: keep it on encrypted storage.
set -euo pipefail
backup_dir="${BACKUP_DIR:-./backups}"
keep_days="${BACKUP_KEEP_DAYS:-14}"
mkdir -p "$backup_dir"
umask 077
target="$backup_dir/termin-$(date -u +%Y%m%dT%H%M%SZ).dump"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

if [ -n "${TERMIN_DATABASE_URL:-}" ]; then
  pg_dump --format=custom --no-owner --no-acl --dbname="$TERMIN_DATABASE_URL" --file="$partial"
else
  docker compose ${COMPOSE_FILE_ARGS:-} exec -T postgres pg_dump --format=custom --no-owner --no-acl -U postgres termin > "$partial"
fi
# A dump that pg_restore cannot list is no backup; never let it replace the older ones.
pg_restore --list "$partial" > /dev/null
mv "$partial" "$target"
trap - EXIT

if [ "$keep_days" -gt 0 ]; then
  find "$backup_dir" -maxdepth 1 -name 'termin-*.dump' -mtime +"$keep_days" -delete
fi
echo "$target"
