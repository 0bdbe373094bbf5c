package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import dev.oms.domain.money.Allocation;
import dev.oms.domain.money.Money;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prices an edit of an order without changing it (the quote), by rules that keep everyone else's money where it is:
 * <ul>
 *   <li>a line that no change names keeps its price, its discounts and its share of the order discount to the unit;</li>
 *   <li>fewer units of a line shrink its discount, explicit tax and order-discount share in proportion (largest
 *   remainder on units, as a partial cancellation does); more units keep the line's discount and order-discount share
 *   and scale an explicit tax (half to even); a new line gets no share of the order discount;</li>
 *   <li>a quantity never goes below what has shipped ({@code edit.quantity_below_shipped}); units of open fulfilments
 *   that an edit takes away cancel those fulfilments (their other units go back to unfulfilled); the price or discount
 *   of a line with shipped units does not change ({@code edit.fulfilled_units}: shipped goods change by a return and an
 *   exchange, {@code return_units} and {@code add_line});</li>
 *   <li>the money plan gives back a decrease by voiding open authorizations first, then refunding captured money, payment
 *   by payment, never more than a payment can give back; an increase names what no payment covers.</li>
 * </ul>
 * The same changes on the same order version always give the same preview, so applying a quote reproduces its figures
 * to the minor unit.
 */
public final class EditCalculator {
    public static final int MAX_CHANGES = 50;
    static final Set<OrderStatus> EDITABLE = EnumSet.of(OrderStatus.CREATED, OrderStatus.PENDING, OrderStatus.CONFIRMED, OrderStatus.ON_HOLD);

    private EditCalculator() { }

    public static EditPreview preview(Order o, List<EditChange> changes, boolean mayChangePrices) {
        assertEditable(o);
        OrderState s = o.state();
        if (changes.isEmpty()) throw DomainException.invalidField("changes", "field.required", "Name at least one change");
        if (changes.size() > MAX_CHANGES) throw DomainException.invalidField("changes", "field.too_many", "At most " + MAX_CHANGES + " changes per quote");
        Map<String, OrderLine> work = new LinkedHashMap<>();
        for (OrderLine l : s.lines) work.put(l.id(), l);
        Set<String> repriced = new HashSet<>();
        String method = s.shippingMethod;
        long shipping = s.shippingAmount.minor();
        Address address = s.shippingAddress;
        Map<String, Long> returning = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            EditChange c = changes.get(i);
            String at = "changes[" + i + "]";
            if (c.changesPrice() && !mayChangePrices) {
                throw new DomainException(DomainException.Kind.FORBIDDEN, "auth.forbidden",
                        "Changing prices, discounts or the shipping amount needs the orders:edit_prices permission",
                        "Ask a supervisor or an admin to quote this change.");
            }
            switch (c.type()) {
                case EditChange.ADD_LINE -> {
                    assertCurrency(s, c.line().unitPrice(), at + ".line.unit_price.currency");
                    if (c.line().discount() != null) assertCurrency(s, c.line().discount(), at + ".line.discount.currency");
                    if (c.line().taxAmount() != null) assertCurrency(s, c.line().taxAmount(), at + ".line.tax_amount.currency");
                    if (work.size() >= Order.MAX_LINES) throw DomainException.invalidField("changes", "lines.too_many", "An order holds at most " + Order.MAX_LINES + " lines");
                    OrderLine line = c.line().toLine(c.lineId());
                    checkDiscount(line, 0, at + ".line.discount");
                    work.put(line.id(), OrderPricing.withAllocation(line, 0));
                    repriced.add(line.id());
                }
                case EditChange.REMOVE_LINE -> {
                    OrderLine line = existing(o, work, c.lineId());
                    assertUnitsFree(o, line, 0, at);
                    work.remove(line.id());
                }
                case EditChange.CHANGE_QUANTITY -> {
                    OrderLine line = existing(o, work, c.lineId());
                    if (c.quantity() == null || c.quantity() < 1) throw DomainException.invalidField(at + ".quantity", "quantity.not_positive", "quantity must be positive");
                    assertUnitsFree(o, line, c.quantity(), at);
                    work.put(line.id(), resize(line, c.quantity()));
                }
                case EditChange.CHANGE_UNIT_PRICE, EditChange.CHANGE_DISCOUNT -> {
                    OrderLine line = existing(o, work, c.lineId());
                    assertNotShipped(o, line, at);
                    Money price = c.type().equals(EditChange.CHANGE_UNIT_PRICE) ? c.unitPrice() : null;
                    Money discount = c.type().equals(EditChange.CHANGE_DISCOUNT) ? c.discount() : null;
                    String field = at + (price != null ? ".unit_price" : ".discount");
                    Money value = price != null ? price : discount;
                    if (value == null) throw DomainException.invalidField(field, "field.required", "Give the new amount");
                    if (value.minor() < 0) throw DomainException.invalidField(field + ".amount", "field.out_of_range", "The amount must not be negative");
                    assertCurrency(s, value, field + ".currency");
                    OrderLine next = line.with(new LineChange(null, price, discount, null, null, null, null));
                    long keep = Math.max(0, Math.min(line.allocatedDiscount(), next.gross() - next.discount().minor()));
                    checkDiscount(next, 0, field);
                    work.put(line.id(), OrderPricing.withAllocation(next, keep));
                    repriced.add(line.id());
                }
                case EditChange.CHANGE_SHIPPING -> {
                    if (c.shippingMethod() == null && c.shippingAmount() == null) {
                        throw DomainException.invalidField(at, "field.required", "Give a shipping method, a shipping amount or both");
                    }
                    assertNothingShipped(o, at);
                    if (c.shippingMethod() != null) method = c.shippingMethod();
                    if (c.shippingAmount() != null) {
                        assertCurrency(s, c.shippingAmount(), at + ".shipping_amount.currency");
                        if (c.shippingAmount().minor() < 0) throw DomainException.invalidField(at + ".shipping_amount.amount", "field.out_of_range", "The amount must not be negative");
                        shipping = c.shippingAmount().minor();
                    }
                }
                case EditChange.CHANGE_SHIPPING_ADDRESS -> {
                    if (c.shippingAddress() == null) throw DomainException.invalidField(at + ".shipping_address", "field.required", "Give the new address");
                    assertNothingShipped(o, at);
                    address = c.shippingAddress();
                }
                case EditChange.RETURN_UNITS -> {
                    OrderLine line = existing(o, work, c.lineId());
                    if (c.quantity() == null || c.quantity() < 1) throw DomainException.invalidField(at + ".quantity", "quantity.not_positive", "quantity must be positive");
                    long returnable = o.units(line.id(), UnitMeasure.SHIPPED) - o.units(line.id(), UnitMeasure.RETURN_REQUESTED)
                            - returning.getOrDefault(line.id(), 0L);
                    if (c.quantity() > returnable) {
                        throw DomainException.unprocessable("edit.return_exceeds_shipped", "Line " + line.id() + " has " + Math.max(0, returnable)
                                        + " shipped unit(s) that can still be returned", "Return at most the shipped units no other return holds.")
                                .with("line_id", line.id()).with("returnable", Math.max(0, returnable)).with("change", at);
                    }
                    returning.merge(line.id(), c.quantity(), Long::sum);
                }
                default -> throw DomainException.invalidField(at + ".type", "field.not_allowed", "Unknown change type " + c.type());
            }
        }
        if (work.isEmpty()) {
            throw DomainException.conflict("order.last_line", "An edit cannot remove every line of an order", "Cancel the order instead.");
        }
        List<OrderLine> after = new ArrayList<>(work.values());
        List<Fulfillment> cancel = fulfillmentsToCancel(o, work);
        long orderDiscount = 0;
        for (OrderLine l : after) orderDiscount = Math.addExact(orderDiscount, l.allocatedDiscount());
        OrderTotals before = o.totals();
        OrderTotals totalsAfter = OrderPricing.totals(after, shipping);
        List<EditPreview.LineDelta> deltas = new ArrayList<>();
        EditPreview.Split split = new EditPreview.Split(0, 0, 0);
        for (OrderLine b : s.lines) {
            OrderLine a = work.get(b.id());
            EditPreview.LineDelta d = lineDelta(o, b, a, repriced.contains(b.id()));
            deltas.add(d);
            split = split.plus(d.deltaSplit());
        }
        for (OrderLine a : after) {
            if (s.lines.stream().anyMatch(l -> l.id().equals(a.id()))) continue;
            EditPreview.LineDelta d = new EditPreview.LineDelta(a.id(), a.sku(), "added", 0, a.quantity(), 0, a.unitPrice().minor(),
                    0, a.amountDue(), new EditPreview.Split(0, 0, 0), new EditPreview.Split(a.amountDue(), 0, 0));
            deltas.add(d);
            split = split.plus(d.deltaSplit());
        }
        List<EditPreview.ReturnPreview> returns = new ArrayList<>();
        long onReturn = 0;
        for (Map.Entry<String, Long> r : returning.entrySet()) {
            OrderLine line = o.line(r.getKey());
            long estimate = returnValue(o, line, r.getValue());
            returns.add(new EditPreview.ReturnPreview(line.id(), line.sku(), r.getValue(), estimate));
            onReturn = Math.addExact(onReturn, estimate);
        }
        EditPreview.MoneyPlan plan = moneyPlan(o, before.total(), totalsAfter.total(), onReturn);
        return new EditPreview(s.currency, before, totalsAfter, deltas, shipping - s.shippingAmount.minor(), split, plan, after,
                orderDiscount, method, shipping, address, returns, cancel.stream().map(Fulfillment::id).toList());
    }

    /** Orders that are created, pending, confirmed or on hold, with no cancellation and no other edit settling. */
    static void assertEditable(Order o) {
        OrderState s = o.state();
        if (!EDITABLE.contains(s.status)) {
            throw DomainException.conflict("order.not_editable", "Order " + s.id + " is " + s.status.wire() + " and can no longer be edited",
                    "Only created, pending, confirmed and on-hold orders can be edited.");
        }
        if (o.openCancellation() != null) {
            throw DomainException.conflict("order.cancellation_in_progress", "Order " + s.id + " has a cancellation in progress",
                    "Wait for the cancellation to finish.");
        }
        for (OrderEdit e : o.children(OrderEdit.class)) {
            if (e.isSettling()) {
                throw DomainException.conflict("order.edit_in_progress", "Edit " + e.id() + " of order " + s.id + " is still settling",
                        "Wait for it to finish (GET /v1/orders/" + s.id + "/edits), then quote again.").with("edit_id", e.id());
            }
        }
    }

    private static EditPreview.LineDelta lineDelta(Order o, OrderLine b, OrderLine a, boolean repriced) {
        EditPreview.Split units = units(o, b);
        if (a == null) {
            // only lines with no unit shipped can be removed; units in open fulfilments come out of them
            long[] parts = Allocation.largestRemainder(-b.amountDue(), new long[] {units.unfulfilled(), units.inFulfillment()});
            return new EditPreview.LineDelta(b.id(), b.sku(), "removed", b.quantity(), 0, b.unitPrice().minor(), b.unitPrice().minor(),
                    b.amountDue(), 0, units, new EditPreview.Split(parts[0], parts[1], 0));
        }
        long delta = a.amountDue() - b.amountDue();
        boolean same = a.equals(b);
        EditPreview.Split split;
        if (!repriced) {
            long fromFulfilment = Math.max(0, (b.quantity() - a.quantity()) - units.unfulfilled());
            if (delta >= 0 || fromFulfilment == 0) {
                split = new EditPreview.Split(delta, 0, 0); // only unfulfilled units came or went
            } else {
                long[] parts = Allocation.largestRemainder(delta, new long[] {b.quantity() - a.quantity() - fromFulfilment, fromFulfilment});
                split = new EditPreview.Split(parts[0], parts[1], 0);
            }
        } else {
            long unfulfilledAfter = a.quantity() - units.inFulfillment() - units.fulfilled();
            long[] parts = Allocation.largestRemainder(delta, new long[] {unfulfilledAfter, units.inFulfillment()});
            split = new EditPreview.Split(parts[0], parts[1], 0);
        }
        return new EditPreview.LineDelta(b.id(), b.sku(), same ? "unchanged" : "changed", b.quantity(), a.quantity(),
                b.unitPrice().minor(), a.unitPrice().minor(), b.amountDue(), a.amountDue(), units, split);
    }

    /** The line's units by where they are: shipped, held by an open fulfilment, neither. */
    static EditPreview.Split units(Order o, OrderLine l) {
        long shipped = o.units(l.id(), UnitMeasure.SHIPPED);
        long allocated = o.units(l.id(), UnitMeasure.ALLOCATED);
        return new EditPreview.Split(Math.max(0, l.quantity() - allocated), Math.max(0, allocated - shipped), shipped);
    }

    /** The line with {@code q} units: fewer shrink its discount, explicit tax and order-discount share in proportion. */
    static OrderLine resize(OrderLine l, long q) {
        if (q == l.quantity()) return l;
        if (q < l.quantity()) {
            long[] w = {q, l.quantity() - q};
            Money discount = Money.of(Allocation.largestRemainder(l.discount().minor(), w)[0], l.discount().currency());
            Money tax = l.taxAmount() == null ? null : Money.of(Allocation.largestRemainder(l.taxAmount().minor(), w)[0], l.taxAmount().currency());
            long alloc = Allocation.largestRemainder(l.allocatedDiscount(), w)[0];
            OrderLine cut = l.withQuantity(q, discount, tax);
            return OrderPricing.withAllocation(cut, Math.min(alloc, Math.max(0, cut.gross() - discount.minor())));
        }
        Money tax = l.taxAmount() == null ? null
                : Money.of(Allocation.divideHalfEven(Math.multiplyExact(l.taxAmount().minor(), q), l.quantity()), l.taxAmount().currency());
        return OrderPricing.withAllocation(l.withQuantity(q, l.discount(), tax), l.allocatedDiscount());
    }

    /**
     * The money plan: an increase names what no linked payment covers (and, when the order was paid in full, the capture
     * that keeps it paid); a decrease voids open authorizations first and then refunds captured money, payment by payment.
     */
    static EditPreview.MoneyPlan moneyPlan(Order o, long totalBefore, long totalAfter, long refundOnReturn) {
        OrderState s = o.state();
        long delta = totalAfter - totalBefore;
        long owedBefore = MoneyLedger.amountOwed(s, totalBefore);
        long owedAfter = MoneyLedger.amountOwed(s, totalAfter);
        long coverage = o.money().linkedTotal();
        long netPaid = MoneyLedger.netPaid(s);
        List<EditPreview.PaymentOperation> ops = new ArrayList<>();
        long additional = 0, capture = 0, voided = 0, refunded = 0;
        if (delta > 0) {
            additional = Math.min(delta, Math.max(0, owedAfter - coverage));
            if (netPaid > 0 && netPaid >= owedBefore) capture = additional;
        } else if (delta < 0) {
            long excess = Math.min(-delta, Math.max(0, coverage - owedAfter));
            for (PaymentReference p : s.payments) {
                if (excess == 0) break;
                long open = p.capturable();
                long v = Math.min(excess, open);
                if (v > 0) {
                    ops.add(new EditPreview.PaymentOperation(p.paymentId(), "void", v, open));
                    excess -= v;
                    voided += v;
                }
            }
            MoneyLedger ledger = o.money().ledger();
            for (PaymentReference p : s.payments) {
                if (excess == 0) break;
                if (p.isVoidedOrDeclined()) continue;
                long available = ledger.refundable(p);
                long r = Math.min(excess, available);
                if (r > 0) {
                    ops.add(new EditPreview.PaymentOperation(p.paymentId(), "refund", r, available));
                    excess -= r;
                    refunded += r;
                }
            }
        }
        boolean confirmed = s.status == OrderStatus.CONFIRMED || (s.status == OrderStatus.ON_HOLD && s.statusBeforeHold == OrderStatus.CONFIRMED);
        return new EditPreview.MoneyPlan(totalBefore, totalAfter, delta, additional, capture, confirmed && additional > 0,
                voided, refunded, ops, refundOnReturn);
    }

    /**
     * What {@code units} more returned units of a line are worth, as a return's refund counts them
     * ({@link ReturnRefunds#valueOf}): the line's amount due by units, after the units settled returns already took.
     */
    static long returnValue(Order o, OrderLine line, long units) {
        long settled = 0;
        for (ReturnRequest r : o.children(ReturnRequest.class)) {
            if (r.settlement() == null) continue;
            ReturnLine rl = r.line(line.id());
            if (rl != null && rl.approved() != null) settled += rl.approved();
        }
        long q = line.quantity();
        long upTo = Math.min(q, settled + units);
        return share(line.amountDue(), upTo, q) - share(line.amountDue(), Math.min(settled, q), q);
    }

    private static long share(long amount, long units, long quantity) {
        return java.math.BigInteger.valueOf(amount).multiply(java.math.BigInteger.valueOf(units))
                .divide(java.math.BigInteger.valueOf(quantity)).longValueExact();
    }

    private static OrderLine existing(Order o, Map<String, OrderLine> work, String lineId) {
        if (lineId == null) throw DomainException.invalidField("changes", "field.required", "Name the line_id to change");
        OrderLine l = work.get(lineId);
        if (l == null) throw DomainException.notFound("order.line_not_found", "No line " + lineId + " on order " + o.id());
        return l;
    }

    /** A quantity may not go below what shipped nor below what open fulfilments hold. */
    private static void assertUnitsFree(Order o, OrderLine line, long quantity, String at) {
        long shipped = o.units(line.id(), UnitMeasure.SHIPPED);
        long allocated = o.units(line.id(), UnitMeasure.ALLOCATED);
        if (quantity < shipped) {
            throw DomainException.unprocessable("edit.quantity_below_shipped", "Line " + line.id() + " has " + shipped
                            + " unit(s) shipped; its quantity cannot go below that",
                    "Shipped goods come back through a return (POST /v1/orders/{orderId}/returns).")
                    .with("line_id", line.id()).with("shipped", shipped).with("change", at);
        }
    }

    /**
     * The open fulfilments to cancel so that no line keeps more units in fulfilment than its new quantity: per line, the
     * newest open fulfilments holding it until enough units are free (a cancelled fulfilment frees all its lines'
     * units, which go back to unfulfilled). Refuses ({@code edit.units_in_fulfillment}) when open fulfilments cannot
     * free enough (units counted by a fulfilment that is no longer open).
     */
    static List<Fulfillment> fulfillmentsToCancel(Order o, Map<String, OrderLine> after) {
        List<Fulfillment> open = o.children(Fulfillment.class).stream().filter(f -> f.status().isOpen()).toList();
        List<Fulfillment> out = new ArrayList<>();
        for (OrderLine before : o.state().lines) {
            OrderLine a = after.get(before.id());
            long quantity = a == null ? 0 : a.quantity();
            long held = o.units(before.id(), UnitMeasure.ALLOCATED);
            for (Fulfillment f : out) held -= f.units(before.id());
            for (int i = open.size() - 1; i >= 0 && held > quantity; i--) {
                Fulfillment f = open.get(i);
                if (f.units(before.id()) == 0 || out.contains(f)) continue;
                out.add(f);
                held -= f.units(before.id());
            }
            if (held > quantity) {
                long allocated = o.units(before.id(), UnitMeasure.ALLOCATED);
                throw DomainException.conflict("edit.units_in_fulfillment", "Line " + before.id() + " has " + allocated
                                + " unit(s) in fulfilments that cannot be cancelled; its quantity cannot go below " + held,
                        "Wait for the fulfilment to ship (then return the units) or settle it first, then quote again.")
                        .with("line_id", before.id()).with("allocated", allocated);
            }
        }
        return out;
    }

    private static void assertNotShipped(Order o, OrderLine line, String at) {
        long shipped = o.units(line.id(), UnitMeasure.SHIPPED);
        if (shipped > 0) {
            throw DomainException.unprocessable("edit.fulfilled_units", "Line " + line.id() + " has " + shipped
                            + " unit(s) shipped; the price of shipped units does not change in an edit",
                    "Refund the difference (POST /v1/orders/{orderId}/refunds) or take the goods back with a return and an exchange.")
                    .with("line_id", line.id()).with("shipped", shipped).with("change", at);
        }
    }

    private static void assertNothingShipped(Order o, String at) {
        if (!"unfulfilled".equals(o.state().fulfillmentStatus)) {
            throw DomainException.unprocessable("edit.fulfilled_units", "Order " + o.id() + " has shipped goods; its shipping can no longer change",
                    "Change the shipping of the goods still to ship through their fulfilment.").with("change", at);
        }
    }

    private static void checkDiscount(OrderLine line, long allocated, String field) {
        if (line.discount().minor() + allocated > line.gross()) {
            throw DomainException.invalidField(field, "discount.exceeds_amount", "The line discount exceeds the line amount");
        }
    }

    private static void assertCurrency(OrderState s, Money m, String field) {
        if (!m.currency().equals(s.currency)) {
            throw DomainException.invalidField(field, "currency.mismatch", "Currency " + m.currency() + " does not match the order currency " + s.currency);
        }
    }
}
