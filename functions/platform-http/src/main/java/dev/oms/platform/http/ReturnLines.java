package dev.oms.platform.http;

import dev.oms.domain.order.ReturnDraft;
import java.util.ArrayList;
import java.util.List;

/** The {@code lines} of a return request, {@code [{"line_id", "quantity", "reason_code"}]}, as every surface reads them. */
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
}
