package dev.oms.local.sfn;

import java.time.Instant;

/** What {@code DescribeStateMachine} returns. {@code type} is STANDARD or EXPRESS (both run the same way here). */
public record StateMachineDescription(String stateMachineArn, String name, String definition, String roleArn,
                                      String type, Instant creationDate) {
}
