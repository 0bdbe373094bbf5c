package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 004, the seller orchestrator under {@code /merchant/api/v1/domains/{domainId}/orders}: domain and tenant
 * isolation, the cached view (hit, miss, never stale after a write, invalidated from the stream for other writers),
 * the status mapping onto the canonical state machine (409 with blocked_reasons), fulfilments with a manual AWB,
 * cancel with decimal refund amounts, bulk with partial failures and idempotency, and the list from the search index.
 */
class MerchantApiIT {
    static String tenant, other;
    static Client agent, otherAgent;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        other = newTenant();
        agent = as(tenant, "seller-1", "admin");
        otherAgent = as(other, "seller-2", "admin");
    }

    static String base(String domain) { return "/merchant/api/v1/domains/" + domain + "/orders"; }

    static String base() { return base(tenant); }

    /** An order of 2 x 24.95 GBP in store {@code store}, paid by a payment in {@code paymentState} (null: no payment). */
    static String order(Client c, String customer, String store, String paymentState) {
        ObjectNode body = TestSystem.order(customer);
        body.put("channel", store);
        ((ObjectNode) body.path("shipping_address")).put("email", customer + "@example.com");
        if (paymentState != null) {
            body.putArray("payments").addObject().put("payment_id", payment(c, 4990, "GBP", paymentState)).set("amount", money(4990, "GBP"));
        }
        return create(c, body);
    }

    static String line(String orderId) { return agent.get("/v1/orders/" + orderId).json().path("lines").get(0).path("id").asText(); }

    static Resp status(String orderId, String status) { return agent.patch(base() + "/" + orderId + "/status", Map.of("status", status)); }

    static Resp fulfil(String orderId, long quantity, String awb) {
        return agent.post(base() + "/" + orderId + "/fulfillments", Map.of("items", List.of(Map.of("id", line(orderId), "quantity", quantity, "name", "Alfredo Pasta", "selling_price", 100)),
                "awb", awb, "tracking_url", "https://www.ups.com/track?tracknum=" + awb, "shipping_method", "Self-Delivery", "warehouse_id", "wh-leeds",
                "delivery_person", Map.of("name", "Rider Rahul", "phone", "+919876543210"),
                "pickup_address", Map.of("type", "OFFICE", "name", "Central Kitchen", "line1", "456 Business Hub", "city", "Mumbai", "country_code", "IN")));
    }

    @Test
    void aDomainIsItsSellersTenantAndNoOtherTokenSeesIt() {
        String id = order(agent, "iso-1", "store-a", null);
        String theirs = order(otherAgent, "iso-2", "store-a", null);
        Resp own = agent.get(base() + "/" + id);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().path("domain_id").asText()).isEqualTo(tenant);
        // another tenant's token: the domain does not exist for it, whatever the route
        for (Resp r : List.of(otherAgent.get(base() + "/" + id), otherAgent.get(base()), status(theirs, "confirmed"),
                otherAgent.patch(base() + "/" + id + "/status", Map.of("status", "confirmed")),
                otherAgent.post(base() + "/" + id + "/cancel", Map.of("reason", "fraud")),
                otherAgent.patch(base() + "/bulk", Map.of("order_ids", List.of(id), "action", "add_tags", "data", Map.of("tags", List.of("x")))))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
        }
        assertThat(otherAgent.get(base() + "/" + id).code()).isEqualTo("domain.not_found");
        // the caller's own domain with the other tenant's order: not found either
        assertThat(agent.get(base() + "/" + theirs).code()).isEqualTo("order.not_found");
        // customers own no domain
        assertThat(customer(tenant, "iso-1").get(base() + "/" + id).code()).isEqualTo("domain.not_found");
        assertThat(anonymous().get(base() + "/" + id).status()).isEqualTo(401);
        assertThat(as(tenant, "p", "picker").get(base()).status()).isEqualTo(403);
    }

    @Test
    void theViewIsCachedDecimalAndNeverStaleAfterAWrite() {
        String id = order(agent, "cache-1", "store-a", "authorized");
        Resp miss = agent.get(base() + "/" + id);
        assertThat(miss.header("x-cache")).isEqualTo("miss");
        Resp hit = agent.get(base() + "/" + id);
        assertThat(hit.header("x-cache")).isEqualTo("hit");
        assertThat(hit.json()).isEqualTo(miss.json());
        JsonNode v = hit.json();
        assertThat(v.path("status").asText()).isEqualTo("pending");
        assertThat(v.path("store_id").asText()).isEqualTo("store-a");
        assertThat(v.path("amounts").path("total").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(hit.text()).contains("\"total\":49.90").contains("\"unit_price\":24.95");
        assertThat(v.path("lines").get(0).path("unit_price").decimalValue()).isEqualByComparingTo(new BigDecimal("24.95"));
        assertThat(v.path("customer").path("email").asText()).isEqualTo("cache-1@example.com");
        assertThat(v.path("timeline").get(0).path("type").asText()).isEqualTo("order.created");
        // the same cached view, without the timeline for a role that may not read it
        Resp warehouse = as(tenant, "ws-1", "warehouse_supervisor").get(base() + "/" + id);
        assertThat(warehouse.status()).as(warehouse.toString()).isEqualTo(200);
        assertThat(warehouse.json().path("timeline").isNull()).isTrue();
        assertThat(warehouse.json().path("lines").size()).isEqualTo(1);

        // every write through this API is followed by a fresh read, at once
        for (String s : List.of("confirmed", "processing")) {
            assertThat(status(id, s).status()).isEqualTo(200);
            Resp after = agent.get(base() + "/" + id);
            assertThat(after.header("x-cache")).isEqualTo("miss");
            assertThat(after.json().path("status").asText()).isEqualTo(s);
        }
        for (String tag : List.of("vip", "gift", "rush")) {
            agent.get(base() + "/" + id); // cached again
            Resp b = agent.patch(base() + "/bulk", Map.of("order_ids", List.of(id), "action", "add_tags", "data", Map.of("tags", List.of(tag))));
            assertThat(b.json().path("updated_count").asInt()).as(b.toString()).isEqualTo(1);
            assertThat(agent.get(base() + "/" + id).json().path("tags").toString()).contains(tag);
        }
        // a write through another API: the stream invalidates the view (no writer can forget)
        agent.get(base() + "/" + id);
        assertThat(agent.get(base() + "/" + id).header("x-cache")).isEqualTo("hit");
        Resp hold = agent.post("/v1/orders/" + id + "/hold", Map.of("reason", "check the address"));
        assertThat(hold.status()).as(hold.toString()).isIn(200, 201);
        long version = hold.json().path("order").path("version").asLong(hold.json().path("version").asLong());
        eventually("the view invalidated from the stream", () -> {
            Resp r = agent.get(base() + "/" + id);
            return r.json().path("canonical_status").asText().equals("on_hold");
        });
        assertThat(agent.get(base() + "/" + id).json().path("version").asLong()).isGreaterThanOrEqualTo(version);
    }

    @Test
    void statusesMapOntoTheCanonicalStateMachine() {
        String id = order(agent, "st-1", "store-b", "authorized");
        assertThat(status(id, "pending").json().path("changed").asBoolean()).isFalse();
        Resp confirmed = status(id, "confirmed");
        assertThat(confirmed.json().path("action").asText()).isEqualTo("confirm");
        assertThat(agent.get("/v1/orders/" + id).json().path("status").asText()).isEqualTo("confirmed");

        Resp back = status(id, "pending");
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.code()).isEqualTo("status.transition_blocked");
        assertThat(back.json().path("blocked_reasons").get(0).asText()).startsWith("status.backwards");
        assertThat(status(id, "shipped").json().path("blocked_reasons").get(0).asText()).startsWith("shipment.required");
        assertThat(status(id, "delivered").json().path("blocked_reasons").get(0).asText()).startsWith("delivery.before_shipment");
        assertThat(status(id, "refunded").json().path("blocked_reasons").get(0).asText()).startsWith("payment.nothing_captured");

        // partial, then the rest: shipped
        Resp part = fulfil(id, 1, "AWB-1");
        assertThat(part.status()).as(part.toString()).isEqualTo(201);
        assertThat(part.json().path("fulfillment_status").asText()).isEqualTo("partially_fulfilled");
        Resp tooMany = fulfil(id, 5, "AWB-2");
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(409);
        Resp rest = fulfil(id, 1, "AWB-3");
        assertThat(rest.json().path("fulfillment_status").asText()).isEqualTo("fulfilled");
        assertThat(rest.json().path("status").asText()).isEqualTo("shipped");
        List<String> reasons = new ArrayList<>();
        agent.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").forEach(e -> reasons.add(e.path("reason").asText()));
        assertThat(reasons).anyMatch(r -> r.contains("AWB AWB-3") && r.contains("Rider Rahul") && r.contains("Central Kitchen"));

        Resp cancel = status(id, "cancelled");
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().path("blocked_reasons").get(0).asText()).startsWith("goods.shipped");
        Resp delivered = status(id, "delivered");
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(delivered.json().path("status").asText()).isEqualTo("delivered");
        assertThat(status(id, "processing").json().path("blocked_reasons").get(0).asText()).startsWith("status.final");

        Resp bad = agent.patch(base() + "/" + id + "/status", Map.of("status", "teleported"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(agent.post(base() + "/" + id + "/fulfillments", Map.of("items", List.of(Map.of("id", "x", "quantity", 1)), "awb", "A", "provider_id", "ups")).status()).isEqualTo(400);
    }

    @Test
    void cancelTakesExactDecimalsAndRunsTheSaga() {
        String id = order(agent, "cx-1", "store-c", "captured");
        status(id, "confirmed");
        Resp finer = agent.post(base() + "/" + id + "/cancel", Map.of("reason", "customer_request", "refund_amount", new BigDecimal("49.901")));
        assertThat(finer.status()).isEqualTo(400);
        assertThat(finer.json().path("errors").get(0).path("code").asText()).isEqualTo("amount.precision");
        Resp part = agent.post(base() + "/" + id + "/cancel", Map.of("reason", "customer_request", "refund_amount", new BigDecimal("10.00")));
        assertThat(part.status()).isEqualTo(422);
        assertThat(part.code()).isEqualTo("refund.amount_not_full");
        assertThat(agent.post(base() + "/" + id + "/cancel", Map.of("reason", "changed_mind")).status()).isEqualTo(400);
        Resp ok = agent.post(base() + "/" + id + "/cancel", Map.of("reason", "customer_request", "cancel_reason_details", "Customer requested cancellation via phone",
                "refund", true, "refund_amount", new BigDecimal("49.9"), "restock", true, "notify_customer", true));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(202);
        assertThat(ok.json().path("status").asText()).isEqualTo("cancelled");
        eventually("the saga cancelled and refunded", () -> agent.get("/v1/orders/" + id).json().path("status").asText().equals("cancelled"));
        eventually("the view says refunded", () -> agent.get(base() + "/" + id).json().path("status").asText().equals("refunded"));
        Resp again = agent.post(base() + "/" + id + "/cancel", Map.of("reason", "other"));
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void refundedRefundsEverythingCaptured() {
        String id = order(agent, "rf-1", "store-c", "captured");
        status(id, "confirmed");
        // the route needs orders:write; the refund it makes needs refunds:issue too, which agents do not have
        Resp agentTry = as(tenant, "plain-agent", "agent").patch(base() + "/" + id + "/status", Map.of("status", "refunded"));
        assertThat(agentTry.status()).isEqualTo(403);
        Resp r = status(id, "refunded");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("action").asText()).isEqualTo("refund");
        eventually("refunded", () -> agent.get(base() + "/" + id).json().path("status").asText().equals("refunded"));
        assertThat(agent.get(base() + "/" + id).json().path("amounts").path("refundable").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void bulkReportsEachOrderAndReplaysUnderItsKey() {
        String a = order(agent, "bk-1", "store-d", "authorized"), b = order(agent, "bk-2", "store-d", "authorized");
        String theirs = order(otherAgent, "bk-3", "store-d", null);
        Map<String, Object> body = Map.of("order_ids", List.of(a, theirs, "ord_missing", b), "action", "update_status",
                "data", Map.of("status", "confirmed", "notify_customers", true));
        Client keyed = agent.header("Idempotency-Key", "bulk-" + a);
        Resp r = keyed.patch(base() + "/bulk", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("success").asBoolean()).isFalse();
        assertThat(r.json().path("updated_count").asInt()).isEqualTo(2);
        assertThat(r.json().path("updated_orders").toString()).contains(a, b);
        assertThat(r.json().path("failed").size()).isEqualTo(2);
        r.json().path("failed").forEach(f -> assertThat(f.path("code").asText()).isEqualTo("order.not_found"));
        Resp replay = keyed.patch(base() + "/bulk", body);
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(r.json());
        assertThat(agent.get("/v1/orders/" + theirs).status()).isEqualTo(404);
        assertThat(otherAgent.get("/v1/orders/" + theirs).json().path("status").asText()).isEqualTo("created");

        Resp mixed = agent.patch(base() + "/bulk", Map.of("order_ids", List.of(a, b), "action", "update_status", "data", Map.of("status", "delivered")));
        assertThat(mixed.json().path("failed").get(0).path("code").asText()).isEqualTo("status.transition_blocked");

        Resp fulfil = agent.patch(base() + "/bulk", Map.of("order_ids", List.of(a, b), "action", "fulfill",
                "data", Map.of("awbs", Map.of(a, "AWB-BULK-A"), "warehouse_id", "wh-leeds")));
        assertThat(fulfil.json().path("updated_orders").toString()).contains(a);
        assertThat(fulfil.json().path("failed").get(0).path("code").asText()).isEqualTo("awb.required");
        assertThat(agent.get(base() + "/" + a).json().path("status").asText()).isEqualTo("shipped");

        agent.patch(base() + "/bulk", Map.of("order_ids", List.of(b), "action", "add_tags", "data", Map.of("tags", List.of("x1", "x2"))));
        agent.patch(base() + "/bulk", Map.of("order_ids", List.of(b), "action", "remove_tags", "data", Map.of("tags", List.of("x1"))));
        assertThat(agent.get(base() + "/" + b).json().path("tags").toString()).isEqualTo("[\"x2\"]");
        assertThat(agent.patch(base() + "/bulk", Map.of("order_ids", List.of(b), "action", "add_tags", "data", Map.of("tags", List.of("Not A Tag")))).status()).isEqualTo(400);
        assertThat(agent.patch(base() + "/bulk", Map.of("order_ids", List.of(), "action", "add_tags", "data", Map.of("tags", List.of("a")))).status()).isEqualTo(400);
    }

    @Test
    void theListComesFromTheSearchIndexWithEveryFilterAndBothKindsOfPages() {
        runtime().search().awaitReady();
        String listTenant = newTenant();
        Client seller = as(listTenant, "lister", "admin");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(order(seller, "ls-" + (i % 2), i < 3 ? "store-x" : "store-y", "authorized"));
        order(otherAgent, "ls-0", "store-x", null);
        String path = base(listTenant);
        eventually("five orders indexed", () -> {
            Resp r = seller.get(path);
            return r.status() == 200 && r.json().path("total").asLong() == 5;
        });
        assertThat(seller.patch(path + "/" + ids.get(0) + "/status", Map.of("status", "confirmed")).status()).isEqualTo(200);
        eventually("the confirmed order indexed", () -> seller.get(path + "?status=confirmed").json().path("total").asLong() == 1);
        assertThat(seller.get(path + "?status=pending").json().path("total").asLong()).isEqualTo(4);
        assertThat(seller.get(path + "?store_id=store-y").json().path("total").asLong()).isEqualTo(2);
        assertThat(seller.get(path + "?customer_id=ls-1").json().path("total").asLong()).isEqualTo(2);
        JsonNode authorized = seller.get(path + "?payment_status=authorized&financial_status=authorized").json();
        assertThat(authorized.path("total").asLong()).isEqualTo(1);
        assertThat(authorized.path("data").get(0).path("id").asText()).isEqualTo(ids.get(0));
        assertThat(seller.get(path + "?payment_status=authorized&financial_status=refunded").json().path("total").asLong()).isZero();
        assertThat(seller.get(path + "?fulfillment_status=partial").json().path("total").asLong()).isZero();
        assertThat(seller.get(path + "?date_from=2000-01-01&date_to=2999-12-31").json().path("total").asLong()).isEqualTo(5);
        assertThat(seller.get(path + "?date_to=2000-01-01").json().path("total").asLong()).isZero();
        long number = agent.get("/v1/orders/" + ids.get(0)).json().path("number").asLong();
        JsonNode found = seller.get(path + "?search=" + seller.get("/v1/orders/" + ids.get(0)).json().path("number").asLong()).json();
        assertThat(found.path("data").get(0).path("id").asText()).isEqualTo(ids.get(0));
        assertThat(found.path("data").get(0).path("total").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(number).isNotNegative();

        JsonNode asc = seller.get(path + "?sort_by=created_at&sort_order=asc&limit=2&page=2").json();
        assertThat(asc.path("data").size()).isEqualTo(2);
        assertThat(asc.path("data").get(0).path("id").asText()).isEqualTo(ids.get(2));
        assertThat(asc.path("data").get(1).path("id").asText()).isEqualTo(ids.get(3));
        // the cursor of page 2 goes on from there, to any depth
        JsonNode next = seller.get(path + "?sort_by=created_at&sort_order=asc&limit=2&cursor=" + asc.path("next_cursor").asText()).json();
        assertThat(next.path("data").get(0).path("id").asText()).isEqualTo(ids.get(4));
        assertThat(next.path("has_more").asBoolean()).isFalse();

        Resp window = seller.get(path + "?page=11&limit=100");
        assertThat(window.status()).isEqualTo(400);
        assertThat(window.json().path("errors").get(0).path("code").asText()).isEqualTo("page.window_exceeded");
        assertThat(seller.get(path + "?limit=101").status()).isEqualTo(400);
        assertThat(seller.get(path + "?sort_by=colour").status()).isEqualTo(400);
        assertThat(seller.get(path + "?status=teleported").status()).isEqualTo(400);
        assertThat(seller.get(path + "?cursor=forged").code()).isEqualTo("request.invalid_cursor");
    }
}
