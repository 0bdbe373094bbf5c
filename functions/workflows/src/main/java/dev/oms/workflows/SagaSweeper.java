package dev.oms.workflows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.RepairService;
import dev.oms.app.port.RepairItem;
import dev.oms.app.port.RepairQueue;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.dynamo.DynamoRepairQueue;
import dev.oms.platform.dynamo.SagaStartGuards;
import dev.oms.platform.dynamo.SagaStartGuards.Guard;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.events.OrderEventDetail;
import dev.oms.platform.json.Json;
import dev.oms.platform.observability.Observability;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/**
 * The saga sweeper, run by EventBridge Scheduler every few minutes ({@code SagaSweeperSchedule}): finds saga starts
 * that were requested and never confirmed ({@link SagaStartGuards}: a sparse GSI1 item set, no Scan) and makes sure
 * each saga runs.
 *
 * <ul>
 *   <li>Step Functions has the execution (the start happened; only its confirmation was lost): the guard goes.</li>
 *   <li>It has none (the start was lost): the saga is started again with the same name and input as its starter
 *   would have used ({@link SagaStarts}), so a start racing this one is a harmless duplicate; metric
 *   {@code SagaStartsRedriven}.</li>
 *   <li>The start fails: tried again at the next sweeps (back-off 1, 2, 4, ... minutes); after
 *   {@code SAGA_START_MAX_ATTEMPTS} (5) attempts the guard is parked and a repair item of kind
 *   {@code saga_not_started} is opened; metric {@code SagaStartsParked}. Both metrics have alarms.</li>
 * </ul>
 */
public final class SagaSweeper implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final String FUNCTION = "SagaSweeper";

    /** The guards, as the sweeper uses them. */
    interface Starts {
        List<Guard> due(int limit);

        void confirm(String tenant, String subjectId);

        boolean retryLater(Guard g, Duration wait, String error);

        boolean park(Guard g, String error);
    }

    /** What one sweep did. */
    record Sweep(int checked, int confirmed, int redriven, int retried, int parked) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checked", checked);
            m.put("confirmed", confirmed);
            m.put("redriven", redriven);
            m.put("retried", retried);
            m.put("parked", parked);
            return m;
        }
    }

    private final SfnClient sfn;
    private final SagaStarts starts;
    private final Starts guards;
    private final RepairQueue repairs;
    private final Clock clock;
    private final int maxAttempts;

    public SagaSweeper() {
        this(AwsClients.stepFunctions(), SagaStarts.fromEnvironment(), dynamo(Guards.store()),
                new DynamoRepairQueue(SingleTable.fromEnvironment()), Clock.systemUTC(), Integer.parseInt(Env.get("SAGA_START_MAX_ATTEMPTS", "5")));
    }

    SagaSweeper(SfnClient sfn, SagaStarts starts, Starts guards, RepairQueue repairs, Clock clock, int maxAttempts) {
        this.sfn = sfn;
        this.starts = starts;
        this.guards = guards;
        this.repairs = repairs;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Sweep s = sweep();
        if (s.checked() > 0) Observability.log().info("saga sweep: {}", s.toMap());
        Observability.count(FUNCTION, "SagaStartsRedriven", s.redriven());
        Observability.count(FUNCTION, "SagaStartsParked", s.parked());
        return s.toMap();
    }

    Sweep sweep() {
        int checked = 0, confirmed = 0, redriven = 0, retried = 0, parked = 0;
        for (Guard g : guards.due(100)) {
            checked++;
            SagaStarts.Start start;
            try {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("detail-type", g.eventType());
                event.put("detail", Json.toMap(g.envelope()));
                start = starts.plan(OrderEventDetail.of(event));
            } catch (RuntimeException e) {
                start = null;
            }
            try {
                if (start == null) throw new IllegalStateException("no state machine is configured for " + g.eventType());
                String executionArn = start.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + start.name();
                try {
                    sfn.describeExecution(b -> b.executionArn(executionArn));
                    guards.confirm(g.tenantId(), g.subjectId());
                    confirmed++;
                    continue;
                } catch (ExecutionDoesNotExistException lost) {
                    // the start never reached Step Functions
                }
                SagaStarter.startOnce(sfn, start.stateMachineArn(), start.name(), start.input());
                guards.confirm(g.tenantId(), g.subjectId());
                redriven++;
                Observability.log().warn("saga start of {} ({}) was lost; started {} again", g.subjectId(), g.eventType(), start.name());
            } catch (RuntimeException e) {
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (g.attempts() + 1 >= maxAttempts) {
                    if (guards.park(g, error)) {
                        parked++;
                        repairs.open(repairItem(g, error));
                        Observability.log().error("saga start of {} parked after {} attempts: {}", g.subjectId(), g.attempts() + 1, error);
                    }
                } else {
                    Duration wait = Duration.ofMinutes(1L << Math.min(g.attempts(), 6));
                    if (guards.retryLater(g, wait, error)) retried++;
                    Observability.log().warn("saga start of {} failed (attempt {}), next in {}: {}", g.subjectId(), g.attempts() + 1, wait, error);
                }
            }
        }
        return new Sweep(checked, confirmed, redriven, retried, parked);
    }

    private RepairItem repairItem(Guard g, String error) {
        var now = clock.instant();
        // a start parked again after a retry opens a new item
        return new RepairItem("rep_start_" + g.subjectId() + "_" + now.getEpochSecond(), g.tenantId(), g.orderId(), g.subjectId(), RepairService.SAGA_NOT_STARTED,
                "start", "The " + g.eventType() + " saga did not start after " + (g.attempts() + 1) + " attempts: " + error,
                "open", now, now, 1, List.of());
    }

    private static Starts dynamo(SagaStartGuards store) {
        return new Starts() {
            @Override public List<Guard> due(int limit) { return store.due(limit); }

            @Override public void confirm(String tenant, String subjectId) { store.confirm(tenant, subjectId); }

            @Override public boolean retryLater(Guard g, Duration wait, String error) { return store.retryLater(g, wait, error); }

            @Override public boolean park(Guard g, String error) { return store.park(g, error); }
        };
    }
}
