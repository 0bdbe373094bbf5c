package dev.oms.domain.order;

import dev.oms.domain.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An invoice or credit note of the order, issued by the billing service: its gapless per-tenant number, the lines it
 * bills (or credits) with net and tax, its status as billing reports it, the refund a credit note documents and the
 * PDF in the order's documents.
 */
public record Invoice(String id, String type, String number, long sequence, String status, Money total, Money tax,
                      List<InvoiceLine> lines, String refundId, String invoiceId, String documentId, Instant issuedAt,
                      Instant updatedAt) implements OrderChild {
    public static final String INVOICE = "invoice", CREDIT_NOTE = "credit_note";
    public static final String ISSUED = "issued", VOID = "void";
    /** The states billing may report. */
    public static final Set<String> STATUSES = Set.of(ISSUED, "sent", "partially_paid", "paid", "overdue", VOID, "uncollectible");

    public Invoice {
        lines = List.copyOf(lines);
    }

    @Override
    public String kind() { return "invoice"; }

    public boolean isCreditNote() { return CREDIT_NOTE.equals(type); }

    Invoice withStatus(String newStatus, Instant now) {
        return new Invoice(id, type, number, sequence, newStatus, total, tax, lines, refundId, invoiceId, documentId, issuedAt, now);
    }

    /** The printed number: {@code INV-000042}, {@code CN-000007}. */
    public static String format(String type, long sequence) {
        return (CREDIT_NOTE.equals(type) ? "CN-" : "INV-") + String.format(java.util.Locale.ROOT, "%06d", sequence);
    }
}
