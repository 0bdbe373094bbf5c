package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.port.ResponseJournal;
import dev.oms.domain.order.ReturnDraft;
import dev.oms.platform.Platform;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
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
        CommandContext ctx = run.context(null, ResponseJournal.NONE);
        EntryBatches.run(run, "returns", COLUMNS, chunk, "ok", (entries, from, to) ->
                lanes.map(entries.subList(from, to), e -> (String) e.get("return_id"), e -> receive(ctx, e)));
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
