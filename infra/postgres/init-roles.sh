#!/bin/sh
# Runs once, when the PostgreSQL volume is created (docker-entrypoint-initdb.d). The superuser stays
# with the database container; the apps and Keycloak each get their own login without superuser
# rights, owning only their own database, so neither can read or rewrite the other's tables.
set -eu
: "${TERMIN_DB_PASSWORD:?TERMIN_DB_PASSWORD must be set}"
: "${KEYCLOAK_DB_PASSWORD:?KEYCLOAK_DB_PASSWORD must be set}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v app_password="$TERMIN_DB_PASSWORD" -v keycloak_password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE termin LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'app_password';
CREATE ROLE keycloak LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'keycloak_password';
CREATE DATABASE termin OWNER termin;
CREATE DATABASE keycloak OWNER keycloak;
REVOKE ALL ON DATABASE termin FROM PUBLIC;
REVOKE ALL ON DATABASE keycloak FROM PUBLIC;
SQL
