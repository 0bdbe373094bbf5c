package dev.oms.domain.order;

import dev.oms.domain.money.Allocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order's money, balanced: what each line (and shipping) is worth, what the captured payments paid for it, what
 * refunds gave back of it, and what can still be refunded. Header-only figures ({@link #paymentStatus},
 * {@link #balanceDue}) read the totals kept on the header, so lists that read only the header show the same.
 */
public final class MoneyLedger {
    private final OrderState s;

    MoneyLedger(OrderState state) { this.s = state; }

    // ---- header figures ------------------------------------------------------------------------------------------

    static long captured(OrderState s) { return s.payments.stream().mapToLong(PaymentReference::captured).sum(); }

    static long refundedToPayments(OrderState s) { return s.payments.stream().mapToLong(PaymentReference::refunded).sum(); }

    /** Captured money the customer still has in the order: captures less refunds to payments and store credit. */
    static long netPaid(OrderState s) { return captured(s) - refundedToPayments(s) - s.storeCreditTotal; }

    /** What the customer owes for the order now: its total less what refunds credited back (nothing once cancelled). */
    static long amountOwed(OrderState s, long total) {
        return s.status == OrderStatus.CANCELLED ? 0 : Math.max(0, total - s.creditedTotal);
    }

    static long balanceDue(OrderState s, long total) { return Math.max(0, amountOwed(s, total) - netPaid(s)); }

    /**
     * {@code refunded} / {@code partially_refunded} once money went back, else {@code paid} / {@code partially_paid}
     * by what is captured, else {@code authorized} / {@code partially_authorized} by what is authorized, else
     * {@code pending} while an authorization is pending, else {@code unpaid}.
     */
    static String paymentStatus(OrderState s, long total) {
        long owed = amountOwed(s, total);
        long back = refundedToPayments(s) + s.storeCreditTotal;
        if (back > 0) return netPaid(s) <= 0 ? "refunded" : "partially_refunded";
        long captured = captured(s);
        if (captured > 0) return captured >= owed ? "paid" : "partially_paid";
        long authorized = 0;
        boolean pending = false;
        for (PaymentReference p : s.payments) {
            if (PaymentReference.AUTHORIZED.equals(p.status())) authorized += p.amount().minor();
            if (PaymentReference.PENDING.equals(p.status())) pending = true;
        }
        if (authorized > 0) return authorized >= owed ? "authorized" : "partially_authorized";
        return pending ? "pending" : "unpaid";
    }

    // ---- per line --------------------------------------------------------------------------------------------

    /** Each line's current amount due (net plus tax) and the shipping, by key. */
    Map<String, Long> due() {
        Map<String, Long> due = new LinkedHashMap<>();
        for (OrderLine l : s.lines) due.put(l.id(), l.amountDue());
        due.put(RefundLine.SHIPPING, s.shippingAmount.minor());
        return due;
    }

    List<Refund> refunds() {
        List<Refund> out = new ArrayList<>();
        for (OrderChild c : s.children) if (c instanceof Refund r && r.holdsBalance()) out.add(r);
        return out;
    }

    /** What refunds (pending or succeeded) gave back of each key; {@code creditsOnly} counts only order credits. */
    Map<String, Long> refunded(boolean creditsOnly) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Refund r : refunds()) {
            if (creditsOnly && !r.creditsOrder()) continue;
            for (RefundLine l : r.lines()) out.merge(l.lineId(), l.amount(), Math::addExact);
        }
        return out;
    }

    /**
     * What the captured money paid for each key: each payment's capture goes to the lines it was applied to (largest
     * remainder on the applications), and what was not applied is spread over what no application covers, by what
     * each line was worth (before any partial cancellation gave money back) less what payments were applied to it.
     */
    public Map<String, Long> paid() {
        Map<String, Long> paid = new LinkedHashMap<>();
        due().keySet().forEach(k -> paid.put(k, 0L));
        for (PaymentReference p : s.payments) paidBy(p).forEach((k, v) -> paid.merge(k, v, Math::addExact));
        return atLeastWhatWasGivenBack(paid);
    }

    /**
     * A rounded split is not monotone: a larger capture can round a line's share down by a unit (44 of 2351 paid for
     * a line, 43 of 2355). What refunds already gave back of a line was paid for it, so each key keeps at least that,
     * the units coming from the keys with the most to spare; the sum stays the captured total.
     */
    private Map<String, Long> atLeastWhatWasGivenBack(Map<String, Long> paid) {
        Map<String, Long> back = refunded(false);
        List<String> keys = new ArrayList<>(paid.keySet());
        long[] parts = keys.stream().mapToLong(paid::get).toArray();
        long[] floors = keys.stream().mapToLong(k -> Math.max(0, back.getOrDefault(k, 0L))).toArray();
        long[] raised = Allocation.raiseToFloors(parts, floors);
        for (int i = 0; i < keys.size(); i++) paid.put(keys.get(i), raised[i]);
        return paid;
    }

    /** What one payment's capture paid for, by key (see {@link #paid}). */
    public Map<String, Long> paidBy(PaymentReference p) {
        Map<String, Long> worth = new LinkedHashMap<>(due());
        for (Refund r : refunds()) {
            if (r.creditsOrder()) continue;
            for (RefundLine l : r.lines()) worth.merge(l.lineId(), l.amount(), Math::addExact);
        }
        List<String> keys = new ArrayList<>(worth.keySet());
        Map<String, Long> paid = new LinkedHashMap<>();
        if (p.captured() == 0) return paid;
        List<String> parts = new ArrayList<>(p.applied().keySet());
        long[] weights = new long[parts.size() + 1];
        long applied = 0;
        for (int i = 0; i < parts.size(); i++) { weights[i] = p.applied().get(parts.get(i)); applied += weights[i]; }
        weights[parts.size()] = Math.max(0, p.amount().minor() - applied);
        long[] split = Allocation.largestRemainder(p.captured(), weights);
        for (int i = 0; i < parts.size(); i++) paid.merge(parts.get(i), split[i], Math::addExact);
        long rest = split[parts.size()];
        if (rest == 0) return paid;
        // the unapplied part pays for what no payment was applied to: a line a payment's application already covers
        // takes nothing more (spread by full worth only when everything is earmarked, an overpayment)
        Map<String, Long> earmarked = new LinkedHashMap<>();
        for (PaymentReference any : s.payments) any.applied().forEach((k, v) -> earmarked.merge(k, v, Math::addExact));
        long[] open = keys.stream().mapToLong(k -> Math.max(0, worth.get(k) - earmarked.getOrDefault(k, 0L))).toArray();
        boolean anyOpen = java.util.Arrays.stream(open).anyMatch(w -> w > 0);
        long[] spread = Allocation.largestRemainder(rest, anyOpen ? open : keys.stream().mapToLong(worth::get).toArray());
        for (int i = 0; i < keys.size(); i++) if (spread[i] != 0) paid.merge(keys.get(i), spread[i], Math::addExact);
        return paid;
    }

    /**
     * What can still be refunded for each key: no more than the captured money paid for it less what refunds gave
     * back of it, and no more than it is still worth (its amount due less what refunds credited).
     */
    public Map<String, Long> refundableByLine() {
        Map<String, Long> paid = paid();
        Map<String, Long> all = refunded(false);
        Map<String, Long> credited = refunded(true);
        Map<String, Long> out = new LinkedHashMap<>();
        due().forEach((k, due) -> {
            long byPayment = paid.getOrDefault(k, 0L) - all.getOrDefault(k, 0L);
            long byWorth = due - credited.getOrDefault(k, 0L);
            out.put(k, Math.max(0, Math.min(byPayment, byWorth)));
        });
        return out;
    }

    /** Captured money not yet given back or promised back by a pending refund, for the whole order. */
    public long refundable() {
        long held = 0;
        for (Refund r : refunds()) if (r.isPending()) held += r.amount().minor();
        return Math.max(0, netPaid(s) - held);
    }

    /** What one payment can still give back: captured less refunded less what pending refunds plan to take from it. */
    long refundable(PaymentReference p) {
        long held = 0;
        for (Refund r : refunds()) {
            if (!r.isPending()) continue;
            for (PaymentShare share : r.payments()) if (share.paymentId().equals(p.paymentId())) held += share.amount();
        }
        return Math.max(0, p.refundable() - held);
    }
}
