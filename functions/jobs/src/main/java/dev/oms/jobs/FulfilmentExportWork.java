package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.port.AuditFilter;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.ResponseJournal;
import dev.oms.app.port.StoredEvent;
import dev.oms.app.shipping.ShipmentFacts;
import dev.oms.domain.DomainException;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Shipment;
import dev.oms.domain.shipping.Manifest;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.DynamoShippingRecords;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A warehouse export ({@code POST /v1/fulfillment/exports}, kind {@code fulfillment_export}) to CSV or NDJSON:
 * {@code shipments} created in the window (one row per shipment, as it is now), {@code manifests} created in the window,
 * or {@code exceptions} (the window's shipments in {@code exception}, {@code returned_to_sender} or {@code cancelled}).
 * It follows the tenant's {@code shipment.created} / {@code manifest.created} events by time (the audit index), a page
 * at a time, each page's rows written as a part and the page position saved as the checkpoint, so a resumed run goes
 * on where it stopped; {@code warehouse_id} narrows to one warehouse.
 */
final class FulfilmentExportWork implements JobWork {
    static final List<String> SHIPMENT_COLUMNS = List.of("shipment_id", "order_id", "warehouse_id", "carrier", "service_code", "status",
            "tracking_numbers", "parcel_count", "weight_grams", "label_status", "created_at", "delivered_at", "cancelled_at", "void_status");
    static final List<String> MANIFEST_COLUMNS = List.of("manifest_id", "warehouse_id", "carrier", "dispatch_date", "timezone", "cutoff", "status",
            "shipment_count", "scan_form_id", "created_at", "submitted_at");
    static final Set<String> EXCEPTIONS = Set.of("exception", "returned_to_sender", Shipment.CANCELLED);
    private static final int PAGE = 100;

    private final Platform platform;
    private volatile DynamoShippingRecords records;

    FulfilmentExportWork(Platform platform) { this.platform = platform; }

    @Override
    public void run(JobRun run) {
        if (records == null) records = new DynamoShippingRecords(platform.table, platform.ids);
        String type = run.parameter("type");
        String format = run.parameter("format");
        String warehouse = run.parameter("warehouse_id");
        Instant from = run.parameter("from") == null ? null : Instant.parse(run.parameter("from"));
        Instant to = run.parameter("to") == null ? null : Instant.parse(run.parameter("to"));
        boolean manifests = "manifests".equals(type);
        Report file = new Report(run.store(), run.tenantId(), run.id(), format, manifests ? MANIFEST_COLUMNS : SHIPMENT_COLUMNS);
        CommandContext ctx = run.context(null, ResponseJournal.NONE);
        AuditFilter filter = new AuditFilter(null, manifests ? "manifest.created" : "shipment.created", from, to);
        JobCounts counts = run.counts();
        Map<String, Long> summary = new LinkedHashMap<>(run.summary());
        String position = run.checkpoint();
        boolean first = position == null;
        while (first || position != null) {
            first = false;
            if (!run.proceed(true)) return;
            Page<StoredEvent> page = platform.audit.search(ctx, filter, new PageRequest(position, PAGE));
            List<ObjectNode> rows = new ArrayList<>();
            for (StoredEvent e : page.items()) {
                ObjectNode row = manifests ? manifest(ctx, e, warehouse) : shipment(ctx, e, warehouse, "exceptions".equals(type));
                if (row != null) rows.add(row);
            }
            file.writePart(counts.processed(), rows);
            counts = counts.plus(rows.size(), 0, 0);
            summary.merge("rows", (long) rows.size(), Long::sum);
            position = page.nextPosition();
            run.checkpoint(counts, position, summary);
        }
        String key = file.assemble();
        run.complete(key == null ? Map.of() : Map.of("download", key));
    }

    private ObjectNode shipment(CommandContext ctx, StoredEvent e, String warehouse, boolean exceptionsOnly) {
        if (!(e.data().get("shipment_id") instanceof String id) || e.orderId() == null) return null;
        Order o;
        try {
            o = platform.fulfillments.order(ctx, e.orderId());
        } catch (DomainException gone) {
            return null; // a deleted order's shipments leave the export
        }
        Shipment s = o.child(Shipment.class, id).orElse(null);
        if (s == null) return null;
        String wh = ShipmentFacts.warehouseOf(o, s);
        if (warehouse != null && !warehouse.equals(wh)) return null;
        if (exceptionsOnly && !EXCEPTIONS.contains(s.statusWire())) return null;
        ObjectNode row = Json.object().put("shipment_id", s.id()).put("order_id", o.id()).put("warehouse_id", wh).put("carrier", s.carrier())
                .put("service_code", s.serviceCode()).put("status", s.statusWire()).put("tracking_numbers", String.join(" ", s.trackingNumbers()))
                .put("parcel_count", s.parcels().size()).put("label_status", s.labelStatus())
                .put("created_at", Times.format(s.createdAt())).put("delivered_at", Times.format(s.deliveredAt()));
        if (s.weightGrams() != null) row.put("weight_grams", s.weightGrams()); else row.putNull("weight_grams");
        row.put("cancelled_at", s.cancellation() == null ? null : Times.format(s.cancellation().at()));
        row.put("void_status", s.cancellation() == null ? null : s.cancellation().voidStatus());
        return row;
    }

    private ObjectNode manifest(CommandContext ctx, StoredEvent e, String warehouse) {
        if (!(e.data().get("manifest_id") instanceof String id)) return null;
        Manifest m = records.find(ctx.tenantId(), Manifest.class, id).orElse(null);
        if (m == null || (warehouse != null && !warehouse.equals(m.warehouseId()))) return null;
        return Json.object().put("manifest_id", m.id()).put("warehouse_id", m.warehouseId()).put("carrier", m.carrier())
                .put("dispatch_date", m.dispatchDate().toString()).put("timezone", m.timezone()).put("cutoff", m.cutoff().toString())
                .put("status", m.status()).put("shipment_count", m.shipments().size()).put("scan_form_id", m.scanFormId())
                .put("created_at", Times.format(m.createdAt())).put("submitted_at", Times.format(m.submittedAt()));
    }
}
