package dev.oms.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.Platform;
import dev.oms.platform.config.Env;
import dev.oms.platform.json.Json;
import dev.oms.platform.labels.ShipmentLabels;
import dev.oms.platform.observability.Observability;
import java.util.ArrayList;
import java.util.List;

/**
 * The label job: an EventBridge rule puts every {@code shipment.created} event on the labels queue; for each, the
 * shipment's labels (PDF and ZPL) and packing slip are rendered, stored in the documents bucket and filed on the order
 * ({@code shipment.label_ready}). A message that fails is reported, so SQS hands it out again (and parks it in the DLQ
 * after five tries); a redelivered message finds the label ready and renders nothing.
 */
public final class LabelJobs implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final ShipmentLabels labels;

    public LabelJobs() {
        this(renderer());
    }

    /** The renderer of the label job and of {@code shipment_labels} jobs: labels from {@code LABEL_SHIP_FROM}. */
    static ShipmentLabels renderer() {
        return new ShipmentLabels(Platform.get().fulfillments, Platform.get().documentStorage, new dev.oms.platform.documents.PdfBoxRenderer(), Env.get("LABEL_SHIP_FROM", ShipmentLabels.DEFAULT_SHIP_FROM),
                Platform.get().clock);
    }

    public LabelJobs(ShipmentLabels labels) { this.labels = labels; }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            try {
                JsonNode detail = Json.parse(m.getBody()).path("detail");
                String tenant = detail.path("tenant_id").asText(""), order = detail.path("order_id").asText("");
                String shipment = detail.path("data").path("shipment_id").asText("");
                if (tenant.isEmpty() || order.isEmpty() || shipment.isEmpty()) {
                    Observability.log().warn("label job ignores message {}: not a shipment event", m.getMessageId());
                    continue;
                }
                String outcome = labels.render(tenant, order, shipment);
                Observability.log().info("label job for shipment {} of {}: {}", shipment, order, outcome);
            } catch (Exception e) {
                Observability.error("label job failed for message " + m.getMessageId(), e);
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
