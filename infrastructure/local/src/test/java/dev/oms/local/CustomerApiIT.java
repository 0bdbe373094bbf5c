package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The customer API (seed 001 section 1, part 1) end to end: reading one's orders with their available actions and
 * blocked reasons, shipments, tracking, label, invoice and documents as presigned links, metrics; the cancel request
 * (at once through the saga, or for an agent when the policy says so), returns with a preview, replacements, address
 * changes; replays, bad input, and staff refused.
 */
class CustomerApiIT {

    @Test
    void aCustomerReadsItsOrderWithTheActionsItMayTake() {
        String t = newTenant();
        Client agent = as(t, "agent-1", "agent");
        String id = create(agent, order("cust-a"));
        Client me = customer(t, "cust-a");
        Resp list = me.get("/v1/customer/orders?limit=10");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data").findValuesAsText("id")).containsExactly(id);
        assertThat(list.json().path("data").get(0).path("primary_shipment_status").asText()).isEqualTo("not_shipped");
        Resp one = me.get("/v1/customer/orders/" + id + "?expand=lines,shipments,invoices,events");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.header("etag")).isEqualTo("\"1\"");
        assertThat(one.json().path("available_actions").toString()).contains("cancel", "update_address", "reorder").doesNotContain("\"return\"");
        assertThat(codes(one.json(), "return")).containsExactly("return.not_eligible.not_shipped");
        assertThat(one.json().path("lines").get(0).path("unit_price").path("amount").asLong()).isEqualTo(2495);
        assertThat(one.json().path("events").findValuesAsText("type")).contains("order.created");
        assertThat(me.get("/v1/customer/orders?status=cancelled").json().path("data").size()).isZero();
        assertThat(me.get("/v1/customer/orders?expand=lines").code()).isEqualTo("request.invalid");
        assertThat(me.get("/v1/customer/orders/" + id + "?expand=holds").status()).isEqualTo(400);
        assertThat(me.get("/v1/customer/orders/ord_missing").code()).isEqualTo("order.not_found");
    }

    static List<String> codes(JsonNode order, String action) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode b : order.path("blocked_reasons")) if (b.path("action").asText().equals(action)) out.add(b.path("code").asText());
        return out;
    }

    @Test
    void aShippedOrderShowsItsParcelLabelInvoiceDocumentsAndReturn() {
        String t = newTenant();
        CustomerKit.Rich o = CustomerKit.richOrder(t, "cust-s");
        Client me = customer(t, "cust-s");
        JsonNode order = me.get("/v1/customer/orders/" + o.orderId()).json();
        assertThat(codes(order, "cancel")).containsExactly("order.blocked.already_shipped");
        assertThat(codes(order, "update_address")).containsExactly("order.blocked.already_shipped");
        assertThat(order.path("available_actions").toString()).contains("\"return\"", "replace");
        Resp track = me.get("/v1/customer/shipments/" + o.trackingNumber() + "/track");
        assertThat(track.status()).isEqualTo(200);
        assertThat(track.json().path("id").asText()).isEqualTo(o.shipmentId());
        assertThat(me.get("/v1/customer/shipments/NOPE123/track").code()).isEqualTo("shipment.not_found");
        assertThat(me.get("/v1/customer/shipments/bad%20number/track").status()).isEqualTo(400);
        eventually("the label", () -> me.get("/v1/customer/orders/" + o.orderId() + "/label/" + o.shipmentId()).status() == 200);
        Resp label = me.get("/v1/customer/orders/" + o.orderId() + "/label/" + o.shipmentId());
        assertThat(label.json().path("download_url").asText()).contains("X-Amz-Signature");
        assertThat(me.get("/v1/customer/orders/" + o.orderId() + "/label/shp_missing").code()).isEqualTo("shipment.not_found");
        Resp invoice = me.get("/v1/customer/orders/" + o.orderId() + "/invoice");
        assertThat(invoice.status()).isEqualTo(200);
        assertThat(invoice.json().path("total").path("amount").asLong()).isEqualTo(4990);
        eventually("the invoice pdf", () -> !me.get("/v1/customer/orders/" + o.orderId() + "/invoice").json().path("pdf_url").isNull());
        Resp docs = me.get("/v1/customer/orders/" + o.orderId() + "/documents");
        assertThat(docs.json().path("data").findValuesAsText("type")).contains("invoice");
        Resp ret = me.get("/v1/customer/returns/" + o.rmaId());
        assertThat(ret.status()).isEqualTo(200);
        assertThat(ret.json().path("status").asText()).isEqualTo("requested");
        assertThat(ret.json().path("instructions").path("text").asText()).contains(ret.json().path("rma").asText());
        assertThat(me.get("/v1/customer/returns/ret_missing").code()).isEqualTo("return.not_found");
        Resp timeline = me.get("/v1/customer/orders/" + o.orderId() + "/timeline?limit=200");
        assertThat(timeline.json().path("data").findValuesAsText("type")).contains("order.created", "order.confirmed", "return.created");
        assertThat(timeline.json().path("data").findValuesAsText("type")).doesNotContain("fulfillment.created", "order.task_created");
    }

    @Test
    void aReturnIsPreviewedThenOpenedOnceAndTheLastUnitReplaced() {
        String t = newTenant();
        Client agent = as(t, "agent-r", "agent");
        ReturnsKit.Shipped s = ReturnsKit.shippedOrder(t, agent, "cust-r", 2);
        Client me = customer(t, "cust-r");
        String path = "/v1/customer/orders/" + s.orderId();
        Map<String, Object> one = Map.of("line_id", s.lineId(), "quantity", 1, "reason_code", "too_small");
        Resp preview = me.post(path + "/return-request", Map.of("lines", List.of(one), "return_method", "ship", "preferred_refund", "store_credit", "dry_run", true));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().path("refund").path("amount").asLong()).isEqualTo(2495);
        assertThat(preview.json().path("lines").get(0).path("returnable").asLong()).isEqualTo(2);
        assertThat(preview.json().path("requested_resolution").asText()).isEqualTo("store_credit");
        assertThat(agent.get("/v1/orders/" + s.orderId() + "/returns").json().toString()).doesNotContain("RMA-");
        Client keyed = me.header("Idempotency-Key", "ret-1");
        Resp created = keyed.post(path + "/return-request", Map.of("lines", List.of(one), "return_method", "ship"));
        assertThat(created.status()).isEqualTo(201);
        Resp again = keyed.post(path + "/return-request", Map.of("lines", List.of(one), "return_method", "ship"));
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("rma_id").asText()).isEqualTo(created.json().path("rma_id").asText());
        assertThat(keyed.post(path + "/return-request", Map.of("lines", List.of(one), "return_method", "pickup")).code()).isEqualTo("idempotency.key_reused");
        Resp tooMany = me.post(path + "/replace-request", Map.of("lines", List.of(Map.of("line_id", s.lineId(), "quantity", 2, "reason_code", "broken")), "return_method", "ship"));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.code()).isEqualTo("return.not_eligible");
        Resp replace = me.post(path + "/replace-request", Map.of("lines", List.of(Map.of("line_id", s.lineId(), "quantity", 1, "reason_code", "broken")), "return_method", "ship"));
        assertThat(replace.status()).isEqualTo(201);
        assertThat(replace.json().path("requested_resolution").asText()).isEqualTo("exchange");
        JsonNode after = me.get(path).json();
        assertThat(codes(after, "return")).containsExactly("return.not_eligible.already_returned");
        assertThat(me.post(path + "/return-request", Map.of("lines", List.of(one), "return_method", "ship")).code()).isEqualTo("return.not_eligible");
        Resp bad = me.post(path + "/return-request", Map.of("lines", List.of(one), "return_method", "ship", "colour", "red"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(me.post(path + "/return-request", Map.of("lines", List.of(), "return_method", "ship")).status()).isEqualTo(400);
    }

    @Test
    void aCancelRequestCancelsAtOnceWhenThePolicyAllowsIt() {
        String t = newTenant();
        String id = create(as(t, "agent-c", "agent"), order("cust-c"));
        Client me = customer(t, "cust-c").header("Idempotency-Key", "cancel-1");
        Resp r = me.post("/v1/customer/orders/" + id + "/cancel-request", Map.of("reason", "Ordered twice"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().path("status").asText()).isEqualTo("cancelling");
        assertThat(r.json().path("request_id").asText()).startsWith("can_");
        assertThat(me.post("/v1/customer/orders/" + id + "/cancel-request", Map.of("reason", "Ordered twice")).header("idempotent-replayed")).isEqualTo("true");
        eventually("cancelled", () -> customer(t, "cust-c").get("/v1/customer/orders/" + id).json().path("status").asText().equals("cancelled"));
        Resp again = customer(t, "cust-c").post("/v1/customer/orders/" + id + "/cancel-request", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("order.already_cancelled");
    }

    @Test
    void aCancelRequestWaitsForAnAgentWhenThePolicyForbidsItAndIsAskedOnce() {
        String t = newTenant();
        Client admin = as(t, "admin-c", "admin");
        admin.patch("/v1/orders/settings", Map.of("cancellation_policy", "before_confirmation"));
        String id = create(admin, paidOrder(admin, "cust-p", "captured"));
        assertThat(admin.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
        Client me = customer(t, "cust-p");
        JsonNode view = me.get("/v1/customer/orders/" + id).json();
        assertThat(codes(view, "cancel")).containsExactly("order.blocked.cancellation_policy");
        Resp r = me.post("/v1/customer/orders/" + id + "/cancel-request", Map.of("reason", "Changed my mind"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().path("status").asText()).isEqualTo("pending_review");
        assertThat(r.json().path("blocked_reasons").toString()).contains("order.blocked.cancellation_policy");
        assertThat(r.json().path("order_status").asText()).isEqualTo("confirmed");
        Resp twice = me.post("/v1/customer/orders/" + id + "/cancel-request", Map.of("reason", "Please"));
        assertThat(twice.json().path("request_id").asText()).isEqualTo(r.json().path("request_id").asText());
        JsonNode tasks = admin.get("/v1/orders/tasks?order_id=" + id).json();
        assertThat(tasks.toString()).contains(r.json().path("request_id").asText(), "Customer cancellation request");
        assertThat(me.get("/v1/customer/orders/" + id + "/timeline").json().path("data").findValuesAsText("type")).contains("order.cancel_requested");
        assertThat(admin.get("/v1/orders/" + id + "/timeline?limit=200").json().toString()).contains("order.cancel_requested");
    }

    @Test
    void theAddressChangesBeforeShipmentOnlyAndIsCheckedPerCountry() {
        String t = newTenant();
        Client agent = as(t, "agent-a", "agent");
        String id = create(agent, order("cust-ad"));
        Client me = customer(t, "cust-ad").header("Idempotency-Key", "addr-1");
        Map<String, Object> good = Map.of("name", "Ada", "line1", "1 Main St", "city", "London", "postal_code", "N1 1AA", "country", "GB");
        Resp ok = me.post("/v1/customer/orders/" + id + "/update-address", Map.of("shipping_address", good));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("shipping_address").path("postal_code").asText()).isEqualTo("N1 1AA");
        assertThat(agent.get("/v1/orders/" + id).json().path("shipping_address").path("name").asText()).isEqualTo("Ada");
        assertThat(me.post("/v1/customer/orders/" + id + "/update-address", Map.of("shipping_address", good)).header("idempotent-replayed")).isEqualTo("true");
        Client plain = customer(t, "cust-ad");
        Resp badPostal = plain.post("/v1/customer/orders/" + id + "/update-address", Map.of("shipping_address",
                Map.of("name", "Ada", "line1", "1 Main St", "city", "New York", "postal_code", "ABC", "country", "US")));
        assertThat(badPostal.status()).isEqualTo(400);
        assertThat(badPostal.json().path("errors").findValuesAsText("field")).contains("shipping_address.postal_code", "shipping_address.region");
        Resp stale = plain.header("If-Match", "\"1\"").post("/v1/customer/orders/" + id + "/update-address", Map.of("shipping_address", good));
        assertThat(stale.code()).isEqualTo("order.version_conflict");
        ReturnsKit.Shipped shipped = ReturnsKit.shippedOrder(t, agent, "cust-ad", 1);
        Resp late = plain.post("/v1/customer/orders/" + shipped.orderId() + "/update-address", Map.of("shipping_address", good));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("order.blocked.already_shipped");
    }

    @Test
    void metricsAddUpOnlyTheCallersOrdersPerCurrency() {
        String t = newTenant();
        Client agent = as(t, "agent-m", "agent");
        create(agent, order("cust-m"));
        create(agent, order("cust-m"));
        create(agent, order("cust-other"));
        String cancelled = create(agent, order("cust-m"));
        agent.post("/v1/orders/" + cancelled + "/cancel", Map.of("reason", "test"));
        JsonNode m = customer(t, "cust-m").get("/v1/customer/orders/metrics").json();
        assertThat(m.path("orders_count").asLong()).isEqualTo(3);
        assertThat(m.path("cancelled_count").asLong()).isEqualTo(1);
        JsonNode gbp = m.path("spend").get(0);
        assertThat(gbp.path("total_spend").path("amount").asLong()).isEqualTo(9980);
        assertThat(gbp.path("orders_count").asLong()).isEqualTo(2);
        assertThat(gbp.path("average_order_value").path("amount").asLong()).isEqualTo(4990);
        assertThat(m.path("rounding").asText()).isEqualTo("half_up");
        assertThat(customer(t, "cust-none").get("/v1/customer/orders/metrics").json().path("orders_count").asLong()).isZero();
    }

    @Test
    void capabilitiesSettingsAndHealthShowOnlyCustomerValues() {
        String t = newTenant();
        as(t, "admin-x", "admin").patch("/v1/orders/settings", Map.of("return_window_days", 14));
        Client me = customer(t, "cust-x");
        assertThat(me.get("/v1/customer/capabilities").json().path("returns_enabled").asBoolean()).isTrue();
        JsonNode settings = me.get("/v1/customer/settings").json();
        assertThat(settings.path("return_window_days").asInt()).isEqualTo(14);
        assertThat(settings.path("cancellation_allowed").asText()).isEqualTo("until_shipped");
        assertThat(anonymous().get("/v1/customer/health").json().path("status").asText()).isEqualTo("ok");
        assertThat(as(t, "agent-x", "agent").get("/v1/customer/health").status()).isEqualTo(200);
    }

    @Test
    void staffAreRefusedAndAnonymousCallersUnauthenticated() {
        String t = newTenant();
        String id = create(as(t, "agent-z", "agent"), order("cust-z"));
        for (String role : List.of("agent", "admin", "service", "finance")) {
            Resp r = as(t, "staff-" + role, role).get("/v1/customer/orders/" + id);
            assertThat(r.status()).as(role).isEqualTo(403);
            assertThat(r.code()).as(role).isEqualTo("auth.forbidden");
            assertThat(as(t, "staff-" + role, role).post("/v1/customer/orders/" + id + "/cancel-request", null).status()).as(role).isEqualTo(403);
        }
        assertThat(anonymous().get("/v1/customer/orders").code()).isEqualTo("auth.missing_token");
        assertThat(customer(t, "cust-z").header("X-Tenant-ID", "other").get("/v1/customer/orders").code()).isEqualTo("auth.tenant_mismatch");
    }
}
