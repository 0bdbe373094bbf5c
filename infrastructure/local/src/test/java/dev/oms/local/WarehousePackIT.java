package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.warehouse.StockLot;
import dev.oms.platform.Platform;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 pack stations, serials, lots and traceability: one session per station (two packers at once: one wins),
 * packages never hold more than was picked, sealing once (then the fulfilment is ready to ship and the order packed),
 * serials once per tenant and SKU, lots consumed fresh and never beyond what they have or the line needs, and the trail of
 * a serial or a lot; roles, tenant isolation, idempotency.
 */
class WarehousePackIT {
    static String tenant;
    static Client admin;
    static Client manager;
    static Client packer;
    static Client packer2;
    static Client picker;
    static Client other;
    static String otherTenant;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        admin = as(tenant, "admin-pk", "admin");
        manager = as(tenant, "manager-pk", "fulfillment_manager");
        packer = as(tenant, "packer-1", "packer");
        packer2 = as(tenant, "packer-2", "packer");
        picker = as(tenant, "picker-pk", "picker");
        otherTenant = newTenant();
        other = as(otherTenant, "other-pk", "admin");
    }

    static String warehouse(String name) {
        Resp r = manager.post("/v1/fulfillment/warehouses", Map.of("name", name, "timezone", "Europe/London",
                "address", Map.of("name", name, "line1", "1 Dock Road", "city", "Leeds", "country", "GB"),
                "zones", List.of(Map.of("id", "P", "name", "Packing", "type", "pack"))));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    static String station(String wh, String type) {
        Resp r = manager.post("/v1/fulfillment/warehouses/" + wh + "/workstation", Map.of("type", type, "name", "Station", "zone_id", "P"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    /** A fulfilment of {@code quantity} units of {@code sku}, allocated (and picked by confirm-pick when {@code pick}). */
    static String fulfilment(String wh, String customer, String sku, long quantity, boolean pick) {
        ObjectNode body = TestSystem.order(customer);
        body.putArray("items").add(item(sku, quantity, 1000, "GBP"));
        body.putArray("payments").addObject().put("payment_id", payment(admin, quantity * 1000, "GBP", "authorized"))
                .set("amount", money(quantity * 1000, "GBP"));
        String orderId = create(admin, body);
        assertThat(admin.post("/v1/orders/" + orderId + "/confirm", null).status()).isEqualTo(200);
        String line = admin.get("/v1/orders/" + orderId).json().path("lines").get(0).path("id").asText();
        Resp f = manager.post("/v1/fulfillment/fulfillments", Map.of("order_id", orderId, "warehouse_id", wh,
                "requested_ship_date", "2030-03-01T09:00:00Z", "lines", List.of(Map.of("order_line_id", line, "quantity", quantity))));
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        String id = f.json().path("id").asText();
        Resp a = manager.post("/v1/fulfillment/allocations/request", Map.of("fulfillment_id", id, "strategy", "fifo"));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        if (pick) {
            Resp p = picker.post("/v1/fulfillment/allocations/" + a.json().path("id").asText() + "/confirm-pick", Map.of());
            assertThat(p.status()).as(p.toString()).isEqualTo(200);
        }
        return id;
    }

    static String lineOf(String fulfilmentId) {
        return manager.get("/v1/fulfillment/fulfillments/" + fulfilmentId).json().path("lines").get(0).path("order_line_id").asText();
    }

    static String orderOf(String fulfilmentId) { return manager.get("/v1/fulfillment/fulfillments/" + fulfilmentId).json().path("order_id").asText(); }

    static String pack(String station) { return "/v1/fulfillment/pack-stations/" + station; }

    @Test
    void aPackerPacksPickedUnitsSealsEachPackageOnceAndTheFulfilmentIsReadyToShip() {
        String wh = warehouse("Pack DC");
        String st = station(wh, "pack_station");
        String f = fulfilment(wh, "c-pack-1", "SKU-PK", 3, true);
        String line = lineOf(f);
        assertThat(manager.post("/v1/fulfillment/packaging-profiles", Map.of("name", "Small", "length_mm", 300, "width_mm", 200,
                "height_mm", 150, "max_weight_grams", 5000)).status()).isEqualTo(201);

        assertThat(picker.post(pack(st) + "/open-session", Map.of("warehouse_id", wh)).status()).isEqualTo(403);
        assertThat(packer.post(pack(st) + "/open-session", Map.of("warehouse_id", wh, "colour", "red")).code()).isEqualTo("request.invalid");
        assertThat(packer.post(pack("wks_nope") + "/open-session", Map.of("warehouse_id", wh)).code()).isEqualTo("workstation.not_found");
        assertThat(packer.post(pack(station(wh, "scale")) + "/open-session", Map.of("warehouse_id", wh)).code()).isEqualTo("workstation.not_pack_station");
        assertThat(packer.post(pack(st) + "/pack", Map.of("fulfillment_id", f, "packages", List.of(Map.of("items",
                List.of(Map.of("order_line_id", line, "quantity", 1)))))).code()).isEqualTo("pack_station.no_session");

        Resp opened = packer.post(pack(st) + "/open-session", Map.of("warehouse_id", wh, "device_id", "scale-7", "fulfillment_id", f,
                "unit_sizes", List.of(Map.of("sku", "SKU-PK", "length_mm", 100, "width_mm", 80, "height_mm", 50, "weight_grams", 400))));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        String session = opened.json().path("session").path("id").asText();
        assertThat(opened.json().path("session").path("held_by").asText()).isEqualTo("packer-1");
        JsonNode boxes = opened.json().path("recommendation").path("boxes");
        assertThat(boxes.size()).isEqualTo(1);
        assertThat(boxes.get(0).path("skus").size()).isEqualTo(3);
        assertThat(packer.post(pack(st) + "/open-session", Map.of("warehouse_id", wh)).json().path("session").path("id").asText()).isEqualTo(session);
        Resp taken = packer2.post(pack(st) + "/open-session", Map.of("warehouse_id", wh));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("pack_station.session_open");
        assertThat(taken.json().path("held_by").asText()).isEqualTo("packer-1");
        assertThat(packer2.post(pack(st) + "/open-session", Map.of("warehouse_id", wh, "take_over", true)).status()).isEqualTo(403);
        assertThat(packer2.post(pack(st) + "/pack", Map.of("fulfillment_id", f, "packages", List.of(Map.of("items",
                List.of(Map.of("order_line_id", line, "quantity", 1)))))).code()).isEqualTo("pack_station.session_of_another");

        Client keyed = packer.header("Idempotency-Key", "pack-" + f);
        Map<String, Object> first = Map.of("fulfillment_id", f, "packages", List.of(Map.of("weight_grams", 900,
                "dimensions", Map.of("length_mm", 300, "width_mm", 200, "height_mm", 150), "items", List.of(Map.of("order_line_id", line, "sku", "SKU-PK", "quantity", 2)))));
        Resp packed = keyed.post(pack(st) + "/pack", first);
        assertThat(packed.status()).as(packed.toString()).isEqualTo(201);
        assertThat(packed.json().path("fulfillment_warehouse_status").asText()).isEqualTo("packing");
        String pkg1 = packed.json().path("packages").get(0).path("id").asText();
        assertThat(pkg1).startsWith("pkg_");
        Resp replay = keyed.post(pack(st) + "/pack", first);
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("packages").get(0).path("id").asText()).isEqualTo(pkg1);
        assertThat(manager.get("/v1/fulfillment/fulfillments/" + f).json().path("status").asText()).isEqualTo("packing");

        Resp over = packer.post(pack(st) + "/pack", Map.of("fulfillment_id", f, "packages", List.of(Map.of("items",
                List.of(Map.of("order_line_id", line, "quantity", 2))))));
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.code()).isEqualTo("pack.quantity_exceeds_picked");
        assertThat(over.json().path("picked").asLong()).isEqualTo(3);
        assertThat(over.json().path("packed").asLong()).isEqualTo(2);
        assertThat(packer.post(pack(st) + "/pack", Map.of("fulfillment_id", f, "packages", List.of(Map.of("items",
                List.of(Map.of("order_line_id", line, "sku", "SKU-OTHER", "quantity", 1)))))).code()).isEqualTo("line.sku_mismatch");
        String pkg2 = packer.post(pack(st) + "/pack", Map.of("fulfillment_id", f, "packages", List.of(Map.of("items",
                List.of(Map.of("order_line_id", line, "quantity", 1)))))).json().path("packages").get(0).path("id").asText();

        Resp sealed = packer.post(pack(st) + "/seal", Map.of("fulfillment_id", f, "package_id", pkg1));
        assertThat(sealed.status()).as(sealed.toString()).isEqualTo(200);
        assertThat(sealed.json().path("status").asText()).isEqualTo("sealed");
        assertThat(sealed.json().path("label_status").asText()).isEqualTo("pending");
        assertThat(sealed.json().path("fulfillment_warehouse_status").asText()).isEqualTo("packing");
        Resp twice = packer.post(pack(st) + "/seal", Map.of("fulfillment_id", f, "package_id", pkg1));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("package.already_sealed");
        Resp noWeight = packer.post(pack(st) + "/seal", Map.of("fulfillment_id", f, "package_id", pkg2));
        assertThat(noWeight.status()).isEqualTo(400);
        assertThat(noWeight.json().path("errors").findValuesAsText("code")).contains("package.weight_required");
        assertThat(packer.post(pack(st) + "/seal", Map.of("fulfillment_id", f, "package_id", "pkg_nope", "weight_grams", 10)).code()).isEqualTo("package.not_found");
        Resp last = packer.post(pack(st) + "/seal", Map.of("fulfillment_id", f, "package_id", pkg2, "weight_grams", 450));
        assertThat(last.status()).as(last.toString()).isEqualTo(200);
        assertThat(last.json().path("fulfillment_warehouse_status").asText()).isEqualTo("ready_to_ship");
        assertThat(admin.get("/v1/orders/" + orderOf(f) + "/fulfillments/" + f).json().path("status").asText()).isEqualTo("packed");
        assertThat(packer.post(pack(st) + "/pack", Map.of("fulfillment_id", f, "packages", List.of(Map.of("items",
                List.of(Map.of("order_line_id", line, "quantity", 1)))))).code()).isEqualTo("pack.fulfillment_not_picked");

        // another tenant's fulfilment is not found, whatever its station
        assertThat(other.post(pack(st) + "/pack", Map.of("fulfillment_id", f, "packages", List.of(Map.of("items",
                List.of(Map.of("order_line_id", line, "quantity", 1)))))).status()).isEqualTo(404);
        assertThat(other.post(pack(st) + "/seal", Map.of("fulfillment_id", f, "package_id", pkg1)).code()).isEqualTo("fulfillment.not_found");
        // a supervisor takes the station over
        Resp takeover = manager.post(pack(st) + "/open-session", Map.of("warehouse_id", wh, "take_over", true));
        assertThat(takeover.status()).as(takeover.toString()).isEqualTo(200);
        assertThat(takeover.json().path("session").path("held_by").asText()).isEqualTo("manager-pk");
    }

    @Test
    void aFulfilmentNotPickedIsNotPackedAndTwoPackersOpeningOneStationAtOnceNeverShareIt() throws Exception {
        String wh = warehouse("Race DC");
        String st = station(wh, "pack_station");
        String f = fulfilment(wh, "c-pack-2", "SKU-PK2", 1, false);
        List<Future<Resp>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Client c : List.of(packer, packer2)) answers.add(pool.submit(() -> c.post(pack(st) + "/open-session", Map.of("warehouse_id", wh))));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Resp> a : answers) statuses.add(a.get().status());
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            Client holder = answers.get(0).get().status() == 200 ? packer : packer2;
            Resp notPicked = holder.post(pack(st) + "/pack", Map.of("fulfillment_id", f, "packages", List.of(Map.of("items",
                    List.of(Map.of("order_line_id", lineOf(f), "quantity", 1))))));
            assertThat(notPicked.status()).isEqualTo(409);
            assertThat(notPicked.code()).isEqualTo("pack.fulfillment_not_picked");
            assertThat(notPicked.json().path("current_status").asText()).isEqualTo("allocated");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void serialsAreAssignedOncePerSkuPackedAndTracedForwardAndBackward() {
        String wh = warehouse("Serial DC");
        String st = station(wh, "pack_station");
        String f = fulfilment(wh, "c-ser-1", "SKU-SER", 2, true);
        String g = fulfilment(wh, "c-ser-2", "SKU-SER", 1, true);
        String line = lineOf(f);

        assertThat(picker.post("/v1/fulfillment/serials/assign", Map.of("fulfillment_id", f, "order_line_id", line, "serials", List.of("SN-1"))).status()).isEqualTo(403);
        Resp dup = packer.post("/v1/fulfillment/serials/assign", Map.of("fulfillment_id", f, "order_line_id", line, "serials", List.of("SN-1", "SN-1")));
        assertThat(dup.status()).isEqualTo(400);
        Resp assigned = packer.post("/v1/fulfillment/serials/assign", Map.of("fulfillment_id", f, "order_line_id", line, "serials", List.of("SN-1", "SN-2")));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json().path("serials").findValuesAsText("serial")).containsExactly("SN-1", "SN-2");
        Resp tooMany = packer.post("/v1/fulfillment/serials/assign", Map.of("fulfillment_id", f, "order_line_id", line, "serials", List.of("SN-3")));
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.code()).isEqualTo("serial.exceeds_picked");
        Resp reused = packer.post("/v1/fulfillment/serials/assign", Map.of("fulfillment_id", g, "order_line_id", lineOf(g), "serials", List.of("SN-1")));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.code()).isEqualTo("serial.already_assigned");
        assertThat(packer.post("/v1/fulfillment/serials/assign", Map.of("fulfillment_id", g, "order_line_id", line, "serials", List.of("SN-7"))).code())
                .isEqualTo("serial.line_not_in_fulfillment");
        assertThat(other.post("/v1/fulfillment/serials/assign", Map.of("fulfillment_id", f, "order_line_id", line, "serials", List.of("SN-9"))).status()).isEqualTo(404);

        assertThat(packer.post(pack(st) + "/open-session", Map.of("warehouse_id", wh)).status()).isEqualTo(200);
        Resp unknown = packer.post(pack(st) + "/pack", Map.of("fulfillment_id", f, "packages", List.of(Map.of("weight_grams", 300, "items",
                List.of(Map.of("order_line_id", line, "quantity", 1, "serials", List.of("SN-9")))))));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("pack.serial_not_assigned");
        Resp packed = packer.post(pack(st) + "/pack", Map.of("fulfillment_id", f, "packages", List.of(Map.of("weight_grams", 300, "items",
                List.of(Map.of("order_line_id", line, "quantity", 1, "serials", List.of("SN-1")))))));
        assertThat(packed.status()).as(packed.toString()).isEqualTo(201);
        String pkg = packed.json().path("packages").get(0).path("id").asText();
        assertThat(packer.post(pack(st) + "/pack", Map.of("fulfillment_id", f, "packages", List.of(Map.of("items",
                List.of(Map.of("order_line_id", line, "quantity", 1, "serials", List.of("SN-1"))))))).code()).isEqualTo("pack.serial_already_packed");

        Resp trail = picker.get("/v1/fulfillment/traceability?serial=SN-1");
        assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
        JsonNode t = trail.json().path("data").get(0);
        assertThat(t.path("fulfillment_id").asText()).isEqualTo(f);
        assertThat(t.path("order_id").asText()).isEqualTo(orderOf(f));
        assertThat(t.path("sku").asText()).isEqualTo("SKU-SER");
        assertThat(t.path("package").path("id").asText()).isEqualTo(pkg);
        assertThat(t.path("origins").get(0).path("source").asText()).isEqualTo("allocation");
        assertThat(t.path("origins").get(0).path("location_id").asText()).isEqualTo("STOCK-01");
        assertThat(picker.get("/v1/fulfillment/traceability?serial=SN-1&sku=SKU-OTHER").json().path("data").size()).isZero();
        assertThat(other.get("/v1/fulfillment/traceability?serial=SN-1").json().path("data").size()).isZero();
        assertThat(picker.get("/v1/fulfillment/traceability").code()).isEqualTo("traceability.query_required");
        assertThat(picker.get("/v1/fulfillment/traceability?serial=SN-1&colour=red").status()).isEqualTo(400);
    }

    @Test
    void lotsAreConsumedFreshNeverBeyondWhatTheyHaveOrTheLineNeedsAndTracedToTheirOrders() {
        String wh = warehouse("Lot DC");
        String f = fulfilment(wh, "c-lot-1", "SKU-LOT", 4, false);
        String line = lineOf(f);
        LocalDate ship = LocalDate.parse("2030-03-01");
        Platform.get().inventory.setLots(tenant, "SKU-LOT", List.of(
                new StockLot(wh, "A-01", "SKU-LOT", "LOT-OLD", ship.plusDays(2), null, 5),
                new StockLot(wh, "A-02", "SKU-LOT", "LOT-A", ship.plusDays(90), null, 3),
                new StockLot(wh, "A-03", "SKU-LOT", "LOT-B", ship.plusDays(90), null, 10)));
        Map<String, Object> base = Map.of("fulfillment_id", f, "order_line_id", line, "ship_date", ship.toString(), "min_shelf_life_days", 7);

        assertThat(packer.post("/v1/fulfillment/lot/consume", with(base, "location_id", "A-02", "lot_id", "LOT-A", "quantity", 1)).status()).isEqualTo(403);
        Resp shortDated = picker.post("/v1/fulfillment/lot/consume", with(base, "location_id", "A-01", "lot_id", "LOT-OLD", "quantity", 1));
        assertThat(shortDated.status()).isEqualTo(409);
        assertThat(shortDated.code()).isEqualTo("lot.short_dated");
        Resp tooMuch = picker.post("/v1/fulfillment/lot/consume", with(base, "location_id", "A-02", "lot_id", "LOT-A", "quantity", 4));
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.code()).isEqualTo("lot.insufficient_quantity");
        assertThat(tooMuch.json().path("available").asLong()).isEqualTo(3);
        assertThat(picker.post("/v1/fulfillment/lot/consume", with(base, "location_id", "A-09", "lot_id", "LOT-A", "quantity", 1)).code()).isEqualTo("lot.not_found");

        Client keyed = picker.header("Idempotency-Key", "lot-" + f);
        Map<String, Object> three = with(base, "location_id", "A-02", "lot_id", "LOT-A", "quantity", 3);
        Resp consumed = keyed.post("/v1/fulfillment/lot/consume", three);
        assertThat(consumed.status()).as(consumed.toString()).isEqualTo(200);
        assertThat(consumed.json().path("line_consumed").asLong()).isEqualTo(3);
        assertThat(consumed.json().path("expiry").asText()).isEqualTo(ship.plusDays(90).toString());
        Resp replay = keyed.post("/v1/fulfillment/lot/consume", three);
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("id").asText()).isEqualTo(consumed.json().path("id").asText());
        Resp empty = picker.post("/v1/fulfillment/lot/consume", with(base, "location_id", "A-02", "lot_id", "LOT-A", "quantity", 1));
        assertThat(empty.code()).isEqualTo("lot.insufficient_quantity");
        assertThat(empty.json().path("available").asLong()).isZero();
        Resp overLine = picker.post("/v1/fulfillment/lot/consume", with(base, "location_id", "A-03", "lot_id", "LOT-B", "quantity", 2));
        assertThat(overLine.status()).isEqualTo(409);
        assertThat(overLine.code()).isEqualTo("lot.exceeds_line");
        assertThat(picker.post("/v1/fulfillment/lot/consume", with(base, "location_id", "A-03", "lot_id", "LOT-B", "quantity", 1)).status()).isEqualTo(200);
        assertThat(other.post("/v1/fulfillment/lot/consume", with(base, "location_id", "A-03", "lot_id", "LOT-B", "quantity", 1)).status()).isEqualTo(404);
        Resp badDate = picker.post("/v1/fulfillment/lot/consume", with(base, "location_id", "A-03", "lot_id", "LOT-B", "quantity", 1, "ship_date", "tomorrow"));
        assertThat(badDate.status()).isEqualTo(400);

        Resp trail = picker.get("/v1/fulfillment/traceability?lot=LOT-A&sku=SKU-LOT");
        assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
        JsonNode t = trail.json().path("data").get(0);
        assertThat(t.path("fulfillment_id").asText()).isEqualTo(f);
        assertThat(t.path("quantity").asLong()).isEqualTo(3);
        assertThat(t.path("origins").get(0).path("lot").asText()).isEqualTo("LOT-A");
        assertThat(t.path("origins").get(0).path("location_id").asText()).isEqualTo("A-02");
        assertThat(trail.json().path("data").size()).isEqualTo(1);
    }

    static Resp carrierWebhook(String tenantId, String secret, String messageId, String body) {
        long at = now();
        return anonymous().header("x-tenant-id", tenantId).header("webhook-id", messageId).header("webhook-timestamp", Long.toString(at))
                .header("webhook-signature", sign(secret, messageId, at, body)).post("/v1/fulfillment/webhook/carrier", body);
    }

    @Test
    void aSignedCarrierWebhookMovesTheShipmentOnceAndRecordsUnknownTrackingNumbers() {
        String wh = warehouse("Carrier DC");
        String st = station(wh, "pack_station");
        String f = fulfilment(wh, "c-carrier-1", "SKU-CAR", 1, true);
        Client sup = as(tenant, "sup-car", "warehouse_supervisor");
        assertThat(sup.post(pack(st) + "/open-session", Map.of("warehouse_id", wh)).status()).isEqualTo(200);
        String pkg = sup.post(pack(st) + "/pack", Map.of("fulfillment_id", f, "packages", List.of(Map.of("weight_grams", 500, "items",
                List.of(Map.of("order_line_id", lineOf(f), "quantity", 1)))))).json().path("packages").get(0).path("id").asText();
        assertThat(sup.post(pack(st) + "/seal", Map.of("fulfillment_id", f, "package_id", pkg)).json().path("fulfillment_warehouse_status").asText())
                .isEqualTo("ready_to_ship");
        Resp shipped = sup.post("/v1/fulfillment/shipments", Map.of("fulfillment_id", f, "packages", List.of(Map.of("weight_grams", 500))));
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        String shipment = shipped.json().path("id").asText();
        String number = shipped.json().path("tracking_numbers").get(0).asText();
        String order = orderOf(f);
        String secret = Platform.get().inboundSecrets.generate(tenant, "carrier");

        String body = "{\"type\":\"tracking.updated\",\"data\":{\"tracking_number\":\"" + number + "\",\"status\":\"in_transit\","
                + "\"occurred_at\":\"2030-03-01T10:00:00Z\",\"location\":\"Leeds\",\"carrier\":\"sandbox\",\"shipment_id\":\"" + shipment + "\"}}";
        assertThat(carrierWebhook(tenant, Platform.get().inboundSecrets.generate(newTenant(), "carrier"), "car-" + shipment, body).code())
                .isEqualTo("webhook.signature_invalid");
        assertThat(anonymous().post("/v1/fulfillment/webhook/carrier", body).status()).isEqualTo(401);
        Resp moved = carrierWebhook(tenant, secret, "car-" + shipment, body);
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().path("matched").asBoolean()).isTrue();
        assertThat(moved.json().path("shipment_id").asText()).isEqualTo(shipment);
        assertThat(moved.json().path("status").asText()).isEqualTo("in_transit");
        assertThat(admin.get("/v1/orders/" + order).json().path("shipping_status").asText()).isEqualTo("in_transit");
        Resp again = carrierWebhook(tenant, secret, "car-" + shipment, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();

        String delivered = body.replace("in_transit", "delivered").replace("2030-03-01T10:00:00Z", "2030-03-02T10:00:00Z");
        assertThat(carrierWebhook(tenant, secret, "car-2-" + shipment, delivered).status()).isEqualTo(200);
        assertThat(admin.get("/v1/orders/" + order).json().path("shipping_status").asText()).isEqualTo("delivered");

        String unknown = "{\"type\":\"tracking.updated\",\"data\":{\"tracking_number\":\"NOPE-1\",\"status\":\"in_transit\"}}";
        Resp recorded = carrierWebhook(tenant, secret, "car-unknown-" + shipment, unknown);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(202);
        assertThat(recorded.json().path("matched").asBoolean()).isFalse();
        // another tenant's shipment id does not lead to it
        String otherSecret = Platform.get().inboundSecrets.generate(otherTenant, "carrier");
        Resp foreign = carrierWebhook(otherTenant, otherSecret, "car-foreign-" + shipment, body);
        assertThat(foreign.status()).isEqualTo(202);
        Resp bad = carrierWebhook(tenant, secret, "car-bad-" + shipment, body.replace("in_transit", "teleported"));
        assertThat(bad.status()).isEqualTo(400);
    }

    static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
