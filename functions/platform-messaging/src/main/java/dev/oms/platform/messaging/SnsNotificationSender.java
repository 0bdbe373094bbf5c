package dev.oms.platform.messaging;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.NotificationSender;
import dev.oms.platform.connectors.SandboxFaults;
import dev.oms.platform.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.oms.platform.aws.SnsPublish;

/**
 * Publishes customer notifications to the notifications topic; the message attributes ({@code channel},
 * {@code recipient}, {@code template}, {@code tenant_id}) let subscriptions filter and deliver (email or SMS on AWS,
 * captured locally). One signed {@code Publish} ({@link SnsPublish}: no SNS client in the functions that notify).
 * Faults: connector {@code notifications}, operation {@code send}.
 */
public final class SnsNotificationSender implements NotificationSender {
    private final String topicArn;

    public SnsNotificationSender(String topicArn) { this.topicArn = topicArn; }

    @Override
    public void send(String tenantId, Notification n) {
        SandboxFaults.Mode fault = SandboxFaults.next("notifications", "send");
        if (fault != null) throw new ConnectorException("notifications", "send", "sandbox fault injected (" + fault.name().toLowerCase() + ")");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("channel", n.channel());
        attributes.put("recipient", n.recipient());
        attributes.put("template", n.template());
        attributes.put("tenant_id", tenantId);
        attributes.putAll(n.attributes());
        var body = Json.object();
        body.put("subject", n.subject());
        body.put("body", n.body());
        try {
            SnsPublish.publish(topicArn, null, n.subject(), Json.write(body), attributes);
        } catch (RuntimeException e) {
            throw new ConnectorException("notifications", "send", e.getMessage());
        }
    }
}
