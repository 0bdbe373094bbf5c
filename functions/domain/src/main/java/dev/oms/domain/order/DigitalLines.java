package dev.oms.domain.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The digital lines of an order (lines marked {@code digital}: downloads, licences, codes) and what is left to fulfil
 * of them, as a fulfilment at the virtual warehouse {@value #WAREHOUSE} (the {@code auto_fulfill_digital} policy).
 */
public final class DigitalLines {
    /** The virtual warehouse digital lines are fulfilled from. */
    public static final String WAREHOUSE = "digital";
    /** The carrier of their shipment: delivered by the merchant's own systems (a download link, a code by email). */
    public static final String CARRIER = "digital";

    private DigitalLines() { }

    /** Every unit of the digital lines not yet in a fulfilment; empty when there is none. */
    public static Optional<FulfillmentRequest> toFulfil(Order o) {
        List<FulfillmentLine> lines = new ArrayList<>();
        for (OrderLine l : o.lines()) {
            if (!l.digital()) continue;
            long left = OrderFulfillment.remaining(o, l.id());
            if (left > 0) lines.add(new FulfillmentLine(l.id(), left, null, null));
        }
        if (lines.isEmpty()) return Optional.empty();
        return Optional.of(new FulfillmentRequest(WAREHOUSE, lines, null, null, null, null));
    }

    /**
     * The shipment of a digital fulfilment: its own reference as tracking number and label reference, so no carrier
     * is booked and no label rendered.
     */
    public static ShipmentRequest shipment(String fulfillmentId) {
        String reference = "DIGITAL-" + fulfillmentId;
        return new ShipmentRequest(List.of(fulfillmentId), CARRIER, "download", List.of(reference), reference, null, null);
    }

    /** The id of an order's digital fulfilment: one per order, so a repeated confirmation event makes no second one. */
    public static String fulfillmentId(String orderId) { return "ful_" + orderId.substring(orderId.indexOf('_') + 1); }
}
