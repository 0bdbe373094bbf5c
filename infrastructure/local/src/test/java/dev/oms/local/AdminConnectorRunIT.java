package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 {@code POST /v1/admin/connectors/{id}/run} (docs/admin-operations.md#running-a-connector): a fulfilment handed
 * to the provider again under its key (one order at the provider), a payment reconciled, a shipment tracked; recorded
 * on the order; bad ports, targets, roles and tenants refused.
 */
class AdminConnectorRunIT {
    static List<String> timeline(Client c, String orderId) {
        List<String> types = new ArrayList<>();
        c.get("/v1/orders/" + orderId + "/timeline?limit=100").json().path("data").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    @Test
    void eachPortRunsThroughItsUseCaseAndIsRecorded() {
        String t = newTenant();
        Client admin = as(t, "admin-run", "admin");
        ReturnsKit.Shipped s = ReturnsKit.shippedOrder(t, admin, "c-run", 0);
        Resp f = admin.post("/v1/orders/" + s.orderId() + "/fulfillments", Map.of("warehouse_id", "wh_run",
                "lines", List.of(Map.of("line_id", s.lineId(), "quantity", 1))));
        String ful = f.json().path("id").asText();

        Resp first = admin.post("/v1/admin/connectors/fulfillment_provider/run", Map.of("fulfillment_id", ful, "reason", "3PL lost it"));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("operation").asText()).isEqualTo("dispatch");
        String reference = first.json().path("outcome").path("provider_reference").asText();
        assertThat(reference).isNotBlank();
        Resp again = admin.post("/v1/admin/connectors/fulfillment_provider/run", Map.of("fulfillment_id", ful, "reason", "once more"));
        assertThat(again.json().path("outcome").path("provider_reference").asText()).isEqualTo(reference);
        assertThat(timeline(admin, s.orderId())).contains("order.connector_run");

        String paymentId = admin.get("/v1/orders/" + s.orderId()).json().path("payments").get(0).path("payment_id").asText();
        Resp pay = admin.post("/v1/admin/connectors/payments/run", Map.of("order_id", s.orderId(), "payment_id", paymentId, "reason", "resync"));
        assertThat(pay.status()).as(pay.toString()).isEqualTo(200);
        assertThat(pay.json().path("operation").asText()).isEqualTo("reconcile");
        assertThat(pay.json().path("outcome").has("balanced")).isTrue();

        Resp shipped = admin.post("/v1/orders/" + s.orderId() + "/shipments", Map.of("fulfillment_ids", List.of(ful)));
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        String shipmentId = shipped.json().path("id").asText();
        Resp track = admin.post("/v1/admin/connectors/carrier/run", Map.of("shipment_id", shipmentId, "reason", "customer asks"));
        assertThat(track.status()).as(track.toString()).isEqualTo(200);
        assertThat(track.json().path("outcome").path("status").asText()).isEqualTo("label_created");
        // a shipped fulfilment is not handed over again
        assertThat(admin.post("/v1/admin/connectors/fulfillment_provider/run", Map.of("fulfillment_id", ful, "reason", "again")).code())
                .isEqualTo("connector.run_not_applicable");
    }

    @Test
    void badPortsTargetsRolesAndTenantsAreRefused() {
        String t = newTenant();
        Client admin = as(t, "admin-run2", "admin");
        String orderId = create(admin, order("c-run2"));
        Resp unknown = admin.post("/v1/admin/connectors/fraud/run", Map.of("order_id", orderId, "reason", "try"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("connector.run_not_supported");
        assertThat(admin.post("/v1/admin/connectors/carrier/run", Map.of("reason", "no target")).status()).isEqualTo(400);
        assertThat(admin.post("/v1/admin/connectors/carrier/run", Map.of("shipment_id", "shp_x")).code()).isEqualTo("validation.reason_required");
        assertThat(admin.post("/v1/admin/connectors/carrier/run", Map.of("shipment_id", "shp_missing", "reason", "x y z")).code()).isEqualTo("shipment.not_found");
        assertThat(as(t, "sup-run", "supervisor").post("/v1/admin/connectors/carrier/run", Map.of("shipment_id", "shp_x", "reason", "try")).code())
                .isEqualTo("auth.forbidden");
        JsonNode other = as(newTenant(), "admin-x", "admin").post("/v1/admin/connectors/payments/run",
                Map.of("order_id", orderId, "payment_id", "pay_x", "reason", "not mine")).json();
        assertThat(other.path("code").asText()).isEqualTo("order.not_found");
    }
}
