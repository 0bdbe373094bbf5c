package dev.oms.platform.views;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.DocumentStorage;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.Shipment;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.time.Clock;
import java.time.Duration;

/**
 * A shipment's label as a link (the {@code ShipmentLabel} schema): the sender's own label, or the rendered PDF, ZPL or PNG
 * presigned for {@link #LINK_TTL}; 409 {@code shipment.label_pending} until it is rendered.
 */
public final class ShipmentLabelViews {
    public static final Duration LINK_TTL = Duration.ofMinutes(15);

    private ShipmentLabelViews() { }

    public static ObjectNode label(Order order, Shipment s, String format, DocumentStorage storage, Clock clock) {
        ObjectNode o = Json.object().put("shipment_id", s.id()).put("order_id", order.id()).put("format", format);
        if (Shipment.LABEL_EXTERNAL.equals(s.labelStatus())) return o.put("source", "external").put("url", s.labelReference());
        if (!Shipment.LABEL_READY.equals(s.labelStatus())) {
            throw DomainException.conflict("shipment.label_pending", "The label of shipment " + s.id() + " is being rendered",
                    "Retry in a few seconds; shipment.label_ready is sent when it is there.");
        }
        String docId = switch (format) {
            case "zpl" -> s.zplDocumentId();
            case "png" -> dev.oms.domain.order.OrderFulfillment.pngLabelId(s.id());
            default -> s.labelDocumentId();
        };
        OrderDocument doc = order.child(OrderDocument.class, docId).orElseThrow(() -> DomainException.conflict("shipment.label_format_unavailable",
                "The label of shipment " + s.id() + " was rendered before " + format + " labels existed",
                "Ask for pdf or zpl; a shipment created from now on has all three."));
        o.put("source", "rendered").put("document_id", doc.id()).put("content_type", doc.contentType()).put("size_bytes", doc.sizeBytes());
        o.put("url", storage.downloadUrl(doc.storageKey(), doc.fileName(), LINK_TTL));
        o.put("expires_at", Times.format(clock.instant().plus(LINK_TTL)));
        return o;
    }
}
