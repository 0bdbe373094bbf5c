package dev.oms.local;

import static dev.oms.local.TestSystem.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Orders of a customer in every shape the customer API shows: created, shipped with a label, returned, invoiced. */
final class CustomerKit {
    private CustomerKit() { }

    /** A shipped order (2 units shipped) with one unit returned, an invoice, and the parcel's tracking number. */
    record Rich(String orderId, String lineId, String shipmentId, String trackingNumber, String rmaId) { }

    static Rich richOrder(String tenant, String customerId) {
        Client agent = as(tenant, "agent-kit", "agent");
        ReturnsKit.Shipped s = ReturnsKit.shippedOrder(tenant, agent, customerId, 2);
        Client customer = customer(tenant, customerId);
        JsonNode shipment = customer.get("/v1/customer/orders/" + s.orderId() + "/shipments").json().path("data").get(0);
        String shipmentId = shipment.path("id").asText();
        String tracking = shipment.path("parcels").get(0).path("tracking_number").asText();
        Resp ret = customer.post("/v1/customer/orders/" + s.orderId() + "/return-request", Map.of("lines",
                List.of(Map.of("line_id", s.lineId(), "quantity", 1, "reason_code", "too_small")), "return_method", "dropoff"));
        if (ret.status() != 201) throw new IllegalStateException("return: " + ret);
        Resp inv = as(tenant, "finance-kit", "finance").post("/v1/orders/" + s.orderId() + "/invoices/generate", Map.of());
        if (inv.status() != 201) throw new IllegalStateException("invoice: " + inv);
        return new Rich(s.orderId(), s.lineId(), shipmentId, tracking, ret.json().path("rma_id").asText());
    }
}
