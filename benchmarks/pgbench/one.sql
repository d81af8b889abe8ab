\set r random(1, 1000000000000000)
BEGIN;
INSERT INTO orders VALUES (gen_random_uuid(), 'alice', 42.5, now());
INSERT INTO outbox_record VALUES (gen_random_uuid()::text, 'Order', :r::text, :r, 'OrderPlaced', '{"customer":"alice","total":42.5}', 'PENDING', now(), now());
END;
