package dev.oms.platform.labels;

import dev.oms.app.FulfillmentService;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.Shipment;
import dev.oms.platform.documents.DocumentRenderer;
import dev.oms.platform.documents.PackingSlip;
import dev.oms.platform.documents.PostalAddress;
import dev.oms.platform.documents.ShippingLabel;
import dev.oms.platform.documents.ZplLabel;
import dev.oms.app.port.DocumentStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The label job: renders a shipment's labels (one 4 x 6 page per parcel, as PDF, ZPL and a PNG image) and its packing slip,
 * stores them in the documents bucket under {@code documents/{tenant}/{order}/} and files them on the order. Document ids and object keys are
 * derived from the shipment, so a job that runs twice overwrites the same objects and files nothing twice; a shipment
 * whose label is ready is skipped without rendering.
 */
public final class ShipmentLabels {
    /** Who ships, {@code name|street|city|postal code|country} ({@code LABEL_SHIP_FROM}): the fulfilment centre. */
    public static final String DEFAULT_SHIP_FROM = "OMS Fulfilment Centre|1 Dock Road|London|E16 2AA|GB";

    private final FulfillmentService fulfillments;
    private final DocumentStorage storage;
    private final PostalAddress shipFrom;
    private final Clock clock;
    /** PDFBox in the label jobs, DocumentsFunction in the API functions ({@code RelayedRenderer}). */
    private final DocumentRenderer renderer;

    public ShipmentLabels(FulfillmentService fulfillments, DocumentStorage storage, DocumentRenderer renderer, String shipFrom, Clock clock) {
        this.renderer = renderer;
        this.fulfillments = fulfillments;
        this.storage = storage;
        this.shipFrom = sender(shipFrom);
        this.clock = clock;
    }

    /** What the job did: {@code rendered}, {@code already_ready}, or {@code not_needed} (the sender brought a label). */
    public String render(String tenantId, String orderId, String shipmentId) {
        Order order = fulfillments.transactions().get(FulfillmentService.carrierContext(tenantId, "labels"), orderId);
        Shipment s = order.requireChild(Shipment.class, shipmentId, "shipment.not_found");
        if (Shipment.LABEL_READY.equals(s.labelStatus())) return "already_ready";
        if (Shipment.LABEL_EXTERNAL.equals(s.labelStatus())) return "not_needed";
        Drawn d = draw(tenantId, order, s);
        fulfillments.attachLabel(tenantId, orderId, shipmentId, d.pdf(), d.zpl(), d.png(), d.slip());
        return "rendered";
    }

    /**
     * Renders a ready label again from the shipment as it is (the same tracking numbers, carrier and service: the label
     * bought once, never a second one) and overwrites the same documents under the same ids and keys; records
     * {@code shipment.label_regenerated}. 409 {@code shipment.label_pending} while the first rendering has not happened,
     * {@code shipment.label_external} when the sender brought its own label.
     */
    public FulfillmentService.Shipped regenerate(dev.oms.app.CommandContext ctx, String orderId, String shipmentId) {
        Order order = fulfillments.transactions().get(ctx, orderId);
        Shipment s = order.requireChild(Shipment.class, shipmentId, "shipment.not_found");
        if (Shipment.LABEL_EXTERNAL.equals(s.labelStatus())) {
            throw dev.oms.domain.DomainException.conflict("shipment.label_external", "Shipment " + shipmentId + " carries the sender's own label",
                    "Ask the sender for the label; the OMS did not render it.");
        }
        if (!Shipment.LABEL_READY.equals(s.labelStatus())) {
            throw dev.oms.domain.DomainException.conflict("shipment.label_pending", "The label of shipment " + shipmentId + " is being rendered",
                    "Retry in a few seconds; shipment.label_ready is sent when it is there.");
        }
        draw(ctx.tenantId(), order, s);
        return fulfillments.labelRegenerated(ctx, orderId, shipmentId);
    }

    private record Drawn(OrderDocument pdf, OrderDocument zpl, OrderDocument png, OrderDocument slip) { }

    /** Renders and stores the label (PDF and ZPL) and packing slip; ids and keys derive from the shipment. */
    private Drawn draw(String tenantId, Order order, Shipment s) {
        String orderId = order.id(), shipmentId = s.id();
        Address to = order.state().shippingAddress != null ? order.state().shippingAddress : order.state().billingAddress;
        if (to == null) throw new IllegalStateException("Order " + orderId + " has no address to ship to");
        PostalAddress shipTo = postal(to);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<ShippingLabel> parcels = new ArrayList<>();
        StringBuilder zpl = new StringBuilder();
        List<String> numbers = s.trackingNumbers();
        for (int i = 0; i < numbers.size(); i++) {
            ShippingLabel label = new ShippingLabel(shipFrom, shipTo, s.carrier() == null ? "carrier" : s.carrier(),
                    s.serviceCode() == null ? "standard" : s.serviceCode(), numbers.get(i), numbers.size() == 1 ? s.weightGrams() : null,
                    i + 1, numbers.size(), String.valueOf(order.state().number), order.state().externalReference, today);
            parcels.add(label);
            zpl.append(ZplLabel.of(label));
        }
        byte[] pdf = renderer.labels(parcels);
        byte[] zplBytes = zpl.toString().getBytes(StandardCharsets.UTF_8);
        byte[] slip = renderer.packingSlip(new PackingSlip(String.valueOf(order.state().number), today, shipTo, slipLines(order, s)));
        String base = "documents/" + tenantId + "/" + orderId + "/";
        String suffix = shipmentId.substring(shipmentId.indexOf('_') + 1);
        OrderDocument pdfDoc = put(base, "doc_lbl" + suffix, "label", "label-" + shipmentId + ".pdf", "application/pdf", pdf, shipmentId);
        OrderDocument zplDoc = put(base, "doc_zpl" + suffix, "label", "label-" + shipmentId + ".zpl", "application/zpl", zplBytes, shipmentId);
        OrderDocument pngDoc = put(base, dev.oms.domain.order.OrderFulfillment.pngLabelId(shipmentId), "label", "label-" + shipmentId + ".png", "image/png",
                renderer.labelImage(pdf), shipmentId);
        OrderDocument slipDoc = put(base, "doc_slp" + suffix, "packing_slip", "packing-slip-" + shipmentId + ".pdf", "application/pdf", slip, shipmentId);
        return new Drawn(pdfDoc, zplDoc, pngDoc, slipDoc);
    }

    private OrderDocument put(String base, String id, String type, String fileName, String contentType, byte[] bytes, String shipmentId) {
        String key = base + id + "-" + fileName;
        storage.put(key, contentType, bytes);
        return new OrderDocument(id, type, fileName, contentType, (long) bytes.length, key, OrderDocument.AVAILABLE, shipmentId,
                "label-job", clock.instant());
    }

    private static List<PackingSlip.Line> slipLines(Order order, Shipment s) {
        Map<String, Long> units = new LinkedHashMap<>();
        for (String fid : s.fulfillmentIds()) {
            order.child(Fulfillment.class, fid).ifPresent(f -> {
                for (FulfillmentLine l : f.lines()) units.merge(l.lineId(), l.quantity(), Long::sum);
            });
        }
        List<PackingSlip.Line> out = new ArrayList<>();
        units.forEach((lineId, n) -> {
            OrderLine line = order.line(lineId);
            out.add(new PackingSlip.Line(line.sku(), line.description() == null ? line.sku() : line.description(), n));
        });
        return out;
    }

    static PostalAddress postal(Address a) {
        List<String> lines = new ArrayList<>();
        if (a.company() != null) lines.add(a.company());
        if (a.line1() != null) lines.add(a.line1());
        if (a.line2() != null) lines.add(a.line2());
        return new PostalAddress(a.name() == null ? "Customer" : a.name(), lines, a.city() == null ? "" : a.city(), a.region(),
                a.postalCode(), a.country() == null ? "" : a.country());
    }

    static PostalAddress sender(String spec) {
        List<String> p = Arrays.asList((spec == null || spec.isBlank() ? DEFAULT_SHIP_FROM : spec).split("\\|", -1));
        if (p.size() != 5) throw new IllegalArgumentException("LABEL_SHIP_FROM must be name|street|city|postal code|country");
        return PostalAddress.of(p.get(0), p.get(1), p.get(2), p.get(3), p.get(4));
    }
}
