package dev.oms.app.connector;

import java.util.Map;

/** Sends emails and text messages to customers (through SNS on AWS; captured by the local runtime). */
public interface NotificationSender {
    void send(String tenantId, Notification notification);

    /** {@code channel}: {@code email} or {@code sms}; {@code template}: what kind of message, e.g. {@code order.cancelled}. */
    record Notification(String channel, String recipient, String template, String subject, String body, Map<String, String> attributes) { }
}
