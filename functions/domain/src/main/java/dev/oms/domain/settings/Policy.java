package dev.oms.domain.settings;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An automation policy of a tenant (seed 000 section 16). What it does depends on its {@code type}:
 * <ul>
 *   <li>{@code auto_confirm}: an order created on one of {@code channels} whose total is at most the tenant's
 *   {@code auto_confirm_thresholds} for its currency is confirmed right away;</li>
 *   <li>{@code fraud_total_above}: an order whose total is above {@code amounts} for its currency is put on a
 *   {@code fraud} hold;</li>
 *   <li>{@code fraud_country_mismatch}: an order whose billing and shipping countries differ is put on a {@code fraud} hold;</li>
 *   <li>{@code fraud_velocity}: the {@code maxOrders}-th order of one customer within {@code withinHours} hours (and every
 *   later one) is put on a {@code fraud} hold;</li>
 *   <li>{@code auto_cancel_unpaid}: an order not paid (authorized or captured) within {@code withinHours} hours of its
 *   creation is cancelled (a deadline per order, removed when it is paid);</li>
 *   <li>{@code auto_fulfill_digital}: when an order is confirmed, its digital lines are fulfilled at once.</li>
 * </ul>
 * The actions are order commands whose actor is the policy ({@code id}, type {@code policy}), so they are on the
 * order's timeline with the policy as actor.
 */
public record Policy(String id, String type, String name, boolean enabled, List<String> channels, Map<String, Long> amounts,
                     Integer maxOrders, Integer withinHours, long version, Instant createdAt, String createdBy, Instant updatedAt,
                     String updatedBy) {
    public static final String AUTO_CONFIRM = "auto_confirm", FRAUD_TOTAL_ABOVE = "fraud_total_above",
            FRAUD_COUNTRY_MISMATCH = "fraud_country_mismatch", FRAUD_VELOCITY = "fraud_velocity", AUTO_CANCEL_UNPAID = "auto_cancel_unpaid",
            AUTO_FULFILL_DIGITAL = "auto_fulfill_digital";
    public static final List<String> TYPES = List.of(AUTO_CONFIRM, FRAUD_TOTAL_ABOVE, FRAUD_COUNTRY_MISMATCH, FRAUD_VELOCITY, AUTO_CANCEL_UNPAID,
            AUTO_FULFILL_DIGITAL);
    public static final String ACTOR_TYPE = "policy";

    public Policy {
        channels = channels == null ? List.of() : List.copyOf(channels);
        amounts = amounts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(amounts));
    }

    public boolean isFraudTrigger() { return type.startsWith("fraud_"); }
}
