package dev.outbox.faults.app;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The business row a writer commits with its event: the database's ledger of what was committed.
 */
@Entity
@Table(name = "fault_order")
public class FaultOrder {
    @Id private String id;
    private String run;

    @Column(name = "aggregate_id")
    private String aggregateId;

    private String kind;

    @Column(name = "created_at")
    private Instant createdAt;

    protected FaultOrder() {}

    FaultOrder(String id, String run, String aggregateId, Kind kind, Instant createdAt) {
        this.id = id;
        this.run = run;
        this.aggregateId = aggregateId;
        this.kind = kind.name();
        this.createdAt = createdAt;
    }
}
