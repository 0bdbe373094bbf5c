package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.port.ResponseJournal;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Shipment;
import dev.oms.platform.Platform;
import dev.oms.platform.json.Json;
import dev.oms.platform.labels.ShipmentLabels;
import dev.oms.platform.views.ShipmentLabelViews;
import java.util.ArrayList;
import java.util.List;

/**
 * The labels of many shipments ({@code POST /v1/fulfillment/shipments/bulk-generate-labels}, kind
 * {@code shipment_labels}): each shipment's label is rendered as {@code generate-label} renders it, by the label job's
 * renderer (nothing is bought: the carrier sold the label when the shipment was created), checked as the submitter
 * (another tenant's, another warehouse's or an unknown shipment is {@code shipment.not_found}) and in the format asked
 * for. A shipment whose label is ready is {@code already_ready}, so a resumed chunk renders nothing twice. The report
 * has a row per shipment: {@code ok} with its {@code outcome} ({@code rendered}, {@code already_ready},
 * {@code not_needed}: the sender's own label) and the label's {@code document_id}, or {@code failed} with the problem.
 */
final class ShipmentLabelsWork implements JobWork {
    static final List<String> COLUMNS = List.of("index", "shipment_id", "order_id", "status", "outcome", "document_id", "code", "detail", "problem");
    static final int CHUNK = 10;

    private final Platform platform;
    private final ShipmentLabels labels;

    ShipmentLabelsWork(Platform platform, ShipmentLabels labels) {
        this.platform = platform;
        this.labels = labels;
    }

    @Override
    public void run(JobRun run) {
        CommandContext ctx = run.context(null, ResponseJournal.NONE);
        String format = run.parameter("label_format");
        EntryBatches.run(run, "shipments", COLUMNS, CHUNK, "ready", (entries, from, to) -> {
            List<ObjectNode> rows = new ArrayList<>();
            for (int j = from; j < to; j++) rows.add(label(ctx, j, String.valueOf(entries.get(j).get("shipment_id")), format));
            return rows;
        });
    }

    private ObjectNode label(CommandContext ctx, int index, String shipmentId, String format) {
        ObjectNode row = Json.object().put("index", index).put("shipment_id", shipmentId);
        try {
            Order order = platform.fulfillments.orderOfShipment(ctx, shipmentId);
            row.put("order_id", order.id());
            String outcome = labels.render(ctx.tenantId(), order.id(), shipmentId);
            Order now = platform.fulfillments.orderOfShipment(ctx, shipmentId);
            ObjectNode label = ShipmentLabelViews.label(now, now.requireChild(Shipment.class, shipmentId, "shipment.not_found"), format,
                    platform.documentStorage, platform.clock);
            row.put("status", "ok").put("outcome", outcome);
            if (label.hasNonNull("document_id")) row.put("document_id", label.path("document_id").asText());
            return row;
        } catch (RuntimeException e) {
            return Problem.failed(row, e);
        }
    }
}
