package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/** Cancellations, edits and repairs as one Lambda function. */
public final class CancellationsApiFunction extends ApiFunction {
    public CancellationsApiFunction() {
        super(CancellationsApi.get().idempotency, CancellationsApi.get().clock,
                new OrderCancellationHandler(),
                new OrderEditsHandler(),
                new RepairHandler());
    }
}
