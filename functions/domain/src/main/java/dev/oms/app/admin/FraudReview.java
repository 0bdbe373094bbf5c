package dev.oms.app.admin;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderService;
import dev.oms.app.OrderService.HoldResult;
import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.cases.OrderTasksService.TaskDraft;
import dev.oms.domain.DomainException;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.order.Hold;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.order.OrderTask;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

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

    /**
     * What the fraud queue lists: score bounds (0-100, the last confirmation's screening; a manual flag has no score
     * and fails any bound), a rule (case-insensitive, matched in the screening's rules and in the fraud holds'
     * reasons and evidence), and whom the case is assigned to.
     */
    public record QueueFilter(Integer minScore, Integer maxScore, String rule, String assignedTo) {
        public String fingerprint() { return "fraud|" + minScore + "|" + maxScore + "|" + rule + "|" + assignedTo; }
    }

    /**
     * The flagged orders (a fraud hold open), newest first: one page of the tenant's {@code on_hold} orders (the
     * sharded status index, never a Scan), of which those that match the filter. A page may therefore hold fewer
     * than its limit, even none, while {@code nextPosition} says there is more to read.
     */
    public Page<Order> flagged(CommandContext ctx, QueueFilter filter, PageRequest page) {
        Page<Order> onHold = orders.list(ctx, new OrderFilter(OrderStatus.ON_HOLD.wire(), null, null, null, null, null, true), page);
        return new Page<>(onHold.items().stream().filter(o -> matches(o, filter)).toList(), onHold.nextPosition());
    }

    static boolean matches(Order o, QueueFilter f) {
        List<Hold> fraud = o.holds().stream().filter(h -> FRAUD.equals(h.type())).toList();
        if (fraud.isEmpty()) return false;
        Integer score = o.fraudScore();
        if (f.minScore() != null && (score == null || score < f.minScore())) return false;
        if (f.maxScore() != null && (score == null || score > f.maxScore())) return false;
        if (f.assignedTo() != null && fraud.stream().noneMatch(h -> f.assignedTo().equals(h.assignedTo()))) return false;
        if (f.rule() != null) {
            String rule = f.rule().toLowerCase(Locale.ROOT);
            boolean inRules = o.fraudRules().stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).contains(rule));
            boolean inHolds = fraud.stream().anyMatch(h -> contains(h.reason(), rule) || contains(h.note(), rule));
            if (!inRules && !inHolds) return false;
        }
        return true;
    }

    private static boolean contains(String text, String lowerNeedle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(lowerNeedle);
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
