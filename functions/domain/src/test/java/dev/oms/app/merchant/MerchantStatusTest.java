package dev.oms.app.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.app.merchant.MerchantStatus.Action;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderMother;
import dev.oms.domain.order.OrderStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merchant statuses over the canonical order, and the plans of each change (docs/merchant-api.md's tables). */
class MerchantStatusTest {

    static Order order(OrderStatus status, String shipping, String payment) {
        Order o = OrderMother.anOrder().line("SKU-1", 2, 1000).build();
        o.state().status = status;
        o.state().shippingStatus = shipping;
        o.state().paymentStatus = payment;
        return o;
    }

    @Test
    void derivedFromTheCanonicalOrder() {
        assertThat(MerchantStatus.of(order(OrderStatus.CREATED, "not_shipped", "unpaid"))).isEqualTo(MerchantStatus.PENDING);
        assertThat(MerchantStatus.of(order(OrderStatus.PENDING, "not_shipped", "pending"))).isEqualTo(MerchantStatus.PENDING);
        assertThat(MerchantStatus.of(order(OrderStatus.CONFIRMED, "not_shipped", "authorized"))).isEqualTo(MerchantStatus.CONFIRMED);
        assertThat(MerchantStatus.of(order(OrderStatus.ON_HOLD, "not_shipped", "authorized"))).isEqualTo(MerchantStatus.CONFIRMED);
        Order marked = order(OrderStatus.CONFIRMED, "not_shipped", "authorized");
        marked.state().metadata = Map.of(MerchantStatus.PROCESSING_MARK, "processing");
        assertThat(MerchantStatus.of(marked)).isEqualTo(MerchantStatus.PROCESSING);
        assertThat(MerchantStatus.of(order(OrderStatus.CONFIRMED, "in_transit", "paid"))).isEqualTo(MerchantStatus.SHIPPED);
        assertThat(MerchantStatus.of(order(OrderStatus.CONFIRMED, "delivered", "paid"))).isEqualTo(MerchantStatus.DELIVERED);
        assertThat(MerchantStatus.of(order(OrderStatus.COMPLETED, "delivered", "paid"))).isEqualTo(MerchantStatus.DELIVERED);
        assertThat(MerchantStatus.of(order(OrderStatus.CANCELLING, "not_shipped", "paid"))).isEqualTo(MerchantStatus.CANCELLED);
        assertThat(MerchantStatus.of(order(OrderStatus.CANCELLED, "not_shipped", "refunded"))).isEqualTo(MerchantStatus.REFUNDED);
    }

    @Test
    void changesArePlannedOntoCanonicalStepsOrRefusedWithReasons() {
        Order pending = order(OrderStatus.CREATED, "not_shipped", "unpaid");
        assertThat(MerchantStatus.plan(pending, MerchantStatus.PENDING, 0).action()).isEqualTo(Action.NONE);
        assertThat(MerchantStatus.plan(pending, MerchantStatus.CONFIRMED, 0).action()).isEqualTo(Action.CONFIRM);
        assertThat(MerchantStatus.plan(pending, MerchantStatus.PROCESSING, 0).action()).isEqualTo(Action.CONFIRM_AND_MARK_PROCESSING);
        assertThat(MerchantStatus.plan(pending, MerchantStatus.CANCELLED, 0).action()).isEqualTo(Action.CANCEL);
        assertThat(MerchantStatus.plan(pending, MerchantStatus.DELIVERED, 0).blockedReasons()).singleElement().asString().startsWith("delivery.before_shipment");
        assertThat(MerchantStatus.plan(pending, MerchantStatus.SHIPPED, 0).blockedReasons()).singleElement().asString().startsWith("shipment.required");
        assertThat(MerchantStatus.plan(pending, MerchantStatus.REFUNDED, 0).blockedReasons()).singleElement().asString().startsWith("payment.nothing_captured");
        assertThat(MerchantStatus.plan(pending, MerchantStatus.REFUNDED, 500).action()).isEqualTo(Action.REFUND);

        Order confirmed = order(OrderStatus.CONFIRMED, "not_shipped", "authorized");
        assertThat(MerchantStatus.plan(confirmed, MerchantStatus.PROCESSING, 0).action()).isEqualTo(Action.MARK_PROCESSING);
        assertThat(MerchantStatus.plan(confirmed, MerchantStatus.PENDING, 0).blockedReasons()).singleElement().asString().startsWith("status.backwards");

        Order shipped = order(OrderStatus.CONFIRMED, "shipped", "paid");
        assertThat(MerchantStatus.plan(shipped, MerchantStatus.DELIVERED, 0).action()).isEqualTo(Action.CONFIRM_DELIVERY);
        MerchantStatus.Plan cancel = MerchantStatus.plan(shipped, MerchantStatus.CANCELLED, 4990);
        assertThat(cancel.blocked()).isTrue();
        assertThat(cancel.action()).isEqualTo(Action.NONE);
        assertThat(cancel.blockedReasons()).singleElement().asString().startsWith("goods.shipped");

        Order delivered = order(OrderStatus.CONFIRMED, "delivered", "paid");
        assertThat(MerchantStatus.plan(delivered, MerchantStatus.PROCESSING, 0).blockedReasons()).singleElement().asString().startsWith("status.final");
        assertThat(MerchantStatus.plan(delivered, MerchantStatus.REFUNDED, 4990).action()).isEqualTo(Action.REFUND);
        Order cancelled = order(OrderStatus.CANCELLED, "not_shipped", "unpaid");
        assertThat(MerchantStatus.plan(cancelled, MerchantStatus.CONFIRMED, 0).blockedReasons()).singleElement().asString().startsWith("status.final");
    }

    @Test
    void tagsAreSortedDistinctAndRemovable() {
        Map<String, String> patch = MerchantTags.patch(Map.of("tags", "b,c"), java.util.List.of("a", "b"), true);
        assertThat(patch).containsEntry("tags", "a,b,c");
        assertThat(MerchantTags.patch(Map.of("tags", "a"), java.util.List.of("a"), false)).containsEntry("tags", null);
    }
}
