package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.HydratorSupplier;
import blue.strategic.parquet.ParquetReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Exports in each format read back, bulk status changes with rules refusing some orders, and reconciliations. */
class JobsBulkAndExportsIT {
    static final JobsKit kit = JobsKit.get();

    static String createIn(Client c, String channel, String ref) {
        ObjectNode body = order("c-" + channel);
        body.put("channel", channel);
        if (ref != null) body.put("external_reference", ref);
        return create(c, body);
    }

    static JsonNode runJob(Client c, String tenant, Resp submitted) {
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        String jobId = submitted.json().path("id").asText();
        kit.run(tenant, jobId);
        Resp r = c.get(submitted.header("location"));
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    @Test
    void exportsTheFilteredOrdersAsCsvNdjsonAndParquet() throws Exception {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        for (int i = 0; i < 4; i++) createIn(sup, "web-uk", "EXP-" + i);
        createIn(sup, "store-1", null);
        createIn(sup, "store-1", null);

        JsonNode csvJob = runJob(sup, tenant, sup.post("/v1/orders/exports", Map.of("format", "csv", "channel", "web-uk")));
        assertThat(csvJob.path("status").asText()).isEqualTo("succeeded");
        assertThat(csvJob.path("counts").path("total").asLong()).isEqualTo(4);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(String.join("\n", JobsKit.lines(csvJob.path("download_url").asText())))).getRecords();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).getParser().getHeaderNames()).startsWith("id", "number", "external_reference", "status");
        assertThat(rows.stream().map(r -> r.get("external_reference")).toList()).containsExactly("EXP-0", "EXP-1", "EXP-2", "EXP-3");
        assertThat(rows.get(0).get("total")).isEqualTo("4990");
        assertThat(rows.get(0).get("channel")).isEqualTo("web-uk");

        JsonNode ndjsonJob = runJob(sup, tenant, sup.post("/v1/orders/exports", Map.of("format", "ndjson", "status", "created")));
        List<JsonNode> orders = JobsKit.ndjson(ndjsonJob.path("download_url").asText());
        assertThat(orders).hasSize(6);
        assertThat(orders.get(0).path("lines").get(0).path("sku").asText()).isEqualTo("SKU-1");

        JsonNode parquetJob = runJob(sup, tenant, sup.post("/v1/orders/exports", Map.of("format", "parquet", "channel", "store-1")));
        assertThat(parquetJob.path("status").asText()).isEqualTo("succeeded");
        Path file = Path.of(URI.create(parquetJob.path("download_url").asText()));
        assertThat(file.getFileName().toString()).endsWith(".parquet");
        List<Map<String, Object>> read = ParquetReader.streamContent(file.toFile(), HydratorSupplier.constantly(new MapHydrator()))
                .collect(Collectors.toList());
        assertThat(read).hasSize(2);
        assertThat(read.get(0).get("total")).isEqualTo(4990L);
        assertThat(read.get(0).get("channel")).isEqualTo("store-1");
        assertThat(read.get(0).get("id").toString()).startsWith("ord_");
        assertThat(read.get(0)).containsEntry("external_reference", null).containsEntry("line_count", 1L);
    }

    @Test
    void bulkConfirmAppliesTheOrderRulesPerOrderAndReportsEachOutcome() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        String paid1 = create(sup, paidOrder(sup, "c1", "authorized"));
        String paid2 = create(sup, paidOrder(sup, "c2", "authorized"));
        String unpaid = create(sup, order("c3"));
        JsonNode job = runJob(sup, tenant, sup.post("/v1/orders/bulk/update-status", Map.of("action", "confirm",
                "order_ids", List.of(paid1, unpaid, "ord_01UNKNOWN", paid2))));
        assertThat(job.path("status").asText()).isEqualTo("partially_succeeded");
        assertThat(job.path("counts").toString()).isEqualTo("{\"total\":4,\"processed\":4,\"succeeded\":2,\"failed\":2,\"skipped\":0}");
        List<JsonNode> report = JobsKit.ndjson(job.path("report_url").asText());
        assertThat(report.stream().map(r -> r.path("order_id").asText() + ":" + r.path("status").asText() + ":"
                + r.path(r.path("status").asText().equals("ok") ? "order_status" : "code").asText()))
                .containsExactly(paid1 + ":ok:confirmed", unpaid + ":failed:order.blocked.payment_required",
                        "ord_01UNKNOWN:failed:order.not_found", paid2 + ":ok:confirmed");
        assertThat(sup.get("/v1/orders/" + paid1).json().path("status").asText()).isEqualTo("confirmed");
        assertThat(sup.get("/v1/orders/" + unpaid).json().path("status").asText()).isEqualTo("created");
    }

    @Test
    void bulkChangesByFilterHoldWhatMatchesAndAnInvalidTransitionFailsEveryOrder() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        for (int i = 0; i < 7; i++) createIn(sup, "b2b", null);
        String other = createIn(sup, "web-uk", null);
        JsonNode hold = runJob(sup, tenant, sup.post("/v1/orders/bulk/update-status", Map.of("action", "hold",
                "filter", Map.of("channel", "b2b", "status", "created"), "reason", "Credit check", "hold_type", "payment")));
        assertThat(hold.path("status").asText()).isEqualTo("succeeded");
        assertThat(hold.path("counts").path("succeeded").asLong()).isEqualTo(7);
        assertThat(hold.path("checkpoint").asText()).isEqualTo("end");
        assertThat(sup.get("/v1/orders?status=on_hold&limit=50").json().path("data")).hasSize(7);
        assertThat(sup.get("/v1/orders/" + other).json().path("status").asText()).isEqualTo("created");
        JsonNode someHold = sup.get("/v1/orders?status=on_hold&limit=1").json().path("data").get(0).path("holds").get(0);
        assertThat(someHold.path("type").asText()).isEqualTo("payment");
        assertThat(someHold.path("reason").asText()).isEqualTo("Credit check");

        JsonNode close = runJob(sup, tenant, sup.post("/v1/orders/bulk/update-status", Map.of("action", "close",
                "filter", Map.of("status", "on_hold"))));
        assertThat(close.path("status").asText()).isEqualTo("failed");
        assertThat(close.path("counts").path("failed").asLong()).isEqualTo(7);
        assertThat(JobsKit.ndjson(close.path("report_url").asText())).allSatisfy(r ->
                assertThat(r.path("problem").path("code").asText()).isEqualTo("order.invalid_transition"));
    }

    @Test
    void reconcilesAFeedAndReportsMissingExtraAndDifferentOrders() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        String a = createIn(sup, "market", "A");
        createIn(sup, "market", "B");
        createIn(sup, "market", "C");
        String noRef = createIn(sup, "market", null);
        createIn(sup, "web-uk", "E");
        List<Object> feed = List.of(
                Map.of("external_reference", "A", "status", "created", "total", Map.of("amount", 4990, "currency", "GBP")),
                Map.of("external_reference", "B", "status", "confirmed"),
                Map.of("external_reference", "C", "total", Map.of("amount", 1, "currency", "GBP")),
                Map.of("external_reference", "D", "status", "created"));
        JsonNode job = runJob(sup, tenant, sup.post("/v1/orders/bulk/reconcile", Map.of("orders", feed, "channel", "market")));
        assertThat(job.path("status").asText()).isEqualTo("succeeded");
        assertThat(job.path("summary").toString()).isEqualTo("{\"different\":2,\"extra\":1,\"invalid\":0,\"matched\":1,\"missing\":1}");
        List<JsonNode> report = JobsKit.ndjson(job.path("report_url").asText());
        Map<String, String> byRef = new HashMap<>();
        for (JsonNode r : report) byRef.put(r.path("external_reference").asText(r.path("order_id").asText()), r.path("kind").asText()
                + r.path("differences").toString());
        assertThat(byRef).containsEntry("B", "different[\"status\"]").containsEntry("C", "different[\"total\"]")
                .containsEntry("D", "missing").containsEntry(noRef, "extra").doesNotContainKeys("A", "E", a);

        String csv = "external_reference,status,total.amount,total.currency\nA,created,4990,GBP\n,created,1,GBP\nE,completed,4990,GBP\n";
        JsonNode fromFile = runJob(sup, tenant, sup.post("/v1/orders/bulk/reconcile", Map.of("source", kit.put(tenant, "feed.csv", csv),
                "channel", "web-uk")));
        assertThat(fromFile.path("status").asText()).as("one feed row has no reference").isEqualTo("partially_succeeded");
        assertThat(fromFile.path("parameters").path("format").asText()).isEqualTo("csv");
        assertThat(fromFile.path("summary").toString()).isEqualTo("{\"different\":1,\"extra\":0,\"invalid\":1,\"matched\":1,\"missing\":0}");
        assertThat(Set.copyOf(JobsKit.ndjson(fromFile.path("report_url").asText()).stream().map(r -> r.path("kind").asText()).toList()))
                .containsExactlyInAnyOrder("invalid", "different");
    }

    /** Parquet rows as maps. */
    static final class MapHydrator implements Hydrator<Map<String, Object>, Map<String, Object>> {
        @Override public Map<String, Object> start() { return new HashMap<>(); }

        @Override
        public Map<String, Object> add(Map<String, Object> target, String heading, Object value) {
            target.put(heading, value);
            return target;
        }

        @Override public Map<String, Object> finish(Map<String, Object> target) { return target; }
    }
}
