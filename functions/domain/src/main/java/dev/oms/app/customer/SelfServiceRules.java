package dev.oms.app.customer;

import dev.oms.app.CancellationService;
import dev.oms.app.port.TenantSettingsStore.TenantSettings;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentStatus;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.Returns;
import dev.oms.domain.order.UnitMeasure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules behind a customer's self-service actions, in one place: each {@code require*} method throws the domain
 * exception the action refuses with, and {@link #evaluate} runs the very same methods to tell the customer which actions
 * are available and, for the others, the machine-readable reason ({@code blocked_reasons}). The actions
 * ({@link CustomerSelfService}) call the {@code require*} methods inside their transaction, so what an order view shows
 * and what an action does cannot disagree. The cancel and return rules are the canonical ones
 * ({@link Order#checkFullCancellation}, {@link CancellationService#checkPolicy}, {@link Returns#checkEligible}).
 */
public final class SelfServiceRules {
    public static final String CANCEL = "cancel", RETURN = "return", REPLACE = "replace", UPDATE_ADDRESS = "update_address", REORDER = "reorder";
    public static final List<String> ACTIONS = List.of(CANCEL, RETURN, REPLACE, UPDATE_ADDRESS, REORDER);

    private SelfServiceRules() { }

    /** An action the customer cannot take now, and why. */
    public record Blocked(String action, String code, String message) { }

    /** What the customer may do with the order now. */
    public record Availability(List<String> available, List<Blocked> blocked) { }

    public static Availability evaluate(Order o, TenantSettings settings, Instant now) {
        List<String> available = new ArrayList<>();
        List<Blocked> blocked = new ArrayList<>();
        check(CANCEL, available, blocked, () -> { requireCancellable(o); requireCancelPolicy(o, settings); });
        check(RETURN, available, blocked, () -> requireReturnable(o, settings, now));
        check(REPLACE, available, blocked, () -> requireReturnable(o, settings, now));
        check(UPDATE_ADDRESS, available, blocked, () -> requireAddressChangeable(o));
        check(REORDER, available, blocked, () -> requireReorderable(o));
        return new Availability(List.copyOf(available), List.copyOf(blocked));
    }

    private static void check(String action, List<String> available, List<Blocked> blocked, Runnable rule) {
        try {
            rule.run();
            available.add(action);
        } catch (DomainException e) {
            blocked.add(new Blocked(action, blockedCode(e), e.getMessage()));
        }
    }

    /**
     * The machine-readable reason of a refusal: the domain code, with return refusals refined by their reason
     * ({@code return.not_eligible.window_expired}, {@code return.not_eligible.not_shipped}, ...).
     */
    public static String blockedCode(DomainException e) {
        if (!"return.not_eligible".equals(e.code())) return e.code();
        Object reason = e.details().get("reason");
        if (reason == null) return e.code();
        return "return.not_eligible." + ("return_window_expired".equals(reason) ? "window_expired" : reason);
    }

    /** Cancelling the whole order: the order's own rules (not cancelled, none running, cancellable status, nothing shipped). */
    public static void requireCancellable(Order o) { o.checkFullCancellation(); }

    /** The tenant's cancellation policy ({@code before_confirmation} refuses confirmed orders): the cancellation use case's rule. */
    public static void requireCancelPolicy(Order o, TenantSettings settings) { CancellationService.checkPolicy(settings.cancellationPolicy(), o); }

    /** A return (or a replacement, which is a return settled by exchange): the returns use case's eligibility rules. */
    public static void requireReturnable(Order o, TenantSettings settings, Instant now) { Returns.checkEligible(o, settings.returnWindowDays(), now); }

    /**
     * Changing the shipping address: the order's details must still be editable, nothing may have shipped, and no
     * fulfilment may be open (it is with the warehouse or a fulfilment provider, which works from the address it was given).
     */
    public static void requireAddressChangeable(Order o) {
        o.checkDetailsEditable();
        for (OrderLine l : o.lines()) {
            if (o.units(l.id(), UnitMeasure.SHIPPED) > 0) {
                throw DomainException.conflict("order.blocked.already_shipped", "Part of order " + o.id() + " has shipped; its address can no longer change",
                        "Contact support to redirect the parcel with the carrier.");
            }
        }
        for (Fulfillment f : o.children(Fulfillment.class)) {
            if (f.status() != FulfillmentStatus.CANCELLED) {
                throw DomainException.conflict("order.blocked.fulfillment_in_progress", "Order " + o.id() + " is already with the warehouse (" + f.id() + ")",
                        "Contact support: the warehouse or fulfilment provider must be asked to change the address.")
                        .with("fulfillment_id", f.id());
            }
        }
    }

    /** Buying the same items again needs at least one line that was not cancelled in full. */
    public static void requireReorderable(Order o) {
        if (o.lines().stream().noneMatch(l -> l.quantity() > 0)) {
            throw DomainException.conflict("reorder.not_available.no_items", "Order " + o.id() + " has no items left to buy again",
                    "Every line of this order was cancelled.");
        }
    }
}
