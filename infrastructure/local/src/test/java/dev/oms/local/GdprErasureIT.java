package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, GDPR erasure (docs/customer-api.md#gdpr-erasure): the gdpr-erasure workflow on the local Step Functions
 * pseudonymises a customer's delivered orders everywhere (header, children, events, timeline) and keeps what tax law
 * needs; legal holds and orders under way reject the request and erase nothing; only the customer asks and reads.
 */
class GdprErasureIT {
    static String tenant;
    static Client admin;
    static Client staff;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        admin = as(tenant, "admin-gdpr", "admin");
        staff = AdminKit.signIn(tenant, "root-gdpr", "admin");
    }

    /** A delivered order of the customer, with the customer's contact details, a message and a note. */
    static String deliveredOrder(String customerId) {
        ObjectNode body = paidOrder(admin, customerId, "captured");
        ((ObjectNode) body.get("shipping_address")).put("name", "Ada Lovelace").put("email", "ada@example.com").put("phone", "+447700900123")
                .put("region", "West Yorkshire");
        body.putObject("metadata").put("loyalty_card", "LC-" + customerId);
        String id = create(admin, body);
        assertThat(admin.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
        String line = admin.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        String f = admin.post("/v1/orders/" + id + "/fulfillments", Map.of("warehouse_id", "wh", "lines", List.of(Map.of("line_id", line, "quantity", 2))))
                .json().path("id").asText();
        JsonNode shipment = admin.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of()).json();
        admin.post("/local/sandbox/carrier/" + shipment.path("tracking_numbers").get(0).asText() + "/events", Map.of("status", "delivered"));
        eventually("delivered", () -> admin.get("/v1/orders/" + id).json().path("shipping_status").asText().equals("delivered"));
        Resp message = customer(tenant, customerId).post("/v1/customer/orders/" + id + "/messages", Map.of("text", "Ada here, call me on +447700900123"));
        assertThat(message.status()).as(message.toString()).isEqualTo(201);
        return id;
    }

    static JsonNode finished(Client c, String requestId) {
        eventually("the erasure ends", () -> List.of("completed", "rejected", "failed")
                .contains(c.get("/v1/customer/gdpr/erase-request/" + requestId).json().path("status").asText()));
        return c.get("/v1/customer/gdpr/erase-request/" + requestId).json();
    }

    @Test
    void aCustomersDeliveredOrdersArePseudonymisedEverywhereAndTaxDataStays() {
        String customerId = "c-gdpr-" + System.nanoTime();
        String a = deliveredOrder(customerId), b = deliveredOrder(customerId);
        long totalBefore = admin.get("/v1/orders/" + a).json().path("total").path("amount").asLong();
        Client me = customer(tenant, customerId);
        assertThat(me.get("/v1/customer/orders").json().path("data")).hasSize(2);

        Resp asked = me.header("Idempotency-Key", "gdpr-1-" + customerId).post("/v1/customer/gdpr/erase-request", Map.of("confirm", true));
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        String requestId = asked.json().path("request_id").asText();
        assertThat(asked.header("location")).isEqualTo("/v1/customer/gdpr/erase-request/" + requestId);
        assertThat(me.header("Idempotency-Key", "gdpr-1-" + customerId).post("/v1/customer/gdpr/erase-request", Map.of("confirm", true))
                .header("idempotent-replayed")).isEqualTo("true");

        JsonNode done = finished(me, requestId);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        JsonNode certificate = done.path("certificate");
        assertThat(certificate.path("orders_erased").asInt()).isEqualTo(2);
        assertThat(certificate.path("events_rewritten").asLong()).isPositive();
        assertThat(certificate.path("kept").toString()).contains("invoice");
        assertThat(done.toString()).doesNotContain(customerId);

        for (String orderId : List.of(a, b)) {
            JsonNode order = admin.get("/v1/orders/" + orderId).json();
            assertThat(order.path("customer_id").asText()).startsWith("anon_");
            assertThat(order.path("shipping_address").path("name").asText()).isEqualTo("[erased]");
            assertThat(order.path("shipping_address").path("country").asText()).isEqualTo("GB");
            assertThat(order.path("shipping_address").path("region").asText()).isEqualTo("West Yorkshire");
            assertThat(order.path("total").path("amount").asLong()).isEqualTo(totalBefore);
            assertThat(order.path("lines").get(0).path("sku").asText()).isEqualTo("SKU-1");
            String everything = order.toString() + admin.get("/v1/orders/" + orderId + "/timeline?limit=200").text()
                    + staff.get("/v1/admin/orders/" + orderId).text();
            for (String personal : List.of(customerId, "Ada Lovelace", "ada@example.com", "+447700900123", "call me", "LC-" + customerId, "Sam Tester")) {
                assertThat(everything).as(orderId + " still holds " + personal).doesNotContain(personal);
            }
            assertThat(admin.get("/v1/orders/" + orderId + "/timeline?limit=200").text()).contains("order.personal_data_erased");
        }
        // the customer's account no longer shows them; the request is theirs alone
        assertThat(me.get("/v1/customer/orders").json().path("data")).isEmpty();
        assertThat(customer(tenant, "c-gdpr-other").get("/v1/customer/gdpr/erase-request/" + requestId).status()).isEqualTo(404);
        assertThat(customer(newTenant(), customerId).get("/v1/customer/gdpr/erase-request/" + requestId).status()).isEqualTo(404);
        // asking again after the end makes a new request (nothing left to erase)
        Resp again = me.post("/v1/customer/gdpr/erase-request", Map.of("confirm", true));
        assertThat(again.status()).isEqualTo(202);
        assertThat(finished(me, again.json().path("request_id").asText()).path("certificate").path("orders_erased").asInt()).isZero();
    }

    @Test
    void aLegalHoldOrAnOrderUnderWayRejectsTheRequestAndNothingIsErased() {
        String customerId = "c-gdpr-held-" + System.nanoTime();
        String held = deliveredOrder(customerId);
        Resp hold = staff.post("/v1/admin/orders/" + held + "/legal-hold", Map.of("action", "set", "reason", "litigation 42"));
        assertThat(hold.status()).as(hold.toString()).isIn(200, 201);
        String open = create(admin, paidOrder(admin, customerId, "authorized"));
        Client me = customer(tenant, customerId);
        JsonNode done = finished(me, me.post("/v1/customer/gdpr/erase-request", Map.of("confirm", true)).json().path("request_id").asText());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("rejected");
        assertThat(done.path("blockers")).extracting(x -> x.path("order_id").asText() + ":" + x.path("code").asText())
                .contains(held + ":order.legal_hold", open + ":order.in_progress");
        assertThat(admin.get("/v1/orders/" + held).json().path("shipping_address").path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(me.get("/v1/customer/orders").json().path("data")).hasSize(2);
    }

    @Test
    void onlyTheCustomerAsksAndMustConfirm() {
        Client me = customer(tenant, "c-gdpr-confirm");
        assertThat(me.post("/v1/customer/gdpr/erase-request", Map.of()).status()).isEqualTo(400);
        assertThat(me.post("/v1/customer/gdpr/erase-request", Map.of("confirm", false)).status()).isEqualTo(400);
        assertThat(me.post("/v1/customer/gdpr/erase-request", Map.of("confirm", true, "orders", List.of())).status()).isEqualTo(400);
        assertThat(admin.post("/v1/customer/gdpr/erase-request", Map.of("confirm", true)).status()).isEqualTo(403);
        assertThat(me.get("/v1/customer/gdpr/erase-request/era_missing").json().path("code").asText()).isEqualTo("erasure_request.not_found");
    }
}
