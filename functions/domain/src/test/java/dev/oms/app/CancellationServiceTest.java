package dev.oms.app;

import static dev.oms.DomainAssertions.failsWith;
import static dev.oms.app.CancellationFixture.ctx;
import static dev.oms.domain.order.OrderMother.NOW;
import static dev.oms.domain.order.OrderMother.OFFICE;
import static dev.oms.domain.order.OrderMother.TENANT;
import static dev.oms.domain.order.OrderMother.anOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.InventoryService.SkuQuantity;
import dev.oms.app.connector.NotificationSender.Notification;
import dev.oms.app.port.RepairItem;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.Hold;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderMother;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.OrderFulfillment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CancellationServiceTest {
    private static final String ORDER = "ord_1";
    private static final String REASON = "customer changed their mind";

    CancellationFixture f;
    CancellationService service;
    CancellationNotices notices;

    @BeforeEach
    void setUp() {
        f = new CancellationFixture();
        service = f.service;
        notices = f.notices;
    }

    /**
     * line_1: 2 x SKU-1 at 10.00, line_2: 1 x SKU-2 at 5.50, shipping 3.99: 29.49, confirmed; each line in a fulfilment
     * of its own ({@code ful_line_1}, {@code ful_line_2}) that reserved its units: SKU-1 x2 and SKU-2 x1 reserved.
     */
    static OrderMother standard() { return anOrder().line("SKU-1", 2, 1000).line("SKU-2", 1, 550).shipping(399); }

    Order storeConfirmed(OrderMother m) {
        Order confirmed = m.confirmed();
        for (var l : confirmed.lines()) {
            OrderFulfillment.create(confirmed, new FulfillmentRequest("wh_1", List.of(new FulfillmentLine(l.id(), l.quantity(), null, null)),
                    null, null, null, null), "ful_" + l.id(), Fulfillment.DIRECT, true, OrderMother.AGENT, OrderMother.NOW);
        }
        Order order = f.store(OrderMother.fresh(confirmed));
        for (var l : order.lines()) f.inventory.reserved(order.id(), l.sku(), l.quantity());
        return order;
    }

    Order authorizedOrder() {
        f.payments.authorized("pay_1", 2949, "GBP");
        return storeConfirmed(standard().payment("pay_1", 2949, "authorized"));
    }

    Order capturedOrder() {
        f.payments.captured("pay_1", 2949, "GBP");
        return storeConfirmed(standard().payment("pay_1", 2949, "captured"));
    }

    Cancellation cancel(boolean refund, boolean restock) { return service.cancel(ctx(REASON), ORDER, refund, restock).cancellation(); }

    Cancellation cancelLines(List<Cancellation.LineQuantity> lines) { return service.cancelLines(ctx(REASON), ORDER, lines, true, true).cancellation(); }

    DomainEvent lastEvent() { return f.repo.events.get(f.repo.events.size() - 1).event(); }

    // =================================================================================================================
    @Nested
    class Requests {

        @Test
        void aFullCancellationIsRecordedAndTheOrderIsCancelling() {
            authorizedOrder();
            CancellationService.Requested r = service.cancel(ctx(REASON), ORDER, true, true);

            assertThat(r.cancellation().id()).isEqualTo("can_1");
            assertThat(r.cancellation().scope()).isEqualTo(Cancellation.FULL);
            assertThat(r.order().status()).isEqualTo(OrderStatus.CANCELLING);
            Order stored = f.load(ORDER);
            assertThat(stored.status()).isEqualTo(OrderStatus.CANCELLING);
            assertThat(stored.version()).isEqualTo(2);
            assertThat(stored.openCancellation()).isEqualTo(r.cancellation());
            assertThat(f.eventTypes(ORDER)).containsExactly("order.cancellation_requested");
            var written = f.repo.events.get(0);
            assertThat(written.meta().actor().id()).isEqualTo("agent_1");
            assertThat(written.meta().reason()).isEqualTo(REASON);
            assertThat(written.event().data()).containsEntry("refund_amount", 2949L).containsEntry("from", "confirmed");
            // a request calls no service: the saga does that
            assertThat(f.payments.calls).isEmpty();
            assertThat(f.inventory.calls).isEmpty();
        }

        @Test
        void beforeConfirmationPolicyRefusesConfirmedOrders() {
            f.cancellationPolicy = "before_confirmation";
            authorizedOrder();

            DomainException e = failsWith(() -> cancel(true, true), "order.blocked.cancellation_policy");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            failsWith(() -> cancelLines(List.of(new Cancellation.LineQuantity("line_1", 1))), "order.blocked.cancellation_policy");

            assertThat(f.load(ORDER).status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(f.load(ORDER).version()).isEqualTo(1);
            assertThat(f.repo.events).isEmpty();
        }

        @Test
        void beforeConfirmationPolicyRefusesAnOnHoldOrderThatWasConfirmed() {
            f.cancellationPolicy = "before_confirmation";
            Order order = standard().onHoldFrom(OrderStatus.CONFIRMED);
            f.store(order);
            failsWith(() -> cancel(true, true), "order.blocked.cancellation_policy");
        }

        @Test
        void beforeConfirmationPolicyLetsCreatedAndPendingOrdersBeCancelled() {
            f.cancellationPolicy = "before_confirmation";
            f.store(standard().created());
            f.store(standard().id("ord_2").pending());
            assertThat(cancel(true, true).scope()).isEqualTo(Cancellation.FULL);
            assertThat(service.cancel(ctx(REASON), "ord_2", true, true).order().status()).isEqualTo(OrderStatus.CANCELLING);
        }

        @Test
        void theDefaultPolicyLetsConfirmedOrdersBeCancelled() {
            authorizedOrder();
            assertThat(cancelLines(List.of(new Cancellation.LineQuantity("line_1", 1))).refundAmount()).isEqualTo(1000);
            assertThat(f.load(ORDER).status()).isEqualTo(OrderStatus.CONFIRMED);
        }

        @Test
        void domainRulesStillApply() {
            authorizedOrder();
            cancel(true, true);
            failsWith(() -> cancel(true, true), "order.cancellation_in_progress");
            failsWith(() -> service.cancel(ctx(REASON), "ord_9", true, true), "order.not_found");
        }
    }

    // =================================================================================================================
    @Nested
    class HappyPath {

        @Test
        void aFullCancellationWithAnAuthorizedPaymentVoidsItStepByStep() {
            authorizedOrder();
            cancel(true, true);

            // 1. release the reservations (all of them)
            Map<String, Object> released = service.releaseReservations(TENANT, ORDER, "can_1");
            assertThat(released).containsOnly(entry("released", Map.of("SKU-1", 2L, "SKU-2", 1L)),
                    entry("fulfillments", List.of("ful_line_1", "ful_line_2")));
            assertThat(f.inventory.calls).containsExactly(new FakeInventory.Call("release", ORDER, List.of(), "can_1:release"));
            assertThat(f.inventory.reservationsOf(ORDER)).isEmpty();
            assertThat(f.cancellation(ORDER, "can_1").action(CancellationService.STEP_RELEASED).detail()).isEqualTo(released);
            assertThat(f.repo.events.get(f.repo.events.size() - 1).meta().actor().id()).isEqualTo("cancel-order-saga");
            assertThat(lastEvent().data()).containsEntry("step", "inventory.released");

            // 2. the open fulfilments are cancelled (their reservations went with step 1)
            assertThat(service.cancelFulfillments(TENANT, ORDER, "can_1")).containsExactly(entry("cancelled", List.of("ful_line_1", "ful_line_2")));

            // 3. money: the authorization is voided, nothing is refunded
            Map<String, Object> settled = service.settlePayments(TENANT, ORDER, "can_1");
            assertThat(settled).containsEntry("requested", true).containsEntry("currency", "GBP").containsEntry("amount", 2949L)
                    .containsEntry("shortfall", 0L)
                    .containsEntry("operations", List.of(Map.of("payment_id", "pay_1", "kind", "void", "id", "void_1", "amount", 2949L)))
                    .containsEntry("allocation", Map.of("line_1", 2000L, "line_2", 550L, "shipping", 399L));
            assertThat(f.payments.moneyCalls()).containsExactly(new FakePayments.Call("void", "pay_1", 2949L, "can_1:pay_1"));
            assertThat(f.payments.calls("refund")).isEmpty();
            assertThat(f.payments.payments.get("pay_1").state).isEqualTo(dev.oms.app.connector.PaymentGateway.State.VOIDED);

            // 4. restock the cancelled units
            Map<String, Object> restocked = service.restock(TENANT, ORDER, "can_1");
            assertThat(restocked).containsEntry("requested", true).containsEntry("restocked", Map.of("SKU-1", 2L, "SKU-2", 1L));
            assertThat(f.inventory.calls("restock")).containsExactly(new FakeInventory.Call("restock", null,
                    List.of(new SkuQuantity("SKU-1", 2), new SkuQuantity("SKU-2", 1)), "can_1:restock"));

            // 5. the order is cancelled
            assertThat(f.load(ORDER).status()).isEqualTo(OrderStatus.CANCELLING);
            assertThat(service.complete(TENANT, ORDER, "can_1")).containsOnly(entry("status", "cancelled"), entry("total", 2949L));
            Order cancelled = f.load(ORDER);
            assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(cancelled.state().cancelledAt).isEqualTo(NOW);
            assertThat(lastEvent().type()).isEqualTo("order.cancelled");
            assertThat(lastEvent().data()).containsEntry("refund_amount", 2949L).containsEntry("restocked", true);

            // 6. the customer hears about it
            Map<String, Object> notified = notices.notifyCustomer(TENANT, ORDER, "can_1");
            assertThat(notified).containsOnly(entry("sent", true), entry("channel", "email"), entry("recipient", "ada@example.com"));
            assertThat(f.notifications.sent).singleElement().satisfies(n -> {
                assertThat(n.channel()).isEqualTo("email");
                assertThat(n.recipient()).isEqualTo("ada@example.com");
                assertThat(n.template()).isEqualTo("order.cancelled");
                assertThat(n.subject()).isEqualTo("Your order 1001 is cancelled");
                assertThat(n.body()).startsWith("We have cancelled your order.").contains("on its way back to you");
                assertThat(n.attributes()).containsOnly(entry("order_id", ORDER), entry("cancellation_id", "can_1"));
            });

            // each payment's operation is planned (recorded) before the payment service is called, then recorded as done
            assertThat(f.eventTypes(ORDER)).containsExactly("order.cancellation_requested", "order.cancellation_progressed",
                    "fulfillment.cancelled", "fulfillment.cancelled",
                    "order.cancellation_progressed", "order.cancellation_progressed", "order.cancellation_progressed",
                    "order.cancellation_progressed", "order.cancellation_progressed", "order.cancelled", "order.cancellation_progressed");
            Cancellation done = f.cancellation(ORDER, "can_1");
            assertThat(done.state()).isEqualTo(Cancellation.State.COMPLETED);
            assertThat(done.actions()).extracting(Cancellation.Action::step).containsExactly("inventory.released",
                    "fulfillments.cancelled", "payment.planned:pay_1", "payment.settled:pay_1", "payments.settled",
                    "inventory.restocked", "customer.notified");
            assertThat(f.load(ORDER).version()).isEqualTo(11); // the fulfilments are cancelled in a commit of their own
        }

        @Test
        void aCapturedPaymentIsRefundedNotVoided() {
            capturedOrder();
            cancel(true, false);
            f.runForward(ORDER, "can_1");

            Map<String, Object> settled = f.cancellation(ORDER, "can_1").action(CancellationService.STEP_PAYMENTS).detail();
            assertThat(settled).containsEntry("amount", 2949L).containsEntry("shortfall", 0L)
                    .containsEntry("operations", List.of(Map.of("payment_id", "pay_1", "kind", "refund", "id", "re_1", "amount", 2949L)));
            assertThat(f.payments.moneyCalls()).containsExactly(new FakePayments.Call("refund", "pay_1", 2949L, "can_1:pay_1"));
            assertThat(f.payments.calls("void")).isEmpty();
            assertThat(f.payments.payments.get("pay_1").refunded).isEqualTo(2949);
            assertThat(f.load(ORDER).status()).isEqualTo(OrderStatus.CANCELLED);
        }

        @Test
        void twoPaymentsAreUsedInOrderWhenTheFirstCoversOnlyPart() {
            f.payments.captured("pay_1", 1000, "GBP");
            f.payments.captured("pay_2", 5000, "GBP");
            storeConfirmed(standard().payment("pay_1", 1000, "captured").payment("pay_2", 5000, "captured"));
            cancel(true, true);

            Map<String, Object> settled = service.settlePayments(TENANT, ORDER, "can_1");

            assertThat(f.payments.moneyCalls()).containsExactly(
                    new FakePayments.Call("refund", "pay_1", 1000L, "can_1:pay_1"),
                    new FakePayments.Call("refund", "pay_2", 1949L, "can_1:pay_2"));
            assertThat(settled).containsEntry("amount", 2949L).containsEntry("shortfall", 0L)
                    .containsEntry("operations", List.of(
                            Map.of("payment_id", "pay_1", "kind", "refund", "id", "re_1", "amount", 1000L),
                            Map.of("payment_id", "pay_2", "kind", "refund", "id", "re_2", "amount", 1949L)));
            assertThat(f.payments.totalMoved()).isEqualTo(2949);
        }

        @Test
        void anAuthorizationAndACaptureAreVoidedAndRefundedInOrderAndTheRestIsLeftAlone() {
            f.payments.authorized("pay_1", 500, "GBP");
            f.payments.captured("pay_2", 2000, "GBP");
            f.payments.captured("pay_3", 1000, "GBP");
            storeConfirmed(standard().payment("pay_1", 500, "authorized").payment("pay_2", 2000, "captured")
                    .payment("pay_3", 1000, "captured"));
            cancelLines(List.of(new Cancellation.LineQuantity("line_1", 2)));

            Map<String, Object> settled = service.settlePayments(TENANT, ORDER, "can_1");

            assertThat(f.payments.moneyCalls()).containsExactly(
                    new FakePayments.Call("void", "pay_1", 500L, "can_1:pay_1"),
                    new FakePayments.Call("refund", "pay_2", 1500L, "can_1:pay_2"));
            // pay_3 is not even looked at once the refund is covered
            assertThat(f.payments.calls("status")).extracting(FakePayments.Call::paymentId).containsExactly("pay_1", "pay_2");
            assertThat(settled).containsEntry("amount", 2000L).containsEntry("shortfall", 0L)
                    .containsEntry("allocation", Map.of("line_1", 2000L));
        }

        @Test
        void unknownAndForeignCurrencyPaymentsAreSkippedAndWhatCannotBeGivenBackIsTheShortfall() {
            f.payments.captured("pay_eur", 5000, "EUR");
            f.payments.captured("pay_1", 1000, "GBP");
            storeConfirmed(standard().payment("pay_gone", 2949, "captured").payment("pay_eur", 5000, "captured")
                    .payment("pay_1", 1000, "captured"));
            cancel(true, true);

            Map<String, Object> settled = service.settlePayments(TENANT, ORDER, "can_1");

            assertThat(f.payments.moneyCalls()).containsExactly(new FakePayments.Call("refund", "pay_1", 1000L, "can_1:pay_1"));
            assertThat(settled).containsEntry("requested", true).containsEntry("amount", 1000L).containsEntry("shortfall", 1949L);
            // 1000 over 2000 / 550 / 399: 678.19 / 186.50 / 135.30 -> the spare unit goes to the largest remainder
            @SuppressWarnings("unchecked")
            Map<String, Object> allocation = (Map<String, Object>) settled.get("allocation");
            assertThat(allocation).containsOnly(entry("line_1", 678L), entry("line_2", 187L), entry("shipping", 135L));
            assertThat(allocation.values().stream().mapToLong(v -> (Long) v).sum()).isEqualTo(1000);
        }

        @Test
        void theAllocationSumsExactlyToWhatWasGivenBack() {
            f.payments.captured("pay_1", 1001, "GBP");
            f.payments.authorized("pay_2", 333, "GBP");
            storeConfirmed(anOrder().line(OrderMother.specWithTax("A", 3, 333, 10, 2000, null))
                    .line(OrderMother.specWithTax("B", 7, 111, 0, null, 77L)).discount(123).shipping(299)
                    .payment("pay_1", 1001, "captured").payment("pay_2", 333, "authorized"));
            Cancellation c = cancel(true, true);
            assertThat(c.refundAmount()).isEqualTo(f.load(ORDER).totals().total()).isEqualTo(2203);

            Map<String, Object> settled = service.settlePayments(TENANT, ORDER, "can_1");

            long given = (Long) settled.get("amount");
            assertThat(given).isEqualTo(1334);
            assertThat(settled.get("shortfall")).isEqualTo(2203L - 1334L);
            @SuppressWarnings("unchecked")
            Map<String, Object> allocation = (Map<String, Object>) settled.get("allocation");
            assertThat(allocation).containsOnlyKeys("line_1", "line_2", "shipping");
            assertThat(allocation.values().stream().mapToLong(v -> (Long) v).sum()).isEqualTo(given);
            assertThat(f.payments.totalMoved()).isEqualTo(given);
        }

        @Test
        void withoutRefundNoMoneyMoves() {
            capturedOrder();
            cancel(false, true);
            f.runForward(ORDER, "can_1");

            Map<String, Object> settled = f.cancellation(ORDER, "can_1").action(CancellationService.STEP_PAYMENTS).detail();
            assertThat(settled).containsEntry("requested", false).containsEntry("amount", 0L).containsEntry("shortfall", 0L)
                    .containsEntry("operations", List.of())
                    .containsEntry("allocation", Map.of("line_1", 0L, "line_2", 0L, "shipping", 0L));
            assertThat(f.payments.calls).isEmpty();
            assertThat(f.load(ORDER).status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(f.repo.events.stream().filter(w -> w.event().type().equals("order.cancelled")).findFirst().orElseThrow()
                    .event().data()).containsEntry("refund_amount", 0L);

            notices.notifyCustomer(TENANT, ORDER, "can_1");
            assertThat(f.notifications.sent.get(0).body()).isEqualTo("We have cancelled your order.");
        }

        @Test
        void withoutRestockNothingGoesBackToStock() {
            authorizedOrder();
            cancel(true, false);
            assertThat(service.restock(TENANT, ORDER, "can_1")).containsOnly(entry("requested", false), entry("restocked", Map.of()));
            assertThat(f.inventory.calls("restock")).isEmpty();
            assertThat(f.inventory.restocked).isEmpty();
            assertThat(f.cancellation(ORDER, "can_1").hasDone(CancellationService.STEP_RESTOCKED)).isTrue();
        }

        @Test
        void aPartialCancellationReleasesRefundsAndRestocksOnlyTheCancelledUnits() {
            capturedOrder();
            cancelLines(List.of(new Cancellation.LineQuantity("line_1", 1)));

            // the unit is held by ful_line_1 (2 x SKU-1): that fulfilment is cancelled and its reservation released
            assertThat(service.releaseReservations(TENANT, ORDER, "can_1")).containsOnly(entry("released", Map.of("SKU-1", 2L)),
                    entry("fulfillments", List.of("ful_line_1")));
            assertThat(f.inventory.calls("release")).containsExactly(
                    new FakeInventory.Call("release", ORDER, List.of(new SkuQuantity("SKU-1", 2)), "can_1:release"));
            assertThat(f.inventory.reservationsOf(ORDER)).containsOnly(entry("SKU-2", 1L));
            assertThat(service.cancelFulfillments(TENANT, ORDER, "can_1")).containsExactly(entry("cancelled", List.of("ful_line_1")));
            assertThat(f.load(ORDER).child(Fulfillment.class, "ful_line_1").orElseThrow().status().wire()).isEqualTo("cancelled");
            assertThat(service.settlePayments(TENANT, ORDER, "can_1")).containsEntry("amount", 1000L)
                    .containsEntry("allocation", Map.of("line_1", 1000L));
            assertThat(f.payments.moneyCalls()).containsExactly(new FakePayments.Call("refund", "pay_1", 1000L, "can_1:pay_1"));
            assertThat(service.restock(TENANT, ORDER, "can_1")).containsEntry("restocked", Map.of("SKU-1", 1L));
            assertThat(service.complete(TENANT, ORDER, "can_1")).containsOnly(entry("status", "confirmed"), entry("total", 1949L));
            assertThat(f.load(ORDER).line("line_1").quantity()).isEqualTo(1);
            assertThat(f.load(ORDER).line("line_1").cancelledQuantity()).isEqualTo(1);
            assertThat(lastEvent().type()).isEqualTo("order.lines_cancelled");

            notices.notifyCustomer(TENANT, ORDER, "can_1");
            assertThat(f.notifications.sent.get(0).subject()).isEqualTo("Part of your order 1001 is cancelled");
            assertThat(f.notifications.sent.get(0).body()).startsWith("We have cancelled some items of your order.");
        }

        @Test
        void twoLinesOfTheSameSkuAreReleasedAndRestockedTogether() {
            storeConfirmed(anOrder().line("SKU-1", 2, 1000).line("SKU-1", 3, 900).line("SKU-2", 1, 100));
            cancelLines(List.of(new Cancellation.LineQuantity("line_1", 1), new Cancellation.LineQuantity("line_2", 2)));
            service.releaseReservations(TENANT, ORDER, "can_1");
            service.restock(TENANT, ORDER, "can_1");
            // both lines' fulfilments are cancelled: one release of their SKU-1 units together
            assertThat(f.inventory.calls("release").get(0).request()).containsExactly(new SkuQuantity("SKU-1", 5));
            assertThat(f.inventory.restocked).containsOnly(entry("SKU-1", 3L));
        }

        @Test
        void withoutAnEmailTheCustomerIsNotNotified() {
            f.store(standard().addresses(OFFICE, OFFICE).confirmed());
            cancel(false, false);
            Map<String, Object> notified = notices.notifyCustomer(TENANT, ORDER, "can_1");
            assertThat(notified).containsOnly(entry("sent", false), entry("why", "no email address"));
            assertThat(f.notifications.sent).isEmpty();
            assertThat(f.cancellation(ORDER, "can_1").action(CancellationService.STEP_NOTIFIED).detail()).isEqualTo(notified);
        }

        @Test
        void theBillingEmailIsPreferred() {
            var billing = new dev.oms.domain.order.Address("Bob", null, "1 St", null, "York", null, "Y1", "GB", null, "bob@example.com");
            f.store(standard().addresses(OrderMother.HOME, billing).confirmed());
            cancel(false, false);
            assertThat(notices.notifyCustomer(TENANT, ORDER, "can_1")).containsEntry("recipient", "bob@example.com");
        }

        @Test
        void unknownCancellationIsNotFound() {
            authorizedOrder();
            failsWith(() -> service.releaseReservations(TENANT, ORDER, "can_9"), "cancellation.not_found");
            failsWith(() -> service.settlePayments(TENANT, ORDER, "can_9"), "cancellation.not_found");
            assertThat(f.payments.calls).isEmpty();
            assertThat(f.inventory.calls).isEmpty();
        }
    }

    // =================================================================================================================
    @Nested
    class Idempotency {

        @Test
        void everyStepCalledTwiceCallsItsServiceOnceAndAnswersTheSame() {
            capturedOrder();
            cancel(true, true);

            Map<String, Object> released = service.releaseReservations(TENANT, ORDER, "can_1");
            assertThat(service.releaseReservations(TENANT, ORDER, "can_1")).isEqualTo(released);
            Map<String, Object> fulfilments = service.cancelFulfillments(TENANT, ORDER, "can_1");
            assertThat(service.cancelFulfillments(TENANT, ORDER, "can_1")).isEqualTo(fulfilments);
            Map<String, Object> settled = service.settlePayments(TENANT, ORDER, "can_1");
            assertThat(service.settlePayments(TENANT, ORDER, "can_1")).isEqualTo(settled);
            Map<String, Object> restocked = service.restock(TENANT, ORDER, "can_1");
            assertThat(service.restock(TENANT, ORDER, "can_1")).isEqualTo(restocked);
            Map<String, Object> completed = service.complete(TENANT, ORDER, "can_1");
            long versionAfterComplete = f.load(ORDER).version();
            assertThat(service.complete(TENANT, ORDER, "can_1")).isEqualTo(completed);
            assertThat(f.load(ORDER).version()).isEqualTo(versionAfterComplete);
            Map<String, Object> notified = notices.notifyCustomer(TENANT, ORDER, "can_1");
            assertThat(notices.notifyCustomer(TENANT, ORDER, "can_1")).isEqualTo(notified);

            assertThat(f.inventory.calls("release")).hasSize(1);
            assertThat(f.inventory.calls("restock")).hasSize(1);
            assertThat(f.payments.moneyCalls()).hasSize(1);
            assertThat(f.payments.calls("status")).hasSize(1);
            assertThat(f.payments.totalMoved()).isEqualTo(2949);
            assertThat(f.notifications.sent).hasSize(1);
            assertThat(f.inventory.restocked).containsOnly(entry("SKU-1", 2L), entry("SKU-2", 1L));
            assertThat(f.cancellation(ORDER, "can_1").actions()).hasSize(7);
            assertThat(f.eventTypes(ORDER).stream().filter("order.cancellation_progressed"::equals)).hasSize(7);
            assertThat(f.eventTypes(ORDER).stream().filter("order.cancelled"::equals)).hasSize(1);
        }

        @Test
        void connectorKeysAreDerivedFromTheCancellation() {
            capturedOrder();
            cancelLines(List.of(new Cancellation.LineQuantity("line_1", 1)));
            f.runForward(ORDER, "can_1");
            cancelLines(List.of(new Cancellation.LineQuantity("line_2", 1)));
            f.runForward(ORDER, "can_2");

            assertThat(f.inventory.calls).extracting(FakeInventory.Call::idempotencyKey)
                    .containsExactly("can_1:release", "can_1:restock", "can_2:release", "can_2:restock");
            assertThat(f.payments.moneyCalls()).extracting(FakePayments.Call::idempotencyKey).containsExactly("can_1:pay_1", "can_2:pay_1");
            assertThat(f.payments.totalMoved()).isEqualTo(1000 + 550);
        }

        @Test
        void aStepRetriedAfterItsRecordWasLostReusesTheSameKeysSoNoMoneyMovesTwice() {
            capturedOrder();
            cancelLines(List.of(new Cancellation.LineQuantity("line_1", 1)));
            // the refund goes through but the step's record loses every race, as if the task timed out
            f.repo.alwaysConflict = true;
            assertThatThrownBy(() -> service.settlePayments(TENANT, ORDER, "can_1")).isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).code()).isEqualTo("order.contention");
            f.repo.alwaysConflict = false;

            Map<String, Object> settled = service.settlePayments(TENANT, ORDER, "can_1");

            assertThat(f.payments.moneyCalls()).extracting(FakePayments.Call::idempotencyKey).containsOnly("can_1:pay_1");
            assertThat(f.payments.totalMoved()).isEqualTo(1000);
            assertThat(settled).containsEntry("amount", 1000L);
        }
    }

    // =================================================================================================================
    @Nested
    class Compensation {

        @Test
        void afterAReleaseItReservesAgainHoldsTheOrderAndOpensOneRepairItem() {
            capturedOrder();
            cancel(true, true);
            service.releaseReservations(TENANT, ORDER, "can_1");
            assertThat(f.inventory.reservationsOf(ORDER)).isEmpty();
            f.clock.now = NOW.plus(Duration.ofMinutes(3));

            Map<String, Object> out = service.compensate(TENANT, ORDER, "can_1", "payments.settled", "payment service down");

            assertThat(out).containsExactly(entry("compensated", true), entry("failure", "payment service down"), entry("hold_id", "hold_1"));
            assertThat(f.inventory.calls("reserve")).containsExactly(new FakeInventory.Call("reserve", ORDER,
                    List.of(new SkuQuantity("SKU-1", 2), new SkuQuantity("SKU-2", 1)), "can_1:restore"));
            assertThat(f.inventory.reservationsOf(ORDER)).containsOnly(entry("SKU-1", 2L), entry("SKU-2", 1L));

            Order order = f.load(ORDER);
            assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(order.state().statusBeforeHold).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(order.holds()).singleElement().satisfies(h -> {
                assertThat(h.id()).isEqualTo("hold_1");
                assertThat(h.type()).isEqualTo("cancellation_failed");
                assertThat(h.reason()).isEqualTo("Cancellation can_1 failed: payment service down");
            });
            Cancellation c = order.cancellation("can_1");
            assertThat(c.state()).isEqualTo(Cancellation.State.COMPENSATED);
            assertThat(c.failure()).isEqualTo("payment service down");
            assertThat(c.action(CancellationService.STEP_RESERVATIONS_RESTORED).detail())
                    .isEqualTo(Map.of("reserved", Map.of("SKU-1", 2L, "SKU-2", 1L)));
            assertThat(f.eventTypes(ORDER)).endsWith("order.cancellation_progressed", "order.cancellation_failed", "order.held");

            RepairItem item = f.repairs.find(TENANT, "rep_1").orElseThrow();
            assertThat(item).isEqualTo(new RepairItem("rep_1", TENANT, ORDER, "can_1", "cancellation_failed", "payments.settled",
                    "payment service down", "open", f.clock.now, f.clock.now, 1, List.of()));
            assertThat(f.payments.calls).isEmpty();

            // the saga's compensation is retried: nothing is done twice
            Map<String, Object> again = service.compensate(TENANT, ORDER, "can_1", "payments.settled", "payment service down");
            assertThat(again).containsEntry("compensated", true).doesNotContainKey("hold_id");
            assertThat(f.inventory.calls("reserve")).hasSize(1);
            assertThat(f.repairs.items).hasSize(1);
            assertThat(f.repairs.opened).extracting(RepairItem::id).containsExactly("rep_1", "rep_1");
            assertThat(f.load(ORDER).holds()).hasSize(1);
            assertThat(f.eventTypes(ORDER).stream().filter("order.cancellation_failed"::equals)).hasSize(1);
        }

        @Test
        void withoutAReleaseThereIsNothingToReserve() {
            authorizedOrder();
            cancel(true, true);
            Map<String, Object> out = service.compensate(TENANT, ORDER, "can_1", "inventory.released", "inventory down");
            assertThat(out).containsEntry("failure", "inventory down");
            assertThat(f.inventory.calls).isEmpty();
            assertThat(f.load(ORDER).cancellation("can_1").hasDone(CancellationService.STEP_RESERVATIONS_RESTORED)).isFalse();
            assertThat(f.repairs.find(TENANT, "rep_1").orElseThrow().failedStep()).isEqualTo("inventory.released");
        }

        @Test
        void itSaysWhenMoneyWasAlreadyGivenBack() {
            capturedOrder();
            cancel(true, true);
            service.releaseReservations(TENANT, ORDER, "can_1");
            service.cancelFulfillments(TENANT, ORDER, "can_1");
            service.settlePayments(TENANT, ORDER, "can_1");

            Map<String, Object> out = service.compensate(TENANT, ORDER, "can_1", "inventory.restocked", "warehouse down");

            String failure = (String) out.get("failure");
            assertThat(failure).startsWith("warehouse down").contains("money was already given back (2949)");
            assertThat(f.repairs.find(TENANT, "rep_1").orElseThrow().failure()).isEqualTo(failure);
            assertThat(f.load(ORDER).cancellation("can_1").failure()).isEqualTo(failure);
            assertThat(f.load(ORDER).holds().get(0).reason()).contains("money was already given back (2949)");
            // compensation never takes money back
            assertThat(f.payments.moneyCalls()).hasSize(1);
        }

        @Test
        void aSettleStepThatGaveNothingBackIsNotMentioned() {
            capturedOrder();
            cancel(false, true);
            service.settlePayments(TENANT, ORDER, "can_1");
            Map<String, Object> out = service.compensate(TENANT, ORDER, "can_1", "inventory.restocked", "warehouse down");
            assertThat(out.get("failure")).isEqualTo("warehouse down");
        }

        @Test
        void aFailingReReserveStillCompensatesTheOrderAndSaysSoInTheRepairItem() {
            capturedOrder();
            cancel(true, true);
            service.releaseReservations(TENANT, ORDER, "can_1");
            f.inventory.failReserve = new ConnectorException("inventory", "reserve", "not enough stock of SKU-1");

            Map<String, Object> out = service.compensate(TENANT, ORDER, "can_1", "payments.settled", "payment service down");

            String failure = (String) out.get("failure");
            assertThat(failure).startsWith("payment service down; the released reservations could not be restored: ")
                    .contains("not enough stock of SKU-1");
            assertThat(out).containsEntry("hold_id", "hold_1");
            Order order = f.load(ORDER);
            assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(order.cancellation("can_1").state()).isEqualTo(Cancellation.State.COMPENSATED);
            assertThat(order.cancellation("can_1").hasDone(CancellationService.STEP_RESERVATIONS_RESTORED)).isFalse();
            assertThat(order.holds()).extracting(Hold::type).containsExactly("cancellation_failed");
            RepairItem item = f.repairs.find(TENANT, "rep_1").orElseThrow();
            assertThat(item.failure()).isEqualTo(failure);
            assertThat(item.state()).isEqualTo("open");
        }

        @Test
        void aPartialCancellationIsCompensatedWithoutTouchingTheLines() {
            capturedOrder();
            cancelLines(List.of(new Cancellation.LineQuantity("line_1", 1)));
            service.releaseReservations(TENANT, ORDER, "can_1");
            service.compensate(TENANT, ORDER, "can_1", "payments.settled", "boom");
            Order order = f.load(ORDER);
            assertThat(order.line("line_1").quantity()).isEqualTo(2);
            assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(f.inventory.calls("reserve").get(0).request()).containsExactly(new SkuQuantity("SKU-1", 2));
            assertThat(f.inventory.reservationsOf(ORDER)).containsOnly(entry("SKU-1", 2L), entry("SKU-2", 1L));
        }

        @Test
        void parkingForRepairOpensTheSameItemOnce() {
            authorizedOrder();
            cancel(true, true);
            assertThat(service.parkForRepair(TENANT, ORDER, "can_1", "payments.settled", "table unavailable"))
                    .containsOnly(entry("parked", true));
            assertThat(service.parkForRepair(TENANT, ORDER, "can_1", "payments.settled", "again")).containsOnly(entry("parked", true));
            assertThat(f.repairs.items.values()).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo("rep_1");
                assertThat(i.failure()).isEqualTo("compensation failed: table unavailable");
                assertThat(i.state()).isEqualTo("open");
            });
            // the order is left as it is, for a person
            assertThat(f.load(ORDER).status()).isEqualTo(OrderStatus.CANCELLING);
        }
    }

    // =================================================================================================================
    @Nested
    class Bugs {

        @Test
        void aRetryAfterAFailurePartWayDoesNotRefundTwice() {
            f.payments.captured("pay_1", 1000, "GBP");
            f.payments.captured("pay_2", 5000, "GBP");
            storeConfirmed(standard().payment("pay_1", 1000, "captured").payment("pay_2", 5000, "captured"));
            cancel(true, true);
            f.payments.failStatusOnce.add("pay_2");
            assertThatThrownBy(() -> service.settlePayments(TENANT, ORDER, "can_1")).isInstanceOf(ConnectorException.class);
            assertThat(f.payments.totalMoved()).isEqualTo(1000);

            Map<String, Object> settled = service.settlePayments(TENANT, ORDER, "can_1");

            assertThat(f.payments.totalMoved()).isEqualTo(2949);
            assertThat(f.payments.payments.get("pay_2").refunded).isEqualTo(1949);
            assertThat(settled).containsEntry("amount", 2949L).containsEntry("shortfall", 0L);
        }

        @Test
        void aSecondCancellationVoidsOnlyWhatIsStillAuthorized() {
            f.payments.authorized("pay_1", 1500, "GBP");
            f.payments.authorized("pay_2", 1449, "GBP");
            storeConfirmed(standard().payment("pay_1", 1500, "authorized").payment("pay_2", 1449, "authorized"));
            cancelLines(List.of(new Cancellation.LineQuantity("line_1", 1)));
            f.runForward(ORDER, "can_1");
            assertThat(f.payments.moved).extracting(o -> o.amount().minor()).containsExactly(1000L);

            cancel(true, true);
            Map<String, Object> settled = service.settlePayments(TENANT, ORDER, "can_2");

            assertThat(settled).containsEntry("amount", 1949L).containsEntry("shortfall", 0L);
            assertThat(f.payments.moneyCalls()).containsExactly(
                    new FakePayments.Call("void", "pay_1", 1000L, "can_1:pay_1"),
                    new FakePayments.Call("void", "pay_1", 500L, "can_2:pay_1"),
                    new FakePayments.Call("void", "pay_2", 1449L, "can_2:pay_2"));
        }

        @Test
        void settlingAPartialCancellationThatMovedTheOrderDiscountWorks() {
            f.payments.captured("pay_1", 3, "GBP");
            storeConfirmed(anOrder().line("A", 2, 1).line("B", 1, 1).line("C", 1, 3).discount(3).payment("pay_1", 3, "captured"));
            cancelLines(List.of(new Cancellation.LineQuantity("line_1", 1)));

            Map<String, Object> settled = service.settlePayments(TENANT, ORDER, "can_1");

            assertThat(settled).containsEntry("amount", 1L);
            @SuppressWarnings("unchecked")
            Map<String, Object> allocation = (Map<String, Object>) settled.get("allocation");
            assertThat(allocation.values().stream().mapToLong(v -> (Long) v).sum()).isEqualTo(1);
            assertThat(allocation.values()).allSatisfy(v -> assertThat((Long) v).isNotNegative());
        }

        @Test
        void theEmailStatesTheRefundInMajorUnits() {
            capturedOrder();
            cancel(true, true);
            f.runForward(ORDER, "can_1");
            notices.notifyCustomer(TENANT, ORDER, "can_1");
            Notification n = f.notifications.sent.get(0);
            assertThat(n.body()).contains("29.49").doesNotContain("2949");
        }
    }
}
