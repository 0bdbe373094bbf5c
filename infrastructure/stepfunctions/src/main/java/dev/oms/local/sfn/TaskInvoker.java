package dev.oms.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the work of a Task state. The local runtime implements it (usually with {@link LambdaTaskInvoker}) and decides
 * from the resource string what to call; the emulator passes {@code Resource} through unchanged:
 * {@code arn:aws:lambda:us-east-1:000000000000:function:Name}, {@code arn:aws:states:::lambda:invoke},
 * {@code arn:aws:states:::lambda:invoke.waitForTaskToken}, {@code arn:aws:states:::sqs:sendMessage}, ...
 *
 * <p>For a {@code .waitForTaskToken} resource the return value is only recorded (as TaskSubmitted); the state then
 * waits for SendTaskSuccess/SendTaskFailure with {@link TaskContext#taskToken()}.
 *
 * <p>Called on a worker thread of the emulator; it may block. When the state times out or the execution is stopped
 * the thread is interrupted.
 */
@FunctionalInterface
public interface TaskInvoker {

    /**
     * @param resource   the Task state's {@code Resource}, unchanged
     * @param parameters the effective parameters (after InputPath and Parameters)
     * @param context    who is calling: execution, state, task token, retry count, the context object
     * @return the task's result (null is read as JSON null)
     * @throws TaskFailedException to fail the task with an error name and cause (matched by Retry and Catch)
     */
    JsonNode invoke(String resource, JsonNode parameters, TaskContext context) throws TaskFailedException;

    /** An invoker for machines without Task states: every task fails with {@code States.TaskFailed}. */
    static TaskInvoker none() {
        return (resource, parameters, context) -> {
            throw new TaskFailedException("States.TaskFailed", "no TaskInvoker is configured for " + resource);
        };
    }
}
