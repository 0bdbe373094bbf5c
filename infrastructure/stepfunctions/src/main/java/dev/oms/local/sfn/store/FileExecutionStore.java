package dev.oms.local.sfn.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.oms.local.sfn.paths.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps state machines and executions as JSON files under a directory:
 * <pre>
 * &lt;dir&gt;/state-machines/&lt;name&gt;.json
 * &lt;dir&gt;/executions/&lt;machine&gt;/&lt;execution name&gt;.json
 * </pre>
 * Each write goes to a temporary file in the same directory, which is then renamed over the old one (atomically where
 * the file system can), so a crash leaves either the old or the new version, never half a file.
 */
public final class FileExecutionStore implements ExecutionStore {
    private static final String SUFFIX = ".json";

    private final Path stateMachinesDir;
    private final Path executionsDir;
    private final ObjectMapper mapper = Json.MAPPER.copy()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public FileExecutionStore(Path directory) {
        this.stateMachinesDir = directory.resolve("state-machines");
        this.executionsDir = directory.resolve("executions");
        try {
            Files.createDirectories(stateMachinesDir);
            Files.createDirectories(executionsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Step Functions store under " + directory, e);
        }
    }

    @Override
    public synchronized void saveStateMachine(StoredStateMachine stateMachine) {
        write(stateMachinesDir.resolve(fileName(stateMachine.name())), stateMachine);
    }

    @Override
    public synchronized void deleteStateMachine(String stateMachineArn) {
        for (StoredStateMachine stored : loadStateMachines()) {
            if (stored.stateMachineArn().equals(stateMachineArn)) {
                try {
                    Files.deleteIfExists(stateMachinesDir.resolve(fileName(stored.name())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    public synchronized List<StoredStateMachine> loadStateMachines() {
        return readAll(stateMachinesDir, StoredStateMachine.class);
    }

    @Override
    public synchronized void saveExecution(StoredExecution execution) {
        Path dir = executionsDir.resolve(fileName(execution.stateMachineName()).replace(SUFFIX, ""));
        write(dir.resolve(fileName(execution.name())), execution);
    }

    @Override
    public synchronized List<StoredExecution> loadExecutions() {
        List<StoredExecution> executions = new ArrayList<>();
        try (Stream<Path> machines = Files.list(executionsDir)) {
            for (Path dir : machines.filter(Files::isDirectory).toList()) {
                executions.addAll(readAll(dir, StoredExecution.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return executions;
    }

    private void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".tmp-", SUFFIX);
            try {
                mapper.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), value);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private <T> List<T> readAll(Path dir, Class<T> type) {
        List<T> values = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)
                    && !f.getFileName().toString().startsWith(".tmp-")).sorted().toList()) {
                values.add(mapper.readValue(file.toFile(), type));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Step Functions store in " + dir, e);
        }
        return values;
    }

    private static String fileName(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + SUFFIX;
    }
}
