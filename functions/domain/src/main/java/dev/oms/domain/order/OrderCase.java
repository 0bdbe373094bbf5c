package dev.oms.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A support case on an order (the admin cases, issue 13): what the customer's problem is ({@code subject},
 * {@code description}, {@code category}), how urgent and who works it ({@code priority}, {@code assignee}), the
 * customer's messages it answers (ids of the order's {@link OrderMessage}s) and its evidence files (order documents of
 * type {@code case_evidence}, uploaded through a presigned link). Stored with the order, written in its transaction.
 */
public record OrderCase(String id, String subject, String description, String category, String priority, String status,
                        String assignee, List<String> messageIds, List<String> attachmentIds, String createdBy, Instant createdAt,
                        String resolution, String resolvedBy, Instant resolvedAt)
        implements OrderChild {
    public static final Set<String> CATEGORIES = Set.of("delivery", "payment", "refund", "return", "product", "account", "fraud", "other");
    public static final String OPEN = "open", RESOLVED = "resolved";

    /** An open case. */
    public OrderCase(String id, String subject, String description, String category, String priority, String status, String assignee,
                     List<String> messageIds, List<String> attachmentIds, String createdBy, Instant createdAt) {
        this(id, subject, description, category, priority, status, assignee, messageIds, attachmentIds, createdBy, createdAt, null, null, null);
    }

    OrderCase resolved(String how, String by, Instant now) {
        return new OrderCase(id, subject, description, category, priority, RESOLVED, assignee, messageIds, attachmentIds, createdBy, createdAt,
                how, by, now);
    }

    public OrderCase {
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
        attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
    }

    @Override
    public String kind() { return "case"; }
}
