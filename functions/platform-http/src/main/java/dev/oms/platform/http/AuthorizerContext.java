package dev.oms.platform.http;

import dev.oms.app.security.Caller;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * A caller context established before the function runs, in {@code requestContext.authorizer.lambda}: the template
 * has no authorizer (functions verify tokens themselves, {@link dev.oms.platform.auth.BearerAuthentication}), but an
 * operator may put one in front, and tests hand callers to handlers this way. It either describes the caller or
 * carries {@code auth_error}, so the handler answers a clear problem+json 401.
 */
public final class AuthorizerContext {
    public static final String ERROR = "auth_error";

    private AuthorizerContext() { }

    public static Map<String, Object> of(Caller c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant_id", c.tenantId());
        m.put("sub", c.subject());
        m.put("kind", c.kind());
        m.put("roles", String.join(",", c.roles()));
        if (c.customerId() != null) m.put("customer_id", c.customerId());
        if (c.impersonatedBy() != null) m.put("act", c.impersonatedBy());
        if (c.orderScope() != null) m.put("order_id", c.orderScope());
        return m;
    }

    public static Map<String, Object> error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ERROR, message);
        return m;
    }

    public static Caller caller(Map<String, String> m) {
        if (m.containsKey(ERROR) || !m.containsKey("tenant_id") || !m.containsKey("sub")) return null;
        String roles = m.getOrDefault("roles", "");
        return new Caller(m.get("tenant_id"), m.get("sub"), m.getOrDefault("kind", "agent"),
                roles.isEmpty() ? java.util.Set.of() : new LinkedHashSet<>(Arrays.asList(roles.split(","))),
                m.get("customer_id"), m.get("act"), m.get("order_id"));
    }
}
