-- Outbox for Jakarta EE: tables for Microsoft SQL Server (2016 or newer). Not tested by this project's
-- CI: no SQL Server runs there.
CREATE TABLE outbox_record (
    id             NVARCHAR(36)   NOT NULL,
    aggregate_type NVARCHAR(255)  NOT NULL,
    aggregate_id   NVARCHAR(255)  NOT NULL,
    seq            BIGINT          NOT NULL,
    event_type     NVARCHAR(255)  NOT NULL,
    event_version  INT          NOT NULL,
    destination    NVARCHAR(255)  NOT NULL,
    content_type   NVARCHAR(100)  NOT NULL,
    payload        NVARCHAR(MAX)                NOT NULL,
    headers        NVARCHAR(MAX),
    status         NVARCHAR(16)   NOT NULL,
    attempts       INT          NOT NULL,
    written_at     DATETIMEOFFSET(6) NOT NULL,
    next_attempt_at DATETIMEOFFSET(6) NOT NULL,
    dispatched_at  DATETIMEOFFSET(6),
    last_error     NVARCHAR(2000),
    CONSTRAINT outbox_record_pk PRIMARY KEY (id),
    CONSTRAINT outbox_record_key_seq UNIQUE (aggregate_type, aggregate_id, seq)
);
CREATE INDEX outbox_record_due ON outbox_record (status, next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX outbox_record_status ON outbox_record (status, dispatched_at);

CREATE TABLE outbox_key (
    aggregate_type NVARCHAR(255) NOT NULL,
    aggregate_id   NVARCHAR(255) NOT NULL,
    last_seq       BIGINT         NOT NULL,
    CONSTRAINT outbox_key_pk PRIMARY KEY NONCLUSTERED (aggregate_type, aggregate_id)
);

-- destinations whose records the relay holds back (paused by an operator)
CREATE TABLE outbox_pause (
    destination    NVARCHAR(255) NOT NULL,
    paused_at      DATETIMEOFFSET(6) NOT NULL,
    paused_by      NVARCHAR(255),
    CONSTRAINT outbox_pause_pk PRIMARY KEY (destination)
);

-- the consumer inbox: messages a consumer has processed, and per key the last sequence it processed
CREATE TABLE outbox_processed (
    consumer       NVARCHAR(255) NOT NULL,
    message_id     NVARCHAR(255) NOT NULL,
    processed_at   DATETIMEOFFSET(6) NOT NULL,
    CONSTRAINT outbox_processed_pk PRIMARY KEY NONCLUSTERED (consumer, message_id)
);
CREATE INDEX outbox_processed_at ON outbox_processed (processed_at);

CREATE TABLE outbox_inbox_key (
    consumer       NVARCHAR(255) NOT NULL,
    aggregate_type NVARCHAR(255) NOT NULL,
    aggregate_id   NVARCHAR(255) NOT NULL,
    last_seq       BIGINT         NOT NULL,
    updated_at     DATETIMEOFFSET(6) NOT NULL,
    CONSTRAINT outbox_inbox_key_pk PRIMARY KEY NONCLUSTERED (consumer, aggregate_type, aggregate_id)
);
