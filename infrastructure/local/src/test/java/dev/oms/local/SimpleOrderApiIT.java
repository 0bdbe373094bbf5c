package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 002, the simple order API under {@code /api/orders}: the seed's order shape with decimal amounts, the status
 * line {@code pending → confirmed → shipped → delivered} one step at a time (409 "already processed" otherwise) through
 * the canonical use cases, cancellation through the saga with the seed's message, a user's orders, tenant and
 * customer isolation, roles.
 */
class SimpleOrderApiIT {
    static String tenant, other;
    static Client admin, otherAdmin;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        other = newTenant();
        admin = as(tenant, "simple-admin", "admin");
        otherAdmin = as(other, "simple-admin-2", "admin");
        assertThat(admin.patch("/v1/orders/settings", Map.of("default_warehouse", "wh-simple")).status()).isEqualTo(200);
    }

    static String order(Client c, String user) {
        ObjectNode body = TestSystem.order(user);
        ((ObjectNode) body.path("shipping_address")).put("email", user + "@example.com").put("region", "NY");
        body.putArray("items").add(item("p001", 2, 1000, "GBP")).add(item("p002", 1, 6499, "GBP"));
        body.putArray("payments").addObject().put("payment_id", payment(c, 8499, "GBP", "authorized")).set("amount", money(8499, "GBP"));
        return create(c, body);
    }

    static Resp status(String id, String status) { return admin.send("PUT", "/api/orders/" + id + "/status", Map.of("status", status)); }

    @Test
    void theSeedsShapeWithDecimalAmounts() {
        String id = order(admin, "user789");
        Resp r = admin.get("/api/orders/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode o = r.json();
        assertThat(o.path("order_id").asText()).isEqualTo(id);
        assertThat(o.path("user_id").asText()).isEqualTo("user789");
        assertThat(o.path("status").asText()).isEqualTo("pending");
        assertThat(o.path("shipping_status").asText()).isEqualTo("pending");
        assertThat(o.path("total").decimalValue()).isEqualByComparingTo("84.99");
        assertThat(r.text()).contains("\"price\":10.00").contains("\"price\":64.99");
        assertThat(o.path("items").get(0).path("product_id").asText()).isEqualTo("p001");
        assertThat(o.path("shipping_address").path("zip").asText()).isEqualTo("LS1 1AA");
        assertThat(o.path("shipping_address").path("state").asText()).isEqualTo("NY");
    }

    @Test
    void statusesGoOneStepAtATimeThroughTheCanonicalUseCases() {
        String id = order(admin, "user-steps");
        Resp skip = status(id, "shipped");
        assertThat(skip.status()).isEqualTo(409);
        assertThat(skip.code()).isEqualTo("order.already_processed");
        assertThat(skip.json().path("current_status").asText()).isEqualTo("pending");

        Resp confirmed = status(id, "confirmed");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asText()).isEqualTo("confirmed");
        assertThat(confirmed.json().path("shipping_status").asText()).isEqualTo("processing");
        assertThat(admin.get("/v1/orders/" + id).json().path("status").asText()).isEqualTo("confirmed");
        assertThat(status(id, "confirmed").code()).isEqualTo("order.already_processed");

        Resp shipped = status(id, "shipped");
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(200);
        assertThat(shipped.json().path("status").asText()).isEqualTo("shipped");
        assertThat(admin.get("/v1/orders/" + id).json().path("fulfillment_status").asText()).isEqualTo("fulfilled");

        Resp delivered = status(id, "delivered");
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(delivered.json().path("status").asText()).isEqualTo("delivered");
        assertThat(delivered.json().path("shipping_status").asText()).isEqualTo("delivered");

        List<String> types = new ArrayList<>();
        admin.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).contains("order.confirmed", "order.shipped");
        assertThat(status(id, "pending").status()).isEqualTo(409);
        assertThat(admin.send("PUT", "/api/orders/" + id + "/status", Map.of("status", "lost")).status()).isEqualTo(400);
        assertThat(admin.delete("/api/orders/" + id).status()).isEqualTo(409);
    }

    @Test
    void deleteCancelsThroughTheSagaWithTheSeedsMessage() {
        String id = order(admin, "user-cancel");
        Resp r = admin.header("Idempotency-Key", "cancel-" + id).delete("/api/orders/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().path("message").asText()).isEqualTo("Order " + id + " cancelled successfully.");
        assertThat(r.header("location")).contains("/cancellations/");
        Resp replay = admin.header("Idempotency-Key", "cancel-" + id).delete("/api/orders/" + id);
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        eventually("the saga cancelled it", () -> admin.get("/api/orders/" + id).json().path("status").asText().equals("cancelled")
                && admin.get("/v1/orders/" + id).json().path("status").asText().equals("cancelled"));
        assertThat(status(id, "confirmed").code()).isEqualTo("order.already_processed");
    }

    @Test
    void aUsersOrdersTenantsAndCustomersApart() {
        String a = order(admin, "user-list"), b = order(admin, "user-list");
        order(admin, "someone-else");
        String theirs = order(otherAdmin, "user-list");
        status(b, "confirmed");
        JsonNode mine = admin.get("/api/orders?user_id=user-list").json();
        List<String> ids = new ArrayList<>();
        mine.path("data").forEach(o -> ids.add(o.path("order_id").asText()));
        assertThat(ids).containsExactly(b, a);
        JsonNode confirmed = admin.get("/api/orders?user_id=user-list&status=confirmed").json();
        assertThat(confirmed.path("data").size()).isEqualTo(1);
        assertThat(confirmed.path("data").get(0).path("order_id").asText()).isEqualTo(b);
        assertThat(admin.get("/api/orders?status=lost").status()).isEqualTo(400);

        Client user = customer(tenant, "user-list");
        assertThat(user.get("/api/orders/" + a).status()).isEqualTo(200);
        assertThat(user.get("/api/orders").json().path("data").size()).isEqualTo(2);
        assertThat(user.get("/api/orders?user_id=someone-else").status()).isEqualTo(403);
        String elses = admin.get("/api/orders?user_id=someone-else").json().path("data").get(0).path("order_id").asText();
        assertThat(user.get("/api/orders/" + elses).status()).isEqualTo(404);
        assertThat(user.send("PUT", "/api/orders/" + a + "/status", Map.of("status", "confirmed")).status()).isEqualTo(403);
        assertThat(admin.get("/api/orders/" + theirs).status()).isEqualTo(404);
        assertThat(admin.send("PUT", "/api/orders/" + theirs + "/status", Map.of("status", "confirmed")).status()).isEqualTo(404);
        assertThat(admin.delete("/api/orders/" + theirs).status()).isEqualTo(404);
        assertThat(anonymous().get("/api/orders/" + a).status()).isEqualTo(401);
    }
}
