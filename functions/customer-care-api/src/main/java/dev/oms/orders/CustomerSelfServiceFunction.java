package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/**
 * The customer API's self-service actions of part 3 as one Lambda function: shipment updates ({@code notify}),
 * reorders, coupon previews and the order's FAQ (docs/customer-api.md).
 */
public final class CustomerSelfServiceFunction extends ApiFunction {
    public CustomerSelfServiceFunction() { this(CustomerCareApi.get()); }

    CustomerSelfServiceFunction(CustomerCareApi p) {
        super(p.idempotency, p.clock, new CustomerNotifyHandler(p), new CustomerReorderHandler(p), new CustomerCouponHandler(p),
                new CustomerFaqHandler(p));
    }
}
