package dev.oms.local.sfn.store;

import dev.oms.local.sfn.ExecutionStatus;
import dev.oms.local.sfn.HistoryEvent;
import dev.oms.local.sfn.engine.Position;
import java.time.Instant;
import java.util.List;

/**
 * An execution as an {@link ExecutionStore} keeps it: what it was started with (including the definition text it
 * runs, so that updating the state machine does not change running executions), its status and result, its history
 * and, while RUNNING, its top-level position.
 */
public record StoredExecution(String executionArn, String stateMachineArn, String stateMachineName, String name,
                              String roleArn, String definition, String input, ExecutionStatus status, String output,
                              String error, String cause, Instant startDate, Instant stopDate, Position position,
                              List<HistoryEvent> history) {
    public StoredExecution {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
