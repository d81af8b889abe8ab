-- Outbox for Jakarta EE: tables for Oracle Database (12.2 or newer; 23ai untested). Not tested by this
-- project's CI: no Oracle database runs there.
CREATE TABLE outbox_record (
    id             VARCHAR2(36 CHAR)   NOT NULL,
    aggregate_type VARCHAR2(255 CHAR)  NOT NULL,
    aggregate_id   VARCHAR2(255 CHAR)  NOT NULL,
    seq            NUMBER(19)          NOT NULL,
    event_type     VARCHAR2(255 CHAR)  NOT NULL,
    event_version  NUMBER(10)          NOT NULL,
    destination    VARCHAR2(255 CHAR)  NOT NULL,
    content_type   VARCHAR2(100 CHAR)  NOT NULL,
    payload        CLOB                NOT NULL,
    headers        CLOB,
    status         VARCHAR2(16 CHAR)   NOT NULL,
    attempts       NUMBER(10)          NOT NULL,
    written_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    dispatched_at  TIMESTAMP(6) WITH TIME ZONE,
    last_error     VARCHAR2(2000 CHAR),
    CONSTRAINT outbox_record_pk PRIMARY KEY (id),
    CONSTRAINT outbox_record_key_seq UNIQUE (aggregate_type, aggregate_id, seq)
);
CREATE INDEX outbox_record_due ON outbox_record (status, next_attempt_at);
CREATE INDEX outbox_record_status ON outbox_record (status, dispatched_at);

CREATE TABLE outbox_key (
    aggregate_type VARCHAR2(255 CHAR) NOT NULL,
    aggregate_id   VARCHAR2(255 CHAR) NOT NULL,
    last_seq       NUMBER(19)         NOT NULL,
    CONSTRAINT outbox_key_pk PRIMARY KEY (aggregate_type, aggregate_id)
);

-- destinations whose records the relay holds back (paused by an operator)
CREATE TABLE outbox_pause (
    destination    VARCHAR2(255 CHAR) NOT NULL,
    paused_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    paused_by      VARCHAR2(255 CHAR),
    CONSTRAINT outbox_pause_pk PRIMARY KEY (destination)
);

-- the consumer inbox: messages a consumer has processed, and per key the last sequence it processed
CREATE TABLE outbox_processed (
    consumer       VARCHAR2(255 CHAR) NOT NULL,
    message_id     VARCHAR2(255 CHAR) NOT NULL,
    processed_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT outbox_processed_pk PRIMARY KEY (consumer, message_id)
);
CREATE INDEX outbox_processed_at ON outbox_processed (processed_at);

CREATE TABLE outbox_inbox_key (
    consumer       VARCHAR2(255 CHAR) NOT NULL,
    aggregate_type VARCHAR2(255 CHAR) NOT NULL,
    aggregate_id   VARCHAR2(255 CHAR) NOT NULL,
    last_seq       NUMBER(19)         NOT NULL,
    updated_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT outbox_inbox_key_pk PRIMARY KEY (consumer, aggregate_type, aggregate_id)
);
