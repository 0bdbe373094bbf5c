package dev.oms.app;

import dev.oms.app.ReturnService.Result;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.LineSpec;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDraft;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.ReturnLine;
import dev.oms.domain.order.ReturnRefunds;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.order.Returns;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settling an inspected return: a refund to the order's payments, a store credit, or an exchange (a zero-priced
 * replacement order of the approved units, linked both ways). Each is safe to repeat: the plan (refund id, the
 * amount per payment, the credit reference) is journaled on the return before any service is called, payment
 * refunds carry keys derived from the return, and the replacement order has the unique external reference
 * {@code EXCH-{returnId}}, so a retry finds what the first attempt did instead of doing it again.
 */
public final class ReturnSettlements {
    static final String STEP_PLANNED = "settlement.planned";

    private final ReturnService returns;
    private final OrderTransactions tx;
    private final OrderService orders;
    private final PaymentGateway payments;
    private final IdGenerator ids;
    private final Clock clock;

    public ReturnSettlements(ReturnService returns, OrderService orders, PaymentGateway payments, IdGenerator ids, Clock clock) {
        this.returns = returns;
        this.tx = orders.transactions();
        this.orders = orders;
        this.payments = payments;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Gives the approved units' value (less restocking fees) back as {@code method} ({@code refund_to_card} or
     * {@code store_credit}; null: the inspection's resolution).
     */
    public Result issueRefund(CommandContext ctx, String returnId, String method) {
        Result found = returns.find(ctx, returnId);
        ReturnRequest r = found.ret();
        if (r.settlement() != null) return found;
        Returns.assertSettleable(r);
        String kind = method != null ? method : r.resolution();
        if ("exchange".equals(kind)) {
            throw DomainException.conflict("return.exchange_requested", "Return " + returnId + " is to be settled by an exchange",
                    "Use POST /v1/orders/returns/{returnId}/exchange, or name method refund_to_card or store_credit.");
        }
        Map<String, Object> plan = plan(ctx, found, kind);
        String currency = found.order().state().currency;
        long amount = ((Number) plan.get("amount")).longValue();
        if ("refund_to_card".equals(plan.get("method"))) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> parts = (List<Map<String, Object>>) plan.get("payments");
            for (Map<String, Object> p : parts) {
                String paymentId = (String) p.get("payment_id");
                payments.refund(ctx.tenantId(), paymentId, Money.of(((Number) p.get("amount")).longValue(), currency), returnId + ":" + paymentId);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Long> byLine = (Map<String, Long>) (Map<?, ?>) plan.get("by_line");
        var settlement = new ReturnRequest.Settlement("refund_to_card".equals(plan.get("method")) ? "refund" : "store_credit",
                (String) plan.get("reference"), amount, currency, longs(byLine), clock.instant());
        return returns.change(ctx, returnId, o -> Returns.settle(o, returnId, settlement, clock.instant()));
    }

    /** The journaled plan, or a new one: what each line gives back and, for a refund, how much from which payment. */
    private Map<String, Object> plan(CommandContext ctx, Result found, String method) {
        ReturnRequest r = found.ret();
        if (r.hasDone(STEP_PLANNED)) return r.step(STEP_PLANNED).detail();
        Map<String, Long> byLine = ReturnRefunds.byLine(found.order(), r);
        long amount = ReturnRefunds.total(byLine);
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("method", method);
        plan.put("reference", ids.next("refund_to_card".equals(method) ? "rfd" : "crd"));
        plan.put("amount", amount);
        plan.put("by_line", new LinkedHashMap<String, Object>(byLine));
        if ("refund_to_card".equals(method)) plan.put("payments", split(ctx.tenantId(), found.order(), amount, r.id()));
        returns.change(quiet(ctx), r.id(), o -> {
            Returns.recordStep(o, r.id(), STEP_PLANNED, plan, clock.instant());
            return Returns.get(o, r.id());
        });
        return plan;
    }

    /** Takes the amount from the captured, not yet refunded money of the order's payments, in order. */
    private List<Map<String, Object>> split(String tenantId, Order order, long amount, String returnId) {
        List<Map<String, Object>> parts = new ArrayList<>();
        long left = amount;
        for (var ref : order.state().payments) {
            if (left == 0) break;
            PaymentGateway.PaymentStatus st = payments.status(tenantId, ref.paymentId());
            if (st.amount() == null || !st.amount().currency().equals(order.state().currency)) continue;
            long take = Math.min(left, st.captured() - st.refunded());
            if (take <= 0) continue;
            parts.add(Map.of("payment_id", ref.paymentId(), "amount", take));
            left -= take;
        }
        if (left > 0) {
            throw DomainException.unprocessable("return.refund_not_possible", "The order's payments hold " + (amount - left)
                            + " of the " + amount + " to refund for return " + returnId,
                    "Capture the payment first, or settle the return with method store_credit.").with("shortfall", left);
        }
        return parts;
    }

    /**
     * Settles the return with a replacement: a new order for the approved units at no charge (same customer, channel,
     * addresses and shipping method; metadata {@code exchange_for_return} and {@code original_order_id}), created
     * through the order use case like any other order.
     */
    public Result exchange(CommandContext ctx, String returnId) {
        Result found = returns.find(ctx, returnId);
        ReturnRequest r = found.ret();
        if (r.settlement() != null) return found;
        Returns.assertSettleable(r);
        Order original = found.order();
        String reference = "EXCH-" + returnId;
        CommandContext quiet = quiet(ctx);
        Order replacement = orders.findByExternalReference(quiet, reference).orElseGet(() -> orders.create(quiet, draft(original, r, reference)));
        var settlement = new ReturnRequest.Settlement("exchange", replacement.id(), 0, original.state().currency, Map.of(), clock.instant());
        return returns.change(ctx, returnId, o -> Returns.settle(o, returnId, settlement, clock.instant()));
    }

    private static OrderDraft draft(Order original, ReturnRequest r, String reference) {
        var s = original.state();
        Money zero = Money.zero(s.currency);
        List<LineSpec> items = new ArrayList<>();
        for (ReturnLine l : r.lines()) {
            if (l.approved() == null || l.approved() == 0) continue;
            OrderLine line = original.line(l.lineId());
            items.add(new LineSpec(null, line.sku(), line.variantId(), line.description(), l.approved(), zero, null, null, null,
                    Map.of("replaces_line_id", line.id())));
        }
        return new OrderDraft(reference, s.customerId, s.channel, "exchange", s.currency, items, s.shippingAddress, s.billingAddress,
                s.shippingMethod, zero, null, List.of(), Map.of("exchange_for_return", r.id(), "original_order_id", s.id));
    }

    /** The same caller without If-Match or the idempotent response: for the writes that come before the final one. */
    private static CommandContext quiet(CommandContext ctx) {
        return new CommandContext(ctx.caller(), ctx.correlationId(), null, ctx.reason(), null);
    }

    private static Map<String, Long> longs(Map<String, Long> raw) {
        Map<String, Long> out = new LinkedHashMap<>();
        ((Map<?, ?>) raw).forEach((k, v) -> out.put((String) k, ((Number) v).longValue()));
        return out;
    }
}
