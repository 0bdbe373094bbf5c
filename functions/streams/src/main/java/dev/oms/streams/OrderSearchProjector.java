package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.search.OrderSearchProjection;
import dev.oms.platform.events.EventEnvelope;
import dev.oms.platform.events.StreamImages;
import dev.oms.platform.observability.Observability;
import dev.oms.platform.search.OpenSearchOrders;
import dev.oms.platform.dynamo.DynamoOrderRepository;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.ids.UlidIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the order search index (OpenSearch) up to date from the table's stream: every change of an order writes an
 * event item in its transaction, so each new event item names an order to re-project. The orders of a batch are
 * projected once each, in the order they first appear, from the table as it is now ({@link OrderSearchProjection}):
 * the document carries the order's version, and the index refuses a version older than the one it holds. A
 * hard-deleted order is removed. When an order fails (the engine is down), the batch reports that order's first
 * record as failed, so Lambda retries from there (ReportBatchItemFailures).
 */
public final class OrderSearchProjector implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final OrderSearchProjection projection;

    public OrderSearchProjector() { this(projection()); }

    public OrderSearchProjector(OrderSearchProjection projection) { this.projection = projection; }

    private static OrderSearchProjection projection() {
        OpenSearchOrders engine = OpenSearchOrders.fromEnvironment();
        return engine == null ? null : new OrderSearchProjection(new DynamoOrderRepository(SingleTable.fromEnvironment(), new UlidIds()), engine);
    }

    /** An order named by the batch: its first record (where a retry starts) and the newest version seen. */
    private record Pending(String tenant, String orderId, String firstSequenceNumber, long version) { }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        if (projection == null) {
            Observability.log().warn("search is not configured (OMS_SEARCH_ENDPOINT): {} records skipped", event.getRecords().size());
            return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
        }
        Map<String, Pending> orders = new LinkedHashMap<>();
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            if (!"INSERT".equals(r.getEventName()) || r.getDynamodb() == null) continue;
            ObjectNode item = StreamImages.toJson(r.getDynamodb().getNewImage());
            if (!EventEnvelope.isEventItem(item)) continue;
            String tenant = item.path("tenant_id").asText(null), orderId = item.path("order_id").asText(null);
            if (tenant == null || orderId == null || orderId.isEmpty()) continue;
            long version = item.path("sequence").asLong();
            orders.merge(tenant + "\n" + orderId, new Pending(tenant, orderId, r.getDynamodb().getSequenceNumber(), version),
                    (before, now) -> new Pending(before.tenant(), before.orderId(), before.firstSequenceNumber(), Math.max(before.version(), now.version())));
        }
        List<Pending> ordered = new ArrayList<>(orders.values());
        int projected = 0;
        for (Pending p : ordered) {
            try {
                projection.project(p.tenant(), p.orderId(), p.version());
                projected++;
            } catch (RuntimeException e) {
                Observability.error("indexing order " + p.orderId() + " failed", e);
                // Lambda retries from this order's first record: the orders before it are done, and every order after
                // it first appeared later in the batch, so none is skipped
                return StreamsEventResponse.builder().withBatchItemFailures(List.of(
                        StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(p.firstSequenceNumber()).build())).build();
            }
        }
        Observability.log().info("indexed {} orders", projected);
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }
}
