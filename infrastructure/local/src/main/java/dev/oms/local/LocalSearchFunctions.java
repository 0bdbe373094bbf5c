package dev.oms.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;

/**
 * The search functions of the template, in front of the local node's start: the search routes start the node (on
 * demand) and wait for it; the projector skips its records until a start was asked for (with {@code --search
 * on-demand}, orders written before the first search are indexed by the rebuild, {@code POST
 * /v1/orders/search/reindex}), and then waits for the node too.
 */
final class LocalSearchFunctions {
    static final String SEARCH_FUNCTION = "OrderSearchFunction";
    static final String PROJECTOR_FUNCTION = "OrderSearchProjectorFunction";
    /** The seller orchestrator's list reads the index too (seed 004). */
    static final String MERCHANT_FUNCTION = "MerchantOrdersFunction";

    private LocalSearchFunctions() { }

    @SuppressWarnings("unchecked")
    static void gate(LocalFunctions functions, LocalSearch search) {
        if (!search.enabled()) return;
        for (String name : List.of(SEARCH_FUNCTION, MERCHANT_FUNCTION)) {
            if (!functions.exists(name)) continue;
            var api = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) functions.instance(name);
            functions.replace(name, new RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>() {
                @Override
                public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
                    // of the seller routes, only the list reads the index
                    boolean reads = !name.equals(MERCHANT_FUNCTION) || (event.getRawPath() != null && event.getRawPath().endsWith("/orders"));
                    try {
                        if (reads) search.awaitReady();
                    } catch (RuntimeException e) {
                        // the handler answers 503 search.unavailable when the node cannot be reached
                    }
                    return api.handleRequest(event, context);
                }
            });
        }
        if (functions.exists(PROJECTOR_FUNCTION)) {
            var projector = (RequestHandler<DynamodbEvent, StreamsEventResponse>) functions.instance(PROJECTOR_FUNCTION);
            functions.replace(PROJECTOR_FUNCTION, new RequestHandler<DynamodbEvent, StreamsEventResponse>() {
                @Override
                public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
                    if (!search.requested()) return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
                    try {
                        search.awaitReady(); // like a cold start: the batch waits for the node rather than failing
                    } catch (RuntimeException e) {
                        // the projector reports the batch as failed and the stream retries it
                    }
                    return projector.handleRequest(event, context);
                }
            });
        }
    }
}
