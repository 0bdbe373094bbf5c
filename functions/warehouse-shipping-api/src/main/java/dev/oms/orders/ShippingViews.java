package dev.oms.orders;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.DocumentStorage;
import dev.oms.app.shipping.ManifestService;
import dev.oms.domain.shipping.Asn;
import dev.oms.domain.shipping.Manifest;
import dev.oms.domain.shipping.QcInspection;
import dev.oms.domain.shipping.VendorShipment;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.ShipmentLabelViews;

/** The JSON of the shipping records (the contract's {@code Manifest}, {@code QcInspection}, {@code VendorShipment}, {@code Asn}). */
final class ShippingViews {
    private ShippingViews() { }

    static ObjectNode manifest(Manifest m, String tenantId, DocumentStorage storage) {
        ObjectNode o = Json.object().put("id", m.id()).put("warehouse_id", m.warehouseId()).put("carrier", m.carrier())
                .put("dispatch_date", m.dispatchDate().toString()).put("timezone", m.timezone()).put("cutoff", m.cutoff().toString())
                .put("closes_at", Times.format(m.closesAt())).put("status", m.status());
        ArrayNode shipments = o.putArray("shipments");
        for (Manifest.Entry e : m.shipments()) {
            ObjectNode x = shipments.addObject().put("shipment_id", e.shipmentId()).put("order_id", e.orderId())
                    .put("label_bought_at", Times.format(e.labelBoughtAt()));
            e.trackingNumbers().forEach(x.putArray("tracking_numbers")::add);
        }
        o.put("scan_form_id", m.scanFormId()).put("scan_form_url", m.scanFormUrl());
        boolean filed = !Manifest.DRAFT.equals(m.status());
        o.put("manifest_file_url", filed ? storage.downloadUrl(ManifestService.fileKey(tenantId, m.id()), m.id() + ".csv", ShipmentLabelViews.LINK_TTL) : null);
        o.put("manifest_pdf_url", filed ? storage.downloadUrl(ManifestService.pdfKey(tenantId, m.id()), m.id() + ".pdf", ShipmentLabelViews.LINK_TTL) : null);
        o.put("version", m.version()).put("created_by", m.createdBy()).put("created_at", Times.format(m.createdAt()))
                .put("updated_at", Times.format(m.updatedAt())).put("submitted_at", Times.format(m.submittedAt()))
                .put("answered_at", Times.format(m.answeredAt())).put("rejection_reason", m.rejectionReason());
        return o;
    }

    static ObjectNode qc(QcInspection q) {
        ObjectNode o = Json.object().put("id", q.id()).put("subject_type", q.subjectType()).put("subject_id", q.subjectId())
                .put("order_id", q.orderId()).put("status", q.status());
        ArrayNode findings = o.putArray("findings");
        for (QcInspection.Finding f : q.findings()) {
            ObjectNode x = findings.addObject().put("id", f.id()).put("note", f.note()).put("severity", f.severity())
                    .put("recorded_by", f.recordedBy()).put("recorded_at", Times.format(f.recordedAt()));
            ArrayNode photos = x.putArray("photos");
            for (QcInspection.Photo p : f.photos()) photos.addObject().put("storage_key", p.storageKey()).put("content_type", p.contentType()).put("size_bytes", p.sizeBytes());
        }
        o.put("outcome", q.outcome()).put("disposition", q.disposition()).put("notes", q.notes()).put("version", q.version())
                .put("created_by", q.createdBy()).put("created_at", Times.format(q.createdAt())).put("updated_at", Times.format(q.updatedAt()))
                .put("resolved_at", Times.format(q.resolvedAt()));
        return o;
    }

    static ObjectNode vendorShipment(VendorShipment v) {
        ObjectNode o = Json.object().put("id", v.id()).put("supplier_id", v.supplierId()).put("reference_type", v.referenceType())
                .put("reference", v.reference()).put("return_id", v.returnId()).put("order_id", v.orderId()).put("from_warehouse_id", v.fromWarehouseId());
        ArrayNode lines = o.putArray("lines");
        for (VendorShipment.Line l : v.lines()) {
            ObjectNode x = lines.addObject().put("sku", l.sku()).put("qty", l.quantity());
            l.serials().forEach(x.putArray("serials")::add);
        }
        o.put("carrier", v.carrier()).put("service_code", v.serviceCode());
        v.trackingNumbers().forEach(o.putArray("tracking_numbers")::add);
        o.put("status", v.status()).put("version", v.version()).put("created_by", v.createdBy()).put("created_at", Times.format(v.createdAt()));
        return o;
    }

    static ObjectNode asn(Asn a) {
        ObjectNode o = Json.object().put("id", a.id()).put("asn_reference", a.asnReference()).put("partner_id", a.partnerId())
                .put("expected_arrival", Times.format(a.expectedArrival())).put("status", a.status());
        ArrayNode shipments = o.putArray("shipments");
        for (Asn.Shipment s : a.shipments()) {
            ObjectNode x = shipments.addObject().put("shipment_id", s.shipmentId()).put("order_id", s.orderId()).put("carrier", s.carrier());
            s.trackingNumbers().forEach(x.putArray("tracking_numbers")::add);
        }
        o.put("version", a.version()).put("created_by", a.createdBy()).put("created_at", Times.format(a.createdAt()));
        return o;
    }
}
