package dev.oms.domain.order;

import dev.oms.domain.Actor;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Allocation;
import dev.oms.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The order aggregate: lines, totals, holds, payment references and its lifecycle. Every transition checks its rule
 * and records the events it caused; {@link #pendingEvents()} are committed with the new state in one transaction.
 */
public final class Order {
    public static final int MAX_LINES = 200;

    private static final Set<OrderStatus> DETAILS_EDITABLE =
            java.util.Collections.unmodifiableSet(EnumSet.of(OrderStatus.CREATED, OrderStatus.PENDING, OrderStatus.CONFIRMED, OrderStatus.ON_HOLD));
    private static final Set<OrderStatus> LINES_EDITABLE = java.util.Collections.unmodifiableSet(EnumSet.of(OrderStatus.CREATED, OrderStatus.PENDING));
    private static final Set<OrderStatus> HOLDABLE =
            EnumSet.of(OrderStatus.CREATED, OrderStatus.PENDING, OrderStatus.CONFIRMED, OrderStatus.ON_HOLD);
    private static final Set<OrderStatus> CANCELLABLE =
            java.util.Collections.unmodifiableSet(EnumSet.of(OrderStatus.CREATED, OrderStatus.PENDING, OrderStatus.CONFIRMED, OrderStatus.ON_HOLD));
    private static final Set<OrderStatus> DELETABLE =
            EnumSet.of(OrderStatus.CREATED, OrderStatus.PENDING, OrderStatus.CANCELLED, OrderStatus.COMPLETED);

    /** The statuses in which an order's details (addresses, metadata) may change. */
    public static Set<OrderStatus> detailsEditableStatuses() { return DETAILS_EDITABLE; }

    /** The statuses in which lines change directly (later changes go through a quote). */
    public static Set<OrderStatus> linesEditableStatuses() { return LINES_EDITABLE; }

    /** The statuses from which an order may be cancelled. */
    public static Set<OrderStatus> cancellableStatuses() { return CANCELLABLE; }

    private final OrderState s;
    private final List<DomainEvent> pending = new ArrayList<>();
    private final Set<String> changedChildren = new java.util.LinkedHashSet<>();
    private final Set<String> newChildren = new java.util.HashSet<>();

    public Order(OrderState state) { this.s = state; }

    public static Order create(String tenantId, String id, long number, OrderDraft d, Instant now,
                               Supplier<String> lineIds) {
        if (d.items().isEmpty()) throw DomainException.invalidField("items", "items.required", "An order needs at least one item");
        if (d.items().size() > MAX_LINES) throw tooManyLines();
        OrderState st = new OrderState();
        st.tenantId = tenantId;
        st.id = id;
        st.number = number;
        st.externalReference = d.externalReference();
        st.status = OrderStatus.CREATED;
        st.customerId = d.customerId();
        st.channel = d.channel();
        st.source = d.source();
        st.currency = d.currency();
        st.shippingAddress = d.shippingAddress();
        st.billingAddress = d.billingAddress();
        st.shippingMethod = d.shippingMethod();
        st.shippingAmount = d.shippingAmount() == null ? Money.zero(d.currency()) : d.shippingAmount();
        st.discount = d.discount() == null ? Money.zero(d.currency()) : d.discount();
        st.payments = d.payments() == null ? List.of() : List.copyOf(d.payments());
        st.metadata = Metadata.sorted(d.metadata());
        st.paymentTerms = d.paymentTerms() == null ? null : PaymentTerms.of(d.paymentTerms().kind(), d.paymentTerms().dueDate(), now);
        st.createdAt = now;
        st.updatedAt = now;
        Order order = new Order(st);
        for (Money m : new Money[] {d.shippingAmount(), d.discount()}) if (m != null) order.assertCurrency(m);
        for (LineSpec spec : d.items()) order.assertCurrencies(spec);
        List<OrderLine> lines = new ArrayList<>();
        for (LineSpec spec : d.items()) lines.add(spec.toLine(lineIds.get()));
        st.lines = lines;
        order.reprice();
        order.record("order.created", data(
                "number", number, "status", st.status.wire(), "customer_id", st.customerId, "currency", st.currency,
                "total", order.totals().total(), "line_count", lines.size(), "source", st.source));
        return order;
    }

    // ---- reads -------------------------------------------------------------------------------------------

    public OrderState state() { return s; }
    public String id() { return s.id; }
    public String tenantId() { return s.tenantId; }
    public OrderStatus status() { return s.status; }
    public long version() { return s.version; }
    public String customerId() { return s.customerId; }
    public List<OrderLine> lines() { return List.copyOf(s.lines); }
    public List<Hold> holds() { return List.copyOf(s.holds); }
    /** The last confirmation's fraud screening score (0-100), null before one; and the rules that fired. */
    public Integer fraudScore() { return s.fraudScore; }
    public List<String> fraudRules() { return s.fraudRules; }
    public OrderTotals totals() { return OrderPricing.totals(s.lines, s.shippingAmount.minor()); }
    public boolean isDeleted() { return s.deletedAt != null; }
    public List<DomainEvent> pendingEvents() { return List.copyOf(pending); }
    public boolean hasChanges() { return !pending.isEmpty(); }

    /**
     * Amount still to be paid: what the customer owes (the total less refunds that credited the order) minus the
     * captured money it still holds; nothing once cancelled. See {@link MoneyLedger}.
     */
    public long balanceDue() { return MoneyLedger.balanceDue(s, totals().total()); }

    /** The payments: link, unlink, capture, and the ledger of what was paid and refunded per line. */
    public OrderMoney money() { return new OrderMoney(this); }

    /** The refunds: plan one against the refundable balances, then record its outcome. */
    public OrderRefunds refunds() { return new OrderRefunds(this); }

    /** The order's payment terms once confirmed on them (due date, overdue). */
    public OrderPaymentTerms paymentTerms() { return new OrderPaymentTerms(this); }

    /** The invoices and credit notes. */
    public OrderInvoices invoices() { return new OrderInvoices(this); }

    /** Sets {@code payment_status} to what the payments, captures and refunds say. */
    void refreshPaymentStatus() { s.paymentStatus = MoneyLedger.paymentStatus(s, totals().total()); }

    // ---- children ------------------------------------------------------------------------------------------------

    /** The children of one type, oldest first. */
    public <T extends OrderChild> List<T> children(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (OrderChild c : s.children) if (type.isInstance(c)) out.add(type.cast(c));
        return out;
    }

    public <T extends OrderChild> java.util.Optional<T> child(Class<T> type, String id) {
        for (OrderChild c : s.children) if (type.isInstance(c) && c.id().equals(id)) return java.util.Optional.of(type.cast(c));
        return java.util.Optional.empty();
    }

    /** The child, or a 404 with {@code notFoundCode} (such as {@code fulfillment.not_found}). */
    public <T extends OrderChild> T requireChild(Class<T> type, String id, String notFoundCode) {
        return child(type, id).orElseThrow(() -> DomainException.notFound(notFoundCode, "Order " + s.id + " has no " + notFoundCode.substring(0, notFoundCode.indexOf('.')) + " " + id));
    }

    /** Adds the child or replaces the one with its id; it is written with the order's next commit. */
    void putChild(OrderChild child) {
        for (int i = 0; i < s.children.size(); i++) {
            if (s.children.get(i).id().equals(child.id())) {
                s.children.set(i, child);
                changedChildren.add(child.id());
                return;
            }
        }
        s.children.add(child);
        changedChildren.add(child.id());
        newChildren.add(child.id());
    }

    /** The children this command added or changed, to be written with the order. */
    public List<OrderChild> changedChildren() {
        List<OrderChild> out = new ArrayList<>();
        for (OrderChild c : s.children) if (changedChildren.contains(c.id())) out.add(c);
        return out;
    }

    /** Whether this command created the child (rather than changed a stored one). */
    public boolean isNewChild(OrderChild child) { return newChildren.contains(child.id()); }

    /**
     * Files the order's documents list: a label or invoice the system rendered ({@code available}) or an upload that
     * is still on its way ({@code pending_upload}); the same id again replaces the record (an upload that arrived).
     */
    public OrderDocument attachDocument(OrderDocument doc, Instant now) {
        boolean known = child(OrderDocument.class, doc.id()).isPresent();
        putChild(doc);
        touch(now);
        record(known ? "document.updated" : "document.attached", data("document_id", doc.id(), "type", doc.type(),
                "status", doc.status(), "related_id", doc.relatedId(), "content_type", doc.contentType(), "size_bytes", doc.sizeBytes()));
        return doc;
    }

    /** The units of a line that the order's children count under {@code measure} (see {@link UnitMeasure}). */
    public long units(String lineId, UnitMeasure measure) {
        long n = 0;
        for (OrderChild c : s.children) if (c instanceof LineUnits u) n = Math.addExact(n, u.units(lineId, measure));
        return n;
    }

    public OrderLine line(String lineId) {
        for (OrderLine l : s.lines) if (l.id().equals(lineId)) return l;
        throw DomainException.notFound("order.line_not_found", "No line " + lineId + " on order " + s.id);
    }

    // ---- guards --------------------------------------------------------------------------------------------

    /** Other principals may not change a locked order until the lock is released or expires. */
    public void assertNotLockedAgainst(String principal, Instant now) {
        OrderLock lock = s.lock;
        if (lock != null && lock.isActiveAt(now) && !lock.owner().equals(principal)) {
            throw DomainException.conflict("order.locked", "Order " + s.id + " is locked by another user until " + lock.expiresAt(),
                    "Wait for the lock to expire or ask its owner to release it.")
                    .with("lock_expires_at", lock.expiresAt().toString());
        }
    }

    private void assertDetailsEditable() {
        if (!DETAILS_EDITABLE.contains(s.status)) {
            throw DomainException.conflict("order.not_editable", "Order " + s.id + " is " + s.status.wire() + " and can no longer be edited",
                    "Only created, pending, confirmed and on-hold orders can be edited.");
        }
    }

    private void assertLinesEditable() {
        boolean editable = LINES_EDITABLE.contains(s.status)
                || (s.status == OrderStatus.ON_HOLD && LINES_EDITABLE.contains(s.statusBeforeHold));
        if (editable) assertNoOpenCancellation();
        if (!editable) {
            throw DomainException.conflict("order.lines_not_editable", "Lines of a " + s.status.wire() + " order cannot be changed directly",
                    "Lines can change while an order is created or pending; after confirmation use a change quote.");
        }
    }

    // ---- details ---------------------------------------------------------------------------------------------

    public void updateDetails(Map<String, String> metadataPatch, Address shipping, Address billing, Instant now) {
        assertDetailsEditable();
        List<String> changed = new ArrayList<>();
        if (metadataPatch != null && !metadataPatch.isEmpty()) {
            s.metadata = Metadata.merge(s.metadata, metadataPatch);
            changed.add("metadata");
        }
        if (shipping != null) { s.shippingAddress = shipping; changed.add("shipping_address"); }
        if (billing != null) { s.billingAddress = billing; changed.add("billing_address"); }
        if (changed.isEmpty()) return;
        touch(now);
        record("order.updated", data("fields", changed));
    }

    // ---- lines -----------------------------------------------------------------------------------------------

    /** Adds a line; a second add with the same {@code client_line_id} changes nothing and returns the first line. */
    public OrderLine addLine(LineSpec spec, String lineId, Instant now) {
        if (spec.clientLineId() != null) {
            for (OrderLine l : s.lines) if (spec.clientLineId().equals(l.clientLineId())) return l;
        }
        assertLinesEditable();
        assertCurrencies(spec);
        if (s.lines.size() >= MAX_LINES) throw tooManyLines();
        OrderLine line = spec.toLine(lineId);
        s.lines.add(line);
        reprice();
        touch(now);
        record("order.line_added", lineData(line(lineId)));
        return line(lineId);
    }

    public OrderLine updateLine(String lineId, LineChange change, Instant now) {
        assertLinesEditable();
        OrderLine before = line(lineId);
        assertCurrencies(change);
        replaceLine(before.with(effective(before, change)));
        reprice();
        touch(now);
        Map<String, Object> d = lineData(line(lineId));
        d.put("previous_quantity", before.quantity());
        record("order.line_updated", d);
        return line(lineId);
    }

    /** A quantity change without a new tax keeps an explicit tax amount per unit (scaled half to even). */
    private LineChange effective(OrderLine before, LineChange change) {
        if (change.quantity() == null || change.taxAmount() != null || change.taxRateBps() != null
                || before.taxAmount() == null || change.quantity() == before.quantity()) {
            return change;
        }
        long scaled = Allocation.divideHalfEven(Math.multiplyExact(before.taxAmount().minor(), change.quantity()), before.quantity());
        return new LineChange(change.quantity(), change.unitPrice(), change.discount(), null,
                Money.of(scaled, s.currency), change.description(), change.metadata());
    }

    public void removeLine(String lineId, Instant now) {
        assertLinesEditable();
        OrderLine line = line(lineId);
        if (s.lines.size() == 1) {
            throw DomainException.conflict("order.last_line", "The last line of an order cannot be removed",
                    "Delete or cancel the order instead.");
        }
        s.lines.remove(line);
        reprice();
        touch(now);
        record("order.line_removed", data("line_id", lineId, "sku", line.sku(), "quantity", line.quantity()));
    }

    /**
     * Splits a line into parts whose quantities sum to the original. The first part keeps the line id; line discount
     * and explicit tax are divided by largest remainder on the quantities so that nothing is gained or lost.
     */
    public List<OrderLine> splitLine(String lineId, List<Long> quantities, Supplier<String> lineIds, Instant now) {
        assertLinesEditable();
        OrderLine line = line(lineId);
        if (quantities.size() < 2) throw DomainException.invalidField("quantities", "split.too_few_parts", "A split needs at least two parts");
        long sum = 0;
        for (int i = 0; i < quantities.size(); i++) {
            if (quantities.get(i) <= 0) throw DomainException.invalidField("quantities[" + i + "]", "quantity.not_positive", "Each part needs a positive quantity");
            sum += quantities.get(i);
        }
        if (sum != line.quantity()) {
            throw DomainException.invalidField("quantities", "split.quantity_mismatch",
                    "Parts sum to " + sum + " but the line has quantity " + line.quantity());
        }
        if (s.lines.size() - 1 + quantities.size() > MAX_LINES) throw tooManyLines();
        long[] weights = quantities.stream().mapToLong(Long::longValue).toArray();
        long[] discounts = Allocation.largestRemainder(line.discount().minor(), weights);
        long[] taxes = line.taxAmount() == null ? null : Allocation.largestRemainder(line.taxAmount().minor(), weights);
        List<OrderLine> parts = new ArrayList<>();
        int at = s.lines.indexOf(line);
        for (int i = 0; i < quantities.size(); i++) {
            OrderLine part = line.withQuantity(quantities.get(i), Money.of(discounts[i], s.currency),
                    taxes == null ? null : Money.of(taxes[i], s.currency));
            if (i > 0) part = part.withId(lineIds.get(), null);
            parts.add(part);
        }
        s.lines.remove(at);
        s.lines.addAll(at, parts);
        reprice();
        touch(now);
        List<String> ids = parts.stream().map(OrderLine::id).toList();
        record("order.line_split", data("line_id", lineId, "into", ids, "quantities", quantities));
        return ids.stream().map(this::line).toList();
    }

    /** Applies adds and edits all together, or none of them: everything is checked before anything changes. */
    public void applyLineBatch(List<LineSpec> adds, Map<String, LineChange> edits, Supplier<String> lineIds, Instant now) {
        assertLinesEditable();
        List<OrderLine> next = new ArrayList<>(s.lines);
        for (Map.Entry<String, LineChange> e : edits.entrySet()) {
            OrderLine before = line(e.getKey());
            assertCurrencies(e.getValue());
            OrderLine after = before.with(effective(before, e.getValue()));
            next.set(next.indexOf(before), after);
        }
        List<LineSpec> toAdd = new ArrayList<>();
        for (LineSpec spec : adds) {
            assertCurrencies(spec);
            boolean known = spec.clientLineId() != null && s.lines.stream().anyMatch(l -> spec.clientLineId().equals(l.clientLineId()));
            if (!known) toAdd.add(spec);
        }
        if (next.size() + toAdd.size() > MAX_LINES) throw tooManyLines();
        List<String> added = new ArrayList<>();
        for (LineSpec spec : toAdd) {
            OrderLine line = spec.toLine(lineIds.get());
            next.add(line);
            added.add(line.id());
        }
        List<OrderLine> priced = OrderPricing.price(next, s.discount);
        s.lines = new ArrayList<>(priced);
        touch(now);
        record("order.lines_bulk_updated", data("added", added, "updated", List.copyOf(edits.keySet())));
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    /**
     * created|pending -> confirmed when payment is authorized for the total, every SKU is available and fraud
     * screening approves. A pending authorization moves the order to pending; a fraud review or rejection puts it
     * on a fraud hold for an analyst; a declined or missing payment or unavailable stock is refused.
     */
    public void confirm(ConfirmationChecks checks, String holdId, Actor actor, Instant now) {
        if (s.status != OrderStatus.CREATED && s.status != OrderStatus.PENDING) throw invalidTransition(OrderStatus.CONFIRMED);
        assertNoOpenCancellation();
        if (!checks.unavailableSkus().isEmpty()) {
            throw DomainException.conflict("order.blocked.inventory_unavailable", "Not enough stock for " + checks.unavailableSkus(),
                    "Change the quantities or wait for stock, then confirm again.").with("skus", checks.unavailableSkus());
        }
        long total = totals().total();
        ConfirmationChecks.PaymentCheck pay = checks.payment();
        s.payments = s.payments.stream().map(p -> pay.statusByPayment().containsKey(p.paymentId())
                ? p.withStatus(pay.statusByPayment().get(p.paymentId())) : p).toList();
        refreshPaymentStatus();
        boolean onTerms = s.paymentTerms != null && checks.termsAllowed();
        if (s.paymentTerms != null && !onTerms && total > 0 && pay.outcome() != ConfirmationChecks.PaymentOutcome.AUTHORIZED) {
            throw DomainException.unprocessable("order.blocked.payment_terms_not_allowed",
                    "The order has payment terms " + s.paymentTerms.kind() + " but the tenant allows no terms for its customer or channel",
                    "Add the customer or channel to the payment_terms_customers or payment_terms_channels setting, or link an authorized payment.")
                    .with("payment_terms", s.paymentTerms.kind());
        }
        if (total > 0 && !onTerms) {
            switch (pay.outcome()) {
                case DECLINED -> throw DomainException.unprocessable("order.blocked.payment_declined", "A payment of the order was declined",
                        "Link a new payment and confirm again.").with("payments", pay.statusByPayment());
                case MISSING -> throw DomainException.unprocessable("order.blocked.payment_required",
                        "The order has no authorized payment covering its total of " + total,
                        "Reference an authorized payment in the order's payments, then confirm again.").with("authorized", pay.authorizedMinor());
                case PENDING -> {
                    if (s.status != OrderStatus.PENDING) {
                        transition(OrderStatus.PENDING, now);
                        record("order.payment_pending", data("from", OrderStatus.CREATED.wire(), "to", OrderStatus.PENDING.wire(),
                                "authorized", pay.authorizedMinor(), "total", total));
                    }
                    return;
                }
                case AUTHORIZED -> { }
            }
        }
        OrderStatus from = s.status;
        if (onTerms) s.dueDate = s.paymentTerms.dueOn(now);
        s.fraudScore = checks.fraud().score();
        s.fraudRules = List.copyOf(checks.fraud().reasons());
        if (checks.fraud().outcome() != ConfirmationChecks.FraudOutcome.APPROVE) {
            String reason = checks.fraud().outcome() == ConfirmationChecks.FraudOutcome.REJECT
                    ? "Fraud screening rejected the order (score " + checks.fraud().score() + ")"
                    : "Fraud screening asked for a review (score " + checks.fraud().score() + ")";
            // the order passed every other check: releasing the fraud hold confirms it
            Hold hold = new Hold(holdId, "fraud", reason, null, String.join("; ", checks.fraud().reasons()), actor.id(), now);
            s.statusBeforeHold = OrderStatus.CONFIRMED;
            s.status = OrderStatus.ON_HOLD;
            s.holds.add(hold);
            touch(now);
            record("order.held", data("hold_id", hold.id(), "type", hold.type(), "reason", reason, "from", from.wire(),
                    "to", OrderStatus.ON_HOLD.wire(), "open_holds", s.holds.size(), "fraud_score", checks.fraud().score(),
                    "fraud_outcome", checks.fraud().outcome().name().toLowerCase(java.util.Locale.ROOT)), reason);
            return;
        }
        transition(OrderStatus.CONFIRMED, now);
        s.confirmedAt = now;
        record("order.confirmed", data("from", from.wire(), "to", OrderStatus.CONFIRMED.wire(), "total", total,
                "fraud_score", checks.fraud().score(), "payment_terms", onTerms ? s.paymentTerms.kind() : null,
                "due_date", s.dueDate == null ? null : s.dueDate.toString()));
    }

    public Hold hold(Hold hold, Instant now) {
        if (!Hold.TYPES.contains(hold.type())) {
            throw DomainException.invalidField("type", "field.not_allowed", "Hold type must be one of " + new java.util.TreeSet<>(Hold.TYPES));
        }
        if (!HOLDABLE.contains(s.status)) throw invalidTransition(OrderStatus.ON_HOLD);
        if (s.holds.size() >= 20) {
            throw DomainException.conflict("order.too_many_holds", "An order can carry at most 20 holds", "Release a hold first.");
        }
        placeHold(hold, now);
        return hold;
    }

    private void placeHold(Hold hold, Instant now) {
        OrderStatus from = s.status;
        if (s.status != OrderStatus.ON_HOLD) {
            s.statusBeforeHold = s.status;
            s.status = OrderStatus.ON_HOLD;
        }
        s.holds.add(hold);
        touch(now);
        record("order.held", data("hold_id", hold.id(), "type", hold.type(), "reason", hold.reason(),
                "assigned_to", hold.assignedTo(), "from", from.wire(), "to", OrderStatus.ON_HOLD.wire(),
                "open_holds", s.holds.size()), hold.reason());
    }

    /** Releases one hold (the only one if no id is given). The order leaves on_hold when its last hold goes. */
    public Hold release(String holdId, String resolution, boolean mayReleaseFraud, Instant now) {
        if (s.status != OrderStatus.ON_HOLD || s.holds.isEmpty()) {
            throw DomainException.conflict("order.not_on_hold", "Order " + s.id + " is not on hold", "Only orders on hold can be released.");
        }
        Hold hold;
        if (holdId == null) {
            if (s.holds.size() > 1) {
                throw DomainException.invalidField("hold_id", "hold_id.required", "The order has " + s.holds.size() + " holds; say which one to release");
            }
            hold = s.holds.get(0);
        } else {
            hold = s.holds.stream().filter(h -> h.id().equals(holdId)).findFirst()
                    .orElseThrow(() -> DomainException.notFound("order.hold_not_found", "No hold " + holdId + " on order " + s.id));
        }
        if ("fraud".equals(hold.type()) && !mayReleaseFraud) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "auth.forbidden", "Only fraud analysts, supervisors and admins can release fraud holds",
                    "Ask a fraud analyst to review the order.");
        }
        s.holds.remove(hold);
        OrderStatus to = s.status;
        if (s.holds.isEmpty()) {
            to = s.statusBeforeHold;
            s.status = to;
            s.statusBeforeHold = null;
        }
        boolean confirmedByRelease = to == OrderStatus.CONFIRMED && s.confirmedAt == null;
        if (confirmedByRelease) s.confirmedAt = now;
        touch(now);
        record("order.hold_released", data("hold_id", hold.id(), "type", hold.type(), "resolution", resolution,
                "from", OrderStatus.ON_HOLD.wire(), "to", to.wire(), "open_holds", s.holds.size()), resolution);
        if (confirmedByRelease) {
            record("order.confirmed", data("from", OrderStatus.ON_HOLD.wire(), "to", OrderStatus.CONFIRMED.wire(),
                    "total", totals().total(), "after_review", hold.type()), resolution);
        }
        return hold;
    }

    public void close(String reason, Instant now) {
        if (s.status != OrderStatus.CONFIRMED) throw invalidTransition(OrderStatus.COMPLETED);
        assertNoOpenCancellation();
        transition(OrderStatus.COMPLETED, now);
        s.closedAt = now;
        record("order.closed", data("from", OrderStatus.CONFIRMED.wire(), "to", OrderStatus.COMPLETED.wire()), reason);
    }

    public void reopen(String reason, Instant now) {
        if (s.status != OrderStatus.COMPLETED) throw invalidTransition(OrderStatus.CONFIRMED);
        transition(OrderStatus.CONFIRMED, now);
        s.closedAt = null;
        record("order.reopened", data("from", OrderStatus.COMPLETED.wire(), "to", OrderStatus.CONFIRMED.wire()), reason);
    }

    public void softDelete(String reason, Instant now) {
        refuseUnderLegalHold();
        if (!DELETABLE.contains(s.status)) {
            throw DomainException.conflict("order.blocked.active", "A " + s.status.wire() + " order cannot be deleted",
                    "Cancel or close the order first; confirmed and on-hold orders have work in flight.");
        }
        s.deletedAt = now;
        touch(now);
        record("order.deleted", data("hard", false, "status", s.status.wire()), reason);
    }

    /** Marks a hard deletion: the order's items are removed, this event survives in the tenant's audit log. */
    public void hardDelete(String reason, Instant now) {
        refuseUnderLegalHold();
        if (!DELETABLE.contains(s.status)) {
            throw DomainException.conflict("order.blocked.active", "A " + s.status.wire() + " order cannot be deleted",
                    "Cancel or close the order first; confirmed and on-hold orders have work in flight.");
        }
        record("order.deleted", data("hard", true, "status", s.status.wire()), reason);
    }

    /**
     * The one legal-hold check of every path that could destroy the order's data (soft and hard delete, the retention
     * job's archive-and-remove, which goes through {@link #hardDelete}): 409 {@code order.legal_hold} while one is set.
     */
    public void refuseUnderLegalHold() {
        if (s.legalHold != null) {
            throw DomainException.conflict("order.legal_hold", "Order " + s.id + " is under a legal hold: " + s.legalHold.reason(),
                    "The order cannot be removed until the legal hold is lifted.").with("legal_hold_reason", s.legalHold.reason());
        }
    }

    /** Places a legal hold (see {@link LegalHold}); placing one again changes the reason. */
    public void placeLegalHold(String reason, Actor actor, Instant now) {
        if (reason == null || reason.isBlank() || reason.length() > LegalHold.MAX_REASON) {
            throw DomainException.invalidField("reason", "field.required", "A legal hold needs a reason of 1 to " + LegalHold.MAX_REASON + " characters");
        }
        if (s.legalHold != null && s.legalHold.reason().equals(reason)) return;
        s.legalHold = new LegalHold(reason, actor.id(), now);
        touch(now);
        record("order.legal_hold_placed", data("reason", reason), reason);
    }

    /** Lifts the legal hold, if any: the order may be removed again. */
    public void releaseLegalHold(String reason, Instant now) {
        if (s.legalHold == null) return;
        String was = s.legalHold.reason();
        s.legalHold = null;
        touch(now);
        record("order.legal_hold_released", data("previous_reason", was), reason);
    }

    /** Whether a removal would be allowed now: no legal hold, and no work in flight (created, pending, completed, cancelled). */
    public boolean isRemovable() { return s.legalHold == null && DELETABLE.contains(s.status); }

    /** The order is older than the retention period, was archived and is removed: the audit log keeps this event. */
    public void purgeForRetention(int retentionDays, String archive, Instant now) {
        hardDelete("Retention: created more than " + retentionDays + " days ago; archived to " + archive, now);
    }

    /** Asks for the order confirmation to be sent again (the notifications subscriber sends it). */
    public void requestConfirmationResend(String channel, Instant now) {
        if (s.status != OrderStatus.CONFIRMED && s.status != OrderStatus.COMPLETED
                && !(s.status == OrderStatus.ON_HOLD && s.statusBeforeHold == OrderStatus.CONFIRMED)) {
            throw DomainException.conflict("order.not_confirmed", "Order " + s.id + " is " + s.status.wire() + " and has no confirmation to send",
                    "Confirm the order first.");
        }
        touch(now);
        record("order.confirmation_requested", data("channel", channel, "customer_id", s.customerId));
    }

    // ---- news from other services ------------------------------------------------------------------------------

    /**
     * The payment service reported a new state of one of the order's payments ({@code authorized}, {@code captured},
     * {@code declined}, {@code voided}, {@code refunded}); {@code sourceEvent} is the type it sent. The same state again
     * changes nothing.
     */
    public void updatePayment(String paymentId, String status, Money amount, String sourceEvent, Instant now) {
        PaymentReference ref = s.payments.stream().filter(p -> p.paymentId().equals(paymentId)).findFirst()
                .orElseThrow(() -> DomainException.notFound("order.payment_not_found", "Order " + s.id + " has no payment " + paymentId));
        if (amount != null && !amount.currency().equals(s.currency)) {
            throw DomainException.invalidField("data.amount.currency", "currency.mismatch",
                    "Payment currency " + amount.currency() + " does not match the order currency " + s.currency);
        }
        if (status.equals(ref.status())) return;
        s.payments = s.payments.stream().map(p -> p == ref ? p.withStatus(status) : p).toList();
        refreshPaymentStatus();
        touch(now);
        record("order.payment_updated", data("payment_id", paymentId, "status", status, "previous_status", ref.status(),
                "source_event", sourceEvent, "amount", amount == null ? null : amount.minor(), "currency", s.currency));
    }

    /** The linked payments the payment service last reported authorized or captured cover the order total. */
    public boolean paymentsCoverTotal() {
        long covered = 0;
        for (PaymentReference p : s.payments) {
            boolean good = "authorized".equals(p.status()) || "captured".equals(p.status());
            if (good && p.amount().currency().equals(s.currency)) covered += p.amount().minor();
        }
        return covered >= totals().total();
    }

    /**
     * Puts news from another service on the timeline (a fulfilment or invoice update, until those aggregates exist
     * here): which service, its event type, its id for the object, and a summary of what it said.
     */
    public void recordExternalUpdate(String source, String type, String externalId, Map<String, Object> summary, Instant now) {
        touch(now);
        record("order.external_update", data("source", source, "type", type, "external_id", externalId, "summary", summary));
    }

    public OrderLock acquireLock(OrderLock lock, Instant now) {
        OrderLock current = s.lock;
        if (current != null && current.isActiveAt(now) && !current.owner().equals(lock.owner())) {
            throw DomainException.conflict("order.locked", "Order " + s.id + " is already locked until " + current.expiresAt(),
                    "Wait for the lock to expire or ask its owner to release it.").with("lock_expires_at", current.expiresAt().toString());
        }
        s.lock = lock;
        record("order.lock_acquired", data("lock_id", lock.id(), "purpose", lock.purpose(), "expires_at", lock.expiresAt().toString()));
        return lock;
    }

    public void releaseLock(String lockId, String principal, boolean override) {
        if (s.lock == null || !s.lock.id().equals(lockId)) {
            throw DomainException.notFound("lock.not_found", "No lock " + lockId);
        }
        if (!s.lock.owner().equals(principal) && !override) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "auth.forbidden", "Only the lock owner or an admin can release this lock",
                    "Wait for the lock to expire.");
        }
        s.lock = null;
        record("order.lock_released", data("lock_id", lockId));
    }

    /** A new created order with the same lines, addresses and metadata; payments are not copied. */
    public Order duplicate(String newId, long number, Instant now, Supplier<String> lineIds) {
        List<LineSpec> items = s.lines.stream().map(l -> new LineSpec(null, l.sku(), l.variantId(), l.description(),
                l.quantity(), l.unitPrice(), l.discount(), l.taxRateBps(), l.taxAmount(), l.metadata(), l.digital())).toList();
        OrderDraft draft = new OrderDraft(null, s.customerId, s.channel, "duplicate", s.currency, items,
                s.shippingAddress, s.billingAddress, s.shippingMethod, s.shippingAmount, s.discount, List.of(), s.metadata, PaymentTerms.relative(s.paymentTerms));
        Order copy = create(s.tenantId, newId, number, draft, now, lineIds);
        copy.s.duplicatedFrom = s.id;
        copy.pending.clear();
        copy.record("order.created", data("number", number, "status", OrderStatus.CREATED.wire(), "customer_id", s.customerId,
                "currency", s.currency, "total", copy.totals().total(), "line_count", items.size(), "source", "duplicate",
                "duplicated_from", s.id));
        return copy;
    }

    // ---- cancellation ------------------------------------------------------------------------------------------

    public Cancellation openCancellation() {
        return s.cancellations.stream().filter(Cancellation::isOpen).findFirst().orElse(null);
    }

    public Cancellation cancellation(String cancellationId) {
        return s.cancellations.stream().filter(c -> c.id().equals(cancellationId)).findFirst()
                .orElseThrow(() -> DomainException.notFound("cancellation.not_found", "No cancellation " + cancellationId + " on order " + s.id));
    }

    /**
     * Accepts a request to cancel the whole order: it moves to {@code cancelling} (nothing else may change it) until
     * the cancellation saga completes or compensates. Everything the customer paid for is to be given back:
     * each line's total and tax, and the shipping.
     */
    public Cancellation requestCancellation(String id, String reason, boolean refund, boolean restock, Actor actor, Instant now) {
        checkFullCancellation();
        Map<String, Long> byLine = new LinkedHashMap<>();
        for (OrderLine l : s.lines) if (l.quantity() > 0) byLine.put(l.id(), l.amountDue());
        if (s.shippingAmount.minor() > 0) byLine.put("shipping", s.shippingAmount.minor());
        List<Cancellation.LineQuantity> lines = s.lines.stream().filter(l -> l.quantity() > 0)
                .map(l -> new Cancellation.LineQuantity(l.id(), l.quantity())).toList();
        return open(new Cancellation(id, Cancellation.FULL, reason, refund, restock, s.status, lines, byLine,
                totals().total(), Cancellation.State.REQUESTED, actor.id(), now, List.of(), null), now);
    }

    /**
     * Accepts a request to cancel some quantities of some lines. The refund of each line is exactly what its amount
     * due drops by (discounts and explicit tax shrink in proportion, largest remainder); cancelling every remaining
     * unit is a full cancellation.
     */
    public Cancellation requestPartialCancellation(String id, List<Cancellation.LineQuantity> request, String reason,
                                                   boolean refund, boolean restock, Actor actor, Instant now) {
        assertCancellable();
        if (request.isEmpty()) throw DomainException.invalidField("lines", "field.required", "Name the lines and quantities to cancel");
        Map<String, Long> wanted = new LinkedHashMap<>();
        for (int i = 0; i < request.size(); i++) {
            Cancellation.LineQuantity q = request.get(i);
            if (q.quantity() <= 0) {
                throw DomainException.invalidField("lines[" + i + "].quantity", "quantity.not_positive", "Cancel a positive quantity");
            }
            OrderLine line = line(q.lineId());
            if (wanted.containsKey(q.lineId())) {
                throw DomainException.invalidField("lines[" + i + "].line_id", "line_id.duplicate", "A line may appear once per request");
            }
            if (q.quantity() > line.quantity()) {
                throw DomainException.invalidField("lines[" + i + "].quantity", "cancel.quantity_exceeds_open",
                        "Line " + line.id() + " has " + line.quantity() + " units left to cancel");
            }
            wanted.put(q.lineId(), q.quantity());
        }
        OrderFulfillment.assertNotShipped(this, wanted);
        long remainingUnits = s.lines.stream().mapToLong(l -> l.quantity() - wanted.getOrDefault(l.id(), 0L)).sum();
        if (remainingUnits == 0) return requestCancellation(id, reason, refund, restock, actor, now);
        List<OrderLine> after = linesAfterCancelling(wanted).lines();
        Map<String, Long> byLine = new LinkedHashMap<>();
        long refundAmount = 0;
        for (int i = 0; i < s.lines.size(); i++) {
            long delta = s.lines.get(i).amountDue() - after.get(i).amountDue();
            if (delta != 0) byLine.put(s.lines.get(i).id(), delta);
            refundAmount += delta;
        }
        List<Cancellation.LineQuantity> lines = wanted.entrySet().stream()
                .map(e -> new Cancellation.LineQuantity(e.getKey(), e.getValue())).toList();
        return open(new Cancellation(id, Cancellation.PARTIAL, reason, refund, restock, s.status, lines, byLine,
                refundAmount, Cancellation.State.REQUESTED, actor.id(), now, List.of(), null), now);
    }

    private record CancelPlan(List<OrderLine> lines, Money discount) { }

    /**
     * The lines once these quantities are cancelled. Only the cancelled lines change: each keeps the share of its line
     * discount, explicit tax and order-discount allocation that belongs to its remaining units (largest remainder on
     * units), and the order discount shrinks by the cancelled units' shares. Untouched lines keep their allocation, so
     * nobody else's price moves and no line gives back a negative amount.
     */
    private CancelPlan linesAfterCancelling(Map<String, Long> wanted) {
        long removed = 0;
        List<OrderLine> after = new ArrayList<>();
        for (OrderLine l : s.lines) {
            Long q = wanted.get(l.id());
            if (q == null) { after.add(l); continue; }
            OrderLine cut = l.cancel(Math.min(q, l.quantity()));
            long[] alloc = Allocation.largestRemainder(l.allocatedDiscount(), new long[] {cut.quantity(), Math.min(q, l.quantity())});
            long keep = Math.min(alloc[0], Math.max(0, cut.gross() - cut.discount().minor()));
            removed += l.allocatedDiscount() - keep;
            after.add(OrderPricing.withAllocation(cut, keep));
        }
        return new CancelPlan(after, Money.of(s.discount.minor() - removed, s.currency));
    }

    private void assertNoOpenCancellation() {
        if (openCancellation() != null) {
            throw DomainException.conflict("order.cancellation_in_progress", "Order " + s.id + " has a cancellation in progress",
                    "Wait for the cancellation to finish.");
        }
    }

    /**
     * The rules a cancellation of the whole order must pass (not cancelled, none running, a cancellable status, nothing
     * shipped), checked without changing anything: {@link #requestCancellation} and the customer's available actions
     * both call it.
     */
    public void checkFullCancellation() {
        assertCancellable();
        Map<String, Long> all = new LinkedHashMap<>();
        for (OrderLine l : s.lines) all.put(l.id(), l.quantity());
        OrderFulfillment.assertNotShipped(this, all);
    }

    /** The rule {@link #updateDetails} applies first (created, pending, confirmed or on-hold), checked without changing anything. */
    public void checkDetailsEditable() { assertDetailsEditable(); }

    private void assertCancellable() {
        if (s.status == OrderStatus.CANCELLED) {
            throw DomainException.conflict("order.already_cancelled", "Order " + s.id + " is already cancelled", "Nothing to do.");
        }
        if (openCancellation() != null) {
            throw DomainException.conflict("order.cancellation_in_progress", "Order " + s.id + " has a cancellation in progress",
                    "Follow the running cancellation; it ends cancelled or back in its previous state with a hold.");
        }
        if (!CANCELLABLE.contains(s.status)) throw invalidTransition(OrderStatus.CANCELLED);
    }

    private Cancellation open(Cancellation c, Instant now) {
        s.cancellations.add(c);
        OrderStatus from = s.status;
        if (c.scope().equals(Cancellation.FULL)) s.status = OrderStatus.CANCELLING;
        touch(now);
        record("order.cancellation_requested", data("cancellation_id", c.id(), "scope", c.scope(), "reason", c.reason(),
                "refund", c.refund(), "restock", c.restock(), "from", from.wire(), "to", s.status.wire(),
                "refund_amount", c.refundAmount(), "currency", s.currency, "refund_by_line", c.refundByLine(),
                "lines", c.lines().stream().map(l -> (Object) data("line_id", l.lineId(), "quantity", l.quantity())).toList()), c.reason());
        return c;
    }

    /** Records one step of the cancellation saga (idempotent: a step already recorded is not recorded again). */
    public boolean recordCancellationStep(String cancellationId, String step, Map<String, Object> detail, Instant now) {
        Cancellation c = cancellation(cancellationId);
        if (c.hasDone(step)) return false;
        replace(c.with(new Cancellation.Action(step, detail, now)));
        touch(now);
        Map<String, Object> d = data("cancellation_id", cancellationId, "step", step);
        d.put("detail", detail);
        record("order.cancellation_progressed", d);
        return true;
    }

    /** The saga finished: a full cancellation cancels the order, a partial one takes the quantities off the lines. */
    public void completeCancellation(String cancellationId, Instant now) {
        Cancellation c = cancellation(cancellationId);
        if (!c.isOpen()) return;
        replace(c.in(Cancellation.State.COMPLETED, c.failure()));
        touch(now);
        Map<String, Object> d = data("cancellation_id", c.id(), "scope", c.scope(), "reason", c.reason(),
                "refund_amount", c.refund() ? c.refundAmount() : 0, "currency", s.currency, "restocked", c.restock());
        d.put("actions", c.actions().stream().map(a -> (Object) data("step", a.step(), "detail", a.detail())).toList());
        if (c.scope().equals(Cancellation.FULL)) {
            s.status = OrderStatus.CANCELLED;
            s.cancelledAt = now;
            refreshPaymentStatus();
            s.holds.clear();
            s.statusBeforeHold = null;
            d.put("from", OrderStatus.CANCELLING.wire());
            d.put("to", OrderStatus.CANCELLED.wire());
            record("order.cancelled", d, c.reason());
            return;
        }
        Map<String, Long> byId = new LinkedHashMap<>();
        c.lines().forEach(l -> byId.put(l.lineId(), l.quantity()));
        CancelPlan plan = linesAfterCancelling(byId);
        s.lines = new ArrayList<>(plan.lines());
        s.discount = plan.discount();
        refreshPaymentStatus();
        OrderFulfillment.refreshStatuses(this); // fewer units to fulfil: the shipped ones may now be all of them
        d.put("lines", c.lines().stream().map(l -> (Object) data("line_id", l.lineId(), "quantity", l.quantity())).toList());
        record("order.lines_cancelled", d, c.reason());
    }

    /**
     * The saga could not finish and undid what it had done: the order goes back to where it was, with a hold that says
     * what failed, for an agent to look at.
     */
    public Hold compensateCancellation(String cancellationId, String failure, String holdId, Instant now) {
        Cancellation c = cancellation(cancellationId);
        if (!c.isOpen()) return null;
        replace(c.in(Cancellation.State.COMPENSATED, failure));
        if (s.status == OrderStatus.CANCELLING) s.status = c.previousStatus();
        record("order.cancellation_failed", data("cancellation_id", c.id(), "scope", c.scope(), "failure", failure,
                "to", s.status == OrderStatus.ON_HOLD ? OrderStatus.ON_HOLD.wire() : s.status.wire()), failure);
        Hold hold = new Hold(holdId, "cancellation_failed", failureHoldReason(c.id()) + failure, null, failure, "system", now);
        placeHold(hold, now);
        return hold;
    }

    /**
     * A person settled a failed cancellation outside the system (refunded by hand, ...) and forces its outcome: the
     * order is cancelled (or the lines reduced) without calling any service again, and the failure hold goes.
     */
    public void forceCancellation(String cancellationId, String reason, Instant now) {
        Cancellation c = cancellation(cancellationId);
        if (c.state() == Cancellation.State.COMPLETED) {
            throw DomainException.conflict("cancellation.already_completed", "Cancellation " + cancellationId + " already completed", "Nothing to force.");
        }
        if (s.status == OrderStatus.CANCELLED) throw DomainException.conflict("order.already_cancelled", "Order " + s.id + " is already cancelled", "Nothing to do.");
        s.holds.removeIf(h -> h.type().equals("cancellation_failed") && h.reason().startsWith(failureHoldReason(cancellationId)));
        if (s.status == OrderStatus.ON_HOLD && s.holds.isEmpty()) {
            s.status = s.statusBeforeHold;
            s.statusBeforeHold = null;
        }
        Cancellation reopened = c.in(Cancellation.State.REQUESTED, c.failure());
        replace(reopened);
        if (reopened.scope().equals(Cancellation.FULL)) s.status = OrderStatus.CANCELLING;
        record("order.cancellation_forced", data("cancellation_id", cancellationId, "reason", reason), reason);
        completeCancellation(cancellationId, now);
    }

    /** Leaves a note on the timeline that a repair item was dealt with. */
    public void noteRepair(String repairId, String action, String note, Instant now) {
        touch(now);
        record("order.repair_" + action, data("repair_id", repairId, "action", action, "note", note), note);
    }

    private static String failureHoldReason(String cancellationId) { return "Cancellation " + cancellationId + " failed: "; }

    private void replace(Cancellation c) {
        for (int i = 0; i < s.cancellations.size(); i++) if (s.cancellations.get(i).id().equals(c.id())) s.cancellations.set(i, c);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void reprice() {
        s.lines = new ArrayList<>(OrderPricing.price(s.lines, s.discount));
        refreshPaymentStatus();
    }

    private void replaceLine(OrderLine line) {
        for (int i = 0; i < s.lines.size(); i++) if (s.lines.get(i).id().equals(line.id())) s.lines.set(i, line);
    }

    private void assertCurrencies(LineSpec spec) {
        for (Money m : new Money[] {spec.unitPrice(), spec.discount(), spec.taxAmount()}) if (m != null) assertCurrency(m);
    }

    private void assertCurrencies(LineChange c) {
        for (Money m : new Money[] {c.unitPrice(), c.discount(), c.taxAmount()}) if (m != null) assertCurrency(m);
    }

    private void assertCurrency(Money m) {
        if (!m.currency().equals(s.currency)) {
            throw DomainException.invalidField("unit_price.currency", "currency.mismatch",
                    "Price currency " + m.currency() + " does not match the order currency " + s.currency);
        }
    }

    private void transition(OrderStatus to, Instant now) {
        s.status = to;
        touch(now);
    }

    void touch(Instant now) { s.updatedAt = now; }

    private DomainException invalidTransition(OrderStatus to) {
        return DomainException.conflict("order.invalid_transition",
                        "An order cannot go from " + s.status.wire() + " to " + to.wire(),
                        "See the order state machine in docs/orders.md for the allowed transitions.")
                .with("from", s.status.wire()).with("to", to.wire());
    }

    private static DomainException tooManyLines() {
        return DomainException.invalidField("items", "lines.too_many", "An order holds at most " + MAX_LINES + " lines");
    }

    void record(String type, Map<String, Object> data) { record(type, data, null); }

    void record(String type, Map<String, Object> data, String reason) {
        pending.add(new DomainEvent(type, data, reason, Map.of()));
    }

    private static Map<String, Object> lineData(OrderLine l) {
        return data("line_id", l.id(), "sku", l.sku(), "quantity", l.quantity(), "unit_price", l.unitPrice().minor(),
                "line_total", l.lineTotal(), "tax", l.tax());
    }

    /** An insertion-ordered map of the non-null pairs. */
    static Map<String, Object> data(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
