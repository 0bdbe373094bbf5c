package dev.oms.app;

import dev.oms.app.ReturnService.Result;
import dev.oms.app.connector.InventoryService;
import dev.oms.app.connector.InventoryService.SkuQuantity;
import dev.oms.app.port.RepairItem;
import dev.oms.app.port.RepairQueue;
import dev.oms.app.port.SagaCallbacks;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.ReturnLine;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.order.ReturnState;
import dev.oms.domain.order.Returns;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of the return-order saga: note its start, wait (the task token is kept on the return until the receipt,
 * the inspection or the settlement it waits for happens), settle as the inspection decided, restock what can be sold
 * again, close. Every step is idempotent: it journals what it did on the return and answers the journal when repeated.
 * A step that fails for good parks the return in the repair queue; settling it by hand resumes the saga.
 */
public final class ReturnSaga {
    public static final String RECEIPT = "receipt", INSPECTION = "inspection", SETTLEMENT = "settlement";
    static final String STEP_STARTED = "saga.started", STEP_RESTOCKED = "inventory.restocked", STEP_FAILED = "saga.failed:";

    private final ReturnService returns;
    private final ReturnSettlements settlements;
    private final InventoryService inventory;
    private final RepairQueue repairs;
    private final SagaCallbacks callbacks;
    private final Clock clock;

    public ReturnSaga(ReturnService returns, ReturnSettlements settlements, InventoryService inventory, RepairQueue repairs,
                      SagaCallbacks callbacks, Clock clock) {
        this.returns = returns;
        this.settlements = settlements;
        this.inventory = inventory;
        this.repairs = repairs;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /** What a wait found: {@code waiting} (the token is stored), {@code ready} (it already happened) or {@code cancelled}. */
    public record Wait(String status, String taskToken, Map<String, Object> output) { }

    public Map<String, Object> start(String tenantId, String returnId) {
        ReturnRequest r = load(tenantId, returnId).ret();
        Map<String, Object> detail = Map.of("rma", r.rma(), "return_method", r.method());
        if (!r.hasDone(STEP_STARTED)) journal(tenantId, returnId, STEP_STARTED, detail);
        return detail;
    }

    /**
     * Keeps the token of the saga's wait for {@code awaiting}; when what it waits for already happened (the order's
     * version serialises this against the receipt, inspection or settlement), completes the token at once.
     */
    public Wait await(String tenantId, String returnId, String awaiting, String taskToken) {
        if (!List.of(RECEIPT, INSPECTION, SETTLEMENT).contains(awaiting)) throw new IllegalArgumentException("cannot wait for " + awaiting);
        Result res = returns.change(ctx(tenantId), returnId, o -> Returns.await(o, returnId, awaiting, taskToken, clock.instant()));
        return complete(waitState(res.ret(), awaiting, taskToken));
    }

    /** A return event arrived: completes the stored token when the wait it belongs to is over. */
    public Wait wake(String tenantId, String returnId) {
        ReturnRequest r = load(tenantId, returnId).ret();
        if (r.taskToken() == null) return new Wait("none", null, Map.of());
        return complete(waitState(r, r.awaiting(), r.taskToken()));
    }

    /**
     * Success when the wait is over, failure {@code ReturnCancelled} when the return was withdrawn. The task and the
     * event may both complete one token; the second finds the task ended, and a callback that is lost ends in the
     * wait's time-out, so neither is an error here.
     */
    private Wait complete(Wait w) {
        try {
            if (w.status().equals("ready")) callbacks.succeed(w.taskToken(), w.output());
            if (w.status().equals("cancelled")) callbacks.fail(w.taskToken(), "ReturnCancelled", "The return was cancelled");
        } catch (RuntimeException ended) {
            // see above: the task ended already, or its time-out takes over
        }
        return w;
    }

    private static Wait waitState(ReturnRequest r, String awaiting, String token) {
        if (r.state() == ReturnState.CANCELLED) return new Wait("cancelled", token, Map.of("status", r.state().wire()));
        boolean over = switch (awaiting) {
            case RECEIPT -> !r.state().awaitingGoods();
            case INSPECTION -> r.outcome() != null;
            // a parked return is over once settled, or once an inspection rejected it (nothing to settle)
            default -> r.settlement() != null || ReturnRequest.REJECTED.equals(r.outcome());
        };
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", r.state().wire());
        if (r.outcome() != null) out.put("outcome", r.outcome());
        if (r.resolution() != null) out.put("resolution", r.resolution());
        return new Wait(over ? "ready" : "waiting", token, out);
    }

    /** Settles as the saga's Choice decided: {@code refund_to_card}, {@code store_credit} or {@code exchange}. */
    public Map<String, Object> settle(String tenantId, String returnId, String kind) {
        Result done = "exchange".equals(kind) ? settlements.exchange(ctx(tenantId), returnId) : settlements.issueRefund(ctx(tenantId), returnId, kind);
        ReturnRequest.Settlement s = done.ret().settlement();
        return Map.of("kind", s.kind(), "reference", s.reference(), "amount", s.amount(), "currency", s.currency());
    }

    /** Puts the restockable units back into sellable stock (nothing for a rejected return). */
    public Map<String, Object> restock(String tenantId, String returnId) {
        ReturnRequest r = load(tenantId, returnId).ret();
        if (r.hasDone(STEP_RESTOCKED)) return r.step(STEP_RESTOCKED).detail();
        Map<String, Long> bySku = new LinkedHashMap<>();
        for (ReturnLine l : r.lines()) if (l.restockable() > 0) bySku.merge(l.sku(), l.restockable(), Long::sum);
        List<SkuQuantity> units = bySku.entrySet().stream().map(e -> new SkuQuantity(e.getKey(), e.getValue())).toList();
        if (!units.isEmpty()) inventory.restock(tenantId, units, returnId + ":restock");
        return journal(tenantId, returnId, STEP_RESTOCKED, Map.of("restocked", new LinkedHashMap<String, Object>(bySku)));
    }

    public Map<String, Object> close(String tenantId, String returnId) {
        ReturnRequest r = load(tenantId, returnId).ret();
        Map<String, Object> restocked = r.hasDone(STEP_RESTOCKED) ? r.step(STEP_RESTOCKED).detail() : Map.of();
        Result res = returns.change(ctx(tenantId), returnId, o -> Returns.close(o, returnId, restocked, clock.instant()));
        resolveRepairs(tenantId, res.ret());
        return Map.of("status", res.ret().state().wire());
    }

    /** The repair items the return was parked with are done once it is closed: settled by hand, restocked, over. */
    private void resolveRepairs(String tenantId, ReturnRequest r) {
        for (var action : r.steps()) {
            if (!action.step().startsWith(STEP_FAILED)) continue;
            String repairId = repairId(r.id(), action.step().substring(STEP_FAILED.length()));
            repairs.find(tenantId, repairId).filter(i -> i.state().equals("open")).ifPresent(i -> repairs.update(i.resolved("settled",
                    Map.of("action", "settled", "actor_id", "return-order-saga", "at", clock.instant().toString()), clock.instant()), i.version()));
        }
    }

    private static String repairId(String returnId, String failedStep) {
        return "rep_" + returnId.substring(returnId.indexOf('_') + 1) + "_" + failedStep;
    }

    /** Nothing arrived within the receipt window: the return is cancelled (its units can be asked back again). */
    public Map<String, Object> expire(String tenantId, String returnId) {
        Result res = returns.change(ctx(tenantId), returnId, o -> Returns.cancel(o, returnId, "not_received_in_time", clock.instant()));
        return Map.of("status", res.ret().state().wire());
    }

    /**
     * A step failed for good (or an inspection is overdue): journal it on the return and open a repair item. Money is
     * never taken back; an agent settles the return by hand ({@code issue-refund}, {@code exchange}), which resumes the saga.
     */
    public Map<String, Object> park(String tenantId, String returnId, String failedStep, String failure) {
        Result res = load(tenantId, returnId);
        journal(tenantId, returnId, STEP_FAILED + failedStep, Map.of("failure", failure));
        var now = clock.instant();
        repairs.open(new RepairItem(repairId(returnId, failedStep), tenantId,
                res.order().id(), returnId, "return_failed", failedStep, failure, "open", now, now, 1, List.of()));
        return Map.of("parked", true, "failed_step", failedStep);
    }

    /** Journals a step on the return (the label step of the saga's start, ...). */
    public Map<String, Object> journal(String tenantId, String returnId, String step, Map<String, Object> detail) {
        returns.change(ctx(tenantId), returnId, o -> {
            Returns.recordStep(o, returnId, step, detail, clock.instant());
            return Returns.get(o, returnId);
        });
        return detail;
    }

    private Result load(String tenantId, String returnId) {
        try {
            return returns.find(ctx(tenantId), returnId);
        } catch (DomainException e) {
            throw new IllegalStateException("return " + returnId + " of tenant " + tenantId + " is gone: " + e.getMessage(), e);
        }
    }

    /** The context the saga's own commands run in. */
    public static CommandContext context(String tenantId) { return ctx(tenantId); }

    private static CommandContext ctx(String tenantId) {
        return new CommandContext(ReturnService.sagaCaller(tenantId), null, null, null, null);
    }
}
