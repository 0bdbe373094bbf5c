package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13: an admin hold with a duration is released by the scheduled sweeper when its time is up (docs/admin-api.md). */
class AdminHoldDurationIT {

    @Test
    void aHoldWithADurationIsReleasedByTheSweeperAndAFraudHoldTakesNone() {
        String t = newTenant();
        Client sup = as(t, "sup-hd", "supervisor");
        String orderId = create(sup, order("c-hd"));
        Resp held = sup.post("/v1/admin/orders/" + orderId + "/hold", Map.of("reason", "address check", "type", "address", "expires_in_seconds", 120));
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        JsonNode order = sup.get("/v1/orders/" + orderId).json();
        assertThat(order.path("status").asText()).isEqualTo("on_hold");
        JsonNode hold = order.path("holds").get(0);
        Instant expires = Instant.parse(hold.path("expires_at").asText());
        assertThat(expires).isBetween(Instant.now().plusSeconds(100), Instant.now().plusSeconds(121));

        // not yet: the sweep before the expiry leaves it
        Platform.get().cases().policyEngine.sweep(Instant.now(), 100);
        assertThat(sup.get("/v1/orders/" + orderId).json().path("status").asText()).isEqualTo("on_hold");
        var swept = Platform.get().cases().policyEngine.sweep(expires.plus(Duration.ofSeconds(1)), 100);
        assertThat(swept.stream().filter(s -> s.orderId().equals(orderId)).map(s -> s.outcome()).toList()).containsExactly("hold_expired");
        JsonNode after = sup.get("/v1/orders/" + orderId).json();
        assertThat(after.path("status").asText()).isEqualTo("created");
        assertThat(after.path("holds")).isEmpty();
        List<String> types = new ArrayList<>();
        sup.get("/v1/orders/" + orderId + "/timeline").json().path("data").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).contains("order.held", "order.hold_released");
        // swept once: nothing more to do
        assertThat(Platform.get().cases().policyEngine.sweep(expires.plus(Duration.ofSeconds(5)), 100).stream()
                .anyMatch(s -> s.orderId().equals(orderId))).isFalse();

        // a hold released by hand before its time: the sweep leaves the order alone
        String second = create(sup, order("c-hd2"));
        Resp h2 = sup.post("/v1/admin/orders/" + second + "/hold", Map.of("reason", "call the customer", "expires_in_seconds", 60));
        assertThat(h2.status()).isEqualTo(201);
        assertThat(sup.post("/v1/admin/orders/" + second + "/release", Map.of()).status()).isIn(200, 201);
        var later = Platform.get().cases().policyEngine.sweep(Instant.now().plusSeconds(61), 100);
        assertThat(later.stream().filter(s -> s.orderId().equals(second)).map(s -> s.outcome()).toList()).containsExactly("already_released");

        Resp fraud = sup.post("/v1/admin/orders/" + orderId + "/hold", Map.of("reason", "card testing", "type", "fraud", "expires_in_seconds", 600));
        assertThat(fraud.status()).isEqualTo(400);
        assertThat(fraud.json().toString()).contains("hold.duration_not_allowed");
        assertThat(sup.post("/v1/admin/orders/" + orderId + "/hold", Map.of("reason", "too short", "expires_in_seconds", 5)).status()).isEqualTo(400);
    }
}
