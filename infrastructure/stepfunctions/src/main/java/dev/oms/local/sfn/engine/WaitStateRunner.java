package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.asl.StatesError;
import dev.oms.local.sfn.asl.WaitState;
import dev.oms.local.sfn.paths.Json;
import dev.oms.local.sfn.paths.JsonPaths;
import dev.oms.local.sfn.paths.PathNotFoundException;
import dev.oms.local.sfn.paths.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A Wait state: a timer, no thread. SecondsPath and TimestampPath read the effective input (after InputPath).
 * A top-level wait saves its end time, so after a restart it waits only for what is left.
 */
final class WaitStateRunner {
    private final EngineThreads threads;

    WaitStateRunner(EngineThreads threads) {
        this.threads = threads;
    }

    CompletableFuture<JsonNode> run(WaitState state, StateVisit visit) {
        JsonNode context = ContextObject.forState(visit);
        JsonNode effective = InputOutput.inputPath(state, visit.rawInput(), context);
        Position resume = visit.resumeFrom();
        Instant until = resume != null && resume.waitUntil() != null ? resume.waitUntil()
                : waitEnd(state, effective, context, visit.enteredTime());
        if (visit.flow().isTopLevel()) {
            visit.run().updatePosition(current -> current != null && current.stateName().equals(state.name())
                    ? current.waitingUntil(until) : null);
        }
        Duration delay = Duration.between(Instant.now(), until);
        // the timer runs on the monotonic clock and may fire a few microseconds before the wall-clock `until`: one
        // millisecond more, so the wait never ends early
        return threads.sleep(delay.isNegative() || delay.isZero() ? Duration.ZERO : delay.plusMillis(1), visit.flow().scope())
                .thenApply(ignored -> InputOutput.outputPath(state, effective, context));
    }

    private static Instant waitEnd(WaitState state, JsonNode input, JsonNode context, Instant entered) {
        if (state.seconds() != null) {
            return entered.plusSeconds(state.seconds());
        }
        if (state.timestamp() != null) {
            return Timestamps.parse(state.timestamp()).orElseThrow();
        }
        if (state.secondsPath() != null) {
            JsonNode seconds = read(state.secondsPath(), input, context);
            if (!Json.isIntegral(seconds) || seconds.decimalValue().signum() < 0) {
                throw StatesError.runtime("The SecondsPath '" + state.secondsPath()
                        + "' must select a non-negative integer, not " + Json.write(seconds));
            }
            return entered.plusSeconds(seconds.decimalValue().longValue());
        }
        JsonNode timestamp = read(state.timestampPath(), input, context);
        if (!timestamp.isTextual() || !Timestamps.isTimestamp(timestamp.textValue())) {
            throw StatesError.runtime("The TimestampPath '" + state.timestampPath()
                    + "' must select an RFC 3339 timestamp, not " + Json.write(timestamp));
        }
        return Timestamps.parse(timestamp.textValue()).orElseThrow();
    }

    private static JsonNode read(String path, JsonNode input, JsonNode context) {
        try {
            return JsonPaths.read(path, input, context);
        } catch (PathNotFoundException e) {
            throw StatesError.runtime("Invalid path '" + path + "' in a Wait state: nothing found in "
                    + Json.write(input));
        }
    }
}
