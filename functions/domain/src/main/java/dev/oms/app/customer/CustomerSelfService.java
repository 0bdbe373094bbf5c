package dev.oms.app.customer;

import dev.oms.app.CancellationService;
import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.ReturnService;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.TenantSettingsStore;
import dev.oms.app.port.TenantSettingsStore.TenantSettings;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.CancelRequests;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderTask;
import dev.oms.domain.order.ReturnDraft;
import dev.oms.domain.order.ReturnRefunds;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.order.Returns;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer's self-service actions, orchestrating the canonical use cases: a cancellation goes through the
 * cancellation use case (and its saga) when the rules let the customer cancel alone, and becomes a request for an agent
 * otherwise; returns and replacements go through the returns use case (a replacement is a return settled by exchange);
 * an address change is the order's own details change. Every rule is {@link SelfServiceRules}'s, checked inside the
 * order's transaction, so the answer the customer saw in {@code available_actions} is what the action enforces.
 * Orders are read as the caller may see them: another customer's order is a 404.
 */
public final class CustomerSelfService {
    public static final String CANCELLING = "cancelling", PENDING_REVIEW = "pending_review";

    private final OrderTransactions tx;
    private final TenantSettingsStore settings;
    private final CancellationService cancellations;
    private final ReturnService returns;
    private final IdGenerator ids;
    private final Clock clock;

    public CustomerSelfService(OrderTransactions tx, TenantSettingsStore settings, CancellationService cancellations, ReturnService returns,
                               IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.settings = settings;
        this.cancellations = cancellations;
        this.returns = returns;
        this.ids = ids;
        this.clock = clock;
    }

    /** An order as the customer sees it, with what it may do now. */
    public record View(Order order, SelfServiceRules.Availability availability, TenantSettings settings) { }

    public View view(CommandContext ctx, String orderId) { return view(ctx, tx.get(ctx, orderId)); }

    public View view(CommandContext ctx, Order o) {
        TenantSettings s = settings.get(ctx.tenantId());
        return new View(o, SelfServiceRules.evaluate(o, s, clock.instant()), s);
    }

    // ---- cancel ------------------------------------------------------------------------------------------------------

    /**
     * {@code status} {@code cancelling}: the cancellation was accepted and the saga runs ({@code requestId} is the
     * cancellation). {@code pending_review}: the tenant's policy needs an agent; the request is a task on the order.
     */
    public record CancelOutcome(Order order, String requestId, String status, List<String> blockedReasons) { }

    public CancelOutcome requestCancellation(CommandContext ctx, String orderId, String reason) {
        TenantSettings s = settings.get(ctx.tenantId());
        CommandContext withReason = ctx.withReason(reason);
        return tx.mutate(withReason, orderId, true, o -> {
            SelfServiceRules.requireCancellable(o); // shipped, cancelled, cancelling: refused, nothing to ask an agent
            List<String> blocked = policyBlock(o, s);
            if (blocked.isEmpty()) {
                // the cancellation use case's own request (same rules), committed here: the saga starts on its event
                Cancellation c = cancellations.requestWithin(withReason, o, true, false);
                return new CancelOutcome(o, c.id(), CANCELLING, List.of());
            }
            OrderTask task = CancelRequests.open(o).orElseGet(() ->
                    CancelRequests.record(o, ids.next("task"), reason, blocked, ctx.caller().actor(), clock.instant()));
            return new CancelOutcome(o, task.id(), PENDING_REVIEW, blocked);
        });
    }

    private static List<String> policyBlock(Order o, TenantSettings s) {
        try {
            SelfServiceRules.requireCancelPolicy(o, s);
            return List.of();
        } catch (DomainException e) {
            return List.of(SelfServiceRules.blockedCode(e));
        }
    }

    // ---- returns and replacements -----------------------------------------------------------------------------------

    /** What a return would be, without opening it: the units it takes, the refund it would give, how the goods come back. */
    public record ReturnPreview(Order order, ReturnRequest ret, Map<String, Long> refundByLine, long refundTotal,
                                Map<String, Long> returnableUnits) { }

    /**
     * Runs the returns use case's own rules ({@link Returns#request}) on a copy of the order read for this preview and
     * discarded (nothing is written), then values the units as the settlement would if every unit is approved without a
     * restocking fee.
     */
    public ReturnPreview previewReturn(CommandContext ctx, String orderId, ReturnDraft draft) {
        Order o = tx.get(ctx, orderId);
        Map<String, Long> returnable = Returns.returnableUnits(o);
        int window = settings.get(ctx.tenantId()).returnWindowDays();
        ReturnRequest r = Returns.request(o, "preview", draft, window, ctx.caller().actor(), clock.instant());
        Map<String, Long> byLine = new LinkedHashMap<>();
        for (ReturnDraft.Item i : draft.lines()) byLine.put(i.lineId(), ReturnRefunds.preview(o, i.lineId(), i.quantity()));
        return new ReturnPreview(o, r, byLine, ReturnRefunds.total(byLine), returnable);
    }

    public ReturnService.Result requestReturn(CommandContext ctx, String orderId, ReturnDraft draft) { return returns.create(ctx, orderId, draft); }

    /** A replacement: a return whose requested resolution is an exchange; the return-order saga creates the new order once the goods are inspected. */
    public static ReturnDraft asExchange(ReturnDraft d) {
        return new ReturnDraft(d.lines(), d.method(), "exchange", d.instructions(), d.metadata());
    }

    /** One of the caller's returns; another customer's is {@code return.not_found}, like a missing one (the returns use case's rule). */
    public ReturnService.Result find(CommandContext ctx, String returnId) {
        return returns.find(ctx, returnId);
    }

    // ---- address ---------------------------------------------------------------------------------------------------

    /** Changes the shipping address while nothing has shipped or gone to a warehouse; the address is checked by {@link AddressRules}. */
    public Order updateShippingAddress(CommandContext ctx, String orderId, Address address) {
        AddressRules.validate("shipping_address", address);
        return tx.mutate(ctx, orderId, true, o -> {
            SelfServiceRules.requireAddressChangeable(o);
            o.updateDetails(null, address, null, clock.instant());
            return o;
        });
    }
}
