package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.CarrierService.TrackingReport;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.UnmatchedTrackingStore;
import dev.oms.domain.DomainEvent;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * Unmatched carrier reports under {@code T#{tenant}#UNMATCHED_TRACKING#{trackingNumber}} (item {@code A}: the latest
 * {@value #MAX_REPORTS} reports and a version; its {@code carrier.tracking_unmatched} events in the same partition).
 */
public final class DynamoUnmatchedTracking implements UnmatchedTrackingStore {
    static final int MAX_REPORTS = 50, MAX_ATTEMPTS = 5;

    private final SingleTable table;
    private final IdGenerator ids;

    public DynamoUnmatchedTracking(SingleTable table, IdGenerator ids) {
        this.table = table;
        this.ids = ids;
    }

    static String key(String tenant, String trackingNumber) { return "T#" + tenant + "#UNMATCHED_TRACKING#" + trackingNumber; }

    @Override
    public void record(String tenantId, String carrier, String trackingNumber, List<TrackingReport> reports, DomainEvent event, CommandMeta meta,
                       IdempotencyRecord idempotency) {
        String pk = key(tenantId, trackingNumber);
        for (int attempt = 1; ; attempt++) {
            JsonNode current = table.get(pk, Keys.SINGLE).orElse(null);
            long version = current == null ? 0 : current.path("version").asLong();
            List<JsonNode> kept = new ArrayList<>();
            if (current != null) current.path("reports").forEach(kept::add);
            for (TrackingReport r : reports) {
                kept.add(Json.object().put("id", r.id()).put("status", r.status()).put("occurred_at", Times.format(r.occurredAt()))
                        .put("location", r.location()).put("description", r.description()));
            }
            while (kept.size() > MAX_REPORTS) kept.remove(0);
            ObjectNode item = Json.object();
            item.put(Keys.PK, pk).put(Keys.SK, Keys.SINGLE).put("type", "unmatched_tracking").put("tracking_number", trackingNumber)
                    .put("carrier", carrier).put("version", version + 1).put("updated_at", Times.format(meta.occurredAt()));
            ArrayNode a = item.putArray("reports");
            kept.forEach(a::add);
            TableTransaction tx = table.transaction().put(item, version == 0 ? AggregateWrites.isNew() : AggregateWrites.versionIs(version));
            AggregateWrites.addEvents(ids, tx, pk, tenantId, "carrier_tracking", trackingNumber, version + 1, List.of(event), meta);
            try {
                AggregateWrites.commit(table, tx, idempotency);
                return;
            } catch (ConcurrentUpdateException lost) {
                if (attempt >= MAX_ATTEMPTS) throw lost;
            }
        }
    }
}
