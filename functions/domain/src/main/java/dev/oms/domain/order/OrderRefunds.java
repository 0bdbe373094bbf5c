package dev.oms.domain.order;

import static dev.oms.domain.order.Order.data;

import dev.oms.domain.Actor;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Allocation;
import dev.oms.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refunds of one order. {@link #plan} decides the whole refund in the order's transaction (lines, tax, payments),
 * checked against the running refundable balances, so two refunds can never give back the same money; the caller
 * then moves the money and records the outcome with {@link #complete} or {@link #fail}.
 */
public final class OrderRefunds {
    public static final int MAX_LINES = Order.MAX_LINES;
    private final Order order;
    private final OrderState s;

    OrderRefunds(Order order) {
        this.order = order;
        this.s = order.state();
    }

    public Refund require(String refundId) { return order.requireChild(Refund.class, refundId, "refund.not_found"); }

    /** The live refund a return or cancellation already caused, so asking twice gives the same refund. */
    public java.util.Optional<Refund> forSource(String source, String sourceId) {
        return order.children(Refund.class).stream()
                .filter(r -> r.source().equals(source) && sourceId != null && sourceId.equals(r.sourceId()) && r.holdsBalance())
                .findFirst();
    }

    /** Plans a refund: allocated to lines and tax, checked against every refundable balance, reserved until it ends. */
    public Refund plan(String refundId, RefundRequest req, Actor actor, Instant now) {
        if (s.status == OrderStatus.CANCELLING) {
            throw DomainException.conflict("order.cancellation_in_progress", "Order " + s.id + " is being cancelled",
                    "The cancellation gives the money back; wait for it to finish.");
        }
        if (!Refund.ORIGINAL_METHOD.equals(req.destination()) && !Refund.STORE_CREDIT.equals(req.destination())) {
            throw DomainException.invalidField("destination", "field.not_allowed", "destination must be original_method or store_credit");
        }
        MoneyLedger ledger = new MoneyLedger(s);
        Map<String, Long> refundable = ledger.refundableByLine();
        List<RefundLine> lines = allocate(req, refundable);
        long total = lines.stream().mapToLong(RefundLine::amount).sum();
        if (total <= 0) {
            throw DomainException.unprocessable("refund.nothing_to_refund", "The refund comes to nothing",
                    "Name lines, shipping or an amount to refund.");
        }
        for (RefundLine l : lines) {
            long can = refundable.getOrDefault(l.lineId(), 0L);
            if (l.amount() > can) throw exceeds("Line " + l.lineId() + " can give back at most " + can + ", asked " + l.amount(), can);
        }
        long orderCan = ledger.refundable();
        if (total > orderCan) throw exceeds("The order has " + orderCan + " of captured money left to refund, asked " + total, orderCan);
        List<PaymentShare> shares = Refund.ORIGINAL_METHOD.equals(req.destination()) ? shares(ledger, total, req.paymentId()) : List.of();
        Refund refund = new Refund(refundId, req.source(), req.sourceId(), req.destination(), Refund.PENDING,
                Money.of(total, s.currency), lines, shares, null, req.reason(), null, true, actor.id(), now, null);
        order.putChild(refund);
        order.touch(now);
        order.record("refund.requested", refundData(refund), req.reason());
        return refund;
    }

    /** The money moved: the payments (or the store credit) record it and the refund is issued. */
    public Refund complete(String refundId, List<PaymentShare> moved, String storeCreditId, Instant now) {
        Refund r = require(refundId);
        if (!r.isPending()) return r;
        Refund done = r.with(Refund.SUCCEEDED, moved, storeCreditId, null, now);
        order.putChild(done);
        applyToHeader(done);
        order.touch(now);
        order.record("refund.issued", refundData(done), r.reason());
        return done;
    }

    /** The payment service refused before any money moved: the reserved balances are free again. */
    public Refund fail(String refundId, String failure, Instant now) {
        Refund r = require(refundId);
        if (!r.isPending()) return r;
        if (r.payments().stream().anyMatch(PaymentShare::isDone)) {
            throw DomainException.conflict("refund.partially_moved", "Part of refund " + refundId + " already moved money",
                    "Retry the refund: the parts already done are not repeated.");
        }
        Refund failed = r.with(Refund.FAILED, r.payments(), null, failure, now);
        order.putChild(failed);
        order.touch(now);
        Map<String, Object> d = refundData(failed);
        d.put("failure", failure);
        order.record("refund.failed", d, failure);
        return failed;
    }

    /** Notes the parts already moved of a refund that is still pending (some payments answered, others did not). */
    public Refund progress(String refundId, List<PaymentShare> moved, String failure, Instant now) {
        Refund r = require(refundId);
        if (!r.isPending()) return r;
        Refund next = r.with(Refund.PENDING, moved, null, failure, null);
        order.putChild(next);
        order.touch(now);
        Map<String, Object> d = refundData(next);
        d.put("failure", failure);
        order.record("refund.failed", d, failure);
        return next;
    }

    /**
     * The cancel-order saga gave money back: the same record as any refund, so the balances agree. A full cancellation
     * credits the order; a partial one does not, because its lines shrink the total.
     */
    public Refund recordCancellationRefund(String refundId, String cancellationId, boolean full, String paymentId, String operationId,
                                           long amount, Map<String, Long> allocation, Instant now) {
        return recordSagaRefund(refundId, Refund.CANCELLATION, cancellationId, full, paymentId, operationId, amount, allocation,
                "cancel-order-saga", now);
    }

    /**
     * The edit-order saga gave back what an edit took off the order: a refund record like any other (source
     * {@code edit}), which does not credit the order, because the edit already lowered its total.
     */
    public Refund recordEditRefund(String refundId, String editId, String paymentId, String operationId, long amount,
                                   Map<String, Long> allocation, Instant now) {
        return recordSagaRefund(refundId, Refund.EDIT, editId, false, paymentId, operationId, amount, allocation, "edit-order-saga", now);
    }

    /** A refund a saga made, recorded once (the same id again answers the first), with its allocation to the lines. */
    private Refund recordSagaRefund(String refundId, String source, String sourceId, boolean credits, String paymentId, String operationId,
                                    long amount, Map<String, Long> allocation, String createdBy, Instant now) {
        java.util.Optional<Refund> known = order.child(Refund.class, refundId);
        if (known.isPresent()) return known.get();
        List<RefundLine> lines = new ArrayList<>();
        allocation.forEach((k, v) -> { if (v != 0) lines.add(taxSplit(k, 0, v)); });
        Refund r = new Refund(refundId, source, sourceId, Refund.ORIGINAL_METHOD, Refund.SUCCEEDED,
                Money.of(amount, s.currency), lines, List.of(new PaymentShare(paymentId, amount, operationId)), null,
                source + " " + sourceId, null, credits, createdBy, now, now);
        order.putChild(r);
        applyToHeader(r);
        order.touch(now);
        order.record("refund.issued", refundData(r));
        return r;
    }

    private void applyToHeader(Refund r) {
        List<PaymentReference> pays = new ArrayList<>(s.payments);
        for (PaymentShare share : r.payments()) {
            for (int i = 0; i < pays.size(); i++) {
                if (pays.get(i).paymentId().equals(share.paymentId())) pays.set(i, pays.get(i).refund(share.amount()));
            }
        }
        s.payments = List.copyOf(pays);
        if (r.creditsOrder()) s.creditedTotal = Math.addExact(s.creditedTotal, r.amount().minor());
        if (Refund.STORE_CREDIT.equals(r.destination())) s.storeCreditTotal = Math.addExact(s.storeCreditTotal, r.amount().minor());
        order.refreshPaymentStatus();
    }

    // ---- allocation ------------------------------------------------------------------------------------------------

    private List<RefundLine> allocate(RefundRequest req, Map<String, Long> refundable) {
        Map<String, long[]> parts = new LinkedHashMap<>(); // key -> {quantity, amount}
        for (int i = 0; i < req.lines().size(); i++) {
            RefundRequest.Line l = req.lines().get(i);
            OrderLine line = order.line(l.lineId());
            if (parts.containsKey(l.lineId())) throw DomainException.invalidField("lines[" + i + "].line_id", "line_id.duplicate", "A line may appear once per refund");
            long q = l.quantity() == null ? 0 : l.quantity();
            if (q > line.quantity()) {
                throw DomainException.invalidField("lines[" + i + "].quantity", "refund.quantity_exceeds",
                        "Line " + line.id() + " has " + line.quantity() + " units");
            }
            if (q < 0 || (l.amount() != null && l.amount() < 0)) {
                throw DomainException.invalidField("lines[" + i + "]", "field.out_of_range", "Quantities and amounts of a refund are not negative");
            }
            long amount = l.amount() != null ? l.amount() : unitsWorth(line, q);
            parts.put(l.lineId(), new long[] {q, amount});
        }
        if (req.shipping() != null && req.shipping() < 0) throw DomainException.invalidField("shipping", "field.out_of_range", "shipping is not negative");
        if (req.amount() != null && req.amount() < 0) throw DomainException.invalidField("amount", "field.out_of_range", "amount is not negative");
        if (req.shipping() != null) parts.put(RefundLine.SHIPPING, new long[] {0, req.shipping()});
        if (parts.isEmpty()) {
            if (req.amount() == null) throw DomainException.invalidField("amount", "field.required", "Give an amount, lines or shipping to refund");
            return byAmount(req.amount(), refundable);
        }
        long sum = parts.values().stream().mapToLong(p -> p[1]).sum();
        if (req.amount() != null && req.amount() != sum - req.restockingFee()) {
            throw DomainException.unprocessable("refund.amount_mismatch", "amount " + req.amount() + " does not equal the lines' "
                    + (sum - req.restockingFee()), "Leave out amount, or make it the sum of the lines and shipping.");
        }
        if (req.restockingFee() < 0 || req.restockingFee() > sum) {
            throw DomainException.invalidField("restocking_fee", "refund.fee_exceeds", "The restocking fee must be between 0 and " + sum);
        }
        List<String> keys = new ArrayList<>(parts.keySet());
        long[] after = Allocation.largestRemainder(sum - req.restockingFee(), keys.stream().mapToLong(k -> parts.get(k)[1]).toArray());
        List<RefundLine> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) out.add(taxSplit(keys.get(i), parts.get(keys.get(i))[0], after[i]));
        return out;
    }

    /** An amount alone is spread over what each line can still give back (largest remainder). */
    private List<RefundLine> byAmount(long amount, Map<String, Long> refundable) {
        long can = refundable.values().stream().mapToLong(Long::longValue).sum();
        if (amount > can) throw exceeds("The order's lines can give back at most " + can + ", asked " + amount, can);
        List<String> keys = new ArrayList<>(refundable.keySet());
        long[] split = Allocation.largestRemainder(amount, keys.stream().mapToLong(refundable::get).toArray());
        List<RefundLine> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) if (split[i] != 0) out.add(taxSplit(keys.get(i), 0, split[i]));
        return out;
    }

    /** The worth of some units of a line: its amount due split by units (largest remainder). */
    static long unitsWorth(OrderLine line, long units) {
        if (units == 0 || line.quantity() == 0) return 0;
        return Allocation.largestRemainder(line.amountDue(), new long[] {units, line.quantity() - units})[0];
    }

    /** Splits a line's refund into net and tax in the line's own proportion (largest remainder); shipping has none. */
    private RefundLine taxSplit(String key, long quantity, long amount) {
        if (RefundLine.SHIPPING.equals(key)) return new RefundLine(key, 0, amount, 0);
        OrderLine l = order.line(key);
        long tax = l.amountDue() == 0 ? 0 : Allocation.largestRemainder(amount, new long[] {l.lineTotal(), l.tax()})[1];
        return new RefundLine(key, quantity, amount, tax);
    }

    /** Payment by payment, in the order they were linked, each up to what it can still give back. */
    private List<PaymentShare> shares(MoneyLedger ledger, long total, String onlyPayment) {
        List<PaymentShare> out = new ArrayList<>();
        long left = total;
        if (onlyPayment != null && s.payments.stream().noneMatch(p -> p.paymentId().equals(onlyPayment))) {
            throw dev.oms.domain.DomainException.notFound("payment.not_found", "Payment " + onlyPayment + " is not linked to this order");
        }
        for (PaymentReference p : s.payments) {
            if (left == 0) break;
            if (onlyPayment != null && !p.paymentId().equals(onlyPayment)) continue;
            long take = Math.min(left, ledger.refundable(p));
            if (take > 0) out.add(new PaymentShare(p.paymentId(), take, null));
            left -= take;
        }
        if (left > 0) throw exceeds("The payments can give back " + (total - left) + " of " + total, total - left);
        return out;
    }

    private static DomainException exceeds(String message, long refundable) {
        return DomainException.unprocessable("refund.exceeds_refundable", message,
                "Refund at most what was captured and not yet refunded, line by line.").with("refundable", refundable);
    }

    Map<String, Object> refundData(Refund r) {
        Map<String, Object> d = data("refund_id", r.id(), "amount", r.amount().minor(), "currency", r.amount().currency(),
                "destination", r.destination(), "status", r.status(), "source", r.source(), "source_id", r.sourceId(),
                "store_credit_id", r.storeCreditId());
        d.put("lines", r.lines().stream().map(l -> (Object) data("line_id", l.lineId(), "quantity", l.quantity(),
                "amount", l.amount(), "tax", l.tax())).toList());
        d.put("payments", r.payments().stream().map(p -> (Object) data("payment_id", p.paymentId(), "amount", p.amount(),
                "operation_id", p.operationId())).toList());
        return d;
    }
}
