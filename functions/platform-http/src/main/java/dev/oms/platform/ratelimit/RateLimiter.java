package dev.oms.platform.ratelimit;

import dev.oms.app.security.Caller;
import dev.oms.domain.settings.RateLimits;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import dev.oms.platform.dynamo.DynamoRateCounters;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.RateLimitKeys;
import dev.oms.platform.dynamo.SingleTable;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-tenant and per-principal request quotas of every API surface (docs/customer-care.md, "Rate limits"), one per
 * container. Each quota is a fixed window counted in DynamoDB ({@link DynamoRateCounters}); a container does not ask
 * DynamoDB for every request: it leases a small batch of the window's requests with one conditional UpdateItem and
 * spends them locally, so the count can never pass the quota, and the amortised cost is one UpdateItem per batch.
 * The price: requests leased by a container and not spent before the window ends are counted as used, so a caller
 * spread over many containers may be refused up to (containers × batch) requests early — never late.
 * The tenant's quotas come from its settings ({@code rate_limits}), read once a minute per container.
 */
public final class RateLimiter {
    /** How long a container keeps a tenant's quotas before it reads its settings again. */
    public static final long POLICY_TTL_SECONDS = 60;
    /** The largest batch a container leases; a batch is at most a twentieth of the quota, so small quotas are exact. */
    public static final long MAX_BATCH = 50;

    private static volatile RateLimiter shared;

    private final SingleTable table;
    private final DynamoRateCounters counters;
    private final Clock clock;
    private final Map<String, CachedPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    public RateLimiter(SingleTable table, Clock clock) {
        this.table = table;
        this.counters = new DynamoRateCounters(table);
        this.clock = clock;
    }

    /** The container's limiter (all functions of a JVM share it, as they share one container on AWS). */
    public static RateLimiter shared(SingleTable table, Clock clock) {
        RateLimiter r = shared;
        if (r == null) {
            synchronized (RateLimiter.class) {
                if (shared == null) shared = new RateLimiter(table, clock);
                r = shared;
            }
        }
        return r;
    }

    /** Forgets the tenant's cached quotas (after a settings change in this container; others see it within a minute). */
    public static void policyChanged(String tenant) {
        RateLimiter r = shared;
        if (r != null) r.policies.remove(tenant);
    }

    /** One quota as the headers and {@code GET .../rate-limits} show it. */
    public record Quota(String name, long limit, int windowSeconds, long remaining, long resetSeconds) { }

    /** The outcome for one request: allowed or not, and both quotas after it ({@code tenant} first, then {@code principal}). */
    public record Decision(boolean allowed, String refusedBy, List<Quota> quotas) {
        public long retryAfterSeconds() {
            return quotas.stream().filter(q -> q.name().equals(refusedBy)).mapToLong(Quota::resetSeconds).findFirst().orElse(1);
        }
    }

    /** Counts one request of the caller against its tenant's and its own quota. */
    public Decision acquire(Caller caller) {
        RateLimits limits = limits(caller.tenantId());
        long now = clock.instant().getEpochSecond();
        int w = limits.windowSeconds();
        long windowStart = now - Math.floorMod(now, w);
        long reset = Math.max(1, windowStart + w - now);
        Lease principal = lease(caller.tenantId(), RateLimitKeys.principal(caller.subject()));
        Lease tenant = lease(caller.tenantId(), RateLimitKeys.TENANT);
        boolean principalOk = principal.take(windowStart, w, limits.principalRequests());
        boolean tenantOk = principalOk && tenant.take(windowStart, w, limits.tenantRequests());
        if (principalOk && !tenantOk) principal.giveBack(windowStart);
        String refusedBy = !principalOk ? "principal" : !tenantOk ? "tenant" : null;
        return new Decision(refusedBy == null, refusedBy, List.of(
                new Quota("tenant", limits.tenantRequests(), w, tenant.remaining(windowStart, limits.tenantRequests()), reset),
                new Quota("principal", limits.principalRequests(), w, principal.remaining(windowStart, limits.principalRequests()), reset)));
    }

    /**
     * The caller's quotas and their use in the current window as DynamoDB counts them (requests leased by containers
     * and not yet spent included): two reads, for {@code GET .../rate-limits}.
     */
    public List<Quota> usage(Caller caller) {
        RateLimits limits = limits(caller.tenantId());
        long now = clock.instant().getEpochSecond();
        int w = limits.windowSeconds();
        long windowStart = now - Math.floorMod(now, w);
        long reset = Math.max(1, windowStart + w - now);
        long tenantUsed = counters.used(caller.tenantId(), RateLimitKeys.TENANT, windowStart);
        long principalUsed = counters.used(caller.tenantId(), RateLimitKeys.principal(caller.subject()), windowStart);
        return List.of(new Quota("tenant", limits.tenantRequests(), w, Math.max(0, limits.tenantRequests() - tenantUsed), reset),
                new Quota("principal", limits.principalRequests(), w, Math.max(0, limits.principalRequests() - principalUsed), reset));
    }

    /** The tenant's quotas: its settings' {@code rate_limits}, kept {@link #POLICY_TTL_SECONDS} per container. */
    public RateLimits limits(String tenant) {
        long now = clock.instant().getEpochSecond();
        CachedPolicy c = policies.get(tenant);
        if (c != null && c.readAt() + POLICY_TTL_SECONDS > now) return c.limits();
        RateLimits limits = table.get(Keys.settings(tenant), Keys.SINGLE)
                .map(i -> DynamoOrderSettings.rateLimits(i.path("rate_limits"))).orElse(RateLimits.DEFAULTS);
        policies.put(tenant, new CachedPolicy(limits, now));
        return limits;
    }

    /**
     * Counts one attempt against a quota of its own ({@code quota} names it, e.g. a guest lookup's order number),
     * exactly: one UpdateItem per attempt, no lease. False when the window's {@code limit} is used up.
     */
    public boolean acquireExactly(String tenant, String quota, int windowSeconds, long limit) {
        long now = clock.instant().getEpochSecond();
        long windowStart = now - Math.floorMod(now, windowSeconds);
        return counters.take(tenant, quota, windowStart, windowSeconds, limit, 1).granted() == 1;
    }

    private Lease lease(String tenant, String quota) {
        return leases.computeIfAbsent(tenant + "\n" + quota, k -> new Lease(tenant, quota));
    }

    private record CachedPolicy(RateLimits limits, long readAt) { }

    /** The requests of one quota's window this container leased and has not spent yet. */
    private final class Lease {
        private final String tenant;
        private final String quota;
        private long windowStart = -1;
        private long tokens;
        private long countedUsed;
        private boolean exhausted;

        Lease(String tenant, String quota) {
            this.tenant = tenant;
            this.quota = quota;
        }

        synchronized boolean take(long window, int windowSeconds, long limit) {
            if (windowStart != window) {
                windowStart = window;
                tokens = 0;
                countedUsed = 0;
                exhausted = false;
            }
            if (tokens == 0 && !exhausted) {
                long batch = Math.max(1, Math.min(MAX_BATCH, limit / 20));
                DynamoRateCounters.Grant g = counters.take(tenant, quota, window, windowSeconds, limit, batch);
                tokens = g.granted();
                countedUsed = g.used();
                exhausted = g.granted() == 0;
            }
            if (tokens == 0) return false;
            tokens--;
            return true;
        }

        synchronized void giveBack(long window) {
            if (windowStart == window) tokens++;
        }

        /** What is left as this container knows it: the quota, less the window's count at the last lease, plus what it has not spent. */
        synchronized long remaining(long window, long limit) {
            if (windowStart != window) return limit;
            return Math.max(0, Math.min(limit, limit - countedUsed + tokens));
        }
    }
}
