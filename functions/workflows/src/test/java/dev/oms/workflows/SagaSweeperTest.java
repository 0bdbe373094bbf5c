package dev.oms.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.RepairItem;
import dev.oms.app.port.RepairQueue;
import dev.oms.platform.dynamo.SagaStartGuards;
import dev.oms.platform.dynamo.SagaStartGuards.Guard;
import dev.oms.platform.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/** The saga sweeper: a lost start, a repeated start, a start that keeps failing and is parked. */
class SagaSweeperTest {
    static final String CANCEL = "arn:aws:states:us-east-1:000000000000:stateMachine:cancel-order";
    static final SagaStarts STARTS = new SagaStarts(CANCEL, "arn:aws:states:us-east-1:000000000000:stateMachine:fulfil",
            "arn:aws:states:us-east-1:000000000000:stateMachine:return");
    final Clock clock = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    /** Step Functions with a set of executions; {@code failStarts} makes every StartExecution fail. */
    static class FakeSfn implements SfnClient {
        final Set<String> executions = new HashSet<>();
        final List<StartExecutionRequest> starts = new ArrayList<>();
        boolean failStarts;

        @Override public DescribeExecutionResponse describeExecution(DescribeExecutionRequest r) {
            if (!executions.contains(r.executionArn())) throw ExecutionDoesNotExistException.builder().message("nope").build();
            return DescribeExecutionResponse.builder().executionArn(r.executionArn()).status("RUNNING").build();
        }

        @Override public StartExecutionResponse startExecution(StartExecutionRequest r) {
            starts.add(r);
            if (failStarts) throw SfnException.builder().message("AccessDenied").statusCode(400).build();
            String arn = r.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + r.name();
            if (!executions.add(arn)) throw ExecutionAlreadyExistsException.builder().message("exists").build();
            return StartExecutionResponse.builder().executionArn(arn).build();
        }

        @Override public String serviceName() { return "sfn"; }

        @Override public void close() { }
    }

    /** The guard store in memory. */
    static final class FakeGuards implements SagaSweeper.Starts {
        final Map<String, Guard> pending = new LinkedHashMap<>();
        final Map<String, Guard> parked = new LinkedHashMap<>();
        final List<Duration> waits = new ArrayList<>();

        void add(Guard g) { pending.put(g.subjectId(), g); }

        @Override public List<Guard> due(int limit) { return new ArrayList<>(pending.values()); }

        @Override public void confirm(String tenant, String subjectId) { pending.remove(subjectId); }

        @Override public boolean retryLater(Guard g, Duration wait, String error) {
            waits.add(wait);
            pending.put(g.subjectId(), new Guard(g.tenantId(), g.orderId(), g.subjectId(), g.eventType(), g.event(), g.attempts() + 1, "pending", error));
            return true;
        }

        @Override public boolean park(Guard g, String error) {
            pending.remove(g.subjectId());
            parked.put(g.subjectId(), new Guard(g.tenantId(), g.orderId(), g.subjectId(), g.eventType(), g.event(), g.attempts() + 1, "parked", error));
            return true;
        }
    }

    static final class FakeRepairs implements RepairQueue {
        final Map<String, RepairItem> items = new LinkedHashMap<>();

        @Override public void open(RepairItem item) { items.putIfAbsent(item.id(), item); }

        @Override public Optional<RepairItem> find(String tenantId, String repairId) { return Optional.ofNullable(items.get(repairId)); }

        @Override public Page<RepairItem> list(String tenantId, String state, PageRequest page) { return new Page<>(List.copyOf(items.values()), null); }

        @Override public void update(RepairItem item, long expectedVersion) { items.put(item.id(), item); }
    }

    final FakeSfn sfn = new FakeSfn();
    final FakeGuards guards = new FakeGuards();
    final FakeRepairs repairs = new FakeRepairs();
    final SagaSweeper sweeper = new SagaSweeper(sfn, STARTS, guards, repairs, clock, 3);

    /** The guard the order repository writes with an order.cancellation_requested event. */
    static Guard cancellationGuard(String order, String cancellation) {
        var envelope = Json.object();
        envelope.put("id", "evt_1").put("type", "order.cancellation_requested").put("tenant_id", "t1").put("order_id", order)
                .put("correlation_id", "corr-1");
        envelope.putObject("data").put("cancellation_id", cancellation).put("scope", "full").put("refund", true).put("restock", false);
        var item = SagaStartGuards.itemFor(envelope, Instant.parse("2026-12-04T11:50:00Z"));
        assertThat(item).isNotNull();
        assertThat(item.path("GSI1PK").asText()).startsWith("SAGASTARTS#");
        return new Guard("t1", order, cancellation, "order.cancellation_requested", item.path("event").asText(), 0, "pending", null);
    }

    static com.fasterxml.jackson.databind.JsonNode parse(String s) {
        try {
            return Json.parse(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aLostStartIsStartedAgainUnderTheSameNameAndItsGuardGoes() {
        guards.add(cancellationGuard("ord_1", "can_1"));
        SagaSweeper.Sweep s = sweeper.sweep();
        assertThat(s.redriven()).isEqualTo(1);
        assertThat(sfn.starts).hasSize(1);
        StartExecutionRequest start = sfn.starts.get(0);
        assertThat(start.name()).isEqualTo("cancel-ord_1-can_1").isEqualTo(SagaStarter.executionName("ord_1", "can_1"));
        assertThat(start.stateMachineArn()).isEqualTo(CANCEL);
        assertThat(parse(start.input()).path("cancellation_id").asText()).isEqualTo("can_1");
        assertThat(parse(start.input()).path("refund").asBoolean()).isTrue();
        assertThat(guards.pending).isEmpty();
        assertThat(sweeper.sweep().checked()).isZero();
    }

    @Test
    void aStartThatHappenedIsNotRepeatedAndOneRacingTheSweeperIsAHarmlessDuplicate() {
        // the starter started it and died before confirming: the sweeper finds the execution and only drops the guard
        sfn.executions.add(CANCEL.replace(":stateMachine:", ":execution:") + ":cancel-ord_2-can_2");
        guards.add(cancellationGuard("ord_2", "can_2"));
        SagaSweeper.Sweep s = sweeper.sweep();
        assertThat(s.confirmed()).isEqualTo(1);
        assertThat(s.redriven()).isZero();
        assertThat(sfn.starts).isEmpty();
        assertThat(guards.pending).isEmpty();

        // the starter starts it between the sweeper's look and its start: ExecutionAlreadyExists, one execution
        SagaSweeper raced = new SagaSweeper(new FakeSfn() {
            @Override public DescribeExecutionResponse describeExecution(DescribeExecutionRequest r) {
                executions.add(r.executionArn()); // the starter got there first, just after this look
                throw ExecutionDoesNotExistException.builder().message("not yet").build();
            }
        }, STARTS, guards, repairs, clock, 3);
        guards.add(cancellationGuard("ord_3", "can_3"));
        assertThat(raced.sweep().redriven()).isEqualTo(1);
        assertThat(guards.pending).isEmpty();
    }

    @Test
    void aStartThatKeepsFailingIsRetriedWithBackOffThenParkedInTheRepairQueue() {
        sfn.failStarts = true;
        guards.add(cancellationGuard("ord_4", "can_4"));
        assertThat(sweeper.sweep().retried()).isEqualTo(1);
        assertThat(sweeper.sweep().retried()).isEqualTo(1);
        assertThat(guards.waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2));
        assertThat(guards.pending.get("can_4").attempts()).isEqualTo(2);
        SagaSweeper.Sweep third = sweeper.sweep();
        assertThat(third.parked()).isEqualTo(1);
        assertThat(guards.pending).isEmpty();
        assertThat(guards.parked.get("can_4").attempts()).isEqualTo(3);
        assertThat(sfn.starts).hasSize(3);
        RepairItem item = repairs.items.values().iterator().next();
        assertThat(item.kind()).isEqualTo("saga_not_started");
        assertThat(item.cancellationId()).isEqualTo("can_4");
        assertThat(item.orderId()).isEqualTo("ord_4");
        assertThat(item.state()).isEqualTo("open");
        assertThat(item.failure()).contains("AccessDenied").contains("3 attempts");
        assertThat(sweeper.sweep().checked()).isZero();
    }

    @Test
    void theStartsOfTheThreeSagasAreTheOnesTheirStartersMake() {
        var e = Json.object();
        e.put("type", "return.created").put("tenant_id", "t1").put("order_id", "ord_9");
        e.putObject("data").put("return_id", "ret_9");
        var plan = STARTS.plan(dev.oms.platform.events.OrderEventDetail.of(Map.of("detail-type", "return.created", "detail", Json.toMap(e))));
        assertThat(plan.name()).isEqualTo(ReturnSagaEvents.executionName("ord_9", "ret_9"));
        assertThat(plan.input()).containsKeys("receipt_timeout_seconds", "inspection_timeout_seconds", "settlement_timeout_seconds");
        assertThat(SagaStartGuards.itemFor(e, Instant.EPOCH).path("subject_id").asText()).isEqualTo("ret_9");
        e.put("type", "order.confirmed");
        assertThat(SagaStartGuards.itemFor(e, Instant.EPOCH)).isNull();
    }
}
