#!/usr/bin/env bash
# The intrinsic cost of the outbox's write on PostgreSQL, without Liberty or the library: business
# transactions per second of one order insert, against the same plus the outbox's statements:
#   two.sql  the library's write today: the per-key sequence upsert, then the record insert
#   cte.sql  both in one statement (a data-modifying WITH), one round trip
#   one.sql  a single record insert (no per-key sequence): the floor
# Each for 1 and 8 clients, 8 s, BENCH_REPS times (3), in a scratch database "pgb" on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")"
PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -1)
PSQL="psql -q -h 127.0.0.1 -U postgres"
$PSQL -c "DROP DATABASE IF EXISTS pgb" -c "CREATE DATABASE pgb" 2>/dev/null
$PSQL -d pgb <<'SQL'
CREATE TABLE orders (id uuid PRIMARY KEY, customer text, total numeric, placed_at timestamptz);
CREATE TABLE outbox_key (aggregate_type varchar(255), aggregate_id varchar(255), last_seq bigint NOT NULL,
  PRIMARY KEY (aggregate_type, aggregate_id));
CREATE TABLE outbox_record (id varchar(36) PRIMARY KEY, aggregate_type varchar(255) NOT NULL,
  aggregate_id varchar(255) NOT NULL, seq bigint NOT NULL, event_type varchar(255) NOT NULL, payload text NOT NULL,
  status varchar(16) NOT NULL, written_at timestamptz NOT NULL, next_attempt_at timestamptz NOT NULL,
  UNIQUE (aggregate_type, aggregate_id, seq));
CREATE INDEX ON outbox_record (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX ON outbox_record (aggregate_type, aggregate_id, seq) WHERE status <> 'DISPATCHED';
SQL
echo "rep script clients tps ratio"
for rep in $(seq 1 "${BENCH_REPS:-3}"); do
  for c in 1 8; do
    base=""
    for s in order two cte one; do
      tps=$($PGBENCH -h 127.0.0.1 -U postgres -n -M prepared -c $c -j $c -T 8 -f $s.sql pgb 2>/dev/null \
        | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
      [ -z "$base" ] && base=$tps
      echo "$rep $s $c $tps $(echo "scale=2; $tps / $base" | bc)"
    done
  done
done
$PSQL -c "DROP DATABASE pgb"
