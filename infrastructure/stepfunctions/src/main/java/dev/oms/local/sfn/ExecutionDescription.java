package dev.oms.local.sfn;

import java.time.Instant;

/**
 * What {@code DescribeExecution} returns. {@code input} and {@code output} are JSON text; {@code output} is set
 * once SUCCEEDED, {@code error}/{@code cause} once FAILED, TIMED_OUT or ABORTED; {@code stopDate} once not RUNNING.
 */
public record ExecutionDescription(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
                                   String input, String output, String error, String cause, Instant startDate,
                                   Instant stopDate) {
}
