package dev.oms.orders;

import static dev.oms.app.security.Permission.CONNECTORS_MANAGE;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.registry.ConnectorRuns;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;

/**
 * Seed 001 section 2, connectors: {@code POST /v1/admin/connectors/{id}/run} re-syncs one order, fulfilment, payment or
 * shipment through the port {@code id} names (the ids of {@code GET /v1/admin/connectors}), by {@link ConnectorRuns}.
 */
public final class AdminConnectorRunsHandler extends ApiHandler {
    private final AdminMoneyApi p;
    private final Routes routes;

    public AdminConnectorRunsHandler() { this(AdminMoneyApi.get()); }

    AdminConnectorRunsHandler(AdminMoneyApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(post("/v1/admin/connectors/{id}/run", this::run).requires(CONNECTORS_MANAGE).reason());
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"order_id", "fulfillment_id", "payment_id", "shipment_id", "reason"}}: what the port's run needs. */
    private ApiResponse run(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("order_id", "fulfillment_id", "payment_id", "shipment_id", "reason");
        String orderId = b.string("order_id", false, 128), fulfillmentId = b.string("fulfillment_id", false, 128);
        String paymentId = b.string("payment_id", false, 128), shipmentId = b.string("shipment_id", false, 128);
        b.check();
        String port = r.pathParam("id");
        return r.execute(run -> {
            ObjectNode o = Json.object();
            o.put("connector", run.port());
            o.put("operation", run.operation());
            o.put("order_id", run.order().id());
            o.set("outcome", Json.valueToTree(run.outcome()));
            o.put("order_version", run.order().version());
            return ApiResponse.ok(o).withVersion(run.order().version());
        }, ctx -> p.connectorRuns.run(ctx, port, orderId, fulfillmentId, paymentId, shipmentId));
    }
}
