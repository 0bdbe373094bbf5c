package dev.oms.app;

import dev.oms.app.ReturnService.Result;
import dev.oms.app.connector.ConnectorException;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.LineSpec;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDraft;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.Refund;
import dev.oms.domain.order.RefundLine;
import dev.oms.domain.order.RefundRequest;
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
 * Settling an inspected return: a refund to the order's payments or as store credit (through {@link RefundService}),
 * or an exchange (a zero-priced replacement order of the approved units, linked both ways). Each is safe to repeat:
 * the refund names the return as its source, and the replacement order has the unique external reference
 * {@code EXCH-{returnId}}, so a retry finds what the first attempt did instead of doing it again.
 */
public final class ReturnSettlements {
    private final ReturnService returns;
    private final OrderTransactions tx;
    private final OrderService orders;
    private final RefundService refunds;
    private final Clock clock;

    public ReturnSettlements(ReturnService returns, OrderService orders, RefundService refunds, Clock clock) {
        this.returns = returns;
        this.tx = orders.transactions();
        this.orders = orders;
        this.refunds = refunds;
        this.clock = clock;
    }

    /**
     * Gives the approved units' value (less restocking fees) back as {@code method} ({@code refund_to_card} or
     * {@code store_credit}; null: the inspection's resolution), through the refund use case: the refund is planned
     * against the order's refundable balances before any money moves and carries the return as its source, so asking
     * again answers (or finishes) the same refund. A refund the payment service did not answer is a transient failure
     * (retry); a refused one is {@code return.refund_failed}, and a new attempt plans a new refund.
     */
    public Result issueRefund(CommandContext asked, String returnId, String method) {
        Result found = returns.find(asked, returnId);
        CommandContext ctx = unpinned(asked, found.order());
        ReturnRequest r = found.ret();
        if (r.settlement() != null) return found;
        Returns.assertSettleable(r);
        String kind = method != null ? method : r.resolution();
        if ("exchange".equals(kind)) {
            throw DomainException.conflict("return.exchange_requested", "Return " + returnId + " is to be settled by an exchange",
                    "Use POST /v1/orders/returns/{returnId}/exchange, or name method refund_to_card or store_credit.");
        }
        boolean credit = "store_credit".equals(kind);
        List<RefundRequest.Line> lines = new ArrayList<>();
        long fees = 0;
        for (ReturnLine l : r.lines()) {
            if (l.approved() == null || l.approved() == 0) continue;
            lines.add(new RefundRequest.Line(l.lineId(), l.approved(), ReturnRefunds.valueOf(found.order(), r, l.lineId(), l.approved())));
            fees += l.restockingFee();
        }
        Refund refund = refunds.refundReturn(quiet(ctx), found.order().id(), returnId, lines, fees,
                credit ? Refund.STORE_CREDIT : Refund.ORIGINAL_METHOD, "Return " + r.rma()).refund();
        if (refund.isPending()) {
            throw new ConnectorException("payments", "refund", "refund " + refund.id() + " of return " + returnId + " is pending: " + refund.failure());
        }
        if (Refund.FAILED.equals(refund.status())) {
            throw DomainException.unprocessable("return.refund_failed", "Refund " + refund.id() + " of return " + returnId + " failed: " + refund.failure(),
                    "Settle the return again (a new refund is planned), or with method store_credit.").with("refund_id", refund.id());
        }
        Map<String, Long> byLine = new LinkedHashMap<>();
        for (RefundLine l : refund.lines()) byLine.merge(l.lineId(), l.amount(), Long::sum);
        var settlement = new ReturnRequest.Settlement(credit ? "store_credit" : "refund", credit ? refund.storeCreditId() : refund.id(),
                refund.amount().minor(), refund.amount().currency(), byLine, clock.instant());
        return returns.change(ctx, returnId, o -> Returns.settle(o, returnId, settlement, clock.instant()));
    }

    /**
     * Settles the return with a replacement: a new order for the approved units at no charge (same customer, channel,
     * addresses and shipping method; metadata {@code exchange_for_return} and {@code original_order_id}), created
     * through the order use case like any other order.
     */
    public Result exchange(CommandContext asked, String returnId) {
        Result found = returns.find(asked, returnId);
        CommandContext ctx = unpinned(asked, found.order());
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
                    Map.of("replaces_line_id", line.id()), line.digital()));
        }
        return new OrderDraft(reference, s.customerId, s.channel, "exchange", s.currency, items, s.shippingAddress, s.billingAddress,
                s.shippingMethod, zero, null, List.of(), Map.of("exchange_for_return", r.id(), "original_order_id", s.id));
    }

    /**
     * A settlement writes the order more than once (the refund, then the return), so the version the caller pinned
     * (If-Match) is checked once, against the order as found, and not again.
     */
    private static CommandContext unpinned(CommandContext ctx, Order order) {
        if (ctx.expectedVersion() != null && ctx.expectedVersion() != order.version()) {
            throw DomainException.conflict("order.version_conflict", "The order has changed since you read it (it is now at version "
                    + order.version() + ")", "GET the order, check the return and send the request again with the new ETag.")
                    .with("current_version", order.version());
        }
        return new CommandContext(ctx.caller(), ctx.correlationId(), null, ctx.reason(), ctx.journal());
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
