package dev.oms.platform.views;

import dev.oms.domain.order.Shipment;
import dev.oms.domain.order.ShipmentRequest;
import dev.oms.platform.http.Body;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a shipment ({@code POST .../ship}, {@code POST .../shipments}): tracking numbers (one per parcel; none to have
 * the carrier book them), carrier, service, the sender's own label ({@code label_reference} or {@code labels}: then
 * no label is rendered), weight in grams, {@code parcels} (weights, to book several parcels) and dimensions in mm.
 */
public final class ShipmentRequests {
    private ShipmentRequests() { }

    public record Parsed(ShipmentRequest request, List<Integer> parcelWeights) { }

    public static Parsed parse(Body b, List<String> fulfillmentIds) {
        List<String> tracking = b.strings("tracking_numbers", false, 1, ShipmentRequest.MAX_PARCELS, 28);
        if (tracking != null) {
            for (int i = 0; i < tracking.size(); i++) {
                if (!tracking.get(i).matches("[A-Za-z0-9-]{1,28}")) {
                    b.error("tracking_numbers[" + i + "]", "field.format", "A tracking number is 1 to 28 letters, digits or dashes");
                }
            }
        }
        String carrier = b.string("carrier", false, 64);
        String service = b.string("service_code", false, 64);
        String label = b.string("label_reference", false, 2048);
        List<String> labels = b.has("labels") ? b.strings("labels", false, 1, ShipmentRequest.MAX_PARCELS, 2048) : null;
        if (label == null && labels != null && !labels.isEmpty()) label = labels.get(0);
        Long weight = b.integer("weight_grams", false, 1, 1_000_000);
        List<Integer> parcelWeights = new ArrayList<>();
        List<Body> parcels = b.objects("parcels", false, 1, ShipmentRequest.MAX_PARCELS);
        if (parcels != null) {
            for (Body p : parcels) {
                p.allow("weight_grams");
                Long w = p.integer("weight_grams", false, 1, 1_000_000);
                parcelWeights.add(w == null ? null : w.intValue());
            }
        }
        if (tracking != null && parcels != null && parcels.size() != tracking.size()) {
            b.error("parcels", "parcels.count_mismatch", "Give one parcel per tracking number, or leave parcels out");
        }
        Shipment.Dimensions dims = null;
        Body d = b.object("dimensions", false);
        if (d != null) {
            d.allow("length_mm", "width_mm", "height_mm");
            Long l = d.integer("length_mm", true, 1, 10_000), w = d.integer("width_mm", true, 1, 10_000), h = d.integer("height_mm", true, 1, 10_000);
            if (l != null && w != null && h != null) dims = new Shipment.Dimensions(l.intValue(), w.intValue(), h.intValue());
        }
        if (parcelWeights.isEmpty()) parcelWeights.add(weight == null ? null : weight.intValue());
        return new Parsed(new ShipmentRequest(fulfillmentIds, carrier, service, tracking, label, weight == null ? null : weight.intValue(), dims),
                parcelWeights);
    }
}
