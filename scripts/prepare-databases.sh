#!/usr/bin/env bash
# Starts the machine's PostgreSQL and MariaDB if they are down and prepares what the tests need,
# idempotently: PostgreSQL with prepared transactions (for XA), a user "outbox" and its databases.
set -euo pipefail

PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
psql_admin() { psql -v ON_ERROR_STOP=1 -q -h "$PG_HOST" -p "$PG_PORT" -U postgres "$@"; }

pg_cluster() { ls /etc/postgresql | sort -V | tail -1; }

if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
  echo "[prepare] starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(pg_cluster)" main start
  for _ in $(seq 1 30); do pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && break; sleep 1; done
fi

# XA needs prepared transactions; the setting takes a restart
if [ "$(psql_admin -tAc 'show max_prepared_transactions')" -lt 20 ]; then
  echo "[prepare] enabling prepared transactions on PostgreSQL (restart)"
  psql_admin -c "ALTER SYSTEM SET max_prepared_transactions = 50"
  pg_ctlcluster --skip-systemctl-redirect "$(pg_cluster)" main restart
  for _ in $(seq 1 30); do pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && break; sleep 1; done
fi

# MariaDB: started if down; the same user and databases
if ! mariadb-admin -uroot -h 127.0.0.1 --protocol=tcp ping >/dev/null 2>&1; then
  echo "[prepare] starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 30); do mariadb-admin -uroot -h 127.0.0.1 --protocol=tcp ping >/dev/null 2>&1 && break; sleep 1; done
fi
maria() { mariadb -uroot -h 127.0.0.1 --protocol=tcp -e "$1"; }
if [ "${1:-}" = "--fresh" ]; then
  maria "XA RECOVER" | awk 'NR>1 {print $4}' | while read -r xid; do [ -n "$xid" ] && maria "XA ROLLBACK '$xid'" || true; done
  maria "DROP DATABASE IF EXISTS outbox_it"
  maria "DROP DATABASE IF EXISTS outbox_schema_it"
fi
# outbox_schema_it: the tables of the test of outbox.table.schema (a database on MariaDB)
for db in outbox_it outbox_schema_it outbox_example outbox_bench; do maria "CREATE DATABASE IF NOT EXISTS $db CHARACTER SET utf8mb4"; done
maria "CREATE USER IF NOT EXISTS 'outbox'@'%' IDENTIFIED BY 'outbox'"
maria "CREATE USER IF NOT EXISTS 'outbox'@'localhost' IDENTIFIED BY 'outbox'"
for host in "%" localhost; do
  for db in outbox_it outbox_schema_it outbox_example outbox_bench; do maria "GRANT ALL ON $db.* TO 'outbox'@'$host'"; done
  # XA RECOVER needs it on MariaDB 10.5 and later
  maria "GRANT XA_RECOVER_ADMIN ON *.* TO 'outbox'@'$host'" 2>/dev/null || maria "GRANT SUPER ON *.* TO 'outbox'@'$host'"
done
echo "[prepare] MariaDB ready on 127.0.0.1:3306"

# --fresh: drop the integration-test databases first, so that every run starts empty
if [ "${1:-}" = "--fresh" ]; then
  for gid in $(psql_admin -tAc "SELECT gid FROM pg_prepared_xacts WHERE database = 'outbox_it'"); do
    psql_admin -d outbox_it -c "ROLLBACK PREPARED '$gid'"
  done
  psql_admin -c "DROP DATABASE IF EXISTS outbox_it WITH (FORCE)"
fi

psql_admin -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'outbox') THEN
    CREATE ROLE outbox LOGIN PASSWORD 'outbox';
  END IF; END \$\$;"
for db in outbox_it outbox_example outbox_bench; do
  if [ -z "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    psql_admin -c "CREATE DATABASE $db OWNER outbox"
  fi
done
echo "[prepare] PostgreSQL ready on $PG_HOST:$PG_PORT"
