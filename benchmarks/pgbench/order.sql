\set r random(1, 1000000000000000)
BEGIN;
INSERT INTO orders VALUES (gen_random_uuid(), 'alice', 42.5, now());
END;
