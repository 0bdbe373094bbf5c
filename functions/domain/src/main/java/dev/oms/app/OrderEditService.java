package dev.oms.app;

import dev.oms.app.connector.InventoryService;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.app.port.EditQuoteStore;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.TenantSettingsStore;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.EditCalculator;
import dev.oms.domain.order.EditChange;
import dev.oms.domain.order.EditPreview;
import dev.oms.domain.order.EditQuote;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderEdit;
import dev.oms.domain.order.OrderEdits;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.order.PaymentReference;
import dev.oms.domain.order.ReturnDraft;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.order.Returns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Edits by quote: price a list of changes without touching the order ({@link #quote}), apply a quote that is still
 * current ({@link #apply}: every change, the new payments and the events in the order's transaction; the money plan
 * then runs in the edit-order saga, {@link OrderEditSaga}), and list the edits.
 */
public final class OrderEditService {
    /** How long a quote can be applied when the tenant has no {@code quote_ttl_minutes} setting. */
    public static final int DEFAULT_TTL_MINUTES = 15;
    /** At most this many new payments with one apply. */
    public static final int MAX_NEW_PAYMENTS = 5;

    private final OrderTransactions tx;
    private final EditQuoteStore quotes;
    private final TenantSettingsStore settings;
    private final PaymentGateway payments;
    private final InventoryService inventory;
    private final IdGenerator ids;
    private final Clock clock;

    public OrderEditService(OrderTransactions tx, EditQuoteStore quotes, TenantSettingsStore settings, PaymentGateway payments,
                            InventoryService inventory, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.quotes = quotes;
        this.settings = settings;
        this.payments = payments;
        this.inventory = inventory;
        this.ids = ids;
        this.clock = clock;
    }

    public record Quoted(Order order, EditQuote quote) { }

    public record Applied(Order order, OrderEdit edit, EditQuote quote) { }

    /** A payment named when applying: its id at the payment service and the amount to apply to the order. */
    public record NewPayment(String paymentId, Money amount) { }

    /** Prices the changes on the order as it is now and stores the quote; the order does not change. */
    public Quoted quote(CommandContext ctx, String orderId, List<EditChange> changes, boolean mayChangePrices) {
        return quote(ctx, orderId, changes, mayChangePrices, false);
    }

    /**
     * Prices the changes; a dry run ({@code dryRun}) answers the same quote with the same checks and stores nothing,
     * so it cannot be applied.
     */
    public Quoted quote(CommandContext ctx, String orderId, List<EditChange> changes, boolean mayChangePrices, boolean dryRun) {
        return price(ctx, tx.get(ctx, orderId), ids.next("quo"), changes, mayChangePrices, dryRun, false);
    }

    /**
     * {@code PATCH /v1/admin/quotes/{quoteId}}: replaces the quote's changes and prices them on its order as it is now,
     * under the same id, with a new expiry (409 {@code quote.already_applied} once applied). A dry run stores nothing.
     */
    public Quoted revise(CommandContext ctx, String quoteId, List<EditChange> changes, boolean mayChangePrices, boolean dryRun) {
        EditQuote old = quotes.find(ctx.tenantId(), quoteId).orElseThrow(() -> DomainException.notFound("quote.not_found", "No quote " + quoteId));
        Order order = tx.get(ctx, old.orderId());
        assertNotApplied(order, quoteId);
        return price(ctx, order, quoteId, changes, mayChangePrices, dryRun, true);
    }

    private Quoted price(CommandContext ctx, Order order, String quoteId, List<EditChange> changes, boolean mayChangePrices, boolean dryRun,
                         boolean replace) {
        String orderId = order.id();
        tx.checkVersion(ctx, order);
        Instant now = clock.instant();
        order.assertNotLockedAgainst(ctx.caller().subject(), now);
        List<EditChange> named = new ArrayList<>();
        for (EditChange c : changes) named.add(c.type().equals(EditChange.ADD_LINE) ? c.withLineId(ids.next("line")) : c);
        EditPreview preview = EditCalculator.preview(order, named, mayChangePrices);
        openReturn(ctx, order, named, "quote", now); // the return rules (window, eligibility) on this copy, never written
        int ttl = quotes.ttlMinutes(ctx.tenantId(), DEFAULT_TTL_MINUTES);
        EditQuote q = new EditQuote(quoteId, ctx.tenantId(), orderId, order.version(), ctx.caller().actor().id(), now,
                now.plus(Duration.ofMinutes(ttl)), ctx.reason(), named, preview, null);
        Quoted result = new Quoted(order, q);
        if (dryRun) return result;
        if (replace) quotes.replace(q, ctx.journal().recordFor(result));
        else quotes.create(q, ctx.journal().recordFor(result));
        ctx.journal().written();
        return result;
    }

    public Quoted getQuote(CommandContext ctx, String orderId, String quoteId) {
        Order order = tx.get(ctx, orderId);
        return new Quoted(order, findQuote(ctx, orderId, quoteId));
    }

    /**
     * Applies a quote: 404 when it is not the order's, 409 {@code quote.already_applied}, 410 {@code quote.expired},
     * 409 {@code quote.stale} (with {@code current_version}) when the order changed since. New payments are checked
     * with the payment service and the added units with the inventory service before anything is written.
     */
    public Applied apply(CommandContext ctx, String orderId, String quoteId, List<NewPayment> newPayments, boolean mayChangePrices) {
        return apply(ctx, orderId, quoteId, newPayments, mayChangePrices, false);
    }

    /** Applies a quote; a dry run ({@code dryRun}) makes every check and the same change on a copy that is never written. */
    public Applied apply(CommandContext ctx, String orderId, String quoteId, List<NewPayment> newPayments, boolean mayChangePrices,
                         boolean dryRun) {
        return applyQuote(ctx, tx.get(ctx, orderId), findQuote(ctx, orderId, quoteId), newPayments, mayChangePrices, dryRun);
    }

    /**
     * Quotes the changes and applies the quote at once (the admin price adjustment): the same engine, rules and events
     * as a quote then its apply; a dry run stores and writes nothing.
     */
    public Applied quoteAndApply(CommandContext ctx, String orderId, List<EditChange> changes, List<NewPayment> newPayments,
                                 boolean mayChangePrices, boolean dryRun) {
        Quoted q = quote(ctx, orderId, changes, mayChangePrices, dryRun);
        return applyQuote(ctx, q.order(), q.quote(), newPayments, mayChangePrices, dryRun);
    }

    private Applied applyQuote(CommandContext ctx, Order current, EditQuote q, List<NewPayment> newPayments, boolean mayChangePrices,
                               boolean dryRun) {
        String orderId = current.id(), quoteId = q.id();
        assertNotApplied(current, quoteId);
        Instant now = clock.instant();
        if (q.isExpiredAt(now)) {
            throw new DomainException(DomainException.Kind.GONE, "quote.expired", "Quote " + quoteId + " expired at " + q.expiresAt(),
                    "Quote the change again.").with("expired_at", q.expiresAt().toString());
        }
        if (!mayChangePrices && q.changes().stream().anyMatch(EditChange::changesPrice)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "auth.forbidden",
                    "Applying a quote that changes prices needs the orders:edit_prices permission", "Ask a supervisor or an admin to apply it.");
        }
        assertCurrent(q, current);
        List<PaymentReference> refs = new ArrayList<>();
        for (NewPayment np : newPayments) refs.add(checkPayment(ctx.tenantId(), np));
        checkStock(ctx.tenantId(), current, q);
        String editId = ids.next("edt");
        java.util.function.Function<Order, Applied> change = o -> {
            assertCurrent(q, o);
            OrderEdits edits = new OrderEdits(o);
            OrderEdit edit = edits.apply(editId, q, refs, ctx.reason() != null ? ctx.reason() : q.reason(), ctx.caller().actor(), now);
            ReturnRequest opened = openReturn(ctx, o, q.changes(), editId, now);
            if (opened != null) {
                edits.recordStep(editId, "return.opened", Map.of("return_id", opened.id(), "rma", opened.rma()), now);
                edit = edits.require(editId);
            }
            return new Applied(o, edit, q);
        };
        return dryRun ? tx.preview(ctx, orderId, true, change) : tx.mutate(ctx, orderId, true, change);
    }

    /** A quote named by its id alone (the admin routes {@code /v1/admin/quotes/{quoteId}}), with its order checked like the order itself. */
    public Quoted getQuote(CommandContext ctx, String quoteId) {
        EditQuote q = quotes.find(ctx.tenantId(), quoteId)
                .orElseThrow(() -> DomainException.notFound("quote.not_found", "No quote " + quoteId));
        return new Quoted(tx.get(ctx, q.orderId()), q);
    }

    /** The order's edits, newest first, a page at a time (the position is the last edit id of the previous page). */
    public Page<OrderEdit> list(CommandContext ctx, String orderId, PageRequest page) {
        Order order = tx.get(ctx, orderId);
        List<OrderEdit> all = new ArrayList<>(order.children(OrderEdit.class));
        java.util.Collections.reverse(all);
        int from = 0;
        if (page.position() != null) {
            while (from < all.size() && !all.get(from).id().equals(page.position())) from++;
            from++;
        }
        int to = Math.min(all.size(), from + page.limit());
        List<OrderEdit> items = from >= all.size() ? List.of() : all.subList(from, to);
        return new Page<>(List.copyOf(items), to < all.size() ? all.get(to - 1).id() : null);
    }

    public Order order(CommandContext ctx, String orderId) { return tx.get(ctx, orderId); }

    private EditQuote findQuote(CommandContext ctx, String orderId, String quoteId) {
        return quotes.find(ctx.tenantId(), orderId, quoteId)
                .orElseThrow(() -> DomainException.notFound("quote.not_found", "Order " + orderId + " has no quote " + quoteId));
    }

    private static void assertNotApplied(Order order, String quoteId) {
        for (OrderEdit e : order.children(OrderEdit.class)) {
            if (quoteId.equals(e.quoteId())) {
                throw DomainException.conflict("quote.already_applied", "Quote " + quoteId + " was applied as edit " + e.id(),
                        "Read it at GET /v1/orders/" + order.id() + "/edits.").with("edit_id", e.id());
            }
        }
    }

    private static void assertCurrent(EditQuote q, Order o) {
        if (o.version() != q.basedOnVersion()) {
            throw DomainException.conflict("quote.stale", "Quote " + q.id() + " was made on version " + q.basedOnVersion()
                            + " of the order; it is now at version " + o.version(), "Quote the change again on the current order.")
                    .with("current_version", o.version()).with("quote_version", q.basedOnVersion());
        }
    }

    /** Like linking a payment: it must exist, be in the order's currency, usable, and hold the amount. */
    private PaymentReference checkPayment(String tenantId, NewPayment np) {
        PaymentGateway.PaymentStatus st = payments.status(tenantId, np.paymentId());
        if (st.state() == PaymentGateway.State.NOT_FOUND || st.amount() == null) {
            throw DomainException.unprocessable("payment.unknown", "The payment service has no payment " + np.paymentId(),
                    "Use the payment_id the payment service returned.");
        }
        if (!st.amount().currency().equals(np.amount().currency())) {
            throw DomainException.unprocessable("payment.currency_mismatch", "Payment " + np.paymentId() + " is in "
                    + st.amount().currency() + ", not " + np.amount().currency(), "Use a payment in the order's currency.");
        }
        String status = switch (st.state()) {
            case AUTHORIZED -> st.captured() > 0 ? PaymentReference.PARTIALLY_CAPTURED : PaymentReference.AUTHORIZED;
            case CAPTURED -> PaymentReference.CAPTURED;
            default -> throw DomainException.unprocessable("payment.not_usable", "Payment " + np.paymentId() + " is "
                    + st.state().name().toLowerCase(Locale.ROOT), "Use an authorized or captured payment.");
        };
        long available = st.amount().minor() - st.refunded() - st.voided();
        if (np.amount().minor() > available) {
            throw DomainException.unprocessable("payment.amount_unavailable", "Payment " + np.paymentId() + " has " + available
                    + " available, asked " + np.amount().minor(), "Use at most what the payment holds.").with("available", available);
        }
        long captured = Math.min(np.amount().minor(), Math.max(0, st.captured() - st.refunded()));
        return new PaymentReference(np.paymentId(), np.amount(), status, captured, 0, Map.of());
    }

    /**
     * Opens one return for the shipped units the changes take back ({@code return_units}; method {@code ship}, refund to
     * the card), under the tenant's return window; null when there are none.
     */
    private ReturnRequest openReturn(CommandContext ctx, Order o, List<EditChange> changes, String editId, Instant now) {
        List<ReturnDraft.Item> items = new ArrayList<>();
        Map<String, Integer> at = new LinkedHashMap<>();
        for (EditChange c : changes) {
            if (!c.type().equals(EditChange.RETURN_UNITS)) continue;
            Integer i = at.get(c.lineId());
            if (i == null) {
                at.put(c.lineId(), items.size());
                items.add(new ReturnDraft.Item(c.lineId(), c.quantity(), c.reasonCode()));
            } else {
                ReturnDraft.Item before = items.get(i);
                items.set(i, new ReturnDraft.Item(before.lineId(), before.quantity() + c.quantity(), before.reasonCode()));
            }
        }
        if (items.isEmpty()) return null;
        ReturnDraft draft = new ReturnDraft(items, "ship", "refund_to_card", null, Map.of("edit_id", editId));
        return Returns.request(o, ids.next("ret"), draft, settings.get(ctx.tenantId()).returnWindowDays(), ctx.caller().actor(), now);
    }

    /** Units an edit adds to a confirmed order must be in stock ({@code order.blocked.inventory_unavailable}). */
    private void checkStock(String tenantId, Order o, EditQuote q) {
        boolean confirmed = o.status() == OrderStatus.CONFIRMED || (o.status() == OrderStatus.ON_HOLD && o.state().statusBeforeHold == OrderStatus.CONFIRMED);
        if (!confirmed) return;
        Map<String, Long> more = new LinkedHashMap<>();
        for (EditPreview.LineDelta d : q.preview().lines()) {
            long added = d.quantityAfter() - d.quantityBefore();
            if (added > 0) more.merge(d.sku(), added, Long::sum);
        }
        if (more.isEmpty()) return;
        List<InventoryService.SkuQuantity> request = more.entrySet().stream().map(e -> new InventoryService.SkuQuantity(e.getKey(), e.getValue())).toList();
        List<String> unavailable = inventory.unavailable(tenantId, request);
        if (!unavailable.isEmpty()) {
            throw DomainException.conflict("order.blocked.inventory_unavailable", "Not enough stock for " + unavailable,
                    "Quote fewer units of these SKUs, or wait for stock.").with("skus", unavailable);
        }
    }
}
