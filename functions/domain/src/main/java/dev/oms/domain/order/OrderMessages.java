package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rules of an order's conversation with support: text of 1 to {@link #MAX_TEXT} characters, at most
 * {@link #MAX_ATTACHMENTS} attachments per message and {@link #MAX_MESSAGES} messages per order. A customer's message is
 * the event {@code customer.message_received}, an agent's reply {@code customer.message_replied} (timeline, audit,
 * outbox); both carry the text, so the admin cases can show the conversation from the events as well.
 */
public final class OrderMessages {
    public static final int MAX_TEXT = 5000, MAX_MESSAGES = 500, MAX_ATTACHMENTS = 5;
    public static final String ATTACHMENT_TYPE = "message_attachment";
    public static final String RECEIVED = "customer.message_received", REPLIED = "customer.message_replied";

    private OrderMessages() { }

    /** Files a message (with the ids of its pending attachments) and records its event. */
    public static OrderMessage add(Order order, OrderMessage message, Instant now) {
        if (!OrderMessage.CUSTOMER.equals(message.author()) && !OrderMessage.AGENT.equals(message.author())) {
            throw new IllegalArgumentException("author is customer or agent: " + message.author());
        }
        if (message.text() == null || message.text().isBlank() || message.text().length() > MAX_TEXT) {
            throw DomainException.invalidField("text", "field.invalid", "text is 1 to " + MAX_TEXT + " characters");
        }
        if (message.attachmentIds().size() > MAX_ATTACHMENTS) {
            throw DomainException.invalidField("attachments", "field.too_many", "A message has at most " + MAX_ATTACHMENTS + " attachments");
        }
        if (order.children(OrderMessage.class).size() >= MAX_MESSAGES) {
            throw DomainException.conflict("message.too_many", "An order's conversation holds at most " + MAX_MESSAGES + " messages",
                    "Contact customer service another way.");
        }
        Long waited = message.fromCustomer() ? null : waitingSeconds(order, now);
        order.putChild(message);
        order.touch(now);
        Map<String, Object> data = Order.data("message_id", message.id(), "author", message.author(),
                "author_id", message.authorId(), "attachment_ids", message.attachmentIds(), "text", message.text());
        if (waited != null) data.put("response_seconds", waited);
        order.record(message.fromCustomer() ? RECEIVED : REPLIED, data);
        return message;
    }

    /**
     * How long the customer waited for this reply: from their oldest message since support's last reply (null when the
     * customer wrote nothing since: a follow-up is not a first response). The admin order metrics count it.
     */
    static Long waitingSeconds(Order order, Instant now) {
        Instant firstUnanswered = null;
        for (OrderMessage m : conversation(order)) {
            if (m.fromCustomer()) {
                if (firstUnanswered == null) firstUnanswered = m.createdAt();
            } else {
                firstUnanswered = null;
            }
        }
        return firstUnanswered == null ? null : Math.max(0, java.time.Duration.between(firstUnanswered, now).getSeconds());
    }

    /** The conversation, oldest first. */
    public static List<OrderMessage> conversation(Order order) {
        return order.children(OrderMessage.class).stream().sorted(Comparator.comparing(OrderMessage::createdAt).thenComparing(OrderMessage::id)).toList();
    }
}
