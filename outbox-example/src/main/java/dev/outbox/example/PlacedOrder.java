package dev.outbox.example;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An order, the example's business data. */
@Entity
@Table(name = "example_order")
public class PlacedOrder {
    @Id private String id;
    private String customer;
    private BigDecimal total;

    @Column(name = "placed_at")
    private Instant placedAt;

    protected PlacedOrder() {}

    PlacedOrder(String id, String customer, BigDecimal total, Instant placedAt) {
        this.id = id;
        this.customer = customer;
        this.total = total;
        this.placedAt = placedAt;
    }

    public String getId() {
        return id;
    }

    public String getCustomer() {
        return customer;
    }

    public BigDecimal getTotal() {
        return total;
    }

    public Instant getPlacedAt() {
        return placedAt;
    }
}
