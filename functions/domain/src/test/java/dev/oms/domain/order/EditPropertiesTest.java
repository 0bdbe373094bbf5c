package dev.oms.domain.order;

import static dev.oms.domain.order.OrderMother.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.domain.DomainException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random orders, partial fulfilments, payments and quotes (seeded, so a failure repeats): applying a quote always gives
 * the preview's totals to the minor unit, no refund exceeds what its payment can give back, no void exceeds the open
 * authorization, and no line ends below what shipped.
 */
class EditPropertiesTest {
    static final int RUNS = 3_000;

    @Test
    void appliedTotalsEqualThePreviewAndMoneyNeverOverflowsWhatWasPaid() {
        Random rnd = new Random(20261204L);
        int applied = 0;
        for (int run = 0; run < RUNS; run++) {
            Order o = randomOrder(rnd);
            List<EditChange> changes = randomChanges(rnd, o);
            EditPreview p;
            try {
                p = EditCalculator.preview(o, changes, true);
            } catch (DomainException refused) {
                continue; // a rule refused the quote: nothing to check
            }
            assertThat(p.deltaSplit().sum() + p.shippingDelta()).as("run %d split", run).isEqualTo(p.delta());
            long moved = 0;
            for (EditPreview.PaymentOperation op : p.moneyPlan().operations()) {
                PaymentReference ref = o.money().require(op.paymentId());
                if (op.kind().equals("refund")) assertThat(op.amount()).as("run %d refund", run).isLessThanOrEqualTo(o.money().ledger().refundable(ref));
                else assertThat(op.amount()).as("run %d void", run).isLessThanOrEqualTo(ref.capturable());
                assertThat(op.amount()).isPositive();
                moved += op.amount();
            }
            assertThat(moved).as("run %d moved", run).isLessThanOrEqualTo(Math.max(0, -p.delta()));
            for (EditPreview.ReturnPreview r : p.returns()) {
                OrderLine line = o.line(r.lineId());
                assertThat(r.quantity()).as("run %d returned", run).isLessThanOrEqualTo(o.units(line.id(), UnitMeasure.SHIPPED));
                assertThat(r.refundEstimate()).as("run %d return value", run).isBetween(0L, line.amountDue());
            }
            EditQuote q = new EditQuote("quo_" + run, TENANT, o.id(), o.version(), "agent_1", NOW, NOW.plusSeconds(900), null, changes, p, null);
            List<PaymentReference> extra = p.moneyPlan().paymentRequired()
                    ? List.of(new PaymentReference("pay_new", gbp(p.moneyPlan().additionalAuthorization()), "authorized")) : List.of();
            Order target = OrderMother.fresh(o);
            new OrderEdits(target).apply("edt_" + run, q, extra, null, AGENT, NOW);
            applied++;
            assertThat(target.totals()).as("run %d totals", run).isEqualTo(p.after());
            for (OrderLine l : target.lines()) {
                assertThat(l.quantity()).as("run %d line %s", run, l.id()).isGreaterThanOrEqualTo(target.units(l.id(), UnitMeasure.SHIPPED));
                assertThat(l.amountDue()).isNotNegative();
            }
        }
        assertThat(applied).as("quotes applied").isGreaterThan(RUNS / 3);
    }

    static Order randomOrder(Random rnd) {
        OrderMother m = anOrder();
        int lines = 1 + rnd.nextInt(4);
        long total;
        for (int i = 0; i < lines; i++) {
            long q = 1 + rnd.nextInt(6);
            long price = 1 + rnd.nextInt(5000);
            long discount = rnd.nextInt(3) == 0 ? rnd.nextLong(q * price / 2 + 1) : 0;
            Integer rate = rnd.nextBoolean() ? 2000 : null;
            Long taxAmount = rate == null && rnd.nextBoolean() ? (long) rnd.nextInt(500) : null;
            m.line(specWithTax("SKU-" + i, q, price, discount, rate, taxAmount));
        }
        long shipping = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1000);
        m.shipping(shipping);
        total = m.build().totals().total(); // a dry build for the total (line ids of the real build differ, totals do not)
        // one to three payments covering the total, some captured (in part)
        int parts = 1 + rnd.nextInt(3);
        long left = total;
        for (int i = 0; i < parts && left > 0; i++) {
            long amount = i == parts - 1 ? left : 1 + rnd.nextLong(left);
            m.payment("pay_" + i, amount, rnd.nextBoolean() ? "captured" : "authorized");
            left -= amount;
        }
        Order o = m.confirmed();
        Map<String, Long> shipped = new HashMap<>(), allocated = new HashMap<>();
        for (OrderLine l : o.lines()) {
            long a = rnd.nextInt(3) == 0 ? rnd.nextLong(l.quantity() + 1) : 0;
            long s = a == 0 ? 0 : rnd.nextLong(a + 1);
            if (a > 0) allocated.put(l.id(), a);
            if (s > 0) shipped.put(l.id(), s);
        }
        if (!allocated.isEmpty()) {
            o.state().children.add(new EditCalculatorTest.Units("ful_1", shipped, allocated));
            OrderFulfillment.refreshStatuses(o);
        }
        return OrderMother.fresh(o);
    }

    static List<EditChange> randomChanges(Random rnd, Order o) {
        List<EditChange> out = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        List<OrderLine> lines = o.lines();
        for (int i = 0; i < n; i++) {
            OrderLine l = lines.get(rnd.nextInt(lines.size()));
            switch (rnd.nextInt(7)) {
                case 0 -> out.add(new EditChange(EditChange.ADD_LINE, "line_new" + i, spec("SKU-N" + i, 1 + rnd.nextInt(3), 1 + rnd.nextInt(3000)),
                        null, null, null, null, null, null));
                case 1 -> out.add(new EditChange(EditChange.REMOVE_LINE, l.id(), null, null, null, null, null, null, null));
                case 2 -> out.add(new EditChange(EditChange.CHANGE_UNIT_PRICE, l.id(), null, null, gbp(rnd.nextInt(6000)), null, null, null, null));
                case 3 -> out.add(new EditChange(EditChange.CHANGE_DISCOUNT, l.id(), null, null, null, gbp(rnd.nextInt(800)), null, null, null));
                case 5 -> out.add(new EditChange(EditChange.RETURN_UNITS, l.id(), null, 1L + rnd.nextInt(3), null, null, null, null, null, "too_small"));
                case 4 -> out.add(new EditChange(EditChange.CHANGE_SHIPPING, null, null, null, null, null, "express", gbp(rnd.nextInt(1500)), null));
                default -> out.add(new EditChange(EditChange.CHANGE_QUANTITY, l.id(), null, 1L + rnd.nextInt(8), null, null, null, null, null));
            }
        }
        return out;
    }
}
