package dev.oms.orders;

import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.PathTemplate;
import dev.oms.platform.http.Problems;
import dev.oms.platform.http.Route;
import dev.oms.platform.http.Routes;
import dev.oms.platform.template.SamTemplate;
import java.util.List;
import java.util.TreeSet;

/**
 * API Gateway's {@code $default} route: a path no route matches gets 404 {@code route.not_found}; a known path with
 * another method gets 405 {@code route.method_not_allowed} with an {@code Allow} header. The known routes come from
 * the packaged template.
 */
public final class RouteFallbackHandler extends ApiHandler {
    private static volatile List<SamTemplate.HttpRoute> known;
    private final Routes routes;

    public RouteFallbackHandler() { this(OrdersApi.get()); }

    RouteFallbackHandler(OrdersApi p) {
        super(p.idempotency, p.clock);
        Route.Endpoint fallback = this::fallback;
        this.routes = Routes.of(new Route("ANY", "$default", fallback, null));
    }

    @Override
    public Routes routes() { return routes; }

    @Override
    public ApiResponse handle(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent event) {
        event.setRouteKey("ANY $default");
        return super.handle(event);
    }

    private ApiResponse fallback(ApiRequest r) {
        TreeSet<String> allowed = new TreeSet<>();
        for (SamTemplate.HttpRoute route : knownRoutes()) {
            if (!route.path().equals("$default") && PathTemplate.matches(route.path(), r.path())) allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw new ApiProblem(404, "route.not_found", "No route " + r.method() + " " + r.path(),
                    "Check the method and path against the API reference.");
        }
        return Problems.methodNotAllowed(r.method(), r.path(), allowed);
    }

    private static List<SamTemplate.HttpRoute> knownRoutes() {
        if (known == null) known = SamTemplate.fromClasspath().httpRoutes();
        return known;
    }
}
