package dev.oms.platform.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.oms.platform.dynamo.IdempotencyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crac.Resource;

/**
 * One Lambda function for several endpoint groups of the same jar: each request goes to the handler that declares its
 * route and runs with that handler's own checks. A function costs a CloudFormation stack four resources (the function,
 * its role, and the version and alias SnapStart needs) and a stack holds at most 500, so the groups of a module share
 * one function ({@code docs/design-notes.md}, "Lean functions").
 */
public abstract class ApiFunction extends ApiHandler {
    private final List<ApiHandler> handlers;
    private final Map<String, ApiHandler> owners = new HashMap<>();
    private final Routes routes;

    protected ApiFunction(IdempotencyStore idempotency, Clock clock, ApiHandler... handlers) {
        super(idempotency, clock);
        this.handlers = List.of(handlers);
        List<Route> all = new ArrayList<>();
        for (ApiHandler h : handlers) {
            for (Route r : h.routes().all()) {
                if (owners.putIfAbsent(r.key(), h) != null) throw new IllegalStateException("two handlers declare " + r.key());
                all.add(r);
            }
        }
        routes = Routes.of(all.toArray(Route[]::new));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * The handler that declares the request's route: by the route key when API Gateway matched one of the handlers'
     * routes, else (a greedy {@code {proxy+}} route) by method and path, else by path alone (it answers 405).
     */
    private ApiHandler owner(APIGatewayV2HTTPEvent event) {
        ApiHandler h = event.getRouteKey() == null ? null : owners.get(event.getRouteKey());
        if (h != null) return h;
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? null
                : event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath();
        if (method != null && path != null) {
            Route r = routes.match(method.toUpperCase(java.util.Locale.ROOT), path);
            if (r == null) r = routes.matchAnyMethod(path);
            if (r != null) return owners.get(r.key());
        }
        return handlers.get(0);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return owner(event).handleRequest(event, context);
    }

    @Override
    public ApiResponse handle(APIGatewayV2HTTPEvent event) { return owner(event).handle(event); }

    /** Nothing of its own: each handler registered itself with the runtime and primes its own routes. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) { }
}
