package dev.oms.local.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where notifications that would leave AWS for people land locally: SNS deliveries to {@code email},
 * {@code email-json}, {@code sms} (and {@code http}/{@code https}) subscriptions and direct SMS publishes. Newest first,
 * bounded; the local console and {@code GET /local/notifications} read it ({@link #toJson(int)}).
 */
public final class NotificationOutbox {
    /** One captured notification. {@code attributes} are the message attributes' values as text. */
    public record Notification(String id, Instant time, String channel, String destination, String subject, String message,
                               Map<String, String> attributes, String topicArn, String messageId) { }

    private final int capacity;
    private final Deque<Notification> items = new ArrayDeque<>();

    public NotificationOutbox() { this(1000); }

    public NotificationOutbox(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.capacity = capacity;
    }

    public Notification add(String channel, String destination, String subject, String message, Map<String, String> attributes,
                            String topicArn, String messageId) {
        Notification n = new Notification(UUID.randomUUID().toString(), Instant.now(), channel, destination, subject, message,
                Map.copyOf(attributes), topicArn, messageId);
        synchronized (items) {
            items.addFirst(n);
            while (items.size() > capacity) items.removeLast();
        }
        return n;
    }

    /** The newest notifications first, at most {@code limit}. */
    public List<Notification> list(int limit) {
        synchronized (items) {
            return items.stream().limit(limit).toList();
        }
    }

    public void clear() {
        synchronized (items) {
            items.clear();
        }
    }

    /** {@code {"data": [{id, time, channel, destination, subject, message, attributes, topic_arn, message_id}]}}. */
    public String toJson(int limit) {
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        ArrayNode data = o.putArray("data");
        for (Notification n : list(limit)) {
            ObjectNode x = data.addObject();
            x.put("id", n.id());
            x.put("time", n.time().toString());
            x.put("channel", n.channel());
            x.put("destination", n.destination());
            x.put("subject", n.subject());
            x.put("message", n.message());
            ObjectNode a = x.putObject("attributes");
            n.attributes().forEach(a::put);
            x.put("topic_arn", n.topicArn());
            x.put("message_id", n.messageId());
        }
        return Jsons.write(o);
    }
}
