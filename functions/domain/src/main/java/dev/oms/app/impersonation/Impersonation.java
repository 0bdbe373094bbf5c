package dev.oms.app.impersonation;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderService;
import dev.oms.app.OrderTransactions;
import dev.oms.app.port.OrderSettingsStore;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Staff acting as a customer (issue 13): the customer's consent, under the tenant's {@code impersonation_consent}
 * setting, decides; the impersonation is recorded on the order ({@code order.customer_impersonated}, which tells the
 * customer through the notifications subscriber) and the caller it answers acts as the customer with the staff member
 * as {@link Caller#impersonatedBy()}, so every change it makes is audited with both identities. A read-only
 * impersonation carries the role {@link #READ_ONLY_ROLE}, which refuses every write.
 */
public final class Impersonation {
    public static final String READ_ONLY_ROLE = dev.oms.app.security.RolePermissions.READ_ONLY;
    public static final Duration MAX_TTL = Duration.ofMinutes(15), MIN_TTL = Duration.ofMinutes(1);
    public static final String READ = "read", WRITE = "write";

    private final ImpersonationConsentStore consents;
    private final OrderSettingsStore settings;
    private final OrderTransactions tx;
    private final Clock clock;

    public Impersonation(ImpersonationConsentStore consents, OrderSettingsStore settings, OrderService orders, Clock clock) {
        this.consents = consents;
        this.settings = settings;
        this.tx = orders.transactions();
        this.clock = clock;
    }

    /** Who the token acts as, for how long, and the order (with its {@code order.customer_impersonated} event). */
    public record Granted(Order order, Caller caller, String mode, Instant expiresAt) { }

    /**
     * Records the impersonation of the customer of an order for {@code ttl} (1-15 minutes) in {@code mode} {@code read}
     * or {@code write}: 422 {@code order.no_customer} for an order without a customer; 403
     * {@code impersonation.not_consented} when the customer's choice under the tenant's setting does not allow it.
     */
    public Granted impersonate(CommandContext ctx, String orderId, String mode, Duration ttl) {
        Order current = tx.get(ctx, orderId);
        String customerId = current.customerId();
        if (customerId == null) {
            throw DomainException.unprocessable("order.no_customer", "Order " + orderId + " has no customer to act as",
                    "Guest orders are looked up with the guest lookup instead.");
        }
        var tenantSettings = settings.load(ctx.tenantId()).settings();
        String setting = tenantSettings.impersonationConsent();
        Boolean choice = consents.find(ctx.tenantId(), customerId).map(ImpersonationConsent::allowed).orElse(null);
        if (!tenantSettings.impersonationAllowed(choice)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "impersonation.not_consented",
                    "Customer " + customerId + " has not agreed to be impersonated (tenant setting " + setting + ", customer choice "
                            + (choice == null ? "none" : choice ? "allowed" : "refused") + ")",
                    "Ask the customer to opt in (POST /v1/customer/impersonation-consent), or help them without impersonating.")
                    .with("impersonation_consent", setting);
        }
        Instant expires = clock.instant().plus(ttl);
        Caller staff = ctx.caller();
        Set<String> roles = WRITE.equals(mode) ? Set.of("customer") : Set.of("customer", READ_ONLY_ROLE);
        Caller asCustomer = new Caller(staff.tenantId(), customerId, "customer", roles, customerId, staff.subject());
        Order order = tx.mutate(ctx, orderId, false, o -> {
            dev.oms.domain.order.CustomerImpersonations.record(o, staff.subject(), mode, expires, ctx.reason(), clock.instant());
            return o;
        });
        return new Granted(order, asCustomer, mode, expires);
    }

}
