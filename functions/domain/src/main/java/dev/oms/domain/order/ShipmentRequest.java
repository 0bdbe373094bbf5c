package dev.oms.domain.order;

import java.util.List;

/**
 * A shipment to record: the fulfilments in it, the carrier and service that took it, one tracking number per parcel
 * (booked with the carrier when the request brought none), a label of the sender's own ({@code labelReference}, then no
 * label is rendered), weight in grams and size.
 */
public record ShipmentRequest(List<String> fulfillmentIds, String carrier, String serviceCode, List<String> trackingNumbers,
                              String labelReference, Integer weightGrams, Shipment.Dimensions dimensions) {
    public static final int MAX_PARCELS = 50;
    /**
     * Fulfilments per shipment: its delivery writes each of them and an event each, with the shipment, its events, the
     * header and the idempotency record, in one transaction of at most 100 items.
     */
    public static final int MAX_FULFILLMENTS = 40;

    public ShipmentRequest {
        fulfillmentIds = List.copyOf(fulfillmentIds);
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
    }

    public ShipmentRequest booked(String bookedCarrier, String bookedService, List<String> bookedTracking) {
        return new ShipmentRequest(fulfillmentIds, bookedCarrier, bookedService, bookedTracking, labelReference, weightGrams, dimensions);
    }
}
