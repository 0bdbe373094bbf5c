package dev.oms.benchmark;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.oms.orders.OrderCrudHandler;
import java.lang.management.ManagementFactory;

/**
 * One cold start, run in a fresh JVM by {@link Benchmark}: construct {@link OrderCrudHandler} and answer one
 * {@code POST /v1/orders}, configured like Lambda would (through -D system properties). Prints one line:
 * {@code <ms from JVM start to the response> <ms in handler construction + first request>}.
 */
public final class ColdStart {
    private ColdStart() { }

    public static void main(String[] args) {
        APIGatewayV2HTTPEvent event = Events.request("POST", "/v1/orders")
                .body("{\"customer_id\":\"cust-cold\",\"currency\":\"GBP\",\"items\":[" + Events.lineBody("SKU-1", 1, 999) + "]}")
                .as(Events.agent("bench"))
                .build();
        long handlerStart = System.nanoTime();
        OrderCrudHandler handler = new OrderCrudHandler();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new LambdaContext("cold-start", "OrderCrudFunction"));
        long done = System.nanoTime();
        long now = System.currentTimeMillis(); // read before the management classes load
        long sinceJvmStart = now - ManagementFactory.getRuntimeMXBean().getStartTime();
        if (response.getStatusCode() != 201) {
            System.err.println("expected 201, got " + response.getStatusCode() + ": " + response.getBody());
            System.exit(1);
        }
        System.out.println(sinceJvmStart + " " + (done - handlerStart) / 1_000_000.0);
    }
}
