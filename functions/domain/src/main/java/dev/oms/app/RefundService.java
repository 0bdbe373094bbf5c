package dev.oms.app;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.app.connector.StoreCredit;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.PaymentShare;
import dev.oms.domain.order.Refund;
import dev.oms.domain.order.RefundRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Refunds: planned in the order's transaction (allocated to lines and tax, reserved against every refundable balance),
 * then paid out — to the original payments through the payment service with the refund id in the idempotency key, or
 * as store credit — and recorded as issued or failed. A refund the payment service did not answer stays pending and
 * {@link #resume} finishes it with the same keys, so no money moves twice.
 */
public final class RefundService {
    private final OrderTransactions tx;
    private final PaymentGateway payments;
    private final StoreCredit storeCredit;
    private final IdGenerator ids;
    private final Clock clock;
    private final List<RefundListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RefundService(OrderTransactions tx, PaymentGateway payments, StoreCredit storeCredit, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.payments = payments;
        this.storeCredit = storeCredit;
        this.ids = ids;
        this.clock = clock;
    }

    public record Result(Order order, Refund refund) { }

    /** Told of every refund issued (invoicing makes its credit note). */
    @FunctionalInterface
    public interface RefundListener {
        void issued(CommandContext ctx, Order order, Refund refund);
    }

    public void onIssued(RefundListener listener) { listeners.add(listener); }

    /**
     * {@code POST /v1/orders/{orderId}/refunds}. With an Idempotency-Key the refund id comes from the request's key, so
     * a retry after a crash between planning and paying out resumes the planned refund instead of planning a second.
     */
    public Result refund(CommandContext ctx, String orderId, RefundRequest request) {
        CommandContext plain = new CommandContext(ctx.caller(), ctx.correlationId(), ctx.expectedVersion(), ctx.reason(), null);
        String requestKey = ctx.journal().requestKey();
        String refundId = requestKey == null ? ids.next("rf") : "rf_" + requestKey.substring(0, 26).toUpperCase(java.util.Locale.ROOT);
        Result planned = tx.mutate(plain, orderId, true, o -> {
            if (request.sourceId() != null) {
                var known = o.refunds().forSource(request.source(), request.sourceId());
                if (known.isPresent()) return new Result(o, known.get());
            }
            var plannedBefore = o.child(Refund.class, refundId);
            if (plannedBefore.isPresent()) return new Result(o, plannedBefore.get());
            return new Result(o, o.refunds().plan(refundId, request, ctx.caller().actor(), clock.instant()));
        });
        return payOut(ctx, orderId, planned.refund());
    }

    /**
     * A dry run of {@link #refund}: the refund as it would be planned (lines, tax, shares per payment; {@code pending}),
     * with the same checks, written nowhere and paid out by no one.
     */
    public Result preview(CommandContext ctx, String orderId, RefundRequest request) {
        return tx.preview(ctx, orderId, true, o -> new Result(o, o.refunds().plan(ids.next("rf"), request, ctx.caller().actor(), clock.instant())));
    }

    /**
     * The refund of a return's accepted units: each line's share of its amount due by units, less the restocking fee
     * (taken off the lines in proportion), to the original payments or as store credit. Asking again for the same
     * return answers the refund it already has.
     */
    public Result refundReturn(CommandContext ctx, String orderId, String returnId, List<RefundRequest.Line> lines,
                               long restockingFee, String destination, String reason) {
        return refund(ctx, orderId, new RefundRequest(null, reason, lines, null, destination, restockingFee, Refund.RETURN, returnId));
    }

    /** Finishes a refund left pending (the payment service did not answer); a refund already ended is answered as it is. */
    public Result resume(CommandContext ctx, String orderId, String refundId) {
        Order order = tx.get(ctx, orderId);
        return payOut(ctx, orderId, order.refunds().require(refundId));
    }

    public Order get(CommandContext ctx, String orderId) { return tx.get(ctx, orderId); }

    private Result payOut(CommandContext ctx, String orderId, Refund refund) {
        CommandContext after = new CommandContext(ctx.caller(), ctx.correlationId(), null, ctx.reason(), ctx.journal());
        if (!refund.isPending()) return new Result(tx.get(ctx, orderId), refund);
        if (Refund.STORE_CREDIT.equals(refund.destination())) {
            Order order = tx.get(ctx, orderId);
            String creditId;
            try {
                creditId = storeCredit.issue(ctx.tenantId(), order.customerId(), refund.amount(), refund.id());
            } catch (ConnectorException e) {
                return new Result(order, refund);
            }
            return finish(after, orderId, refund.id(), List.of(), creditId);
        }
        List<PaymentShare> moved = new ArrayList<>();
        for (PaymentShare share : refund.payments()) {
            try {
                PaymentGateway.Operation op = share.isDone() ? null
                        : payments.refund(ctx.tenantId(), share.paymentId(), Money.of(share.amount(), refund.amount().currency()), refund.id() + ":" + share.paymentId());
                moved.add(op == null ? share : share.done(op.id()));
            } catch (ConnectorException e) {
                return stillPending(after, orderId, refund, moved, e.getMessage());
            } catch (DomainException refused) {
                if (moved.stream().noneMatch(PaymentShare::isDone)) {
                    Result failed = tx.mutate(after, orderId, false, o -> new Result(o, o.refunds().fail(refund.id(), refused.getMessage(), clock.instant())));
                    return failed;
                }
                return stillPending(after, orderId, refund, moved, refused.getMessage());
            }
        }
        return finish(after, orderId, refund.id(), moved, null);
    }

    private Result stillPending(CommandContext ctx, String orderId, Refund refund, List<PaymentShare> moved, String why) {
        List<PaymentShare> all = new ArrayList<>(moved);
        all.addAll(refund.payments().subList(moved.size(), refund.payments().size()));
        return tx.mutate(ctx, orderId, false, o -> new Result(o, o.refunds().progress(refund.id(), all, why, clock.instant())));
    }

    private Result finish(CommandContext ctx, String orderId, String refundId, List<PaymentShare> moved, String creditId) {
        Result done = tx.mutate(ctx, orderId, false, o -> new Result(o, o.refunds().complete(refundId, moved, creditId, clock.instant())));
        if (Refund.SUCCEEDED.equals(done.refund().status())) listeners.forEach(l -> l.issued(ctx, done.order(), done.refund()));
        return done;
    }
}
