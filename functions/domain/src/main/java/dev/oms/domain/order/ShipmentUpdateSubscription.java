package dev.oms.domain.order;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The customer's choice of shipment updates for one order, per channel ({@code email}, {@code sms}): one per order
 * (id {@code sub_<orderId>}), kept with the order. Without one, the defaults of {@link ShipmentUpdates} apply.
 */
public record ShipmentUpdateSubscription(String id, Map<String, Boolean> channels, Instant updatedAt) implements OrderChild {
    public ShipmentUpdateSubscription {
        channels = channels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(channels));
    }

    @Override
    public String kind() { return "shipment_updates"; }
}
