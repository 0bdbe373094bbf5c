package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The legal hold (docs/admin-api.md, "Legal hold"): set with a reason by an admin; while it is set a soft and a hard
 * delete are refused (the retention job's refusal is OrderRetentionIT's); lifting it needs sudo and a reason.
 */
class LegalHoldIT {
    private final String tenant = newTenant();
    private final Client admin = AdminKit.signIn(tenant, "root", "admin");

    @Test
    void aLegalHoldBlocksEveryDeleteUntilLiftedWithSudo() {
        admin.patch("/v1/orders/settings", Map.of("allow_hard_delete", true));
        String id = create(admin, order("c-legal"));
        String hold = "/v1/admin/orders/" + id + "/legal-hold";
        assertThat(admin.post(hold, Map.of("action", "set")).code()).isEqualTo("validation.reason_required");
        assertThat(AdminKit.signIn(tenant, "sup", "supervisor").post(hold, Map.of("action", "set", "reason", "Litigation 42")).status())
                .as("legal:hold_manage is the admin's").isEqualTo(403);
        Resp set = admin.post(hold, Map.of("action", "set", "reason", "Litigation 42"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("legal_hold").path("reason").asText()).isEqualTo("Litigation 42");
        Resp soft = admin.delete("/v1/orders/" + id);
        assertThat(soft.status()).as(soft.toString()).isEqualTo(409);
        assertThat(soft.code()).isEqualTo("order.legal_hold");
        Resp hard = admin.delete("/v1/orders/" + id + "?hard=true");
        assertThat(hard.status()).isEqualTo(409);
        assertThat(hard.code()).isEqualTo("order.legal_hold");
        Resp liftWithoutSudo = admin.post(hold, Map.of("action", "remove", "reason", "Case closed"));
        assertThat(liftWithoutSudo.status()).isEqualTo(403);
        assertThat(liftWithoutSudo.code()).isEqualTo("auth.sudo_required");
        Client sudo = AdminKit.stepUp(admin);
        assertThat(sudo.post(hold, Map.of("action", "remove")).code()).isEqualTo("validation.reason_required");
        Resp lifted = sudo.post(hold, Map.of("action", "remove", "reason", "Case closed"));
        assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
        assertThat(lifted.json().has("legal_hold")).isFalse();
        assertThat(admin.get("/v1/admin/orders/" + id + "/audit").json().findValuesAsText("type"))
                .contains("order.legal_hold_placed", "order.legal_hold_released");
        assertThat(admin.delete("/v1/orders/" + id).status()).isIn(200, 204);
    }
}
