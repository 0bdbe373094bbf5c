package dev.oms.local.sfn;

/**
 * Fails a task with a States Language error name ({@code ConnectorException}, {@code Lambda.Unknown},
 * {@code States.TaskFailed}, ...) and a cause, as Retry and Catch will see them.
 */
public class TaskFailedException extends Exception {
    private final String error;
    private final String cause;

    public TaskFailedException(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause));
        this.error = error;
        this.cause = cause;
    }

    public TaskFailedException(String error, String cause, Throwable reason) {
        super(error + (cause == null ? "" : ": " + cause), reason);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
