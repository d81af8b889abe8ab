package dev.outbox.bench.app;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The business row every benchmark transaction inserts. */
@Entity
@Table(name = "bench_order")
public class BenchOrder {
    @Id private String id;
    private String customer;
    private BigDecimal total;

    @Column(name = "placed_at")
    private Instant placedAt;

    protected BenchOrder() {}

    BenchOrder(String id, String customer, BigDecimal total, Instant placedAt) {
        this.id = id;
        this.customer = customer;
        this.total = total;
        this.placedAt = placedAt;
    }

    public String getId() {
        return id;
    }
}
