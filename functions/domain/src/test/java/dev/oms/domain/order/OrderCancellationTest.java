package dev.oms.domain.order;

import static dev.oms.DomainAssertions.failsWith;
import static dev.oms.DomainAssertions.failsWithFieldError;
import static dev.oms.domain.order.OrderMother.AGENT;
import static dev.oms.domain.order.OrderMother.NOW;
import static dev.oms.domain.order.OrderMother.anOrder;
import static dev.oms.domain.order.OrderMother.approvedFor;
import static dev.oms.domain.order.OrderMother.eventTypes;
import static dev.oms.domain.order.OrderMother.fresh;
import static dev.oms.domain.order.OrderMother.gbp;
import static dev.oms.domain.order.OrderMother.onlyEvent;
import static dev.oms.domain.order.OrderMother.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The cancellation part of the order aggregate: requests (full and partial), the saga's journal, completion, compensation, force. */
class OrderCancellationTest {

    private static final Instant LATER = NOW.plus(Duration.ofMinutes(5));
    private static final Instant LATEST = NOW.plus(Duration.ofMinutes(30));
    private static final String REASON = "customer changed their mind";

    /** line_1: 2 x 10.00, line_2: 1 x 5.50, shipping 3.99: total 29.49. */
    private final OrderMother mother = standard();

    /** A new builder of the standard order (line ids start again at line_1). */
    static OrderMother standard() { return anOrder().line("SKU-1", 2, 1000).line("SKU-2", 1, 550).shipping(399); }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    static LineSpec item(String currency, String sku, long quantity, long unitPrice, long discount, Integer rateBps, Long taxAmount) {
        return new LineSpec(null, sku, null, sku, quantity, Money.of(unitPrice, currency), Money.of(discount, currency), rateBps,
                taxAmount == null ? null : Money.of(taxAmount, currency), null);
    }

    static Cancellation.LineQuantity q(String lineId, long quantity) { return new Cancellation.LineQuantity(lineId, quantity); }

    static Cancellation full(Order order) { return order.requestCancellation("can_1", REASON, true, true, AGENT, LATER); }

    static Cancellation partial(Order order, Cancellation.LineQuantity... lines) {
        return order.requestPartialCancellation("can_1", List.of(lines), REASON, true, true, AGENT, LATER);
    }

    static long sum(Map<String, Long> byLine) { return byLine.values().stream().mapToLong(Long::longValue).sum(); }

    static Map<String, Long> amountsDue(Order order) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (OrderLine l : order.lines()) m.put(l.id(), l.amountDue());
        return m;
    }

    static DomainEvent event(Order order, String type) {
        return order.pendingEvents().stream().filter(e -> e.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + eventTypes(order)));
    }

    /** Asserts the call threw the rule and changed nothing: same status, no events. */
    static DomainException refusedUnchanged(Order order, org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        OrderStatus before = order.status();
        int lines = order.lines().size();
        DomainException e = failsWith(call, code);
        assertThat(order.status()).isEqualTo(before);
        assertThat(order.lines()).hasSize(lines);
        assertThat(order.pendingEvents()).isEmpty();
        return e;
    }

    // =================================================================================================================
    @Nested
    class FullRequest {

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CREATED", "PENDING", "CONFIRMED", "ON_HOLD"})
        void movesTheOrderToCancellingAndAsksToGiveEverythingBack(OrderStatus from) {
            Order order = mother.inStatus(from);
            assertThat(order.totals().total()).isEqualTo(2949);

            Cancellation c = order.requestCancellation("can_1", REASON, true, false, AGENT, LATER);

            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLING);
            assertThat(order.state().updatedAt).isEqualTo(LATER);
            assertThat(order.openCancellation()).isEqualTo(c);
            assertThat(order.cancellation("can_1")).isEqualTo(c);
            assertThat(c.scope()).isEqualTo(Cancellation.FULL);
            assertThat(c.state()).isEqualTo(Cancellation.State.REQUESTED);
            assertThat(c.isOpen()).isTrue();
            assertThat(c.previousStatus()).isEqualTo(from);
            assertThat(c.refund()).isTrue();
            assertThat(c.restock()).isFalse();
            assertThat(c.requestedBy()).isEqualTo("agent_1");
            assertThat(c.requestedAt()).isEqualTo(LATER);
            assertThat(c.actions()).isEmpty();
            assertThat(c.failure()).isNull();
            assertThat(c.refundAmount()).isEqualTo(2949);
            assertThat(c.refundByLine()).containsOnly(entry("line_1", 2000L), entry("line_2", 550L), entry("shipping", 399L));
            assertThat(sum(c.refundByLine())).isEqualTo(c.refundAmount());
            assertThat(c.lines()).containsExactly(q("line_1", 2), q("line_2", 1));
            // the lines themselves only change when the saga completes
            assertThat(order.lines()).extracting(OrderLine::quantity).containsExactly(2L, 1L);

            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.cancellation_requested");
            assertThat(e.reason()).isEqualTo(REASON);
            assertThat(e.data()).containsEntry("cancellation_id", "can_1").containsEntry("scope", "full")
                    .containsEntry("reason", REASON).containsEntry("refund", true).containsEntry("restock", false)
                    .containsEntry("from", from.wire()).containsEntry("to", "cancelling")
                    .containsEntry("refund_amount", 2949L).containsEntry("currency", "GBP")
                    .containsEntry("refund_by_line", Map.of("line_1", 2000L, "line_2", 550L, "shipping", 399L))
                    .containsEntry("lines", List.of(Map.of("line_id", "line_1", "quantity", 2L), Map.of("line_id", "line_2", "quantity", 1L)));
        }

        @Test
        void onHoldOrdersKeepTheirHoldsWhileCancelling() {
            Order order = mother.onHoldFrom(OrderStatus.CONFIRMED);
            Cancellation c = full(order);
            assertThat(c.previousStatus()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLING);
            assertThat(order.holds()).extracting(Hold::type).containsExactly("manual_review");
            assertThat(order.state().statusBeforeHold).isEqualTo(OrderStatus.CONFIRMED);
        }

        @Test
        void eachLineGivesBackItsTotalAndTaxAfterAllDiscountsAndShippingComesBackToo() {
            Order order = anOrder()
                    .line(OrderMother.specWithTax("A", 3, 1999, 150, 2000, null))
                    .line(OrderMother.specWithTax("B", 2, 750, 0, null, 133L))
                    .line(OrderMother.specWithTax("C", 1, 4995, 995, 500, null))
                    .discount(777).shipping(495).created();
            Map<String, Long> due = amountsDue(order);

            Cancellation c = full(order);

            // the 777 is shared 400 / 103 / 274 (weights 5847 / 1500 / 4000)
            // A: 5997 - 150 - 400 = 5447 + 20% 1089 -> 6536; B: 1500 - 103 = 1397 + 133 explicit -> 1530;
            // C: 4995 - 995 - 274 = 3726 + 5% 186 -> 3912
            assertThat(due).containsExactly(entry("line_1", 6536L), entry("line_2", 1530L), entry("line_3", 3912L));
            assertThat(c.refundByLine()).containsOnly(entry("line_1", 6536L), entry("line_2", 1530L), entry("line_3", 3912L),
                    entry("shipping", 495L));
            assertThat(c.refundAmount()).isEqualTo(order.totals().total()).isEqualTo(12473);
            assertThat(sum(c.refundByLine())).isEqualTo(12473);
        }

        @Test
        void withoutShippingThereIsNoShippingPart() {
            Order order = anOrder().line("SKU-1", 2, 1000).created();
            Cancellation c = full(order);
            assertThat(c.refundByLine()).containsOnly(entry("line_1", 2000L));
            assertThat(c.refundAmount()).isEqualTo(2000);
        }

        @Test
        void withoutRefundTheAmountIsStillStatedButTheFlagSaysNo() {
            Order order = mother.created();
            Cancellation c = order.requestCancellation("can_1", REASON, false, true, AGENT, LATER);
            assertThat(c.refund()).isFalse();
            assertThat(c.restock()).isTrue();
            assertThat(onlyEvent(order).data()).containsEntry("refund", false).containsEntry("restock", true)
                    .containsEntry("refund_amount", 2949L);
        }

        @Test
        void aCancelledOrderIsAlreadyCancelled() {
            Order order = mother.cancelled();
            DomainException e = refusedUnchanged(order, () -> full(order), "order.already_cancelled");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(order.state().cancellations).isEmpty();
        }

        @Test
        void aCompletedOrderCannotBeCancelled() {
            Order order = mother.completed();
            DomainException e = refusedUnchanged(order, () -> full(order), "order.invalid_transition");
            assertThat(e.details()).containsEntry("from", "completed").containsEntry("to", "cancelled");
            assertThat(order.state().cancellations).isEmpty();
        }

        @Test
        void aSecondCancellationWhileOneIsOpenIsRefused() {
            Order order = mother.cancelling();
            refusedUnchanged(order, () -> order.requestCancellation("can_2", REASON, true, true, AGENT, LATER),
                    "order.cancellation_in_progress");
            assertThat(order.state().cancellations).extracting(Cancellation::id).containsExactly("can_1");
        }

        @Test
        void aFullCancellationWhileAPartialOneIsOpenIsRefused() {
            Order order = mother.confirmed();
            partial(order, q("line_1", 1));
            Order loaded = fresh(order);
            refusedUnchanged(loaded, () -> loaded.requestCancellation("can_2", REASON, true, true, AGENT, LATER),
                    "order.cancellation_in_progress");
            refusedUnchanged(loaded, () -> loaded.requestPartialCancellation("can_2", List.of(q("line_2", 1)), REASON, true, true, AGENT, LATER),
                    "order.cancellation_in_progress");
        }
    }

    // =================================================================================================================
    @Nested
    class WhileCancelling {

        private final Order order = mother.cancelling();

        @Test
        void isCancellingAndNothingElseMayChangeIt() {
            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLING);
            assertThat(order.pendingEvents()).isEmpty();
        }

        @Test
        void detailsCannotBeEdited() {
            refusedUnchanged(order, () -> order.updateDetails(Map.of("k", "v"), OrderMother.OFFICE, null, LATER), "order.not_editable");
            assertThat(order.state().metadata).isEmpty();
            assertThat(order.state().shippingAddress).isEqualTo(OrderMother.HOME);
        }

        @Test
        void noHoldCanBePlaced() {
            DomainException e = refusedUnchanged(order, () -> order.hold(mother.manualHold(), LATER), "order.invalid_transition");
            assertThat(e.details()).containsEntry("from", "cancelling").containsEntry("to", "on_hold");
            assertThat(order.holds()).isEmpty();
        }

        @Test
        void cannotBeConfirmed() {
            DomainException e = refusedUnchanged(order, () -> order.confirm(approvedFor(order), "hold_9", AGENT, LATER), "order.invalid_transition");
            assertThat(e.details()).containsEntry("from", "cancelling").containsEntry("to", "confirmed");
        }

        @Test
        void cannotBeClosed() {
            DomainException e = refusedUnchanged(order, () -> order.close("delivered", LATER), "order.invalid_transition");
            assertThat(e.details()).containsEntry("from", "cancelling").containsEntry("to", "completed");
        }

        @Test
        void linesCannotBeAddedChangedRemovedSplitOrBatched() {
            refusedUnchanged(order, () -> order.addLine(spec("SKU-9", 1, 100), "line_9", LATER), "order.lines_not_editable");
            refusedUnchanged(order, () -> order.updateLine("line_1", new LineChange(5L, null, null, null, null, null, null), LATER),
                    "order.lines_not_editable");
            refusedUnchanged(order, () -> order.removeLine("line_2", LATER), "order.lines_not_editable");
            refusedUnchanged(order, () -> order.splitLine("line_1", List.of(1L, 1L), () -> "line_9", LATER), "order.lines_not_editable");
            refusedUnchanged(order, () -> order.applyLineBatch(List.of(spec("SKU-9", 1, 100)), Map.of(), () -> "line_9", LATER),
                    "order.lines_not_editable");
            assertThat(order.lines()).extracting(OrderLine::quantity).containsExactly(2L, 1L);
        }

        @Test
        void isNotOnHoldAndHasNoConfirmationToResendAndCannotBeDeleted() {
            refusedUnchanged(order, () -> order.release(null, "ok", true, LATER), "order.not_on_hold");
            refusedUnchanged(order, () -> order.requestConfirmationResend("email", LATER), "order.not_confirmed");
            refusedUnchanged(order, () -> order.softDelete("tidy up", LATER), "order.blocked.active");
        }

        @Test
        void holdsOfAnOrderCancelledFromOnHoldCannotBeReleased() {
            Order held = mother.onHoldFrom(OrderStatus.CREATED);
            full(held);
            Order loaded = fresh(held);
            refusedUnchanged(loaded, () -> loaded.release("hold_1", "ok", true, LATER), "order.not_on_hold");
            assertThat(loaded.holds()).extracting(Hold::id).containsExactly("hold_1");
        }

        @Test
        void whileAPartialCancellationIsOpenLinesOfACreatedOrderCannotChange() {
            Order created = standard().created();
            partial(created, q("line_1", 1));
            Order loaded = fresh(created);
            assertThat(loaded.status()).isEqualTo(OrderStatus.CREATED);
            refusedUnchanged(loaded, () -> loaded.addLine(spec("SKU-9", 1, 100), "line_9", LATER), "order.cancellation_in_progress");
            refusedUnchanged(loaded, () -> loaded.updateLine("line_1", new LineChange(1L, null, null, null, null, null, null), LATER),
                    "order.cancellation_in_progress");
            refusedUnchanged(loaded, () -> loaded.removeLine("line_2", LATER), "order.cancellation_in_progress");
            refusedUnchanged(loaded, () -> loaded.splitLine("line_1", List.of(1L, 1L), () -> "line_9", LATER),
                    "order.cancellation_in_progress");
            refusedUnchanged(loaded, () -> loaded.applyLineBatch(List.of(), Map.of("line_1", new LineChange(3L, null, null, null, null, null, null)),
                    () -> "line_9", LATER), "order.cancellation_in_progress");
        }
    }

    // =================================================================================================================
    @Nested
    class PartialRequest {

        @Test
        void lineDiscountAndTaxRateShrinkInProportion() {
            Order order = anOrder().line(OrderMother.specWithTax("A", 3, 1000, 300, 2000, null))
                    .line(OrderMother.specWithTax("B", 2, 500, 0, null, null)).confirmed();
            assertThat(amountsDue(order)).containsExactly(entry("line_1", 3240L), entry("line_2", 1000L));

            Cancellation c = partial(order, q("line_1", 1));

            // A after: 2 x 1000 - 200 (the discount for the 2 units left) = 1800 + 20% 360 = 2160; 3240 - 2160 = 1080
            assertThat(c.refundByLine()).containsOnly(entry("line_1", 1080L));
            assertThat(c.refundAmount()).isEqualTo(1080);
            assertThat(c.scope()).isEqualTo(Cancellation.PARTIAL);
            assertThat(c.lines()).containsExactly(q("line_1", 1));
            assertThat(c.previousStatus()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(order.openCancellation()).isEqualTo(c);

            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.cancellation_requested");
            assertThat(e.data()).containsEntry("scope", "partial").containsEntry("from", "confirmed").containsEntry("to", "confirmed")
                    .containsEntry("refund_amount", 1080L).containsEntry("refund_by_line", Map.of("line_1", 1080L))
                    .containsEntry("lines", List.of(Map.of("line_id", "line_1", "quantity", 1L)));
        }

        @Test
        void theOrderDiscountShrinksProRataAndUntouchedLinesKeepTheirShare() {
            Order order = anOrder().line("A", 2, 1000).line("B", 1, 1000).discount(300).created();
            assertThat(amountsDue(order)).containsExactly(entry("line_1", 1800L), entry("line_2", 900L));

            Cancellation c = partial(order, q("line_1", 1));

            // A's 200 of the order discount splits 100/100 by units: the cancelled unit gives back what was paid for it
            // (1000 - 100 = 900); B keeps its 100 and its price does not move
            assertThat(c.refundByLine()).containsOnly(entry("line_1", 900L));
            assertThat(c.refundAmount()).isEqualTo(900).isEqualTo(sum(c.refundByLine()));
            assertThat(c.lines()).containsExactly(q("line_1", 1));
        }

        @Test
        void anExplicitTaxShrinksByLargestRemainder() {
            Order order = anOrder().line(OrderMother.specWithTax("A", 4, 250, 0, null, 99L)).line("B", 1, 100).created();
            Cancellation c = partial(order, q("line_1", 1));
            // 99 split 3:1 -> 74.25 / 24.75 -> 74 / 25: the line keeps 74 of tax; 1099 - (750 + 74) = 275
            assertThat(c.refundByLine()).containsOnly(entry("line_1", 275L));
            assertThat(c.refundAmount()).isEqualTo(275);
        }

        @Test
        void inJapaneseYenWithoutMinorUnits() {
            Order order = anOrder().currency("JPY").line(item("JPY", "A", 3, 1980, 100, 1000, null))
                    .line(item("JPY", "B", 1, 3300, 0, 1000, null)).discount(500).created();
            assertThat(amountsDue(order)).containsExactly(entry("line_1", 6073L), entry("line_2", 3431L));
            assertThat(order.totals().total()).isEqualTo(9504);

            Cancellation c = partial(order, q("line_1", 2));

            // A keeps 1 unit: line discount 100 -> 33, order-discount share 319 -> 106 (by units), 1980 - 33 - 106 = 1841
            // + tax 184 = 2025, so A gives back 6073 - 2025 = 4048; B is untouched
            assertThat(c.refundByLine()).containsOnly(entry("line_1", 4048L));
            assertThat(c.refundAmount()).isEqualTo(4048);
            assertThat(onlyEvent(order).data()).containsEntry("currency", "JPY");

            order.completeCancellation("can_1", LATEST);
            assertThat(amountsDue(order)).containsExactly(entry("line_1", 2025L), entry("line_2", 3431L));
            assertThat(order.totals().total()).isEqualTo(9504 - 4048);
        }

        @Test
        void inKuwaitiDinarWithThreeDecimalsAndShipping() {
            Order order = anOrder().currency("KWD").line(item("KWD", "A", 3, 1250, 0, null, 187L))
                    .line(item("KWD", "B", 1, 2000, 0, null, null)).discount(100).shipping(1500).created();
            assertThat(amountsDue(order)).containsExactly(entry("line_1", 3872L), entry("line_2", 1965L));
            assertThat(order.totals().total()).isEqualTo(7337);

            Cancellation c = partial(order, q("line_1", 2));

            // A keeps 1 unit and its share of discount and tax; B is untouched; shipping is not given back in a partial
            // cancellation
            assertThat(c.refundByLine()).containsOnly(entry("line_1", 2582L));
            assertThat(c.refundAmount()).isEqualTo(2582);

            order.completeCancellation("can_1", LATEST);
            assertThat(order.totals().total()).isEqualTo(7337 - 2582);
            assertThat(order.totals().shippingTotal()).isEqualTo(1500);
        }

        @Test
        void severalLinesAtOnce() {
            Order order = anOrder().line("A", 3, 1000).line("B", 2, 700).line("C", 1, 300).shipping(250).created();
            Cancellation c = partial(order, q("line_3", 1), q("line_1", 2));
            assertThat(c.refundByLine()).containsOnly(entry("line_1", 2000L), entry("line_3", 300L));
            assertThat(c.refundAmount()).isEqualTo(2300);
            assertThat(c.lines()).containsExactly(q("line_3", 1), q("line_1", 2));
        }

        @Test
        void moreThanTheOpenQuantityIsRefused() {
            Order order = mother.confirmed();
            var fe = failsWithFieldError(() -> partial(order, q("line_2", 1), q("line_1", 3)), "cancel.quantity_exceeds_open");
            assertThat(fe.field()).isEqualTo("lines[1].quantity");
            assertThat(fe.message()).contains("line_1").contains("2");
            assertThat(order.pendingEvents()).isEmpty();
            assertThat(order.state().cancellations).isEmpty();
        }

        @Test
        void afterAPartialCancellationOnlyWhatIsLeftCanBeCancelled() {
            Order order = anOrder().line("A", 3, 1000).line("B", 1, 500).created();
            partial(order, q("line_1", 2));
            order.completeCancellation("can_1", LATER);
            Order loaded = fresh(order);
            var fe = failsWithFieldError(() -> loaded.requestPartialCancellation("can_2", List.of(q("line_1", 2)), REASON, true, true, AGENT, LATEST),
                    "cancel.quantity_exceeds_open");
            assertThat(fe.field()).isEqualTo("lines[0].quantity");

            Cancellation ok = loaded.requestPartialCancellation("can_2", List.of(q("line_1", 1)), REASON, true, true, AGENT, LATEST);
            assertThat(ok.refundAmount()).isEqualTo(1000);
        }

        @Test
        void aLineMayAppearOnce() {
            Order order = mother.confirmed();
            var fe = failsWithFieldError(() -> partial(order, q("line_1", 1), q("line_1", 1)), "line_id.duplicate");
            assertThat(fe.field()).isEqualTo("lines[1].line_id");
            assertThat(order.pendingEvents()).isEmpty();
        }

        @Test
        void anUnknownLineIsNotFound() {
            Order order = mother.confirmed();
            DomainException e = failsWith(() -> partial(order, q("line_1", 1), q("line_9", 1)), "order.line_not_found");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
            assertThat(order.pendingEvents()).isEmpty();
            assertThat(order.state().cancellations).isEmpty();
        }

        @Test
        void anEmptyRequestIsRefused() {
            Order order = mother.confirmed();
            var fe = failsWithFieldError(() -> order.requestPartialCancellation("can_1", List.of(), REASON, true, true, AGENT, LATER), "field.required");
            assertThat(fe.field()).isEqualTo("lines");
        }

        @Test
        void refusedForCancelledCompletedAndCancellingOrders() {
            Order cancelled = mother.cancelled();
            refusedUnchanged(cancelled, () -> partial(cancelled, q("line_1", 1)), "order.already_cancelled");
            Order completed = mother.completed();
            refusedUnchanged(completed, () -> partial(completed, q("line_1", 1)), "order.invalid_transition");
            Order cancelling = mother.cancelling();
            refusedUnchanged(cancelling, () -> cancelling.requestPartialCancellation("can_2", List.of(q("line_1", 1)), REASON, true, true, AGENT, LATER),
                    "order.cancellation_in_progress");
        }

        @Test
        void cancellingEveryRemainingUnitIsAFullCancellation() {
            Order order = mother.confirmed();
            Cancellation c = partial(order, q("line_2", 1), q("line_1", 2));
            assertThat(c.scope()).isEqualTo(Cancellation.FULL);
            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLING);
            assertThat(c.refundAmount()).isEqualTo(2949);
            assertThat(c.refundByLine()).containsOnly(entry("line_1", 2000L), entry("line_2", 550L), entry("shipping", 399L));
            assertThat(c.lines()).containsExactly(q("line_1", 2), q("line_2", 1));
            assertThat(onlyEvent(order).data()).containsEntry("scope", "full").containsEntry("to", "cancelling");
        }

        @Test
        void cancellingTheRestAfterAPartialCancellationIsAFullCancellationOfWhatIsLeft() {
            Order order = mother.created();
            partial(order, q("line_1", 1));
            order.completeCancellation("can_1", LATER);
            Order loaded = fresh(order);
            assertThat(loaded.totals().total()).isEqualTo(1949);

            Cancellation c = loaded.requestPartialCancellation("can_2", List.of(q("line_1", 1), q("line_2", 1)), REASON, true, true, AGENT, LATEST);

            assertThat(c.scope()).isEqualTo(Cancellation.FULL);
            assertThat(c.refundAmount()).isEqualTo(1949);
            assertThat(c.refundByLine()).containsOnly(entry("line_1", 1000L), entry("line_2", 550L), entry("shipping", 399L));
            assertThat(c.lines()).containsExactly(q("line_1", 1), q("line_2", 1));
        }

        @Test
        void zeroAndNegativeQuantitiesAreRefused() {
            Order order = mother.confirmed();
            var zero = failsWithFieldError(() -> partial(order, q("line_1", 0)), "quantity.not_positive");
            assertThat(zero.field()).isEqualTo("lines[0].quantity");
            var negative = failsWithFieldError(() -> partial(order, q("line_2", 1), q("line_1", -1)), "quantity.not_positive");
            assertThat(negative.field()).isEqualTo("lines[1].quantity");
            assertThat(order.state().cancellations).isEmpty();
            assertThat(order.pendingEvents()).isEmpty();
        }

        @Test
        void noLineGivesBackANegativeAmount() {
            Order order = anOrder().line("A", 2, 1).line("B", 1, 1).line("C", 1, 3).discount(3).created();
            assertThat(order.lines()).extracting(OrderLine::allocatedDiscount).containsExactly(1L, 1L, 1L);

            Cancellation c = partial(order, q("line_1", 1));

            assertThat(c.refundAmount()).isEqualTo(1);
            assertThat(c.refundByLine().values()).allSatisfy(v -> assertThat(v).isNotNegative());
            assertThat(sum(c.refundByLine())).isEqualTo(1);
            order.completeCancellation("can_1", LATER);
            assertThat(order.line("line_2").amountDue()).as("an untouched line must not cost more").isLessThanOrEqualTo(0);
        }

        @Test
        void aPartialCancellationLeavingLessThanTheOrderDiscountIsAccepted() {
            Order order = anOrder().line("A", 1, 1000).line("B", 1, 500).discount(1400).shipping(300).created();
            assertThat(order.totals().total()).isEqualTo(400);

            Cancellation c = partial(order, q("line_1", 1));

            // A paid 1000 - 933 = 67 after its share of the discount: that is what it gives back; B still costs 33
            assertThat(c.scope()).isEqualTo(Cancellation.PARTIAL);
            assertThat(c.refundAmount()).isEqualTo(67);
            assertThat(sum(c.refundByLine())).isEqualTo(67);
            order.completeCancellation("can_1", LATER);
            assertThat(order.totals().total()).isEqualTo(333);
        }
    }

    // =================================================================================================================
    @Nested
    class Completion {

        @Test
        void aFullCancellationCancelsTheOrderAndClearsItsHolds() {
            Order order = mother.onHoldFrom(OrderStatus.CONFIRMED);
            order.hold(mother.hold("address", "Undeliverable"), NOW);
            full(order);
            order.recordCancellationStep("can_1", "inventory.released", Map.of("released", Map.of("SKU-1", 2L)), LATER);
            Order loaded = fresh(order);

            loaded.completeCancellation("can_1", LATEST);

            assertThat(loaded.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(loaded.holds()).isEmpty();
            assertThat(loaded.state().statusBeforeHold).isNull();
            assertThat(loaded.state().cancelledAt).isEqualTo(LATEST);
            assertThat(loaded.state().updatedAt).isEqualTo(LATEST);
            assertThat(loaded.openCancellation()).isNull();
            assertThat(loaded.cancellation("can_1").state()).isEqualTo(Cancellation.State.COMPLETED);
            // a full cancellation keeps the lines as they were, for the record
            assertThat(loaded.lines()).extracting(OrderLine::quantity).containsExactly(2L, 1L);

            DomainEvent e = onlyEvent(loaded);
            assertThat(e.type()).isEqualTo("order.cancelled");
            assertThat(e.reason()).isEqualTo(REASON);
            assertThat(e.data()).containsEntry("cancellation_id", "can_1").containsEntry("scope", "full")
                    .containsEntry("refund_amount", 2949L).containsEntry("currency", "GBP").containsEntry("restocked", true)
                    .containsEntry("from", "cancelling").containsEntry("to", "cancelled")
                    .containsEntry("actions", List.of(Map.of("step", "inventory.released", "detail", Map.of("released", Map.of("SKU-1", 2L)))));
        }

        @Test
        void withoutRefundTheEventSaysNothingWasGivenBack() {
            Order order = mother.created();
            order.requestCancellation("can_1", REASON, false, false, AGENT, LATER);
            Order loaded = fresh(order);
            loaded.completeCancellation("can_1", LATEST);
            assertThat(onlyEvent(loaded).data()).containsEntry("refund_amount", 0L).containsEntry("restocked", false);
        }

        @Test
        void completingTwiceChangesNothingTheSecondTime() {
            Order order = mother.cancelling();
            order.completeCancellation("can_1", LATER);
            Order loaded = fresh(order);
            loaded.completeCancellation("can_1", LATEST);
            assertThat(loaded.pendingEvents()).isEmpty();
            assertThat(loaded.state().cancelledAt).isEqualTo(LATER);
        }

        @Test
        void aPartialCancellationTakesTheQuantitiesOffTheLinesAndTheTotalDropsByTheRefund() {
            Order order = anOrder().line(OrderMother.specWithTax("A", 4, 1000, 400, 2000, null))
                    .line(OrderMother.specWithTax("B", 3, 333, 0, null, 100L)).discount(250).shipping(499).confirmed();
            long before = order.totals().total();
            Map<String, Long> dueBefore = amountsDue(order);
            Cancellation c = partial(order, q("line_1", 1), q("line_2", 2));
            Order loaded = fresh(order);

            loaded.completeCancellation("can_1", LATEST);

            assertThat(loaded.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(loaded.state().cancelledAt).isNull();
            assertThat(loaded.cancellation("can_1").state()).isEqualTo(Cancellation.State.COMPLETED);
            OrderLine a = loaded.line("line_1");
            assertThat(a.quantity()).isEqualTo(3);
            assertThat(a.cancelledQuantity()).isEqualTo(1);
            assertThat(a.discount()).isEqualTo(gbp(300));
            OrderLine b = loaded.line("line_2");
            assertThat(b.quantity()).isEqualTo(1);
            assertThat(b.cancelledQuantity()).isEqualTo(2);
            assertThat(b.taxAmount()).isEqualTo(gbp(33));
            assertThat(before - loaded.totals().total()).isEqualTo(c.refundAmount());
            assertThat(loaded.totals().shippingTotal()).isEqualTo(499);
            for (Map.Entry<String, Long> e : c.refundByLine().entrySet()) {
                assertThat(dueBefore.get(e.getKey()) - loaded.line(e.getKey()).amountDue()).isEqualTo(e.getValue());
            }

            DomainEvent e = onlyEvent(loaded);
            assertThat(e.type()).isEqualTo("order.lines_cancelled");
            assertThat(e.data()).containsEntry("cancellation_id", "can_1").containsEntry("scope", "partial")
                    .containsEntry("refund_amount", c.refundAmount()).containsEntry("restocked", true)
                    .containsEntry("lines", List.of(Map.of("line_id", "line_1", "quantity", 1L), Map.of("line_id", "line_2", "quantity", 2L)))
                    .doesNotContainKeys("from", "to");
        }

        @Test
        void aFullyCancelledLineStaysOnTheOrderWithQuantityZero() {
            Order order = anOrder().line(OrderMother.specWithTax("A", 2, 1000, 100, null, 50L)).line("B", 1, 500).created();
            partial(order, q("line_1", 2));
            order.completeCancellation("can_1", LATER);

            assertThat(order.lines()).extracting(OrderLine::id).containsExactly("line_1", "line_2");
            OrderLine a = order.line("line_1");
            assertThat(a.quantity()).isZero();
            assertThat(a.cancelledQuantity()).isEqualTo(2);
            assertThat(a.amountDue()).isZero();
            assertThat(a.discount()).isEqualTo(gbp(0));
            assertThat(a.taxAmount()).isEqualTo(gbp(0));
            assertThat(order.totals().total()).isEqualTo(500);

            Order loaded = fresh(order);
            failsWithFieldError(() -> loaded.requestPartialCancellation("can_3", List.of(q("line_1", 1)), REASON, true, true, AGENT, LATEST),
                    "cancel.quantity_exceeds_open");
            // a later full cancellation neither lists nor refunds it
            Cancellation rest = loaded.requestCancellation("can_2", REASON, true, true, AGENT, LATEST);
            assertThat(rest.lines()).containsExactly(q("line_2", 1));
            assertThat(rest.refundByLine()).containsOnly(entry("line_2", 500L));
        }
    }

    // =================================================================================================================
    @Nested
    class Compensation {

        @Test
        void theOrderGoesBackToWhereItWasAndThenOnHoldWithTheFailure() {
            Order order = mother.confirmed();
            full(order);
            Order loaded = fresh(order);

            Hold hold = loaded.compensateCancellation("can_1", "refund declined", "hold_7", LATEST);

            assertThat(hold.id()).isEqualTo("hold_7");
            assertThat(hold.type()).isEqualTo("cancellation_failed");
            assertThat(hold.reason()).isEqualTo("Cancellation can_1 failed: refund declined");
            assertThat(hold.note()).isEqualTo("refund declined");
            assertThat(hold.placedBy()).isEqualTo("system");
            assertThat(hold.placedAt()).isEqualTo(LATEST);
            assertThat(loaded.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(loaded.state().statusBeforeHold).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(loaded.holds()).containsExactly(hold);
            assertThat(loaded.openCancellation()).isNull();
            Cancellation c = loaded.cancellation("can_1");
            assertThat(c.state()).isEqualTo(Cancellation.State.COMPENSATED);
            assertThat(c.failure()).isEqualTo("refund declined");

            assertThat(eventTypes(loaded)).containsExactly("order.cancellation_failed", "order.held");
            DomainEvent failed = loaded.pendingEvents().get(0);
            assertThat(failed.reason()).isEqualTo("refund declined");
            assertThat(failed.data()).containsExactly(entry("cancellation_id", "can_1"), entry("scope", "full"),
                    entry("failure", "refund declined"), entry("to", "confirmed"));
            assertThat(loaded.pendingEvents().get(1).data()).containsEntry("type", "cancellation_failed")
                    .containsEntry("from", "confirmed").containsEntry("to", "on_hold");
        }

        @Test
        void anOrderCancelledFromOnHoldStaysOnHoldWithOneMoreHold() {
            Order order = mother.onHoldFrom(OrderStatus.PENDING);
            full(order);
            order.compensateCancellation("can_1", "boom", "hold_7", LATEST);
            assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(order.state().statusBeforeHold).isEqualTo(OrderStatus.PENDING);
            assertThat(order.holds()).extracting(Hold::type).containsExactly("manual_review", "cancellation_failed");
            assertThat(order.holds().get(1).id()).isEqualTo("hold_7");
        }

        @Test
        void aPartialCancellationLeavesTheLinesAndHoldsTheOrder() {
            Order order = mother.created();
            partial(order, q("line_1", 1));
            Order loaded = fresh(order);
            loaded.compensateCancellation("can_1", "boom", "hold_7", LATEST);
            assertThat(loaded.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(loaded.state().statusBeforeHold).isEqualTo(OrderStatus.CREATED);
            assertThat(loaded.lines()).extracting(OrderLine::quantity).containsExactly(2L, 1L);
            assertThat(loaded.pendingEvents().get(0).data()).containsEntry("scope", "partial").containsEntry("to", "created");
        }

        @Test
        void compensatingTwiceOrAfterCompletionDoesNothing() {
            Order order = mother.cancelling();
            order.compensateCancellation("can_1", "boom", "hold_7", LATER);
            Order loaded = fresh(order);
            assertThat(loaded.compensateCancellation("can_1", "boom again", "hold_8", LATEST)).isNull();
            assertThat(loaded.pendingEvents()).isEmpty();
            assertThat(loaded.holds()).extracting(Hold::id).containsExactly("hold_7");
            assertThat(loaded.cancellation("can_1").failure()).isEqualTo("boom");

            Order done = mother.cancelling();
            done.completeCancellation("can_1", LATER);
            Order doneLoaded = fresh(done);
            assertThat(doneLoaded.compensateCancellation("can_1", "late", "hold_9", LATEST)).isNull();
            assertThat(doneLoaded.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(doneLoaded.pendingEvents()).isEmpty();
        }

        @Test
        void afterCompensationANewCancellationMayBeRequested() {
            Order order = mother.confirmed();
            full(order);
            order.compensateCancellation("can_1", "boom", "hold_7", LATER);
            Order loaded = fresh(order);
            Cancellation again = loaded.requestCancellation("can_2", REASON, true, true, AGENT, LATEST);
            assertThat(again.previousStatus()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(loaded.status()).isEqualTo(OrderStatus.CANCELLING);
            assertThat(loaded.state().cancellations).extracting(Cancellation::id, Cancellation::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("can_1", Cancellation.State.COMPENSATED),
                            org.assertj.core.groups.Tuple.tuple("can_2", Cancellation.State.REQUESTED));
        }
    }

    // =================================================================================================================
    @Nested
    class Force {

        @Test
        void afterCompensationForcingCancelsTheOrderAndRemovesTheFailureHold() {
            Order order = mother.confirmed();
            full(order);
            order.compensateCancellation("can_1", "refund declined", "hold_7", LATER);
            Order loaded = fresh(order);

            loaded.forceCancellation("can_1", "refunded by hand", LATEST);

            assertThat(loaded.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(loaded.holds()).isEmpty();
            assertThat(loaded.state().statusBeforeHold).isNull();
            assertThat(loaded.state().cancelledAt).isEqualTo(LATEST);
            Cancellation c = loaded.cancellation("can_1");
            assertThat(c.state()).isEqualTo(Cancellation.State.COMPLETED);
            assertThat(eventTypes(loaded)).containsExactly("order.cancellation_forced", "order.cancelled");
            assertThat(loaded.pendingEvents().get(0).data()).containsExactly(entry("cancellation_id", "can_1"), entry("reason", "refunded by hand"));
            assertThat(loaded.pendingEvents().get(0).reason()).isEqualTo("refunded by hand");
            assertThat(loaded.pendingEvents().get(1).data()).containsEntry("from", "cancelling").containsEntry("to", "cancelled");
        }

        @Test
        void forcingAPartialCancellationReducesTheLinesAndKeepsOtherHolds() {
            Order order = mother.onHoldFrom(OrderStatus.CREATED);
            long before = order.totals().total();
            Cancellation c = partial(order, q("line_1", 1));
            order.compensateCancellation("can_1", "boom", "hold_7", LATER);
            assertThat(order.holds()).extracting(Hold::id).containsExactly("hold_1", "hold_7");
            Order loaded = fresh(order);

            loaded.forceCancellation("can_1", "done by hand", LATEST);

            assertThat(loaded.holds()).extracting(Hold::id).containsExactly("hold_1");
            assertThat(loaded.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(loaded.state().statusBeforeHold).isEqualTo(OrderStatus.CREATED);
            assertThat(loaded.line("line_1").quantity()).isEqualTo(1);
            assertThat(before - loaded.totals().total()).isEqualTo(c.refundAmount()).isEqualTo(1000);
            assertThat(eventTypes(loaded)).containsExactly("order.cancellation_forced", "order.lines_cancelled");
        }

        @Test
        void forcingAPartialCancellationOfAnOrderWithoutOtherHoldsReturnsItToItsStatus() {
            Order order = mother.confirmed();
            partial(order, q("line_2", 1));
            order.compensateCancellation("can_1", "boom", "hold_7", LATER);
            Order loaded = fresh(order);
            loaded.forceCancellation("can_1", "done by hand", LATEST);
            assertThat(loaded.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(loaded.holds()).isEmpty();
            assertThat(loaded.line("line_2").quantity()).isZero();
        }

        @Test
        void aCancellationStillOpenCanBeForcedToo() {
            Order order = mother.cancelling();
            order.forceCancellation("can_1", "settled by hand", LATER);
            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(eventTypes(order)).containsExactly("order.cancellation_forced", "order.cancelled");
        }

        @Test
        void aCompletedCancellationCannotBeForced() {
            Order order = mother.cancelling();
            order.completeCancellation("can_1", LATER);
            Order loaded = fresh(order);
            refusedUnchanged(loaded, () -> loaded.forceCancellation("can_1", "again", LATEST), "cancellation.already_completed");
        }

        @Test
        void anUnknownCancellationIsNotFound() {
            Order order = mother.cancelling();
            DomainException e = refusedUnchanged(order, () -> order.forceCancellation("can_9", "x", LATER), "cancellation.not_found");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        }
    }

    // =================================================================================================================
    @Nested
    class Journal {

        @Test
        void aStepIsRecordedOnce() {
            Order order = mother.cancelling();
            Map<String, Object> detail = Map.of("released", Map.of("SKU-1", 2L));

            assertThat(order.recordCancellationStep("can_1", "inventory.released", detail, LATER)).isTrue();

            Cancellation c = order.cancellation("can_1");
            assertThat(c.hasDone("inventory.released")).isTrue();
            assertThat(c.hasDone("payments.settled")).isFalse();
            assertThat(c.action("inventory.released")).isEqualTo(new Cancellation.Action("inventory.released", detail, LATER));
            assertThat(order.state().updatedAt).isEqualTo(LATER);
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.cancellation_progressed");
            assertThat(e.data()).containsExactly(entry("cancellation_id", "can_1"), entry("step", "inventory.released"),
                    entry("detail", detail));

            Order loaded = fresh(order);
            assertThat(loaded.recordCancellationStep("can_1", "inventory.released", Map.of("released", Map.of()), LATEST)).isFalse();
            assertThat(loaded.pendingEvents()).isEmpty();
            assertThat(loaded.cancellation("can_1").actions()).hasSize(1);
            assertThat(loaded.cancellation("can_1").action("inventory.released").detail()).isEqualTo(detail);
            assertThat(loaded.state().updatedAt).isEqualTo(LATER);

            assertThat(loaded.recordCancellationStep("can_1", "payments.settled", Map.of("amount", 0L), LATEST)).isTrue();
            assertThat(loaded.cancellation("can_1").actions()).extracting(Cancellation.Action::step)
                    .containsExactly("inventory.released", "payments.settled");
        }

        @Test
        void anUnknownCancellationIsNotFound() {
            Order order = mother.cancelling();
            failsWith(() -> order.recordCancellationStep("can_9", "x", Map.of(), LATER), "cancellation.not_found");
            assertThat(order.pendingEvents()).isEmpty();
        }

        @Test
        void aRepairNoteGoesOnTheTimeline() {
            Order order = mother.confirmed();
            order.noteRepair("rep_1", "skipped", "customer keeps the order", LATER);
            DomainEvent e = onlyEvent(order);
            assertThat(e.type()).isEqualTo("order.repair_skipped");
            assertThat(e.reason()).isEqualTo("customer keeps the order");
            assertThat(e.data()).containsExactly(entry("repair_id", "rep_1"), entry("action", "skipped"), entry("note", "customer keeps the order"));
            assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        }
    }

    // =================================================================================================================
    @Nested
    class Properties {
        private static final String[] CURRENCIES = {"GBP", "JPY", "KWD", "USD"};
        private static final int RUNS = 500;

        /** One random order and one random partial (or, by chance, complete) cancellation of it. */
        record Sample(Order order, List<Cancellation.LineQuantity> request, String description) { }

        private Sample sample(Random r, int run) {
            String currency = CURRENCIES[r.nextInt(CURRENCIES.length)];
            OrderMother m = anOrder().currency(currency);
            int n = 1 + r.nextInt(6);
            long weights = 0;
            List<String> text = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long quantity = 1 + r.nextInt(10);
                long price = switch (r.nextInt(4)) {
                    case 0 -> r.nextInt(10);
                    case 1 -> 1 + r.nextInt(100);
                    case 2 -> 1 + r.nextInt(10_000);
                    default -> r.nextInt(200_000);
                };
                long gross = quantity * price;
                long discount = r.nextInt(3) == 0 ? r.nextLong(gross + 1) : 0;
                Integer rate = null;
                Long tax = null;
                switch (r.nextInt(3)) {
                    case 0 -> rate = r.nextInt(2501);
                    case 1 -> tax = (long) r.nextInt(50_000);
                    default -> { }
                }
                weights += gross - discount;
                m.line(item(currency, "SKU-" + i, quantity, price, discount, rate, tax));
                text.add(quantity + "x" + price + "-" + discount + (rate != null ? "@" + rate + "bps" : "") + (tax != null ? "+tax" + tax : ""));
            }
            if (weights > 0 && r.nextInt(3) > 0) m.discount(r.nextLong(Math.min(weights / 2, 100_000) + 1));
            if (r.nextBoolean()) m.shipping(r.nextInt(5_000));
            Order order = m.created();
            List<Cancellation.LineQuantity> request = new ArrayList<>();
            for (OrderLine l : order.lines()) {
                if (request.isEmpty() || r.nextInt(3) == 0) request.add(q(l.id(), 1 + r.nextInt((int) l.quantity())));
            }
            java.util.Collections.shuffle(request, r);
            return new Sample(order, request, "run " + run + " " + currency + " " + text + " discount " + order.state().discount
                    + " shipping " + order.state().shippingAmount + " cancel " + request);
        }

        /** Runs the check on every sample whose cancellation the order accepts; returns how many were checked. */
        private int forAll(long seed, java.util.function.BiConsumer<Sample, Cancellation> check) {
            Random r = new Random(seed);
            int checked = 0;
            for (int run = 0; run < RUNS; run++) {
                Sample s = sample(r, run);
                Cancellation c;
                try {
                    c = s.order().requestPartialCancellation("can_" + run, s.request(), REASON, true, true, AGENT, LATER);
                } catch (DomainException e) {
                    // see PartialRequest.aPartialCancellationLeavingLessThanTheOrderDiscountIsAccepted
                    assertThat(e.fieldErrors()).as(s.description()).extracting(DomainException.FieldError::code)
                            .containsExactly("discount.exceeds_amount");
                    continue;
                }
                check.accept(s, c);
                checked++;
            }
            return checked;
        }

        @Test
        void refundsSumExactlyNeverExceedWhatALineCostsAndMatchTheDropOfTheTotal() {
            int checked = forAll(20250301L, (s, c) -> {
                Order order = s.order();
                Map<String, Long> due = amountsDue(order);
                Map<String, Long> quantities = new LinkedHashMap<>();
                order.lines().forEach(l -> quantities.put(l.id(), l.quantity()));
                long before = order.totals().total();
                assertThat(sum(c.refundByLine())).as(s.description()).isEqualTo(c.refundAmount());
                for (Map.Entry<String, Long> e : c.refundByLine().entrySet()) {
                    long cap = e.getKey().equals("shipping") ? order.state().shippingAmount.minor() : due.get(e.getKey());
                    assertThat(e.getValue()).as(s.description() + " line " + e.getKey()).isLessThanOrEqualTo(cap);
                }
                if (c.scope().equals(Cancellation.FULL)) {
                    assertThat(c.refundAmount()).as(s.description()).isEqualTo(before);
                    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLING);
                }
                order.completeCancellation(c.id(), LATEST);
                if (c.scope().equals(Cancellation.FULL)) {
                    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
                    return;
                }
                assertThat(before - order.totals().total()).as(s.description()).isEqualTo(c.refundAmount());
                Map<String, Long> cancelled = new LinkedHashMap<>();
                s.request().forEach(lq -> cancelled.put(lq.lineId(), lq.quantity()));
                for (OrderLine after : order.lines()) {
                    long gone = cancelled.getOrDefault(after.id(), 0L);
                    assertThat(after.cancelledQuantity()).as(s.description()).isEqualTo(gone);
                    assertThat(after.quantity()).as(s.description()).isEqualTo(quantities.get(after.id()) - gone);
                    assertThat(after.amountDue()).as(s.description()).isNotNegative();
                }
            });
            assertThat(checked).as("samples checked").isGreaterThanOrEqualTo(RUNS * 9 / 10);
        }

        @Test
        void noLineEverGivesBackANegativeAmount() {
            forAll(20250301L, (s, c) -> assertThat(c.refundByLine().values()).as(s.description() + " " + c.refundByLine())
                    .allSatisfy(v -> assertThat(v).isNotNegative()));
        }
    }
}
