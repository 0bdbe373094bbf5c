package dev.oms.orders;

import dev.oms.app.security.Permission;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.Route;

/**
 * The customer surface serves customer principals only: OMS-minted customer tokens and the customer tokens of the
 * tenant's identity providers, which name a customer. Staff, services and warehouses are refused with 403
 * {@code auth.forbidden} (they have the canonical {@code /v1/orders} API, which shows them everything this one hides);
 * an admin, whose role grants every permission, is refused the same way.
 */
final class CustomerOnly {
    private CustomerOnly() { }

    /** The route, needing {@code permission} (checked by the platform) and a customer caller (checked here, before the endpoint). */
    static Route route(Route route, Permission permission) {
        Route.Endpoint guarded = r -> {
            check(r);
            return route.endpoint().handle(r);
        };
        return new Route(route.method(), route.path(), guarded, permission, route.sudoRequired(), route.reasonRequired());
    }

    static void check(ApiRequest r) {
        if (r.caller() == null || !r.caller().isCustomer() || r.caller().customerId() == null) {
            throw ApiProblem.forbidden("The customer API serves customers; staff use /v1/orders");
        }
    }
}
