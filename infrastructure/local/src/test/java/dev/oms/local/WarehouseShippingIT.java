package dev.oms.local;

import static dev.oms.local.ReturnsKit.*;
import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 shipping and receiving for the warehouse (docs/fulfillment-shipping.md): a warehouse shipment is the
 * order's shipment and a returns intake record the order's return, so what the warehouse does shows on the order's
 * routes at once; roles of the floor, other tenants, replays and stale versions.
 */
class WarehouseShippingIT {
    static String tenant;
    static Client agent;
    static Client packer;
    static Client picker;
    static Client qc;
    static Client supervisor;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-ws", "agent");
        packer = as(tenant, "packer-ws", "packer");
        picker = as(tenant, "picker-ws", "picker");
        qc = as(tenant, "qc-ws", "qc_agent");
        supervisor = as(tenant, "sup-ws", "warehouse_supervisor");
    }

    /** A confirmed order with an open fulfilment of 2 units (nothing shipped): {order id, line id, fulfilment id}. */
    static String[] packedFulfilment() {
        Shipped s = shippedOrder(tenant, agent, "cus_ws", 0);
        Resp f = supervisor.post("/v1/orders/" + s.orderId() + "/fulfillments", Map.of("warehouse_id", "wh_1", "carrier_hint", "sandbox-post",
                "lines", List.of(Map.of("line_id", s.lineId(), "quantity", 2))));
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        return new String[] {s.orderId(), s.lineId(), f.json().path("id").asText()};
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Map<String, Object> shipment(String fulfilmentId, int packages) {
        List<Map<String, Object>> pkgs = new java.util.ArrayList<>();
        for (int i = 0; i < packages; i++) pkgs.add(Map.of("weight_grams", 600 + i));
        return Map.of("fulfillment_id", fulfilmentId, "packages", pkgs, "service_code", "express");
    }

    @Test
    void aPackerShipsAFulfilmentTheOrdersShipmentMovesAndTheLabelIsBoughtOnce() {
        String[] f = packedFulfilment();
        Resp created = packer.header("Idempotency-Key", "ws-ship-1").post("/v1/fulfillment/shipments", shipment(f[2], 2));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String shipmentId = created.json().path("id").asText();
        assertThat(created.header("location")).isEqualTo("/v1/fulfillment/shipments/" + shipmentId);
        assertThat(created.json().path("tracking_numbers")).hasSize(2);
        assertThat(created.json().path("weight_grams").asInt()).isEqualTo(1201);
        Resp replay = packer.header("Idempotency-Key", "ws-ship-1").post("/v1/fulfillment/shipments", shipment(f[2], 2));
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("id").asText()).isEqualTo(shipmentId);
        Resp reused = packer.header("Idempotency-Key", "ws-ship-1").post("/v1/fulfillment/shipments", shipment(f[2], 1));
        assertThat(reused.code()).isEqualTo("idempotency.key_reused");
        Resp twice = packer.post("/v1/fulfillment/shipments", shipment(f[2], 1));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("fulfillment.already_shipped");

        // one record, two views: the order shipped with this very shipment
        JsonNode order = agent.get("/v1/orders/" + f[0] + "?expand=shipments").json();
        assertThat(order.path("shipping_status").asText()).isEqualTo("shipped");
        assertThat(order.path("fulfillment_status").asText()).isIn("fulfilled", "partially_fulfilled");
        Resp viaOrders = agent.get("/v1/orders/shipments/" + shipmentId + "/tracking");
        assertThat(viaOrders.status()).isEqualTo(200);
        List<String> parcels = new java.util.ArrayList<>();
        viaOrders.json().path("parcels").forEach(n -> parcels.add(n.path("tracking_number").asText()));
        assertThat(parcels).containsExactlyElementsOf(texts(created.json().path("tracking_numbers")));

        Resp read = picker.get("/v1/fulfillment/shipments/" + shipmentId);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("fulfillment_ids").get(0).asText()).isEqualTo(f[2]);
        assertThat(read.header("etag")).isNotBlank();

        // the label: rendered now or by the job, the same documents either way, never a second purchase
        Resp label = packer.header("Idempotency-Key", "ws-label-1").post("/v1/fulfillment/shipments/" + shipmentId + "/generate-label",
                Map.of("label_format", "zpl"));
        assertThat(label.status()).as(label.toString()).isEqualTo(200);
        assertThat(label.json().path("content_type").asText()).isEqualTo("application/zpl");
        assertThat(label.json().path("url").asText()).startsWith("http");
        Resp again = packer.post("/v1/fulfillment/shipments/" + shipmentId + "/generate-label", Map.of());
        assertThat(again.json().path("document_id").asText()).isEqualTo(picker.get("/v1/fulfillment/shipments/" + shipmentId + "/label")
                .json().path("document_id").asText());
        assertThat(packer.get("/v1/fulfillment/shipments/" + shipmentId + "/label?format=zpl").json().path("document_id").asText())
                .isEqualTo(label.json().path("document_id").asText());
        // the PNG image of the label: 203 dpi, one 4 x 6 label per parcel, stacked
        Resp png = packer.get("/v1/fulfillment/shipments/" + shipmentId + "/label?format=png");
        assertThat(png.status()).as(png.toString()).isEqualTo(200);
        assertThat(png.json().path("content_type").asText()).isEqualTo("image/png");
        try (var in = java.net.URI.create(png.json().path("url").asText()).toURL().openStream()) {
            var image = javax.imageio.ImageIO.read(in);
            assertThat(image.getWidth()).isEqualTo(812);
            assertThat(image.getHeight()).isEqualTo(1218 * created.json().path("tracking_numbers").size());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(packer.get("/v1/fulfillment/shipments/" + shipmentId + "/label?format=gif").status()).isEqualTo(400);
        eventually("the label job to have run too", () -> timeline(agent, f[0]).contains("shipment.label_ready"));
        assertThat(timeline(agent, f[0])).containsOnlyOnce("shipment.created", "shipment.label_ready", "order.shipped");
        assertThat(agent.get("/v1/fulfillment/shipments/" + shipmentId + "/label").code()).isEqualTo("auth.forbidden");

        // tracking polled from the carrier
        String number = created.json().path("tracking_numbers").get(0).asText();
        assertThat(supervisor.post("/local/sandbox/carrier/" + number + "/events", Map.of("status", "in_transit", "location", "Leeds")).status())
                .isLessThan(300);
        Resp tracked = packer.post("/v1/fulfillment/shipments/" + shipmentId + "/track", Map.of());
        assertThat(tracked.status()).as(tracked.toString()).isEqualTo(200);
        assertThat(tracked.json().path("refreshed").asBoolean()).isTrue();
        assertThat(tracked.json().path("events").findValuesAsText("status")).contains("in_transit");
        assertThat(packer.post("/v1/fulfillment/shipments/" + shipmentId + "/track", Map.of("poll", true)).status()).isEqualTo(400);
    }

    @Test
    void badShipmentsAreRefusedAndNothingShips() {
        String[] f = packedFulfilment();
        Resp noPackages = packer.post("/v1/fulfillment/shipments", Map.of("fulfillment_id", f[2], "packages", List.of()));
        assertThat(noPackages.status()).isEqualTo(400);
        Resp zero = packer.post("/v1/fulfillment/shipments", Map.of("fulfillment_id", f[2], "packages", List.of(Map.of("weight_grams", 0))));
        assertThat(zero.status()).isEqualTo(400);
        Resp unknown = packer.post("/v1/fulfillment/shipments", Map.of("fulfillment_id", f[2], "packages", List.of(Map.of("weight_grams", 5)),
                "insurance", Map.of("value", 1)));
        assertThat(unknown.code()).isEqualTo("request.invalid");
        Resp sizes = packer.post("/v1/fulfillment/shipments", Map.of("fulfillment_id", f[2], "packages", List.of(
                Map.of("weight_grams", 5, "dimensions", Map.of("length_mm", 1, "width_mm", 1, "height_mm", 1)), Map.of("weight_grams", 5))));
        assertThat(sizes.status()).isEqualTo(400);
        assertThat(sizes.json().path("errors").findValuesAsText("code")).contains("dimensions.single_package_only");
        assertThat(packer.post("/v1/fulfillment/shipments", shipment("ful_missing", 1)).code()).isEqualTo("fulfillment.not_found");
        // a stale If-Match (the order's version)
        Resp stale = packer.header("If-Match", "\"1\"").post("/v1/fulfillment/shipments", shipment(f[2], 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("order.version_conflict");
        // roles: a picker and a qc agent buy no labels; another tenant sees nothing
        assertThat(picker.post("/v1/fulfillment/shipments", shipment(f[2], 1)).code()).isEqualTo("auth.forbidden");
        assertThat(qc.post("/v1/fulfillment/shipments", shipment(f[2], 1)).code()).isEqualTo("auth.forbidden");
        assertThat(agent.post("/v1/fulfillment/shipments", shipment(f[2], 1)).code()).isEqualTo("auth.forbidden");
        Client stranger = as(newTenant(), "packer-x", "packer");
        assertThat(stranger.post("/v1/fulfillment/shipments", shipment(f[2], 1)).code()).isEqualTo("fulfillment.not_found");
        assertThat(agent.get("/v1/orders/" + f[0]).json().path("shipping_status").asText()).isEqualTo("not_shipped");

        Resp ok = packer.post("/v1/fulfillment/shipments", Map.of("fulfillment_id", f[2], "packages", List.of(
                Map.of("weight_grams", 900, "dimensions", Map.of("length_mm", 300, "width_mm", 200, "height_mm", 100)))));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        String shipmentId = ok.json().path("id").asText();
        assertThat(ok.json().path("dimensions").path("length_mm").asInt()).isEqualTo(300);
        assertThat(stranger.get("/v1/fulfillment/shipments/" + shipmentId).code()).isEqualTo("shipment.not_found");
        assertThat(stranger.post("/v1/fulfillment/shipments/" + shipmentId + "/generate-label", Map.of()).code()).isEqualTo("shipment.not_found");
        assertThat(stranger.get("/v1/fulfillment/shipments/" + shipmentId + "/label").code()).isEqualTo("shipment.not_found");
        assertThat(stranger.post("/v1/fulfillment/shipments/" + shipmentId + "/track", Map.of()).code()).isEqualTo("shipment.not_found");
        assertThat(packer.get("/v1/fulfillment/shipments/shp_missing").code()).isEqualTo("shipment.not_found");
        assertThat(packer.get("/v1/fulfillment/shipments/" + shipmentId + "/label?format=bmp").status()).isEqualTo(400);
        assertThat(packer.post("/v1/fulfillment/shipments/" + shipmentId + "/generate-label", Map.of("label_format", "bmp")).status()).isEqualTo(400);
        assertThat(picker.post("/v1/fulfillment/shipments/" + shipmentId + "/generate-label", Map.of()).code()).isEqualTo("auth.forbidden");
    }

    static Map<String, Object> intake(String orderId, String lineId, long qty) {
        return Map.of("order_id", orderId, "rma_reference", "rma-ws-1", "reason", "damaged", "return_method", "ship",
                "destination_warehouse_id", "wh_returns", "expected_lines", List.of(Map.of("order_line_id", lineId, "qty", qty)));
    }

    @Test
    void aParcelWithoutAnRmaOpensTheOrdersReturnWhichIsReceivedInspectedAndCompleted() {
        Shipped s = shippedOrder(tenant, agent, "cus_ws", 2);
        Resp opened = packer.header("Idempotency-Key", "ws-rma-1").post("/v1/fulfillment/returns", intake(s.orderId(), s.lineId(), 2));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String id = opened.json().path("return_id").asText();
        assertThat(opened.header("location")).isEqualTo("/v1/fulfillment/returns/" + id);
        assertThat(packer.header("Idempotency-Key", "ws-rma-1").post("/v1/fulfillment/returns", intake(s.orderId(), s.lineId(), 2))
                .json().path("return_id").asText()).isEqualTo(id);
        // the same return on the order's routes
        JsonNode canonical = ret(agent, s.orderId(), id);
        assertThat(canonical.path("metadata").path("rma_reference").asText()).isEqualTo("rma-ws-1");
        assertThat(canonical.path("metadata").path("destination_warehouse_id").asText()).isEqualTo("wh_returns");
        awaitSagaWaiting(agent, s.orderId(), id, "receipt");

        String base = "/v1/fulfillment/returns/" + id;
        assertThat(qc.post(base + "/inspect", Map.of("disposition", "reshelve")).code()).isEqualTo("return.not_received");
        Resp stale = packer.header("If-Match", "\"1\"").post(base + "/receive", Map.of("received_lines", List.of(
                Map.of("line_id", s.lineId(), "qty", 2, "condition", "opened"))));
        assertThat(stale.code()).isEqualTo("order.version_conflict");
        Resp over = packer.post(base + "/receive", Map.of("received_lines", List.of(Map.of("line_id", s.lineId(), "qty", 3, "condition", "opened"))));
        assertThat(over.status()).isEqualTo(422);
        Resp received = packer.post(base + "/receive", Map.of("received_lines", List.of(
                Map.of("line_id", s.lineId(), "qty", 2, "condition", "opened", "serials", List.of("SN-1", "SN-2")))));
        assertThat(received.status()).as(received.toString()).isEqualTo(200);
        assertThat(received.json().path("status").asText()).isEqualTo("received");
        awaitSagaWaiting(agent, s.orderId(), id, "inspection");

        assertThat(packer.post(base + "/inspect", Map.of("disposition", "reshelve")).code()).isEqualTo("auth.forbidden");
        assertThat(qc.post(base + "/inspect", Map.of("disposition", "scrap", "restockable_qty", 1)).code()).isEqualTo("return.restock_not_allowed");
        assertThat(qc.post(base + "/inspect", Map.of("disposition", "reshelve", "restockable_qty", 3)).code()).isEqualTo("return.restock_exceeds_received");
        assertThat(qc.post(base + "/inspect", Map.of("disposition", "burn")).status()).isEqualTo(400);
        Resp inspected = qc.post(base + "/inspect", Map.of("disposition", "reshelve", "restockable_qty", 1, "notes", "one box crushed"));
        assertThat(inspected.status()).as(inspected.toString()).isEqualTo(200);
        assertThat(inspected.json().path("outcome").asText()).isEqualTo("approved");
        assertThat(inspected.json().path("lines").get(0).path("restockable_quantity").asLong()).isEqualTo(1);

        Resp completed = qc.header("Idempotency-Key", "ws-complete-1").post(base + "/complete", Map.of());
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.json().path("settlement").path("kind").asText()).isEqualTo("refund");
        Resp completedAgain = qc.post(base + "/complete", Map.of());
        assertThat(completedAgain.json().path("settlement").path("reference").asText())
                .isEqualTo(completed.json().path("settlement").path("reference").asText());
        JsonNode closed = awaitReturn(agent, s.orderId(), id, "closed");
        assertThat(closed.path("settlement").path("reference").asText()).isEqualTo(completed.json().path("settlement").path("reference").asText());
        assertThat(agent.get("/v1/orders/" + s.orderId() + "/refunds").json().path("data")).hasSize(1);
        assertThat(timeline(agent, s.orderId())).containsOnlyOnce("return.created", "return.received", "return.inspected", "return.refunded");

        Resp read = picker.get(base);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("status").asText()).isEqualTo("closed");
        assertThat(texts(read.json().path("lines").get(0).path("serials"))).containsExactly("SN-1", "SN-2");
    }

    @Test
    void returnsIntakeRefusesBadInputOtherTenantsRolesAndIneligibleOrders() {
        Shipped notShipped = shippedOrder(tenant, agent, "cus_ws", 0);
        Resp ineligible = packer.post("/v1/fulfillment/returns", intake(notShipped.orderId(), notShipped.lineId(), 1));
        assertThat(ineligible.status()).isEqualTo(422);
        assertThat(ineligible.code()).isEqualTo("return.not_eligible");
        Shipped s = shippedOrder(tenant, agent, "cus_ws", 1);
        Map<String, Object> badReason = new java.util.HashMap<>(intake(s.orderId(), s.lineId(), 1));
        badReason.put("reason", "bored");
        assertThat(packer.post("/v1/fulfillment/returns", badReason).status()).isEqualTo(400);
        assertThat(packer.post("/v1/fulfillment/returns", Map.of("order_id", s.orderId())).status()).isEqualTo(400);
        assertThat(picker.post("/v1/fulfillment/returns", intake(s.orderId(), s.lineId(), 1)).code()).isEqualTo("auth.forbidden");
        Client stranger = as(newTenant(), "packer-y", "packer", "qc_agent");
        assertThat(stranger.post("/v1/fulfillment/returns", intake(s.orderId(), s.lineId(), 1)).code()).isEqualTo("order.not_found");

        String id = qc.post("/v1/fulfillment/returns", intake(s.orderId(), s.lineId(), 1)).json().path("return_id").asText();
        String base = "/v1/fulfillment/returns/" + id;
        assertThat(stranger.get(base).code()).isEqualTo("return.not_found");
        assertThat(stranger.post(base + "/receive", Map.of("received_lines", List.of(Map.of("line_id", s.lineId(), "qty", 1, "condition", "new"))))
                .code()).isEqualTo("return.not_found");
        assertThat(stranger.post(base + "/inspect", Map.of("disposition", "reshelve")).code()).isEqualTo("return.not_found");
        assertThat(stranger.post(base + "/complete", Map.of()).code()).isEqualTo("return.not_found");
        assertThat(qc.post(base + "/complete", Map.of()).code()).isEqualTo("return.not_inspected");
        assertThat(picker.post(base + "/complete", Map.of()).code()).isEqualTo("auth.forbidden");
        assertThat(qc.get("/v1/fulfillment/returns/ret_missing").code()).isEqualTo("return.not_found");

        // a refused inspection needs notes, and then there is nothing to settle
        assertThat(packer.post(base + "/receive", Map.of("received_lines", List.of(Map.of("line_id", s.lineId(), "qty", 1, "condition", "damaged"))))
                .status()).isEqualTo(200);
        assertThat(qc.post(base + "/inspect", Map.of("disposition", "scrap", "approve", false)).status()).isEqualTo(400);
        Resp refused = qc.post(base + "/inspect", Map.of("disposition", "scrap", "approve", false, "notes", "not the item we sold"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(refused.json().path("outcome").asText()).isEqualTo("rejected");
        assertThat(qc.post(base + "/complete", Map.of()).status()).isEqualTo(409);
    }
}
