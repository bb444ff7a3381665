#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d). The API runs as
# lantern_app, not as the owner: it gets the usual rights on every table the owner's migrations create, and the
# audit-trail migration (run as the owner, with DATABASE_APP_ROLE=lantern_app) leaves it only INSERT and SELECT on
# audit_entries. docs/audit.md explains.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v app_password="$LANTERN_APP_DB_PASSWORD" -v owner="$POSTGRES_USER" <<'SQL'
CREATE ROLE lantern_app LOGIN PASSWORD :'app_password';
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lantern_app;
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lantern_app;
SQL
