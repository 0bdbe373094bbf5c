package dev.oms.local;

import static dev.oms.local.ReturnsKit.*;
import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 000 section 16 end to end: settings (read, change, If-Match, history, validation, roles) and each one's effect. */
class OrderSettingsIT {

    @Test
    void aNewTenantHasTheDefaultsAtVersionOne() {
        Client admin = as(newTenant(), "admin-s", "admin");
        Resp r = admin.get("/v1/orders/settings");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("etag")).isEqualTo("\"1\"");
        JsonNode s = r.json();
        assertThat(s.path("allow_partial_shipments").asBoolean()).isTrue();
        assertThat(s.path("cancellation_policy").asText()).isEqualTo("before_shipment");
        assertThat(s.path("return_window_days").asInt()).isEqualTo(30);
        assertThat(s.path("quote_ttl_minutes").asInt()).isEqualTo(15);
        assertThat(s.path("allow_hard_delete").asBoolean()).isFalse();
        assertThat(s.path("default_warehouse").isNull()).isTrue();
        assertThat(s.path("order_retention_days").isNull()).isTrue();
        assertThat(s.path("auto_confirm_thresholds").size()).isZero();
    }

    @Test
    void changesArePinnedByIfMatchAuditedAndIdempotent() {
        String t = newTenant();
        Client admin = as(t, "admin-s", "admin");
        Resp first = admin.header("If-Match", "\"1\"").patch("/v1/orders/settings", Map.of("return_window_days", 14,
                "auto_confirm_thresholds", Map.of("GBP", 10000), "order_retention_days", 400, "quote_ttl_minutes", 30, "reason", "Peak season"));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("etag")).isEqualTo("\"2\"");
        assertThat(first.json().path("updated_by").asText()).isEqualTo("admin-s");
        assertThat(first.json().path("auto_confirm_thresholds").path("GBP").asLong()).isEqualTo(10000);

        Resp stale = admin.header("If-Match", "\"1\"").patch("/v1/orders/settings", Map.of("return_window_days", 7));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("settings.version_conflict");
        assertThat(stale.json().path("current_version").asLong()).isEqualTo(2);
        Resp same = admin.patch("/v1/orders/settings", Map.of("return_window_days", 14));
        assertThat(same.header("etag")).isEqualTo("\"2\"");

        Client keyed = admin.header("Idempotency-Key", "settings-once");
        Resp once = keyed.patch("/v1/orders/settings", Map.of("allow_hard_delete", true));
        Resp replay = keyed.patch("/v1/orders/settings", Map.of("allow_hard_delete", true));
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("version").asLong()).isEqualTo(once.json().path("version").asLong()).isEqualTo(3);
        assertThat(keyed.patch("/v1/orders/settings", Map.of("allow_hard_delete", false)).code()).isEqualTo("idempotency.key_reused");

        Map<String, Object> reset = new HashMap<>();
        reset.put("order_retention_days", null);
        assertThat(admin.patch("/v1/orders/settings", reset).json().path("order_retention_days").isNull()).isTrue();

        JsonNode history = as(t, "auditor", "finance").get("/v1/orders/settings/history").json().path("data");
        assertThat(history.findValuesAsText("version")).containsExactly("4", "3", "2");
        JsonNode v1 = history.get(2);
        assertThat(v1.path("actor").path("id").asText()).isEqualTo("admin-s");
        assertThat(v1.path("reason").asText()).isEqualTo("Peak season");
        assertThat(v1.path("changes").findValuesAsText("field"))
                .containsExactly("auto_confirm_thresholds", "order_retention_days", "return_window_days", "quote_ttl_minutes");
        assertThat(v1.path("changes").get(2).path("from").asInt()).isEqualTo(30);
        assertThat(v1.path("changes").get(2).path("to").asInt()).isEqualTo(14);
        assertThat(history.get(0).path("changes").get(0).path("from").asInt()).isEqualTo(400);
    }

    @Test
    void badValuesAreAllNamedAndChangeNothing() {
        Client admin = as(newTenant(), "admin-s", "admin");
        Resp bad = admin.patch("/v1/orders/settings", Map.of("return_window_days", 400, "cancellation_policy", "never",
                "quote_ttl_minutes", 0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").findValuesAsText("field")).contains("return_window_days", "cancellation_policy", "quote_ttl_minutes");
        Resp currency = admin.patch("/v1/orders/settings", Map.of("auto_confirm_thresholds", Map.of("XXY", 5)));
        assertThat(currency.status()).isEqualTo(400);
        assertThat(currency.json().path("errors").get(0).path("code").asText()).isEqualTo("currency.unknown");
        assertThat(admin.patch("/v1/orders/settings", Map.of("colour", "red")).json().path("errors").get(0).path("code").asText())
                .isEqualTo("field.unknown");
        assertThat(admin.patch("/v1/orders/settings", Map.of("reason", "nothing")).status()).isEqualTo(400);
        assertThat(admin.patch("/v1/orders/settings", Map.of("order_retention_days", 5)).status()).isEqualTo(400);
        assertThat(admin.get("/v1/orders/settings").json().path("version").asLong()).isEqualTo(1);
    }

    @Test
    void rolesAndTenantsAreKeptApart() {
        String t = newTenant();
        Client admin = as(t, "admin-s", "admin");
        admin.patch("/v1/orders/settings", Map.of("default_warehouse", "wh-a"));
        assertThat(as(t, "agent-s", "agent").get("/v1/orders/settings").json().path("default_warehouse").asText()).isEqualTo("wh-a");
        assertThat(as(t, "agent-s", "agent").patch("/v1/orders/settings", Map.of("default_warehouse", "wh-b")).status()).isEqualTo(403);
        assertThat(as(t, "sup-s", "supervisor").patch("/v1/orders/settings", Map.of("default_warehouse", "wh-b")).status()).isEqualTo(403);
        assertThat(customer(t, "c1").get("/v1/orders/settings").status()).isEqualTo(403);
        assertThat(as(t, "agent-s", "agent").get("/v1/orders/settings/history").status()).isEqualTo(403);
        assertThat(as(newTenant(), "admin-x", "admin").get("/v1/orders/settings").json().path("default_warehouse").isNull()).isTrue();
        assertThat(admin.header("X-Tenant-ID", "someone-else").patch("/v1/orders/settings", Map.of("default_warehouse", "wh-b")).status())
                .isEqualTo(403);
    }

    @Test
    void capabilitiesFollowTheSettings() {
        String t = newTenant();
        Client admin = as(t, "admin-s", "admin");
        Resp before = customer(t, "c1").get("/v1/orders/capabilities");
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        assertThat(enabled(before.json(), "split_shipments")).isTrue();
        assertThat(enabled(before.json(), "hard_delete")).isFalse();
        assertThat(enabled(before.json(), "serialized_returns")).isTrue();
        assertThat(enabled(before.json(), "search")).isFalse();
        assertThat(before.json().path("connectors").findValuesAsText("adapter")).contains("sandbox");
        admin.patch("/v1/orders/settings", Map.of("allow_partial_shipments", false, "allow_hard_delete", true, "return_window_days", 0));
        Resp after = admin.get("/v1/orders/capabilities");
        assertThat(enabled(after.json(), "split_shipments")).isFalse();
        assertThat(enabled(after.json(), "hard_delete")).isTrue();
        assertThat(enabled(after.json(), "returns")).isFalse();
        assertThat(after.json().path("settings_version").asLong()).isEqualTo(2);
        assertThat(enabled(after.json(), "fraud_rules")).isFalse();
        admin.post("/v1/orders/policies", Map.of("type", "fraud_country_mismatch"));
        assertThat(enabled(admin.get("/v1/orders/capabilities").json(), "fraud_rules")).isTrue();
    }

    // ---- each setting where it matters ----------------------------------------------------------------------------

    @Test
    void allowPartialShipmentsDecidesWhetherAFulfilmentMayHoldPartOfTheUnits() {
        String t = newTenant();
        Client admin = as(t, "admin-s", "admin");
        String id = confirmed(admin);
        String line = admin.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        admin.patch("/v1/orders/settings", Map.of("allow_partial_shipments", false));
        Resp partial = admin.post("/v1/orders/" + id + "/fulfillments", Map.of("warehouse_id", "wh-1", "lines", List.of(Map.of("line_id", line, "quantity", 1))));
        assertThat(partial.code()).isEqualTo("fulfillment.partial_not_allowed");
        admin.patch("/v1/orders/settings", Map.of("allow_partial_shipments", true));
        assertThat(admin.post("/v1/orders/" + id + "/fulfillments", Map.of("warehouse_id", "wh-1", "lines", List.of(Map.of("line_id", line, "quantity", 1))))
                .status()).isEqualTo(201);
    }

    @Test
    void defaultWarehouseIsWhereAFulfilmentWithoutOneGoes() {
        String t = newTenant();
        Client admin = as(t, "admin-s", "admin");
        String id = confirmed(admin);
        String line = admin.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        Map<String, Object> body = Map.of("lines", List.of(Map.of("line_id", line, "quantity", 1)));
        Resp none = admin.post("/v1/orders/" + id + "/fulfillments", body);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("errors").get(0).path("code").asText()).isEqualTo("fulfillment.warehouse_required");
        admin.patch("/v1/orders/settings", Map.of("default_warehouse", "wh-default"));
        Resp made = admin.post("/v1/orders/" + id + "/fulfillments", body);
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(made.json().path("warehouse_id").asText()).isEqualTo("wh-default");
    }

    @Test
    void cancellationPolicyBeforeConfirmationRefusesCancellingConfirmedOrders() {
        String t = newTenant();
        Client admin = as(t, "admin-s", "admin");
        admin.patch("/v1/orders/settings", Map.of("cancellation_policy", "before_confirmation"));
        String id = confirmed(admin);
        assertThat(admin.post("/v1/orders/" + id + "/cancel", Map.of("reason", "changed mind")).code()).isEqualTo("order.blocked.cancellation_policy");
        admin.patch("/v1/orders/settings", Map.of("cancellation_policy", "before_shipment"));
        assertThat(admin.post("/v1/orders/" + id + "/cancel", Map.of("reason", "changed mind")).status()).isEqualTo(202);
    }

    @Test
    void allowHardDeleteLetsAdminsDeleteForGood() {
        String t = newTenant();
        Client admin = as(t, "admin-s", "admin");
        String id = create(admin, order("c-hd"));
        assertThat(admin.delete("/v1/orders/" + id + "?hard=true").code()).isEqualTo("order.hard_delete_disabled");
        admin.patch("/v1/orders/settings", Map.of("allow_hard_delete", true));
        assertThat(admin.delete("/v1/orders/" + id + "?hard=true").status()).isEqualTo(204);
        assertThat(admin.get("/v1/orders/" + id).code()).isEqualTo("order.not_found");
    }

    @Test
    void returnWindowDaysAndReturnAddressShapeReturns() {
        String t = newTenant();
        Client admin = as(t, "admin-s", "admin");
        Map<String, Object> address = Map.of("name", "Returns desk", "line1", "1 Dock Rd", "city", "Leeds", "postal_code", "LS1 1AA", "country", "GB");
        admin.patch("/v1/orders/settings", Map.of("return_address", address));
        Shipped s = shippedOrder(t, admin, "c-ret", 2);
        Resp ok = admin.post("/v1/orders/" + s.orderId() + "/returns", returnBody(s.lineId(), 1, "ship", null));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(ok.json().path("return_instructions").path("return_address").path("city").asText()).isEqualTo("Leeds");

        admin.patch("/v1/orders/settings", Map.of("return_window_days", 0));
        Resp late = admin.post("/v1/orders/" + s.orderId() + "/returns", returnBody(s.lineId(), 1, "ship", null));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().path("reason").asText()).isEqualTo("return_window_expired");
    }

    private static String confirmed(Client c) {
        String id = create(c, paidOrder(c, "c-conf", "authorized"));
        Resp r = c.post("/v1/orders/" + id + "/confirm", null);
        if (r.status() != 200) throw new IllegalStateException("confirm: " + r);
        return id;
    }

    private static boolean enabled(JsonNode caps, String name) {
        for (JsonNode f : caps.path("features")) if (f.path("name").asText().equals(name)) return f.path("enabled").asBoolean();
        throw new AssertionError("no capability " + name + " in " + caps);
    }
}
