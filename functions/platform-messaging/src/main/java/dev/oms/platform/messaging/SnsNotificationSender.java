package dev.oms.platform.messaging;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.NotificationSender;
import dev.oms.platform.connectors.SandboxFaults;
import dev.oms.platform.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes customer notifications to the notifications topic; the message attributes ({@code channel},
 * {@code recipient}, {@code template}, {@code tenant_id}) let subscriptions filter and deliver (email or SMS on AWS,
 * captured locally). Faults: connector {@code notifications}, operation {@code send}.
 */
public final class SnsNotificationSender implements NotificationSender {
    private final java.util.function.Supplier<SnsClient> sns;
    private final String topicArn;

    /** The client is asked for on first send, so functions that never notify never build it. */
    public SnsNotificationSender(java.util.function.Supplier<SnsClient> sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void send(String tenantId, Notification n) {
        SandboxFaults.Mode fault = SandboxFaults.next("notifications", "send");
        if (fault != null) throw new ConnectorException("notifications", "send", "sandbox fault injected (" + fault.name().toLowerCase() + ")");
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("channel", text(n.channel()));
        attributes.put("recipient", text(n.recipient()));
        attributes.put("template", text(n.template()));
        attributes.put("tenant_id", text(tenantId));
        n.attributes().forEach((k, v) -> attributes.put(k, text(v)));
        var body = Json.object();
        body.put("subject", n.subject());
        body.put("body", n.body());
        try {
            sns.get().publish(r -> r.topicArn(topicArn).subject(n.subject()).message(Json.write(body)).messageAttributes(attributes));
        } catch (RuntimeException e) {
            throw new ConnectorException("notifications", "send", e.getMessage());
        }
    }

    private static MessageAttributeValue text(String v) {
        return MessageAttributeValue.builder().dataType("String").stringValue(v == null ? "" : v).build();
    }
}
