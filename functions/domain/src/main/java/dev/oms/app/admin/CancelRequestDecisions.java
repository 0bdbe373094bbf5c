package dev.oms.app.admin;

import dev.oms.app.CancellationService;
import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.CancelRequests;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderTask;
import dev.oms.domain.order.OrderTasks;
import java.time.Clock;

/**
 * An agent's decision on a customer's pending cancellation request ({@link CancelRequests}: the support task the
 * customer API's cancel request records when the tenant's policy needs an agent). Approving is that agent's decision:
 * it requests the cancellation through the canonical cancellation use case (the order's rules and the cancel-order
 * saga; the tenant's {@code cancellation_policy}, which sent the request to an agent, is what the approval overrides)
 * and finishes the task, in one change; rejecting cancels the task, with the agent's reason in its event. No open request: 409
 * {@code cancel_request.not_found}.
 */
public final class CancelRequestDecisions {
    private final OrderTransactions tx;
    private final CancellationService cancellations;
    private final Clock clock;

    public CancelRequestDecisions(OrderTransactions tx, CancellationService cancellations, Clock clock) {
        this.tx = tx;
        this.cancellations = cancellations;
        this.clock = clock;
    }

    public CancellationService.Requested approve(CommandContext ctx, String orderId, boolean refund, boolean restock) {
        return tx.mutate(ctx, orderId, true, o -> {
            OrderTask request = pending(o);
            Cancellation c = cancellations.requestOverridingPolicy(ctx, o, refund, restock);
            finish(ctx, o, request, OrderTask.DONE, "Approved: cancellation " + c.id());
            return new CancellationService.Requested(o, c);
        });
    }

    public Order reject(CommandContext ctx, String orderId) {
        return tx.mutate(ctx, orderId, true, o -> {
            finish(ctx, o, pending(o), OrderTask.CANCELLED, null);
            return o;
        });
    }

    private static OrderTask pending(Order o) {
        return CancelRequests.open(o).orElseThrow(() -> DomainException.conflict("cancel_request.not_found",
                "Order " + o.id() + " has no pending cancellation request", "Cancel the order directly, or force-cancel it."));
    }

    private void finish(CommandContext ctx, Order o, OrderTask request, String status, String note) {
        OrderTasks.update(o, request.id(), new OrderTasks.TaskChange(null, null, null, false, null, false, null, status, note),
                ctx.caller().subject(), clock.instant());
    }
}
