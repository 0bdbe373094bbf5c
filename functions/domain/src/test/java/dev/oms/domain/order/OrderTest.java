package dev.oms.domain.order;

import static dev.oms.DomainAssertions.failsWith;
import static dev.oms.DomainAssertions.failsWithFieldError;
import static dev.oms.domain.order.OrderMother.AGENT;
import static dev.oms.domain.order.OrderMother.CUSTOMER;
import static dev.oms.domain.order.OrderMother.HOME;
import static dev.oms.domain.order.OrderMother.NOW;
import static dev.oms.domain.order.OrderMother.OFFICE;
import static dev.oms.domain.order.OrderMother.TENANT;
import static dev.oms.domain.order.OrderMother.anOrder;
import static dev.oms.domain.order.OrderMother.approve;
import static dev.oms.domain.order.OrderMother.approvedFor;
import static dev.oms.domain.order.OrderMother.authorized;
import static dev.oms.domain.order.OrderMother.checks;
import static dev.oms.domain.order.OrderMother.declined;
import static dev.oms.domain.order.OrderMother.eventTypes;
import static dev.oms.domain.order.OrderMother.fresh;
import static dev.oms.domain.order.OrderMother.gbp;
import static dev.oms.domain.order.OrderMother.missing;
import static dev.oms.domain.order.OrderMother.onlyEvent;
import static dev.oms.domain.order.OrderMother.pendingPayment;
import static dev.oms.domain.order.OrderMother.reject;
import static dev.oms.domain.order.OrderMother.review;
import static dev.oms.domain.order.OrderMother.spec;
import static dev.oms.domain.order.OrderMother.specWithTax;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.ConfirmationChecks.PaymentCheck;
import dev.oms.domain.order.ConfirmationChecks.PaymentOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderTest {

    private static final Instant LATER = NOW.plus(Duration.ofMinutes(5));

    private final OrderMother mother = anOrder();

    // =================================================================================================================
    @Nested
    class Creation {

        @Test
        void createdOrderHasItsFieldsTotalsAndOneCreatedEvent() {
            Order order = anOrder().line("SKU-1", 2, 1000).line("SKU-2", 1, 550).shipping(399).metadata("b", "2").metadata("a", "1")
                    .externalReference("ext-1").build();

            assertThat(order.id()).isEqualTo("ord_1");
            assertThat(order.tenantId()).isEqualTo(TENANT);
            assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
            assertThat(order.version()).isZero();
            assertThat(order.customerId()).isEqualTo(CUSTOMER);
            assertThat(order.isDeleted()).isFalse();
            assertThat(order.holds()).isEmpty();
            assertThat(order.lines()).extracting(OrderLine::id).containsExactly("line_1", "line_2");
            assertThat(order.lines()).extracting(OrderLine::sku).containsExactly("SKU-1", "SKU-2");
            assertThat(order.totals()).isEqualTo(new OrderTotals(2550, 0, 0, 399, 2949));
            OrderState s = order.state();
            assertThat(s.number).isEqualTo(1001);
            assertThat(s.externalReference).isEqualTo("ext-1");
            assertThat(s.currency).isEqualTo("GBP");
            assertThat(s.createdAt).isEqualTo(NOW);
            assertThat(s.updatedAt).isEqualTo(NOW);
            assertThat(s.confirmedAt).isNull();
            assertThat(s.metadata).containsExactly(entry("a", "1"), entry("b", "2"));

            DomainEvent created = onlyEvent(order);
            assertThat(created.type()).isEqualTo("order.created");
            assertThat(created.data()).containsExactly(
                    entry("number", 1001L), entry("status", "created"), entry("customer_id", CUSTOMER), entry("currency", "GBP"),
                    entry("total", 2949L), entry("line_count", 2), entry("source", "api"));
            assertThat(order.hasChanges()).isTrue();
        }

        @Test
        void defaultsShippingAndDiscountToZero() {
            Order order = anOrder().build();
            assertThat(order.state().shippingAmount).isEqualTo(Money.zero("GBP"));
            assertThat(order.state().discount).isEqualTo(Money.zero("GBP"));
            assertThat(order.state().payments).isEmpty();
        }

        @Test
        void anOrderNeedsItems() {
            OrderDraft d = anOrder().draft();
            OrderDraft empty = new OrderDraft(null, CUSTOMER, "web", "api", "GBP", List.of(), null, null, null, null, null, null, null);
            var fe = failsWithFieldError(() -> Order.create(TENANT, "ord_1", 1, empty, NOW, mother.lineIds()), "items.required");
            assertThat(fe.field()).isEqualTo("items");
            assertThat(d.items()).hasSize(1);
        }

        @Test
        void atMostMaxLinesOnCreate() {
            assertThat(Order.MAX_LINES).isEqualTo(200);
            OrderMother full = anOrder();
            for (int i = 0; i < Order.MAX_LINES; i++) full.line("SKU-" + i, 1, 100);
            assertThat(full.build().lines()).hasSize(200);

            OrderMother tooMany = anOrder();
            for (int i = 0; i <= Order.MAX_LINES; i++) tooMany.line("SKU-" + i, 1, 100);
            var fe = failsWithFieldError(tooMany::build, "lines.too_many");
            assertThat(fe.field()).isEqualTo("items");
        }

        @Test
        void discountLargerThanTheLinesIsRefusedOnCreate() {
            failsWithFieldError(() -> anOrder().line("SKU-1", 1, 1000).discount(1001).build(), "discount.exceeds_amount");
        }
        @Test
        void createRefusesItemsInAnotherCurrency() {
            LineSpec usd = new LineSpec(null, "SKU-USD", null, null, 1, Money.of(1000, "USD"), null, null, null, null);
            failsWithFieldError(() -> anOrder().line("SKU-1", 1, 1000).line(usd).build(), "currency.mismatch");
        }

        @Test
        void balanceDueSubtractsCapturedPaymentsOnly() {
            Order order = anOrder().line("SKU-1", 1, 5000).payment("pay_1", 1500, "captured").payment("pay_2", 2000, "authorized").build();
            assertThat(order.balanceDue()).isEqualTo(3500);
            Order overpaid = anOrder().line("SKU-1", 1, 1000).payment("pay_1", 1500, "captured").build();
            assertThat(overpaid.balanceDue()).isZero();
        }

        @Test
        void lineLookup() {
            Order order = mother.created();
            assertThat(order.line("line_1").sku()).isEqualTo("SKU-1");
            DomainException e = failsWith(() -> order.line("line_9"), "order.line_not_found");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        }

        @Test
        void freshlyLoadedOrderHasNoChanges() {
            Order order = mother.created();
            assertThat(order.pendingEvents()).isEmpty();
            assertThat(order.hasChanges()).isFalse();
        }
    }

    // =================================================================================================================
    @Nested
    class Confirmation {

        @Test
        void createdToConfirmed() {
            Order order = mother.created();
            order.confirm(approvedFor(order), "hold_x", AGENT, LATER);

            assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(order.state().confirmedAt).isEqualTo(LATER);
            assertThat(order.state().updatedAt).isEqualTo(LATER);
            assertThat(order.holds()).isEmpty();
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.confirmed");
            assertThat(e.data()).containsExactly(entry("from", "created"), entry("to", "confirmed"), entry("total", 2000L),
                    entry("fraud_score", 12));
        }

        @Test
        void createdToPendingWhenPaymentAuthorizationIsPending() {
            Order order = mother.created();
            order.confirm(checks(pendingPayment(500)), "hold_x", AGENT, LATER);

            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.state().confirmedAt).isNull();
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.payment_pending");
            assertThat(e.data()).containsExactly(entry("from", "created"), entry("to", "pending"), entry("authorized", 500L),
                    entry("total", 2000L));
        }

        @Test
        void pendingStaysPendingWithoutAnEventWhileThePaymentIsStillPending() {
            Order order = mother.pending();
            order.confirm(checks(pendingPayment(0)), "hold_x", AGENT, LATER);
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.pendingEvents()).isEmpty();
        }

        @Test
        void pendingToConfirmed() {
            Order order = mother.pending();
            order.confirm(approvedFor(order), "hold_x", AGENT, LATER);
            assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(onlyEvent(order).type()).isEqualTo("order.confirmed");
            assertThat(onlyEvent(order).data()).containsEntry("from", "pending").containsEntry("to", "confirmed");
        }

        @Test
        void unavailableInventoryBlocksConfirmation() {
            Order order = mother.created();
            ConfirmationChecks c = new ConfirmationChecks(authorized(2000), List.of("SKU-1"), approve());
            DomainException e = failsWith(() -> order.confirm(c, "hold_x", AGENT, LATER), "order.blocked.inventory_unavailable");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(e.details()).containsEntry("skus", List.of("SKU-1"));
            assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
            assertThat(order.pendingEvents()).isEmpty();
        }

        @Test
        void inventoryIsCheckedBeforePayment() {
            Order order = mother.created();
            ConfirmationChecks c = new ConfirmationChecks(declined(), List.of("SKU-1"), approve());
            failsWith(() -> order.confirm(c, "hold_x", AGENT, LATER), "order.blocked.inventory_unavailable");
        }

        @Test
        void declinedPaymentBlocksConfirmation() {
            Order order = mother.created();
            DomainException e = failsWith(() -> order.confirm(checks(declined()), "hold_x", AGENT, LATER), "order.blocked.payment_declined");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE);
            assertThat(e.details()).containsEntry("payments", Map.of("pay_1", "declined"));
            assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
            assertThat(order.pendingEvents()).isEmpty();
        }

        @Test
        void missingPaymentBlocksConfirmation() {
            Order order = mother.created();
            DomainException e = failsWith(() -> order.confirm(checks(missing(1500)), "hold_x", AGENT, LATER), "order.blocked.payment_required");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE);
            assertThat(e.details()).containsEntry("authorized", 1500L);
            assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
        }

        @Test
        void zeroTotalOrderConfirmsWithoutPayment() {
            Order order = fresh(anOrder().line("FREE-1", 1, 0).build());
            assertThat(order.totals().total()).isZero();
            order.confirm(checks(missing(0)), "hold_x", AGENT, LATER);
            assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(onlyEvent(order).data()).containsEntry("total", 0L);

            Order fullyDiscounted = fresh(anOrder().line("SKU-1", 1, 1000).discount(1000).build());
            fullyDiscounted.confirm(checks(declined()), "hold_x", AGENT, LATER);
            assertThat(fullyDiscounted.status()).isEqualTo(OrderStatus.CONFIRMED);
        }

        @Test
        void paymentStatusesAreRefreshedFromTheChecks() {
            Order order = fresh(anOrder().line("SKU-1", 1, 1000).payment("pay_1", 1000, "pending").payment("pay_2", 10, "pending").build());
            PaymentCheck pay = new PaymentCheck(PaymentOutcome.AUTHORIZED, 1000, Map.of("pay_1", "authorized"));
            order.confirm(checks(pay), "hold_x", AGENT, LATER);
            assertThat(order.state().payments).extracting(PaymentReference::status).containsExactly("authorized", "pending");
        }

        @Test
        void fraudReviewPutsTheOrderOnAFraudHold() {
            Order order = mother.created();
            order.confirm(new ConfirmationChecks(authorized(2000), List.of(), review()), "hold_f", AGENT, LATER);

            assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(order.state().statusBeforeHold).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(order.state().confirmedAt).isNull();
            assertThat(order.holds()).singleElement().satisfies(h -> {
                assertThat(h.id()).isEqualTo("hold_f");
                assertThat(h.type()).isEqualTo("fraud");
                assertThat(h.reason()).isEqualTo("Fraud screening asked for a review (score 65)");
                assertThat(h.note()).isEqualTo("new_device; address_mismatch");
                assertThat(h.placedBy()).isEqualTo("agent_1");
                assertThat(h.placedAt()).isEqualTo(LATER);
            });
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.held");
            assertThat(e.reason()).isEqualTo("Fraud screening asked for a review (score 65)");
            assertThat(e.data()).containsEntry("hold_id", "hold_f").containsEntry("type", "fraud").containsEntry("from", "created")
                    .containsEntry("to", "on_hold").containsEntry("open_holds", 1).containsEntry("fraud_score", 65)
                    .containsEntry("fraud_outcome", "review");
        }

        @Test
        void fraudRejectFromPendingAlsoHolds() {
            Order order = mother.pending();
            order.confirm(new ConfirmationChecks(authorized(2000), List.of(), reject()), "hold_f", AGENT, LATER);
            assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(onlyEvent(order).data()).containsEntry("from", "pending").containsEntry("fraud_outcome", "reject")
                    .containsEntry("fraud_score", 97);
            assertThat(order.holds().get(0).reason()).isEqualTo("Fraud screening rejected the order (score 97)");
        }

        @Test
        void releasingTheFraudHoldConfirmsTheOrder() {
            Order order = mother.created();
            order.confirm(new ConfirmationChecks(authorized(2000), List.of(), review()), "hold_f", AGENT, NOW);
            Order held = fresh(order);

            DomainException e = failsWith(() -> held.release("hold_f", "looks fine", false, LATER), "auth.forbidden");
            assertThat(held.pendingEvents()).isEmpty();
            order = fresh(held);
            assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
            assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(order.holds()).hasSize(1);

            Hold released = order.release("hold_f", "looks fine", true, LATER);
            assertThat(released.id()).isEqualTo("hold_f");
            assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(order.state().confirmedAt).isEqualTo(LATER);
            assertThat(order.state().statusBeforeHold).isNull();
            assertThat(order.pendingEvents()).extracting(DomainEvent::type).containsExactly("order.hold_released", "order.confirmed");
            DomainEvent ev = order.pendingEvents().get(0);
            assertThat(ev.reason()).isEqualTo("looks fine");
            assertThat(ev.data()).containsExactly(entry("hold_id", "hold_f"), entry("type", "fraud"), entry("resolution", "looks fine"),
                    entry("from", "on_hold"), entry("to", "confirmed"), entry("open_holds", 0));
            // listeners of order.confirmed hear about orders confirmed after a fraud review too
            assertThat(order.pendingEvents().get(1).data()).containsEntry("after_review", "fraud").containsEntry("to", "confirmed");
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CONFIRMED", "ON_HOLD", "COMPLETED", "CANCELLED"})
        void confirmIsRefusedOutsideCreatedAndPending(OrderStatus status) {
            Order order = mother.inStatus(status);
            DomainException e = failsWith(() -> order.confirm(approvedFor(order), "hold_x", AGENT, LATER), "order.invalid_transition");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(e.details()).containsEntry("from", status.wire()).containsEntry("to", "confirmed");
            assertThat(order.status()).isEqualTo(status);
            assertThat(order.pendingEvents()).isEmpty();
        }
    }

    // =================================================================================================================
    @Nested
    class Holds {

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CREATED", "PENDING", "CONFIRMED"})
        void holdFrom(OrderStatus from) {
            Order order = mother.inStatus(from);
            Hold hold = mother.manualHold();
            assertThat(order.hold(hold, LATER)).isSameAs(hold);

            assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(order.state().statusBeforeHold).isEqualTo(from);
            assertThat(order.holds()).containsExactly(hold);
            assertThat(order.state().updatedAt).isEqualTo(LATER);
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.held");
            assertThat(e.reason()).isEqualTo("Check the address");
            assertThat(e.data()).containsExactly(entry("hold_id", hold.id()), entry("type", "manual_review"),
                    entry("reason", "Check the address"), entry("assigned_to", "agent_2"), entry("from", from.wire()),
                    entry("to", "on_hold"), entry("open_holds", 1));
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CREATED", "PENDING", "CONFIRMED"})
        void staysOnHoldUntilTheLastHoldIsReleasedThenReturnsToTheStatusBefore(OrderStatus from) {
            Order order = mother.inStatus(from);
            Hold first = mother.manualHold();
            Hold second = mother.hold("address", "Undeliverable");
            order.hold(first, NOW);
            order.hold(second, NOW);
            assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(order.holds()).containsExactly(first, second);
            assertThat(order.pendingEvents().get(1).data()).containsEntry("from", "on_hold").containsEntry("open_holds", 2);
            order = fresh(order);

            order.release(first.id(), "checked", false, LATER);
            assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(order.holds()).containsExactly(second);
            assertThat(onlyEvent(order).data()).containsEntry("to", "on_hold").containsEntry("open_holds", 1);
            order = fresh(order);

            order.release(second.id(), "fixed", false, LATER);
            assertThat(order.status()).isEqualTo(from);
            assertThat(order.holds()).isEmpty();
            assertThat(order.state().statusBeforeHold).isNull();
            assertThat(onlyEvent(order).data()).containsEntry("from", "on_hold").containsEntry("to", from.wire())
                    .containsEntry("open_holds", 0);
        }

        @Test
        void releasingAManualHoldOfAConfirmedOrderKeepsItsConfirmationTime() {
            Order order = mother.onHoldFrom(OrderStatus.CONFIRMED);
            Instant confirmedAt = order.state().confirmedAt;
            order.release(null, "ok", false, LATER);
            assertThat(order.state().confirmedAt).isEqualTo(confirmedAt).isEqualTo(NOW);
        }

        @Test
        void releaseWithoutIdReleasesTheOnlyHold() {
            Order order = mother.onHoldFrom(OrderStatus.CREATED);
            Hold released = order.release(null, "ok", false, LATER);
            assertThat(released.id()).isEqualTo("hold_1");
            assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
        }

        @Test
        void releaseWithoutIdIsRefusedWhenThereAreSeveralHolds() {
            Order order = mother.onHoldFrom(OrderStatus.CREATED);
            order.hold(mother.manualHold(), NOW);
            Order loaded = fresh(order);
            var fe = failsWithFieldError(() -> loaded.release(null, "ok", false, LATER), "hold_id.required");
            assertThat(fe.field()).isEqualTo("hold_id");
            assertThat(loaded.holds()).hasSize(2);
        }

        @Test
        void releasingAnUnknownHold() {
            Order order = mother.onHoldFrom(OrderStatus.CREATED);
            DomainException e = failsWith(() -> order.release("hold_nope", "ok", true, LATER), "order.hold_not_found");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        }

        @Test
        void releasingAnOrderThatIsNotOnHold() {
            Order order = mother.confirmed();
            failsWith(() -> order.release(null, "ok", true, LATER), "order.not_on_hold");
        }

        @Test
        void aFraudHoldAmongOthersNeedsThePermission() {
            Order order = mother.onHoldFrom(OrderStatus.CREATED);
            Hold fraud = mother.hold("fraud", "Suspicious");
            order.hold(fraud, NOW);
            Order loaded = fresh(order);
            failsWith(() -> loaded.release(fraud.id(), "ok", false, LATER), "auth.forbidden");
            loaded.release("hold_1", "ok", false, LATER);
            assertThat(loaded.holds()).containsExactly(fraud);
            loaded.release(fraud.id(), "ok", true, LATER);
            assertThat(loaded.status()).isEqualTo(OrderStatus.CREATED);
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"COMPLETED", "CANCELLED"})
        void holdIsRefusedForFinishedOrders(OrderStatus status) {
            Order order = mother.inStatus(status);
            DomainException e = failsWith(() -> order.hold(mother.manualHold(), LATER), "order.invalid_transition");
            assertThat(e.details()).containsEntry("from", status.wire()).containsEntry("to", "on_hold");
        }

        @Test
        void atMostTwentyHolds() {
            Order order = mother.created();
            for (int i = 0; i < 20; i++) order.hold(mother.manualHold(), NOW);
            assertThat(order.holds()).hasSize(20);
            failsWith(() -> order.hold(mother.manualHold(), NOW), "order.too_many_holds");
            assertThat(order.holds()).hasSize(20);
        }
    }

    // =================================================================================================================
    @Nested
    class CloseAndReopen {

        @Test
        void confirmedToCompletedByClose() {
            Order order = mother.confirmed();
            order.close("delivered", LATER);
            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(order.state().closedAt).isEqualTo(LATER);
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.closed");
            assertThat(e.reason()).isEqualTo("delivered");
            assertThat(e.data()).containsExactly(entry("from", "confirmed"), entry("to", "completed"));
        }

        @Test
        void completedToConfirmedByReopen() {
            Order order = mother.completed();
            order.reopen("customer called", LATER);
            assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(order.state().closedAt).isNull();
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.reopened");
            assertThat(e.reason()).isEqualTo("customer called");
            assertThat(e.data()).containsExactly(entry("from", "completed"), entry("to", "confirmed"));
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CREATED", "PENDING", "ON_HOLD", "COMPLETED", "CANCELLED"})
        void closeIsRefusedOutsideConfirmed(OrderStatus status) {
            Order order = mother.inStatus(status);
            DomainException e = failsWith(() -> order.close("x", LATER), "order.invalid_transition");
            assertThat(e.details()).containsEntry("from", status.wire()).containsEntry("to", "completed");
            assertThat(e.getMessage()).isEqualTo("An order cannot go from " + status.wire() + " to completed");
            assertThat(order.status()).isEqualTo(status);
            assertThat(order.pendingEvents()).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CREATED", "PENDING", "CONFIRMED", "ON_HOLD", "CANCELLED"})
        void reopenIsRefusedOutsideCompleted(OrderStatus status) {
            Order order = mother.inStatus(status);
            DomainException e = failsWith(() -> order.reopen("x", LATER), "order.invalid_transition");
            assertThat(e.details()).containsEntry("from", status.wire()).containsEntry("to", "confirmed");
            assertThat(order.status()).isEqualTo(status);
        }

        @Test
        void aWholeLifecycleRecordsOneEventPerTransition() {
            Order order = mother.build();
            order.confirm(approvedFor(order), "hold_x", AGENT, NOW);
            order.hold(mother.manualHold(), NOW);
            order.release(null, "ok", false, NOW);
            order.close("done", NOW);
            order.reopen("again", NOW);
            assertThat(eventTypes(order)).containsExactly("order.created", "order.confirmed", "order.held", "order.hold_released",
                    "order.closed", "order.reopened");
            assertThat(order.pendingEvents()).extracting(ev -> ev.data().get("to"))
                    .containsExactly(null, "confirmed", "on_hold", "confirmed", "completed", "confirmed");
        }
    }

    // =================================================================================================================
    @Nested
    class Lines {

        @Test
        void addLineAppendsRepricesAndRecordsAnEvent() {
            Order order = mother.created();
            LineSpec spec = specWithTax("SKU-2", 3, 500, 100, 2000, null);
            OrderLine added = order.addLine(spec, "line_9", LATER);

            assertThat(added.id()).isEqualTo("line_9");
            assertThat(added.tax()).isEqualTo(280); // (1500 - 100) * 20%
            assertThat(order.lines()).extracting(OrderLine::id).containsExactly("line_1", "line_9");
            assertThat(order.totals()).isEqualTo(new OrderTotals(3500, 100, 280, 0, 3680));
            assertThat(order.state().updatedAt).isEqualTo(LATER);
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.line_added");
            assertThat(e.data()).containsExactly(entry("line_id", "line_9"), entry("sku", "SKU-2"), entry("quantity", 3L),
                    entry("unit_price", 500L), entry("line_total", 1400L), entry("tax", 280L));
        }

        @Test
        void addLineInAnotherCurrencyIsRefused() {
            Order order = mother.created();
            LineSpec usd = new LineSpec(null, "SKU-2", null, null, 1, Money.of(100, "USD"), null, null, null, null);
            var fe = failsWithFieldError(() -> order.addLine(usd, "line_9", LATER), "currency.mismatch");
            assertThat(fe.field()).isEqualTo("unit_price.currency");
            assertThat(fe.message()).contains("USD").contains("GBP");
            assertThat(order.lines()).hasSize(1);
            assertThat(order.pendingEvents()).isEmpty();

            LineSpec usdDiscount = new LineSpec(null, "SKU-2", null, null, 1, gbp(100), Money.of(1, "USD"), null, null, null);
            failsWithFieldError(() -> order.addLine(usdDiscount, "line_9", LATER), "currency.mismatch");
            LineSpec usdTax = new LineSpec(null, "SKU-2", null, null, 1, gbp(100), null, null, Money.of(1, "USD"), null);
            failsWithFieldError(() -> order.addLine(usdTax, "line_9", LATER), "currency.mismatch");
            assertThat(order.lines()).hasSize(1);
        }

        @Test
        void addLineWithAKnownClientLineIdReturnsTheFirstLineAndRecordsNothing() {
            Order order = fresh(anOrder().line(spec("c-1", "SKU-1", 2, 1000)).build());
            OrderLine again = order.addLine(spec("c-1", "SKU-OTHER", 5, 9999), "line_9", LATER);
            assertThat(again.id()).isEqualTo("line_1");
            assertThat(again.sku()).isEqualTo("SKU-1");
            assertThat(again.quantity()).isEqualTo(2);
            assertThat(order.lines()).hasSize(1);
            assertThat(order.pendingEvents()).isEmpty();
            assertThat(order.state().updatedAt).isEqualTo(NOW);

            OrderLine other = order.addLine(spec("c-2", "SKU-2", 1, 10), "line_9", LATER);
            assertThat(other.id()).isEqualTo("line_9");
            assertThat(other.clientLineId()).isEqualTo("c-2");
        }

        @Test
        void addLineBeyondMaxLinesIsRefused() {
            OrderMother full = anOrder();
            for (int i = 0; i < Order.MAX_LINES; i++) full.line("SKU-" + i, 1, 100);
            Order order = full.created();
            failsWithFieldError(() -> order.addLine(spec("SKU-X", 1, 1), "line_x", LATER), "lines.too_many");
            assertThat(order.lines()).hasSize(Order.MAX_LINES);
        }

        @Test
        void addLineWithADiscountAboveItsAmountIsRefused() {
            Order order = mother.created();
            failsWithFieldError(() -> order.addLine(specWithTax("SKU-2", 1, 100, 101, null, null), "line_9", LATER),
                    "discount.exceeds_amount");
        }

        @Test
        void updateLineChangesFieldsAndRecordsThePreviousQuantity() {
            Order order = mother.created();
            LineChange change = new LineChange(5L, gbp(900), gbp(50), 1000, null, "new text", Map.of("gift", "yes"));
            OrderLine updated = order.updateLine("line_1", change, LATER);

            assertThat(updated.quantity()).isEqualTo(5);
            assertThat(updated.unitPrice()).isEqualTo(gbp(900));
            assertThat(updated.discount()).isEqualTo(gbp(50));
            assertThat(updated.description()).isEqualTo("new text");
            assertThat(updated.metadata()).containsExactly(entry("gift", "yes"));
            assertThat(updated.tax()).isEqualTo(445); // (4500 - 50) * 10%
            assertThat(order.totals()).isEqualTo(new OrderTotals(4500, 50, 445, 0, 4895));
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.line_updated");
            assertThat(e.data()).containsEntry("line_id", "line_1").containsEntry("quantity", 5L).containsEntry("previous_quantity", 2L)
                    .containsEntry("line_total", 4450L).containsEntry("tax", 445L);
        }

        @Test
        void quantityChangeRescalesAnExplicitTaxAmountHalfEven() {
            Order order = fresh(anOrder().line(specWithTax("SKU-1", 2, 1000, 0, null, 125L)).build());
            // 125 * 1 / 2 = 62.5 -> 62 (even)
            order.updateLine("line_1", new LineChange(1L, null, null, null, null, null, null), LATER);
            assertThat(order.line("line_1").taxAmount()).isEqualTo(gbp(62));
            assertThat(order.line("line_1").tax()).isEqualTo(62);

            Order other = fresh(anOrder().line(specWithTax("SKU-1", 2, 1000, 0, null, 125L)).build());
            // 125 * 3 / 2 = 187.5 -> 188 (even)
            other.updateLine("line_1", new LineChange(3L, null, null, null, null, null, null), LATER);
            assertThat(other.line("line_1").taxAmount()).isEqualTo(gbp(188));

            Order third = fresh(anOrder().line(specWithTax("SKU-1", 3, 1000, 0, null, 100L)).build());
            // 100 * 2 / 3 = 66.67 -> 67
            third.updateLine("line_1", new LineChange(2L, null, null, null, null, null, null), LATER);
            assertThat(third.line("line_1").taxAmount()).isEqualTo(gbp(67));
            assertThat(third.totals().taxTotal()).isEqualTo(67);
        }

        @Test
        void quantityChangeWithAnExplicitNewTaxAmountUsesIt() {
            Order order = fresh(anOrder().line(specWithTax("SKU-1", 2, 1000, 0, null, 125L)).build());
            order.updateLine("line_1", new LineChange(4L, null, null, null, gbp(300), null, null), LATER);
            assertThat(order.line("line_1").tax()).isEqualTo(300);
        }

        @Test
        void sameQuantityKeepsTheExplicitTaxAmount() {
            Order order = fresh(anOrder().line(specWithTax("SKU-1", 2, 1000, 0, null, 125L)).build());
            order.updateLine("line_1", new LineChange(2L, gbp(2000), null, null, null, null, null), LATER);
            assertThat(order.line("line_1").tax()).isEqualTo(125);
        }

        @Test
        void aTaxRateReplacesAnExplicitTaxAmountAndViceVersa() {
            Order order = fresh(anOrder().line(specWithTax("SKU-1", 2, 1000, 0, null, 125L)).build());
            order.updateLine("line_1", new LineChange(null, null, null, 1000, null, null, null), LATER);
            assertThat(order.line("line_1").taxAmount()).isNull();
            assertThat(order.line("line_1").taxRateBps()).isEqualTo(1000);
            assertThat(order.line("line_1").tax()).isEqualTo(200);

            order.updateLine("line_1", new LineChange(null, null, null, null, gbp(7), null, null), LATER);
            assertThat(order.line("line_1").taxRateBps()).isNull();
            assertThat(order.line("line_1").tax()).isEqualTo(7);
        }
        @Test
        void quantityChangeWithANewTaxRateUsesTheRate() {
            Order order = fresh(anOrder().line(specWithTax("SKU-1", 2, 1000, 0, null, 125L)).build());
            order.updateLine("line_1", new LineChange(4L, null, null, 2000, null, null, null), LATER);
            assertThat(order.line("line_1").taxAmount()).isNull();
            assertThat(order.line("line_1").tax()).isEqualTo(800);
        }

        @Test
        void metadataPatchWithNullRemovesAKey() {
            Order order = fresh(anOrder().line(new LineSpec(null, "SKU-1", null, null, 1, gbp(10), null, null, null,
                    Map.of("a", "1", "b", "2"))).build());
            Map<String, String> patch = new LinkedHashMap<>();
            patch.put("a", null);
            patch.put("c", "3");
            order.updateLine("line_1", new LineChange(null, null, null, null, null, null, patch), LATER);
            assertThat(order.line("line_1").metadata()).containsExactly(entry("b", "2"), entry("c", "3"));
        }

        @Test
        void updateLineRefusals() {
            Order order = mother.created();
            failsWith(() -> order.updateLine("line_9", new LineChange(1L, null, null, null, null, null, null), LATER), "order.line_not_found");
            failsWithFieldError(() -> order.updateLine("line_1", new LineChange(null, Money.of(1, "EUR"), null, null, null, null, null), LATER),
                    "currency.mismatch");
            assertThat(order.line("line_1").quantity()).isEqualTo(2);
            assertThat(order.pendingEvents()).isEmpty();
        }

        @Test
        void removeLine() {
            Order order = fresh(anOrder().line("SKU-1", 2, 1000).line("SKU-2", 1, 300).build());
            order.removeLine("line_1", LATER);
            assertThat(order.lines()).extracting(OrderLine::id).containsExactly("line_2");
            assertThat(order.totals().total()).isEqualTo(300);
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.line_removed");
            assertThat(e.data()).containsExactly(entry("line_id", "line_1"), entry("sku", "SKU-1"), entry("quantity", 2L));
        }

        @Test
        void removingTheLastLineIsRefused() {
            Order order = mother.created();
            DomainException e = failsWith(() -> order.removeLine("line_1", LATER), "order.last_line");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(order.lines()).hasSize(1);
            failsWith(() -> order.removeLine("line_9", LATER), "order.line_not_found");
        }

        @Test
        void removingALineReallocatesTheOrderDiscount() {
            Order order = fresh(anOrder().line("SKU-1", 1, 1000).line("SKU-2", 1, 1000).discount(500).build());
            assertThat(order.lines()).extracting(OrderLine::allocatedDiscount).containsExactly(250L, 250L);
            order.removeLine("line_1", LATER);
            assertThat(order.lines()).extracting(OrderLine::allocatedDiscount).containsExactly(500L);
            assertThat(order.totals().total()).isEqualTo(500);
        }

        @Test
        void splitDividesQuantityDiscountAndTaxExactly() {
            OrderMother m = anOrder();
            Order order = fresh(m.line("SKU-0", 1, 10)
                    .line(new LineSpec("c-1", "SKU-1", "v-1", "desc", 5, gbp(1000), gbp(100), null, gbp(53), Map.of("k", "v")))
                    .line("SKU-2", 1, 10).build());
            OrderTotals before = order.totals();

            List<OrderLine> parts = order.splitLine("line_2", List.of(2L, 3L), m.lineIds(), LATER);

            assertThat(parts).extracting(OrderLine::id).containsExactly("line_2", "line_4");
            assertThat(parts).extracting(OrderLine::quantity).containsExactly(2L, 3L);
            assertThat(parts).extracting(l -> l.discount().minor()).containsExactly(40L, 60L);
            // 53 * 2/5 = 21.2, 53 * 3/5 = 31.8 -> the leftover unit goes to the larger remainder
            assertThat(parts).extracting(OrderLine::tax).containsExactly(21L, 32L);
            assertThat(parts).extracting(OrderLine::clientLineId).containsExactly("c-1", null);
            assertThat(parts).allSatisfy(p -> {
                assertThat(p.sku()).isEqualTo("SKU-1");
                assertThat(p.variantId()).isEqualTo("v-1");
                assertThat(p.unitPrice()).isEqualTo(gbp(1000));
                assertThat(p.metadata()).containsExactly(entry("k", "v"));
            });
            // the parts take the place of the line
            assertThat(order.lines()).extracting(OrderLine::id).containsExactly("line_1", "line_2", "line_4", "line_3");
            assertThat(order.totals()).isEqualTo(before);
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.line_split");
            assertThat(e.data()).containsExactly(entry("line_id", "line_2"), entry("into", List.of("line_2", "line_4")),
                    entry("quantities", List.of(2L, 3L)));
        }

        @Test
        void splitWithNewIdsFromTheSequence() {
            OrderMother m = anOrder();
            Order order = fresh(m.line(specWithTax("SKU-1", 3, 100, 10, null, 10L)).build());
            List<OrderLine> parts = order.splitLine("line_1", List.of(1L, 1L, 1L), m.lineIds(), LATER);
            assertThat(parts).extracting(OrderLine::id).containsExactly("line_1", "line_2", "line_3");
            // ties go to the earlier part
            assertThat(parts).extracting(l -> l.discount().minor()).containsExactly(4L, 3L, 3L);
            assertThat(parts).extracting(OrderLine::tax).containsExactly(4L, 3L, 3L);
        }

        @Test
        void splitPartsMustSumToTheQuantity() {
            Order order = fresh(anOrder().line("SKU-1", 5, 100).build());
            var fe = failsWithFieldError(() -> order.splitLine("line_1", List.of(2L, 2L), mother.lineIds(), LATER), "split.quantity_mismatch");
            assertThat(fe.field()).isEqualTo("quantities");
            assertThat(fe.message()).isEqualTo("Parts sum to 4 but the line has quantity 5");
            failsWithFieldError(() -> order.splitLine("line_1", List.of(3L, 3L), mother.lineIds(), LATER), "split.quantity_mismatch");
            assertThat(order.lines()).singleElement().extracting(OrderLine::quantity).isEqualTo(5L);
            assertThat(order.pendingEvents()).isEmpty();
        }

        @Test
        void splitNeedsTwoPositiveParts() {
            Order order = fresh(anOrder().line("SKU-1", 5, 100).build());
            failsWithFieldError(() -> order.splitLine("line_1", List.of(5L), mother.lineIds(), LATER), "split.too_few_parts");
            var fe = failsWithFieldError(() -> order.splitLine("line_1", List.of(5L, 0L), mother.lineIds(), LATER), "quantity.not_positive");
            assertThat(fe.field()).isEqualTo("quantities[1]");
            failsWithFieldError(() -> order.splitLine("line_1", List.of(6L, -1L), mother.lineIds(), LATER), "quantity.not_positive");
            failsWith(() -> order.splitLine("line_9", List.of(1L, 1L), mother.lineIds(), LATER), "order.line_not_found");
        }

        @Test
        void splitBeyondMaxLinesIsRefused() {
            OrderMother full = anOrder();
            for (int i = 0; i < Order.MAX_LINES - 1; i++) full.line("SKU-" + i, 1, 100);
            full.line("SKU-BIG", 3, 100);
            Order order = full.created();
            failsWithFieldError(() -> order.splitLine("line_200", List.of(1L, 2L), () -> "line_x", LATER), "lines.too_many");
            assertThat(order.lines()).hasSize(Order.MAX_LINES);
        }

        @Test
        void bulkAppliesEditsAndAdds() {
            Order order = fresh(anOrder().line("SKU-1", 2, 1000).line(spec("c-2", "SKU-2", 1, 500)).build());
            Map<String, LineChange> edits = new LinkedHashMap<>();
            edits.put("line_1", new LineChange(3L, null, null, null, null, null, null));
            List<LineSpec> adds = List.of(spec("c-2", "SKU-DUP", 9, 9), spec("c-3", "SKU-3", 1, 250), spec("SKU-4", 2, 100));

            int[] next = {2};
            order.applyLineBatch(adds, edits, () -> "line_n" + next[0]++, LATER);

            assertThat(order.lines()).extracting(OrderLine::sku).containsExactly("SKU-1", "SKU-2", "SKU-3", "SKU-4");
            assertThat(order.lines()).extracting(OrderLine::quantity).containsExactly(3L, 1L, 1L, 2L);
            assertThat(order.totals().subTotal()).isEqualTo(3000 + 500 + 250 + 200);
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.lines_bulk_updated");
            assertThat(e.data()).containsExactly(entry("added", List.of("line_n2", "line_n3")), entry("updated", List.of("line_1")));
        }

        @Test
        void bulkRefusals() {
            Order order = mother.created();
            failsWith(() -> order.applyLineBatch(List.of(), Map.of("line_9", new LineChange(1L, null, null, null, null, null, null)),
                    mother.lineIds(), LATER), "order.line_not_found");
            Order other = anOrder().created();
            failsWithFieldError(() -> other.applyLineBatch(List.of(new LineSpec(null, "S", null, null, 1, Money.of(1, "EUR"), null, null, null, null)),
                    Map.of(), mother.lineIds(), LATER), "currency.mismatch");

            OrderMother full = anOrder();
            for (int i = 0; i < Order.MAX_LINES - 1; i++) full.line("SKU-" + i, 1, 100);
            Order nearlyFull = full.created();
            failsWithFieldError(() -> nearlyFull.applyLineBatch(List.of(spec("A", 1, 1), spec("B", 1, 1)), Map.of(), full.lineIds(), LATER),
                    "lines.too_many");
        }
        @Test
        void bulkIsAllOrNothing() {
            Order order = mother.created();
            List<LineSpec> badAdd = List.of(new LineSpec(null, "S", null, null, 1, Money.of(1, "EUR"), null, null, null, null));
            failsWithFieldError(() -> order.applyLineBatch(badAdd, Map.of("line_1", new LineChange(5L, null, null, null, null, null, null)),
                    mother.lineIds(), LATER), "currency.mismatch");
            assertThat(order.lines()).singleElement().extracting(OrderLine::quantity).isEqualTo(2L);
        }
        @Test
        void bulkQuantityEditRescalesAnExplicitTaxAmount() {
            Order order = fresh(anOrder().line(specWithTax("SKU-1", 2, 1000, 0, null, 125L)).build());
            order.applyLineBatch(List.of(), Map.of("line_1", new LineChange(1L, null, null, null, null, null, null)), mother.lineIds(), LATER);
            assertThat(order.line("line_1").tax()).isEqualTo(62);
        }
        @Test
        void bulkAddRefusesADiscountInAnotherCurrency() {
            Order order = mother.created();
            LineSpec usdDiscount = new LineSpec(null, "SKU-2", null, null, 1, gbp(100), Money.of(1, "USD"), null, null, null);
            failsWithFieldError(() -> order.applyLineBatch(List.of(usdDiscount), Map.of(), mother.lineIds(), LATER), "currency.mismatch");
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CONFIRMED", "COMPLETED", "CANCELLED"})
        void linesAreNotEditableOnceConfirmed(OrderStatus status) {
            Order order = mother.inStatus(status);
            LineChange one = new LineChange(1L, null, null, null, null, null, null);
            String code = "order.lines_not_editable";
            failsWith(() -> order.addLine(spec("SKU-2", 1, 100), "line_9", LATER), code);
            failsWith(() -> order.updateLine("line_1", one, LATER), code);
            failsWith(() -> order.removeLine("line_1", LATER), code);
            failsWith(() -> order.splitLine("line_1", List.of(1L, 1L), mother.lineIds(), LATER), code);
            failsWith(() -> order.applyLineBatch(List.of(), Map.of("line_1", one), mother.lineIds(), LATER), code);
            assertThat(order.lines()).singleElement().extracting(OrderLine::quantity).isEqualTo(2L);
            assertThat(order.pendingEvents()).isEmpty();
        }

        @Test
        void linesAreEditableWhilePendingAndOnHoldFromCreated() {
            Order pending = mother.pending();
            pending.addLine(spec("SKU-2", 1, 100), "line_p", LATER);
            assertThat(pending.lines()).hasSize(2);

            Order held = anOrder().onHoldFrom(OrderStatus.CREATED);
            held.addLine(spec("SKU-2", 1, 100), "line_h", LATER);
            assertThat(held.lines()).hasSize(2);
        }

        @Test
        void linesAreNotEditableOnHoldFromConfirmedOrUnderAFraudHold() {
            Order held = mother.onHoldFrom(OrderStatus.CONFIRMED);
            failsWith(() -> held.addLine(spec("SKU-2", 1, 100), "line_9", LATER), "order.lines_not_editable");

            Order fraud = anOrder().created();
            fraud.confirm(new ConfirmationChecks(authorized(2000), List.of(), review()), "hold_f", AGENT, NOW);
            failsWith(() -> fraud.addLine(spec("SKU-2", 1, 100), "line_9", LATER), "order.lines_not_editable");
        }

        @Test
        void addingAnExistingClientLineIdIsHarmlessEvenWhenLinesAreLocked() {
            Order order = fresh(anOrder().line(spec("c-1", "SKU-1", 2, 1000)).build());
            order.confirm(approvedFor(order), "h", AGENT, NOW);
            Order confirmed = fresh(order);
            assertThat(confirmed.addLine(spec("c-1", "SKU-1", 2, 1000), "line_9", LATER).id()).isEqualTo("line_1");
            assertThat(confirmed.pendingEvents()).isEmpty();
        }
    }

    // =================================================================================================================
    @Nested
    class Details {

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CREATED", "PENDING", "CONFIRMED", "ON_HOLD"})
        void detailsAreEditableUntilTheOrderIsFinished(OrderStatus status) {
            Order order = fresh(anOrder().metadata("keep", "1").metadata("drop", "x").inStatus(status));
            Map<String, String> patch = new LinkedHashMap<>();
            patch.put("drop", null);
            patch.put("added", "2");
            order.updateDetails(patch, OFFICE, null, LATER);

            assertThat(order.state().metadata).containsExactly(entry("added", "2"), entry("keep", "1"));
            assertThat(order.state().shippingAddress).isEqualTo(OFFICE);
            assertThat(order.state().billingAddress).isEqualTo(HOME);
            assertThat(order.state().updatedAt).isEqualTo(LATER);
            assertThat(order.status()).isEqualTo(status);
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.updated");
            assertThat(e.data()).containsExactly(entry("fields", List.of("metadata", "shipping_address")));
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"COMPLETED", "CANCELLED"})
        void detailsAreNotEditableOnceFinished(OrderStatus status) {
            Order order = mother.inStatus(status);
            DomainException e = failsWith(() -> order.updateDetails(Map.of("a", "b"), null, OFFICE, LATER), "order.not_editable");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(order.state().billingAddress).isEqualTo(HOME);
            assertThat(order.state().metadata).isEmpty();
        }

        @Test
        void anEmptyPatchChangesNothing() {
            Order order = mother.confirmed();
            order.updateDetails(Map.of(), null, null, LATER);
            order.updateDetails(null, null, null, LATER);
            assertThat(order.pendingEvents()).isEmpty();
            assertThat(order.state().updatedAt).isEqualTo(NOW);
        }

        @Test
        void metadataIsLimitedInKeys() {
            Order order = mother.created();
            Map<String, String> many = new LinkedHashMap<>();
            for (int i = 0; i <= Metadata.MAX_KEYS; i++) many.put("k" + i, "v");
            failsWithFieldError(() -> order.updateDetails(many, null, null, LATER), "metadata.too_many_keys");
        }
    }

    // =================================================================================================================
    @Nested
    class Locks {

        private final OrderLock lock = new OrderLock("lck_1.ord_1", "agent_1", "editing", NOW, NOW.plusSeconds(300));

        @Test
        void anotherPrincipalIsLockedOut() {
            Order order = mother.created();
            order.acquireLock(lock, NOW);
            DomainException e = failsWith(() -> order.assertNotLockedAgainst("agent_2", NOW.plusSeconds(299)), "order.locked");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(e.details()).containsEntry("lock_expires_at", "2025-03-01T12:05:00Z");
        }

        @Test
        void theOwnerMayProceed() {
            Order order = mother.created();
            order.acquireLock(lock, NOW);
            order.assertNotLockedAgainst("agent_1", NOW.plusSeconds(10));
        }

        @Test
        void anExpiredLockIsIgnored() {
            Order order = mother.created();
            order.acquireLock(lock, NOW);
            order.assertNotLockedAgainst("agent_2", NOW.plusSeconds(300));
            order.assertNotLockedAgainst("agent_2", NOW.plusSeconds(3600));
            assertThat(lock.isActiveAt(NOW.plusSeconds(299))).isTrue();
            assertThat(lock.isActiveAt(NOW.plusSeconds(300))).isFalse();
        }

        @Test
        void acquireRecordsAnEvent() {
            Order order = mother.created();
            assertThat(order.acquireLock(lock, NOW)).isSameAs(lock);
            assertThat(order.state().lock).isEqualTo(lock);
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.lock_acquired");
            assertThat(e.data()).containsExactly(entry("lock_id", "lck_1.ord_1"), entry("purpose", "editing"),
                    entry("expires_at", "2025-03-01T12:05:00Z"));
        }

        @Test
        void anotherPrincipalCannotTakeAnActiveLockButMayTakeAnExpiredOne() {
            Order order = mother.created();
            order.acquireLock(lock, NOW);
            OrderLock theirs = new OrderLock("lck_2.ord_1", "agent_2", "editing", NOW.plusSeconds(60), NOW.plusSeconds(600));
            failsWith(() -> order.acquireLock(theirs, NOW.plusSeconds(60)), "order.locked");
            assertThat(order.state().lock).isEqualTo(lock);

            OrderLock later = new OrderLock("lck_3.ord_1", "agent_2", "editing", NOW.plusSeconds(300), NOW.plusSeconds(900));
            order.acquireLock(later, NOW.plusSeconds(300));
            assertThat(order.state().lock).isEqualTo(later);
        }

        @Test
        void theOwnerMayRenewTheLock() {
            Order order = mother.created();
            order.acquireLock(lock, NOW);
            OrderLock renewed = new OrderLock("lck_2.ord_1", "agent_1", "editing", NOW.plusSeconds(60), NOW.plusSeconds(900));
            order.acquireLock(renewed, NOW.plusSeconds(60));
            assertThat(order.state().lock).isEqualTo(renewed);
        }

        @Test
        void releaseByTheOwner() {
            Order order = mother.created();
            order.acquireLock(lock, NOW);
            order = fresh(order);
            order.releaseLock("lck_1.ord_1", "agent_1", false);
            assertThat(order.state().lock).isNull();
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.lock_released");
            assertThat(e.data()).containsExactly(entry("lock_id", "lck_1.ord_1"));
            order.assertNotLockedAgainst("agent_2", NOW);
        }

        @Test
        void releaseByAnotherPrincipalNeedsOverride() {
            Order order = mother.created();
            order.acquireLock(lock, NOW);
            Order loaded = fresh(order);
            DomainException e = failsWith(() -> loaded.releaseLock("lck_1.ord_1", "agent_2", false), "auth.forbidden");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
            assertThat(loaded.state().lock).isEqualTo(lock);
            assertThat(loaded.pendingEvents()).isEmpty();

            loaded.releaseLock("lck_1.ord_1", "admin_1", true);
            assertThat(loaded.state().lock).isNull();
        }

        @Test
        void releasingAnUnknownLock() {
            Order order = mother.created();
            failsWith(() -> order.releaseLock("lck_1.ord_1", "agent_1", true), "lock.not_found");
            order.acquireLock(lock, NOW);
            DomainException e = failsWith(() -> order.releaseLock("lck_9.ord_1", "agent_1", true), "lock.not_found");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        }
    }

    // =================================================================================================================
    @Nested
    class Deletion {

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CREATED", "PENDING", "COMPLETED", "CANCELLED"})
        void softDeleteIsAllowedForInactiveOrders(OrderStatus status) {
            Order order = mother.inStatus(status);
            order.softDelete("duplicate entry", LATER);
            assertThat(order.isDeleted()).isTrue();
            assertThat(order.state().deletedAt).isEqualTo(LATER);
            assertThat(order.status()).isEqualTo(status);
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.deleted");
            assertThat(e.reason()).isEqualTo("duplicate entry");
            assertThat(e.data()).containsExactly(entry("hard", false), entry("status", status.wire()));
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CONFIRMED", "ON_HOLD"})
        void softDeleteIsRefusedForActiveOrders(OrderStatus status) {
            Order order = mother.inStatus(status);
            DomainException e = failsWith(() -> order.softDelete("x", LATER), "order.blocked.active");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(order.isDeleted()).isFalse();
            assertThat(order.pendingEvents()).isEmpty();
        }

        @Test
        void hardDeleteRecordsAHardDeletionEvent() {
            Order order = mother.completed();
            order.hardDelete("gdpr", LATER);
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.deleted");
            assertThat(e.reason()).isEqualTo("gdpr");
            assertThat(e.data()).containsExactly(entry("hard", true), entry("status", "completed"));

            Order active = anOrder().confirmed();
            failsWith(() -> active.hardDelete("gdpr", LATER), "order.blocked.active");
        }
    }

    // =================================================================================================================
    @Nested
    class Duplication {

        @Test
        void duplicateCopiesLinesAddressesAndMetadata() {
            OrderMother m = anOrder();
            Order source = m.line(new LineSpec("c-1", "SKU-1", "v-1", "first", 2, gbp(1000), gbp(100), 2000, null, Map.of("x", "y")))
                    .line(specWithTax("SKU-2", 1, 500, 0, null, 42L))
                    .shipping(399).discount(200).payment("pay_1", 3000, "authorized").metadata("campaign", "spring")
                    .addresses(HOME, OFFICE).externalReference("ext-1").build();
            source.confirm(approvedFor(source), "h", AGENT, NOW);
            source = fresh(source);

            Order copy = source.duplicate("ord_2", 1002, LATER, m.lineIds());

            assertThat(copy.id()).isEqualTo("ord_2");
            assertThat(copy.state().number).isEqualTo(1002);
            assertThat(copy.status()).isEqualTo(OrderStatus.CREATED);
            assertThat(copy.state().source).isEqualTo("duplicate");
            assertThat(copy.state().duplicatedFrom).isEqualTo("ord_1");
            assertThat(copy.state().externalReference).isNull();
            assertThat(copy.state().payments).isEmpty();
            assertThat(copy.state().confirmedAt).isNull();
            assertThat(copy.state().createdAt).isEqualTo(LATER);
            assertThat(copy.customerId()).isEqualTo(CUSTOMER);
            assertThat(copy.state().channel).isEqualTo("web");
            assertThat(copy.state().shippingAddress).isEqualTo(HOME);
            assertThat(copy.state().billingAddress).isEqualTo(OFFICE);
            assertThat(copy.state().shippingMethod).isEqualTo("standard");
            assertThat(copy.state().metadata).containsExactly(entry("campaign", "spring"));
            assertThat(copy.lines()).extracting(OrderLine::id).containsExactly("line_3", "line_4");
            assertThat(copy.lines()).extracting(OrderLine::clientLineId).containsOnlyNulls();
            assertThat(copy.lines()).extracting(OrderLine::sku).containsExactly("SKU-1", "SKU-2");
            assertThat(copy.lines()).extracting(OrderLine::variantId).containsExactly("v-1", null);
            assertThat(copy.lines()).extracting(OrderLine::quantity).containsExactly(2L, 1L);
            assertThat(copy.lines()).extracting(OrderLine::discount).containsExactly(gbp(100), gbp(0));
            assertThat(copy.lines()).extracting(OrderLine::taxRateBps).containsExactly(2000, null);
            assertThat(copy.lines()).extracting(OrderLine::taxAmount).containsExactly(null, gbp(42));
            assertThat(copy.lines().get(0).metadata()).containsExactly(entry("x", "y"));
            assertThat(copy.totals()).isEqualTo(source.totals());

            DomainEvent e = onlyEvent(copy);
            assertThat(e.type()).isEqualTo("order.created");
            assertThat(e.data()).containsEntry("source", "duplicate").containsEntry("duplicated_from", "ord_1")
                    .containsEntry("number", 1002L).containsEntry("status", "created").containsEntry("line_count", 2)
                    .containsEntry("total", copy.totals().total());

            // the source is untouched
            assertThat(source.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(source.pendingEvents()).isEmpty();
            assertThat(source.lines()).extracting(OrderLine::id).containsExactly("line_1", "line_2");
        }
    }

    // =================================================================================================================
    @Nested
    class Statuses {
        @Test
        void wireNames() {
            assertThat(OrderStatus.ON_HOLD.wire()).isEqualTo("on_hold");
            assertThat(OrderStatus.fromWire("completed")).isEqualTo(OrderStatus.COMPLETED);
            assertThat(OrderStatus.isWire("pending")).isTrue();
            assertThat(OrderStatus.isWire("PENDING")).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> OrderStatus.fromWire("shipped"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void everyStatusCanBeBuiltByTheMother() {
            List<OrderStatus> built = new ArrayList<>();
            for (OrderStatus s : OrderStatus.values()) built.add(anOrder().inStatus(s).status());
            assertThat(built).containsExactly(OrderStatus.values());
        }
    }
}
