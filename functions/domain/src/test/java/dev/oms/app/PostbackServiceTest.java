package dev.oms.app;

import static dev.oms.DomainAssertions.failsWith;
import static dev.oms.DomainAssertions.failsWithFieldError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.app.connector.PaymentGateway.State;
import dev.oms.app.security.Caller;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderMother;
import dev.oms.domain.order.OrderStatus;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostbackServiceTest {
    static final Caller AGENT = OrderServiceTest.AGENT;

    final InMemoryOrderRepository repo = new InMemoryOrderRepository();
    final OrderServiceTest.Payments payments = new OrderServiceTest.Payments();
    final OrderServiceTest.Inventory inventory = new OrderServiceTest.Inventory();
    final OrderServiceTest.RecordingJournal journal = new OrderServiceTest.RecordingJournal();
    OrderService service;
    PostbackService postbacks;

    @BeforeEach
    void setUp() {
        OrderServiceTest.TestClock clock = new OrderServiceTest.TestClock();
        service = new OrderService(repo, new OrderServiceTest.Settings(), payments, inventory, new OrderServiceTest.Fraud(),
                new OrderServiceTest.Ids(), clock);
        postbacks = new PostbackService(service, clock);
    }

    static CommandContext quiet(Caller caller) { return OrderServiceTest.quiet(caller); }

    CommandContext payments() { return new CommandContext(PostbackService.caller(OrderMother.TENANT, "payment"), "corr", null, null, journal); }

    /** A pending order of 2 x 2495 GBP, paid by pg_1 whose authorization was pending. */
    Order pendingOrder() {
        payments.set("pg_1", State.PENDING, OrderMother.gbp(4990));
        Order order = service.create(quiet(AGENT), OrderMother.anOrder().customer("cus_1").line("SKU-1", 2, 2495).payment("pg_1", 4990, null).draft());
        Order pending = service.confirm(quiet(AGENT), order.id());
        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING);
        return pending;
    }

    @Test
    void anAuthorizationThatCoversThePendingOrderConfirmsIt() {
        Order order = pendingOrder();
        payments.set("pg_1", State.AUTHORIZED, OrderMother.gbp(4990));

        Order after = postbacks.paymentUpdated(payments(), order.id(), "pg_1", "payment.authorized", OrderMother.gbp(4990));

        assertThat(after.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(after.state().payments).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo("authorized"));
        assertThat(repo.eventTypes(order.id())).endsWith("order.payment_updated", "order.confirmed");
        InMemoryOrderRepository.Written updated = repo.events.stream().filter(w -> w.event().type().equals("order.payment_updated")).findFirst().orElseThrow();
        assertThat(updated.event().data()).containsEntry("payment_id", "pg_1").containsEntry("status", "authorized")
                .containsEntry("previous_status", "pending").containsEntry("source_event", "payment.authorized")
                .containsEntry("amount", 4990L).containsEntry("currency", "GBP");
        assertThat(updated.meta().actor().id()).isEqualTo("webhook:payment");
        assertThat(journal.written).as("the idempotency record goes with each commit").isEqualTo(2);
    }

    @Test
    void theSameStateAgainChangesNothing() {
        Order order = pendingOrder();
        int before = repo.events.size();
        Order after = postbacks.paymentUpdated(payments(), order.id(), "pg_1", "payment.declined", null);
        assertThat(repo.events).hasSize(before + 1);
        postbacks.paymentUpdated(payments(), order.id(), "pg_1", "payment.declined", null);
        assertThat(repo.events).hasSize(before + 1);
        assertThat(after.status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void aRefusedConfirmationLeavesTheOrderPendingWithThePaymentUpdated() {
        Order order = pendingOrder();
        payments.set("pg_1", State.AUTHORIZED, OrderMother.gbp(4990));
        inventory.outOfStock.add("SKU-1");
        Order after = postbacks.paymentUpdated(payments(), order.id(), "pg_1", "payment.authorized", null);
        assertThat(after.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(repo.find(OrderMother.TENANT, order.id()).orElseThrow().state().payments.get(0).status()).isEqualTo("authorized");
    }

    @Test
    void anUnknownPaymentOrAnotherCurrencyIsRefused() {
        Order order = pendingOrder();
        failsWith(() -> postbacks.paymentUpdated(payments(), order.id(), "pg_other", "payment.captured", null), "order.payment_not_found");
        failsWithFieldError(() -> postbacks.paymentUpdated(payments(), order.id(), "pg_1", "payment.captured", Money.of(4990, "EUR")),
                "currency.mismatch");
        failsWith(() -> postbacks.paymentUpdated(payments(), "ord_nope", "pg_1", "payment.captured", null), "order.not_found");
    }

    @Test
    void externalUpdatesGoOnTheTimeline() {
        Order order = pendingOrder();
        postbacks.externalUpdate(payments(), order.id(), "fulfillment", "fulfillment.shipped", "ful_77", Map.of("carrier", "DHL"));
        InMemoryOrderRepository.Written w = repo.events.get(repo.events.size() - 1);
        assertThat(w.event().type()).isEqualTo("order.external_update");
        assertThat(w.event().data()).containsEntry("source", "fulfillment").containsEntry("type", "fulfillment.shipped")
                .containsEntry("external_id", "ful_77").containsEntry("summary", Map.of("carrier", "DHL"));
    }
}
