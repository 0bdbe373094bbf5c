package dev.oms.platform.connectors.aws;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.NotificationSender;
import dev.oms.platform.observability.ConnectorCallContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * Text messages through Amazon SNS, published straight to the phone number (E.164) as transactional SMS, with the
 * tenant's sender id where the country allows one. Emails are not this adapter's: {@code sns_sms} leaves them to
 * the given sender (the sandbox topic), {@code ses} sends them itself.
 */
public final class SnsSms implements NotificationSender {
    private final Supplier<SnsClient> sns;
    private final String senderId;
    private final NotificationSender emails;

    public SnsSms(Supplier<SnsClient> sns, String senderId, NotificationSender emails) {
        this.sns = sns;
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
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("AWS.SNS.SMS.SMSType", MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build());
        if (senderId != null) attributes.put("AWS.SNS.SMS.SenderID", MessageAttributeValue.builder().dataType("String").stringValue(senderId).build());
        attributes.put("tenant_id", MessageAttributeValue.builder().dataType("String").stringValue(tenantId).build());
        attributes.put("template", MessageAttributeValue.builder().dataType("String").stringValue(n.template() == null ? "" : n.template()).build());
        try {
            var answer = sns.get().publish(r -> r.phoneNumber(n.recipient()).message(n.body() == null ? n.subject() : n.body())
                    .messageAttributes(attributes));
            ConnectorCallContext.vendorRequestId(answer.messageId());
        } catch (SnsException e) {
            throw new ConnectorException("notifications", "send_sms", "SNS: HTTP " + e.statusCode());
        } catch (RuntimeException e) {
            throw new ConnectorException("notifications", "send_sms", "SNS: no answer (" + e.getClass().getSimpleName() + ")");
        }
    }
}
