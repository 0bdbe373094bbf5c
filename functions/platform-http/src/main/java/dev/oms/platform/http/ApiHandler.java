package dev.oms.platform.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.oms.domain.DomainException;
import dev.oms.platform.Priming;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.observability.Observability;
import dev.oms.platform.ratelimit.RateLimitHeaders;
import dev.oms.platform.ratelimit.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.crac.Core;
import org.crac.Resource;

/**
 * The request path every endpoint group shares: route, authenticate, authorize, limit the body, Idempotency-Key
 * (replay, in progress, reused), call the endpoint, and turn every failure into problem+json. Subclasses only
 * declare their {@link Routes}. Each handler registers itself for SnapStart's checkpoint, where it {@link Priming primes}
 * its first request's code paths.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    public static final int MAX_BODY_BYTES = 256 * 1024;
    public static final int MAX_IDEMPOTENCY_KEY = 255;

    private final IdempotencyStore idempotency;
    private final Clock clock;

    protected ApiHandler(IdempotencyStore idempotency, Clock clock) {
        this.idempotency = idempotency;
        this.clock = clock;
        Core.getGlobalContext().register(this); // held by the Lambda runtime as long as the handler lives
    }

    public abstract Routes routes();

    /** The operation a request is for (its route key; under a greedy {@code {proxy+}} route, the handler route it matches). */
    private String operation(APIGatewayV2HTTPEvent event) {
        String key = event.getRouteKey();
        if (key == null || routes().find(key) != null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null) return key;
        Route r = routes().match(event.getRequestContext().getHttp().getMethod(), String.valueOf(event.getRawPath()));
        return r == null ? key : r.key();
    }

    /** The function's name in metrics and logs. */
    protected String name() { return getClass().getSimpleName(); }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        ApiResponse response = handle(event);
        Observability.request(name(), operation(event), response.status(), (System.nanoTime() - started) / 1_000_000);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(response.status()).withHeaders(response.headers())
                .withBody(response.body()).withIsBase64Encoded(false).build();
    }

    /** SnapStart: Lambda calls this once, after the handler's construction and before it snapshots the function. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) { Priming.prime(routes(), idempotency.table()); }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) { }

    public ApiResponse handle(APIGatewayV2HTTPEvent event) {
        ApiRequest request = null;
        RateLimiter.Decision quota = null;
        try {
            request = ApiRequest.from(event);
            dev.oms.platform.observability.ConnectorCallContext.correlationId(request.correlationId()); // connector call log
            Route route = request.routeKey() == null ? null : routes().find(request.routeKey());
            if (route == null) {
                route = routes().match(request.method(), request.path());
                if (route != null) request = request.withPathParams(PathTemplate.parameters(route.path(), request.path()));
            }
            if (route == null) {
                java.util.SortedSet<String> allowed = routes().methodsOf(request.path());
                if (!allowed.isEmpty()) return withRequestId(Problems.methodNotAllowed(request.method(), request.path(), allowed), request);
                throw new ApiProblem(404, "route.not_found", "No route " + request.method() + " " + request.path(),
                        "Check the method and path against the API reference.");
            }
            quota = countAgainstQuotas(route, request);
            if (quota != null && !quota.allowed()) throw rateLimited(quota);
            authorize(route, request);
            AdminSurface.check(route, request);
            checkBody(request);
            AdminSurface.checkReason(route, request);
            authenticateSender(route, request);
            RequestContract.check(route, request);
            // public routes have no caller to scope a key to (inbound webhooks de-duplicate on the sender's id instead)
            String key = route.idempotent() && route.permission() != null ? request.header("idempotency-key") : null;
            ApiResponse response = key == null ? route.endpoint().handle(request) : withIdempotencyKey(route, request, key);
            return RateLimitHeaders.apply(withRequestId(response, request), quota);
        } catch (Throwable t) {
            return RateLimitHeaders.apply(withRequestId(problem(t, request), request), quota);
        } finally {
            dev.oms.platform.observability.ConnectorCallContext.correlationId(null);
        }
    }

    /**
     * Every request of an authenticated caller counts against its tenant's and its own quota (docs/customer-care.md,
     * "Rate limits"); past either, the caller answers 429 {@code rate_limit.exceeded} with {@code Retry-After}. The
     * headers of the decision go on every answer.
     */
    private RateLimiter.Decision countAgainstQuotas(Route route, ApiRequest request) {
        RateLimiter limiter = route.permission() == null || request.caller() == null ? null : rateLimiter();
        return limiter == null ? null : limiter.acquire(request.caller());
    }

    /** The container's request quotas; a subclass may hand its own (null: none, for handlers tested without a table). */
    protected RateLimiter rateLimiter() {
        // OMS_RATE_LIMITS=off: no quotas (the benchmark measures the handlers' own cost; docs/deploying.md)
        if ("off".equals(dev.oms.platform.config.Env.get("OMS_RATE_LIMITS", "on"))) return null;
        return RateLimiter.shared(idempotency.table(), clock);
    }

    private static ApiProblem rateLimited(RateLimiter.Decision d) {
        RateLimiter.Quota q = d.quotas().stream().filter(x -> x.name().equals(d.refusedBy())).findFirst().orElseThrow();
        return new ApiProblem(429, "rate_limit.exceeded",
                "The " + q.name() + " quota of " + q.limit() + " requests per " + q.windowSeconds() + " s is used up",
                "Wait Retry-After seconds and send the request again; an administrator can raise the quotas (settings rate_limits).",
                Map.of("quota", q.name(), "retry_after", d.retryAfterSeconds()), java.util.List.of());
    }

    /**
     * Public routes whose sender signs each message (the inbound webhooks) check the signature here, before the request
     * is held to the contract: like a missing token on a secured route, a bad signature is 401 whatever the body.
     */
    protected void authenticateSender(Route route, ApiRequest request) { }

    private void authorize(Route route, ApiRequest request) {
        if (route.permission() == null) return;
        if (request.caller() == null) throw ApiProblem.unauthorized(request.authError());
        String tenantHeader = request.header("x-tenant-id");
        if (tenantHeader != null && !tenantHeader.equals(request.caller().tenantId())) {
            throw new ApiProblem(403, "auth.tenant_mismatch", "X-Tenant-ID does not match the token's tenant",
                    "Send the tenant of your token, or leave the header out.");
        }
        if (request.caller().warehouseScope() != null) checkWarehouseScope(route, request);
        if (request.caller().roles().contains(dev.oms.app.security.RolePermissions.READ_ONLY) && !route.method().equals("GET") && !route.method().equals("HEAD")) {
            throw new ApiProblem(403, "auth.read_only", "This token may read only",
                    "A read-only impersonation cannot change anything; ask for a write impersonation (sudo and a reason).");
        }
        if (!request.caller().can(route.permission())) {
            throw ApiProblem.forbidden("This needs the " + route.permission().wire() + " permission");
        }
    }

    /**
     * A warehouse key (seed 003 {@code /v1/fulfillment/keys}) acts on the warehouse routes only, and only in its own
     * warehouse: a {@code warehouse_id} in the query or at the top of the body naming another is 403
     * {@code auth.warehouse_scope}; records of another warehouse addressed by id are 404 in the use cases.
     */
    private static void checkWarehouseScope(Route route, ApiRequest request) {
        String scope = request.caller().warehouseScope();
        if (!route.path().startsWith("/v1/fulfillment/")) {
            throw new ApiProblem(403, "auth.warehouse_key_scope", "A warehouse key is for the /v1/fulfillment routes only",
                    "Use an agent token or an integration key for this route.");
        }
        String named = request.query("warehouse_id");
        String body = request.body();
        if (named == null && body != null && body.contains("\"warehouse_id\"")) {
            try {
                var field = dev.oms.platform.json.Json.parse(body).get("warehouse_id");
                if (field != null && field.isTextual()) named = field.textValue();
            } catch (Exception malformed) {
                // the handler answers the malformed body
            }
        }
        if (named != null && !named.equals(scope)) {
            throw new ApiProblem(403, "auth.warehouse_scope", "This key is scoped to warehouse " + scope + ", not " + named,
                    "Act in your own warehouse, or use a key of the other one.");
        }
    }

    private static void checkBody(ApiRequest request) {
        String body = request.body();
        if (body == null || body.isEmpty()) return;
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new ApiProblem(413, "request.too_large", "The body is larger than " + MAX_BODY_BYTES + " bytes",
                    "Send smaller requests; use the bulk import for large data sets.");
        }
        String type = request.header("content-type");
        String mediaType = type == null ? null : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (mediaType != null && !mediaType.equals("application/json")) {
            throw new ApiProblem(415, "request.unsupported_media_type", "Bodies must be application/json",
                    "Send Content-Type: application/json.");
        }
    }

    private ApiResponse withIdempotencyKey(Route route, ApiRequest request, String key) {
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY) {
            throw ApiProblem.badRequest("idempotency.key_invalid", "Idempotency-Key must have 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        String scope = request.caller().subject() + "\n" + route.key() + "\n" + key;
        String fingerprint = fingerprint(request);
        return once(request, request.caller().tenantId(), scope, fingerprint, done -> {
            if (!done.fingerprint().equals(fingerprint)) throw keyReused();
            Map<String, String> headers = new LinkedHashMap<>(done.headers());
            headers.put("idempotent-replayed", "true");
            return new ApiResponse(done.status(), headers, done.body());
        }, route.endpoint());
    }

    /**
     * Runs {@code endpoint} at most once per {@code scope} of the tenant. The first request claims the scope, and its
     * response is stored: in the same transaction as the change when the use case commits one (through the request's
     * journal), on its own otherwise. A later request finds it completed and answers {@code replay} of it; one that
     * finds it still running gets 409 {@code idempotency.in_progress} (422 {@code idempotency.key_reused} when the
     * fingerprints differ). A request that fails gives the scope back, so it can be retried.
     */
    protected ApiResponse once(ApiRequest request, String tenant, String scope, String fingerprint,
                               Function<IdempotencyStore.Completed, ApiResponse> replay, Route.Endpoint endpoint) {
        String owner = request.requestId() != null ? request.requestId() : java.util.UUID.randomUUID().toString();
        IdempotencyStore.Claim claim = idempotency.claim(tenant, scope, owner, fingerprint);
        if (claim instanceof IdempotencyStore.Completed done) return replay.apply(done);
        if (claim instanceof IdempotencyStore.InProgress p) {
            if (!p.fingerprint().equals(fingerprint)) throw keyReused();
            throw new ApiProblem(409, "idempotency.in_progress", "The first request with this Idempotency-Key (or webhook-id) is still running",
                    "Wait a moment and retry with the same key to get its response.");
        }
        HttpJournal journal = new HttpJournal(tenant, scope, owner, fingerprint, clock.instant().getEpochSecond() + IdempotencyStore.TTL_SECONDS);
        request.useJournal(journal);
        try {
            ApiResponse response = endpoint.handle(request);
            if (!journal.isWritten()) idempotency.complete(journal.record(response));
            return response;
        } catch (RuntimeException | Error e) {
            releaseQuietly(journal);
            throw e;
        }
    }

    private static ApiProblem keyReused() {
        return new ApiProblem(422, "idempotency.key_reused", "This Idempotency-Key was used for a different request",
                "Use a new key for a new request.");
    }

    /** Method, path, sorted query and body: what makes two requests "the same". */
    static String fingerprint(ApiRequest r) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            Map<String, String> sortedQuery = new TreeMap<>();
            for (String part : r.rawQuery().split("&")) if (!part.isEmpty()) sortedQuery.put(part, "");
            md.update((r.method() + " " + r.path() + "?" + String.join("&", sortedQuery.keySet()) + "\n").getBytes(StandardCharsets.UTF_8));
            if (r.header("if-match") != null) md.update(("if-match:" + r.header("if-match") + "\n").getBytes(StandardCharsets.UTF_8));
            if (r.body() != null) md.update(r.body().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void releaseQuietly(HttpJournal j) {
        try {
            if (!j.isWritten()) idempotency.release(j.tenant(), j.scope(), j.owner());
        } catch (RuntimeException e) {
            Observability.error("could not release idempotency claim", e);
        }
    }

    private static ApiResponse problem(Throwable t, ApiRequest request) {
        String instance = request == null ? null : request.path();
        if (t instanceof ApiProblem p) return Problems.of(p, instance);
        if (t instanceof DomainException d) return Problems.of(d, instance);
        if (t instanceof ArithmeticException) {
            return Problems.build(422, "amount.overflow", "An amount or quantity is too large to compute exactly",
                    "Use smaller quantities or amounts.", Map.of(), java.util.List.of(), instance);
        }
        if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().equals("bad position")) {
            return Problems.build(400, "request.invalid_cursor", "The cursor is not valid", "Start from the first page.", Map.of(), java.util.List.of(), instance);
        }
        Observability.error("unhandled error", t);
        return Problems.build(500, "internal.error", "Something went wrong on our side",
                "Retry the request; if it keeps failing, contact support with the request id.", Map.of(), java.util.List.of(), instance);
    }

    private static ApiResponse withRequestId(ApiResponse response, ApiRequest request) {
        return request == null || request.requestId() == null ? response : response.withHeader("x-request-id", request.requestId());
    }
}
