package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/** The admin API's core part as one Lambda function: sudo and permissions, API keys, order actions, order views. */
public final class AdminApiFunction extends ApiFunction {
    public AdminApiFunction() { this(AdminApi.get()); }

    AdminApiFunction(AdminApi p) {
        super(p.idempotency, p.clock,
                new AdminSecurityHandler(p),
                new AdminKeysHandler(p),
                new AdminLifecycleHandler(p),
                new AdminOrderViewHandler(p),
                new AdminServiceInfoHandler(p));
    }
}
