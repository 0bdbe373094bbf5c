package dev.oms.domain.order;

import java.util.Set;

/** The event types of fulfilments, shipments and tracking; part of {@link OrderEventTypes#ALL}. */
public final class FulfillmentEventTypes {
    public static final Set<String> ALL = Set.of();

    private FulfillmentEventTypes() { }
}
