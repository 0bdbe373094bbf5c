package dev.oms.domain.order;

import static dev.oms.DomainAssertions.failsWithFieldError;
import static dev.oms.domain.order.OrderMother.gbp;
import static dev.oms.domain.order.OrderMother.specWithTax;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.domain.money.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderPricingTest {

    private static OrderLine line(String id, long quantity, long unitPrice) {
        return OrderMother.spec(id, quantity, unitPrice).toLine(id);
    }

    private static OrderLine line(String id, long quantity, long unitPrice, long discount, Integer rateBps, Long taxAmount) {
        return specWithTax(id, quantity, unitPrice, discount, rateBps, taxAmount).toLine(id);
    }

    @Test
    void grossIsQuantityTimesUnitPrice() {
        List<OrderLine> priced = OrderPricing.price(List.of(line("a", 3, 1250), line("b", 1, 99)), null);
        assertThat(priced).extracting(OrderLine::gross).containsExactly(3750L, 99L);
        OrderTotals t = OrderPricing.totals(priced, 0);
        assertThat(t).isEqualTo(new OrderTotals(3849, 0, 0, 0, 3849));
    }

    @Test
    void lineDiscountsReduceTheTotal() {
        List<OrderLine> priced = OrderPricing.price(List.of(line("a", 2, 1000, 150, null, null), line("b", 1, 500, 0, null, null)),
                gbp(0));
        assertThat(priced).extracting(OrderLine::allocatedDiscount).containsExactly(0L, 0L);
        assertThat(priced).extracting(OrderLine::discountTotal).containsExactly(150L, 0L);
        assertThat(priced).extracting(OrderLine::lineTotal).containsExactly(1850L, 500L);
        assertThat(OrderPricing.totals(priced, 0)).isEqualTo(new OrderTotals(2500, 150, 0, 0, 2350));
    }

    @Test
    void orderDiscountIsAllocatedByLargestRemainderOnTheAmountsAfterLineDiscounts() {
        // nets 1000, 2000, 3000 (line b: 2100 - 100); 100 * 1000/6000 = 16 r 4000 -> the leftover unit goes to line a
        List<OrderLine> priced = OrderPricing.price(List.of(
                line("a", 1, 1000),
                line("b", 1, 2100, 100, null, null),
                line("c", 3, 1000)), gbp(100));
        assertThat(priced).extracting(OrderLine::allocatedDiscount).containsExactly(17L, 33L, 50L);
        assertThat(priced).extracting(OrderLine::discountTotal).containsExactly(17L, 133L, 50L);
        assertThat(priced.stream().mapToLong(OrderLine::allocatedDiscount).sum()).isEqualTo(100);
        assertThat(OrderPricing.totals(priced, 0)).isEqualTo(new OrderTotals(6100, 200, 0, 0, 5900));
    }

    @Test
    void orderDiscountTiesGoToTheEarlierLine() {
        List<OrderLine> priced = OrderPricing.price(List.of(line("a", 1, 100), line("b", 1, 100), line("c", 1, 100)), gbp(100));
        assertThat(priced).extracting(OrderLine::allocatedDiscount).containsExactly(34L, 33L, 33L);
    }

    @Test
    void fullyDiscountedLinesGetNoShareOfTheOrderDiscount() {
        List<OrderLine> priced = OrderPricing.price(List.of(line("a", 1, 500, 500, null, null), line("b", 1, 800)), gbp(300));
        assertThat(priced).extracting(OrderLine::allocatedDiscount).containsExactly(0L, 300L);
        assertThat(OrderPricing.totals(priced, 0).total()).isEqualTo(500);
    }

    @Test
    void taxByRateIsComputedOnTheNetAmountRoundedHalfEven() {
        List<OrderLine> priced = OrderPricing.price(List.of(
                line("a", 1, 1025, 0, 500, null),   // 51.25 -> 51
                line("b", 1, 1050, 0, 500, null),   // 52.5  -> 52 (even)
                line("c", 1, 1070, 0, 500, null),   // 53.5  -> 54 (even)
                line("d", 1, 1090, 0, 500, null),   // 54.5  -> 54 (even)
                line("e", 1, 1000, 0, 2000, null),  // 200 exact
                line("f", 1, 1000, 0, null, null)), // no tax
                null);
        assertThat(priced).extracting(OrderLine::tax).containsExactly(51L, 52L, 54L, 54L, 200L, 0L);
    }

    @Test
    void taxByRateAppliesAfterLineAndAllocatedOrderDiscounts() {
        // gross 2000 - line discount 200 - order discount 300 = 1500; 20% -> 300
        List<OrderLine> priced = OrderPricing.price(List.of(line("a", 2, 1000, 200, 2000, null)), gbp(300));
        assertThat(priced.get(0).allocatedDiscount()).isEqualTo(300);
        assertThat(priced.get(0).tax()).isEqualTo(300);
        assertThat(OrderPricing.totals(priced, 0)).isEqualTo(new OrderTotals(2000, 500, 300, 0, 1800));
    }

    @Test
    void explicitTaxAmountIsUsedAsGiven() {
        List<OrderLine> priced = OrderPricing.price(List.of(line("a", 2, 1000, 0, null, 123L)), gbp(500));
        assertThat(priced.get(0).tax()).isEqualTo(123);
        assertThat(OrderPricing.totals(priced, 0).taxTotal()).isEqualTo(123);
    }

    @Test
    void shippingIsAddedToTheTotal() {
        List<OrderLine> priced = OrderPricing.price(List.of(line("a", 1, 1000)), null);
        assertThat(OrderPricing.totals(priced, 450)).isEqualTo(new OrderTotals(1000, 0, 0, 450, 1450));
    }

    @Test
    void seedExample() {
        // sub_total 4995, discount 500, tax 300, shipping 399 -> total 5194
        List<OrderLine> priced = OrderPricing.price(List.of(line("a", 1, 4995, 0, null, 300L)), gbp(500));
        OrderTotals t = OrderPricing.totals(priced, 399);
        assertThat(t.subTotal()).isEqualTo(4995);
        assertThat(t.discountTotal()).isEqualTo(500);
        assertThat(t.taxTotal()).isEqualTo(300);
        assertThat(t.shippingTotal()).isEqualTo(399);
        assertThat(t.total()).isEqualTo(5194);
    }

    @Test
    void seedExampleThroughTheAggregate() {
        Order order = OrderMother.anOrder().line(specWithTax("SKU-SEED", 1, 4995, 0, null, 300L)).discount(500).shipping(399).build();
        assertThat(order.totals()).isEqualTo(new OrderTotals(4995, 500, 300, 399, 5194));
        assertThat(order.pendingEvents().get(0).data()).containsEntry("total", 5194L);
    }

    @Test
    void lineDiscountExceedingTheLineAmountIsRefused() {
        var fe = failsWithFieldError(() -> OrderPricing.price(List.of(line("a", 1, 100), line("b", 2, 100, 201, null, null)), null),
                "discount.exceeds_amount");
        assertThat(fe.field()).isEqualTo("lines[1].discount");
    }

    @Test
    void orderDiscountExceedingTheLinesAfterTheirDiscountsIsRefused() {
        var fe = failsWithFieldError(() -> OrderPricing.price(List.of(line("a", 1, 1000, 100, null, null)), gbp(901)),
                "discount.exceeds_amount");
        assertThat(fe.field()).isEqualTo("discount");
    }

    @Test
    void discountsEqualToTheAmountAreAllowed() {
        List<OrderLine> priced = OrderPricing.price(List.of(line("a", 1, 1000, 1000, null, null), line("b", 1, 500)), gbp(500));
        assertThat(OrderPricing.totals(priced, 0)).isEqualTo(new OrderTotals(1500, 1500, 0, 0, 0));
    }

    @Test
    void noLinesPriceToZero() {
        assertThat(OrderPricing.price(List.of(), null)).isEmpty();
        assertThat(OrderPricing.totals(List.of(), 399)).isEqualTo(new OrderTotals(0, 0, 0, 399, 399));
    }

    @Test
    void pricingKeepsLineIdentityAndInputs() {
        OrderLine in = line("a", 2, 1000, 50, 2000, null);
        OrderLine out = OrderPricing.price(List.of(in), gbp(10)).get(0);
        assertThat(out.id()).isEqualTo("a");
        assertThat(out.quantity()).isEqualTo(2);
        assertThat(out.unitPrice()).isEqualTo(gbp(1000));
        assertThat(out.discount()).isEqualTo(gbp(50));
        assertThat(out.taxRateBps()).isEqualTo(2000);
        assertThat(out.taxAmount()).isNull();
    }

    @Test
    void randomOrdersAlwaysBalance() {
        Random random = new Random(7L);
        for (int run = 0; run < 2_000; run++) {
            int n = 1 + random.nextInt(8);
            List<OrderLine> lines = new ArrayList<>();
            long net = 0;
            for (int i = 0; i < n; i++) {
                long qty = 1 + random.nextInt(10);
                long unit = random.nextInt(10_000);
                long lineDiscount = unit * qty == 0 ? 0 : random.nextInt((int) Math.min(Integer.MAX_VALUE, unit * qty + 1)) / 2;
                Integer rate = random.nextBoolean() ? random.nextInt(2500) : null;
                Long taxAmount = rate == null && random.nextBoolean() ? (long) random.nextInt(500) : null;
                lines.add(line("l" + i, qty, unit, lineDiscount, rate, taxAmount));
                net += unit * qty - lineDiscount;
            }
            long discount = net == 0 ? 0 : random.nextLong(net + 1);
            long shipping = random.nextInt(1000);
            List<OrderLine> priced = OrderPricing.price(lines, Money.of(discount, "GBP"));
            OrderTotals t = OrderPricing.totals(priced, shipping);

            assertThat(priced.stream().mapToLong(OrderLine::allocatedDiscount).sum()).as("run %d", run).isEqualTo(discount);
            assertThat(t.total()).as("run %d", run)
                    .isEqualTo(t.subTotal() - t.discountTotal() + t.taxTotal() + t.shippingTotal());
            assertThat(t.subTotal() - t.discountTotal()).as("run %d", run).isEqualTo(net - discount);
            for (OrderLine l : priced) {
                assertThat(l.allocatedDiscount()).isBetween(0L, l.gross() - l.discount().minor());
                assertThat(l.lineTotal()).isGreaterThanOrEqualTo(0);
            }
        }
    }
}
