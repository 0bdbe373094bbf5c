package dev.oms.app;

import static dev.oms.domain.order.OrderMother.TENANT;

import dev.oms.app.port.TenantSettingsStore.TenantSettings;
import dev.oms.app.security.Caller;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.Order;
import java.util.List;

/** The cancellation use cases wired to in-memory fakes, shared by the cancellation and repair tests. */
final class CancellationFixture {
    static final Caller AGENT = OrderServiceTest.AGENT;

    final InMemoryOrderRepository repo = new InMemoryOrderRepository();
    final OrderServiceTest.TestClock clock = new OrderServiceTest.TestClock();
    final OrderTransactions tx = new OrderTransactions(repo, clock);
    final FakePayments payments = new FakePayments();
    final FakeInventory inventory = new FakeInventory();
    final RecordingNotifications notifications = new RecordingNotifications();
    final InMemoryRepairQueue repairs = new InMemoryRepairQueue();
    final OrderServiceTest.Ids ids = new OrderServiceTest.Ids();
    /** The tenant's cancellation policy, read on every request. */
    String cancellationPolicy = "before_shipment";
    final CancellationService service = new CancellationService(tx, tenant -> new TenantSettings(false, cancellationPolicy),
            payments, inventory, repairs, ids, clock);
    final CancellationNotices notices = new CancellationNotices(service, notifications);

    /** Stores the order as version 1 and answers it as loaded. */
    Order store(Order order) {
        tx.commitNew(ctx(null), order, null);
        return load(order.id());
    }

    Order load(String orderId) { return repo.find(TENANT, orderId).orElseThrow(); }

    Cancellation cancellation(String orderId, String cancellationId) { return load(orderId).cancellation(cancellationId); }

    static CommandContext ctx(String reason) { return new CommandContext(AGENT, "corr-1", null, reason, null); }

    /** The forward steps of the saga, in order, up to and including complete. */
    void runForward(String orderId, String cancellationId) {
        service.releaseReservations(TENANT, orderId, cancellationId);
        service.cancelFulfillments(TENANT, orderId, cancellationId);
        service.settlePayments(TENANT, orderId, cancellationId);
        service.restock(TENANT, orderId, cancellationId);
        service.complete(TENANT, orderId, cancellationId);
    }

    List<String> eventTypes(String orderId) { return repo.eventTypes(orderId); }
}
