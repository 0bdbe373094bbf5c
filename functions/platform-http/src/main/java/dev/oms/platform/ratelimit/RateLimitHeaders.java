package dev.oms.platform.ratelimit;

import dev.oms.platform.http.ApiResponse;
import java.util.stream.Collectors;

/**
 * The IETF rate-limit fields (draft-ietf-httpapi-ratelimit-headers, structured fields), on every answer to an
 * authenticated request: {@code RateLimit-Policy: "tenant";q=12000;w=60, "principal";q=1200;w=60} and
 * {@code RateLimit: "tenant";r=11990;t=42, "principal";r=1190;t=42}; a refusal adds {@code Retry-After} (seconds).
 */
public final class RateLimitHeaders {
    private RateLimitHeaders() { }

    public static ApiResponse apply(ApiResponse response, RateLimiter.Decision d) {
        if (d == null) return response;
        String policy = d.quotas().stream().map(q -> "\"" + q.name() + "\";q=" + q.limit() + ";w=" + q.windowSeconds())
                .collect(Collectors.joining(", "));
        String state = d.quotas().stream().map(q -> "\"" + q.name() + "\";r=" + q.remaining() + ";t=" + q.resetSeconds())
                .collect(Collectors.joining(", "));
        ApiResponse out = response.withHeader("ratelimit-policy", policy).withHeader("ratelimit", state);
        return d.allowed() ? out : out.withHeader("retry-after", Long.toString(d.retryAfterSeconds()));
    }
}
