package dev.oms.app.connector;

import dev.oms.domain.order.Address;
import dev.oms.domain.order.InvoiceLine;
import java.time.Instant;
import java.util.List;

/**
 * What billing puts on an invoice or credit note: its type and number, the order, who is billed, the lines with net
 * and tax (minor units of {@code currency}), the totals and, for a credit note, the invoice it corrects and why.
 */
public record BillingDocument(String type, String number, String documentId, String orderId, long orderNumber, String currency,
                              Instant issuedAt, Address billTo, List<InvoiceLine> lines, long total, long tax, String refersTo,
                              String reason) {
    public BillingDocument {
        lines = List.copyOf(lines);
    }
}
