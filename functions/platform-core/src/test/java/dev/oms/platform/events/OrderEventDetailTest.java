package dev.oms.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderEventDetailTest {
    @Test
    void readsTheEnvelopeAnEventBridgeRuleDelivers() {
        OrderEventDetail e = OrderEventDetail.of(Map.of("detail-type", "refund.issued", "detail", Map.of("id", "evt_1",
                "tenant_id", "t1", "order_id", "ord_1", "correlation_id", "req-9", "data", Map.of("refund_id", "rf_1"))));
        assertEquals("refund.issued", e.type());
        assertEquals("evt_1", e.id());
        assertEquals("t1", e.tenantId());
        assertEquals("ord_1", e.orderId());
        assertEquals("req-9", e.correlationId());
        assertEquals("rf_1", e.dataText("refund_id"));
    }

    @Test
    void anInputWithoutDetailIsNoOrderEventAndMissingPartsStayEmpty() {
        assertNull(OrderEventDetail.of(Map.of("detail-type", "x")));
        OrderEventDetail bare = OrderEventDetail.of(Map.of("detail-type", "order.confirmed", "detail", Map.of("tenant_id", "t1")));
        assertNull(bare.correlationId());
        assertEquals(Map.of(), bare.data());
    }
}
