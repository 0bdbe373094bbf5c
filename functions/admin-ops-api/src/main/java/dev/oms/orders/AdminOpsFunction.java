package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/** The admin API's operations part as one Lambda function: operations, fraud review, work queues. */
public final class AdminOpsFunction extends ApiFunction {
    public AdminOpsFunction() { this(AdminOpsApi.get()); }

    AdminOpsFunction(AdminOpsApi p) {
        super(p.idempotency, p.clock, new AdminOpsHandler(p), new AdminFraudHandler(p), new AdminQueuesHandler(p),
                new AdminWebhooksHandler(p),
                new AdminNotesHandler(p), new AdminCasesHandler(p));
    }
}
