package dev.oms.app.port;

import dev.oms.domain.DomainEvent;
import dev.oms.domain.warehouse.pack.FulfilmentPacking;
import dev.oms.domain.warehouse.pack.PackStation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pack stations and each fulfilment's packing record (seed 003 sections 3 and 10), each written on its expected version
 * (version 1: it must not exist yet; a lost race is a {@link ConcurrentUpdateException}) with its events and the
 * idempotent response in one transaction. A packing record's new {@link TraceLink}s go into the same transaction: a
 * serial link is the tenant's one claim on that SKU's serial (taken: 409 {@code serial.already_assigned}); the links
 * answer traceability by serial or lot.
 */
public interface PackingStore {
    Optional<PackStation> station(String tenantId, String stationId);

    void saveStation(String tenantId, PackStation next, List<DomainEvent> events, CommandMeta meta, IdempotencyRecord idempotency);

    Optional<FulfilmentPacking> packing(String tenantId, String fulfillmentId);

    void savePacking(String tenantId, FulfilmentPacking next, List<DomainEvent> events, List<TraceLink> links, CommandMeta meta,
                     IdempotencyRecord idempotency);

    /** The links of a serial or lot ({@code kind} {@link TraceLink#SERIAL} or {@link TraceLink#LOT}), at most {@code limit}. */
    List<TraceLink> trace(String tenantId, String kind, String value, int limit);

    /** A serial or lot of a SKU that went to an order line of a fulfilment ({@code reference}: the lot consumption's id). */
    record TraceLink(String kind, String value, String sku, String fulfillmentId, String orderId, String lineId, long quantity, String reference,
                     Instant at) {
        public static final String SERIAL = "serial", LOT = "lot";
    }
}
