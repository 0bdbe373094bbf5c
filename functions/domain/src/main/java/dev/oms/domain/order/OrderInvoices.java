package dev.oms.domain.order;

import static dev.oms.domain.order.Order.data;

import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Invoices and credit notes of one order. The order decides what a document bills (a snapshot of its lines, or of a
 * refund's lines) and records it once billing produced the file; the number comes from the tenant's gapless counter,
 * claimed in the same transaction.
 */
public final class OrderInvoices {
    private static final Set<OrderStatus> INVOICEABLE = EnumSet.of(OrderStatus.CONFIRMED, OrderStatus.ON_HOLD, OrderStatus.COMPLETED);
    private final Order order;
    private final OrderState s;

    OrderInvoices(Order order) {
        this.order = order;
        this.s = order.state();
    }

    public Invoice require(String invoiceId) { return order.requireChild(Invoice.class, invoiceId, "invoice.not_found"); }

    /** The order's invoice that is not void, if any. */
    public Optional<Invoice> activeInvoice() {
        return order.children(Invoice.class).stream().filter(i -> !i.isCreditNote() && !Invoice.VOID.equals(i.status())).findFirst();
    }

    public Optional<Invoice> creditNoteFor(String refundId) {
        return order.children(Invoice.class).stream().filter(i -> i.isCreditNote() && refundId.equals(i.refundId())).findFirst();
    }

    /** Confirmed (or on hold after confirmation, or completed) orders are invoiced once, unless that invoice was voided. */
    public void assertInvoiceable() {
        boolean confirmed = INVOICEABLE.contains(s.status) && !(s.status == OrderStatus.ON_HOLD && s.statusBeforeHold != OrderStatus.CONFIRMED);
        if (!confirmed) {
            throw DomainException.conflict("invoice.order_not_invoiceable", "A " + s.status.wire() + " order cannot be invoiced",
                    "Invoice confirmed or completed orders.");
        }
        activeInvoice().ifPresent(i -> {
            throw DomainException.conflict("invoice.already_issued", "Order " + s.id + " already has invoice " + i.number(),
                    "Read it at /v1/orders/" + s.id + "/invoices/" + i.id() + "; void it in billing to issue a new one.")
                    .with("invoice_id", i.id());
        });
    }

    /** The lines an invoice bills now: every open line with its net and tax, and the shipping. */
    public List<InvoiceLine> invoiceLines() {
        List<InvoiceLine> out = new ArrayList<>();
        for (OrderLine l : s.lines) {
            if (l.quantity() == 0) continue;
            out.add(new InvoiceLine(l.id(), l.sku(), l.description(), l.quantity(), l.unitPrice().minor(), l.lineTotal(), l.tax(), l.amountDue()));
        }
        if (s.shippingAmount.minor() > 0) {
            out.add(new InvoiceLine(RefundLine.SHIPPING, null, "Shipping (" + s.shippingMethod + ")", 1, s.shippingAmount.minor(),
                    s.shippingAmount.minor(), 0, s.shippingAmount.minor()));
        }
        return out;
    }

    /** The lines a credit note credits: the refund's lines, net and tax as the refund allocated them. */
    public List<InvoiceLine> creditLines(Refund r) {
        List<InvoiceLine> out = new ArrayList<>();
        for (RefundLine rl : r.lines()) {
            if (RefundLine.SHIPPING.equals(rl.lineId())) {
                out.add(new InvoiceLine(rl.lineId(), null, "Shipping", 0, 0, rl.amount(), 0, rl.amount()));
                continue;
            }
            OrderLine l = order.line(rl.lineId());
            out.add(new InvoiceLine(l.id(), l.sku(), l.description(), rl.quantity(), l.unitPrice().minor(), rl.amount() - rl.tax(), rl.tax(), rl.amount()));
        }
        return out;
    }

    /** Records an invoice billing produced, and its PDF among the order's documents. */
    public Invoice recordInvoice(String invoiceId, long sequence, List<InvoiceLine> lines, OrderDocument pdf, Instant now) {
        assertInvoiceable();
        Invoice inv = new Invoice(invoiceId, Invoice.INVOICE, Invoice.format(Invoice.INVOICE, sequence), sequence, Invoice.ISSUED,
                sum(lines, false), sum(lines, true), lines, null, null, pdf.id(), now, now);
        return put(inv, pdf, now, "invoice.issued");
    }

    /** Records the credit note of a refund (one per refund), and its PDF. */
    public Invoice recordCreditNote(String creditNoteId, long sequence, Refund refund, List<InvoiceLine> lines, OrderDocument pdf, Instant now) {
        Optional<Invoice> known = creditNoteFor(refund.id());
        if (known.isPresent()) return known.get();
        Invoice cn = new Invoice(creditNoteId, Invoice.CREDIT_NOTE, Invoice.format(Invoice.CREDIT_NOTE, sequence), sequence, Invoice.ISSUED,
                sum(lines, false), sum(lines, true), lines, refund.id(), activeInvoice().map(Invoice::id).orElse(null), pdf.id(), now, now);
        return put(cn, pdf, now, "credit_note.issued");
    }

    private Invoice put(Invoice inv, OrderDocument pdf, Instant now, String event) {
        order.putChild(inv);
        order.attachDocument(pdf, now);
        order.record(event, data("invoice_id", inv.id(), "type", inv.type(), "number", inv.number(), "status", inv.status(),
                "total", inv.total().minor(), "tax", inv.tax().minor(), "currency", inv.total().currency(), "refund_id", inv.refundId(),
                "document_id", inv.documentId()));
        return inv;
    }

    /**
     * Billing reported a new state of one of the order's invoices ({@code invoice.paid}, {@code invoice.voided}, ... or a
     * {@code status} in the data); an unknown invoice or state changes nothing (the message is on the timeline anyway).
     */
    public boolean applyPostback(String invoiceId, String type, Map<String, Object> summary, Instant now) {
        Optional<Invoice> inv = order.child(Invoice.class, invoiceId);
        if (inv.isEmpty()) return false;
        Object st = summary.get("status");
        String status = st instanceof String x ? x : type.substring(type.indexOf('.') + 1);
        if (status.equals("voided")) status = Invoice.VOID;
        if (!Invoice.STATUSES.contains(status) || status.equals(inv.get().status())) return false;
        Invoice next = inv.get().withStatus(status, now);
        order.putChild(next);
        order.touch(now);
        order.record("invoice.updated", data("invoice_id", next.id(), "type", next.type(), "number", next.number(),
                "status", status, "previous_status", inv.get().status(), "source_event", type));
        return true;
    }

    private Money sum(List<InvoiceLine> lines, boolean taxOnly) {
        long n = 0;
        for (InvoiceLine l : lines) n = Math.addExact(n, taxOnly ? l.tax() : l.total());
        return Money.of(n, s.currency);
    }
}
