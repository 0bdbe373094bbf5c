package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/** The customer-care routes (rate limits, guest lookup, messages, notifications) as one Lambda function. */
public final class CustomerCareApiFunction extends ApiFunction {
    public CustomerCareApiFunction() {
        super(CustomerCareApi.get().idempotency, CustomerCareApi.get().clock,
                new CustomerRateLimitsHandler(),
                new GuestLookupHandler(),
                new CustomerMessagesHandler(),
                new CustomerNotifyHandler());
    }
}
