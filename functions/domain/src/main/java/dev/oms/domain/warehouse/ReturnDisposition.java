package dev.oms.domain.warehouse;

import dev.oms.domain.DomainException;
import dev.oms.domain.order.ReturnDraft;
import dev.oms.domain.order.ReturnLine;
import java.util.ArrayList;
import java.util.List;

/**
 * The warehouse's inspection of a whole returned parcel (seed 003 {@code inspect}): one disposition for the goods and
 * how many units go back to sellable stock, turned into the canonical per-line decisions of the return
 * ({@link ReturnDraft.Decision}).
 *
 * <ul>
 *   <li>{@code reshelve}: the units go back to stock; {@code restockable_qty} defaults to every received unit.</li>
 *   <li>{@code repair}, {@code scrap}, {@code quarantine}: nothing goes back to stock ({@code restockable_qty} must be 0
 *       or absent: 422 {@code return.restock_not_allowed}).</li>
 *   <li>{@code approve} (default true) says whether the customer is given back the received units' value; a refusal
 *       needs {@code notes} as its reason.</li>
 *   <li>The restockable units are spread over the received lines in the return's line order (never more than a line
 *       received); more than were received is 422 {@code return.restock_exceeds_received}.</li>
 * </ul>
 */
public final class ReturnDisposition {
    public static final List<String> DISPOSITIONS = List.of("reshelve", "repair", "scrap", "quarantine");
    public static final String RESHELVE = "reshelve";

    private ReturnDisposition() { }

    public static List<ReturnDraft.Decision> decisions(List<ReturnLine> lines, String disposition, Long restockableQty, boolean approve, String notes) {
        if (!DISPOSITIONS.contains(disposition)) {
            throw DomainException.invalidField("disposition", "field.not_allowed", "disposition must be one of " + DISPOSITIONS);
        }
        long received = lines.stream().mapToLong(ReturnLine::received).sum();
        if (received == 0) {
            throw DomainException.conflict("return.not_received", "Nothing of this return has arrived yet", "Receive the goods before inspecting them.");
        }
        boolean reshelve = RESHELVE.equals(disposition);
        if (!reshelve && restockableQty != null && restockableQty > 0) {
            throw DomainException.unprocessable("return.restock_not_allowed", "Goods sent to " + disposition + " do not go back to stock",
                    "Send restockable_qty 0 (or none), or inspect with disposition reshelve.");
        }
        if (!approve && (notes == null || notes.isBlank())) {
            throw DomainException.invalidField("notes", "field.required", "A refused return needs notes saying why");
        }
        long toRestock = !approve || !reshelve ? 0 : restockableQty == null ? received : restockableQty;
        if (toRestock > received) {
            throw DomainException.unprocessable("return.restock_exceeds_received", toRestock + " units cannot go back to stock: " + received + " arrived",
                    "Send at most the received units as restockable_qty.");
        }
        List<ReturnDraft.Decision> out = new ArrayList<>();
        long left = toRestock;
        for (ReturnLine l : lines) {
            if (l.received() == 0) continue;
            if (!approve) {
                out.add(new ReturnDraft.Decision(l.lineId(), "reject", null, null, null, notes));
                continue;
            }
            long restock = Math.min(left, l.received());
            left -= restock;
            out.add(new ReturnDraft.Decision(l.lineId(), "approve", l.received(), restock, null, null));
        }
        return out;
    }
}
