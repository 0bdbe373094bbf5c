package dev.oms.app;

import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.RepairItem;
import dev.oms.app.port.RepairQueue;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.Order;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The repair queue: failed cancellations waiting for a person. {@code retry} requests the same cancellation again
 * (a new saga run), {@code skip} closes the item and leaves the order as it is, {@code force} records the intended
 * outcome without calling any service (the person settled it by hand). Each action is on the item's history and on
 * the order's timeline.
 */
public final class RepairService {
    public static final Set<String> STATES = Set.of("open", "retried", "skipped", "forced", "settled");

    private final RepairQueue repairs;
    private final CancellationService cancellations;
    private final OrderTransactions tx;
    private final Clock clock;
    private volatile dev.oms.app.port.SagaRestarts sagaRestarts;

    /** Where {@code retry} of a {@code saga_not_started} item puts the start back in the sweep. */
    public void useSagaRestarts(dev.oms.app.port.SagaRestarts restarts) { this.sagaRestarts = restarts; }

    public RepairService(RepairQueue repairs, CancellationService cancellations, OrderTransactions tx, Clock clock) {
        this.repairs = repairs;
        this.cancellations = cancellations;
        this.tx = tx;
        this.clock = clock;
    }

    public Page<RepairItem> list(CommandContext ctx, String state, PageRequest page) {
        return repairs.list(ctx.tenantId(), state == null ? "open" : state, page);
    }

    public RepairItem get(CommandContext ctx, String repairId) {
        return repairs.find(ctx.tenantId(), repairId)
                .orElseThrow(() -> DomainException.notFound("repair.not_found", "No repair item " + repairId));
    }

    public record Outcome(RepairItem item, Order order, Cancellation newCancellation) { }

    public Outcome retry(CommandContext ctx, String repairId) {
        RepairItem item = openItem(ctx, repairId);
        if (SAGA_NOT_STARTED.equals(item.kind())) {
            // the saga sweeper parked this start: put it back in the sweep (same execution name, attempts from zero)
            if (sagaRestarts == null) throw DomainException.conflict("repair.saga_not_started", "Saga starts cannot be re-armed here", "Start the saga by hand.");
            boolean rearmed = sagaRestarts.rearm(item.tenantId(), item.cancellationId());
            RepairItem done = close(ctx, item, "retried", Map.of("note", rearmed ? "start re-armed for the next sweep" : "started meanwhile"));
            return new Outcome(done, tx.get(ctx, item.orderId()), null);
        }
        assertCancellation(item);
        Order order = tx.get(ctx, item.orderId());
        Cancellation failed = order.cancellation(item.cancellationId());
        CommandContext asked = ctx.withReason(failed.reason());
        CancellationService.Requested again = failed.scope().equals(Cancellation.FULL)
                ? cancellations.cancel(asked, item.orderId(), failed.refund(), failed.restock())
                : cancellations.cancelLines(asked, item.orderId(), failed.lines(), failed.refund(), failed.restock());
        RepairItem done = close(ctx, item, "retried", Map.of("new_cancellation_id", again.cancellation().id()));
        return new Outcome(done, again.order(), again.cancellation());
    }

    public Outcome skip(CommandContext ctx, String repairId, String note) {
        RepairItem item = openItem(ctx, repairId);
        Order order = tx.mutate(ctx, item.orderId(), false, o -> { o.noteRepair(repairId, "skipped", note, clock.instant()); return o; });
        return new Outcome(close(ctx, item, "skipped", note == null ? Map.of() : Map.of("note", note)), order, null);
    }

    public Outcome force(CommandContext ctx, String repairId, String note) {
        RepairItem item = openItem(ctx, repairId);
        assertCancellation(item);
        Order order = tx.mutate(ctx, item.orderId(), false, o -> {
            o.forceCancellation(item.cancellationId(), note, clock.instant());
            return o;
        });
        return new Outcome(close(ctx, item, "forced", note == null ? Map.of() : Map.of("note", note)), order, null);
    }

    /** A saga start the sweeper parked after its attempts ({@code cancellation_id} holds the saga's subject id). */
    public static final String SAGA_NOT_STARTED = "saga_not_started";

    /** A parked return is repaired by settling it (which resumes its saga); retry and force are for cancellations. */
    private static void assertCancellation(RepairItem item) {
        if (SAGA_NOT_STARTED.equals(item.kind())) {
            throw DomainException.conflict("repair.saga_not_started", "Repair item " + item.id() + " is a saga whose start failed",
                    "Fix what stopped the start (see failure), then retry the item: the sweeper starts the saga again under the same name.")
                    .with("subject_id", item.cancellationId());
        }
        if ("edit_failed".equals(item.kind())) {
            throw DomainException.conflict("repair.edit_failed", "Repair item " + item.id() + " is an order edit that could not settle",
                    "The order is back as it was before the edit; quote and apply the edit again if it is still wanted, settle any money "
                            + "the failure notes by hand, then skip the item.").with("edit_id", item.cancellationId());
        }
        if ("return_failed".equals(item.kind())) {
            throw DomainException.conflict("repair.settle_return", "Repair item " + item.id() + " is a return waiting to be settled",
                    "Settle return " + item.cancellationId() + " with POST /v1/orders/returns/{returnId}/issue-refund or /exchange; "
                            + "its saga then restocks and closes it. Skip the item once done.").with("return_id", item.cancellationId());
        }
    }

    private RepairItem openItem(CommandContext ctx, String repairId) {
        RepairItem item = get(ctx, repairId);
        if (!item.state().equals("open")) {
            throw DomainException.conflict("repair.not_open", "Repair item " + repairId + " was already " + item.state(), "Nothing left to do.");
        }
        return item;
    }

    private RepairItem close(CommandContext ctx, RepairItem item, String state, Map<String, Object> extra) {
        Map<String, Object> entry = new LinkedHashMap<>(extra);
        entry.put("action", state);
        entry.put("actor_id", ctx.caller().subject());
        entry.put("at", clock.instant().toString());
        RepairItem next = item.resolved(state, entry, clock.instant());
        repairs.update(next, item.version());
        return next;
    }
}
