package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.job.JobCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job over a list of entries carried in its parameters (bulk fulfilments, bulk return receipts): chunk by chunk,
 * each chunk's report rows written as one part, the index of the next entry as the checkpoint, so a resumed run goes
 * on where the last checkpoint left it. A row with {@code status: ok} counts as succeeded (summary {@code okKey}),
 * any other as failed.
 */
final class EntryBatches {
    private EntryBatches() { }

    /** The rows of entries {@code from} (inclusive) to {@code to} (exclusive), one per entry, in order. */
    @FunctionalInterface
    interface Chunk {
        List<ObjectNode> rows(List<Map<String, Object>> entries, int from, int to);
    }

    @SuppressWarnings("unchecked")
    static void run(JobRun run, String parameter, List<String> columns, int chunk, String okKey, Chunk work) {
        Report report = new Report(run.store(), run.tenantId(), run.id(), "ndjson", columns);
        List<Map<String, Object>> entries = (List<Map<String, Object>>) run.parameters().get(parameter);
        JobCounts counts = run.counts();
        if (counts.total() == null) counts = counts.withTotal((long) entries.size());
        Map<String, Long> summary = new LinkedHashMap<>(run.summary());
        for (int i = run.checkpoint() == null ? 0 : Integer.parseInt(run.checkpoint()); i < entries.size(); i += chunk) {
            if (!run.proceed(true)) return;
            int to = Math.min(entries.size(), i + chunk);
            List<ObjectNode> rows = work.rows(entries, i, to);
            long position = counts.processed();
            for (ObjectNode row : rows) {
                boolean ok = row.path("status").asText().equals("ok");
                counts = counts.plus(ok ? 1 : 0, ok ? 0 : 1, 0);
                summary.merge(ok ? okKey : "failed", 1L, Long::sum);
            }
            report.writePart(position, rows);
            run.checkpoint(counts, Integer.toString(to), summary);
        }
        String key = report.assemble();
        run.complete(key == null ? Map.of() : Map.of("report", key));
    }
}
