#!/bin/sh
# The two database roles of INSEK-Monitor (README, "Database roles"; docs/decisions/0018). Run once by the
# postgres image when its data volume is created (/docker-entrypoint-initdb.d), as POSTGRES_USER:
#   - the owner role (INSEK_OWNER_ROLE, default insek_owner) owns the database and everything in it; the
#     migrate service applies the migrations with it and grants the application's role its rights;
#   - the application's role (INSEK_APP_ROLE, default insek_app), the server's: it owns nothing, is no
#     superuser, and may only read and append to the history and the audit log.
# The passwords come from the environment; there are no defaults.
set -eu
: "${INSEK_OWNER_PASSWORD:?set INSEK_OWNER_PASSWORD}"
: "${INSEK_APP_PASSWORD:?set INSEK_APP_PASSWORD}"
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v db="$POSTGRES_DB" \
  -v owner="${INSEK_OWNER_ROLE:-insek_owner}" -v owner_password="$INSEK_OWNER_PASSWORD" \
  -v app="${INSEK_APP_ROLE:-insek_app}" -v app_password="$INSEK_APP_PASSWORD" <<'SQL'
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';
-- The owner owns the database and with it (PostgreSQL 15) the public schema, where the migrations create the tables.
ALTER DATABASE :"db" OWNER TO :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";
SQL
