package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/** The admin API's edits, money, fulfilment and returns part as one Lambda function. */
public final class AdminMoneyFunction extends ApiFunction {
    public AdminMoneyFunction() { this(AdminMoneyApi.get()); }

    AdminMoneyFunction(AdminMoneyApi p) {
        super(p.idempotency, p.clock, new AdminEditsHandler(p), new AdminPaymentsHandler(p), new AdminFulfilmentHandler(p),
                new AdminReturnsHandler(p), new AdminConnectorRunsHandler(p));
    }
}
