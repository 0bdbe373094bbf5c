package dev.oms.domain.order;

import java.time.Instant;

/**
 * Records on the order that a staff member was given a token acting as its customer ({@code order.customer_impersonated}):
 * who, in which mode, until when and why. The event is what tells the customer (the notifications subscriber).
 */
public final class CustomerImpersonations {
    private CustomerImpersonations() { }

    public static void record(Order o, String impersonator, String mode, Instant expiresAt, String reason, Instant now) {
        o.record("order.customer_impersonated", Order.data("customer_id", o.customerId(), "impersonator", impersonator,
                "mode", mode, "expires_at", expiresAt.toString(), "reason", reason));
        o.touch(now);
    }
}
