package dev.oms.app.port;

import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.shipping.Manifest;
import dev.oms.domain.shipping.ShippingRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The seed 003 shipping aggregates that are not order children (manifests, QC inspections, vendor shipments, ASNs).
 * {@link #save} writes the record on its expected version (version 1: it must not exist yet), its events (with the
 * record as their subject), its claims and the idempotent response in one transaction; a lost version race is a
 * {@link ConcurrentUpdateException}.
 */
public interface ShippingRecordStore {
    <T extends ShippingRecord> Optional<T> find(String tenantId, Class<T> type, String id);

    /** The manifests of a warehouse and carrier for one dispatch day (a submitted one and the draft after it, at most a few). */
    List<Manifest> manifests(String tenantId, String warehouseId, String carrier, LocalDate dispatchDate);

    /** The manifest of a warehouse and carrier with the latest dispatch day, whose schedule the next one inherits. */
    Optional<Manifest> latestManifest(String tenantId, String warehouseId, String carrier);

    void save(String tenantId, ShippingRecord next, List<DomainEvent> events, CommandMeta meta, List<Claim> claims, IdempotencyRecord idempotency);

    /** The id of the record that took a claim's name, if any took it. */
    Optional<String> claimant(String tenantId, String name);

    /**
     * A name only one record may ever take (a shipment on one manifest, one ASN per reference): written with the record,
     * and when it is taken already the save fails with {@code ifTaken}.
     */
    record Claim(String name, DomainException ifTaken) { }
}
