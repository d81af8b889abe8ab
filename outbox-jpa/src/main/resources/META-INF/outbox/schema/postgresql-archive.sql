-- Outbox for Jakarta EE: the archive of dispatched records, for outbox.retention.archive=daily
-- (PostgreSQL 11 or newer), after postgresql.sql and postgresql-2.sql.
-- The relay moves each record it sends from outbox_record into this table, partitioned by the UTC
-- day it was dispatched; the relay makes each day's partition two days ahead and retires a day by
-- dropping its partition once all of it is older than outbox.retention, so the queue table keeps
-- only what is still to send and no history is ever deleted row by row.
-- Idempotent: also shipped as Flyway's repeatable migration dev/outbox/flyway/postgresql-archive/
-- R__outbox_archive.sql and as the Liquibase changelog dev/outbox/liquibase/archive.xml.
-- The record's columns, as outbox_record has them.
CREATE TABLE IF NOT EXISTS outbox_archive (
    LIKE outbox_record,
    -- lets a search for another status skip the archive (constraint exclusion)
    CONSTRAINT outbox_archive_dispatched CHECK (status = 'DISPATCHED')
) PARTITION BY RANGE (dispatched_at);
-- An operator's record by id, a key's replay in sequence order, and searches in written order.
CREATE INDEX IF NOT EXISTS outbox_archive_id ON outbox_archive (id);
CREATE INDEX IF NOT EXISTS outbox_archive_key_seq ON outbox_archive (aggregate_type, aggregate_id, seq);
CREATE INDEX IF NOT EXISTS outbox_archive_written ON outbox_archive (written_at, id);
-- Records of a day without its partition (the relay could not make it): purged by DELETE.
CREATE TABLE IF NOT EXISTS outbox_archive_default PARTITION OF outbox_archive DEFAULT;
