package dev.oms.domain.order;

import dev.oms.domain.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A customer's request to cancel an order that the tenant's policy does not let it cancel by itself: recorded as a
 * support task on the order (so agents find it in their task queue, {@code GET /v1/orders/tasks}) and as the event
 * {@code order.cancel_requested} (timeline, audit, outbox). An agent approves it by cancelling the order and finishing the
 * task. While one is open, asking again answers the same request.
 */
public final class CancelRequests {
    public static final String TITLE = "Customer cancellation request";

    private CancelRequests() { }

    /** The open request of the order, if any. */
    public static Optional<OrderTask> open(Order o) {
        return o.children(OrderTask.class).stream().filter(t -> TITLE.equals(t.title()) && !t.isFinished()).findFirst();
    }

    public static OrderTask record(Order o, String requestId, String reason, List<String> blockedReasons, Actor actor, Instant now) {
        String description = "The customer asked to cancel this order" + (reason == null ? "" : ": " + reason)
                + ". Blocked for self-service by " + String.join(", ", blockedReasons) + ". Approve by cancelling the order, then finish this task.";
        OrderTask task = new OrderTask(requestId, o.id(), TITLE, description, null, null, "high", OrderTask.OPEN, null,
                actor.id(), now, actor.id(), now, null);
        OrderTasks.create(o, task, now);
        o.record("order.cancel_requested", Order.data("request_id", requestId, "reason", reason, "status", "pending_review",
                "blocked_reasons", List.copyOf(blockedReasons)), reason);
        return task;
    }
}
