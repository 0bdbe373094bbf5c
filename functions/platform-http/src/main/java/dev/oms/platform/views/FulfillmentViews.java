package dev.oms.platform.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Parcel;
import dev.oms.domain.order.Shipment;
import dev.oms.domain.order.TrackingEvent;
import dev.oms.platform.dynamo.FulfillmentShapes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;

/** JSON of fulfilments, shipments and their tracking (the saga's task token is never shown). */
public final class FulfillmentViews {
    private FulfillmentViews() { }

    public static ObjectNode fulfillment(Order order, Fulfillment f) {
        ObjectNode o = FulfillmentShapes.fields(f);
        if (f.warehouseView().requestedShipDate() != null) o.put("requested_ship_date", Times.format(f.warehouseView().requestedShipDate()));
        o.put("order_id", order.id());
        o.put("order_version", order.version());
        return o;
    }

    public static ObjectNode shipment(Order order, Shipment s) {
        ObjectNode o = Json.object();
        o.put("id", s.id());
        o.put("order_id", order.id());
        ArrayNode fs = o.putArray("fulfillment_ids");
        s.fulfillmentIds().forEach(fs::add);
        o.put("carrier", s.carrier());
        o.put("service_code", s.serviceCode());
        o.put("status", s.statusWire());
        ArrayNode tracking = o.putArray("tracking_numbers");
        s.trackingNumbers().forEach(tracking::add);
        ArrayNode parcels = o.putArray("parcels");
        for (Parcel p : s.parcels()) parcels.addObject().put("tracking_number", p.trackingNumber()).put("status", p.status().wire());
        if (s.weightGrams() != null) o.put("weight_grams", s.weightGrams());
        if (s.dimensions() != null) {
            o.putObject("dimensions").put("length_mm", s.dimensions().lengthMm()).put("width_mm", s.dimensions().widthMm())
                    .put("height_mm", s.dimensions().heightMm());
        }
        ObjectNode label = o.putObject("label");
        label.put("status", s.labelStatus());
        label.put("reference", s.labelReference());
        label.put("document_id", s.labelDocumentId());
        label.put("zpl_document_id", s.zplDocumentId());
        label.put("url", "/v1/orders/shipments/" + s.id() + "/label");
        o.put("created_by", s.createdBy());
        o.put("created_at", Times.format(s.createdAt()));
        o.put("delivered_at", Times.format(s.deliveredAt()));
        if (s.cancellation() != null) {
            o.putObject("cancellation").put("cancelled_at", Times.format(s.cancellation().at())).put("cancelled_by", s.cancellation().by())
                    .put("reason", s.cancellation().reason()).put("void_status", s.cancellation().voidStatus());
        }
        o.put("order_version", order.version());
        return o;
    }

    /** The shipment's merged status, each parcel's, and every carrier report (oldest first; {@code applied} false for late ones). */
    public static ObjectNode tracking(Order order, Shipment s, boolean refreshed) {
        ObjectNode o = Json.object();
        o.put("shipment_id", s.id());
        o.put("order_id", order.id());
        o.put("carrier", s.carrier());
        o.put("status", s.statusWire());
        o.put("refreshed", refreshed);
        ArrayNode parcels = o.putArray("parcels");
        for (Parcel p : s.parcels()) {
            ObjectNode x = parcels.addObject().put("tracking_number", p.trackingNumber()).put("status", p.status().wire());
            ArrayNode evs = x.putArray("events");
            for (TrackingEvent e : s.events()) if (e.trackingNumber().equals(p.trackingNumber())) evs.add(event(e));
        }
        ArrayNode events = o.putArray("events");
        for (TrackingEvent e : s.events()) events.add(event(e));
        o.put("delivered_at", Times.format(s.deliveredAt()));
        o.put("shipping_status", order.state().shippingStatus);
        return o;
    }

    private static ObjectNode event(TrackingEvent e) {
        return Json.object().put("id", e.id()).put("tracking_number", e.trackingNumber()).put("status", e.status().wire())
                .put("occurred_at", Times.format(e.occurredAt())).put("location", e.location()).put("description", e.description())
                .put("source", e.source()).put("applied", e.applied());
    }
}
