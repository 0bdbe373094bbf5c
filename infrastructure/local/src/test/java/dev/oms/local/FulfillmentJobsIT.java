package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.warehouse.StockLot;
import dev.oms.platform.Platform;
import dev.oms.platform.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 section 14 (docs/fulfillment-operations.md#imports-exports-and-jobs): imports of fulfilments and pick lists
 * row by row through the warehouse use cases, a report line per row, nothing twice on a resumed run; exports of
 * shipments, manifests and exceptions; cancelling the warehouse's jobs; roles and tenants.
 */
class FulfillmentJobsIT {
    static final JobsKit kit = JobsKit.get();
    static String tenant;
    static Client admin;
    static Client manager;
    static Client packer;
    static Client picker;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        admin = as(tenant, "admin-fj", "admin");
        manager = as(tenant, "manager-fj", "fulfillment_manager");
        packer = as(tenant, "packer-fj", "packer");
        picker = as(tenant, "picker-fj", "picker");
    }

    static String warehouse(String name) {
        Resp r = manager.post("/v1/fulfillment/warehouses", WarehouseFlowIT.warehouseBody(name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    static String confirmedOrder(String customer, String sku, long quantity) {
        ObjectNode body = TestSystem.order(customer);
        body.putArray("items").add(item(sku, quantity, 1000, "GBP"));
        body.putArray("payments").addObject().put("payment_id", payment(admin, quantity * 1000, "GBP", "authorized"))
                .set("amount", money(quantity * 1000, "GBP"));
        String id = create(admin, body);
        assertThat(admin.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
        return id;
    }

    static String lineOf(String orderId) { return admin.get("/v1/orders/" + orderId).json().path("lines").get(0).path("id").asText(); }

    static JsonNode finished(Client c, Resp submitted) {
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        kit.run(tenant, submitted.json().path("id").asText());
        Resp job = c.get(submitted.header("location"));
        assertThat(job.status()).as(job.toString()).isEqualTo(200);
        return job.json();
    }

    @Test
    void fulfilmentsAreImportedRowByRowWithAReportLineEachAndNothingTwiceOnARerun() {
        String wh = warehouse("Import DC");
        String o1 = confirmedOrder("c-fj-1", "SKU-FJ", 2), o2 = confirmedOrder("c-fj-2", "SKU-FJ", 1);
        String ndjson = String.join("\n",
                Json.write(Json.valueToTree(Map.of("order_id", o1, "warehouse_id", wh, "lines", List.of(Map.of("order_line_id", lineOf(o1), "quantity", 2))))),
                Json.write(Json.valueToTree(Map.of("order_id", o2, "warehouse_id", wh, "lines", List.of(Map.of("order_line_id", lineOf(o2), "sku", "SKU-OTHER", "quantity", 1))))),
                Json.write(Json.valueToTree(Map.of("order_id", "ord_missing", "lines", List.of(Map.of("order_line_id", "l", "quantity", 1))))),
                Json.write(Json.valueToTree(Map.of("order_id", o2, "warehouse_id", wh, "pallet", "P1"))),
                "{not json") + "\n";
        String source = kit.put(tenant, "fulfilments-" + System.nanoTime() + ".ndjson", ndjson);
        Resp submitted = manager.header("Idempotency-Key", "fj-imp-1").post("/v1/fulfillment/imports", Map.of("type", "fulfillments", "source", source));
        assertThat(submitted.json().path("kind").asText()).isEqualTo("fulfillment_import");
        assertThat(submitted.header("location")).startsWith("/v1/fulfillment/imports/job_");
        assertThat(manager.header("Idempotency-Key", "fj-imp-1").post("/v1/fulfillment/imports", Map.of("type", "fulfillments", "source", source))
                .header("idempotent-replayed")).isEqualTo("true");
        JsonNode job = finished(picker, submitted);
        assertThat(job.path("status").asText()).isEqualTo("partially_succeeded");
        assertThat(job.path("summary").path("created").asLong()).isEqualTo(1);
        assertThat(job.path("summary").path("failed").asLong()).isEqualTo(4);
        List<JsonNode> report = JobsKit.ndjson(job.path("error_report_url").asText());
        assertThat(report).extracting(r -> r.path("line").asLong() + ":" + r.path("status").asText() + ":" + r.path("code").asText())
                .containsExactly("1:ok:", "2:failed:request.invalid", "3:failed:order.not_found", "4:failed:request.invalid", "5:failed:import.row_unreadable");
        String fulfilmentId = report.get(0).path("fulfillment_id").asText();
        assertThat(fulfilmentId).isEqualTo("ful_" + job.path("id").asText().substring(4) + "_1");
        JsonNode f = manager.get("/v1/fulfillment/fulfillments/" + fulfilmentId).json();
        assertThat(f.path("order_id").asText()).isEqualTo(o1);
        assertThat(admin.get("/v1/orders/" + o1 + "/timeline").json().toString()).contains("fulfillment.created");

        // the same file again: the order has no units left for a second fulfilment
        JsonNode again = finished(manager, manager.post("/v1/fulfillment/imports", Map.of("type", "fulfillments", "source", source)));
        assertThat(JobsKit.ndjson(again.path("error_report_url").asText()).get(0).path("code").asText()).isEqualTo("fulfillment.quantity_exceeds_remaining");
        assertThat(admin.get("/v1/orders/" + o1 + "/fulfillments").json().path("data")).hasSize(1);
    }

    @Test
    void picklistsAreImportedFromCsvForAllocatedFulfilments() {
        String wh = warehouse("Pick import DC");
        Platform.get().inventory.setLots(tenant, "SKU-FJP", List.of(new StockLot(wh, "P-01", "SKU-FJP", null, null, null, 10)));
        String order = confirmedOrder("c-fj-p", "SKU-FJP", 2);
        Resp f = manager.post("/v1/fulfillment/fulfillments", Map.of("order_id", order, "warehouse_id", wh,
                "lines", List.of(Map.of("order_line_id", lineOf(order), "quantity", 2))));
        String ful = f.json().path("id").asText();
        assertThat(manager.post("/v1/fulfillment/allocations/request", Map.of("fulfillment_id", ful, "strategy", "fifo")).status()).isEqualTo(201);
        String csv = "warehouse_id,fulfillment_ids[0],priority\n" + wh + "," + ful + ",high\n" + wh + "," + ful + ",high\n" + wh + ",ful_nope,urgent\n";
        Resp submitted = manager.post("/v1/fulfillment/imports", Map.of("type", "picklists", "source", kit.put(tenant, "pl-" + System.nanoTime() + ".csv", csv)));
        assertThat(submitted.json().path("parameters").path("format").asText()).isEqualTo("csv");
        JsonNode job = finished(manager, submitted);
        List<String> report = JobsKit.lines(job.path("error_report_url").asText());
        assertThat(report.get(0)).startsWith("line,status,order_id,fulfillment_id,picklist_id");
        assertThat(report.get(1)).startsWith("2,ok,");
        assertThat(report.get(2)).contains("picklist.fulfillment_on_picklist");
        assertThat(report.get(3)).contains("fulfillment.not_found");
        String picklistId = report.get(1).split(",")[4];
        JsonNode pl = manager.get("/v1/fulfillment/picklists/" + picklistId).json();
        assertThat(pl.path("priority").asText()).isEqualTo("high");
    }

    @Test
    void anImportWithoutSourceWaitsForItsUpload() {
        Resp r = manager.post("/v1/fulfillment/imports", Map.of("type", "fulfillments", "format", "csv"));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().path("awaiting_upload").asBoolean()).isTrue();
        assertThat(r.json().path("upload_url").asText()).isNotBlank();
        assertThat(r.json().path("upload_content_type").asText()).isEqualTo("text/csv");
    }

    @Test
    void shipmentsManifestsAndExceptionsAreExported() {
        String wh = "wh_fj_exp_" + System.nanoTime();
        JsonNode kept = shipped(wh), cancelled = shipped(wh);
        assertThat(packer.post("/v1/fulfillment/shipments/" + cancelled.path("id").asText() + "/cancel", Map.of()).status()).isEqualTo(200);
        assertThat(packer.post("/v1/fulfillment/shipments/" + kept.path("id").asText() + "/book", Map.of()).status()).isEqualTo(200);

        JsonNode shipments = finished(picker, picker.post("/v1/fulfillment/exports", Map.of("type", "shipments", "warehouse_id", wh)));
        assertThat(shipments.path("kind").asText()).isEqualTo("fulfillment_export");
        assertThat(shipments.path("status").asText()).isEqualTo("succeeded");
        List<String> csv = JobsKit.lines(shipments.path("download_url").asText());
        assertThat(csv.get(0)).isEqualTo("shipment_id,order_id,warehouse_id,carrier,service_code,status,tracking_numbers,parcel_count,weight_grams,label_status,created_at,delivered_at,cancelled_at,void_status");
        assertThat(csv).hasSize(3);
        assertThat(String.join("\n", csv)).contains(kept.path("id").asText()).contains(cancelled.path("id").asText()).contains(",cancelled,");
        assertThat(shipments.path("summary").path("rows").asLong()).isEqualTo(2);

        JsonNode exceptions = finished(picker, picker.post("/v1/fulfillment/exports", Map.of("type", "exceptions", "warehouse_id", wh, "format", "ndjson")));
        List<JsonNode> rows = JobsKit.ndjson(exceptions.path("download_url").asText());
        assertThat(rows).extracting(x -> x.path("shipment_id").asText()).containsExactly(cancelled.path("id").asText());
        assertThat(rows.get(0).path("void_status").asText()).isEqualTo("refunded");

        JsonNode manifests = finished(picker, picker.post("/v1/fulfillment/exports", Map.of("type", "manifests", "warehouse_id", wh, "format", "ndjson")));
        List<JsonNode> m = JobsKit.ndjson(manifests.path("download_url").asText());
        assertThat(m).hasSize(1);
        assertThat(m.get(0).path("shipment_count").asInt()).isEqualTo(1);
        assertThat(m.get(0).path("status").asText()).isEqualTo("draft");

        JsonNode parquet = finished(picker, picker.post("/v1/fulfillment/exports", Map.of("type", "shipments", "warehouse_id", wh, "format", "parquet")));
        java.nio.file.Path file = java.nio.file.Path.of(java.net.URI.create(parquet.path("download_url").asText()));
        assertThat(file.getFileName().toString()).endsWith(".parquet");
        try (var read = blue.strategic.parquet.ParquetReader.streamContent(file.toFile(),
                blue.strategic.parquet.HydratorSupplier.constantly(new JobsBulkAndExportsIT.MapHydrator()))) {
            List<Map<String, Object>> shipmentRows = read.toList();
            assertThat(shipmentRows).extracting(r -> r.get("shipment_id")).containsExactlyInAnyOrder(kept.path("id").asText(), cancelled.path("id").asText());
            assertThat(shipmentRows).extracting(r -> r.get("warehouse_id")).containsOnly(wh);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        // a window with nothing in it: no file
        JsonNode empty = finished(picker, picker.post("/v1/fulfillment/exports", Map.of("type", "shipments", "from", "2001-01-01T00:00:00Z", "to", "2001-01-02T00:00:00Z")));
        assertThat(empty.path("status").asText()).isEqualTo("succeeded");
        assertThat(empty.has("download_url")).isFalse();
    }

    static JsonNode shipped(String warehouse) {
        ReturnsKit.Shipped s = ReturnsKit.shippedOrder(tenant, admin, "cus_fj", 0);
        Resp f = manager.post("/v1/orders/" + s.orderId() + "/fulfillments", Map.of("warehouse_id", warehouse,
                "lines", List.of(Map.of("line_id", s.lineId(), "quantity", 1))));
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        Resp sh = packer.post("/v1/fulfillment/shipments", Map.of("fulfillment_id", f.json().path("id").asText(), "packages", List.of(Map.of("weight_grams", 500))));
        assertThat(sh.status()).as(sh.toString()).isEqualTo(201);
        return sh.json();
    }

    @Test
    void warehouseJobsAreCancelledOthersAreNotFoundHere() {
        Resp queued = manager.post("/v1/fulfillment/exports", Map.of("type", "shipments"));
        String id = queued.json().path("id").asText();
        Resp cancelled = manager.header("Idempotency-Key", "fj-cancel").post("/v1/fulfillment/jobs/" + id + "/cancel", Map.of());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(manager.header("Idempotency-Key", "fj-cancel").post("/v1/fulfillment/jobs/" + id + "/cancel", Map.of()).header("idempotent-replayed")).isEqualTo("true");
        assertThat(kit.run(tenant, id)).isNull(); // nothing left to run
        assertThat(picker.get("/v1/fulfillment/exports/" + id).json().path("status").asText()).isEqualTo("cancelled");

        // an order export is not the warehouse's job
        String orderExport = admin.post("/v1/orders/exports", Map.of("format", "csv")).json().path("id").asText();
        assertThat(manager.post("/v1/fulfillment/jobs/" + orderExport + "/cancel", Map.of()).code()).isEqualTo("job.not_found");
        assertThat(manager.get("/v1/fulfillment/exports/" + orderExport).code()).isEqualTo("job.not_found");
        assertThat(manager.get("/v1/fulfillment/imports/" + id).code()).isEqualTo("job.not_found");
        assertThat(manager.post("/v1/fulfillment/jobs/job_missing/cancel", Map.of()).code()).isEqualTo("job.not_found");
        assertThat(manager.post("/v1/fulfillment/jobs/" + id + "/cancel", Map.of("force", true)).status()).isEqualTo(400);
    }

    @Test
    void rolesTenantsAndBadInputAreRefused() {
        assertThat(picker.post("/v1/fulfillment/imports", Map.of("type", "fulfillments")).code()).isEqualTo("auth.forbidden");
        assertThat(packer.post("/v1/fulfillment/jobs/job_x/cancel", Map.of()).code()).isEqualTo("auth.forbidden");
        assertThat(manager.post("/v1/fulfillment/imports", Map.of()).status()).isEqualTo(400);
        assertThat(manager.post("/v1/fulfillment/imports", Map.of("type", "orders")).status()).isEqualTo(400);
        assertThat(manager.post("/v1/fulfillment/imports", Map.of("type", "fulfillments", "mode", "upsert")).status()).isEqualTo(400);
        Resp foreign = manager.post("/v1/fulfillment/imports", Map.of("type", "fulfillments", "source", "s3://" + JobsKit.BUCKET + "/imports/another-tenant/x.ndjson"));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().toString()).contains("source.not_allowed");
        assertThat(manager.post("/v1/fulfillment/exports", Map.of("type", "pallets")).status()).isEqualTo(400);
        assertThat(manager.post("/v1/fulfillment/exports", Map.of("type", "shipments", "format", "xlsx")).status()).isEqualTo(400);
        assertThat(manager.post("/v1/fulfillment/exports", Map.of("type", "shipments", "from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z")).status())
                .isEqualTo(400);
        String id = manager.post("/v1/fulfillment/exports", Map.of("type", "manifests")).json().path("id").asText();
        Client stranger = as(newTenant(), "manager-x", "fulfillment_manager");
        assertThat(stranger.get("/v1/fulfillment/exports/" + id).code()).isEqualTo("job.not_found");
        assertThat(stranger.post("/v1/fulfillment/jobs/" + id + "/cancel", Map.of()).code()).isEqualTo("job.not_found");
        assertThat(manager.get("/v1/fulfillment/exports/" + id + "?verbose=true").status()).isEqualTo(400);
    }
}
