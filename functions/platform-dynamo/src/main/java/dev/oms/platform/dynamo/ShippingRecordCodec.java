package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.shipping.Asn;
import dev.oms.domain.shipping.Manifest;
import dev.oms.domain.shipping.QcInspection;
import dev.oms.domain.shipping.ShippingRecord;
import dev.oms.domain.shipping.VendorShipment;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** The item attributes of each shipping record ({@code type} names it), both ways. */
final class ShippingRecordCodec {
    private ShippingRecordCodec() { }

    static ObjectNode write(ShippingRecord r) {
        ObjectNode o = Json.object();
        o.put("id", r.id());
        o.put("version", r.version());
        o.put("type", r.aggregateType());
        switch (r) {
            case Manifest m -> {
                o.put("warehouse_id", m.warehouseId()).put("carrier", m.carrier()).put("dispatch_date", m.dispatchDate().toString())
                        .put("timezone", m.timezone()).put("cutoff", m.cutoff().toString()).put("status", m.status())
                        .put("scan_form_id", m.scanFormId()).put("scan_form_url", m.scanFormUrl()).put("created_by", m.createdBy())
                        .put("created_at", Times.format(m.createdAt())).put("updated_at", Times.format(m.updatedAt())).put("submitted_at", Times.format(m.submittedAt()))
                        .put("answered_at", Times.format(m.answeredAt())).put("rejection_reason", m.rejectionReason());
                ArrayNode a = o.putArray("shipments");
                for (Manifest.Entry e : m.shipments()) {
                    ObjectNode x = a.addObject().put("shipment_id", e.shipmentId()).put("order_id", e.orderId()).put("label_bought_at", Times.format(e.labelBoughtAt()));
                    e.trackingNumbers().forEach(x.putArray("tracking_numbers")::add);
                }
            }
            case QcInspection q -> {
                o.put("subject_type", q.subjectType()).put("subject_id", q.subjectId()).put("order_id", q.orderId()).put("status", q.status())
                        .put("outcome", q.outcome()).put("disposition", q.disposition()).put("notes", q.notes()).put("created_by", q.createdBy())
                        .put("created_at", Times.format(q.createdAt())).put("updated_at", Times.format(q.updatedAt())).put("resolved_at", Times.format(q.resolvedAt()));
                ArrayNode a = o.putArray("findings");
                for (QcInspection.Finding f : q.findings()) {
                    ObjectNode x = a.addObject().put("id", f.id()).put("note", f.note()).put("severity", f.severity()).put("recorded_by", f.recordedBy())
                            .put("recorded_at", Times.format(f.recordedAt()));
                    ArrayNode photos = x.putArray("photos");
                    for (QcInspection.Photo p : f.photos()) photos.addObject().put("storage_key", p.storageKey()).put("content_type", p.contentType()).put("size_bytes", p.sizeBytes());
                }
            }
            case VendorShipment v -> {
                o.put("supplier_id", v.supplierId()).put("reference_type", v.referenceType()).put("reference", v.reference()).put("return_id", v.returnId())
                        .put("order_id", v.orderId()).put("from_warehouse_id", v.fromWarehouseId()).put("carrier", v.carrier()).put("service_code", v.serviceCode())
                        .put("status", v.status()).put("created_by", v.createdBy()).put("created_at", Times.format(v.createdAt()));
                v.trackingNumbers().forEach(o.putArray("tracking_numbers")::add);
                ArrayNode a = o.putArray("lines");
                for (VendorShipment.Line l : v.lines()) {
                    ObjectNode x = a.addObject().put("sku", l.sku()).put("quantity", l.quantity());
                    l.serials().forEach(x.putArray("serials")::add);
                }
            }
            case Asn s -> {
                o.put("asn_reference", s.asnReference()).put("partner_id", s.partnerId()).put("expected_arrival", Times.format(s.expectedArrival()))
                        .put("status", s.status()).put("created_by", s.createdBy()).put("created_at", Times.format(s.createdAt()));
                ArrayNode a = o.putArray("shipments");
                for (Asn.Shipment x : s.shipments()) {
                    ObjectNode y = a.addObject().put("shipment_id", x.shipmentId()).put("order_id", x.orderId()).put("carrier", x.carrier());
                    x.trackingNumbers().forEach(y.putArray("tracking_numbers")::add);
                }
            }
            default -> throw new IllegalArgumentException("unknown shipping record " + r.getClass());
        }
        return o;
    }

    static ShippingRecord read(JsonNode i) {
        String id = Shapes.text(i, "id");
        long version = i.path("version").asLong();
        return switch (Shapes.text(i, "type")) {
            case "manifest" -> {
                List<Manifest.Entry> entries = new ArrayList<>();
                for (JsonNode e : i.path("shipments")) {
                    entries.add(new Manifest.Entry(Shapes.text(e, "shipment_id"), Shapes.text(e, "order_id"), texts(e.path("tracking_numbers")),
                            Times.parse(Shapes.text(e, "label_bought_at"))));
                }
                yield new Manifest(id, Shapes.text(i, "warehouse_id"), Shapes.text(i, "carrier"), LocalDate.parse(Shapes.text(i, "dispatch_date")),
                        Shapes.text(i, "timezone"), LocalTime.parse(Shapes.text(i, "cutoff")), Shapes.text(i, "status"), entries, Shapes.text(i, "scan_form_id"),
                        Shapes.text(i, "scan_form_url"), version, Shapes.text(i, "created_by"), time(i, "created_at"), time(i, "updated_at"), time(i, "submitted_at"),
                        time(i, "answered_at"), Shapes.text(i, "rejection_reason"));
            }
            case "qc_inspection" -> {
                List<QcInspection.Finding> findings = new ArrayList<>();
                for (JsonNode f : i.path("findings")) {
                    List<QcInspection.Photo> photos = new ArrayList<>();
                    for (JsonNode p : f.path("photos")) photos.add(new QcInspection.Photo(Shapes.text(p, "storage_key"), Shapes.text(p, "content_type"), p.path("size_bytes").asLong()));
                    findings.add(new QcInspection.Finding(Shapes.text(f, "id"), Shapes.text(f, "note"), Shapes.text(f, "severity"), photos,
                            Shapes.text(f, "recorded_by"), time(f, "recorded_at")));
                }
                yield new QcInspection(id, Shapes.text(i, "subject_type"), Shapes.text(i, "subject_id"), Shapes.text(i, "order_id"), Shapes.text(i, "status"),
                        findings, Shapes.text(i, "outcome"), Shapes.text(i, "disposition"), Shapes.text(i, "notes"), version, Shapes.text(i, "created_by"),
                        time(i, "created_at"), time(i, "updated_at"), time(i, "resolved_at"));
            }
            case "vendor_shipment" -> {
                List<VendorShipment.Line> lines = new ArrayList<>();
                for (JsonNode l : i.path("lines")) lines.add(new VendorShipment.Line(Shapes.text(l, "sku"), l.path("quantity").asLong(), texts(l.path("serials"))));
                yield new VendorShipment(id, Shapes.text(i, "supplier_id"), Shapes.text(i, "reference_type"), Shapes.text(i, "reference"), Shapes.text(i, "return_id"),
                        Shapes.text(i, "order_id"), Shapes.text(i, "from_warehouse_id"), lines, Shapes.text(i, "carrier"), Shapes.text(i, "service_code"),
                        texts(i.path("tracking_numbers")), Shapes.text(i, "status"), version, Shapes.text(i, "created_by"), time(i, "created_at"));
            }
            case "asn" -> {
                List<Asn.Shipment> shipments = new ArrayList<>();
                for (JsonNode s : i.path("shipments")) {
                    shipments.add(new Asn.Shipment(Shapes.text(s, "shipment_id"), Shapes.text(s, "order_id"), Shapes.text(s, "carrier"), texts(s.path("tracking_numbers"))));
                }
                yield new Asn(id, Shapes.text(i, "asn_reference"), Shapes.text(i, "partner_id"), shipments, time(i, "expected_arrival"), Shapes.text(i, "status"),
                        version, Shapes.text(i, "created_by"), time(i, "created_at"));
            }
            default -> throw new IllegalStateException("unknown shipping record type in " + id);
        };
    }

    private static java.time.Instant time(JsonNode n, String field) { return Times.parse(Shapes.text(n, field)); }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
