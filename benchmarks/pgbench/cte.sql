\set r random(1, 1000000000000000)
BEGIN;
INSERT INTO orders VALUES (gen_random_uuid(), 'alice', 42.5, now());
WITH k AS (INSERT INTO outbox_key VALUES ('Order', :r::text, 1) ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET last_seq = outbox_key.last_seq + 1 RETURNING last_seq) INSERT INTO outbox_record SELECT gen_random_uuid()::text, 'Order', :r::text, k.last_seq, 'OrderPlaced', '{"customer":"alice","total":42.5}', 'PENDING', now(), now() FROM k;
END;
