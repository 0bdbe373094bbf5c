package dev.oms.platform.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.security.Caller;
import dev.oms.domain.settings.RateLimits;
import dev.oms.platform.json.Json;
import dev.oms.platform.ratelimit.RateLimiter;

/** The caller's request quotas and their use in the current window, and the guest lookup's limits (schema {@code CustomerRateLimits}). */
public final class RateLimitViews {
    private RateLimitViews() { }

    public static ObjectNode usage(RateLimiter rateLimits, Caller caller) {
        ObjectNode o = Json.object();
        ArrayNode quotas = o.putArray("quotas");
        for (RateLimiter.Quota q : rateLimits.usage(caller)) {
            ObjectNode n = quotas.addObject();
            n.put("name", q.name());
            n.put("limit", q.limit());
            n.put("window_seconds", q.windowSeconds());
            n.put("used", q.limit() - q.remaining());
            n.put("remaining", q.remaining());
            n.put("reset_seconds", q.resetSeconds());
        }
        RateLimits limits = rateLimits.limits(caller.tenantId());
        o.putObject("guest_lookup").put("per_order", limits.guestLookupsPerOrder()).put("per_client", limits.guestLookupsPerClient())
                .put("window_seconds", RateLimits.GUEST_WINDOW_SECONDS);
        return o;
    }
}
