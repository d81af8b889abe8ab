package dev.outbox.it.app;

import java.math.BigDecimal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The application's own business row, written in the same transaction as the outbox record. */
@Entity
@Table(name = "it_order")
public class PurchaseOrder {
    @Id private String id;
    private String customer;
    private BigDecimal total;

    protected PurchaseOrder() {}

    public PurchaseOrder(String id, String customer, BigDecimal total) {
        this.id = id;
        this.customer = customer;
        this.total = total;
    }

    public String getId() {
        return id;
    }
}
