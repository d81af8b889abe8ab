CREATE TABLE it_order (id VARCHAR(64) NOT NULL PRIMARY KEY, customer VARCHAR(64), total DECIMAL(19, 2))
CREATE TABLE it_effect (id VARCHAR(64) NOT NULL PRIMARY KEY, consumer VARCHAR(64), messageId VARCHAR(255), seq BIGINT, deliveryCount INTEGER, processedNanos BIGINT)
