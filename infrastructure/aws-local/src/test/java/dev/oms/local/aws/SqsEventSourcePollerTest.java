package dev.oms.local.aws;

import static dev.oms.local.aws.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oms.platform.template.SamTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsEventSourcePollerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static SqsService sqs;
    private static SqsEventSourcePoller poller;
    private static final TestSupport.FakeLambda lambda = new TestSupport.FakeLambda();
    private static final AtomicInteger throwCalls = new AtomicInteger();

    @BeforeAll
    static void start() {
        SamTemplate template = TestSupport.template("sqs-template.yaml");
        sqs = SqsService.start();
        sqs.createQueues(template);
        lambda.on("JobsFunction", event -> {
            List<SQSBatchResponse.BatchItemFailure> failures = ((SQSEvent) event).getRecords().stream()
                    .filter(r -> r.getBody().equals("poison"))
                    .map(r -> new SQSBatchResponse.BatchItemFailure(r.getMessageId())).toList();
            return new SQSBatchResponse(failures);
        });
        lambda.on("ThrowFunction", event -> {
            if (throwCalls.incrementAndGet() == 1) throw new IllegalStateException("first attempt fails");
            return null;
        });
        poller = SqsEventSourcePoller.start(template, sqs, lambda, new SqsEventSourcePoller.Options(1, Duration.ofMillis(200)));
    }

    @AfterAll
    static void stop() throws Exception {
        poller.close();
        sqs.close();
    }

    @Test
    void creates_the_template_queues_with_their_attributes() {
        assertThat(sqs.queue("HappyQueue").name()).isEqualTo("happy-jobs");
        assertThat(sqs.queueArn("HappyQueue")).isEqualTo("arn:aws:sqs:us-east-1:000000000000:happy-jobs");
        assertThat(sqs.queue("OrderedQueue").name()).isEqualTo("OrderedQueue.fifo");
        Map<QueueAttributeName, String> jobs = sqs.client().getQueueAttributes(b -> b.queueUrl(sqs.queueUrl("JobsQueue"))
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(jobs.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("1");
        assertThat(jobs.get(QueueAttributeName.REDRIVE_POLICY)).contains(sqs.queueArn("JobsDeadLetterQueue")).contains("2");
        Map<QueueAttributeName, String> fifo = sqs.client().getQueueAttributes(b -> b.queueUrl(sqs.queueUrl("OrderedQueue"))
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(fifo.get(QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
        assertThat(sqs.send("OrderedQueue", "one", "order-1")).isNotBlank();
        assertThat(sqs.refs()).containsEntry("HappyQueue", sqs.queueUrl("HappyQueue"));
    }

    @Test
    void delivers_a_batch_as_an_SQSEvent_and_deletes_it_when_the_function_succeeds() {
        for (String body : List.of("a", "b", "c")) {
            sqs.client().sendMessage(b -> b.queueUrl(sqs.queueUrl("HappyQueue")).messageBody(body).messageAttributes(Map.of(
                    "tenant", MessageAttributeValue.builder().dataType("String").stringValue("t1").build())));
        }
        eventually(WAIT, "three messages delivered", () -> records("HappyFunction").size() == 3);
        List<SQSEvent.SQSMessage> records = records("HappyFunction");
        assertThat(records).extracting(SQSEvent.SQSMessage::getBody).containsExactlyInAnyOrder("a", "b", "c");
        SQSEvent.SQSMessage first = records.get(0);
        assertThat(first.getEventSourceArn()).isEqualTo(sqs.queueArn("HappyQueue"));
        assertThat(first.getEventSource()).isEqualTo("aws:sqs");
        assertThat(first.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(first.getReceiptHandle()).isNotBlank();
        assertThat(first.getMd5OfBody()).isNotBlank();
        assertThat(first.getAttributes()).containsEntry("ApproximateReceiveCount", "1").containsKey("SentTimestamp");
        assertThat(first.getMessageAttributes().get("tenant").getStringValue()).isEqualTo("t1");
        assertThat(first.getMessageAttributes().get("tenant").getDataType()).isEqualTo("String");
        eventually(WAIT, "the queue is empty", () -> depth("HappyQueue") == 0);
    }

    @Test
    void keeps_only_the_reported_failures_and_moves_them_to_the_dead_letter_queue_after_maxReceiveCount() {
        for (String body : List.of("ok-1", "poison", "ok-2")) sqs.client().sendMessage(b -> b.queueUrl(sqs.queueUrl("JobsQueue")).messageBody(body));
        List<Message> dead = new java.util.ArrayList<>();
        eventually(WAIT, "the poison message in the dead-letter queue", () -> {
            dead.addAll(sqs.client().receiveMessage(b -> b.queueUrl(sqs.queueUrl("JobsDeadLetterQueue")).waitTimeSeconds(1)).messages());
            return !dead.isEmpty();
        });
        assertThat(dead).extracting(Message::body).containsExactly("poison");
        List<SQSEvent.SQSMessage> seen = records("JobsFunction");
        assertThat(seen.stream().filter(r -> r.getBody().startsWith("ok"))).hasSize(2);
        List<SQSEvent.SQSMessage> poison = seen.stream().filter(r -> r.getBody().equals("poison")).toList();
        assertThat(poison).extracting(r -> r.getAttributes().get("ApproximateReceiveCount")).containsExactly("1", "2");
        eventually(WAIT, "the source queue is empty", () -> depth("JobsQueue") == 0);
    }

    @Test
    void a_thrown_exception_leaves_the_whole_batch_and_unmatched_messages_are_filtered_out() {
        sqs.client().sendMessage(b -> b.queueUrl(sqs.queueUrl("ThrowQueue")).messageBody("{\"kind\":\"other\"}"));
        sqs.client().sendMessage(b -> b.queueUrl(sqs.queueUrl("ThrowQueue")).messageBody("{\"kind\":\"job\",\"n\":1}"));
        eventually(WAIT, "a second delivery after the failure", () -> records("ThrowFunction").size() >= 2);
        eventually(WAIT, "the queue is empty", () -> depth("ThrowQueue") == 0);
        List<SQSEvent.SQSMessage> seen = records("ThrowFunction");
        assertThat(seen).extracting(SQSEvent.SQSMessage::getBody).containsOnly("{\"kind\":\"job\",\"n\":1}");
        assertThat(seen).extracting(r -> r.getAttributes().get("ApproximateReceiveCount")).containsExactly("1", "2");
        SqsEventSourcePoller.MappingStatus status = poller.status().stream().filter(s -> s.functionId().equals("ThrowFunction")).findFirst().orElseThrow();
        assertThat(status.functionErrors()).isEqualTo(1);
        assertThat(status.messagesFilteredOut()).isEqualTo(1);
        assertThat(status.lastError()).contains("first attempt fails");
    }

    private static List<SQSEvent.SQSMessage> records(String functionId) {
        return lambda.events(functionId, SQSEvent.class).stream().flatMap(e -> e.getRecords().stream()).toList();
    }

    private static int depth(String queueId) {
        Map<QueueAttributeName, String> a = sqs.client().getQueueAttributes(b -> b.queueUrl(sqs.queueUrl(queueId)).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
