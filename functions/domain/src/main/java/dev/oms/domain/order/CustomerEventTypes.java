package dev.oms.domain.order;

import java.util.Set;

/** The event types of the customer's self-service requests (seed 001 section 1); part of {@link OrderEventTypes#ALL}. */
public final class CustomerEventTypes {
    public static final Set<String> ALL = Set.of("order.cancel_requested", OrderMessages.RECEIVED, OrderMessages.REPLIED, ShipmentUpdates.UPDATED,
            Reorders.REQUESTED, CouponPreviews.PREVIEWED);

    private CustomerEventTypes() { }
}
