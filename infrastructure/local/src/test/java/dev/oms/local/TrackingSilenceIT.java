package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.app.port.Deadlines;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.DynamoDeadlines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 section 13 (docs/fulfillment-shipping.md#silent-tracking): a shipment on its way is watched; 12 hours
 * without a tracking event records {@code shipment.tracking_stale} and raises the admin's {@code tracking_stale}
 * alert; a tracking event moves the watch, delivery ends it.
 */
class TrackingSilenceIT {
    static Optional<Deadlines.Deadline> watch(String tenant, String orderId, String shipmentId) {
        return new DynamoDeadlines(Platform.get().table).due(Instant.now().plus(Duration.ofDays(2)), 10_000).stream()
                .filter(d -> d.tenantId().equals(tenant) && d.orderId().equals(orderId) && d.kind().equals("tracking_silence:" + shipmentId))
                .findFirst();
    }

    @Test
    void twelveSilentHoursRaiseAnAlertATrackingEventMovesTheWatchAndDeliveryEndsIt() {
        String tenant = newTenant();
        Client admin = as(tenant, "admin-ts", "admin");
        String id = create(admin, paidOrder(admin, "c-ts", "captured"));
        admin.post("/v1/orders/" + id + "/confirm", null);
        String line = admin.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        String f = admin.post("/v1/orders/" + id + "/fulfillments", Map.of("warehouse_id", "wh", "lines", List.of(Map.of("line_id", line, "quantity", 2))))
                .json().path("id").asText();
        JsonNode shipment = admin.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of()).json();
        String shipmentId = shipment.path("id").asText();
        String tracking = shipment.path("tracking_numbers").get(0).asText();

        eventually("the shipment is watched", () -> watch(tenant, id, shipmentId).isPresent());
        Deadlines.Deadline first = watch(tenant, id, shipmentId).orElseThrow();
        assertThat(first.dueAt()).isBetween(Instant.now().plus(Duration.ofHours(11)), Instant.now().plus(Duration.ofHours(13)));

        // the carrier speaks: the watch moves to 12 hours after that event
        admin.post("/local/sandbox/carrier/" + tracking + "/events", Map.of("status", "in_transit"));
        eventually("the watch moved", () -> watch(tenant, id, shipmentId).map(d -> d.dueAt().isAfter(first.dueAt())).orElse(false));

        // 14 hours later, still silent: the order records it once and the admin sees the alert
        Deadlines.Deadline due = watch(tenant, id, shipmentId).orElseThrow();
        String outcome = Platform.get().cases().policyEngine.tracking().sweep(due, due.dueAt().plus(Duration.ofHours(1)));
        assertThat(outcome).isEqualTo("tracking_stale");
        assertThat(watch(tenant, id, shipmentId)).isEmpty();
        JsonNode timeline = admin.get("/v1/orders/" + id + "/timeline?limit=200").json();
        assertThat(timeline.toString()).contains("shipment.tracking_stale");
        JsonNode alerts = AdminKit.signIn(tenant, "root-ts", "admin").get("/v1/admin/alerts").json();
        assertThat(alerts.toString()).contains("tracking_stale");

        // a sweep after the carrier spoke again moves the watch instead of alerting
        admin.post("/local/sandbox/carrier/" + tracking + "/events", Map.of("status", "out_for_delivery"));
        eventually("watched again", () -> watch(tenant, id, shipmentId).isPresent());
        Deadlines.Deadline early = new Deadlines.Deadline(tenant, id, "tracking_silence:" + shipmentId, Instant.now(), null);
        assertThat(Platform.get().cases().policyEngine.tracking().sweep(early, Instant.now())).isEqualTo("heard_since");
        assertThat(watch(tenant, id, shipmentId)).isPresent();

        // delivered: the watch ends
        admin.post("/local/sandbox/carrier/" + tracking + "/events", Map.of("status", "delivered"));
        eventually("the watch ends", () -> watch(tenant, id, shipmentId).isEmpty());
    }

    @Test
    void aWebhookDeliveryThatFailedForGoodIsAnAlertOfItsSubscription() {
        String tenant = newTenant();
        Client admin = as(tenant, "admin-wf", "admin");
        Resp sub = admin.post("/v1/orders/webhooks", Map.of("url", "http://127.0.0.1:9/hooks", "events", List.of("order.created")));
        assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
        String webhookId = sub.json().path("id").asText();
        Client root = AdminKit.signIn(tenant, "root-wf", "admin");
        assertThat(root.get("/v1/admin/alerts").text()).doesNotContain("webhook_deliveries_failed");
        Instant now = Instant.now();
        new dev.oms.platform.dynamo.DynamoWebhookStore(Platform.get().table).createDelivery(new dev.oms.domain.webhook.WebhookDelivery(
                "whd_failed1", tenant, webhookId, "evt_x", "order.created", "ord_x", "{}", dev.oms.domain.webhook.WebhookDelivery.FAILED, 16, 500,
                "HTTP 500", null, now.minus(Duration.ofDays(2)), now.minus(Duration.ofMinutes(5)), null, 1));
        JsonNode alerts = root.get("/v1/admin/alerts").json();
        assertThat(alerts.toString()).contains("webhook_deliveries_failed").contains(webhookId);
    }
}
