package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.app.WebhookDeliveries;
import dev.oms.app.WebhookDeliveries.OutboundEvent;
import dev.oms.platform.Platform;
import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;
import java.util.ArrayList;
import java.util.List;

/**
 * Order events to webhook deliveries. An EventBridge rule puts every {@code oms.orders} event on the webhook events
 * queue; for each, this logs and queues one delivery per matching subscription of the tenant. A message that fails
 * (the table or the delivery queue did not answer) is reported, so SQS hands it out again; the fan-out is idempotent
 * on the event id.
 */
public final class WebhookFanout implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final WebhookDeliveries deliveries;

    public WebhookFanout() { this(Platform.get().webhookDeliveries); }

    public WebhookFanout(WebhookDeliveries deliveries) { this.deliveries = deliveries; }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        int queued = 0;
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            try {
                queued += deliveries.fanOut(outbound(Json.parse(m.getBody()))).size();
            } catch (Exception e) {
                Observability.error("webhook fan-out failed for message " + m.getMessageId(), e);
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
            }
        }
        Observability.log().info("queued {} webhook deliveries for {} events", queued, event.getRecords().size());
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** An EventBridge event as the rule delivers it: {@code detail-type} and {@code detail}, the event envelope. */
    static OutboundEvent outbound(JsonNode eventBridgeEvent) {
        JsonNode envelope = eventBridgeEvent.path("detail");
        String tenant = envelope.path("tenant_id").asText(""), id = envelope.path("id").asText(""), type = envelope.path("type").asText("");
        if (tenant.isEmpty() || id.isEmpty() || type.isEmpty()) throw new IllegalArgumentException("not an order event: " + eventBridgeEvent);
        return new OutboundEvent(tenant, id, type, envelope.path("order_id").asText(null), Json.write(envelope));
    }
}
