package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuditAndLocksIT {
    static String tenant;
    static Client agent;
    static Client agent2;
    static Client admin;
    static Client supervisor;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-a", "agent");
        agent2 = as(tenant, "agent-b", "agent");
        admin = as(tenant, "admin-a", "admin");
        supervisor = as(tenant, "sup-a", "supervisor");
    }

    @Test
    void everyMutationIsOnTheTimelineWithActorSequenceAndReason() {
        String id = create(agent.header("X-Correlation-Id", "corr-123"), paidOrder(agent, "c1", "authorized"));
        agent.patch("/v1/orders/" + id, Map.of("metadata", Map.of("a", "b"), "reason", "customer asked"));
        String holdId = agent.post("/v1/orders/" + id + "/hold", Map.of("reason", "Check stock")).json().path("hold").path("id").asText();
        agent2.post("/v1/orders/" + id + "/release", Map.of("hold_id", holdId, "resolution", "Stock found"));
        agent.post("/v1/orders/" + id + "/confirm", null);

        Resp timeline = agent.get("/v1/orders/" + id + "/timeline");
        assertThat(timeline.status()).isEqualTo(200);
        JsonNode events = timeline.json().path("data");
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactly("order.created", "order.updated", "order.held", "order.hold_released", "order.confirmed");
        List<Long> sequences = new ArrayList<>();
        events.forEach(e -> sequences.add(e.path("sequence").asLong()));
        assertThat(sequences).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.get(0).path("correlation_id").asText()).isEqualTo("corr-123");
        assertThat(events.get(0).path("actor").path("id").asText()).isEqualTo("agent-a");
        assertThat(events.get(1).path("reason").asText()).isEqualTo("customer asked");
        assertThat(events.get(3).path("actor").path("id").asText()).isEqualTo("agent-b");
        assertThat(events.get(3).path("reason").asText()).isEqualTo("Stock found");
        assertThat(events.get(4).path("data").path("from").asText()).isEqualTo("created");
        assertThat(events.get(4).path("data").path("to").asText()).isEqualTo("confirmed");

        Resp paged = agent.get("/v1/orders/" + id + "/timeline?limit=2");
        assertThat(paged.json().path("data")).hasSize(2);
        Resp next = agent.get("/v1/orders/" + id + "/timeline?limit=2&cursor=" + paged.json().path("next_cursor").asText());
        assertThat(next.json().path("data").get(0).path("type").asText()).isEqualTo("order.held");

        String auditId = events.get(2).path("id").asText();
        Resp entry = admin.get("/v1/orders/" + id + "/audit/" + auditId);
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.json().path("type").asText()).isEqualTo("order.held");
        assertThat(admin.get("/v1/orders/" + id + "/audit/evt_missing").code()).isEqualTo("audit.not_found");
    }

    @Test
    void auditSearchFiltersByActorActionAndTime() {
        String t = newTenant();
        Client a = as(t, "searcher-1", "agent");
        Client b = as(t, "searcher-2", "agent");
        Client auditor = as(t, "auditor", "finance");
        String o1 = create(a, order("c1"));
        String o2 = create(b, order("c2"));
        b.post("/v1/orders/" + o1 + "/hold", Map.of("reason", "x"));

        assertThat(auditor.get("/v1/orders/audit").json().path("data")).hasSize(3);
        assertThat(auditor.get("/v1/orders/audit?actor=searcher-2").json().path("data").findValuesAsText("order_id")).containsExactly(o1, o2);
        assertThat(auditor.get("/v1/orders/audit?action=order.held").json().path("data").findValuesAsText("order_id")).containsExactly(o1);
        assertThat(auditor.get("/v1/orders/audit?actor=searcher-2&action=order.created").json().path("data").findValuesAsText("order_id")).containsExactly(o2);
        assertThat(auditor.get("/v1/orders/audit?from=2001-01-01T00:00:00Z&to=2002-01-01T00:00:00Z").json().path("data")).isEmpty();
        Resp page = auditor.get("/v1/orders/audit?limit=2");
        assertThat(page.json().path("has_more").asBoolean()).isTrue();
        Resp rest = auditor.get("/v1/orders/audit?limit=2&cursor=" + page.json().path("next_cursor").asText());
        assertThat(rest.json().path("data")).hasSize(1);
        assertThat(auditor.get("/v1/orders/audit?action=DROP%20TABLE").code()).isEqualTo("request.invalid");
    }

    @Test
    void aLockKeepsOtherPrincipalsOutUntilReleased() {
        String id = create(agent, order("c3"));
        Resp lock = agent.post("/v1/orders/" + id + "/locks", Map.of("ttl_seconds", 300, "purpose", "cs_edit"));
        assertThat(lock.status()).as(lock.toString()).isEqualTo(201);
        String lockId = lock.json().path("lock_token").asText();
        assertThat(lock.json().path("expires_at").asText()).isNotEmpty();

        Resp blocked = agent2.patch("/v1/orders/" + id, Map.of("metadata", Map.of("x", "y")));
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.code()).isEqualTo("order.locked");
        assertThat(agent2.post("/v1/orders/" + id + "/locks", Map.of()).code()).isEqualTo("order.locked");
        assertThat(agent.patch("/v1/orders/" + id, Map.of("metadata", Map.of("x", "owner"))).status()).isEqualTo(200);

        assertThat(agent2.delete("/v1/orders/locks/" + lockId).status()).isEqualTo(403);
        assertThat(agent.delete("/v1/orders/locks/" + lockId).status()).isEqualTo(204);
        assertThat(agent.delete("/v1/orders/locks/" + lockId).code()).isEqualTo("lock.not_found");
        assertThat(agent2.patch("/v1/orders/" + id, Map.of("metadata", Map.of("x", "free"))).status()).isEqualTo(200);

        String supLock = agent.post("/v1/orders/" + id + "/locks", Map.of()).json().path("id").asText();
        assertThat(supervisor.delete("/v1/orders/locks/" + supLock).status()).isEqualTo(204);
        assertThat(agent.delete("/v1/orders/locks/lck_nope.ord_nope").code()).isEqualTo("lock.not_found");
        assertThat(agent.delete("/v1/orders/locks/garbage").code()).isEqualTo("lock.not_found");
        assertThat(agent.post("/v1/orders/" + id + "/locks", Map.of("ttl_seconds", 0)).code()).isEqualTo("request.invalid");
    }

    @Test
    void anExpiredLockNoLongerBlocks() throws Exception {
        String id = create(agent, order("c4"));
        assertThat(agent.post("/v1/orders/" + id + "/locks", Map.of("ttl_seconds", 1)).status()).isEqualTo(201);
        assertThat(agent2.patch("/v1/orders/" + id, Map.of("metadata", Map.of("x", "y"))).code()).isEqualTo("order.locked");
        Thread.sleep(1200);
        assertThat(agent2.patch("/v1/orders/" + id, Map.of("metadata", Map.of("x", "y"))).status()).isEqualTo(200);
    }
}
