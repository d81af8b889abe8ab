#!/usr/bin/env bash
# The intrinsic cost of the outbox's write on PostgreSQL, without Liberty or the library: business
# transactions per second of one order insert, against the same plus the outbox's statements:
#   two.sql  the per-key sequence upsert, then the record insert (the library's write on MariaDB/H2/Derby)
#   cte.sql  both in one statement (a data-modifying WITH), one round trip: the library's PostgreSQL write
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
  dispatched_at timestamptz);
SQL
# the library's indexes (outbox-jpa's postgresql.sql), or with FULL_INDEXES=1 the five full and
# partial indexes it had before (a unique constraint and a status index over every row)
if [ -n "${FULL_INDEXES:-}" ]; then
  $PSQL -d pgb -c "ALTER TABLE outbox_record ADD UNIQUE (aggregate_type, aggregate_id, seq)" \
    -c "CREATE INDEX ON outbox_record (next_attempt_at) WHERE status = 'PENDING'" \
    -c "CREATE INDEX ON outbox_record (status, dispatched_at)" \
    -c "CREATE INDEX ON outbox_record (aggregate_type, aggregate_id, seq) WHERE status <> 'DISPATCHED'"
else
  $PSQL -d pgb -c "CREATE INDEX ON outbox_record (next_attempt_at) WHERE status = 'PENDING'" \
    -c "CREATE UNIQUE INDEX ON outbox_record (aggregate_type, aggregate_id, seq) WHERE status <> 'DISPATCHED'" \
    -c "CREATE INDEX ON outbox_record (status, dispatched_at) WHERE status <> 'PENDING'"
fi
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
