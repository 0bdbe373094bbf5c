package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oms.jobs.ImportUploads;
import dev.oms.jobs.JobRunner;
import dev.oms.platform.json.Json;
import dev.oms.platform.storage.ObjectStore;
import dev.oms.platform.storage.S3Uri;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Imports through the API and the job runner, in the local runtime's JVM with the jobs bucket in a directory: mixed
 * files, re-runs, dry runs, CSV mappings, upserts, resuming after a crash or a time-out, cancelling, the upload flow;
 * and the jobs endpoints' validation, permissions and 404s.
 */
class JobsIT {
    static final JobsKit kit = JobsKit.get();

    static String row(String ref, String customer) {
        ObjectNode o = order(customer);
        if (ref != null) o.put("external_reference", ref);
        return Json.write(o);
    }

    static Resp submitImport(Client c, Object body) { return c.post("/v1/orders/imports", body); }

    static String startImport(Client c, Map<String, Object> body) {
        Resp r = submitImport(c, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return r.json().path("id").asText();
    }

    static JsonNode job(Client c, String path) {
        Resp r = c.get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    static List<JsonNode> orders(Client c) {
        List<JsonNode> out = new ArrayList<>();
        c.get("/v1/orders?limit=200").json().path("data").forEach(out::add);
        return out;
    }

    /** Good rows (3 with references, 1 without), a repeated reference, and 3 bad rows. */
    static String mixedFile() {
        String noCurrency = row("REF-4", "c4").replace("\"currency\":\"GBP\",", "");
        String badQuantity = row("REF-5", "c5").replace("\"quantity\":2", "\"quantity\":0");
        return String.join("\n", row("REF-1", "c1"), row("REF-2", "c2"), noCurrency, "{not json", "", row("REF-3", "c3"),
                row("REF-1", "c9"), badQuantity, row(null, "c6")) + "\n";
    }

    @Test
    void importsAMixedFileReportsTheBadRowsAndCreatesNothingTwiceWhenRunAgain() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        String source = kit.put(tenant, "mixed.ndjson", mixedFile());
        String jobId = startImport(sup, Map.of("source", source));
        assertThat(kit.queued).contains(jobId);
        assertThat(job(sup, "/v1/orders/imports/" + jobId).path("status").asText()).isEqualTo("queued");

        assertThat(kit.run(tenant, jobId)).isEqualTo("completed");
        JsonNode done = job(sup, "/v1/orders/imports/" + jobId);
        assertThat(done.path("status").asText()).isEqualTo("partially_succeeded");
        assertThat(done.path("counts").toString()).isEqualTo("{\"total\":8,\"processed\":8,\"succeeded\":4,\"failed\":3,\"skipped\":1}");
        assertThat(done.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.path("summary").path("created").asLong()).isEqualTo(4);
        List<JsonNode> report = JobsKit.ndjson(done.path("error_report_url").asText());
        assertThat(report.stream().map(r -> r.path("line").asLong() + ":" + r.path("status").asText() + ":" + r.path("code").asText()))
                .containsExactly("3:failed:request.invalid", "4:failed:import.row_unreadable", "7:skipped:import.already_imported",
                        "8:failed:request.invalid");
        assertThat(report.get(0).path("problem").path("errors").get(0).path("field").asText()).isEqualTo("currency");
        assertThat(report.get(0).path("problem").path("status").asInt()).isEqualTo(400);
        assertThat(report.get(3).path("problem").path("errors").get(0).path("field").asText()).isEqualTo("items[0].quantity");
        assertThat(report.get(2).path("order_id").asText()).startsWith("ord_");
        List<JsonNode> created = orders(sup);
        assertThat(created).hasSize(4);
        assertThat(created).allSatisfy(o -> assertThat(o.path("source").asText()).isEqualTo("order_import"));
        JsonNode timeline = sup.get("/v1/orders/" + created.get(0).path("id").asText() + "/timeline").json().path("data").get(0);
        assertThat(timeline.path("correlation_id").asText()).as("the job is the correlation id").isEqualTo(jobId);
        assertThat(timeline.path("actor").path("id").asText()).isEqualTo("sup");

        String again = startImport(sup, Map.of("source", source));
        kit.run(tenant, again);
        JsonNode second = job(sup, "/v1/orders/imports/" + again);
        assertThat(second.path("counts").path("succeeded").asLong()).isZero();
        assertThat(second.path("counts").path("skipped").asLong()).as("4 imported rows and the repeat").isEqualTo(5);
        assertThat(second.path("counts").path("failed").asLong()).isEqualTo(3);
        assertThat(orders(sup)).hasSize(4);
    }

    @Test
    void aDryRunValidatesWithoutWriting() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        String jobId = startImport(sup, Map.of("source", kit.put(tenant, "dry.ndjson", mixedFile()), "dry_run", true));
        kit.run(tenant, jobId);
        JsonNode done = job(sup, "/v1/orders/jobs/" + jobId);
        assertThat(done.path("status").asText()).isEqualTo("partially_succeeded");
        assertThat(done.path("summary").path("valid").asLong()).as("REF-1 twice: no order exists yet").isEqualTo(5);
        assertThat(done.path("counts").path("failed").asLong()).isEqualTo(3);
        assertThat(orders(sup)).isEmpty();
    }

    @Test
    void importsCsvThroughAMapping() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        String csv = """
                Order Ref,Customer,Currency,SKU,Qty,Price,Name,Street,City,Country,Gift note,Ignored
                CSV-1,cust-1,GBP,SKU-1,2,1250,Ada Lovelace,"1 Main St, Flat 2",London,GB,"Say \"\"hi\"\"",x
                CSV-2,cust-2,GBP,SKU-2,two,500,Bob,2 High St,Leeds,GB,,y
                CSV-3,cust-3,EUR,SKU-3,1,999,Cleo,3 Rue,Paris,FR,,z
                """;
        Map<String, Object> mapping = Map.of("Order Ref", "external_reference", "Customer", "customer_id", "Currency", "currency",
                "SKU", "items[0].sku", "Qty", "items[0].quantity", "Price", "items[0].unit_price.amount",
                "Name", "shipping_address.name", "Street", "shipping_address.line1", "City", "shipping_address.city",
                "Country", "shipping_address.country");
        Map<String, Object> withGift = new java.util.HashMap<>(mapping);
        withGift.put("Gift note", "metadata.gift_note");
        // the price's currency comes from a second column mapped to the same order
        String csvWithCurrency = csv.replace("Price,", "Price,PriceCurrency,").replace(",1250,", ",1250,GBP,").replace(",500,", ",500,GBP,")
                .replace(",999,", ",999,EUR,");
        withGift.put("PriceCurrency", "items[0].unit_price.currency");
        String jobId = startImport(sup, Map.of("source", kit.put(tenant, "orders.csv", csvWithCurrency), "mapping", withGift));
        kit.run(tenant, jobId);
        JsonNode done = job(sup, "/v1/orders/imports/" + jobId);
        assertThat(done.path("parameters").path("format").asText()).as("from the extension").isEqualTo("csv");
        assertThat(done.path("counts").path("succeeded").asLong()).isEqualTo(2);
        assertThat(done.path("counts").path("failed").asLong()).isEqualTo(1);
        List<String> report = JobsKit.lines(done.path("error_report_url").asText());
        assertThat(report.get(0)).isEqualTo("line,status,external_reference,order_id,code,detail,problem");
        assertThat(report.get(1)).startsWith("3,failed,CSV-2,,request.invalid,").contains("items[0].quantity");
        JsonNode first = orders(sup).stream().filter(o -> o.path("external_reference").asText().equals("CSV-1")).findFirst().orElseThrow();
        assertThat(first.path("shipping_address").path("line1").asText()).isEqualTo("1 Main St, Flat 2");
        assertThat(first.path("metadata").path("gift_note").asText()).isEqualTo("Say \"hi\"");
        assertThat(first.path("total").asLong()).isEqualTo(2500);
    }

    @Test
    void csvWithoutAMappingNeedsOrderFieldPathsAsHeaders() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        String jobId = startImport(sup, Map.of("source", kit.put(tenant, "bad.csv", "Order Ref,currency\nX,GBP\n")));
        kit.run(tenant, jobId);
        JsonNode done = job(sup, "/v1/orders/imports/" + jobId);
        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("error").path("code").asText()).isEqualTo("import.header_invalid");

        String missing = startImport(sup, Map.of("source", "s3://" + JobsKit.BUCKET + "/imports/" + tenant + "/nothing.ndjson"));
        kit.run(tenant, missing);
        assertThat(job(sup, "/v1/orders/imports/" + missing).path("error").path("code").asText()).isEqualTo("job.source_not_found");
    }

    @Test
    void upsertUpdatesMetadataAndAddressesOfExistingOrders() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        kit.run(tenant, startImport(sup, Map.of("source", kit.put(tenant, "a.ndjson", row("UP-1", "c1") + "\n"))));
        ObjectNode changed = (ObjectNode) Json.valueToTree(Json.toMap(parse(row("UP-1", "c1"))));
        changed.putObject("metadata").put("tier", "gold");
        String upsert = startImport(sup, Map.of("source", kit.put(tenant, "b.ndjson", Json.write(changed) + "\n" + row("UP-2", "c2") + "\n"),
                "mode", "upsert"));
        kit.run(tenant, upsert);
        JsonNode done = job(sup, "/v1/orders/imports/" + upsert);
        assertThat(done.path("summary").path("updated").asLong()).isEqualTo(1);
        assertThat(done.path("summary").path("created").asLong()).isEqualTo(1);
        JsonNode up1 = orders(sup).stream().filter(o -> o.path("external_reference").asText().equals("UP-1")).findFirst().orElseThrow();
        assertThat(up1.path("metadata").path("tier").asText()).isEqualTo("gold");
        assertThat(up1.path("version").asLong()).isEqualTo(2);
    }

    @Test
    void aRunThatDiesResumesFromItsCheckpointAndAChunkThatRunsAgainCreatesNothingTwice() throws Exception {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 12; i++) file.append(row(i % 3 == 0 ? null : "RES-" + i, "c" + i)).append('\n');
        String text = file.toString();
        String source = kit.put(tenant, "resume.ndjson", text);
        String jobId = startImport(sup, Map.of("source", source));

        // the connection drops while the second chunk (lines 6-10) is read: the first chunk is checkpointed
        int brokenAt = ordinalIndexOf(text, '\n', 7) + 1;
        assertThat(catchRun(() -> kit.runWith(breakingAfter(brokenAt), tenant, jobId))).isInstanceOf(RuntimeException.class);
        JsonNode crashed = job(sup, "/v1/orders/imports/" + jobId);
        assertThat(crashed.path("status").asText()).isEqualTo("running");
        assertThat(crashed.path("checkpoint").asText()).isEqualTo("5");
        assertThat(orders(sup)).hasSize(5);

        // the next delivery resumes at line 6 and finishes
        assertThat(kit.run(tenant, jobId)).isEqualTo("completed");
        JsonNode done = job(sup, "/v1/orders/imports/" + jobId);
        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.path("attempts").asInt()).isEqualTo(2);
        assertThat(done.path("counts").path("succeeded").asLong()).isEqualTo(12);
        assertThat(orders(sup)).hasSize(12);

        // the same file again (as when a chunk runs again after its checkpoint was lost): every row, with or without
        // a reference, is recognised as imported
        String rerun = startImport(sup, Map.of("source", source));
        kit.run(tenant, rerun);
        assertThat(job(sup, "/v1/orders/imports/" + rerun).path("counts").path("skipped").asLong()).isEqualTo(12);
        assertThat(orders(sup)).hasSize(12);
        assertThat(orders(sup).stream().map(o -> o.path("customer_id").asText()).collect(Collectors.toSet())).hasSize(12);
    }

    @Test
    void aRunOutOfTimeRequeuesTheJobWhichGoesOnFromItsCheckpoint() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 8; i++) file.append(row("T-" + i, "c" + i)).append('\n');
        String jobId = startImport(sup, Map.of("source", kit.put(tenant, "time.ndjson", file.toString())));
        AtomicInteger calls = new AtomicInteger();
        assertThat(kit.run(tenant, jobId, () -> calls.incrementAndGet() == 1 ? 600_000 : 30_000)).isEqualTo("paused");
        assertThat(kit.queued.stream().filter(jobId::equals).count()).as("queued on submit and again to go on").isEqualTo(2);
        assertThat(job(sup, "/v1/orders/imports/" + jobId).path("checkpoint").asText()).isEqualTo("5");
        assertThat(kit.run(tenant, jobId)).isEqualTo("completed");
        assertThat(orders(sup)).hasSize(8);
    }

    @Test
    void cancellingAQueuedJobStopsItBeforeItStartsAndARunningOneAtItsNextCheckpoint() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 15; i++) file.append(row("CAN-" + i, "c" + i)).append('\n');
        String source = kit.put(tenant, "cancel.ndjson", file.toString());

        String queued = startImport(sup, Map.of("source", source));
        Resp cancelled = sup.post("/v1/orders/jobs/" + queued + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(kit.run(tenant, queued)).as("a cancelled job never starts").isNull();
        assertThat(sup.post("/v1/orders/jobs/" + queued + "/cancel", null).code()).isEqualTo("job.already_finished");

        String running = startImport(sup, Map.of("source", source));
        AtomicInteger chunks = new AtomicInteger();
        String end = kit.run(tenant, running, () -> {
            if (chunks.incrementAndGet() == 2) assertThat(sup.post("/v1/orders/jobs/" + running + "/cancel", null).status()).isEqualTo(202);
            return Long.MAX_VALUE;
        });
        assertThat(end).isEqualTo("cancelled");
        JsonNode job = job(sup, "/v1/orders/jobs/" + running);
        assertThat(job.path("status").asText()).isEqualTo("cancelled");
        assertThat(job.path("cancel_requested").asBoolean()).isTrue();
        assertThat(job.path("counts").path("processed").asLong()).as("two chunks of five").isEqualTo(10);
        assertThat(orders(sup)).hasSize(10);
    }

    @Test
    void anUploadImportStartsWhenItsFileArrives() throws Exception {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        Resp r = submitImport(sup, Map.of("format", "ndjson"));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String jobId = r.json().path("id").asText();
        assertThat(r.json().path("awaiting_upload").asBoolean()).isTrue();
        assertThat(r.json().path("upload_method").asText()).isEqualTo("PUT");
        assertThat(r.json().path("parameters").path("source").asText()).isEqualTo("s3://" + JobsKit.BUCKET + "/imports/" + tenant + "/" + jobId + ".ndjson");
        assertThat(r.header("location")).isEqualTo("/v1/orders/imports/" + jobId);
        assertThat(kit.queued).doesNotContain(jobId);
        assertThat(kit.run(tenant, jobId)).as("nothing to run before the upload").isNull();

        Path upload = Path.of(java.net.URI.create(r.json().path("upload_url").asText()));
        Files.createDirectories(upload.getParent());
        Files.writeString(upload, row("UPL-1", "c1") + "\n");
        S3Event event = s3Event("imports/" + tenant + "/" + jobId + ".ndjson");
        assertThat(new ImportUploads().handleRequest(event, null)).isEqualTo(1);
        new ImportUploads().handleRequest(event, null);
        assertThat(kit.queued.stream().filter(jobId::equals).count()).as("queued once, however often S3 notifies").isEqualTo(1);
        assertThat(new ImportUploads().handleRequest(s3Event("imports/" + tenant + "/notes.txt"), null)).isZero();
        kit.run(tenant, jobId);
        assertThat(job(sup, "/v1/orders/imports/" + jobId).path("status").asText()).isEqualTo("succeeded");
        assertThat(orders(sup)).hasSize(1);
    }

    @Test
    void theEndpointsValidateAuthorizeAndHideOtherTenantsJobs() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        Resp forbidden = as(tenant, "agent", "agent").post("/v1/orders/imports", Map.of("format", "csv"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("auth.forbidden");
        assertThat(as(tenant, "fin", "finance").get("/v1/orders/jobs").status()).isEqualTo(403);
        assertThat(anonymous().get("/v1/orders/jobs").status()).isEqualTo(401);

        Resp invalid = submitImport(sup, Map.of("source", "https://example.com/x", "format", "xml", "mode", "merge",
                "mapping", Map.of("a", "items[0].price", "b", "no such field", "c", "total"), "extra", 1));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("extra", "source", "format", "mode", "mapping.b", "mapping.c");
        Resp otherTenant = submitImport(sup, Map.of("source", "s3://" + JobsKit.BUCKET + "/imports/someone-else/x.ndjson"));
        assertThat(otherTenant.json().path("errors").get(0).path("code").asText()).isEqualTo("source.not_allowed");
        assertThat(submitImport(sup, Map.of("source", "s3://another-bucket/x.ndjson")).json().path("errors").get(0).path("code").asText())
                .isEqualTo("source.not_allowed");
        assertThat(sup.post("/v1/orders/exports", Map.of("format", "xlsx", "status", "lost", "from", "yesterday")).json()
                .path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("format", "status", "from");
        assertThat(sup.post("/v1/orders/bulk/update-status", Map.of("action", "hold", "order_ids", List.of("ord_1"))).json()
                .path("errors").findValuesAsText("field")).containsExactly("reason");
        assertThat(sup.post("/v1/orders/bulk/update-status", Map.of("action", "close", "order_ids", List.of("ord_1"),
                "filter", Map.of("status", "confirmed"))).json().path("errors").get(0).path("code").asText()).isEqualTo("field.exclusive");
        assertThat(sup.post("/v1/orders/bulk/update-status", Map.of("action", "reopen", "order_ids", List.of())).json()
                .path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("action", "order_ids");
        assertThat(sup.post("/v1/orders/bulk/reconcile", Map.of()).json().path("errors").get(0).path("code").asText()).isEqualTo("field.exclusive");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) tooMany.add(Map.of("external_reference", "R" + i));
        assertThat(sup.post("/v1/orders/bulk/reconcile", Map.of("orders", tooMany)).json().path("errors").get(0).path("code").asText())
                .isEqualTo("field.too_many");
        Resp service = as(tenant, "svc", "service").post("/v1/orders/bulk/update-status", Map.of("action", "release",
                "order_ids", List.of("ord_1")));
        assertThat(service.status()).as("service may release").isEqualTo(202);

        Resp export = sup.post("/v1/orders/exports", Map.of("format", "ndjson"));
        String exportId = export.json().path("id").asText();
        assertThat(export.header("location")).isEqualTo("/v1/orders/exports/" + exportId);
        assertThat(sup.get("/v1/orders/imports/" + exportId).code()).as("an export is no import").isEqualTo("job.not_found");
        assertThat(sup.get("/v1/orders/exports/" + exportId).status()).isEqualTo(200);
        assertThat(sup.get("/v1/orders/jobs/job_01NOPE").code()).isEqualTo("job.not_found");
        Client stranger = as(newTenant(), "sup", "supervisor");
        assertThat(stranger.get("/v1/orders/jobs/" + exportId).status()).isEqualTo(404);
        assertThat(stranger.post("/v1/orders/jobs/" + exportId + "/cancel", null).status()).isEqualTo(404);

        JsonNode list = sup.get("/v1/orders/jobs?limit=1").json();
        assertThat(list.path("data").get(0).path("id").asText()).as("newest first").isEqualTo(exportId);
        assertThat(list.path("has_more").asBoolean()).isTrue();
        JsonNode next = sup.get("/v1/orders/jobs?limit=1&cursor=" + list.path("next_cursor").asText()).json();
        assertThat(next.path("data").get(0).path("kind").asText()).isEqualTo("bulk_update_status");
    }

    @Test
    void theRunnerReportsOnlyTheMessagesThatFailed() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor");
        String jobId = startImport(sup, Map.of("source", kit.put(tenant, "batch.ndjson", row("BATCH-1", "c1") + "\n")));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message("m-good", dev.oms.platform.messaging.SqsJobQueue.message(tenant, jobId)), message("m-bad", "{broken")));
        SQSBatchResponse response = new JobRunner(kit.executor).handleRequest(event, new LocalLambdaContext("r1", "JobRunnerFunction", 900));
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("m-bad");
        assertThat(job(sup, "/v1/orders/imports/" + jobId).path("status").asText()).isEqualTo("succeeded");
    }

    static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        m.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        return m;
    }

    @Test
    void anIdempotencyKeyReplaysTheSameJob() {
        String tenant = newTenant();
        Client sup = as(tenant, "sup", "supervisor").header("Idempotency-Key", "export-1");
        Resp first = sup.post("/v1/orders/exports", Map.of("format", "csv", "channel", "web-uk"));
        Resp again = sup.post("/v1/orders/exports", Map.of("format", "csv", "channel", "web-uk"));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(sup.post("/v1/orders/exports", Map.of("format", "ndjson")).code()).isEqualTo("idempotency.key_reused");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int ordinalIndexOf(String s, char c, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) at = s.indexOf(c, at + 1);
        return at;
    }

    static Throwable catchRun(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** The jobs bucket, but every object read breaks after {@code bytes}, like a dropped connection. */
    static ObjectStore breakingAfter(int bytes) {
        ObjectStore real = kit.store;
        return new ObjectStore() {
            @Override public String bucket() { return real.bucket(); }
            @Override public void write(String key, String type, Content content) { real.write(key, type, content); }
            @Override public void upload(String key, Path file, String type) { real.upload(key, file, type); }
            @Override public List<String> list(String prefix) { return real.list(prefix); }
            @Override public void delete(String key) { real.delete(key); }
            @Override public String presignGet(String key, java.time.Duration ttl) { return real.presignGet(key, ttl); }
            @Override public String presignPut(String key, String type, java.time.Duration ttl) { return real.presignPut(key, type, ttl); }

            @Override
            public InputStream open(S3Uri uri) {
                return new FilterInputStream(real.open(uri)) {
                    int left = bytes;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (left <= 0) throw new IOException("connection reset");
                        int n = super.read(b, off, Math.min(len, left));
                        if (n > 0) left -= n;
                        return n;
                    }

                    @Override
                    public int available() { return 0; }
                };
            }
        };
    }

    static S3Event s3Event(String key) {
        var object = new S3EventNotification.S3ObjectEntity(key.replace(' ', '+'), 10L, "etag", null, null);
        var bucket = new S3EventNotification.S3BucketEntity(JobsKit.BUCKET, null, "arn:aws:s3:::" + JobsKit.BUCKET);
        var s3 = new S3EventNotification.S3Entity("ImportUploaded", bucket, object, "1.0");
        return new S3Event(List.of(new S3EventNotification.S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3", null,
                "2.1", null, null, s3, null)));
    }
}
