package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.warehouse.StockLot;
import dev.oms.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 part A, the warehouse flow: warehouses (CRUD, versions, zones, workers, workstations, delete refused while an
 * open fulfilment names one) and fulfilments as the warehouse sees them (one record, two views with the OMS routes),
 * allocations (FEFO with minimum shelf life, holds, partial, confirm-pick once, release on cancel, bulk), pick lists
 * (pick path, batch scans with an outcome each, replays, short picks, completion, re-bin) and capacity and slotting
 * from the pick events, with roles, tenant isolation, idempotency and version conflicts.
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
        assertThat(customer(tenant, "c-wh-9").get("/v1/fulfillment/warehouses").status()).isEqualTo(403);
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

    static String openFulfilment(String warehouseId, String customer, String sku, long quantity) {
        ObjectNode body = TestSystem.order(customer);
        body.putArray("items").add(item(sku, quantity, 1000, "GBP"));
        body.putArray("payments").addObject().put("payment_id", payment(admin, quantity * 1000, "GBP", "authorized"))
                .set("amount", money(quantity * 1000, "GBP"));
        String orderId = create(admin, body);
        assertThat(admin.post("/v1/orders/" + orderId + "/confirm", null).status()).isEqualTo(200);
        Resp f = manager.post("/v1/fulfillment/fulfillments", Map.of("order_id", orderId, "warehouse_id", warehouseId,
                "lines", List.of(Map.of("order_line_id", line(orderId), "quantity", quantity))));
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        return f.json().path("id").asText();
    }

    @Test
    void lotExpiryAllocationSkipsShortDatedLotsHoldsStockAndConfirmsThePickOnce() {
        String wh = newWarehouse("Cold store").path("id").asText();
        java.time.LocalDate ship = java.time.LocalDate.parse("2030-03-01");
        Platform.get().inventory.setLots(tenant, "SKU-MILK", List.of(
                new StockLot(wh, "A-01", "SKU-MILK", "LOT-OLD", ship.plusDays(2), null, 5),
                new StockLot(wh, "A-02", "SKU-MILK", "LOT-MID", ship.plusDays(20), null, 2),
                new StockLot(wh, "A-03", "SKU-MILK", "LOT-NEW", ship.plusDays(60), null, 10)));
        String ful = openFulfilment(wh, "c-alloc-1", "SKU-MILK", 4);

        Resp alloc = manager.post("/v1/fulfillment/allocations/request", Map.of("fulfillment_id", ful, "strategy", "lot_expiry",
                "ship_date", ship.toString(), "min_shelf_life_days", 7));
        assertThat(alloc.status()).as(alloc.toString()).isEqualTo(201);
        JsonNode a = alloc.json();
        assertThat(a.path("status").asText()).isEqualTo("allocated");
        assertThat(a.path("fulfillment_warehouse_status").asText()).isEqualTo("allocated");
        JsonNode picks = a.path("lines").get(0).path("picks");
        assertThat(picks.findValuesAsText("lot")).containsExactly("LOT-MID", "LOT-NEW");
        assertThat(picks.get(0).path("quantity").asLong()).isEqualTo(2);
        assertThat(picks.get(1).path("quantity").asLong()).isEqualTo(2);
        String id = a.path("id").asText();
        assertThat(picker.get("/v1/fulfillment/fulfillments/" + ful).json().path("allocation_id").asText()).isEqualTo(id);
        assertThat(manager.post("/v1/fulfillment/allocations/request", Map.of("fulfillment_id", ful)).code()).isEqualTo("fulfillment.already_allocated");

        // the held units are gone for the next fulfilment: 8 fresh units left, 9 asked
        String second = openFulfilment(wh, "c-alloc-2", "SKU-MILK", 9);
        JsonNode partial = manager.post("/v1/fulfillment/allocations/request", Map.of("fulfillment_id", second, "strategy", "lot_expiry",
                "ship_date", ship.toString(), "min_shelf_life_days", 7)).json();
        assertThat(partial.path("status").asText()).isEqualTo("partial");
        assertThat(partial.path("lines").get(0).path("allocated").asLong()).isEqualTo(8);
        assertThat(partial.path("lines").get(0).path("reason").asText()).isEqualTo("allocation.insufficient_stock");
        assertThat(partial.path("fulfillment_warehouse_status").asText()).isEqualTo("awaiting_allocation");

        assertThat(packerClient().post("/v1/fulfillment/allocations/" + id + "/confirm-pick", Map.of()).status()).isEqualTo(403);
        Resp picked = picker.post("/v1/fulfillment/allocations/" + id + "/confirm-pick", Map.of("pick_confirmation_id", "pcf-77"));
        assertThat(picked.status()).as(picked.toString()).isEqualTo(200);
        assertThat(picked.json().path("status").asText()).isEqualTo("picked");
        assertThat(picked.json().path("fulfillment_warehouse_status").asText()).isEqualTo("picked");
        Resp again = picker.post("/v1/fulfillment/allocations/" + id + "/confirm-pick", Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("pick_confirmation_id").asText()).isEqualTo("pcf-77");
        assertThat(manager.post("/v1/fulfillment/allocations/" + id + "/release", Map.of()).code()).isEqualTo("allocation.already_picked");
        assertThat(other.get("/v1/fulfillment/allocations/" + id).code()).isEqualTo("allocation.not_found");
        assertThat(admin.get("/v1/orders/" + picker.get("/v1/fulfillment/fulfillments/" + ful).json().path("order_id").asText()
                + "/fulfillments/" + ful).json().path("status").asText()).isEqualTo("picking");
    }

    @Test
    void cancellingAFulfilmentReleasesItsAllocationAndBulkAnswersEachRequest() {
        String wh = newWarehouse("Bulk DC").path("id").asText();
        Platform.get().inventory.setLots(tenant, "SKU-BOLT", List.of(new StockLot(wh, "B-01", "SKU-BOLT", null, null, null, 3)));
        String ful = openFulfilment(wh, "c-alloc-3", "SKU-BOLT", 3);
        String id = manager.post("/v1/fulfillment/allocations/request", Map.of("fulfillment_id", ful, "strategy", "fifo")).json().path("id").asText();
        assertThat(manager.post("/v1/fulfillment/allocations/" + id + "/release", Map.of()).code()).isEqualTo("allocation.fulfillment_open");
        assertThat(manager.post("/v1/fulfillment/fulfillments/" + ful + "/cancel", Map.of("reason", "customer")).status()).isEqualTo(200);
        assertThat(manager.get("/v1/fulfillment/allocations/" + id).json().path("status").asText()).isEqualTo("released");

        // the released units serve the next fulfilments; bulk answers each, one error never stops the others
        String a = openFulfilment(wh, "c-alloc-4", "SKU-BOLT", 2);
        String b = openFulfilment(wh, "c-alloc-5", "SKU-BOLT", 2);
        Resp bulk = manager.post("/v1/fulfillment/allocations/bulk", Map.of("requests", List.of(
                Map.of("fulfillment_id", a, "strategy", "fifo"), Map.of("fulfillment_id", "ful_missing"), Map.of("fulfillment_id", b, "strategy", "fifo"))));
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(202);
        assertThat(bulk.json().path("kind").asText()).isEqualTo("bulk_allocations");
        String jobId = bulk.json().path("id").asText();
        JobsKit.get().run(tenant, jobId);
        JsonNode job = manager.get(bulk.header("location")).json();
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("partially_succeeded");
        List<JsonNode> rows = JobsKit.ndjson(job.path("report_url").asText());
        assertThat(rows).extracting(r -> r.path("outcome").asText("") + "/" + r.path("code").asText("")).containsExactly(
                "allocated/", "/fulfillment.not_found", "partial/");
        assertThat(manager.get("/v1/fulfillment/allocations/" + rows.get(0).path("allocation_id").asText()).json().path("fulfillment_id").asText()).isEqualTo(a);
        // the same entries again (a resumed chunk): nothing is allocated twice
        Resp again = manager.post("/v1/fulfillment/allocations/bulk", Map.of("requests", List.of(Map.of("fulfillment_id", a, "strategy", "fifo"))));
        JobsKit.get().run(tenant, again.json().path("id").asText());
        List<JsonNode> second = JobsKit.ndjson(manager.get(again.header("location")).json().path("report_url").asText());
        assertThat(second.get(0).path("outcome").asText()).isEqualTo("already_allocated");
        assertThat(second.get(0).path("allocation_id").asText()).isEqualTo(rows.get(0).path("allocation_id").asText());
        // a bad entry is refused before anything is queued
        Resp bad = manager.post("/v1/fulfillment/allocations/bulk", Map.of("requests", List.of(Map.of("fulfillment_id", a, "strategy", "sideways"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("requests[0].strategy");
        assertThat(picker.post("/v1/fulfillment/allocations/bulk", Map.of("requests", List.of(Map.of("fulfillment_id", a)))).code()).isEqualTo("auth.forbidden");
        assertThat(manager.post("/v1/fulfillment/allocations/request", Map.of("fulfillment_id", a, "strategy", "sideways")).status()).isEqualTo(400);
    }

    @Test
    void twoPickersScanningTheSameLineAtOnceNeverOverPick() throws Exception {
        String wh = newWarehouse("Race DC").path("id").asText();
        Platform.get().inventory.setLots(tenant, "SKU-RACE", List.of(new StockLot(wh, "R-01", "SKU-RACE", null, null, null, 5)));
        String f = openFulfilment(wh, "c-race-1", "SKU-RACE", 3);
        assertThat(manager.post("/v1/fulfillment/allocations/request", Map.of("fulfillment_id", f, "strategy", "fifo")).status()).isEqualTo(201);
        String id = manager.post("/v1/fulfillment/picklists", Map.of("warehouse_id", wh, "fulfillment_ids", List.of(f))).json().path("id").asText();
        manager.post("/v1/fulfillment/picklists/" + id + "/assign", Map.of("worker_id", "picker-wh"));
        picker.post("/v1/fulfillment/picklists/" + id + "/start", Map.of());
        Client second = as(tenant, "picker-2", "picker");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> picker.post("/v1/fulfillment/picklists/" + id + "/scan",
                    Map.of("scans", List.of(Map.of("scan_id", "race-a", "location_id", "R-01", "sku", "SKU-RACE", "qty", 3)))));
            var b = pool.submit(() -> second.post("/v1/fulfillment/picklists/" + id + "/scan",
                    Map.of("scans", List.of(Map.of("scan_id", "race-b", "location_id", "R-01", "sku", "SKU-RACE", "qty", 3)))));
            List<String> outcomes = new ArrayList<>();
            for (var r : List.of(a.get(), b.get())) {
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                outcomes.add(r.json().path("results").get(0).path("outcome").asText());
            }
            assertThat(outcomes).containsExactlyInAnyOrder("ok", "over_pick");
        } finally {
            pool.shutdownNow();
        }
        assertThat(picker.get("/v1/fulfillment/picklists/" + id).json().path("lines").get(0).path("picked").asLong()).isEqualTo(3);
    }

    static Client packerClient() { return as(tenant, "packer-wh", "packer"); }

    @Test
    void aPickListIsWalkedScannedAdjustedCompletedAndMeasured() {
        String wh = newWarehouse("Pick DC").path("id").asText();
        Platform.get().inventory.setLots(tenant, "SKU-PA", List.of(new StockLot(wh, "A-10-02", "SKU-PA", "LOT-A", null, null, 10)));
        Platform.get().inventory.setLots(tenant, "SKU-PB", List.of(new StockLot(wh, "A-2-01", "SKU-PB", null, null, null, 10)));
        String f1 = openFulfilment(wh, "c-pick-1", "SKU-PA", 3);
        String f2 = openFulfilment(wh, "c-pick-2", "SKU-PB", 2);
        for (String f : List.of(f1, f2)) {
            assertThat(manager.post("/v1/fulfillment/allocations/request", Map.of("fulfillment_id", f, "strategy", "fifo")).status()).isEqualTo(201);
        }
        Resp created = manager.post("/v1/fulfillment/picklists", Map.of("warehouse_id", wh, "fulfillment_ids", List.of(f1, f2), "priority", "high", "picker_group", "A"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        // pick-path order: A-2 before A-10
        assertThat(created.json().path("lines").findValuesAsText("location_id")).containsExactly("A-2-01", "A-10-02");
        assertThat(manager.post("/v1/fulfillment/picklists", Map.of("warehouse_id", wh, "fulfillment_ids", List.of(f1))).code()).isEqualTo("picklist.fulfillment_on_picklist");
        assertThat(picker.post("/v1/fulfillment/picklists/" + id + "/start", Map.of()).code()).isEqualTo("picklist.invalid_transition");
        assertThat(picker.post("/v1/fulfillment/picklists/" + id + "/assign", Map.of("worker_id", "w1")).status()).isEqualTo(403);
        assertThat(manager.post("/v1/fulfillment/picklists/" + id + "/assign", Map.of("worker_id", "picker-wh", "device_id", "scanner-12")).status()).isEqualTo(200);
        assertThat(picker.post("/v1/fulfillment/picklists/" + id + "/start", Map.of()).json().path("status").asText()).isEqualTo("in_progress");
        assertThat(picker.get("/v1/fulfillment/fulfillments/" + f1).json().path("status").asText()).isEqualTo("picking");

        Resp scanned = picker.post("/v1/fulfillment/picklists/" + id + "/scan", Map.of("scans", List.of(
                Map.of("scan_id", "s1", "location_id", "A-2-01", "sku", "SKU-PB", "qty", 2),
                Map.of("scan_id", "s2", "location_id", "A-2-01", "sku", "SKU-PA", "lot", "LOT-A", "qty", 1),
                Map.of("scan_id", "s3", "location_id", "A-10-02", "sku", "SKU-PA", "lot", "LOT-X", "qty", 1),
                Map.of("scan_id", "s4", "location_id", "A-10-02", "sku", "SKU-PA", "lot", "LOT-A", "qty", 2),
                Map.of("scan_id", "s5", "location_id", "A-10-02", "sku", "SKU-PA", "lot", "LOT-A", "qty", 5),
                Map.of("scan_id", "s6", "location_id", "A-10-02", "sku", "SKU-ZZ", "qty", 1))));
        assertThat(scanned.status()).as(scanned.toString()).isEqualTo(200);
        assertThat(scanned.json().path("results").findValuesAsText("outcome"))
                .containsExactly("ok", "wrong_location", "lot_mismatch", "ok", "over_pick", "wrong_sku");
        Resp replay = picker.post("/v1/fulfillment/picklists/" + id + "/scan", Map.of("scans", List.of(
                Map.of("scan_id", "s4", "location_id", "A-10-02", "sku", "SKU-PA", "lot", "LOT-A", "qty", 2))));
        assertThat(replay.json().path("results").get(0).path("replayed").asBoolean()).isTrue();
        assertThat(replay.json().path("picklist").path("lines").get(1).path("picked").asLong()).isEqualTo(2);

        assertThat(picker.post("/v1/fulfillment/picklists/" + id + "/complete", Map.of()).code()).isEqualTo("picklist.incomplete");
        Resp adjusted = picker.post("/v1/fulfillment/picklists/" + id + "/adjust", Map.of("lines", List.of(Map.of("line_id", "pl2", "reason", "damaged"))));
        assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
        assertThat(adjusted.json().path("lines").get(1).path("short_quantity").asLong()).isEqualTo(1);
        assertThat(adjusted.json().path("lines").get(1).path("picked").asLong()).isEqualTo(2);
        assertThat(picker.get("/v1/fulfillment/picklists/" + id + "/tasks").json().path("tasks").findValuesAsText("status")).containsExactly("done", "done");
        Resp done = picker.post("/v1/fulfillment/picklists/" + id + "/complete", Map.of("pick_confirmation_id", "pcf-wave-1"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().path("status").asText()).isEqualTo("completed");
        assertThat(picker.get("/v1/fulfillment/fulfillments/" + f2).json().path("status").asText()).isEqualTo("picked");
        assertThat(manager.get("/v1/fulfillment/allocations/" + picker.get("/v1/fulfillment/fulfillments/" + f2).json().path("allocation_id").asText())
                .json().path("pick_confirmation_id").asText()).isEqualTo("pcf-wave-1");
        assertThat(picker.post("/v1/fulfillment/picklists/" + id + "/rebin", Map.of("line_id", "pl1", "quantity", 3, "to_location_id", "STAGE-1")).code())
                .isEqualTo("picklist.rebin_exceeds_picked");
        assertThat(picker.post("/v1/fulfillment/picklists/" + id + "/rebin", Map.of("line_id", "pl1", "quantity", 1, "to_location_id", "STAGE-1")).status()).isEqualTo(200);
        assertThat(other.get("/v1/fulfillment/picklists/" + id).code()).isEqualTo("picklist.not_found");

        // capacity and slotting come from the scans
        JsonNode capacity = picker.get("/v1/fulfillment/warehouses/" + wh + "/capacity?window_hours=2").json();
        assertThat(capacity.path("units_picked").asLong()).isEqualTo(4);
        assertThat(capacity.path("active_hours").asInt()).isGreaterThanOrEqualTo(1);
        Resp slotting = picker.post("/v1/fulfillment/warehouses/" + wh + "/slotting/recommend", Map.of("window_days", 1,
                "bins", List.of(Map.of("id", "BIN-NEAR", "distance_to_packing_m", 3), Map.of("id", "BIN-FAR", "distance_to_packing_m", 40)),
                "current_bins", Map.of("SKU-PB", "BIN-FAR")));
        assertThat(slotting.status()).as(slotting.toString()).isEqualTo(200);
        assertThat(slotting.json().path("units_by_sku").path("SKU-PA").asLong()).isEqualTo(2);
        assertThat(slotting.json().path("recommendations").get(0).path("to_bin").asText()).isEqualTo("BIN-NEAR");
    }
}
