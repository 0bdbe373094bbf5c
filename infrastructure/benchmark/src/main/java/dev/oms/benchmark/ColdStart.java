package dev.oms.benchmark;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.oms.orders.OrdersApiFunction;

/**
 * One cold start, run in a fresh JVM by {@link Benchmark}: construct {@link OrdersApiFunction} (the orders module's
 * function, as the template names it) and answer one
 * {@code POST /v1/orders}, configured like Lambda would (through -D system properties). The caller's bearer token is
 * the first argument: {@link Benchmark} mints it, as on Lambda the caller brings it and the function only verifies it.
 * Prints
 * {@link ProcessFigures#line} (the measured work: handler construction and the first request).
 */
public final class ColdStart {
    private ColdStart() { }

    public static void main(String[] args) {
        APIGatewayV2HTTPEvent event = Events.request("POST", "/v1/orders")
                .body("{\"customer_id\":\"cust-cold\",\"currency\":\"GBP\",\"items\":[" + Events.lineBody("SKU-1", 1, 999) + "]}")
                .header("authorization", "Bearer " + args[0])
                .build();
        long handlerStart = System.nanoTime();
        OrdersApiFunction handler = new OrdersApiFunction();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new LambdaContext("cold-start", "OrdersApiFunction"));
        String figures = ProcessFigures.line(handlerStart);
        if (response.getStatusCode() != 201) {
            System.err.println("expected 201, got " + response.getStatusCode() + ": " + response.getBody());
            System.exit(1);
        }
        System.out.println(figures);
    }
}
