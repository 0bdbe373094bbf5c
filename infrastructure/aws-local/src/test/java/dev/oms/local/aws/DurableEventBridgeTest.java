package dev.oms.local.aws;

import static dev.oms.local.aws.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.platform.template.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Deliveries accepted by PutEvents are journaled, and a new service on the same journal delivers what was left. */
class DurableEventBridgeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A dispatcher whose function target never returns (the process "dies" during the delivery). */
    static final class Hanging implements TargetDispatcher {
        final CountDownLatch never = new CountDownLatch(1);
        final List<Object> functionEvents = new CopyOnWriteArrayList<>();
        final List<String> queued = new CopyOnWriteArrayList<>();
        final boolean hang;

        Hanging(boolean hang) { this.hang = hang; }

        @Override public void sendToQueue(String queue, String body, String group) { queued.add(queue); }

        @Override public void invokeFunction(String function, Object event) throws Exception {
            functionEvents.add(event);
            if (hang) never.await();
        }

        @Override public void startExecution(String machine, String input) { }

        @Override public void publishToTopic(String topic, String message) { }
    }

    @Test
    void a_delivery_left_unfinished_is_delivered_by_the_next_run_and_a_finished_one_is_not() throws Exception {
        SamTemplate template = TestSupport.template("eventbridge-template.yaml");
        Path journal = Files.createTempDirectory("durable-eb").resolve("deliveries.jsonl");
        EventBridgeService.Options options = new EventBridgeService.Options(0, 100, 3, Duration.ofMillis(10)).withJournal(journal);

        Hanging first = new Hanging(true);
        EventBridgeService events = EventBridgeService.start(template, first, options);
        // a legacy event goes to SubscriberFunction (hangs: "crash" during delivery); a shipped one to a queue (delivered)
        events.publish("default", "legacy.system", "thing.happened", "{\"n\":1}");
        events.publish("oms", "oms.orders", "order.shipped", "{\"order_id\":\"ord_1\"}");
        eventually(WAIT, "the function invoked and the queue delivered", () -> first.functionEvents.size() == 1 && first.queued.size() == 1);
        // the queue delivery is journaled as done just after the send returns: wait for that, not only for the send
        eventually(WAIT, "the finished delivery journaled as done", () -> events.pendingInJournal() == 1);
        events.close();
        first.never.countDown();

        Hanging second = new Hanging(false);
        EventBridgeService again = EventBridgeService.start(template, second, options);
        try {
            assertThat(again.pendingInJournal()).isEqualTo(1);
            assertThat(again.resumePending()).isEqualTo(1);
            eventually(WAIT, "the unfinished delivery delivered again", () -> second.functionEvents.size() == 1);
            assertThat(again.awaitDeliveries(WAIT)).isTrue();
            assertThat(second.queued).isEmpty();
            assertThat(again.pendingInJournal()).isZero();
            assertThat(second.functionEvents.get(0).toString()).contains("legacy.system");
        } finally {
            again.close();
        }
        EventBridgeService third = EventBridgeService.start(template, second, options);
        try {
            assertThat(third.pendingInJournal()).isZero();
        } finally {
            third.close();
        }
    }
}
