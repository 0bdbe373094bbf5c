package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13, "Operations": replaying an order's events to one webhook subscription (docs/admin-operations.md). */
class AdminEventReplayIT {

    @Test
    void anOrdersEventsAreSentAgainToOneSubscriptionMarkedAsAReplay() throws Exception {
        try (WebhooksIT.Receiver receiver = new WebhooksIT.Receiver()) {
            String t = newTenant();
            Client admin = as(t, "replay-admin", "admin");
            Resp sub = admin.post("/v1/orders/webhooks", Map.of("url", receiver.url(), "events", List.of("order.created", "order.confirmed")));
            assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
            receiver.secrets.add(sub.json().path("secret").asText());
            String webhookId = sub.json().path("id").asText();
            String id = create(admin, paidOrder(admin, "cust-replay", "authorized"));
            assertThat(admin.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
            eventually("the originals delivered", () -> receiver.received.stream().filter(r -> r.body().contains(id)).count() == 2);

            String path = "/v1/admin/orders/" + id + "/replay-events";
            Resp dry = admin.post(path, Map.of("webhook_id", webhookId, "dry_run", true, "reason", "check what would be sent"));
            assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
            assertThat(dry.json().path("events").findValuesAsText("type")).containsExactly("order.created", "order.confirmed");
            assertThat(dry.json().path("events").get(0).path("delivery_id").isNull()).isTrue();

            Resp replayed = admin.header("X-Correlation-ID", "corr-replay").post(path,
                    Map.of("webhook_id", webhookId, "event_types", List.of("order.confirmed"), "reason", "partner lost the update"));
            assertThat(replayed.status()).as(replayed.toString()).isEqualTo(202);
            String replayId = replayed.json().path("replay_id").asText();
            JsonNode event = replayed.json().path("events").get(0);
            assertThat(replayed.json().path("events")).hasSize(1);
            assertThat(event.path("delivery_id").asText()).endsWith("_" + replayId.substring(4));
            eventually("the replay delivered", () -> receiver.received.stream().anyMatch(r -> r.body().contains(replayId)));
            WebhooksIT.Receiver.Received got = receiver.received.stream().filter(r -> r.body().contains(replayId)).findFirst().orElseThrow();
            JsonNode body = Json.parse(got.body());
            assertThat(body.path("type").asText()).isEqualTo("order.confirmed");
            assertThat(body.path("id").asText()).isEqualTo(event.path("event_id").asText());
            assertThat(body.path("metadata").path("oms_replay_id").asText()).isEqualTo(replayId);
            assertThat(got.id()).isEqualTo(event.path("delivery_id").asText());
            assertThat(receiver.signedByOneOfOurs(got)).isTrue();

            JsonNode audit = null;
            for (JsonNode e : admin.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data")) {
                if (e.path("type").asText().equals("order.events_replayed")) audit = e;
            }
            assertThat(audit).isNotNull();
            assertThat(audit.path("reason").asText()).isEqualTo("partner lost the update");
            assertThat(audit.path("correlation_id").asText()).isEqualTo("corr-replay");
            assertThat(audit.path("data").path("replay_id").asText()).isEqualTo(replayId);

            Resp again = admin.post(path, Map.of("webhook_id", webhookId, "reason", "once more"));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.code()).isEqualTo("replay.too_soon");
            assertThat(again.json().path("retry_after_seconds").asLong()).isBetween(1L, 60L);
        }
    }

    @Test
    void badInputRolesAndOtherTenantsAreRefused() {
        String t = newTenant();
        Client admin = as(t, "replay-admin2", "admin");
        Resp sub = admin.post("/v1/orders/webhooks", Map.of("url", "http://127.0.0.1:9/hooks", "events", List.of("order.shipped")));
        String webhookId = sub.json().path("id").asText();
        String id = create(admin, order("cust-replay2"));
        String path = "/v1/admin/orders/" + id + "/replay-events";
        assertThat(admin.post(path, Map.of("webhook_id", webhookId)).code()).isEqualTo("validation.reason_required");
        assertThat(admin.post(path, Map.of("reason", "no subscription named")).code()).isEqualTo("request.invalid");
        assertThat(admin.post(path, Map.of("webhook_id", webhookId, "reason", "r e", "target", "bus")).code()).isEqualTo("request.invalid");
        assertThat(admin.post(path, Map.of("webhook_id", "wh_missing", "reason", "unknown hook")).code()).isEqualTo("webhook.not_found");
        Resp nothing = admin.post(path, Map.of("webhook_id", webhookId, "reason", "the hook wants only shipments"));
        assertThat(nothing.status()).isEqualTo(422);
        assertThat(nothing.code()).isEqualTo("replay.no_events");
        assertThat(as(t, "sup-replay", "supervisor").post(path, Map.of("webhook_id", webhookId, "reason", "not mine to do")).code())
                .isEqualTo("auth.forbidden");
        assertThat(as(newTenant(), "other-admin", "admin").post(path, Map.of("webhook_id", webhookId, "reason", "other tenant")).code())
                .isEqualTo("order.not_found");
        assertThat(admin.post("/v1/admin/orders/ord_missing/replay-events", Map.of("webhook_id", webhookId, "reason", "missing order")).code())
                .isEqualTo("order.not_found");
    }
}
