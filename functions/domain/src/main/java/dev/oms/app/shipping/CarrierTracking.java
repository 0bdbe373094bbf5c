package dev.oms.app.shipping;

import dev.oms.app.CommandContext;
import dev.oms.app.FulfillmentService;
import dev.oms.app.connector.CarrierService.TrackingReport;
import dev.oms.app.connector.registry.LabelPurchases;
import dev.oms.app.port.UnmatchedTrackingStore;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Shipment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A carrier's tracking reports for one tracking number (seed 003 section 13, {@code POST /v1/fulfillment/webhook/carrier}):
 * the shipment is found by the reference the OMS gave the carrier when it booked (the shipment id), else by the
 * tracking number of a label bought through a carrier connector that records its purchases (EasyPost); its tracking
 * and the order's {@code shipping_status} move through the canonical {@link FulfillmentService#track}. Reports for a
 * tracking number no shipment has are recorded ({@code carrier.tracking_unmatched}), never dropped.
 */
public final class CarrierTracking {
    /** The carrier connectors whose bought labels lead from a tracking number to the OMS shipment. */
    static final List<String> RECORDING_ADAPTERS = List.of("easypost");

    private final FulfillmentService fulfillments;
    private final LabelPurchases labels;
    private final UnmatchedTrackingStore unmatched;
    private final ShippingCommits commits;

    public CarrierTracking(FulfillmentService fulfillments, LabelPurchases labels, UnmatchedTrackingStore unmatched, ShippingCommits commits) {
        this.fulfillments = fulfillments;
        this.labels = labels;
        this.unmatched = unmatched;
        this.commits = commits;
    }

    /** The reports of a tracking number no shipment has, recorded. */
    public record Unmatched(String trackingNumber) { }

    /**
     * Applies the reports: answers the shipment tracked ({@link FulfillmentService.Shipped}, the result the order's
     * transaction commits with the idempotency record) or {@link Unmatched}.
     */
    public Object receive(CommandContext ctx, String carrier, String shipmentReference, String trackingNumber, List<TrackingReport> reports) {
        String[] found = find(ctx, shipmentReference, trackingNumber);
        if (found != null) return fulfillments.track(ctx, found[0], found[1], reports, "carrier");
        Unmatched result = new Unmatched(trackingNumber);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("tracking_number", trackingNumber);
        if (carrier != null) d.put("carrier", carrier);
        if (shipmentReference != null) d.put("shipment_reference", shipmentReference);
        d.put("statuses", reports.stream().map(TrackingReport::status).toList());
        unmatched.record(ctx.tenantId(), carrier, trackingNumber, reports, new DomainEvent("carrier.tracking_unmatched", d, null, Map.of()),
                commits.meta(ctx), ctx.journal().recordFor(result));
        ctx.journal().written();
        return result;
    }

    /** The order and shipment with this tracking number, or null. */
    private String[] find(CommandContext ctx, String shipmentReference, String trackingNumber) {
        if (shipmentReference != null) {
            try {
                Order o = fulfillments.orderOfShipment(ctx, shipmentReference);
                Shipment s = o.requireChild(Shipment.class, shipmentReference, "shipment.not_found");
                if (s.trackingNumbers().contains(trackingNumber)) return new String[] {o.id(), s.id()};
            } catch (DomainException notOurs) {
                // another tenant's or no shipment: unmatched
            }
        }
        for (String adapter : RECORDING_ADAPTERS) {
            String[] hit = labels.vendorShipmentOfTracking(ctx.tenantId(), adapter, trackingNumber)
                    .flatMap(v -> labels.shipmentOf(ctx.tenantId(), adapter, v)).orElse(null);
            if (hit != null) return hit;
        }
        return null;
    }
}
