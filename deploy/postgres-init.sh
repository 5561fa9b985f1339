#!/bin/sh
# Creates the two Girou databases. The postgres image runs this once, on the first start
# with an empty data volume (/docker-entrypoint-initdb.d); later starts skip it.
#
#   synapse  owned by role synapse; C collation and ctype, which Synapse requires
#            (it refuses to start on any other), hence TEMPLATE template0.
#   girou    owned by role girou; the portal and the bots process (SQLAlchemy, psycopg 3).
set -eu

: "${SYNAPSE_DB_PASSWORD:?SYNAPSE_DB_PASSWORD is not set}"
: "${GIROU_DB_PASSWORD:?GIROU_DB_PASSWORD is not set}"

# psql quotes the passwords itself (:'name'), so any character is safe in them.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v synapse_password="$SYNAPSE_DB_PASSWORD" \
    -v girou_password="$GIROU_DB_PASSWORD" <<'SQL'
CREATE ROLE synapse LOGIN PASSWORD :'synapse_password';
CREATE DATABASE synapse OWNER synapse
    ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;

CREATE ROLE girou LOGIN PASSWORD :'girou_password';
CREATE DATABASE girou OWNER girou ENCODING 'UTF8';
SQL
