package dev.oms.workflows;

import dev.oms.platform.dynamo.SagaStartGuards;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.observability.Observability;
import java.time.Clock;

/**
 * The starters' side of {@link SagaStartGuards}: once Step Functions has the execution, the guard of its start goes.
 * A failure here is only logged: the start happened, and the sweeper confirms a guard it finds with an execution.
 */
final class Guards {
    private static volatile SagaStartGuards guards;

    private Guards() { }

    static void confirm(String tenant, String subjectId) {
        try {
            store().confirm(tenant, subjectId);
        } catch (RuntimeException e) {
            Observability.log().warn("could not confirm the start of {} (the sweeper will): {}", subjectId, e.toString());
        }
    }

    static SagaStartGuards store() {
        SagaStartGuards g = guards;
        if (g == null) {
            synchronized (Guards.class) {
                if (guards == null) guards = new SagaStartGuards(SingleTable.fromEnvironment(), Clock.systemUTC());
                g = guards;
            }
        }
        return g;
    }
}
