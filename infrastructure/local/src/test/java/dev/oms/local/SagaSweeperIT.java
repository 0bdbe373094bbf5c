package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.SagaStartGuards;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The saga sweeper as the local runtime runs it: the template's {@code SagaSweeperSchedule} (EventBridge Scheduler,
 * {@code rate(5 minutes)}), fired at once through {@code POST /local/schedules/{name}/run}. A start that was lost is
 * started again under the same name; a start that happened (its confirmation lost) is not repeated.
 */
class SagaSweeperIT {
    static String tenant;
    static Client agent;
    static SagaStartGuards guards;

    @BeforeAll
    static void setUp() {
        runtime();
        System.setProperty("SAGA_START_GRACE_SECONDS", "0"); // the guards written from now on are due at once
        tenant = newTenant();
        agent = as(tenant, "agent-sweep", "agent");
        guards = new SagaStartGuards(Platform.get().table, Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() { System.clearProperty("SAGA_START_GRACE_SECONDS"); }

    static String confirmedOrder(String customer) {
        String id = create(agent, paidOrder(agent, customer, "authorized"));
        assertThat(agent.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
        return id;
    }

    static String status(String id) { return agent.get("/v1/orders/" + id).json().path("status").asText(); }

    static long executions(String name) {
        long n = 0;
        for (JsonNode e : anonymous().get("/local/console").json().path("executions")) if (e.path("name").asText().equals(name)) n++;
        return n;
    }

    /** The order.cancellation_requested event of the cancellation was delivered to the saga starter. */
    static boolean delivered(String cancellation) {
        for (JsonNode e : anonymous().get("/local/console").json().path("events")) {
            if (!cancellation.equals(e.path("event").path("detail").path("data").path("cancellation_id").asText())) continue;
            for (JsonNode m : e.path("matches")) {
                for (JsonNode d : m.path("deliveries")) {
                    if (d.path("target").asText().startsWith("SagaStarterFunction") && "DELIVERED".equals(d.path("status").asText())) return true;
                }
            }
        }
        return false;
    }

    static void sweep() {
        Resp r = anonymous().post("/local/schedules/SagaSweeperSchedule/run", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
    }

    @Test
    void theTemplatesScheduleIsPlayedLocally() {
        JsonNode schedules = anonymous().get("/local/schedules").json().path("data");
        JsonNode sweeper = null;
        for (JsonNode s : schedules) if (s.path("name").asText().equals("SagaSweeperSchedule")) sweeper = s;
        assertThat(sweeper).isNotNull();
        assertThat(sweeper.path("expression").asText()).isEqualTo("rate(5 minutes)");
        assertThat(sweeper.path("target").asText()).isEqualTo("SagaSweeperFunction");
        assertThat(sweeper.path("next_fire").asText()).isNotBlank();
        assertThat(anonymous().post("/local/schedules/NoSuchSchedule/run", null).status()).isEqualTo(404);
    }

    @Test
    void aLostStartIsStartedAgainByTheSweeperUnderTheSameName() {
        String id = confirmedOrder("cus_lost");
        // the starter loses the event (as if EventBridge gave up, or the starter crashed before StartExecution)
        RequestHandler<Map<String, Object>, Map<String, Object>> loser = (event, ctx) -> Map.of();
        Object starter = runtime().functions().replace("SagaStarterFunction", loser);
        String cancellation;
        try {
            Resp accepted = agent.post("/v1/orders/" + id + "/cancel", Map.of("reason", "Lost in the post"));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            cancellation = accepted.json().path("cancellation").path("id").asText();
            assertThat(cancellation).startsWith("can_");
            String c = cancellation;
            eventually("the event delivered to the (losing) starter", () -> delivered(c));
        } finally {
            runtime().functions().replace("SagaStarterFunction", starter);
        }
        assertThat(status(id)).isEqualTo("cancelling");
        assertThat(guards.find(tenant, cancellation)).isPresent();
        String name = "cancel-" + id + "-" + cancellation;
        assertThat(executions(name)).isZero();

        sweep();
        eventually("the order cancelled by the re-driven saga", () -> "cancelled".equals(status(id)));
        assertThat(executions(name)).isEqualTo(1);
        eventually("the guard gone", () -> guards.find(tenant, cancellation).isEmpty());
    }

    @Test
    void aStartThatHappenedIsNotRepeatedWhenOnlyItsConfirmationWasLost() {
        String id = confirmedOrder("cus_twice");
        Resp accepted = agent.post("/v1/orders/" + id + "/cancel", Map.of("reason", "Twice"));
        assertThat(accepted.status()).isEqualTo(202);
        eventually("the order cancelled", () -> "cancelled".equals(status(id)));
        String cancellation = accepted.json().path("cancellation").path("id").asText();
        assertThat(guards.find(tenant, cancellation)).as("the starter confirmed its start").isEmpty();

        // the confirmation is lost: the guard is back, due now
        ObjectNode envelope = Json.object();
        envelope.put("id", "evt_replayed").put("type", "order.cancellation_requested").put("tenant_id", tenant).put("order_id", id);
        envelope.putObject("data").put("cancellation_id", cancellation).put("scope", "full").put("refund", true).put("restock", false);
        ObjectNode item = SagaStartGuards.itemFor(envelope, Instant.now().minusSeconds(600));
        Platform.get().table.put(item);
        assertThat(guards.find(tenant, cancellation)).isPresent();

        sweep();
        eventually("the guard confirmed", () -> guards.find(tenant, cancellation).isEmpty());
        assertThat(executions("cancel-" + id + "-" + cancellation)).isEqualTo(1);
        assertThat(status(id)).isEqualTo("cancelled");
    }
}
