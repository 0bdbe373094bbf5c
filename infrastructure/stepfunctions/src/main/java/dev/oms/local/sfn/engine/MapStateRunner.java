package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.local.sfn.asl.MapState;
import dev.oms.local.sfn.asl.StateMachineDefinition;
import dev.oms.local.sfn.asl.StatesError;
import dev.oms.local.sfn.paths.Json;
import dev.oms.local.sfn.paths.JsonPaths;
import dev.oms.local.sfn.paths.PathNotFoundException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One attempt of a Map state (inline): InputPath → ItemsPath selects the array → for each item, ItemSelector (or the
 * legacy Parameters) builds the iteration input, with {@code $$.Map.Item.Index} and {@code $$.Map.Item.Value} in the
 * context → ItemProcessor runs, at most MaxConcurrency at a time (0 = all at once) → the result is the array of
 * iteration outputs in item order. The first iteration to fail fails the state with its error and stops the others.
 */
final class MapStateRunner {
    private final Interpreter interpreter;

    MapStateRunner(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    CompletableFuture<JsonNode> attempt(MapState state, StateVisit visit) {
        Flow flow = visit.flow();
        ObjectNode context = ContextObject.forState(visit);
        JsonNode effective = InputOutput.inputPath(state, visit.rawInput(), context);
        JsonNode items = read(state.itemsPath(), "ItemsPath", effective, context);
        if (!items.isArray()) {
            throw StatesError.runtime("Invalid path '" + state.itemsPath() + "': the ItemsPath of the Map state '"
                    + state.name() + "' must select an array, not " + Json.write(items));
        }
        int concurrency = maxConcurrency(state, effective, context);
        ObjectNode started = Json.object();
        started.put("length", items.size());
        flow.record("MapStateStarted", "mapStateStartedEventDetails", started);

        Iterations iterations = new Iterations(state, context, effective, (ArrayNode) items, flow);
        iterations.launch(concurrency == 0 ? items.size() : Math.min(concurrency, items.size()));
        return iterations.all.handle((result, failure) -> {
            iterations.group.close();
            flow.catchUp();
            if (failure != null) {
                Throwable error = Interpreter.unwrap(failure);
                if (error instanceof StatesError statesError) {
                    flow.record("MapStateFailed", null, null);
                    throw statesError;
                }
                throw error instanceof RuntimeException runtime ? runtime : new ExecutionCancelledException();
            }
            flow.record("MapStateSucceeded", null, null);
            return InputOutput.processResult(state, visit.rawInput(), result, context);
        });
    }

    private static int maxConcurrency(MapState state, JsonNode input, JsonNode context) {
        if (state.maxConcurrencyPath() == null) {
            return state.maxConcurrency();
        }
        JsonNode value = read(state.maxConcurrencyPath(), "MaxConcurrencyPath", input, context);
        if (!Json.isIntegral(value) || value.decimalValue().signum() < 0) {
            throw StatesError.runtime("MaxConcurrencyPath must select a non-negative integer, not " + Json.write(value));
        }
        return value.decimalValue().intValue();
    }

    private static JsonNode read(String path, String field, JsonNode input, JsonNode context) {
        try {
            return JsonPaths.read(path, input, context);
        } catch (PathNotFoundException e) {
            throw StatesError.runtime("Invalid path '" + path + "' : The " + field + " could not be applied to "
                    + Json.write(input));
        }
    }

    /** The iterations of one attempt: started in item order, never more than the concurrency at once. */
    private final class Iterations {
        private final MapState state;
        private final ObjectNode context;
        private final JsonNode effective;
        private final ArrayNode items;
        private final Flow flow;
        private final JsonNode[] outputs;
        private final AtomicInteger nextIndex = new AtomicInteger();
        private final AtomicInteger remaining;
        private final CancellationScope group;
        private final CompletableFuture<JsonNode> all = new CompletableFuture<>();

        Iterations(MapState state, ObjectNode context, JsonNode effective, ArrayNode items, Flow flow) {
            this.state = state;
            this.context = context;
            this.effective = effective;
            this.items = items;
            this.flow = flow;
            this.outputs = new JsonNode[items.size()];
            this.remaining = new AtomicInteger(items.size());
            this.group = flow.scope().child();
            if (items.isEmpty()) {
                all.complete(Json.MAPPER.createArrayNode());
            }
        }

        void launch(int count) {
            for (int i = 0; i < count; i++) {
                startNext();
            }
        }

        private void startNext() {
            int index = nextIndex.getAndIncrement();
            if (index >= items.size() || all.isDone()) {
                return;
            }
            JsonNode item = items.get(index);
            Flow iterationFlow = flow.nested(group.child());
            ObjectNode details = Json.object();
            details.put("name", state.name());
            details.put("index", index);
            JsonNode input;
            try {
                input = state.itemSelector() == null ? item
                        : state.itemSelector().apply(effective, ContextObject.withMapItem(context, index, item));
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            iterationFlow.record("MapIterationStarted", "mapIterationStartedEventDetails", details);
            StateMachineDefinition processor = state.itemProcessor();
            interpreter.run(processor, processor.startAt(), input, iterationFlow, null)
                    .whenComplete((output, failure) -> {
                        iterationFlow.scope().close();
                        if (failure != null) {
                            Throwable error = Interpreter.unwrap(failure);
                            if (error instanceof StatesError) {
                                iterationFlow.record("MapIterationFailed", "mapIterationFailedEventDetails", details);
                            }
                            fail(error);
                            return;
                        }
                        iterationFlow.record("MapIterationSucceeded", "mapIterationSucceededEventDetails", details);
                        outputs[index] = output;
                        if (remaining.decrementAndGet() == 0) {
                            ArrayNode array = Json.MAPPER.createArrayNode();
                            for (JsonNode each : outputs) {
                                array.add(each);
                            }
                            all.complete(array);
                        } else {
                            startNext();
                        }
                    });
        }

        private void fail(Throwable error) {
            if (all.completeExceptionally(error)) {
                group.cancel();
            }
        }
    }
}
