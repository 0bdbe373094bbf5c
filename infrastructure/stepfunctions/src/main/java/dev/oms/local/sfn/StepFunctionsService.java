package dev.oms.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.asl.InvalidDefinitionException;
import dev.oms.local.sfn.asl.StateMachineDefinition;
import dev.oms.local.sfn.engine.EngineThreads;
import dev.oms.local.sfn.engine.ExecutionRun;
import dev.oms.local.sfn.engine.ExecutionRunner;
import dev.oms.local.sfn.engine.Interpreter;
import dev.oms.local.sfn.engine.TaskTokens;
import dev.oms.local.sfn.paths.Json;
import dev.oms.local.sfn.store.ExecutionStore;
import dev.oms.local.sfn.store.FileExecutionStore;
import dev.oms.local.sfn.store.InMemoryExecutionStore;
import dev.oms.local.sfn.store.StoredExecution;
import dev.oms.local.sfn.store.StoredStateMachine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local Step Functions service, in process and thread-safe: the operations of the AWS API that the OMS uses,
 * with the AWS error codes (as {@link StepFunctionsException}). {@link dev.oms.local.sfn.http.StepFunctionsHttpApi}
 * puts it on HTTP.
 *
 * <pre>
 * StepFunctionsService sfn = StepFunctionsService.builder()
 *         .taskInvoker(myInvoker)                                  // how Task states call Lambda &amp; co
 *         .fileStore(Path.of(".oms-local/stepfunctions"))           // or .store(...); in memory by default
 *         .build();                                                  // resumes RUNNING executions of the store
 * </pre>
 *
 * Executions run on a bounded worker pool ({@link Builder#workerThreads}); Wait states, retry back-offs and callbacks
 * wait on timers and futures, not threads. See {@link ExecutionRunner} for what a restart does to running executions.
 */
public final class StepFunctionsService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StepFunctionsService.class.getName());
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final Set<String> TYPES = Set.of("STANDARD", "EXPRESS");

    private final Arns arns;
    private final ExecutionStore store;
    private final EngineThreads threads;
    private final TaskTokens tokens = new TaskTokens();
    private final ExecutionRunner runner;
    private final Map<String, StoredStateMachine> stateMachines = new ConcurrentHashMap<>();
    private final Map<String, ExecutionRun> executions = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private volatile boolean closed;
    private final boolean deferResume;
    private List<ExecutionRun> deferred = List.of();

    private StepFunctionsService(Builder builder) {
        this.deferResume = builder.deferResume;
        this.arns = new Arns(builder.region, builder.accountId);
        this.store = builder.store;
        this.threads = new EngineThreads(builder.workerThreads, builder.delayScale);
        Interpreter interpreter = new Interpreter(threads, builder.taskInvoker, tokens, builder.region);
        this.runner = new ExecutionRunner(interpreter, threads, tokens);
        load();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ----- state machines -----

    /** CreateStateMachine of a STANDARD machine. */
    public StateMachineDescription createStateMachine(String name, String definition, String roleArn) {
        return createStateMachine(name, definition, roleArn, "STANDARD");
    }

    /**
     * CreateStateMachine. Idempotent: the same name with the same definition, role and type returns the existing
     * machine; a different one is {@code StateMachineAlreadyExists}. Apply DefinitionSubstitutions first with
     * {@link Substitutions#apply}.
     */
    public StateMachineDescription createStateMachine(String name, String definition, String roleArn, String type) {
        Arns.checkName(name, "State Machine");
        String machineType = type == null ? "STANDARD" : type;
        if (!TYPES.contains(machineType)) {
            throw StepFunctionsException.of("ValidationException", "type must be STANDARD or EXPRESS, not " + type);
        }
        parseDefinition(definition);
        String arn = arns.stateMachine(name);
        synchronized (lifecycle) {
            StoredStateMachine existing = stateMachines.get(arn);
            if (existing != null) {
                if (existing.definition().equals(definition) && existing.roleArn().equals(roleArn)
                        && existing.type().equals(machineType)) {
                    return describe(existing);
                }
                throw StepFunctionsException.of("StateMachineAlreadyExists",
                        "State Machine Already Exists: '" + arn + "'");
            }
            StoredStateMachine created = new StoredStateMachine(arn, name, definition, roleArn, machineType,
                    Instant.now());
            store.saveStateMachine(created);
            stateMachines.put(arn, created);
            return describe(created);
        }
    }

    /** UpdateStateMachine: a new definition and/or role; running executions keep the definition they started with. */
    public StateMachineDescription updateStateMachine(String stateMachineArn, String definition, String roleArn) {
        synchronized (lifecycle) {
            StoredStateMachine existing = stateMachine(stateMachineArn);
            if (definition != null) {
                parseDefinition(definition);
            }
            StoredStateMachine updated = new StoredStateMachine(existing.stateMachineArn(), existing.name(),
                    definition == null ? existing.definition() : definition,
                    roleArn == null ? existing.roleArn() : roleArn, existing.type(), existing.creationDate());
            store.saveStateMachine(updated);
            stateMachines.put(stateMachineArn, updated);
            return describe(updated);
        }
    }

    public void deleteStateMachine(String stateMachineArn) {
        Arns.stateMachineName(stateMachineArn);
        synchronized (lifecycle) {
            if (stateMachines.remove(stateMachineArn) != null) {
                store.deleteStateMachine(stateMachineArn);
            }
        }
    }

    public StateMachineDescription describeStateMachine(String stateMachineArn) {
        return describe(stateMachine(stateMachineArn));
    }

    public Page<StateMachineDescription> listStateMachines(Integer maxResults, String nextToken) {
        List<StateMachineDescription> all = stateMachines.values().stream()
                .sorted(Comparator.comparing(StoredStateMachine::name))
                .map(StepFunctionsService::describe)
                .toList();
        return page(all, maxResults, nextToken);
    }

    // ----- executions -----

    /**
     * StartExecution. {@code name} may be null (a UUID is used), {@code input} null ({@code {}}).
     * As on AWS for STANDARD machines, it is idempotent while the execution runs: the same name with the same input
     * returns the running execution; a different input, or a name whose execution has ended, is
     * {@code ExecutionAlreadyExists}.
     */
    public ExecutionDescription startExecution(String stateMachineArn, String name, String input) {
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        Arns.checkName(executionName, "Execution");
        String inputText = input == null ? "{}" : input;
        try {
            Json.parse(inputText);
        } catch (IllegalArgumentException e) {
            throw StepFunctionsException.of("InvalidExecutionInput", "Invalid execution input: " + e.getMessage());
        }
        if (inputText.getBytes(StandardCharsets.UTF_8).length > 256 * 1024) {
            throw StepFunctionsException.of("InvalidExecutionInput", "The execution input exceeds 256 KiB");
        }
        ExecutionRun run;
        synchronized (lifecycle) {
            checkOpen();
            StoredStateMachine machine = stateMachine(stateMachineArn);
            String executionArn = arns.execution(machine.name(), executionName);
            ExecutionRun existing = executions.get(executionArn);
            if (existing != null) {
                if (existing.isRunning() && existing.inputText().equals(inputText)) {
                    return existing.describe();
                }
                throw StepFunctionsException.of("ExecutionAlreadyExists",
                        "Execution Already Exists: '" + executionArn + "'");
            }
            StateMachineDefinition definition = parseDefinition(machine.definition());
            run = new ExecutionRun(executionArn, executionName, machine.stateMachineArn(), machine.name(),
                    machine.roleArn(), machine.definition(), definition, inputText, Instant.now(), List.of(),
                    ExecutionStatus.RUNNING, null, null, null, null, null, this::checkpoint);
            executions.put(executionArn, run);
        }
        runner.start(run);
        return run.describe();
    }

    public ExecutionDescription describeExecution(String executionArn) {
        return execution(executionArn).describe();
    }

    /** ListExecutions, newest first; {@code statusFilter} may be null. */
    public Page<ExecutionDescription> listExecutions(String stateMachineArn, ExecutionStatus statusFilter,
                                                     Integer maxResults, String nextToken) {
        stateMachine(stateMachineArn);
        List<ExecutionDescription> matching = executions.values().stream()
                .filter(run -> run.stateMachineArn().equals(stateMachineArn))
                .map(ExecutionRun::describe)
                .filter(execution -> statusFilter == null || execution.status() == statusFilter)
                .sorted(Comparator.comparing(ExecutionDescription::startDate).reversed()
                        .thenComparing(ExecutionDescription::name))
                .toList();
        return page(matching, maxResults, nextToken);
    }

    public Page<HistoryEvent> getExecutionHistory(String executionArn, Integer maxResults, String nextToken,
                                                  boolean reverseOrder) {
        List<HistoryEvent> events = new ArrayList<>(execution(executionArn).history().snapshot());
        if (reverseOrder) {
            java.util.Collections.reverse(events);
        }
        return page(events, maxResults, nextToken);
    }

    /** StopExecution: ABORTED with the given error and cause; a no-op for an execution that has already ended. */
    public ExecutionDescription stopExecution(String executionArn, String error, String cause) {
        ExecutionRun run = execution(executionArn);
        runner.stop(run, error, cause);
        return run.describe();
    }

    /** Waits until the execution has ended, or the timeout passes; returns its description either way. */
    public ExecutionDescription awaitExecution(String executionArn, Duration timeout) {
        ExecutionRun run = execution(executionArn);
        try {
            return run.completion().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return run.describe();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return run.describe();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The task tokens an execution is waiting for right now (handy in tests and diagnostics). */
    public Set<String> waitingTaskTokens(String executionArn) {
        execution(executionArn);
        return tokens.tokensOf(executionArn);
    }

    // ----- callbacks -----

    public void sendTaskSuccess(String taskToken, String output) {
        JsonNode value;
        try {
            value = Json.parse(output == null ? "null" : output);
        } catch (IllegalArgumentException e) {
            throw StepFunctionsException.of("InvalidOutput", "Invalid output: " + e.getMessage());
        }
        tokens.succeed(taskToken, value);
    }

    public void sendTaskFailure(String taskToken, String error, String cause) {
        tokens.fail(taskToken, error, cause);
    }

    public void sendTaskHeartbeat(String taskToken) {
        tokens.heartbeat(taskToken);
    }

    /**
     * Stops the worker threads and timers. Running executions stay RUNNING in the store; a new service on the same
     * store resumes them.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        executions.values().forEach(run -> run.scope().cancel());
        threads.close();
        store.close();
    }

    // ----- internals -----

    private void load() {
        store.loadStateMachines().forEach(machine -> stateMachines.put(machine.stateMachineArn(), machine));
        List<ExecutionRun> toResume = new ArrayList<>();
        for (StoredExecution stored : store.loadExecutions()) {
            StateMachineDefinition definition;
            try {
                definition = StateMachineDefinition.parse(stored.definition());
            } catch (InvalidDefinitionException e) {
                LOG.log(Level.WARNING, "skipping stored execution {0}: {1}",
                        new Object[] {stored.executionArn(), e.getMessage()});
                continue;
            }
            ExecutionRun run = new ExecutionRun(stored.executionArn(), stored.name(), stored.stateMachineArn(),
                    stored.stateMachineName(), stored.roleArn(), stored.definition(), definition, stored.input(),
                    stored.startDate(), stored.history(), stored.status(), stored.output(), stored.error(),
                    stored.cause(), stored.stopDate(), stored.position(), this::checkpoint);
            executions.put(run.executionArn(), run);
            if (run.isRunning()) {
                toResume.add(run);
            }
        }
        toResume.forEach(runner::reserveTaskToken);
        if (deferResume) {
            deferred = toResume;
        } else {
            toResume.forEach(runner::resume);
        }
    }

    /**
     * Resumes the RUNNING executions found in the store, when the builder said {@link Builder#deferResume()}: call it
     * once the tasks can run (their functions are configured). Returns how many were resumed; a second call resumes
     * nothing.
     */
    public int resumeStored() {
        List<ExecutionRun> runs;
        synchronized (lifecycle) {
            runs = deferred;
            deferred = List.of();
        }
        runs.forEach(runner::resume);
        return runs.size();
    }

    /** Called by an execution, under its lock, whenever it has something worth saving. */
    private void checkpoint(ExecutionRun run) {
        if (closed) {
            return;
        }
        ExecutionDescription d = run.describe();
        try {
            store.saveExecution(new StoredExecution(run.executionArn(), run.stateMachineArn(), run.stateMachineName(),
                    run.name(), run.roleArn(), run.definitionText(), run.inputText(), d.status(), d.output(),
                    d.error(), d.cause(), d.startDate(), d.stopDate(), run.position(), run.history().snapshot()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not save execution " + run.executionArn(), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw StepFunctionsException.of("ServiceUnavailable", "the local Step Functions service is closed");
        }
    }

    private StoredStateMachine stateMachine(String stateMachineArn) {
        Arns.stateMachineName(stateMachineArn);
        StoredStateMachine machine = stateMachines.get(stateMachineArn);
        if (machine == null) {
            throw StepFunctionsException.of("StateMachineDoesNotExist",
                    "State Machine Does Not Exist: '" + stateMachineArn + "'");
        }
        return machine;
    }

    private ExecutionRun execution(String executionArn) {
        Arns.executionMachineName(executionArn);
        ExecutionRun run = executions.get(executionArn);
        if (run == null) {
            throw StepFunctionsException.of("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
        }
        return run;
    }

    private static StateMachineDefinition parseDefinition(String definition) {
        if (definition == null) {
            throw StepFunctionsException.of("InvalidDefinition", "Invalid State Machine Definition: missing");
        }
        try {
            return StateMachineDefinition.parse(definition);
        } catch (InvalidDefinitionException e) {
            throw StepFunctionsException.of("InvalidDefinition", e.getMessage());
        }
    }

    private static StateMachineDescription describe(StoredStateMachine machine) {
        return new StateMachineDescription(machine.stateMachineArn(), machine.name(), machine.definition(),
                machine.roleArn(), machine.type(), machine.creationDate());
    }

    private static <T> Page<T> page(List<T> all, Integer maxResults, String nextToken) {
        int size = maxResults == null || maxResults <= 0 ? DEFAULT_PAGE_SIZE : Math.min(maxResults, MAX_PAGE_SIZE);
        int from = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            try {
                from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw StepFunctionsException.of("InvalidToken", "Invalid Token: '" + nextToken + "'");
            }
        }
        int to = Math.min(all.size(), from + size);
        List<T> items = from >= all.size() ? List.of() : all.subList(from, to);
        String next = to < all.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(
                        String.valueOf(to).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page<>(items, next);
    }

    /** Options of the service; every one has a default. */
    public static final class Builder {
        private TaskInvoker taskInvoker = TaskInvoker.none();
        private ExecutionStore store = new InMemoryExecutionStore();
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private int workerThreads = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
        private double delayScale = 1.0;

        private boolean deferResume;

        private Builder() {
        }

        /** How Task states run; by default every task fails. */
        public Builder taskInvoker(TaskInvoker taskInvoker) {
            this.taskInvoker = taskInvoker;
            return this;
        }

        /** Where state machines and executions are kept; in memory by default. */
        public Builder store(ExecutionStore store) {
            this.store = store;
            return this;
        }

        /** Keeps state machines and executions as JSON files under {@code directory}; running ones survive a restart. */
        public Builder fileStore(Path directory) {
            this.store = new FileExecutionStore(directory);
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /** The size of the worker pool that runs state logic and task invocations. */
        public Builder workerThreads(int workerThreads) {
            this.workerThreads = workerThreads;
            return this;
        }

        /**
         * Multiplies the delays of Wait states and retry back-offs: 1.0 is real time, 0.01 a hundred times faster,
         * 0 no delay (handy in tests). Task and execution timeouts are not scaled.
         */
        public Builder delayScale(double delayScale) {
            this.delayScale = delayScale;
            return this;
        }

        /**
         * Loads the stored executions at {@link #build()} (their task tokens are valid at once) but runs them only when
         * {@link StepFunctionsService#resumeStored()} is called.
         */
        public Builder deferResume() {
            this.deferResume = true;
            return this;
        }

        /** Builds the service and resumes the RUNNING executions found in the store (unless {@link #deferResume()}). */
        public StepFunctionsService build() {
            return new StepFunctionsService(this);
        }
    }
}
