package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.TenantSettingsStore.TenantSettings;
import dev.oms.platform.Platform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrderCrudIT {
    static String tenant;
    static Client agent;
    static Client admin;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-1", "agent");
        admin = as(tenant, "admin-1", "admin");
    }

    @Test
    void createsAnOrderWithExactTotalsAndReadsItBack() {
        ObjectNode body = order("cust_1");
        ArrayNode items = body.putArray("items");
        ObjectNode a = item("SKU-A", 3, 333, "GBP");
        a.put("tax_rate_bps", 2000);
        a.set("discount", money(99, "GBP"));
        items.add(a);
        ObjectNode b = item("SKU-B", 1, 1001, "GBP");
        b.set("tax", money(150, "GBP"));
        items.add(b);
        body.set("discount", money(100, "GBP"));
        body.putObject("shipping").put("method", "express").set("amount", money(399, "GBP"));
        body.put("external_reference", "PO-CRUD-1");
        body.putObject("metadata").put("sales_rep", "alice");

        Resp created = agent.post("/v1/orders", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode o = created.json();
        String id = o.path("id").asText();
        assertThat(id).startsWith("ord_");
        assertThat(created.header("location")).isEqualTo("/v1/orders/" + id);
        assertThat(created.header("etag")).isEqualTo("\"1\"");
        assertThat(o.path("status").asText()).isEqualTo("created");
        assertThat(o.path("version").asLong()).isEqualTo(1);
        assertThat(o.path("number").asLong()).isGreaterThan(1000);
        // line A: 999 gross - 99 line discount = 900; line B: 1001. Order discount 100 split 900:1001 by largest remainder -> 47 / 53
        assertThat(o.path("sub_total").asLong()).isEqualTo(999 + 1001);
        assertThat(o.path("discount_total").asLong()).isEqualTo(99 + 100);
        JsonNode lineA = o.path("lines").get(0);
        JsonNode lineB = o.path("lines").get(1);
        assertThat(lineA.path("allocated_discount").asLong() + lineB.path("allocated_discount").asLong()).isEqualTo(100);
        assertThat(lineA.path("allocated_discount").asLong()).isEqualTo(47);
        assertThat(lineA.path("line_total").asLong()).isEqualTo(853);
        assertThat(lineA.path("tax").asLong()).isEqualTo(171); // 853 * 20% = 170.6 -> 171
        assertThat(lineB.path("tax").asLong()).isEqualTo(150);
        long expectedTotal = 2000 - 199 + 171 + 150 + 399;
        assertThat(o.path("tax_total").asLong()).isEqualTo(321);
        assertThat(o.path("shipping_total").asLong()).isEqualTo(399);
        assertThat(o.path("total").asLong()).isEqualTo(expectedTotal);
        assertThat(o.path("balance_due").asLong()).isEqualTo(expectedTotal);
        assertThat(o.path("metadata").path("sales_rep").asText()).isEqualTo("alice");

        Resp read = agent.get("/v1/orders/" + id + "?expand=lines,payments,fulfillments");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("etag")).isEqualTo("\"1\"");
        assertThat(read.json().path("total").asLong()).isEqualTo(expectedTotal);
        assertThat(read.json().path("lines")).hasSize(2);
        assertThat(read.json().path("fulfillments").isArray()).isTrue();
    }

    @Test
    void refusesInvalidOrdersWithFieldErrors() {
        ObjectNode body = order("cust_1");
        body.put("surprise", true);
        ((ObjectNode) body.path("items").get(0)).put("quantity", 0);
        body.put("currency", "GBP");
        Resp r = agent.post("/v1/orders", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("content-type")).isEqualTo("application/problem+json");
        assertThat(r.code()).isEqualTo("request.invalid");
        assertThat(fields(r)).contains("surprise", "items[0].quantity");
        assertThat(codes(r)).contains("field.unknown", "quantity.not_positive");

        ObjectNode mismatch = order("cust_1");
        ((ObjectNode) mismatch.path("items").get(0)).set("unit_price", money(100, "EUR"));
        Resp m = agent.post("/v1/orders", mismatch);
        assertThat(m.status()).isEqualTo(400);
        assertThat(codes(m)).contains("currency.mismatch");

        ObjectNode unknown = order("cust_1");
        unknown.put("currency", "ABC");
        assertThat(codes(agent.post("/v1/orders", unknown))).contains("currency.unknown");

        ObjectNode wrongType = order("cust_1");
        ((ObjectNode) wrongType.path("items").get(0)).put("quantity", "2");
        assertThat(codes(agent.post("/v1/orders", wrongType))).contains("field.type");

        ObjectNode negative = order("cust_1");
        ((ObjectNode) negative.path("items").get(0)).set("unit_price", money(-5, "GBP"));
        assertThat(codes(agent.post("/v1/orders", negative))).contains("field.out_of_range");

        ObjectNode tooMany = order("cust_1");
        ArrayNode items = tooMany.putArray("items");
        for (int i = 0; i < 201; i++) items.add(item("SKU-" + i, 1, 100, "GBP"));
        assertThat(codes(agent.post("/v1/orders", tooMany))).contains("field.too_many");

        ObjectNode empty = order("cust_1");
        empty.putArray("items");
        assertThat(codes(agent.post("/v1/orders", empty))).contains("field.too_few");

        assertThat(agent.post("/v1/orders", "{not json").code()).isEqualTo("request.malformed_json");
        assertThat(agent.post("/v1/orders", "[1,2]").code()).isEqualTo("request.malformed_json");
        Resp big = agent.post("/v1/orders", "{\"customer_id\":\"" + "x".repeat(300_000) + "\"}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.code()).isEqualTo("request.too_large");
    }

    @Test
    void listsWithFiltersSortingFieldsAndCursorPagination() {
        String t = newTenant();
        Client c = as(t, "agent-list", "agent");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ObjectNode body = order(i % 2 == 0 ? "cust_even" : "cust_odd");
            body.put("channel", i < 3 ? "web" : "app");
            ((ObjectNode) body.path("items").get(0)).put("quantity", i + 1);
            ids.add(create(c, body));
        }
        // newest first by default, 3 per page, no duplicates, nothing missing
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Resp page = c.get("/v1/orders?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("data").forEach(o -> seen.add(o.path("id").asText()));
            cursor = page.json().path("has_more").asBoolean() ? page.json().path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        Resp oldest = c.get("/v1/orders?sort=created_at&limit=2");
        assertThat(oldest.json().path("data").get(0).path("id").asText()).isEqualTo(ids.get(0));

        assertThat(idsOf(c.get("/v1/orders?customer_id=cust_odd"))).containsExactlyInAnyOrder(ids.get(1), ids.get(3), ids.get(5));
        assertThat(idsOf(c.get("/v1/orders?channel=web"))).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(2));
        assertThat(idsOf(c.get("/v1/orders?min_total=" + (2495 * 3)))).hasSize(5);
        assertThat(idsOf(c.get("/v1/orders?status=created&customer_id=cust_even"))).hasSize(4);
        assertThat(idsOf(c.get("/v1/orders?status=confirmed"))).isEmpty();
        assertThat(idsOf(c.get("/v1/orders?from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z"))).isEmpty();

        JsonNode slim = c.get("/v1/orders?fields=status,total&limit=1").json().path("data").get(0);
        assertThat(iterable(slim.fieldNames())).containsExactlyInAnyOrder("id", "status", "total");

        Resp firstPage = c.get("/v1/orders?limit=2");
        String good = firstPage.json().path("next_cursor").asText();
        assertThat(c.get("/v1/orders?limit=2&cursor=" + good + "x").code()).isEqualTo("request.invalid_cursor");
        assertThat(c.get("/v1/orders?limit=2&channel=web&cursor=" + good).code()).isEqualTo("request.invalid_cursor");
        assertThat(c.get("/v1/orders?status=nope").code()).isEqualTo("request.invalid");
        assertThat(c.get("/v1/orders?limit=500").code()).isEqualTo("request.invalid");
        assertThat(c.get("/v1/orders?from=yesterday").code()).isEqualTo("request.invalid");
        assertThat(c.get("/v1/orders?fields=password").code()).isEqualTo("request.invalid");
    }

    @Test
    void patchesMetadataAndAddressesWithOptimisticConcurrency() {
        ObjectNode body = order("cust_2");
        body.putObject("metadata").put("keep", "1").put("drop", "2");
        String id = create(agent, body);
        Resp stale = agent.header("If-Match", "\"7\"").patch("/v1/orders/" + id, Map.of("metadata", Map.of("x", "y")));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("order.version_conflict");
        assertThat(stale.json().path("current_version").asLong()).isEqualTo(1);

        java.util.Map<String, Object> md = new java.util.HashMap<>();
        md.put("drop", null);
        md.put("added", "yes");
        Resp ok = agent.header("If-Match", "\"1\"").patch("/v1/orders/" + id, Map.of("metadata", md, "shipping_address", address("FR")));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.header("etag")).isEqualTo("\"2\"");
        assertThat(ok.json().path("metadata").path("keep").asText()).isEqualTo("1");
        assertThat(ok.json().path("metadata").has("drop")).isFalse();
        assertThat(ok.json().path("metadata").path("added").asText()).isEqualTo("yes");
        assertThat(ok.json().path("shipping_address").path("country").asText()).isEqualTo("FR");

        Resp bodyVersion = agent.patch("/v1/orders/" + id, Map.of("metadata", Map.of("v", "1"), "version", 1));
        assertThat(bodyVersion.code()).isEqualTo("order.version_conflict");
        assertThat(agent.patch("/v1/orders/" + id, Map.of()).code()).isEqualTo("request.invalid");
        assertThat(agent.patch("/v1/orders/" + id, Map.of("status", "confirmed")).code()).isEqualTo("request.invalid");
    }

    @Test
    void completedOrdersAreNotEditable() {
        String id = create(agent, paidOrder(agent, "cust_3", "authorized"));
        assertThat(agent.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
        assertThat(agent.post("/v1/orders/" + id + "/close", Map.of("reason", "done")).status()).isEqualTo(200);
        Resp r = agent.patch("/v1/orders/" + id, Map.of("metadata", Map.of("late", "edit")));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("order.not_editable");
    }

    @Test
    void softDeleteHidesTheOrderAndHardDeleteNeedsAdminAndTenantSetting() {
        String id = create(agent, order("cust_4"));
        assertThat(agent.delete("/v1/orders/" + id).status()).isEqualTo(403);
        Resp deleted = admin.delete("/v1/orders/" + id + "?reason=test");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        Resp gone = agent.get("/v1/orders/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("order.deleted");
        assertThat(idsOf(agent.get("/v1/orders?customer_id=cust_4"))).doesNotContain(id);

        String confirmed = create(agent, paidOrder(agent, "cust_4", "authorized"));
        agent.post("/v1/orders/" + confirmed + "/confirm", null);
        assertThat(admin.delete("/v1/orders/" + confirmed).code()).isEqualTo("order.blocked.active");

        String hard = create(agent, order("cust_4"));
        assertThat(admin.delete("/v1/orders/" + hard + "?hard=true").code()).isEqualTo("order.hard_delete_disabled");
        Platform.get().settings.put(tenant, new TenantSettings(true));
        try {
            assertThat(admin.delete("/v1/orders/" + hard + "?hard=true").status()).isEqualTo(204);
            assertThat(agent.get("/v1/orders/" + hard).code()).isEqualTo("order.not_found");
            Resp audit = admin.get("/v1/orders/audit?action=order.deleted");
            assertThat(audit.json().path("data").findValuesAsText("order_id")).contains(hard);
        } finally {
            Platform.get().settings.put(tenant, TenantSettings.DEFAULTS);
        }
    }

    @Test
    void duplicatesAnOrderAndEnforcesUniqueExternalReferences() {
        ObjectNode body = order("cust_5");
        body.put("external_reference", "PO-UNIQUE-1");
        String id = create(agent, body);
        Resp again = agent.post("/v1/orders", body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("order.duplicate_external_reference");
        assertThat(again.json().path("existing_order_id").asText()).isEqualTo(id);

        Resp copy = agent.post("/v1/orders/" + id + "/duplicate", null);
        assertThat(copy.status()).isEqualTo(201);
        assertThat(copy.json().path("id").asText()).isNotEqualTo(id);
        assertThat(copy.json().path("duplicated_from").asText()).isEqualTo(id);
        assertThat(copy.json().path("source").asText()).isEqualTo("duplicate");
        assertThat(copy.json().path("external_reference").isNull()).isTrue();
        assertThat(copy.json().path("total").asLong()).isEqualTo(4990);
        assertThat(copy.json().path("lines").get(0).path("sku").asText()).isEqualTo("SKU-1");
    }

    @Test
    void unknownExpandAndUnknownOrdersAreClientErrors() {
        String id = create(agent, order("cust_6"));
        assertThat(agent.get("/v1/orders/" + id + "?expand=everything").code()).isEqualTo("request.invalid");
        Resp missing = agent.get("/v1/orders/ord_doesnotexist");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("order.not_found");
    }

    static List<String> idsOf(Resp r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().path("data").forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }

    static List<String> fields(Resp r) { return r.json().path("errors").findValuesAsText("field"); }

    static Set<String> codes(Resp r) { return new HashSet<>(r.json().path("errors").findValuesAsText("code")); }

    static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
