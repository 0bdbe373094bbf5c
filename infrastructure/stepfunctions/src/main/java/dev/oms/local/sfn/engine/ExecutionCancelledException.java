package dev.oms.local.sfn.engine;

/**
 * Unwinds the work of a branch, iteration or execution that was cancelled (StopExecution, execution timeout, a
 * sibling branch that failed, or the service shutting down). It is never recorded as a failure.
 */
public final class ExecutionCancelledException extends RuntimeException {
    public ExecutionCancelledException() {
        super("cancelled", null, false, false);
    }
}
