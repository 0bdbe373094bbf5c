package dev.oms.domain.settings;

import dev.oms.domain.DomainException.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's request quotas (setting {@code rate_limits}, docs/settings.md and docs/customer-care.md): every API
 * request counts against the tenant's quota and its principal's, per fixed window of {@code windowSeconds}; the guest
 * order lookup has its own attempts per order number and per client, per {@link #GUEST_WINDOW_SECONDS}.
 *
 * @param windowSeconds          length of a quota window (1–3600 s, default 60)
 * @param tenantRequests         requests of the whole tenant per window (default 12,000)
 * @param principalRequests      requests of one principal (token subject) per window, at most the tenant's (default 1,200)
 * @param guestLookupsPerOrder   guest lookups and code checks per order number per 15 minutes (default 10)
 * @param guestLookupsPerClient  guest lookups and code checks per client address per 15 minutes (default 30)
 */
public record RateLimits(int windowSeconds, long tenantRequests, long principalRequests, long guestLookupsPerOrder,
                         long guestLookupsPerClient) {
    public static final int GUEST_WINDOW_SECONDS = 900;
    public static final int MAX_WINDOW_SECONDS = 3600;
    public static final long MAX_REQUESTS = 1_000_000, MAX_GUEST_LOOKUPS = 100_000;
    public static final List<String> FIELDS = List.of("window_seconds", "tenant_requests", "principal_requests",
            "guest_lookups_per_order", "guest_lookups_per_client");
    public static final RateLimits DEFAULTS = new RateLimits(60, 12_000, 1_200, 10, 30);

    /** The fields as the API and the settings item show them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window_seconds", (long) windowSeconds);
        m.put("tenant_requests", tenantRequests);
        m.put("principal_requests", principalRequests);
        m.put("guest_lookups_per_order", guestLookupsPerOrder);
        m.put("guest_lookups_per_client", guestLookupsPerClient);
        return m;
    }

    /**
     * These limits with the fields of {@code change} (an object of field name to Long) applied; each bad value adds
     * an error named {@code field.name}, and then the result is this unchanged.
     */
    RateLimits with(String field, Object change, List<FieldError> errors) {
        if (!(change instanceof Map<?, ?> m)) {
            errors.add(new FieldError(field, "field.type", field + " is an object with any of " + String.join(", ", FIELDS)));
            return this;
        }
        Map<String, Object> next = toMap();
        int before = errors.size();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String name = String.valueOf(e.getKey());
            String path = field + "." + name;
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(path, "field.unknown", "Unknown rate limit " + name));
                continue;
            }
            long max = switch (name) {
                case "window_seconds" -> MAX_WINDOW_SECONDS;
                case "tenant_requests", "principal_requests" -> MAX_REQUESTS;
                default -> MAX_GUEST_LOOKUPS;
            };
            if (!(e.getValue() instanceof Long n)) {
                errors.add(new FieldError(path, "field.type", path + " is an integer"));
            } else if (n < 1 || n > max) {
                errors.add(new FieldError(path, "field.out_of_range", path + " must be between 1 and " + max));
            } else {
                next.put(name, n);
            }
        }
        if (errors.size() > before) return this;
        RateLimits r = new RateLimits((int) (long) (Long) next.get("window_seconds"), (Long) next.get("tenant_requests"),
                (Long) next.get("principal_requests"), (Long) next.get("guest_lookups_per_order"), (Long) next.get("guest_lookups_per_client"));
        if (r.principalRequests > r.tenantRequests) {
            errors.add(new FieldError(field + ".principal_requests", "field.out_of_range", "principal_requests must not exceed tenant_requests"));
            return this;
        }
        return r;
    }
}
