package dev.oms.domain.order;

import dev.oms.domain.Actor;
import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The return rules of an order: asking units back, the label, receipts, inspection, settlement, closing and
 * cancelling. Each transition checks its rule, replaces the return child, records its event and keeps the order's
 * {@code return_status} up to date; repeating a step that already happened changes nothing.
 */
public final class Returns {
    private Returns() { }

    /** Opens a return (RMA {@code RMA-{order number}-{n}}) when every asked unit is eligible. */
    public static ReturnRequest request(Order o, String id, ReturnDraft d, int windowDays, Actor actor, Instant now) {
        if (d.lines().isEmpty()) throw DomainException.invalidField("lines", "field.required", "Name the lines and quantities to return");
        if (!ReturnRequest.METHODS.contains(d.method())) {
            throw DomainException.invalidField("return_method", "return_method.unknown", "return_method must be one of " + ReturnRequest.METHODS);
        }
        if (!ReturnRequest.REFUND_METHODS.contains(d.refundMethod())) {
            throw DomainException.invalidField("refund", "refund.unknown", "refund must be one of " + ReturnRequest.REFUND_METHODS);
        }
        ReturnEligibility.check(o, d, windowDays, now);
        List<ReturnLine> lines = new ArrayList<>();
        for (ReturnDraft.Item i : d.lines()) lines.add(ReturnLine.requested(i.lineId(), o.line(i.lineId()).sku(), i.quantity(), i.reasonCode()));
        String rma = "RMA-" + o.state().number + "-" + (o.children(ReturnRequest.class).size() + 1);
        ReturnRequest r = new ReturnRequest(id, rma, ReturnState.REQUESTED, d.method(), d.refundMethod(), d.instructions(), d.metadata(),
                lines, null, null, null, null, null, null, List.of(), actor.id(), now, now, null, null);
        put(o, r, now);
        o.record("return.created", Order.data("return_id", id, "rma", rma, "status", r.state().wire(), "return_method", d.method(),
                "refund", d.refundMethod(), "lines", lines.stream().map(l -> (Object) Order.data("line_id", l.lineId(), "sku", l.sku(),
                        "quantity", l.quantity(), "reason_code", l.reasonCode())).toList()));
        return r;
    }

    /** A label can be issued: the return comes back by carrier and nothing has arrived yet. */
    public static void assertLabelable(ReturnRequest r) {
        if (!"ship".equals(r.method())) {
            throw DomainException.conflict("return.label_not_applicable", "Return " + r.id() + " comes back by " + r.method() + ", not by carrier",
                    "Labels exist for returns with return_method ship.");
        }
        if (!r.state().awaitingGoods()) throw invalid(r, ReturnState.LABEL_ISSUED);
    }

    public static ReturnRequest issueLabel(Order o, String returnId, ReturnRequest.Label label, Instant now) {
        ReturnRequest r = get(o, returnId);
        if (r.label() != null) return r;
        assertLabelable(r);
        var b = r.to();
        b.label = label;
        b.state = ReturnState.LABEL_ISSUED;
        ReturnRequest next = replace(o, b, now);
        o.record("return.label_issued", Order.data("return_id", returnId, "carrier", label.carrier(),
                "tracking_number", label.trackingNumber(), "document_id", label.documentId()));
        return next;
    }

    /** Books units that arrived; partial receipts add up until every asked unit is in. */
    public static ReturnRequest receive(Order o, String returnId, List<ReturnDraft.Receipt> receipts, Instant now) {
        ReturnRequest r = get(o, returnId);
        if (r.state() == ReturnState.RECEIVED) {
            throw DomainException.conflict("return.already_received", "Every unit of return " + returnId + " was already received",
                    "Inspect the return next.");
        }
        if (!r.state().canReceive()) throw invalid(r, ReturnState.RECEIVED);
        Map<String, ReturnLine> lines = new LinkedHashMap<>();
        r.lines().forEach(l -> lines.put(l.lineId(), l));
        for (int i = 0; i < receipts.size(); i++) {
            ReturnDraft.Receipt rc = receipts.get(i);
            ReturnLine l = lines.get(rc.lineId());
            if (l == null) throw DomainException.invalidField("lines[" + i + "].line_id", "return.line_not_in_return", "Line " + rc.lineId() + " is not part of return " + returnId);
            if (!ReturnLine.CONDITIONS.contains(rc.condition())) {
                throw DomainException.invalidField("lines[" + i + "].condition", "condition.unknown", "condition must be one of " + ReturnLine.CONDITIONS);
            }
            if (l.received() + rc.quantity() > l.quantity()) {
                throw DomainException.unprocessable("return.over_receipt", "Line " + rc.lineId() + " of return " + returnId + " expects "
                        + (l.quantity() - l.received()) + " more units, not " + rc.quantity(), "Receive at most the units the return asked for.")
                        .with("line_id", rc.lineId()).with("outstanding", l.quantity() - l.received());
            }
            lines.put(rc.lineId(), l.receive(rc.quantity(), rc.condition(), rc.serials()));
        }
        var b = r.to();
        b.lines = new ArrayList<>(lines.values());
        boolean complete = b.lines.stream().allMatch(l -> l.received() == l.quantity());
        b.state = complete ? ReturnState.RECEIVED : ReturnState.PARTIALLY_RECEIVED;
        ReturnRequest next = replace(o, b, now);
        o.record("return.received", Order.data("return_id", returnId, "status", next.state().wire(), "complete", complete,
                "lines", receipts.stream().map(rc -> (Object) Order.data("line_id", rc.lineId(), "quantity", rc.quantity(),
                        "condition", rc.condition(), "serials", rc.serials())).toList()));
        return next;
    }

    /**
     * Records the inspection of what arrived: each received line approved (some or all units) or rejected with a
     * reason. The outcome is {@code approved}, {@code partially_approved} or {@code rejected}; {@code resolution} says
     * how the approved units are settled (by default what the customer asked for).
     */
    public static ReturnRequest inspect(Order o, String returnId, List<ReturnDraft.Decision> decisions, String resolution, Instant now) {
        ReturnRequest r = get(o, returnId);
        if (r.state().awaitingGoods()) {
            throw DomainException.conflict("return.not_received", "Nothing of return " + returnId + " has arrived yet", "Receive the goods before inspecting them.");
        }
        if (r.state() != ReturnState.RECEIVED && r.state() != ReturnState.PARTIALLY_RECEIVED) throw invalid(r, ReturnState.INSPECTED);
        if (resolution != null && !ReturnRequest.RESOLUTIONS.contains(resolution)) {
            throw DomainException.invalidField("resolution", "resolution.unknown", "resolution must be one of " + ReturnRequest.RESOLUTIONS);
        }
        Map<String, ReturnDraft.Decision> byLine = new HashMap<>();
        for (int i = 0; i < decisions.size(); i++) {
            ReturnDraft.Decision d = decisions.get(i);
            if (r.line(d.lineId()) == null) throw DomainException.invalidField("lines[" + i + "].line_id", "return.line_not_in_return", "Line " + d.lineId() + " is not part of return " + returnId);
            if (byLine.put(d.lineId(), d) != null) throw DomainException.invalidField("lines[" + i + "].line_id", "line_id.duplicate", "A line may appear once");
        }
        List<ReturnLine> lines = new ArrayList<>();
        for (ReturnLine l : r.lines()) {
            ReturnDraft.Decision d = byLine.get(l.lineId());
            if (d == null && l.received() > 0) {
                throw DomainException.invalidField("lines", "return.decision_missing", "Line " + l.lineId() + " was received and needs a decision");
            }
            lines.add(d == null ? l.inspect(0, 0, 0, null) : decide(o, r, l, d, decisions.indexOf(d)));
        }
        long approved = lines.stream().mapToLong(ReturnLine::approved).sum();
        long received = lines.stream().mapToLong(ReturnLine::received).sum();
        var b = r.to();
        b.lines = lines;
        b.outcome = approved == 0 ? ReturnRequest.REJECTED : approved == received ? ReturnRequest.APPROVED : ReturnRequest.PARTIALLY_APPROVED;
        b.resolution = approved == 0 ? null : resolution != null ? resolution : r.refundMethod();
        b.state = ReturnState.INSPECTED;
        ReturnRequest next = replace(o, b, now);
        Map<String, Long> refund = ReturnRefunds.byLine(o, next);
        o.record("return.inspected", Order.data("return_id", returnId, "outcome", next.outcome(), "resolution", next.resolution(),
                "refund_amount", ReturnRefunds.total(refund), "currency", o.state().currency,
                "lines", lines.stream().map(l -> (Object) Order.data("line_id", l.lineId(), "received", l.received(), "approved", l.approved(),
                        "restockable", l.restockable(), "restocking_fee", l.restockingFee(), "reject_reason", l.rejectReason())).toList()));
        return next;
    }

    private static ReturnLine decide(Order o, ReturnRequest r, ReturnLine l, ReturnDraft.Decision d, int i) {
        String at = "lines[" + i + "]";
        if ("reject".equals(d.decision())) {
            if (d.reason() == null || d.reason().isBlank()) throw DomainException.invalidField(at + ".reason", "field.required", "A rejection needs a reason");
            return l.inspect(0, 0, 0, d.reason());
        }
        if (!"approve".equals(d.decision())) throw DomainException.invalidField(at + ".decision", "decision.unknown", "decision must be approve or reject");
        long units = d.quantity() == null ? l.received() : d.quantity();
        if (units > l.received()) {
            throw DomainException.invalidField(at + ".quantity", "return.approve_exceeds_received", "Only " + l.received() + " units of line " + l.lineId() + " arrived");
        }
        boolean resaleable = "new".equals(l.condition()) || "opened".equals(l.condition());
        long restockable = d.restockable() != null ? d.restockable() : resaleable ? units : 0;
        if (restockable > units) throw DomainException.invalidField(at + ".restockable_quantity", "return.restock_exceeds_approved", "At most the approved units can be restocked");
        long fee = d.restockingFee() == null ? 0 : d.restockingFee().minor();
        if (d.restockingFee() != null && !d.restockingFee().currency().equals(o.state().currency)) {
            throw DomainException.invalidField(at + ".restocking_fee.currency", "currency.mismatch", "The fee must be in the order currency " + o.state().currency);
        }
        long value = ReturnRefunds.valueOf(o, r, l.lineId(), units);
        if (fee > value) {
            throw DomainException.invalidField(at + ".restocking_fee", "return.fee_exceeds_refund", "The fee is more than the " + value + " the approved units are worth");
        }
        return l.inspect(units, restockable, fee, units < l.received() ? d.reason() : null);
    }

    /** Settles an inspected return: a refund, a store credit or an exchange. A second call returns the first settlement. */
    public static ReturnRequest settle(Order o, String returnId, ReturnRequest.Settlement settlement, Instant now) {
        ReturnRequest r = get(o, returnId);
        if (r.settlement() != null) return r;
        assertSettleable(r);
        var b = r.to();
        b.settlement = settlement;
        b.state = switch (settlement.kind()) {
            case "refund" -> ReturnState.REFUNDED;
            case "store_credit" -> ReturnState.CREDITED;
            case "exchange" -> ReturnState.EXCHANGED;
            default -> throw new IllegalArgumentException("unknown settlement " + settlement.kind());
        };
        ReturnRequest next = replace(o, b, now);
        o.record("return." + (settlement.kind().equals("refund") ? "refunded" : settlement.kind().equals("exchange") ? "exchanged" : "credited"),
                Order.data("return_id", returnId, "kind", settlement.kind(), "reference", settlement.reference(),
                        "amount", settlement.amount(), "currency", settlement.currency(), "by_line", settlement.byLine()));
        return next;
    }

    /** The return can be settled: inspected with approved units and not settled yet. */
    public static void assertSettleable(ReturnRequest r) {
        if (r.state() != ReturnState.INSPECTED) {
            throw DomainException.conflict("return.not_inspected", "Return " + r.id() + " is " + r.state().wire() + "; only inspected returns are settled",
                    "Receive and inspect the return first.").with("current_status", r.state().wire());
        }
        if (ReturnRequest.REJECTED.equals(r.outcome())) {
            throw DomainException.conflict("return.rejected", "Return " + r.id() + " was rejected at inspection; nothing is given back", "Nothing to settle.");
        }
    }

    /** Closes a settled (or rejected) return; {@code detail} says what was restocked. */
    public static ReturnRequest close(Order o, String returnId, Map<String, Object> detail, Instant now) {
        ReturnRequest r = get(o, returnId);
        if (r.state() == ReturnState.CLOSED) return r;
        boolean rejected = r.state() == ReturnState.INSPECTED && ReturnRequest.REJECTED.equals(r.outcome());
        if (!r.state().isSettled() && !rejected) throw invalid(r, ReturnState.CLOSED);
        var b = r.to();
        b.state = ReturnState.CLOSED;
        b.closedAt = now;
        b.taskToken = null;
        b.awaiting = null;
        ReturnRequest next = replace(o, b, now);
        Map<String, Object> d = Order.data("return_id", returnId, "outcome", r.outcome(),
                "settlement", r.settlement() == null ? null : r.settlement().kind());
        d.put("detail", detail);
        o.record("return.closed", d);
        return next;
    }

    /** Withdraws a return before anything arrived; its units can be asked back again. */
    public static ReturnRequest cancel(Order o, String returnId, String reason, Instant now) {
        return cancel(o, returnId, reason, null, now);
    }

    /**
     * Withdraws a return nothing has arrived for; {@code labelRefund} is what the carrier answered when its unused
     * label's money was asked back ({@code submitted}, {@code refunded}, ..., {@code failed}; null: no label bought).
     */
    public static ReturnRequest cancel(Order o, String returnId, String reason, String labelRefund, Instant now) {
        ReturnRequest r = get(o, returnId);
        if (r.state() == ReturnState.CANCELLED) return r;
        if (!r.state().awaitingGoods()) {
            throw DomainException.conflict("return.not_cancellable", "Return " + returnId + " is " + r.state().wire() + "; goods have arrived",
                    "Only returns that nothing has arrived for can be cancelled.").with("current_status", r.state().wire());
        }
        var b = r.to();
        b.state = ReturnState.CANCELLED;
        b.cancelReason = reason;
        b.closedAt = now;
        ReturnRequest next = replace(o, b, now);
        o.record("return.cancelled", Order.data("return_id", returnId, "reason", reason, "label_refund", labelRefund), reason);
        return next;
    }

    /** The saga waits for {@code awaiting} ({@code receipt} or {@code inspection}) under this task token. */
    public static ReturnRequest await(Order o, String returnId, String awaiting, String taskToken, Instant now) {
        ReturnRequest r = get(o, returnId);
        if (taskToken.equals(r.taskToken())) return r;
        var b = r.to();
        b.awaiting = awaiting;
        b.taskToken = taskToken;
        ReturnRequest next = replace(o, b, now);
        o.record("return.progressed", Order.data("return_id", returnId, "step", "awaiting_" + awaiting, "status", r.state().wire()));
        return next;
    }

    /** Journals one saga step (restocked units, a planned refund, a failure); a step already journaled is not repeated. */
    public static boolean recordStep(Order o, String returnId, String step, Map<String, Object> detail, Instant now) {
        ReturnRequest r = get(o, returnId);
        if (r.hasDone(step)) return false;
        var b = r.to();
        b.steps.add(new Cancellation.Action(step, detail, now));
        replace(o, b, now);
        Map<String, Object> d = Order.data("return_id", returnId, "step", step, "status", r.state().wire());
        d.put("detail", detail);
        o.record("return.progressed", d);
        return true;
    }

    public static ReturnRequest get(Order o, String returnId) { return o.requireChild(ReturnRequest.class, returnId, "return.not_found"); }

    private static DomainException invalid(ReturnRequest r, ReturnState to) {
        return DomainException.conflict("return.invalid_transition", "Return " + r.id() + " cannot go from " + r.state().wire() + " to " + to.wire(),
                "See the return state machine in docs/returns.md.").with("from", r.state().wire()).with("to", to.wire());
    }

    private static ReturnRequest replace(Order o, ReturnRequest.Builder b, Instant now) {
        b.updatedAt = now;
        ReturnRequest next = b.build();
        put(o, next, now);
        return next;
    }

    private static void put(Order o, ReturnRequest r, Instant now) {
        o.putChild(r);
        o.touch(now);
        o.state().returnStatus = returnStatus(o);
    }

    /**
     * {@code none}: no return that is not cancelled; {@code returned}: every shipped unit was accepted back;
     * {@code partially_returned}: some units were accepted back; {@code requested}: returns are open, nothing accepted yet.
     */
    static String returnStatus(Order o) {
        List<ReturnRequest> live = o.children(ReturnRequest.class).stream().filter(r -> r.state() != ReturnState.CANCELLED).toList();
        if (live.isEmpty()) return "none";
        long shipped = 0, accepted = 0;
        for (OrderLine l : o.lines()) {
            shipped += o.units(l.id(), UnitMeasure.SHIPPED);
            accepted += o.units(l.id(), UnitMeasure.RETURN_ACCEPTED);
        }
        if (accepted > 0 && accepted >= shipped) return "returned";
        if (accepted > 0) return "partially_returned";
        return live.stream().anyMatch(r -> r.state().isOpen()) ? "requested" : "none";
    }
}
