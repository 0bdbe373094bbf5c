package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 003 {@code slas}: ship-by breaches per warehouse and fulfilment (docs/fulfillment-operations.md). */
class FulfillmentSlasIT {
    @Test
    void openFulfilmentsPastTheirShipByTimeAreBreachesWithHowLate() {
        String t = newTenant();
        Client admin = as(t, "sla-admin", "admin");
        Client manager = as(t, "sla-fm", "fulfillment_manager");
        Resp w = manager.post("/v1/fulfillment/warehouses", Map.of("name", "SLA house", "timezone", "Europe/London",
                "address", Map.of("name", "SLA house", "line1", "1 Dock Road", "city", "Leeds", "country", "GB")));
        assertThat(w.status()).as(w.toString()).isEqualTo(201);
        String wh = w.json().path("id").asText();
        Instant past = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        Instant future = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String late = fulfilment(admin, manager, wh, "sla-c1", past);
        fulfilment(admin, manager, wh, "sla-c2", future);
        fulfilment(admin, manager, wh, "sla-c3", null); // due 48 h after creation: not late

        Resp r = manager.get("/v1/fulfillment/slas");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode house = r.json().path("warehouses").get(0);
        assertThat(house.path("warehouse_id").asText()).isEqualTo(wh);
        assertThat(house.path("open_count").asInt()).isEqualTo(3);
        assertThat(house.path("breach_count").asInt()).isEqualTo(1);
        JsonNode breach = r.json().path("breaches").get(0);
        assertThat(r.json().path("breaches")).hasSize(1);
        assertThat(breach.path("fulfillment_id").asText()).isEqualTo(late);
        assertThat(breach.path("due_from").asText()).isEqualTo("requested_ship_date");
        assertThat(Instant.parse(breach.path("due_at").asText())).isEqualTo(past);
        assertThat(breach.path("late_seconds").asLong()).isBetween(3L * 3600 - 60, 3L * 3600 + 600);
        assertThat(house.path("max_late_seconds").asLong()).isEqualTo(breach.path("late_seconds").asLong());

        // a target of one hour: the fulfilment created now without a date is not late yet either
        assertThat(manager.get("/v1/fulfillment/slas?ship_within_hours=1&warehouse_id=" + wh).json().path("breaches")).hasSize(1);
        assertThat(manager.get("/v1/fulfillment/slas?ship_within_hours=5").code()).isEqualTo("request.invalid");
        assertThat(manager.get("/v1/fulfillment/slas?warehouse_id=wh_missing").code()).isEqualTo("warehouse.not_found");
        assertThat(manager.get("/v1/fulfillment/slas?order_id=x").code()).isEqualTo("request.invalid");
        assertThat(customer(t, "sla-c1").get("/v1/fulfillment/slas").status()).isEqualTo(403);
        assertThat(as(newTenant(), "sla-other", "fulfillment_manager").get("/v1/fulfillment/slas").json().path("breaches")).isEmpty();
    }

    static String fulfilment(Client admin, Client manager, String wh, String customer, Instant shipDate) {
        String orderId = create(admin, paidOrder(admin, customer, "authorized"));
        assertThat(admin.post("/v1/orders/" + orderId + "/confirm", null).status()).isEqualTo(200);
        String line = admin.get("/v1/orders/" + orderId).json().path("lines").get(0).path("id").asText();
        Map<String, Object> req = new java.util.HashMap<>(Map.of("order_id", orderId, "warehouse_id", wh,
                "lines", List.of(Map.of("order_line_id", line, "quantity", 1))));
        if (shipDate != null) req.put("requested_ship_date", shipDate.toString());
        Resp f = manager.post("/v1/fulfillment/fulfillments", req);
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        return f.json().path("id").asText();
    }
}
