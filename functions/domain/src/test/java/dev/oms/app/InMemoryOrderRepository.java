package dev.oms.app;

import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.OrderCommit;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.OrderRepository;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory OrderRepository that behaves like the DynamoDB one: it stores copies (so a loaded order never shares
 * state with the stored one), enforces the expected version on every commit, and can be told to lose a race.
 */
final class InMemoryOrderRepository implements OrderRepository {

    /** One event as written with its order's new version. */
    record Written(String orderId, long sequence, DomainEvent event, CommandMeta meta) { }

    private final Map<String, OrderState> stored = new LinkedHashMap<>();
    private final Map<String, Long> numbers = new HashMap<>();
    private final Map<String, String> childOwners = new HashMap<>();
    final List<OrderCommit> commits = new ArrayList<>();
    final List<OrderCommit> hardDeletes = new ArrayList<>();
    final List<Written> events = new ArrayList<>();
    int commitAttempts;

    /** Runs once, at the start of the next commit: lets a test store another change "concurrently". */
    Runnable beforeNextCommit;
    /** Runs once, at the start of the next hard delete. */
    Runnable beforeNextHardDelete;
    /** When true, every commit loses its race. */
    boolean alwaysConflict;

    @Override
    public Optional<Order> find(String tenantId, String orderId) {
        OrderState s = stored.get(key(tenantId, orderId));
        return s == null ? Optional.empty() : Optional.of(new Order(copy(s)));
    }

    @Override
    public void commit(OrderCommit commit) {
        commitAttempts++;
        Runnable hook = beforeNextCommit;
        if (hook != null) {
            beforeNextCommit = null;
            hook.run();
        }
        Order order = commit.order();
        String key = key(order.tenantId(), order.id());
        OrderState current = stored.get(key);
        long currentVersion = current == null ? 0 : current.version;
        if (alwaysConflict || currentVersion != commit.expectedVersion()) throw new ConcurrentUpdateException(currentVersion);
        if (order.version() != commit.expectedVersion() + 1) {
            throw new AssertionError("order written at version " + order.version() + " but read at " + commit.expectedVersion());
        }
        stored.put(key, copy(order.state()));
        for (var child : order.changedChildren()) childOwners.putIfAbsent(order.tenantId() + "#" + child.id(), order.id());
        for (DomainEvent e : order.pendingEvents()) events.add(new Written(order.id(), order.version(), e, commit.meta()));
        commits.add(commit);
    }

    final Map<String, Long> counters = new HashMap<>();
    /** Runs once, just before the next counter claim is checked: lets a test take a number "concurrently". */
    Runnable beforeNextClaim;

    @Override
    public long counterValue(String tenantId, String counter) { return counters.getOrDefault(tenantId + "#" + counter, 0L); }

    /** Like the DynamoDB transaction: the order and the counter move together, or neither does. */
    @Override
    public void commit(OrderCommit commit, dev.oms.app.port.CounterClaim claim) {
        Runnable hook = beforeNextClaim;
        if (hook != null) {
            beforeNextClaim = null;
            hook.run();
        }
        String key = claim.tenantId() + "#" + claim.counter();
        if (counters.getOrDefault(key, 0L) != claim.expected()) throw new ConcurrentUpdateException(commit.expectedVersion());
        commit(commit);
        counters.put(key, claim.next());
    }

    @Override
    public void hardDelete(OrderCommit commit) {
        Runnable hook = beforeNextHardDelete;
        if (hook != null) {
            beforeNextHardDelete = null;
            hook.run();
        }
        Order order = commit.order();
        String key = key(order.tenantId(), order.id());
        OrderState current = stored.get(key);
        if (current == null || current.version != commit.expectedVersion()) {
            throw new ConcurrentUpdateException(current == null ? 0 : current.version);
        }
        stored.remove(key);
        for (DomainEvent e : order.pendingEvents()) events.add(new Written(order.id(), order.version(), e, commit.meta()));
        hardDeletes.add(commit);
    }

    @Override
    public Page<Order> list(String tenantId, OrderFilter filter, PageRequest page) {
        List<Order> out = new ArrayList<>();
        for (OrderState s : stored.values()) {
            if (!s.tenantId.equals(tenantId)) continue;
            if (filter.customerId() != null && !filter.customerId().equals(s.customerId)) continue;
            if (filter.status() != null && !filter.status().equals(s.status.wire())) continue;
            out.add(new Order(copy(s)));
        }
        return new Page<>(out.stream().limit(page.limit()).toList(), null);
    }

    @Override
    public Optional<String> findIdByExternalReference(String tenantId, String externalReference) {
        return stored.values().stream().filter(s -> s.tenantId.equals(tenantId) && externalReference.equals(s.externalReference))
                .map(s -> s.id).findFirst();
    }

    @Override
    public Optional<String> findOrderIdOfChild(String tenantId, String childId) {
        return Optional.ofNullable(childOwners.get(tenantId + "#" + childId));
    }

    @Override
    public long nextOrderNumber(String tenantId) { return numbers.merge(tenantId, 1001L, (a, b) -> a + 1); }

    long storedVersion(String tenantId, String orderId) { return stored.get(key(tenantId, orderId)).version; }

    List<String> eventTypes(String orderId) {
        return events.stream().filter(w -> w.orderId().equals(orderId)).map(w -> w.event().type()).toList();
    }

    private static String key(String tenantId, String orderId) { return tenantId + "#" + orderId; }

    private static OrderState copy(OrderState s) {
        OrderState c = new OrderState();
        c.tenantId = s.tenantId;
        c.id = s.id;
        c.number = s.number;
        c.externalReference = s.externalReference;
        c.status = s.status;
        c.statusBeforeHold = s.statusBeforeHold;
        c.customerId = s.customerId;
        c.channel = s.channel;
        c.source = s.source;
        c.currency = s.currency;
        c.lines = new ArrayList<>(s.lines);
        c.shippingAddress = s.shippingAddress;
        c.billingAddress = s.billingAddress;
        c.shippingMethod = s.shippingMethod;
        c.shippingAmount = s.shippingAmount;
        c.discount = s.discount;
        c.payments = List.copyOf(s.payments);
        c.holds = new ArrayList<>(s.holds);
        c.metadata = s.metadata;
        c.lock = s.lock;
        c.cancellations = new ArrayList<>(s.cancellations);
        c.cancelledAt = s.cancelledAt;
        c.duplicatedFrom = s.duplicatedFrom;
        c.children = new ArrayList<>(s.children);
        c.fulfillmentStatus = s.fulfillmentStatus;
        c.shippingStatus = s.shippingStatus;
        c.paymentStatus = s.paymentStatus;
        c.creditedTotal = s.creditedTotal;
        c.storeCreditTotal = s.storeCreditTotal;
        c.returnStatus = s.returnStatus;
        c.firstShippedAt = s.firstShippedAt;
        c.lastDeliveredAt = s.lastDeliveredAt;
        c.version = s.version;
        c.createdAt = s.createdAt;
        c.updatedAt = s.updatedAt;
        c.confirmedAt = s.confirmedAt;
        c.closedAt = s.closedAt;
        c.deletedAt = s.deletedAt;
        return c;
    }
}
