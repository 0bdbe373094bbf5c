package dev.oms.platform.connectors.aws;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.NotificationSender;
import dev.oms.platform.observability.ConnectorCallContext;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.oms.platform.aws.AwsJsonRequests;
import dev.oms.platform.aws.SnsPublish;

/**
 * Text messages through Amazon SNS, published straight to the phone number (E.164) as transactional SMS, with the
 * tenant's sender id where the country allows one. Emails are not this adapter's: {@code sns_sms} leaves them to
 * the given sender (the sandbox topic), {@code ses} sends them itself.
 */
public final class SnsSms implements NotificationSender {
    private final String senderId;
    private final NotificationSender emails;

    public SnsSms(String senderId, NotificationSender emails) {
        this.senderId = senderId;
        this.emails = emails;
    }

    @Override
    public void send(String tenantId, Notification n) {
        if (!"sms".equals(n.channel())) {
            emails.send(tenantId, n);
            return;
        }
        if (n.recipient() == null || !n.recipient().matches("\\+[1-9][0-9]{6,14}")) {
            throw dev.oms.domain.DomainException.unprocessable("notification.phone_invalid", "An SMS needs an E.164 phone number",
                    "Store the customer's phone as +<country><number>.");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("AWS.SNS.SMS.SMSType", "Transactional");
        if (senderId != null) attributes.put("AWS.SNS.SMS.SenderID", senderId);
        attributes.put("tenant_id", tenantId);
        attributes.put("template", n.template() == null ? "" : n.template());
        try {
            String messageId = SnsPublish.publish(null, n.recipient(), null, n.body() == null ? n.subject() : n.body(), attributes);
            ConnectorCallContext.vendorRequestId(messageId);
        } catch (AwsJsonRequests.AwsError e) {
            throw new ConnectorException("notifications", "send_sms", "SNS: HTTP " + e.status() + " " + e.type());
        } catch (RuntimeException e) {
            throw new ConnectorException("notifications", "send_sms", "SNS: no answer (" + e.getClass().getSimpleName() + ")");
        }
    }
}
