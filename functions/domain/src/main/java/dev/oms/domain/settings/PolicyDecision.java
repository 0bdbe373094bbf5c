package dev.oms.domain.settings;

import dev.oms.domain.order.Address;
import java.util.ArrayList;
import java.util.List;

/**
 * What a tenant's policies decide about a newly created order: the fraud triggers that fire (the first one puts the
 * order on a {@code fraud} hold, with every trigger's reason), or else the {@code auto_confirm} policy that confirms it.
 * Pure: the caller supplies the order's facts and how many orders its customer placed within each velocity window.
 */
public final class PolicyDecision {
    /** The facts of an order the policies look at. */
    public record OrderFacts(String channel, String currency, long total, Address shipping, Address billing, String customerId) { }

    /** A fired policy and why. */
    public record Fired(Policy policy, String reason) { }

    /** The outcome: fraud triggers that fired (hold), or the auto-confirm policy (confirm), or nothing. */
    public record Outcome(List<Fired> fraud, Policy autoConfirm) {
        public boolean hold() { return !fraud.isEmpty(); }
    }

    /** Counts a customer's orders created within the last {@code hours} hours (this order included). */
    @FunctionalInterface
    public interface RecentOrders {
        long count(String customerId, int hours);
    }

    private PolicyDecision() { }

    public static Outcome decide(OrderFacts o, List<Policy> policies, OrderSettings settings, RecentOrders recent) {
        List<Fired> fraud = new ArrayList<>();
        Policy confirm = null;
        for (Policy p : policies) {
            if (!p.enabled()) continue;
            switch (p.type()) {
                case Policy.FRAUD_TOTAL_ABOVE -> {
                    Long limit = p.amounts().get(o.currency());
                    if (limit != null && o.total() > limit) {
                        fraud.add(new Fired(p, "total " + o.total() + " " + o.currency() + " is above " + limit));
                    }
                }
                case Policy.FRAUD_COUNTRY_MISMATCH -> {
                    String ship = o.shipping() == null ? null : o.shipping().country(), bill = o.billing() == null ? null : o.billing().country();
                    if (ship != null && bill != null && !ship.equals(bill)) {
                        fraud.add(new Fired(p, "billing country " + bill + " differs from shipping country " + ship));
                    }
                }
                case Policy.FRAUD_VELOCITY -> {
                    if (o.customerId() != null) {
                        long n = recent.count(o.customerId(), p.withinHours());
                        if (n >= p.maxOrders()) {
                            fraud.add(new Fired(p, n + " orders from customer " + o.customerId() + " within " + p.withinHours() + " hours"));
                        }
                    }
                }
                case Policy.AUTO_CONFIRM -> {
                    Long threshold = settings.autoConfirmThreshold(o.currency());
                    if (confirm == null && o.channel() != null && p.channels().contains(o.channel()) && threshold != null && o.total() <= threshold) {
                        confirm = p;
                    }
                }
                default -> { }
            }
        }
        return new Outcome(fraud, fraud.isEmpty() ? confirm : null);
    }
}
