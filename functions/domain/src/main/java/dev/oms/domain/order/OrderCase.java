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
                        String assignee, List<String> messageIds, List<String> attachmentIds, String createdBy, Instant createdAt)
        implements OrderChild {
    public static final Set<String> CATEGORIES = Set.of("delivery", "payment", "refund", "return", "product", "account", "fraud", "other");
    public static final String OPEN = "open";

    public OrderCase {
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
        attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
    }

    @Override
    public String kind() { return "case"; }
}
