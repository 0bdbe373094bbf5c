package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdempotencyAndConcurrencyIT {
    static Client agent;
    static Client otherAgent;

    @BeforeAll
    static void setUp() {
        String tenant = newTenant();
        agent = as(tenant, "agent-idem", "agent");
        otherAgent = as(tenant, "agent-idem-2", "agent");
    }

    @Test
    void replaysTheFirstResponseForTheSameKeyAndRequest() {
        ObjectNode body = order("c1");
        Client keyed = agent.header("Idempotency-Key", "create-1");
        Resp first = keyed.post("/v1/orders", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("idempotent-replayed")).isNull();
        Resp second = keyed.post("/v1/orders", body);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("idempotent-replayed")).isEqualTo("true");
        assertThat(second.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(second.header("etag")).isEqualTo(first.header("etag"));
        assertThat(CountOf.orders(agent, "c1")).isEqualTo(1);

        ObjectNode different = order("c1");
        different.put("channel", "other");
        Resp reused = keyed.post("/v1/orders", different);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency.key_reused");

        // keys are scoped to the principal: another agent's same key is a new request
        Resp other = otherAgent.header("Idempotency-Key", "create-1").post("/v1/orders", body);
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.header("idempotent-replayed")).isNull();
        assertThat(CountOf.orders(agent, "c1")).isEqualTo(2);
    }

    @Test
    void transitionsAreReplayedNotRepeated() {
        String id = create(agent, order("c2"));
        Client keyed = agent.header("Idempotency-Key", "hold-" + id);
        Resp first = keyed.post("/v1/orders/" + id + "/hold", Map.of("reason", "Check"));
        Resp second = keyed.post("/v1/orders/" + id + "/hold", Map.of("reason", "Check"));
        assertThat(second.header("idempotent-replayed")).isEqualTo("true");
        assertThat(second.json().path("hold").path("id").asText()).isEqualTo(first.json().path("hold").path("id").asText());
        assertThat(agent.get("/v1/orders/" + id).json().path("holds")).hasSize(1);

        String other = create(agent, order("c2"));
        assertThat(keyed.post("/v1/orders/" + other + "/hold", Map.of("reason", "Check")).code()).isEqualTo("idempotency.key_reused");
    }

    @Test
    void aFailedRequestDoesNotConsumeItsKey() {
        Client keyed = agent.header("Idempotency-Key", "fails-first");
        ObjectNode bad = order("c3");
        ((ObjectNode) bad.path("items").get(0)).put("quantity", -1);
        assertThat(keyed.post("/v1/orders", bad).status()).isEqualTo(400);
        String id = create(agent, order("c3"));
        Resp confirm = agent.header("Idempotency-Key", "confirm-" + id).post("/v1/orders/" + id + "/confirm", null);
        assertThat(confirm.code()).isEqualTo("order.blocked.payment_required");
        Resp retried = agent.header("Idempotency-Key", "confirm-" + id).post("/v1/orders/" + id + "/confirm", null);
        assertThat(retried.header("idempotent-replayed")).isNull();
        assertThat(agent.header("Idempotency-Key", "x".repeat(256)).post("/v1/orders", order("c3")).code()).isEqualTo("idempotency.key_invalid");
    }

    @Test
    void concurrentRetriesWithOneKeyCreateExactlyOneOrder() throws Exception {
        ObjectNode body = order("c4");
        Client keyed = agent.header("Idempotency-Key", "storm-1");
        List<Resp> results = inParallel(12, () -> keyed.post("/v1/orders", body));
        Set<String> ids = new HashSet<>();
        for (Resp r : results) {
            assertThat(r.status()).as(r.toString()).isIn(201, 409);
            if (r.status() == 201) ids.add(r.json().path("id").asText());
            else assertThat(r.code()).isEqualTo("idempotency.in_progress");
        }
        assertThat(ids).hasSize(1);
        assertThat(CountOf.orders(agent, "c4")).isEqualTo(1);
    }

    @Test
    void concurrentEditsWithoutIfMatchLoseNothing() throws Exception {
        String id = create(agent, order("c5"));
        List<Callable<Resp>> edits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            edits.add(() -> agent.patch("/v1/orders/" + id, Map.of("metadata", Map.of("k" + n, "v" + n))));
        }
        List<Resp> results = inParallel(edits);
        results.forEach(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        var order = agent.get("/v1/orders/" + id).json();
        assertThat(order.path("version").asLong()).isEqualTo(11);
        for (int i = 0; i < 10; i++) assertThat(order.path("metadata").path("k" + i).asText()).isEqualTo("v" + i);
    }

    @Test
    void concurrentEditsOfOneVersionLetExactlyOneWin() throws Exception {
        String id = create(agent, order("c6"));
        List<Callable<Resp>> edits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            edits.add(() -> agent.header("If-Match", "\"1\"").patch("/v1/orders/" + id, Map.of("metadata", Map.of("winner", "w" + n))));
        }
        List<Resp> results = inParallel(edits);
        long ok = results.stream().filter(r -> r.status() == 200).count();
        assertThat(ok).isEqualTo(1);
        results.stream().filter(r -> r.status() != 200).forEach(r -> {
            assertThat(r.code()).isEqualTo("order.version_conflict");
            assertThat(r.json().path("current_version").asLong()).isEqualTo(2);
        });
    }

    static List<Resp> inParallel(int n, Callable<Resp> call) throws Exception {
        List<Callable<Resp>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) calls.add(call);
        return inParallel(calls);
    }

    static List<Resp> inParallel(List<Callable<Resp>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Resp> out = new ArrayList<>();
            for (Future<Resp> f : pool.invokeAll(calls)) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static final class CountOf {
        static int orders(Client c, String customer) {
            return c.get("/v1/orders?customer_id=" + customer).json().path("data").size();
        }
    }
}
