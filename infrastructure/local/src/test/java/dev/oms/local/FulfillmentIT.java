package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.FulfillmentService;
import dev.oms.domain.order.OrderDocument;
import dev.oms.platform.Platform;
import dev.oms.platform.jobs.Jobs;
import dev.oms.platform.labels.ShipmentLabels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fulfilments, shipments, labels and tracking end to end: the API, the label job (EventBridge → SQS → renderer → S3),
 * the sandbox carrier, the shipment email, the cancellation saga, and the failure paths.
 */
class FulfillmentIT {
    static String tenant;
    static Client admin;
    static Client warehouse;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        admin = as(tenant, "admin-ful", "admin");
        warehouse = as(tenant, "wh-ful", "fulfillment_manager");
    }

    @AfterEach
    void clearFaults() { anonymous().delete("/local/faults"); }

    /** A confirmed order of {@code quantity} x SKU-F for customer {@code customer}, with an email to ship to. */
    static String confirmedOrder(String customer, long quantity) {
        ObjectNode body = TestSystem.order(customer);
        body.putArray("items").add(item("SKU-F", quantity, 1000, "GBP"));
        ((ObjectNode) body.path("shipping_address")).put("email", customer + "@example.com");
        body.putArray("payments").addObject().put("payment_id", payment(admin, quantity * 1000, "GBP", "authorized"))
                .set("amount", money(quantity * 1000, "GBP"));
        String id = create(admin, body);
        Resp confirmed = admin.post("/v1/orders/" + id + "/confirm", null);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        return id;
    }

    static String line(String orderId) { return admin.get("/v1/orders/" + orderId).json().path("lines").get(0).path("id").asText(); }

    static Map<String, Object> fulfilment(String lineId, long quantity) {
        return Map.of("warehouse_id", "wh-leeds", "carrier_hint", "sandbox-post", "service_code", "express",
                "lines", List.of(Map.of("line_id", lineId, "quantity", quantity, "lot_id", "LOT-7")));
    }

    static JsonNode order(String id) { return admin.get("/v1/orders/" + id).json(); }

    static List<String> timeline(String id) {
        List<String> types = new ArrayList<>();
        admin.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    /** The object behind a presigned link: S3 (s3proxy), or a file when a jobs test swapped the bucket for a directory. */
    static byte[] download(String url) throws Exception {
        if (url.startsWith("file:")) return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(URI.create(url)));
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    static Resp carrierEvent(String trackingNumber, String status) {
        return admin.post("/local/sandbox/carrier/" + trackingNumber + "/events", Map.of("status", status, "location", "Leeds hub"));
    }

    @Test
    void splitFulfilmentsShipWithLabelsTrackingAndDeliveryDrivingTheOrderStatuses() throws Exception {
        String id = confirmedOrder("cust-split", 3);
        String lineId = line(id);

        Resp first = warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment(lineId, 2));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("status").asText()).isEqualTo("pending");
        assertThat(first.header("location")).endsWith("/fulfillments/" + first.json().path("id").asText());
        String f1 = first.json().path("id").asText();
        assertThat(Platform.get().inventory.reservations(tenant, id)).containsEntry("SKU-F", 2L);
        Resp second = warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment(lineId, 1));
        String f2 = second.json().path("id").asText();
        Resp over = warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment(lineId, 1));
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.code()).isEqualTo("fulfillment.quantity_exceeds_remaining");
        assertThat(over.json().path("remaining").asLong()).isZero();
        assertThat(over.header("content-type")).startsWith("application/problem+json");

        JsonNode list = warehouse.get("/v1/orders/" + id + "/fulfillments?limit=1").json();
        assertThat(list.path("data")).hasSize(1);
        assertThat(list.path("has_more").asBoolean()).isTrue();
        assertThat(warehouse.get("/v1/orders/" + id + "/fulfillments?cursor=" + list.path("next_cursor").asText()).json().path("data").get(0)
                .path("id").asText()).isEqualTo(f2);
        assertThat(warehouse.patch("/v1/orders/" + id + "/fulfillments/" + f1, Map.of("status", "picking", "estimated_delivery", "2030-01-02T10:00:00Z"))
                .json().path("status").asText()).isEqualTo("picking");
        assertThat(warehouse.patch("/v1/orders/" + id + "/fulfillments/" + f1, Map.of("status", "in_transit")).code())
                .isEqualTo("fulfillment.invalid_transition");

        // ship the first: the sandbox carrier books two parcels
        Resp shipped = warehouse.post("/v1/orders/" + id + "/fulfillments/" + f1 + "/ship",
                Map.of("parcels", List.of(Map.of("weight_grams", 900), Map.of("weight_grams", 1100))));
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        JsonNode shipment = shipped.json();
        String shipmentId = shipment.path("id").asText();
        List<String> tracking = new ArrayList<>();
        shipment.path("tracking_numbers").forEach(t -> tracking.add(t.asText()));
        assertThat(tracking).hasSize(2).allMatch(t -> t.matches("SBX\\d{12}"));
        assertThat(shipment.path("carrier").asText()).isEqualTo("sandbox-post");
        assertThat(warehouse.post("/v1/orders/" + id + "/fulfillments/" + f1 + "/cancel", Map.of()).code()).isEqualTo("fulfillment.already_shipped");
        JsonNode afterShip = order(id);
        assertThat(afterShip.path("fulfillment_status").asText()).isEqualTo("partially_fulfilled");
        assertThat(afterShip.path("shipping_status").asText()).isEqualTo("shipped");
        assertThat(afterShip.path("first_shipped_at").isNull()).isFalse();

        // the label job renders the labels and the packing slip into S3 and files them on the order
        eventually("the label", () -> admin.get("/v1/orders/shipments/" + shipmentId + "/label").status() == 200);
        JsonNode label = admin.get("/v1/orders/shipments/" + shipmentId + "/label").json();
        assertThat(new String(download(label.path("url").asText()), 0, 5)).isEqualTo("%PDF-");
        String zpl = new String(download(admin.get("/v1/orders/shipments/" + shipmentId + "/label?format=zpl").json().path("url").asText()));
        assertThat(zpl).startsWith("^XA").contains(tracking.get(0)).contains(tracking.get(1));
        assertThat(admin.get("/v1/orders/shipments/" + shipmentId + "/label?format=png").code()).isEqualTo("request.invalid");
        var docs = Platform.get().fulfillments.order(FulfillmentService.carrierContext(tenant, "test"), id).children(OrderDocument.class);
        assertThat(docs).extracting(OrderDocument::type).containsExactlyInAnyOrder("label", "label", "label", "packing_slip"); // PDF, ZPL, PNG
        assertThat(timeline(id)).contains("fulfillment.created", "shipment.created", "order.shipped", "shipment.label_ready", "document.attached");

        // the customer is told
        eventually("the shipment email", () -> anonymous().get("/local/notifications").json().path("data").toString()
                .contains(tracking.get(0)));

        // tracking: movement, one parcel delivered, a late report that changes nothing, then the other parcel
        assertThat(carrierEvent(tracking.get(0), "in_transit").status()).isEqualTo(201);
        JsonNode moving = admin.get("/v1/orders/shipments/" + shipmentId + "/tracking").json();
        assertThat(moving.path("status").asText()).isEqualTo("label_created");
        carrierEvent(tracking.get(1), "out_for_delivery");
        assertThat(admin.get("/v1/orders/shipments/" + shipmentId + "/tracking").json().path("status").asText()).isEqualTo("in_transit");
        assertThat(order(id).path("shipping_status").asText()).isEqualTo("in_transit");
        carrierEvent(tracking.get(0), "delivered");
        carrierEvent(tracking.get(0), "in_transit");
        JsonNode half = admin.get("/v1/orders/shipments/" + shipmentId + "/tracking").json();
        assertThat(half.path("parcels").get(0).path("status").asText()).isEqualTo("delivered");
        assertThat(half.path("status").asText()).isEqualTo("out_for_delivery");
        JsonNode late = half.path("parcels").get(0).path("events");
        assertThat(late.get(late.size() - 1).path("status").asText()).isEqualTo("in_transit");
        assertThat(late.get(late.size() - 1).path("applied").asBoolean()).isFalse();
        carrierEvent(tracking.get(1), "delivered");
        JsonNode delivered = admin.get("/v1/orders/shipments/" + shipmentId + "/tracking").json();
        assertThat(delivered.path("status").asText()).isEqualTo("delivered");
        JsonNode afterDelivery = order(id);
        assertThat(afterDelivery.path("shipping_status").asText()).isEqualTo("delivered");
        assertThat(afterDelivery.path("last_delivered_at").isNull()).isFalse();
        assertThat(warehouse.get("/v1/orders/" + id + "/fulfillments/" + f1).json().path("status").asText()).isEqualTo("delivered");

        // the second fulfilment ships with the 3PL's own tracking number and label; the B2B buyer confirms receipt
        Resp own = warehouse.post("/v1/orders/" + id + "/shipments", Map.of("fulfillment_ids", List.of(f2), "tracking_numbers", List.of("3PL-778"),
                "carrier", "dhl", "labels", List.of("https://3pl.example.com/labels/778.pdf"), "weight_grams", 400,
                "dimensions", Map.of("length_mm", 300, "width_mm", 200, "height_mm", 100)));
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        assertThat(own.json().path("label").path("status").asText()).isEqualTo("external");
        assertThat(admin.get("/v1/orders/shipments/" + own.json().path("id").asText() + "/label").json().path("url").asText())
                .isEqualTo("https://3pl.example.com/labels/778.pdf");
        assertThat(order(id).path("fulfillment_status").asText()).isEqualTo("fulfilled");
        Resp receipt = warehouse.post("/v1/orders/" + id + "/fulfillments/" + f2 + "/confirm-receipt", Map.of("received_by", "Goods-in, Leeds"));
        assertThat(receipt.json().path("status").asText()).isEqualTo("delivered");
        JsonNode done = admin.get("/v1/orders/" + id + "?expand=fulfillments,shipments").json();
        assertThat(done.path("shipping_status").asText()).isEqualTo("delivered");
        assertThat(done.path("fulfillments")).hasSize(2);
        assertThat(done.path("shipments")).hasSize(2);

        // shipped units cannot be cancelled
        Resp cancel = admin.post("/v1/orders/" + id + "/cancel", Map.of("reason", "too late"));
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.code()).isEqualTo("order.blocked.already_shipped");
    }

    @Test
    void cancellingAFulfilmentReleasesItsReservationAndFreesItsUnits() {
        String id = confirmedOrder("cust-cancel", 2);
        String lineId = line(id);
        String f = warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment(lineId, 2)).json().path("id").asText();
        assertThat(Platform.get().inventory.reservations(tenant, id)).containsEntry("SKU-F", 2L);
        Resp cancelled = warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/cancel", Map.of("reason", "wrong warehouse"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(Platform.get().inventory.reservations(tenant, id)).doesNotContainKey("SKU-F");
        // again: nothing more is released
        assertThat(warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/cancel", Map.of()).status()).isEqualTo(200);
        assertThat(warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment(lineId, 2)).status()).isEqualTo(201);
        assertThat(timeline(id)).contains("fulfillment.cancelled");
    }

    @Test
    void aPartialCancellationCancelsTheOpenFulfilmentHoldingTheUnits() {
        String id = confirmedOrder("cust-partial", 2);
        String lineId = line(id);
        String f = warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment(lineId, 2)).json().path("id").asText();
        Resp accepted = admin.post("/v1/orders/" + id + "/partial-cancel", Map.of("reason", "one is enough",
                "lines", List.of(Map.of("line_id", lineId, "quantity", 1))));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        eventually("the fulfilment to be cancelled", () -> "cancelled".equals(warehouse.get("/v1/orders/" + id + "/fulfillments/" + f).json().path("status").asText()));
        eventually("the line to be reduced", () -> order(id).path("lines").get(0).path("quantity").asLong() == 1);
        assertThat(Platform.get().inventory.reservations(tenant, id)).doesNotContainKey("SKU-F");
        // the remaining unit can be fulfilled again
        assertThat(warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment(lineId, 1)).status()).isEqualTo(201);
        assertThat(warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment(lineId, 1)).code()).isEqualTo("fulfillment.quantity_exceeds_remaining");
    }

    @Test
    void badRequestsAreRefusedWithProblems() {
        String id = confirmedOrder("cust-bad", 2);
        String lineId = line(id);
        Resp zero = warehouse.post("/v1/orders/" + id + "/fulfillments", Map.of("warehouse_id", "wh", "lines", List.of(Map.of("line_id", lineId, "quantity", 0))));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("errors").get(0).path("field").asText()).isEqualTo("lines[0].quantity");
        Resp unknownLine = warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment("line_nope", 1));
        assertThat(unknownLine.status()).isEqualTo(400);
        assertThat(warehouse.post("/v1/orders/" + id + "/fulfillments", Map.of("warehouse_id", "wh", "lines", List.of(), "x", 1)).status()).isEqualTo(400);
        String created = create(admin, TestSystem.order("cust-bad"));
        assertThat(warehouse.post("/v1/orders/" + created + "/fulfillments", fulfilment(line(created), 1)).code()).isEqualTo("order.not_fulfillable");
        assertThat(warehouse.post("/v1/orders/" + id + "/fulfillments/ful_nope/ship", Map.of()).code()).isEqualTo("fulfillment.not_found");
        assertThat(admin.get("/v1/orders/shipments/shp_nope/tracking").code()).isEqualTo("shipment.not_found");
        assertThat(admin.get("/v1/orders/shipments/shp_nope/label").status()).isEqualTo(404);
        String f = warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment(lineId, 1)).json().path("id").asText();
        assertThat(warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/confirm-receipt", Map.of()).code()).isEqualTo("fulfillment.not_shipped");
        assertThat(warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of("tracking_numbers", List.of("bad number!"))).status()).isEqualTo(400);
        // a carrier that fails is a 503, and nothing was shipped
        anonymous().post("/local/faults", Map.of("connector", "carrier", "operation", "book", "mode", "fail", "times", 1));
        Resp down = warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of());
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.code()).isEqualTo("connector.unavailable");
        assertThat(warehouse.get("/v1/orders/" + id + "/fulfillments/" + f).json().path("status").asText()).isEqualTo("pending");
        // stock that is short is refused before anything is allocated
        ObjectNode oos = TestSystem.order("cust-bad");
        oos.putArray("items").add(item("SKU-SHORT", 1, 1000, "GBP"));
        oos.putArray("payments").addObject().put("payment_id", payment(admin, 1000, "GBP", "authorized")).set("amount", money(1000, "GBP"));
        String short_ = create(admin, oos);
        admin.post("/v1/orders/" + short_ + "/confirm", null);
        Platform.get().inventory.setStock(tenant, "SKU-SHORT", 0);
        Resp noStock = warehouse.post("/v1/orders/" + short_ + "/fulfillments", fulfilment(line(short_), 1));
        assertThat(noStock.code()).isEqualTo("order.blocked.inventory_unavailable");
        assertThat(warehouse.get("/v1/orders/" + short_ + "/fulfillments").json().path("data")).isEmpty();
    }

    @Test
    void tenantsCustomersAndRolesOnlySeeAndDoWhatTheyMay() {
        String id = confirmedOrder("cust-own", 1);
        String f = warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment(line(id), 1)).json().path("id").asText();
        String shipmentId = warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of()).json().path("id").asText();

        Client stranger = as(newTenant(), "admin-other", "admin");
        assertThat(stranger.get("/v1/orders/" + id + "/fulfillments").code()).isEqualTo("order.not_found");
        assertThat(stranger.get("/v1/orders/shipments/" + shipmentId + "/tracking").code()).isEqualTo("shipment.not_found");
        assertThat(stranger.post("/v1/orders/" + id + "/fulfillments", fulfilment(line(id), 1)).status()).isEqualTo(404);

        Client owner = customer(tenant, "cust-own");
        assertThat(owner.get("/v1/orders/" + id + "/fulfillments").status()).isEqualTo(200);
        assertThat(owner.get("/v1/orders/shipments/" + shipmentId + "/tracking").status()).isEqualTo(200);
        Resp forbidden = owner.post("/v1/orders/" + id + "/fulfillments/" + f + "/cancel", Map.of());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("auth.forbidden");
        Client other = customer(tenant, "cust-someone-else");
        assertThat(other.get("/v1/orders/shipments/" + shipmentId + "/tracking").status()).isEqualTo(404);
        assertThat(other.get("/v1/orders/" + id + "/fulfillments/" + f).status()).isEqualTo(404);
        assertThat(as(tenant, "agent-ful", "agent").post("/v1/orders/" + id + "/shipments", Map.of("fulfillment_ids", List.of(f))).status()).isEqualTo(403);
    }

    @Test
    void idempotencyKeysReplayAndStaleVersionsConflict() {
        String id = confirmedOrder("cust-idem", 3);
        String lineId = line(id);
        Client keyed = warehouse.header("Idempotency-Key", "ful-" + id);
        Resp one = keyed.post("/v1/orders/" + id + "/fulfillments", fulfilment(lineId, 1));
        Resp again = keyed.post("/v1/orders/" + id + "/fulfillments", fulfilment(lineId, 1));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(one.json().path("id").asText());
        assertThat(keyed.post("/v1/orders/" + id + "/fulfillments", fulfilment(lineId, 2)).code()).isEqualTo("idempotency.key_reused");
        assertThat(warehouse.get("/v1/orders/" + id + "/fulfillments").json().path("data")).hasSize(1);
        assertThat(Platform.get().inventory.reservations(tenant, id)).containsEntry("SKU-F", 1L);

        String f = one.json().path("id").asText();
        String etag = warehouse.get("/v1/orders/" + id + "/fulfillments/" + f).header("etag");
        Resp stale = warehouse.header("If-Match", "\"1\"").patch("/v1/orders/" + id + "/fulfillments/" + f, Map.of("status", "packed"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("order.version_conflict");
        assertThat(warehouse.header("If-Match", etag).patch("/v1/orders/" + id + "/fulfillments/" + f, Map.of("status", "packed")).status()).isEqualTo(200);
        Resp staleCancel = warehouse.header("If-Match", etag).post("/v1/orders/" + id + "/fulfillments/" + f + "/cancel", Map.of());
        assertThat(staleCancel.code()).isEqualTo("order.version_conflict");
        assertThat(Platform.get().inventory.reservations(tenant, id)).as("a refused cancel releases nothing").containsEntry("SKU-F", 1L);
    }

    @Test
    void theLabelJobRendersOncePerShipment() {
        String id = confirmedOrder("cust-label", 1);
        String f = warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment(line(id), 1)).json().path("id").asText();
        String shipmentId = warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of()).json().path("id").asText();
        eventually("the label", () -> admin.get("/v1/orders/shipments/" + shipmentId + "/label").status() == 200);
        ShipmentLabels labels = new ShipmentLabels(Platform.get().fulfillments, Platform.get().documentStorage, new dev.oms.platform.documents.PdfBoxRenderer(), null, Platform.get().clock);
        // a redelivered message: the label is there, nothing is rendered or filed again
        assertThat(labels.render(tenant, id, shipmentId)).isEqualTo("already_ready");
        long attached = timeline(id).stream().filter("document.attached"::equals).count();
        assertThat(attached).isEqualTo(4); // the label as PDF, ZPL and PNG, and the packing slip
        assertThat(timeline(id).stream().filter("shipment.label_ready"::equals).count()).isEqualTo(1);
    }

    @Test
    void theFulfilmentWebhookMovesTrackingAndConfirmsReceipt() {
        String id = confirmedOrder("cust-hook", 1);
        String f = warehouse.post("/v1/orders/" + id + "/fulfillments", fulfilment(line(id), 1)).json().path("id").asText();
        String shipmentId = warehouse.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of("tracking_numbers", List.of("HOOK-1")))
                .json().path("id").asText();
        String secret = Platform.get().inboundSecrets.generate(tenant, "fulfillment");
        String moving = "{\"type\":\"fulfillment.tracking_updated\",\"data\":{\"order_id\":\"" + id + "\",\"fulfillment_id\":\"" + f
                + "\",\"tracking_number\":\"HOOK-1\",\"status\":\"out_for_delivery\",\"occurred_at\":\"2026-01-01T10:00:00Z\",\"event_id\":\"3pl-ev-1\"}}";
        assertThat(postback(tenant, "fulfillment", secret, "hook-1", now(), moving).status()).isEqualTo(200);
        assertThat(postback(tenant, "fulfillment", secret, "hook-1", now(), moving).json().path("duplicate").asBoolean()).isTrue();
        assertThat(admin.get("/v1/orders/shipments/" + shipmentId + "/tracking").json().path("status").asText()).isEqualTo("out_for_delivery");
        String bad = "{\"type\":\"fulfillment.tracking_updated\",\"data\":{\"order_id\":\"" + id + "\",\"fulfillment_id\":\"" + f
                + "\",\"tracking_number\":\"NOT-OURS\",\"status\":\"delivered\"}}";
        assertThat(postback(tenant, "fulfillment", secret, "hook-2", now(), bad).code()).isEqualTo("shipment.parcel_not_found");
        String received = "{\"type\":\"fulfillment.delivered\",\"data\":{\"order_id\":\"" + id + "\",\"fulfillment_id\":\"" + f + "\"}}";
        assertThat(postback(tenant, "fulfillment", secret, "hook-3", now(), received).status()).isEqualTo(200);
        assertThat(order(id).path("shipping_status").asText()).isEqualTo("delivered");
    }

    @Test
    void bulkFulfilmentsRunAsAJob() {
        String a = confirmedOrder("cust-bulk", 1);
        String b = confirmedOrder("cust-bulk", 1);
        Map<String, Object> entryA = new java.util.LinkedHashMap<>(fulfilment(line(a), 1));
        entryA.put("order_id", a);
        Map<String, Object> entryB = new java.util.LinkedHashMap<>(fulfilment(line(b), 5));
        entryB.put("order_id", b);
        JobsKit kit = JobsKit.get(); // the jobs ITs' bucket and queue: the test runs the job itself, as they do
        Resp accepted = warehouse.post("/v1/orders/fulfillments/bulk", Map.of("fulfillments", List.of(entryA, entryB)));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("kind").asText()).isEqualTo("bulk_fulfillments");
        assertThat(accepted.json().path("status").asText()).isEqualTo("queued");
        String jobPath = accepted.header("location");
        String jobId = accepted.json().path("id").asText();
        assertThat(jobPath).isEqualTo("/v1/orders/fulfillments/bulk/" + jobId);
        assertThat(kit.queued).contains(jobId);
        kit.run(tenant, jobId);
        // a redelivered message: the job is done, nothing runs or is created again
        kit.run(tenant, jobId);
        // the warehouse follows its own job without jobs:manage; another tenant cannot see it
        assertThat(warehouse.get(jobPath).json().path("status").asText()).isEqualTo("partially_succeeded");
        assertThat(warehouse.get("/v1/orders/jobs/" + jobId).status()).isEqualTo(403);
        assertThat(as(newTenant(), "wh-other", "warehouse_supervisor").get(jobPath).status()).isEqualTo(404);
        JsonNode job = admin.get(jobPath).json();
        assertThat(job.path("counts").path("succeeded").asLong()).isEqualTo(1);
        assertThat(job.path("counts").path("failed").asLong()).isEqualTo(1);
        assertThat(warehouse.get("/v1/orders/" + a + "/fulfillments").json().path("data")).hasSize(1);
        assertThat(warehouse.get("/v1/orders/" + a + "/fulfillments").json().path("data").get(0).path("id").asText()).startsWith("ful_");
        List<JsonNode> report = JobsKit.ndjson(admin.get(jobPath).json().path("report_url").asText());
        assertThat(report).extracting(r -> r.path("status").asText()).containsExactly("ok", "failed");
        assertThat(report.get(1).path("code").asText()).isEqualTo("fulfillment.quantity_exceeds_remaining");
        assertThat(warehouse.post("/v1/orders/fulfillments/bulk", Map.of("fulfillments", List.of(Map.of("order_id", a)))).status()).isEqualTo(400);
    }
}
