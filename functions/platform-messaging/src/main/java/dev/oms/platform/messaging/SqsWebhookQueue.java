package dev.oms.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.WebhookQueue;
import dev.oms.domain.DomainException;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The webhook delivery queue on SQS: one message per delivery, {@code {"tenant_id","webhook_id","delivery_id"}}
 * (the body to send stays in the delivery log), sent ten to a SendMessageBatch call.
 */
public final class SqsWebhookQueue implements WebhookQueue {
    static final int MAX_BATCH = 10;

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public SqsWebhookQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(List<DeliveryRef> deliveries) {
        for (int from = 0; from < deliveries.size(); from += MAX_BATCH) {
            List<DeliveryRef> chunk = deliveries.subList(from, Math.min(deliveries.size(), from + MAX_BATCH));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(message(chunk.get(i))).build());
            }
            SendMessageBatchResponse response;
            try {
                response = sqs.get().sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                throw unavailable(e.getMessage());
            }
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw unavailable(response.failed().size() + " of " + chunk.size() + " messages were refused: " + response.failed().get(0).message());
            }
        }
    }

    public static String message(DeliveryRef ref) {
        ObjectNode o = Json.object();
        o.put("tenant_id", ref.tenantId());
        o.put("webhook_id", ref.webhookId());
        o.put("delivery_id", ref.deliveryId());
        return Json.write(o);
    }

    /** The delivery a queue message names. */
    public static DeliveryRef parse(String message) {
        try {
            JsonNode o = Json.parse(message);
            String tenant = o.path("tenant_id").asText(""), webhook = o.path("webhook_id").asText(""), delivery = o.path("delivery_id").asText("");
            if (tenant.isEmpty() || webhook.isEmpty() || delivery.isEmpty()) throw new IllegalArgumentException("not a delivery message: " + message);
            return new DeliveryRef(tenant, webhook, delivery);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a delivery message: " + message, e);
        }
    }

    private static DomainException unavailable(String why) {
        return new DomainException(DomainException.Kind.UNAVAILABLE, "webhook.queue_unavailable",
                "The webhook delivery queue did not take the message: " + why, "Retry shortly.");
    }
}
