package dev.oms.app;

import dev.oms.app.connector.BillingDocument;
import dev.oms.app.connector.BillingService;
import dev.oms.app.port.CounterClaim;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.OrderRepository;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Invoice;
import dev.oms.domain.order.InvoiceLine;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.Refund;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Invoices and credit notes. Each takes the next number of the tenant's gapless counter ({@code INVOICE},
 * {@code CREDIT_NOTE}) in the same transaction as the order records it, so numbers are consecutive: a transaction that
 * fails (a race, a conflict) uses up nothing, and the next attempt reads the counter again. Billing renders and stores
 * the PDF under the document's id before the commit; a retry renders it again, with the number it then got.
 */
public final class InvoiceService {
    public static final String INVOICE_COUNTER = "INVOICE", CREDIT_NOTE_COUNTER = "CREDIT_NOTE";

    private final OrderTransactions tx;
    private final OrderRepository orders;
    private final BillingService billing;
    private final IdGenerator ids;
    private final Clock clock;

    public InvoiceService(OrderTransactions tx, OrderRepository orders, BillingService billing, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.orders = orders;
        this.billing = billing;
        this.ids = ids;
        this.clock = clock;
    }

    public record Issued(Order order, Invoice invoice) { }

    public Order get(CommandContext ctx, String orderId) { return tx.get(ctx, orderId); }

    /** {@code POST /v1/orders/{orderId}/invoices/generate}: the order's invoice, numbered without gaps. */
    public Issued generateInvoice(CommandContext ctx, String orderId) {
        Order first = tx.get(ctx, orderId);
        tx.checkVersion(ctx, first);
        first.invoices().assertInvoiceable();
        String invoiceId = ids.next("inv");
        String documentId = ids.next("doc");
        return numbered(ctx, orderId, INVOICE_COUNTER, (o, number, now) -> {
            List<InvoiceLine> lines = o.invoices().invoiceLines();
            o.invoices().assertInvoiceable();
            OrderDocument pdf = render(ctx, o, Invoice.INVOICE, number, documentId, invoiceId, lines, null, null, now);
            return new Issued(o, o.invoices().recordInvoice(invoiceId, number, lines, pdf, now));
        });
    }

    /** The credit note of a refund (one per refund: asking again answers the same one). */
    public Issued creditNote(CommandContext ctx, String orderId, String refundId) {
        Order first = tx.get(ctx, orderId);
        Refund refund = first.refunds().require(refundId);
        if (!Refund.SUCCEEDED.equals(refund.status())) {
            throw DomainException.conflict("credit_note.refund_not_issued", "Refund " + refundId + " is " + refund.status(),
                    "Credit notes document issued refunds.");
        }
        var known = first.invoices().creditNoteFor(refundId);
        if (known.isPresent()) return new Issued(first, known.get());
        String creditNoteId = ids.next("cn");
        String documentId = ids.next("doc");
        return numbered(ctx, orderId, CREDIT_NOTE_COUNTER, (o, number, now) -> {
            var again = o.invoices().creditNoteFor(refundId);
            if (again.isPresent()) return new Issued(o, again.get());
            List<InvoiceLine> lines = o.invoices().creditLines(refund);
            String refersTo = o.invoices().activeInvoice().map(Invoice::number).orElse(null);
            OrderDocument pdf = render(ctx, o, Invoice.CREDIT_NOTE, number, documentId, creditNoteId, lines, refersTo, refund.reason(), now);
            return new Issued(o, o.invoices().recordCreditNote(creditNoteId, number, refund, lines, pdf, now));
        });
    }

    /** For the refund flow: the credit note of a refund just issued. Billing being down does not undo the refund. */
    public void creditNoteAfterRefund(CommandContext ctx, Order order, Refund refund) {
        try {
            creditNote(new CommandContext(ctx.caller(), ctx.correlationId(), null, null, null), order.id(), refund.id());
        } catch (RuntimeException e) {
            // the refund stands; POST .../invoices/generate {"type": "credit_note", "refund_id": ...} issues it later
        }
    }

    @FunctionalInterface
    private interface Numbered {
        Issued apply(Order order, long number, Instant now);
    }

    /** Reads the counter, lets the order record the document under the next number, commits both or neither. */
    private Issued numbered(CommandContext ctx, String orderId, String counter, Numbered change) {
        CommandContext loose = new CommandContext(ctx.caller(), ctx.correlationId(), null, ctx.reason(), ctx.journal());
        AtomicReference<CounterClaim> claim = new AtomicReference<>();
        return tx.mutate(loose, orderId, true, false, o -> {
            CounterClaim c = new CounterClaim(ctx.tenantId(), counter, orders.counterValue(ctx.tenantId(), counter));
            claim.set(c);
            return change.apply(o, c.next(), clock.instant());
        }, commit -> orders.commit(commit, claim.get()));
    }

    private OrderDocument render(CommandContext ctx, Order o, String type, long number, String documentId, String relatedId,
                                 List<InvoiceLine> lines, String refersTo, String reason, Instant now) {
        long total = lines.stream().mapToLong(InvoiceLine::total).sum();
        long tax = lines.stream().mapToLong(InvoiceLine::tax).sum();
        var st = o.state();
        BillingDocument doc = new BillingDocument(type, Invoice.format(type, number), documentId, o.id(), st.number, st.currency, now,
                st.billingAddress != null ? st.billingAddress : st.shippingAddress, lines, total, tax, refersTo, reason);
        BillingService.StoredFile file = billing.issue(ctx.tenantId(), doc);
        return new OrderDocument(documentId, type, file.fileName(), file.contentType(), file.sizeBytes(), file.storageKey(),
                OrderDocument.AVAILABLE, relatedId, ctx.caller().subject(), now);
    }
}
