package dev.oms.domain.order;

import java.util.Set;

/** The event types of payments, refunds, invoices and documents; part of {@link OrderEventTypes#ALL}. */
public final class MoneyEventTypes {
    public static final Set<String> ALL = Set.of("document.attached", "document.updated",
            "payment.linked", "payment.unlinked", "payment.captured", "payment.settlement_linked", "refund.requested", "refund.issued", "refund.failed",
            "invoice.issued", "invoice.updated", "credit_note.issued", "order.payment_overdue");

    private MoneyEventTypes() { }
}
