package dev.oms.app.port;

import dev.oms.app.connector.CarrierService.TrackingReport;
import dev.oms.domain.DomainEvent;
import java.util.List;

/**
 * Carrier tracking reports for a tracking number no shipment of the tenant has (a label bought outside the OMS, a
 * mistyped reference): kept per tracking number (the latest reports), written with their event and the idempotent
 * response in one transaction, so operations can see them and nothing a carrier said is lost.
 */
public interface UnmatchedTrackingStore {
    void record(String tenantId, String carrier, String trackingNumber, List<TrackingReport> reports, DomainEvent event, CommandMeta meta,
                IdempotencyRecord idempotency);
}
