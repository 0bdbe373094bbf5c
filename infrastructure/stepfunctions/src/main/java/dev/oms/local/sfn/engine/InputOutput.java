package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.asl.ErrorNames;
import dev.oms.local.sfn.asl.State;
import dev.oms.local.sfn.asl.StatesError;
import dev.oms.local.sfn.paths.Json;
import dev.oms.local.sfn.paths.JsonPaths;
import dev.oms.local.sfn.paths.PathNotFoundException;

/**
 * The input and output processing of the States Language, in its order:
 * InputPath → Parameters → (the state's work) → ResultSelector → ResultPath → OutputPath.
 */
public final class InputOutput {
    /** The payload size limit of Step Functions: 256 KiB of UTF-8. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private InputOutput() {
    }

    /** InputPath on the raw input; null selects an empty object; a path that selects nothing is States.Runtime. */
    public static JsonNode inputPath(State state, JsonNode rawInput, JsonNode context) {
        return select("InputPath", state.inputPath(), rawInput, context);
    }

    public static JsonNode parameters(State state, JsonNode effectiveInput, JsonNode context) {
        return state.parameters() == null ? effectiveInput : state.parameters().apply(effectiveInput, context);
    }

    public static JsonNode resultSelector(State state, JsonNode result, JsonNode context) {
        return state.resultSelector() == null ? result : state.resultSelector().apply(result, context);
    }

    /** ResultPath: places the result into the raw input; {@code "ResultPath": null} keeps the raw input. */
    public static JsonNode resultPath(State state, JsonNode rawInput, JsonNode result) {
        return state.resultPath() == null ? rawInput : state.resultPath().place(rawInput, result);
    }

    public static JsonNode outputPath(State state, JsonNode output, JsonNode context) {
        return select("OutputPath", state.outputPath(), output, context);
    }

    /** ResultSelector, ResultPath and OutputPath in one, for Task, Parallel and Map. */
    public static JsonNode processResult(State state, JsonNode rawInput, JsonNode result, JsonNode context) {
        JsonNode selected = resultSelector(state, result, context);
        JsonNode placed = resultPath(state, rawInput, selected);
        return outputPath(state, placed, context);
    }

    /** Fails with States.DataLimitExceeded when a state's output (as JSON text) is above 256 KiB. */
    public static void checkSize(String stateName, String outputJson) {
        int size = outputJson.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > MAX_PAYLOAD_BYTES) {
            throw new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + stateName
                    + "' returned a result with a size exceeding the maximum number of bytes service limit ("
                    + size + " > " + MAX_PAYLOAD_BYTES + ").");
        }
    }

    private static JsonNode select(String field, String path, JsonNode document, JsonNode context) {
        if (path == null) {
            return Json.object();
        }
        try {
            return JsonPaths.read(path, document, context);
        } catch (PathNotFoundException e) {
            throw StatesError.runtime("Invalid path '" + path + "' : The " + field + " could not be applied to "
                    + Json.write(document));
        }
    }
}
