package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.FulfillmentService;
import dev.oms.app.port.ResponseJournal;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.platform.Platform;
import dev.oms.platform.http.Body;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.FulfillmentRequests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk fulfilment creation ({@code POST /v1/orders/fulfillments/bulk}): each entry is created through
 * {@link FulfillmentService#create}, so every rule holds per order (stock, remaining units, order status); one entry's
 * refusal is reported and the others go on. Entry {@code i} gets the fulfilment id {@code ful_<job>_<i>}: a chunk that
 * runs again after a crash finds its fulfilments there and creates (and reserves) nothing twice. The report has a row
 * per entry: {@code ok} with the fulfilment id, or {@code failed} with the problem; the checkpoint is the next index.
 */
final class BulkFulfillmentsWork implements JobWork {
    static final List<String> COLUMNS = List.of("index", "order_id", "status", "fulfillment_id", "code", "detail", "problem");

    private final Platform platform;
    private final int chunk;

    BulkFulfillmentsWork(Platform platform, int chunk) {
        this.platform = platform;
        this.chunk = Math.max(1, Math.min(chunk, 50));
    }

    @Override
    public void run(JobRun run) {
        Report report = new Report(run.store(), run.tenantId(), run.id(), "ndjson", COLUMNS);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) run.parameters().get("fulfillments");
        JobCounts counts = run.counts();
        if (counts.total() == null) counts = counts.withTotal((long) entries.size());
        Map<String, Long> summary = new LinkedHashMap<>(run.summary());
        CommandContext ctx = run.context(null, ResponseJournal.NONE);
        for (int i = run.checkpoint() == null ? 0 : Integer.parseInt(run.checkpoint()); i < entries.size(); i += chunk) {
            if (!run.proceed(true)) return;
            List<ObjectNode> rows = new ArrayList<>();
            for (int j = i; j < Math.min(entries.size(), i + chunk); j++) rows.add(create(ctx, run.id(), j, entries.get(j)));
            long position = counts.processed();
            for (ObjectNode row : rows) {
                boolean ok = row.path("status").asText().equals("ok");
                counts = counts.plus(ok ? 1 : 0, ok ? 0 : 1, 0);
                summary.merge(ok ? "created" : "failed", 1L, Long::sum);
            }
            report.writePart(position, rows);
            run.checkpoint(counts, Integer.toString(Math.min(entries.size(), i + chunk)), summary);
        }
        String key = report.assemble();
        run.complete(key == null ? Map.of() : Map.of("report", key));
    }

    private ObjectNode create(CommandContext ctx, String jobId, int index, Map<String, Object> entry) {
        String orderId = String.valueOf(entry.get("order_id"));
        ObjectNode row = Json.object().put("index", index).put("order_id", orderId);
        try {
            Body b = Body.of(Json.valueToTree(entry));
            FulfillmentRequest req = FulfillmentRequests.request(b);
            b.check();
            String id = "ful_" + jobId.substring(jobId.indexOf('_') + 1) + "_" + index;
            FulfillmentService.Created c = platform.fulfillments.create(ctx, orderId, req, id);
            return row.put("status", "ok").put("fulfillment_id", c.fulfillment().id());
        } catch (RuntimeException e) {
            return Problem.failed(row, e);
        }
    }
}
