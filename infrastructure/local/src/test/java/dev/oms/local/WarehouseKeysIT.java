package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 section 17 keys (docs/fulfillment-operations.md#worker-and-device-keys): shown once, stored hashed, one
 * warehouse role, scoped to one warehouse (routes, named warehouses, records of other warehouses), bound to a
 * registered device, short-lived, revoked at once; roles and tenants.
 */
class WarehouseKeysIT {
    static String tenant;
    static Client admin;
    static Client manager;
    static Client picker;
    static String home;
    static String elsewhere;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        admin = as(tenant, "admin-wk", "admin");
        manager = as(tenant, "manager-wk", "fulfillment_manager");
        picker = as(tenant, "picker-wk", "picker");
        home = warehouse("Home DC");
        elsewhere = warehouse("Other DC");
    }

    static String warehouse(String name) {
        Resp r = manager.post("/v1/fulfillment/warehouses", WarehouseFlowIT.warehouseBody(name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    static JsonNode key(Map<String, Object> body) {
        Resp r = manager.post("/v1/fulfillment/keys", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    static String fulfilment(String warehouseId, String customer) {
        ObjectNode body = TestSystem.order(customer);
        body.putArray("items").add(item("SKU-WK", 1, 1000, "GBP"));
        body.putArray("payments").addObject().put("payment_id", payment(admin, 1000, "GBP", "authorized")).set("amount", money(1000, "GBP"));
        String orderId = create(admin, body);
        assertThat(admin.post("/v1/orders/" + orderId + "/confirm", null).status()).isEqualTo(200);
        String line = admin.get("/v1/orders/" + orderId).json().path("lines").get(0).path("id").asText();
        Resp f = manager.post("/v1/fulfillment/fulfillments", Map.of("order_id", orderId, "warehouse_id", warehouseId,
                "lines", List.of(Map.of("order_line_id", line, "quantity", 1))));
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        return f.json().path("id").asText();
    }

    @Test
    void aKeyIsShownOnceActsInItsWarehouseOnlyAndIsRevokedAtOnce() {
        JsonNode k = key(Map.of("name", "night picker", "role", "picker", "warehouse_id", home));
        String secret = k.path("secret").asText();
        assertThat(secret).startsWith(k.path("prefix").asText() + "_");
        assertThat(k.path("role").asText()).isEqualTo("picker");
        assertThat(k.path("warehouse_id").asText()).isEqualTo(home);
        Instant expires = Instant.parse(k.path("expires_at").asText());
        assertThat(expires).isBetween(Instant.now().plus(11, ChronoUnit.HOURS), Instant.now().plus(13, ChronoUnit.HOURS));
        Client worker = withAuthorization("Bearer " + secret);

        String mine = fulfilment(home, "c-wk-1"), theirs = fulfilment(elsewhere, "c-wk-2");
        assertThat(worker.get("/v1/fulfillment/fulfillments/" + mine).status()).isEqualTo(200);
        Resp hidden = worker.get("/v1/fulfillment/fulfillments/" + theirs);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.code()).isEqualTo("fulfillment.not_found");
        Resp named = worker.get("/v1/fulfillment/fulfillments?warehouse_id=" + elsewhere);
        assertThat(named.status()).isEqualTo(403);
        assertThat(named.code()).isEqualTo("auth.warehouse_scope");
        Resp offSurface = worker.get("/v1/orders?limit=1");
        assertThat(offSurface.status()).isEqualTo(403);
        assertThat(offSurface.code()).isEqualTo("auth.warehouse_key_scope");
        // a picker key cannot do what a picker cannot
        assertThat(worker.post("/v1/fulfillment/keys", Map.of("name", "x", "role", "picker", "warehouse_id", home)).code()).isEqualTo("auth.forbidden");

        // listed without secret; revoked at once
        JsonNode listed = manager.get("/v1/fulfillment/keys?warehouse_id=" + home).json();
        assertThat(listed.path("data").toString()).contains(k.path("id").asText()).doesNotContain(secret);
        Resp revoked = manager.post("/v1/fulfillment/keys/" + k.path("id").asText() + "/revoke", Map.of("reason", "shift over"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("revoked_at").isNull()).isFalse();
        assertThat(worker.get("/v1/fulfillment/fulfillments/" + mine).status()).isEqualTo(401);
        assertThat(manager.post("/v1/fulfillment/keys/" + k.path("id").asText() + "/revoke", Map.of()).code()).isEqualTo("api_key.revoked");
    }

    @Test
    void aSupervisorKeyCreatesInItsOwnWarehouseOnly() {
        JsonNode k = key(Map.of("name", "shift lead", "role", "warehouse_supervisor", "warehouse_id", home));
        Client lead = withAuthorization("Bearer " + k.path("secret").asText());
        Resp made = lead.post("/v1/fulfillment/keys", Map.of("name", "scanner", "role", "picker", "warehouse_id", home));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        Resp other = lead.post("/v1/fulfillment/keys", Map.of("name", "scanner", "role", "picker", "warehouse_id", elsewhere));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("auth.warehouse_scope");
        assertThat(lead.get("/v1/fulfillment/keys?warehouse_id=" + elsewhere).code()).isEqualTo("auth.warehouse_scope");
        // a fulfilment it creates without naming a warehouse is in its own
        ObjectNode body = TestSystem.order("c-wk-3");
        body.putArray("items").add(item("SKU-WK", 1, 1000, "GBP"));
        body.putArray("payments").addObject().put("payment_id", payment(admin, 1000, "GBP", "authorized")).set("amount", money(1000, "GBP"));
        String orderId = create(admin, body);
        admin.post("/v1/orders/" + orderId + "/confirm", null);
        String line = admin.get("/v1/orders/" + orderId).json().path("lines").get(0).path("id").asText();
        Resp f = lead.post("/v1/fulfillment/fulfillments", Map.of("order_id", orderId, "lines", List.of(Map.of("order_line_id", line, "quantity", 1))));
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        assertThat(f.json().path("warehouse_id").asText()).isEqualTo(home);
    }

    @Test
    void aDeviceKeyWorksWhileItsDeviceIsRegisteredToTheWarehouse() {
        String device = "SCN-" + System.nanoTime();
        Resp unknown = manager.post("/v1/fulfillment/keys", Map.of("name", "scanner", "role", "picker", "warehouse_id", home, "device_id", device));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("device.not_registered");
        assertThat(manager.post("/v1/fulfillment/devices/" + device + "/register", Map.of("warehouse_id", home, "kind", "scanner")).status()).isEqualTo(201);
        Resp wrong = manager.post("/v1/fulfillment/keys", Map.of("name", "scanner", "role", "picker", "warehouse_id", elsewhere, "device_id", device));
        assertThat(wrong.code()).isEqualTo("device.other_warehouse");
        JsonNode k = key(Map.of("name", "scanner", "role", "picker", "warehouse_id", home, "device_id", device));
        assertThat(k.path("device_id").asText()).isEqualTo(device);
        Client scanner = withAuthorization("Bearer " + k.path("secret").asText());
        assertThat(scanner.get("/v1/fulfillment/keys").status()).isEqualTo(403); // a picker does not manage keys
        String mine = fulfilment(home, "c-wk-4");
        assertThat(scanner.get("/v1/fulfillment/fulfillments/" + mine).status()).isEqualTo(200);
        // the device moves to another warehouse: its key is refused
        assertThat(manager.post("/v1/fulfillment/devices/" + device + "/register", Map.of("warehouse_id", elsewhere, "kind", "scanner")).status()).isEqualTo(200);
        assertThat(scanner.get("/v1/fulfillment/fulfillments/" + mine).status()).isEqualTo(401);
    }

    @Test
    void badInputRolesAndTenantsAreRefused() {
        assertThat(manager.header("Idempotency-Key", "wk-1").post("/v1/fulfillment/keys", Map.of("name", "x", "role", "picker", "warehouse_id", home)).code())
                .isEqualTo("idempotency.not_supported");
        assertThat(manager.post("/v1/fulfillment/keys", Map.of("name", "x", "role", "admin", "warehouse_id", home)).status()).isEqualTo(400);
        assertThat(manager.post("/v1/fulfillment/keys", Map.of("name", "x", "role", "picker")).status()).isEqualTo(400);
        assertThat(manager.post("/v1/fulfillment/keys", Map.of("name", "x", "role", "picker", "warehouse_id", home, "scopes", List.of())).status()).isEqualTo(400);
        assertThat(manager.post("/v1/fulfillment/keys", Map.of("name", "x", "role", "picker", "warehouse_id", home,
                "expires_at", Instant.now().plus(8, ChronoUnit.DAYS).toString())).status()).isEqualTo(400);
        assertThat(manager.post("/v1/fulfillment/keys", Map.of("name", "x", "role", "picker", "warehouse_id", "wh_nowhere")).code()).isEqualTo("warehouse.not_found");
        assertThat(picker.post("/v1/fulfillment/keys", Map.of("name", "x", "role", "picker", "warehouse_id", home)).code()).isEqualTo("auth.forbidden");
        assertThat(picker.get("/v1/fulfillment/keys").code()).isEqualTo("auth.forbidden");
        JsonNode k = key(Map.of("name", "tenant check", "role", "packer", "warehouse_id", home));
        Client stranger = as(newTenant(), "manager-x", "fulfillment_manager");
        assertThat(stranger.post("/v1/fulfillment/keys/" + k.path("id").asText() + "/revoke", Map.of()).code()).isEqualTo("api_key.not_found");
        assertThat(stranger.get("/v1/fulfillment/keys").json().path("data").toString()).doesNotContain(k.path("id").asText());
        // an integration key is not revoked here
        Client stepped = AdminKit.stepUp(AdminKit.signIn(tenant, "admin-wk2", "admin"));
        String integration = stepped.post("/v1/admin/keys", Map.of("name", "erp", "roles", List.of("service"))).json().path("id").asText();
        assertThat(manager.post("/v1/fulfillment/keys/" + integration + "/revoke", Map.of()).code()).isEqualTo("api_key.not_found");
    }
}
