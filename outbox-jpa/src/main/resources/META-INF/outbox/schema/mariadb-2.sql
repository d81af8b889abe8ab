-- Outbox for Jakarta EE: schema version 2, after mariadb.sql (version 1).
-- Delayed delivery: when a record may be delivered, as its event asked; NULL for at once.
ALTER TABLE outbox_record ADD COLUMN deliver_at DATETIME(6) NULL;
