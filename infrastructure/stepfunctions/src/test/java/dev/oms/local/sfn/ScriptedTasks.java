package dev.oms.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.paths.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TaskInvoker for tests: each resource answers with a scripted behaviour; every call is recorded. */
final class ScriptedTasks implements TaskInvoker {

    /** What one resource does when invoked. */
    @FunctionalInterface
    interface Behaviour {
        JsonNode run(JsonNode parameters, TaskContext context) throws TaskFailedException;
    }

    record Call(String resource, JsonNode parameters, TaskContext context) {
    }

    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    ScriptedTasks on(String resource, Behaviour behaviour) {
        behaviours.put(resource, behaviour);
        return this;
    }

    ScriptedTasks returning(String resource, String json) {
        return on(resource, (parameters, context) -> Json.parse(json));
    }

    ScriptedTasks echoing(String resource) {
        return on(resource, (parameters, context) -> parameters);
    }

    ScriptedTasks failing(String resource, String error, String cause) {
        return on(resource, (parameters, context) -> {
            throw new TaskFailedException(error, cause);
        });
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> callsTo(String resource) {
        return calls.stream().filter(call -> call.resource().equals(resource)).toList();
    }

    @Override
    public JsonNode invoke(String resource, JsonNode parameters, TaskContext context) throws TaskFailedException {
        calls.add(new Call(resource, parameters, context));
        Behaviour behaviour = behaviours.get(resource);
        if (behaviour == null) {
            throw new TaskFailedException("States.TaskFailed", "no scripted behaviour for " + resource);
        }
        return behaviour.run(parameters, context);
    }
}
