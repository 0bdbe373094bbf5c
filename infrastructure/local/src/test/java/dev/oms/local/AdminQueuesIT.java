package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 13, work queues: a claim is a lease taken by one conditional write; 16 concurrent claims, one winner. */
class AdminQueuesIT {
    static String tenant;
    static Client supervisor;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        supervisor = as(tenant, "sup-q", "supervisor");
    }

    static String task(String queue, String title) {
        String id = create(supervisor, order("q-" + queue));
        Resp t = supervisor.post("/v1/admin/tasks", Map.of("order_id", id, "title", title, "assignee", queue));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        return t.json().path("id").asText();
    }

    @Test
    void theQueuesAreListedWithTheirCountsAndOverdueTasks() {
        String t = newTenant();
        Client sup = as(t, "sup-ql", "supervisor");
        String order = create(sup, order("q-list"));
        java.time.Instant past = java.time.Instant.now().minus(java.time.Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.time.Instant future = java.time.Instant.now().plus(java.time.Duration.ofHours(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(sup.post("/v1/admin/tasks", Map.of("order_id", order, "title", "late", "assignee", "team:billing", "due_at", past.toString())).status()).isEqualTo(201);
        assertThat(sup.post("/v1/admin/tasks", Map.of("order_id", order, "title", "soon", "assignee", "team:billing", "due_at", future.toString())).status()).isEqualTo(201);
        assertThat(sup.post("/v1/admin/tasks", Map.of("order_id", order, "title", "agent's", "assignee", "agent-9")).status()).isEqualTo(201);
        assertThat(sup.post("/v1/admin/tasks", Map.of("order_id", order, "title", "nobody's")).status()).isEqualTo(201);
        assertThat(sup.post("/v1/admin/queues/team:billing/claim", Map.of()).status()).isEqualTo(200); // the late one, now in progress

        Resp all = sup.get("/v1/admin/queues");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("data").findValuesAsText("queue_id")).containsExactly("agent-9", "team:billing");
        JsonNode billing = all.json().path("data").get(1);
        assertThat(billing.path("open").asInt()).isEqualTo(1);
        assertThat(billing.path("in_progress").asInt()).isEqualTo(1);
        assertThat(billing.path("overdue").asInt()).isEqualTo(1);
        assertThat(java.time.Instant.parse(billing.path("oldest_overdue_at").asText())).isEqualTo(past);
        assertThat(java.time.Instant.parse(billing.path("next_due_at").asText())).isEqualTo(future);
        assertThat(all.json().path("truncated").asBoolean()).isFalse();
        assertThat(sup.get("/v1/admin/queues?prefix=team:").json().path("data").findValuesAsText("queue_id")).containsExactly("team:billing");

        assertThat(sup.get("/v1/admin/queues?status=open").code()).isEqualTo("request.invalid");
        assertThat(as(t, "fin-ql", "finance").get("/v1/admin/queues").code()).isEqualTo("auth.forbidden");
        assertThat(as(newTenant(), "sup-other", "supervisor").get("/v1/admin/queues").json().path("data")).isEmpty();
    }

    @Test
    void sixteenConcurrentClaimsOfOneItemHaveExactlyOneWinner() throws Exception {
        String taskId = task("team:race", "the only item");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Resp>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                Client agent = as(tenant, "racer-" + i, "agent");
                calls.add(pool.submit(() -> { go.await(); return agent.post("/v1/admin/queues/team:race/claim", Map.of()); }));
            }
            go.countDown();
            List<Resp> answers = new ArrayList<>();
            for (Future<Resp> f : calls) answers.add(f.get());
            List<Resp> won = answers.stream().filter(a -> a.status() == 200).toList();
            assertThat(won).as(answers.toString()).hasSize(1);
            assertThat(answers.stream().filter(a -> a.status() == 409).map(Resp::code)).hasSize(15).allMatch("queue.empty"::equals);
            JsonNode claim = won.get(0).json();
            assertThat(claim.path("task").path("id").asText()).isEqualTo(taskId);
            assertThat(claim.path("task").path("status").asText()).isEqualTo("in_progress");
            String winner = claim.path("lease").path("claimed_by").asText();
            assertThat(winner).startsWith("racer-");

            // the winner renews its own lease; anyone else still finds nothing to claim
            Resp renewed = as(tenant, winner, "agent").post("/v1/admin/queues/team:race/claim", Map.of("lease_seconds", 120));
            assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
            assertThat(renewed.json().path("task").path("id").asText()).isEqualTo(taskId);
            assertThat(as(tenant, "late", "agent").post("/v1/admin/queues/team:race/claim", Map.of()).code()).isEqualTo("queue.empty");

            // the claim is on the order's timeline by the winner (the task moved to in_progress)
            String orderId = claim.path("task").path("order_id").asText();
            JsonNode timeline = supervisor.get("/v1/orders/" + orderId + "/timeline").json().path("data");
            JsonNode update = timeline.get(timeline.size() - 1);
            assertThat(update.path("type").asText()).isEqualTo("order.task_updated");
            assertThat(update.path("actor").path("id").asText()).isEqualTo(winner);
        }
    }

    @Test
    void claimsTakeTheNextFreeItemInDueOrder() {
        task("team:pair", "first");
        task("team:pair", "second");
        Resp a = as(tenant, "pair-a", "agent").post("/v1/admin/queues/team:pair/claim", Map.of());
        Resp b = as(tenant, "pair-b", "agent").post("/v1/admin/queues/team:pair/claim", Map.of());
        assertThat(a.status()).isEqualTo(200);
        assertThat(b.status()).isEqualTo(200);
        assertThat(List.of(a.json().path("task").path("title").asText(), b.json().path("task").path("title").asText()))
                .containsExactlyInAnyOrder("first", "second");
        assertThat(as(tenant, "pair-c", "agent").post("/v1/admin/queues/team:pair/claim", Map.of()).code()).isEqualTo("queue.empty");
    }

    @Test
    void badClaimsRolesTenantsAndReplays() {
        task("team:checks", "item");
        assertThat(supervisor.post("/v1/admin/queues/team:checks/claim", Map.of("lease_seconds", 5)).code()).isEqualTo("request.invalid");
        assertThat(supervisor.post("/v1/admin/queues/team:checks/claim", Map.of("lease", 60)).code()).isEqualTo("request.invalid");
        assertThat(customer(tenant, "q-team:checks").post("/v1/admin/queues/team:checks/claim", Map.of()).status()).isEqualTo(403);
        assertThat(as(newTenant(), "other", "admin").post("/v1/admin/queues/team:checks/claim", Map.of()).code()).isEqualTo("queue.empty");

        Client keyed = as(tenant, "replayer", "agent").header("Idempotency-Key", "claim-once");
        Resp first = keyed.post("/v1/admin/queues/team:checks/claim", Map.of());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        Resp again = keyed.post("/v1/admin/queues/team:checks/claim", Map.of());
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("lease")).isEqualTo(first.json().path("lease"));
    }
}
