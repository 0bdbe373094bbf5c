package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13, "Operations": order corrections from NDJSON rows, with a dry run (docs/admin-operations.md, docs/jobs.md). */
class AdminImportIT {
    static final String PATH = "/v1/admin/orders/import";
    static final JobsKit kit = JobsKit.get();

    static String withReference(Client c, String customer, String ref) {
        ObjectNode body = order(customer);
        body.put("external_reference", ref);
        return create(c, body);
    }

    static List<String> failures(JsonNode job) {
        if (job.path("error_report_url").isNull() || job.path("error_report_url").isMissingNode()) return List.of();
        return JobsKit.ndjson(job.path("error_report_url").asText()).stream()
                .map(r -> r.path("line").asLong() + ":" + r.path("code").asText()).toList();
    }

    @Test
    void correctionsAreDryRunThenAppliedAndTheTwoAgree() {
        String t = newTenant();
        Client sup = AdminKit.signIn(t, "imp-sup", "supervisor");
        Client stepped = AdminKit.stepUp(sup);
        String ref1 = "FIX-1-" + t, ref2 = "FIX-2-" + t;
        String first = withReference(sup, "c-imp1", ref1);
        withReference(sup, "c-imp2", ref2);
        List<Object> rows = List.of(
                Map.of("external_reference", ref1, "metadata", Map.of("gift", "true")),
                Map.of("external_reference", "NOPE-" + t, "metadata", Map.of("gift", "true")),
                Map.of("external_reference", ref2, "items", List.of()),
                Map.of("external_reference", ref2));

        Resp dry = stepped.post(PATH, Map.of("orders", rows, "dry_run", true, "reason", "storefront corrections"));
        assertThat(dry.status()).as(dry.toString()).isEqualTo(202);
        kit.run(t, dry.json().path("id").asText());
        JsonNode dryJob = sup.get(dry.header("location")).json();
        assertThat(dryJob.path("parameters").path("mode").asText()).isEqualTo("update");
        assertThat(dryJob.path("summary").path("valid").asLong()).isEqualTo(1);
        List<String> dryFailures = failures(dryJob);
        assertThat(dryFailures).containsExactly("2:order.not_found", "3:request.invalid", "4:request.invalid");
        assertThat(sup.get("/v1/orders/" + first).json().path("metadata").has("gift")).isFalse();

        Resp real = stepped.post(PATH, Map.of("orders", rows, "reason", "storefront corrections"));
        kit.run(t, real.json().path("id").asText());
        JsonNode job = sup.get(real.header("location")).json();
        assertThat(job.path("summary").path("updated").asLong()).isEqualTo(1);
        assertThat(failures(job)).isEqualTo(dryFailures);
        JsonNode order = sup.get("/v1/orders/" + first).json();
        assertThat(order.path("metadata").path("gift").asText()).isEqualTo("true");
        JsonNode updated = null;
        for (JsonNode e : sup.get("/v1/orders/" + first + "/timeline").json().path("data")) {
            if (e.path("type").asText().equals("order.updated")) updated = e;
        }
        assertThat(updated).isNotNull();
        assertThat(updated.path("reason").asText()).isEqualTo("storefront corrections");
        assertThat(sup.get("/v1/orders?limit=50").json().path("data")).hasSize(2); // nothing created
    }

    @Test
    void sudoReasonRolesAndBadInput() {
        String t = newTenant();
        Client sup = AdminKit.signIn(t, "imp-sup2", "supervisor");
        Map<String, Object> body = Map.of("orders", List.of(Map.of("external_reference", "X")), "reason", "a correction");
        assertThat(sup.post(PATH, body).code()).isEqualTo("auth.sudo_required");
        Client stepped = AdminKit.stepUp(sup);
        assertThat(stepped.post(PATH, Map.of("orders", List.of(Map.of("external_reference", "X")))).code()).isEqualTo("validation.reason_required");
        assertThat(stepped.post(PATH, Map.of("orders", List.of(), "reason", "nothing")).code()).isEqualTo("request.invalid");
        assertThat(stepped.post(PATH, Map.of("orders", List.of("not an object"), "reason", "bad entry")).code()).isEqualTo("request.invalid");
        assertThat(stepped.post(PATH, Map.of("orders", List.of(Map.of("external_reference", "X")), "mode", "create", "reason", "mode")).code())
                .isEqualTo("request.invalid");
        assertThat(AdminKit.signIn(t, "imp-agent", "agent").post(PATH, body).code()).isIn("auth.forbidden", "auth.sudo_required");
        assertThat(customer(t, "c-imp").post(PATH, body).status()).isEqualTo(403);
    }
}
