package dev.oms.app.admin;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderService;
import dev.oms.app.OrderService.HoldResult;
import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.cases.OrderTasksService.TaskDraft;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Hold;
import dev.oms.domain.order.OrderTask;
import java.time.Instant;

/**
 * The admin API's fraud review (issue 13): flagging places a {@code fraud} hold through the canonical hold use case,
 * unflagging releases it through the canonical release (whose fraud rule asks for {@code orders:release_fraud}), and
 * assigning a review creates a task for the agent or team through the tasks use case. No rule of its own beyond
 * choosing which hold is the fraud one.
 */
public final class FraudReview {
    public static final String FRAUD = "fraud";
    public static final String REVIEW_TITLE = "Fraud review";

    private final OrderService orders;
    private final OrderTasksService tasks;

    public FraudReview(OrderService orders, OrderTasksService tasks) {
        this.orders = orders;
        this.tasks = tasks;
    }

    /** A fraud hold with the reason, the evidence summary ({@code note}) and whom the case is assigned to. */
    public HoldResult flag(CommandContext ctx, String orderId, String reason, String evidence, String assignedTo) {
        return orders.hold(ctx.withReason(reason), orderId, FRAUD, reason, assignedTo, evidence);
    }

    /** Releases the order's fraud hold ({@code holdId}, or its only one): 409 {@code order.not_flagged} without one. */
    public HoldResult unflag(CommandContext ctx, String orderId, String holdId, String reason) {
        String fraudHold = fraudHold(ctx, orderId, holdId);
        return orders.release(ctx.withReason(reason), orderId, fraudHold, reason);
    }

    /** A {@value #REVIEW_TITLE} task on the order for the agent or team, with the notes; the order must be flagged. */
    public OrderTask assignReview(CommandContext ctx, String orderId, String assignee, String notes, Instant dueAt, String priority) {
        fraudHold(ctx, orderId, null);
        return tasks.create(ctx, orderId, new TaskDraft(REVIEW_TITLE, notes, assignee, dueAt, priority));
    }

    private String fraudHold(CommandContext ctx, String orderId, String holdId) {
        var fraudHolds = orders.get(ctx, orderId).holds().stream().filter(h -> FRAUD.equals(h.type())).map(Hold::id).toList();
        if (holdId != null) {
            if (!fraudHolds.contains(holdId)) {
                throw DomainException.notFound("order.fraud_hold_not_found", "Order " + orderId + " has no fraud hold " + holdId);
            }
            return holdId;
        }
        if (fraudHolds.isEmpty()) {
            throw DomainException.conflict("order.not_flagged", "Order " + orderId + " is not flagged for fraud",
                    "Only an order with a fraud hold can be unflagged or reviewed.");
        }
        if (fraudHolds.size() > 1) {
            throw DomainException.invalidField("hold_id", "hold_id.required", "The order has " + fraudHolds.size() + " fraud holds; say which one");
        }
        return fraudHolds.get(0);
    }
}
