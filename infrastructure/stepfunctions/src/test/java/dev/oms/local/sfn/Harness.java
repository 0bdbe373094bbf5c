package dev.oms.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.paths.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Runs definitions on an in-memory service with scripted tasks and no real delays. */
final class Harness implements AutoCloseable {
    static final String ROLE = "arn:aws:iam::000000000000:role/local";
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger MACHINES = new AtomicInteger();

    final ScriptedTasks tasks = new ScriptedTasks();
    final StepFunctionsService service;

    Harness() {
        this(builder -> builder.delayScale(0));
    }

    Harness(Consumer<StepFunctionsService.Builder> options) {
        StepFunctionsService.Builder builder = StepFunctionsService.builder().taskInvoker(tasks);
        options.accept(builder);
        service = builder.build();
    }

    String machine(String definition) {
        return service.createStateMachine("machine-" + MACHINES.incrementAndGet(), definition, ROLE)
                .stateMachineArn();
    }

    String start(String definition, String input) {
        return service.startExecution(machine(definition), null, input).executionArn();
    }

    ExecutionDescription run(String definition, String input) {
        ExecutionDescription done = service.awaitExecution(start(definition, input), WAIT);
        assertThat(done.status()).as("execution ended in time").isNotEqualTo(ExecutionStatus.RUNNING);
        return done;
    }

    /** Runs and expects SUCCEEDED; returns the output. */
    JsonNode output(String definition, String input) {
        ExecutionDescription done = run(definition, input);
        assertThat(done.status()).as("status (error %s: %s)", done.error(), done.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        return Json.parse(done.output());
    }

    List<HistoryEvent> history(String executionArn) {
        return service.getExecutionHistory(executionArn, 1000, null, false).items();
    }

    List<String> eventTypes(String executionArn) {
        return history(executionArn).stream().map(HistoryEvent::type).toList();
    }

    static JsonNode json(String text) {
        return Json.parse(text);
    }

    @Override
    public void close() {
        service.close();
    }
}
