package dev.oms.app.reconciliation;

import dev.oms.domain.order.Invoice;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderState;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.order.PaymentReference;
import dev.oms.domain.order.PaymentSettlement;
import dev.oms.domain.order.Refund;
import java.util.ArrayList;
import java.util.List;

/**
 * The reconciliation of one order: its payments against its invoices and credit notes against its totals, in
 * integer minor units of the order currency, with every difference named by a code. It reads the order alone (the
 * payments, refunds and invoices are the order's records), so the admin report
 * ({@code GET /v1/admin/orders/{orderId}/reconciliation}) and the admin order view
 * ({@code ?expand=reconciliation}) answer the same figures. Codes:
 * <ul>
 * <li>{@code payments.short} / {@code payments.excess}: what the customer paid (captures less refunds to payments and
 * store credit) is below / above what the order is owed (its total less credits; nothing once cancelled);</li>
 * <li>{@code payments.uncaptured}: authorized money not captured on a completed order;</li>
 * <li>{@code payments.currency_mismatch}: a payment in another currency than the order's;</li>
 * <li>{@code invoices.missing}: money was captured and no invoice is issued;</li>
 * <li>{@code invoices.short} / {@code invoices.excess}: invoices less credit notes are below / above what is owed;</li>
 * <li>{@code credit_notes.missing}: succeeded refunds that credited the order without a credit note documenting them;</li>
 * <li>{@code refunds.pending}: refunds still waiting for the payment service;</li>
 * <li>{@code settlements.mismatch}: a payment with linked settlements whose settlements (gross) do not add up to what
 * it captured less what it refunded (one per payment).</li>
 * </ul>
 */
public final class OrderReconciliation {
    private OrderReconciliation() { }

    /** One named difference; {@code amount} is its size in minor units (0 when it is not an amount). */
    public record Discrepancy(String code, long amount, String message) { }

    /** The figures and the differences; {@code balanced} when there is none. */
    public record Report(String orderId, String currency, long orderTotal, long amountOwed, long authorized, long captured,
                         long refundedToPayments, long storeCredit, long netPaid, long invoiced, long credited, long netInvoiced,
                         long balanceDue, int invoiceCount, int creditNoteCount, long settled, long settlementFees, List<Discrepancy> discrepancies) {
        public boolean balanced() { return discrepancies.isEmpty(); }
    }

    public static Report of(Order order) {
        OrderState s = order.state();
        long total = order.totals().total();
        long owed = s.status == OrderStatus.CANCELLED ? 0 : Math.max(0, total - s.creditedTotal);
        long authorized = 0, captured = 0, refunded = 0;
        List<Discrepancy> out = new ArrayList<>();
        for (PaymentReference p : s.payments) {
            if (!p.amount().currency().equals(s.currency)) {
                out.add(new Discrepancy("payments.currency_mismatch", 0, "Payment " + p.paymentId() + " is in " + p.amount().currency()
                        + ", the order in " + s.currency));
            }
            if (!p.isVoidedOrDeclined()) authorized = Math.addExact(authorized, p.amount().minor());
            captured = Math.addExact(captured, p.captured());
            refunded = Math.addExact(refunded, p.refunded());
        }
        long netPaid = captured - refunded - s.storeCreditTotal;
        long invoiced = 0, credited = 0;
        int invoices = 0, creditNotes = 0;
        List<String> documentedRefunds = new ArrayList<>();
        for (Invoice i : order.children(Invoice.class)) {
            if (Invoice.VOID.equals(i.status())) continue;
            if (i.isCreditNote()) {
                creditNotes++;
                credited = Math.addExact(credited, i.total().minor());
                if (i.refundId() != null) documentedRefunds.add(i.refundId());
            } else {
                invoices++;
                invoiced = Math.addExact(invoiced, i.total().minor());
            }
        }
        long netInvoiced = invoiced - credited;
        if (netPaid < owed) out.add(new Discrepancy("payments.short", owed - netPaid, "Paid " + netPaid + " of " + owed + " owed"));
        if (netPaid > owed) out.add(new Discrepancy("payments.excess", netPaid - owed, "Paid " + netPaid + ", " + (netPaid - owed) + " more than the " + owed + " owed"));
        long uncaptured = 0;
        for (PaymentReference p : s.payments) uncaptured += p.capturable();
        if (uncaptured > 0 && s.status == OrderStatus.COMPLETED) {
            out.add(new Discrepancy("payments.uncaptured", uncaptured, uncaptured + " authorized but not captured on a completed order"));
        }
        if (invoices == 0 && captured > 0) out.add(new Discrepancy("invoices.missing", captured, "Captured " + captured + " and no invoice issued"));
        if (invoices > 0 && netInvoiced < owed) out.add(new Discrepancy("invoices.short", owed - netInvoiced, "Invoiced " + netInvoiced + " of " + owed + " owed"));
        if (invoices > 0 && netInvoiced > owed) out.add(new Discrepancy("invoices.excess", netInvoiced - owed, "Invoiced " + netInvoiced + ", more than the " + owed + " owed"));
        long pending = 0, undocumented = 0;
        for (Refund r : order.children(Refund.class)) {
            if (r.isPending()) pending += r.amount().minor();
            else if (Refund.SUCCEEDED.equals(r.status()) && r.creditsOrder() && invoices > 0 && !documentedRefunds.contains(r.id())) undocumented += r.amount().minor();
        }
        if (undocumented > 0) out.add(new Discrepancy("credit_notes.missing", undocumented, undocumented + " refunded without a credit note"));
        if (pending > 0) out.add(new Discrepancy("refunds.pending", pending, pending + " of refunds still pending at the payment service"));
        long settled = 0, fees = 0;
        for (PaymentSettlement x : s.settlements) {
            settled = Math.addExact(settled, x.gross());
            fees = Math.addExact(fees, x.fee());
        }
        for (PaymentReference p : s.payments) {
            if (order.money().settlements(p.paymentId()).isEmpty()) continue;
            long bySettlements = order.money().settled(p.paymentId()), expected = p.captured() - p.refunded();
            if (bySettlements != expected) {
                out.add(new Discrepancy("settlements.mismatch", Math.abs(bySettlements - expected), "Payment " + p.paymentId() + " settled "
                        + bySettlements + ", it captured less refunded " + expected));
            }
        }
        long balanceDue = Math.max(0, owed - netPaid);
        return new Report(order.id(), s.currency, total, owed, authorized, captured, refunded, s.storeCreditTotal, netPaid, invoiced, credited,
                netInvoiced, balanceDue, invoices, creditNotes, settled, fees, List.copyOf(out));
    }
}
