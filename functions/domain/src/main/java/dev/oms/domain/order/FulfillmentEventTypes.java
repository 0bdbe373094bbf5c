package dev.oms.domain.order;

import java.util.Set;

/** The event types of fulfilments, shipments and tracking; part of {@link OrderEventTypes#ALL}. */
public final class FulfillmentEventTypes {
    public static final Set<String> ALL = Set.of(
            "fulfillment.requested", "fulfillment.created", "fulfillment.updated", "fulfillment.cancelled",
            "fulfillment.delivered", "order.shipped", "shipment.created", "shipment.label_ready",
            "shipment.tracking_updated", "shipment.delivered", "shipment.label_regenerated", TrackingSilence.EVENT,
            // seed 003: the warehouse's steps on the same fulfilment
            "fulfillment.warehouse_status_changed", "fulfillment.allocated", "fulfillment.allocation_released");

    private FulfillmentEventTypes() { }
}
