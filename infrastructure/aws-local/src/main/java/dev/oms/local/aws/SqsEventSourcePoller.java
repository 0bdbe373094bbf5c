package dev.oms.local.aws;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.template.SamTemplate;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Lambda's SQS event source mapping: for each function event of {@code Type: SQS} in the template
 * ({@code Queue: !GetAtt Q.Arn}, {@code BatchSize}, {@code FunctionResponseTypes: [ReportBatchItemFailures]},
 * {@code Enabled}, {@code FilterCriteria}) one daemon thread long-polls the queue and invokes the function with an
 * {@link SQSEvent}.
 *
 * <ul>
 *   <li>The function returns normally: every message of the batch is deleted; with ReportBatchItemFailures, all but
 *   the ids in {@code batchItemFailures} (an unknown or empty id fails the whole batch, as on AWS).</li>
 *   <li>The function throws: nothing is deleted. The messages come back after the queue's visibility timeout, and
 *   ElasticMQ moves them to the dead-letter queue once they were received {@code maxReceiveCount} times.</li>
 *   <li>Messages that match no filter are deleted without an invocation, as Lambda does.</li>
 * </ul>
 * Polling waits on the server (long polling, {@link Options#waitTimeSeconds()}), so an idle poller does not spin.
 */
public final class SqsEventSourcePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSourcePoller.class);

    /** Long-poll wait (1-20 s; also bounds how long {@link #close()} waits) and the pause after an error. */
    public record Options(int waitTimeSeconds, Duration errorBackoff) {
        public Options {
            if (waitTimeSeconds < 1 || waitTimeSeconds > 20) throw new IllegalArgumentException("waitTimeSeconds must be 1-20");
        }

        public static Options defaults() { return new Options(2, Duration.ofSeconds(1)); }
    }

    /** One event source mapping and what it has done so far. */
    public record MappingStatus(String functionId, String eventName, String queueLogicalId, int batchSize,
                                boolean reportBatchItemFailures, long invocations, long functionErrors,
                                long messagesDeleted, long messagesFilteredOut, String lastError) { }

    private final List<Worker> workers = new ArrayList<>();

    private SqsEventSourcePoller() { }

    public static SqsEventSourcePoller start(SamTemplate template, SqsService sqs, LambdaInvoker invoker) {
        return start(template, sqs, invoker, Options.defaults());
    }

    public static SqsEventSourcePoller start(SamTemplate template, SqsService sqs, LambdaInvoker invoker, Options options) {
        SqsEventSourcePoller poller = new SqsEventSourcePoller();
        for (TemplateRefs.FunctionEvent e : TemplateRefs.functionEvents(template, "SQS")) {
            Map<String, Object> p = e.properties();
            if (p.containsKey("Enabled") && !TemplateRefs.bool(p.get("Enabled"))) continue;
            String queueId = TemplateRefs.logicalId(p.get("Queue"));
            if (queueId == null) queueId = sqs.logicalIdForArn(String.valueOf(p.get("Queue")))
                    .orElseThrow(() -> new IllegalArgumentException(e.id() + ": unknown queue " + p.get("Queue")));
            int batchSize = TemplateRefs.integer(p.get("BatchSize"), 10);
            boolean report = TemplateRefs.strings(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
            Worker w = new Worker(e, sqs.queue(queueId), batchSize, report, EventFilter.of(p.get("FilterCriteria")),
                    sqs.client(), invoker, options);
            poller.workers.add(w);
        }
        poller.workers.forEach(Worker::begin);
        return poller;
    }

    public List<MappingStatus> status() { return workers.stream().map(Worker::status).toList(); }

    @Override
    public void close() {
        workers.forEach(Worker::stop);
        for (Worker w : workers) {
            try {
                w.thread.join(Duration.ofSeconds(w.options.waitTimeSeconds() + 3L).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static final class Worker implements Runnable {
        private final TemplateRefs.FunctionEvent event;
        private final SqsService.Queue queue;
        private final int batchSize;
        private final boolean reportBatchItemFailures;
        private final EventFilter filter;
        private final SqsClient sqs;
        private final LambdaInvoker invoker;
        private final Options options;
        private final Thread thread;
        private volatile boolean running = true;
        private final AtomicLong invocations = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong deleted = new AtomicLong();
        private final AtomicLong filtered = new AtomicLong();
        private final AtomicReference<String> lastError = new AtomicReference<>();

        Worker(TemplateRefs.FunctionEvent event, SqsService.Queue queue, int batchSize, boolean report, EventFilter filter,
               SqsClient sqs, LambdaInvoker invoker, Options options) {
            this.event = event;
            this.queue = queue;
            this.batchSize = batchSize;
            this.reportBatchItemFailures = report;
            this.filter = filter;
            this.sqs = sqs;
            this.invoker = invoker;
            this.options = options;
            this.thread = new Thread(this, "sqs-poller-" + event.id());
            thread.setDaemon(true);
        }

        void begin() { thread.start(); }

        void stop() {
            running = false;
            thread.interrupt();
        }

        MappingStatus status() {
            return new MappingStatus(event.functionId(), event.eventName(), queue.logicalId(), batchSize, reportBatchItemFailures,
                    invocations.get(), errors.get(), deleted.get(), filtered.get(), lastError.get());
        }

        @Override
        public void run() {
            while (running) {
                try {
                    List<Message> batch = receive();
                    if (!batch.isEmpty() && running) process(batch);
                } catch (Exception e) {
                    if (!running) return;
                    lastError.set(e.toString());
                    LOG.warn("SQS poller {} failed; retrying", event.id(), e);
                    if (!sleep(options.errorBackoff())) return;
                }
            }
        }

        private List<Message> receive() {
            List<Message> batch = new ArrayList<>();
            int wait = options.waitTimeSeconds();
            while (batch.size() < batchSize) {
                int max = Math.min(10, batchSize - batch.size());
                ReceiveMessageRequest req = ReceiveMessageRequest.builder().queueUrl(queue.url()).maxNumberOfMessages(max)
                        .waitTimeSeconds(wait).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All").build();
                List<Message> got = sqs.receiveMessage(req).messages();
                batch.addAll(got);
                if (got.size() < max) break;
                wait = 0;
            }
            return batch;
        }

        private void process(List<Message> batch) {
            List<Message> toInvoke = new ArrayList<>();
            List<Message> toDrop = new ArrayList<>();
            for (Message m : batch) (filter.matches(filterView(m)) ? toInvoke : toDrop).add(m);
            if (!toDrop.isEmpty()) {
                delete(toDrop);
                filtered.addAndGet(toDrop.size());
            }
            if (toInvoke.isEmpty()) return;
            SQSEvent sqsEvent = new SQSEvent();
            sqsEvent.setRecords(toInvoke.stream().map(this::record).toList());
            invocations.incrementAndGet();
            Object response;
            try {
                response = invoker.invoke(event.functionId(), sqsEvent);
            } catch (Exception e) {
                errors.incrementAndGet();
                lastError.set(e.toString());
                LOG.debug("{} failed on a batch of {}; the messages stay on the queue", event.functionId(), toInvoke.size(), e);
                return;
            }
            if (!reportBatchItemFailures) {
                delete(toInvoke);
                return;
            }
            Set<String> ids = new LinkedHashSet<>();
            toInvoke.forEach(m -> ids.add(m.messageId()));
            Optional<Set<String>> failed = BatchResponses.failedItems(response, ids);
            if (failed.isEmpty()) {
                errors.incrementAndGet();
                lastError.set("Invalid batchItemFailures in the response: the whole batch stays on the queue");
                return;
            }
            if (!failed.get().isEmpty()) errors.incrementAndGet();
            delete(toInvoke.stream().filter(m -> !failed.get().contains(m.messageId())).toList());
        }

        private void delete(List<Message> messages) {
            for (int i = 0; i < messages.size(); i += 10) {
                List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                for (Message m : messages.subList(i, Math.min(messages.size(), i + 10))) {
                    entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(entries.size())).receiptHandle(m.receiptHandle()).build());
                }
                if (entries.isEmpty()) continue;
                var result = sqs.deleteMessageBatch(b -> b.queueUrl(queue.url()).entries(entries));
                deleted.addAndGet(result.successful().size());
            }
        }

        private SQSEvent.SQSMessage record(Message m) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(m.md5OfBody());
            r.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
            r.setAttributes(new LinkedHashMap<>(m.attributesAsStrings()));
            Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
            m.messageAttributes().forEach((k, v) -> attributes.put(k, attribute(v)));
            r.setMessageAttributes(attributes);
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(queue.arn());
            r.setAwsRegion(LocalAws.REGION);
            return r;
        }

        private static SQSEvent.MessageAttribute attribute(MessageAttributeValue v) {
            SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
            a.setDataType(v.dataType());
            a.setStringValue(v.stringValue());
            if (v.binaryValue() != null) a.setBinaryValue(v.binaryValue().asByteBuffer());
            if (v.hasStringListValues()) a.setStringListValues(v.stringListValues());
            if (v.hasBinaryListValues()) a.setBinaryListValues(v.binaryListValues().stream().map(SdkBytes::asByteBuffer).map(ByteBuffer::asReadOnlyBuffer).toList());
            return a;
        }

        /** The record as Lambda's filtering sees it: the body as JSON when it is JSON. */
        private ObjectNode filterView(Message m) {
            ObjectNode o = Jsons.MAPPER.createObjectNode();
            o.put("messageId", m.messageId());
            var body = Jsons.tryParse(m.body());
            if (body != null && body.isObject()) o.set("body", body);
            else o.put("body", m.body());
            ObjectNode attrs = o.putObject("attributes");
            m.attributesAsStrings().forEach(attrs::put);
            ObjectNode mattrs = o.putObject("messageAttributes");
            m.messageAttributes().forEach((k, v) -> mattrs.putObject(k).put("stringValue", v.stringValue()).put("dataType", v.dataType()));
            return o;
        }

        private boolean sleep(Duration d) {
            try {
                Thread.sleep(d.toMillis());
                return running;
            } catch (InterruptedException e) {
                return false;
            }
        }
    }
}
