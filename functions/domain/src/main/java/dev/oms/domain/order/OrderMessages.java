package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

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
        order.putChild(message);
        order.touch(now);
        order.record(message.fromCustomer() ? RECEIVED : REPLIED, Order.data("message_id", message.id(), "author", message.author(),
                "author_id", message.authorId(), "attachment_ids", message.attachmentIds(), "text", message.text()));
        return message;
    }

    /** The conversation, oldest first. */
    public static List<OrderMessage> conversation(Order order) {
        return order.children(OrderMessage.class).stream().sorted(Comparator.comparing(OrderMessage::createdAt).thenComparing(OrderMessage::id)).toList();
    }
}
