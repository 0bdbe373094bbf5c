package dev.oms.platform.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Hold;
import dev.oms.domain.order.LineSpec;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDraft;
import dev.oms.domain.order.OrderLock;
import dev.oms.domain.order.OrderState;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.order.PaymentReference;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderItemMapperTest {
    private static final Instant T0 = Instant.parse("2025-08-29T10:00:00.123Z");
    private static final Instant T1 = Instant.parse("2025-08-29T10:05:00.456Z");
    private static final Instant T2 = Instant.parse("2025-08-29T11:00:00Z");

    private static final Address SHIP = new Address("Ada Lovelace", "Analytical Ltd", "1 Main St", "Flat 2", "London",
            "Greater London", "N1 1AA", "GB", "+44 20 7946 0000", "ada@example.com");
    private static final Address BILL = new Address("Charles Babbage", null, "2 High St", null, "Cambridge", null, null, "GB", null, null);

    private static Order sampleOrder() {
        LineSpec l1 = new LineSpec("client-1", "SKU-1", "var-1", "Widget", 2, Money.of(1000, "GBP"), Money.of(100, "GBP"),
                2000, null, Map.of("colour", "red", "size", "L"));
        LineSpec l2 = new LineSpec(null, "SKU-2", null, null, 1, Money.of(4995, "GBP"), null, null, Money.of(500, "GBP"), Map.of());
        OrderDraft draft = new OrderDraft("ext-1", "cus_1", "web", "api", "GBP", List.of(l1, l2), SHIP, BILL, "standard",
                Money.of(495, "GBP"), Money.of(300, "GBP"),
                List.of(new PaymentReference("pay_1", Money.of(7953, "GBP"), "authorized")), Map.of("b", "2", "a", "1"));
        Iterator<String> ids = List.of("line_1", "line_2", "line_3").iterator();
        return Order.create("acme", "ord_01", 42, draft, T0, ids::next);
    }

    /** An order with lines, addresses, a hold, payments, metadata, a lock and every timestamp set. */
    private static Order richOrder() {
        Order o = sampleOrder();
        o.hold(new Hold("hold_1", "manual_review", "Check the address", "agent-2", "called the customer", "agent-1", T1), T1);
        o.acquireLock(new OrderLock("lock_1", "agent-1", "edit", T1, T1.plusSeconds(300)), T1);
        OrderState s = o.state();
        s.version = 5;
        s.duplicatedFrom = "ord_00";
        s.confirmedAt = T1;
        s.closedAt = T2;
        s.payments = List.of(s.payments.get(0), new PaymentReference("pay_2", Money.of(500, "GBP"), "partially_refunded", 400, 150,
                Map.of("line_1", 300L, "shipping", 100L)));
        s.creditedTotal = 150;
        s.storeCreditTotal = 25;
        return o;
    }

    private static void assertSameOrder(Order actual, Order expected) {
        assertThat(actual.state()).usingRecursiveComparison().isEqualTo(expected.state());
        assertThat(actual.totals()).isEqualTo(expected.totals());
        assertThat(actual.lines()).isEqualTo(expected.lines());
        assertThat(actual.holds()).isEqualTo(expected.holds());
        assertThat(actual.state().payments).isEqualTo(expected.state().payments);
        assertThat(actual.state().metadata).isEqualTo(expected.state().metadata);
        assertThat(actual.state().lock).isEqualTo(expected.state().lock);
    }

    @Test
    void totalsOfTheSampleAreWhatPricingSays() {
        // 2 x 1000 - 100 line discount, 20% tax; 4995 with 500 explicit tax; 300 order discount split 83/217; 495 shipping
        Order o = sampleOrder();
        assertThat(o.totals().subTotal()).isEqualTo(6995);
        assertThat(o.totals().discountTotal()).isEqualTo(400);
        assertThat(o.totals().taxTotal()).isEqualTo(863);
        assertThat(o.totals().total()).isEqualTo(7953);
    }

    @Test
    void richOrderSurvivesTheRoundTrip() {
        Order o = richOrder();
        Order back = OrderItemMapper.fromItem(OrderItemMapper.toItem(o));
        assertSameOrder(back, o);
        assertThat(back.status()).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(back.state().statusBeforeHold).isEqualTo(OrderStatus.CREATED);
        assertThat(back.version()).isEqualTo(5);
        assertThat(back.state().createdAt).isEqualTo(T0);
        assertThat(back.state().number).isEqualTo(42);
        assertThat(back.line("line_1").metadata()).containsExactly(Map.entry("colour", "red"), Map.entry("size", "L"));
        assertThat(back.line("line_2").taxRateBps()).isNull();
        assertThat(back.line("line_2").taxAmount()).isEqualTo(Money.of(500, "GBP"));
        assertThat(back.line("line_2").variantId()).isNull();
        assertThat(back.state().billingAddress).isEqualTo(BILL);
        assertThat(back.balanceDue()).isEqualTo(o.balanceDue());
    }

    @Test
    void richOrderSurvivesTheRoundTripThroughDynamoAttributeValues() {
        Order o = richOrder();
        ObjectNode stored = AttributeValues.toObject(AttributeValues.fromObject(OrderItemMapper.toItem(o)));
        assertSameOrder(OrderItemMapper.fromItem(stored), o);
    }

    @Test
    void plainCreatedOrderSurvivesTheRoundTrip() {
        Order o = sampleOrder();
        Order back = OrderItemMapper.fromItem(AttributeValues.toObject(AttributeValues.fromObject(OrderItemMapper.toItem(o))));
        assertSameOrder(back, o);
        assertThat(back.state().lock).isNull();
        assertThat(back.state().statusBeforeHold).isNull();
        assertThat(back.holds()).isEmpty();
        assertThat(back.state().deletedAt).isNull();
        assertThat(back.isDeleted()).isFalse();
    }

    @Test
    void itemKeysAndIndexAttributes() {
        Order o = richOrder();
        JsonNode item = OrderItemMapper.toItem(o);
        assertThat(item.get("PK").asText()).isEqualTo("T#acme#ORDER#ord_01");
        assertThat(item.get("SK").asText()).isEqualTo("A#ORDER");
        assertThat(item.get("type").asText()).isEqualTo("order");
        assertThat(item.get("GSI1PK").asText()).isEqualTo("T#acme#ORDERS#S15"); // the shard of ord_01
        assertThat(item.get("GSI1SK").asText()).isEqualTo("2025-08-29T10:00:00.123Z#ord_01");
        assertThat(item.get("GSI2PK").asText()).isEqualTo("T#acme#ORDERS#STATUS#on_hold#S15");
        assertThat(item.get("GSI2SK").asText()).isEqualTo("2025-08-29T10:00:00.123Z#ord_01");
        assertThat(item.get("GSI3PK").asText()).isEqualTo("T#acme#ORDERS#CUSTOMER#cus_1");
        assertThat(item.get("GSI3SK").asText()).isEqualTo("2025-08-29T10:00:00.123Z#ord_01");
        assertThat(item.get("total").asLong()).isEqualTo(7953);
        assertThat(item.get("version").asLong()).isEqualTo(5);
        assertThat(item.get("status").asText()).isEqualTo("on_hold");
        assertThat(item.get("created_at").asText()).isEqualTo("2025-08-29T10:00:00.123Z");
        assertThat(item.get("closed_at").asText()).isEqualTo("2025-08-29T11:00:00.000Z");
        assertThat(item.get("lock").get("expires_at").asText()).isEqualTo("2025-08-29T10:10:00.456Z");
        assertThat(item.get("lines").size()).isEqualTo(2);
        assertThat(item.get("lines").get(0).get("unit_price").get("amount").asLong()).isEqualTo(1000);
        assertThat(item.get("lines").get(0).get("unit_price").get("currency").asText()).isEqualTo("GBP");
    }

    @Test
    void everyPartitionKeyStartsWithTheTenant() {
        JsonNode item = OrderItemMapper.toItem(richOrder());
        for (String key : List.of("PK", "GSI1PK", "GSI2PK", "GSI3PK")) {
            assertThat(item.get(key).asText()).as(key).startsWith("T#acme#");
        }
    }

    @Test
    void softDeletedOrderIsHiddenFromEveryList() {
        Order o = sampleOrder();
        o.softDelete("duplicate order", T2);
        ObjectNode item = OrderItemMapper.toItem(o);
        for (String key : List.of("GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK")) {
            assertThat(item.has(key)).as(key).isFalse();
        }
        assertThat(item.get("PK").asText()).isEqualTo("T#acme#ORDER#ord_01");
        assertThat(item.get("deleted_at").asText()).isEqualTo("2025-08-29T11:00:00.000Z");
        Order back = OrderItemMapper.fromItem(AttributeValues.toObject(AttributeValues.fromObject(item)));
        assertThat(back.isDeleted()).isTrue();
        assertThat(back.state().deletedAt).isEqualTo(T2);
        assertSameOrder(back, o);
    }

    @Test
    void nullFieldsAreLeftOutOfTheStoredItem() {
        Order o = sampleOrder();
        var attributes = AttributeValues.fromObject(OrderItemMapper.toItem(o));
        assertThat(attributes).doesNotContainKeys("lock", "deleted_at", "closed_at", "confirmed_at", "status_before_hold", "duplicated_from");
        assertThat(attributes.get("billing_address").m()).doesNotContainKeys("company", "line2", "region", "postal_code", "phone", "email");
    }

    @Test
    void keyBuilders() {
        assertThat(Keys.order("acme", "o1")).isEqualTo("T#acme#ORDER#o1");
        assertThat(Keys.ordersByCreated("acme", "o1")).isEqualTo("T#acme#ORDERS#S02");
        assertThat(Keys.ordersByCreated("acme")).hasSize(Keys.TENANT_SHARDS).contains("T#acme#ORDERS#S00", "T#acme#ORDERS#S15");
        assertThat(Keys.ordersByStatus("acme", "created", "o1")).isEqualTo("T#acme#ORDERS#STATUS#created#S02");
        assertThat(Keys.audit("acme", "o1")).isEqualTo("T#acme#AUDIT#S02");
        assertThat(Keys.orderMetrics("acme", "*", "o1")).isEqualTo("T#acme#METRICS#CH#*#S02");
        assertThat(Keys.orderMetrics("acme", "*")).hasSize(Keys.TENANT_SHARDS + 1).contains("T#acme#METRICS#CH#*");
        assertThat(Keys.ordersByCustomer("acme", "c1")).isEqualTo("T#acme#ORDERS#CUSTOMER#c1");
        assertThat(Keys.createdSk("2025-01-01T00:00:00.000Z", "o1")).isEqualTo("2025-01-01T00:00:00.000Z#o1");
        assertThat(Keys.idempotency("acme", "h")).isEqualTo("T#acme#IDEM#h");
        assertThat(Keys.eventSk("e1")).isEqualTo("E#e1");
    }
}
