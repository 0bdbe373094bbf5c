package dev.oms.platform.http;

import dev.oms.domain.order.ReturnDraft;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code lines} of a return request, {@code [{"line_id", "quantity", "reason_code"}]}, and of an inspection, as every
 * surface (canonical and admin) reads them.
 */
public final class ReturnLines {
    private ReturnLines() { }

    /** The lines (1 to {@code maxLines}); problems are collected in {@code b} for its {@code check()}. */
    public static List<ReturnDraft.Item> read(Body b, int maxLines) {
        List<ReturnDraft.Item> items = new ArrayList<>();
        List<Body> lines = b.objects("lines", true, 1, maxLines);
        if (lines != null) {
            for (Body e : lines) {
                e.allow("line_id", "quantity", "reason_code");
                String lineId = e.string("line_id", true, 64);
                Long quantity = e.integer("quantity", true, 1, 100_000);
                String reason = e.string("reason_code", true, 64);
                if (lineId != null && quantity != null && reason != null) items.add(new ReturnDraft.Item(lineId, quantity, reason));
            }
        }
        return items;
    }

    /**
     * The inspection's {@code lines} (1 to {@code maxLines}): {@code [{"line_id", "decision": "approve|reject", "quantity",
     * "restockable_quantity", "restocking_fee": {"amount", "currency"}, "reason"}]}.
     */
    public static List<ReturnDraft.Decision> decisions(Body b, int maxLines) {
        List<ReturnDraft.Decision> decisions = new ArrayList<>();
        List<Body> lines = b.objects("lines", true, 1, maxLines);
        if (lines != null) {
            for (Body e : lines) {
                e.allow("line_id", "decision", "quantity", "restockable_quantity", "restocking_fee", "reason");
                String lineId = e.string("line_id", true, 64);
                String decision = e.oneOf("decision", true, java.util.Set.of("approve", "reject"));
                Long quantity = e.integer("quantity", false, 0, 100_000);
                Long restockable = e.integer("restockable_quantity", false, 0, 100_000);
                var fee = e.money("restocking_fee", false, null);
                String reason = e.string("reason", false, 500);
                if (lineId != null && decision != null) decisions.add(new ReturnDraft.Decision(lineId, decision, quantity, restockable, fee, reason));
            }
        }
        return decisions;
    }
}
