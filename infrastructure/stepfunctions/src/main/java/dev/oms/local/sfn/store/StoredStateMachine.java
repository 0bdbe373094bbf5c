package dev.oms.local.sfn.store;

import java.time.Instant;

/** A state machine as an {@link ExecutionStore} keeps it. */
public record StoredStateMachine(String stateMachineArn, String name, String definition, String roleArn, String type,
                                 Instant creationDate) {
}
