package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.local.sfn.paths.Json;
import dev.oms.local.sfn.paths.Timestamps;

/**
 * Builds the context object ({@code $$}) a state sees:
 * <pre>
 * { "Execution":    { "Id", "Name", "Input", "StartTime", "RoleArn", "RedriveCount" },
 *   "State":        { "Name", "EnteredTime", "RetryCount" },
 *   "StateMachine": { "Id", "Name" },
 *   "Task":         { "Token" }                  (only in a .waitForTaskToken Task)
 *   "Map":          { "Item": { "Index", "Value" } }   (only in a Map state's ItemSelector) }
 * </pre>
 */
public final class ContextObject {
    private ContextObject() {
    }

    public static ObjectNode forState(StateVisit visit) {
        ExecutionRun run = visit.run();
        ObjectNode context = Json.object();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", run.executionArn());
        execution.set("Input", run.input());
        execution.put("Name", run.name());
        execution.put("RoleArn", run.roleArn());
        execution.put("StartTime", Timestamps.format(run.startDate()));
        execution.put("RedriveCount", 0);
        ObjectNode state = context.putObject("State");
        state.put("EnteredTime", Timestamps.format(visit.enteredTime()));
        state.put("Name", visit.state().name());
        state.put("RetryCount", visit.retryCount());
        ObjectNode stateMachine = context.putObject("StateMachine");
        stateMachine.put("Id", run.stateMachineArn());
        stateMachine.put("Name", run.stateMachineName());
        return context;
    }

    public static ObjectNode withTaskToken(ObjectNode context, String token) {
        if (token != null) {
            context.putObject("Task").put("Token", token);
        }
        return context;
    }

    public static ObjectNode withMapItem(ObjectNode context, int index, JsonNode value) {
        ObjectNode copy = context.deepCopy();
        ObjectNode item = copy.putObject("Map").putObject("Item");
        item.put("Index", index);
        item.set("Value", value);
        return copy;
    }
}
