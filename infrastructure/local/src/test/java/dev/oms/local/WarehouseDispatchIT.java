package dev.oms.local;

import static dev.oms.local.ReturnsKit.*;
import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.domain.shipping.Manifest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 dispatch for the warehouse (docs/fulfillment-shipping.md): manifests per warehouse, carrier and day with the
 * cut-off in the warehouse's time zone, booking, submission to the carrier; pickups; the operations list; bulk labels;
 * ASNs. Roles, other tenants, replays and stale versions.
 */
class WarehouseDispatchIT {
    static String tenant;
    static Client agent;
    static Client packer;
    static Client picker;
    static Client supervisor;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-wd", "agent");
        packer = as(tenant, "packer-wd", "packer");
        picker = as(tenant, "picker-wd", "picker");
        supervisor = as(tenant, "sup-wd", "warehouse_supervisor");
    }

    /** A shipment of a new order from {@code warehouse} through the warehouse route: its JSON. */
    static JsonNode shipped(String warehouse) {
        Shipped s = shippedOrder(tenant, agent, "cus_wd", 0);
        Resp f = supervisor.post("/v1/orders/" + s.orderId() + "/fulfillments", Map.of("warehouse_id", warehouse,
                "lines", List.of(Map.of("line_id", s.lineId(), "quantity", 1))));
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        Resp sh = packer.post("/v1/fulfillment/shipments", Map.of("fulfillment_id", f.json().path("id").asText(), "packages", List.of(Map.of("weight_grams", 500))));
        assertThat(sh.status()).as(sh.toString()).isEqualTo(201);
        return sh.json();
    }

    @Test
    void shipmentsAreBookedOnTheirWarehousesManifestByTheLocalCutOffAndSubmittedOnce() {
        String wh = "wh_kiri_" + System.nanoTime();
        JsonNode first = shipped(wh);
        String carrier = first.path("carrier").asText();
        // the warehouse's schedule comes with its first manifest: the dispatch day follows the cut-off in its zone
        Resp created = packer.header("Idempotency-Key", "wd-mf-1").post("/v1/fulfillment/manifests", Map.of("warehouse_id", wh, "carrier_id", carrier,
                "shipments", List.of(first.path("id").asText()), "timezone", "Pacific/Kiritimati", "cutoff", "17:00"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String manifestId = created.json().path("id").asText();
        LocalDate expected = Manifest.schedule("Pacific/Kiritimati", LocalTime.of(17, 0)).manifestDate(Instant.parse(first.path("created_at").asText()));
        assertThat(created.json().path("dispatch_date").asText()).isEqualTo(expected.toString());
        assertThat(created.json().path("status").asText()).isEqualTo("draft");
        assertThat(created.json().path("manifest_file_url").isNull()).isTrue();
        assertThat(packer.header("Idempotency-Key", "wd-mf-1").post("/v1/fulfillment/manifests", Map.of("warehouse_id", wh, "carrier_id", carrier,
                "shipments", List.of(first.path("id").asText()), "timezone", "Pacific/Kiritimati", "cutoff", "17:00")).header("idempotent-replayed")).isEqualTo("true");
        // the same shipment, the same day again
        Resp again = packer.post("/v1/fulfillment/manifests", Map.of("warehouse_id", wh, "carrier_id", carrier, "shipments", List.of(first.path("id").asText())));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isIn("manifest.exists", "shipment.already_manifested");

        // booking a second shipment puts it on the same draft (the schedule inherited); booking it again is refused
        JsonNode second = shipped(wh);
        Resp booked = packer.post("/v1/fulfillment/shipments/" + second.path("id").asText() + "/book", Map.of());
        assertThat(booked.status()).as(booked.toString()).isEqualTo(200);
        assertThat(booked.json().path("id").asText()).isEqualTo(manifestId);
        assertThat(booked.json().path("shipments")).hasSize(2);
        assertThat(packer.post("/v1/fulfillment/shipments/" + second.path("id").asText() + "/book", Map.of()).code()).isEqualTo("shipment.already_manifested");

        // a label bought after an earlier day's cut-off is not on that day's manifest
        LocalDate earlier = LocalDate.parse(first.path("created_at").asText().substring(0, 10)).minusDays(7);
        while (earlier.getDayOfWeek().getValue() > 5) earlier = earlier.minusDays(1);
        JsonNode third = shipped(wh);
        Resp late = packer.post("/v1/fulfillment/manifests", Map.of("warehouse_id", wh, "carrier_id", carrier, "dispatch_date", earlier.toString(),
                "shipments", List.of(third.path("id").asText())));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.code()).isEqualTo("manifest.wrong_dispatch_date");
        Resp otherWarehouse = packer.post("/v1/fulfillment/manifests", Map.of("warehouse_id", "wh_elsewhere", "carrier_id", carrier,
                "shipments", List.of(third.path("id").asText())));
        assertThat(otherWarehouse.code()).isEqualTo("manifest.warehouse_mismatch");
        assertThat(packer.post("/v1/fulfillment/manifests", Map.of("warehouse_id", wh, "carrier_id", carrier, "timezone", "Mars/Olympus")).status()).isEqualTo(400);

        // submitted once with the carrier, filed as CSV
        Resp stale = packer.header("If-Match", "\"1\"").post("/v1/fulfillment/manifests/" + manifestId + "/submit", Map.of());
        assertThat(stale.code()).isEqualTo("manifest.version_conflict");
        Resp submitted = packer.post("/v1/fulfillment/manifests/" + manifestId + "/submit", Map.of());
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        assertThat(submitted.json().path("status").asText()).as("the sandbox carrier accepts at once").isEqualTo("accepted");
        assertThat(submitted.json().path("answered_at").asText()).isNotBlank();
        assertThat(submitted.json().path("rejection_reason").isNull()).isTrue();
        assertThat(submitted.json().path("scan_form_id").asText()).isNotBlank();
        assertThat(submitted.json().path("manifest_file_url").asText()).startsWith("http");
        // the driver's copy: a PDF with one row per parcel
        try (var in = java.net.URI.create(submitted.json().path("manifest_pdf_url").asText()).toURL().openStream();
             var pdf = org.apache.pdfbox.Loader.loadPDF(in.readAllBytes())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertThat(text).contains("MANIFEST").contains(manifestId).contains("Collected by");
            for (JsonNode e : submitted.json().path("shipments")) assertThat(text).contains(e.path("tracking_numbers").get(0).asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Resp twice = packer.post("/v1/fulfillment/manifests/" + manifestId + "/submit", Map.of());
        assertThat(twice.json().path("scan_form_id").asText()).isEqualTo(submitted.json().path("scan_form_id").asText());
        Resp read = picker.get("/v1/fulfillment/manifests/" + manifestId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("etag")).isEqualTo("\"" + read.json().path("version").asLong() + "\"");
        // once submitted, the next booking goes on the next shipping day's manifest
        Resp next = packer.post("/v1/fulfillment/shipments/" + third.path("id").asText() + "/book", Map.of());
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.json().path("id").asText()).isNotEqualTo(manifestId);
        assertThat(LocalDate.parse(next.json().path("dispatch_date").asText())).isAfter(LocalDate.parse(read.json().path("dispatch_date").asText()));
        assertThat(next.json().path("timezone").asText()).isEqualTo("Pacific/Kiritimati");

        // roles and tenants
        assertThat(picker.post("/v1/fulfillment/manifests/" + manifestId + "/submit", Map.of()).code()).isEqualTo("auth.forbidden");
        assertThat(as(tenant, "qc-wd", "qc_agent").post("/v1/fulfillment/shipments/" + third.path("id").asText() + "/book", Map.of()).code())
                .isEqualTo("auth.forbidden");
        Client stranger = as(newTenant(), "packer-z", "packer");
        assertThat(stranger.get("/v1/fulfillment/manifests/" + manifestId).code()).isEqualTo("manifest.not_found");
        assertThat(stranger.post("/v1/fulfillment/manifests/" + manifestId + "/submit", Map.of()).code()).isEqualTo("manifest.not_found");
        assertThat(stranger.post("/v1/fulfillment/shipments/" + third.path("id").asText() + "/book", Map.of()).code()).isEqualTo("shipment.not_found");
        assertThat(stranger.post("/v1/fulfillment/manifests", Map.of("warehouse_id", wh, "carrier_id", carrier, "shipments", List.of(third.path("id").asText())))
                .code()).isEqualTo("shipment.not_found");
    }

    @Test
    void aDraftIsSubmittedByTheSweeperOnceItsCutOffHasPassed() {
        String wh = "wh_cut_" + System.nanoTime();
        JsonNode shipment = shipped(wh);
        Resp booked = packer.post("/v1/fulfillment/shipments/" + shipment.path("id").asText() + "/book", Map.of());
        assertThat(booked.status()).as(booked.toString()).isEqualTo(200);
        String manifestId = booked.json().path("id").asText();
        var deadlines = new dev.oms.platform.dynamo.DynamoDeadlines(dev.oms.platform.Platform.get().table);
        var watch = deadlines.due(java.time.Instant.now().plus(java.time.Duration.ofDays(10)), 10_000).stream()
                .filter(d -> d.kind().equals("manifest_close:" + manifestId)).findFirst().orElseThrow();
        assertThat(watch.dueAt().toString()).isEqualTo(java.time.Instant.parse(booked.json().path("closes_at").asText()).toString());
        // the sweep before the cut-off leaves it a draft
        assertThat(supervisor.post("/local/schedules/ManifestCutoffSchedule/run", Map.of()).status()).isEqualTo(202);
        assertThat(picker.get("/v1/fulfillment/manifests/" + manifestId).json().path("status").asText()).isEqualTo("draft");
        // the cut-off passes (the deadline comes due): the next sweep submits it as the carrier's scan form, CSV and PDF
        deadlines.move(new dev.oms.app.port.Deadlines.Deadline(tenant, manifestId, watch.kind(), java.time.Instant.now().minusSeconds(1), null));
        assertThat(supervisor.post("/local/schedules/ManifestCutoffSchedule/run", Map.of()).status()).isEqualTo(202);
        eventually("submitted at the cut-off", () -> picker.get("/v1/fulfillment/manifests/" + manifestId).json().path("status").asText().equals("accepted"));
        JsonNode m = picker.get("/v1/fulfillment/manifests/" + manifestId).json();
        assertThat(m.path("scan_form_id").asText()).isNotBlank();
        assertThat(m.path("manifest_pdf_url").asText()).startsWith("http");
        assertThat(deadlines.due(java.time.Instant.now().plus(java.time.Duration.ofDays(10)), 10_000).stream()
                .anyMatch(d -> d.kind().equals(watch.kind()))).isFalse();
    }

    @Test
    void aRejectedManifestIsSubmittedAgainAndAPendingOneGetsTheCarriersAnswerFromTheSweeper() {
        String wh = "wh_rej_" + System.nanoTime();
        JsonNode one = shipped(wh), two = shipped(wh);
        Resp booked = packer.post("/v1/fulfillment/shipments/" + one.path("id").asText() + "/book", Map.of());
        String manifestId = booked.json().path("id").asText();
        packer.post("/v1/fulfillment/shipments/" + two.path("id").asText() + "/book", Map.of());
        try {
            // the carrier rejects the scan form: the manifest says why, and a cancelled shipment may still come off it
            anonymous().post("/local/faults", Map.of("connector", "carrier", "operation", "scan_form", "mode", "decline", "times", 1));
            Resp rejected = packer.post("/v1/fulfillment/manifests/" + manifestId + "/submit", Map.of());
            assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
            assertThat(rejected.json().path("status").asText()).isEqualTo("rejected");
            assertThat(rejected.json().path("rejection_reason").asText()).contains("rejected");
            String firstForm = rejected.json().path("scan_form_id").asText();
            assertThat(packer.post("/v1/fulfillment/shipments/" + two.path("id").asText() + "/cancel", Map.of("reason", "customer changed their mind")).status())
                    .isEqualTo(200);
            assertThat(picker.get("/v1/fulfillment/manifests/" + manifestId).json().path("shipments")).hasSize(1);
            assertThat(manifestEvents(manifestId, "manifest.rejected")).anyMatch(e -> e.path("data").path("manifest_id").asText().equals(manifestId)
                    && e.path("data").path("reason").asText().contains("rejected"));

            // submitted again: a new scan form, which the carrier is still checking
            anonymous().post("/local/faults", Map.of("connector", "carrier", "operation", "scan_form", "mode", "defer", "times", 1));
            Resp pending = packer.post("/v1/fulfillment/manifests/" + manifestId + "/submit", Map.of());
            assertThat(pending.json().path("status").asText()).as(pending.toString()).isEqualTo("submitted");
            assertThat(pending.json().path("scan_form_id").asText()).isNotEqualTo(firstForm);
            assertThat(pending.json().path("rejection_reason").isNull()).isTrue();
            // still pending at the first check (the deadline moved on); accepted at the next
            anonymous().post("/local/faults", Map.of("connector", "carrier", "operation", "scan_form_status", "mode", "defer", "times", 1));
            checkNow(manifestId);
            eventually("checked, still pending", () -> checkDeadline(manifestId).dueAt().isAfter(Instant.now().plusSeconds(60)));
            assertThat(picker.get("/v1/fulfillment/manifests/" + manifestId).json().path("status").asText()).isEqualTo("submitted");
            checkNow(manifestId);
            eventually("accepted at the next check", () -> picker.get("/v1/fulfillment/manifests/" + manifestId).json().path("status").asText().equals("accepted"));
            JsonNode accepted = picker.get("/v1/fulfillment/manifests/" + manifestId).json();
            assertThat(accepted.path("status").asText()).isEqualTo("accepted");
            assertThat(accepted.path("answered_at").asText()).isNotBlank();
            assertThat(manifestEvents(manifestId, "manifest.accepted")).anyMatch(e -> e.path("data").path("manifest_id").asText().equals(manifestId));
            // answered once: an accepted manifest is answered as it is
            assertThat(packer.post("/v1/fulfillment/manifests/" + manifestId + "/submit", Map.of()).json().path("scan_form_id").asText())
                    .isEqualTo(pending.json().path("scan_form_id").asText());
        } finally {
            anonymous().delete("/local/faults");
        }
    }

    /** The deadline on which the sweeper asks the carrier about a pending scan form. */
    static dev.oms.app.port.Deadlines.Deadline checkDeadline(String manifestId) {
        return new dev.oms.platform.dynamo.DynamoDeadlines(dev.oms.platform.Platform.get().table)
                .due(Instant.now().plus(java.time.Duration.ofDays(10)), 10_000).stream()
                .filter(d -> d.kind().equals("manifest_check:" + manifestId)).findFirst().orElseThrow();
    }

    /** Makes the manifest's check due and runs the sweeper's schedule. */
    static void checkNow(String manifestId) {
        var d = checkDeadline(manifestId);
        new dev.oms.platform.dynamo.DynamoDeadlines(dev.oms.platform.Platform.get().table)
                .move(new dev.oms.app.port.Deadlines.Deadline(d.tenantId(), d.orderId(), d.kind(), Instant.now().minusSeconds(1), null));
        assertThat(supervisor.post("/local/schedules/ManifestCutoffSchedule/run", Map.of()).status()).isEqualTo(202);
    }

    /** The events of a manifest of this tenant, of one type, as stored with it. */
    static List<JsonNode> manifestEvents(String manifestId, String type) {
        List<JsonNode> out = new java.util.ArrayList<>();
        var table = dev.oms.platform.Platform.get().table;
        for (JsonNode item : table.query(dev.oms.platform.dynamo.TableQuery.builder()
                .keyCondition(dev.oms.platform.dynamo.KeyCondition.partition(dev.oms.platform.dynamo.ShippingKeys.record(tenant, manifestId))).build()).items()) {
            if (type.equals(item.path("event_type").asText())) out.add(item);
        }
        return out;
    }

    @Test
    void aManifestTakesItsScheduleFromTheWarehouseRecord() {
        Client manager = as(tenant, "mgr-wd", "fulfillment_manager");
        Map<String, Object> body = new java.util.HashMap<>(WarehouseFlowIT.warehouseBody("Chicago DC"));
        body.put("timezone", "America/Chicago");
        body.put("cutoffs", List.of(Map.of("time", "18:00"), Map.of("carrier", "SANDBOX-POST", "time", "15:45")));
        Resp w = manager.post("/v1/fulfillment/warehouses", body);
        assertThat(w.status()).as(w.toString()).isEqualTo(201);
        String wh = w.json().path("id").asText();
        JsonNode s = shipped(wh);
        assertThat(s.path("carrier").asText()).isEqualTo("sandbox-post");
        Resp booked = packer.post("/v1/fulfillment/shipments/" + s.path("id").asText() + "/book", Map.of());
        assertThat(booked.status()).as(booked.toString()).isEqualTo(200);
        assertThat(booked.json().path("timezone").asText()).isEqualTo("America/Chicago");
        assertThat(booked.json().path("cutoff").asText()).isEqualTo("15:45");
        LocalDate expected = Manifest.schedule("America/Chicago", LocalTime.of(15, 45)).manifestDate(Instant.parse(s.path("created_at").asText()));
        assertThat(booked.json().path("dispatch_date").asText()).isEqualTo(expected.toString());
        // another carrier: the cut-off for every carrier
        Resp other = packer.post("/v1/fulfillment/manifests", Map.of("warehouse_id", wh, "carrier_id", "other-post"));
        assertThat(other.json().path("cutoff").asText()).as(other.toString()).isEqualTo("18:00");
        assertThat(other.json().path("timezone").asText()).isEqualTo("America/Chicago");
        // what the request gives wins
        Resp given = packer.post("/v1/fulfillment/manifests", Map.of("warehouse_id", wh, "carrier_id", "third-post", "timezone", "Asia/Tokyo", "cutoff", "12:00"));
        assertThat(given.json().path("timezone").asText()).isEqualTo("Asia/Tokyo");
    }

    @Test
    void anEmptyManifestIsNotSubmitted() {
        Resp empty = packer.post("/v1/fulfillment/manifests", Map.of("warehouse_id", "wh_empty_" + System.nanoTime(), "carrier_id", "sandbox-post"));
        assertThat(empty.status()).as(empty.toString()).isEqualTo(201);
        assertThat(packer.post("/v1/fulfillment/manifests/" + empty.json().path("id").asText() + "/submit", Map.of()).code()).isEqualTo("manifest.empty");
    }

    @Test
    void aPickupIsScheduledOnceForAWindowBeforeTheCarrierHasTheParcels() {
        JsonNode s = shipped("wh_pickup");
        String id = s.path("id").asText();
        Instant from = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> window = Map.of("earliest", from.toString(), "latest", from.plus(4, ChronoUnit.HOURS).toString(), "instructions", "Dock 4");
        Resp pickup = packer.post("/v1/fulfillment/shipments/" + id + "/schedule-pickup", window);
        assertThat(pickup.status()).as(pickup.toString()).isEqualTo(200);
        assertThat(pickup.json().path("confirmation").asText()).startsWith("SBX-PU-");
        Resp same = packer.post("/v1/fulfillment/shipments/" + id + "/schedule-pickup", window);
        assertThat(same.json().path("pickup_id").asText()).isEqualTo(pickup.json().path("pickup_id").asText());
        assertThat(timeline(agent, s.path("order_id").asText())).contains("shipment.pickup_scheduled");
        assertThat(packer.post("/v1/fulfillment/shipments/" + id + "/schedule-pickup", Map.of("earliest", from.toString(), "latest", from.toString()))
                .status()).isEqualTo(400);
        assertThat(packer.post("/v1/fulfillment/shipments/" + id + "/schedule-pickup", Map.of("earliest", "2020-01-01T00:00:00Z", "latest", "2020-01-01T04:00:00Z"))
                .status()).isEqualTo(400);
        assertThat(packer.post("/v1/fulfillment/shipments/" + id + "/schedule-pickup", Map.of("earliest", "tomorrow", "latest", "later")).status()).isEqualTo(400);
        assertThat(picker.post("/v1/fulfillment/shipments/" + id + "/schedule-pickup", window).code()).isEqualTo("auth.forbidden");
        assertThat(as(newTenant(), "p", "packer").post("/v1/fulfillment/shipments/" + id + "/schedule-pickup", window).code()).isEqualTo("shipment.not_found");
        // once the carrier has moved a parcel there is nothing to collect
        String number = s.path("tracking_numbers").get(0).asText();
        assertThat(supervisor.post("/local/sandbox/carrier/" + number + "/events", Map.of("status", "in_transit")).status()).isLessThan(300);
        packer.post("/v1/fulfillment/shipments/" + id + "/track", Map.of());
        Resp collected = packer.post("/v1/fulfillment/shipments/" + id + "/schedule-pickup",
                Map.of("earliest", from.plus(1, ChronoUnit.DAYS).toString(), "latest", from.plus(26, ChronoUnit.HOURS).toString()));
        assertThat(collected.status()).isEqualTo(409);
        assertThat(collected.code()).isEqualTo("shipment.already_collected");
    }

    @Test
    void theOperationsListFiltersByWarehouseAndStatusAndPagesByCursor() {
        String wh = "wh_list_" + System.nanoTime();
        String a = shipped(wh).path("id").asText();
        String b = shipped(wh).path("id").asText();
        shipped("wh_other");
        Resp page = picker.get("/v1/fulfillment/shipments?warehouse_id=" + wh + "&limit=50");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        page.json().path("data").forEach(n -> ids.add(n.path("id").asText()));
        assertThat(ids).containsExactly(b, a);
        Resp small = picker.get("/v1/fulfillment/shipments?warehouse_id=" + wh + "&limit=1");
        assertThat(small.json().path("has_more").asBoolean()).isTrue();
        Resp more = picker.get("/v1/fulfillment/shipments?warehouse_id=" + wh + "&limit=1&cursor=" + small.json().path("next_cursor").asText());
        assertThat(more.status()).isEqualTo(200);
        assertThat(picker.get("/v1/fulfillment/shipments?warehouse_id=" + wh + "&status=delivered").json().path("data")).isEmpty();
        assertThat(picker.get("/v1/fulfillment/shipments?status=lost").status()).isEqualTo(400);
        assertThat(picker.get("/v1/fulfillment/shipments?limit=51").status()).isEqualTo(400);
        assertThat(picker.get("/v1/fulfillment/shipments?colour=red").status()).isEqualTo(400);
        assertThat(picker.get("/v1/fulfillment/shipments?cursor=" + small.json().path("next_cursor").asText() + "&status=delivered").code())
                .isEqualTo("request.invalid_cursor");
        assertThat(as(newTenant(), "p", "picker").get("/v1/fulfillment/shipments?warehouse_id=" + wh).json().path("data")).isEmpty();
        assertThat(agent.get("/v1/fulfillment/shipments").code()).isEqualTo("auth.forbidden");
    }

    @Test
    void labelsAreGeneratedInBulkByAJobWithOneReportRowPerShipment() {
        String a = shipped("wh_bulk").path("id").asText();
        String b = shipped("wh_bulk").path("id").asText();
        Resp bulk = packer.header("Idempotency-Key", "wd-bulk-1").post("/v1/fulfillment/shipments/bulk-generate-labels",
                Map.of("shipment_ids", List.of(a, "shp_missing", b), "label_format", "zpl"));
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(202);
        assertThat(bulk.json().path("kind").asText()).isEqualTo("shipment_labels");
        assertThat(bulk.header("location")).isEqualTo("/v1/fulfillment/jobs/" + bulk.json().path("id").asText());
        assertThat(packer.header("Idempotency-Key", "wd-bulk-1").post("/v1/fulfillment/shipments/bulk-generate-labels",
                Map.of("shipment_ids", List.of(a, "shp_missing", b), "label_format", "zpl")).header("idempotent-replayed")).isEqualTo("true");
        JobsKit.get().run(tenant, bulk.json().path("id").asText());
        JsonNode job = packer.get(bulk.header("location")).json();
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("partially_succeeded");
        assertThat(job.path("counts").path("succeeded").asInt()).isEqualTo(2);
        assertThat(job.path("counts").path("failed").asInt()).isEqualTo(1);
        List<JsonNode> rows = JobsKit.ndjson(job.path("report_url").asText());
        assertThat(rows).extracting(r -> r.path("shipment_id").asText()).containsExactly(a, "shp_missing", b);
        assertThat(rows.get(0).path("status").asText()).isEqualTo("ok");
        assertThat(rows.get(0).path("outcome").asText()).isIn("rendered", "already_ready");
        assertThat(rows.get(0).path("document_id").asText()).isNotBlank();
        assertThat(rows.get(1).path("code").asText()).isEqualTo("shipment.not_found");
        Resp zpl = packer.get("/v1/fulfillment/shipments/" + b + "/label?format=zpl");
        assertThat(zpl.json().path("content_type").asText()).as(zpl.toString()).isEqualTo("application/zpl");

        Resp again = packer.post("/v1/fulfillment/shipments/bulk-generate-labels", Map.of("shipment_ids", List.of(a)));
        JobsKit.get().run(tenant, again.json().path("id").asText());
        JsonNode second = packer.get(again.header("location")).json();
        assertThat(second.path("status").asText()).isEqualTo("succeeded");
        assertThat(JobsKit.ndjson(second.path("report_url").asText()).get(0).path("outcome").asText()).isEqualTo("already_ready");
        assertThat(as(newTenant(), "p", "packer").get(again.header("location")).code()).isEqualTo("job.not_found");

        assertThat(packer.post("/v1/fulfillment/shipments/bulk-generate-labels", Map.of("shipment_ids", List.of(a, a))).status()).isEqualTo(400);
        assertThat(packer.post("/v1/fulfillment/shipments/bulk-generate-labels", Map.of("shipment_ids", List.of())).status()).isEqualTo(400);
        assertThat(packer.post("/v1/fulfillment/shipments/bulk-generate-labels", Map.of("shipment_ids", List.of(a), "label_format", "gif")).status())
                .isEqualTo(400);
        assertThat(as(tenant, "qc-x", "qc_agent").post("/v1/fulfillment/shipments/bulk-generate-labels", Map.of("shipment_ids", List.of(a))).code())
                .isEqualTo("auth.forbidden");
    }

    @Test
    void anAsnAnnouncesShipmentsOncePerReference() {
        JsonNode s = shipped("wh_asn");
        Instant arrival = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String ref = "ASN-" + System.nanoTime();
        Resp asn = packer.post("/v1/fulfillment/asn", Map.of("asn_reference", ref, "partner_id", "dc-north",
                "shipments", List.of(s.path("id").asText()), "expected_arrival", arrival.toString()));
        assertThat(asn.status()).as(asn.toString()).isEqualTo(201);
        assertThat(asn.json().path("shipments").get(0).path("tracking_numbers")).isNotEmpty();
        Resp dup = packer.post("/v1/fulfillment/asn", Map.of("asn_reference", ref, "shipments", List.of(s.path("id").asText())));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.code()).isEqualTo("asn.reference_exists");
        assertThat(packer.post("/v1/fulfillment/asn", Map.of("asn_reference", ref + "-b", "shipments", List.of("shp_missing"))).code()).isEqualTo("shipment.not_found");
        assertThat(packer.post("/v1/fulfillment/asn", Map.of("asn_reference", ref + "-c", "shipments", List.of(s.path("id").asText()),
                "expected_arrival", "2020-01-01T00:00:00Z")).status()).isEqualTo(400);
        assertThat(packer.post("/v1/fulfillment/asn", Map.of("asn_reference", ref + "-d", "shipments", List.of())).status()).isEqualTo(400);
        assertThat(as(newTenant(), "p", "packer").post("/v1/fulfillment/asn", Map.of("asn_reference", ref, "shipments", List.of(s.path("id").asText())))
                .code()).isEqualTo("shipment.not_found");
        assertThat(picker.post("/v1/fulfillment/asn", Map.of("asn_reference", ref + "-e", "shipments", List.of(s.path("id").asText()))).code())
                .isEqualTo("auth.forbidden");
    }
}
