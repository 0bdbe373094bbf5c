package dev.oms.local.sfn.asl;

import java.util.List;

/**
 * Decides whether an {@code ErrorEquals} list handles an error: by exact name, by {@code States.ALL}, or by
 * {@code States.TaskFailed}, which in a Task state matches every error except {@code States.Timeout}.
 * Terminal errors ({@code States.Runtime}, {@code States.DataLimitExceeded}) are never handled.
 */
public final class ErrorMatcher {
    private ErrorMatcher() {
    }

    public static boolean matches(List<String> errorEquals, StatesError error, boolean inTaskState) {
        if (error.isTerminal()) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(error.error()) || ErrorNames.ALL.equals(name)) {
                return true;
            }
            if (ErrorNames.TASK_FAILED.equals(name) && inTaskState && !ErrorNames.TIMEOUT.equals(error.error())) {
                return true;
            }
        }
        return false;
    }
}
