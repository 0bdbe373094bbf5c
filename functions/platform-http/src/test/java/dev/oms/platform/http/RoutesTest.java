package dev.oms.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.security.Permission;
import org.junit.jupiter.api.Test;

class RoutesTest {
    private static final Route.Endpoint OK = r -> ApiResponse.noContent();

    @Test
    void findByRouteKey() {
        Route get = Route.get("/v1/orders/{orderId}", OK).requires(Permission.ORDERS_READ);
        Routes routes = Routes.of(get, Route.post("/v1/orders", OK));
        assertThat(routes.find("GET /v1/orders/{orderId}")).isSameAs(get);
        assertThat(routes.find("GET /v1/orders/abc")).isNull();
        assertThat(routes.find("DELETE /v1/orders/{orderId}")).isNull();
        assertThat(routes.all()).hasSize(2);
    }

    @Test
    void routeKeyPermissionAndIdempotency() {
        Route r = Route.patch("/v1/orders/{orderId}", OK).requires(Permission.ORDERS_WRITE);
        assertThat(r.key()).isEqualTo("PATCH /v1/orders/{orderId}");
        assertThat(r.permission()).isEqualTo(Permission.ORDERS_WRITE);
        assertThat(r.idempotent()).isTrue();
        assertThat(Route.get("/x", OK).idempotent()).isFalse();
        assertThat(Route.get("/x", OK).permission()).isNull();
        assertThat(Route.post("/x", OK).idempotent()).isTrue();
        assertThat(Route.delete("/x", OK).idempotent()).isTrue();
    }

    @Test
    void duplicateRouteKeysAreRefused() {
        assertThatThrownBy(() -> Routes.of(Route.get("/v1/orders", OK), Route.get("/v1/orders", OK)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GET /v1/orders");
    }

    @Test
    void matchByMethodAndPath() {
        Route get = Route.get("/v1/orders/{orderId}", OK);
        Route patch = Route.patch("/v1/orders/{orderId}", OK);
        Routes routes = Routes.of(get, patch);
        assertThat(routes.match("GET", "/v1/orders/abc")).isSameAs(get);
        assertThat(routes.match("PATCH", "/v1/orders/abc")).isSameAs(patch);
        assertThat(routes.match("DELETE", "/v1/orders/abc")).isNull();
        assertThat(routes.match("GET", "/v1/orders/abc/lines")).isNull();
    }
    @Test
    void literalRouteWinsOverParameterRouteWhateverTheOrder() {
        Route byId = Route.get("/v1/orders/{orderId}", OK);
        Route audit = Route.get("/v1/orders/audit", OK);
        assertThat(Routes.of(byId, audit).match("GET", "/v1/orders/audit")).isSameAs(audit);
    }

    @Test
    void literalRouteDeclaredFirstWins() {
        Route byId = Route.get("/v1/orders/{orderId}", OK);
        Route audit = Route.get("/v1/orders/audit", OK);
        assertThat(Routes.of(audit, byId).match("GET", "/v1/orders/audit")).isSameAs(audit);
        assertThat(Routes.of(audit, byId).match("GET", "/v1/orders/o1")).isSameAs(byId);
    }
}
