package dev.oms.platform.documents;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** What goes in the box with a shipment: the order number, where it goes and what is in it. */
public record PackingSlip(String orderNumber, LocalDate date, PostalAddress shipTo, List<Line> lines) {
    public record Line(String sku, String description, long quantity) {
        public Line {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(description, "description");
            if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive: " + sku);
        }
    }

    public PackingSlip {
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(shipTo, "shipTo");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) throw new IllegalArgumentException("a packing slip needs at least one line");
    }
}
