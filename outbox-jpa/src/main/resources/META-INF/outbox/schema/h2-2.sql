-- Outbox for Jakarta EE: schema version 2, after h2.sql (version 1).
-- Delayed delivery: when a record may be delivered, as its event asked; NULL for at once.
ALTER TABLE outbox_record ADD COLUMN deliver_at TIMESTAMP(6) WITH TIME ZONE;
