package dev.oms.local.sfn.asl;

import java.util.Set;

/** The predefined error names of the Amazon States Language. */
public final class ErrorNames {
    public static final String ALL = "States.ALL";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String TIMEOUT = "States.Timeout";
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    public static final String RUNTIME = "States.Runtime";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String BRANCH_FAILED = "States.BranchFailed";
    public static final String PERMISSIONS = "States.Permissions";
    public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
    public static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";
    public static final String EXCEEDS_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";

    /**
     * Errors that end the execution whatever Retry or Catch say: AWS documents that neither a retrier nor a catcher
     * (not even on {@code States.ALL}) handles them.
     */
    public static final Set<String> TERMINAL = Set.of(RUNTIME, DATA_LIMIT_EXCEEDED);

    private ErrorNames() {
    }

    public static boolean isTerminal(String error) {
        return TERMINAL.contains(error);
    }
}
