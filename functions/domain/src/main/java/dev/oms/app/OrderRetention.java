package dev.oms.app;

import dev.oms.app.port.OrderArchive;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.OrderRepository;
import dev.oms.app.port.OrderSettingsStore;
import dev.oms.app.port.PageRequest;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The retention job: for every tenant with {@code order_retention_days}, the orders created before that many days ago
 * (oldest first) are archived ({@link OrderArchive}: written, then read back and checked) and only then removed from
 * the table, by the same hard delete as {@code DELETE ?hard=true} pinned to the version archived (an order that
 * changed meanwhile is archived again on the next run). Orders under a legal hold are kept, and so are orders with
 * work in flight (confirmed, on hold, cancelling). A run that stops half way is simply run again: the archive of an
 * order has one key and the removal is conditional, so nothing is lost and nothing is archived twice under two names.
 */
public final class OrderRetention {
    /** The actor of the removals (the {@code order.deleted} event in the tenant's audit log). */
    public static final String ACTOR = "order-retention";
    private static final int PAGE = 100;

    private final OrderRepository orders;
    private final OrderTransactions tx;
    private final OrderSettingsStore settings;
    private final OrderArchive archive;
    private final Clock clock;

    public OrderRetention(OrderRepository orders, OrderTransactions tx, OrderSettingsStore settings, OrderArchive archive, Clock clock) {
        this.orders = orders;
        this.tx = tx;
        this.settings = settings;
        this.archive = archive;
        this.clock = clock;
    }

    /** What one run did with each order it looked at: {@code archived} (and removed) or why it was kept. */
    public record Outcome(String tenantId, String orderId, String result, String archive) { }

    /** One run at {@code now}; at most {@code limitPerTenant} orders looked at per tenant. */
    public List<Outcome> run(Instant now, int limitPerTenant) {
        List<Outcome> out = new ArrayList<>();
        for (String tenant : archive.tenantsWithRetention()) {
            Integer days = settings.load(tenant).settings().orderRetentionDays();
            if (days == null) continue;
            Instant cutoff = now.minus(Duration.ofDays(days));
            OrderFilter older = new OrderFilter(null, null, null, null, cutoff, null, false);
            String position = null;
            int looked = 0;
            do {
                var page = orders.list(tenant, older, new PageRequest(position, Math.min(PAGE, limitPerTenant - looked)));
                for (Order o : page.items()) {
                    if (o.state().createdAt == null || !o.state().createdAt.isBefore(cutoff)) continue;
                    out.add(retain(tenant, o, days));
                }
                looked += page.items().size();
                position = page.nextPosition();
            } while (position != null && looked < limitPerTenant);
        }
        return out;
    }

    /** Counts of a run's outcomes by result. */
    public static Map<String, Long> summary(List<Outcome> outcomes) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Outcome o : outcomes) m.merge(o.result(), 1L, Long::sum);
        return m;
    }

    private Outcome retain(String tenant, Order listed, int days) {
        if (listed.state().legalHold != null) return new Outcome(tenant, listed.id(), "kept_legal_hold", null);
        if (!listed.isRemovable()) return new Outcome(tenant, listed.id(), "kept_" + listed.status().wire(), null);
        OrderArchive.Archived archived = archive.archive(tenant, listed.id());
        CommandContext ctx = new CommandContext(new Caller(tenant, ACTOR, "system", Set.of("service"), null, null),
                null, archived.version(), null, null);
        try {
            tx.mutate(ctx, listed.id(), false, true, o -> { o.purgeForRetention(days, archived.location(), clock.instant()); return o; },
                    orders::hardDelete);
            return new Outcome(tenant, listed.id(), "archived", archived.location());
        } catch (DomainException kept) {
            // changed since it was archived (version conflict: archived again next run), a legal hold placed meanwhile,
            // or work in flight (confirmed, on hold): the archive stays, the order too
            return new Outcome(tenant, listed.id(), "kept_" + kept.code(), archived.location());
        }
    }
}
