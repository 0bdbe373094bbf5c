package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin API's notes and shared routes (docs/admin-api.md): an agent's internal or public note with attachments
 * through the canonical notes use case (visibility to the customer, roles, tenants, Idempotency-Key, If-Match, audit),
 * and the admin surface's capabilities, health and rate limits (staff only).
 */
class AdminSupportIT {
    private final String tenant = newTenant();
    private final Client admin = AdminKit.signIn(tenant, "support-root", "admin");
    private final Client cs = AdminKit.signIn(tenant, "cs-notes", "cs");
    private final Client agent = AdminKit.signIn(tenant, "agent-notes", "agent");

    private static String notes(String id) { return "/v1/admin/orders/" + id + "/notes"; }

    @Test
    void theSettingsWindowsFollowTheTenantsSettingsAndTheOrderRules() {
        Resp defaults = agent.get("/v1/admin/settings");
        assertThat(defaults.status()).as(defaults.toString()).isEqualTo(200);
        JsonNode d = defaults.json();
        assertThat(d.path("cancellation_window").path("policy").asText()).isEqualTo("before_shipment");
        assertThat(d.path("cancellation_window").path("customer_direct_until").asText()).isEqualTo("shipped");
        assertThat(d.path("editable_window").path("lines_statuses").toString()).isEqualTo("[\"created\",\"pending\"]");
        assertThat(d.path("editable_window").path("details_statuses").toString()).contains("confirmed", "on_hold");
        assertThat(d.path("shipping_change_window").path("until").asText()).isEqualTo("with_warehouse");
        assertThat(d.path("return_window_days").asInt()).isEqualTo(30);
        assertThat(d.path("sudo_ttl_seconds").asInt()).isEqualTo(300);

        Resp changed = admin.patch("/v1/orders/settings", Map.of("cancellation_policy", "before_confirmation", "return_window_days", 14));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        Resp after = cs.get("/v1/admin/settings");
        assertThat(after.json().path("cancellation_window").path("customer_direct_until").asText()).isEqualTo("confirmed");
        assertThat(after.json().path("return_window_days").asInt()).isEqualTo(14);
        assertThat(after.header("etag")).isEqualTo("\"" + after.json().path("version").asLong() + "\"");

        assertThat(agent.get("/v1/admin/settings?verbose=true").code()).isEqualTo("request.invalid");
        assertThat(customer(tenant, "c-settings").get("/v1/admin/settings").status()).isEqualTo(403);
        assertThat(anonymous().get("/v1/admin/settings").status()).isEqualTo(401);
        // another tenant sees its own defaults, not this tenant's change
        assertThat(as(newTenant(), "agent-o", "agent").get("/v1/admin/settings").json().path("return_window_days").asInt()).isEqualTo(30);
    }

    @Test
    void anAgentsInternalNoteStaysWithStaffAndAPublicOneReachesTheCustomer() {
        String id = create(admin, order("c-admin-note"));
        Client keyed = agent.header("Idempotency-Key", "note-1").header("X-Correlation-ID", "corr-note-1");
        Resp internal = keyed.post(notes(id), Map.of("text", "Customer sounded upset; offered a call back", "type", "internal"));
        assertThat(internal.status()).as(internal.toString()).isEqualTo(201);
        assertThat(internal.json().path("author_id").asText()).isEqualTo("agent-notes");
        assertThat(internal.header("etag")).isEqualTo("\"2\"");
        Resp replay = keyed.post(notes(id), Map.of("text", "Customer sounded upset; offered a call back", "type", "internal"));
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("id").asText()).isEqualTo(internal.json().path("id").asText());
        assertThat(keyed.post(notes(id), Map.of("text", "Another text", "type", "internal")).code()).isEqualTo("idempotency.key_reused");

        Resp pub = agent.header("If-Match", "\"2\"").post(notes(id), Map.of("text", "Your parcel left today", "type", "public",
                "attachments", List.of(Map.of("file_name", "proof.pdf", "content_type", "application/pdf", "size_bytes", 2048))));
        assertThat(pub.status()).as(pub.toString()).isEqualTo(201);
        JsonNode attachment = pub.json().path("attachments").get(0);
        assertThat(attachment.path("type").asText()).isEqualTo("note_attachment");
        assertThat(attachment.path("status").asText()).isEqualTo("pending_upload");
        assertThat(attachment.path("upload").path("method").asText()).isEqualTo("PUT");
        Resp stale = agent.header("If-Match", "\"2\"").post(notes(id), Map.of("text", "late", "type", "internal"));
        assertThat(stale.code()).isEqualTo("order.version_conflict");

        // the canonical notes: staff see both, the customer only the public one
        List<String> visibilities = new java.util.ArrayList<>();
        admin.get("/v1/orders/" + id + "/notes").json().path("data").forEach(n -> visibilities.add(n.path("type").asText()));
        assertThat(visibilities).containsExactly("internal", "public");
        assertThat(customer(tenant, "c-admin-note").get("/v1/orders/" + id + "/notes").json().path("data").findValuesAsText("text"))
                .containsExactly("Your parcel left today");

        // on the timeline and in the audit, with the agent, roles and correlation id
        JsonNode added = null;
        for (JsonNode e : admin.get("/v1/admin/orders/" + id + "/audit").json().path("data")) {
            if (e.path("type").asText().equals("order.note_added") && e.path("correlation_id").asText().equals("corr-note-1")) added = e;
        }
        assertThat(added).isNotNull();
        assertThat(added.path("actor").path("id").asText()).isEqualTo("agent-notes");
        assertThat(added.path("actor_roles").toString()).isEqualTo("[\"agent\"]");
    }

    @Test
    void badNotesRolesCustomersAndOtherTenantsAreRefused() {
        String id = create(admin, order("c-admin-note-2"));
        Resp noType = agent.post(notes(id), Map.of("text", "x"));
        assertThat(noType.status()).isEqualTo(400);
        assertThat(agent.post(notes(id), Map.of("text", "x", "type", "secret")).status()).isEqualTo(400);
        assertThat(agent.post(notes(id), Map.of("text", "x", "type", "internal", "pinned", true)).status()).isEqualTo(400);
        Resp exe = agent.post(notes(id), Map.of("text", "x", "type", "internal",
                "attachments", List.of(Map.of("file_name", "a.exe", "content_type", "application/x-msdownload", "size_bytes", 10))));
        assertThat(exe.status()).isEqualTo(422);
        assertThat(exe.code()).isEqualTo("document.upload_refused");
        Client floor = AdminKit.signIn(tenant, "floor-notes", "warehouse_supervisor"); // no notes:write, and no admin surface
        assertThat(floor.post(notes(id), Map.of("text", "x", "type", "internal")).code()).isEqualTo("auth.forbidden");
        assertThat(customer(tenant, "c-admin-note-2").post(notes(id), Map.of("text", "x", "type", "public")).code()).isEqualTo("auth.forbidden");
        assertThat(AdminKit.signIn(newTenant(), "other-agent", "agent").post(notes(id), Map.of("text", "x", "type", "internal")).code())
                .isEqualTo("order.not_found");
        assertThat(admin.get("/v1/orders/" + id + "/notes").json().path("data")).isEmpty();
    }

    @Test
    void capabilitiesHealthAndRateLimitsAnswerStaffOnly() {
        Resp caps = cs.get("/v1/admin/capabilities");
        assertThat(caps.status()).as(caps.toString()).isEqualTo(200);
        assertThat(caps.json().path("features").findValuesAsText("name")).isNotEmpty();
        assertThat(caps.json().path("features").toString()).isEqualTo(admin.get("/v1/orders/capabilities").json().path("features").toString());
        assertThat(caps.header("etag")).isEqualTo("\"" + caps.json().path("settings_version").asLong() + "\"");

        Resp detailed = admin.get("/v1/admin/health");
        assertThat(detailed.status()).isEqualTo(200);
        assertThat(detailed.header("cache-control")).isEqualTo("no-store");
        assertThat(detailed.json().path("checks").path("dynamodb").path("status").asText()).isEqualTo("ok");
        Resp plain = cs.get("/v1/admin/health"); // cs has no health:details
        assertThat(plain.json().path("status").asText()).isEqualTo("ok");
        assertThat(plain.json().has("checks")).isFalse();

        Resp limits = agent.get("/v1/admin/rate-limits");
        assertThat(limits.status()).isEqualTo(200);
        assertThat(limits.json().path("quotas").findValuesAsText("name")).contains("tenant", "principal");
        assertThat(limits.json().path("guest_lookup").path("per_order").asLong()).isPositive();
        assertThat(agent.get("/v1/admin/rate-limits?verbose=true").status()).isEqualTo(400);

        for (String route : List.of("/v1/admin/capabilities", "/v1/admin/health", "/v1/admin/rate-limits")) {
            assertThat(customer(tenant, "c-shared").get(route).code()).as(route).isEqualTo("auth.forbidden");
            assertThat(anonymous().get(route).status()).as(route).isEqualTo(401);
        }
    }
}
