package dev.oms.app.settings;

import dev.oms.app.CancellationService;
import dev.oms.app.CommandContext;
import dev.oms.app.port.Deadlines;
import dev.oms.app.OrderService;
import dev.oms.app.PaymentTermsDeadlines;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.OrderSettingsStore;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.PolicyStore;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.settings.Policy;
import dev.oms.domain.settings.PolicyDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a tenant's policies on a newly created order ({@code order.created}, delivered at least once): the fraud
 * triggers put it on a {@code fraud} hold, else {@code auto_confirm} confirms it. Each action is an ordinary order
 * command whose caller is the policy (actor type {@code policy}), so the rules of holds and confirmation apply and the
 * action is on the timeline with the policy as actor. A repeated delivery finds the order no longer {@code created}
 * (held or confirmed) and does nothing.
 */
public final class PolicyEngine {
    /** How many of a customer's orders are counted at most (a velocity limit is at most {@code PolicyRules.MAX_ORDERS}). */
    static final int MAX_COUNTED = 1000;

    /** The deadline kind of {@code auto_cancel_unpaid}. */
    public static final String UNPAID = "auto_cancel_unpaid";
    /** Payment states that count as paid for {@code auto_cancel_unpaid}. */
    static final Set<String> PAID = Set.of("authorized", "paid", "partially_refunded", "refunded");

    private final OrderService orders;
    private final PolicyStore policies;
    private final OrderSettingsStore settings;
    private final Deadlines deadlines;
    private final CancellationService cancellations;
    private final PaymentTermsDeadlines terms;
    private final dev.oms.app.TrackingSilenceWatch tracking;
    private final Clock clock;

    public PolicyEngine(OrderService orders, PolicyStore policies, OrderSettingsStore settings, Deadlines deadlines,
                        CancellationService cancellations, Clock clock) {
        this(orders, policies, settings, deadlines, cancellations, new PaymentTermsDeadlines(orders, deadlines), clock);
    }

    public PolicyEngine(OrderService orders, PolicyStore policies, OrderSettingsStore settings, Deadlines deadlines,
                        CancellationService cancellations, PaymentTermsDeadlines terms, Clock clock) {
        this.terms = terms;
        this.tracking = new dev.oms.app.TrackingSilenceWatch(orders, deadlines);
        this.orders = orders;
        this.policies = policies;
        this.settings = settings;
        this.deadlines = deadlines;
        this.cancellations = cancellations;
        this.clock = clock;
    }

    /** The watch over shipments whose tracking goes silent (its deadlines share this engine's index and sweeper). */
    public dev.oms.app.TrackingSilenceWatch tracking() { return tracking; }

    /** What the policies did: {@code held}, {@code confirmed} or {@code none}, and by which policy. */
    public record Applied(String action, String policyId, String detail) { }

    public Applied onOrderCreated(String tenantId, String orderId, String correlationId) {
        List<Policy> enabled = policies.list(tenantId).stream().filter(Policy::enabled).toList();
        if (enabled.isEmpty()) return new Applied("none", null, "no enabled policy");
        CommandContext system = new CommandContext(new Caller(tenantId, "policies", "system", Set.of("service"), null, null),
                correlationId, null, null, null);
        Order order;
        try {
            order = orders.get(system, orderId);
        } catch (DomainException gone) {
            return new Applied("none", null, gone.code()); // deleted meanwhile
        }
        if (order.status() != OrderStatus.CREATED) return new Applied("none", null, "order is " + order.status().wire());
        var s = order.state();
        armUnpaidDeadline(enabled, order);
        PolicyDecision.OrderFacts facts = new PolicyDecision.OrderFacts(s.channel, s.currency, order.totals().total(), s.shippingAddress,
                s.billingAddress, s.customerId);
        // the window ends at this order's creation, so a later order never counts against an earlier one
        Instant created = s.createdAt == null ? clock.instant() : s.createdAt;
        PolicyDecision.Outcome outcome = PolicyDecision.decide(facts, enabled, settings.load(tenantId).settings(),
                (customer, hours) -> recentOrders(system, customer, created.minus(Duration.ofHours(hours)), created));
        try {
            if (outcome.hold()) {
                Policy first = outcome.fraud().get(0).policy();
                String reason = outcome.fraud().stream().map(f -> f.policy().type() + ": " + f.reason()).collect(Collectors.joining("; "));
                orders.hold(as(first, tenantId, correlationId, reason), orderId, "fraud", "Policy " + first.id() + " — " + reason, null, null);
                return new Applied("held", first.id(), reason);
            }
            if (outcome.autoConfirm() != null) {
                Policy p = outcome.autoConfirm();
                orders.confirm(as(p, tenantId, correlationId, "auto_confirm"), orderId);
                return new Applied("confirmed", p.id(), "total within the auto-confirm threshold on channel " + s.channel);
            }
        } catch (DomainException refused) {
            // the order changed meanwhile (someone confirmed or held it), or confirmation was refused (payment, stock):
            // the order stays as it is; a repeated delivery will find the same
            return new Applied("none", null, refused.code());
        }
        return new Applied("none", null, "no policy fired");
    }

    /** An enabled {@code auto_cancel_unpaid} policy gives an order that is not paid yet its deadline. */
    private void armUnpaidDeadline(List<Policy> enabled, Order order) {
        if (PAID.contains(order.state().paymentStatus)) return;
        for (Policy p : enabled) {
            if (Policy.AUTO_CANCEL_UNPAID.equals(p.type())) {
                Instant created = order.state().createdAt == null ? clock.instant() : order.state().createdAt;
                deadlines.set(new Deadlines.Deadline(order.tenantId(), order.id(), UNPAID, created.plus(Duration.ofHours(p.withinHours())), p.id()));
                return;
            }
        }
    }

    /**
     * A payment event, a confirmation or a cancellation of the order: once it is paid (or cancelled, or gone) its
     * unpaid deadline is removed; an order confirmed on payment terms gets (or, settled, loses) its due-date deadline.
     */
    public boolean onOrderChanged(String tenantId, String orderId) {
        terms.onOrderChanged(tenantId, orderId);
        CommandContext system = new CommandContext(new Caller(tenantId, "policies", "system", Set.of("service"), null, null), null, null, null, null);
        try {
            Order order = orders.get(system, orderId);
            if (!PAID.contains(order.state().paymentStatus) && order.status() != OrderStatus.CANCELLED) return false;
        } catch (DomainException gone) {
            // deleted: nothing left to cancel
        }
        deadlines.clear(tenantId, orderId, UNPAID);
        return true;
    }

    /** What the sweeper did with one due deadline. */
    public record Swept(String tenantId, String orderId, String outcome) { }

    /**
     * The scheduled sweeper: every unpaid deadline due at {@code now} cancels its order (refund and restock, the policy
     * as actor) when the order is still unpaid and cancellable, and is removed in every case; a {@code payment_due}
     * deadline marks its order overdue ({@link PaymentTermsDeadlines#sweep}).
     */
    public List<Swept> sweep(Instant now, int limit) {
        List<Swept> out = new java.util.ArrayList<>();
        for (Deadlines.Deadline d : deadlines.due(now, limit)) {
            if (d.kind().startsWith(dev.oms.app.shipping.ManifestService.CLOSE_KIND)
                    || d.kind().startsWith(dev.oms.app.shipping.ManifestService.CHECK_KIND)) continue; // the manifest cut-off sweeper's
            String outcome;
            if (d.kind().startsWith(dev.oms.domain.order.Hold.EXPIRY_KIND)) {
                outcome = expireHold(d);
                deadlines.clear(d.tenantId(), d.orderId(), d.kind());
                out.add(new Swept(d.tenantId(), d.orderId(), outcome));
                continue;
            }
            if (d.kind().startsWith(dev.oms.domain.order.TrackingSilence.KIND)) {
                out.add(new Swept(d.tenantId(), d.orderId(), tracking.sweep(d, now))); // it removes or moves the deadline itself
                continue;
            }
            if (PaymentTermsDeadlines.KIND.equals(d.kind())) {
                outcome = terms.sweep(d, now);
                deadlines.clear(d.tenantId(), d.orderId(), d.kind());
                out.add(new Swept(d.tenantId(), d.orderId(), outcome));
                continue;
            }
            try {
                CommandContext system = new CommandContext(new Caller(d.tenantId(), "policies", "system", Set.of("service"), null, null),
                        null, null, null, null);
                Order order = orders.get(system, d.orderId());
                if (PAID.contains(order.state().paymentStatus)) outcome = "paid";
                else if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.CANCELLING) outcome = "already_cancelled";
                else {
                    Policy p = policies.find(d.tenantId(), d.policyId()).orElse(null);
                    if (p == null || !p.enabled()) outcome = "policy_disabled";
                    else {
                        cancellations.cancel(as(p, d.tenantId(), null, "Not paid within " + p.withinHours() + " hours"), d.orderId(), true, true);
                        outcome = "cancellation_requested";
                    }
                }
            } catch (DomainException refused) {
                outcome = refused.code(); // deleted, or no longer cancellable (shipped, ...)
            }
            deadlines.clear(d.tenantId(), d.orderId(), d.kind());
            out.add(new Swept(d.tenantId(), d.orderId(), outcome));
        }
        return out;
    }

    /** Releases a hold whose time is up ({@code order.hold_released}, resolution {@code expired}); one released meanwhile is left. */
    private String expireHold(Deadlines.Deadline d) {
        String holdId = d.kind().substring(dev.oms.domain.order.Hold.EXPIRY_KIND.length());
        CommandContext system = new CommandContext(new Caller(d.tenantId(), "hold-expiry", "system", Set.of("service"), null, null),
                null, null, "hold expired", null);
        try {
            Order o = orders.get(system, d.orderId());
            if (o.state().holds.stream().noneMatch(h -> h.id().equals(holdId))) return "already_released";
            orders.release(system, d.orderId(), holdId, "expired");
            return "hold_expired";
        } catch (DomainException refused) {
            return refused.code();
        }
    }

    private static CommandContext as(Policy p, String tenantId, String correlationId, String reason) {
        return new CommandContext(new Caller(tenantId, p.id(), Policy.ACTOR_TYPE, Set.of("service"), null, null), correlationId, null, reason, null);
    }

    private long recentOrders(CommandContext ctx, String customerId, Instant since, Instant until) {
        OrderFilter f = new OrderFilter(null, customerId, null, since, until, null, false);
        var page = orders.list(ctx, f, new PageRequest(null, 200));
        long n = page.items().size();
        while (page.hasMore() && n < MAX_COUNTED) {
            page = orders.list(ctx, f, new PageRequest(page.nextPosition(), 200));
            n += page.items().size();
        }
        return n;
    }
}
