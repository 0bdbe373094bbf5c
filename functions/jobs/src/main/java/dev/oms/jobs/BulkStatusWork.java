package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.OrderStatusActions;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.Page;
import dev.oms.app.port.ResponseJournal;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.order.Order;
import dev.oms.platform.Platform;
import dev.oms.platform.json.Json;
import dev.oms.platform.jobs.JobParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bulk status change: confirm, hold, release or close each order (by id, or every order a list filter finds)
 * through its own use case, so every order rule holds per order; one order's refusal is recorded and the others go
 * on. The report has one row per order: {@code ok} with its new status, or {@code failed} with the problem.
 * The checkpoint is the index into the ids, or the list position.
 */
final class BulkStatusWork implements JobWork {
    static final List<String> COLUMNS = List.of("order_id", "status", "order_status", "code", "detail", "problem");
    static final String END = "end";

    private final OrderStatusActions actions;
    private final OrderPages pages;
    private final Lanes lanes;
    private final int chunk;

    BulkStatusWork(Platform platform, OrderPages pages, Lanes lanes, int chunk) {
        this.actions = new OrderStatusActions(platform.orders);
        this.pages = pages;
        this.lanes = lanes;
        this.chunk = Math.min(chunk, OrderPages.PAGE);
    }

    @Override
    public void run(JobRun run) {
        Report report = new Report(run.store(), run.tenantId(), run.id(), "ndjson", COLUMNS);
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) run.parameters().get("order_ids");
        JobCounts counts = run.counts();
        Map<String, Long> summary = new LinkedHashMap<>(run.summary());
        if (ids != null) {
            if (counts.total() == null) counts = counts.withTotal((long) ids.size());
            for (int i = run.checkpoint() == null ? 0 : Integer.parseInt(run.checkpoint()); i < ids.size(); i += chunk) {
                if (!run.proceed(true)) return;
                counts = apply(run, report, ids.subList(i, Math.min(ids.size(), i + chunk)), counts, summary);
                run.checkpoint(counts, Integer.toString(Math.min(ids.size(), i + chunk)), summary);
            }
        } else {
            @SuppressWarnings("unchecked")
            OrderFilter filter = JobParameters.orderFilter((Map<String, Object>) run.parameters().getOrDefault("filter", Map.of()));
            CommandContext ctx = run.context(null, ResponseJournal.NONE);
            String position = run.checkpoint();
            while (!END.equals(position)) {
                if (!run.proceed(true)) return;
                Page<Order> page = pages.page(ctx, filter, position, chunk);
                counts = apply(run, report, page.items().stream().map(Order::id).toList(), counts, summary);
                position = page.nextPosition() == null ? END : page.nextPosition();
                run.checkpoint(counts, position, summary);
            }
        }
        String key = report.assemble();
        run.complete(key == null ? Map.of() : Map.of("report", key));
    }

    private JobCounts apply(JobRun run, Report report, List<String> orderIds, JobCounts counts, Map<String, Long> summary) {
        String action = run.parameter("action");
        CommandContext ctx = run.context(run.parameter("reason"), ResponseJournal.NONE);
        List<ObjectNode> rows = lanes.map(orderIds, id -> id, id -> change(ctx, run, action, id));
        long position = counts.processed();
        for (ObjectNode row : rows) {
            boolean ok = row.path("status").asText().equals("ok");
            counts = counts.plus(ok ? 1 : 0, ok ? 0 : 1, 0);
            summary.merge(ok ? "ok" : "failed", 1L, Long::sum);
        }
        report.writePart(position, rows);
        return counts;
    }

    private ObjectNode change(CommandContext ctx, JobRun run, String action, String orderId) {
        ObjectNode row = Json.object().put("order_id", orderId);
        try {
            Order changed = actions.apply(ctx, orderId, action, run.parameter("hold_type"), false);
            return row.put("status", "ok").put("order_status", changed.status().wire());
        } catch (RuntimeException e) {
            return Problem.failed(row, e);
        }
    }

}
