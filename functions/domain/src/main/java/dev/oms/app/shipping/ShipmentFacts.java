package dev.oms.app.shipping;

import dev.oms.app.CommandContext;
import dev.oms.app.FulfillmentService;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Shipment;
import java.time.Instant;
import java.util.List;

/**
 * What the shipping records need to know of an order's shipment, read through the canonical fulfilment use case (so
 * another tenant's shipment is 404 {@code shipment.not_found}): its order, warehouse (its fulfilments'), carrier,
 * parcels and when its label was bought (the carrier booked the parcels when the shipment was recorded).
 */
public record ShipmentFacts(String shipmentId, String orderId, String warehouseId, String carrier, List<String> trackingNumbers,
                            Instant labelBoughtAt, String status) {

    public static ShipmentFacts of(FulfillmentService fulfillments, CommandContext ctx, String shipmentId) {
        Order o = fulfillments.orderOfShipment(ctx, shipmentId);
        Shipment s = o.requireChild(Shipment.class, shipmentId, "shipment.not_found");
        String warehouse = warehouseOf(o, s);
        if (warehouse == null) throw DomainException.notFound("fulfillment.not_found", "Shipment " + shipmentId + " has no fulfilment");
        return new ShipmentFacts(s.id(), o.id(), warehouse, s.carrier(), s.trackingNumbers(), s.createdAt(), s.statusWire());
    }

    /** The warehouse a shipment leaves from: its (first) fulfilment's; null when none is found. */
    public static String warehouseOf(Order o, Shipment s) {
        return s.fulfillmentIds().stream().map(id -> o.child(Fulfillment.class, id)).flatMap(java.util.Optional::stream)
                .map(Fulfillment::warehouseId).findFirst().orElse(null);
    }
}
