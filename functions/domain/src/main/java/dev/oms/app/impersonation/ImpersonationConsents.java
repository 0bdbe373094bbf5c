package dev.oms.app.impersonation;

import dev.oms.app.CommandContext;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The customer's own choice about impersonation ({@code GET}/{@code POST /v1/customer/impersonation-consent}): only the
 * customer makes it (not staff, not an impersonation token), each change written with its event.
 */
public final class ImpersonationConsents {
    static final int ATTEMPTS = 5;

    private final ImpersonationConsentStore consents;
    private final IdGenerator ids;
    private final Clock clock;

    public ImpersonationConsents(ImpersonationConsentStore consents, IdGenerator ids, Clock clock) {
        this.consents = consents;
        this.ids = ids;
        this.clock = clock;
    }

    /** The customer's current choice: allowed, refused, or never made (null). */
    public Boolean choice(CommandContext ctx) {
        return consents.find(ctx.tenantId(), customerOf(ctx)).map(ImpersonationConsent::allowed).orElse(null);
    }

    /** Records the customer's own choice (customers only); the same choice again changes nothing and writes nothing. */
    public ImpersonationConsent choose(CommandContext ctx, boolean allowed) {
        String customerId = customerOf(ctx);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            var current = consents.find(ctx.tenantId(), customerId);
            if (current.isPresent() && current.get().allowed() == allowed) return current.get();
            Instant now = clock.instant();
            ImpersonationConsent next = new ImpersonationConsent(ctx.tenantId(), customerId, allowed, now, current.map(ImpersonationConsent::version).orElse(0L) + 1);
            Map<String, String> md = new LinkedHashMap<>();
            if (ctx.caller().impersonatedBy() != null) md.put("impersonated_by", ctx.caller().impersonatedBy());
            CommandMeta meta = new CommandMeta(ctx.caller().actor(), ctx.correlationId(), now, ctx.reason(), md,
                    ctx.caller().roles().stream().sorted().toList(), ctx.clientIp());
            if (consents.save(next, ids.next("evt"), meta, ctx.journal().recordFor(next))) {
                ctx.journal().written();
                return next;
            }
        }
        throw DomainException.conflict("impersonation_consent.contention", "The choice kept changing while it was written", "Send it again.");
    }

    private static String customerOf(CommandContext ctx) {
        if (ctx.caller().customerId() == null) throw DomainException.notFound("customer.not_found", "Only a customer has an impersonation choice");
        if (ctx.caller().impersonatedBy() != null) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "impersonation.consent_by_customer_only",
                    "Only the customer decides about impersonation", "The customer signs in and chooses.");
        }
        return ctx.caller().customerId();
    }
}
