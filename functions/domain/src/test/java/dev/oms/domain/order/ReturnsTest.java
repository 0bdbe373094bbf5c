package dev.oms.domain.order;

import static dev.oms.DomainAssertions.failsWith;
import static dev.oms.DomainAssertions.failsWithFieldError;
import static dev.oms.domain.order.OrderMother.AGENT;
import static dev.oms.domain.order.OrderMother.NOW;
import static dev.oms.domain.order.OrderMother.anOrder;
import static dev.oms.domain.order.OrderMother.eventTypes;
import static dev.oms.domain.order.OrderMother.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.domain.DomainException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReturnsTest {
    /** A child that ships and delivers units of lines, as a fulfilment does. */
    record Parcel(String id, Map<String, Long> shipped) implements LineUnits {
        public String kind() { return "parcel"; }
        public long units(String lineId, UnitMeasure m) {
            return m == UnitMeasure.SHIPPED || m == UnitMeasure.DELIVERED ? shipped.getOrDefault(lineId, 0L) : 0;
        }
    }

    static final int WINDOW = 30;

    /** line_1: 2 x SKU-1 at 10.00, line_2: 3 x SKU-2 at 3.33 (9.99); everything shipped and delivered at NOW. */
    static Order delivered() { return shipped(2, 3); }

    static Order shipped(long line1, long line2) {
        Order o = anOrder().line("SKU-1", 2, 1000).line("SKU-2", 3, 333).confirmed();
        o.state().children.add(new Parcel("ful_1", Map.of("line_1", line1, "line_2", line2)));
        o.state().firstShippedAt = NOW;
        o.state().lastDeliveredAt = NOW;
        return fresh(o);
    }

    static ReturnDraft draft(ReturnDraft.Item... items) {
        return new ReturnDraft(List.of(items), "ship", "refund_to_card", "Box is in the hall", Map.of("ticket", "T-1"));
    }

    static ReturnDraft.Item item(String line, long quantity) { return new ReturnDraft.Item(line, quantity, "too_small"); }

    static ReturnRequest open(Order o, String id, ReturnDraft.Item... items) { return Returns.request(o, id, draft(items), WINDOW, AGENT, NOW); }

    static ReturnDraft.Receipt receipt(String line, long q, String condition) { return new ReturnDraft.Receipt(line, q, condition, List.of("SN-" + q)); }

    static ReturnDraft.Decision approve(String line) { return new ReturnDraft.Decision(line, "approve", null, null, null, null); }

    static ReturnDraft.Decision reject(String line, String reason) { return new ReturnDraft.Decision(line, "reject", null, null, null, reason); }

    /** A return of both lines, fully received in new condition. */
    static Order received() {
        Order o = delivered();
        open(o, "ret_1", item("line_1", 2), item("line_2", 3));
        Returns.receive(o, "ret_1", List.of(receipt("line_1", 2, "new"), receipt("line_2", 3, "new")), NOW);
        return fresh(o);
    }

    @Nested
    class Eligibility {
        @Test
        void shippedUnitsWithinTheWindowOpenAReturnWithAnRma() {
            Order o = delivered();
            ReturnRequest r = open(o, "ret_1", item("line_1", 1));

            assertThat(r.rma()).isEqualTo("RMA-1001-1");
            assertThat(r.state()).isEqualTo(ReturnState.REQUESTED);
            assertThat(r.lines()).singleElement().satisfies(l -> {
                assertThat(l.sku()).isEqualTo("SKU-1");
                assertThat(l.reasonCode()).isEqualTo("too_small");
            });
            assertThat(o.units("line_1", UnitMeasure.RETURN_REQUESTED)).isEqualTo(1);
            assertThat(o.state().returnStatus).isEqualTo("requested");
            assertThat(eventTypes(o)).containsExactly("return.created");
            assertThat(o.changedChildren()).containsExactly(r);
            assertThat(o.isNewChild(r)).isTrue();
        }

        @Test
        void unshippedUnitsAreNotEligible() {
            Order o = shipped(1, 0);
            DomainException e = failsWith(() -> open(o, "ret_1", item("line_1", 2)), "return.not_eligible");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE);
            assertThat(e.details()).containsEntry("reason", "quantity_exceeds_returnable");
            assertThat((List<?>) e.details().get("lines")).singleElement().asString().contains("returnable=1");

            DomainException none = failsWith(() -> open(o, "ret_1", item("line_2", 1)), "return.not_eligible");
            assertThat(none.details()).containsEntry("reason", "not_shipped");
        }

        @Test
        void anOrderNothingShippedOfIsNotEligible() {
            Order o = anOrder().confirmed();
            assertThat(failsWith(() -> open(o, "ret_1", item("line_1", 1)), "return.not_eligible").details())
                    .containsEntry("reason", "not_shipped");
        }

        @Test
        void unitsInAnotherReturnCannotBeAskedAgainUntilItIsCancelled() {
            Order o = delivered();
            open(o, "ret_1", item("line_1", 2));
            DomainException e = failsWith(() -> open(o, "ret_2", item("line_1", 1)), "return.not_eligible");
            assertThat(e.details()).containsEntry("reason", "already_returned");

            Returns.cancel(o, "ret_1", "changed my mind", NOW);
            assertThat(open(o, "ret_2", item("line_1", 1)).rma()).isEqualTo("RMA-1001-2");
        }

        @Test
        void theWindowCountsFromTheLastDeliveryOrElseTheFirstShipment() {
            Order o = delivered();
            Order late = fresh(o);
            DomainException e = failsWith(() -> Returns.request(late, "ret_1", draft(item("line_1", 1)), WINDOW, AGENT,
                    NOW.plus(Duration.ofDays(31))), "return.not_eligible");
            assertThat(e.details()).containsEntry("reason", "return_window_expired").containsEntry("return_window_days", 30);

            o.state().lastDeliveredAt = null;
            o.state().firstShippedAt = NOW.plus(Duration.ofDays(5));
            assertThat(Returns.request(o, "ret_1", draft(item("line_1", 1)), WINDOW, AGENT, NOW.plus(Duration.ofDays(31)))).isNotNull();
        }

        @Test
        void cancelledOrdersAreNotEligible() {
            Order o = delivered();
            o.state().status = OrderStatus.CANCELLED;
            assertThat(failsWith(() -> open(o, "ret_1", item("line_1", 1)), "return.not_eligible").details())
                    .containsEntry("reason", "order_cancelled");
        }

        @Test
        void badRequestsAreFieldErrors() {
            Order o = delivered();
            failsWithFieldError(() -> open(o, "ret_1", item("line_1", 1), item("line_1", 1)), "line_id.duplicate");
            failsWithFieldError(() -> Returns.request(o, "r", new ReturnDraft(List.of(item("line_1", 1)), "drone", "store_credit", null, null),
                    WINDOW, AGENT, NOW), "return_method.unknown");
            failsWithFieldError(() -> Returns.request(o, "r", new ReturnDraft(List.of(item("line_1", 1)), "ship", "cash", null, null),
                    WINDOW, AGENT, NOW), "refund.unknown");
            failsWith(() -> open(o, "ret_1", item("line_9", 1)), "order.line_not_found");
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void partialReceiptsAddUpAndASecondFullReceiptIsRefused() {
            Order o = delivered();
            open(o, "ret_1", item("line_2", 3));
            ReturnRequest r = Returns.receive(o, "ret_1", List.of(receipt("line_2", 1, "opened")), NOW);
            assertThat(r.state()).isEqualTo(ReturnState.PARTIALLY_RECEIVED);
            r = Returns.receive(o, "ret_1", List.of(receipt("line_2", 2, "new")), NOW);
            assertThat(r.state()).isEqualTo(ReturnState.RECEIVED);
            assertThat(r.line("line_2").serials()).containsExactly("SN-1", "SN-2");
            assertThat(o.units("line_2", UnitMeasure.RETURN_RECEIVED)).isEqualTo(3);

            failsWith(() -> Returns.receive(o, "ret_1", List.of(receipt("line_2", 1, "new")), NOW), "return.already_received");
        }

        @Test
        void receivingMoreThanAskedOrAnUnknownConditionIsRefused() {
            Order o = delivered();
            open(o, "ret_1", item("line_2", 2));
            failsWith(() -> Returns.receive(o, "ret_1", List.of(receipt("line_2", 3, "new")), NOW), "return.over_receipt");
            failsWithFieldError(() -> Returns.receive(o, "ret_1", List.of(receipt("line_2", 1, "shiny")), NOW), "condition.unknown");
            failsWithFieldError(() -> Returns.receive(o, "ret_1", List.of(receipt("line_1", 1, "new")), NOW), "return.line_not_in_return");
        }

        @Test
        void inspectingBeforeReceiptIsAConflict() {
            Order o = delivered();
            open(o, "ret_1", item("line_1", 1));
            failsWith(() -> Returns.inspect(o, "ret_1", List.of(approve("line_1")), null, NOW), "return.not_received");
        }

        @Test
        void anApprovedInspectionRestocksNewGoodsAndMarksTheOrderReturned() {
            Order o = received();
            ReturnRequest r = Returns.inspect(o, "ret_1", List.of(approve("line_1"), approve("line_2")), null, NOW);

            assertThat(r.outcome()).isEqualTo(ReturnRequest.APPROVED);
            assertThat(r.resolution()).isEqualTo("refund_to_card");
            assertThat(r.line("line_1").restockable()).isEqualTo(2);
            assertThat(o.state().returnStatus).isEqualTo("returned");
            assertThat(ReturnRefunds.byLine(o, r)).containsExactly(Map.entry("line_1", 2000L), Map.entry("line_2", 999L));
            failsWith(() -> Returns.inspect(o, "ret_1", List.of(approve("line_1"), approve("line_2")), null, NOW), "return.invalid_transition");
        }

        @Test
        void aPartialApprovalWithAFeeGivesBackLessAndAPartialReturnStatus() {
            Order o = received();
            ReturnRequest r = Returns.inspect(o, "ret_1", List.of(
                    new ReturnDraft.Decision("line_1", "approve", 1L, 0L, OrderMother.gbp(250), "one was worn"),
                    reject("line_2", "not ours")), "store_credit", NOW);

            assertThat(r.outcome()).isEqualTo(ReturnRequest.PARTIALLY_APPROVED);
            assertThat(r.resolution()).isEqualTo("store_credit");
            assertThat(r.line("line_2").approved()).isZero();
            assertThat(r.line("line_1").rejected()).isEqualTo(1);
            assertThat(ReturnRefunds.byLine(o, r)).containsExactly(Map.entry("line_1", 750L));
            assertThat(o.state().returnStatus).isEqualTo("partially_returned");
            // after inspection a return claims what came back, not what was asked
            assertThat(o.units("line_1", UnitMeasure.RETURN_REQUESTED)).isEqualTo(2);
        }

        @Test
        void aRejectionNeedsAReasonAndClosesWithoutSettlement() {
            Order o = received();
            failsWithFieldError(() -> Returns.inspect(o, "ret_1", List.of(reject("line_1", " "), reject("line_2", "x")), null, NOW), "field.required");
            failsWithFieldError(() -> Returns.inspect(o, "ret_1", List.of(reject("line_1", "x")), null, NOW), "return.decision_missing");
            ReturnRequest r = Returns.inspect(o, "ret_1", List.of(reject("line_1", "worn"), reject("line_2", "worn")), null, NOW);
            assertThat(r.outcome()).isEqualTo(ReturnRequest.REJECTED);
            assertThat(r.resolution()).isNull();
            failsWith(() -> Returns.assertSettleable(r), "return.rejected");

            ReturnRequest closed = Returns.close(o, "ret_1", Map.of(), NOW);
            assertThat(closed.state()).isEqualTo(ReturnState.CLOSED);
            assertThat(eventTypes(o)).containsExactly("return.inspected", "return.closed");
        }

        @Test
        void approvalsAndFeesAreBoundedByWhatArrivedAndWhatItIsWorth() {
            Order o = received();
            failsWithFieldError(() -> Returns.inspect(o, "ret_1", List.of(new ReturnDraft.Decision("line_1", "approve", 3L, null, null, null),
                    approve("line_2")), null, NOW), "return.approve_exceeds_received");
            failsWithFieldError(() -> Returns.inspect(o, "ret_1", List.of(new ReturnDraft.Decision("line_1", "approve", 1L, 2L, null, null),
                    approve("line_2")), null, NOW), "return.restock_exceeds_approved");
            failsWithFieldError(() -> Returns.inspect(o, "ret_1", List.of(new ReturnDraft.Decision("line_1", "approve", 1L, null, OrderMother.gbp(1001), null),
                    approve("line_2")), null, NOW), "return.fee_exceeds_refund");
            failsWithFieldError(() -> Returns.inspect(o, "ret_1", List.of(new ReturnDraft.Decision("line_1", "keep", null, null, null, null),
                    approve("line_2")), null, NOW), "decision.unknown");
            failsWithFieldError(() -> Returns.inspect(o, "ret_1", List.of(new ReturnDraft.Decision("line_1", "approve", 1L, null,
                    dev.oms.domain.money.Money.of(100, "EUR"), null), approve("line_2")), null, NOW), "currency.mismatch");
        }

        @Test
        void damagedGoodsAreNotRestockedByDefault() {
            Order o = delivered();
            open(o, "ret_1", item("line_1", 1));
            Returns.receive(o, "ret_1", List.of(receipt("line_1", 1, "damaged")), NOW);
            assertThat(Returns.inspect(o, "ret_1", List.of(approve("line_1")), null, NOW).line("line_1").restockable()).isZero();
        }

        @Test
        void settlingRecordsItOnceAndClosingFollows() {
            Order o = received();
            Returns.inspect(o, "ret_1", List.of(approve("line_1"), approve("line_2")), null, NOW);
            var refund = new ReturnRequest.Settlement("refund", "rfd_1", 2999, "GBP", Map.of("line_1", 2000L, "line_2", 999L), NOW);
            ReturnRequest r = Returns.settle(o, "ret_1", refund, NOW);
            assertThat(r.state()).isEqualTo(ReturnState.REFUNDED);
            var again = Returns.settle(o, "ret_1", new ReturnRequest.Settlement("store_credit", "crd_9", 1, "GBP", Map.of(), NOW), NOW);
            assertThat(again.settlement().reference()).isEqualTo("rfd_1");
            assertThat(Returns.close(o, "ret_1", Map.of("restocked", Map.of("SKU-1", 2)), NOW).closedAt()).isEqualTo(NOW);
            assertThat(eventTypes(o)).containsExactly("return.inspected", "return.refunded", "return.closed");
        }

        @Test
        void settlingBeforeInspectionOrClosingAnOpenReturnIsAConflict() {
            Order o = received();
            failsWith(() -> Returns.settle(o, "ret_1", new ReturnRequest.Settlement("refund", "r", 1, "GBP", Map.of(), NOW), NOW), "return.not_inspected");
            failsWith(() -> Returns.close(o, "ret_1", Map.of(), NOW), "return.invalid_transition");
        }

        @Test
        void onlyReturnsNothingArrivedForCanBeCancelled() {
            Order o = received();
            failsWith(() -> Returns.cancel(o, "ret_1", "no", NOW), "return.not_cancellable");
            Order p = delivered();
            open(p, "ret_1", item("line_1", 1));
            assertThat(Returns.cancel(p, "ret_1", "changed my mind", NOW).state()).isEqualTo(ReturnState.CANCELLED);
            assertThat(p.state().returnStatus).isEqualTo("none");
            assertThat(p.units("line_1", UnitMeasure.RETURN_REQUESTED)).isZero();
        }

        @Test
        void aLabelIsIssuedOnceAndOnlyForShippedReturns() {
            Order o = delivered();
            open(o, "ret_1", item("line_1", 1));
            var label = new ReturnRequest.Label("sandbox", "TRK1", "doc_1", NOW);
            assertThat(Returns.issueLabel(o, "ret_1", label, NOW).state()).isEqualTo(ReturnState.LABEL_ISSUED);
            assertThat(Returns.issueLabel(o, "ret_1", new ReturnRequest.Label("x", "TRK2", "doc_2", NOW), NOW).label()).isEqualTo(label);

            Order p = delivered();
            Returns.request(p, "ret_2", new ReturnDraft(List.of(item("line_1", 1)), "dropoff", "store_credit", null, null), WINDOW, AGENT, NOW);
            failsWith(() -> Returns.issueLabel(p, "ret_2", label, NOW), "return.label_not_applicable");
        }

        @Test
        void theSagaTokenAndStepsAreKeptOnce() {
            Order o = delivered();
            open(o, "ret_1", item("line_1", 1));
            Returns.await(o, "ret_1", "receipt", "tok-1", NOW);
            assertThat(Returns.get(o, "ret_1").taskToken()).isEqualTo("tok-1");
            assertThat(Returns.recordStep(o, "ret_1", "inventory.restocked", Map.of("SKU-1", 1), NOW)).isTrue();
            assertThat(Returns.recordStep(o, "ret_1", "inventory.restocked", Map.of("SKU-1", 2), NOW)).isFalse();
            assertThat(Returns.get(o, "ret_1").step("inventory.restocked").detail()).containsEntry("SKU-1", 1);
            failsWith(() -> Returns.get(o, "ret_9"), "return.not_found");
        }
    }

    @Nested
    class Money {
        @Test
        void returnsOfOneLineTogetherGiveBackExactlyItsAmountDue() {
            Order o = delivered();
            long total = 0;
            for (int i = 1; i <= 3; i++) {
                String id = "ret_" + i;
                open(o, id, item("line_2", 1));
                Returns.receive(o, id, List.of(receipt("line_2", 1, "new")), NOW);
                ReturnRequest r = Returns.inspect(o, id, List.of(approve("line_2")), null, NOW);
                long amount = ReturnRefunds.total(ReturnRefunds.byLine(o, r));
                Returns.settle(o, id, new ReturnRequest.Settlement("refund", "rfd_" + i, amount, "GBP", ReturnRefunds.byLine(o, r), NOW), NOW);
                total += amount;
            }
            assertThat(total).isEqualTo(999);
        }
    }
}
