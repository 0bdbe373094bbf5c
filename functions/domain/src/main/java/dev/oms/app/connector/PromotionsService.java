package dev.oms.app.connector;

import dev.oms.domain.promotion.Promotion;
import java.util.Optional;

/**
 * The shop's promotions (port {@code promotions}, docs/connectors.md): the rule behind a coupon code and how often a
 * customer has used it. The OMS only previews coupons (the customer API's {@code apply-coupon}); it never uses one up.
 */
public interface PromotionsService {

    /** The rule of a code and the times {@code customerId} has redeemed it. */
    record Lookup(Promotion promotion, long customerRedemptions) { }

    /** The code's rule (codes are matched without regard to case), or empty when the shop has no such code. */
    Optional<Lookup> find(String tenantId, String code, String customerId);
}
