package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.Platform;
import dev.oms.app.connector.registry.NotificationSuppressions;
import dev.oms.platform.dynamo.DynamoNotificationSuppressions;
import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;

/**
 * SES's bounce and complaint feedback (through the {@code SesFeedbackTopic}, from a configuration set's event destination
 * or an identity's feedback notifications): a permanent bounce or a complaint suppresses the address for the tenant
 * the email was tagged with ({@code oms_tenant}), so the {@code ses} notifications adapter does not write to it again.
 * Transient bounces change nothing; messages without the tag are ignored.
 */
public final class SesFeedbackHandler implements RequestHandler<SNSEvent, Integer> {
    private final NotificationSuppressions suppressions;

    public SesFeedbackHandler() { this(new DynamoNotificationSuppressions(Platform.get().table, Platform.get().clock)); }

    SesFeedbackHandler(NotificationSuppressions suppressions) { this.suppressions = suppressions; }

    /** Answers how many addresses were suppressed. */
    @Override
    public Integer handleRequest(SNSEvent event, Context context) {
        int suppressed = 0;
        for (SNSEvent.SNSRecord r : event.getRecords()) {
            JsonNode m;
            try {
                m = Json.parse(r.getSNS().getMessage());
            } catch (Exception notJson) {
                continue;
            }
            String type = m.path("notificationType").asText(m.path("eventType").asText(""));
            String tenant = m.path("mail").path("tags").path("oms_tenant").path(0).asText(null);
            if (tenant == null) continue;
            if (type.equals("Bounce") && m.path("bounce").path("bounceType").asText().equals("Permanent")) {
                for (JsonNode rcpt : m.path("bounce").path("bouncedRecipients")) {
                    suppressions.suppress(tenant, rcpt.path("emailAddress").asText(), "bounce");
                    suppressed++;
                }
            } else if (type.equals("Complaint")) {
                for (JsonNode rcpt : m.path("complaint").path("complainedRecipients")) {
                    suppressions.suppress(tenant, rcpt.path("emailAddress").asText(), "complaint");
                    suppressed++;
                }
            }
        }
        return suppressed;
    }
}
