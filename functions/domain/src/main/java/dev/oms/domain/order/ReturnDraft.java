package dev.oms.domain.order;

import java.util.List;
import java.util.Map;

/** What a return asks for: units of lines and why, how the goods come back, and how the customer wants its money. */
public record ReturnDraft(List<Item> lines, String method, String refundMethod, String instructions, Map<String, String> metadata) {
    public ReturnDraft {
        lines = List.copyOf(lines);
        metadata = metadata == null ? Map.of() : metadata;
    }

    public record Item(String lineId, long quantity, String reasonCode) { }

    /** Units of a line that arrived at the warehouse, in what condition, with their serial numbers. */
    public record Receipt(String lineId, long quantity, String condition, List<String> serials) { }

    /**
     * The inspector's decision on a line: {@code approve} (of {@code quantity} units, all received ones when null;
     * {@code restockable} of them back to stock, by default all of them when they came back new or opened; a
     * restocking fee in minor units) or {@code reject} with a reason.
     */
    public record Decision(String lineId, String decision, Long quantity, Long restockable, dev.oms.domain.money.Money restockingFee,
                           String reason) { }
}
