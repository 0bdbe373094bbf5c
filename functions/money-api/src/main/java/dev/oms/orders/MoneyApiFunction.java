package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/** Refunds, invoices, documents and notes as one Lambda function. */
public final class MoneyApiFunction extends ApiFunction {
    public MoneyApiFunction() {
        super(MoneyApi.get().idempotency, MoneyApi.get().clock,
                new OrderRefundsHandler(),
                new OrderInvoicesHandler(),
                new OrderDocumentsHandler(),
                new OrderNotesHandler());
    }
}
