package dev.oms.domain.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.domain.order.OrderEventTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class FulfilmentWebhookEventsTest {
    @Test
    void aSubscriptionIsTheFulfilmentSurfacesWhenEveryTypeIsAFulfilmentOne() {
        assertThat(FulfilmentWebhookEvents.covers(List.of("shipment.delivered", "return.received", "device.registered"))).isTrue();
        assertThat(FulfilmentWebhookEvents.covers(List.of("shipment.delivered", "order.created"))).isFalse();
        assertThat(FulfilmentWebhookEvents.covers(List.of("*"))).isFalse();
        assertThat(FulfilmentWebhookEvents.covers(List.of())).isFalse();
    }

    @Test
    void everyFulfilmentTypeIsAnEventTypeWithASchema() {
        assertThat(OrderEventTypes.ALL).containsAll(FulfilmentWebhookEvents.ALL);
        assertThat(FulfilmentWebhookEvents.ALL).doesNotContain("order.created", "payment.captured");
    }
}
