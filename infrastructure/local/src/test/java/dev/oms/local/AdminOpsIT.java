package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 13, operations and support part: admin tasks for agents and teams, connectors with circuit state, exports. */
class AdminOpsIT {
    static final JobsKit kit = JobsKit.get();
    static String tenant;
    static Client admin;
    static Client supervisor;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        admin = as(tenant, "adm-ops", "admin");
        supervisor = as(tenant, "sup-ops", "supervisor");
    }

    @Test
    void tasksAreCreatedOnAnOrderAndListedPerAgentOrTeam() {
        String id = create(supervisor, order("ops-c1"));
        Resp created = supervisor.post("/v1/admin/tasks", Map.of("order_id", id, "title", "Call the customer",
                "assignee", "team:support", "priority", "high", "due_at", "2030-01-01T09:00:00Z"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("order_id").asText()).isEqualTo(id);
        assertThat(created.json().path("created_by").asText()).isEqualTo("sup-ops");
        supervisor.post("/v1/admin/tasks", Map.of("order_id", id, "title", "Pick up", "assignee", "agent-9"));

        JsonNode team = supervisor.get("/v1/admin/tasks?assignee=team:support").json().path("data");
        assertThat(team.findValuesAsText("title")).containsExactly("Call the customer");
        assertThat(supervisor.get("/v1/admin/tasks?order_id=" + id).json().path("data").findValuesAsText("title"))
                .containsExactlyInAnyOrder("Call the customer", "Pick up");
        // the same task as the order tasks route shows (one use case), on the order's timeline
        assertThat(supervisor.get("/v1/orders/tasks?assignee=agent-9").json().path("data").findValuesAsText("title")).containsExactly("Pick up");
        assertThat(supervisor.get("/v1/orders/" + id + "/timeline").json().path("data").findValuesAsText("type"))
                .contains("order.task_created");
    }

    @Test
    void badTasksAreRefusedAndReplaysAnswerTheSameTask() {
        String id = create(supervisor, order("ops-c2"));
        Resp noOrder = supervisor.post("/v1/admin/tasks", Map.of("title", "x"));
        assertThat(noOrder.status()).isEqualTo(400);
        assertThat(noOrder.json().path("errors").get(0).path("field").asText()).isEqualTo("order_id");
        assertThat(supervisor.post("/v1/admin/tasks", Map.of("order_id", id, "title", "x", "due_at", "soon")).code())
                .isEqualTo("request.invalid");
        assertThat(supervisor.post("/v1/admin/tasks", Map.of("order_id", id, "title", "x", "colour", "red")).code())
                .isEqualTo("request.invalid");
        assertThat(supervisor.get("/v1/admin/tasks?status=lost").status()).isEqualTo(400);
        assertThat(supervisor.post("/v1/admin/tasks", Map.of("order_id", "ord_missing", "title", "x")).code()).isEqualTo("order.not_found");

        Client keyed = supervisor.header("Idempotency-Key", "admin-task-once");
        Resp first = keyed.post("/v1/admin/tasks", Map.of("order_id", id, "title", "once"));
        Resp again = keyed.post("/v1/admin/tasks", Map.of("order_id", id, "title", "once"));
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(keyed.post("/v1/admin/tasks", Map.of("order_id", id, "title", "other")).code()).isEqualTo("idempotency.key_reused");
        assertThat(supervisor.get("/v1/admin/tasks?order_id=" + id).json().path("data")).hasSize(1);
    }

    @Test
    void anotherTenantsOrdersAndTasksAreNotFound() {
        String id = create(supervisor, order("ops-c3"));
        supervisor.post("/v1/admin/tasks", Map.of("order_id", id, "title", "mine", "assignee", "team:iso"));
        Client other = as(newTenant(), "adm-other", "admin");
        assertThat(other.post("/v1/admin/tasks", Map.of("order_id", id, "title", "theirs")).code()).isEqualTo("order.not_found");
        assertThat(other.get("/v1/admin/tasks?assignee=team:iso").json().path("data")).isEmpty();
        assertThat(other.get("/v1/admin/tasks?order_id=" + id).code()).isEqualTo("order.not_found");
    }

    @Test
    void rolesDecideWhoMayCallEachRoute() {
        String id = create(supervisor, order("ops-c4"));
        Client customer = customer(tenant, "ops-c4");
        assertThat(customer.post("/v1/admin/tasks", Map.of("order_id", id, "title", "x")).status()).isEqualTo(403);
        assertThat(customer.get("/v1/admin/tasks").status()).isEqualTo(403);
        assertThat(supervisor.get("/v1/admin/connectors").code()).isEqualTo("auth.forbidden");
        assertThat(as(tenant, "fraud-1", "fraud_analyst").post("/v1/admin/orders/exports", Map.of()).code()).isEqualTo("auth.forbidden");
        assertThat(as(tenant, "svc", "service").get("/v1/admin/connectors").status()).isEqualTo(403);
        assertThat(anonymous().get("/v1/admin/tasks").status()).isEqualTo(401);
    }

    @Test
    void connectorsAreListedFromTheRegistryWithTheirCircuitState() {
        Resp r = admin.get("/v1/admin/connectors");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode data = r.json().path("data");
        assertThat(data.findValuesAsText("port")).contains("payments", "carrier", "fraud");
        assertThat(data.findValuesAsText("circuit_state")).hasSize(data.size()).allMatch(s -> !s.isEmpty());
        assertThat(data).isEqualTo(admin.get("/v1/orders/connectors").json().path("data"));
        assertThat(admin.get("/v1/admin/connectors?port=payments").code()).isEqualTo("request.invalid");
    }

    @Test
    void exportsRunTheExportJob() {
        String mine = newTenant();
        Client sup = as(mine, "sup-exp", "supervisor");
        for (int i = 0; i < 3; i++) {
            var body = order("exp-c");
            body.put("channel", "web-admin");
            create(sup, body);
        }
        Resp submitted = sup.post("/v1/admin/orders/exports", Map.of("format", "ndjson", "channel", "web-admin"));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        assertThat(submitted.header("location")).startsWith("/v1/orders/exports/");
        kit.run(mine, submitted.json().path("id").asText());
        JsonNode job = sup.get(submitted.header("location")).json();
        assertThat(job.path("status").asText()).isEqualTo("succeeded");
        assertThat(job.path("counts").path("total").asLong()).isEqualTo(3);
        assertThat(JobsKit.lines(job.path("download_url").asText())).hasSize(3);
        assertThat(sup.post("/v1/admin/orders/exports", Map.of("format", "xlsx")).code()).isEqualTo("request.invalid");
        assertThat(as(newTenant(), "x", "admin").get(submitted.header("location")).status()).isEqualTo(404);
    }

    @Test
    void flaggingPlacesAFraudHoldAndUnflaggingReleasesItWithTheFraudRule() {
        Client analyst = as(tenant, "analyst-f", "fraud_analyst");
        String id = create(supervisor, order("ops-f1"));
        Resp noReason = analyst.post("/v1/admin/orders/" + id + "/flag-fraud", Map.of("reason", " x ", "evidence", "e"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.code()).isEqualTo("validation.reason_required");
        Resp flagged = analyst.post("/v1/admin/orders/" + id + "/flag-fraud", Map.of("reason", "Card testing pattern",
                "evidence", "Five declined cards in ten minutes", "assigned_to", "team:fraud"));
        assertThat(flagged.status()).as(flagged.toString()).isEqualTo(201);
        assertThat(flagged.json().path("hold").path("type").asText()).isEqualTo("fraud");
        assertThat(flagged.json().path("hold").path("note").asText()).isEqualTo("Five declined cards in ten minutes");
        assertThat(flagged.json().path("order").path("status").asText()).isEqualTo("on_hold");
        String holdId = flagged.json().path("hold").path("id").asText();

        // review: a task for the team, on the flagged order only
        Resp review = analyst.post("/v1/admin/orders/" + id + "/assign-review", Map.of("assignee", "team:fraud", "notes", "check the device"));
        assertThat(review.status()).as(review.toString()).isEqualTo(201);
        assertThat(review.json().path("title").asText()).isEqualTo("Fraud review");
        assertThat(supervisor.get("/v1/admin/tasks?assignee=team:fraud").json().path("data").findValuesAsText("order_id")).containsExactly(id);
        String clean = create(supervisor, order("ops-f2"));
        assertThat(analyst.post("/v1/admin/orders/" + clean + "/assign-review", Map.of("assignee", "team:fraud")).code()).isEqualTo("order.not_flagged");
        assertThat(analyst.post("/v1/admin/orders/" + clean + "/unflag", Map.of("reason", "fine")).code()).isEqualTo("order.not_flagged");

        // agents and supervisors do not manage fraud (fraud:manage: admin, fraud_analyst)
        assertThat(as(tenant, "agent-f", "agent").post("/v1/admin/orders/" + id + "/unflag", Map.of("reason", "looks fine")).code()).isEqualTo("auth.forbidden");
        assertThat(supervisor.post("/v1/admin/orders/" + id + "/flag-fraud", Map.of("reason", "again")).code()).isEqualTo("auth.forbidden");
        assertThat(analyst.post("/v1/admin/orders/" + id + "/unflag", Map.of("reason", "wrong hold", "hold_id", "hold_other")).code())
                .isEqualTo("order.fraud_hold_not_found");
        assertThat(analyst.post("/v1/admin/orders/" + id + "/unflag", Map.of()).code()).isEqualTo("validation.reason_required");

        Client keyed = analyst.header("Idempotency-Key", "unflag-once");
        Resp released = keyed.post("/v1/admin/orders/" + id + "/unflag", Map.of("reason", "Customer verified by phone"));
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(released.json().path("hold").path("id").asText()).isEqualTo(holdId);
        assertThat(released.json().path("order").path("status").asText()).isEqualTo("created");
        Resp replay = keyed.post("/v1/admin/orders/" + id + "/unflag", Map.of("reason", "Customer verified by phone"));
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");

        JsonNode timeline = supervisor.get("/v1/orders/" + id + "/timeline").json().path("data");
        assertThat(timeline.findValuesAsText("type")).contains("order.held", "order.task_created", "order.hold_released");
        JsonNode releasedEvent = timeline.get(timeline.size() - 1);
        assertThat(releasedEvent.path("type").asText()).isEqualTo("order.hold_released");
        assertThat(releasedEvent.path("reason").asText()).isEqualTo("Customer verified by phone");
        assertThat(releasedEvent.path("actor").path("id").asText()).isEqualTo("analyst-f");
        assertThat(as(newTenant(), "adm-x", "admin").post("/v1/admin/orders/" + id + "/flag-fraud", Map.of("reason", "not mine")).code())
                .isEqualTo("order.not_found");
        assertThat(customer(tenant, "ops-f1").post("/v1/admin/orders/" + id + "/flag-fraud", Map.of("reason", "mine")).status()).isEqualTo(403);
        assertThat(as(tenant, "fin", "finance").post("/v1/admin/orders/" + id + "/flag-fraud", Map.of("reason", "finance")).code()).isEqualTo("auth.forbidden");
    }

    @Test
    void theFraudQueueListsFlaggedOrdersWithScoreRulesAndFilters() {
        String t = newTenant();
        Client analyst = as(t, "analyst-q", "fraud_analyst");
        Client sup = as(t, "sup-q", "supervisor");
        // screened: a block-listed customer scores 100 at confirmation and is held for fraud
        String screened = create(sup, paidOrder(sup, "fraud_q1", "authorized"));
        Resp confirmed = sup.post("/v1/orders/" + screened + "/confirm", null);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asText()).isEqualTo("on_hold");
        // flagged by hand: no score
        String manual = create(sup, order("q2"));
        assertThat(analyst.post("/v1/admin/orders/" + manual + "/flag-fraud", Map.of("reason", "Card testing pattern",
                "evidence", "Five declined cards", "assigned_to", "team:fraud")).status()).isEqualTo(201);
        // on hold for something else: not in the queue
        String other = create(sup, order("q3"));
        assertThat(sup.post("/v1/orders/" + other + "/hold", Map.of("reason", "Address check", "type", "address")).status()).isIn(200, 201);

        JsonNode all = analyst.get("/v1/admin/orders/fraud").json();
        assertThat(all.path("data").findValuesAsText("order_id")).containsExactlyInAnyOrder(screened, manual);
        for (JsonNode item : all.path("data")) {
            if (item.path("order_id").asText().equals(screened)) {
                assertThat(item.path("fraud_score").asInt()).isEqualTo(100);
                assertThat(item.path("fraud_rules").toString()).contains("customer on the block list");
                assertThat(item.path("fraud_holds").get(0).path("type").asText()).isEqualTo("fraud");
                assertThat(item.path("total").asLong()).isEqualTo(4990);
                assertThat(item.path("currency").asText()).isEqualTo("GBP");
            } else {
                assertThat(item.path("fraud_score").isNull()).isTrue();
                assertThat(item.path("fraud_rules").size()).isZero();
                assertThat(item.path("fraud_holds").get(0).path("assigned_to").asText()).isEqualTo("team:fraud");
            }
        }
        assertThat(analyst.get("/v1/admin/orders/fraud?min_score=90").json().path("data").findValuesAsText("order_id")).containsExactly(screened);
        assertThat(analyst.get("/v1/admin/orders/fraud?max_score=50").json().path("data").size()).isZero();
        assertThat(analyst.get("/v1/admin/orders/fraud?rule=BLOCK%20list").json().path("data").findValuesAsText("order_id")).containsExactly(screened);
        assertThat(analyst.get("/v1/admin/orders/fraud?rule=card%20testing").json().path("data").findValuesAsText("order_id")).containsExactly(manual);
        assertThat(analyst.get("/v1/admin/orders/fraud?assigned_to=team:fraud").json().path("data").findValuesAsText("order_id")).containsExactly(manual);

        // paging: one at a time, every flagged order once
        java.util.List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        for (int i = 0; i < 10; i++) {
            JsonNode page = analyst.get("/v1/admin/orders/fraud?limit=1" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("data").forEach(d -> seen.add(d.path("order_id").asText()));
            if (!page.path("has_more").asBoolean()) break;
            cursor = java.net.URLEncoder.encode(page.path("next_cursor").asText(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(seen).containsExactlyInAnyOrder(screened, manual);

        assertThat(analyst.get("/v1/admin/orders/fraud?min_score=95&max_score=10").code()).isEqualTo("request.invalid");
        assertThat(analyst.get("/v1/admin/orders/fraud?min_score=101").status()).isEqualTo(400);
        assertThat(analyst.get("/v1/admin/orders/fraud?score=1").status()).isEqualTo(400);
        assertThat(sup.get("/v1/admin/orders/fraud").code()).isEqualTo("auth.forbidden");
        assertThat(customer(t, "fraud_q1").get("/v1/admin/orders/fraud").status()).isEqualTo(403);
        assertThat(as(newTenant(), "analyst-o", "fraud_analyst").get("/v1/admin/orders/fraud").json().path("data").size()).isZero();
    }

    @Test
    void alertsNameOverdueTasksFromTheIndex() {
        String mine = newTenant();
        Client sup = as(mine, "sup-al", "supervisor");
        assertThat(sup.get("/v1/admin/alerts").json().path("data")).isEmpty();
        String id = create(sup, order("al-c"));
        sup.post("/v1/admin/tasks", Map.of("order_id", id, "title", "late", "due_at", "2020-01-01T00:00:00Z"));
        sup.post("/v1/admin/tasks", Map.of("order_id", id, "title", "later", "due_at", "2099-01-01T00:00:00Z"));
        Resp r = sup.get("/v1/admin/alerts");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode alert = r.json().path("data").get(0);
        assertThat(alert.path("kind").asText()).isEqualTo("tasks_overdue");
        assertThat(alert.path("count").asInt()).isEqualTo(1);
        assertThat(r.json().path("data")).hasSize(1);
        assertThat(as(mine, "agent-al", "agent").get("/v1/admin/alerts").code()).isEqualTo("auth.forbidden");
        assertThat(as(newTenant(), "adm-al", "admin").get("/v1/admin/alerts").json().path("data")).isEmpty();
    }
}
