package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.template.SamTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Object-level authorization on EVERY customer route (taken from the template, so a new route cannot be missed): a
 * second customer of the same tenant, and the same customer id in a second tenant, get the same 404 as for a missing
 * object, for every id the owner can use (order, shipment, tracking number, return); their lists and metrics hold
 * none of the owner's orders; staff get 403.
 */
class CustomerAccessSweepIT {
    static String tenant;
    static CustomerKit.Rich owned;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        owned = CustomerKit.richOrder(tenant, "cust-owner");
        // the owner's erasure request: rejected by the workflow (the order is under way), so nothing is erased
        erasureId = customer(tenant, "cust-owner").post("/v1/customer/gdpr/erase-request", Map.of("confirm", true)).json().path("request_id").asText();
    }

    static String erasureId;

    /**
     * The routes that serve a customer's own resources. The customer-care routes that are not about one customer's data
     * are left to their own tests: the quota of whoever calls ({@code /v1/customer/rate-limits}, any principal,
     * RateLimitsIT) and the guest lookup that needs no account ({@code /v1/customer/orders/lookup...}, GuestLookupIT).
     */
    static List<SamTemplate.HttpRoute> customerRoutes() throws Exception {
        return PlatformIT.operations().stream().filter(r -> r.path().startsWith("/v1/customer/"))
                .filter(r -> !r.path().equals("/v1/customer/rate-limits") && !r.path().startsWith("/v1/customer/orders/lookup")).toList();
    }

    static String concrete(String path, boolean missing) {
        return path.replace("{orderId}", missing ? "ord_01JMISSING0000000000000000" : owned.orderId())
                .replace("{shipmentId}", missing ? "shp_missing" : owned.shipmentId())
                .replace("{trackingNumber}", missing ? "NOSUCHPARCEL1" : owned.trackingNumber())
                .replace("{rmaId}", missing ? "ret_missing" : owned.rmaId())
                .replace("{requestId}", missing ? "era_missing" : erasureId);
    }

    /** The body of a route's request: none for a read. */
    static Object body(SamTemplate.HttpRoute r) { return r.method().equals("GET") ? null : body(r.path()); }

    static Object body(String path) {
        if (path.endsWith("/cancel-request")) return Map.of("reason", "not mine");
        if (path.endsWith("/impersonation-consent")) return Map.of("allowed", false);
        if (path.endsWith("/gdpr/erase-request")) return Map.of("confirm", true);
        if (path.endsWith("/messages")) return Map.of("text", "not mine");
        if (path.endsWith("/notify")) return Map.of("channel", "email", "action", "unsubscribe");
        if (path.endsWith("/apply-coupon")) return Map.of("code", "SPRING10");
        if (path.endsWith("/update-address")) {
            return Map.of("shipping_address", Map.of("name", "Eve", "line1", "1 Evil St", "city", "London", "postal_code", "N1 1AA", "country", "GB"));
        }
        if (path.endsWith("-request")) {
            return Map.of("lines", List.of(Map.of("line_id", owned.lineId(), "quantity", 1, "reason_code", "x")), "return_method", "ship");
        }
        return null;
    }

    @Test
    void everyRouteHidesTheOwnersObjectsFromAnotherCustomerAndAnotherTenant() throws Exception {
        String otherTenant = newTenant();
        List<Client> strangers = List.of(customer(tenant, "cust-stranger"), customer(otherTenant, "cust-owner"));
        int checked = 0;
        for (SamTemplate.HttpRoute r : customerRoutes()) {
            if (!r.path().contains("{")) continue;
            Resp missing = customer(tenant, "cust-owner").send(r.method(), concrete(r.path(), true), body(r));
            assertThat(missing.status()).as(r.key() + " missing").isEqualTo(404);
            for (Client stranger : strangers) {
                Resp resp = stranger.send(r.method(), concrete(r.path(), false), body(r));
                assertThat(resp.status()).as(r.key() + " " + resp).isEqualTo(404);
                assertThat(resp.code()).as(r.key()).isEqualTo(missing.code());
                assertThat(resp.json().path("detail").asText().replace(owned.orderId(), "ID").replace(owned.shipmentId(), "ID")
                        .replace(owned.trackingNumber(), "ID").replace(owned.rmaId(), "ID").replace(erasureId, "ID"))
                        .as(r.key() + ": the same body as a missing one").isEqualTo(missing.json().path("detail").asText()
                                .replace("ord_01JMISSING0000000000000000", "ID").replace("shp_missing", "ID").replace("NOSUCHPARCEL1", "ID").replace("ret_missing", "ID").replace("era_missing", "ID"));
            }
            checked++;
        }
        assertThat(checked).as("routes with an id").isGreaterThanOrEqualTo(12);
        // nothing changed for the owner
        JsonNode order = customer(tenant, "cust-owner").get("/v1/customer/orders/" + owned.orderId()).json();
        assertThat(order.path("shipping_address").path("name").asText()).isNotEqualTo("Eve");
        assertThat(order.path("status").asText()).isEqualTo("confirmed");
    }

    @Test
    void listsAndMetricsHoldOnlyTheCallersOrders() throws Exception {
        for (Client stranger : List.of(customer(tenant, "cust-stranger"), customer(newTenant(), "cust-owner"))) {
            for (SamTemplate.HttpRoute r : customerRoutes()) {
                if (r.path().contains("{") || !r.method().equals("GET")) continue;
                Resp resp = stranger.get(r.path());
                assertThat(resp.status()).as(r.key()).isEqualTo(200);
                assertThat(resp.text()).as(r.key()).doesNotContain(owned.orderId());
            }
            assertThat(stranger.get("/v1/customer/orders").json().path("data").size()).isZero();
            assertThat(stranger.get("/v1/customer/orders/metrics").json().path("orders_count").asLong()).isZero();
        }
    }

    @Test
    void staffAreRefusedOnEveryCustomerRouteButHealth() throws Exception {
        Client agent = as(tenant, "agent-sweep", "agent");
        Client admin = as(tenant, "admin-sweep", "admin");
        for (SamTemplate.HttpRoute r : customerRoutes()) {
            String path = concrete(r.path(), false);
            for (Client staff : List.of(agent, admin)) {
                Resp resp = staff.send(r.method(), path, body(r));
                int expected = r.path().equals("/v1/customer/health") ? 200 : 403;
                assertThat(resp.status()).as(r.key() + " " + resp).isEqualTo(expected);
            }
        }
    }
}
