-- Outbox for Jakarta EE: tables for MariaDB (10.6 or newer) and MySQL (8.0 or newer), InnoDB.
CREATE TABLE outbox_record (
    id             VARCHAR(36)   NOT NULL,
    aggregate_type VARCHAR(255)  NOT NULL,
    aggregate_id   VARCHAR(255)  NOT NULL,
    seq            BIGINT        NOT NULL,
    event_type     VARCHAR(255)  NOT NULL,
    event_version  INTEGER       NOT NULL,
    destination    VARCHAR(255)  NOT NULL,
    content_type   VARCHAR(100)  NOT NULL,
    payload        LONGTEXT      NOT NULL,
    headers        TEXT,
    status         VARCHAR(16)   NOT NULL,
    attempts       INTEGER       NOT NULL,
    written_at     DATETIME(6)   NOT NULL,
    next_attempt_at DATETIME(6)  NOT NULL,
    dispatched_at  DATETIME(6),
    last_error     VARCHAR(2000),
    CONSTRAINT outbox_record_pk PRIMARY KEY (id),
    CONSTRAINT outbox_record_key_seq UNIQUE (aggregate_type, aggregate_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX outbox_record_due ON outbox_record (status, next_attempt_at);
CREATE INDEX outbox_record_status ON outbox_record (status, dispatched_at);

CREATE TABLE outbox_key (
    aggregate_type VARCHAR(255) NOT NULL,
    aggregate_id   VARCHAR(255) NOT NULL,
    last_seq       BIGINT       NOT NULL,
    CONSTRAINT outbox_key_pk PRIMARY KEY (aggregate_type, aggregate_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- destinations whose records the relay holds back (paused by an operator)
CREATE TABLE outbox_pause (
    destination    VARCHAR(255) NOT NULL,
    paused_at      DATETIME(6) NOT NULL,
    paused_by      VARCHAR(255),
    CONSTRAINT outbox_pause_pk PRIMARY KEY (destination)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- the consumer inbox: messages a consumer has processed, and per key the last sequence it processed
CREATE TABLE outbox_processed (
    consumer       VARCHAR(255) NOT NULL,
    message_id     VARCHAR(255) NOT NULL,
    processed_at   DATETIME(6) NOT NULL,
    CONSTRAINT outbox_processed_pk PRIMARY KEY (consumer, message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX outbox_processed_at ON outbox_processed (processed_at);

CREATE TABLE outbox_inbox_key (
    consumer       VARCHAR(255) NOT NULL,
    aggregate_type VARCHAR(255) NOT NULL,
    aggregate_id   VARCHAR(255) NOT NULL,
    last_seq       BIGINT       NOT NULL,
    updated_at     DATETIME(6) NOT NULL,
    CONSTRAINT outbox_inbox_key_pk PRIMARY KEY (consumer, aggregate_type, aggregate_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
