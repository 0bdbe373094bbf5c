package dev.oms.benchmark;

import dev.oms.app.CommandContext;
import dev.oms.app.security.Caller;
import dev.oms.domain.job.Job;
import dev.oms.domain.job.JobKind;
import dev.oms.jobs.JobExecutor;
import dev.oms.platform.aws.CapacityMeter;
import dev.oms.platform.jobs.Jobs;
import dev.oms.platform.storage.DirectoryObjectStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports and exports end to end through the job runner, in this JVM against DynamoDB Local, with the jobs bucket in
 * a temporary directory: orders (or rows) per second, DynamoDB capacity per order, and heap, for two sizes each, to
 * show that memory does not grow with the file.
 */
final class JobsBenchmark {
    /** One measured job. */
    record Row(String what, long rows, double seconds, double perSecond, long requests, double units, long peakUsedMb,
               long peakAfterGcMb, long collections, long bytes) { }

    /** Rows imported and exported (not measured) first, so the JIT has compiled the paths the measured jobs take. */
    static final int WARMUP_ROWS = 1000;

    private final Jobs jobs;
    private final DirectoryObjectStore store;
    private final JobExecutor executor;

    JobsBenchmark() throws IOException {
        jobs = Jobs.get();
        store = new DirectoryObjectStore(Files.createTempDirectory("oms-bench-jobs"), "oms-bench-jobs");
        jobs.use(store, (tenant, jobId) -> { });
        executor = JobExecutor.fromEnvironment(jobs);
    }

    /** Imports of each size into fresh tenants, then exports (CSV, NDJSON, Parquet) of tenants of each export size. */
    List<Row> run(List<Integer> importSizes, List<Integer> exportSizes) throws IOException {
        String warm = "bench-jobs-warmup";
        importOrders(warm, WARMUP_ROWS, false);
        for (String format : List.of("csv", "ndjson", "parquet")) export(warm, WARMUP_ROWS, format);
        List<Row> rows = new ArrayList<>();
        Map<Integer, String> tenants = new LinkedHashMap<>();
        for (int n : importSizes) {
            String tenant = "bench-jobs-" + UUID.randomUUID().toString().substring(0, 8);
            rows.add(importOrders(tenant, n, true));
            tenants.put(n, tenant);
        }
        for (int n : exportSizes) {
            String tenant = tenants.get(n);
            if (tenant == null) {
                // grow the largest imported tenant that is not larger (or a new one) to n orders, not measured
                int have = tenants.keySet().stream().filter(size -> size <= n).max(Integer::compare).orElse(0);
                tenant = have == 0 ? "bench-jobs-" + UUID.randomUUID().toString().substring(0, 8) : tenants.remove(have);
                importOrders(tenant, n - have, false);
                tenants.put(n, tenant);
            }
            for (String format : List.of("csv", "ndjson", "parquet")) rows.add(export(tenant, n, format));
        }
        return rows;
    }

    private Row importOrders(String tenant, int n, boolean measured) throws IOException {
        Benchmark.progress("jobs: import of " + n + " orders" + (measured ? "" : " (to grow the export set)"));
        String key = "imports/" + tenant + "/bench-" + UUID.randomUUID() + ".ndjson";
        store.write(key, "application/x-ndjson", out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (int i = 0; i < n; i++) {
                String body = Events.orderBody("cust-" + (i % 500), 3);
                w.write("{\"external_reference\":\"BENCH-" + UUID.randomUUID() + "\"," + body.substring(1));
                w.write('\n');
            }
            w.flush();
        });
        long bytes = Files.size(store.path(key));
        return measure("import", n, bytes, tenant, JobKind.IMPORT, Map.of("source", store.uri(key), "format", "ndjson", "mode", "create",
                "mapping", Map.of(), "dry_run", false));
    }

    private Row export(String tenant, int n, String format) {
        Benchmark.progress("jobs: " + format + " export of " + n + " orders");
        Row r = measure("export " + format, n, 0, tenant, JobKind.EXPORT, Map.of("format", format));
        return r;
    }

    private Row measure(String what, int n, long inputBytes, String tenant, JobKind kind, Map<String, Object> params) {
        Caller caller = new Caller(tenant, "bench-supervisor", "agent", Set.of("supervisor"), null, null);
        CommandContext ctx = new CommandContext(caller, "bench", null, null, null);
        Job job = jobs.service.submit(ctx, jobs.service.newId(), kind, params, false);
        CapacityMeter.reset();
        long started = System.nanoTime();
        String end;
        long peakUsed, peakAfterGc, gcs;
        try (HeapWatch heap = HeapWatch.start()) {
            end = executor.run(tenant, job.id(), () -> Long.MAX_VALUE, 1);
            peakUsed = heap.peakUsedMb();
            peakAfterGc = heap.peakAfterGcMb();
            gcs = heap.collections();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Job done = jobs.repository.find(tenant, job.id()).orElseThrow();
        if (!"completed".equals(end) || done.counts().succeeded() != n) {
            throw new IllegalStateException(what + " of " + n + " ended " + end + " with " + done.counts() + " " + done.state().errorDetail);
        }
        long bytes = inputBytes;
        String download = done.state().results.get("download");
        if (download != null) {
            try {
                bytes = Files.size(store.path(download));
            } catch (IOException e) {
                bytes = -1;
            }
        }
        Row row = new Row(what, n, seconds, n / seconds, CapacityMeter.requests(), CapacityMeter.units(), peakUsed, peakAfterGc, gcs, bytes);
        Benchmark.progress("jobs:   " + row);
        return row;
    }

    static String section(List<Row> rows, int chunkRows, int lanes) {
        StringBuilder md = new StringBuilder();
        md.append("## Jobs: imports and exports end to end\n\n");
        md.append("Through `JobExecutor` (what the `JobRunner` Lambda runs for an SQS message), in the benchmark's JVM, against DynamoDB Local, "
                + "with the jobs bucket in a temporary directory (`DirectoryObjectStore`). Imports: NDJSON orders of 3 lines with an "
                + "`external_reference` each, " + chunkRows + " rows per checkpoint, " + lanes + " lanes; each order is one "
                + "`OrderService.create` (order-number counter + one transaction). Exports: the tenant's orders through the list query, "
                + "200 per page. Heap: peak in use (sampled every 10 ms, garbage included) and peak after a collection (live data); "
                + "max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB. " + WARMUP_ROWS + " orders are imported and exported first, unmeasured, "
                + "to warm up the JIT. Requests per imported order: the order-number counter (`UpdateItem`) and the create's "
                + "`TransactWriteItems`, plus a `GetItem` and a `PutItem` of the job per " + chunkRows + " rows.\n\n");
        md.append("| Job | Rows | Seconds | Rows/s | DynamoDB requests | Capacity units | Units per row | Peak heap used MB | Peak heap after GC MB | GCs | File MB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.0f | %,d | %,.0f | %.2f | %d | %s | %d | %.1f |%n", r.what(), r.rows(),
                    r.seconds(), r.perSecond(), r.requests(), r.units(), r.units() / r.rows(), r.peakUsedMb(),
                    r.collections() == 0 ? "(no GC)" : Long.toString(r.peakAfterGcMb()), r.collections(), r.bytes() / 1048576.0));
        }
        md.append('\n');
        return md.toString();
    }
}
