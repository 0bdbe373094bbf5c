package dev.oms.local.sfn;

/**
 * An API error of the Step Functions service, with the AWS error code as {@link #errorCode()}
 * ({@code ExecutionDoesNotExist}, {@code StateMachineAlreadyExists}, {@code InvalidDefinition}, ...).
 * The HTTP API answers it as {@code {"__type": errorCode, "message": ...}} with status 400.
 */
public class StepFunctionsException extends RuntimeException {
    private final String errorCode;

    public StepFunctionsException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }

    public static StepFunctionsException of(String errorCode, String message) {
        return new StepFunctionsException(errorCode, message);
    }
}
