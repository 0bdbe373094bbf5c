package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.oms.local.sfn.asl.ParallelState;
import dev.oms.local.sfn.asl.StateMachineDefinition;
import dev.oms.local.sfn.asl.StatesError;
import dev.oms.local.sfn.paths.Json;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One attempt of a Parallel state: every branch runs on the effective input (after InputPath and Parameters) in its
 * own scope; the result is the array of branch outputs in branch order. The first branch to fail fails the state
 * with that branch's error, and the other branches are stopped.
 */
final class ParallelStateRunner {
    private final Interpreter interpreter;

    ParallelStateRunner(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    CompletableFuture<JsonNode> attempt(ParallelState state, StateVisit visit) {
        Flow flow = visit.flow();
        JsonNode context = ContextObject.forState(visit);
        JsonNode effective = InputOutput.inputPath(state, visit.rawInput(), context);
        JsonNode input = InputOutput.parameters(state, effective, context);
        flow.record("ParallelStateStarted", null, null);

        List<StateMachineDefinition> branches = state.branches();
        JsonNode[] outputs = new JsonNode[branches.size()];
        AtomicInteger remaining = new AtomicInteger(branches.size());
        CancellationScope group = flow.scope().child();
        CompletableFuture<JsonNode> all = new CompletableFuture<>();
        for (int i = 0; i < branches.size(); i++) {
            int index = i;
            StateMachineDefinition branch = branches.get(i);
            Flow branchFlow = flow.nested(group.child());
            interpreter.run(branch, branch.startAt(), input, branchFlow, null).whenComplete((output, failure) -> {
                branchFlow.scope().close();
                if (failure != null) {
                    if (all.completeExceptionally(Interpreter.unwrap(failure))) {
                        group.cancel();
                    }
                } else {
                    outputs[index] = output;
                    if (remaining.decrementAndGet() == 0) {
                        ArrayNode array = Json.MAPPER.createArrayNode();
                        for (JsonNode each : outputs) {
                            array.add(each);
                        }
                        all.complete(array);
                    }
                }
            });
        }
        return all.handle((result, failure) -> {
            group.close();
            flow.catchUp();
            if (failure != null) {
                Throwable error = Interpreter.unwrap(failure);
                if (error instanceof StatesError statesError) {
                    flow.record("ParallelStateFailed", null, null);
                    throw statesError;
                }
                throw error instanceof RuntimeException runtime ? runtime : new ExecutionCancelledException();
            }
            flow.record("ParallelStateSucceeded", null, null);
            return InputOutput.processResult(state, visit.rawInput(), result, context);
        });
    }
}
