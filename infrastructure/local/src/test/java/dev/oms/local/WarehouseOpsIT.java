package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.dynamo.WarehouseOpsKeys;
import dev.oms.platform.events.EventEnvelope;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 part C, warehouse operations (docs/fulfillment-operations.md): routing rules evaluated with an explanation,
 * packaging profiles under their version, devices registered to a warehouse, the fulfilment settings shared with the order
 * settings, health and the warehouse roles; events of their own aggregates, replays, conflicts, roles and tenants.
 */
class WarehouseOpsIT {
    static String tenant;
    static Client manager;
    static Client admin;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        manager = as(tenant, "fm-1", "fulfillment_manager");
        admin = as(tenant, "adm-wh", "admin");
    }

    static Map<String, Object> rule(String name, int priority, String warehouse) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("priority", priority);
        m.put("warehouse_id", warehouse);
        return m;
    }

    @Test
    void routingRulesAreEvaluatedInPriorityOrderWithAnExplanation() {
        String mine = newTenant();
        Client fm = as(mine, "fm-rr", "fulfillment_manager");
        Map<String, Object> eu = rule("EU shoes", 10, "wh-rotterdam");
        eu.put("destination_countries", List.of("NL", "BE"));
        eu.put("skus", List.of("SHOE-*"));
        eu.put("carrier", "dhl");
        Resp first = fm.post("/v1/fulfillment/routing-rules", eu);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("position").asInt()).isZero();
        String euId = first.json().path("id").asText();
        Map<String, Object> heavy = rule("Heavy goods", 5, "wh-leeds");
        heavy.put("max_weight_grams", 1000);
        heavy.put("enabled", true);
        Resp second = fm.post("/v1/fulfillment/routing-rules", heavy);
        assertThat(second.json().path("position").asInt()).isZero();
        fm.post("/v1/fulfillment/routing-rules", rule("Everything else", 100, "wh-main"));

        JsonNode all = fm.get("/v1/fulfillment/routing-rules").json();
        assertThat(all.path("data").findValuesAsText("name")).containsExactly("Heavy goods", "EU shoes", "Everything else");
        assertThat(all.path("evaluation").isNull()).isTrue();

        JsonNode e = fm.get("/v1/fulfillment/routing-rules?destination_country=nl&skus=SHOE-1,SHOE-2&weight_grams=4000").json().path("evaluation");
        assertThat(e.path("matched_rule_id").asText()).isEqualTo(euId);
        assertThat(e.path("warehouse_id").asText()).isEqualTo("wh-rotterdam");
        assertThat(e.path("carrier").asText()).isEqualTo("dhl");
        assertThat(e.path("explanations").get(0).path("reason").asText()).contains("weight 4000 g is over 1000 g");
        assertThat(e.path("explanations")).hasSize(2);

        JsonNode fallback = fm.get("/v1/fulfillment/routing-rules?destination_country=FR&skus=SHOE-1&weight_grams=4000").json().path("evaluation");
        assertThat(fallback.path("warehouse_id").asText()).isEqualTo("wh-main");
        assertThat(fallback.path("explanations").get(1).path("reason").asText()).contains("destination FR is not in [NL, BE]");
        // the same question, the same answer
        assertThat(fm.get("/v1/fulfillment/routing-rules?destination_country=FR&skus=SHOE-1&weight_grams=4000").json().path("evaluation"))
                .isEqualTo(fallback);

        Map<String, Object> preview = rule("Preview", 50, "wh-x");
        preview.put("dry_run", true);
        Resp dry = fm.post("/v1/fulfillment/routing-rules", preview);
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.json().path("position").asInt()).isEqualTo(2);
        assertThat(fm.get("/v1/fulfillment/routing-rules").json().path("data")).hasSize(3);

        List<JsonNode> events = events(mine, WarehouseOpsKeys.RULE, euId);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("type").asText()).isEqualTo("routing_rule.created");
        assertThat(events.get(0).path("order_id").isNull()).isTrue();
        assertThat(events.get(0).path("subject").path("type").asText()).isEqualTo("routing_rule");
        assertThat(events.get(0).path("subject").path("id").asText()).isEqualTo(euId);
        assertThat(events.get(0).path("actor").path("id").asText()).isEqualTo("fm-rr");
    }

    @Test
    void badRoutingRulesAreRefusedWithTheFieldNamed() {
        Map<String, Object> badCountry = rule("x", 1, "wh-1");
        badCountry.put("destination_countries", List.of("gb"));
        Resp r = manager.post("/v1/fulfillment/routing-rules", badCountry);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("destination_countries");
        Map<String, Object> noWarehouse = new HashMap<>(Map.of("name", "x", "priority", 1));
        assertThat(manager.post("/v1/fulfillment/routing-rules", noWarehouse).code()).isEqualTo("request.invalid");
        Map<String, Object> unknown = rule("x", 1, "wh-1");
        unknown.put("colour", "red");
        assertThat(manager.post("/v1/fulfillment/routing-rules", unknown).code()).isEqualTo("request.invalid");
        assertThat(manager.post("/v1/fulfillment/routing-rules", rule("x", 10001, "wh-1")).status()).isEqualTo(400);
        assertThat(manager.get("/v1/fulfillment/routing-rules?weight_grams=0").status()).isEqualTo(400);
        assertThat(manager.get("/v1/fulfillment/routing-rules?region=GB").code()).isEqualTo("request.invalid");
    }

    @Test
    void packagingProfilesChangeUnderTheirVersion() {
        Resp created = manager.post("/v1/fulfillment/packaging-profiles", Map.of("name", "Small", "length_mm", 300, "width_mm", 200,
                "height_mm", 100, "max_weight_grams", 5000));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.header("etag")).isEqualTo("\"1\"");
        manager.post("/v1/fulfillment/packaging-profiles", Map.of("name", "Leeds large", "warehouse_id", "wh-leeds", "length_mm", 600,
                "width_mm", 400, "height_mm", 400, "max_weight_grams", 20000));
        manager.post("/v1/fulfillment/packaging-profiles", Map.of("name", "Bristol large", "warehouse_id", "wh-bristol", "length_mm", 600,
                "width_mm", 400, "height_mm", 400, "max_weight_grams", 20000));
        assertThat(manager.get("/v1/fulfillment/packaging-profiles?warehouse_id=wh-leeds").json().path("data").findValuesAsText("name"))
                .containsExactlyInAnyOrder("Small", "Leeds large");

        Resp changed = manager.header("If-Match", "\"1\"").patch("/v1/fulfillment/packaging-profiles/" + id, Map.of("max_weight_grams", 8000));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("max_weight_grams").asLong()).isEqualTo(8000);
        assertThat(changed.json().path("version").asLong()).isEqualTo(2);
        Resp stale = manager.patch("/v1/fulfillment/packaging-profiles/" + id, Map.of("active", false, "version", 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("packaging_profile.version_conflict");
        assertThat(stale.json().path("current_version").asLong()).isEqualTo(2);
        assertThat(manager.patch("/v1/fulfillment/packaging-profiles/" + id, Map.of("warehouse_id", "wh-bristol")).json()
                .path("warehouse_id").asText()).isEqualTo("wh-bristol");
        assertThat(manager.get("/v1/fulfillment/packaging-profiles?warehouse_id=wh-leeds").json().path("data").findValuesAsText("name"))
                .containsExactly("Leeds large");

        assertThat(manager.patch("/v1/fulfillment/packaging-profiles/" + id, Map.of()).code()).isEqualTo("request.invalid");
        assertThat(manager.patch("/v1/fulfillment/packaging-profiles/" + id, Map.of("length_mm", 0)).status()).isEqualTo(400);
        assertThat(manager.patch("/v1/fulfillment/packaging-profiles/pkp_missing", Map.of("active", false)).code()).isEqualTo("packaging_profile.not_found");
        assertThat(manager.post("/v1/fulfillment/packaging-profiles", Map.of("name", "No size")).status()).isEqualTo(400);

        List<JsonNode> events = events(tenant, WarehouseOpsKeys.PROFILE, id);
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactlyInAnyOrder("packaging_profile.created", "packaging_profile.updated", "packaging_profile.updated");
        assertThat(events).extracting(e -> e.path("sequence").asLong()).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void replaysAnswerTheFirstResponseAndReusedKeysAreRefused() {
        Client keyed = manager.header("Idempotency-Key", "wh-profile-once");
        Map<String, Object> body = Map.of("name", "Once", "length_mm", 100, "width_mm", 100, "height_mm", 100, "max_weight_grams", 1000);
        Resp first = keyed.post("/v1/fulfillment/packaging-profiles", body);
        Resp again = keyed.post("/v1/fulfillment/packaging-profiles", body);
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(keyed.post("/v1/fulfillment/packaging-profiles", Map.of("name", "Other", "length_mm", 100, "width_mm", 100,
                "height_mm", 100, "max_weight_grams", 1000)).code()).isEqualTo("idempotency.key_reused");
        assertThat(manager.get("/v1/fulfillment/packaging-profiles").json().path("data").findValuesAsText("name")).containsOnlyOnce("Once");

        Client ruleKey = manager.header("Idempotency-Key", "wh-rule-once");
        Resp r1 = ruleKey.post("/v1/fulfillment/routing-rules", rule("Replayed", 7, "wh-r"));
        Resp r2 = ruleKey.post("/v1/fulfillment/routing-rules", rule("Replayed", 7, "wh-r"));
        assertThat(r2.status()).isEqualTo(201);
        assertThat(r2.json().path("id").asText()).isEqualTo(r1.json().path("id").asText());
    }

    @Test
    void devicesAreRegisteredToAWarehouseAndRegisteredAgainUnderTheirVersion() {
        Client supervisor = as(tenant, "ws-1", "warehouse_supervisor");
        Resp first = supervisor.post("/v1/fulfillment/devices/scanner-12/register", Map.of("warehouse_id", "wh-leeds", "kind", "scanner",
                "name", "Zebra 12"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("version").asLong()).isEqualTo(1);
        Resp moved = supervisor.header("If-Match", "\"1\"").post("/v1/fulfillment/devices/scanner-12/register",
                Map.of("warehouse_id", "wh-bristol", "kind", "scanner"));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().path("warehouse_id").asText()).isEqualTo("wh-bristol");
        assertThat(moved.json().path("version").asLong()).isEqualTo(2);
        Resp stale = supervisor.post("/v1/fulfillment/devices/scanner-12/register", Map.of("warehouse_id", "wh-x", "kind", "scanner", "version", 1));
        assertThat(stale.code()).isEqualTo("device.version_conflict");
        assertThat(supervisor.post("/v1/fulfillment/devices/scanner-12/register", Map.of("warehouse_id", "wh-x", "kind", "toaster")).status())
                .isEqualTo(400);
        assertThat(supervisor.post("/v1/fulfillment/devices/bad%20id/register", Map.of("warehouse_id", "wh-x", "kind", "printer")).status())
                .isEqualTo(400);
        List<JsonNode> events = events(tenant, WarehouseOpsKeys.DEVICE, "scanner-12");
        assertThat(events).extracting(e -> e.path("data").path("previous_warehouse_id").asText(null)).containsExactlyInAnyOrder(null, "wh-leeds");
        // concurrent first registrations of one id without a version: exactly one 201, the others register it again
        List<Integer> statuses = concurrently(4, () -> supervisor.post("/v1/fulfillment/devices/printer-7/register",
                Map.of("warehouse_id", "wh-leeds", "kind", "printer")).status());
        assertThat(statuses).containsOnlyOnce(201).containsOnly(200, 201);
        assertThat(events(tenant, WarehouseOpsKeys.DEVICE, "printer-7")).hasSize(4);
    }

    @Test
    void fulfilmentSettingsAreTheOrderSettingsFulfilmentPart() {
        String mine = newTenant();
        Client adm = as(mine, "adm-s", "admin");
        JsonNode before = as(mine, "p", "picker").get("/v1/fulfillment/settings").json();
        assertThat(before.path("allow_partial_shipments").asBoolean()).isTrue();
        Resp changed = adm.patch("/v1/fulfillment/settings", Map.of("default_warehouse", "wh-leeds", "allow_partial_shipments", false,
                "reason", "peak"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode orders = adm.get("/v1/orders/settings").json();
        assertThat(orders.path("default_warehouse").asText()).isEqualTo("wh-leeds");
        assertThat(orders.path("allow_partial_shipments").asBoolean()).isFalse();
        assertThat(orders.path("version").asLong()).isEqualTo(changed.json().path("version").asLong());
        Resp stale = adm.header("If-Match", "\"1\"").patch("/v1/fulfillment/settings", Map.of("allow_partial_shipments", true));
        assertThat(stale.code()).isEqualTo("settings.version_conflict");
        assertThat(adm.patch("/v1/fulfillment/settings", Map.of("return_window_days", 3)).code()).isEqualTo("request.invalid");
        assertThat(adm.patch("/v1/fulfillment/settings", Map.of()).code()).isEqualTo("request.invalid");
        assertThat(as(mine, "fm", "fulfillment_manager").patch("/v1/fulfillment/settings", Map.of("allow_partial_shipments", true)).status())
                .isEqualTo(403);
    }

    @Test
    void healthAndRoles() {
        Resp open = anonymous().get("/v1/fulfillment/health");
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json().has("checks")).isFalse();
        JsonNode checks = admin.get("/v1/fulfillment/health").json().path("checks");
        assertThat(checks.path("dynamodb").path("status").asText()).isEqualTo("ok");
        assertThat(checks.path("connectors").findValuesAsText("port")).containsExactlyInAnyOrder("fulfillment_provider", "carrier");

        JsonNode roles = as(tenant, "pk", "packer").get("/v1/fulfillment/roles").json().path("data");
        assertThat(roles.findValuesAsText("role")).contains("picker", "packer", "qc_agent", "warehouse_supervisor", "fulfillment_manager")
                .doesNotContain("admin", "customer");
        for (JsonNode r : roles) {
            List<String> expected = dev.oms.app.security.RolePermissions.TABLE.get(r.path("role").asText()).stream()
                    .map(dev.oms.app.security.Permission::wire).toList();
            List<String> listed = new ArrayList<>();
            r.path("permissions").forEach(p -> listed.add(p.asText()));
            assertThat(listed).isEqualTo(expected);
        }
    }

    @Test
    void rolesDecideWhoMayCallEachRoute() {
        Client picker = as(tenant, "pk-1", "picker");
        Client agent = as(tenant, "ag-1", "agent");
        Client customer = customer(tenant, "c-wh");
        assertThat(picker.get("/v1/fulfillment/routing-rules").status()).isEqualTo(200);
        assertThat(picker.post("/v1/fulfillment/routing-rules", rule("x", 1, "wh")).code()).isEqualTo("auth.forbidden");
        assertThat(picker.post("/v1/fulfillment/packaging-profiles", Map.of("name", "x", "length_mm", 1, "width_mm", 1, "height_mm", 1,
                "max_weight_grams", 1)).status()).isEqualTo(403);
        assertThat(picker.post("/v1/fulfillment/devices/d1/register", Map.of("warehouse_id", "w", "kind", "scanner")).status()).isEqualTo(403);
        assertThat(as(tenant, "ws", "warehouse_supervisor").post("/v1/fulfillment/routing-rules", rule("x", 1, "wh")).status()).isEqualTo(403);
        assertThat(agent.get("/v1/fulfillment/packaging-profiles").status()).isEqualTo(403);
        assertThat(agent.get("/v1/fulfillment/roles").status()).isEqualTo(403);
        assertThat(customer.get("/v1/fulfillment/settings").status()).isEqualTo(403);
        assertThat(anonymous().get("/v1/fulfillment/routing-rules").status()).isEqualTo(401);
    }

    @Test
    void anotherTenantSeesNothingAndChangesNothing() {
        Resp created = manager.post("/v1/fulfillment/packaging-profiles", Map.of("name", "Mine", "length_mm", 10, "width_mm", 10,
                "height_mm", 10, "max_weight_grams", 10));
        String id = created.json().path("id").asText();
        manager.post("/v1/fulfillment/routing-rules", rule("Mine", 3, "wh-mine"));
        Client other = as(newTenant(), "fm-other", "fulfillment_manager");
        assertThat(other.patch("/v1/fulfillment/packaging-profiles/" + id, Map.of("active", false)).status()).isEqualTo(404);
        assertThat(other.get("/v1/fulfillment/packaging-profiles").json().path("data")).isEmpty();
        assertThat(other.get("/v1/fulfillment/routing-rules").json().path("data")).isEmpty();
        assertThat(other.get("/v1/fulfillment/routing-rules?destination_country=GB").json().path("evaluation").path("matched_rule_id").isNull()).isTrue();
        assertThat(manager.get("/v1/fulfillment/packaging-profiles").json().path("data").findValuesAsText("id")).contains(id);
    }

    @Test
    void fulfilmentWebhooksAreSubscriptionsOfTheWebhookEngineLimitedToFulfilmentEvents() throws Exception {
        String mine = newTenant();
        Client adm = as(mine, "adm-hooks", "admin");
        try (WebhooksIT.Receiver receiver = new WebhooksIT.Receiver()) {
            Resp created = adm.post("/v1/fulfillment/webhooks", Map.of("url", receiver.url(),
                    "events", List.of("packaging_profile.created", "shipment.delivered")));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().path("id").asText();
            receiver.secrets.add(created.json().path("secret").asText());
            String orderHook = adm.post("/v1/orders/webhooks", Map.of("url", receiver.url(), "events", List.of("order.created")))
                    .json().path("id").asText();

            JsonNode listed = adm.get("/v1/fulfillment/webhooks").json().path("data");
            assertThat(listed.findValuesAsText("id")).containsExactly(id);
            assertThat(listed.get(0).has("secret")).isFalse();
            assertThat(adm.delete("/v1/fulfillment/webhooks/" + orderHook).code()).isEqualTo("webhook.not_found");
            assertThat(adm.post("/v1/fulfillment/webhooks/test", Map.of("webhook_id", orderHook)).status()).isEqualTo(404);

            // a warehouse operations event leaves through the same engine: signed, order_id null, its subject named
            String profile = adm.post("/v1/fulfillment/packaging-profiles", Map.of("name", "Hooked", "length_mm", 100, "width_mm", 100,
                    "height_mm", 100, "max_weight_grams", 1000)).json().path("id").asText();
            eventually("the profile's event delivered", () -> receiver.received.stream()
                    .anyMatch(r -> r.body().contains("packaging_profile.created") && receiver.signedByOneOfOurs(r)));
            JsonNode delivered = Json.parse(receiver.received.stream().filter(r -> r.body().contains("packaging_profile.created"))
                    .findFirst().orElseThrow().body());
            assertThat(delivered.path("order_id").isNull()).isTrue();
            assertThat(delivered.path("subject").path("type").asText()).isEqualTo("packaging_profile");
            assertThat(delivered.path("subject").path("id").asText()).isEqualTo(profile);
            assertThat(adm.get("/v1/orders/webhooks/" + id + "/deliveries").json().path("data").findValuesAsText("event_type"))
                    .contains("packaging_profile.created");

            Resp sent = adm.post("/v1/fulfillment/webhooks/test", Map.of("webhook_id", id, "event_type", "shipment.delivered"));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            assertThat(sent.json().path("delivered").asBoolean()).isTrue();
            assertThat(Json.parse(receiver.last().body()).path("type").asText()).isEqualTo("shipment.delivered");

            Resp orderType = adm.post("/v1/fulfillment/webhooks", Map.of("url", receiver.url(), "events", List.of("shipment.created", "order.created")));
            assertThat(orderType.status()).isEqualTo(400);
            assertThat(orderType.json().path("errors").get(0).path("field").asText()).isEqualTo("events[1]");
            assertThat(orderType.json().path("errors").get(0).path("code").asText()).isEqualTo("events.unknown_type");
            assertThat(adm.post("/v1/fulfillment/webhooks", Map.of("url", receiver.url(), "events", List.of("*"))).status()).isEqualTo(400);
            assertThat(adm.post("/v1/fulfillment/webhooks/test", Map.of("webhook_id", id, "event_type", "order.created")).status()).isEqualTo(400);
            assertThat(as(mine, "fm-hooks", "fulfillment_manager").get("/v1/fulfillment/webhooks").status()).isEqualTo(403);
            assertThat(as(newTenant(), "adm-x", "admin").delete("/v1/fulfillment/webhooks/" + id).status()).isEqualTo(404);

            assertThat(adm.delete("/v1/fulfillment/webhooks/" + id).status()).isEqualTo(204);
            assertThat(adm.get("/v1/fulfillment/webhooks").json().path("data")).isEmpty();
            assertThat(adm.get("/v1/orders/webhooks").json().path("data").findValuesAsText("id")).containsExactly(orderHook);
        }
    }

    @Test
    void metricsCountShipmentsOnTimeFromTheStreamsCounters() {
        String mine = newTenant();
        Client agent = as(mine, "agent-km", "agent");
        Client wh = as(mine, "wh-km", "warehouse_supervisor");
        String order = create(agent, paidOrder(agent, "ckm1", "captured"));
        String lineId = agent.post("/v1/orders/" + order + "/confirm", null).json().path("lines").get(0).path("id").asText();
        String fid = wh.post("/v1/orders/" + order + "/fulfillments", Map.of("warehouse_id", "wh_km",
                "lines", List.of(Map.of("line_id", lineId, "quantity", 2)))).json().path("id").asText();
        assertThat(wh.patch("/v1/orders/" + order + "/fulfillments/" + fid, Map.of("status", "picking")).status()).isEqualTo(200);
        assertThat(wh.post("/v1/orders/" + order + "/fulfillments/" + fid + "/ship", Map.of()).status()).isIn(200, 201);

        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String range = "?from=" + today + "&to=" + today;
        eventually("the shipment counted", () -> wh.get("/v1/fulfillment/metrics" + range).json().path("warehouses").path(0)
                .path("ship").path("count").asLong() == 1);
        JsonNode w = wh.get("/v1/fulfillment/metrics" + range + "&ship_within_hours=1").json().path("warehouses").get(0);
        assertThat(w.path("warehouse_id").asText()).isEqualTo("wh_km");
        assertThat(w.path("pick").path("count").asLong()).isEqualTo(1);
        assertThat(w.path("ship").path("p95_seconds").asLong()).isEqualTo(300);
        assertThat(w.path("shipped_on_time_count").asLong()).isEqualTo(1);
        assertThat(w.path("shipped_late_count").asLong()).isZero();
        assertThat(w.path("on_time_ship_rate_bps").asLong()).isEqualTo(10_000);
        // the same counters as the order API's fulfilment metrics
        JsonNode orders = wh.get("/v1/orders/metrics/fulfillment" + range).json().path("warehouses").get(0);
        assertThat(w.path("ship").path("p50_seconds")).isEqualTo(orders.path("ship").path("p50_seconds"));
        assertThat(wh.get("/v1/fulfillment/metrics?ship_within_hours=3").code()).isEqualTo("request.invalid");
        assertThat(wh.get("/v1/fulfillment/metrics?from=yesterday").code()).isEqualTo("request.invalid");
        assertThat(as(mine, "pk", "picker").get("/v1/fulfillment/metrics").status()).isEqualTo(403);
        assertThat(as(newTenant(), "fm", "fulfillment_manager").get("/v1/fulfillment/metrics" + range).json().path("warehouses")).isEmpty();
    }

    @Test
    void warehouseTasksAreClaimedByExactlyOneOfSixteenWorkersAndCompletedByTheirClaimer() {
        String mine = newTenant();
        Client agent = as(mine, "agent-wt", "agent");
        Client fm = as(mine, "fm-wt", "fulfillment_manager");
        String order = create(agent, order("cwt1"));
        Resp created = fm.post("/v1/fulfillment/tasks", Map.of("order_id", order, "type", "pick", "zone", "A", "priority", "high"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String taskId = created.json().path("id").asText();
        assertThat(created.json().path("queue").asText()).isEqualTo("wh:pick@A");
        assertThat(created.json().path("title").asText()).isEqualTo("Pick in A");
        assertThat(created.json().path("claim").isNull()).isTrue();
        fm.post("/v1/fulfillment/tasks", Map.of("order_id", order, "type", "pack", "title", "Pack the gift box"));

        List<Client> pickers = new ArrayList<>();
        for (int i = 0; i < 16; i++) pickers.add(as(mine, "picker-" + i, "picker"));
        List<Resp> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Resp>> futures = new ArrayList<>();
            for (Client c : pickers) futures.add(pool.submit(() -> c.post("/v1/fulfillment/tasks/" + taskId + "/claim", Map.of("lease_seconds", 600))));
            for (Future<Resp> f : futures) answers.add(f.get());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers).extracting(Resp::status).containsOnly(200, 409).containsOnlyOnce(200);
        assertThat(answers.stream().filter(a -> a.status() == 409).map(Resp::code)).containsOnly("task.claimed");
        Resp won = answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow();
        String winner = won.json().path("claim").path("claimed_by").asText();
        assertThat(won.json().path("status").asText()).isEqualTo("in_progress");
        Client winning = pickers.get(Integer.parseInt(winner.substring("picker-".length())));
        Client loser = pickers.get((Integer.parseInt(winner.substring("picker-".length())) + 1) % 16);

        assertThat(loser.post("/v1/fulfillment/tasks/" + taskId + "/complete", Map.of("result", "not mine")).code()).isEqualTo("task.not_claimed");
        JsonNode listed = winning.get("/v1/fulfillment/tasks?status=in_progress&type=pick&zone=A").json().path("data");
        assertThat(listed.findValuesAsText("id")).containsExactly(taskId);
        assertThat(listed.get(0).path("claim").path("claimed_by").asText()).isEqualTo(winner);
        JsonNode queues = winning.get("/v1/fulfillment/queues").json().path("data");
        assertThat(queues.findValuesAsText("queue")).containsExactly("wh:pack", "wh:pick@A");
        assertThat(queues.get(0).path("open_count").asLong()).isEqualTo(1);
        assertThat(queues.get(0).path("oldest_open_age_seconds").asLong()).isNotNegative();
        assertThat(queues.get(1).path("in_progress_count").asLong()).isEqualTo(1);
        assertThat(queues.get(1).path("open_count").asLong()).isZero();

        Client keyed = winning.header("Idempotency-Key", "complete-" + taskId);
        Resp done = keyed.post("/v1/fulfillment/tasks/" + taskId + "/complete", Map.of("result", "Picked 2 of SKU-1"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().path("status").asText()).isEqualTo("done");
        assertThat(done.json().path("completion_note").asText()).isEqualTo("Picked 2 of SKU-1");
        assertThat(keyed.post("/v1/fulfillment/tasks/" + taskId + "/complete", Map.of("result", "Picked 2 of SKU-1")).header("idempotent-replayed"))
                .isEqualTo("true");
        assertThat(winning.post("/v1/fulfillment/tasks/" + taskId + "/complete", Map.of()).code()).isEqualTo("task.finished");
        assertThat(winning.post("/v1/fulfillment/tasks/" + taskId + "/claim", Map.of()).code()).isEqualTo("task.finished");
        // the same tasks as the order's, on its timeline
        assertThat(agent.get("/v1/orders/tasks?assignee=wh:pick@A&status=done").json().path("data").findValuesAsText("id")).containsExactly(taskId);
        assertThat(agent.get("/v1/orders/" + order + "/timeline").json().path("data").findValuesAsText("type"))
                .contains("order.task_created", "order.task_updated");
    }

    @Test
    void badTasksAndForeignTasksAreRefused() {
        String mine = newTenant();
        Client agent = as(mine, "agent-wt2", "agent");
        Client fm = as(mine, "fm-wt2", "fulfillment_manager");
        String order = create(agent, order("cwt2"));
        assertThat(fm.post("/v1/fulfillment/tasks", Map.of("order_id", order, "type", "dance")).status()).isEqualTo(400);
        assertThat(fm.post("/v1/fulfillment/tasks", Map.of("order_id", order, "type", "pick", "zone", "A B")).status()).isEqualTo(400);
        assertThat(fm.post("/v1/fulfillment/tasks", Map.of("order_id", "ord_missing", "type", "pick")).code()).isEqualTo("order.not_found");
        assertThat(fm.get("/v1/fulfillment/tasks?type=dance").status()).isEqualTo(400);
        assertThat(fm.post("/v1/fulfillment/tasks/task_missing/claim", Map.of()).code()).isEqualTo("task.not_found");
        assertThat(fm.post("/v1/fulfillment/tasks/x/claim", Map.of("lease_seconds", 5)).status()).isEqualTo(400);
        // a support task of the order is not a warehouse task
        String support = agent.post("/v1/orders/" + order + "/tasks", Map.of("title", "Call the customer")).json().path("id").asText();
        assertThat(fm.post("/v1/fulfillment/tasks/" + support + "/claim", Map.of()).code()).isEqualTo("task.not_found");
        assertThat(fm.get("/v1/fulfillment/tasks").json().path("data")).isEmpty();
        String task = fm.post("/v1/fulfillment/tasks", Map.of("order_id", order, "type", "qc")).json().path("id").asText();
        assertThat(as(newTenant(), "pk-x", "picker").post("/v1/fulfillment/tasks/" + task + "/claim", Map.of()).status()).isEqualTo(404);
        assertThat(as(mine, "pk-1", "picker").post("/v1/fulfillment/tasks", Map.of("order_id", order, "type", "pick")).status()).isEqualTo(403);
        assertThat(agent.post("/v1/fulfillment/tasks/" + task + "/claim", Map.of()).status()).isEqualTo(403);
        assertThat(customer(mine, "cwt2").get("/v1/fulfillment/queues").status()).isEqualTo(403);
    }

    /** The events of one warehouse operations aggregate, as envelopes. */
    static List<JsonNode> events(String tenantId, String kind, String id) {
        List<JsonNode> out = new ArrayList<>();
        var table = Platform.get().table;
        for (var page : table.query(dev.oms.platform.dynamo.TableQuery.builder()
                .keyCondition(dev.oms.platform.dynamo.KeyCondition.partition(WarehouseOpsKeys.events(tenantId, kind, id))).build())) {
            for (var doc : page.items()) out.add(EventEnvelope.fromItem(doc));
        }
        return out;
    }

    static List<Integer> concurrently(int n, java.util.concurrent.Callable<Integer> call) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) futures.add(pool.submit(call));
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) out.add(f.get());
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
