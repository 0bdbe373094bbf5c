package dev.oms.local.aws;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.oms.platform.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Lambda's DynamoDB Streams event source mapping against DynamoDB Local. For each function event of
 * {@code Type: DynamoDB} ({@code Stream: !GetAtt Table.StreamArn}, {@code StartingPosition}, {@code BatchSize},
 * {@code FunctionResponseTypes}, {@code MaximumRetryAttempts}, {@code BisectBatchOnFunctionError},
 * {@code FilterCriteria}, {@code Enabled}) one daemon thread reads the table's latest stream (DescribeTable, then
 * DescribeStream for the shards, a parent shard before its children, GetShardIterator, GetRecords) and invokes the
 * function with a {@link DynamodbEvent}.
 *
 * <ul>
 *   <li>Order: records of a shard are delivered in order, one batch at a time, so changes to one item arrive in
 *   the order they were made.</li>
 *   <li>At least once: the last handled sequence number of each shard is checkpointed after each batch, in memory and
 *   (with {@link Options#checkpointDir()}) in a file per mapping, so a restarted poller resumes after it.</li>
 *   <li>Errors: a thrown exception (or a response that fails the whole batch) retries the same batch, with
 *   ReportBatchItemFailures from the first failed sequence number; with BisectBatchOnFunctionError a failing batch
 *   is split in halves first. After MaximumRetryAttempts retries the records are skipped and recorded in
 *   {@link #failures()} (and {@code stream-failures.jsonl} in the checkpoint directory). As on AWS, a mapping
 *   without MaximumRetryAttempts retries until it succeeds, unless {@link Options#defaultMaximumRetryAttempts()}
 *   says otherwise.</li>
 *   <li>Filtered-out records are never delivered and count as handled.</li>
 * </ul>
 */
public final class DynamoDbStreamPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStreamPoller.class);
    private static final int KEPT_FAILURES = 200;

    /**
     * @param checkpointDir where checkpoints (and the failure log) are written; null keeps them in memory only
     * @param pollInterval the pause when no shard had records (AWS polls about four times a second)
     * @param defaultMaximumRetryAttempts for mappings that do not set MaximumRetryAttempts; -1 is AWS's "until it succeeds"
     * @param retryBackoff the first pause before a retry; it doubles up to five seconds
     * @param discoveryInterval how often the table's stream and shards are described again
     */
    public record Options(Path checkpointDir, Duration pollInterval, int defaultMaximumRetryAttempts, Duration retryBackoff,
                          Duration discoveryInterval) {
        public static Options defaults() {
            return new Options(null, Duration.ofMillis(250), -1, Duration.ofMillis(500), Duration.ofSeconds(5));
        }

        public Options withCheckpointDir(Path dir) {
            return new Options(dir, pollInterval, defaultMaximumRetryAttempts, retryBackoff, discoveryInterval);
        }
    }

    /** One mapping and what it has done so far. */
    public record MappingStatus(String functionId, String eventName, String tableName, String streamArn, long invocations,
                                long functionErrors, long recordsProcessed, long recordsSkipped, long recordsFilteredOut,
                                Map<String, String> checkpoint, String lastError) { }

    /** Records given up on after the retries. */
    public record Failure(Instant time, String functionId, String eventName, String shardId, String firstSequenceNumber,
                          String lastSequenceNumber, int records, int attempts, String error) { }

    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final List<Worker> workers = new ArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Options options;

    private DynamoDbStreamPoller(String endpoint, Options options) {
        this.options = options;
        URI uri = URI.create(endpoint);
        this.dynamo = DynamoDbClient.builder().endpointOverride(uri).region(LocalAws.region()).credentialsProvider(LocalAws.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.streams = DynamoDbStreamsClient.builder().endpointOverride(uri).region(LocalAws.region()).credentialsProvider(LocalAws.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /**
     * Starts one poller thread per DynamoDB event of the template.
     *
     * @param dynamoEndpoint DynamoDB Local's endpoint (streams are served on the same one)
     * @param tableNames physical table name by logical id (a table missing here is named by its logical id)
     */
    public static DynamoDbStreamPoller start(SamTemplate template, String dynamoEndpoint, Map<String, String> tableNames,
                                             LambdaInvoker invoker, Options options) {
        DynamoDbStreamPoller poller = new DynamoDbStreamPoller(dynamoEndpoint, options);
        for (TemplateRefs.FunctionEvent e : TemplateRefs.functionEvents(template, "DynamoDB")) {
            Map<String, Object> p = e.properties();
            if (p.containsKey("Enabled") && !TemplateRefs.bool(p.get("Enabled"))) continue;
            String tableId = TemplateRefs.logicalId(p.get("Stream"));
            if (tableId == null) throw new IllegalArgumentException(e.id() + ": Stream must be !GetAtt Table.StreamArn");
            String table = tableNames.getOrDefault(tableId, tableId);
            int maxRetries = p.containsKey("MaximumRetryAttempts") ? TemplateRefs.integer(p.get("MaximumRetryAttempts"), -1)
                    : options.defaultMaximumRetryAttempts();
            Path checkpointFile = options.checkpointDir() == null ? null : options.checkpointDir().resolve(e.id() + ".checkpoint.json");
            poller.workers.add(poller.new Worker(e, table, TemplateRefs.integer(p.get("BatchSize"), 100),
                    String.valueOf(p.getOrDefault("StartingPosition", "TRIM_HORIZON")),
                    TemplateRefs.strings(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"), maxRetries,
                    TemplateRefs.bool(p.get("BisectBatchOnFunctionError")), EventFilter.of(p.get("FilterCriteria")),
                    new StreamCheckpoints(checkpointFile), invoker));
        }
        poller.workers.forEach(w -> w.thread.start());
        return poller;
    }

    public List<MappingStatus> status() { return workers.stream().map(Worker::status).toList(); }

    /** Records skipped after their retries, newest first. */
    public List<Failure> failures() {
        synchronized (failures) {
            return new ArrayList<>(failures);
        }
    }

    @Override
    public void close() {
        workers.forEach(Worker::stop);
        for (Worker w : workers) {
            try {
                w.thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        streams.close();
        dynamo.close();
    }

    private void recordFailure(Failure f) {
        LOG.warn("{}.{} skipped {} stream records of shard {} ({}..{}) after {} attempts: {}", f.functionId(), f.eventName(), f.records(),
                f.shardId(), f.firstSequenceNumber(), f.lastSequenceNumber(), f.attempts(), f.error());
        synchronized (failures) {
            failures.addFirst(f);
            while (failures.size() > KEPT_FAILURES) failures.removeLast();
        }
        if (options.checkpointDir() != null) {
            try {
                Files.createDirectories(options.checkpointDir());
                Files.writeString(options.checkpointDir().resolve("stream-failures.jsonl"), Jsons.write(f) + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot append to the stream failure log", e);
            }
        }
    }

    private final class Worker implements Runnable {
        private final TemplateRefs.FunctionEvent event;
        private final String table;
        private final int batchSize;
        private final String startingPosition;
        private final boolean reportBatchItemFailures;
        private final int maxRetries;
        private final boolean bisect;
        private final EventFilter filter;
        private final StreamCheckpoints checkpoints;
        private final LambdaInvoker invoker;
        private final Thread thread;
        private volatile boolean running = true;
        private String streamArn;
        private final Map<String, ShardState> shards = new LinkedHashMap<>();
        private boolean firstDiscovery = true;
        private long nextDiscovery;
        private final AtomicLong invocations = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong processed = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private final AtomicLong filtered = new AtomicLong();
        private final AtomicReference<String> lastError = new AtomicReference<>();

        Worker(TemplateRefs.FunctionEvent event, String table, int batchSize, String startingPosition, boolean report, int maxRetries,
               boolean bisect, EventFilter filter, StreamCheckpoints checkpoints, LambdaInvoker invoker) {
            this.event = event;
            this.table = table;
            this.batchSize = Math.max(1, Math.min(batchSize, 1000));
            this.startingPosition = startingPosition;
            this.reportBatchItemFailures = report;
            this.maxRetries = maxRetries;
            this.bisect = bisect;
            this.filter = filter;
            this.checkpoints = checkpoints;
            this.invoker = invoker;
            this.thread = new Thread(this, "ddb-stream-" + event.id());
            thread.setDaemon(true);
        }

        void stop() {
            running = false;
            thread.interrupt();
        }

        MappingStatus status() {
            return new MappingStatus(event.functionId(), event.eventName(), table, streamArn, invocations.get(), errors.get(),
                    processed.get(), skipped.get(), filtered.get(), checkpoints.snapshot(), lastError.get());
        }

        private static final class ShardState {
            final Shard shard;
            String iterator;
            boolean startAtLatest;

            ShardState(Shard shard) { this.shard = shard; }
        }

        @Override
        public void run() {
            while (running) {
                try {
                    if (System.nanoTime() >= nextDiscovery) discover();
                    boolean worked = false;
                    if (streamArn != null) {
                        for (ShardState s : List.copyOf(shards.values())) {
                            if (!running) return;
                            if (eligible(s)) worked |= poll(s);
                        }
                    }
                    if (!worked && !pause(options.pollInterval())) return;
                } catch (ResourceNotFoundException e) {
                    streamArn = null;
                    if (!pause(options.discoveryInterval())) return;
                } catch (RuntimeException e) {
                    if (!running) return;
                    lastError.set(e.toString());
                    LOG.warn("Stream poller {} failed; retrying", event.id(), e);
                    nextDiscovery = 0;
                    if (!pause(Duration.ofSeconds(1))) return;
                }
            }
        }

        private void discover() {
            nextDiscovery = System.nanoTime() + options.discoveryInterval().toNanos();
            String latest = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            if (latest == null) {
                streamArn = null;
                return;
            }
            if (!latest.equals(streamArn)) {
                streamArn = latest;
                shards.clear();
                checkpoints.useStream(latest);
            }
            String start = null;
            do {
                String from = start;
                DescribeStreamResponse r = streams.describeStream(b -> b.streamArn(latest).exclusiveStartShardId(from));
                for (Shard s : r.streamDescription().shards()) {
                    if (shards.containsKey(s.shardId())) continue;
                    ShardState state = new ShardState(s);
                    state.startAtLatest = firstDiscovery && "LATEST".equals(startingPosition) && checkpoints.sequenceNumber(s.shardId()) == null
                            && s.sequenceNumberRange().endingSequenceNumber() == null;
                    shards.put(s.shardId(), state);
                }
                start = r.streamDescription().lastEvaluatedShardId();
            } while (start != null);
            if (firstDiscovery && "LATEST".equals(startingPosition)) {
                // closed shards that existed before the mapping started are history a LATEST mapping never reads
                shards.values().stream().filter(s -> !s.startAtLatest && checkpoints.sequenceNumber(s.shard.shardId()) == null)
                        .forEach(s -> checkpoints.finish(s.shard.shardId()));
            }
            firstDiscovery = false;
        }

        /** A shard is read once its parent (if the stream still has it) was read to its end. */
        private boolean eligible(ShardState s) {
            if (checkpoints.isFinished(s.shard.shardId())) return false;
            String parent = s.shard.parentShardId();
            return parent == null || !shards.containsKey(parent) || checkpoints.isFinished(parent);
        }

        /** Reads one batch of a shard; true when there were records. */
        private boolean poll(ShardState s) {
            String shardId = s.shard.shardId();
            if (s.iterator == null) s.iterator = iterator(s);
            GetRecordsResponse r;
            try {
                String it = s.iterator;
                r = streams.getRecords(b -> b.shardIterator(it).limit(batchSize));
            } catch (ExpiredIteratorException | TrimmedDataAccessException e) {
                s.iterator = null;
                return false;
            }
            List<Record> records = r.records();
            if (!records.isEmpty()) {
                handle(shardId, records);
                if (!running) return true;
            }
            s.iterator = r.nextShardIterator();
            if (s.iterator == null) checkpoints.finish(shardId);
            return !records.isEmpty();
        }

        private String iterator(ShardState s) {
            String shardId = s.shard.shardId();
            String after = checkpoints.sequenceNumber(shardId);
            try {
                if (after != null) {
                    return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                            .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after)).shardIterator();
                }
            } catch (TrimmedDataAccessException e) {
                LOG.warn("Checkpoint {} of shard {} is no longer in the stream; reading from the oldest record", after, shardId);
            }
            ShardIteratorType type = s.startAtLatest ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON;
            s.startAtLatest = false;
            return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId).shardIteratorType(type)).shardIterator();
        }

        /** Delivers one GetRecords batch (filtered), with retries, bisection and partial failures; checkpoints as it goes. */
        private void handle(String shardId, List<Record> records) {
            List<Record> delivered = new ArrayList<>();
            for (Record r : records) {
                if (filter.matches(StreamRecords.filterView(r))) delivered.add(r);
                else filtered.incrementAndGet();
            }
            Deque<List<Record>> work = new ArrayDeque<>();
            if (!delivered.isEmpty()) work.push(delivered);
            while (!work.isEmpty() && running) {
                List<Record> batch = work.pop();
                int failuresSoFar = 0;
                while (running) {
                    Optional<Integer> firstFailed;
                    String error;
                    try {
                        firstFailed = invoke(batch);
                        error = firstFailed.isEmpty() ? null : "batchItemFailures reported " + batch.get(firstFailed.get()).dynamodb().sequenceNumber();
                    } catch (Exception e) {
                        firstFailed = Optional.of(0);
                        error = e.toString();
                    }
                    if (error == null) {
                        processed.addAndGet(batch.size());
                        break;
                    }
                    errors.incrementAndGet();
                    lastError.set(error);
                    int failedAt = firstFailed.get();
                    if (failedAt > 0) {
                        processed.addAndGet(failedAt);
                        checkpoints.advance(shardId, batch.get(failedAt - 1).dynamodb().sequenceNumber());
                        batch = batch.subList(failedAt, batch.size());
                    } else if (bisect && batch.size() > 1) {
                        int half = batch.size() / 2;
                        work.push(batch.subList(half, batch.size()));
                        work.push(batch.subList(0, half));
                        batch = null;
                        break;
                    }
                    failuresSoFar++;
                    if (maxRetries >= 0 && failuresSoFar > maxRetries) {
                        skipped.addAndGet(batch.size());
                        recordFailure(new Failure(Instant.now(), event.functionId(), event.eventName(), shardId,
                                batch.get(0).dynamodb().sequenceNumber(), batch.get(batch.size() - 1).dynamodb().sequenceNumber(),
                                batch.size(), failuresSoFar, error));
                        break;
                    }
                    long wait = Math.min(5000, options.retryBackoff().toMillis() << Math.min(failuresSoFar - 1, 10));
                    if (!pause(Duration.ofMillis(wait))) return;
                }
                if (!running) return;
                if (batch != null) checkpoints.advance(shardId, batch.get(batch.size() - 1).dynamodb().sequenceNumber());
            }
            if (running) checkpoints.advance(shardId, records.get(records.size() - 1).dynamodb().sequenceNumber());
        }

        /** Invokes the function; empty when every record succeeded, else the index of the first failed record. */
        private Optional<Integer> invoke(List<Record> batch) throws Exception {
            DynamodbEvent e = new DynamodbEvent();
            e.setRecords(batch.stream().map(r -> StreamRecords.toLambda(r, streamArn)).toList());
            invocations.incrementAndGet();
            Object response = invoker.invoke(event.functionId(), e);
            if (!reportBatchItemFailures) return Optional.empty();
            Set<String> sequenceNumbers = new LinkedHashSet<>();
            batch.forEach(r -> sequenceNumbers.add(r.dynamodb().sequenceNumber()));
            Optional<Set<String>> failed = BatchResponses.failedItems(response, sequenceNumbers);
            if (failed.isEmpty()) return Optional.of(0);
            if (failed.get().isEmpty()) return Optional.empty();
            for (int i = 0; i < batch.size(); i++) {
                if (failed.get().contains(batch.get(i).dynamodb().sequenceNumber())) return Optional.of(i);
            }
            return Optional.empty();
        }

        private boolean pause(Duration d) {
            try {
                Thread.sleep(d.toMillis());
                return running;
            } catch (InterruptedException e) {
                return false;
            }
        }
    }
}
