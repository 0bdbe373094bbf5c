package dev.oms.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.ExecutionDescription;
import dev.oms.local.sfn.LambdaTaskInvoker;
import dev.oms.local.sfn.StepFunctionsException;
import dev.oms.local.sfn.StepFunctionsService;
import dev.oms.local.sfn.Substitutions;
import dev.oms.local.sfn.http.StepFunctionsServer;
import dev.oms.platform.json.Json;
import dev.oms.platform.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BinaryOperator;

/**
 * Step Functions locally: the ASL interpreter with the template's state machines (their {@code DefinitionUri} files
 * with the {@code DefinitionSubstitutions} resolved), tasks that invoke the template's functions, executions kept
 * under the data directory (so they survive a restart) and the Step Functions API for the functions' SfnClient.
 * {@code oms.sfn.delayScale} (a system property, default 1) shortens Wait states and retry intervals, for tests.
 */
final class LocalStepFunctions implements AutoCloseable {
    final StepFunctionsService service;
    private final StepFunctionsServer server;

    private LocalStepFunctions(StepFunctionsService service, StepFunctionsServer server) {
        this.service = service;
        this.server = server;
    }

    static LocalStepFunctions start(LocalFunctions functions, Path dataDir, boolean inMemory) throws IOException {
        StepFunctionsService.Builder b = StepFunctionsService.builder()
                .region(LocalResources.REGION).accountId(LocalResources.ACCOUNT)
                .delayScale(Double.parseDouble(System.getProperty("oms.sfn.delayScale", "1"))).deferResume()
                .taskInvoker(new LambdaTaskInvoker((name, payload, ctx) -> invoke(functions, name, payload)));
        if (!inMemory) b.fileStore(dataDir.resolve("stepfunctions"));
        StepFunctionsService service = b.build();
        return new LocalStepFunctions(service, StepFunctionsServer.start(0, service));
    }

    /** A function error becomes a task failure named after the exception class, as the Lambda Java runtime reports it. */
    private static JsonNode invoke(LocalFunctions functions, String name, JsonNode payload) throws dev.oms.local.sfn.TaskFailedException {
        try {
            return Json.valueToTree(functions.invoke(name, Json.mapper().convertValue(payload, Map.class)));
        } catch (RuntimeException e) {
            throw LambdaTaskInvoker.functionError(e);
        }
    }

    String endpoint() { return server.endpoint().toString(); }

    /** Runs the executions a previous run left RUNNING; once the functions have their environment. */
    int resumeStored() { return service.resumeStored(); }

    /** Creates (or updates) every AWS::Serverless::StateMachine of the template, named by its logical id. */
    @SuppressWarnings("unchecked")
    void createStateMachines(SamTemplate template, Path templateDir, BinaryOperator<String> getAtt) throws IOException {
        for (var e : template.resourcesOfType("AWS::Serverless::StateMachine").entrySet()) {
            Map<String, Object> props = e.getValue();
            String definition = Files.readString(templateDir.resolve(String.valueOf(props.get("DefinitionUri"))));
            Map<String, String> substitutions = new LinkedHashMap<>();
            ((Map<String, Object>) props.getOrDefault("DefinitionSubstitutions", Map.of())).forEach((k, v) -> {
                if (v instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> l) {
                    substitutions.put(k, getAtt.apply(String.valueOf(l.get(0)), String.valueOf(l.get(1))));
                } else if (v instanceof Map<?, ?> m && m.get("Ref") != null) {
                    substitutions.put(k, String.valueOf(m.get("Ref")));
                } else {
                    substitutions.put(k, String.valueOf(v));
                }
            });
            String resolved = Substitutions.apply(definition, substitutions);
            String role = "arn:aws:iam::" + LocalResources.ACCOUNT + ":role/" + e.getKey() + "Role";
            try {
                service.createStateMachine(e.getKey(), resolved, role);
            } catch (StepFunctionsException exists) {
                service.updateStateMachine(LocalResources.stateMachineArn(e.getKey()), resolved, role);
            }
        }
    }

    /** For EventBridge rules that target a state machine directly. */
    void start(String stateMachineId, String input) {
        service.startExecution(LocalResources.stateMachineArn(stateMachineId), UUID.randomUUID().toString(), input);
    }

    /** Executions started since a moment, and the state transitions they made (states entered: what Standard bills). */
    record Transitions(long executions, long transitions, long running) { }

    Transitions transitionsSince(java.time.Instant since) {
        long executions = 0, transitions = 0, running = 0;
        for (var m : service.listStateMachines(100, null).items()) {
            String token = null;
            do {
                var page = service.listExecutions(m.stateMachineArn(), null, 1000, token);
                for (ExecutionDescription e : page.items()) {
                    if (e.startDate().isBefore(since)) continue;
                    executions++;
                    if (e.status() == dev.oms.local.sfn.ExecutionStatus.RUNNING) running++;
                    String historyToken = null;
                    do {
                        var history = service.getExecutionHistory(e.executionArn(), 1000, historyToken, false);
                        transitions += history.items().stream().filter(h -> h.type().endsWith("StateEntered")).count();
                        historyToken = history.nextToken();
                    } while (historyToken != null);
                }
                token = page.nextToken();
            } while (token != null);
        }
        return new Transitions(executions, transitions, running);
    }

    /** The most recent executions of every state machine, for the console. */
    List<ExecutionDescription> recentExecutions(int perMachine) {
        List<ExecutionDescription> out = new ArrayList<>();
        for (var m : service.listStateMachines(100, null).items()) {
            out.addAll(service.listExecutions(m.stateMachineArn(), null, perMachine, null).items());
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
        service.close();
    }
}
