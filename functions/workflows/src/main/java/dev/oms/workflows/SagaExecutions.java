package dev.oms.workflows;

import dev.oms.platform.json.Json;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starting a saga once: the execution name is derived from the order and the request it serves, so a duplicate event
 * finds the execution already there and starts nothing twice.
 */
final class SagaExecutions {
    private SagaExecutions() { }

    /** Starts the execution, or answers the ARN of the one that already has this name. */
    static String startOnce(SfnClient sfn, String stateMachineArn, String name, Map<String, Object> input) {
        try {
            return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(Json.write(Json.valueToTree(input)))).executionArn();
        } catch (ExecutionAlreadyExistsException duplicate) {
            return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
        }
    }

    /** {@code <prefix>-<order>-<request>}, at most 80 characters of letters, digits, - and _ (prefixed ULIDs fit). */
    static String name(String prefix, String orderId, String requestId) {
        String name = prefix + "-" + orderId + "-" + requestId;
        return name.length() <= 80 ? name : name.substring(0, 80);
    }
}
