package dev.oms.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.platform.template.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Queues and messages of a durable SqsService come back at the next start; messages in flight are visible at once. */
class DurableSqsTest {
    @Test
    void messages_survive_a_restart_and_messages_in_flight_are_visible_again() throws Exception {
        SamTemplate template = TestSupport.template("sqs-template.yaml");
        Path dir = Files.createTempDirectory("durable-sqs");
        try (SqsService sqs = SqsService.startDurable(0, dir)) {
            sqs.createQueues(template);
            String url = sqs.queueUrl("HappyQueue");
            for (String body : List.of("a", "b", "c")) sqs.client().sendMessage(b -> b.queueUrl(url).messageBody(body));
            // one received and never deleted (its consumer "dies"), with a visibility timeout far beyond the test
            List<Message> got = sqs.client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).visibilityTimeout(3600)).messages();
            assertThat(got).hasSize(1);
            // one received and deleted: gone for good
            Message deleted = sqs.client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1)).messages().get(0);
            sqs.client().deleteMessage(b -> b.queueUrl(url).receiptHandle(deleted.receiptHandle()));
        }
        assertThat(dir.resolve("sqs.mv.db")).exists();
        try (SqsService sqs = SqsService.startDurable(0, dir)) {
            sqs.createQueues(template);
            String url = sqs.queueUrl("HappyQueue");
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 5 && bodies.size() < 2; i++) {
                sqs.client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages().forEach(m -> bodies.add(m.body()));
            }
            assertThat(bodies).hasSize(2).doesNotHaveDuplicates();
            assertThat(sqs.queues()).containsKeys("HappyQueue", "JobsQueue", "OrderedQueue");
        }
    }
}
