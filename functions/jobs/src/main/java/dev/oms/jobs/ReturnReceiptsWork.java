package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.port.ResponseJournal;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.order.ReturnDraft;
import dev.oms.platform.Platform;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk receipt of returns ({@code POST /v1/orders/returns/bulk/receive}): each entry books the units that arrived for
 * one return through the receive use case, as the submitter, so every return rule holds per return (a return already
 * received, or another tenant's, is refused and recorded; the others go on). The report has one row per entry:
 * {@code ok} with the return's new status, or {@code failed} with the problem. The checkpoint is the index of the
 * next entry.
 */
final class ReturnReceiptsWork implements JobWork {
    static final List<String> COLUMNS = List.of("return_id", "status", "return_status", "code", "detail", "problem");

    private final Platform platform;
    private final Lanes lanes;
    private final int chunk;

    ReturnReceiptsWork(Platform platform, Lanes lanes, int chunk) {
        this.platform = platform;
        this.lanes = lanes;
        this.chunk = chunk;
    }

    @Override
    public void run(JobRun run) {
        Report report = new Report(run.store(), run.tenantId(), run.id(), "ndjson", COLUMNS);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) run.parameters().get("returns");
        JobCounts counts = run.counts();
        if (counts.total() == null) counts = counts.withTotal((long) entries.size());
        Map<String, Long> summary = new LinkedHashMap<>(run.summary());
        CommandContext ctx = run.context(null, ResponseJournal.NONE);
        for (int i = run.checkpoint() == null ? 0 : Integer.parseInt(run.checkpoint()); i < entries.size(); i += chunk) {
            if (!run.proceed(true)) return;
            List<Map<String, Object>> part = entries.subList(i, Math.min(entries.size(), i + chunk));
            long position = counts.processed();
            List<ObjectNode> rows = lanes.map(part, e -> (String) e.get("return_id"), e -> receive(ctx, e));
            for (ObjectNode row : rows) {
                boolean ok = row.path("status").asText().equals("ok");
                counts = counts.plus(ok ? 1 : 0, ok ? 0 : 1, 0);
                summary.merge(ok ? "ok" : "failed", 1L, Long::sum);
            }
            report.writePart(position, rows);
            run.checkpoint(counts, Integer.toString(Math.min(entries.size(), i + chunk)), summary);
        }
        String key = report.assemble();
        run.complete(key == null ? Map.of() : Map.of("report", key));
    }

    private ObjectNode receive(CommandContext ctx, Map<String, Object> entry) {
        String returnId = (String) entry.get("return_id");
        ObjectNode row = Json.object().put("return_id", returnId);
        try {
            var res = platform.returns.receive(ctx, returnId, receipts(entry));
            return row.put("status", "ok").put("return_status", res.ret().state().wire());
        } catch (RuntimeException e) {
            return Problem.failed(row, e);
        }
    }

    /** The entry's lines as the API validated them: {@code line_id}, {@code quantity}, {@code condition}, {@code serials}. */
    @SuppressWarnings("unchecked")
    static List<ReturnDraft.Receipt> receipts(Map<String, Object> entry) {
        List<ReturnDraft.Receipt> out = new ArrayList<>();
        for (Map<String, Object> l : (List<Map<String, Object>>) entry.get("lines")) {
            out.add(new ReturnDraft.Receipt((String) l.get("line_id"), ((Number) l.get("quantity")).longValue(), (String) l.get("condition"),
                    (List<String>) l.getOrDefault("serials", List.of())));
        }
        return out;
    }
}
