package dev.oms.orders;

import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.guest.GuestLookupService;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException.FieldError;
import dev.oms.domain.settings.RateLimits;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Problems;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.observability.Observability;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Seed 001 section 1, "guest lookup" (docs/customer-care.md): an email and an order number send a one-time code to
 * the order's email; the code exchanges for a short-lived token that reads that one order. Both routes need no token
 * but {@code X-Tenant-ID}. A hit, a miss and a wrong email get the same answer in the same time (every answer waits
 * until {@link #RESPONSE_FLOOR_MILLIS} after the request began), attempts are counted per order number and per client
 * address, and an order id is never a credential.
 */
public final class GuestLookupHandler extends ApiHandler {
    /** Every answer of these routes leaves no sooner than this after the request came in: hit and miss look alike. */
    public static final long RESPONSE_FLOOR_MILLIS = 250;
    /** How long the guest token lives. */
    public static final long TOKEN_TTL_SECONDS = 900;
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private final CustomerCareApi p;
    private final Routes routes;

    public GuestLookupHandler() { this(CustomerCareApi.get()); }

    GuestLookupHandler(CustomerCareApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/customer/orders/lookup", r -> atTheFloor(() -> lookup(r))),
                post("/v1/customer/orders/lookup/verify", r -> atTheFloor(() -> verify(r))));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse lookup(ApiRequest r) {
        String tenant = tenant(r);
        String email = r.query("email").trim();
        long number = Long.parseLong(r.query("order_number"));
        ApiResponse throttled = throttle(r, tenant, number);
        if (throttled != null) return throttled;
        GuestLookupService.Outcome outcome = p.guestLookup.lookup(tenant, email, number);
        if (outcome == GuestLookupService.Outcome.NOTIFICATION_FAILED) {
            Observability.log().warn("guest lookup: the verification email could not be sent (tenant {}, request {})", tenant, r.requestId());
        }
        ObjectNode o = Json.object();
        o.put("status", "verification_sent");
        o.put("detail", "If the email address and order number match an order, a verification code is on its way to that address.");
        o.put("code_ttl_seconds", GuestLookupService.CODE_TTL_SECONDS);
        return ApiResponse.accepted(o);
    }

    private ApiResponse verify(ApiRequest r) {
        String tenant = tenant(r);
        Body b = Body.parse(r.body());
        b.allow("email", "order_number", "code");
        String email = b.string("email", true, 254);
        Long number = b.integer("order_number", true, 1, Long.MAX_VALUE);
        String code = b.string("code", true, 6);
        if (code != null && !CODE.matcher(code).matches()) b.error("code", "field.pattern", "code is the 6 digits of the email");
        b.check();
        ApiResponse throttled = throttle(r, tenant, number);
        if (throttled != null) return throttled;
        String orderId = p.guestLookup.verify(tenant, email.trim(), number, code)
                .orElseThrow(() -> new ApiProblem(422, "guest_lookup.verification_failed", "The code does not open an order",
                        "Check the code, the email address and the order number, or look the order up again for a new code."));
        Caller guest = Caller.guest(tenant, orderId);
        ObjectNode o = Json.object();
        o.put("access_token", p.tokens.mint(guest, TOKEN_TTL_SECONDS));
        o.put("token_type", "Bearer");
        o.put("expires_in", TOKEN_TTL_SECONDS);
        o.put("expires_at", Times.format(p.clock.instant().plusSeconds(TOKEN_TTL_SECONDS)));
        o.put("order_id", orderId);
        o.put("scope", "orders:read");
        return ApiResponse.ok(o);
    }

    /** The storefront's tenant: required, as there is no token to take it from. */
    private static String tenant(ApiRequest r) {
        String tenant = r.header("x-tenant-id");
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new ApiProblem(400, "request.invalid", "X-Tenant-ID is required", "Send the shop's tenant id in X-Tenant-ID.",
                    Map.of(), List.of(new FieldError("X-Tenant-ID", tenant == null ? "field.required" : "field.pattern",
                            "X-Tenant-ID names the shop's tenant (lower-case letters, digits, - and _)")));
        }
        return tenant;
    }

    /** Lookups and code checks per order number and per client address, per 15 minutes (tenant setting rate_limits). */
    private ApiResponse throttle(ApiRequest r, String tenant, long orderNumber) {
        RateLimits limits = p.rateLimits.limits(tenant);
        String client = r.sourceIp() == null ? "unknown" : r.sourceIp();
        boolean clientOk = p.rateLimits.acquireExactly(tenant, "GUEST#CLIENT#" + p.guestLookup.subjectHash(tenant, client),
                RateLimits.GUEST_WINDOW_SECONDS, limits.guestLookupsPerClient());
        boolean orderOk = clientOk && p.rateLimits.acquireExactly(tenant, "GUEST#ORDER#" + p.guestLookup.subjectHash(tenant, Long.toString(orderNumber)),
                RateLimits.GUEST_WINDOW_SECONDS, limits.guestLookupsPerOrder());
        if (clientOk && orderOk) return null;
        long now = p.clock.instant().getEpochSecond();
        long retryAfter = Math.max(1, RateLimits.GUEST_WINDOW_SECONDS - Math.floorMod(now, RateLimits.GUEST_WINDOW_SECONDS));
        ApiProblem refused = new ApiProblem(429, "rate_limit.exceeded", "Too many lookups " + (clientOk ? "of this order number" : "from this client"),
                "Wait Retry-After seconds and try again.", Map.of("quota", clientOk ? "guest_order" : "guest_client", "retry_after", retryAfter), List.of());
        return Problems.of(refused, r.path()).withHeader("retry-after", Long.toString(retryAfter));
    }

    /** Runs the endpoint, then waits until {@link #RESPONSE_FLOOR_MILLIS} after it began, whatever it answered. */
    private static ApiResponse atTheFloor(java.util.function.Supplier<ApiResponse> endpoint) {
        long started = System.nanoTime();
        try {
            return endpoint.get();
        } finally {
            long left = RESPONSE_FLOOR_MILLIS - (System.nanoTime() - started) / 1_000_000;
            if (left > 0) {
                try {
                    Thread.sleep(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
