package dev.oms.domain.order;

import static dev.oms.domain.order.OrderMother.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.domain.DomainException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditCalculatorTest {
    /** Units of lines in fulfilments: {@code shipped} and {@code allocated} (allocated counts the shipped ones too). */
    record Units(String id, Map<String, Long> shipped, Map<String, Long> allocated) implements LineUnits {
        @Override public String kind() { return "test_units"; }

        @Override public long units(String lineId, UnitMeasure m) {
            return switch (m) {
                case SHIPPED -> shipped.getOrDefault(lineId, 0L);
                case ALLOCATED -> allocated.getOrDefault(lineId, 0L);
                default -> 0;
            };
        }
    }

    static EditChange quantity(String line, long q) { return new EditChange(EditChange.CHANGE_QUANTITY, line, null, q, null, null, null, null, null); }

    static EditChange remove(String line) { return new EditChange(EditChange.REMOVE_LINE, line, null, null, null, null, null, null, null); }

    static EditChange add(String id, String sku, long q, long price) {
        return new EditChange(EditChange.ADD_LINE, id, spec(sku, q, price), null, null, null, null, null, null);
    }

    static EditChange price(String line, long price) { return new EditChange(EditChange.CHANGE_UNIT_PRICE, line, null, null, gbp(price), null, null, null, null); }

    static EditChange shipping(long amount) { return new EditChange(EditChange.CHANGE_SHIPPING, null, null, null, null, null, "express", gbp(amount), null); }

    /** line_1: 2 x 10.00, line_2: 3 x 3.33, shipping 4.99; one payment authorized for the total. */
    static Order confirmedAuthorized() {
        return anOrder().line("SKU-1", 2, 1000).line("SKU-2", 3, 333).shipping(499).payment("pay_1", 2000 + 999 + 499, "authorized").confirmed();
    }

    @Test
    void anIncreaseOnAnAuthorizedOrderNeedsAnAdditionalAuthorizationAndChangesNothing() {
        Order o = confirmedAuthorized();
        long total = o.totals().total();
        long version = o.version();
        EditPreview p = EditCalculator.preview(o, List.of(quantity("line_1", 3), add("line_9", "SKU-9", 1, 250)), false);
        assertThat(p.before().total()).isEqualTo(total);
        assertThat(p.after().total()).isEqualTo(total + 1000 + 250);
        assertThat(p.delta()).isEqualTo(1250);
        assertThat(p.deltaSplit()).isEqualTo(new EditPreview.Split(1250, 0, 0));
        assertThat(p.moneyPlan().additionalAuthorization()).isEqualTo(1250);
        assertThat(p.moneyPlan().paymentRequired()).isTrue();
        assertThat(p.moneyPlan().additionalCapture()).isZero();
        assertThat(p.moneyPlan().operations()).isEmpty();
        assertThat(p.lines()).extracting(EditPreview.LineDelta::change).containsExactly("changed", "unchanged", "added");
        assertThat(o.totals().total()).isEqualTo(total);
        assertThat(o.version()).isEqualTo(version);
        assertThat(o.hasChanges()).isFalse();
    }

    @Test
    void aDecreaseVoidsOpenAuthorizationsFirstThenRefundsCapturedMoney() {
        OrderMother m = anOrder().line("SKU-1", 4, 1000);
        m.payment("pay_a", 1000, "captured").payment("pay_b", 3000, "authorized");
        Order o = m.confirmed();
        EditPreview p = EditCalculator.preview(o, List.of(quantity("line_1", 1)), false);
        assertThat(p.delta()).isEqualTo(-3000);
        assertThat(p.moneyPlan().operations()).containsExactly(new EditPreview.PaymentOperation("pay_b", "void", 3000, 3000));
        EditPreview all = EditCalculator.preview(o, List.of(quantity("line_1", 1), price("line_1", 200)), true);
        assertThat(all.delta()).isEqualTo(-3800);
        assertThat(all.moneyPlan().operations()).containsExactly(new EditPreview.PaymentOperation("pay_b", "void", 3000, 3000),
                new EditPreview.PaymentOperation("pay_a", "refund", 800, 1000));
        assertThat(all.moneyPlan().voidTotal() + all.moneyPlan().refundTotal()).isEqualTo(3800);
    }

    @Test
    void aQuantityNeverGoesBelowWhatShippedNorBelowWhatOpenFulfilmentsHold() {
        Order o = confirmedAuthorized();
        o.state().children.add(new Units("ful_1", Map.of("line_1", 1L), Map.of("line_1", 1L, "line_2", 2L)));
        Order shipped = OrderMother.fresh(o);
        assertThatThrownBy(() -> EditCalculator.preview(shipped, List.of(remove("line_1")), false))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("edit.quantity_below_shipped"));
        assertThatThrownBy(() -> EditCalculator.preview(shipped, List.of(quantity("line_2", 1)), false))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("edit.units_in_fulfillment"));
        assertThatThrownBy(() -> EditCalculator.preview(shipped, List.of(price("line_1", 900)), true))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("edit.fulfilled_units"));
        EditPreview p = EditCalculator.preview(shipped, List.of(quantity("line_1", 5), price("line_2", 300)), true);
        EditPreview.LineDelta l2 = p.lines().get(1);
        assertThat(l2.unitsBefore()).isEqualTo(new EditPreview.Split(1, 2, 0));
        assertThat(l2.deltaSplit().sum()).isEqualTo(l2.delta());
        assertThat(p.lines().get(0).unitsBefore()).isEqualTo(new EditPreview.Split(1, 0, 1));
        assertThat(p.deltaSplit().sum() + p.shippingDelta()).isEqualTo(p.delta());
    }

    @Test
    void priceChangesNeedThePermissionAndShippingCannotChangeOnceGoodsShipped() {
        Order o = confirmedAuthorized();
        assertThatThrownBy(() -> EditCalculator.preview(o, List.of(price("line_1", 900)), false))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> EditCalculator.preview(o, List.of(shipping(0)), false))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
        EditPreview free = EditCalculator.preview(o, List.of(shipping(0)), true);
        assertThat(free.shippingDelta()).isEqualTo(-499);
        assertThat(free.moneyPlan().operations()).containsExactly(new EditPreview.PaymentOperation("pay_1", "void", 499, o.totals().total()));
        o.state().fulfillmentStatus = "partially_fulfilled";
        assertThatThrownBy(() -> EditCalculator.preview(o, List.of(shipping(0)), true))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("edit.fulfilled_units"));
    }

    @Test
    void untouchedLinesKeepTheirShareOfTheOrderDiscount() {
        Order o = anOrder().line("SKU-1", 2, 1000).line("SKU-2", 1, 999).discount(300).confirmed();
        OrderLine before = o.line("line_2");
        EditPreview p = EditCalculator.preview(o, List.of(quantity("line_1", 1)), false);
        OrderLine after = p.linesAfter().get(1);
        assertThat(after).isEqualTo(before);
        long keptDiscount = p.linesAfter().get(0).allocatedDiscount() + after.allocatedDiscount();
        assertThat(p.orderDiscountAfter()).isEqualTo(keptDiscount);
        assertThat(p.after().discountTotal()).isEqualTo(keptDiscount);
    }

    @Test
    void applyingTheQuoteGivesItsFiguresAndRecordsTheEdit() {
        Order o = confirmedAuthorized();
        EditPreview p = EditCalculator.preview(o, List.of(quantity("line_2", 1)), false);
        EditQuote q = new EditQuote("quo_1", TENANT, o.id(), o.version(), "agent_1", NOW, NOW.plusSeconds(900), "customer called",
                List.of(quantity("line_2", 1)), p, null);
        OrderEdit edit = new OrderEdits(o).apply("edt_1", q, List.of(), "customer called", AGENT, NOW);
        assertThat(o.totals()).isEqualTo(p.after());
        assertThat(edit.state()).isEqualTo(OrderEdit.SETTLING);
        assertThat(o.pendingEvents()).extracting(dev.oms.domain.DomainEvent::type).containsExactly("order.edited", "order.edit_settlement_requested");
        assertThatThrownBy(() -> new OrderEdits(o).apply("edt_2", q, List.of(), null, AGENT, NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("order.edit_in_progress"));
        Hold hold = new OrderEdits(o).compensate("edt_1", "payments: declined", "hold_9", NOW);
        assertThat(hold).isNotNull();
        assertThat(o.totals()).isEqualTo(p.before());
        assertThat(new OrderEdits(o).require("edt_1").state()).isEqualTo(OrderEdit.COMPENSATED);
    }

    @Test
    void anIncreaseOnAConfirmedOrderIsRefusedWithoutAPaymentForIt() {
        Order o = confirmedAuthorized();
        EditPreview p = EditCalculator.preview(o, List.of(quantity("line_1", 3)), false);
        EditQuote q = new EditQuote("quo_1", TENANT, o.id(), o.version(), "agent_1", NOW, NOW.plusSeconds(900), null,
                List.of(quantity("line_1", 3)), p, null);
        assertThatThrownBy(() -> new OrderEdits(o).apply("edt_1", q, List.of(), null, AGENT, NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("edit.payment_required");
                    assertThat(e.details()).containsEntry("additional_authorization", 1000L);
                });
        Order again = OrderMother.fresh(o);
        OrderEdit edit = new OrderEdits(again).apply("edt_1", q, List.of(new PaymentReference("pay_2", gbp(1000), "authorized")), null, AGENT, NOW);
        assertThat(edit.state()).isEqualTo(OrderEdit.COMPLETED);
        assertThat(again.totals().total()).isEqualTo(p.after().total());
        assertThat(again.state().payments).hasSize(2);
    }

    @Test
    void shippedUnitsComeBackThroughAReturnPricedInTheQuote() {
        Order o = confirmedAuthorized();
        o.state().children.add(new Units("ful_1", Map.of("line_2", 2L), Map.of("line_2", 2L)));
        Order shipped = OrderMother.fresh(o);
        EditChange back = new EditChange(EditChange.RETURN_UNITS, "line_2", null, 2L, null, null, null, null, null, "too_small");
        EditPreview p = EditCalculator.preview(shipped, List.of(back, add("line_9", "SKU-2B", 2, 333)), false);
        assertThat(p.returns()).containsExactly(new EditPreview.ReturnPreview("line_2", "SKU-2", 2, 666));
        assertThat(p.moneyPlan().refundOnReturn()).isEqualTo(666);
        assertThat(p.delta()).as("the exchange's new goods").isEqualTo(666);
        assertThat(p.lines().get(1).change()).as("returned units stay on the line until the return settles").isEqualTo("unchanged");
        EditChange tooMany = new EditChange(EditChange.RETURN_UNITS, "line_2", null, 3L, null, null, null, null, null, "too_small");
        assertThatThrownBy(() -> EditCalculator.preview(shipped, List.of(tooMany), false))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("edit.return_exceeds_shipped"));
        assertThatThrownBy(() -> EditCalculator.preview(shipped, List.of(back, back), false))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.details()).containsEntry("returnable", 0L));
    }

    @Test
    void compensatingAnExchangeWithdrawsItsReturn() {
        Order o = confirmedAuthorized();
        o.state().children.add(new Units("ful_1", Map.of("line_2", 2L), Map.of("line_2", 2L)));
        o.state().firstShippedAt = NOW;
        Order shipped = OrderMother.fresh(o);
        EditChange back = new EditChange(EditChange.RETURN_UNITS, "line_2", null, 1L, null, null, null, null, null, "too_small");
        List<EditChange> changes = List.of(back, quantity("line_1", 1)); // the decrease makes the edit settle through the saga
        EditPreview p = EditCalculator.preview(shipped, changes, false);
        EditQuote q = new EditQuote("quo_1", TENANT, shipped.id(), shipped.version(), "agent_1", NOW, NOW.plusSeconds(900), null, changes, p, null);
        OrderEdits edits = new OrderEdits(shipped);
        assertThat(edits.apply("edt_1", q, List.of(), null, AGENT, NOW).state()).isEqualTo(OrderEdit.SETTLING);
        ReturnRequest r = Returns.request(shipped, "ret_1", new ReturnDraft(List.of(new ReturnDraft.Item("line_2", 1, "too_small")), "ship",
                "refund_to_card", null, Map.of()), 30, AGENT, NOW);
        edits.recordStep("edt_1", "return.opened", Map.of("return_id", r.id(), "rma", r.rma()), NOW);
        edits.compensate("edt_1", "payments: declined", "hold_9", NOW);
        assertThat(shipped.child(ReturnRequest.class, "ret_1").orElseThrow().state()).isEqualTo(ReturnState.CANCELLED);
        assertThat(shipped.totals()).isEqualTo(p.before());
    }
}
