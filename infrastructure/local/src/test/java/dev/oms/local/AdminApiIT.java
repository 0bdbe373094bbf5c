package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin API's order actions and views (docs/admin-api.md): each action through the canonical use case, with its
 * reason, audit (roles, client address, correlation id), roles (403), tenants (404) and Idempotency-Key replays.
 */
class AdminApiIT {
    private final String tenant = newTenant();
    private final Client admin = AdminKit.signIn(tenant, "root", "admin");
    private final Client cs = AdminKit.signIn(tenant, "cs-1", "cs");

    private static String path(String id, String action) { return "/v1/admin/orders/" + id + "/" + action; }

    @Test
    void holdNeedsAReasonAndIsAuditedWithRolesClientAndCorrelation() {
        String id = create(admin, order("c-hold"));
        Resp none = cs.post(path(id, "hold"), Map.of("assigned_to", "cs-1"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.code()).isEqualTo("validation.reason_required");
        assertThat(cs.post(path(id, "hold"), Map.of("reason", "  ")).code()).isEqualTo("validation.reason_required");
        Client traced = cs.header("X-Correlation-ID", "corr-admin-1").header("Idempotency-Key", "hold-1");
        Resp held = traced.post(path(id, "hold"), Map.of("reason", "  Customer called: address check  ", "assigned_to", "cs-1"));
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        assertThat(held.json().path("order").path("status").asText()).isEqualTo("on_hold");
        Resp replay = traced.post(path(id, "hold"), Map.of("reason", "  Customer called: address check  ", "assigned_to", "cs-1"));
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("hold").path("id").asText()).isEqualTo(held.json().path("hold").path("id").asText());
        JsonNode audit = admin.get(path(id, "audit")).json().path("data");
        JsonNode entry = null;
        for (JsonNode e : audit) if (e.path("type").asText().equals("order.held")) entry = e;
        assertThat(entry).isNotNull();
        assertThat(entry.path("reason").asText()).isEqualTo("Customer called: address check");
        assertThat(entry.path("actor").path("id").asText()).isEqualTo("cs-1");
        assertThat(entry.path("actor_roles").toString()).isEqualTo("[\"cs\"]");
        assertThat(entry.path("client_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(entry.path("correlation_id").asText()).isEqualTo("corr-admin-1");
        Resp released = cs.post(path(id, "release"), Map.of("resolution", "Address confirmed"));
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().path("order").path("status").asText()).isNotEqualTo("on_hold");
    }

    @Test
    void confirmCloseAndReopenGoThroughTheCanonicalLifecycle() {
        String id = create(admin, paidOrder(admin, "c-life", "captured"));
        Resp confirmed = cs.post(path(id, "confirm"), null);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(403); // cs has no orders:confirm
        confirmed = admin.post(path(id, "confirm"), null);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asText()).isEqualTo("confirmed");
        Resp closed = admin.post(path(id, "close"), Map.of("reason", "Handled offline"));
        assertThat(closed.status()).as(closed.toString()).isIn(200, 409);
        Resp reopenWithout = admin.post(path(id, "reopen"), Map.of());
        assertThat(reopenWithout.code()).isEqualTo("validation.reason_required");
        Resp stale = admin.header("If-Match", "\"1\"").post(path(id, "close"), Map.of());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("order.version_conflict");
    }

    @Test
    void forceCancelOverridesThePolicyWithSudoAndAReason() {
        admin.patch("/v1/orders/settings", Map.of("cancellation_policy", "before_confirmation"));
        String id = create(admin, paidOrder(admin, "c-force", "captured"));
        assertThat(admin.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
        Resp canonical = admin.post("/v1/orders/" + id + "/cancel", Map.of("reason", "try"));
        assertThat(canonical.code()).isEqualTo("order.blocked.cancellation_policy");
        Client sudo = AdminKit.stepUp(admin);
        Resp noReason = sudo.post(path(id, "force-cancel"), Map.of("refund", true, "restock", true));
        assertThat(noReason.code()).isEqualTo("validation.reason_required");
        Resp agent = AdminKit.stepUp(AdminKit.signIn(tenant, "sup-1", "supervisor")).post(path(id, "force-cancel"),
                Map.of("refund", true, "restock", true, "reason", "Chargeback risk"));
        Resp forced = agent;
        assertThat(forced.status()).as(forced.toString()).isEqualTo(202);
        assertThat(forced.json().path("cancellation").path("id").asText()).startsWith("can_");
        eventually("cancelled", () -> admin.get("/v1/orders/" + id).json().path("status").asText().equals("cancelled"));
        Resp csTry = AdminKit.stepUp(cs).post(path(id, "force-cancel"), Map.of("refund", true, "restock", true, "reason", "x y z"));
        assertThat(csTry.status()).isEqualTo(403);
        assertThat(csTry.code()).isEqualTo("auth.forbidden");
    }

    @Test
    void anAgentApprovesOrRejectsACustomersPendingCancelRequest() {
        admin.patch("/v1/orders/settings", Map.of("cancellation_policy", "before_confirmation"));
        String id = create(admin, paidOrder(admin, "cust-ap", "captured"));
        assertThat(admin.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
        Resp none = cs.post(path(id, "approve-cancel"), null);
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.code()).isEqualTo("cancel_request.not_found");
        Resp asked = customer(tenant, "cust-ap").post("/v1/customer/orders/" + id + "/cancel-request", Map.of("reason", "Changed my mind"));
        assertThat(asked.json().path("status").asText()).isEqualTo("pending_review");
        Resp approved = cs.post(path(id, "approve-cancel"), Map.of("reason", "Goodwill"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(202);
        eventually("cancelled", () -> admin.get("/v1/orders/" + id).json().path("status").asText().equals("cancelled"));
        assertThat(cs.post(path(id, "approve-cancel"), null).code()).as("the request's task is finished").isEqualTo("cancel_request.not_found");
        assertThat(admin.get(path(id, "audit") + "?limit=200").json().path("data").findValuesAsText("type"))
                .contains("order.cancel_requested", "order.cancellation_requested", "order.task_updated");

        String other = create(admin, paidOrder(admin, "cust-rj", "captured"));
        assertThat(admin.post("/v1/orders/" + other + "/confirm", null).status()).isEqualTo(200);
        customer(tenant, "cust-rj").post("/v1/customer/orders/" + other + "/cancel-request", Map.of("reason", "Please"));
        assertThat(cs.post(path(other, "reject-cancel"), Map.of()).code()).isEqualTo("validation.reason_required");
        Resp rejected = cs.post(path(other, "reject-cancel"), Map.of("reason", "Already packed"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().path("status").asText()).isEqualTo("confirmed");
        assertThat(cs.post(path(other, "approve-cancel"), null).code()).isEqualTo("cancel_request.not_found");
    }

    @Test
    void theOrderViewExpandsRawEventsAndOtherTenantsAndCustomersSeeNothing() {
        String id = create(admin, order("c-view"));
        Resp plain = cs.get("/v1/admin/orders/" + id);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json().path("order").path("id").asText()).isEqualTo(id);
        assertThat(plain.json().has("raw_events")).isFalse();
        Resp expanded = cs.get("/v1/admin/orders/" + id + "?expand=raw_events");
        assertThat(expanded.json().path("raw_events").get(0).path("type").asText()).isEqualTo("order.created");
        assertThat(expanded.json().has("reconciliation")).isFalse();
        Resp both = cs.get("/v1/admin/orders/" + id + "?expand=raw_events,reconciliation");
        assertThat(both.status()).as(both.toString()).isEqualTo(200);
        assertThat(both.json().path("raw_events").size()).isPositive();
        assertThat(both.json().path("reconciliation").path("order_id").asText()).isEqualTo(id);
        assertThat(cs.get("/v1/admin/orders/" + id + "?expand=reconciliation").json().path("reconciliation").path("currency").asText()).isEqualTo("GBP");
        assertThat(cs.get("/v1/admin/orders/" + id + "?expand=everything").status()).isEqualTo(400);
        Client stranger = AdminKit.signIn(newTenant(), "root", "admin");
        assertThat(stranger.get("/v1/admin/orders/" + id).status()).isEqualTo(404);
        assertThat(stranger.get(path(id, "audit")).status()).isEqualTo(404);
        assertThat(stranger.post(path(id, "hold"), Map.of("reason", "not mine")).status()).isEqualTo(404);
        assertThat(customer(tenant, "c-view").get("/v1/admin/orders/" + id).status()).isEqualTo(403);
        assertThat(cs.get(path(id, "audit")).status()).as("cs has no audit:read").isEqualTo(403);
    }
}
