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
 * Seed 003 part A, the warehouse flow: warehouses (CRUD, versions, zones, workers, workstations, delete refused while an
 * open fulfilment names one) and fulfilments as the warehouse sees them (one record, two views with the OMS routes),
 * with roles, tenant isolation, idempotency and version conflicts.
 */
class WarehouseFlowIT {
    static String tenant;
    static Client admin;
    static Client manager;
    static Client picker;
    static Client other;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        admin = as(tenant, "admin-wh", "admin");
        manager = as(tenant, "manager-wh", "fulfillment_manager");
        picker = as(tenant, "picker-wh", "picker");
        other = as(newTenant(), "other-wh", "admin");
    }

    static Map<String, Object> warehouseBody(String name) {
        return Map.of("name", name, "timezone", "Europe/London",
                "address", Map.of("name", name, "line1", "1 Dock Road", "city", "Leeds", "country", "GB"),
                "location", Map.of("latitude", 53.8, "longitude", -1.55),
                "serviceable_regions", List.of("GB", "IE"), "capabilities", List.of("pick", "pack", "ship", "lot_tracking"),
                "cutoffs", List.of(Map.of("carrier", "sandbox-post", "time", "17:30")),
                "opening_hours", Map.of("monday", Map.of("opens", "08:00", "closes", "20:00")),
                "zones", List.of(Map.of("id", "A", "name", "Pick A", "type", "pick"), Map.of("id", "P", "name", "Packing", "type", "pack")));
    }

    static JsonNode newWarehouse(String name) {
        Resp r = manager.post("/v1/fulfillment/warehouses", warehouseBody(name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    static String confirmedOrder(String customer, long quantity) {
        ObjectNode body = TestSystem.order(customer);
        body.putArray("items").add(item("SKU-W", quantity, 1000, "GBP"));
        body.putArray("payments").addObject().put("payment_id", payment(admin, quantity * 1000, "GBP", "authorized"))
                .set("amount", money(quantity * 1000, "GBP"));
        String id = create(admin, body);
        Resp confirmed = admin.post("/v1/orders/" + id + "/confirm", null);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        return id;
    }

    static String line(String orderId) { return admin.get("/v1/orders/" + orderId).json().path("lines").get(0).path("id").asText(); }

    static Map<String, Object> fulfilmentBody(String orderId, String warehouseId, long quantity) {
        return Map.of("order_id", orderId, "warehouse_id", warehouseId, "source", "order_service", "requested_ship_date", "2030-01-02T09:00:00Z",
                "lines", List.of(Map.of("order_line_id", line(orderId), "sku", "SKU-W", "quantity", quantity)));
    }

    @Test
    void warehousesAreCreatedReadChangedUnderTheirVersionAndValidated() {
        JsonNode w = newWarehouse("Leeds");
        String id = w.path("id").asText();
        assertThat(w.path("version").asLong()).isEqualTo(1);
        assertThat(w.path("status").asText()).isEqualTo("active");
        assertThat(w.path("cutoffs").get(0).path("time").asText()).isEqualTo("17:30");

        Resp read = picker.get("/v1/fulfillment/warehouses/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("etag")).isEqualTo("\"1\"");
        assertThat(picker.get("/v1/fulfillment/warehouses?limit=200").json().path("data").findValuesAsText("id")).contains(id);
        assertThat(picker.get("/v1/fulfillment/warehouses/" + id + "/zones").json().path("data").findValuesAsText("id")).containsExactly("A", "P");

        Resp changed = manager.header("If-Match", "\"1\"").patch("/v1/fulfillment/warehouses/" + id, Map.of("status", "inactive", "serviceable_regions", List.of("GB-ENG")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("version").asLong()).isEqualTo(2);
        assertThat(changed.json().path("serviceable_regions").get(0).asText()).isEqualTo("GB-ENG");
        Resp stale = manager.header("If-Match", "\"1\"").patch("/v1/fulfillment/warehouses/" + id, Map.of("name", "Leeds 2"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("warehouse.version_conflict");
        assertThat(stale.json().path("current_version").asLong()).isEqualTo(2);

        Map<String, Object> badZone = new java.util.HashMap<>(warehouseBody("Bad"));
        badZone.put("timezone", "Mars/Olympus");
        Resp bad = manager.post("/v1/fulfillment/warehouses", badZone);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").findValuesAsText("code")).contains("warehouse.timezone_invalid");
        Map<String, Object> unknown = new java.util.HashMap<>(warehouseBody("Bad"));
        unknown.put("colour", "red");
        Resp u = manager.post("/v1/fulfillment/warehouses", unknown);
        assertThat(u.status()).isEqualTo(400);
        assertThat(u.json().path("errors").findValuesAsText("code")).contains("field.unknown");
    }

    @Test
    void rolesTenantsAndIdempotencyOfWarehouses() {
        assertThat(picker.post("/v1/fulfillment/warehouses", warehouseBody("Nope")).code()).isEqualTo("auth.forbidden");
        assertThat(as(tenant, "cust", "customer").get("/v1/fulfillment/warehouses").status()).isEqualTo(403);
        String id = newWarehouse("York").path("id").asText();
        Resp elsewhere = other.get("/v1/fulfillment/warehouses/" + id);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.code()).isEqualTo("warehouse.not_found");
        assertThat(other.patch("/v1/fulfillment/warehouses/" + id, Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(other.delete("/v1/fulfillment/warehouses/" + id).status()).isEqualTo(404);

        Client keyed = manager.header("Idempotency-Key", "wh-create-" + tenant);
        Resp first = keyed.post("/v1/fulfillment/warehouses", warehouseBody("Hull"));
        Resp again = keyed.post("/v1/fulfillment/warehouses", warehouseBody("Hull"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(keyed.post("/v1/fulfillment/warehouses", warehouseBody("Goole")).status()).isEqualTo(422);
    }

    @Test
    void workersAndWorkstationsBelongToAWarehouseAndItsZones() {
        String id = newWarehouse("Wakefield").path("id").asText();
        Resp worker = manager.post("/v1/fulfillment/warehouses/" + id + "/workers", Map.of("name", "Sam", "badge_id", "B-17", "skills", List.of("forklift"), "roles", List.of("picker")));
        assertThat(worker.status()).as(worker.toString()).isEqualTo(201);
        assertThat(worker.json().path("id").asText()).startsWith("wkr_");
        Resp notARole = manager.post("/v1/fulfillment/warehouses/" + id + "/workers", Map.of("name", "Al", "badge_id", "B-18", "roles", List.of("admin")));
        assertThat(notARole.status()).isEqualTo(400);
        Resp station = manager.post("/v1/fulfillment/warehouses/" + id + "/workstation", Map.of("type", "pack_station", "name", "Pack 1", "zone_id", "P"));
        assertThat(station.status()).as(station.toString()).isEqualTo(201);
        assertThat(station.json().path("zone_id").asText()).isEqualTo("P");
        Resp noZone = manager.post("/v1/fulfillment/warehouses/" + id + "/workstation", Map.of("type", "scale", "name", "Scale", "zone_id", "Z9"));
        assertThat(noZone.status()).isEqualTo(400);
        assertThat(noZone.json().path("errors").findValuesAsText("code")).contains("warehouse.zone_not_found");
        assertThat(other.post("/v1/fulfillment/warehouses/" + id + "/workstation", Map.of("type", "scale", "name", "S")).status()).isEqualTo(404);
        assertThat(picker.post("/v1/fulfillment/warehouses/" + id + "/workers", Map.of("name", "X", "badge_id", "B", "roles", List.of("picker"))).status()).isEqualTo(403);
    }

    @Test
    void aWarehouseFulfilmentIsTheOrdersFulfilmentSeenByTheWarehouse() {
        String leeds = newWarehouse("Leeds DC").path("id").asText();
        String york = newWarehouse("York DC").path("id").asText();
        String orderId = confirmedOrder("c-wh-1", 3);

        Resp created = manager.post("/v1/fulfillment/fulfillments", fulfilmentBody(orderId, leeds, 2));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.json().path("status").asText()).isEqualTo("created");
        assertThat(created.json().path("fulfillment_status").asText()).isEqualTo("pending");
        assertThat(created.json().path("requested_ship_date").asText()).startsWith("2030-01-02T09:00:00");
        assertThat(created.header("location")).isEqualTo("/v1/fulfillment/fulfillments/" + id);

        // the same record on the OMS route, and the OMS route's step seen by the warehouse
        JsonNode oms = admin.get("/v1/orders/" + orderId + "/fulfillments/" + id).json();
        assertThat(oms.path("status").asText()).isEqualTo("pending");
        assertThat(oms.path("warehouse_id").asText()).isEqualTo(leeds);
        Resp moved = manager.patch("/v1/fulfillment/fulfillments/" + id, Map.of("warehouse_id", york));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(admin.get("/v1/orders/" + orderId + "/fulfillments/" + id).json().path("warehouse_id").asText()).isEqualTo(york);
        assertThat(admin.patch("/v1/orders/" + orderId + "/fulfillments/" + id, Map.of("status", "picking")).status()).isEqualTo(200);
        Resp read = picker.get("/v1/fulfillment/fulfillments/" + id);
        assertThat(read.json().path("status").asText()).isEqualTo("picking");
        assertThat(read.header("etag")).isEqualTo("\"" + admin.get("/v1/orders/" + orderId).json().path("version").asLong() + "\"");

        // lists: one order's, and the tenant's by warehouse and status
        assertThat(picker.get("/v1/fulfillment/fulfillments?order_id=" + orderId).json().path("data").findValuesAsText("id")).containsExactly(id);
        assertThat(picker.get("/v1/fulfillment/fulfillments?warehouse_id=" + york + "&status=picking&limit=200").json().path("data").findValuesAsText("id")).contains(id);
        assertThat(picker.get("/v1/fulfillment/fulfillments?warehouse_id=" + leeds + "&limit=200").json().path("data").findValuesAsText("id")).doesNotContain(id);

        // a warehouse with an open fulfilment cannot go; once it is cancelled it can
        Resp refused = manager.delete("/v1/fulfillment/warehouses/" + york);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("warehouse.has_open_fulfillments");
        Resp stale = manager.header("If-Match", "\"1\"").post("/v1/fulfillment/fulfillments/" + id + "/cancel", Map.of("reason", "customer"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("order.version_conflict");
        assertThat(picker.post("/v1/fulfillment/fulfillments/" + id + "/cancel", Map.of()).status()).isEqualTo(403);
        Resp cancelled = manager.post("/v1/fulfillment/fulfillments/" + id + "/cancel", Map.of("reason", "customer"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(admin.get("/v1/orders/" + orderId + "/fulfillments/" + id).json().path("status").asText()).isEqualTo("cancelled");
        assertThat(manager.patch("/v1/fulfillment/fulfillments/" + id, Map.of("requested_ship_date", "2030-02-01T00:00:00Z")).code()).isEqualTo("fulfillment.closed");
        assertThat(manager.delete("/v1/fulfillment/warehouses/" + york).status()).isEqualTo(204);
        assertThat(manager.get("/v1/fulfillment/warehouses/" + york).status()).isEqualTo(404);

        List<String> types = new ArrayList<>();
        picker.get("/v1/fulfillment/fulfillments/" + id + "/timeline").json().path("data").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).contains("fulfillment.created", "fulfillment.updated", "fulfillment.cancelled");
    }

    @Test
    void fulfilmentFailuresAreProblemsNeverServerErrors() {
        String wh = newWarehouse("Selby").path("id").asText();
        String orderId = confirmedOrder("c-wh-2", 1);
        Map<String, Object> wrongSku = Map.of("order_id", orderId, "warehouse_id", wh,
                "lines", List.of(Map.of("order_line_id", line(orderId), "sku", "SKU-OTHER", "quantity", 1)));
        Resp sku = manager.post("/v1/fulfillment/fulfillments", wrongSku);
        assertThat(sku.status()).isEqualTo(400);
        assertThat(sku.json().path("errors").findValuesAsText("code")).contains("line.sku_mismatch");
        Resp tooMany = manager.post("/v1/fulfillment/fulfillments", fulfilmentBody(orderId, wh, 5));
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.code()).isEqualTo("fulfillment.quantity_exceeds_remaining");
        assertThat(manager.post("/v1/fulfillment/fulfillments", fulfilmentBody(orderId, "wh_missing", 1)).code()).isEqualTo("warehouse.not_found");
        assertThat(picker.post("/v1/fulfillment/fulfillments", fulfilmentBody(orderId, wh, 1)).status()).isEqualTo(403);
        assertThat(manager.get("/v1/fulfillment/fulfillments?status=lost").status()).isEqualTo(400);

        Client keyed = manager.header("Idempotency-Key", "ful-" + orderId);
        Resp first = keyed.post("/v1/fulfillment/fulfillments", fulfilmentBody(orderId, wh, 1));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Resp replay = keyed.post("/v1/fulfillment/fulfillments", fulfilmentBody(orderId, wh, 1));
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("id").asText()).isEqualTo(first.json().path("id").asText());

        String id = first.json().path("id").asText();
        assertThat(other.get("/v1/fulfillment/fulfillments/" + id).code()).isEqualTo("fulfillment.not_found");
        assertThat(other.post("/v1/fulfillment/fulfillments/" + id + "/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(other.get("/v1/fulfillment/fulfillments/" + id + "/timeline").status()).isEqualTo(404);
        assertThat(other.get("/v1/fulfillment/fulfillments?order_id=" + orderId).status()).isEqualTo(404);
    }
}
