package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "Operations": the admin bulk status change with its dry run (docs/admin-operations.md): a preview and the
 * real run on unchanged orders differ by zero items; sudo, reason and permissions.
 */
class AdminBulkStatusIT {
    static final String PATH = "/v1/admin/orders/bulk/update-status";
    static final JobsKit kit = JobsKit.get();

    static List<String> outcomes(Iterable<JsonNode> rows) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : rows) {
            boolean ok = r.path("status").asText().equals("ok");
            out.add(r.path("order_id").asText() + ":" + r.path("status").asText() + ":" + (ok ? r.path("order_status").asText() : r.path("code").asText()));
        }
        return out;
    }

    @Test
    void aDryRunAndTheRealRunOnUnchangedOrdersAgreeOrderByOrder() {
        String t = newTenant();
        Client sup = AdminKit.signIn(t, "bulk-sup", "supervisor");
        Client stepped = AdminKit.stepUp(sup);
        String paid = create(sup, paidOrder(sup, "c-bulk1", "authorized"));
        String unpaid = create(sup, order("c-bulk2"));
        List<String> ids = List.of(paid, unpaid, "ord_01UNKNOWN");

        Resp preview = stepped.post(PATH, Map.of("order_ids", ids, "action", "confirm", "reason", "month-end confirmation", "dry_run", true));
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("total").asInt()).isEqualTo(3);
        assertThat(preview.json().path("ok").asInt()).isEqualTo(1);
        List<String> previewed = outcomes(preview.json().path("orders"));
        assertThat(previewed).containsExactly(paid + ":ok:confirmed", unpaid + ":failed:order.blocked.payment_required",
                "ord_01UNKNOWN:failed:order.not_found");
        // nothing changed
        assertThat(sup.get("/v1/orders/" + paid).json().path("status").asText()).isEqualTo("created");
        assertThat(sup.get("/v1/orders/" + paid).json().path("version").asLong()).isEqualTo(1);

        Resp submitted = stepped.post(PATH, Map.of("order_ids", ids, "action", "confirm", "reason", "month-end confirmation"));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        kit.run(t, submitted.json().path("id").asText());
        JsonNode job = sup.get(submitted.header("location")).json();
        assertThat(job.path("parameters").path("reason").asText()).isEqualTo("month-end confirmation");
        List<String> ran = outcomes(JobsKit.ndjson(job.path("report_url").asText()));
        assertThat(ran).isEqualTo(previewed);
        assertThat(sup.get("/v1/orders/" + paid).json().path("status").asText()).isEqualTo("confirmed");

        // by filter: a hold previewed and run on the same orders
        for (int i = 0; i < 3; i++) create(sup, order("c-bulk-f" + i));
        Map<String, Object> byFilter = Map.of("filter", Map.of("status", "created"), "action", "hold", "hold_type", "payment",
                "reason", "credit check", "dry_run", true);
        Resp filtered = stepped.post(PATH, byFilter);
        assertThat(filtered.json().path("total").asInt()).isEqualTo(4); // the unpaid one and the three new ones
        List<String> heldPreview = outcomes(filtered.json().path("orders"));
        assertThat(heldPreview).allSatisfy(o -> assertThat(o).endsWith(":ok:on_hold"));
        Resp real = stepped.post(PATH, Map.of("filter", Map.of("status", "created"), "action", "hold", "hold_type", "payment", "reason", "credit check"));
        kit.run(t, real.json().path("id").asText());
        List<String> heldRun = outcomes(JobsKit.ndjson(sup.get(real.header("location")).json().path("report_url").asText()));
        assertThat(heldRun).containsExactlyInAnyOrderElementsOf(heldPreview);
    }

    @Test
    void sudoReasonPermissionsAndBadInput() {
        String t = newTenant();
        Client sup = AdminKit.signIn(t, "bulk-sup2", "supervisor");
        String id = create(sup, order("c-bulk3"));
        Map<String, Object> body = Map.of("order_ids", List.of(id), "action", "close", "reason", "tidy up", "dry_run", true);
        assertThat(sup.post(PATH, body).code()).isEqualTo("auth.sudo_required");
        Client stepped = AdminKit.stepUp(sup);
        assertThat(stepped.post(PATH, Map.of("order_ids", List.of(id), "action", "close")).code()).isEqualTo("validation.reason_required");
        assertThat(stepped.post(PATH, Map.of("action", "close", "reason", "which orders")).code()).isEqualTo("request.invalid");
        assertThat(stepped.post(PATH, Map.of("order_ids", List.of(id), "filter", Map.of("status", "created"), "action", "close",
                "reason", "both")).code()).isEqualTo("request.invalid");
        assertThat(stepped.post(PATH, Map.of("order_ids", List.of(id), "action", "cancel", "reason", "not a bulk action")).code())
                .isEqualTo("request.invalid");
        Client agent = AdminKit.signIn(t, "bulk-agent", "agent"); // no bulk:operations, no admin:sudo
        assertThat(agent.post(PATH, body).code()).isIn("auth.forbidden", "auth.sudo_required");
        assertThat(customer(t, "c-bulk3").post(PATH, body).status()).isEqualTo(403);
        // another tenant's order is not found in the preview, and nothing of this tenant changes
        Client other = AdminKit.stepUp(AdminKit.signIn(newTenant(), "bulk-other", "supervisor"));
        assertThat(outcomes(other.post(PATH, body).json().path("orders"))).containsExactly(id + ":failed:order.not_found");
        assertThat(sup.get("/v1/orders/" + id).json().path("status").asText()).isEqualTo("created");
    }
}
