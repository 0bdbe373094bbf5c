package dev.oms.app.privacy;

import dev.oms.app.CommandContext;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.RecordedEvent;
import dev.oms.domain.Actor;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.privacy.ErasureRequest;
import dev.oms.domain.privacy.PrivacyEventTypes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A customer's GDPR erasure requests (article 17): {@code POST /v1/customer/gdpr/erase-request} makes one (its
 * {@code customer.erasure_requested} event starts the {@code gdpr-erasure} workflow, {@link PersonalDataErasure}) and
 * the customer reads its status. One request runs at a time per customer: asking again while one runs answers it.
 * Only the customer asks (not staff, not an impersonation token).
 */
public final class ErasureRequests {
    private final ErasureRequestStore requests;
    private final IdGenerator ids;
    private final Clock clock;

    public ErasureRequests(ErasureRequestStore requests, IdGenerator ids, Clock clock) {
        this.requests = requests;
        this.ids = ids;
        this.clock = clock;
    }

    /** A request and whether this call made it (false: one was already under way, and it is answered). */
    public record Requested(ErasureRequest request, boolean created) { }

    // ---- the customer's side ----------------------------------------------------------------------------------

    public Requested request(CommandContext ctx) {
        String customerId = customerOf(ctx);
        String digest = digest(ctx.tenantId(), customerId);
        var latest = requests.latest(ctx.tenantId(), digest);
        if (latest.isPresent() && !latest.get().isFinal()) return new Requested(latest.get(), false);
        Instant now = clock.instant();
        String id = ids.next("era");
        Set<String> identifiers = new LinkedHashSet<>(List.of(customerId));
        if (ctx.caller().subject() != null && !ctx.caller().subject().isBlank()) identifiers.add(ctx.caller().subject());
        ErasureRequest r = new ErasureRequest(ctx.tenantId(), id, digest, customerId, List.copyOf(identifiers), "anon_" + id.substring(id.indexOf('_') + 1),
                ErasureRequest.PENDING, List.of(), 0, List.of(), null, null, now, now, 1);
        try {
            requests.create(r, latest.map(ErasureRequest::id).orElse(null), event(ids, ctx.caller().actor(), ctx.correlationId(), now,
                    PrivacyEventTypes.ERASURE_REQUESTED, Map.of("request_id", id)), ctx.journal().recordFor(new Requested(r, true)));
        } catch (dev.oms.app.port.ConcurrentUpdateException raced) { // another request of the customer was made at the same time
            var won = requests.latest(ctx.tenantId(), digest).filter(x -> !x.isFinal());
            if (won.isPresent()) return new Requested(won.get(), false);
            throw DomainException.conflict("erasure_request.contention", "Another erasure request was being made", "Send it again.");
        }
        ctx.journal().written();
        return new Requested(r, true);
    }

    /** The caller's own request; another customer's (or tenant's) is 404 like a missing one. */
    public ErasureRequest get(CommandContext ctx, String requestId) {
        String digest = digest(ctx.tenantId(), customerOf(ctx));
        return requests.find(ctx.tenantId(), requestId).filter(r -> r.subjectDigest().equals(digest))
                .orElseThrow(() -> DomainException.notFound("erasure_request.not_found", "No erasure request " + requestId));
    }

    private static String customerOf(CommandContext ctx) {
        if (ctx.caller().customerId() == null) throw DomainException.notFound("customer.not_found", "Only a customer asks to erase their data");
        if (ctx.caller().impersonatedBy() != null) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "erasure.by_customer_only", "Only the customer asks to erase their data",
                    "The customer signs in and asks.");
        }
        return ctx.caller().customerId();
    }

    static CommandMeta meta(Actor actor, String correlationId, Instant at) {
        return new CommandMeta(actor, correlationId, at, "gdpr erasure", Map.of(), List.of(), null);
    }

    static RecordedEvent event(IdGenerator ids, Actor actor, String correlationId, Instant at, String type, Map<String, Object> data) {
        return new RecordedEvent(ids.next("evt"), DomainEvent.of(type, data), meta(actor, correlationId, at));
    }

    /** SHA-256 of tenant and customer, hex: what the request keeps once it has ended. */
    public static String digest(String tenantId, String customerId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((tenantId + "\n" + customerId).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
