package dev.oms.local.sfn.store;

import java.util.List;

/**
 * Where the service keeps state machines and executions. Every save replaces the previous version of the same ARN.
 * Implementations must be thread-safe.
 */
public interface ExecutionStore extends AutoCloseable {

    void saveStateMachine(StoredStateMachine stateMachine);

    void deleteStateMachine(String stateMachineArn);

    List<StoredStateMachine> loadStateMachines();

    void saveExecution(StoredExecution execution);

    List<StoredExecution> loadExecutions();

    @Override
    default void close() {
    }
}
