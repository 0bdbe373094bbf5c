package dev.oms.local.aws;

import static dev.oms.local.aws.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.template.SamTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The services started together as the local runtime would: S3 to SQS to a function, EventBridge to SNS to email. */
class LocalServicesWiringTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void the_services_work_together_in_one_jvm_on_daemon_threads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        SamTemplate template = TestSupport.template("wiring-template.yaml");
        TestSupport.FakeLambda lambda = new TestSupport.FakeLambda();
        NotificationOutbox outbox = new NotificationOutbox();
        try (SqsService sqs = SqsService.start();
             S3Service s3 = S3Service.start(S3Service.Options.inMemory())) {
            sqs.createQueues(template);
            s3.createBuckets(template);
            s3.enableNotifications(template, lambda, sqs);
            try (SnsService sns = SnsService.start(template, sqs, lambda, outbox);
                 EventBridgeService events = EventBridgeService.start(template, new LocalTargetDispatcher(sqs, lambda, sns, null));
                 SqsEventSourcePoller poller = SqsEventSourcePoller.start(template, sqs, lambda,
                         new SqsEventSourcePoller.Options(1, Duration.ofMillis(100)))) {

                s3.client().putObject(b -> b.bucket("importsbucket").key("imports/orders.csv"), RequestBody.fromString("a,b"));
                eventually(WAIT, "the job function got the S3 notification", () -> !lambda.events("JobsFunction", SQSEvent.class).isEmpty());
                JsonNode notification = Jsons.parse(lambda.events("JobsFunction", SQSEvent.class).get(0).getRecords().get(0).getBody());
                assertThat(notification.path("Records").path(0).path("s3").path("object").path("key").asText()).isEqualTo("imports/orders.csv");

                events.publish("oms", "oms.fulfillment", "order.shipped", "{\"order_id\":\"ord_42\"}");
                eventually(WAIT, "the shipped email", () -> !outbox.list(1).isEmpty());
                assertThat(outbox.list(1).get(0).message()).isEqualTo("\"Order ord_42 has shipped\"");
                assertThat(outbox.list(1).get(0).destination()).isEqualTo("customer@example.com");

                List<String> nonDaemon = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> !before.contains(t) && !t.isDaemon() && t.isAlive()).map(Thread::getName).toList();
                assertThat(nonDaemon).isEmpty();
                assertThat(sqs.refs()).containsKey("JobsQueue");
                assertThat(s3.refs()).containsEntry("ImportsBucket", "importsbucket");
                assertThat(events.refs()).containsEntry("OmsBus", "oms");
                assertThat(sns.refs()).containsEntry("NotificationsTopic", LocalAws.topicArn("NotificationsTopic"));
            }
        }
    }
}
