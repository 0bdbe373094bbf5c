package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules of an order's support cases: a case names only messages of this order's conversation (422
 * {@code case.message_not_found} otherwise), at most {@link #MAX_CASES} per order (409 {@code case.too_many}), and
 * opening one is the {@code order.case_opened} event.
 */
public final class OrderCases {
    public static final int MAX_CASES = 50, MAX_ATTACHMENTS = 5, MAX_MESSAGES = 50;
    public static final String ATTACHMENT_TYPE = "case_evidence";

    private OrderCases() { }

    public static OrderCase open(Order order, OrderCase c, Instant now) {
        if (!OrderCase.CATEGORIES.contains(c.category())) throw new IllegalArgumentException("category " + c.category());
        List<String> known = order.children(OrderMessage.class).stream().map(OrderMessage::id).toList();
        List<DomainException.FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < c.messageIds().size(); i++) {
            if (!known.contains(c.messageIds().get(i))) {
                unknown.add(new DomainException.FieldError("message_ids[" + i + "]", "case.message_not_found",
                        "Message " + c.messageIds().get(i) + " is not in this order's conversation"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new DomainException(DomainException.Kind.UNPROCESSABLE, "case.message_not_found", "A linked message is not in this order's conversation",
                    "Link messages from GET /v1/customer/orders/{orderId}/messages of the same order.", java.util.Map.of(), unknown);
        }
        if (order.children(OrderCase.class).size() >= MAX_CASES) {
            throw DomainException.conflict("case.too_many", "An order holds at most " + MAX_CASES + " cases",
                    "Add to an existing case with a note instead.");
        }
        order.putChild(c);
        order.touch(now);
        order.record("order.case_opened", Order.data("case_id", c.id(), "subject", c.subject(), "category", c.category(),
                "priority", c.priority(), "assignee", c.assignee(), "message_ids", c.messageIds(), "attachment_ids", c.attachmentIds()));
        return c;
    }

    /**
     * Resolves an open case (409 {@code case.already_resolved} once resolved): {@code order.case_resolved} with how long it
     * was open, which the admin order metrics count as a resolution time.
     */
    public static OrderCase resolve(Order order, String caseId, String resolution, String by, Instant now) {
        OrderCase c = order.requireChild(OrderCase.class, caseId, "case.not_found");
        if (OrderCase.RESOLVED.equals(c.status())) {
            throw DomainException.conflict("case.already_resolved", "Case " + caseId + " was resolved already", "Open a new case if the problem is back.");
        }
        OrderCase next = c.resolved(resolution, by, now);
        order.putChild(next);
        order.touch(now);
        order.record("order.case_resolved", Order.data("case_id", c.id(), "category", c.category(), "resolution", resolution,
                "open_seconds", Math.max(0, java.time.Duration.between(c.createdAt(), now).getSeconds())));
        return next;
    }

    /** The order's cases, newest first. */
    public static List<OrderCase> of(Order order) {
        return order.children(OrderCase.class).stream()
                .sorted(Comparator.comparing(OrderCase::createdAt).reversed().thenComparing(OrderCase::id)).toList();
    }
}
