package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.search.OrderSearchDocument;
import dev.oms.platform.json.Json;
import dev.oms.platform.search.OpenSearchHttp;
import dev.oms.platform.search.OpenSearchOrders;
import dev.oms.platform.search.SearchSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/orders/search} against the runtime's OpenSearch node, fed by the projector on the table stream:
 * filters of every kind, full text, aggregations with exact sums per currency, sorts, deep cursor paging, two tenants,
 * roles, bad queries, a stale write that must not overwrite a newer document, and the rebuild.
 */
class OrderSearchIT {
    static String tenant, other;
    static Client agent, otherAgent;
    static String o1, o2, o3, o4, o5;
    static Map<String, Long> totals = new java.util.HashMap<>();

    @BeforeAll
    static void setUp() {
        runtime().search().awaitReady();
        tenant = newTenant();
        other = newTenant();
        agent = as(tenant, "agent-s", "agent");
        otherAgent = as(other, "agent-o", "agent");
        o1 = make(agent, "c1", "web-uk", "GBP", "SKU-1", 2, 2495, o -> {
            o.put("external_reference", "EXT-S-1");
            o.putObject("metadata").put("merchant_reference", "M-1").put("customer_reference", "PO-1");
        });
        o2 = make(agent, "c2", "store", "GBP", "SKU-2", 1, 1001, o -> {
            o.with("shipping_address").put("name", "Ada Lovelace").put("city", "London").put("email", "ada@example.com");
        });
        o3 = make(agent, "c1", "web-us", "USD", "SKU-1", 3, 1000, o -> { });
        o4 = make(agent, "c3", "web-uk", "JPY", "SKU-3", 1, 1500, o -> { });
        o5 = make(agent, "c4", "web-uk", "GBP", "SKU-1", 1, 1000, o -> { });
        assertThat(agent.post("/v1/orders/" + o5 + "/notes", Map.of("text", "gift wrap in blue paper", "type", "internal")).status()).isEqualTo(201);
        make(otherAgent, "c1", "web-uk", "GBP", "SKU-1", 1, 777, o -> o.put("external_reference", "EXT-OTHER"));
        long started = System.nanoTime();
        // right after the node started, the index may still be opening its shard: 503 search.unavailable, retried
        eventually("the five orders and the note indexed", () -> {
            Resp all = agent.post("/v1/orders/search", Json.object());
            return all.status() == 200 && all.json().path("total").asLong() == 5 && ids(search(agent, body("{\"q\": \"blue paper\"}"))).equals(List.of(o5));
        });
        assertThat((System.nanoTime() - started) / 1_000_000_000.0).as("seconds from the writes to the index").isLessThan(10);
    }

    interface Shape { void apply(ObjectNode order); }

    private static String make(Client c, String customer, String channel, String currency, String sku, long qty, long price, Shape shape) {
        ObjectNode o = order(customer);
        o.put("channel", channel);
        o.put("currency", currency);
        o.putArray("items").add(item(sku, qty, price, currency));
        shape.apply(o);
        Resp r = c.post("/v1/orders", o);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        totals.put(r.json().path("id").asText(), r.json().path("total").asLong());
        return r.json().path("id").asText();
    }

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode search(Client c, ObjectNode body) { return search(c, "", body); }

    private static JsonNode search(Client c, String query, ObjectNode body) {
        Resp r = c.post("/v1/orders/search" + query, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("data").forEach(h -> out.add(h.path("id").asText()));
        return out;
    }

    private static List<String> filter(String filters) {
        return ids(search(agent, body("{\"filters\": " + filters + ", \"sort\": [{\"field\": \"created_at\"}]}")));
    }

    @Test
    void filtersOfEveryKind() {
        assertThat(filter("{\"status\": {\"eq\": \"created\"}}")).containsExactly(o1, o2, o3, o4, o5);
        assertThat(filter("{\"status\": {\"in\": [\"confirmed\", \"cancelled\"]}}")).isEmpty();
        assertThat(filter("{\"channel\": {\"in\": [\"store\", \"web-us\"]}}")).containsExactly(o2, o3);
        assertThat(filter("{\"channel\": {\"not_in\": [\"web-uk\"]}}")).containsExactly(o2, o3);
        assertThat(filter("{\"customer_id\": {\"eq\": \"c1\"}}")).containsExactly(o1, o3);
        assertThat(filter("{\"currency\": {\"eq\": \"USD\"}}")).containsExactly(o3);
        assertThat(filter("{\"sku\": {\"eq\": \"SKU-1\"}}")).containsExactly(o1, o3, o5);
        assertThat(filter("{\"tracking_number\": {\"eq\": \"1Z999\"}}")).isEmpty();
        assertThat(filter("{\"payment_status\": {\"eq\": \"unpaid\"}, \"fulfillment_status\": {\"eq\": \"unfulfilled\"}, \"return_status\": {\"eq\": \"none\"}}"))
                .containsExactly(o1, o2, o3, o4, o5);
        assertThat(filter("{\"external_reference\": {\"eq\": \"EXT-S-1\"}}")).containsExactly(o1);
        assertThat(filter("{\"merchant_reference\": {\"eq\": \"M-1\"}, \"customer_reference\": {\"eq\": \"PO-1\"}}")).containsExactly(o1);
        assertThat(filter("{\"total\": {\"currency\": \"GBP\", \"gte\": 1001}}")).containsExactly(o1, o2);
        assertThat(filter("{\"total\": {\"currency\": \"GBP\", \"eq\": 1000}}")).containsExactly(o5);
        assertThat(filter("{\"total\": {\"currency\": \"GBP\", \"gt\": 1000, \"lt\": 4990}}")).containsExactly(o2);
        Instant third = Instant.parse(agent.get("/v1/orders/" + o3).json().path("created_at").asText());
        assertThat(filter("{\"created_at\": {\"gte\": \"" + third + "\"}}")).containsExactly(o3, o4, o5);
        assertThat(filter("{\"created_at\": {\"lt\": \"" + third + "\"}, \"updated_at\": {\"lte\": \"" + Instant.now().plusSeconds(60) + "\"}}")).containsExactly(o1, o2);
        JsonNode hit = search(agent, body("{\"filters\": {\"external_reference\": {\"eq\": \"EXT-S-1\"}}}")).path("data").get(0);
        assertThat(hit.path("total").path("amount").asLong()).isEqualTo(totals.get(o1));
        assertThat(hit.path("skus").get(0).asText()).isEqualTo("SKU-1");
        assertThat(hit.path("merchant_reference").asText()).isEqualTo("M-1");
    }

    @Test
    void fullTextOverNamesEmailsAddressesNotesAndReferences() {
        assertThat(ids(search(agent, body("{\"q\": \"lovelace london\"}")))).containsExactly(o2);
        assertThat(ids(search(agent, body("{\"q\": \"ada@example.com\"}")))).containsExactly(o2);
        assertThat(ids(search(agent, body("{\"q\": \"blue paper\"}")))).containsExactly(o5);
        assertThat(ids(search(agent, body("{\"q\": \"PO-1\"}")))).containsExactly(o1);
        assertThat(ids(search(agent, body("{\"q\": \"lovelace paris\"}")))).isEmpty();
        // the other tenant's order has the same words: never found from here
        assertThat(ids(search(agent, body("{\"q\": \"EXT-OTHER\"}")))).isEmpty();
        assertThat(ids(search(agent, body("{\"q\": \"london\", \"sort\": [{\"field\": \"_score\"}], \"filters\": {\"channel\": {\"eq\": \"store\"}}}")))).containsExactly(o2);
    }

    @Test
    void aggregationsCountEveryMatchAndSumTotalsExactlyPerCurrency() {
        JsonNode r = search(agent, "?limit=1", body("{\"aggregations\": {\"terms\": [\"currency\", \"channel\", \"status\", \"payment_status\"], "
                + "\"histogram\": {\"interval\": \"day\"}, \"totals\": true}}"));
        assertThat(r.path("data")).hasSize(1);
        assertThat(r.path("total").asLong()).isEqualTo(5);
        JsonNode currency = r.path("aggregations").path("terms").path("currency").path("buckets");
        assertThat(currency.get(0).path("key").asText()).isEqualTo("GBP");
        assertThat(currency.get(0).path("count").asLong()).isEqualTo(3);
        assertThat(r.path("aggregations").path("terms").path("status").path("buckets").get(0).path("count").asLong()).isEqualTo(5);
        assertThat(r.path("aggregations").path("terms").path("channel").path("buckets").get(0).path("key").asText()).isEqualTo("web-uk");
        long gbp = totals.get(o1) + totals.get(o2) + totals.get(o5);
        JsonNode gbpTotals = null;
        for (JsonNode t : r.path("aggregations").path("totals")) if (t.path("currency").asText().equals("GBP")) gbpTotals = t;
        assertThat(gbpTotals).isNotNull();
        assertThat(gbpTotals.path("sum").asLong()).isEqualTo(gbp);
        assertThat(gbpTotals.path("count").asLong()).isEqualTo(3);
        assertThat(gbpTotals.path("average").asLong()).isEqualTo(java.math.BigDecimal.valueOf(gbp)
                .divide(java.math.BigDecimal.valueOf(3), 0, java.math.RoundingMode.HALF_UP).longValue());
        assertThat(r.path("aggregations").path("totals")).hasSize(3);
        JsonNode days = r.path("aggregations").path("histogram");
        long counted = 0;
        for (JsonNode d : days) counted += d.path("count").asLong();
        assertThat(counted).isEqualTo(5);
    }

    @Test
    void sortsAndDeepCursorPaging() {
        assertThat(ids(search(agent, body("{\"filters\": {\"currency\": {\"eq\": \"GBP\"}}, \"sort\": [{\"field\": \"total\", \"order\": \"asc\"}]}"))))
                .containsExactly(o5, o2, o1);
        assertThat(ids(search(agent, body("{\"sort\": [{\"field\": \"created_at\", \"order\": \"desc\"}]}")))).containsExactly(o5, o4, o3, o2, o1);

        String pager = newTenant();
        Client c = as(pager, "agent-p", "agent");
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 23; i++) made.add(make(c, "c" + (i % 4), "web-uk", "GBP", "SKU-P", 1, 100 + i, o -> { }));
        eventually("23 orders indexed", () -> search(c, Json.object()).path("total").asLong() == 23);
        // every order has the same status: the order id breaks the ties, so no page skips or repeats one
        ObjectNode q = body("{\"sort\": [{\"field\": \"status\"}]}");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = search(c, "?limit=5" + (cursor == null ? "" : "&cursor=" + cursor), q);
            seen.addAll(ids(page));
            cursor = page.path("has_more").asBoolean() ? page.path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(made);

        String first = search(c, "?limit=5", q).path("next_cursor").asText();
        assertThat(c.post("/v1/orders/search?limit=5&cursor=" + first, body("{\"q\": \"x\"}")).code()).isEqualTo("request.invalid_cursor");
        assertThat(as(pager, "someone-else", "agent").post("/v1/orders/search?limit=5&cursor=" + first, q).code()).isEqualTo("request.invalid_cursor");
    }

    @Test
    void aTenantSeesOnlyItsOwnOrders() {
        assertThat(search(otherAgent, Json.object()).path("total").asLong()).isEqualTo(1);
        assertThat(ids(search(otherAgent, body("{\"filters\": {\"external_reference\": {\"eq\": \"EXT-S-1\"}}}")))).isEmpty();
        assertThat(ids(search(agent, body("{\"filters\": {\"external_reference\": {\"eq\": \"EXT-OTHER\"}}}")))).isEmpty();
        // X-Tenant-ID cannot widen it either
        assertThat(otherAgent.header("x-tenant-id", tenant).post("/v1/orders/search", Json.object()).status()).isEqualTo(403);
    }

    @Test
    void rolesAndBadQueries() {
        assertThat(customer(tenant, "c1").post("/v1/orders/search", Json.object()).status()).isEqualTo(403);
        assertThat(anonymous().post("/v1/orders/search", Json.object()).status()).isEqualTo(401);
        for (String role : List.of("admin", "supervisor", "finance", "fraud_analyst", "fulfillment_manager", "service")) {
            assertThat(as(tenant, "r-" + role, role).post("/v1/orders/search", Json.object()).status()).as(role).isEqualTo(200);
        }
        assertThat(bad("{\"filters\": {\"colour\": {\"eq\": \"red\"}}}").path("errors").get(0).path("code").asText()).isEqualTo("field.unknown");
        assertThat(bad("{\"filters\": {\"status\": {\"like\": \"created\"}}}").path("errors").get(0).path("code").asText()).isEqualTo("field.unknown");
        assertThat(bad("{\"filters\": {\"status\": {\"eq\": \"lost\"}}}").path("errors").get(0).path("code").asText()).isEqualTo("field.not_allowed");
        assertThat(bad("{\"filters\": {\"total\": {\"gte\": 100}}}").path("errors").get(0).path("code").asText()).isEqualTo("field.required");
        assertThat(bad("{\"filters\": {\"total\": {\"currency\": \"GBP\", \"gte\": 500, \"lte\": 100}}}").path("errors").get(0).path("code").asText()).isEqualTo("search.empty_range");
        assertThat(bad("{\"filters\": {\"total\": {\"currency\": \"GBP\", \"gte\": 5, \"gt\": 1}}}").path("errors").get(0).path("code").asText()).isEqualTo("search.operator_conflict");
        assertThat(bad("{\"filters\": {\"created_at\": {\"gte\": \"yesterday\"}}}").path("errors").get(0).path("code").asText()).isEqualTo("field.format");
        assertThat(bad("{\"sort\": [{\"field\": \"_score\"}]}").path("errors").get(0).path("code").asText()).isEqualTo("search.relevance_without_q");
        assertThat(bad("{\"sort\": [{\"field\": \"colour\"}]}").path("errors").get(0).path("code").asText()).isEqualTo("field.not_allowed");
        assertThat(bad("{\"aggregations\": {\"terms\": [\"sku\"]}}").path("errors").get(0).path("code").asText()).isEqualTo("field.not_allowed");
        assertThat(bad("{\"limit\": 5}").path("errors").get(0).path("code").asText()).isEqualTo("field.unknown");
        assertThat(agent.post("/v1/orders/search?cursor=forged.cursor", Json.object()).code()).isEqualTo("request.invalid_cursor");
        StringBuilder many = new StringBuilder("{\"q\": \"x\", \"filters\": {\"sku\": {\"in\": [");
        for (int i = 0; i < 100; i++) many.append(i == 0 ? "" : ",").append("\"").append("S".repeat(200)).append(i).append("\"");
        Resp large = agent.post("/v1/orders/search", many.append("]}}}").toString());
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.code()).isEqualTo("request.too_large");
    }

    private static JsonNode bad(String json) {
        Resp r = agent.post("/v1/orders/search", json);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("request.invalid");
        return r.json();
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOneAndDeletedOrdersLeave() {
        String own = newTenant();
        Client agent = as(own, "agent-v", "agent");
        String id = make(agent, "c9", "phone", "EUR", "SKU-V", 1, 900, o -> { });
        assertThat(agent.patch("/v1/orders/" + id, Map.of("metadata", Map.of("merchant_reference", "M-NEW"))).status()).isEqualTo(200);
        ObjectNode byId = body("{\"filters\": {\"channel\": {\"eq\": \"phone\"}}}");
        eventually("version 2 indexed", () -> search(agent, byId).path("data").path(0).path("version").asLong() == 2);

        // a late writer with version 1 (a stale stream record, a slow rebuild) is refused by the index itself
        OpenSearchOrders index = new OpenSearchOrders(new OpenSearchHttp(SearchSettings.fromEnvironment()));
        Instant t = Instant.now();
        boolean written = index.index(new OrderSearchDocument(own, id, 1, 1, "cancelled", "phone", "c9", null, null, "EUR", 900,
                "unpaid", "unfulfilled", "none", null, "M-OLD", null, List.of("SKU-V"), List.of(), List.of(), List.of(), t, t));
        assertThat(written).isFalse();
        index.refresh();
        JsonNode hit = search(agent, byId).path("data").path(0);
        assertThat(hit.path("version").asLong()).isEqualTo(2);
        assertThat(hit.path("status").asText()).isEqualTo("created");
        assertThat(hit.path("merchant_reference").asText()).isEqualTo("M-NEW");

        assertThat(as(own, "adm", "admin").delete("/v1/orders/" + id).status()).isIn(200, 204);
        eventually("the deleted order removed", () -> ids(search(agent, byId)).isEmpty());
    }

    @Test
    void theRebuildReindexesATenantPageByPage() {
        Client admin = as(tenant, "adm-r", "admin");
        assertThat(agent.post("/v1/orders/search/reindex", null).status()).isEqualTo(403);
        int indexed = 0, unchanged = 0, pages = 0;
        String cursor = null;
        do {
            Resp r = admin.post("/v1/orders/search/reindex?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            indexed += r.json().path("indexed").asInt();
            unchanged += r.json().path("unchanged").asInt();
            cursor = r.json().path("has_more").asBoolean() ? r.json().path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(cursor).isNull();
        // everything was indexed by the stream already: the rebuild finds every order up to date
        assertThat(indexed + unchanged).isGreaterThanOrEqualTo(5);
        assertThat(search(agent, Json.object()).path("total").asLong()).isGreaterThanOrEqualTo(5);
    }
}
