package dev.oms.local.sfn.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps everything in memory. Sharing one instance between two services simulates a restart without files.
 */
public final class InMemoryExecutionStore implements ExecutionStore {
    private final Map<String, StoredStateMachine> stateMachines = new ConcurrentHashMap<>();
    private final Map<String, StoredExecution> executions = new ConcurrentHashMap<>();

    @Override
    public void saveStateMachine(StoredStateMachine stateMachine) {
        stateMachines.put(stateMachine.stateMachineArn(), stateMachine);
    }

    @Override
    public void deleteStateMachine(String stateMachineArn) {
        stateMachines.remove(stateMachineArn);
    }

    @Override
    public List<StoredStateMachine> loadStateMachines() {
        return new ArrayList<>(stateMachines.values());
    }

    @Override
    public void saveExecution(StoredExecution execution) {
        executions.put(execution.executionArn(), execution);
    }

    @Override
    public List<StoredExecution> loadExecutions() {
        return new ArrayList<>(executions.values());
    }
}
