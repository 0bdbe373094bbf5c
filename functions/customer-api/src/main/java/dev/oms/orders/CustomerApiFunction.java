package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/** The customer self-service API (orders, requests, account) as one Lambda function. */
public final class CustomerApiFunction extends ApiFunction {
    public CustomerApiFunction() {
        super(CustomerApi.get().idempotency, CustomerApi.get().clock,
                new CustomerOrdersHandler(),
                new CustomerRequestsHandler(),
                new CustomerAccountHandler());
    }
}
