package dev.oms.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.paths.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case under {@code src/test/resources/conformance/} through the Java interpreter. The same fixtures run
 * through aws-local-stepfunctions with {@code conformance/run.mjs}, so both interpreters are held to one expectation.
 */
class ConformanceTest {

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path root = casesRoot();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsExpected(String name) throws Exception {
        Path dir = casesRoot().resolve(name);
        String definition = Files.readString(dir.resolve("definition.asl.json"));
        String input = Files.readString(dir.resolve("input.json"));
        JsonNode tasks = Files.exists(dir.resolve("tasks.json"))
                ? Json.parse(Files.readString(dir.resolve("tasks.json"))) : Json.object();
        try (StepFunctionsService service = StepFunctionsService.builder()
                .taskInvoker(new FixtureTasks(tasks)).delayScale(0).build()) {
            String machine = service.createStateMachine(name.replaceAll("[^A-Za-z0-9-]", "-"), definition,
                    Harness.ROLE).stateMachineArn();
            String execution = service.startExecution(machine, "conformance", input).executionArn();
            ExecutionDescription result = service.awaitExecution(execution, Harness.WAIT);

            if (Files.exists(dir.resolve("expected-output.json"))) {
                JsonNode expected = Json.parse(Files.readString(dir.resolve("expected-output.json")));
                assertThat(result.status()).as("status (error %s: %s)", result.error(), result.cause())
                        .isEqualTo(ExecutionStatus.SUCCEEDED);
                JsonNode actual = Json.parse(result.output());
                assertThat(Json.sameValue(actual, expected))
                        .as("output%n  actual:   %s%n  expected: %s", actual, expected).isTrue();
            } else {
                JsonNode expected = Json.parse(Files.readString(dir.resolve("expected-error.json")));
                assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
                assertThat(result.error()).isEqualTo(expected.get("Error").asText());
                assertThat(result.cause()).isEqualTo(expected.get("Cause").asText());
            }
        }
    }

    private static Path casesRoot() throws URISyntaxException {
        return Path.of(ConformanceTest.class.getResource("/conformance").toURI());
    }

    /** Canned task outcomes by resource, as tasks.json describes them; an array is used one entry per call. */
    static final class FixtureTasks implements TaskInvoker {
        private final JsonNode tasks;
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        FixtureTasks(JsonNode tasks) {
            this.tasks = tasks;
        }

        @Override
        public JsonNode invoke(String resource, JsonNode parameters, TaskContext context) throws TaskFailedException {
            JsonNode script = tasks.get(resource);
            if (script == null) {
                throw new TaskFailedException("States.TaskFailed", "no canned result for " + resource);
            }
            int n = calls.computeIfAbsent(resource, r -> new AtomicInteger()).getAndIncrement();
            JsonNode outcome = script.isArray() ? script.get(Math.min(n, script.size() - 1)) : script;
            if (outcome.has("error")) {
                throw new TaskFailedException(outcome.get("error").asText(), outcome.path("cause").asText(null));
            }
            return outcome.get("result");
        }
    }
}
