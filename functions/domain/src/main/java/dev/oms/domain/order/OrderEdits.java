package dev.oms.domain.order;

import dev.oms.domain.Actor;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits of an order by quote: apply a quote (every change at once, with its events, in the order's transaction), then
 * the steps of the edit saga that settles its money plan, and its compensation.
 */
public final class OrderEdits {
    private final Order order;
    private final OrderState s;

    public OrderEdits(Order order) {
        this.order = order;
        this.s = order.state();
    }

    public OrderEdit require(String editId) { return order.requireChild(OrderEdit.class, editId, "edit.not_found"); }

    /**
     * Applies the quote: re-prices its changes on this order (the caller checked the version and the expiry), refuses
     * when the figures differ ({@code quote.stale}), links the new payments, and records the edit. It is
     * {@code settling} when its money plan has work for the edit saga ({@code order.edit_settlement_requested}),
     * {@code completed} otherwise.
     */
    public OrderEdit apply(String editId, EditQuote quote, List<PaymentReference> newPayments, String reason, Actor actor, Instant now) {
        EditPreview p = EditCalculator.preview(order, quote.changes(), true);
        if (p.after().total() != quote.preview().after().total() || !p.moneyPlan().equals(quote.preview().moneyPlan())) {
            throw DomainException.conflict("quote.stale", "Quote " + quote.id() + " no longer matches order " + s.id,
                    "Quote the change again.").with("current_version", s.version);
        }
        EditPreview.MoneyPlan plan = p.moneyPlan();
        long authorized = 0;
        for (PaymentReference np : newPayments) if (!np.isVoidedOrDeclined() && !PaymentReference.PENDING.equals(np.status())) authorized += np.amount().minor();
        if (plan.paymentRequired() && authorized < plan.additionalAuthorization()) {
            throw DomainException.unprocessable("edit.payment_required", "The edit needs " + plan.additionalAuthorization()
                            + " more authorized; the payments given cover " + authorized,
                    "Authorize a payment for the additional amount and name it in payments when applying the quote.")
                    .with("additional_authorization", plan.additionalAuthorization());
        }
        OrderEdit.Before before = new OrderEdit.Before(s.lines, s.discount.minor(), s.shippingMethod, s.shippingAmount.minor(), s.shippingAddress);
        for (String fulfillmentId : p.fulfillmentsToCancel()) {
            OrderFulfillment.cancel(order, fulfillmentId, "Edit " + editId + " takes units it held", now);
        }
        s.lines = new ArrayList<>(p.linesAfter());
        s.discount = Money.of(p.orderDiscountAfter(), s.currency);
        s.shippingMethod = p.shippingMethodAfter();
        s.shippingAmount = Money.of(p.shippingAmountAfter(), s.currency);
        s.shippingAddress = p.shippingAddressAfter();
        for (PaymentReference np : newPayments) order.money().link(np.paymentId(), np.amount(), Map.of(), np.status(), np.captured(), now);
        order.refreshPaymentStatus();
        OrderFulfillment.refreshStatuses(order);
        boolean settle = !plan.operations().isEmpty() || plan.additionalCapture() > 0 || !p.fulfillmentsToCancel().isEmpty();
        OrderEdit edit = new OrderEdit(editId, quote.id(), settle ? OrderEdit.SETTLING : OrderEdit.COMPLETED, reason, actor.id(), now,
                settle ? null : now, quote.basedOnVersion(), quote.changes(), p, before, newPayments, List.of(), null);
        order.putChild(edit);
        order.touch(now);
        Map<String, Object> d = Order.data("edit_id", editId, "quote_id", quote.id(), "based_on_version", quote.basedOnVersion(),
                "currency", s.currency, "total_before", p.before().total(), "total_after", p.after().total(), "delta", p.delta(),
                "state", edit.state());
        d.put("changes", quote.changes().stream().map(c -> (Object) Order.data("type", c.type(), "line_id", c.lineId())).toList());
        d.put("lines", p.lines().stream().filter(l -> !l.change().equals("unchanged")).map(l -> (Object) Order.data("line_id", l.lineId(),
                "change", l.change(), "quantity_before", l.quantityBefore(), "quantity_after", l.quantityAfter(), "delta", l.delta())).toList());
        d.put("money_plan", planData(plan));
        order.record("order.edited", d, reason);
        if (settle) {
            Map<String, Object> req = Order.data("edit_id", editId, "quote_id", quote.id(), "currency", s.currency,
                "fulfillments_cancelled", p.fulfillmentsToCancel());
            req.put("money_plan", planData(plan));
            order.record("order.edit_settlement_requested", req, reason);
        }
        return edit;
    }

    /** Records one step of the edit saga (idempotent: a step already recorded is not recorded again). */
    public boolean recordStep(String editId, String step, Map<String, Object> detail, Instant now) {
        OrderEdit e = require(editId);
        if (e.hasDone(step)) return false;
        order.putChild(e.with(OrderEdit.step(step, detail, now)));
        order.touch(now);
        Map<String, Object> d = Order.data("edit_id", editId, "step", step);
        d.put("detail", detail);
        order.record("order.edit_progressed", d);
        return true;
    }

    /** The saga settled the money plan: the edit is complete. */
    public void complete(String editId, Instant now) {
        OrderEdit e = require(editId);
        if (!e.isSettling()) return;
        order.putChild(e.in(OrderEdit.COMPLETED, null, now));
        order.touch(now);
        order.record("order.edit_completed", Order.data("edit_id", editId, "state", OrderEdit.COMPLETED, "total", order.totals().total(),
                "currency", s.currency));
    }

    /**
     * The saga could not settle the edit: the order's lines, discount and shipping go back to what they were, the
     * payments the edit linked and that hold no captured money are unlinked, the return it opened is withdrawn, and a
     * hold says what failed.
     */
    public Hold compensate(String editId, String failure, String holdId, Instant now) {
        OrderEdit e = require(editId);
        if (!e.isSettling()) return null;
        OrderEdit.Before b = e.before();
        s.lines = new ArrayList<>(b.lines());
        s.discount = Money.of(b.orderDiscount(), s.currency);
        s.shippingMethod = b.shippingMethod();
        s.shippingAmount = Money.of(b.shippingAmount(), s.currency);
        s.shippingAddress = b.shippingAddress();
        for (PaymentReference np : e.newPayments()) {
            boolean linked = s.payments.stream().anyMatch(p -> p.paymentId().equals(np.paymentId()) && p.refundable() == 0);
            if (linked) order.money().unlink(np.paymentId(), "edit " + editId + " compensated", now);
        }
        String returnNote = withdrawReturn(e, now);
        order.refreshPaymentStatus();
        OrderFulfillment.refreshStatuses(order);
        order.putChild(e.in(OrderEdit.COMPENSATED, returnNote == null ? failure : failure + "; " + returnNote, now));
        order.touch(now);
        order.record("order.edit_failed", Order.data("edit_id", editId, "failure", failure, "total", order.totals().total(),
                "currency", s.currency), failure);
        Hold hold = new Hold(holdId, "other", "Edit " + editId + " failed: " + failure, null, failure, "system", now);
        if (EditCalculator.EDITABLE.contains(s.status) && s.holds.size() < 20) {
            order.hold(hold, now);
            return hold;
        }
        return null;
    }

    /**
     * The return the edit opened for shipped units (an exchange) is withdrawn with it while nothing has arrived; when
     * goods are already on their way back it stays, and the answer says so.
     */
    private String withdrawReturn(OrderEdit e, Instant now) {
        Cancellation.Action opened = e.action("return.opened");
        if (opened == null) return null;
        String returnId = String.valueOf(opened.detail().get("return_id"));
        try {
            Returns.cancel(order, returnId, "edit " + e.id() + " compensated", now);
            return null;
        } catch (DomainException goodsArrived) {
            return "return " + returnId + " stays open: " + goodsArrived.getMessage();
        }
    }

    /** A void the saga made releases that part of the payment's authorization for this order. */
    public void recordVoid(String paymentId, long amount, Instant now) {
        List<PaymentReference> pays = new ArrayList<>(s.payments);
        for (int i = 0; i < pays.size(); i++) {
            PaymentReference p = pays.get(i);
            if (!p.paymentId().equals(paymentId)) continue;
            long left = Math.max(p.captured(), p.amount().minor() - amount);
            pays.set(i, new PaymentReference(p.paymentId(), Money.of(left, s.currency), p.status(), p.captured(), p.refunded(), p.applied()));
        }
        s.payments = List.copyOf(pays);
        order.refreshPaymentStatus();
        order.touch(now);
    }

    static Map<String, Object> planData(EditPreview.MoneyPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_before", plan.totalBefore());
        m.put("total_after", plan.totalAfter());
        m.put("delta", plan.delta());
        m.put("additional_authorization", plan.additionalAuthorization());
        m.put("additional_capture", plan.additionalCapture());
        m.put("void_total", plan.voidTotal());
        m.put("refund_total", plan.refundTotal());
        m.put("operations", plan.operations().stream().map(op -> (Object) Order.data("payment_id", op.paymentId(), "kind", op.kind(),
                "amount", op.amount())).toList());
        return m;
    }
}
