package dev.oms.local.sfn.asl;

/**
 * An error raised while interpreting a state machine, named as the States Language names it
 * ({@code States.Timeout}, a Fail state's {@code Error}, a Lambda function's error type, ...).
 * Retry and Catch match on {@link #error()}; {@link #cause()} is free text (often JSON).
 */
public class StatesError extends RuntimeException {
    private final String error;
    private final String cause;

    public StatesError(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    /** States.Runtime and States.DataLimitExceeded can be neither retried nor caught. */
    public boolean isTerminal() {
        return ErrorNames.isTerminal(error);
    }

    public static StatesError runtime(String cause) {
        return new StatesError(ErrorNames.RUNTIME, cause);
    }
}
