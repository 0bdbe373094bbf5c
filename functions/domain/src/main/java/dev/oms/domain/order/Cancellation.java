package dev.oms.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request to cancel an order, whole ({@code full}) or some line quantities ({@code partial}), and everything the
 * cancellation saga did about it. {@code actions} is the saga's journal: each step records what it did (refund ids,
 * released reservations, ...) so a retried step does not do it twice and {@code GET} shows the outcome.
 * {@code refundByLine} is the exact amount (line total and tax) each line gives back; the parts sum to
 * {@code refundAmount}.
 */
public record Cancellation(String id, String scope, String reason, boolean refund, boolean restock,
                           OrderStatus previousStatus, List<LineQuantity> lines, Map<String, Long> refundByLine,
                           long refundAmount, State state, String requestedBy, Instant requestedAt,
                           List<Action> actions, String failure) {

    public enum State { REQUESTED, COMPLETED, FAILED, COMPENSATED }

    public static final String FULL = "full";
    public static final String PARTIAL = "partial";

    public Cancellation {
        lines = List.copyOf(lines);
        refundByLine = Map.copyOf(refundByLine);
        actions = List.copyOf(actions);
    }

    /** A quantity of one line. */
    public record LineQuantity(String lineId, long quantity) { }

    /** One step the saga performed: {@code step} such as {@code payments.refunded}, with what it produced. */
    public record Action(String step, Map<String, Object> detail, Instant at) { }

    public boolean isOpen() { return state == State.REQUESTED; }

    public boolean hasDone(String step) { return actions.stream().anyMatch(a -> a.step().equals(step)); }

    public Action action(String step) {
        return actions.stream().filter(a -> a.step().equals(step)).findFirst().orElse(null);
    }

    Cancellation with(Action action) {
        List<Action> more = new java.util.ArrayList<>(actions);
        more.add(action);
        return new Cancellation(id, scope, reason, refund, restock, previousStatus, lines, refundByLine, refundAmount, state,
                requestedBy, requestedAt, more, failure);
    }

    Cancellation in(State newState, String newFailure) {
        return new Cancellation(id, scope, reason, refund, restock, previousStatus, lines, refundByLine, refundAmount, newState,
                requestedBy, requestedAt, actions, newFailure);
    }
}
