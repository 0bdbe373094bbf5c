package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.Parcel;
import dev.oms.domain.order.Shipment;
import dev.oms.domain.order.TrackingEvent;
import dev.oms.domain.order.TrackingStatus;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores an order's shipments with their parcels and tracking events (at most {@link Shipment#MAX_EVENTS}).
 * Addressable: {@code /v1/orders/shipments/{shipmentId}/...} names a shipment alone.
 */
final class ShipmentCodec implements ChildCodec<Shipment> {
    @Override public String kind() { return "shipment"; }
    @Override public Class<Shipment> type() { return Shipment.class; }
    @Override public boolean addressable() { return true; }

    @Override
    public ObjectNode toItem(Shipment s) {
        ObjectNode o = Json.object();
        o.put("id", s.id());
        ArrayNode fs = o.putArray("fulfillment_ids");
        s.fulfillmentIds().forEach(fs::add);
        o.put("carrier", s.carrier());
        o.put("service_code", s.serviceCode());
        ArrayNode parcels = o.putArray("parcels");
        for (Parcel p : s.parcels()) {
            parcels.addObject().put("tracking_number", p.trackingNumber()).put("status", p.status().wire()).put("progress", p.progress().wire());
        }
        if (s.weightGrams() != null) o.put("weight_grams", s.weightGrams());
        if (s.dimensions() != null) {
            o.putObject("dimensions").put("length_mm", s.dimensions().lengthMm()).put("width_mm", s.dimensions().widthMm())
                    .put("height_mm", s.dimensions().heightMm());
        }
        o.put("label_reference", s.labelReference());
        o.put("label_status", s.labelStatus());
        o.put("label_document_id", s.labelDocumentId());
        o.put("zpl_document_id", s.zplDocumentId());
        ArrayNode events = o.putArray("events");
        for (TrackingEvent e : s.events()) {
            events.addObject().put("id", e.id()).put("tracking_number", e.trackingNumber()).put("status", e.status().wire())
                    .put("occurred_at", Times.format(e.occurredAt())).put("location", e.location()).put("description", e.description())
                    .put("source", e.source()).put("applied", e.applied());
        }
        o.put("created_by", s.createdBy());
        o.put("created_at", Times.format(s.createdAt()));
        o.put("updated_at", Times.format(s.updatedAt()));
        o.put("delivered_at", Times.format(s.deliveredAt()));
        if (s.cancellation() != null) {
            Shipment.Cancellation c = s.cancellation();
            o.putObject("cancellation").put("at", Times.format(c.at())).put("by", c.by()).put("reason", c.reason()).put("void_status", c.voidStatus());
        }
        return o;
    }

    @Override
    public Shipment fromItem(JsonNode o) {
        List<Parcel> parcels = new ArrayList<>();
        for (JsonNode p : o.path("parcels")) {
            parcels.add(new Parcel(text(p, "tracking_number"), TrackingStatus.fromWire(text(p, "status")), TrackingStatus.fromWire(text(p, "progress"))));
        }
        List<TrackingEvent> events = new ArrayList<>();
        for (JsonNode e : o.path("events")) {
            events.add(new TrackingEvent(text(e, "id"), text(e, "tracking_number"), TrackingStatus.fromWire(text(e, "status")),
                    Times.parse(text(e, "occurred_at")), text(e, "location"), text(e, "description"), text(e, "source"),
                    e.path("applied").asBoolean()));
        }
        JsonNode d = o.path("dimensions");
        JsonNode c = o.path("cancellation");
        Shipment.Cancellation cancellation = c.isObject()
                ? new Shipment.Cancellation(Times.parse(text(c, "at")), text(c, "by"), text(c, "reason"), text(c, "void_status")) : null;
        Shipment.Dimensions dims = d.isObject() ? new Shipment.Dimensions(d.path("length_mm").asInt(), d.path("width_mm").asInt(), d.path("height_mm").asInt()) : null;
        return new Shipment(text(o, "id"), FulfillmentCodec.strings(o.path("fulfillment_ids")), text(o, "carrier"), text(o, "service_code"),
                parcels, o.hasNonNull("weight_grams") ? o.get("weight_grams").asInt() : null, dims, text(o, "label_reference"),
                text(o, "label_status"), text(o, "label_document_id"), text(o, "zpl_document_id"), events, text(o, "created_by"),
                Times.parse(text(o, "created_at")), Times.parse(text(o, "updated_at")), Times.parse(text(o, "delivered_at")), cancellation);
    }
}
