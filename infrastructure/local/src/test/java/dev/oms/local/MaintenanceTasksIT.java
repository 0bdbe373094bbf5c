package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.streams.MaintenanceTasks;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The operator tasks (issue 11): the metrics counters of a tenant rebuilt from the table give what the stream
 * projector counted (after the counters were damaged), only for settled days; the GSI4/GSI5 reference keys backfilled
 * onto headers that lack them, so lookup finds those orders.
 */
class MaintenanceTasksIT {
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    /** The tasks as they run two days from now, when today is a settled day. */
    private static MaintenanceTasks twoDaysLater() {
        return new MaintenanceTasks(Platform.get().table, Clock.offset(Clock.systemUTC(), Duration.ofDays(2)));
    }

    private static Map<String, Object> rebuild(MaintenanceTasks tasks, String tenant, LocalDate from, LocalDate to) {
        return tasks.handleRequest(Map.of("task", "rebuild_counters", "tenant_id", tenant, "from", from.toString(), "to", to.toString()), null);
    }

    @Test
    void rebuiltCountersEqualWhatTheStreamCountedAndStaleItemsGo() {
        String t = newTenant();
        Client agent = as(t, "agent-mt", "agent");
        Client manager = as(t, "sup-mt", "supervisor");
        Client wh = as(t, "wh-mt", "warehouse_supervisor");
        String shipped = create(agent, paidOrder(agent, "cmt1", "captured"));
        String lineId = agent.post("/v1/orders/" + shipped + "/confirm", null).json().path("lines").get(0).path("id").asText();
        String fid = wh.post("/v1/orders/" + shipped + "/fulfillments", Map.of("warehouse_id", "wh_mt",
                "lines", List.of(Map.of("line_id", lineId, "quantity", 2)))).json().path("id").asText();
        assertThat(wh.patch("/v1/orders/" + shipped + "/fulfillments/" + fid, Map.of("status", "picking")).status()).isEqualTo(200);
        assertThat(wh.post("/v1/orders/" + shipped + "/fulfillments/" + fid + "/ship", Map.of()).status()).isIn(200, 201);
        ObjectNode pos = order("cmt2");
        pos.put("channel", "pos");
        String posOrder = create(agent, pos);

        String range = "?from=" + TODAY + "&to=" + TODAY;
        eventually("the stream's counts", () -> manager.get("/v1/orders/metrics" + range).json().path("totals").path("shipments_count").asLong() == 1
                && manager.get("/v1/orders/summary" + range).json().path("orders_count").asLong() == 2
                && manager.get("/v1/orders/metrics/fulfillment" + range).json().path("warehouses").path(0).path("ship").path("count").asLong() == 1);
        JsonNode metrics = manager.get("/v1/orders/metrics" + range).json();
        JsonNode summary = manager.get("/v1/orders/summary" + range).json();
        JsonNode fulfillment = manager.get("/v1/orders/metrics/fulfillment" + range).json();

        // damage: the all-channels day gone (every shard of it), a channel's day wrong, a stale day nothing counts
        SingleTable table = Platform.get().table;
        for (String shard : Keys.orderMetrics(t, "*")) table.delete(shard, TODAY.toString());
        table.client().putItem(r -> r.tableName(table.name()).item(Map.of(Keys.PK, AttributeValue.fromS(Keys.orderMetrics(t, "pos", posOrder)),
                Keys.SK, AttributeValue.fromS(TODAY.toString()), "orders_GBP", AttributeValue.fromN("99"))));
        LocalDate yesterday = TODAY.minusDays(1);
        table.client().putItem(r -> r.tableName(table.name()).item(Map.of(Keys.PK, AttributeValue.fromS(Keys.orderMetrics(t, "web-uk", "any")),
                Keys.SK, AttributeValue.fromS(yesterday.toString()), "orders_GBP", AttributeValue.fromN("7"))));
        assertThat(manager.get("/v1/orders/summary" + range).json()).isNotEqualTo(summary);

        Map<String, Object> done = rebuild(twoDaysLater(), t, yesterday, TODAY);
        assertThat(done).as(done.toString()).doesNotContainKey("error").containsEntry("orders", 2L).containsEntry("deleted", 1);
        assertThat(manager.get("/v1/orders/metrics" + range).json()).isEqualTo(metrics);
        assertThat(manager.get("/v1/orders/summary" + range).json()).isEqualTo(summary);
        assertThat(manager.get("/v1/orders/metrics/fulfillment" + range).json()).isEqualTo(fulfillment);
        assertThat(manager.get("/v1/orders/summary?from=" + yesterday + "&to=" + yesterday).json().path("orders_count").asLong()).isZero();

        // again: the same items
        rebuild(twoDaysLater(), t, yesterday, TODAY);
        assertThat(manager.get("/v1/orders/metrics" + range).json()).isEqualTo(metrics);
        // another tenant's rebuild leaves these alone
        assertThat(rebuild(twoDaysLater(), newTenant(), yesterday, TODAY)).containsEntry("orders", 0L);
        assertThat(manager.get("/v1/orders/summary" + range).json()).isEqualTo(summary);
    }

    @Test
    void onlySettledDaysAreRebuiltAndBadRequestsChangeNothing() {
        MaintenanceTasks now = new MaintenanceTasks(Platform.get().table, Clock.systemUTC());
        String t = newTenant();
        assertThat(rebuild(now, t, TODAY.minusDays(3), TODAY).get("error").toString()).contains("still being counted");
        assertThat(rebuild(now, t, TODAY.minusDays(3), TODAY.minusDays(4)).get("error").toString()).contains("on or before");
        assertThat(now.handleRequest(Map.of("task", "rebuild_counters", "tenant_id", t, "to", "yesterday"), null).get("error").toString())
                .contains("YYYY-MM-DD");
        assertThat(now.handleRequest(Map.of("task", "rebuild_counters"), null)).containsKey("error");
        assertThat(now.handleRequest(Map.of("task", "reindex", "tenant_id", t), null)).containsKey("error");
        Map<String, Object> defaults = now.handleRequest(Map.of("task", "rebuild_counters", "tenant_id", t), null);
        assertThat(defaults).doesNotContainKey("error").containsEntry("to", TODAY.minusDays(2).toString())
                .containsEntry("from", TODAY.minusDays(367).toString());
    }

    @Test
    void theShardTaskMovesItemsWrittenBeforeShardingIntoTheirShardsOnce() {
        String t = newTenant();
        Client agent = as(t, "agent-mt", "agent");
        Client auditor = as(t, "sup-mt", "supervisor");
        String old = create(agent, order("cmt7"));
        String recent = create(agent, order("cmt8"));
        String status = agent.get("/v1/orders/" + old).json().path("status").asText();
        // as if written before sharding: the header's list keys and its events' audit keys unsharded
        SingleTable table = Platform.get().table;
        table.client().updateItem(r -> r.tableName(table.name()).key(Map.of(Keys.PK, AttributeValue.fromS(Keys.order(t, old)),
                Keys.SK, AttributeValue.fromS(Keys.ORDER_SK))).updateExpression("SET GSI1PK = :c, GSI2PK = :s")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(Keys.unshardedOrders(t)),
                        ":s", AttributeValue.fromS("T#" + t + "#ORDERS#STATUS#" + status))));
        int events = 0;
        for (var d : table.query(dev.oms.platform.dynamo.TableQuery.builder()
                .keyCondition(dev.oms.platform.dynamo.KeyCondition.sortBeginsWith(Keys.order(t, old), Keys.EVENT_SK_PREFIX)).build()).items()) {
            events++;
            table.client().updateItem(r -> r.tableName(table.name()).key(SingleTable.primaryKey(d.path(Keys.PK).asText(), d.path(Keys.SK).asText()))
                    .updateExpression("SET GSI1PK = :a")
                    .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(Keys.unshardedAudit(t)))));
        }
        assertThat(events).isPositive();
        assertThat(ids(agent.get("/v1/orders?limit=50").json())).containsExactly(recent);
        assertThat(auditor.get("/v1/orders/audit?limit=100").json().path("data").findValuesAsText("order_id")).doesNotContain(old);

        MaintenanceTasks tasks = new MaintenanceTasks(table, Clock.systemUTC());
        Map<String, Object> first = tasks.handleRequest(Map.of("task", "shard_tenant_keys", "tenant_id", t), null);
        assertThat(first).as(first.toString()).containsEntry("orders", 1L).containsEntry("events", (long) events).containsEntry("changed_meanwhile", 0L);
        assertThat(ids(agent.get("/v1/orders?limit=50").json())).containsExactlyInAnyOrder(old, recent);
        assertThat(ids(agent.get("/v1/orders?status=" + status + "&limit=50").json())).containsExactlyInAnyOrder(old, recent);
        assertThat(auditor.get("/v1/orders/audit?limit=100").json().path("data").findValuesAsText("order_id")).contains(old, recent);
        assertThat(tasks.handleRequest(Map.of("task", "shard_tenant_keys", "tenant_id", t), null)).containsEntry("orders", 0L).containsEntry("events", 0L);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new java.util.ArrayList<>();
        page.path("data").forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }

    @Test
    void theBackfillGivesOldHeadersTheirReferenceKeysOnce() {
        String t = newTenant();
        Client agent = as(t, "agent-mt", "agent");
        ObjectNode body = order("cmt3");
        body.putObject("metadata").put("merchant_reference", "M-OLD").put("customer_reference", "PO-OLD");
        String id = create(agent, body);
        String plain = create(agent, order("cmt4"));
        // as if written before GSI4/GSI5 existed
        SingleTable table = Platform.get().table;
        table.client().updateItem(r -> r.tableName(table.name()).key(Map.of(Keys.PK, AttributeValue.fromS(Keys.order(t, id)),
                Keys.SK, AttributeValue.fromS(Keys.ORDER_SK))).updateExpression("REMOVE GSI4PK, GSI4SK, GSI5PK, GSI5SK"));
        assertThat(agent.post("/v1/orders/lookup", Map.of("merchant_reference", "M-OLD")).json().path("data")).isEmpty();
        long version = agent.get("/v1/orders/" + id).json().path("version").asLong();

        MaintenanceTasks tasks = new MaintenanceTasks(table, Clock.systemUTC());
        Map<String, Object> first = tasks.handleRequest(Map.of("task", "backfill_reference_keys", "tenant_id", t), null);
        assertThat(first).containsEntry("examined", 2L).containsEntry("updated", 1L);
        assertThat(agent.post("/v1/orders/lookup", Map.of("merchant_reference", "M-OLD")).json().path("data").get(0).path("id").asText()).isEqualTo(id);
        assertThat(agent.post("/v1/orders/lookup", Map.of("customer_reference", "PO-OLD")).json().path("data").get(0).path("id").asText()).isEqualTo(id);
        // the order itself is unchanged: same version, no event
        assertThat(agent.get("/v1/orders/" + id).json().path("version").asLong()).isEqualTo(version);
        assertThat(tasks.handleRequest(Map.of("task", "backfill_reference_keys", "tenant_id", t), null)).containsEntry("updated", 0L);
        assertThat(agent.get("/v1/orders/" + plain).status()).isEqualTo(200);
    }

    @Test
    void theOrderNumberBackfillLetsTheGuestLookupFindOlderOrdersOnce() {
        String t = newTenant();
        Client agent = as(t, "agent-mt", "agent");
        String id = create(agent, order("cmt5"));
        String other = create(agent, order("cmt6"));
        long number = agent.get("/v1/orders/" + id).json().path("number").asLong();
        // as if created before the guest lookup's order-number item existed
        SingleTable table = Platform.get().table;
        table.client().deleteItem(r -> r.tableName(table.name()).key(Map.of(Keys.PK, AttributeValue.fromS(dev.oms.platform.dynamo.GuestLookupItems.orderNumber(t, number)),
                Keys.SK, AttributeValue.fromS(Keys.SINGLE))));
        var numbers = new dev.oms.platform.dynamo.GuestLookupItems(table);
        assertThat(numbers.orderIdOf(t, number)).isEmpty();
        long version = agent.get("/v1/orders/" + id).json().path("version").asLong();

        MaintenanceTasks tasks = new MaintenanceTasks(table, Clock.systemUTC());
        Map<String, Object> first = tasks.handleRequest(Map.of("task", "backfill_order_numbers", "tenant_id", t), null);
        assertThat(first).containsEntry("examined", 2L).containsEntry("written", 1L).containsEntry("already_present", 1L);
        assertThat(numbers.orderIdOf(t, number)).contains(id);
        assertThat(numbers.orderIdOf(t, agent.get("/v1/orders/" + other).json().path("number").asLong())).contains(other);
        // the order itself is unchanged, and a second run writes nothing
        assertThat(agent.get("/v1/orders/" + id).json().path("version").asLong()).isEqualTo(version);
        assertThat(tasks.handleRequest(Map.of("task", "backfill_order_numbers", "tenant_id", t), null)).containsEntry("written", 0L)
                .containsEntry("already_present", 2L);
    }
}
