-- The fault suite's ledgers, beside the outbox's own tables.
-- what writers committed: one row per event, in the event's transaction
CREATE TABLE fault_order (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    run          VARCHAR(64)  NOT NULL,
    aggregate_id VARCHAR(255) NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX fault_order_run ON fault_order (run, kind);
-- every delivery a consumer saw, filed in a transaction of its own before the inbox runs
CREATE TABLE fault_delivery (
    serial         BIGSERIAL    PRIMARY KEY,
    record_id      VARCHAR(36)  NOT NULL,
    run            VARCHAR(64)  NOT NULL,
    server         VARCHAR(64)  NOT NULL,
    delivery_count INTEGER      NOT NULL,
    delivered_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX fault_delivery_run ON fault_delivery (run);
-- the consumer's side effect, in its transaction; no unique key, so that a duplicate shows
CREATE TABLE fault_processed (
    serial       BIGSERIAL    PRIMARY KEY,
    record_id    VARCHAR(36)  NOT NULL,
    run          VARCHAR(64)  NOT NULL,
    order_id     VARCHAR(36)  NOT NULL,
    aggregate_id VARCHAR(255) NOT NULL,
    seq          BIGINT       NOT NULL,
    server       VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX fault_processed_run ON fault_processed (run, aggregate_id, serial);
CREATE INDEX fault_processed_order ON fault_processed (order_id);
