package dev.oms.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An applied edit of an order: the quote it came from, who applied it and why, the changes, the preview the quote
 * showed (which the applied order equals to the minor unit), what the order was before (to show it, and to put it back
 * if the edit saga has to compensate), the payments linked with it, and the saga's journal and outcome.
 * {@code state}: {@code settling} while the edit saga moves money and stock, {@code completed}, or {@code compensated}
 * (the saga failed and the order was put back; {@code failure} says why).
 */
public record OrderEdit(String id, String quoteId, String state, String reason, String requestedBy, Instant requestedAt,
                        Instant finishedAt, long basedOnVersion, List<EditChange> changes, EditPreview preview,
                        Before before, List<PaymentReference> newPayments, List<Cancellation.Action> actions, String failure)
        implements OrderChild {
    public static final String SETTLING = "settling", COMPLETED = "completed", COMPENSATED = "compensated";

    public OrderEdit {
        changes = List.copyOf(changes);
        newPayments = List.copyOf(newPayments);
        actions = List.copyOf(actions);
    }

    /** What the edit changed, as it was before. */
    public record Before(List<OrderLine> lines, long orderDiscount, String shippingMethod, long shippingAmount, Address shippingAddress) {
        public Before { lines = List.copyOf(lines); }
    }

    @Override public String kind() { return "edit"; }

    public boolean isSettling() { return SETTLING.equals(state); }

    public boolean hasDone(String step) { return actions.stream().anyMatch(a -> a.step().equals(step)); }

    public Cancellation.Action action(String step) { return actions.stream().filter(a -> a.step().equals(step)).findFirst().orElse(null); }

    OrderEdit with(Cancellation.Action action) {
        List<Cancellation.Action> more = new java.util.ArrayList<>(actions);
        more.add(action);
        return new OrderEdit(id, quoteId, state, reason, requestedBy, requestedAt, finishedAt, basedOnVersion, changes, preview, before,
                newPayments, more, failure);
    }

    OrderEdit in(String newState, String newFailure, Instant at) {
        return new OrderEdit(id, quoteId, newState, reason, requestedBy, requestedAt, at, basedOnVersion, changes, preview, before,
                newPayments, actions, newFailure);
    }

    /** A summary of one saga step, for the journal. */
    public static Cancellation.Action step(String step, Map<String, Object> detail, Instant at) { return new Cancellation.Action(step, detail, at); }
}
